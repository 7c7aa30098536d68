"""Sentences that do not stand as sentences, and phrases whose grammar broke.

- A sentence with no finite verb whose last clause was opened by a subordinator or a
  relative pronoun: "Wo das Theater trotz der Angriffe jeden Abend.", "Der Kapitän und
  die Besatzung, die aus syrischen und ägyptischen Seeleuten." Ellipsis such as
  "Im Gegenteil." or "Die Antwort: nein." has no such clause and is left alone.
- An English sentence that ends on a relative word: "…, as the bondholders who."
- A short tail in the document language left after a switch of language inside the
  sentence, ending on a function word: "… заявил, что мир будет реагировать auf das."
- English doubled function words ("the the").

>>> text = "Wo das Theater trotz der Angriffe jeden Abend."
>>> is_fragment(text, 0, len(text), "de")
True
>>> text = "Im Gegenteil."
>>> is_fragment(text, 0, len(text), "de")
False
"""

from __future__ import annotations

import re

from ._lexicon import ALL, DET, FIN, NONFIN, PREP, PRON, SUBORD, UNKNOWN, analysed, best
from ._tokens import Token, tokenize

__all__ = ["doubled_words", "is_dangling_tail", "is_fragment"]

_RELATIVE = {
    "de": frozenset("der die das dem den deren dessen denen welche welcher welches welchem welchen wo".split()),
    "en": frozenset("who whom whose which where when".split()),
}
_DOUBLED = re.compile(r"\b(the|a|an|of|to|in|and|for|on|with|is|was)\s+\1\b", re.IGNORECASE)


def _is_verb(token: Token, language: str) -> bool:
    bits = token.classes
    if bits & ALL == UNKNOWN and not token.text[:1].isupper():
        bits = analysed(token.text, language)
    if bits & ALL & FIN and not token.text[:1].isupper():
        return True
    return bool(best(bits) & (FIN | NONFIN)) and not token.text[:1].isupper()


def is_fragment(text: str, start: int, end: int, language: str) -> bool:
    """Whether the sentence ``text[start:end]`` breaks off before its verb."""
    if not text[start:end].endswith("."):
        return False
    tokens = [t for t in tokenize(text, start, end - 1, language)]
    words = [t for t in tokens if t.is_word]
    if len(words) < 3 or any(t.text in "„“”»«\"" for t in tokens):
        return False
    last = words[-1].text.lower()
    if language == "en" and last in _RELATIVE["en"] and tokens[-1] is words[-1]:
        return True
    opener = _last_clause_opener(tokens, language)
    if opener is None or len(tokens) - opener < 3:
        return False
    return not any(_is_verb(t, language) for t in words)


def _last_clause_opener(tokens: list[Token], language: str) -> int | None:
    """Index of the subordinator or relative pronoun that opens the sentence's last clause."""
    segment_start = 0
    for i, token in enumerate(tokens):
        if token.text == ",":
            segment_start = i + 1
    for i in range(segment_start, min(segment_start + 2, len(tokens))):
        token = tokens[i]
        lowered = token.text.lower()
        after_comma = segment_start > 0
        if after_comma and lowered in _RELATIVE[language]:
            return i
        if token.classes & ALL & SUBORD and not token.classes & ALL & (DET | PRON):
            return i
    return None


def is_dangling_tail(text: str, start: int, end: int, language: str) -> bool:
    """A short document-language tail after a foreign span, ending on a function word: "auf das."."""
    words = [t for t in tokenize(text, start, end, language) if t.is_word]
    if not 1 < len(words) <= 4 or not text[start:end].rstrip().endswith("."):
        return False
    return bool(words[-1].classes & ALL & (DET | PRON | PREP)) and bool(words[0].classes & ALL & PREP)


def doubled_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """English function words written twice: "the the"."""
    return [(m.start(), m.end()) for m in _DOUBLED.finditer(text, start, end)]
