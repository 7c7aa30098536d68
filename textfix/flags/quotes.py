"""Quotation marks paired per paragraph: opened and never closed, never opened, closed mid-sentence.

German pairs „…“ and »…« (and, as many sites write, “…” or «…»); English pairs “…”
and straight "…". Single quotes are left alone: ’ is also the apostrophe. A quote may run
over several paragraphs when the next paragraph opens with the same mark (the
continuation convention). A closing mark that follows a period and is followed by the
sentence going on in lower case closed the quote in the middle of a sentence
("… 600.000 russische Soldaten.“ wurden in Putins Krieg getötet").

A German quote opened with „ and closed with ” or " is the one damage certain enough to
mend: the closing mark becomes “.

>>> text = "„Heute kann ich bestätigen, dass sie kamen. Es ist ein Verstoß."
>>> [(f.position, f.problem) for f in pair_quotes(text, [(0, len(text))], "de")]
[(0, 'never closed')]
>>> text = "Er sagte: „Es ist vorbei”."
>>> [(f.position, f.problem, f.replacement) for f in pair_quotes(text, [(0, len(text))], "de")]
[(24, 'wrong closing mark', '“')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from textfix.sentences import is_abbreviation

__all__ = ["QuoteFinding", "holds_quotes", "pair_quotes"]

_DOUBLE = frozenset("„“”»«\"")
_DOUBLE_MARK = re.compile("[„“”»«\"]")
_OPEN_BEFORE = frozenset(" \t([{–—-/\u00a0")
_CLOSE_AFTER = frozenset(" \t.,;:!?)]}–—-/…\u00a0")


# A named tuple, not a frozen dataclass: as immutable, and built at import without the six
# methods a frozen dataclass compiles (~0.5 ms of every one-file run).
class QuoteFinding(NamedTuple):
    """One quotation mark that breaks the pairing."""

    position: int
    mark: str
    #: ``never closed``, ``never opened``, ``closes mid-sentence`` or ``wrong closing mark``.
    problem: str
    #: The mark it should be, when that is certain (a wrong closing glyph).
    replacement: str | None = None

    @property
    def message(self) -> str:
        messages = {
            "never closed": f"the quotation mark {self.mark} opened here is never closed",
            "never opened": f"the closing quotation mark {self.mark} has no opening mark",
            "closes mid-sentence": f"the quotation mark {self.mark} closes the quote in the middle of a sentence",
            "wrong closing mark": f"the quote is closed with {self.mark} instead of {self.replacement}",
        }
        return messages[self.problem]


@dataclass
class _Open:
    position: int
    mark: str


def _opening_position(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before in _OPEN_BEFORE or before in _DOUBLE) and not after.isspace()


def _closing_position(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after in _CLOSE_AFTER or after in _DOUBLE or after == "’")


def _closes_mid_sentence(text: str, i: int, end: int) -> bool:
    """A closing mark after a period, with the sentence going on in lower case: "Soldaten.“ wurden"."""
    if i < 2 or text[i - 1] != "." or is_abbreviation(text, i - 1):
        return False
    return text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].islower()


def holds_quotes(text: str) -> bool:
    """Whether ``text`` holds a double quotation mark at all (most of a text without one need not be paired)."""
    return _DOUBLE_MARK.search(text) is not None


def pair_quotes(text: str, paragraphs: Sequence[tuple[int, int]], language: str) -> list[QuoteFinding]:
    """Every quotation mark of ``paragraphs`` (``(start, end)`` in order) that breaks the pairing."""
    findings: list[QuoteFinding] = []
    for index, (start, end) in enumerate(paragraphs):
        if _DOUBLE_MARK.search(text, start, end) is None:
            continue  # no mark: nothing opened, nothing left open (a scan in C, no pairing set up)
        still_open = _pair_paragraph(text, start, end, language, findings)
        if still_open is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continued = following is not None and text[following[0] : following[0] + 1] == still_open.mark
            if not continued:
                findings.append(QuoteFinding(still_open.position, still_open.mark, "never closed"))
    return findings


def _pair_paragraph(text: str, start: int, end: int, language: str, findings: list[QuoteFinding]) -> _Open | None:
    """Pair the marks of one paragraph; the quote still open at its end, if any."""
    opened: _Open | None = None
    german = language == "de"
    for found in _DOUBLE_MARK.finditer(text, start, end):
        i, mark = found.start(), found.group()
        opening = _opening_position(text, i, start, end)
        closing = _closing_position(text, i, start, end)
        if opened is None:
            if (opening and not closing) or (mark in "„»" and german) or (mark == "“" and not german and not closing):
                opened = _Open(i, mark)
            elif closing and mark in "“”«\"":
                findings.append(QuoteFinding(i, mark, "never opened"))
            continue
        if _closes(opened.mark, mark, german) and (closing or not opening):
            if german and opened.mark == "„" and mark in "”\"":
                findings.append(QuoteFinding(i, mark, "wrong closing mark", "“"))
            elif _closes_mid_sentence(text, i, end):
                findings.append(QuoteFinding(i, mark, "closes mid-sentence"))
            opened = None
        elif german and opened.mark == "„" and mark == "„" and closing and not opening:
            findings.append(QuoteFinding(i, mark, "wrong closing mark", "“"))  # „…„
            opened = None
        elif opening:
            findings.append(QuoteFinding(opened.position, opened.mark, "never closed"))
            opened = _Open(i, mark)
    return opened


def _closes(opener: str, mark: str, german: bool) -> bool:
    """Whether ``mark`` can close a quote opened by ``opener``."""
    if opener == "„":
        return mark in "“”\"" if german else mark in "“”"
    if opener == "»":
        return mark == "«"
    if opener == "«":
        return mark == "»"
    if opener == "“":
        return mark in "”“" if german else mark == "”"
    return mark == '"'
