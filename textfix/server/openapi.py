"""The service's routes described once (:class:`Endpoint`), and the OpenAPI document made from them.

``/openapi.json`` is built from the endpoints and the pydantic models their bodies are
validated with, so the document cannot drift from what the routes accept; ``/docs`` is
Swagger UI over it (the page loads Swagger UI's script and style from a CDN).
"""

from __future__ import annotations

import html
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from textfix._version import __version__

from .schemas import ErrorAnswer

__all__ = ["ERRORS", "Endpoint", "document", "routes"]

_COMPONENTS = "#/components/schemas/"

#: What each error status means, for every route that can answer it.
ERRORS = {
    400: "Invalid request (LibreTranslate's messages where it has one)",
    403: "Missing or unknown API key",
    413: "Request body over the limit",
    429: "Slow down: over this key's requests per minute",
    500: "The request could not be completed (its worker stopped, or it took too long)",
}

DESCRIPTION = """Clean broken, half-translated web news over HTTP.

- `/v1/clean` and `/v1/segment`: textfix's own answers (the report's document object, the
  `segment --json` object), for one text or a list.
- `/translate`, `/detect`, `/languages`: LibreTranslate's API; `/translate` cleans the text
  and keeps names in the glossary's form unless `clean` is false.

Errors are `{"error": message}` with status 400, 403, 413, 429 or 500.
"""


@dataclass(frozen=True)
class Endpoint:
    """One route: where it is, what it runs, and what the docs say of it (its function's docstring)."""

    method: str
    path: str
    function: Callable[[Request], Awaitable[Response]]
    tag: str
    answer: str
    body: type[BaseModel] | None = None
    media_types: tuple[str, ...] = ("application/json",)
    example: object = None
    errors: tuple[int, ...] = (400, 403, 413, 429, 500)


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    summary, _, details = (endpoint.function.__doc__ or "").strip().partition("\n")
    content: dict[str, Any] = {"application/json": {"example": endpoint.example}} if endpoint.example else {}
    operation: dict[str, Any] = {
        "tags": [endpoint.tag],
        "summary": summary.strip(),
        "operationId": f"{endpoint.function.__name__}_{endpoint.method.lower()}",
        "responses": {"200": {"description": endpoint.answer, **({"content": content} if content else {})}},
    }
    if details.strip():
        operation["description"] = " ".join(details.split())
    if endpoint.body is not None:
        reference = {"$ref": _COMPONENTS + endpoint.body.__name__}
        operation["requestBody"] = {"required": True,
                                    "content": {kind: {"schema": reference} for kind in endpoint.media_types}}
    for status in endpoint.errors:
        operation["responses"][str(status)] = {
            "description": ERRORS[status],
            "content": {"application/json": {"schema": {"$ref": _COMPONENTS + ErrorAnswer.__name__}}},
        }
    return operation


def document(endpoints: Sequence[Endpoint]) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``endpoints``.

    >>> from textfix.server.routes import ROUTES
    >>> doc = document(ROUTES)
    >>> sorted(doc["paths"]), "CleanOptions" in doc["components"]["schemas"]
    (['/health', '/v1/clean', '/v1/segment'], True)
    """
    schemas: dict[str, Any] = {}
    for model in {e.body for e in endpoints if e.body is not None} | {ErrorAnswer}:
        schema = model.model_json_schema(ref_template=_COMPONENTS + "{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in endpoints:
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = _operation(endpoint)
    return {
        "openapi": "3.1.0",
        "info": {"title": "textfix", "version": __version__, "description": DESCRIPTION},
        "paths": paths,
        "components": {"schemas": dict(sorted(schemas.items()))},
    }


def docs_page(spec: dict[str, Any]) -> str:
    """The API described for people, from the OpenAPI document: one self-contained page.

    The service runs offline, so the page loads nothing (no Swagger UI from a CDN): every
    path with its method, summary, description, request schema and answers, escaped.

    >>> from textfix.server.routes import ROUTES
    >>> page = docs_page(document(ROUTES))
    >>> "POST /v1/clean" in page, "http" in page.split("<body>")[1].split("openapi.json")[0]
    (True, False)
    """
    schemas = spec.get("components", {}).get("schemas", {})
    parts = [f"<h1>{html.escape(spec['info']['title'])} {html.escape(spec['info']['version'])}</h1>",
             f"<p>{html.escape(spec['info'].get('description', ''))}</p>",
             '<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a>.</p>']
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            parts.append(f"<h2>{method.upper()} {html.escape(path)}</h2><p><b>{html.escape(operation['summary'])}</b>"
                         f" {html.escape(operation.get('description', ''))}</p>")
            body = operation.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                name = content["schema"]["$ref"].rsplit("/", 1)[-1]
                schema = json.dumps(schemas.get(name, {}), indent=1, ensure_ascii=False)
                parts.append(f"<p>Request ({html.escape(media)}): {html.escape(name)}</p>"
                             f"<pre>{html.escape(schema)}</pre>")
            items = "".join(f"<li>{html.escape(status)}: {html.escape(answer['description'])}</li>"
                            for status, answer in operation["responses"].items())
            parts.append(f"<ul>{items}</ul>")
    return ('<!doctype html>\n<html><head><meta charset="utf-8"><title>textfix — API</title>'
            '<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}'
            "pre{background:#f4f4f4;padding:.5rem;overflow:auto;font-size:.8rem}</style></head>\n<body>"
            + "\n".join(parts) + "</body></html>\n")


def routes(endpoints: Sequence[Endpoint]) -> list[Route]:
    """``GET /openapi.json`` and ``GET /docs``."""
    body = json.dumps(document(endpoints), ensure_ascii=False).encode()

    async def openapi_json(request: Request) -> Response:
        return Response(body, media_type="application/json")

    page = docs_page(document(endpoints))

    async def docs(request: Request) -> Response:
        return HTMLResponse(page)

    return [Route("/openapi.json", openapi_json, methods=["GET"], include_in_schema=False),
            Route("/docs", docs, methods=["GET"], include_in_schema=False)]
