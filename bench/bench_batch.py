"""Corpus runs: files/s for 1, 2 and N workers, and peak memory streaming a big JSON Lines file.

1. Builds a synthetic corpus of --files articles (default 2,000) from corpus/gold in a
   temporary folder (two gold texts per article, a headline line, 20 subfolders, every
   tenth article as .html), then runs textfix.batch.run_files on it with 1, 2 and
   os.cpu_count() workers (fresh output folder each), timing the whole run including
   the pool start-up. Prints files/s and the ratio to 1 worker, for the whole run and
   after warm-up (from the 10th percent of the files on: workers started, language
   models loaded), and the CPU seconds of the main process and of the workers. A
   counting worker setup records every setup call: once per worker, not once per file.
2. Generates a JSON Lines file of --jsonl-mb MB (default 1024) in the temporary folder and
   runs `textfix fix FILE.jsonl -o OUT.jsonl` in a subprocess, sampling the resident memory
   of its whole process tree (psutil, if installed) and reading the largest child's
   peak RSS from resource.getrusage(RUSAGE_CHILDREN) afterwards.

Run:  PYTHONPATH=. python bench/bench_batch.py [--files N] [--jsonl-mb MB] [--json FILE]
      (--jsonl-mb 50 for a quick run; --jsonl-mb 0 skips the JSON Lines part)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textfix.batch import BatchConfig, Processor, default_setup, run_files, run_jsonl  # noqa: E402
from textfix.evaluate import load_gold  # noqa: E402
from textfix.model import Result  # noqa: E402
from textfix.options import Options  # noqa: E402
from textfix.read import Decoded  # noqa: E402

SETUP_LOG = "TEXTFIX_BENCH_SETUP_LOG"


def counting_setup(options: Options) -> Processor:
    """The default worker setup, plus one line (pid) per call in the file named by $TEXTFIX_BENCH_SETUP_LOG."""
    with open(os.environ[SETUP_LOG], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    return default_setup(options)


def _unchanged(decoded: Decoded) -> Result:
    return Result(decoded.text, decoded.text, "de", (), ())


def passthrough_setup(options: Options) -> Processor:
    """A worker that returns each text unchanged: isolates the streaming machinery (--plumbing)."""
    return _unchanged


def gold_texts() -> list[str]:
    return [doc.text for doc in load_gold(ROOT / "corpus" / "gold") if doc.text]


def article(texts: Sequence[str], i: int) -> str:
    """Article ``i``: a numbered headline and two gold texts, different pairs for different ``i``."""
    first, second = texts[i % len(texts)], texts[(i * 7 + 3) % len(texts)]
    return f"Meldung {i}: Nachrichten aus dem Archiv\n\n{first}\n\n{second}"


def build_corpus(folder: Path, count: int, texts: Sequence[str]) -> int:
    """Write ``count`` articles under ``folder``; return the total characters."""
    chars = 0
    for i in range(count):
        sub = folder / f"section{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = article(texts, i)
        chars += len(text)
        if i % 10 == 9:
            paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
            (sub / f"a{i:05d}.html").write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
        else:
            (sub / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    return chars


class Timeline:
    """A progress reporter that notes when each file was done (for the rate after warm-up)."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def start(self, total: int | None, unit: str) -> None:
        pass

    def update(self, done: int, fraction: float | None, failed: int) -> None:
        self.times.append(time.perf_counter())

    def message(self, text: str) -> None:
        pass

    def finish(self) -> None:
        pass

    def steady_rate(self, skip: float = 0.1) -> float:
        """Files per second from the first ``skip`` of the files (workers started, models loaded) to the last."""
        first = int(len(self.times) * skip)
        span = self.times[-1] - self.times[first]
        return (len(self.times) - 1 - first) / span if span > 0 else float("nan")


def bench_files(corpus: Path, work: Path, workers: int, count: int) -> dict[str, float]:
    log = work / f"setup-{workers}.log"
    os.environ[SETUP_LOG] = str(log)
    out = work / f"out-{workers}"
    main_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    timeline = Timeline()
    summary = run_files([str(corpus)], out, BatchConfig(workers=workers, setup=counting_setup), timeline)
    seconds = time.perf_counter() - started
    main_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_cpu = (main_after.ru_utime + main_after.ru_stime) - (main_before.ru_utime + main_before.ru_stime)
    workers_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    if summary.cleaned != count or summary.failed:
        raise SystemExit(f"expected {count} cleaned files, got {summary.lines()}")
    calls = log.read_text(encoding="utf-8").split()
    return {
        "workers": workers,
        "seconds": seconds,
        "files_per_s": count / seconds,
        "steady_files_per_s": timeline.steady_rate(),
        "setup_calls": len(calls),
        "distinct_setup_pids": len(set(calls)),
        "setup_seconds_total": sum(summary.worker_setup_seconds.values()),
        # CPU seconds of the main process (planning, handing out files, journaling) and of the
        # workers (reaped when the run ends): on a shared machine the wall time varies with the
        # load, the CPU per file does not.
        "main_cpu_s": main_cpu,
        "workers_cpu_s": workers_cpu,
        "main_core_share": main_cpu / seconds,
    }


