"""Limits a service enforces before any pipeline work: request body size, and requests per minute.

:class:`BodyLimit` is plain ASGI middleware: it refuses a body whose ``Content-Length``
is over the limit without reading any of it, and stops a body without one (chunked)
as soon as the bytes received pass the limit. Starlette has no body limit of its own
and uvicorn none per request, hence this one.

:class:`RateLimiter` is a token bucket per caller (an API key, or a client address):
``limit`` requests at once, refilled at ``limit`` per minute, kept in the memory of
the one process that serves HTTP.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["BodyLimit", "RateLimiter", "error_body"]

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]


def error_body(message: str) -> bytes:
    """LibreTranslate's error shape, ``{"error": message}``, as UTF-8 JSON.

    >>> error_body("Invalid API key")
    b'{"error": "Invalid API key"}'
    """
    return json.dumps({"error": message}, ensure_ascii=False).encode()


class _TooLarge(Exception):
    """Raised from ``receive`` when a body without a length passes the limit."""


class BodyLimit:
    """ASGI middleware: request bodies over ``max_bytes`` get 413 ``{"error": ...}``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    def _message(self) -> str:
        return f"Request body too large: the limit is {self.max_bytes} bytes"

    async def _refuse(self, send: Send) -> None:
        body = error_body(self._message())
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except _TooLarge:
            if started:  # pragma: no cover - our routes read the whole body before answering
                raise
            await self._refuse(send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets per caller: ``limit`` requests at once, refilled at ``limit`` per minute.

    >>> now = [0.0]
    >>> limiter = RateLimiter(clock=lambda: now[0])
    >>> [limiter.wait_time("k", 2) for _ in range(3)]
    [0.0, 0.0, 30.0]
    >>> now[0] = 30.0
    >>> limiter.wait_time("k", 2)
    0.0
    """

    #: Buckets kept before full ones (callers idle for a minute or more) are forgotten.
    MAX_BUCKETS = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def wait_time(self, caller: str, limit: int) -> float:
        """Take one request from ``caller``'s bucket: 0 if allowed, else the seconds until one is."""
        with self._lock:
            now = self._clock()
            bucket = self._buckets.get(caller)
            if bucket is None:
                if len(self._buckets) >= self.MAX_BUCKETS:
                    self._forget_idle(now, limit)
                bucket = self._buckets[caller] = _Bucket(float(limit), now)
            rate = limit / 60.0
            bucket.tokens = min(float(limit), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate

    def _forget_idle(self, now: float, limit: int) -> None:
        idle = [caller for caller, b in self._buckets.items() if now - b.updated >= 60.0]
        for caller in idle:
            del self._buckets[caller]


def retry_after(seconds: float) -> str:
    """The ``Retry-After`` header value: whole seconds, at least 1.

    >>> retry_after(0.2), retry_after(29.5)
    ('1', '30')
    """
    return str(max(1, math.ceil(seconds)))
