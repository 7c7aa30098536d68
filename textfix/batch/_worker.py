"""Inside a worker process: build the processor once, then do the tasks that arrive on its pipe.

A task is done in two steps, both module-level functions so that they reach a spawned worker:
``prepare`` cleans (no side effects) and ``commit`` writes what the task produces (outputs,
report entries, review pages) and returns the small result the main process records. The
commit and the sending of its result form one critical block: a SIGTERM from the main
process (an interrupted run) waits until both are done, so that every output written is
also reported, and never half written.

What the worker is doing is kept in a :class:`Slot` in shared memory: the task, the item of
the task (a file, or one record of a chunk), the phase and since when. The main process
reads it to tell which document a dead worker was cleaning and how long the current one has
taken (``--timeout-per-file``), without a message per document.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

from textfix.errors import TextfixError
from textfix.options import Options

from ._interrupt import Interruption, Stopped
from .config import Processor, WorkerSetup, processor_for

__all__ = ["IDLE", "READING", "WRITING", "Commit", "Mark", "Prepare", "Slot", "SlotState", "serve"]

#: Phases of a worker's slot.
IDLE, READING, WRITING = 0, 1, 2
_PR_SET_PDEATHSIG = 1


class Mark(Protocol):
    """Called by a task at the start of each of its items: ``mark(item, phase)``."""

    def __call__(self, item: int, phase: int) -> None: ...


#: Cleans a task's payload with the worker's processor; returns what ``Commit`` writes.
Prepare = Callable[[Processor, Any, Mark], Any]
#: Writes what ``Prepare`` produced; returns the result sent to the main process.
Commit = Callable[[Any, Mark], Any]


@dataclass(frozen=True)
class SlotState:
    """What a worker was doing when the main process looked."""

    key: int
    item: int
    phase: int
    since: float


class Slot:
    """A few numbers in shared memory: what one worker is doing. Written by the worker only,
    as a sequence lock (odd while being written), so a reader never takes half an update."""

    def __init__(self, context: Any) -> None:
        self._values = context.RawArray("d", 5)  # sequence, task key, item, phase, since

    def mark(self, key: int, item: int, phase: int) -> None:
        values = self._values
        values[0] += 1
        values[1], values[2], values[3], values[4] = key, item, phase, time.monotonic()
        values[0] += 1

    def read(self) -> SlotState | None:
        """The worker's state; ``None`` if it was being written (look again later)."""
        values = self._values
        sequence = values[0]
        key, item, phase, since = values[1], values[2], values[3], values[4]
        if sequence % 2 or values[0] != sequence:
            return None
        return SlotState(int(key), int(item), int(phase), since)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``): past it, allocations fail with
    ``MemoryError`` in this worker alone instead of the kernel's out-of-memory killer
    choosing a process on the machine."""
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def stop_with_parent(parent: int) -> None:
    """Have the kernel send this process SIGTERM when the main process dies (Linux
    ``PR_SET_PDEATHSIG``), so that a worker never outlives a run killed outright; elsewhere
    the worker notices at its next message (a closed pipe)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))
    if os.getppid() != parent:  # the main process died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


def describe_failure(error: BaseException, max_worker_mb: int | None) -> str:
    """A one-line reason for an error raised while cleaning (never a Python type for known cases)."""
    if isinstance(error, MemoryError):
        limit = f" of --max-worker-mb {max_worker_mb}" if max_worker_mb else ""
        return f"ran out of memory (over the worker's limit{limit}); left out"
    if isinstance(error, TextfixError):
        return str(error)
    return f"internal error: {type(error).__name__}: {error}"


def serve(
    conn: Connection,
    slot: Slot,
    options: Options,
    setup: WorkerSetup,
    prepare: Prepare,
    commit: Commit,
    max_worker_mb: int | None,
    inherited: Sequence[Connection | int],
    parent: int,
) -> None:
    """The worker process's main function (the target of its ``Process``); ``parent``: the
    main process's pid."""
    for other in inherited:  # pipes of other workers and the run lock, inherited by fork
        with contextlib.suppress(OSError):
            other.close() if isinstance(other, Connection) else os.close(other)
    # A Ctrl-C reaches the whole process group: the main process alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stop = Interruption((signal.SIGTERM,), Stopped)
    # The main process went away (EOFError, BrokenPipeError) or asked to stop (Stopped): end
    # quietly; what was being cleaned is redone by the next run.
    with contextlib.suppress(Stopped, EOFError, OSError), stop:
        stop_with_parent(parent)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # blocked by the pool
        _serve(conn, slot, options, setup, prepare, commit, max_worker_mb, stop)


def _serve(
    conn: Connection,
    slot: Slot,
    options: Options,
    setup: WorkerSetup,
    prepare: Prepare,
    commit: Commit,
    max_worker_mb: int | None,
    stop: Interruption,
) -> None:
    started = time.perf_counter()
    try:
        if max_worker_mb:
            limit_memory(max_worker_mb)
        processor = processor_for(options, setup)
    except Exception as error:  # the setup is the caller's code: any failure ends the run, with its reason
        conn.send(("failed", describe_failure(error, max_worker_mb)))
        return
    conn.send(("ready", os.getpid(), time.perf_counter() - started))
    while True:
        message = conn.recv()
        if message is None:
            return
        key, payload = message

        def mark(item: int, phase: int, key: int = key) -> None:
            slot.mark(key, item, phase)

        prepared = prepare(processor, payload, mark)
        with stop.critical():
            result = commit(prepared, mark)
            slot.mark(key, 0, IDLE)
            conn.send(("done", key, result))
