"""What the flag stage, the duplicate search and repair each cost, as shares of ``textfix.clean``.

On the texts of ``bench_flags.py`` (``--corpus news``: the gold corpus and ``../shared/seeds``;
``--corpus mtdamage``), in one process, the best single pass of each over ``--seconds``, the
passes taking turns in a shuffled order with the garbage collector paused while one runs:

  (a) ``textfix.clean(text)``: the whole pipeline;
  (b) ``flag_document(segmentation)`` on the segmentations the pipeline hands it;
  (c) ``find_duplicates(paragraphs)`` on the paragraph lists segmentation passed it (recorded
      during one clean of each text);
  (d) ``repair_edits(text)``;
  (e) ``ftfy.fix_and_explain`` alone on the lines repair hands to ftfy (the part of (d) that is ftfy's).

Times are the thread's CPU time (``time.thread_time``): on a machine shared with other work the
wall clock mostly measures the others. Prints each as milliseconds per pass and as a share of (a).

Run:  PYTHONPATH=. python bench/bench_stages.py [--corpus news|mtdamage] [--seconds S] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_flags import load_texts  # noqa: E402 (the bench folder is put on the path just above)


def best_cpu_times(funcs: dict[str, Callable[[], object]], seconds: float) -> dict[str, float]:
    """Best CPU seconds of one call of each function; the calls take turns in a shuffled order."""
    best = dict.fromkeys(funcs, float("inf"))
    names = list(funcs)
    deadline = time.perf_counter() + seconds
    rounds = 0
    while rounds < 3 or time.perf_counter() < deadline:
        random.shuffle(names)
        for name in names:
            gc.collect()
            gc.disable()
            start = time.thread_time()
            funcs[name]()
            best[name] = min(best[name], time.thread_time() - start)
            gc.enable()
        rounds += 1
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("news", "mtdamage"), default="news")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    import ftfy

    from textfix import repair, segment
    from textfix.duplicates import find_duplicates
    from textfix.flags import flag_document
    from textfix.options import Options
    from textfix.pipeline import _prepare, clean

    texts = load_texts(args.corpus)
    with mock.patch.object(segment, "find_duplicates", wraps=find_duplicates) as spy:
        segmentations = [_prepare(t, Options()).segmentation for t in texts]
    paragraph_lists = [list(call.args[0]) for call in spy.call_args_list]
    with mock.patch.object(ftfy, "fix_and_explain", wraps=ftfy.fix_and_explain) as spy:
        for text in texts:
            repair.repair_edits(text)
    ftfy_calls = [(call.args, call.kwargs) for call in spy.call_args_list]

    funcs: dict[str, Callable[[], object]] = {
        "textfix.clean": lambda: [clean(t) for t in texts],
        "flag stage": lambda: [flag_document(s) for s in segmentations],
        "duplicates": lambda: [find_duplicates(p) for p in paragraph_lists],
        "repair": lambda: [repair.repair_edits(t) for t in texts],
        "  of it ftfy": lambda: [ftfy.fix_and_explain(*a, **k) for a, k in ftfy_calls],
    }
    funcs["textfix.clean"]()  # warm-up: lingua models, lexicon tables
    best = best_cpu_times(funcs, args.seconds)
    whole = best["textfix.clean"]
    print(f"{len(texts)} texts ({args.corpus}), {sum(map(len, texts)):,} characters; "
          f"{len(paragraph_lists)} duplicate searches, {len(ftfy_calls)} lines given to ftfy")
    for name, seconds in best.items():
        print(f"{name:14s} {seconds * 1000:8.2f} ms per pass  {seconds / whole:6.1%} of clean")
    if args.json:
        report = {name: {"seconds": s, "share_of_clean": s / whole} for name, s in best.items()}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
