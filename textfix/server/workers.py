"""Pipeline workers: processes that clean and translate, behind the one process that serves HTTP.

The event loop never runs the pipeline: each request's work goes to an idle worker
process, and the loop awaits its answer. Processes, not threads, because the pipeline
is pure Python under the GIL: N workers use N cores.

Each worker has a socket pair of its own, and a task is one framed message each way
(:mod:`._frames`). So the death of a worker (killed, out of memory, a crash in native
code) is the end of its socket, seen by the one request it was running, which gets
500; a new worker takes its place and the other requests never notice. A task over
the time limit has its worker killed the same way. This is written here because the
pools at hand do not isolate a dying worker per task: ``concurrent.futures`` and loky
mark the whole pool broken, ``multiprocessing.Pool`` loses the task without a word, and
Pebble's pool breaks when an idle worker dies and can deadlock when a worker dies
holding the lock of the channel all its workers share (Pebble issues #70 and #163).

Workers are started with ``spawn``: the HTTP process runs an event loop and threads,
which a ``fork`` would copy in an undefined state.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import socket
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from textfix._log import logger

from . import _frames
from ._work import Payload, Reply, WorkerSetup, worker_main
from .limits import error_body

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

__all__ = ["PipelinePool", "Reply", "WorkerSetup", "WorkerStartError"]

_log = logger("textfix.server")

#: Seconds a new worker may take to load its glossary and language models.
START_TIMEOUT = 180.0
#: Seconds between restarts of a worker that died before it was ready.
RESTART_DELAY = 1.0


class WorkerStartError(RuntimeError):
    """A worker could not start (its setup failed): the service cannot run."""


class _Worker:
    """One worker process and the parent's end of its socket pair."""

    def __init__(self, process: BaseProcess, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.process, self.reader, self.writer = process, reader, writer

    @classmethod
    async def start(cls, setup: WorkerSetup) -> _Worker:
        ours, theirs = socket.socketpair()
        process = multiprocessing.get_context("spawn").Process(
            target=worker_main, args=(theirs, setup), name="textfix-worker", daemon=True
        )
        process.start()
        theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        worker = cls(process, reader, writer)
        try:
            await asyncio.wait_for(_frames.read(reader), START_TIMEOUT)  # the worker says it is ready
        except (asyncio.IncompleteReadError, ConnectionError, TimeoutError) as error:
            worker.kill()
            raise WorkerStartError(f"a pipeline worker did not start (exit code {process.exitcode})") from error
        return worker

    async def call(self, kind: str, payload: Payload) -> Reply:
        """Send one task and wait for its answer; raises ``IncompleteReadError`` if the worker dies."""
        await _frames.write(self.writer, (kind, payload))
        reply: Reply = await _frames.read(self.reader)
        return reply

    def kill(self) -> None:
        """Stop the process now (workers ignore SIGTERM: their parent alone decides when they stop)."""
        if self.process.is_alive() and self.process.pid is not None:
            self.process.kill()
        self.writer.close()
        self.process.join(5)

    async def close(self) -> None:
        """Let the worker finish: the end of its socket tells it to exit."""
        self.writer.close()
        await asyncio.to_thread(self.process.join, 10)
        if self.process.is_alive():
            self.kill()


class PipelinePool:
    """``workers`` pipeline processes; :meth:`run` gives one request's work to the next idle one."""

    def __init__(self, setup: WorkerSetup, workers: int, timeout: float) -> None:
        self.setup, self.workers, self.timeout = setup, workers, timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._restarts: set[asyncio.Task[None]] = set()
        self._running = False

    @property
    def alive(self) -> int:
        """Workers running now (busy or idle)."""
        return sum(1 for w in self._all if w.process.is_alive())

    async def start(self) -> None:
        """Start every worker and wait until each has loaded its models; :class:`WorkerStartError` if one cannot."""
        started = await asyncio.gather(*(_Worker.start(self.setup) for _ in range(self.workers)),
                                       return_exceptions=True)
        for worker in started:
            if isinstance(worker, _Worker):
                self._all.add(worker)
                self._idle.put_nowait(worker)
        failed = [error for error in started if isinstance(error, BaseException)]
        if failed:
            await self.close()
            raise WorkerStartError(str(failed[0])) from failed[0]
        self._running = True
        atexit.register(self._kill_all)

    def _kill_all(self) -> None:
        """At exit, if :meth:`close` did not run (the server failed): no worker outlives its parent."""
        for worker in list(self._all):
            if worker.process.is_alive():
                worker.process.kill()

    async def run(self, kind: str, payload: Payload) -> Reply:
        """One request's pipeline work; a worker that dies or overruns the time limit answers 500."""
        if not self._running:
            return 503, error_body("The service is not running (starting up or shutting down)")
        worker = await self._idle.get()
        try:
            async with asyncio.timeout(self.timeout):
                reply = await worker.call(kind, payload)
        except (asyncio.IncompleteReadError, ConnectionError):
            code = await self._replace(worker)
            _log.error("a worker died while processing a %s request (exit code %s)", kind, code)
            return 500, error_body(
                f"The worker processing this request stopped (exit code {code}); "
                "the request was not completed; the service goes on with a new worker"
            )
        except TimeoutError:
            await self._replace(worker)
            _log.error("a %s request took longer than %g s; its worker was stopped", kind, self.timeout)
            return 500, error_body(f"The request took longer than {self.timeout:g} seconds and was stopped")
        except BaseException:  # cancelled mid-task: the worker's state is unknown, so it goes
            await self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return reply

    async def _replace(self, worker: _Worker) -> int | None:
        """Kill a worker (if it still runs) and start another in the background; the old exit code."""
        await asyncio.to_thread(worker.kill)
        self._all.discard(worker)
        code = worker.process.exitcode
        if self._running:
            task = asyncio.create_task(self._restart())
            self._restarts.add(task)
            task.add_done_callback(self._restarts.discard)
        return code

    async def _restart(self) -> None:
        while self._running:
            try:
                worker = await _Worker.start(self.setup)
            except WorkerStartError as error:
                _log.error("%s; trying again in %g s", error, RESTART_DELAY)
                await asyncio.sleep(RESTART_DELAY)
                continue
            if not self._running:
                await worker.close()
                return
            self._all.add(worker)
            self._idle.put_nowait(worker)
            return

    async def close(self) -> None:
        """Stop every worker (the server has drained its requests by then)."""
        self._running = False
        for task in list(self._restarts):
            task.cancel()
        closing: list[Awaitable[None]] = [worker.close() for worker in self._all]
        await asyncio.gather(*closing)
        self._all.clear()
