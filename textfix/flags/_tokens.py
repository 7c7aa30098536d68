"""Tokens of a sentence with their offsets and word classes.

>>> [t.text for t in tokenize("Er sagte: „Nein“, 600.000 U-Boote.", 0, 34, "de")]
['Er', 'sagte', ':', '„', 'Nein', '“', ',', '600.000', 'U-Boote', '.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lexicon import ALL, BEST_SHIFT, NAME, NOUN, NUM, UNKNOWN, classes

__all__ = ["Token", "tokenize"]

_TOKEN = re.compile(r"\w+(?:[-’'.]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    #: The word's classes (``_lexicon`` bits); 0 for punctuation.
    classes: int

    @property
    def is_word(self) -> bool:
        return self.classes != 0

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int, end: int, language: str) -> list[Token]:
    """The tokens of ``text[start:end]``: words (with classes), numbers and single punctuation marks."""
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        if word[0].isdigit():
            bits = NUM | NUM << BEST_SHIFT
        elif word[0].isalpha() or word[0] == "_":
            bits = _word_classes(word, language)
        else:
            bits = 0
        tokens.append(Token(match.start(), match.end(), word, bits))
    return tokens


def _word_classes(word: str, language: str) -> int:
    bits = classes(word, language)
    if bits & ALL == UNKNOWN and "-" in word:  # "IOC-Präsident", "NATO-Gipfel": the last part decides
        bits = classes(word.rsplit("-", 1)[1] or word, language)
    if bits & ALL == UNKNOWN and language == "en" and _POSSESSIVE.search(word):
        bits = NAME | NOUN | NAME << BEST_SHIFT  # "Russia’s", "players'"
    return bits
