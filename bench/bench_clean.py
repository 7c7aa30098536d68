"""Throughput of textfix.clean against its two main building blocks.

Measures, single-threaded and in one process, characters per second of
  (a) textfix.clean(text)                      -- the whole pipeline
  (b) ftfy.fix_text(text)                      -- encoding repair alone
  (c) lingua detect_multiple_languages_of(text) -- mixed-language detection alone
on the same texts (gold corpus + seed articles), repeated so that each
measurement runs for at least --min-seconds; best of --repeat runs.

Run:  PYTHONPATH=. python bench/bench_clean.py [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LINGUA_LANGUAGES = ("GERMAN", "ENGLISH", "RUSSIAN", "UKRAINIAN")


def load_texts() -> list[str]:
    """Gold corpus texts plus the seed articles (if ../shared/seeds exists)."""
    from textfix.evaluate import load_gold

    texts = [doc.text for doc in load_gold(ROOT / "corpus" / "gold")]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    return [t for t in texts if t]


def _one_pass(func: Callable[[str], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        func(text)
    return time.perf_counter() - start


def measure(
    func: Callable[[str], object],
    texts: Sequence[str],
    repeat: int,
    min_seconds: float,
) -> dict[str, float]:
    """Best-of-`repeat` chars/s; each repetition loops the texts >= min_seconds."""
    chars = sum(len(t) for t in texts)
    first = _one_pass(func, texts)  # calibrates the loop count
    loops = max(1, int(min_seconds / max(first, 1e-9)) + 1)
    best = float("inf")
    for _ in range(repeat):
        elapsed = 0.0
        n = 0
        while n < loops or elapsed < min_seconds:
            elapsed += _one_pass(func, texts)
            n += 1
        best = min(best, elapsed / n)
    return {"chars_per_s": chars / best, "seconds_per_pass": best, "loops": float(loops)}


def build_lingua():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LINGUA_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions, best is kept (default 3)")
    parser.add_argument("--min-seconds", type=float, default=2.0, help="minimum time per repetition (default 2)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")

    import ftfy

    import textfix

    texts = load_texts()
    if not texts:
        print("no texts found (corpus/gold empty?)", file=sys.stderr)
        return 1
    total_chars = sum(len(t) for t in texts)

    detector = build_lingua()
    # Warm-up: one full pass each. textfix builds lingua detectors per language
    # pair lazily (~0.8 s model load each), and a single text does not reach them all.
    for text in texts:
        detector.detect_multiple_languages_of(text)
        textfix.clean(text)
        ftfy.fix_text(text)

    candidates: list[tuple[str, Callable[[str], object]]] = [
        ("textfix.clean", textfix.clean),
        ("ftfy.fix_text", ftfy.fix_text),
        ("lingua-multi", detector.detect_multiple_languages_of),
    ]
    results: dict[str, dict[str, float]] = {}
    for name, func in candidates:
        results[name] = measure(func, texts, args.repeat, args.min_seconds)

    tf = results["textfix.clean"]["chars_per_s"]
    ratios = {
        "textfix/ftfy": tf / results["ftfy.fix_text"]["chars_per_s"],
        "textfix/lingua-multi": tf / results["lingua-multi"]["chars_per_s"],
    }

    print(f"{len(texts)} texts, {total_chars} chars per pass, best of {args.repeat}, >= {args.min_seconds:g} s each")
    print(f"{'name':<16} {'chars/s':>14} {'ms/pass':>10}")
    for name, r in results.items():
        print(f"{name:<16} {r['chars_per_s']:>14,.0f} {r['seconds_per_pass'] * 1000:>10.1f}")
    print("ratios (> 1 means textfix is faster):")
    for name, value in ratios.items():
        print(f"  {name:<22} {value:.3f}")

    if args.json:
        payload = {
            "texts": len(texts),
            "chars_per_pass": total_chars,
            "repeat": args.repeat,
            "min_seconds": args.min_seconds,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "results": results,
            "ratios": ratios,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
