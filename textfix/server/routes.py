"""textfix's own endpoints: ``/v1/clean``, ``/v1/segment`` and ``/health``."""

from __future__ import annotations

import json

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from textfix._version import __version__

from .app import check_access, header_key, json_answer, service, validation_message
from .openapi import Endpoint
from .schemas import CleanRequest

__all__ = ["ROUTES"]


async def _validated_request(request: Request) -> CleanRequest:
    """The JSON body as a :class:`CleanRequest`, after the key and rate-limit check (a 403 wins over a 400)."""
    body = await request.body()
    body_key = None
    if service(request).settings.api_keys is not None and header_key(request) is None:
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("api_key"), str):
            body_key = data["api_key"]
    check_access(request, body_key)
    try:
        return CleanRequest.model_validate_json(body)
    except ValidationError as error:
        raise HTTPException(400, validation_message(error)) from error


async def clean(request: Request) -> Response:
    """Clean one text or a list: debris and duplicates removed, repairs, translation if asked, every edit."""
    body = await _validated_request(request)
    status, answer = await service(request).pool.run("clean", body.model_dump(exclude={"api_key"}))
    return json_answer(status, answer)


async def segment(request: Request) -> Response:
    """The spans of one text or a list: text, foreign (with language), debris and duplicates."""
    body = await _validated_request(request)
    status, answer = await service(request).pool.run("segment", body.model_dump(exclude={"api_key"}))
    return json_answer(status, answer)


async def health(request: Request) -> Response:
    """Whether the service runs, its version, and its pipeline workers (configured, running now)."""
    pool = service(request).pool
    return JSONResponse({"status": "ok", "version": __version__, "workers": pool.workers, "workers_alive": pool.alive})


_SEGMENT = {"start": 0, "end": 22, "kind": "text", "lang": "de", "reason": None}

ROUTES = (
    Endpoint("POST", "/v1/clean", clean, "textfix", body=CleanRequest,
             answer="For one text, the report's document object with the cleaned text as `output`; "
                    "for a list, a list of them.",
             example={"output": "Die NATO ist besorgt.\n", "language": "de", "encoding": None,
                      "segments": [_SEGMENT], "edits": [], "problems": [], "summary": {}}),
    Endpoint("POST", "/v1/segment", segment, "textfix", body=CleanRequest,
             answer="For one text, the `textfix segment --json` object; for a list, a list of them.",
             example={"language": "de", "segments": [_SEGMENT]}),
    Endpoint("GET", "/health", health, "textfix", answer="`{\"status\", \"version\", \"workers\", \"workers_alive\"}`",
             errors=()),
)
