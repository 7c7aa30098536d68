"""The mixed-writing corpus (``corpus/mixed``): foreign runs by length, and traps.

German–English informal writing (posts, chats, reviews) with ``[[foreign:LANG|…]]``
runs of three or more words and ``[[trap|…]]`` names, loanwords and short insertions.
Scores, per part (``tune``, ``heldout``):

- **run recall by length**: a gold run is *found* when at least half of its
  non-space characters lie inside predicted foreign segments (:func:`is_found`);
  lengths are counted in words as :mod:`textfix.language` counts them (``3``, ``4-5``,
  ``6+``), runs in a script neither Latin nor Cyrillic form their own bucket
  (``other-script``);
- **run F1** (runs of three or more words): recall as above over all runs; precision is
  the share of predicted foreign segments of which at least half the characters are
  gold foreign;
- **character-level** foreign precision, recall and F1 (:func:`textfix.evaluate.gold.char_scores`);
- **trap rate**: the share of trap spans that overlap a predicted foreign segment in
  at least one non-space character;
- the document language, and whether found runs got the gold language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .gold import GoldDocument, GoldSpan, Scores, char_scores, load_gold, spans_of

__all__ = ["BUCKETS", "PARTS", "MixedReport", "evaluate_mixed", "is_found", "length_bucket", "load_part"]

#: The parts of the corpus, each a folder of gold documents.
PARTS = ("tune", "heldout")
#: Run-length buckets, in report order.
BUCKETS = ("3", "4-5", "6+", "other-script")

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_LATIN_OR_CYRILLIC = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


def length_bucket(text: str) -> str:
    """The bucket of a gold run: its word count, or ``other-script``.

    >>> length_bucket("proof of stake"), length_bucket("in the long run"), length_bucket("רכבת ישראל מאחלת")
    ('3', '4-5', 'other-script')
    """
    if not _LATIN_OR_CYRILLIC.search(text):
        return "other-script"
    words = len(_WORD.findall(text))
    return "3" if words <= 3 else "4-5" if words <= 5 else "6+"


def _covered(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end) if not text[i].isspace()}


def is_found(text: str, run: tuple[int, int], predicted: set[int]) -> bool:
    """Whether at least half of the run's non-space characters are in ``predicted`` (indices).

    >>> is_found("ab cd", (0, 5), {0, 1}), is_found("ab cde", (0, 6), {0, 1})
    (True, False)
    """
    own = _covered(text, [run])
    return bool(own) and 2 * len(own & predicted) >= len(own)


@dataclass(frozen=True)
class _Tally:
    found: dict[str, int]
    total: dict[str, int]
    predicted_runs: int
    predicted_right: int
    right_language: int
    found_runs: int
    traps: int
    traps_flagged: int


@dataclass(frozen=True)
class MixedReport:
    """The scores of one part of the corpus (see the module docstring for definitions)."""

    documents: int
    #: Per bucket: (runs found, runs in the gold).
    runs: dict[str, tuple[int, int]]
    run_precision: float
    run_recall: float
    run_f1: float
    characters: Scores
    traps: int
    traps_flagged: int
    #: Found runs whose majority predicted language is the gold language, of all found runs.
    run_language_accuracy: float
    language_accuracy: float
    #: (document, gold run text, bucket) of every run not found; (document, predicted text) of
    #: every predicted segment that is not gold foreign; (document, trap text) of traps flagged.
    missed: tuple[tuple[str, str, str], ...] = ()
    spurious: tuple[tuple[str, str], ...] = ()
    flagged: tuple[tuple[str, str], ...] = ()

    def recall(self, bucket: str) -> float:
        found, total = self.runs.get(bucket, (0, 0))
        return found / total if total else 1.0

    @property
    def trap_rate(self) -> float:
        return self.traps_flagged / self.traps if self.traps else 0.0

    def as_dict(self) -> dict[str, float]:
        """Flat metric names → values (what the baseline file pins)."""
        values: dict[str, float] = {"documents": float(self.documents)}
        for bucket in BUCKETS:
            values[f"recall_{bucket}"] = self.recall(bucket)
        values |= {
            "run_precision": self.run_precision,
            "run_recall": self.run_recall,
            "run_f1": self.run_f1,
            "char_precision": self.characters.precision,
            "char_recall": self.characters.recall,
            "char_f1": self.characters.f1,
            "trap_rate": self.trap_rate,
            "run_language_accuracy": self.run_language_accuracy,
            "language_accuracy": self.language_accuracy,
        }
        return values


def load_part(root: Path, part: str) -> list[GoldDocument]:
    """The gold documents of one part (``tune`` or ``heldout``) under ``root`` (``corpus/mixed``)."""
    return load_gold(root / part)


def _majority_language(start: int, end: int, segments: Sequence[tuple[int, int, str | None]]) -> str | None:
    weights: dict[str | None, int] = {}
    for s_start, s_end, lang in segments:
        overlap = min(end, s_end) - max(start, s_start)
        if overlap > 0:
            weights[lang] = weights.get(lang, 0) + overlap
    return max(weights, key=weights.__getitem__) if weights else None


def evaluate_mixed(documents: Sequence[GoldDocument]) -> MixedReport:
    """Clean every document with the default options and score it."""
    from textfix.pipeline import clean

    found = dict.fromkeys(BUCKETS, 0)
    total = dict.fromkeys(BUCKETS, 0)
    characters = Scores(0, 0, 0)
    predicted_runs = predicted_right = found_runs = right_run_language = 0
    traps = traps_flagged = right_language = 0
    missed: list[tuple[str, str, str]] = []
    spurious: list[tuple[str, str]] = []
    flagged: list[tuple[str, str]] = []
    for document in documents:
        text = document.text
        result = clean(text)
        right_language += result.language == document.language
        predicted = [(s.start, s.end) for s in result.segments if s.kind == "foreign"]
        foreign = [(s.start, s.end, s.lang) for s in result.segments if s.kind == "foreign"]
        gold: list[GoldSpan] = [s for s in document.spans if s.kind == "foreign"]
        characters += char_scores(text, predicted, spans_of(("foreign",), gold))
        predicted_chars = _covered(text, predicted)
        gold_chars = _covered(text, [(s.start, s.end) for s in gold])
        for span in gold:
            bucket = length_bucket(text[span.start : span.end])
            total[bucket] += 1
            if is_found(text, (span.start, span.end), predicted_chars):
                found[bucket] += 1
                found_runs += 1
                right_run_language += _majority_language(span.start, span.end, foreign) == span.lang
            else:
                missed.append((document.name, text[span.start : span.end], bucket))
        for start, end in predicted:
            predicted_runs += 1
            if is_found(text, (start, end), gold_chars):
                predicted_right += 1
            else:
                spurious.append((document.name, text[start:end]))
        for span in document.spans:
            if span.kind == "trap" and _covered(text, [(span.start, span.end)]):
                traps += 1
                if _covered(text, [(span.start, span.end)]) & predicted_chars:
                    traps_flagged += 1
                    flagged.append((document.name, text[span.start : span.end]))
    gold_runs = sum(total.values())
    run_recall = sum(found.values()) / gold_runs if gold_runs else 1.0
    run_precision = predicted_right / predicted_runs if predicted_runs else 1.0
    run_f1 = 2 * run_precision * run_recall / (run_precision + run_recall) if run_precision + run_recall else 0.0
    return MixedReport(
        documents=len(documents),
        runs={bucket: (found[bucket], total[bucket]) for bucket in BUCKETS},
        run_precision=run_precision,
        run_recall=run_recall,
        run_f1=run_f1,
        characters=characters,
        traps=traps,
        traps_flagged=traps_flagged,
        run_language_accuracy=right_run_language / found_runs if found_runs else 1.0,
        language_accuracy=right_language / len(documents) if documents else 1.0,
        missed=tuple(missed),
        spurious=tuple(spurious),
        flagged=tuple(flagged),
    )


def _floors(report: MixedReport) -> dict[str, float]:
    """The pinned bounds of a part: scores a little under the measured ones, the trap rate a little over."""
    values = report.as_dict()
    scores = [name for name in values if name not in ("documents", "trap_rate")]
    floors = {name: round(max(0.0, values[name] - 0.01), 3) for name in scores}
    floors["trap_rate_max"] = round(values["trap_rate"] + 0.005, 3)
    return floors


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m textfix.evaluate.mixed [DIR] [--verbose] [--update-baseline FILE]``: print the scores."""
    import argparse
    import json

    from .gold import corpus_hash

    parser = argparse.ArgumentParser(prog="python -m textfix.evaluate.mixed", description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=Path("corpus/mixed"))
    parser.add_argument("--verbose", action="store_true", help="list missed runs, spurious spans, flagged traps")
    parser.add_argument("--update-baseline", type=Path, metavar="FILE", help="pin the current scores as floors")
    args = parser.parse_args(argv)
    baseline: dict[str, object] = {}
    for part in PARTS:
        report = evaluate_mixed(load_part(args.directory, part))
        print(f"== {part}: {report.documents} documents")
        for bucket in BUCKETS:
            found, total = report.runs[bucket]
            print(f"runs {bucket:14} {found:3}/{total:<3} {report.recall(bucket):.4f}")
        for name, value in report.as_dict().items():
            if not name.startswith("recall_") and name != "documents":
                print(f"{name:22} {value:.4f}")
        print(f"traps flagged          {report.traps_flagged}/{report.traps}")
        if args.verbose:
            for name, text, bucket in report.missed:
                print(f"  missed   {name}: [{bucket}] {text!r}")
            for name, text in report.spurious:
                print(f"  spurious {name}: {text!r}")
            for name, text in report.flagged:
                print(f"  trap     {name}: {text!r}")
        baseline[part] = {
            "corpus_hash": corpus_hash(args.directory / part),
            "measured": report.as_dict(),
            "runs": {bucket: list(report.runs[bucket]) for bucket in BUCKETS},
            "floors": _floors(report),
        }
    if args.update_baseline:
        args.update_baseline.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
