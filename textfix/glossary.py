"""Glossary: one spelling for every name, before and after translation.

A :class:`Glossary` holds entries (people, places, organisations, equipment), each with
a canonical form per language (``de``, ``en``), other forms also correct in that
language, and variants: Russian and Ukrainian Cyrillic, other transliterations,
misspellings. Cyrillic forms also match their case forms (Столтенберга, Украиной), and
Latin forms their German genitive ``-s`` (Putins), which stays outside the name.

>>> g = builtin_glossary()
>>> text = "Столтенбергом, Stoltenberh und Putins Armee"
>>> [(m.text, m.entry.id, m.is_canonical("de")) for m in find_terms(text, g)]
[('Столтенбергом', 'stoltenberg', False), ('Stoltenberh', 'stoltenberg', False), ('Putins', 'putin', True)]
>>> apply_edits(text, glossary_edits(text, "de", g))
'Stoltenberg, Stoltenberg und Putins Armee'

Built-in data: ``textfix/data/glossary.tsv`` (format in ``glossary/README.md``). User
glossaries in TSV, CSV or TBX are merged over it with :func:`load_glossaries`.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from itertools import product
from pathlib import Path
from xml.parsers import expat

from .edits import apply_edits, compose
from .errors import GlossaryError
from .model import Edit, Result

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "Placeholder",
    "TermMatch",
    "apply_glossary",
    "builtin_glossary",
    "find_terms",
    "glossary_edits",
    "load_glossaries",
    "load_glossary",
    "nonstandard_terms",
    "parse_csv",
    "parse_tbx",
    "parse_tsv",
    "protect",
    "restore",
    "to_tbx",
    "to_tsv",
]

_ID = re.compile(r"[A-Za-z][A-Za-z0-9._-]*\Z")
_LANGUAGE = re.compile(r"[a-z]{2}\Z")
_OPTIONAL_COLUMNS = ("type", "variants", "source")


def _is_language_column(column: str) -> bool:
    """Two-letter language codes, except ``id`` (the id column)."""
    return column != "id" and bool(_LANGUAGE.match(column))

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_VARIANT_GROUPS = {"und": 0, "ru": 1, "uk": 2}


def _variant_language(form: str) -> str:
    """``uk`` for Cyrillic with Ukrainian-only letters, ``ru`` for other Cyrillic, else ``und``."""
    if not _CYRILLIC.search(form):
        return "und"
    return "uk" if _UKRAINIAN_ONLY.intersection(form) else "ru"


def _check_form(form: str, where: str) -> None:
    if not form or form != form.strip():
        raise ValueError(f"{where}: empty form or form with leading/trailing spaces: {form!r}")
    if any(c in form for c in "\t\n\r|"):
        raise ValueError(f"{where}: form contains a tab, line break or '|': {form!r}")
    if not any(c.isalnum() for c in form):
        raise ValueError(f"{where}: form has no letter or digit: {form!r}")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One name: its canonical form per language, other correct forms, and variants.

    ``names`` pairs a language code with its forms, the canonical one first.
    Variants are kept Latin first, then Russian-looking Cyrillic, then Ukrainian.

    >>> e = GlossaryEntry.create("kyiv", {"de": "Kiew", "en": "Kyiv"}, variants=["Київ", "Киев", "Kiev"])
    >>> e.canonical("en"), e.forms("de"), e.variants
    ('Kyiv', ('Kiew',), ('Kiev', 'Киев', 'Київ'))
    """

    id: str
    names: tuple[tuple[str, tuple[str, ...]], ...]
    variants: tuple[str, ...] = ()
    type: str = "term"
    source: str = ""

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"id {self.id!r} must start with a letter and hold only letters, digits, '.', '_', '-'")
        if not self.names:
            raise ValueError(f"entry {self.id!r} has no canonical form in any language")
        seen: dict[str, str] = {}
        languages: set[str] = set()
        for language, forms in self.names:
            if not _is_language_column(language) or language in languages:
                raise ValueError(f"entry {self.id!r}: bad or repeated language code {language!r}")
            languages.add(language)
            if not forms:
                raise ValueError(f"entry {self.id!r}: no form for {language}")
            for form in forms:
                _check_form(form, f"{language} form")
                seen.setdefault(form, language)
        for form in self.variants:
            _check_form(form, "variant")
            if form in seen:
                raise ValueError(f"variant {form!r} is also a {seen[form]} form of {self.id!r}")
        if not self.type or any(c.isspace() for c in self.type):
            raise ValueError(f"type {self.type!r} must be one word")
        if any(c in self.source for c in "\t\n\r"):
            raise ValueError("source must not hold a tab or line break")
        unique = tuple(dict.fromkeys(self.variants))
        ordered = tuple(sorted(unique, key=lambda v: _VARIANT_GROUPS[_variant_language(v)]))
        object.__setattr__(self, "variants", ordered)

    @classmethod
    def create(
        cls,
        id: str,
        names: Mapping[str, str | Sequence[str]],
        *,
        variants: Iterable[str] = (),
        type: str = "term",
        source: str = "",
    ) -> GlossaryEntry:
        """An entry from ``{"de": "Kiew", "en": ["Kyiv", ...]}``; the first form of a language is canonical."""
        pairs = tuple((lang, (forms,) if isinstance(forms, str) else tuple(forms)) for lang, forms in names.items())
        return cls(id, pairs, tuple(variants), type, source)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with a canonical form."""
        return tuple(language for language, _ in self.names)

    def forms(self, language: str) -> tuple[str, ...]:
        """Correct forms in ``language``, canonical first; ``()`` if the entry has none there."""
        for code, forms in self.names:
            if code == language:
                return forms
        return ()

    def canonical(self, language: str) -> str | None:
        """The canonical form in ``language``, or ``None``."""
        forms = self.forms(language)
        return forms[0] if forms else None

    def all_forms(self) -> tuple[str, ...]:
        """Every form the entry matches, language forms first, without repeats."""
        return tuple(dict.fromkeys([*(f for _, forms in self.names for f in forms), *self.variants]))

    def describe(self) -> str:
        """The entry for people: id and type, forms per language, variants, source.

        >>> print(builtin_glossary().get("pyongyang").describe())
        pyongyang (city)
          de: Pjöngjang
          en: Pyongyang
          variants: Pjongjang, Пхеньян
          source: Duden, Wikipedia de: Pjöngjang; en: Pyongyang; ru/uk: Пхеньян
        """
        lines = [f"{self.id} ({self.type})"]
        for language, forms in self.names:
            also = f" (also correct: {', '.join(forms[1:])})" if forms[1:] else ""
            lines.append(f"  {language}: {forms[0]}{also}")
        if self.variants:
            lines.append(f"  variants: {', '.join(self.variants)}")
        if self.source:
            lines.append(f"  source: {self.source}")
        return "\n".join(lines)


# --- matching ------------------------------------------------------------------------
#
# Every form becomes one or more token paths: literal characters, a space token (one or
# more spaces), an apostrophe token (' ’ ʼ), an optional German "s", and an ending token
# for Cyrillic words. All paths go into one character trie, emitted as one regex whose
# top level is an alternation of literals (so `re` skips ahead by first character).

_SPACE, _APOSTROPHE, _GENITIVE, _END = "\0sp", "\0ap", "\0s", "\0end:"
_SPACES = re.compile(r"[ \u00a0]+")
_APOSTROPHES = re.compile(r"['’ʼ]")
_SEPARATOR = re.compile(r"( |-)")
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
_ALL_ENDINGS = tuple(sorted({e for endings in _ENDINGS.values() for e in endings if e}, key=len, reverse=True))
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


def _normalise(text: str) -> str:
    """Spaces and apostrophes in one spelling, the key for lookups."""
    return _APOSTROPHES.sub("'", _SPACES.sub(" ", text))


def _takes_s(name: str) -> bool:
    """Whether a German genitive ``s`` can follow ``name`` directly (not after s, x, z, ß)."""
    return not name.endswith(("s", "x", "z", "ß", "S", "X", "Z"))


def _is_latin_word_end(form: str) -> bool:
    return form[-1].isalpha() and form[-1].islower() and form[-1] not in "sxzß" and not _CYRILLIC.search(form)


def _paths(form: str) -> list[tuple[list[str], str | None]]:
    """Token paths for one spelling, and the stem key for inflected Cyrillic ones."""
    pieces = _SEPARATOR.split(_normalise(form))
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
    paths: list[tuple[list[str], str | None]] = []
    for combination in product(*choices):
        tokens = [token for part, _ in combination for token in part]
        if _is_latin_word_end(form):
            tokens.append(_GENITIVE)
        paths.append((tokens, "".join(key for _, key in combination) if inflects else None))
    return paths


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


_Trie = dict[str, "_Trie"]
_LEAF = ""


def _emit(node: _Trie) -> str:
    parts = [_token_pattern(token) + _emit(child) for token, child in node.items() if token != _LEAF]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 and _LEAF not in node else "(?:" + "|".join(parts) + ")"
    return body + "?" if _LEAF in node else body


class _Matcher:
    """All forms of a glossary compiled into one regex plus two lookup tables."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.literal: dict[str, tuple[GlossaryEntry, str]] = {}
        self.stems: dict[str, tuple[GlossaryEntry, str]] = {}
        trie: _Trie = {}
        for entry in entries:  # later entries win a form that two entries share
            for form in entry.all_forms():
                for spelling in dict.fromkeys([form, form.replace("ё", "е").replace("Ё", "Е")]):
                    self.literal[_normalise(spelling)] = (entry, form)
                    for tokens, stem_key in _paths(spelling):
                        node = trie
                        for token in tokens:
                            node = node.setdefault(token, {})
                        node[_LEAF] = {}
                        if stem_key is not None:
                            self.stems[stem_key] = (entry, form)
        self.regex = re.compile(_emit(trie) + r"(?!\w)") if trie else None

    def identify(self, found: str) -> tuple[GlossaryEntry, str, str] | None:
        """(entry, glossary form, German genitive suffix) for a matched string."""
        key = _normalise(found)
        hit = self.literal.get(key)
        if hit is not None:
            return hit[0], hit[1], ""
        if key.endswith("s"):
            hit = self.literal.get(key[:-1])
            if hit is not None and _is_latin_word_end(hit[1]):
                return hit[0], hit[1], "s"
        pieces = _SEPARATOR.split(key)
        options = [
            [piece] if index % 2 else [piece, *(piece[: -len(e)] for e in _ALL_ENDINGS if piece.endswith(e))]
            for index, piece in enumerate(pieces)
        ]
        for combination in product(*options):
            hit = self.stems.get("".join(combination))
            if hit is not None:
                return hit[0], hit[1], ""
        return None

    def scan(self, text: str) -> Iterator[re.Match[str]]:
        """Matches that start at a word boundary (the regex checks the end)."""
        if self.regex is None:
            return
        search = self.regex.search
        position = 0
        while (found := search(text, position)) is not None:
            start = found.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                position = start + 1
                continue
            yield found
            position = found.end()


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

    def is_canonical(self, language: str) -> bool:
        """Whether the name is spelled as ``language`` wants it (canonical or another correct form)."""
        return self.form in self.entry.forms(language)

    def replacement(self, language: str) -> str | None:
        """The canonical ``language`` form with the suffix kept, or ``None`` without one."""
        canonical = self.entry.canonical(language)
        if canonical is None:
            return None
        return canonical + self.suffix if _takes_s(canonical) else canonical


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
    def _matcher(self) -> _Matcher:
        return _Matcher(self.entries)

    @cached_property
    def languages(self) -> frozenset[str]:
        """Languages some entry has a canonical form in."""
        return frozenset(language for entry in self.entries for language in entry.languages)

    def lookup(self, term: str) -> GlossaryEntry | None:
        """The entry for an id or any form, also inflected or in other letter case.

        >>> builtin_glossary().lookup("Пхеньяна").canonical("de")
        'Pjöngjang'
        """
        term = term.strip()
        if term in self._by_id:
            return self._by_id[term]
        matches = find_terms(term, self)
        if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(term):
            return matches[0].entry
        folded = _normalise(term).casefold()
        for entry in reversed(self.entries):
            if entry.id.casefold() == folded or any(_normalise(f).casefold() == folded for f in entry.all_forms()):
                return entry
        return None


