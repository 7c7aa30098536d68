"""Spellings as token paths: Cyrillic case endings, German genitive ``s``, spaces and apostrophes.

Every form becomes one or more token paths: literal characters, a space token (one or
more spaces), an apostrophe token (' ’ ʼ), an optional German "s", and an ending token
for Cyrillic words. :mod:`textfix.glossary._matcher` puts all paths into one trie.
"""

from __future__ import annotations

import re
from itertools import product

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SPACE, _APOSTROPHE, _GENITIVE, _END = "\0sp", "\0ap", "\0s", "\0end:"
_SPACES = re.compile(r"[ \u00a0]+")
_APOSTROPHES = re.compile(r"['’ʼ]")
SEPARATOR = re.compile(r"( |-)")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff']+\Z")
_VOWELS = frozenset("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_NO_INFLECTION = frozenset({"фон", "дер", "на", "де", "ван"})
# Russian and Ukrainian case endings by the ending of the nominative form.
_ENDINGS: dict[str, tuple[str, ...]] = {
    "consonant": ("", "а", "у", "ом", "ым", "им", "е", "і", "ові", "еві", "ю", "я", "ем"),
    "alternating": ("а", "у", "ом", "ові", "і", "ем", "я", "ю", "еві", "ім"),
    "a": ("а", "ы", "и", "е", "і", "у", "ой", "ою", "ей", "ею", "ої", "ій"),
    "ya": ("я", "и", "і", "ї", "е", "ю", "ей", "ею", "єю", "ям"),
    "adj-f": ("ая", "яя", "ой", "ей", "ую", "юю", "ою", "ею"),
    "adj-m": ("ий", "ый", "ой", "ій", "ого", "его", "ому", "ему", "им", "ым", "ом", "ем", "ім",
              "ия", "ию", "ием", "ии", "ія", "ію", "ієм", "ії"),
    "yot": ("й", "я", "ю", "ем", "е", "і", "єм", "ї"),
    "soft": ("ь", "я", "ю", "ем", "ём", "е", "і", "и", "ью", "ям", "ею"),
    "soft-e": ("е", "я", "ю", "ем", "ём"),
    "adj-n": ("ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем"),
    "e": ("е", "я", "ю", "ем", "ого", "ому", "им", "ім"),
    "o": ("о", "а", "у", "ом", "ові", "і"),
}
ALL_ENDINGS = tuple(sorted({e for endings in _ENDINGS.values() for e in endings if e}, key=len, reverse=True))
# Ukrainian і/ї in a final closed syllable alternates with о/е/є in the other cases (Київ → Києва).
_ALTERNATION = re.compile(r"(?P<head>.*[^\W\d_])(?P<vowel>[ії])(?P<tail>[^аеєиіїоуюяь'\W]+)ь?\Z")


def _inflections(word: str, *, last: bool) -> list[tuple[str, str]]:
    """(stem, ending class) pairs for a Cyrillic word; ``[]`` when it does not decline here."""
    if not _CYRILLIC_WORD.match(word) or word in _NO_INFLECTION:
        return []
    if len(word) < 2 or (len(word) == 2 and not last) or (word.isupper() and len(word) > 1):
        return []
    pairs: list[tuple[str, str]]
    if word.endswith(("ая", "яя")):
        pairs = [(word[:-2], "adj-f")]
    elif word.endswith(("ий", "ый", "ой", "ій")):
        pairs = [(word[:-2], "adj-m")]
    elif word.endswith("й"):
        pairs = [(word[:-1], "yot")]
    elif word.endswith("ье"):
        pairs = [(word[:-1], "soft-e")]
    elif word.endswith(("ое", "ее")):
        pairs = [(word[:-2], "adj-n")]
    elif word.endswith("е") and word[-2] not in _VOWELS:
        pairs = [(word[:-1], "e")]
    elif word.endswith("ь"):
        pairs = [(word[:-1], "soft")]
    elif word.endswith("а"):
        pairs = [(word[:-1], "a")]
    elif word.endswith("я"):
        pairs = [(word[:-1], "ya")]
    elif word.endswith("о") and word[-2] not in _VOWELS:
        pairs = [(word[:-1], "o")]
    elif word[-1] not in _VOWELS and word[-1] not in "ъ'":
        pairs = [(word, "consonant")]
    else:
        return []
    found = _ALTERNATION.match(word)
    if found:
        swaps = ("є",) if found["vowel"] == "ї" else ("о", "е")
        pairs += [(found["head"] + swap + found["tail"], "alternating") for swap in swaps]
    return pairs


def _chars(text: str) -> list[str]:
    return [_APOSTROPHE if c in "'’ʼ" else c for c in text]


def normalise(text: str) -> str:
    """Spaces and apostrophes in one spelling, the key for lookups."""
    return _APOSTROPHES.sub("'", _SPACES.sub(" ", text))


def takes_s(name: str) -> bool:
    """Whether a German genitive ``s`` can follow ``name`` directly (not after s, x, z, ß)."""
    return not name.endswith(("s", "x", "z", "ß", "S", "X", "Z"))


def is_latin_word_end(form: str) -> bool:
    return form[-1].isalpha() and form[-1].islower() and form[-1] not in "sxzß" and not _CYRILLIC.search(form)


def paths(form: str) -> list[tuple[list[str], str | None]]:
    """Token paths for one spelling, and the stem key for inflected Cyrillic ones."""
    pieces = SEPARATOR.split(normalise(form))
    word_count = len(pieces[::2])
    choices: list[list[tuple[list[str], str]]] = []
    inflects = False
    for index, piece in enumerate(pieces):
        if index % 2:
            choices.append([([_SPACE] if piece == " " else ["-"], piece)])
            continue
        options = _inflections(piece, last=index // 2 == word_count - 1 and word_count > 1)
        if options:
            inflects = True
            choices.append([([*_chars(stem), _END + kind], stem) for stem, kind in options])
        else:
            choices.append([(_chars(piece), piece)])
    found: list[tuple[list[str], str | None]] = []
    for combination in product(*choices):
        tokens = [token for part, _ in combination for token in part]
        if is_latin_word_end(form):
            tokens.append(_GENITIVE)
        found.append((tokens, "".join(key for _, key in combination) if inflects else None))
    return found


def _token_pattern(token: str) -> str:
    if token == _SPACE:
        return "[ \u00a0]+"
    if token == _APOSTROPHE:
        return "['’ʼ]"
    if token == _GENITIVE:
        return "s?"
    if token.startswith(_END):
        endings = _ENDINGS[token[len(_END) :]]
        body = "|".join(sorted((e for e in endings if e), key=len, reverse=True))
        return f"(?:{body})" + ("?" if "" in endings else "")
    return re.escape(token)


Trie = dict[str, "Trie"]
LEAF = ""


def emit(node: Trie) -> str:
    parts = [_token_pattern(token) + emit(child) for token, child in node.items() if token != LEAF]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 and LEAF not in node else "(?:" + "|".join(parts) + ")"
    return body + "?" if LEAF in node else body

