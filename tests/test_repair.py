"""Repair: ftfy's own test cases, HTML entities, spacing and punctuation, and reasons in the log."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from ftfy.fixes import uncurl_quotes
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.edits import apply_edits
from textfix.model import Edit
from textfix.repair import (
    collapse_spaces,
    fix_characters,
    fix_entities,
    fix_run_together_sentences,
    fix_space_before_punctuation,
    normalise_line_ends,
    remove_invisible,
    repair_edits,
    repair_text,
    trim_line_edges,
)

FTFY_CASES = Path(__file__).resolve().parents[2] / "shared" / "external" / "ftfy"
FTFY_FILES = ("in-the-wild", "synthetic", "negative")


def _ftfy_params() -> list[object]:
    """One parameter per ftfy test case, identified by file and label (read lazily at collection)."""
    if not FTFY_CASES.is_dir():
        return [
            pytest.param(
                None,
                id="ftfy-cases-missing",
                marks=pytest.mark.skip(reason=f"ftfy test cases not found at {FTFY_CASES}"),
            )
        ]
    params: list[object] = []
    for name in FTFY_FILES:
        for case in json.loads((FTFY_CASES / f"{name}.json").read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{name}: {case['label']}"))
    return params


def _as_ftfy_compares(text: str) -> str:
    """What the comparison with ftfy's expectation looks at: characters, not typography or spacing.

    textfix keeps curly quotes on purpose (German „…“) and normalises spacing on purpose
    (runs of spaces, spaces at line ends, a space before "!" or missing after a sentence end
    in news text): both are straightened on both sides.
    """
    return "".join(uncurl_quotes(text).split())


@pytest.mark.parametrize("case", _ftfy_params())
def test_ftfy_case_is_repaired_as_ftfy_expects_by_every_repair_pass(case: dict[str, str]) -> None:
    original = case["original"]
    repaired = apply_edits(original, repair_edits(original))
    assert _as_ftfy_compares(repaired) == _as_ftfy_compares(case["fixed"])


@pytest.mark.parametrize("case", _ftfy_params())
def test_ftfy_case_comes_out_of_the_whole_pipeline_as_ftfy_expects(case: dict[str, str]) -> None:
    """Nothing later (segmentation, debris) loses what repair restored: "∆°" is text, not nothing."""
    from textfix import Options, clean

    original = case["original"]
    output = clean(original, Options(remove_duplicates=False)).output
    assert _as_ftfy_compares(output) == _as_ftfy_compares(case["fixed"])


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        pytest.param("eliminado o antÃ\xadgeno", "eliminado o antígeno", id="soft-hyphen-inside-mojibake"),
        pytest.param("NapĂ\xadĹˇte nám", "Napíšte nám", id="czech-soft-hyphen"),
        pytest.param("AmĂ©rica y OceanĂ\xada", "América y Oceanía", id="soft-hyphen-after-mojibake"),
    ],
)
def test_a_soft_hyphen_inside_mojibake_does_not_stop_its_repair(damaged: str, expected: str) -> None:
    assert repair_text(damaged) == expected
    assert repair_text(repair_text(damaged)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Kopf&nbsp;an&nbsp;Kopf", "Kopf an Kopf", id="nbsp-becomes-a-plain-space"),
        pytest.param("Russland &amp; Nordkorea", "Russland & Nordkorea", id="amp"),
        pytest.param("Kopf&amp;nbsp;an", "Kopf an", id="doubly-escaped-nbsp"),
        pytest.param("&#8222;Wir bleiben&#8220;", "„Wir bleiben“", id="numeric-entities"),
        pytest.param("&quot;Fake&quot; &lt; 5 &gt; 3", '"Fake" < 5 > 3', id="quote-and-angle-brackets"),
        pytest.param("&quot;Fake&quot; &lt;b&gt;", '"Fake" &lt;b&gt;', id="escaped-markup-stays-escaped"),
        pytest.param("AT&T und R&D", "AT&T und R&D", id="bare-ampersands-untouched"),
    ],
)
def test_fix_entities_decodes_html_entities(text: str, expected: str) -> None:
    assert apply_edits(text, fix_entities(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("sagte Biden .", "sagte Biden.", id="space-before-final-period"),
        pytest.param("Er sagte , dass", "Er sagte, dass", id="space-before-comma"),
        pytest.param("„bis sie gewinnt“ , sagte Biden .", "„bis sie gewinnt“, sagte Biden.", id="after-closing-quote"),
        pytest.param("Wirklich ?", "Wirklich?", id="space-before-question-mark"),
        pytest.param("Die  NATO   ist besorgt", "Die NATO ist besorgt", id="doubled-spaces"),
        pytest.param("Die NATO\u00a0\u00a0ist besorgt", "Die NATO ist besorgt", id="doubled-no-break-spaces"),
        pytest.param("  Die NATO ist besorgt  ", "Die NATO ist besorgt", id="spaces-at-line-edges"),
        pytest.param("Die NATO-Mitglieder befÃ¼rchten", "Die NATO-Mitglieder befürchten", id="mojibake-in-sentence"),
        pytest.param("FÃ¼hrung", "Führung", id="mojibake-word"),
        pytest.param(
            "Dann kam Kim nach Moskau.Danach begann",
            "Dann kam Kim nach Moskau. Danach begann",
            id="sentences-run-together",
        ),
        pytest.param("Ver\u00adteidigungs\u200bminister", "Verteidigungsminister", id="invisible-characters"),
    ],
)
def test_repair_text_fixes_damage(text: str, expected: str) -> None:
    assert repair_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("„Es ist unmöglich, uns zu spalten“, sagte Biden.", id="german-quotes"),
        pytest.param("«Мы обеспокоены», – сказал Столтенберг.", id="russian-guillemets"),
        pytest.param("Die Zahl liegt bei 4,8 Millionen (Stand: 13. Juni).", id="numbers-and-parentheses"),
        pytest.param("Die Welt.\n\nDer nächste Absatz.\n", id="paragraph-breaks"),
        pytest.param("www.example.com und z.B. U.S.A. sind keine Sätze.", id="abbreviations"),
    ],
)
def test_repair_text_leaves_clean_text_alone(text: str) -> None:
    assert repair_edits(text) == []


def test_repair_edits_keep_line_structure() -> None:
    text = "Titel  \n\nsagte Biden .\n"
    assert repair_text(text) == "Titel\n\nsagte Biden.\n"


def test_every_repair_edit_has_a_reason_starting_with_repair() -> None:
    text = "Die NATO-Mitglieder befÃ¼rchten&nbsp; es , sagte  Biden .\u200b"
    edits = repair_edits(text)
    assert edits
    assert all(edit.reason.startswith("repair:") for edit in edits)


def _reason_at(edits: list[Edit], position: int) -> str:
    [reason] = [edit.reason for edit in edits if edit.start <= position < edit.end]
    return reason


@pytest.mark.parametrize(
    ("damaged", "reason"),
    [
        pytest.param("Ã¼", "repair: mojibake", id="mojibake"),
        pytest.param("&amp;", "repair: html entity", id="entity"),
        pytest.param("  ", "repair: whitespace", id="doubled-space"),
        pytest.param(" .", "repair: space before punctuation", id="space-before-period"),
    ],
)
def test_repair_edits_name_the_kind_of_repair(damaged: str, reason: str) -> None:
    text = "befÃ¼rchten &amp; sagte  Biden ."
    assert _reason_at(repair_edits(text), text.index(damaged)).startswith(reason)


def test_repair_edits_are_over_the_original_text() -> None:
    text = "Kopf&amp;nbsp; an  Kopf ."
    edits = repair_edits(text)
    assert all(text[e.start : e.end] == e.before for e in edits)
    assert apply_edits(text, edits) == "Kopf an Kopf."


# Passes in their plain spelling (what they must do), against the fast patterns and the checks
# that skip text without a match.
_PLAIN_RULES: list[tuple[Callable[[str], list[Edit]], str, str]] = [
    (normalise_line_ends, r"\r\n?|[\u2028\u2029]", "\n"),
    (remove_invisible, r"[\u200b\u2060\ufeff\u00ad]+", ""),
    (fix_space_before_punctuation, r"([\w\"”“»)])[ \t\u00a0]+(?=[.,;:!?](?:[\s\"”“«»)]|$))", r"\1"),
    (fix_run_together_sentences, r"([a-zäöüßа-яёіїєґ]{3}[.!?])(?=[A-ZÄÖÜА-ЯЁІЇЄҐ][a-zäöüßа-яёіїєґ]{2})", r"\1 "),
    (collapse_spaces, r"[ \t\u00a0]{2,}|\t", " "),
    (trim_line_edges, r"(?m)^[ \t\u00a0]+|[ \t\u00a0]+$", ""),
]


@pytest.mark.parametrize(
    ("repair_pass", "pattern", "replacement"),
    [pytest.param(*case, id=f"{case[0].__name__}-{i}") for i, case in enumerate(_PLAIN_RULES)],
)
@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=list("abcäßяЯ AÄ.!?,;:\t\u00a0\n\r\u2028\u200b\u00ad\"”“»)«1"), max_size=40))
def test_passes_change_what_their_plain_rule_changes(
    repair_pass: Callable[[str], list[Edit]], pattern: str, replacement: str, text: str
) -> None:
    assert apply_edits(text, repair_pass(text)) == re.sub(pattern, replacement, text)


def _cyrillic_sentences() -> list[str]:
    seed = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if re.search(r"[А-яЁёІіЇїЄє]{4}", line)][:12]


@pytest.mark.parametrize("sentence", _cyrillic_sentences())
def test_cyrillic_utf8_read_as_windows_1251_is_repaired_as_ftfy_repairs_it(sentence: str) -> None:
    """The lines fix_characters skips must not include this mojibake: all its characters look "clean"."""
    import ftfy

    damaged = sentence.encode("utf-8").decode("cp1251", errors="replace")
    repaired = apply_edits(damaged, fix_characters(damaged))
    assert repaired == ftfy.fix_text(damaged, unescape_html=False, uncurl_quotes=False, fix_line_breaks=False)
    assert re.search(r"[А-яЁё]{4}", repaired)  # the Cyrillic words are back
    assert apply_edits(sentence, fix_characters(sentence)) == sentence  # and real Cyrillic is left alone


def test_the_short_windows_1251_mojibake_words_a_helper_found_are_repaired() -> None:
    text = "Stichwort: РєР°Рє, С‚Р°Рє, Р”Р°, С€Р°С…С‚Р°"
    assert apply_edits(text, fix_characters(text)) == "Stichwort: как, так, Да, шахта"
