"""Words of a paragraph with their offsets, lower-case form, script and capitalisation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textfix.errors import OptionsError

from ._memo import Memo
from ._scripts import script_of_word

__all__ = ["TOKEN", "Token", "find_words", "tokens"]

# Combining marks that belong to the letter before them (Arabic vowel signs and tanwin,
# Hebrew points, Devanagari and Thai vowel signs, Latin diacritics in decomposed text).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed" \
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u3099\u309a"
# Possessive quantifiers: a word takes every letter and mark it can and never gives one back
# (what follows is optional), so the engine keeps no backtracking points: the same words, faster.
_LETTERS = rf"[^\W\d_]++(?:[{_MARKS}]++[^\W\d_]*+)*+"
#: A word: letters (with their combining marks), inner apostrophes and hyphens ("don't", "Stream-Recap").
TOKEN = re.compile(rf"{_LETTERS}(?:['’\-]{_LETTERS})*+")


#: Marks a word is often written with (no letter, combining mark or joiner): "sagte," "Russland."
_TRAILING = frozenset(".,:;!?)\"“”»«…")


def find_words(text: str, start: int, end: int) -> list[str]:
    """``TOKEN.findall(text, start, end)``, one whitespace-separated chunk at a time.

    No word holds a space. Most chunks are all letters (``isalpha`` letters are :data:`TOKEN`'s
    letters) or letters and one common mark: those are sliced, which costs less than the
    pattern; only the rest goes to it.

    >>> find_words("„Die NATO, Stream-Recap (2024): don't.", 0, 38)
    ['Die', 'NATO', 'Stream-Recap', "don't"]
    """
    found: list[str] = []
    for chunk in text[start:end].split():
        if chunk.isalpha():
            found.append(chunk)
        elif chunk[-1] in _TRAILING and chunk[:-1].isalpha():
            found.append(chunk[:-1])
        else:
            found += TOKEN.findall(chunk)
    return found


@dataclass(slots=True)
class Token:
    start: int
    end: int
    lower: str
    script: str | None
    #: Starts with a capital letter (scripts without case never do).
    capitalised: bool
    #: Every letter a capital, and more than one letter ("NATO", "THERE'S").
    upper: bool


def tokens(text: str, start: int, end: int, words: Sequence[str] | None = None) -> list[Token]:
    """The words of ``text[start:end]``; ``words`` is ``TOKEN.findall(text, start, end)`` if known already.

    >>> [(t.lower, t.script, t.capitalised, t.upper) for t in tokens("Die NATO: שלום", 0, 14)]
    [('die', 'latn', True, False), ('nato', 'latn', True, True), ('שלום', 'hebr', False, False)]
    >>> [(t.start, t.end) for t in tokens("a-b, a b", 0, 8)]
    [(0, 3), (5, 6), (7, 8)]
    >>> tokens("a-b, a b", 0, 8, ["a-b", "c"])
    Traceback (most recent call last):
    ...
    textfix.errors.OptionsError: 'c' is not the paragraph's next word: pass paragraph_words(text, start, end)
    """
    if words is None:
        words = find_words(text, start, end)
    found = []
    position = start
    for word in words:
        # No letter lies between two words (a letter would start one), and a word starts with a
        # letter: its first occurrence from the previous word's end is where the match was.
        begin = text.find(word, position, end)
        if begin < 0:
            raise OptionsError(f"{word!r} is not the paragraph's next word: pass paragraph_words(text, start, end)")
        position = begin + len(word)
        found.append(Token(begin, position, *_LOOKS[word]))
    return found


def _looks(word: str) -> tuple[str, str | None, bool, bool]:
    """A word's lower-case form, script, capital first letter and all capitals (see :class:`Token`)."""
    return word.lower(), script_of_word(word), word[0].isupper(), len(word) > 1 and word.isupper()


# Memoised per word across documents: the same few thousand words make up most paragraphs.
_LOOKS = Memo(_looks)
