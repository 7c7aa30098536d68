"""Unlisted spellings of glossary names: one edit away, or the same name in another transliteration.

A capitalised Latin word that no form matches exactly is compared with every
single-word form of the glossary in two ways: as written, one insertion, deletion,
substitution or transposition away (forms of at least :data:`MIN_EDIT_LETTERS`
letters: "Selensky", "Stoltenbreg"); and as a transliteration *skeleton*
(:func:`skeleton`: "Schahed" and "Shahed" both read ``sahed``, "Бєлоусов" and
"Beloussow" ``belousov``), which must be the same. Cyrillic forms take part through
their skeleton; Cyrillic words in the text are left to the inflection-aware matcher.

What keeps ordinary words and other names out: a word that is itself frequent in
German or English (wordfreq: "Kiel", "Herz", "Scholl", "Boden", words and names of
their own) is never a misspelling; a word that only adds letters to a form is a
derivation ("Moldauer", "Moldovans"), not a misspelling; all-capital words (acronyms)
are left alone; a word near forms of two different entries is ambiguous and left
alone. Candidates are looked up through a deletion index (each form with every
one-letter deletion), so the cost does not grow with the size of the glossary;
rapidfuzz confirms the distance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from textfix.datacache import cached_table

from .entry import GlossaryEntry

__all__ = ["MIN_EDIT_LETTERS", "FuzzyIndex", "NearMatch", "Plan", "plan", "skeleton"]

#: Forms shorter than this match only through their skeleton, never with an edit ("Kiew"/"Kiel").
MIN_EDIT_LETTERS = 5
_MIN_LETTERS = 4
_CACHE = 100_000  # words whose answer is remembered
_ORDINARY = 3.0  # Zipf frequency from which a word is a word (or a name) of its own
# A capitalised Latin word of at least four letters, not inside a longer word.
_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Z\u00c0-\u00d6\u00d8-\u00de][A-Za-z\u00c0-\u024f]{3,}(?![^\W\d_])")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+\Z")
_FORM = re.compile(r"[^\W\d_]+\Z")
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "je", "ё": "jo", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja", "'": "", "’": "",
})
# German and English ways of writing the same sounds, mapped onto one spelling, in order.
_SOUNDS = (
    ("tsch", "c"), ("sch", "s"), ("shch", "s"), ("sh", "s"), ("zh", "s"), ("ch", "c"), ("kh", "h"),
    ("tz", "s"), ("ts", "s"), ("z", "s"), ("w", "v"), ("ph", "f"), ("ck", "k"), ("j", "i"), ("y", "i"),
    ("oe", "o"), ("ue", "u"), ("ae", "a"), ("ou", "u"),
)
_REPEATS = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """One spelling for the German, English and Cyrillic transliterations of a name.

    >>> [skeleton(w) for w in ("Selenskyj", "Zelensky", "Зеленський", "Selensky")]
    ['selenski', 'selenski', 'selenski', 'selenski']
    >>> skeleton("Charkiw"), skeleton("Kharkiv"), skeleton("Pjöngjang"), skeleton("Pyongyang")
    ('carkiv', 'harkiv', 'piongiang', 'piongiang')
    """
    text = word.casefold().translate(_CYRILLIC)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    for sound, letter in _SOUNDS:
        text = text.replace(sound, letter)
    return _REPEATS.sub(r"\1", text)


def _deletions(key: str) -> Iterator[str]:
    yield key
    for i in range(len(key)):
        yield key[:i] + key[i + 1 :]


class NearMatch(NamedTuple):
    """An unlisted spelling: the entry and the glossary form it is nearest to.

    A named tuple rather than a frozen dataclass: as immutable, but built at import without
    the six generated methods a frozen dataclass compiles (~0.5 ms of every one-file run).
    """

    entry: GlossaryEntry
    form: str
    #: A German genitive "s" after the name, kept when it is respelled.
    suffix: str = ""


#: What an index is built from, as plain data (kept on disk): the forms in lower case, and
#: deletion key → (entry index, form) and skeleton → (entry index, form).
Plan = tuple[list[str], dict[str, list[tuple[int, str]]], dict[str, list[tuple[int, str]]]]


def plan(entries: Sequence[GlossaryEntry]) -> Plan:
    """The forms and the two lookups of an index over ``entries``."""
    forms: set[str] = set()
    raw: dict[str, list[tuple[int, str]]] = {}
    skeletons: dict[str, list[tuple[int, str]]] = {}
    for index, entry in enumerate(entries):
        for form in entry.all_forms():
            if not _FORM.match(form) or form.isupper() or len(form) < _MIN_LETTERS:
                continue
            forms.add(form.lower())
            latin = not any("\u0400" <= c <= "\u04ff" for c in form)
            if latin and len(form) >= MIN_EDIT_LETTERS:
                for key in _deletions(form.lower()):
                    raw.setdefault(key, []).append((index, form))
            skeletons.setdefault(skeleton(form), []).append((index, form))
    return sorted(forms), raw, skeletons


class FuzzyIndex:
    """Every single-word form of a glossary, by its deletions as written and as a skeleton.

    Built from :func:`plan`, or from a plan read from textfix's cache under ``key`` (see
    :attr:`Glossary.digest`), as the glossary's matcher is.
    """

    def __init__(self, entries: Sequence[GlossaryEntry], key: str | None = None) -> None:
        self._entries = tuple(entries)
        built = plan(entries) if key is None else cached_table("glossary-fuzzy", key, lambda: plan(entries))
        forms, self._raw, self._skeletons = built
        self.forms: set[str] = set(forms)
        self._seen: dict[str, NearMatch | None] = {}
        self._words: dict[str, NearMatch | None] = {}

    def near(self, word: str) -> NearMatch | None:
        """The entry ``word`` is an unlisted spelling of, if exactly one entry is near it.

        >>> from textfix.glossary import builtin_glossary
        >>> index = FuzzyIndex(builtin_glossary().entries)
        >>> index.near("Selensky").entry.id, index.near("Stoltenbreg").form, index.near("Kiel")
        ('zelensky', 'Stoltenberg', None)
        """
        if word in self._seen:
            return self._seen[word]
        match = None
        usable = len(word) >= _MIN_LETTERS and not word.isupper() and word[0].isupper() and _LATIN.match(word)
        if usable and word.lower() not in self.forms and not _is_ordinary(word):
            match = self._nearest(word)
        if len(self._seen) < _CACHE:
            self._seen[word] = match
        return match

    def _nearest(self, word: str) -> NearMatch | None:
        found: dict[str, NearMatch] = {}
        folded, bones = word.lower(), skeleton(word)
        entries = self._entries
        for key in _deletions(folded):
            for index, form in self._raw.get(key, ()):
                other = form.lower()
                if not folded.startswith(other) and _distance(folded, other) <= 1:
                    found.setdefault(entries[index].id, NearMatch(entries[index], form))
        for index, form in self._skeletons.get(bones, ()):
            found.setdefault(entries[index].id, NearMatch(entries[index], form))
        return next(iter(found.values())) if len(found) == 1 else None

    def scan(self, text: str, taken: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, NearMatch]]:
        """``(start, end, match)`` for every unlisted spelling in ``text`` outside ``taken`` (sorted spans)."""
        spans = iter(taken)
        current = next(spans, None)
        for word in _CAPITALISED.finditer(text):
            match = self._spelling(word[0])
            if match is None:
                continue
            while current is not None and current[1] <= word.start():
                current = next(spans, None)
            if current is not None and current[0] < word.end():
                continue  # inside a name matched exactly
            yield word.start(), word.end(), match

    def _spelling(self, word: str) -> NearMatch | None:
        """The unlisted spelling ``word`` is, with a German genitive "s" kept apart (cached)."""
        if word in self._words:
            return self._words[word]
        match: NearMatch | None = None
        if not _is_ordinary(word):  # "Krems" is a town, not "Kreml" with a genitive s
            # A genitive "s" stays outside the name ("Selenskys" → "Selenskyjs").
            stem = self.near(word[:-1]) if word.endswith("s") else None
            match = NearMatch(stem.entry, stem.form, "s") if stem is not None else self.near(word)
        if len(self._words) < _CACHE:
            self._words[word] = match
        return match


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b, score_cutoff=1))


def _is_ordinary(word: str) -> bool:
    """Whether ``word`` is frequent in German or English (a word, or a name of its own)."""
    from textfix.language import zipf

    lower = word.lower()
    return zipf(lower, "de") >= _ORDINARY or zipf(lower, "en") >= _ORDINARY
