"""`textfix serve` under load: N concurrent clients for T seconds on loopback, against in-process `clean`.

1. Starts `textfix serve --port 0 --workers W` (a subprocess, loopback only) and waits for it.
2. Warms it up (every text once per worker), then runs --clients concurrent HTTP clients
   (httpx, one keep-alive connection each) for --seconds, each posting the texts in turn to
   /v1/clean (or, with --endpoint translate, LibreTranslate's /translate with the toy models).
   Requests still in flight at the end are awaited: every request sent must be answered 200,
   or the benchmark fails (exit 1) and says how many were lost.
3. Runs `textfix.clean` (the options the server uses) on the same texts for the same time,
   in this process alone, then in min(W, cores) processes at once (one per core, as the
   workers run: on a virtual machine two busy processes each run slower than one alone).
4. Prints requests/s, p50 and p99 latency, and ratios to both in-process runs:
   - per core (wall): requests/s per core used, over in-process cleans/s per core;
   - per CPU second: requests per CPU second of the server's processes (HTTP process and
     workers, from /proc), over cleans per CPU second in process. The load generator runs
     on the same cores, so this one is what the service itself costs; the wall figure also
     pays for the clients.

Run:  PYTHONPATH=. .venv/bin/python bench/bench_server.py [--clients 16] [--seconds 10] [--workers 2]
      [--endpoint clean|translate] [--texts all|gold|seeds] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

import textfix  # noqa: E402
from textfix.evaluate import load_gold  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
READY = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


def load_texts(which: str = "all") -> list[str]:
    """The gold corpus texts (short: 1.4 KB on average) and/or the seed articles of corpus/seeds (4-7 KB)."""
    texts = [doc.text for doc in load_gold(ROOT / "corpus" / "gold")] if which in ("all", "gold") else []
    if which in ("all", "seeds"):
        texts += [p.read_text(encoding="utf-8")
                  for p in sorted((ROOT / "corpus" / "seeds").glob("*_????????????????.txt"))]
    return [t for t in texts if t.strip()]


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process, from /proc (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def process_tree_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of a process, and of its living children together."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return process_cpu(pid), sum(process_cpu(int(child)) for child in children)


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def request_bodies(texts: Sequence[str], endpoint: str) -> tuple[str, list[bytes]]:
    if endpoint == "translate":
        return "/translate", [json.dumps({"q": t, "source": "auto", "target": "de"}, ensure_ascii=False).encode()
                              for t in texts]
    return "/v1/clean", [json.dumps({"text": t}, ensure_ascii=False).encode() for t in texts]


async def run_clients(
    port: int, path: str, bodies: Sequence[bytes], clients: int, seconds: float
) -> tuple[Load, float]:
    load = Load()
    headers = {"content-type": "application/json"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(http: httpx.AsyncClient, first: int, deadline: float) -> None:
        index = first
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            load.sent += 1
            try:
                response = await http.post(path, content=bodies[index % len(bodies)], headers=headers)
            except httpx.HTTPError as error:
                load.failures.append(f"{type(error).__name__}: {error}")
                continue
            load.latencies.append(time.perf_counter() - started)
            load.statuses[response.status_code] = load.statuses.get(response.status_code, 0) + 1
            if response.status_code != 200:
                load.failures.append(f"{response.status_code}: {response.text[:200]}")
            index += clients

    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120) as http:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(client(http, i, deadline) for i in range(clients)))
        return load, time.perf_counter() - started


def in_process(texts: Sequence[str], seconds: float, models_dir: Path | None) -> tuple[int, float, float]:
    """Cleans of the texts in turn for ``seconds``, with the options the server uses: (count, wall s, CPU s)."""
    from textfix.glossary import builtin_glossary

    if models_dir is not None:  # /translate: the whole text into German
        options = textfix.Options(target_language="de", glossary=builtin_glossary())
        models: textfix.ModelStore | None = textfix.ModelStore(models_dir, threads=1)
    else:  # /v1/clean's defaults: as `textfix fix --no-translate`
        options, models = textfix.Options(glossary=builtin_glossary()), None
    for text in texts:  # warm: language models, glossary matcher, translation models
        textfix.clean(text, options, models=models)
    count, wall, cpu = 0, time.perf_counter(), time.process_time()
    deadline = wall + seconds
    while time.perf_counter() < deadline:
        textfix.clean(texts[count % len(texts)], options, models=models)
        count += 1
    return count, time.perf_counter() - wall, time.process_time() - cpu


def in_processes(processes: int, texts: Sequence[str], seconds: float,
                 models_dir: Path | None) -> tuple[int, float, float]:
    """:func:`in_process` in ``processes`` processes at once (one per core, as the workers): summed."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = list(pool.map(in_process, *zip(*[(texts, seconds, models_dir)] * processes, strict=True)))
    return sum(r[0] for r in runs), max(r[1] for r in runs), sum(r[2] for r in runs)


