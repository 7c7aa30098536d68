"""Start-up cost of textfix: import time and CLI --help, relative to bare Python.

Each command runs in a fresh subprocess (best of --repeat, wall time), and the
ratio to `python -c "pass"` is printed. Then reports which heavy modules
(argostranslate, ctranslate2, sentencepiece, torch, lingua) `import textfix`
pulls in eagerly.

Run:  python bench/bench_import.py [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("argostranslate", "ctranslate2", "sentencepiece", "torch", "lingua")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def best_wall(args: list[str], repeat: int) -> float:
    env = _env()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{args!r} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}")
        best = min(best, elapsed)
    return best


def heavy_modules() -> dict[str, bool]:
    code = (
        "import sys, json, textfix\n"
        f"names = {HEAVY!r}\n"
        "print(json.dumps({n: any(m == n or m.startswith(n + '.') for m in sys.modules) for n in names}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(), capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command, best is kept (default 5)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")

    py = sys.executable
    commands: list[tuple[str, list[str]]] = [
        ("python -c pass", [py, "-c", "pass"]),
        ("import textfix", [py, "-c", "import textfix"]),
    ]
    skipped: list[str] = []
    if (ROOT / "textfix" / "cli.py").is_file():
        commands.append(("textfix.cli --help", [py, "-m", "textfix.cli", "--help"]))
    else:
        skipped.append("textfix.cli --help (textfix/cli.py not found)")

    times: dict[str, float] = {}
    for name, cmd in commands:
        try:
            times[name] = best_wall(cmd, args.repeat)
        except RuntimeError as exc:
            skipped.append(f"{name}: {exc}")
    baseline = times["python -c pass"]

    print(f"best of {args.repeat}, wall time in a fresh subprocess")
    print(f"{'command':<22} {'ms':>9} {'x baseline':>11}")
    for name, t in times.items():
        print(f"{name:<22} {t * 1000:>9.1f} {t / baseline:>11.2f}")
    for line in skipped:
        print(f"skipped: {line}")

    loaded = heavy_modules()
    print("heavy modules after `import textfix`:")
    for name, present in loaded.items():
        print(f"  {name:<16} {'LOADED' if present else 'not loaded'}")

    if args.json:
        payload = {
            "repeat": args.repeat,
            "seconds": times,
            "ratios": {k: v / baseline for k, v in times.items()},
            "skipped": skipped,
            "heavy_modules_after_import": loaded,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
