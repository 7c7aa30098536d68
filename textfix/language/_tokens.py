"""Words of a paragraph with their offsets, lower-case form, script and capitalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._scripts import script_of_word

__all__ = ["TOKEN", "Token", "tokens"]

#: A word: letters, with inner apostrophes and hyphens ("don't", "Stream-Recap").
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


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


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The words of ``text[start:end]``.

    >>> [(t.lower, t.script, t.capitalised, t.upper) for t in tokens("Die NATO: שלום", 0, 14)]
    [('die', 'latn', True, False), ('nato', 'latn', True, True), ('שלום', 'hebr', False, False)]
    """
    found = []
    for match in TOKEN.finditer(text, start, end):
        word = match.group()
        found.append(
            Token(
                match.start(), match.end(), word.lower(), script_of_word(word),
                word[0].isupper(), len(word) > 1 and word.isupper(),
            )
        )
    return found