def start_server(workers: int, models_dir: Path | None) -> tuple[subprocess.Popen[str], int]:
    command = [sys.executable, "-m", "textfix.cli", "serve", "--port", "0", "--workers", str(workers)]
    if models_dir is not None:
        command += ["--models-dir", str(models_dir)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line:
            raise RuntimeError(f"textfix serve exited ({server.wait()}) before it listened")
        found = READY.search(line)
        if found:
            return server, int(found.group(1))
    server.kill()
    raise RuntimeError("textfix serve did not listen within 120 s")


def install_toy_models(folder: Path) -> Path:
    store = textfix.ModelStore(folder)
    for package in sorted((ROOT / "models").glob("*.argosmodel")):
        store.install_file(package)
    return folder


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the load (default 10)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server workers (default: cores)")
    parser.add_argument("--endpoint", choices=("clean", "translate"), default="clean")
    parser.add_argument("--texts", choices=("all", "gold", "seeds"), default="all",
                        help="the gold corpus, the seed articles, or both (default)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    texts = load_texts(args.texts)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="textfix-bench-server-") as tmp:
        models_dir = install_toy_models(Path(tmp) / "models") if args.endpoint == "translate" else None
        server, port = start_server(args.workers, models_dir)
        try:
            path, bodies = request_bodies(texts, args.endpoint)
            asyncio.run(run_clients(port, path, bodies * args.workers, args.workers, 0.0))  # one pass per worker
            warm, _ = asyncio.run(run_clients(port, path, bodies, args.clients, 2.0))
            http_before, workers_before = process_tree_cpu(server.pid)
            load, wall = asyncio.run(run_clients(port, path, bodies, args.clients, args.seconds))
            http_after, workers_after = process_tree_cpu(server.pid)
            http_cpu, workers_cpu = http_after - http_before, workers_after - workers_before
            server_cpu = http_cpu + workers_cpu
        finally:
            server.send_signal(signal.SIGTERM)
            code = server.wait(timeout=60)
        count, local_wall, local_cpu = in_process(texts, args.seconds, models_dir)
        parallel = min(args.workers, cores)
        p_count, p_wall, p_cpu = in_processes(parallel, texts, args.seconds, models_dir)

    answered = len(load.latencies)
    rps = answered / wall
    local_rate, parallel_rate = count / local_wall, p_count / p_wall
    per_core = rps / parallel / local_rate
    per_core_parallel = rps / parallel_rate
    per_cpu = (answered / server_cpu) / (count / local_cpu) if server_cpu else float("nan")
    per_cpu_parallel = (answered / server_cpu) / (p_count / p_cpu) if server_cpu else float("nan")
    lost = load.sent - load.statuses.get(200, 0)
    print(f"textfix serve --workers {args.workers} ({cores} cores), {args.clients} clients, {args.seconds:g} s, "
          f"POST {path}, {len(texts)} texts ({args.texts}, {sum(map(len, texts)) // len(texts)} characters on average)")
    print(f"  requests: {load.sent} sent, {answered} answered, statuses {load.statuses}, lost or failed {lost}")
    print(f"  {rps:.1f} requests/s, latency p50 {percentile(load.latencies, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(load.latencies, 0.99) * 1000:.1f} ms")
    print(f"  server CPU {server_cpu:.1f} s: HTTP process {http_cpu:.1f} s, workers {workers_cpu:.1f} s "
          f"({answered / server_cpu:.1f} requests per CPU second)")
    print(f"in process, 1 process: textfix.clean {local_rate:.1f} texts/s ({count / local_cpu:.1f} per CPU second)")
    print(f"in process, {parallel} processes at once: {parallel_rate:.1f} texts/s "
          f"({p_count / p_cpu:.1f} per CPU second)")
    print(f"ratio to 1 process:   per core (wall) {per_core:.2f}, per CPU second {per_cpu:.2f}")
    print(f"ratio to {parallel} processes:  per core (wall) {per_core_parallel:.2f}, per CPU second "
          f"{per_cpu_parallel:.2f}   (goal: >= 0.8)")
    print(f"server stopped with exit code {code} after SIGTERM")
    for failure in load.failures[:5]:
        print(f"  failure: {failure}")
    if args.json:
        args.json.write_text(json.dumps({
            "workers": args.workers, "cores": cores, "clients": args.clients, "seconds": args.seconds,
            "endpoint": path, "texts": args.texts, "sent": load.sent, "answered": answered,
            "statuses": load.statuses, "lost": lost,
            "requests_per_second": rps, "p50_ms": percentile(load.latencies, 0.5) * 1000,
            "p99_ms": percentile(load.latencies, 0.99) * 1000, "server_cpu_seconds": server_cpu,
            "http_process_cpu_seconds": http_cpu, "workers_cpu_seconds": workers_cpu,
            "in_process_per_second": local_rate, "in_process_per_cpu_second": count / local_cpu,
            "in_processes": parallel, "in_processes_per_second": parallel_rate,
            "in_processes_per_cpu_second": p_count / p_cpu,
            "ratio_per_core_wall": per_core, "ratio_per_cpu_second": per_cpu,
            "ratio_per_core_wall_parallel": per_core_parallel, "ratio_per_cpu_second_parallel": per_cpu_parallel,
            "warm_up_requests": len(warm.latencies),
        }, indent=2) + "\n", encoding="utf-8")
    return 1 if lost or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
