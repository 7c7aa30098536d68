"""Time on hostile input: each stage on 250 KB and on 1 MB of an adversarial line, as a ratio.

Linear time means a ratio near 4. The test suite counts the function calls of the same
stages (``tests/test_hostile.py``), which is deterministic but blind to time spent inside
one C call, such as a regular expression that backtracks; this benchmark times them.
Each time is the best of several runs (until 0.3 s in all, at least 7 when short), so that
one pause of the machine does not decide a ratio. A ratio over 8 is marked ``SLOW``.

Run:  PYTHONPATH=. python bench/bench_hostile.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ADVERSARIAL = {
    "lt": "<", "amp": "&", "entity-chain": "&amp;", "a-dot": "a.", "cyrillic-words": "абвгд ",
    "div-open": "<div ", "quoted-attribute": "<a b='c' ", "comment-open": "<!-- x>", "digits": "1",
    "one-word": "a", "mojibake": "Ã¼", "space-dot": "a .",
}


def best_time(function: Callable[[Any], object], argument: object) -> float:
    """The shortest of several runs: until 0.3 s in all (at most 60), and at least 7 when short."""
    times: list[float] = []
    while not times or (len(times) < 60 and (sum(times) < 0.3 or (len(times) < 7 and times[-1] < 0.05))):
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the ratios as JSON")
    args = parser.parse_args(argv)

    import textfix
    from textfix.read import html_to_text
    from textfix.repair import repair_edits

    textfix.clean("Die NATO ist besorgt. Мы обеспокоены тем фактом.")  # load the language models first
    stages: dict[str, Callable[[Any], object]] = {
        "decode": lambda text: textfix.decode_bytes(text.encode()),
        "html": html_to_text,
        "repair": repair_edits,
        "clean": textfix.clean,
    }
    results: dict[str, dict[str, float]] = {}
    print(f"{'input':18}" + "".join(f"{name:>10}" for name in stages))
    for name, unit in ADVERSARIAL.items():
        small = (unit * (250_000 // len(unit) + 1))[:250_000]
        large = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
        ratios = {stage: best_time(run, large) / best_time(run, small) for stage, run in stages.items()}
        results[name] = ratios
        cells = "".join(f"{r:>9.1f}{'!' if r > 8 else ' '}" for r in ratios.values())
        print(f"{name:18}{cells}")
    slow = [(name, stage) for name, ratios in results.items() for stage, r in ratios.items() if r > 8]
    print("SLOW: " + ", ".join(f"{n}/{s}" for n, s in slow) if slow else "every ratio under 8 (linear: about 4)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
