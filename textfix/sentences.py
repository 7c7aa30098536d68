"""Sentence boundaries inside a paragraph, without a model.

>>> text = "Er (Putin – Anm. d. Red.) ist hier. Am 13. Juni kam J. Biden. Dann ging er."
>>> [text[s:e] for s, e in split_sentences(text)]
['Er (Putin – Anm. d. Red.) ist hier.', 'Am 13. Juni kam J. Biden.', 'Dann ging er.']
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "is_abbreviation", "split_sentences"]

_BOUNDARY = re.compile(r"[.!?…]+[\"'“”»«)\]]*(?=\s+[\"'„“«(\[]?[\w–—-])")
_ABBREVIATIONS = frozenset(
    """
    anm bzw ca co dr d evtl ggf hr inkl jh jr mio mrd nr prof red s sog st str tel u usw v vgl vs z zb
    mr mrs ms no gen col lt sgt gov sen rep dept est approx etc jan feb mar apr jun jul aug sep sept oct nov dec
    г гг др им млн млрд руб см стр т тыс ул чел обл р-н ст
    """.split()
)
_MONTHS = re.compile(
    r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation, an initial or an ordinal."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower().replace(".", "")
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Biden", "d. Red."
    if word.isdigit():
        # Read in place: a copy of the rest would make a long text's every "3." cost its length.
        after = dot + 1
        while after < len(text) and text[after].isspace():
            after += 1
        return bool(_MONTHS.match(text, after)) or text[after : after + 1].islower()
    return False


#: Public names for the flag stage, which must not take an abbreviation's period for a sentence end.
is_abbreviation = _is_abbreviation
ABBREVIATIONS = _ABBREVIATIONS


def _next_letter_is_lower(text: str, position: int, end: int) -> bool:
    """Whether the next word starts in lower case: "Soldaten.“ wurden" is one sentence."""
    while position < end and not text[position].isalnum():
        position += 1
    return position < end and text[position].islower()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    position = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, match.start()) or _next_letter_is_lower(text, match.end(), end):
            continue
        spans.append((position, match.end()))
        position = match.end()
        while position < end and text[position].isspace():
            position += 1
    if position < end:
        tail_end = end
        while tail_end > position and text[tail_end - 1].isspace():
            tail_end -= 1
        if tail_end > position:
            spans.append((position, tail_end))
    return spans
