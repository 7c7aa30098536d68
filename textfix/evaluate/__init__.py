"""Quality evaluation: gold corpora and their scores, pinned as floors by the test suite.

- :mod:`.gold`: the inline-marker format of gold documents and character-level scores;
- :mod:`.news`: the news corpus (``corpus/gold``): foreign spans, debris, document language;
- :mod:`.html`: the Article Extraction Benchmark's metric for HTML pages (AEB, ``corpus/html``).

Each annotated corpus gets a module here and a test that pins its floors (tuning and
held-out parts reported separately). ``python -m textfix.evaluate`` prints the news scores.
"""

from __future__ import annotations

from .gold import (
    DEBRIS_CLASSES,
    GoldDocument,
    GoldFormatError,
    GoldSpan,
    Scores,
    char_scores,
    corpus_hash,
    load_gold,
    parse_gold,
    spans_of,
)
from .news import evaluate_corpus

__all__ = [
    "DEBRIS_CLASSES",
    "GoldDocument",
    "GoldFormatError",
    "GoldSpan",
    "Scores",
    "char_scores",
    "corpus_hash",
    "evaluate_corpus",
    "load_gold",
    "parse_gold",
    "spans_of",
]
