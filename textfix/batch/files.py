"""Folders and globs: every file cleaned into the mirrored tree under an output folder.

Workers write the outputs themselves; the main process plans, hands out files, and records
each finished output in the journal (with its hash), so that two workers keep two cores busy.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from textfix.errors import OutputError

from ._file_tasks import FileDone, FileTask, commit_files, prepare_files
from ._interrupt import Interruption
from ._journal import Journal, sweep_temporaries, write_failures
from ._lock import RunLock
from ._pool import Task, WorkerPool
from ._recurring import count_files, describe, with_recurring
from ._review import REPORT_FOLDER, IndexEntry, ensure_folder, write_index, write_report
from .config import FAILURES_NAME, JOURNAL_NAME, LOCK_NAME, BatchConfig
from .inputs import InputFile, find_inputs, target_for
from .summary import BatchSummary, Failure, ProgressReporter, Silent

__all__ = ["run_files"]

#: Most files in one task of a worker.
FILES_PER_TASK = 8


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


def _same_file(info: os.stat_result, target: Path) -> bool:
    """Whether ``target`` is the input itself (a link to it, or a hard link): one ``stat``, no path resolution."""
    try:
        other = os.stat(target)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino)


class _Plan:
    """The inputs of a run, checked one by one as the workers ask for work: an output that is up
    to date (its hash read back) is skipped, a bad input reported. Checking as the run goes lets
    the workers start at once, also on a rerun over 100,000 outputs."""

    def __init__(
        self, found: tuple[list[InputFile], list[Failure]], outdir: Path, config: BatchConfig, journal: Journal,
        summary: BatchSummary, report: ProgressReporter,
    ) -> None:
        self.outdir, self.config, self.journal, self.summary, self.report = outdir, config, journal, summary, report
        self.documents: list[_Document] = []  # every input with an output, in input order
        self.todo: list[tuple[_Document, os.stat_result]] = []  # handed to the workers, by task index
        self.current: set[str] = set()  # keys whose output is up to date
        self.fingerprint = config.fingerprint()
        self._claimed: dict[Path, Path] = {}
        self._folders: set[Path] = set()
        self.started = time.time()  # temporaries older than this were left by a killed run
        inputs, failures = found
        summary.found = len(inputs) + len(failures)
        self.total = len(inputs)
        self.checked = 0
        self._inputs = iter(inputs)
        for failure in failures:
            self._fail(failure)

    def _fail(self, failure: Failure) -> None:
        self.summary.failures.append(failure)
        self.report.message(str(failure))

    def next_todo(self) -> int | None:
        """The index in :attr:`todo` of the next input to clean, or ``None`` when none is left."""
        for item in self._inputs:
            self.checked += 1
            document = self._check(item)
            if document is not None:
                self.todo.append(document)
                return len(self.todo) - 1
        return None

    def _check(self, item: InputFile) -> tuple[_Document, os.stat_result] | None:
        outdir, config = self.outdir, self.config
        target = target_for(outdir, item.relative)
        try:
            info = item.source.stat()
        except OSError as error:
            self._fail(Failure(str(item.source), f"cannot read: {error.strerror or error}"))
            return None
        if target in self._claimed:
            problem = f"{item.source} and {self._claimed[target]} would both be written to {target}"
            self._fail(Failure(str(item.source), problem))
            return None
        if _same_file(info, target):
            self._fail(Failure(str(item.source), f"refusing to overwrite it with its output {target}"))
            return None
        self._claimed[target] = item.source
        key = PurePath(item.relative.parent, target.name).as_posix()
        entry = outdir / REPORT_FOLDER / f"{key}.json" if config.report is not None else None
        page = config.pages / f"{key}.html" if config.pages is not None else None
        document = _Document(item, target, key, entry, page)
        self.documents.append(document)
        extras, needs = document.extras()
        if self.journal.is_current(key, info, target, self.fingerprint, extras=extras, needs=needs):
            self.summary.skipped += 1
            self.current.add(key)
            return None
        for path in (target, entry, page):
            if path is not None and path.parent not in self._folders:
                self._folders.add(path.parent)
                sweep_temporaries(path.parent, older_than=self.started)
        return document, info


class _FilesJob:
    """Hands files to the pool, a few per task, and records each output the workers wrote."""

    def __init__(
        self, plan: _Plan, config: BatchConfig, journal: Journal, summary: BatchSummary,
        report: ProgressReporter, interruption: Interruption, per_task: int, first: int,
    ) -> None:
        self.plan, self.config, self.journal, self.summary = plan, config, journal, summary
        self.report, self.interruption = report, interruption
        self.fingerprint = config.fingerprint()
        self.failed_at_start = summary.failed
        self.per_task = per_task
        self.first: int | None = first
        self.exhausted = False
        self.finished_count = 0

    def _file(self, index: int) -> FileTask:
        document, _ = self.plan.todo[index]
        config = self.config
        return FileTask(
            index, str(document.item.source), str(document.target), config.max_bytes,
            str(document.entry) if document.entry is not None else None,
            str(document.page) if document.page is not None else None,
            config.max_worker_mb, config.reading,
        )

    def next_task(self) -> Task | None:
        files: list[FileTask] = []
        while len(files) < self.per_task and not self.exhausted:
            index, self.first = (self.first, None) if self.first is not None else (self.plan.next_todo(), None)
            if index is None:
                self.exhausted = True
            else:
                files.append(self._file(index))
        self._progress_only()
        return Task(tuple(files), tuple(f.index for f in files)) if files else None

    def finished(self) -> bool:
        return self.exhausted

    def done(self, task: Task, result: Any) -> None:
        for done in result:
            self._record(done)

    def _record(self, done: FileDone) -> None:
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
        files: tuple[FileTask, ...] = task.payload
        document, _ = self.plan.todo[files[position].index]
        self._fail(document, reason)
        rest = files[:position] + files[position + 1 :]
        return Task(rest, tuple(f.index for f in rest)) if rest else None

    def lost(self, task: Task) -> None:
        for file in task.payload:
            document, _ = self.plan.todo[file.index]
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
        self._progress_only()

    def _progress_only(self) -> None:
        done = self.finished_count + self.summary.skipped + self.plan.checked - len(self.plan.documents)
        self.report.update(done, None, self.summary.failed - self.failed_at_start)


def _clean_files(
    plan: _Plan, first: int, config: BatchConfig, journal: Journal, summary: BatchSummary,
    report: ProgressReporter, interruption: Interruption, lock: RunLock,
) -> None:
    """Clean the planned inputs (from ``first`` on) in a pool of workers; each writes its outputs,
    the journal records them."""
    workers = min(config.workers, plan.total)
    # A few files per task keep the pipes quiet; few enough that the workers end together.
    per_task = max(1, min(FILES_PER_TASK, plan.total // (workers * 16)))
    job = _FilesJob(plan, config, journal, summary, report, interruption, per_task, first)

    def ready(pid: int, seconds: float) -> None:
        summary.worker_setup_seconds[pid] = seconds

    pool = WorkerPool(
        config, workers, prepare_files, commit_files, depth=2, on_ready=ready,
        close_in_workers=[lock.fd] if lock.fd is not None else [], guard=interruption.critical,
    )
    pool.run(job)


def _write_review(plan: _Plan, outdir: Path, config: BatchConfig, journal: Journal) -> None:
    """The report and the review index of every document whose output is current, in input order."""
    current = [d for d in plan.documents if d.key in plan.current]
    if config.report is not None:
        write_report(config.report, ((d.entry.read_bytes() if d.entry else b"") for d in current),
                     recurring=config.options.recurring)
    if config.pages is not None:
        entries = []
        for document in current:
            line = journal.entries.get(document.key, {})
            href = Path(os.path.relpath(document.page, config.pages)).as_posix() if document.page else ""
            entries.append(IndexEntry(str(document.item.source), href, str(line.get("language")),
                                      dict(line.get("changes") or {})))
        write_index(config.pages, entries)


def _with_recurring(
    config: BatchConfig, inputs: Sequence[InputFile], summary: BatchSummary, interruption: Interruption,
    lock: RunLock,
) -> BatchConfig:
    """``config`` with the recurring lines of all ``inputs`` (the run's first pass) in its options."""
    lines = count_files(inputs, config, guard=interruption.critical,
                        close_in_workers=[lock.fd] if lock.fd is not None else [])
    if lines is not None and len(lines):
        summary.recurring = describe(lines)
    return with_recurring(config, lines)


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
        plan: _Plan | None = None
        try:
            with interruption:
                found = find_inputs(specs, exclude=outdir)
                config = _with_recurring(config, found[0], summary, interruption, lock)
                plan = _Plan(found, outdir, config, journal, summary, report)
                report.start(plan.total, "files")
                first = plan.next_todo()  # no workers at all when everything is up to date
                if first is not None:
                    _clean_files(plan, first, config, journal, summary, report, interruption, lock)
        except KeyboardInterrupt:
            summary.interrupted = True
            summary.signal = interruption.signal or signal.SIGINT
        finally:
            journal.close()
            report.finish()
            summary.seconds = time.monotonic() - started
        if not summary.interrupted and plan is not None:
            try:
                _write_review(plan, outdir, config, journal)
            except OutputError as error:
                summary.failures.append(Failure(str(config.report or config.pages), str(error)))
        summary.written = summary.cleaned
        summary.failures_path = write_failures(outdir / FAILURES_NAME, summary.failures)
    return summary
