"""Glossary entries: one name with its canonical form per language, other correct forms and variants."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Fields", "GlossaryEntry", "is_language_column", "variant_language"]

#: An entry as plain data: id, names, variants, type, source (:meth:`GlossaryEntry.fields`).
Fields = tuple[str, tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...], str, str]

_ID = re.compile(r"[A-Za-z][A-Za-z0-9._-]*\Z")
_LANGUAGE = re.compile(r"[a-z]{2}\Z")
def is_language_column(column: str) -> bool:
    """Two-letter language codes, except ``id`` (the id column)."""
    return column != "id" and bool(_LANGUAGE.match(column))


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_VARIANT_GROUPS = {"und": 0, "ru": 1, "uk": 2}


def variant_language(form: str) -> str:
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
            if not is_language_column(language) or language in languages:
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
        ordered = tuple(sorted(unique, key=lambda v: _VARIANT_GROUPS[variant_language(v)]))
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

    @classmethod
    def checked(cls, fields: Fields) -> GlossaryEntry:
        """The entry with these :meth:`fields`, taken from an entry that passed the checks.

        For entries read back from textfix's cache (the built-in glossary): checking them
        again would cost a one-file run more than finding the names in it.
        """
        entry = object.__new__(cls)
        for name, value in zip(("id", "names", "variants", "type", "source"), fields, strict=True):
            object.__setattr__(entry, name, value)
        return entry

    def fields(self) -> Fields:
        """The entry as plain data: ``GlossaryEntry.checked(entry.fields()) == entry``."""
        return self.id, self.names, self.variants, self.type, self.source

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

        >>> from textfix.glossary import builtin_glossary
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

