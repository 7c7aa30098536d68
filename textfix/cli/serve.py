"""``textfix serve``: the HTTP service (textfix's JSON endpoints and LibreTranslate's API) on uvicorn."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from textfix.errors import OptionsError, TextfixError
from textfix.server.settings import DEFAULT_TIMEOUT, ServerSettings, default_workers, load_api_keys

from ._common import DEFAULT_MAX_BYTES, GlossaryFiles, ModelsDir, NoBuiltinGlossary, app, fail

if TYPE_CHECKING:
    import socket

    import uvicorn

__all__ = ["serve"]


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free port).")] = 5000,
    models_dir: ModelsDir = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", min=1, help="Pipeline worker processes (default: cores).")
    ] = None,
    api_keys: Annotated[
        Path | None,
        typer.Option("--api-keys", help="File of API keys ('KEY [REQUESTS_PER_MINUTE]' per line): require one."),
    ] = None,
    req_limit: Annotated[
        int | None, typer.Option("--req-limit", min=1, help="Requests per minute per key (or client address).")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Request bodies larger than this get 413 (default: 16 MiB).")
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Seconds one request may take before it is stopped.")
    ] = DEFAULT_TIMEOUT,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request on stderr.")] = False,
) -> None:
    """Serve textfix over HTTP: /v1/clean, /v1/segment, and LibreTranslate's /translate, /detect, /languages."""
    settings = _settings(models_dir, workers, api_keys, req_limit, max_bytes, timeout, glossary_files,
                         no_builtin_glossary)
    import uvicorn

    from textfix.server import create_app

    config = uvicorn.Config(
        create_app(settings), host=host, port=port, lifespan="on", access_log=access_log,
        log_level="info" if access_log else "warning", timeout_graceful_shutdown=int(timeout) + 1,
    )
    raise typer.Exit(_run(uvicorn.Server(config), _bind(host, port), settings.workers))


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one line on stderr (exit 1)."""
    import socket

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
        raise typer.Exit(1) from error
    return sock


def _settings(
    models_dir: Path | None, workers: int | None, api_keys: Path | None, req_limit: int | None, max_bytes: int,
    timeout: float, glossary_files: list[Path] | None, no_builtin_glossary: bool,
) -> ServerSettings:
    """The service's settings; a bad key file or glossary is said now, not by every worker (exit 1)."""
    from textfix.glossary import load_glossaries

    try:
        keys = load_api_keys(api_keys) if api_keys is not None else None
        load_glossaries(glossary_files or (), builtin=not no_builtin_glossary)
        return ServerSettings(
            models_dir=models_dir, workers=workers or default_workers(), max_bytes=max_bytes, api_keys=keys,
            req_limit=req_limit, timeout=timeout, glossary_files=tuple(glossary_files or ()),
            builtin_glossary=not no_builtin_glossary,
        )
    except OptionsError as error:
        raise typer.BadParameter(str(error)) from error
    except TextfixError as error:
        fail(str(error))
        raise typer.Exit(1) from error


def _ignore(signum: int, frame: FrameType | None) -> None:
    """uvicorn re-raises the signal that stopped it once it has drained; the drain was the point."""


def _run(server: uvicorn.Server, sock: socket.socket, workers: int) -> int:
    """Serve until SIGTERM or SIGINT, then drain the requests in flight; 0 after a clean stop."""

    async def serve() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.05)
        if server.started:
            address, port = sock.getsockname()[:2]
            shown = f"[{address}]" if ":" in address else address
            typer.echo(f"textfix serve: listening on http://{shown}:{port} ({workers} workers)", err=True)
        await task

    previous = {sig: signal.signal(sig, _ignore) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with asyncio.Runner(loop_factory=server.config.get_loop_factory()) as runner:
            runner.run(serve())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not server.started:
        fail("the service did not start (see the messages above)")
        return 1
    typer.echo("textfix serve: stopped", err=True)
    return 0
