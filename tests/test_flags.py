"""The flag stage: machine translation's damage flagged in the input's offsets, the certain part mended."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.flags._tokens import Words
from textfix.model import EditKind, FlagKind

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED_000 = CORPUS / "seeds" / "000_4af742517c27e9f8.txt"
SEED_002 = CORPUS / "seeds" / "002_abadc072636bb697.txt"


def _flagged(result: textfix.Result) -> list[tuple[str, str]]:
    return [(str(f.kind), result.original[f.start : f.end]) for f in result.flags]


@pytest.mark.parametrize(
    ("seed", "kind", "flagged", "after"),
    [
        pytest.param(SEED_002, "run-on", "Kriminalkrieg Zweitens", " ist dies ein weiterer Verstoß", id="Zweitens"),
        pytest.param(SEED_002, "run-on", "Rutte Pjöngjang", " stellt eine Bedrohung", id="so-Rutte"),
        pytest.param(SEED_000, "run-on", "verkehren ehemaliger", " sowjetischer U-Boot-Stützpunkt", id="verkehren"),
        pytest.param(SEED_002, "quote", "„", "Heute kann ich bestätigen", id="never-closed"),
        pytest.param(SEED_002, "quote", "“", " wurden in Putins Krieg getötet", id="closes-mid-sentence"),
        pytest.param(SEED_000, "quote", "“", ", schreibt Bloomberg.", id="never-opened"),
    ],
)
def test_every_seed_example_of_a_run_on_or_broken_quote_is_flagged(seed, kind, flagged, after) -> None:  # type: ignore[no-untyped-def]
    text = seed.read_text(encoding="utf-8")
    result = textfix.clean(text)
    hits = [f for f in result.flags if str(f.kind) == kind and text[f.start : f.end] == flagged]
    assert any(text[f.end :].startswith(after) for f in hits), _flagged(result)


def test_the_seeds_flags_are_exactly_these() -> None:
    assert _flagged(textfix.clean(SEED_000.read_text(encoding="utf-8"))) == [
        ("fragment", "auf das."),
        ("run-on", "verkehren ehemaliger"),
        ("quote", "“"),
    ]
    assert _flagged(textfix.clean(SEED_002.read_text(encoding="utf-8"))) == [
        ("quote", "„"),
        ("run-on", "Kriminalkrieg Zweitens"),
        ("run-on", "Rutte Pjöngjang"),
        ("quote", "“"),
        ("word-order", "dass Nordkorea schickte dreitausend seiner Truppen"),
    ]


def test_a_certain_boundary_is_mended_and_still_flagged() -> None:
    text = "Das ist eine Eskalation am russischen Kriminalkrieg Zweitens ist dies ein Verstoß.\n"
    result = textfix.clean(text)
    assert result.output == "Das ist eine Eskalation am russischen Kriminalkrieg. Zweitens ist dies ein Verstoß.\n"
    [mend] = [e for e in result.edits if e.kind is EditKind.REPAIR]
    assert (mend.before, mend.after, mend.reason) == ("", ".", "repair: sentence boundary")
    assert _flagged(result) == [("run-on", "Kriminalkrieg Zweitens")]
    assert textfix.apply_edits(text, result.edits) == result.output


def test_a_boundary_that_is_not_certain_is_only_flagged() -> None:
    text = "Die Polizei fasste die Täter in Seoul Nordkorea erhalte im Gegenzug Devisen.\n"
    result = textfix.clean(text)
    assert _flagged(result) == [("run-on", "Seoul Nordkorea")]
    assert result.output == text


def test_a_wrong_closing_mark_is_mended_to_the_german_one() -> None:
    text = "Der Minister sagte: „Wir bleiben an der Seite der Ukraine”. Dann ging er.\n"
    result = textfix.clean(text)
    assert result.output == "Der Minister sagte: „Wir bleiben an der Seite der Ukraine“. Dann ging er.\n"
    [mend] = [e for e in result.edits if e.kind is EditKind.REPAIR]
    assert (mend.before, mend.after, mend.reason) == ("”", "“", "repair: quotation mark")
    assert [(f.kind, f.message) for f in result.flags] == [
        (FlagKind.QUOTE, "the quote is closed with ” instead of “"),
    ]


def test_no_mend_keeps_the_text_and_still_flags() -> None:
    text = SEED_002.read_text(encoding="utf-8")
    mended, kept = textfix.clean(text), textfix.clean(text, replace(textfix.Options(), mend=False))
    assert "Kriminalkrieg. Zweitens" in mended.output
    assert "Kriminalkrieg Zweitens" in kept.output
    assert kept.flags == mended.flags
    assert not any(e.reasons[0].detail in ("sentence boundary", "quotation mark") for e in kept.edits)


def test_cli_no_mend(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text("Das ist am russischen Kriminalkrieg Zweitens ist dies ein Verstoß.\n", encoding="utf-8")
    mended = CliRunner().invoke(app, ["fix", "--no-translate", str(path)])
    kept = CliRunner().invoke(app, ["fix", "--no-translate", "--no-mend", str(path)])
    assert mended.stdout == "Das ist am russischen Kriminalkrieg. Zweitens ist dies ein Verstoß.\n"
    assert kept.stdout == path.read_text(encoding="utf-8")


def test_segment_json_lists_the_flags_sorted_with_the_contract_fields() -> None:
    run = CliRunner().invoke(app, ["segment", "--json", str(SEED_002)])
    assert run.exit_code == 0, run.output
    flags = json.loads(run.stdout)["flags"]
    assert [f["start"] for f in flags] == sorted(f["start"] for f in flags)
    assert all(set(f) == {"start", "end", "kind", "message"} for f in flags)
    assert {f["kind"] for f in flags} <= {kind.value for kind in FlagKind}


def test_flag_offsets_are_into_the_original_before_repair() -> None:
    text = "Die&nbsp;Truppen  wurden nach Westen gebracht Dort erhielten sie Uniformen .\n"
    result = textfix.clean(text, replace(textfix.Options(), mend=False))
    [flag] = result.flags
    assert text[flag.start : flag.end] == "gebracht Dort"


def test_a_quote_continued_in_the_next_paragraph_is_not_flagged() -> None:
    text = (
        "„Wir werden weiterkämpfen, sagte er. Wir haben keine Wahl.\n\n"
        "„Niemand wird uns das nehmen“, fügte er hinzu.\n"
    )
    assert textfix.clean(text).flags == ()


def test_english_quotes_and_run_ons() -> None:
    text = (
        "Biden told the leaders He said the United States would send more systems. "
        "Energy prices rose sharply[\u201d], the operator said.\n"
    ).replace("[\u201d]", "\u201d")
    result = textfix.clean(text, replace(textfix.Options(), document_language="en"))
    assert _flagged(result) == [("run-on", "leaders He"), ("quote", "\u201d")]


def test_names_titles_and_ellipsis_are_not_flagged() -> None:
    text = (
        "Der Internationale Strafgerichtshof in Den Haag hat Haftbefehle erlassen. "
        "Die Zeitung „Die Welt“ berichtete, viele Granaten würden nicht explodieren. "
        "Die Antwort: nein. Im Gegenteil. Erinnern Sie sich daran, dass die NATO hier ist.\n"
    )
    assert textfix.clean(text).flags == ()


def test_foreign_spans_are_not_flagged_and_a_tail_after_them_is() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    result = textfix.clean(text)
    foreign = [s for s in result.segments if s.kind == "foreign"]
    assert all(not (s.start <= f.start < s.end) for f in result.flags for s in foreign)
    tail = next(f for f in result.flags if f.kind is FlagKind.FRAGMENT)
    assert text[tail.start : tail.end] == "auf das."


def test_whole_document_translation_flags_the_input_and_mends_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from textfix.translate import ModelStore

    store = ModelStore(tmp_path / "packages")
    store.install_file(CORPUS.parent / "models" / "translate-de_en-toy.argosmodel")
    text = SEED_002.read_text(encoding="utf-8")
    result = textfix.clean(text, replace(textfix.Options(), target_language="en"), models=store)
    assert result.flags == textfix.clean(text).flags  # the flags describe the German input
    assert not any(e.reasons[0].detail == "sentence boundary" for e in result.edits)
    assert all(e.kind is not EditKind.REPAIR or e.reasons[0].detail != "quotation mark" for e in result.edits)


def test_cleaning_mended_text_again_changes_nothing() -> None:
    text = SEED_002.read_text(encoding="utf-8")
    once = textfix.clean(text).output
    assert textfix.clean(once).output == once


def test_the_review_views_show_the_flags() -> None:
    from textfix.render.html import render_page
    from textfix.render.terminal import render_side_by_side

    result = textfix.clean(SEED_002.read_text(encoding="utf-8"))
    page = render_page(result, "seed.html")
    assert page.count('class="flag first"') == len(result.flags) + 1  # each flag, and the legend's sample
    assert 'title="run-on: no sentence boundary between &#x27;Kriminalkrieg&#x27; and &#x27;Zweitens&#x27;' in page
    view = render_side_by_side(result, colour=False, width=200)
    assert "⚑ run-on «Kriminalkrieg Zweitens»: no sentence boundary" in view
    assert view.count("⚑") == len(result.flags)


def test_flags_are_only_for_german_and_english() -> None:
    text = "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются Затем он ушёл.\n"
    assert textfix.clean(text).flags == ()


def _work(function, argument) -> int:  # type: ignore[no-untyped-def]
    """How many function calls ``function(argument)`` makes: a count, not a time (as in test_hostile)."""
    import sys

    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        function(argument)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("wert Dort ", id="a starter after every word"),
        pytest.param("russischen Kriminalkrieg Zweitens ist ", id="run-ons in one endless sentence"),
        pytest.param("„Zitat “ ", id="quotation marks"),
        pytest.param("dass die zerstörten Häuser Nordkorea ", id="open subordinate clauses"),
        pytest.param("feuerten krachten Nordkorea erhalte ", id="unlisted words before boundaries"),
    ],
)
def test_flagging_takes_linear_work_on_adversarial_sentences(unit: str) -> None:
    from textfix.flags import flag_document
    from textfix.segment import segment_text

    options = replace(textfix.Options(), document_language="de")

    def flagged(size: int) -> int:
        text = (unit * (size // len(unit))) + ".\n"
        segmentation = segment_text(text, options)
        flag_document(segmentation)  # warm: lexicon look-ups are learnt once
        return _work(flag_document, segmentation)

    small, large = flagged(20_000), flagged(80_000)
    assert large <= 6 * small, (small, large)


@pytest.mark.parametrize(
    ("language", "paragraphs", "expected"),
    [
        pytest.param("de", ["Alle Optionen liegen auf dem Tisch“, sagte er."], [("“", "never opened")], id="unopened"),
        pytest.param("de", ["Er sprach von einem „rücksichtslosen Angriff."], [("„", "never closed")], id="unclosed"),
        pytest.param("de", ["»Wir bleiben«, sagte sie, »und ‚zwar‘ lange«."], [], id="guillemets-nested"),
        pytest.param("de", ["Er nannte sie „null und nichtig“. „Schluss.“ Dann ging er."], [], id="closed-words"),
        pytest.param("de", ["„Wir kämpfen.", "„Und wir siegen“, sagte er."], [], id="continued"),
        pytest.param("de", ["„Wir kämpfen.", "Dann ging er."], [("„", "never closed")], id="not-continued"),
        pytest.param("en", ['"We will appeal," his lawyer said. The players\' union agreed.'], [], id="straight"),
        pytest.param("en", ["Russia’s army, he said, would not “stop now."], [("“", "never closed")], id="apostrophe"),
        pytest.param("en", ["“Is it over?” his attorney asked."], [], id="question-attribution"),
    ],
)
def test_quotation_marks_are_paired_per_paragraph(language: str, paragraphs: list[str], expected) -> None:  # type: ignore[no-untyped-def]
    from textfix.flags.quotes import pair_quotes

    text = "\n\n".join(paragraphs)
    spans, position = [], 0
    for paragraph in paragraphs:
        spans.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    assert [(f.mark, f.problem) for f in pair_quotes(text, spans, language)] == expected


def test_a_reviewer_can_reject_a_mend_and_the_flag_stays() -> None:
    from textfix.decisions import Decisions, apply_decisions

    text = "Das ist eine Eskalation am russischen Kriminalkrieg Zweitens ist dies ein Verstoß.\n"
    result = textfix.clean(text)
    [mend] = [e for e in result.edits if e.reasons[0].detail == "sentence boundary"]
    rejected = apply_decisions(result, Decisions.for_result(result, rejected=[mend.id]))
    assert rejected.output == text
    assert rejected.flags == result.flags
    assert [e.id for e in rejected.rejected] == [mend.id]


@settings(deadline=None)  # the first example loads the lexicon
@given(st.text(alphabet=st.sampled_from(list("aÄß1_ -.’',„“:\n\t\u00a0")), max_size=60), st.integers(0, 5))
def test_token_offsets_cover_each_token_in_the_text(text: str, start: int) -> None:
    """Flags take their offsets from ``Words.span``: each token's offsets hold exactly its text, in order."""
    start = min(start, len(text))
    words = Words.of(text, start, len(text), "de")
    spans = [words.span(i) for i in reversed(range(len(words)))][::-1]  # asked out of order too
    assert [text[a:b] for a, b in spans] == words.texts
    assert all(b <= c for (_, b), (c, _) in itertools.pairwise(spans))
    assert all(a >= start for a, _ in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_ .,:-’'„“ä\u0301\n")), max_size=40))
def test_tokens_are_the_pattern_s_tokens(text: str) -> None:
    """The tokeniser's shortcuts (a bare word, a word and one mark) find what the token pattern finds."""
    from textfix.flags._tokens import _TOKEN, _tokenise

    assert _tokenise(text, 0, len(text)) == _TOKEN.findall(text)
