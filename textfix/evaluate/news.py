"""The news corpus (``corpus/gold``): foreign spans, debris and duplicates, document language."""

from __future__ import annotations

from collections.abc import Sequence

from .gold import GoldDocument, Scores, char_scores, spans_of

__all__ = ["evaluate_corpus"]


def evaluate_corpus(documents: Sequence[GoldDocument]) -> dict[str, float]:
    """Clean every document; F1 of foreign and of debris+duplicate spans, language accuracy."""
    from textfix.pipeline import clean

    foreign = Scores(0, 0, 0)
    debris = Scores(0, 0, 0)
    right_language = 0
    for document in documents:
        result = clean(document.text)
        right_language += result.language == document.language

        removed = ("debris", "duplicate")
        foreign += char_scores(
            document.text, spans_of(("foreign",), result.segments), spans_of(("foreign",), document.spans)
        )
        debris += char_scores(document.text, spans_of(removed, result.segments), spans_of(removed, document.spans))
    return {
        "documents": float(len(documents)),
        "foreign_precision": foreign.precision,
        "foreign_recall": foreign.recall,
        "foreign_f1": foreign.f1,
        "debris_precision": debris.precision,
        "debris_recall": debris.recall,
        "debris_f1": debris.f1,
        "language_accuracy": right_language / len(documents) if documents else 1.0,
    }
