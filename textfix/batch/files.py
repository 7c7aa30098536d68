"""Folders and globs: every file cleaned into the mirrored tree under an output folder.

Workers write the outputs themselves; the main process plans, hands out files, and records
each finished output in the journal (with its hash), so that two workers keep two cores busy.
"""

from __future__ import annotations

import collections
import os
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textfix.errors import OutputError

from ._file_tasks import FileDone, FileTask, commit_file, prepare_file
from ._interrupt import Interruption
from ._journal import Journal, sweep_temporaries, write_failures
from ._lock import RunLock
from ._pool import Task, WorkerPool
from ._review import REPORT_FOLDER, IndexEntry, ensure_folder, write_index, write_report
from .config import FAILURES_NAME, JOURNAL_NAME, LOCK_NAME, BatchConfig
from .inputs import InputFile, find_inputs, target_for
from .summary import BatchSummary, Failure, ProgressReporter, Silent

__all__ = ["run_files"]


@dataclass(frozen=True)
class _Document:
    """An input with its output, journal key, report entry and review page locations."""

    item: InputFile
    target: Path
    key: str
    entry: Path | None
    page: Path | None

    def extras(self) -> tuple[dict[str, object], list[Path]]:
        """What the journal line must say, and which files must exist, for the output to be current."""
        extras: dict[str, object] = {}
        needs: list[Path] = []
        if self.entry is not None:
            extras["report"] = True
            needs.append(self.entry)
        if self.page is not None:
            extras["page"] = str(self.page)
            needs.append(self.page)
        return extras, needs


@dataclass
class _Plan:
    documents: list[_Document] = field(default_factory=list)  # every input with an output, in order
    todo: list[tuple[_Document, os.stat_result]] = field(default_factory=list)
    current: set[str] = field(default_factory=set)  # keys whose output is up to date after the run


def _plan(
    specs: Sequence[str], outdir: Path, config: BatchConfig, journal: Journal, summary: BatchSummary,
    report: ProgressReporter,
) -> _Plan:
    """The inputs still to clean, with their targets; counts skipped ones, reports bad ones."""
    inputs, failures = find_inputs(specs, exclude=outdir)
    summary.found = len(inputs) + len(failures)
    fingerprint = config.fingerprint()
    plan = _Plan()
    claimed: dict[Path, Path] = {}
    folders: set[Path] = set()
    for item in inputs:
        target = target_for(outdir, item.relative)
        try:
            info = item.source.stat()
        except OSError as error:
            failures.append(Failure(str(item.source), f"cannot read: {error.strerror or error}"))
            continue
        if target in claimed:
            problem = f"{item.source} and {claimed[target]} would both be written to {target}"
            failures.append(Failure(str(item.source), problem))
            continue
        if item.source.resolve() == target.resolve():
            failures.append(Failure(str(item.source), f"refusing to overwrite it with its output {target}"))
            continue
        claimed[target] = item.source
        key = target.relative_to(outdir).as_posix()
        entry = outdir / REPORT_FOLDER / f"{key}.json" if config.report is not None else None
        page = config.pages / f"{key}.html" if config.pages is not None else None
        document = _Document(item, target, key, entry, page)
        plan.documents.append(document)
        extras, needs = document.extras()
        if journal.is_current(key, info, target, fingerprint, extras=extras, needs=needs):
            summary.skipped += 1
            plan.current.add(key)
            continue
        for path in (target, entry, page):
            if path is not None and path.parent not in folders:
                folders.add(path.parent)
                sweep_temporaries(path.parent)
        plan.todo.append((document, info))
    for failure in failures:
        summary.failures.append(failure)
        report.message(str(failure))
    return plan


