"""Duplicates: a headline repeated with small variants, and repeated paragraphs.

>>> a = "Tausende Container reisen von Nordkorea nach Russland an die Front: Die NATO ist besorgt"
>>> b = "Tausende Container reisen von der DVRK nach Russland an die Front: Die NATO ist besorgt"
>>> find_duplicates([a, b, "Ganz etwas anderes steht hier."])
{1: 'repeated headline'}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .debris import is_headline_like

__all__ = ["find_duplicates"]

_WORD = re.compile(r"\w+(?:-\w+)*")
# Different names for one thing, unified on word stems (first five letters) before comparing.
_SAME_STEM = {
    **dict.fromkeys(("nordk", "dvrk", "kdvr", "dprk", "кндр"), "#nkorea"),
    **dict.fromkeys(("pjöng", "pyong", "пхень"), "#pyongyang"),
    **dict.fromkeys(("kiew", "kyjiw", "kyiv", "kiev", "киев", "київ", "києва"), "#kyiv"),
    **dict.fromkeys(("selen", "zelen", "зелен"), "#zelensky"),
    **dict.fromkeys(("jong-", "jong", "чен"), "#kimjongun"),
}
# Several words for one name: (stems in order) -> token.
_SAME_WORDS = {
    ("north", "korea"): "#nkorea",
    ("север", "корея"): "#nkorea",  # Северная Корея
    ("север", "кореи"): "#nkorea",  # Северной Кореи
    ("півні", "корея"): "#nkorea",  # Північна Корея
    ("півні", "кореї"): "#nkorea",  # Північної Кореї
    ("demok", "volks", "korea"): "#nkorea",  # Demokratische Volksrepublik Korea
    ("kim", "#kimjongun"): "#kimjongun",
    ("ким", "#kimjongun"): "#kimjongun",
    ("#kimjongun", "un"): "#kimjongun",
    ("#kimjongun", "ын"): "#kimjongun",
}
# Substrings one of which every synonym contains: most paragraphs skip the mapping.
_SYNONYM_HINTS = ("kore", "dvrk", "kdvr", "dprk", "кндр", "коре", "jong", "чен", "jang", "пхень", "kiew", "kyjiw",
                  "kyiv", "kiev", "киев", "київ", "києв", "selensk", "zelensk", "зеленск", "зеленськ")
_LONGEST_RUN = max(len(k) for k in _SAME_WORDS)


def _unify(stems: list[str]) -> list[str]:
    """Stems with every name variant replaced by one token.

    >>> _unify(["kim", "jong", "un", "besuc", "north", "korea"])
    ['#kimjongun', 'besuc', '#nkorea']
    """
    single = [_SAME_STEM.get(stem, stem) for stem in stems]
    unified: list[str] = []
    for stem in single:
        unified.append(stem)
        for length in range(_LONGEST_RUN, 1, -1):
            if tuple(unified[-length:]) in _SAME_WORDS:
                unified[-length:] = [_SAME_WORDS[tuple(unified[-length:])]]
                break
    return unified


_STOP = frozenset(
    "der die das den dem des ein eine von vom zu zur zum und in im an am auf nach mit für bei aus über "
    "the a an of to and in on at for from with by".split()
)
_HEADLINE_OVERLAP = 0.75
_MIN_STEMS = 5  # shorter headlines are only caught when repeated exactly
_PARAGRAPH_OVERLAP = 0.9
_WINDOW = 40


def _stems(lowered: str, words: list[str]) -> frozenset[str]:
    """Content-word stems of a lower-cased text (and its ``words``), synonyms unified."""
    stems = [w[:5] for w in words if w not in _STOP]
    if any(hint in lowered for hint in _SYNONYM_HINTS):
        stems = _unify(stems)
    return frozenset(stems)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared stems over the smaller set, damped when the sizes differ a lot."""
    if not a or not b:
        return 0.0
    smaller, larger = sorted((len(a), len(b)))
    if smaller / larger < 0.6:
        return 0.0
    return len(a & b) / smaller


def find_duplicates(paragraphs: Sequence[str]) -> dict[int, str]:
    """Indices of paragraphs that repeat an earlier one, with the reason.

    Exact repeats are found anywhere in the document; near repeats among the previous
    paragraphs only, which keeps the cost linear in the number of paragraphs.
    """
    found: dict[int, str] = {}
    exact: dict[str, int] = {}
    recent: list[tuple[int, frozenset[str], bool]] = []
    for index, paragraph in enumerate(paragraphs):
        lowered = paragraph.lower()
        words = _WORD.findall(lowered)
        key = " ".join(words)
        headline = is_headline_like(paragraph)
        reason = "repeated headline" if headline else "repeated paragraph"
        if key and key in exact:
            found[index] = reason
            continue
        stems = _stems(lowered, words)
        threshold = _HEADLINE_OVERLAP if headline else _PARAGRAPH_OVERLAP
        if len(stems) >= _MIN_STEMS and any(
            was_headline == headline and _overlap(stems, other) >= threshold for _, other, was_headline in recent
        ):
            found[index] = reason
            continue
        if key:
            exact[key] = index
        recent.append((index, stems, headline))
        del recent[:-_WINDOW]
    return found
