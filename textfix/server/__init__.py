"""textfix over HTTP: textfix's own JSON endpoints and a LibreTranslate-compatible API.

- :mod:`.settings`: :class:`ServerSettings` (workers, limits, API keys), also from the
  environment for ``textfix.server:app``;
- :mod:`.app`: the ASGI application (Starlette), its errors and access checks;
  :mod:`.routes` (``/v1/clean``, ``/v1/segment``, ``/health``) and :mod:`.libretranslate`
  (``/translate``, ``/detect``, ``/languages``); :mod:`.openapi` (``/openapi.json``, ``/docs``)
  and :mod:`.schemas` (the request models);
- :mod:`.limits`: the request body limit and the per-key rate limit;
- :mod:`.workers`: the pipeline worker processes (the pipeline never runs on the event
  loop), with :mod:`._work`, what runs inside them.

``textfix serve`` runs it on uvicorn; any ASGI server can run ``textfix.server:app``,
set up from ``TEXTFIX_SERVE_*`` variables (:meth:`ServerSettings.from_environment`).
Importing this package does not import the web stack; :func:`create_app` and ``app`` do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import ApiKeyFileError, ServerSettings, load_api_keys

if TYPE_CHECKING:
    from starlette.applications import Starlette

    #: The application set up from the environment, made on first access.
    app: Starlette

__all__ = ["ApiKeyFileError", "ServerSettings", "app", "create_app", "load_api_keys"]


def create_app(settings: ServerSettings | None = None) -> Starlette:
    """The ASGI application for ``settings`` (default: from the environment)."""
    from .app import build_app

    return build_app(settings if settings is not None else ServerSettings.from_environment())


def __getattr__(name: str) -> object:
    if name == "app":
        made = create_app()
        globals()["app"] = made
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