def write_jsonl(path: Path, megabytes: int, texts: Sequence[str]) -> tuple[int, int]:
    """A JSON Lines file of about ``megabytes`` MB; returns (records, bytes)."""
    limit = megabytes * 1024 * 1024
    size = records = 0
    with path.open("w", encoding="utf-8") as stream:
        while size < limit:
            record = {
                "id": records,
                "url": f"https://news.example/{records}",
                "source": "synthetic",
                "text": article(texts, records),
                "meta": {"crawl": "2024-05", "n": records},
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            stream.write(line)
            size += len(line.encode("utf-8"))
            records += 1
    return records, size


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants (psutil) until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_total = self.peak_main = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stopped.is_set():
            try:
                main = root.memory_info().rss
                total = main + sum(c.memory_info().rss for c in root.children(recursive=True))
            except psutil.Error:
                break
            self.peak_main = max(self.peak_main, main)
            self.peak_total = max(self.peak_total, total)
            self.stopped.wait(self.interval)


def bench_jsonl(
    work: Path, megabytes: int, workers: int, texts: Sequence[str], *, plumbing: bool = False
) -> dict[str, float]:
    source, target = work / "big.jsonl", work / "big.out.jsonl"
    records, size = write_jsonl(source, megabytes, texts)
    if plumbing:  # the same run_jsonl, with workers that do not clean: reader, pool and writer only
        command = [sys.executable, __file__, "--stream", str(source), str(target), str(workers)]
    else:
        command = [sys.executable, "-m", "textfix.cli", "fix", "--no-translate", str(source), "-o", str(target)]
        command += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler: TreeSampler | None = None
    try:
        import psutil  # noqa: F401

        sampler = TreeSampler(process.pid)
        sampler.start()
    except ImportError:
        pass
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    if sampler is not None:
        sampler.stopped.set()
        sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"textfix failed ({process.returncode}): {err}")
    largest_child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out_lines = sum(1 for _ in target.open("rb"))
    source.unlink()
    target.unlink()
    return {
        "megabytes": size / 1024 / 1024,
        "records": records,
        "records_out": out_lines,
        "seconds": seconds,
        "mb_per_s": size / 1024 / 1024 / seconds,
        "workers": workers,
        "peak_rss_largest_process_mb": largest_child_kb / 1024 if largest_child_kb > before else float("nan"),
        "peak_rss_main_mb": sampler.peak_main / 1024 / 1024 if sampler else float("nan"),
        "peak_rss_tree_mb": sampler.peak_total / 1024 / 1024 if sampler else float("nan"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="articles in the synthetic corpus (default 2000)")
    parser.add_argument("--jsonl-mb", type=int, default=1024, help="JSON Lines size in MB (default 1024; 0 skips)")
    parser.add_argument("--workers", default="", help="comma-separated worker counts (default 1,2,cpu_count)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the numbers as JSON")
    parser.add_argument(
        "--plumbing", action="store_true", help="JSON Lines only, workers return texts unchanged (memory of the stream)"
    )
    parser.add_argument("--stream", nargs=3, metavar=("SRC", "DST", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stream:  # child process of --plumbing
        config = BatchConfig(workers=int(args.stream[2]), setup=passthrough_setup)
        summary = run_jsonl(Path(args.stream[0]), Path(args.stream[1]), "text", config)
        return 1 if summary.failed or summary.interrupted else 0
    cores = os.cpu_count() or 1
    counts = [int(w) for w in args.workers.split(",") if w] or sorted({1, 2, cores})
    texts = gold_texts()
    results: dict[str, object] = {"python": platform.python_version(), "cores": cores, "files": args.files}

    with tempfile.TemporaryDirectory(prefix="textfix-bench-") as tmp:
        work = Path(tmp)
        if args.jsonl_mb > 0:  # first: RUSAGE_CHILDREN then covers only this run's processes
            jsonl = bench_jsonl(work, args.jsonl_mb, cores, texts, plumbing=args.plumbing)
            results["jsonl"] = jsonl
            kind = "JSON Lines, workers not cleaning (--plumbing)" if args.plumbing else "JSON Lines"
            print(
                f"{kind}: {jsonl['megabytes']:.0f} MB, {jsonl['records']:,} records in {jsonl['seconds']:.1f} s "
                f"({jsonl['mb_per_s']:.2f} MB/s, {cores} workers); peak RSS: whole tree "
                f"{jsonl['peak_rss_tree_mb']:.0f} MB (main {jsonl['peak_rss_main_mb']:.0f} MB), "
                f"largest process {jsonl['peak_rss_largest_process_mb']:.0f} MB"
            )
        if args.plumbing:
            return 0
        corpus = work / "corpus"
        chars = build_corpus(corpus, args.files, texts)
        print(f"corpus: {args.files} articles, {chars:,} characters, {cores} cores")
        runs = [bench_files(corpus, work, n, args.files) for n in counts]
        base = runs[0]["files_per_s"] if runs[0]["workers"] == 1 else float("nan")
        steady = runs[0]["steady_files_per_s"] if runs[0]["workers"] == 1 else float("nan")
        print(f"{'workers':>7} {'files/s':>9} {'vs 1':>6} {'seconds':>8} {'after warm-up':>14} {'vs 1':>6} "
              f"{'setup calls':>12} {'main CPU s':>11} {'main % core':>12} {'workers CPU s':>14}")
        for run in runs:
            run["ratio_vs_1"] = run["files_per_s"] / base
            run["steady_ratio_vs_1"] = run["steady_files_per_s"] / steady
            print(
                f"{run['workers']:>7} {run['files_per_s']:>9.1f} {run['ratio_vs_1']:>5.2f}x {run['seconds']:>8.1f} "
                f"{run['steady_files_per_s']:>14.1f} {run['steady_ratio_vs_1']:>5.2f}x "
                f"{run['setup_calls']:>12.0f} {run['main_cpu_s']:>11.1f} {100 * run['main_core_share']:>11.0f}% "
                f"{run['workers_cpu_s']:>14.1f}"
            )
        print(f"load average (1, 5, 15 min) after the runs: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        results["runs"] = runs
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
