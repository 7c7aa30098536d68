"""What the glossary costs on top of the clean pipeline.

Measures, single-threaded and in one process, on the same texts (gold corpus + seed
articles), best of --repeat runs of at least --min-seconds each:
  (a) textfix.clean(text)                                   -- the pipeline without a glossary
  (b) textfix.clean(text, Options(glossary=builtin))        -- the same with the built-in glossary
  (c) find_terms(text, builtin glossary)                    -- matching alone
and prints the overhead (b - a) / a (goal: under 20%). The one-time costs of reading the
built-in glossary and compiling its matcher are measured first and reported separately.

Run:  PYTHONPATH=. python bench/bench_glossary.py [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_clean import load_texts, measure  # noqa: E402  (needs the path set above)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions, best is kept (default 3)")
    parser.add_argument("--min-seconds", type=float, default=2.0, help="minimum time per repetition (default 2)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")

    import textfix
    from textfix.glossary import builtin_glossary, find_terms

    start = time.perf_counter()
    glossary = builtin_glossary()
    loaded = time.perf_counter()
    find_terms("", glossary)  # compiles the matcher
    compiled = time.perf_counter()

    texts = load_texts()
    if not texts:
        print("no texts found (corpus/gold empty?)", file=sys.stderr)
        return 1
    options = textfix.Options(glossary=glossary)
    for text in texts:  # warm-up: lingua models, caches
        textfix.clean(text, options)

    def with_glossary(text: str) -> object:
        return textfix.clean(text, options)  # the pipeline with its glossary stage

    def matching(text: str) -> object:
        return find_terms(text, glossary)

    results = {
        "clean": measure(textfix.clean, texts, args.repeat, args.min_seconds),
        "clean+glossary": measure(with_glossary, texts, args.repeat, args.min_seconds),
        "find_terms": measure(matching, texts, args.repeat, args.min_seconds),
    }
    base = results["clean"]["seconds_per_pass"]
    overhead = (results["clean+glossary"]["seconds_per_pass"] - base) / base
    matching_share = results["find_terms"]["seconds_per_pass"] / base
    entries = len(glossary)
    forms = sum(len(entry.all_forms()) for entry in glossary)

    print(f"{len(texts)} texts, {sum(map(len, texts))} chars per pass, best of {args.repeat}, "
          f">= {args.min_seconds:g} s each; glossary: {entries} entries, {forms} forms")
    read_ms, compile_ms = 1000 * (loaded - start), 1000 * (compiled - loaded)
    print(f"one-time: read glossary {read_ms:.1f} ms, compile matcher {compile_ms:.1f} ms")
    print(f"{'name':<16} {'chars/s':>14} {'ms/pass':>10}")
    for name, r in results.items():
        print(f"{name:<16} {r['chars_per_s']:>14,.0f} {r['seconds_per_pass'] * 1000:>10.1f}")
    print(f"glossary overhead: {overhead:+.1%} of clean (goal < 20%); matching alone {matching_share:.1%}")

    if args.json:
        payload = {
            "texts": len(texts),
            "repeat": args.repeat,
            "min_seconds": args.min_seconds,
            "python": platform.python_version(),
            "entries": entries,
            "forms": forms,
            "read_ms": read_ms,
            "compile_ms": compile_ms,
            "results": results,
            "overhead": overhead,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
