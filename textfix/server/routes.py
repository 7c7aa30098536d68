"""textfix's own endpoints: ``/v1/clean``, ``/v1/segment`` and ``/health``."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from textfix._version import __version__

from .app import body_schema, check_access, header_key, json_answer, service, validation_message
from .schemas import CleanRequest

__all__ = ["router"]

router = APIRouter(tags=["textfix"])


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


_CLEAN_ANSWER = {
    "description": "For one text, the report's document object with the cleaned text as `output`; for a list, "
    "a list of them.",
    "content": {"application/json": {"example": {
        "output": "Die NATO ist besorgt.\n", "language": "de", "encoding": None,
        "segments": [{"start": 0, "end": 22, "kind": "text", "lang": "de", "reason": None}],
        "edits": [], "problems": [], "summary": {},
    }}},
}
_SEGMENT_ANSWER = {
    "description": "For one text, the `textfix segment --json` object; for a list, a list of them.",
    "content": {"application/json": {"example": {
        "language": "de", "segments": [{"start": 0, "end": 22, "kind": "text", "lang": "de", "reason": None}],
    }}},
}


@router.post("/v1/clean", openapi_extra=body_schema(CleanRequest, "application/json"),
             responses={200: _CLEAN_ANSWER})
async def clean(request: Request) -> Response:
    """Clean one text or a list: debris and duplicates removed, repairs, translation if asked, every edit."""
    body = await _validated_request(request)
    status, answer = await service(request).pool.run("clean", body.model_dump(exclude={"api_key"}))
    return json_answer(status, answer)


@router.post("/v1/segment", openapi_extra=body_schema(CleanRequest, "application/json"),
             responses={200: _SEGMENT_ANSWER})
async def segment(request: Request) -> Response:
    """The spans of one text or a list: text, foreign (with language), debris and duplicates."""
    body = await _validated_request(request)
    status, answer = await service(request).pool.run("segment", body.model_dump(exclude={"api_key"}))
    return json_answer(status, answer)


@router.get("/health")
async def health(request: Request) -> dict[str, object]:
    """Whether the service runs, its version, and its pipeline workers (configured, running now)."""
    pool = service(request).pool
    return {"status": "ok", "version": __version__, "workers": pool.workers, "workers_alive": pool.alive}
