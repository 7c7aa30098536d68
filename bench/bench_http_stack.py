"""CPU per request of the HTTP stack alone: one trivial route under Starlette, FastAPI, and both.

Starts uvicorn (httptools, uvloop when installed) on a free loopback port for each of
  (a) a Starlette app with one route,
  (b) a FastAPI app with the same route as a FastAPI path operation,
  (c) a FastAPI app with it as a plain Starlette route,
sends GET /health from 8 concurrent httpx clients for --seconds, and prints the server
process's CPU time per request (from /proc). This is why textfix's service is Starlette.
FastAPI is not a dependency of textfix: (b) and (c) are skipped without it.

Run:  PYTHONPATH=. .venv/bin/python bench/bench_http_stack.py [--seconds 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

TICKS = os.sysconf("SC_CLK_TCK")

APPS = '''
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

async def health(request):
    return Response(b'{"status": "ok"}', media_type="application/json")

starlette_app = Starlette(routes=[Route("/health", health)])

try:
    from fastapi import FastAPI, Request
except ImportError:
    pass
else:
    fastapi_app = FastAPI()

    @fastapi_app.get("/health")
    async def fastapi_health(request: Request) -> Response:
        return Response(b'{"status": "ok"}', media_type="application/json")

    fastapi_starlette_route = FastAPI()
    fastapi_starlette_route.router.add_route("/health", health, methods=["GET"])
'''


def cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def load(port: int, clients: int, seconds: float) -> int:
    count = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal count
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            (await http.get("/health")).raise_for_status()
            count += 1

    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return count


def measure(folder: Path, name: str, seconds: float) -> float | None:
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", f"apps:{name}", "--port", "0", "--no-access-log"],
                               cwd=folder, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    try:
        port = None
        for line in process.stderr:
            if "Error loading ASGI app" in line:
                return None
            found = re.search(r"127\.0\.0\.1:(\d+)", line)
            if found:
                port = int(found.group(1))
                break
        if port is None:
            return None
        asyncio.run(load(port, 4, 1.0))  # warm
        before = cpu(process.pid)
        count = asyncio.run(load(port, 8, seconds))
        return (cpu(process.pid) - before) / count
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="textfix-bench-http-") as tmp:
        Path(tmp, "apps.py").write_text(APPS, encoding="utf-8")
        for name, label in (("starlette_app", "Starlette route"), ("fastapi_app", "FastAPI path operation"),
                            ("fastapi_starlette_route", "Starlette route in a FastAPI app")):
            seconds = measure(Path(tmp), name, args.seconds)
            shown = "skipped (FastAPI not installed)" if seconds is None else f"{seconds * 1000:.3f} ms CPU per request"
            print(f"{label:<34} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
