"""JSON Lines: records streamed through the pool in bounded memory, written back in input order.

With an output file the run is resumable (:mod:`._partial`): what was done survives an
interruption, and the rerun goes on from there. Workers parse, clean and serialise records;
the main process only appends their lines in order.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, TextIO

from textfix.errors import OptionsError, OutputError

from ._interrupt import Interruption
from ._journal import Journal, file_sha256, sweep_temporaries, write_failures
from ._lock import RunLock
from ._partial import Checkpoint, PartialRun
from ._pool import Task, WorkerPool
from ._records import ChunkTask, LineDone, commit_chunk, failed_line, prepare_chunk
from ._recurring import count_records, describe, with_recurring
from ._review import IndexEntry, ensure_folder, write_index, write_report
from .config import BatchConfig
from .summary import COUNTS, BatchSummary, Failure, ProgressReporter, Silent

__all__ = ["run_jsonl"]

#: Seconds between two checkpoints of a resumable run.
CHECKPOINT_EVERY = 1.0


def _read_records(stream: IO[bytes], max_bytes: int, line: int = 0) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, raw line, offset after it)`` for each non-blank line from where ``stream``
    is (after line ``line``), reading at most ``max_bytes + 1`` bytes of any line: a longer
    line is skipped, its raw line ``None``."""
    number = line
    offset = stream.tell()
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


@dataclass
class _Chunk:
    raws: dict[int, bytes | None]
    end: int
    done: dict[int, LineDone] = field(default_factory=dict)

    def complete(self) -> bool:
        return len(self.done) == len(self.raws)


class _Sink:
    """Where the lines of finished chunks go: a resumable partial run, or a stream."""

    def __init__(self, partial: PartialRun | None, checkpoint: Checkpoint, stream: TextIO | None) -> None:
        self.partial, self.checkpoint, self.stream = partial, checkpoint, stream
        self._saved = time.monotonic()

    def write(self, chunk: _Chunk, source: Path, summary: BatchSummary) -> list[Failure]:
        output, entries, index, failures = [], [], [], []
        for line in sorted(chunk.done):
            done = chunk.done[line]
            summary.found += 1
            if done.output is not None:
                output.append(done.output)
                summary.written += 1
            if done.error is not None:
                failures.append(Failure(str(source), done.error, line))
            elif done.summary is not None:
                summary.add(done.summary)
            if done.entry is not None:
                entries.append(done.entry + b"\n")
            if done.index is not None:
                index.append(json.dumps(done.index, ensure_ascii=False).encode("utf-8") + b"\n")
        summary.failures.extend(failures)
        self.checkpoint.offset, self.checkpoint.line = chunk.end, max(chunk.raws)
        if self.partial is None:
            assert self.stream is not None
            self.stream.write(b"".join(output).decode("utf-8"))
            return failures
        self.partial.append("output", b"".join(output))
        self.partial.append("report", b"".join(entries))
        self.partial.append("index", b"".join(index))
        self.partial.append("failures", b"".join(
            json.dumps(f.to_json(), ensure_ascii=False).encode("utf-8") + b"\n" for f in failures))
        if time.monotonic() - self._saved >= CHECKPOINT_EVERY:
            self.save(summary)
        return failures

    def save(self, summary: BatchSummary) -> None:
        if self.partial is not None:
            self.checkpoint.counts = {name: getattr(summary, name) for name in COUNTS}
            self.partial.save(self.checkpoint)
            self._saved = time.monotonic()


