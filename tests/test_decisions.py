"""Review decisions: edit ids, rejecting changes, the decisions file, and ``fix --decisions``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.decisions import DecisionBook, Decisions, apply_decisions, document_hash, read_decisions
from textfix.errors import DecisionsError
from textfix.evaluate import parse_gold
from textfix.model import EditKind, Result

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
DOCUMENTS = sorted(
    [*(ROOT / "corpus" / "gold").glob("*.txt"),
     *(p for p in (ROOT / "corpus" / "seeds").glob("*.txt") if ".fixed" not in p.name)]
)
KEEP_REMOVED = textfix.Options(remove_debris=False, remove_duplicates=False)


@cache
def text_of(path: Path) -> str:
    source = path.read_text(encoding="utf-8")
    return parse_gold(source, path.name).text if path.parent.name == "gold" else source


def rejecting(result: Result, *edits: textfix.Edit) -> Result:
    return apply_decisions(result, Decisions.for_result(result, rejected=[e.id for e in edits]))


def only(result: Result, reason: str) -> textfix.Edit:
    [edit] = [e for e in result.edits if e.reason == reason]
    return edit


def test_ids_are_the_same_for_the_same_input_and_options() -> None:
    first, second = textfix.clean(text_of(SEED_000)), textfix.clean(text_of(SEED_000))
    assert [e.id for e in first.edits] == [e.id for e in second.edits]
    assert len({e.id for e in first.edits}) == len(first.edits)


def test_an_edit_other_options_leave_alone_keeps_its_id() -> None:
    """The ids name what an edit does, not its place in the log: keeping duplicates adds no
    removal before the caption, and the caption's removal keeps its id."""
    everything = textfix.clean(text_of(SEED_000))
    fewer = textfix.clean(text_of(SEED_000), textfix.Options(remove_duplicates=False))
    caption = only(everything, "debris: caption")
    assert caption.id in {e.id for e in fewer.edits}
    assert everything.edits.index(caption) != fewer.edits.index(only(fewer, "debris: caption"))


def test_rejecting_a_removed_paragraph_keeps_it_as_a_paragraph_of_its_own() -> None:
    result = textfix.clean(text_of(SEED_000))
    caption = only(result, "debris: caption")
    decided = rejecting(result, caption)
    paragraphs = result.output.split("\n\n")
    kept = decided.output.split("\n\n")
    position = kept.index(caption.before)
    assert kept[:position] + kept[position + 1 :] == paragraphs  # nothing else changed
    assert textfix.apply_edits(decided.original, decided.edits) == decided.output
    assert decided.rejected == (caption,)
    marked = [e for e in result.edits if e.kind.marked and e != caption]
    assert [e for e in decided.edits if e.kind.marked] == marked


def test_rejecting_markup_between_two_words_gives_the_words_back_as_they_were() -> None:
    result = textfix.clean("Die Waffen kamen an die Front<br>Die NATO ist besorgt, sagte er.\n")
    assert result.output == "Die Waffen kamen an die Front Die NATO ist besorgt, sagte er.\n"
    decided = rejecting(result, only(result, "debris: markup"))
    assert decided.output == "Die Waffen kamen an die Front<br>Die NATO ist besorgt, sagte er.\n"
    assert decided.edits == ()  # the space put in for the tag goes with it


def test_a_rejected_removal_keeps_the_repairs_made_inside_it() -> None:
    result = textfix.clean("Die NATO hat darauf reagiert, sagte Biden .\n\nÃ„hnliche Themen:\n\nEnde der Meldung.\n")
    decided = rejecting(result, only(result, "debris: boilerplate"))
    assert decided.output == "Die NATO hat darauf reagiert, sagte Biden.\n\nÄhnliche Themen:\n\nEnde der Meldung.\n"
    assert [e.kind for e in decided.edits] == [EditKind.REPAIR, EditKind.REPAIR]