def find_terms(text: str, glossary: Glossary) -> list[TermMatch]:
    """Every glossary name in ``text``, by whole words, sorted and disjoint.

    >>> [m.text for m in find_terms("Putinversteher, Putins Kiewer Kiew", builtin_glossary())]
    ['Putins', 'Kiew']
    """
    matcher = glossary._matcher
    matches: list[TermMatch] = []
    for found in matcher.scan(text):
        identified = matcher.identify(found[0])
        if identified is not None:
            entry, form, suffix = identified
            matches.append(TermMatch(found.start(), found.end(), found[0], entry, form, suffix))
    return matches


def nonstandard_terms(text: str, language: str, glossary: Glossary) -> list[TermMatch]:
    """Names whose spelling is not a correct ``language`` form (the entry has one).

    >>> [m.text for m in nonstandard_terms("Kyiv und Kiew", "de", builtin_glossary())]
    ['Kyiv']
    """
    matches = find_terms(text, glossary)
    return [m for m in matches if m.entry.canonical(language) is not None and not m.is_canonical(language)]


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def glossary_edits(
    text: str, language: str, glossary: Glossary, spans: Sequence[tuple[int, int]] | None = None
) -> list[Edit]:
    """Edits that respell names in ``text`` to their canonical ``language`` form.

    Only names wholly inside ``spans`` (``(start, end)`` pairs; default: the whole text)
    change. A German genitive ``s`` stays; Cyrillic case endings go with the name.

    >>> text = "Stoltenberhs Rede in Pyongyang; Zelensky"
    >>> edits = glossary_edits(text, "de", builtin_glossary(), spans=[(0, 31)])
    >>> [e.reason for e in edits]
    ['glossary: Stoltenberh → Stoltenberg', 'glossary: Pyongyang → Pjöngjang']
    >>> apply_edits(text, edits)
    'Stoltenbergs Rede in Pjöngjang; Zelensky'
    """
    merged = _merge(spans) if spans is not None else [(0, len(text))]
    starts = [start for start, _ in merged]
    edits: list[Edit] = []
    for match in nonstandard_terms(text, language, glossary):
        i = bisect_right(starts, match.start) - 1
        if i < 0 or match.end > merged[i][1]:
            continue
        canonical = match.entry.canonical(language)
        assert canonical is not None  # nonstandard_terms keeps only entries with one
        # A genitive "s" stays outside the edit unless the canonical form cannot take it.
        end = match.end - len(match.suffix) if match.suffix and _takes_s(canonical) else match.end
        before = text[match.start : end]
        edits.append(Edit(match.start, end, before, canonical, f"glossary: {before} → {canonical}"))
    return edits


