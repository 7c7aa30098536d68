"""What the flag stage costs, as a share of ``textfix.clean``'s time, in one process.

Times, on the same texts (``--corpus news``: the gold corpus and ``../shared/seeds`` if
present, as ``bench_clean.py``; ``--corpus mtdamage``: the MT-damage corpus), the best
single pass of each over at least ``--repeat`` rounds and ``--repeat`` × ``--min-seconds``
seconds, the two passes taking turns (a busy machine slows both alike), after one warm-up
pass that loads HanTa's lexicons and lingua's models:

  (a) ``textfix.clean(text)``: the whole pipeline, flags included;
  (b) ``flag_document(segmentation)``: the flag stage alone, on the segmentation the
      pipeline hands it.

and prints (b) / (a) (goal: under 15 %), plus HanTa's one-time load per language.

Run:  PYTHONPATH=. python bench/bench_flags.py [--corpus news|mtdamage] [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def load_texts(corpus: str) -> list[str]:
    """``news``: the texts of ``bench_clean.py`` (gold corpus and seeds); ``mtdamage``: the MT-damage corpus."""
    from textfix.evaluate import load_gold
    from textfix.evaluate.flags import load_damage

    if corpus == "mtdamage":
        return [doc.text for doc in load_damage(ROOT / "corpus" / "mtdamage")]
    texts = [doc.text for doc in load_gold(ROOT / "corpus" / "gold")]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    return [t for t in texts if t]


def best_times(funcs: Sequence[Callable[[], object]], repeat: int, min_seconds: float) -> list[float]:
    """Best seconds per call of each function: the calls interleave, so a busy machine slows all alike."""
    best = [float("inf")] * len(funcs)
    deadline = time.perf_counter() + min_seconds * repeat
    rounds = 0
    while rounds < repeat or time.perf_counter() < deadline:
        for k, func in enumerate(funcs):
            start = time.perf_counter()
            func()
            best[k] = min(best[k], time.perf_counter() - start)
        rounds += 1
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--min-seconds", type=float, default=2.0)
    parser.add_argument("--corpus", choices=("news", "mtdamage"), default="news")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from textfix.flags import _lexicon, flag_document
    from textfix.options import Options
    from textfix.pipeline import _prepare, clean

    loads = {}
    for language in ("de", "en"):
        start = time.perf_counter()
        _lexicon._tagger(language)
        loads[language] = time.perf_counter() - start
    texts = load_texts(args.corpus)
    chars = sum(len(t) for t in texts)
    options = Options()
    segmentations = [_prepare(t, options).segmentation for t in texts]

    def clean_all() -> None:
        for text in texts:
            clean(text)

    def flag_all() -> None:
        for segmentation in segmentations:
            flag_document(segmentation)

    clean_all()  # warm-up: lingua models, lexicon tables
    cleaning, flagging = best_times([clean_all, flag_all], args.repeat, args.min_seconds)
    flags = sum(len(flag_document(s).flags) for s in segmentations)
    report = {
        "texts": len(texts), "characters": chars, "flags": flags,
        "clean_seconds": cleaning, "flag_seconds": flagging, "flag_share_of_clean": flagging / cleaning,
        "clean_chars_per_second": chars / cleaning, "flag_chars_per_second": chars / flagging,
        "hanta_load_seconds": loads,
    }
    print(f"{len(texts)} texts, {chars:,} characters, {flags} flags")
    print(f"textfix.clean          {cleaning:8.3f} s  {chars / cleaning:12,.0f} chars/s")
    print(f"flag stage alone       {flagging:8.3f} s  {chars / flagging:12,.0f} chars/s")
    print(f"flag stage / clean     {flagging / cleaning:8.1%}   (goal: under 15%)")
    print("HanTa lexicon load     " + ", ".join(f"{k} {v:.2f} s" for k, v in loads.items()) + " (once per process)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
