"""Review alignment and the side-by-side terminal view (``textfix diff``)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.evaluate import parse_gold
from textfix.model import Edit, EditKind, Reason, Result, Segment, TranslationDetail
from textfix.render.align import align, marked_edits, paragraph_starts
from textfix.render.flags import flags_by_row
from textfix.render.html import render_page
from textfix.render.report import document_report
from textfix.render.terminal import render_side_by_side, wrap_runs

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOCUMENTS = sorted(
    [*(CORPUS / "gold").glob("*.txt"), *(p for p in (CORPUS / "seeds").glob("*.txt") if ".fixed" not in p.name)]
)
SEED_000 = CORPUS / "seeds" / "000_4af742517c27e9f8.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@cache
def cleaned(path: Path) -> Result:
    """A corpus document (gold markers stripped) cleaned, once per test session."""
    source = path.read_text(encoding="utf-8")
    return textfix.clean(parse_gold(source, path.name).text if path.parent.name == "gold" else source)


def seed_result() -> Result:
    return cleaned(SEED_000)


def test_the_kind_comes_from_the_enumeration_never_from_the_reason_text() -> None:
    """A glossary edit whose detail reads like a translation is a glossary edit in every view."""
    text = "Die Nato warnt.\n"
    edits = (Edit(4, 8, "Nato", "NATO", Reason(EditKind.GLOSSARY, "translation: ru→de (model ru→en)")),)
    result = Result(text, textfix.apply_edits(text, edits), "de", (Segment(0, 15, "text", "de"),), edits)
    [edit] = document_report(result)["edits"]  # type: ignore[misc]
    assert (edit["kind"], "model" in edit) == ("glossary", False)
    assert 'data-kind="glossary"' in render_page(result, "a.txt")
    assert "class=\"chg k-glossary\"" in render_page(result, "a.txt")
    coloured = render_side_by_side(result, colour=True, width=80)
    assert "\x1b[34m[-Nato-]" in coloured  # the glossary colour


def test_a_translation_carries_its_languages_and_route_as_fields() -> None:
    detail = TranslationDetail("ru", "de", ("ru→en", "en→de"))
    edit = Edit(0, 3, "Мир", "Welt", Reason(EditKind.TRANSLATION, "ru→de (model ru→en, en→de)", detail))
    assert edit.to_json() == {
        "start": 0, "end": 3, "before": "Мир", "after": "Welt", "reason": "translation: ru→de (model ru→en, en→de)",
        "kind": "translation", "reasons": [{"kind": "translation", "detail": "ru→de (model ru→en, en→de)"}],
        "source": "ru", "target": "de", "model": "ru→en, en→de",
    }
    assert Edit.from_json(edit.to_json()) == edit


def test_every_kind_is_counted_in_enumeration_order() -> None:
    summary = document_report(seed_result())["summary"]
    assert list(summary["changes"]) == [str(kind) for kind in EditKind]  # type: ignore[call-overload]


def test_the_corpus_is_there() -> None:
    assert len(DOCUMENTS) >= 40


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_rows_rebuild_original_and_output_exactly(path: Path) -> None:
    result = cleaned(path)
    rows = align(result)
    assert "".join(row.original for row in rows) == result.original
    assert "".join(row.output for row in rows) == result.output
    assert [p.edit for row in rows for p in row.pieces if p.edit is not None] == list(range(len(result.edits)))
    for row in rows:
        assert row.original == result.original[row.start : row.end]


def test_rows_follow_paragraphs_of_the_original() -> None:
    result = seed_result()
    rows = align(result)
    starts = set(paragraph_starts(result.original))
    assert len(rows) == 25
    assert all(row.start == 0 or row.start in starts for row in rows)
    removed = [row.original.strip() for row in rows if row.original.strip() and not row.output.strip()]
    assert removed[-1] == "Leave a Reply"
    assert any(r.endswith("Sofia Rozhik") for r in removed)


def test_an_edit_across_paragraphs_joins_their_rows() -> None:
    text = "Eins.\n\nZwei.\n\nDrei.\n"
    edits = (Edit(3, 10, "s.\n\nZwe", "X", Reason(EditKind.REPAIR, "test")),)
    result = Result(text, textfix.apply_edits(text, edits), "de", (), edits)
    assert [row.original for row in align(result)] == ["Eins.\n\nZwei.\n\n", "Drei.\n"]


def test_insertions_at_a_paragraph_start_and_at_the_end_belong_to_the_following_and_last_rows() -> None:
    text = "Eins.\n\nZwei."
    edits = (Edit(7, 7, "", "Neu ", Reason(EditKind.GLOSSARY, "test")),
             Edit(12, 12, "", "\n", Reason(EditKind.WHITESPACE, "end of text")))
    result = Result(text, textfix.apply_edits(text, edits), "de", (), edits)
    rows = align(result)
    assert [(row.original, row.output) for row in rows] == [("Eins.\n\n", "Eins.\n\n"), ("Zwei.", "Neu Zwei.\n")]


def test_unchanged_text_in_a_foreign_segment_is_marked_with_its_language() -> None:
    result = seed_result()
    foreign = [(p.foreign, p.before) for row in align(result) for p in row.pieces if p.foreign]
    assert [lang for lang, _ in foreign] == ["ru", "ru"]
    assert foreign[0][1].startswith("Мы обеспокоены")
    assert foreign[1][1].endswith("будет реагировать")


def test_wrap_keeps_every_character_and_the_width() -> None:
    runs = [("Ein sehr langes Wort: Donaudampfschifffahrtsgesellschaft und mehr\nneue Zeile", None), ("x y", "k")]
    lines = wrap_runs(runs, 12)
    assert all(sum(len(t) for t, _ in line) <= 12 for line in lines)
    flat = "".join(t for line in lines for t, _ in line)
    assert flat.replace(" ", "") == "".join(t for t, _ in runs).replace(" ", "").replace("\n", "")
    assert any(line and line[0][0].startswith("neue") for line in lines)


@pytest.mark.parametrize("width", [41, 80, 133])
def test_side_by_side_fits_the_width(width: int) -> None:
    view = render_side_by_side(seed_result(), colour=False, width=width)
    assert max(len(line) for line in view.splitlines()) <= width
    assert "\x1b" not in view


def test_side_by_side_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "64")
    lines = render_side_by_side(seed_result(), colour=False).splitlines()
    assert len(lines[1]) == 63  # (64 - 3) // 2 columns on each side of "─┼─"
    assert max(len(line) for line in lines) <= 64


def test_colour_adds_only_styles() -> None:
    result = seed_result()
    plain = render_side_by_side(result, colour=False, width=90)
    coloured = render_side_by_side(result, colour=True, width=90)
    assert coloured != plain
    assert ANSI.sub("", coloured) == plain
    assert "\x1b[9;31m[-Sofia Rozhik-]\x1b[0m" in coloured  # debris: struck out in red
    assert "\x1b[9;35m[-Tausende" in coloured  # duplicate: struck out in magenta
    assert "\x1b[3;33mМы обеспокоены" in coloured  # untranslated foreign text


def _columns(view: str) -> tuple[list[str], list[str]]:
    left, right = [], []
    for line in view.splitlines()[2:]:
        a, _, b = line.partition(" │")
        left.append(a.rstrip())
        right.append(b.strip())
    return left, right


def test_every_marked_change_is_labelled_with_its_reason_and_the_output_column_is_the_output() -> None:
    result = seed_result()
    left, right = _columns(render_side_by_side(result, colour=False, width=1200))
    left_text = "\n".join(left)
    for index in marked_edits(result):
        edit = result.edits[index]
        shown = edit.before if edit.before.strip() else "·" * len(edit.before)
        assert f"[-{shown}-]{{{edit.reason}}}" in left_text
    assert [line for line in right if line] == [line for line in result.output.splitlines() if line]


def test_replacements_show_before_and_after() -> None:
    result = textfix.clean("Die FÃ¼hrung hat entschieden, sagte er heute.\n")
    left, right = _columns(render_side_by_side(result, colour=False, width=200))
    assert left[0].startswith("Die F[-Ã¼-]{repair: mojibake (text was UTF-8 read as latin-1)}hrung hat")
    assert right[0] == "Die F{+ü+}hrung hat entschieden, sagte er heute."


def test_cli_diff_prints_plain_side_by_side() -> None:
    out = CliRunner().invoke(app, ["diff", "--width", "100", str(SEED_000)])
    assert out.exit_code == 0, out.stderr
    assert out.stdout.rstrip("\n") == render_side_by_side(seed_result(), colour=False, width=100)


def test_cli_diff_of_several_files_names_each_and_reports_missing_ones(tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Die NATO ist besorgt .\n\nLeave a Reply\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["diff", "--width", "80", str(SEED_000), str(other), str(tmp_path / "nope.txt")])
    assert out.exit_code == 1
    assert f"== {SEED_000}" in out.stdout and f"== {other}" in out.stdout
    assert "{debris: boilerplate}" in out.stdout
    assert out.stderr == f"textfix: {tmp_path / 'nope.txt'}: no such file\n"


def test_segments_are_not_needed_for_alignment() -> None:
    text = "A b c.\n\nD e f .\n"
    edits = (Edit(13, 14, " ", "", Reason(EditKind.REPAIR, "space before punctuation")),)
    bare = Result(text, textfix.apply_edits(text, edits), "de", (Segment(0, 6, "text", "de"),), edits)
    assert [row.output for row in align(bare)] == ["A b c.\n\n", "D e f.\n"]


@pytest.mark.parametrize("width", ["1", "-5", "40", "100000"])
def test_a_width_outside_what_the_view_can_draw_is_a_usage_error(width: str) -> None:
    run = CliRunner().invoke(app, ["diff", "--width", width, str(SEED_000)])
    assert run.exit_code == 2
    assert "--width" in run.stderr


def test_rows_with_combining_marks_and_wide_characters_stay_aligned() -> None:
    from textfix.render.terminal import columns

    text = "Ре́ма и Се́рж пришли́ домо́й . 北京的天气很好 , 我们出去玩 .\n\nLeave a Reply\n"
    view = render_side_by_side(textfix.clean(text), colour=False, width=60)
    bars = {columns(line.split("│")[0]) for line in view.splitlines()[2:] if "│" in line}
    assert bars == {columns(view.splitlines()[0].split("│")[0])}


def test_changed_only_leaves_out_unchanged_paragraphs_and_counts_them() -> None:
    result = seed_result()
    full = render_side_by_side(result, colour=False, width=100)
    short = render_side_by_side(result, colour=False, width=100, changed_only=True)
    skipped = [int(n) for n in re.findall(r"… (\d+) unchanged paragraphs?", short)]
    rows = align(result)
    flagged = flags_by_row(result, rows)  # a paragraph with a flag is shown too
    changed = sum(1 for row, flags in zip(rows, flagged, strict=True) if flags or any(p.marked for p in row.pieces))
    assert sum(skipped) + changed == len(rows)
    assert "⚑ run-on «verkehren ehemaliger»" in short
    assert "Leave a Reply" in short and "[-·-]{repair: space before punctuation}" in short
    assert len(short.splitlines()) < len(full.splitlines()) / 2
    out = CliRunner().invoke(app, ["diff", "--width", "100", "--changed-only", str(SEED_000)])
    assert out.exit_code == 0 and out.stdout.rstrip("\n") == short


def test_a_translation_label_says_how_sure_the_models_were() -> None:
    text = "Die NATO hat reagiert.\n\nМы обеспокоены.\n"
    start = text.index("Мы")
    detail = TranslationDetail("ru", "de", ("ru→en", "en→de"), scores=(-0.6, -0.7))
    edit = Edit(start, start + 15, "Мы обеспокоены.", "Wir sind besorgt.", Reason(EditKind.TRANSLATION, "ru→de",
                                                                                   detail))
    result = Result(text, textfix.apply_edits(text, [edit]), "de", (), (edit,))
    view = render_side_by_side(result, colour=False, width=200)
    assert "{translation: ru→de; confidence 0.27, low}" in view