class _RecordsJob:
    """Hands chunks of records to the pool and writes finished chunks in input order."""

    def __init__(
        self, chunks: Iterator[tuple[list[tuple[int, bytes | None]], int]], template: ChunkTask, sink: _Sink,
        source: Path, size: int, summary: BatchSummary, report: ProgressReporter, interruption: Interruption,
        limit: int,
    ) -> None:
        self.source_chunks, self.template, self.sink = chunks, template, sink
        self.source, self.size, self.summary, self.report = source, size, summary, report
        self.interruption, self.limit = interruption, limit
        self.chunks: dict[int, _Chunk] = {}
        self.handed = self.written = 0
        self.exhausted = False

    def next_task(self) -> Task | None:
        if self.exhausted or len(self.chunks) >= self.limit:
            return None
        following = next(self.source_chunks, None)
        if following is None:
            self.exhausted = True
            return None
        items, end = following
        number = self.handed
        self.handed += 1
        self.chunks[number] = _Chunk(dict(items), end)
        return Task(replace(self.template, items=tuple(items)), tuple((number, line) for line, _ in items))

    def finished(self) -> bool:
        return self.exhausted

    def done(self, task: Task, result: Any) -> None:
        chunk = self.chunks[task.items[0][0]]
        for line in result:
            chunk.done[line.line] = line
        self._flush()

    def abandon(self, task: Task, position: int, reason: str) -> Task | None:
        number, line = task.items[position]
        chunk = self.chunks[number]
        chunk.done[line] = failed_line(
            line, chunk.raws[line], reason, overwrite=self.template.overwrite, field=self.template.field
        )
        rest = task.payload.without(position)
        self._flush()
        return Task(rest, task.items[:position] + task.items[position + 1 :]) if rest.items else None

    def lost(self, task: Task) -> None:
        if self.template.pages is not None:
            for _, line in task.items:
                sweep_temporaries(Path(self.template.pages), f"{self.template.stem}-{line}.html")

    def _flush(self) -> None:
        while self.written in self.chunks and self.chunks[self.written].complete():
            chunk = self.chunks.pop(self.written)
            self.written += 1
            with self.interruption.critical():
                failures = self.sink.write(chunk, self.source, self.summary)
            for failure in failures:
                self.report.message(str(failure))
            self.report.update(self.summary.found, chunk.end / self.size if self.size else None, self.summary.failed)


def _stream_records(
    stream: IO[bytes], sink: _Sink, source: Path, size: int, template: ChunkTask, config: BatchConfig,
    summary: BatchSummary, report: ProgressReporter, interruption: Interruption, close: list[int],
) -> None:
    """Clean the records of ``stream`` (from the sink's checkpoint on) in a pool, in order."""
    records = _read_records(stream, config.max_bytes, sink.checkpoint.line)
    chunks = _chunks(records, config.chunk_records, config.chunk_bytes)
    job = _RecordsJob(chunks, template, sink, source, size, summary, report, interruption, config.workers * 4)

    def ready(pid: int, seconds: float) -> None:
        summary.worker_setup_seconds[pid] = seconds

    # One chunk per worker at a time: a chunk may be larger than a pipe's buffer.
    pool = WorkerPool(config, config.workers, prepare_chunk, commit_chunk, depth=1, on_ready=ready,
                      close_in_workers=close, guard=interruption.critical)
    pool.run(job)


def _publish(
    partial: PartialRun, target: Path, sink: _Sink, config: BatchConfig, journal: Journal, info: os.stat_result,
    fingerprint: str, summary: BatchSummary,
) -> None:
    """The whole input is done: the output becomes the target; then the failures, report and index."""
    sink.save(summary)
    partial.close()
    os.replace(partial.path("output"), target)
    extras: dict[str, object] = {}
    try:
        if config.report is not None:
            write_report(config.report, partial.lines("report"), recurring=config.options.recurring)
            extras["report"] = str(config.report)
        if config.pages is not None:
            entries = [IndexEntry(*json.loads(line)) for line in partial.lines("index")]
            write_index(config.pages, entries)
            extras["pages"] = str(config.pages)
    except OutputError as error:
        summary.failures.append(Failure(str(config.report or config.pages), str(error)))
    journal.record(target.name, info, fingerprint, sha256=file_sha256(target), size=target.stat().st_size, **extras)
    partial.discard()


def _review_extras(config: BatchConfig) -> tuple[dict[str, object], list[Path]]:
    extras: dict[str, object] = {}
    needs: list[Path] = []
    if config.report is not None:
        extras["report"] = str(config.report)
        needs.append(config.report)
    if config.pages is not None:
        extras["pages"] = str(config.pages)
        needs.append(config.pages / "index.html")
    return extras, needs


