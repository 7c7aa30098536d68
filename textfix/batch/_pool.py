"""Worker processes: each builds its processor once, then cleans files or chunks of records.

The main process turns SIGINT and SIGTERM into ``KeyboardInterrupt`` except while it
writes an output (:class:`Interruption`), so that a stopped run leaves nothing partial.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any

from textfix.errors import TextfixError
from textfix.options import Options
from textfix.read import ReadOptions, decode_text, read_path

from .config import BatchConfig, Processor, WorkerSetup, processor_for
from .items import result_summary

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

__all__ = ["ChunkDone", "FileDone", "Interruption", "LineDone", "clean_chunk_task", "clean_file_task", "make_pool"]


@dataclass
class _WorkerState:
    processor: Processor
    setup_seconds: float
    reported: bool = False


_WORKER: _WorkerState | None = None


def _init_worker(options: Options, setup: WorkerSetup) -> None:
    """Pool initialiser: runs once in each worker process; builds its processor."""
    global _WORKER  # noqa: PLW0603  (one state per worker process, set once by its initialiser)
    # Ctrl-C reaches the whole process group: the main process alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    started = time.perf_counter()
    processor = processor_for(options, setup)
    _WORKER = _WorkerState(processor, time.perf_counter() - started)


def _worker() -> tuple[_WorkerState, float | None]:
    """This worker's state, and its setup time the first time it is asked (once per worker)."""
    if _WORKER is None:  # pragma: no cover - only when a task runs outside the pool
        raise RuntimeError("textfix worker used without its initialiser")
    first = None if _WORKER.reported else _WORKER.setup_seconds
    _WORKER.reported = True
    return _WORKER, first


@dataclass(frozen=True)
class FileDone:
    index: int
    output: str | None
    summary: dict[str, object] | None
    error: str | None
    pid: int
    setup_seconds: float | None


def clean_file_task(task: tuple[int, str, int, ReadOptions]) -> FileDone:
    index, source, max_bytes, reading = task
    state, setup_seconds = _worker()
    try:
        result = state.processor(read_path(source, max_bytes=max_bytes, options=reading))
    except TextfixError as error:
        return FileDone(index, None, None, str(error), os.getpid(), setup_seconds)
    except Exception as error:  # a bug must not stop the run: report it as this file's failure
        message = f"{source}: internal error: {type(error).__name__}: {error}"
        return FileDone(index, None, None, message, os.getpid(), setup_seconds)
    return FileDone(index, result.output, result_summary(result), None, os.getpid(), setup_seconds)


@dataclass(frozen=True)
class LineDone:
    line: int
    output: str | None
    summary: dict[str, object] | None
    error: str | None


@dataclass(frozen=True)
class ChunkDone:
    lines: list[LineDone]
    end_offset: int
    pid: int
    setup_seconds: float | None


def _clean_line(
    number: int, raw: bytes | None, field_name: str, max_bytes: int, processor: Processor, reading: ReadOptions
) -> LineDone:
    if raw is None:  # a record too large to read
        return LineDone(number, None, None, f"record larger than the limit of {max_bytes} bytes; left out")
    try:
        record = json.loads(raw)
    except ValueError as error:
        return LineDone(number, None, None, f"not valid JSON ({error}); left out")
    if not isinstance(record, dict):
        return LineDone(number, None, None, f"a JSON {type(record).__name__}, not an object; left out")
    text = record.get(field_name)
    error_text: str | None = None
    if field_name not in record:
        error_text = f"no field {field_name!r} in the record"
    elif not isinstance(text, str):
        error_text = f"field {field_name!r} is {type(text).__name__}, not text"
    else:
        try:
            result = processor(decode_text(text, f"line {number}", options=reading))
        except TextfixError as error:
            error_text = str(error)
        except Exception as error:  # a bug must not stop the run
            error_text = f"internal error: {type(error).__name__}: {error}"
        else:
            summary = result_summary(result)
            record[f"{field_name}_clean"] = result.output
            record["textfix"] = summary
            return LineDone(number, json.dumps(record, ensure_ascii=False), summary, None)
    record["textfix"] = {"error": error_text}
    return LineDone(number, json.dumps(record, ensure_ascii=False), None, error_text)


def clean_chunk_task(task: tuple[list[tuple[int, bytes | None]], int, str, int, ReadOptions]) -> ChunkDone:
    items, end_offset, field_name, max_bytes, reading = task
    state, setup_seconds = _worker()
    done = [_clean_line(number, raw, field_name, max_bytes, state.processor, reading) for number, raw in items]
    return ChunkDone(done, end_offset, os.getpid(), setup_seconds)


class Interruption:
    """Turns SIGINT and SIGTERM into ``KeyboardInterrupt`` in the main process, except while
    an output is being written: then the signal waits until the write is complete."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._critical = 0
        self._pending: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signal is not None:
            return  # already stopping: a second Ctrl-C must not break the clean-up
        self.signal = signum
        if self._critical:
            self._pending = signum
            return
        raise KeyboardInterrupt

    def __enter__(self) -> Interruption:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        """Signals arriving inside this block take effect when it ends."""
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1
            if not self._critical and self._pending is not None:
                self._pending = None
                raise KeyboardInterrupt


def make_pool(config: BatchConfig, workers: int) -> Pool:
    import multiprocessing

    context = multiprocessing.get_context(config.start_method)
    return context.Pool(workers, initializer=_init_worker, initargs=(config.options, config.setup))
