"""Start-up: a one-file `textfix fix` against `python -c "import ftfy, lingua"`.

Issue 18's goal: `textfix fix --no-translate SEED` takes at most 1.5x the time of importing
the two libraries textfix cannot do without. Each command runs in a fresh subprocess; the
commands take turns, round after round (so a busy moment slows all of them alike), and the
best of --repeat rounds is kept. Printed: milliseconds and the ratio to the baseline
`import ftfy, lingua` (and to a bare `python -c pass`).

- `fix (warm)` uses textfix's data cache as a user's second run finds it (the folder is
  filled by one untimed run first); `fix (cold)` gets an empty cache folder every run,
  as on a fresh machine (the word tables and the glossary regex are built and written).
- Then lists the heavy modules a one-file fix loads (translation, the web service, the
  corpus runner's pool, and the libraries whose tables are cached).

Run:  python bench/bench_import.py [--repeat N] [--seed FILE] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
BASELINE = "import ftfy, lingua"
#: Modules a one-file fix without translation has no use for.
HEAVY = (
    "argostranslate", "ctranslate2", "sentencepiece", "torch", "uvicorn", "fastapi", "starlette",
    "wordfreq", "HanTa", "trafilatura", "textfix.translate", "textfix.server", "textfix.batch._pool",
    "textfix.batch.jsonl",
)  # fmt: skip


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["TEXTFIX_CACHE_DIR"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user runs it: with .pyc files (the first run writes them)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], cache: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``args``."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, env=_env(cache), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed, used = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"{args!r} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed, used


def _fix(seed: Path) -> list[str]:
    return [sys.executable, "-m", "textfix.cli", "fix", "--no-translate", str(seed)]


def loaded_by_fix(seed: Path, cache: Path) -> dict[str, bool]:
    """Which of :data:`HEAVY` a one-file fix has imported when it exits."""
    code = (
        "import atexit, json, sys\n"
        f"names = {HEAVY!r}\n"
        "atexit.register(lambda: print(json.dumps({n: any(m == n or m.startswith(n + '.') for m in sys.modules)"
        " for n in names}), file=sys.stderr))\n"
        f"sys.argv = ['textfix', 'fix', '--no-translate', {str(seed)!r}]\n"
        "from textfix.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(cache), capture_output=True, text=True,
                          check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds; the best of each command is kept (default 7)")
    parser.add_argument("--seed", type=Path, default=SEED, help="the file to fix (default: the first seed)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")

    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="textfix-bench-import-") as scratch:
        warm = Path(scratch) / "warm"
        _run(_fix(args.seed), warm)  # fills the cache a second run finds
        commands: dict[str, tuple[list[str], Path | None]] = {
            "python -c pass": ([py, "-c", "pass"], warm),
            BASELINE: ([py, "-c", BASELINE], warm),
            "import textfix": ([py, "-c", "import textfix"], warm),
            "textfix --help": ([py, "-m", "textfix.cli", "--help"], warm),
            "fix (warm)": (_fix(args.seed), warm),
            "fix (cold)": (_fix(args.seed), None),
        }
        times = {name: float("inf") for name in commands}
        cpu = dict(times)
        for round_ in range(args.repeat):
            for name, (command, cache) in commands.items():
                folder = cache if cache is not None else Path(scratch) / f"cold-{round_}"
                wall, used = _run(command, folder)
                times[name], cpu[name] = min(times[name], wall), min(cpu[name], used)
        loaded = loaded_by_fix(args.seed, warm)

    baseline, bare, cpu_baseline = times[BASELINE], times["python -c pass"], cpu[BASELINE]
    print(f"best of {args.repeat} rounds in a fresh subprocess each; seed {args.seed.name}")
    print(f"{'command':<22} {'wall ms':>8} {'x ' + BASELINE:>22} {'x python':>9} {'cpu ms':>8} {'cpu x baseline':>15}")
    for name, seconds in times.items():
        print(f"{name:<22} {seconds * 1000:>8.1f} {seconds / baseline:>22.2f} {seconds / bare:>9.2f} "
              f"{cpu[name] * 1000:>8.1f} {cpu[name] / cpu_baseline:>15.2f}")
    print(f"goal: fix (warm) <= 1.5x {BASELINE}: {'met' if times['fix (warm)'] <= 1.5 * baseline else 'NOT met'}")
    print("heavy modules a one-file fix loads:")
    for name, present in loaded.items():
        print(f"  {name:<22} {'LOADED' if present else 'not loaded'}")

    if args.json:
        payload = {
            "repeat": args.repeat,
            "seed": args.seed.name,
            "seconds": times,
            "ratios_to_baseline": {k: v / baseline for k, v in times.items()},
            "cpu_seconds": cpu,
            "cpu_ratios_to_baseline": {k: v / cpu_baseline for k, v in cpu.items()},
            "loaded_by_fix": loaded,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
