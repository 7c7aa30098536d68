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
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

from textfix.datacache import Lookup, cached_lookup, cached_table, file_key, package_folder

__all__ = ["COMMON", "MARKER_LETTERS", "common_words", "emissions", "has_lexicon", "prefetch", "zipf"]

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
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_PARTS = re.compile(r"[-'’]")
_DE_SUFFIX = re.compile(r"(?:ung|ungen|keit|heit|lich|lichen|isch|ischen|schaft|chen|ieren|iert|igen|nahme)$")
_EN_SUFFIX = re.compile(r"(?:ing|tion|tions|ness|ship|ly|ment|ments|ies)$")
_SUFFIXES = {"de": _DE_SUFFIX, "en": _EN_SUFFIX}


@cache
def _zipfs(code: str, cyrillic: bool) -> Lookup[float] | dict[str, float] | None:
    """wordfreq's small list for ``code`` as word → Zipf frequency, or ``None`` if it has none.

    Only the words of one half, Cyrillic or not: a German article never asks the Russian
    list about a Cyrillic word, so it loads only the few Latin words that list holds.
    Built once from wordfreq and then asked word by word from textfix's cache
    (:func:`textfix.datacache.cached_lookup`): decoding wordfreq's packed list (and importing
    wordfreq, which loads langcodes' tables), or even reading the whole list from the cache,
    costs a one-file run more than everything else it does.
    """
    path = _lists().get(code)
    if path is None:
        return None
    half = "cyrillic" if cyrillic else "other"
    return cached_lookup(f"wordfreq-{code}-{half}", file_key(path), lambda: _build_zipfs(code, cyrillic))


def _build_zipfs(code: str, cyrillic: bool) -> dict[str, float]:
    return _build_halves(code)[cyrillic]


@cache  # asked four times on a first run: each half for the lookup and for the common words
def _build_halves(code: str) -> tuple[dict[str, float], dict[str, float]]:
    """wordfreq's small list for ``code`` as word → Zipf frequency: (the other words, the Cyrillic ones)."""
    import wordfreq

    halves: tuple[dict[str, float], dict[str, float]] = ({}, {})
    for word, f in wordfreq.get_frequency_dict(code, wordlist="small").items():
        halves[_CYRILLIC.search(word) is not None][word] = math.log10(f) + 9
    return halves


@lru_cache(maxsize=1)
def _lists() -> dict[str, Path]:
    """wordfreq's small word lists by language, found the way wordfreq finds them (without importing it)."""
    folder = package_folder("wordfreq")
    if folder is None:
        return {}
    lists = sorted((folder / "data").glob("small_*.msgpack.gz"))
    return {path.name.split(".")[0].partition("_")[2]: path for path in lists}


@cache
def common_words(codes: tuple[str, ...], floor: float) -> frozenset[str]:
    """Words at least ``floor`` Zipf frequent in one of ``codes`` (a small set, cached apart).

    Asking "is this word common in any of four languages" word by word would load all
    four lists for a German article; the set of common words alone is a few thousand.

    >>> "und" in common_words(("de", "en"), 5.0), "Haus" in common_words(("de",), 5.0)
    (True, False)
    """
    listed = [code for code in codes if code in _lists()]
    key = f"{floor}:" + ",".join(file_key(_lists()[code]) for code in listed)

    def build() -> list[str]:
        tables = [_build_zipfs(code, half) for code in listed for half in (False, True)]
        return sorted({word for table in tables for word, z in table.items() if z >= floor})

    return frozenset(cached_table("common-" + "-".join(listed), key, build))


def has_lexicon(code: str) -> bool:
    """Whether word frequencies are known for ``code``.

    >>> has_lexicon("de"), has_lexicon("kk")
    (True, False)
    """
    return code in _lists()


def zipf(word: str, code: str) -> float:
    """The Zipf frequency of a lower-case word in ``code`` (log10 per billion words).

    >>> round(zipf("the", "en")), zipf("qxzvbn", "en")
    (8, 0.0)
    """
    key = word.casefold().replace("’", "'")
    zipfs = _zipfs(code, _CYRILLIC.search(key) is not None)
    return zipfs.get(key, 0.0) if zipfs else 0.0


def prefetch(words: Iterable[str], codes: Sequence[str]) -> None:
    """Look ``words`` up in the lists of ``codes`` at once, so that :func:`zipf` finds them.

    Only a speed-up (one query per list instead of one per word, where a list is asked
    from textfix's cache): every answer is the one :func:`zipf` would give without it.
    """
    keys = {key for word in words for key in _keys(word)}
    for cyrillic in (False, True):
        half = [key for key in keys if (_CYRILLIC.search(key) is not None) is cyrillic]
        for code in codes if half else ():
            zipfs = _zipfs(code, cyrillic)
            if isinstance(zipfs, Lookup):
                zipfs.prefetch(half)


def _keys(word: str) -> list[str]:
    """The keys :func:`emissions` may ask :func:`zipf` about for ``word``: the word, and its parts."""
    parts = [part for part in _PARTS.split(word) if part] if _PARTS.search(word) else []
    return [key.casefold().replace("’", "'") for key in (word, *parts)]


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
