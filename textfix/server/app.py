"""The ASGI application: its state, its errors (always JSON), access checks, and its routes.

FastAPI on Starlette: the request models make the OpenAPI document and the docs page
at ``/docs``; the limits are plain ASGI middleware underneath (:mod:`.limits`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

from textfix._version import __version__
from textfix.translate import ModelStore, default_models_dir

from .limits import BodyLimit, RateLimiter, error_body, retry_after
from .settings import ServerSettings
from .workers import PipelinePool, WorkerSetup

__all__ = [
    "Service",
    "body_schema",
    "build_app",
    "check_access",
    "header_key",
    "json_answer",
    "service",
    "validation_message",
]

_log = logging.getLogger("textfix.server")

DESCRIPTION = """Clean broken, half-translated web news over HTTP.

- `/v1/clean` and `/v1/segment`: textfix's own answers (the report's document object, the
  `segment --json` object), for one text or a list.
- `/translate`, `/detect`, `/languages`: LibreTranslate's API; `/translate` cleans the text
  and keeps names in the glossary's form unless `clean` is false.

Errors are `{"error": message}` with status 400, 403, 413, 429 or 500.
"""


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


def validation_message(error: RequestValidationError | ValidationError) -> str:
    """The first problems of a request, e.g. ``Invalid request: text: Field required``."""
    parts = []
    for problem in list(error.errors())[:3]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p != "body")
        parts.append(f"{where}: {problem.get('msg', 'invalid')}" if where else str(problem.get("msg", "invalid")))
    return "Invalid request: " + "; ".join(parts)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return json_answer(error.status_code, error_body(str(error.detail)), dict(error.headers or {}))


async def _invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    return json_answer(400, error_body(validation_message(error)))


async def _internal(request: Request, error: Exception) -> Response:
    _log.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return json_answer(500, error_body("Internal server error (see the server log)"))


def body_schema(model: type[BaseModel], *media_types: str) -> dict[str, Any]:
    """A route's OpenAPI request body: ``model`` (a component of the document) in each media type."""
    reference = {"$ref": f"{_COMPONENTS}{model.__name__}"}
    return {"requestBody": {"required": True, "content": {kind: {"schema": reference} for kind in media_types}}}


_COMPONENTS = "#/components/schemas/"


class _App(FastAPI):
    """FastAPI, with the request models of routes that parse their own bodies added to the OpenAPI document.

    Those routes read the body themselves (JSON or a form, and the API key before validation),
    so FastAPI does not see their models; :func:`body_schema` names them.
    """

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is not None:
            return self.openapi_schema
        from .schemas import REQUEST_MODELS

        document = super().openapi()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for model in REQUEST_MODELS:
            schema = model.model_json_schema(ref_template=_COMPONENTS + "{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas[model.__name__] = schema
        return document


def build_app(settings: ServerSettings) -> FastAPI:
    """The application for ``settings``; its workers start with the server (ASGI lifespan)."""
    from . import libretranslate, routes

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
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await state.pool.start()
        try:
            yield
        finally:
            await state.pool.close()

    app = _App(
        title="textfix",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses={status: {"model": _error_model(), "description": text} for status, text in _ERRORS.items()},
    )
    app.state.textfix = state
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _internal)
    app.include_router(routes.router)
    app.include_router(libretranslate.router)
    # The body limit sits inside CORS, so that a browser client can read a 413 too.
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type", "X-API-Key"])
    return app


_ERRORS = {
    400: "Invalid request",
    403: "Missing or unknown API key",
    413: "Request body too large",
    429: "Slow down: too many requests for this key",
    500: "The request could not be completed",
}


def _error_model() -> Any:
    from .schemas import ErrorAnswer

    return ErrorAnswer