def _output_spans(result: Result) -> list[tuple[int, int]]:
    """Output ranges of the result's ``text`` segments in its document language.

    A segment edge inside an edit moves to that edit's edge in the output.
    """
    edits = result.edits
    starts = [e.start for e in edits]
    ends = [e.end for e in edits]
    shifts = [0]  # shifts[i]: length change made by the first i edits
    for edit in edits:
        shifts.append(shifts[-1] + len(edit.after) - (edit.end - edit.start))

    def forward(position: int, *, is_end: bool) -> int:
        if is_end:  # edits ending here count as before, insertions here as after
            i = bisect_left(ends, position)
            if i < len(edits) and ends[i] == position and starts[i] < position:
                i += 1
        else:
            i = bisect_right(ends, position)
        if i < len(edits) and starts[i] < position < ends[i]:
            return starts[i] + shifts[i] + (len(edits[i].after) if is_end else 0)
        return position + shifts[i]

    spans: list[tuple[int, int]] = []
    for segment in result.segments:
        if segment.kind != "text" or segment.lang not in (None, result.language):
            continue
        start, end = forward(segment.start, is_end=False), forward(segment.end, is_end=True)
        if start < end:
            spans.append((start, end))
    return spans


def apply_glossary(result: Result, glossary: Glossary) -> Result:
    """``result`` with names in its document-language text respelled, edits composed into its log.

    Foreign spans are left alone (translation handles them). The edit log still replays:
    ``apply_edits(result.original, new.edits) == new.output``.

    >>> from textfix import clean
    >>> r = apply_glossary(clean("Die NATO und Stoltenberh sind besorgt.\\n"), builtin_glossary())
    >>> r.output, [e.reason for e in r.edits]
    ('Die NATO und Stoltenberg sind besorgt.\\n', ['glossary: Stoltenberh → Stoltenberg'])
    """
    if result.language not in glossary.languages:
        return result
    new = glossary_edits(result.output, result.language, glossary, _output_spans(result))
    if not new:
        return result
    edits = compose(result.original, result.edits, new)
    return replace(result, output=apply_edits(result.original, edits), edits=tuple(edits))


