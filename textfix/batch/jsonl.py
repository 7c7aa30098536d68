"""JSON Lines: records streamed through the pool in bounded memory, written back in input order."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from textfix.errors import OutputError
from textfix.output import open_temporary

from ._journal import Journal, sweep_temporaries, write_failures
from ._pool import Interruption, clean_chunk_task, make_pool
from .config import BatchConfig
from .summary import BatchSummary, Failure, ProgressReporter, Silent

__all__ = ["run_jsonl"]


def _read_records(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, raw line, offset after it)`` for each non-blank line, reading at most
    ``max_bytes + 1`` bytes of any line: a longer line is skipped, its raw line ``None``."""
    number = 0
    offset = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        offset += len(raw)
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the huge line
                raw = stream.readline(1024 * 1024)
                offset += len(raw)
            yield number, None, offset
        elif raw.strip():
            yield number, raw, offset


def _chunks(
    records: Iterable[tuple[int, bytes | None, int]], max_records: int, max_bytes: int
) -> Iterator[tuple[list[tuple[int, bytes | None]], int]]:
    chunk: list[tuple[int, bytes | None]] = []
    size = 0
    offset = 0
    for number, raw, offset in records:
        chunk.append((number, raw))
        size += len(raw or b"")
        if len(chunk) >= max_records or size >= max_bytes:
            yield chunk, offset
            chunk, size = [], 0
    if chunk:
        yield chunk, offset


def _bounded(items: Iterable[Any], slots: threading.Semaphore, stop: threading.Event) -> Iterator[Any]:
    """Yield each item only when a slot is free (``Pool.imap`` would otherwise read ahead
    through the whole input); end early once ``stop`` is set."""
    for item in items:
        slots.acquire()
        if stop.is_set():
            return
        yield item


class _AtomicStream:
    """A text file written in pieces to a temporary file beside ``path``, renamed on commit."""

    def __init__(self, path: Path) -> None:
        handle, temporary = open_temporary(path)
        self.path, self.temporary = path, Path(temporary)
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        self.stream.close()
        self.temporary.unlink(missing_ok=True)


def _stream_records(
    stream: IO[bytes],
    out: TextIO,
    source: Path,
    size: int,
    field_name: str,
    config: BatchConfig,
    summary: BatchSummary,
    report: ProgressReporter,
) -> None:
    """Clean the records of ``stream`` in a pool, chunk by chunk, writing them to ``out`` in order."""
    in_flight = config.workers * 4
    slots, stop = threading.Semaphore(in_flight), threading.Event()
    chunks = _chunks(_read_records(stream, config.max_bytes), config.chunk_records, config.chunk_bytes)
    tasks = ((items, end, field_name, config.max_bytes, config.reading) for items, end in _bounded(chunks, slots, stop))
    pool = make_pool(config, config.workers)
    try:
        for outcome in pool.imap(clean_chunk_task, tasks):
            slots.release()
            if outcome.setup_seconds is not None:
                summary.worker_setup_seconds[outcome.pid] = outcome.setup_seconds
            for line in outcome.lines:
                summary.found += 1
                if line.output is not None:
                    out.write(line.output + "\n")
                if line.error is not None:
                    failure = Failure(str(source), line.error, line.line)
                    summary.failures.append(failure)
                    report.message(str(failure))
                elif line.summary is not None:
                    summary.add(line.summary)
            report.update(summary.found, outcome.end_offset / size if size else None, summary.failed)
        pool.close()
    except BaseException:
        stop.set()  # unblock the pool's feeder thread so that the pool can stop
        slots.release(in_flight + 1)
        pool.terminate()
        raise
    finally:
        pool.join()


def run_jsonl(
    source: Path,
    target: Path | None,
    field_name: str = "text",
    config: BatchConfig | None = None,
    progress: ProgressReporter | None = None,
    *,
    stdout: TextIO | None = None,
) -> BatchSummary:
    """Clean the ``field_name`` of every record of the JSON Lines file ``source``, in order.

    Each output line is the input record with every field kept, plus ``<field>_clean`` and
    ``textfix`` (a summary, or ``{"error": ...}`` for a record that could not be cleaned).
    Lines that are not JSON objects, or longer than ``config.max_bytes``, are left out and
    listed as failures with their line number. Memory stays bounded: records are read
    lazily and only a few chunks per worker are in flight. ``target`` is written atomically
    (skipped when up to date); ``None`` streams to ``stdout``. Raises :class:`OutputError`
    when ``target`` cannot be written or is ``source`` itself.
    """
    config = config or BatchConfig()
    if target is not None and target.resolve() == source.resolve():
        raise OutputError(f"{target}: refusing to overwrite the input with its output")
    report: ProgressReporter = progress or Silent()
    started = time.monotonic()
    summary = BatchSummary(unit="records")
    try:
        info = source.stat()
        stream = source.open("rb")
    except OSError as error:
        problem = "no such file" if isinstance(error, FileNotFoundError) else f"cannot read: {error.strerror or error}"
        summary.failures.append(Failure(str(source), problem))
        return summary
    fingerprint = f"{config.fingerprint()}:{field_name}"
    journal = Journal(target.parent / f".{target.name}.textfix-journal.jsonl") if target is not None else None
    if target is not None and journal is not None:
        if journal.is_current(target.name, info, target, fingerprint):
            stream.close()
            return BatchSummary(found=1, skipped=1)
        sweep_temporaries(target.parent)
    writer: _AtomicStream | None = None
    interruption = Interruption()
    report.start(None, "records")
    try:
        with stream, interruption:
            writer = _AtomicStream(target) if target is not None else None
            out = writer.stream if writer is not None else (stdout or sys.stdout)
            _stream_records(stream, out, source, info.st_size, field_name, config, summary, report)
            out.flush()
            if writer is not None and journal is not None and target is not None:
                with interruption.critical():
                    writer.commit()
                    writer = None
                    journal.record(target.name, info, fingerprint)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.signal = interruption.signal or signal.SIGINT
    finally:
        if writer is not None:
            writer.discard()
        if journal is not None:
            journal.close()
        report.finish()
        summary.seconds = time.monotonic() - started
    if target is not None and not summary.interrupted:
        summary.failures_path = write_failures(target.with_name(f"{target.stem}.failures.jsonl"), summary.failures)
    return summary
