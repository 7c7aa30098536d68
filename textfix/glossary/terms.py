"""The glossary itself and finding its names in a text, by whole words."""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from textfix.datacache import code_key

from ._fuzzy import FuzzyIndex
from ._inflection import normalise, paths, takes_s
from ._matcher import Matcher
from .entry import GlossaryEntry

__all__ = ["Glossary", "TermMatch", "find_terms", "nonstandard_terms"]

@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary name found in a text: ``text[start:end] == self.text``.

    ``form`` is the glossary form it matched (uninflected); ``suffix`` is a German
    genitive ``s`` after a Latin name (``Putins``), which stays when the name is replaced.
    """

    start: int
    end: int
    text: str
    entry: GlossaryEntry
    form: str
    suffix: str = ""
    #: Not a listed form: a spelling one edit or one transliteration away from ``near``.
    near: str | None = None

    def is_canonical(self, language: str) -> bool:
        """Whether the name is spelled as ``language`` wants it (canonical or another correct form)."""
        return self.form in self.entry.forms(language)

    def replacement(self, language: str) -> str | None:
        """The canonical ``language`` form with the suffix kept, or ``None`` without one."""
        canonical = self.entry.canonical(language)
        if canonical is None:
            return None
        return canonical + self.suffix if takes_s(canonical) else canonical


@dataclass(frozen=True)
class Glossary:
    """An immutable set of entries; :meth:`merged` lays other glossaries over this one.

    >>> base = Glossary((GlossaryEntry.create("kyiv", {"de": "Kiew", "en": "Kyiv"}, variants=["Київ"]),))
    >>> mine = Glossary((GlossaryEntry.create("kyiv", {"de": "Kyjiw", "en": "Kyiv"}),))
    >>> base.merged(mine).get("kyiv").canonical("de"), len(base.merged(mine))
    ('Kyjiw', 1)
    """

    entries: tuple[GlossaryEntry, ...] = ()
    _by_id: dict[str, GlossaryEntry] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            if entry.id in self._by_id:
                raise ValueError(f"duplicate glossary id {entry.id!r}")
            self._by_id[entry.id] = entry

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> GlossaryEntry | None:
        """The entry with this id, or ``None``."""
        return self._by_id.get(entry_id)

    def merged(self, *others: Glossary) -> Glossary:
        """This glossary with ``others`` laid over it: an entry with the same id replaces
        the earlier one, and a form claimed by a later entry is matched to that entry."""
        entries = list(self.entries)
        for other in others:
            ids = {entry.id for entry in other.entries}
            entries = [entry for entry in entries if entry.id not in ids] + list(other.entries)
        return Glossary(tuple(entries))

    @cached_property
    def digest(self) -> str:
        """A hash of the entries, in order, and of the code that compiles them: the key under which
        the compiled matcher and index are kept on disk (:mod:`textfix.datacache`)."""
        fields = tuple(entry.fields() for entry in self.entries)
        builders = code_key(*(sys.modules[code.__module__] for code in (paths, Matcher, FuzzyIndex, Glossary)))
        return hashlib.sha256(marshal.dumps(fields) + builders.encode()).hexdigest()

    @cached_property
    def _matcher(self) -> Matcher:
        return Matcher(self.entries, self.digest)

    @cached_property
    def _fuzzy(self) -> FuzzyIndex:
        return FuzzyIndex(self.entries, self.digest)

    @cached_property
    def languages(self) -> frozenset[str]:
        """Languages some entry has a canonical form in."""
        return frozenset(language for entry in self.entries for language in entry.languages)

    def lookup(self, term: str) -> GlossaryEntry | None:
        """The entry for an id or any form, also inflected or in other letter case.

        >>> from textfix.glossary import builtin_glossary
        >>> builtin_glossary().lookup("Пхеньяна").canonical("de")
        'Pjöngjang'
        """
        term = term.strip()
        if term in self._by_id:
            return self._by_id[term]
        matches = find_terms(term, self)
        if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(term):
            return matches[0].entry
        folded = normalise(term).casefold()
        for entry in reversed(self.entries):
            if entry.id.casefold() == folded or any(normalise(f).casefold() == folded for f in entry.all_forms()):
                return entry
        return None


def find_terms(text: str, glossary: Glossary, *, unlisted: bool = True) -> list[TermMatch]:
    """Every glossary name in ``text``, by whole words, sorted and disjoint.

    With ``unlisted``, also spellings no entry lists that are one edit or one
    transliteration away from a form (:mod:`._fuzzy`); their ``near`` names that form.

    >>> from textfix.glossary import builtin_glossary
    >>> [m.text for m in find_terms("Putinversteher, Putins Kiewer Kiew", builtin_glossary())]
    ['Putins', 'Kiew']
    >>> [(m.text, m.entry.id, m.near) for m in find_terms("Präsident Selensky sagte", builtin_glossary())]
    [('Selensky', 'zelensky', 'Selenskyj')]
    """
    matcher = glossary._matcher
    matches: list[TermMatch] = []
    for found in matcher.scan(text):
        identified = matcher.identify(found[0])
        if identified is not None:
            entry, form, suffix = identified
            matches.append(TermMatch(found.start(), found.end(), found[0], entry, form, suffix))
    if not unlisted or not glossary.entries:
        return matches
    taken = [(m.start, m.end) for m in matches]
    near = [
        TermMatch(start, end, text[start:end], match.entry, text[start : end - len(match.suffix)], match.suffix,
                  match.form)
        for start, end, match in glossary._fuzzy.scan(text, taken)
    ]
    return sorted(matches + near, key=lambda m: m.start) if near else matches


def nonstandard_terms(text: str, language: str, glossary: Glossary) -> list[TermMatch]:
    """Names whose spelling is not a correct ``language`` form (the entry has one).

    >>> from textfix.glossary import builtin_glossary
    >>> [m.text for m in nonstandard_terms("Kyiv und Kiew", "de", builtin_glossary())]
    ['Kyiv']
    """
    matches = find_terms(text, glossary)
    return [m for m in matches if m.entry.canonical(language) is not None and not m.is_canonical(language)]