# --- translation hook ----------------------------------------------------------------

_TOKEN = re.compile(r"Z\s?X\s?Q\s?(\d{1,5})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A name taken out of a text before translation, and what goes back in its place."""

    token: str
    number: int
    entry: GlossaryEntry
    source: str
    replacement: str

    @property
    def message(self) -> str:
        """What to tell the user when the name did not come back."""
        return f"glossary name {self.source!r} ({self.replacement}) was lost in translation"


def protect(text: str, glossary: Glossary, target_language: str) -> tuple[str, tuple[Placeholder, ...]]:
    """``text`` with every glossary name that has a ``target_language`` form replaced by a
    placeholder (``ZXQ1``, ``ZXQ2``, ...: Latin capitals and digits, which translation
    models copy), and the placeholders to hand to :func:`restore`.

    >>> protected, placeholders = protect("сказал Столтенберг в Пхеньяне", builtin_glossary(), "de")
    >>> protected, [p.replacement for p in placeholders]
    ('сказал ZXQ1 в ZXQ2', ['Stoltenberg', 'Pjöngjang'])
    """
    pieces: list[str] = []
    placeholders: list[Placeholder] = []
    position = 0
    for match in find_terms(text, glossary):
        replacement = match.replacement(target_language)
        if replacement is None:
            continue
        number = len(placeholders) + 1
        token = f"ZXQ{number}"
        placeholders.append(Placeholder(token, number, match.entry, match.text, replacement))
        pieces += [text[position : match.start], token]
        position = match.end
    pieces.append(text[position:])
    return "".join(pieces), tuple(placeholders)


def restore(translated: str, placeholders: Sequence[Placeholder]) -> tuple[str, list[Placeholder]]:
    """Put the canonical names back for the placeholders in ``translated``.

    A placeholder the model dropped is looked for as the name itself (the model may have
    copied or transliterated it): found spellings become canonical. The placeholders whose
    name is nowhere to be found are returned as problems.

    >>> _, placeholders = protect("сказал Столтенберг в Пхеньяне", builtin_glossary(), "de")
    >>> restore("sagte ZXQ1 in Pyongyang", placeholders)
    ('sagte Stoltenberg in Pjöngjang', [])
    >>> text, lost = restore("sagte er", placeholders)
    >>> for placeholder in lost:
    ...     print(placeholder.message)
    glossary name 'Столтенберг' (Stoltenberg) was lost in translation
    glossary name 'Пхеньяне' (Pjöngjang) was lost in translation
    """
    by_number = {p.number: p for p in placeholders}
    found: set[int] = set()

    def put_back(token: re.Match[str]) -> str:
        placeholder = by_number.get(int(token[1]))
        if placeholder is None:
            return token[0]
        found.add(placeholder.number)
        return placeholder.replacement

    text = _TOKEN.sub(put_back, translated)
    missing = [p for p in placeholders if p.number not in found]
    if not missing:
        return text, []
    wanted = {p.entry.id: p.replacement for p in missing}
    matches = find_terms(text, Glossary(tuple({p.entry.id: p.entry for p in missing}.values())))
    edits: list[Edit] = []
    for match in matches:  # the model kept the name itself: respell it, keep a genitive "s"
        name = match.text[: len(match.text) - len(match.suffix)]
        target = wanted[match.entry.id]
        if target not in (name, match.text):
            edits.append(Edit(match.start, match.start + len(name), name, target, f"glossary: {name} → {target}"))
    text = apply_edits(text, edits)
    problems: list[Placeholder] = []
    for entry_id in dict.fromkeys(p.entry.id for p in missing):
        expected = sum(p.entry.id == entry_id for p in placeholders)
        present = sum(m.entry.id == entry_id for m in matches)
        if expected > present:
            problems += [p for p in missing if p.entry.id == entry_id][: expected - present]
    return text, sorted(problems, key=lambda p: p.number)


# --- files -----------------------------------------------------------------------------


def _rows_to_glossary(rows: Iterable[tuple[int, list[str]]], name: str) -> Glossary:
    """Entries from (line number, fields) rows whose first row is the header."""
    header: list[str] | None = None
    entries: list[GlossaryEntry] = []
    first_line: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for line, fields in rows:
        if header is None:
            header = [f.strip().lower() for f in fields]
            _check_header(header, name, line)
            continue
        if len(fields) > len(header):
            raise GlossaryError(f"expected {len(header)} fields, found {len(fields)} (a stray tab or comma?)",
                                path=name, line=line)
        values = dict(zip(header, [f.strip() for f in fields] + [""] * (len(header) - len(fields)), strict=True))
        entry = _row_entry(values, header, name, line)
        if entry.id in first_line:
            problem = f"duplicate id {entry.id!r} (first on line {first_line[entry.id]})"
            raise GlossaryError(problem, path=name, line=line)
        first_line[entry.id] = line
        for form in entry.all_forms():
            if form in owner:
                other, other_line = owner[form]
                problem = f"{form!r} is already a form of {other!r} (line {other_line})"
                raise GlossaryError(problem, path=name, line=line)
            owner[form] = (entry.id, line)
        entries.append(entry)
    if header is None:
        raise GlossaryError("no header line (id, type, de, en, variants, source)", path=name, line=1)
    return Glossary(tuple(entries))


def _check_header(header: list[str], name: str, line: int) -> None:
    for column in header:
        if column != "id" and column not in _OPTIONAL_COLUMNS and not _is_language_column(column):
            raise GlossaryError(
                f"unknown column {column!r}: columns are id, type, variants, source and two-letter language codes",
                path=name, line=line,
            )
    if len(set(header)) != len(header):
        raise GlossaryError("a column is named twice in the header", path=name, line=line)
    if "id" not in header or not any(_is_language_column(c) for c in header):
        raise GlossaryError("the header needs an 'id' column and at least one language column (de, en)",
                            path=name, line=line)


def _split(value: str, column: str, name: str, line: int) -> tuple[str, ...]:
    if not value:
        return ()
    forms = tuple(part.strip() for part in value.split("|"))
    if any(not form for form in forms):
        raise GlossaryError(f"empty form in column {column!r} (two '|' in a row?)", path=name, line=line)
    return forms


def _row_entry(values: Mapping[str, str], header: Sequence[str], name: str, line: int) -> GlossaryEntry:
    languages = [c for c in header if _is_language_column(c)]
    names = tuple((c, _split(values[c], c, name, line)) for c in languages)
    names = tuple((c, forms) for c, forms in names if forms)
    if not values["id"]:
        raise GlossaryError("empty id", path=name, line=line)
    if not names:
        problem = f"entry {values['id']!r} has no form in any of {', '.join(languages)}"
        raise GlossaryError(problem, path=name, line=line)
    try:
        return GlossaryEntry(
            values["id"],
            names,
            _split(values.get("variants", ""), "variants", name, line),
            values.get("type", "") or "term",
            values.get("source", ""),
        )
    except ValueError as error:
        raise GlossaryError(str(error), path=name, line=line) from error


def parse_tsv(text: str, name: str = "<tsv>") -> Glossary:
    """A glossary from tab-separated text: ``#`` comment lines, then a header, then entries.

    >>> g = parse_tsv("id\\tde\\ten\\tvariants\\nkyiv\\tKiew\\tKyiv\\tКиїв|Kiev\\n")
    >>> g.get("kyiv").variants
    ('Kiev', 'Київ')
    >>> parse_tsv("id\\tde\\ten\\nkyiv\\tKiew\\tKyiv\\textra\\n", "mine.tsv")
    Traceback (most recent call last):
    textfix.errors.GlossaryError: mine.tsv:2: expected 3 fields, found 4 (a stray tab or comma?)
    """

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                yield number, line.rstrip("\r").split("\t")

    return _rows_to_glossary(rows(), name)


def parse_csv(text: str, name: str = "<csv>") -> Glossary:
    """A glossary from comma-separated text (RFC 4180 quoting), same columns as TSV.

    >>> parse_csv('id,de,en,variants\\nkyiv,Kiew,Kyiv,"Київ|Kiev"\\n').get("kyiv").canonical("en")
    'Kyiv'
    """
    reader = csv.reader(io.StringIO(text, newline=""))

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for fields in reader:
                if any(f.strip() for f in fields) and not fields[0].startswith("#"):
                    yield line, fields
                line = reader.line_num + 1
        except csv.Error as error:
            raise GlossaryError(f"malformed CSV: {error}", path=name, line=reader.line_num) from error

    return _rows_to_glossary(rows(), name)


def to_tsv(glossary: Glossary) -> str:
    """The glossary as TSV with the header ``id type <languages> variants source``."""
    languages = list(dict.fromkeys(lang for entry in glossary for lang in entry.languages))
    lines = ["\t".join(["id", "type", *languages, "variants", "source"])]
    for entry in glossary:
        names = ["|".join(entry.forms(lang)) for lang in languages]
        lines.append("\t".join([entry.id, entry.type, *names, "|".join(entry.variants), entry.source]))
    return "\n".join(lines) + "\n"


# TBX: ISO 30042. Export writes TBX-Basic (2008, <martif>); import reads that and TBX v3
# (2019, <tbx>/<conceptEntry>/<langSec>/<termSec>). Administrative status: preferred →
# canonical, admitted or none → also correct (the first one canonical when no term is
# preferred), deprecated, superseded and any other → variants.
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = "administrativeStatus"


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def kids(self, *tags: str) -> list[_Node]:
        return [child for child in self.children if child.tag in tags]


def _local(name: str) -> str:
    return name if name == "xml:lang" else name.rsplit(":", 1)[-1]


def _parse_xml(text: str, name: str) -> _Node:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = [_Node("#document", {}, 0)]

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(_local(tag), {_local(k): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        stack[-1].text += chunk

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise GlossaryError(f"not well-formed XML: {expat.ErrorString(error.code)}", path=name,
                            line=error.lineno) from error
    return stack[0].children[0]


def _descendants(node: _Node, *tags: str) -> Iterator[_Node]:
    for child in node.children:
        if child.tag in tags:
            yield child
        else:
            yield from _descendants(child, *tags)


def parse_tbx(text: str, name: str = "<tbx>") -> Glossary:
    """A glossary from TBX (TermBase eXchange, ISO 30042), TBX-Basic 2008 or TBX v3.

    >>> g = parse_tbx(to_tbx(builtin_glossary()))
    >>> g == builtin_glossary()
    True
    """
    root = _parse_xml(text, name)
    if root.tag not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX file: the root element is <{root.tag}>, not <martif> or <tbx>",
                            path=name, line=root.line)
    entries: list[GlossaryEntry] = []
    ids: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for number, concept in enumerate(_descendants(root, "termEntry", "conceptEntry"), 1):
        entry = _tbx_entry(concept, number, name)
        if entry.id in ids:
            raise GlossaryError(f"duplicate id {entry.id!r} (first on line {ids[entry.id]})", path=name,
                                line=concept.line)
        ids[entry.id] = concept.line
        for form in entry.all_forms():
            if form in owner:
                other, other_line = owner[form]
                raise GlossaryError(f"{form!r} is already a form of {other!r} (line {other_line})", path=name,
                                    line=concept.line)
            owner[form] = (entry.id, concept.line)
        entries.append(entry)
    return Glossary(tuple(entries))


def _tbx_entry(concept: _Node, number: int, name: str) -> GlossaryEntry:
    entry_id = concept.attrs.get("id", f"entry-{number}")
    type_ = next((d.text.strip() for d in concept.kids("descrip") if d.attrs.get("type") == "subjectField"), "term")
    source = "; ".join(n.text.strip() for n in concept.kids("note") if n.text.strip())
    names: dict[str, list[str]] = {}
    variants: list[str] = []
    for lang_set in concept.kids("langSet", "langSec"):
        lang = lang_set.attrs.get("xml:lang", "").split("-")[0].lower()
        if not lang:
            raise GlossaryError(f"<{lang_set.tag}> without xml:lang in entry {entry_id!r}", path=name,
                                line=lang_set.line)
        terms: list[tuple[str, str, int]] = []
        for holder in lang_set.kids("tig", "ntig", "termSec"):
            term_nodes = list(_descendants(holder, "term"))
            if len(term_nodes) != 1 or not term_nodes[0].text.strip():
                raise GlossaryError(f"<{holder.tag}> in entry {entry_id!r} needs exactly one non-empty <term>",
                                    path=name, line=holder.line)
            status = next((n.text.strip() for n in _descendants(holder, "termNote")
                           if n.attrs.get("type") == _STATUS), "")
            terms.append((term_nodes[0].text.strip(), status, holder.line))
        if not terms:
            continue
        correct = [t for t, status, _ in terms if not status or "preferred" in status or "admitted" in status]
        variants += [t for t in (term for term, _, _ in terms) if t not in correct]
        if correct:  # preferred terms first
            preferred = [t for t, status, _ in terms if "preferred" in status]
            names.setdefault(lang, []).extend(preferred + [t for t in correct if t not in preferred])
    try:
        return GlossaryEntry(entry_id, tuple((k, tuple(v)) for k, v in names.items()), tuple(variants), type_, source)
    except ValueError as error:
        raise GlossaryError(str(error), path=name, line=concept.line) from error


def to_tbx(glossary: Glossary) -> str:
    """The glossary as TBX-Basic (ISO 30042:2008, ``<martif>``): one ``termEntry`` per entry,
    canonical forms preferred, other correct forms admitted, variants deprecated (in a
    ``langSet`` of ``ru``, ``uk`` or ``und`` by their letters)."""
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "textfix glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary:
        element = ET.SubElement(body, "termEntry", {"id": entry.id})
        if entry.type != "term":
            ET.SubElement(element, "descrip", {"type": "subjectField"}).text = entry.type
        if entry.source:
            ET.SubElement(element, "note").text = entry.source
        groups: dict[str, list[tuple[str, str]]] = {}
        for lang, forms in entry.names:
            groups[lang] = [(forms[0], "preferredTerm-admn-sts"), *((f, "admittedTerm-admn-sts") for f in forms[1:])]
        for variant in entry.variants:
            groups.setdefault(_variant_language(variant), []).append((variant, "deprecatedTerm-admn-sts"))
        for lang, terms in groups.items():
            lang_set = ET.SubElement(element, "langSet", {_XML_LANG: lang})
            for term, status in terms:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = term
                ET.SubElement(tig, "termNote", {"type": _STATUS}).text = status
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def load_glossary(path: str | Path) -> Glossary:
    """A glossary file: ``.tsv`` (or ``.tab``, ``.txt``), ``.csv``, or ``.tbx`` (or ``.xml``)."""
    path = Path(path)
    name = str(path)
    parsers = {".tsv": parse_tsv, ".tab": parse_tsv, ".txt": parse_tsv, ".csv": parse_csv,
               ".tbx": parse_tbx, ".xml": parse_tbx}
    parse = parsers.get(path.suffix.lower())
    if parse is None:
        raise GlossaryError(f"unknown glossary format {path.suffix!r}: use .tsv, .csv or .tbx", path=name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read the glossary: {error.strerror or error}", path=name) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GlossaryError("not UTF-8 text; save the glossary as UTF-8", path=name, line=line) from error
    return parse(text, name)


@cache
def builtin_glossary() -> Glossary:
    """The glossary shipped with textfix (``textfix/data/glossary.tsv``), read once."""
    text = resources.files("textfix").joinpath("data", "glossary.tsv").read_text(encoding="utf-8")
    return parse_tsv(text, "textfix/data/glossary.tsv")


def load_glossaries(paths: Iterable[str | Path] = (), *, builtin: bool = True) -> Glossary:
    """The built-in glossary (unless ``builtin=False``) with each file in ``paths`` laid over it."""
    base = builtin_glossary() if builtin else Glossary()
    return base.merged(*(load_glossary(path) for path in paths))
