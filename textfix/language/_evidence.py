"""How much a word speaks for one language rather than the others: word frequencies.

The frequencies come from wordfreq's small word lists (every word of frequency ≥ 10⁻⁶
in a language, about 30,000–60,000 per language, loaded once per process on first use).
A word's evidence for a language is how much more frequent it is there than in the
likeliest other candidate, in orders of magnitude (Zipf units), capped: "the" speaks
for English, "die" for German, "in" for neither. Words neither list holds fall back on
letters only one language writes (ä, ö, ü, ß; ы, э; і, ї, є) and on typical suffixes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache, lru_cache

__all__ = ["COMMON", "MARKER_LETTERS", "emissions", "has_lexicon", "zipf"]

#: Letters that only one of the usual languages of a script writes.
MARKER_LETTERS: dict[str, frozenset[str]] = {
    "de": frozenset("äöüß"),
    "en": frozenset(),
    "ru": frozenset("ыэъё"),
    "uk": frozenset("іїєґ"),
}
#: A word at least this frequent (Zipf ≥ 4: once in 100,000 words) is a common word of its language.
COMMON = 4.0
_ABSENT = 2.5  # a word missing from a small list is rarer than 10⁻⁶ (Zipf 3); say 2.5
_CAP = 2.5  # no single word is worth more than this many orders of magnitude
_DEAD = 0.3  # differences this small are noise between corpora, not evidence
_PARTS = re.compile(r"[-'’]")
_DE_SUFFIX = re.compile(r"(?:ung|ungen|keit|heit|lich|lichen|isch|ischen|schaft|chen|ieren|iert|igen|nahme)$")
_EN_SUFFIX = re.compile(r"(?:ing|tion|tions|ness|ship|ly|ment|ments|ies)$")
_SUFFIXES = {"de": _DE_SUFFIX, "en": _EN_SUFFIX}


@cache
def _frequencies(code: str) -> dict[str, float] | None:
    """wordfreq's small list for ``code`` (word → frequency), or ``None`` if it has none."""
    import wordfreq

    if code not in _available():
        return None
    return wordfreq.get_frequency_dict(code, wordlist="small")


@lru_cache(maxsize=1)
def _available() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages(wordlist="small"))


def has_lexicon(code: str) -> bool:
    """Whether word frequencies are known for ``code``.

    >>> has_lexicon("de"), has_lexicon("kk")
    (True, False)
    """
    return code in _available()


def zipf(word: str, code: str) -> float:
    """The Zipf frequency of a lower-case word in ``code`` (log10 per billion words).

    >>> round(zipf("the", "en")), zipf("qxzvbn", "en")
    (8, 0.0)
    """
    frequencies = _frequencies(code)
    if not frequencies:
        return 0.0
    frequency = frequencies.get(word.casefold().replace("’", "'"))
    return math.log10(frequency) + 9 if frequency else 0.0


@lru_cache(maxsize=131072)
def emissions(word: str, candidates: tuple[str, ...]) -> tuple[float, ...]:
    """How much a lower-case ``word`` speaks for each candidate rather than the others.

    >>> [round(e, 1) for e in emissions("the", ("de", "en"))]
    [-2.1, 2.1]
    >>> emissions("in", ("de", "en"))
    (0.0, 0.0)
    """
    whole = _word_emissions(word, candidates)
    if any(whole) or not _PARTS.search(word):
        return whole
    parts = [_word_emissions(part, candidates) for part in _PARTS.split(word) if part]
    return tuple(sum(p[j] for p in parts) / len(parts) for j in range(len(candidates)))


def _word_emissions(word: str, candidates: Sequence[str]) -> tuple[float, ...]:
    if len(candidates) < 2:
        return (0.0,) * len(candidates)
    values = [zipf(word, code) for code in candidates]
    if any(values):
        floored = [v or _ABSENT for v in values]
        return tuple(_clip(v - max(o for k, o in enumerate(floored) if k != j)) for j, v in enumerate(floored))
    return tuple(_unlisted(word, code, [o for o in candidates if o != code]) for code in candidates)


def _clip(value: float) -> float:
    if abs(value) < _DEAD:
        return 0.0
    return max(-_CAP, min(_CAP, value))


def _unlisted(word: str, code: str, others: Sequence[str]) -> float:
    """Evidence from letters and suffixes for a word no list holds."""
    score = 0.0
    if not MARKER_LETTERS.get(code, frozenset()).isdisjoint(word):
        score += 2.0
    if any(not MARKER_LETTERS.get(o, frozenset()).isdisjoint(word) for o in others):
        score -= 2.0
    suffix = _SUFFIXES.get(code)
    if suffix is not None and suffix.search(word):
        score += 0.6
    return score
