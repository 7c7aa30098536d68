"""Progress of a corpus run on a terminal: a bar with items/s and an ETA, or a plain line now and then."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Progress on a stream: a bar with items/s and an ETA on a terminal, else a plain line now and then."""

    def __init__(self, stream: TextIO, *, interactive: bool | None = None, interval: float | None = None) -> None:
        self.stream = stream
        self.interactive = stream.isatty() if interactive is None else interactive
        self.interval = interval if interval is not None else (0.1 if self.interactive else 10.0)
        self._total: int | None = None
        self._unit = "files"
        self._started = time.monotonic()
        self._last = 0.0
        self._drawn = False
        self._state: tuple[int, float | None, int] = (0, None, 0)

    def start(self, total: int | None, unit: str) -> None:
        self._total, self._unit = total, unit
        self._started = self._last = time.monotonic()

    def update(self, done: int, fraction: float | None, failed: int) -> None:
        self._state = (done, fraction, failed)
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._draw(now)

    def _describe(self, now: float) -> tuple[str, float | None]:
        done, fraction, failed = self._state
        elapsed = max(now - self._started, 1e-9)
        rate = done / elapsed
        if fraction is None and self._total:
            fraction = done / self._total
        eta = elapsed * (1 - fraction) / fraction if fraction else None
        counted = f"{done}/{self._total}" if self._total is not None else f"{done}"
        text = f"{counted} {self._unit}, {rate:.1f} {self._unit}/s"
        if eta is not None:
            text += f", ETA {_clock(eta)}"
        if failed:
            text += f", {failed} failed"
        return text, fraction

    def _draw(self, now: float) -> None:
        text, fraction = self._describe(now)
        if self.interactive:
            width = 24
            filled = int(width * min(max(fraction or 0.0, 0.0), 1.0))
            self.stream.write(f"\r\x1b[K[{'#' * filled}{'-' * (width - filled)}] {text}")
            self._drawn = True
        else:
            self.stream.write(f"textfix: {text}\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False
        self.stream.write(f"textfix: {text}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _clock(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``.

    >>> _clock(75), _clock(3725)
    ('1:15', '1:02:05')
    """
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
