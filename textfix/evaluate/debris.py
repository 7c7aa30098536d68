"""The debris corpus (``corpus/debris``): what the cleaning removes, by class, and what it costs the prose.

Scores are on characters (whitespace ignored), as in :mod:`.gold`:

- ``remove_*``: precision, recall and F1 of everything removed (debris and duplicates)
  against the gold debris and duplicate spans;
- ``recall_<class>``: the share of each gold debris class's characters that was removed;
- ``foreign_f1`` and ``trap_rate`` (the share of trap characters taken for foreign), so that
  the debris model's effect on the language stage is watched;
- ``similarity_gain``: how much of the way from the raw text to the gold clean text
  (the text without the gold debris and duplicates) the output goes, by rapidfuzz's
  normalised Indel similarity of the two with whitespace collapsed: 1.0 is exactly the gold
  text, 0.0 no closer than the input.

>>> from textfix.evaluate.gold import parse_gold
>>> doc = parse_gold("# textfix-gold lang=de\\nDie NATO ist besorgt, sagte der Sprecher am Montag in Brüssel.\\n\\n"
...                  "[[debris:boilerplate|Leave a Reply]]\\n")
>>> scores = evaluate_debris([doc])
>>> scores["remove_f1"], scores["recall_boilerplate"]
(1.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .gold import DEBRIS_CLASSES, GoldDocument, Scores, char_scores, spans_of

__all__ = ["PARTS", "evaluate_debris", "false_removals", "floors", "main", "missed"]

#: The corpus's parts: ``tune`` is read while developing and training, ``heldout`` only scored.
PARTS = ("tune", "heldout")
_MARGIN = 0.01  # floors sit this far under the measured scores: room for harmless changes, not for regressions

_REMOVED = ("debris", "duplicate")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _without(text: str, spans: Sequence[tuple[int, int]]) -> str:
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces.append(text[position:start])
        position = max(position, end)
    pieces.append(text[position:])
    return "".join(pieces)


def evaluate_debris(documents: Sequence[GoldDocument]) -> dict[str, float]:
    """Clean every document (default options, no translation) and score what was removed."""
    from rapidfuzz.distance import Indel

    from textfix.pipeline import clean

    removed = Scores(0, 0, 0)
    foreign = Scores(0, 0, 0)
    by_class = {label: Scores(0, 0, 0) for label in DEBRIS_CLASSES}
    traps = Scores(0, 0, 0)
    gains: list[float] = []
    for document in documents:
        result = clean(document.text)
        predicted = spans_of(_REMOVED, result.segments)
        gold = spans_of(_REMOVED, document.spans)
        removed += char_scores(document.text, predicted, gold)
        foreign += char_scores(
            document.text, spans_of(("foreign",), result.segments), spans_of(("foreign",), document.spans)
        )
        for label in DEBRIS_CLASSES:
            actual = [(s.start, s.end) for s in document.spans if s.kind == "debris" and s.label == label]
            if actual:
                by_class[label] += char_scores(document.text, predicted, actual)
        trap_spans = spans_of(("trap",), document.spans)
        if trap_spans:
            traps += char_scores(document.text, trap_spans, spans_of(("foreign",), result.segments))
        clean_gold = _squeeze(_without(document.text, gold))
        raw = Indel.normalized_similarity(_squeeze(document.text), clean_gold)
        out = Indel.normalized_similarity(_squeeze(result.output), clean_gold)
        gains.append(1.0 if raw >= 1.0 else (out - raw) / (1.0 - raw))
    scores = {
        "documents": float(len(documents)),
        "remove_precision": removed.precision,
        "remove_recall": removed.recall,
        "remove_f1": removed.f1,
        "foreign_f1": foreign.f1,
        # traps' characters taken for foreign: char_scores(trap, foreign) counts them as "true positives"
        "trap_rate": traps.true_positive / traps.predicted if traps.predicted else 0.0,
        "similarity_gain": sum(gains) / len(gains) if gains else 1.0,
    }
    for label, score in by_class.items():
        if score.actual:
            scores[f"recall_{label}"] = score.recall
            scores[f"chars_{label}"] = float(score.actual)
    return scores


def false_removals(documents: Sequence[GoldDocument]) -> list[tuple[str, str, str]]:
    """``(document, reason, text)`` of every removed span that is mostly gold article text: what to look at first."""
    from textfix.pipeline import clean

    found = []
    for document in documents:
        result = clean(document.text)
        gold = spans_of(_REMOVED, document.spans)
        for segment in result.segments:
            if segment.kind not in _REMOVED:
                continue
            score = char_scores(document.text, [(segment.start, segment.end)], gold)
            if score.precision < 0.5:
                found.append((document.name, segment.reason or "", document.text[segment.start : segment.end]))
    return found


def missed(documents: Sequence[GoldDocument]) -> list[tuple[str, str, str]]:
    """``(document, class, text)`` of every gold debris span less than half removed."""
    from textfix.pipeline import clean

    found = []
    for document in documents:
        predicted = spans_of(_REMOVED, clean(document.text).segments)
        for span in document.spans:
            if span.kind == "debris" and char_scores(document.text, predicted, [(span.start, span.end)]).recall < 0.5:
                found.append((document.name, span.label or "", document.text[span.start : span.end]))
    return found


def floors(scores: dict[str, float]) -> dict[str, float]:
    """The floors a baseline pins: every score but counts, a little under what was measured."""
    pinned = {k: round(v - _MARGIN, 3) for k, v in scores.items() if k.startswith(("remove_", "recall_", "foreign"))}
    pinned["similarity_gain"] = round(scores["similarity_gain"] - _MARGIN, 3)
    pinned["trap_rate_max"] = round(scores["trap_rate"] + _MARGIN, 3)
    return pinned


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m textfix.evaluate.debris [DIR] [--verbose] [--update-baseline FILE]``: print both parts' scores."""
    import argparse
    import json

    from .gold import corpus_hash, load_gold

    parser = argparse.ArgumentParser(prog="python -m textfix.evaluate.debris", description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=Path("corpus/debris"))
    parser.add_argument("--part", choices=PARTS, action="append", help="only this part (default: both)")
    parser.add_argument("--verbose", action="store_true", help="list wrongly removed and missed lines")
    parser.add_argument("--update-baseline", type=Path, metavar="FILE", help="pin the current scores as floors")
    args = parser.parse_args(argv)
    baseline: dict[str, object] = {}
    for part in args.part or PARTS:
        documents = load_gold(args.directory / part)
        scores = evaluate_debris(documents)
        print(f"== {part}: {len(documents)} documents")
        for name, value in scores.items():
            if not name.startswith(("chars_", "documents")):
                print(f"{name:22} {value:.4f}")
        if args.verbose:
            for name, reason, text in false_removals(documents):
                print(f"  removed  {name}: [{reason}] {text[:100]!r}")
            for name, label, text in missed(documents):
                print(f"  missed   {name}: [{label}] {text[:100]!r}")
        digest = corpus_hash(args.directory / part)
        baseline[part] = {"corpus_hash": digest, "measured": scores, "floors": floors(scores)}
    if args.update_baseline:
        args.update_baseline.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
