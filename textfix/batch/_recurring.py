"""The first pass of a corpus run: count the lines of every input, to find the site chrome.

The main process reads every input once more before the workers clean them (cheap next to
cleaning: lines are counted, nothing is segmented or detected), always over *all* the inputs
a run names, also those whose output is up to date: a rerun, or a run going on after an
interruption, sees the same lines as the run before and so cleans the remaining documents
the same way. The set reaches the workers in their options
(:attr:`textfix.options.Options.recurring`), so it is part of each output's fingerprint: a
change of the set redoes the outputs it changes.

An input that cannot be read is left out of the count; the cleaning pass reports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from textfix.debris.recurring import RecurringCounter, RecurringLines
from textfix.errors import TextfixError
from textfix.read import decode_text, read_path

from ._records import parse_record
from .config import BatchConfig
from .inputs import InputFile

__all__ = ["count_files", "count_records", "describe", "with_recurring"]


def with_recurring(config: BatchConfig, lines: RecurringLines | None) -> BatchConfig:
    """``config`` whose options hold ``lines`` (none found: as without recurring lines)."""
    found = lines if lines is not None and len(lines) else None
    return replace(config, options=replace(config.options, recurring=found))


def _counting(config: BatchConfig, documents: int) -> bool:
    return config.recurring != 0 and documents >= 2


def count_files(inputs: Sequence[InputFile], config: BatchConfig) -> RecurringLines | None:
    """The recurring lines of the files, read as the workers will read them (``None``: off)."""
    if not _counting(config, len(inputs)):
        return None
    counter = RecurringCounter()
    for item in inputs:
        try:
            decoded = read_path(item.source, max_bytes=config.max_bytes, options=config.reading)
        except TextfixError:
            continue
        counter.add(decoded.text, repair=config.options.repair)
    return counter.result(config.recurring)


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