def test_a_rejected_repair_leaves_the_original_characters() -> None:
    result = textfix.clean("Die NATO hat darauf reagiert, sagte Biden .\n\nLeave a Reply\n")
    decided = rejecting(result, only(result, "repair: space before punctuation"))
    assert decided.output == "Die NATO hat darauf reagiert, sagte Biden .\n"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_rejecting_every_removal_is_cleaning_without_removing(path: Path) -> None:
    """The whitespace around rejected removals is worked out as if they had never been removed:
    the log equals, edit for edit, the one of cleaning with removal switched off."""
    result = textfix.clean(text_of(path))
    removals = [e for e in result.edits if e.kind in (EditKind.DEBRIS, EditKind.DUPLICATE)]
    decided = rejecting(result, *removals)
    assert decided.edits == textfix.clean(text_of(path), KEEP_REMOVED).edits
    assert textfix.apply_edits(decided.original, decided.edits) == decided.output


@pytest.mark.parametrize("path", DOCUMENTS[::6], ids=[p.name for p in DOCUMENTS[::6]])
def test_rejecting_one_change_leaves_every_other_change_as_it_was(path: Path) -> None:
    """...and the repairs made inside a rejected removal or translation stand again."""
    result = textfix.clean(text_of(path))
    marked = [e for e in result.edits if e.kind.marked]
    for edit in marked:
        decided = rejecting(result, edit)
        now = [e for e in decided.edits if e.kind.marked]
        assert [e for e in now if e in result.edits] == [e for e in marked if e != edit]
        restored = [e for e in now if e not in result.edits]  # repairs made inside a rejected removal
        assert all(e.kind is EditKind.REPAIR and edit.start <= e.start <= e.end <= edit.end for e in restored)
        assert textfix.apply_edits(decided.original, decided.edits) == decided.output


def test_no_decisions_change_nothing_and_decisions_replace_earlier_ones() -> None:
    result = textfix.clean(text_of(SEED_000))
    assert apply_decisions(result, Decisions.for_result(result)) == result
    caption, byline = only(result, "debris: caption"), only(result, "debris: byline")
    first = rejecting(result, caption)
    again = apply_decisions(first, Decisions.for_result(result, rejected=[byline.id]))
    assert again == rejecting(result, byline)


def test_decisions_for_another_text_are_refused() -> None:
    result = textfix.clean(text_of(SEED_000))
    other = textfix.clean(text_of(SEED_000) + "\nNoch ein Satz.\n")
    decisions = Decisions.for_result(other, rejected=[only(other, "debris: caption").id], name="b.txt")
    with pytest.raises(DecisionsError, match=r"these decisions are for another text \(b\.txt\)"):
        apply_decisions(result, decisions)


def test_decisions_made_with_other_options_are_refused_saying_what_differs() -> None:
    result = textfix.clean(text_of(SEED_000))
    decisions = Decisions.for_result(textfix.clean(text_of(SEED_000), textfix.Options(min_foreign_words=4)))
    with pytest.raises(DecisionsError, match=r"other options \(min_foreign_words 4 in the review, 3 here\)"):
        apply_decisions(result, decisions)


def test_an_id_the_result_does_not_have_is_refused() -> None:
    result = textfix.clean(text_of(SEED_000))
    decisions = Decisions.for_result(result, rejected=["debris-1-2-00000000"])
    with pytest.raises(DecisionsError, match=r"1 rejected edit is not among this text's edits \(debris-1-2-00000000\)"):
        apply_decisions(result, decisions)


def test_a_hand_made_result_cannot_take_decisions() -> None:
    result = textfix.clean("Die NATO ist besorgt .\n")
    bare = Result(result.original, result.output, "de", result.segments, result.edits)
    with pytest.raises(DecisionsError, match=r"result of textfix\.clean"):
        apply_decisions(bare, Decisions.for_result(result))


