"""Stopping a corpus run cleanly: SIGINT and SIGTERM become an exception, except inside a critical block.

The main process turns both signals into ``KeyboardInterrupt`` (exit 130 or 143 at the command
line); a worker process turns SIGTERM into :class:`Stopped` and ignores SIGINT (a Ctrl-C reaches
the whole process group: the main process alone decides). Inside :meth:`Interruption.critical`
(writing an output and reporting it) a signal waits until the block ends, so that a stopped run
leaves nothing partial and every output it wrote is recorded.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

__all__ = ["Interruption", "Stopped"]


class Stopped(BaseException):
    """Raised in a worker process by SIGTERM: the main process asked it to stop."""


class Interruption:
    """Turns ``signals`` into ``exception`` (raised where the process is), except inside
    :meth:`critical`: there a signal waits until the block ends. A second signal while
    stopping is ignored, so that it cannot break the clean-up."""

    def __init__(
        self,
        signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM),
        exception: Callable[[], BaseException] = KeyboardInterrupt,
    ) -> None:
        self.signal: int | None = None
        self._signals = signals
        self._exception = exception
        self._critical = 0
        self._pending: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signal is not None:
            return
        self.signal = signum
        if self._critical:
            self._pending = signum
            return
        raise self._exception()

    def __enter__(self) -> Interruption:
        if threading.current_thread() is threading.main_thread():
            for signum in self._signals:
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
                raise self._exception()
