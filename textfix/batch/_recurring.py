"""The first pass of a corpus run: count the lines of every input, to find the site chrome.

The main process reads every input once more before the workers clean them (cheap next to
cleaning: lines are counted, nothing is segmented or detected), always over *all* the inputs
a run names, also those whose output is up to date: a rerun, or a run going on after an
interruption, sees the same lines as the run before and so cleans the remaining documents
the same way. The set reaches the workers in their options
(:attr:`textfix.options.Options.recurring`), so it is part of each output's fingerprint: a
change of the set redoes the outputs it changes.

An input that cannot be read is left out of the count; the cleaning pass reports it. Pages
(``.html``) are counted by a pool of workers (:func:`count_files`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from textfix.debris.recurring import DocumentLines, RecurringCounter, RecurringLines, document_lines
from textfix.errors import TextfixError
from textfix.model import Result
from textfix.options import Options
from textfix.read import Decoded, ReadOptions, decode_text, read_path

from ._pool import Task, WorkerPool
from ._records import parse_record
from ._worker import READING, Mark
from .config import BatchConfig, Processor
from .inputs import InputFile

#: What a run wraps every message and its recording in (``Interruption.critical``).
Guard = Callable[[], AbstractContextManager[None]]
#: Files whose article must be found before their lines can be counted.
_PAGES = (".html", ".htm", ".xhtml")
#: Files per task of the counting pool.
_FILES_PER_TASK = 8

__all__ = ["count_files", "count_records", "describe", "with_recurring"]


def with_recurring(config: BatchConfig, lines: RecurringLines | None) -> BatchConfig:
    """``config`` whose options hold ``lines`` (none found: as without recurring lines)."""
    found = lines if lines is not None and len(lines) else None
    return replace(config, options=replace(config.options, recurring=found))


def _counting(config: BatchConfig, documents: int) -> bool:
    return config.recurring != 0 and documents >= 2


def count_files(
    inputs: Sequence[InputFile], config: BatchConfig, *, guard: Guard = contextlib.nullcontext,
    close_in_workers: Sequence[int] = (),
) -> RecurringLines | None:
    """The recurring lines of the files, read as the workers will read them (``None``: off).

    Text files are counted here (reading and counting cost about 1% of cleaning them). Pages
    are counted by a pool of workers when the run has several: finding a page's article is
    most of the cost of cleaning it, and one process doing it for every page before the
    workers start would make an HTML run with two workers twice as slow. ``guard`` and
    ``close_in_workers`` are the run's (see :class:`~._pool.WorkerPool`).
    """
    if not _counting(config, len(inputs)):
        return None
    pages = sum(item.source.suffix.lower() in _PAGES for item in inputs)
    if config.workers > 1 and pages >= 2 * config.workers:
        job = _CountJob([str(item.source) for item in inputs], config)
        pool = WorkerPool(replace(config, setup=_counting_setup), min(config.workers, len(inputs)), _prepare_count,
                          _commit_count, depth=2, close_in_workers=close_in_workers, guard=guard)
        pool.run(job)
        return job.counter.result(config.recurring)
    counter = RecurringCounter()
    for item in inputs:
        lines = _file_lines(str(item.source), config.max_bytes, config.reading, config.options.repair)
        if lines is not None:
            counter.add_lines(lines)
    return counter.result(config.recurring)


def _file_lines(source: str, max_bytes: int, reading: ReadOptions, repair: bool) -> DocumentLines | None:
    try:
        return document_lines(read_path(source, max_bytes=max_bytes, options=reading).text, repair=repair)
    except TextfixError:
        return None  # the cleaning pass reports it


@dataclass(frozen=True)
class _CountTask:
    """Files whose lines a worker counts."""

    sources: tuple[str, ...]
    max_bytes: int
    reading: ReadOptions
    repair: bool


def _counting_setup(options: Options) -> Processor:
    """The counting pass needs no cleaner: its workers only read and count."""
    return _no_cleaning


def _no_cleaning(decoded: Decoded) -> Result:  # pragma: no cover - a counting worker never cleans
    raise RuntimeError("a counting worker does not clean")


def _prepare_count(processor: Processor, task: _CountTask, mark: Mark) -> list[DocumentLines | None]:
    counted = []
    for position, source in enumerate(task.sources):
        mark(position, READING)
        counted.append(_file_lines(source, task.max_bytes, task.reading, task.repair))
    return counted


def _commit_count(counted: list[DocumentLines | None], mark: Mark) -> list[DocumentLines | None]:
    return counted


class _CountJob:
    """Hands the files to the counting pool a few at a time; counts what comes back, in any order
    (a count does not depend on it). A file that kills its worker twice or takes too long is not
    counted (the cleaning pass fails it the same way)."""

    def __init__(self, sources: list[str], config: BatchConfig) -> None:
        self.sources, self.config = sources, config
        self.counter = RecurringCounter()
        self.position = 0

    def next_task(self) -> Task | None:
        if self.position >= len(self.sources):
            return None
        start, self.position = self.position, min(self.position + _FILES_PER_TASK, len(self.sources))
        config = self.config
        payload = _CountTask(tuple(self.sources[start : self.position]), config.max_bytes, config.reading,
                             config.options.repair)
        return Task(payload, tuple(range(start, self.position)))

    def finished(self) -> bool:
        return self.position >= len(self.sources)

    def done(self, task: Task, result: Any) -> None:
        for lines in result:
            if lines is not None:
                self.counter.add_lines(lines)

    def abandon(self, task: Task, position: int, reason: str) -> Task | None:
        payload: _CountTask = task.payload
        sources = payload.sources[:position] + payload.sources[position + 1 :]
        items = task.items[:position] + task.items[position + 1 :]
        return Task(replace(payload, sources=sources), items) if sources else None

    def lost(self, task: Task) -> None:
        pass


def count_records(source: Path, field: str, config: BatchConfig) -> RecurringLines | None:
    """The recurring lines of a JSON Lines file's records, streamed (``None``: off or unreadable)."""
    if config.recurring == 0:
        return None
    counter = RecurringCounter()
    try:
        with source.open("rb") as stream:
            while raw := stream.readline(config.max_bytes + 1):
                if len(raw) > config.max_bytes and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):  # over the limit: the cleaning pass reports it
                        raw = stream.readline(1024 * 1024)
                    continue
                if not raw.strip():
                    continue
                record = parse_record(raw)
                text = record.get(field) if isinstance(record, dict) else None
                if isinstance(text, str):
                    try:
                        counter.add(decode_text(text, options=config.reading).text, repair=config.options.repair)
                    except TextfixError:
                        continue
    except OSError:
        return None  # the cleaning pass reports the input
    if counter.documents < 2:
        return None
    return counter.result(config.recurring)


def describe(lines: RecurringLines) -> str:
    """The line of a run's summary about its recurring lines."""
    return (f"{len(lines)} recurring line{'s' if len(lines) != 1 else ''} (in at least {lines.min_documents} of "
            f"{lines.documents} documents) removed as site chrome")