def test_the_decisions_file_round_trips_alone_in_a_bundle_and_in_a_folder(tmp_path: Path) -> None:
    result = textfix.clean(text_of(SEED_000))
    decisions = Decisions.for_result(result, rejected=[only(result, "debris: caption").id], name="a.txt")
    payload = decisions.to_json()
    assert payload["textfix_decisions"] == 1 and payload["document"] == document_hash(result.original)
    (tmp_path / "a.json").write_text(json.dumps(payload), encoding="utf-8")
    assert read_decisions(tmp_path / "a.json") == [decisions]
    other = Decisions.for_result(textfix.clean("Die NATO ist besorgt .\n"), name="b.txt")
    bundle = {"textfix_decisions": 1, "documents": [payload, other.to_json()]}
    (tmp_path / "b.json").write_text(json.dumps(bundle), encoding="utf-8")
    assert read_decisions(tmp_path / "b.json") == [decisions, other]
    book = DecisionBook.load(tmp_path)  # a.json and the bundle: the same decisions twice is fine
    assert len(book) == 2 and book.get(result.original) == decisions


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("{not json", "not a textfix decisions file (not JSON", id="not-json"),
        pytest.param('{"textfix_report": 1}', "no 'textfix_decisions' key", id="a-report"),
        pytest.param('{"textfix_decisions": 9, "document": "x"}', "newer than this textfix reads", id="newer"),
        pytest.param('{"textfix_decisions": 1, "document": "abc"}', "no 'document' sha256", id="no-hash"),
        pytest.param('{"textfix_decisions": 1, "document": "' + "a" * 64 + '", "rejected": "x"}',
                     "'rejected' must be a list of edit ids", id="bad-list"),
    ],
)
def test_a_file_that_is_not_decisions_is_refused_with_its_name(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DecisionsError, match=rf"^{path}: .*") as caught:
        read_decisions(path)
    assert message in str(caught.value)


def test_two_different_decisions_for_one_document_are_refused() -> None:
    result = textfix.clean(text_of(SEED_000))
    one = Decisions.for_result(result, rejected=[only(result, "debris: caption").id], name="a.txt")
    two = Decisions.for_result(result, rejected=[only(result, "debris: byline").id], name="a.txt")
    with pytest.raises(DecisionsError, match="two different sets of decisions for one document"):
        DecisionBook((one, two))


# -- the command line -------------------------------------------------------------------


def _write_decisions(path: Path, result: Result, *reasons: str, name: str = "a.txt") -> Decisions:
    decisions = Decisions.for_result(result, rejected=[only(result, r).id for r in reasons], name=name)
    path.write_text(json.dumps(decisions.to_json()), encoding="utf-8")
    return decisions


def test_cli_fix_applies_decisions_and_reports_what_it_left_out(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(text_of(SEED_000), encoding="utf-8")
    reviewed = textfix.clean_decoded(textfix.read_path(str(source)), _cli_options())
    _write_decisions(tmp_path / "d.json", reviewed, "debris: caption", "debris: byline")
    report = tmp_path / "report.json"
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(source), "--decisions", str(tmp_path / "d.json"),
                                   "-o", str(tmp_path / "out.txt"), "--report", str(report)])
    assert run.exit_code == 0, run.stderr
    assert run.stderr == f"textfix: {source}: 2 rejected changes left out (review decisions)\n"
    output = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "Sofia Rozhik" in output and "Channel 24 Collage" in output
    [document] = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert document["summary"]["rejected"] == 2
    assert [e["reason"] for e in document["rejected"]] == ["debris: byline", "debris: caption"]


def _cli_options() -> textfix.Options:
    """The options ``textfix fix --no-translate`` cleans with."""
    return textfix.options_from_choices(glossary=True)


def test_cli_fix_refuses_decisions_for_another_input_and_writes_nothing(tmp_path: Path) -> None:
    source, other = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text(text_of(SEED_000), encoding="utf-8")
    other.write_text(text_of(SEED_000).replace("Biden", "Obama"), encoding="utf-8")
    _write_decisions(tmp_path / "d.json", textfix.clean(source.read_text(encoding="utf-8"), _cli_options()),
                     "debris: caption")
    target = tmp_path / "out.txt"
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(other), "--decisions", str(tmp_path / "d.json"),
                                   "-o", str(target)])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"textfix: {tmp_path / 'd.json'}: these decisions are for another text (a.txt)")
    assert run.stderr.count("\n") == 1 and not target.exists()


