"""Text that cleaning must keep: symbol lines, escaped markup, punctuation after removed tags,
and paragraphs of hard-wrapped text (which must come back as paragraphs, not lines)."""

from __future__ import annotations

import textwrap

import pytest

import textfix
from textfix import EditKind, Options

GERMAN = Options(document_language="de")


@pytest.mark.parametrize(
    "line",
    [pytest.param("┒(⌣˛⌣)┎", id="emoticon"), pytest.param("∆°", id="math"), pytest.param("♥ ♦ ♣", id="suits")],
)
def test_a_line_of_symbols_is_text_not_nothing(line: str) -> None:
    text = f"Die NATO ist besorgt, sagte Stoltenberg am Montag.\n\n{line}\n"
    result = textfix.clean(text)
    assert line in result.output
    assert [s.kind for s in result.segments] == ["text", "text"]


@pytest.mark.parametrize("line", ["* * *", "———", "• • •", "|", "»"])
def test_a_rule_or_a_bullet_alone_is_still_removed(line: str) -> None:
    text = f"Die NATO ist besorgt, sagte Stoltenberg am Montag.\n\n{line}\n\nEr reiste ab.\n"
    result = textfix.clean(text)
    assert line not in result.output
    assert ("debris", "no text") in [(s.kind, s.reason) for s in result.segments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Die Lage ist ernst <img src=x>, sagte er.\n", "Die Lage ist ernst, sagte er.\n", id="comma"),
        pytest.param("Die NATO ist besorgt </span>. Das ist klar.\n", "Die NATO ist besorgt. Das ist klar.\n",
                     id="period"),
        pytest.param("Er sagte <b>„Hallo“</b> und ging.\n", "Er sagte „Hallo“ und ging.\n", id="quote-keeps-space"),
    ],
)
def test_removing_inline_markup_leaves_no_space_before_punctuation(text: str, expected: str) -> None:
    result = textfix.clean(text, GERMAN)
    assert result.output == expected
    assert textfix.clean(result.output, GERMAN).output == result.output  # idempotent


def test_escaped_markup_in_an_article_is_kept_as_it_was_written() -> None:
    text = "Die Lücke steckt im Tag &lt;script&gt;alert(1)&lt;/script&gt; der Startseite, sagte er.\n"
    result = textfix.clean(text, GERMAN)
    assert result.output == text
    assert textfix.clean(result.output, GERMAN).output == result.output


WRAPPED = textwrap.fill(
    "Die ukrainische Armee hat nach eigenen Angaben in der Nacht mehrere Drohnen über dem Gebiet "
    "Charkiw abgefangen. Der Generalstab in Kiew teilte am Morgen mit, die Flugabwehr sei in "
    "mehreren Regionen im Einsatz gewesen.", width=72
) + "\n\n" + textwrap.fill(
    "Мы обеспокоены тем фактом, что Россия и Северная Корея все больше сближаются, – сказал "
    "Столтенберг журналистам в Брюсселе после встречи министров обороны.", width=72
) + "\n\n" + textwrap.fill(
    "Die Nato-Staaten wollen ihre Unterstützung für die Ukraine in den kommenden Monaten weiter "
    "ausbauen, hieß es nach dem Treffen. Details sollen beim Gipfel im Juli folgen.", width=72
) + "\n"


def test_hard_wrapped_paragraphs_are_joined_and_a_wrapped_foreign_sentence_is_one_span() -> None:
    assert WRAPPED.count("\n") > 8  # the input really is wrapped
    result = textfix.clean(WRAPPED)
    paragraphs = result.output.rstrip("\n").split("\n\n")
    assert len(paragraphs) == 3 and all("\n" not in p for p in paragraphs)
    foreign = [s for s in result.segments if s.kind == "foreign"]
    assert len(foreign) == 1 and foreign[0].lang == "ru"
    assert WRAPPED[foreign[0].start : foreign[0].end].startswith("Мы обеспокоены")
    assert WRAPPED[foreign[0].start : foreign[0].end].rstrip().endswith("обороны.")
    joins = [e for e in result.edits if e.reason == "repair: hard line break"]
    assert joins and all(e.kind is EditKind.REPAIR and e.before == "\n" for e in joins)
    assert textfix.apply_edits(WRAPPED, result.edits) == result.output


def test_text_with_one_paragraph_per_line_is_never_rewrapped() -> None:
    lines = [
        "Ukraine meldet Drohnenabwehr",
        "Die ukrainische Armee hat in der Nacht mehrere Drohnen abgefangen.",
        "Der Generalstab teilte am Morgen mit, die Flugabwehr sei im Einsatz gewesen.",
        "Berichte über Schäden lagen zunächst nicht vor, hieß es in Kiew.",
        "Die Regionalverwaltung rief die Bewohner auf, Schutzräume aufzusuchen.",
        "Am Mittag wurde der Luftalarm aufgehoben.",
    ]
    text = "\n".join(lines) + "\n"
    result = textfix.clean(text)
    assert result.output.split("\n\n") == [*lines[:-1], lines[-1] + "\n"]
