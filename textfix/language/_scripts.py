"""Writing systems: the script of a word, and the languages that write in each script.

Only the first letter of a word is looked at (a word mixing scripts is rare and the
first letter is what a reader sees first). Han characters and Japanese kana are one
group, ``hani``: Japanese mixes both, and lingua tells Chinese from Japanese.
Python's ``unicodedata`` has no script property, hence the table of Unicode blocks.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

__all__ = ["UNSPACED_SCRIPTS", "languages_writing", "script_of_language", "script_of_word"]

# (first code point, script or None) of consecutive blocks; a block runs up to the next start.
_BLOCKS: tuple[tuple[int, str | None], ...] = (
    (0x0000, None), (0x0041, "latn"), (0x005B, None), (0x0061, "latn"), (0x007B, None),
    (0x00AA, "latn"), (0x00AB, None), (0x00B5, "latn"), (0x00B6, None), (0x00BA, "latn"), (0x00BB, None),
    (0x00C0, "latn"), (0x02B0, None), (0x0370, "grek"), (0x0400, "cyrl"), (0x0530, "armn"),
    (0x0590, "hebr"), (0x0600, "arab"), (0x0700, None), (0x0750, "arab"), (0x0780, None),
    (0x08A0, "arab"), (0x0900, "deva"), (0x0980, "beng"), (0x0A00, "guru"), (0x0A80, "gujr"),
    (0x0B00, "orya"), (0x0B80, "taml"), (0x0C00, "telu"), (0x0C80, "knda"), (0x0D00, "mlym"),
    (0x0D80, "sinh"), (0x0E00, "thai"), (0x0E80, "laoo"), (0x0F00, "tibt"), (0x1000, "mymr"),
    (0x10A0, "geor"), (0x1100, "hang"), (0x1200, "ethi"), (0x13A0, None), (0x1780, "khmr"),
    (0x1800, "mong"), (0x18B0, None), (0x1C80, "cyrl"), (0x1C90, "geor"), (0x1CC0, None),
    (0x1E00, "latn"), (0x1F00, "grek"), (0x2000, None), (0x2C60, "latn"), (0x2C80, None),
    (0x2D00, "geor"), (0x2D30, None), (0x2DE0, "cyrl"), (0x2E00, None), (0x2E80, "hani"),
    (0x2FE0, None), (0x3040, "hani"), (0x3100, None), (0x3130, "hang"), (0x3190, None),
    (0x31F0, "hani"), (0x3200, None), (0x3400, "hani"), (0xA000, None), (0xA640, "cyrl"),
    (0xA6A0, None), (0xA720, "latn"), (0xA800, None), (0xAC00, "hang"), (0xD7B0, None),
    (0xF900, "hani"), (0xFB00, "latn"), (0xFB07, None), (0xFB1D, "hebr"), (0xFB50, "arab"),
    (0xFE00, None), (0xFE70, "arab"), (0xFF00, None), (0xFF21, "latn"), (0xFF3B, None),
    (0xFF41, "latn"), (0xFF5B, None), (0xFF66, "hani"), (0xFFA0, None), (0x20000, "hani"),
    (0x30000, None),
)
_STARTS = tuple(start for start, _ in _BLOCKS)

#: Scripts written without spaces between words: their words cannot be counted.
UNSPACED_SCRIPTS = frozenset({"hani", "thai", "laoo", "khmr", "mymr", "tibt"})

# The script of every language lingua knows that is not written in Latin letters.
_SCRIPT_OF_LANGUAGE: dict[str, str] = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"), "cyrl"),
    **dict.fromkeys(("ar", "fa", "ur"), "arab"),
    **dict.fromkeys(("zh", "ja"), "hani"),
    **dict.fromkeys(("hi", "mr"), "deva"),
    "el": "grek", "he": "hebr", "hy": "armn", "ka": "geor", "ko": "hang", "th": "thai",
    "bn": "beng", "gu": "gujr", "pa": "guru", "ta": "taml", "te": "telu",
}


def script_of_language(code: str) -> str:
    """The script a language is written in: ``"latn"`` unless listed otherwise.

    >>> script_of_language("de"), script_of_language("uk"), script_of_language("he")
    ('latn', 'cyrl', 'hebr')
    """
    return _SCRIPT_OF_LANGUAGE.get(code, "latn")


def script_of_word(word: str) -> str | None:
    """The script of a word's first letter; ``None`` for what is no letter of a known block.

    >>> script_of_word("Straße"), script_of_word("Київ"), script_of_word("שלום"), script_of_word("東京")
    ('latn', 'cyrl', 'hebr', 'hani')
    """
    first = word[0]
    if first.isascii():
        return "latn" if first.isalpha() else None
    return _BLOCKS[bisect_right(_STARTS, ord(first)) - 1][1]


@lru_cache(maxsize=64)
def languages_writing(script: str, known: frozenset[str]) -> tuple[str, ...]:
    """The languages among ``known`` written in ``script``, sorted.

    >>> languages_writing("arab", frozenset({"ar", "fa", "de", "he"}))
    ('ar', 'fa')
    """
    return tuple(sorted(code for code in known if script_of_language(code) == script))