def test_cli_fix_refuses_decisions_made_without_translation_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(text_of(SEED_000), encoding="utf-8")
    _write_decisions(tmp_path / "d.json", textfix.clean(source.read_text(encoding="utf-8"), _cli_options()),
                     "debris: caption")
    run = CliRunner().invoke(app, ["fix", "--to", "en", "--keep-untranslated", "--models-dir",
                                   str(tmp_path / "none"), str(source), "--decisions", str(tmp_path / "d.json")])
    assert run.exit_code == 1
    assert 'target_language null in the review, "en" here' in run.stderr
    assert "translate false in the review, true here" in run.stderr


def test_cli_corpus_run_takes_a_folder_of_decisions(tmp_path: Path) -> None:
    inputs = tmp_path / "scrape"
    inputs.mkdir()
    texts = {"a.txt": text_of(SEED_000), "b.txt": "Die NATO ist besorgt .\n\nLeave a Reply\n"}
    for name, text in texts.items():
        (inputs / name).write_text(text, encoding="utf-8")
    decisions = tmp_path / "decisions"
    decisions.mkdir()
    _write_decisions(decisions / "a.json", textfix.clean(texts["a.txt"], _cli_options()), "debris: caption")
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(inputs), "-o", str(tmp_path / "out"),
                                   "--decisions", str(decisions), "--workers", "1"])
    assert run.exit_code == 0, run.stderr
    assert "Channel 24 Collage" in (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "Die NATO ist besorgt.\n"


def test_cli_jsonl_run_applies_decisions_to_the_records_they_were_made_on(tmp_path: Path) -> None:
    records = tmp_path / "corpus.jsonl"
    texts = [text_of(SEED_000), "Die NATO ist besorgt .\n\nLeave a Reply\n"]
    records.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    second = textfix.clean(texts[1], _cli_options())
    _write_decisions(tmp_path / "d.json", second, "debris: boilerplate", name="corpus.jsonl:2")
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(records), "-o", str(tmp_path / "out.jsonl"),
                                   "--decisions", str(tmp_path / "d.json"), "--workers", "1"])
    assert run.exit_code == 0, run.stderr
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[1]["text_clean"] == "Die NATO ist besorgt.\n\nLeave a Reply\n"
    assert "Channel 24 Collage" not in lines[0]["text_clean"]



def test_cli_fix_says_when_no_decisions_fit_any_input(tmp_path: Path) -> None:
    one, two = tmp_path / "a.txt", tmp_path / "b.txt"
    one.write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    two.write_text("Die NATO hat reagiert .\n", encoding="utf-8")
    _write_decisions(tmp_path / "d.json", textfix.clean(text_of(SEED_000), _cli_options()), "debris: caption",
                     name="seed.txt")
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(one), str(two), "-o", str(tmp_path / "out/"),
                                   "--decisions", str(tmp_path / "d.json")])
    assert run.exit_code == 1
    assert run.stderr == f"textfix: {tmp_path / 'd.json'}: none of these decisions is for these inputs; nothing was " \
                         "left out\n"


def test_decisions_keep_what_reading_recorded(tmp_path: Path) -> None:
    from textfix.read import ReadOptions

    path = tmp_path / "a.txt"
    path.write_bytes(b"Die NATO ist besorgt \xff, sagte er am Montag.\n\nLeave a Reply\n")
    result = textfix.clean_decoded(textfix.read_path(path, options=ReadOptions(encoding="utf-8", errors="replace")))
    decided = rejecting(result, only(result, "debris: boilerplate"))
    assert decided.output.endswith("\n\nLeave a Reply\n")
    assert (decided.encoding, decided.newline, [p.kind for p in decided.problems]) == (
        result.encoding, result.newline, [textfix.ProblemKind.BAD_BYTE])
