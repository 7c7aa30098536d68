"""LibreTranslate's API: ``POST /translate``, ``POST /detect``, ``GET /languages``.

Requests come form-encoded, as multipart forms or as JSON, with the same fields and the
same answers as LibreTranslate (``translatedText``, ``detectedLanguage``; errors
``{"error": ...}`` with LibreTranslate's messages where there is one). ``/translate``
cleans each text and keeps names in the glossary's form unless ``clean`` is false; the
whole text is translated into ``target``, every span from its own language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from textfix.options import KNOWN_LANGUAGES
from textfix.translate import ModelInfo, ModelStore

from .app import check_access, json_answer, service, validation_message
from .openapi import Endpoint
from .schemas import DetectRequest, TranslateRequest

__all__ = ["ROUTES", "language_list"]

_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


async def _fields(request: Request) -> dict[str, Any]:
    """The request's fields: a JSON object, or the query string and a form (first value of each)."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            data = json.loads(await request.body())
        except ValueError as error:
            raise HTTPException(400, "Invalid JSON format") from error
        if not isinstance(data, dict):
            raise HTTPException(400, "Invalid JSON format")
        return data
    fields: dict[str, Any] = dict(request.query_params)
    if kind in _FORMS:
        async with request.form() as form:
            for name in form:
                value = form.get(name)
                if not isinstance(value, UploadFile):
                    fields[name] = value
    return fields


def _require(fields: dict[str, Any], *names: str) -> None:
    for name in names:
        value = fields.get(name)
        if value is None or value in ("", []):
            raise HTTPException(400, f"Invalid request: missing {name} parameter")


M = TypeVar("M", bound=BaseModel)


def _validated(model: type[M], fields: dict[str, Any]) -> M:
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        raise HTTPException(400, validation_message(error)) from error


def _key(fields: dict[str, Any]) -> str | None:
    key = fields.get("api_key")
    return key if isinstance(key, str) and key else None


async def translate(request: Request) -> Response:
    """Translate text(s) into ``target``, cleaned and with names in the glossary's form (LibreTranslate)."""
    fields = await _fields(request)
    check_access(request, _key(fields))
    _require(fields, "q", "source", "target")
    body = _validated(TranslateRequest, fields)
    if body.format not in ("text", "html"):
        raise HTTPException(400, f"{body.format} format is not supported")
    if body.source != "auto" and body.source not in KNOWN_LANGUAGES:
        raise HTTPException(400, f"{body.source} is not supported")
    if body.target not in KNOWN_LANGUAGES:
        raise HTTPException(400, f"{body.target} is not supported")
    status, answer = await service(request).pool.run("translate", body.model_dump(exclude={"api_key"}))
    return json_answer(status, answer)


async def detect(request: Request) -> Response:
    """The language(s) of a text (LibreTranslate)."""
    fields = await _fields(request)
    check_access(request, _key(fields))
    _require(fields, "q")
    body = _validated(DetectRequest, fields)
    status, answer = await service(request).pool.run("detect", body.model_dump(exclude={"api_key"}))
    return json_answer(status, answer)


@dataclass
class _Listed(ModelStore):
    """A model store over a fixed list of packages, so routing is asked without rereading the folder."""

    listed: list[ModelInfo] = field(default_factory=list)

    def installed(self) -> list[ModelInfo]:
        return self.listed


def language_list(store: ModelStore) -> list[dict[str, object]]:
    """LibreTranslate's ``/languages``: every language of an installed package and where it translates to
    (directly or through English, as :meth:`textfix.ModelStore.route` does)."""
    installed = store.installed()
    listed = _Listed(store.path, listed=installed)
    names: dict[str, str] = {}
    for info in installed:
        names.setdefault(info.source, info.source_name or info.source)
        names.setdefault(info.target, info.target_name or info.target)
    codes = sorted(names)
    return [
        {"code": code, "name": names[code],
         "targets": [t for t in codes if t != code and listed.can_translate(code, t)]}
        for code in codes
    ]


async def languages(request: Request) -> Response:
    """The languages the installed translation packages know (LibreTranslate)."""
    return JSONResponse(await run_in_threadpool(language_list, service(request).models))


_JSON_OR_FORM = ("application/json", *_FORMS)

ROUTES = (
    Endpoint("POST", "/translate", translate, "LibreTranslate", body=TranslateRequest, media_types=_JSON_OR_FORM,
             answer="`translatedText` (a string, or a list for a list of `q`); `detectedLanguage` when `source` "
                    "is `auto`.",
             example={"translatedText": "Die NATO ist besorgt.", "detectedLanguage": {"confidence": 100.0,
                                                                                    "language": "de"}}),
    Endpoint("POST", "/detect", detect, "LibreTranslate", body=DetectRequest, media_types=_JSON_OR_FORM,
             answer="The languages of the text, the document language first; `confidence` is the language's "
                    "share of the text's characters, in %.",
             example=[{"confidence": 88.4, "language": "de"}, {"confidence": 11.6, "language": "ru"}]),
    Endpoint("GET", "/languages", languages, "LibreTranslate", errors=(),
             answer="Every language of an installed package and the languages it translates into.",
             example=[{"code": "ru", "name": "Russian", "targets": ["de", "en"]}]),
)
