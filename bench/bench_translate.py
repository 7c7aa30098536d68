"""Translating the corpus's foreign spans: textfix's batched path vs argostranslate per span.

Both sides use the same installed toy packages (``models/``) in one process. The
argostranslate side calls its own ``translate()`` once per span, with its
sentencizer (which would download a model) replaced by textfix's sentence splitter,
so both translate exactly the same sentences. Prints spans/s, the ratio, and whether
the outputs are identical.

    python bench/bench_translate.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _spans_by_pair(directions: set[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Gold foreign spans of the corpus, grouped by (span language, pair target)."""
    from textfix.evaluate import load_gold

    spans: dict[tuple[str, str], list[str]] = defaultdict(list)
    for document in load_gold(ROOT / "corpus" / "gold"):
        for span in document.spans:
            if span.kind != "foreign" or span.lang is None:
                continue
            for source, target in directions:
                if source == span.lang:
                    spans[(source, target)].append(document.text[span.start : span.end])
    return spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads per model on both sides (0: all)")
    args = parser.parse_args()
    os.environ["ARGOS_INTRA_THREADS"] = str(args.threads)  # argostranslate reads it at import

    folder = Path(tempfile.mkdtemp(prefix="textfix-bench-models-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(folder)  # before argostranslate is first imported
    from textfix.sentences import split_sentences
    from textfix.translate import ModelStore

    store = ModelStore(folder, threads=args.threads)
    for package in sorted((ROOT / "models").glob("*.argosmodel")):
        store.install_file(package)
    directions = {(i.source, i.target) for i in store.installed()}
    spans = _spans_by_pair(directions)

    import argostranslate.translate as argos

    class TextfixSentences:
        """argostranslate's sentencizer interface, answered by textfix's splitter."""

        def split_sentences(self, text: str) -> list[str]:
            return [text[a:b] for a, b in split_sentences(text)] or [text]

    argos_translations = {}
    for source, target in spans:
        translation = argos.get_translation_from_codes(source, target)
        underlying = getattr(translation, "underlying", translation)
        underlying.sentencizer = TextfixSentences()
        argos_translations[(source, target)] = translation

    total = sum(len(v) for v in spans.values())
    # Warm up: load every model on both sides once.
    for pair, texts in spans.items():
        store.translate(texts[:1], *pair)
        argos_translations[pair].translate(texts[0])

    def run_textfix() -> dict[tuple[str, str], list[str]]:
        return {pair: store.translate(texts, *pair) for pair, texts in spans.items()}

    def run_argos() -> dict[tuple[str, str], list[str]]:
        return {pair: [argos_translations[pair].translate(t) for t in texts] for pair, texts in spans.items()}

    timings: dict[str, float] = {}
    outputs = {}
    for name, function in (("textfix batched", run_textfix), ("argostranslate per span", run_argos)):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            outputs[name] = function()
            best = min(best, time.perf_counter() - start)
        timings[name] = best

    pairs_of_outputs = [
        (source, ours, theirs)
        for pair in spans
        for source, ours, theirs in zip(
            spans[pair], outputs["textfix batched"][pair], outputs["argostranslate per span"][pair], strict=True
        )
    ]
    differing = [item for item in pairs_of_outputs if item[1] != item[2]]
    # argostranslate glues the pieces of a span's sentences before decoding; textfix decodes
    # each sentence and joins them with one space. Compare the words as well as the raw text.
    differing_words = [item for item in differing if item[1].split() != item[2].split()]
    pairs = ", ".join(f"{a}→{b}" for a, b in sorted(spans))
    print(f"{total} foreign spans of the gold corpus, pairs: {pairs}; threads per model: {args.threads or 'all'}")
    print(f"{'path':26} {'spans/s':>9} {'seconds':>9}")
    for name, seconds in timings.items():
        print(f"{name:26} {total / seconds:9.1f} {seconds:9.3f}")
    ratio = timings["argostranslate per span"] / timings["textfix batched"]
    print(f"textfix batched is {ratio:.2f}x the speed of argostranslate per span")
    print(f"identical outputs: {total - len(differing)} of {total} spans exactly, "
          f"{total - len(differing_words)} of {total} word for word")
    for source, ours, theirs in differing:
        print(f"  {source[:50]!r}\n    textfix: {ours[-60:]!r}\n    argos:   {theirs[-60:]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
