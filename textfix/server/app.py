"""The ASGI application (Starlette): its state, its errors (always JSON), access checks, its routes.

Every route reads its own body (JSON, or a form for LibreTranslate's clients), checks
the API key and the rate limit before it validates anything, and validates with the
pydantic models of :mod:`.schemas`, which also make the OpenAPI document
(:mod:`.openapi`). The limits are plain ASGI middleware (:mod:`.limits`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from textfix._log import logger
from textfix.translate import ModelStore, default_models_dir

from .limits import BodyLimit, RateLimiter, error_body, retry_after
from .settings import ServerSettings
from .workers import PipelinePool, WorkerSetup

__all__ = [
    "Service",
    "build_app",
    "check_access",
    "header_key",
    "json_answer",
    "service",
    "validation_message",
]

_log = logger("textfix.server")


@dataclass
class Service:
    """What the routes share: the settings, the worker pool, the rate limiter, the model folder."""

    settings: ServerSettings
    pool: PipelinePool
    limiter: RateLimiter
    models: ModelStore


def service(request: Request) -> Service:
    found: Service = request.app.state.textfix
    return found


def json_answer(status: int, body: bytes, headers: dict[str, str] | None = None) -> Response:
    """JSON bytes made elsewhere (a worker), sent as they are."""
    return Response(content=body, status_code=status, media_type="application/json", headers=headers)


def header_key(request: Request) -> str | None:
    """The API key of a request's headers or query string, if it has one."""
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("x-api-key") or request.query_params.get("api_key") or None


def check_access(request: Request, body_key: str | None = None) -> None:
    """API key (403) and rate limit (429) for one request; raises :class:`HTTPException`.

    The key comes from ``Authorization: Bearer KEY``, ``X-API-Key``, ``?api_key=`` or the
    body's ``api_key`` (as LibreTranslate clients send it). Each key has its own bucket;
    without keys, each client address has one.
    """
    state = service(request)
    keys = state.settings.api_keys
    if keys is None and state.settings.req_limit is None:
        return  # an open service
    key = header_key(request) or body_key or None
    if keys is not None:
        if key is None:
            raise HTTPException(403, "Missing API key: send api_key, or the header 'Authorization: Bearer KEY'")
        if key not in keys:
            raise HTTPException(403, "Invalid API key")
        caller = f"key {key}"
    else:
        key = None
        caller = f"address {request.client.host if request.client else 'unknown'}"
    limit = state.settings.limit_for(key)
    if limit is None:
        return
    wait = state.limiter.wait_time(caller, limit)
    if wait > 0:
        raise HTTPException(429, f"Slowdown: {limit} per 1 minute", headers={"Retry-After": retry_after(wait)})


def validation_message(error: ValidationError) -> str:
    """The first problems of a request, e.g. ``Invalid request: text: Field required``."""
    parts = []
    for problem in error.errors()[:3]:
        where = ".".join(str(p) for p in problem["loc"])
        parts.append(f"{where}: {problem['msg']}" if where else problem["msg"])
    return "Invalid request: " + "; ".join(parts)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return json_answer(error.status_code, error_body(str(error.detail)), dict(error.headers or {}))


async def _internal(request: Request, error: Exception) -> Response:
    _log.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return json_answer(500, error_body("Internal server error (see the server log)"))


def build_app(settings: ServerSettings) -> Starlette:
    """The application for ``settings``; its workers start with the server (ASGI lifespan)."""
    from . import libretranslate, openapi, routes

    if not _log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("textfix serve: %(levelname)s %(message)s"))
        _log.addHandler(handler)
    setup = WorkerSetup(settings.models_dir, settings.glossary_files, settings.builtin_glossary)
    state = Service(
        settings=settings,
        pool=PipelinePool(setup, settings.workers, settings.timeout),
        limiter=RateLimiter(),
        models=ModelStore(settings.models_dir or default_models_dir()),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await state.pool.start()
        try:
            yield
        finally:
            await state.pool.close()

    endpoints = [*routes.ROUTES, *libretranslate.ROUTES]
    app = Starlette(
        routes=[*(Route(e.path, e.function, methods=[e.method]) for e in endpoints), *openapi.routes(endpoints)],
        middleware=[
            # CORS outside the body limit, so that a browser client can read a 413 too.
            Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type", "X-API-Key"]),
            Middleware(BodyLimit, max_bytes=settings.max_bytes),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _internal},
        lifespan=lifespan,
    )
    app.state.textfix = state
    return app