class _FilesJob:
    """Hands files to the pool and records each output the workers wrote."""

    def __init__(
        self, plan: _Plan, config: BatchConfig, journal: Journal, summary: BatchSummary,
        report: ProgressReporter, interruption: Interruption,
    ) -> None:
        self.plan, self.journal, self.summary = plan, journal, summary
        self.report, self.interruption = report, interruption
        self.fingerprint = config.fingerprint()
        self.failed_at_start = summary.failed
        self.finished_count = 0
        self.queue = collections.deque(
            FileTask(
                index, str(document.item.source), str(document.target), config.max_bytes,
                str(document.entry) if document.entry is not None else None,
                str(document.page) if document.page is not None else None,
                config.max_worker_mb, config.reading,
            )
            for index, (document, _) in enumerate(plan.todo)
        )

    def next_task(self) -> Task | None:
        if not self.queue:
            return None
        task = self.queue.popleft()
        return Task(task, (task.index,))

    def finished(self) -> bool:
        return not self.queue

    def done(self, task: Task, result: Any) -> None:
        done: FileDone = result
        document, info = self.plan.todo[done.index]
        if done.error is not None or done.summary is None:
            self._fail(document, done.error or "no output")
            return
        with self.interruption.critical():  # an output recorded is an output counted
            try:
                self.journal.record(
                    document.key, info, self.fingerprint, sha256=done.sha256, size=done.size,
                    language=done.language, changes=done.changes, report=document.entry is not None,
                    page=str(document.page) if document.page is not None else None,
                )
            except OSError as error:
                raise OutputError(f"{self.journal.path}: cannot write: {error.strerror or error}") from error
            self.summary.add(done.summary)
            self.plan.current.add(document.key)
        self._progress()

    def abandon(self, task: Task, position: int, reason: str) -> Task | None:
        document, _ = self.plan.todo[task.payload.index]
        self._fail(document, reason)
        return None

    def lost(self, task: Task) -> None:
        document, _ = self.plan.todo[task.payload.index]
        for path in (document.target, document.entry, document.page):
            if path is not None:
                sweep_temporaries(path.parent, path.name)

    def _fail(self, document: _Document, error: str) -> None:
        failure = Failure(str(document.item.source), error)
        self.summary.failures.append(failure)
        self.report.message(str(failure))
        self._progress()

    def _progress(self) -> None:
        self.finished_count += 1
        self.report.update(self.finished_count, None, self.summary.failed - self.failed_at_start)


def _clean_files(
    plan: _Plan, config: BatchConfig, journal: Journal, summary: BatchSummary, report: ProgressReporter,
    interruption: Interruption, lock: RunLock,
) -> None:
    """Clean ``plan.todo`` in a pool of workers; each writes its outputs, the journal records them."""
    job = _FilesJob(plan, config, journal, summary, report, interruption)

    def ready(pid: int, seconds: float) -> None:
        summary.worker_setup_seconds[pid] = seconds

    pool = WorkerPool(
        config, min(config.workers, len(plan.todo)), prepare_file, commit_file, depth=2, on_ready=ready,
        close_in_workers=[lock.fd] if lock.fd is not None else [],
    )
    pool.run(job)


def _write_review(plan: _Plan, outdir: Path, config: BatchConfig, journal: Journal) -> None:
    """The report and the review index of every document whose output is current, in input order."""
    current = [d for d in plan.documents if d.key in plan.current]
    if config.report is not None:
        write_report(config.report, ((d.entry.read_bytes() if d.entry else b"") for d in current))
    if config.pages is not None:
        entries = []
        for document in current:
            line = journal.entries.get(document.key, {})
            href = Path(os.path.relpath(document.page, config.pages)).as_posix() if document.page else ""
            entries.append(IndexEntry(str(document.item.source), href, str(line.get("language")),
                                      dict(line.get("changes") or {})))
        write_index(config.pages, entries)


def run_files(
    specs: Sequence[str],
    outdir: Path,
    config: BatchConfig | None = None,
    progress: ProgressReporter | None = None,
) -> BatchSummary:
    """Clean every file under ``specs`` (folders, globs, files) into the mirrored tree under ``outdir``.

    Outputs that are complete, up to date and undamaged (their hash) are skipped. Failures are
    collected (and written to ``outdir/failures.jsonl``), never raised: a file that kills its
    worker twice or takes longer than ``config.timeout_per_file`` is one of them, and the run
    goes on. On SIGINT or SIGTERM the workers stop, nothing partial is left behind, and the
    summary says ``interrupted``. Raises :class:`OutputError` when ``outdir`` cannot be created
    or another run holds it (:class:`~._lock.RunLockedError`), or the report cannot be written.
    """
    config = config or BatchConfig()
    report: ProgressReporter = progress or Silent()
    started = time.monotonic()
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: not a folder (folders and globs need a folder for --output)")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{outdir}: cannot create folder: {error.strerror or error}") from error
    if config.pages is not None:
        ensure_folder(config.pages, "review pages")
    summary = BatchSummary()
    with RunLock(outdir / LOCK_NAME, outdir) as lock:
        journal = Journal(outdir / JOURNAL_NAME)
        interruption = Interruption()
        plan = _Plan()
        try:
            with interruption:
                plan = _plan(specs, outdir, config, journal, summary, report)
                report.start(len(plan.todo), "files")
                if plan.todo:
                    _clean_files(plan, config, journal, summary, report, interruption, lock)
        except KeyboardInterrupt:
            summary.interrupted = True
            summary.signal = interruption.signal or signal.SIGINT
        finally:
            journal.close()
            report.finish()
            summary.seconds = time.monotonic() - started
        if not summary.interrupted:
            try:
                _write_review(plan, outdir, config, journal)
            except OutputError as error:
                summary.failures.append(Failure(str(config.report or config.pages), str(error)))
        summary.written = summary.cleaned
        summary.failures_path = write_failures(outdir / FAILURES_NAME, summary.failures)
    return summary