def _restore(summary: BatchSummary, checkpoint: Checkpoint, partial: PartialRun) -> None:
    """The counts and failures of the interrupted run this one goes on with."""
    for name, value in checkpoint.counts.items():
        setattr(summary, name, value)
    summary.resumed = summary.found
    for line in partial.lines("failures"):
        data = json.loads(line)
        summary.failures.append(Failure(str(data["input"]), str(data["error"]), data.get("line")))


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
    ``textfix`` (a summary, or ``{"error": ...}`` for a record that could not be cleaned);
    records that cannot be written back as valid JSON are left out (see :mod:`._records`).
    Each problem is a failure with its line number. Memory stays bounded: records are read
    lazily and only a few chunks per worker are in flight. ``target`` is written atomically
    when the whole input is done (skipped when up to date); an interrupted run keeps its work
    beside it and the same call goes on from there. ``None`` streams to ``stdout``.

    Raises :class:`OutputError` when ``target`` cannot be written, is ``source`` itself, or
    another run holds it; :class:`OptionsError` for a report or review pages without ``target``.
    """
    config = config or BatchConfig()
    if target is not None and target.resolve() == source.resolve():
        raise OutputError(f"{target}: refusing to overwrite the input with its output")
    if target is None and (config.report is not None or config.pages is not None):
        raise OptionsError("--report and --diff-html with a .jsonl input need --output FILE.jsonl")
    if config.pages is not None:
        ensure_folder(config.pages, "review pages")
    report: ProgressReporter = progress or Silent()
    started = time.monotonic()
    summary = BatchSummary(unit="records")
    lines = count_records(source, field_name, config)  # the first pass: site chrome over all records
    if lines is not None and len(lines):
        summary.recurring = describe(lines)
    config = with_recurring(config, lines)
    try:
        info = source.stat()
        stream = source.open("rb")
    except OSError as error:
        problem = "no such file" if isinstance(error, FileNotFoundError) else f"cannot read: {error.strerror or error}"
        summary.failures.append(Failure(str(source), problem))
        return summary
    template = ChunkTask(
        (), field_name, config.max_bytes, str(source), config.overwrite_fields, config.report is not None,
        str(config.pages) if config.pages is not None else None, source.stem, config.max_worker_mb, config.reading,
    )
    with stream:
        if target is None:
            sink = _Sink(None, Checkpoint(), stdout or sys.stdout)
            _run(stream, sink, source, info, template, config, summary, report, [])
            summary.seconds = time.monotonic() - started
            return summary
        with RunLock(target.parent / f".{target.name}.textfix-lock", target) as lock:
            fingerprint = f"{config.fingerprint()}:{field_name}:{config.overwrite_fields}"
            journal = Journal(target.parent / f".{target.name}.textfix-journal.jsonl")
            extras, needs = _review_extras(config)
            if journal.is_current(target.name, info, target, fingerprint, extras=extras, needs=needs):
                journal.close()
                return BatchSummary(found=1, skipped=1)
            sweep_temporaries(target.parent)
            identity = {"fingerprint": fingerprint, "input_size": info.st_size, "input_mtime_ns": info.st_mtime_ns,
                        "report": config.report is not None, "pages": str(config.pages)}
            partial = PartialRun(target, identity)
            checkpoint = partial.open()
            _restore(summary, checkpoint, partial)
            stream.seek(checkpoint.offset)
            sink = _Sink(partial, checkpoint, None)
            try:
                _run(stream, sink, source, info, template, config, summary, report,
                     [lock.fd] if lock.fd is not None else [],
                     lambda: _publish(partial, target, sink, config, journal, info, fingerprint, summary))
            finally:
                partial.close()
                journal.close()
    summary.seconds = time.monotonic() - started
    if not summary.interrupted:
        summary.failures_path = write_failures(target.with_name(f"{target.stem}.failures.jsonl"), summary.failures)
    return summary


def _run(
    stream: IO[bytes], sink: _Sink, source: Path, info: os.stat_result, template: ChunkTask, config: BatchConfig,
    summary: BatchSummary, report: ProgressReporter, close: list[int], finish: Callable[[], None] | None = None,
) -> None:
    """Stream every record through the pool, then ``finish`` (uninterruptible); an interruption
    is recorded in the summary."""
    interruption = Interruption()
    report.start(None, "records")
    try:
        with interruption:
            _stream_records(stream, sink, source, info.st_size, template, config, summary, report, interruption, close)
            with interruption.critical():
                if sink.stream is not None:
                    sink.stream.flush()
                if finish is not None:
                    finish()
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.signal = interruption.signal or signal.SIGINT
        sink.save(summary)
    finally:
        report.finish()
