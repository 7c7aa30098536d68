"""Glossary names in spellings the glossary does not list: found, reported, respelled; ordinary words left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.glossary import builtin_glossary, find_terms
from textfix.glossary._fuzzy import MIN_EDIT_LETTERS
from textfix.language import zipf

GERMAN = "abcdefghijklmnopqrstuvwxyzäöüß"
#: Glossary names whose one-edit spellings must all be reported (single words of ≥ 5 letters).
NAMES = ["Selenskyj", "Stoltenberg", "Lawrow", "Pjöngjang", "Saluschnyj"]

#: Words and real names one edit from a glossary form (found by comparing wordfreq's lists with
#: the glossary): none is a misspelling of the name beside it.
NEAR_MISSES = [
    pytest.param(word, id=f"{word}~{name}")
    for word, name in [
        ("Baden", "Biden"), ("Boden", "Biden"), ("Bilden", "Biden"), ("Blicken", "Blinken"), ("Bordell", "Borrell"),
        ("Burrell", "Borrell"), ("Dallas", "Kallas"), ("Festland", "Estland"), ("Gerard", "Gepard"),
        ("Harder", "Marder"), ("Mörder", "Marder"), ("Holen", "Polen"), ("Irwin", "Irpin"), ("Islander", "Iskander"),
        ("Ismael", "Israel"), ("Kaliber", "Kalibr"), ("Krems", "Kreml"), ("Kurse", "Kursk"), ("Landon", "London"),
        ("Macro", "Macron"), ("Melone", "Meloni"), ("Merlin", "Berlin"), ("Pollen", "Polen"), ("Rüssel", "Brüssel"),
        ("Scholl", "Scholz"), ("Schulz", "Scholz"), ("Spahn", "Spain"), ("Schweben", "Schweden"), ("Serien", "Syrien"),
        ("Starker", "Starmer"), ("Stürmer", "Starmer"), ("Taunus", "Taurus"), ("Tramp", "Trump"), ("Trupp", "Trump"),
        ("Ungern", "Ungarn"), ("Urban", "Orban"), ("Roland", "Poland"), ("Rossi", "Grossi"), ("Kiel", "Kiew"),
        ("Herz", "Merz"), ("Kurs", "Kursk"),
        # derivations, not misspellings: they only add letters to a name
        ("Moldauer", "Moldau"), ("Moldovans", "Moldova"), ("Kiewer", "Kiew"),
        # names of their own that look like a transliteration of one (seen in the corpora)
        ("Rozhik", "Russland"), ("Kalush", "Kallas"),
    ]
]


def _one_edit_spellings(name: str) -> set[str]:
    """Every spelling one insertion, deletion, substitution or transposition from ``name`` (letters only)."""
    lower = name.lower()
    found: set[str] = set()
    for i in range(len(lower) + 1):
        for letter in GERMAN:
            found.add(lower[:i] + letter + lower[i:])
            if i < len(lower):
                found.add(lower[:i] + letter + lower[i + 1 :])
        if i < len(lower):
            found.add(lower[:i] + lower[i + 1 :])
        if i < len(lower) - 1:
            found.add(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :])
    # A name starts with a capital; "ß" has none of its own.
    return {s[0].upper() + s[1:] for s in found if s[:1] not in ("", "ß") and s != lower}


def _expected_reports(name: str) -> list[str]:
    """The one-edit spellings that are neither words nor names of their own, nor derivations."""
    listed = {form.casefold() for entry in builtin_glossary() for form in entry.all_forms()}
    return sorted(
        spelling
        for spelling in _one_edit_spellings(name)
        if spelling.casefold() not in listed
        and zipf(spelling.lower(), "de") < 3
        and zipf(spelling.lower(), "en") < 3
        and not spelling.casefold().startswith(name.casefold())
    )


@pytest.mark.parametrize("name", NAMES)
def test_glossary_check_reports_every_unlisted_one_edit_spelling_in_german_text(name: str, tmp_path: Path) -> None:
    spellings = _expected_reports(name)
    assert len(spellings) > 200  # the test is about many spellings, not a few
    article = tmp_path / "artikel.txt"
    lines = [f"Am Montag sagte {spelling} in Berlin, die Lage an der Front sei ernst." for spelling in spellings]
    article.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["glossary", "check", "--lang", "de", str(article)])
    assert run.exit_code == 1
    entry = builtin_glossary().lookup(name)
    assert entry is not None
    canonical = entry.canonical("de")
    reported = {line.split(": ", 1)[1].split(" → ")[0]: line for line in run.stdout.splitlines()}
    missing = [s for s in spellings if s not in reported and s.removesuffix("s") not in reported]
    assert missing == []
    wrong = [line for line in reported.values() if f"→ {canonical}" not in line]
    assert wrong == []


def test_an_unlisted_spelling_is_reported_with_its_entry(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Präsident Selensky traf am Montag Bundeskanzler Scholz in Berlin.\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["glossary", "check", "--lang", "de", str(article)])
    assert run.exit_code == 1
    assert run.stdout == f"{article}:1:11: Selensky → Selenskyj (unlisted spelling)\n"


@pytest.mark.parametrize("word", NEAR_MISSES)
def test_ordinary_words_and_other_names_near_a_glossary_name_are_not_hit(word: str) -> None:
    text = f"Am Montag sprach {word} in der Stadt über die Lage."
    assert [m.text for m in find_terms(text, builtin_glossary()) if m.near is not None] == []


def test_short_names_match_only_by_transliteration() -> None:
    glossary = builtin_glossary()
    short = [f for e in glossary for f in e.all_forms() if f.isalpha() and len(f) < MIN_EDIT_LETTERS]
    assert "Kiew" in short
    assert [m.near for m in find_terms("Er reiste nach Kiev und Kiwe.", glossary) if m.near] == []


def test_fix_respells_an_unlisted_spelling_like_a_listed_variant() -> None:
    text = "Präsident Selensky sprach mit Stoltenbreg über Selenskys Pläne.\n"
    options = textfix.options_from_choices(glossary=True, document_language="de")
    result = textfix.clean(text, options)
    assert result.output == "Präsident Selenskyj sprach mit Stoltenberg über Selenskyjs Pläne.\n"
    reasons = [e.reason for e in result.edits]
    assert reasons == [
        "glossary: Selensky → Selenskyj (unlisted spelling)",
        "glossary: Stoltenbreg → Stoltenberg (unlisted spelling)",
        "glossary: Selensky → Selenskyj (unlisted spelling)",
    ]


def test_transliterated_spelling_of_a_listed_name_is_found() -> None:
    found = find_terms("Die Schahed-Drohnen flogen nachts.", builtin_glossary())
    assert [(m.text, m.entry.id, m.near) for m in found] == [("Schahed", "shahed", "Shahed")]
