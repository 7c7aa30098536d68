"""Folders and globs: every file cleaned into the mirrored tree under an output folder."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path

from textfix.errors import OutputError
from textfix.output import write_atomic

from ._journal import Journal, sweep_temporaries, write_failures
from ._pool import Interruption, clean_file_task, make_pool
from .config import FAILURES_NAME, JOURNAL_NAME, BatchConfig
from .inputs import InputFile, find_inputs, target_for
from .summary import BatchSummary, Failure, ProgressReporter, Silent

__all__ = ["run_files"]

_Todo = tuple[InputFile, Path, os.stat_result]


def _plan(
    specs: Sequence[str],
    outdir: Path,
    config: BatchConfig,
    journal: Journal,
    summary: BatchSummary,
    report: ProgressReporter,
) -> list[_Todo]:
    """The inputs still to clean, with their targets; counts skipped ones, reports bad ones."""
    inputs, failures = find_inputs(specs, exclude=outdir)
    summary.found = len(inputs) + len(failures)
    fingerprint = config.fingerprint()
    todo: list[_Todo] = []
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
        if journal.is_current(target.relative_to(outdir).as_posix(), info, target, fingerprint):
            summary.skipped += 1
            continue
        if target.parent not in folders:
            folders.add(target.parent)
            sweep_temporaries(target.parent)
        todo.append((item, target, info))
    for failure in failures:
        summary.failures.append(failure)
        report.message(str(failure))
    return todo


def _clean_files(
    todo: Sequence[_Todo],
    outdir: Path,
    config: BatchConfig,
    journal: Journal,
    summary: BatchSummary,
    report: ProgressReporter,
    interruption: Interruption,
) -> None:
    """Clean ``todo`` in a pool, writing each output as it arrives (in order of completion)."""
    fingerprint = config.fingerprint()
    failed_at_start = summary.failed
    workers = min(config.workers, len(todo))
    tasks = [(i, str(item.source), config.max_bytes, config.reading) for i, (item, _, _) in enumerate(todo)]
    chunk = max(1, min(8, len(tasks) // (workers * 16)))
    pool = make_pool(config, workers)
    try:
        for done, outcome in enumerate(pool.imap_unordered(clean_file_task, tasks, chunksize=chunk), 1):
            if outcome.setup_seconds is not None:
                summary.worker_setup_seconds[outcome.pid] = outcome.setup_seconds
            item, target, info = todo[outcome.index]
            error = outcome.error
            if error is None and outcome.output is not None:
                try:
                    with interruption.critical():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        write_atomic(target, outcome.output, durable=False)
                        journal.record(target.relative_to(outdir).as_posix(), info, fingerprint)
                except OutputError as problem:
                    error = str(problem)
                except OSError as problem:
                    error = f"{target}: cannot write: {problem.strerror or problem}"
                else:
                    summary.add(outcome.summary or {})
            if error is not None or outcome.output is None:
                failure = Failure(str(item.source), error or "no output")
                summary.failures.append(failure)
                report.message(str(failure))
            report.update(done, None, summary.failed - failed_at_start)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def run_files(
    specs: Sequence[str],
    outdir: Path,
    config: BatchConfig | None = None,
    progress: ProgressReporter | None = None,
) -> BatchSummary:
    """Clean every file under ``specs`` (folders, globs, files) into the mirrored tree under ``outdir``.

    Outputs that are complete and up to date are skipped. Failures are collected (and
    written to ``outdir/failures.jsonl``), never raised. On SIGINT or SIGTERM the pool
    stops, nothing partial is left behind, and the summary says ``interrupted``.
    Raises :class:`OutputError` only when ``outdir`` itself cannot be created.
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
    summary = BatchSummary()
    journal = Journal(outdir / JOURNAL_NAME)
    interruption = Interruption()
    try:
        with interruption:
            todo = _plan(specs, outdir, config, journal, summary, report)
            report.start(len(todo), "files")
            if todo:
                _clean_files(todo, outdir, config, journal, summary, report, interruption)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.signal = interruption.signal or signal.SIGINT
    finally:
        journal.close()
        report.finish()
        summary.seconds = time.monotonic() - started
    summary.failures_path = write_failures(outdir / FAILURES_NAME, summary.failures)
    return summary
