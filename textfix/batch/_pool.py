"""The worker pool of corpus runs: it notices a worker that dies, replaces it, and goes on.

Why not a library pool: ``multiprocessing.Pool`` never hears back from a worker killed
outright (SIGKILL, the out-of-memory killer, a segfault in a native library): the task is
lost and ``imap`` waits for ever. ``concurrent.futures.ProcessPoolExecutor`` notices, but
marks the whole pool broken and fails every pending task. Neither says which document the
dead worker was cleaning, and neither can abandon one document that takes too long. So
textfix keeps its own small pool on ``multiprocessing`` primitives:

- one ``Pipe`` per worker, so the main process knows which tasks each worker holds;
- each worker's ``Process.sentinel`` in the same ``multiprocessing.connection.wait`` as the
  pipes, so a death is seen at once;
- a :class:`~._worker.Slot` per worker in shared memory saying which item it is cleaning
  and since when: a dead worker's document is retried once on a fresh worker, and a
  document that kills a worker twice, or takes longer than ``timeout`` seconds (the worker
  is then killed), is abandoned and reported; the other documents the worker held are
  retried without counting against them.

The caller's :class:`Job` hands out tasks and records their results; the pool only moves
them. A worker that cannot even start (its setup fails, or it dies during setup three
times in a row) ends the run with a :class:`WorkerError`.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import signal
import time
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from textfix.errors import TextfixError

from ._worker import IDLE, READING, Commit, Prepare, Slot, serve
from .config import BatchConfig

__all__ = ["Job", "Task", "WorkerError", "WorkerPool", "death_reason"]

#: How many times a document may kill a worker before it is abandoned.
DEATHS_ALLOWED = 1
#: Deaths during start-up in a row, without any worker becoming ready, that end the run.
STARTUP_DEATHS = 3
#: Seconds workers get to stop after SIGTERM before they are killed.
STOP_GRACE = 10.0


class WorkerError(TextfixError):
    """Workers cannot start: their setup fails, or they die before they are ready."""


@dataclass(frozen=True)
class Task:
    """A payload for a worker and the items it holds, in the order the worker takes them."""

    payload: Any
    #: Hashable ids, one per document (a file's index, a record's chunk and line).
    items: tuple[Any, ...]


class Job(Protocol):
    """What a run gives the pool: tasks out, results in."""

    def next_task(self) -> Task | None:
        """The next task, or ``None`` when there is none right now."""

    def finished(self) -> bool:
        """No task will come any more."""

    def done(self, task: Task, result: Any) -> None:
        """A worker finished ``task``."""

    def abandon(self, task: Task, position: int, reason: str) -> Task | None:
        """Give up the item at ``position`` of ``task`` (record it as failed); return what
        remains of the task to retry, or ``None``."""

    def lost(self, task: Task) -> None:
        """A worker died holding ``task``: remove what it may have left half written."""


def death_reason(exitcode: int | None) -> str:
    """How a worker ended, for a message.

    >>> death_reason(-9), death_reason(3)
    ('signal 9', 'exit code 3')
    """
    if exitcode is not None and exitcode < 0:
        return f"signal {-exitcode}"
    return f"exit code {exitcode}"


@dataclass
class _Worker:
    process: Any
    conn: Connection
    slot: Slot
    ready: bool = False
    inflight: collections.deque[tuple[int, Task]] = field(default_factory=collections.deque)


class WorkerPool:
    """``workers`` processes running ``prepare``/``commit`` on tasks of a :class:`Job`.

    ``depth`` tasks are sent to a worker at a time (2 keeps a worker busy while the main
    process records its last result; 1 for large payloads, which must not fill a pipe).
    ``on_ready(pid, seconds)`` hears each worker's setup time. ``close_in_workers``: file
    descriptors a forked worker must not keep (the run lock). ``guard()`` wraps every message
    sent or received and the recording of its result (the run's
    :meth:`~._interrupt.Interruption.critical`): an interruption never cuts a message in half
    or leaves a result half recorded.
    """

    def __init__(
        self,
        config: BatchConfig,
        workers: int,
        prepare: Prepare,
        commit: Commit,
        *,
        depth: int = 1,
        on_ready: Callable[[int, float], None] | None = None,
        close_in_workers: Sequence[int] = (),
        guard: Callable[[], AbstractContextManager[None]] = contextlib.nullcontext,
    ) -> None:
        import multiprocessing

        self._context: Any = multiprocessing.get_context(config.start_method)
        self._config = config
        self._count = workers
        self._prepare, self._commit = prepare, commit
        self._depth = depth
        self._on_ready = on_ready
        self._close_in_workers = list(close_in_workers)
        self._guard = guard
        self._workers: list[_Worker] = []
        self._retry: collections.deque[Task] = collections.deque()
        self._keys = itertools.count(1)
        self._deaths: collections.Counter[Hashable] = collections.Counter()
        self._startup_deaths = 0

    # ------------------------------------------------------------------ workers

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe(duplex=True)
        slot = Slot(self._context)
        inherited: list[Connection | int] = []
        if self._context.get_start_method() == "fork":  # a forked child holds every descriptor
            inherited = [*(w.conn for w in self._workers), ours, *self._close_in_workers]
        config = self._config
        process = self._context.Process(
            target=serve,
            args=(theirs, slot, config.options, config.setup, self._prepare, self._commit,
                  config.max_worker_mb, inherited, os.getpid()),
            daemon=True,
            name="textfix-worker",
        )
        # Signals wait until the worker has its own handlers (it unblocks them): a Ctrl-C during
        # its start must not reach the main process's handlers, inherited by fork.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        theirs.close()  # only the worker holds its end: its death closes the pipe
        worker = _Worker(process, ours, slot)
        self._workers.append(worker)
        return worker

    def _replace(self, dead: _Worker) -> None:
        with contextlib.suppress(OSError):
            dead.conn.close()
        self._workers.remove(dead)
        self._start()

    # ------------------------------------------------------------------ the loop

    def run(self, job: Job) -> None:
        """Do every task of ``job``; on any exception (an interruption) stop the workers first,
        recording the results they still send, then re-raise."""
        try:
            for _ in range(self._count):
                self._start()
            while True:
                self._dispatch(job)
                if not self._retry and not any(w.inflight for w in self._workers) and job.finished():
                    break
                self._wait(job)
            self._stop()
        except BaseException:
            self._shutdown(job)
            raise

    def _dispatch(self, job: Job) -> None:
        for worker in list(self._workers):
            while worker.ready and len(worker.inflight) < self._depth:
                task = self._retry.popleft() if self._retry else job.next_task()
                if task is None:
                    return
                key = next(self._keys)
                with self._guard():
                    worker.inflight.append((key, task))
                    try:
                        worker.conn.send((key, task.payload))
                    except OSError:  # it died just now: its sentinel says so at the next wait
                        break

    def _wait(self, job: Job) -> None:
        by_object: dict[Any, tuple[_Worker, bool]] = {}
        for worker in self._workers:
            by_object[worker.conn] = (worker, True)
            by_object[worker.process.sentinel] = (worker, False)
        for ready in wait(list(by_object), self._wait_timeout()):
            worker, is_pipe = by_object[ready]
            if worker not in self._workers:
                continue  # replaced while handling an earlier object
            if not is_pipe or not self._receive(worker, job):
                self._bury(worker, job)
        self._enforce_timeout(job)

    def _receive(self, worker: _Worker, job: Job) -> bool:
        """Handle every message waiting on ``worker``'s pipe; ``False`` if the pipe is closed."""
        try:
            while worker.conn.poll():
                with self._guard():
                    self._handle(worker, worker.conn.recv(), job)
        except (EOFError, OSError):
            return False
        return True

    def _handle(self, worker: _Worker, message: tuple[Any, ...], job: Job) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self._startup_deaths = 0
            if self._on_ready is not None:
                self._on_ready(message[1], message[2])
        elif kind == "failed":
            raise WorkerError(f"a worker could not start: {message[1]}")
        else:
            key, task = worker.inflight.popleft()
            if key != message[1]:  # pragma: no cover - a worker answers in the order it was asked
                raise RuntimeError(f"worker answered task {message[1]}, expected {key}")
            job.done(task, message[2])

    def _bury(self, worker: _Worker, job: Job, reason: str | None = None) -> None:
        """``worker`` died (or was killed for taking too long): record what it still sent,
        retry what it held, abandon the document it was cleaning if it is to blame, replace it."""
        worker.process.join(5)
        if worker.process.is_alive():  # its pipe closed but the process lingers
            worker.process.kill()
            worker.process.join()
        self._receive(worker, job)
        state = worker.slot.read()
        held = list(worker.inflight)
        worker.inflight.clear()
        tasks = [task for _, task in held]
        for task in tasks:
            job.lost(task)
        if held and state is not None and state.phase != IDLE and state.key == held[0][0]:
            position = min(state.item, len(tasks[0].items) - 1)
            item = tasks[0].items[position]
            self._deaths[item] += 1
            if reason is None and self._deaths[item] > DEATHS_ALLOWED:
                reason = f"worker died ({death_reason(worker.process.exitcode)}) twice while cleaning it"
            if reason is not None:
                rest = job.abandon(tasks[0], position, reason)
                tasks = ([rest] if rest is not None else []) + tasks[1:]
        self._retry.extendleft(reversed(tasks))
        if not worker.ready:
            self._startup_deaths += 1
            if self._startup_deaths >= STARTUP_DEATHS:
                limit = self._config.max_worker_mb
                hint = f" (--max-worker-mb {limit} may be too low)" if limit else ""
                raise WorkerError(f"workers die while starting ({death_reason(worker.process.exitcode)}){hint}")
        self._replace(worker)

    def _wait_timeout(self) -> float | None:
        timeout = self._config.timeout_per_file
        if timeout is None:
            return None
        now = time.monotonic()
        remaining = timeout
        for worker in self._workers:
            state = worker.slot.read()
            if worker.inflight and state is not None and state.phase == READING:
                remaining = min(remaining, state.since + timeout - now)
        return max(remaining, 0.0) + 0.01

    def _enforce_timeout(self, job: Job) -> None:
        timeout = self._config.timeout_per_file
        if timeout is None:
            return
        now = time.monotonic()
        for worker in list(self._workers):
            state = worker.slot.read()
            if not worker.inflight or state is None or state.phase != READING:
                continue
            if state.key == worker.inflight[0][0] and now - state.since > timeout:
                worker.process.kill()
                worker.process.join()
                self._bury(worker, job, f"took longer than {timeout:g} s (--timeout-per-file); abandoned")

    # ------------------------------------------------------------------ stopping

    def _stop(self) -> None:
        """The normal end: every worker is idle; ask each to exit."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(STOP_GRACE)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers.clear()

    def _shutdown(self, job: Job) -> None:
        """An interruption or an error: SIGTERM every worker, record the results they still send
        (each worker finishes the output it is writing), then kill what is left."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                os.kill(worker.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        alive = list(self._workers)
        while alive and time.monotonic() < deadline:
            objects: dict[Any, _Worker] = {w.process.sentinel: w for w in alive}
            objects.update({w.conn: w for w in alive if not w.conn.closed})
            for ready in wait(list(objects), max(deadline - time.monotonic(), 0.0)):
                worker = objects[ready]
                if ready is worker.conn:
                    self._receive_quietly(worker, job)
                elif worker in alive:
                    alive.remove(worker)
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            self._receive_quietly(worker, job)
            for _, task in worker.inflight:
                job.lost(task)
            worker.inflight.clear()
            worker.conn.close()
        self._workers.clear()

    def _receive_quietly(self, worker: _Worker, job: Job) -> bool:
        """Record the results ``worker`` sent while stopping; ``False`` once its pipe is closed."""
        if worker.conn.closed:
            return False
        try:
            while worker.conn.poll():
                with self._guard():
                    message = worker.conn.recv()
                    if message[0] == "done":
                        self._handle(worker, message, job)
        except (EOFError, OSError):
            worker.conn.close()
            return False
        return True
