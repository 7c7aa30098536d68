"""``textfix glossary``: check the spelling of names in files, and look up an entry."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import (
    ALL_LANGUAGES,
    Files,
    GlossaryFiles,
    Lang,
    Languages,
    NoBuiltinGlossary,
    choose_options,
    clean_all,
    fail,
    glossary_app,
)

__all__ = ["glossary_check", "glossary_show"]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``.

    >>> _line_column("ab\\ncd", 4)
    (2, 2)
    """
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@glossary_app.command("check")
def glossary_check(
    files: Files,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
) -> None:
    """List names spelled otherwise than the glossary's form for the document language.

    One line per name, FILE:LINE:COLUMN: found → canonical, noting spellings the glossary
    does not list (one edit or one transliteration from a form) and spans in another
    language or removed as debris. Exit code 1 when any is found (or an input fails).
    """
    from textfix.glossary import nonstandard_terms

    glossary = choose_options(
        languages, lang, glossary=True, glossary_files=glossary_files, no_builtin_glossary=no_builtin_glossary
    ).glossary
    assert glossary is not None  # asked for above
    results, failures = clean_all(files, choose_options(languages, lang))
    found = 0
    for name, result in results:
        language = result.language
        if language not in glossary.languages:
            fail(f"{name}: the glossary has no {language} forms to check against; pass --lang de or --lang en")
            failures += 1
            continue
        for match in nonstandard_terms(result.original, language, glossary):
            line, column = _line_column(result.original, match.start)
            segment = next((s for s in result.segments if s.start <= match.start < s.end), None)
            note = " (unlisted spelling)" if match.near is not None else ""
            if segment is not None and segment.kind != "text":
                note += f" ({' '.join(part for part in (segment.kind, segment.lang) if part)})"
            typer.echo(f"{name}:{line}:{column}: {match.text} → {match.replacement(language)}{note}")
            found += 1
    if found or failures:
        raise typer.Exit(1)


@glossary_app.command("show")
def glossary_show(
    term: Annotated[str, typer.Argument(help="An entry id or any spelling, also inflected (Пхеньяна).")],
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
) -> None:
    """Show the glossary entry of a name: its form per language, variants and source."""
    glossary = choose_options(
        ALL_LANGUAGES, None, glossary=True, glossary_files=glossary_files, no_builtin_glossary=no_builtin_glossary
    ).glossary
    assert glossary is not None  # asked for above
    entry = glossary.lookup(term)
    if entry is None:
        fail(f"no glossary entry for {term!r}")
        raise typer.Exit(1)
    typer.echo(entry.describe())
