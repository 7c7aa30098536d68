"""The tokens of a sentence as parallel lists (text, word classes); offsets only when asked.

Most sentences hold no damage, so the scan must be cheap: ``findall`` and one dictionary
look-up per token, no object per token. Offsets are computed for a sentence only when a
flag needs them.

>>> words = Words.of("Er sagte: „Nein“, 600.000 U-Boote.", 0, 34, "de")
>>> words.texts
['Er', 'sagte', ':', '„', 'Nein', '“', ',', '600.000', 'U-Boote', '.']
>>> words.span(8)
(26, 33)
"""

from __future__ import annotations

import re
from itertools import repeat

from ._lexicon import ALL, BEST_SHIFT, NAME, NOUN, NUM, UNKNOWN, classes

__all__ = ["CAPITAL", "PUNCT", "Words"]

# Possessive quantifiers: the same tokens (a separator is no word character), without backtracking.
_TOKEN = re.compile(r"\w++(?:[-’'.]\w++)*+|[^\w\s]")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
#: The classes of a punctuation mark: no word class at all.
PUNCT = 1 << 31
#: Set for a word that starts with a capital letter (beside its classes: one test per token, no method call).
CAPITAL = 1 << 32


class Words:
    """One sentence's tokens: ``texts[i]`` and ``bits[i]`` (its word classes, :data:`PUNCT` for punctuation)."""

    __slots__ = ("_spans", "bits", "end", "language", "start", "text", "texts")

    def __init__(self, text: str, start: int, end: int, language: str, texts: list[str], bits: list[int]) -> None:
        self.text, self.start, self.end, self.language = text, start, end, language
        self.texts, self.bits = texts, bits
        #: Offsets of the first tokens, as far as :meth:`span` was asked.
        self._spans: list[tuple[int, int]] = []

    @classmethod
    def of(cls, text: str, start: int, end: int, language: str) -> Words:
        texts = _tokenise(text, start, end)
        known = _TABLES.setdefault(language, {})
        bits = list(map(known.get, texts, repeat(0)))  # the look-ups in C; 0: not known yet (known tokens have bits)
        if 0 in bits:
            for i, found in enumerate(bits):
                if not found:
                    bits[i] = _learn(texts[i], language, known)
        return cls(text, start, end, language, texts, bits)

    def __len__(self) -> int:
        return len(self.texts)

    def span(self, i: int) -> tuple[int, int]:
        """Offsets of token ``i`` in the text.

        Found with ``str.find`` from the end of the token before, up to ``i`` only: every
        character but whitespace belongs to a token, so the next token is the next occurrence
        of its text (a regular expression pass over the whole segment cost more than the scan).
        """
        spans = self._spans
        if i >= len(spans):
            text, texts = self.text, self.texts
            at = spans[-1][1] if spans else self.start
            for token in texts[len(spans) : i + 1]:
                start = text.find(token, at)
                at = start + len(token)
                spans.append((start, at))
        return spans[i]

    def is_word(self, i: int) -> bool:
        return not self.bits[i] & PUNCT

    def capitalised(self, i: int) -> bool:
        return self.texts[i][:1].isupper()


def _tokenise(text: str, start: int, end: int) -> list[str]:
    """``_TOKEN.findall(text, start, end)``, one whitespace-separated chunk at a time.

    No token holds a space, and most chunks are a single word (``isalnum`` is the regular
    expression's ``\\w`` without ``_``): those skip the pattern, which costs more per token.
    So do most of the rest, a word and one mark after it ("sagte:", "Russland."): a mark
    that is no word character ends the word there, as the pattern would.

    >>> _tokenise("Er sagte: „Nein“, U-Boote. 2024. a_", 0, 35)
    ['Er', 'sagte', ':', '„', 'Nein', '“', ',', 'U-Boote', '.', '2024', '.', 'a_']
    """
    tokens: list[str] = []
    for chunk in text[start:end].split():
        if chunk.isalnum():
            tokens.append(chunk)
        elif chunk[:-1].isalnum() and chunk[-1] != "_":  # "_" is a word character: "a_" is one token
            tokens += (chunk[:-1], chunk[-1])
        else:
            tokens += _TOKEN.findall(chunk)
    return tokens


#: Per language: token → its classes with :data:`CAPITAL` and :data:`PUNCT` (the lexicon's own table has neither).
_TABLES: dict[str, dict[str, int]] = {}
#: The most word forms a table keeps before it starts afresh (bounded memory on endless corpora).
_TABLE_LIMIT = 400_000
#: Numbers up to this length are kept too: a few thousand forms (years, counts) that recur in every text.
_SHORT_NUMBER = 4


def _learn(token: str, language: str, known: dict[str, int]) -> int:
    """Classes of a token the table does not hold yet; the table keeps them (long numbers aside)."""
    bits = _classes(token, language) | (CAPITAL if token[0].isupper() else 0)
    if not bits & NUM or len(token) <= _SHORT_NUMBER:
        if len(known) > _TABLE_LIMIT:
            known.clear()
        known[token] = bits
    return bits


def _classes(token: str, language: str) -> int:
    first = token[0]
    if first.isdigit():
        return NUM | NUM << BEST_SHIFT
    if not (first.isalpha() or first == "_"):
        return PUNCT
    bits = classes(token, language)
    if bits & ALL == UNKNOWN and "-" in token:  # "IOC-Präsident", "NATO-Gipfel": the last part decides
        bits = classes(token.rsplit("-", 1)[1] or token, language)
    if bits & ALL == UNKNOWN and language == "en" and _POSSESSIVE.search(token):
        bits = NAME | NOUN | NAME << BEST_SHIFT  # "Russia’s", "players'"
    return bits
