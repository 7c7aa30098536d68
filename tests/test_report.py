"""The JSON report (``textfix fix --report``): segments, edits and a summary per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.model import Edit, EditKind, Problem, ProblemKind, Reason, Result, Segment, TranslationDetail
from textfix.render.align import CHANGE_KINDS, marked_edits
from textfix.render.report import REPORT_VERSION, batch_report, change_counts, document_report, untranslated_spans

SEED_000 = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
FOREIGN = "Мы обеспокоены тем фактом, что Россия помогает."
TEXT = f"Die NATO hat reagiert.\n\n{FOREIGN}\n"


@pytest.fixture
def seed() -> Result:
    return textfix.clean(SEED_000.read_text(encoding="utf-8"))


def _translated(text: str, start: int, end: int, after: str, route: tuple[str, ...]) -> Result:
    """A hand-made result with one ru→de translation edit over ``text[start:end]``."""
    foreign = Segment(24, 24 + len(FOREIGN), "foreign", "ru")
    reason = Reason(EditKind.TRANSLATION, f"ru→de (model {', '.join(route)})", TranslationDetail("ru", "de", route))
    edits = (Edit(start, end, text[start:end], after, reason),)
    return Result(text, textfix.apply_edits(text, edits), "de", (Segment(0, 22, "text", "de"), foreign), edits)


def test_document_report_has_the_documented_keys(seed: Result) -> None:
    entry = document_report(seed, "a.txt")
    assert list(entry) == ["file", "language", "encoding", "segments", "edits", "rejected", "problems", "flags",
                           "summary"]
    assert list(entry["summary"]) == ["changes", "marked", "characters", "languages", "untranslated",
                                      "glossary_problems", "low_confidence", "rejected", "flags"]
    assert [e["id"] for e in entry["edits"]] == [e.id for e in seed.edits]
    assert entry["flags"] == seed.segments_json()["flags"]
    assert entry["segments"] == seed.segments_json()["segments"]


def test_edits_in_the_report_rebuild_the_output(seed: Result) -> None:
    edits = document_report(seed)["edits"]
    assert isinstance(edits, list)
    rebuilt = [Edit.from_json(e) for e in edits]
    assert textfix.apply_edits(seed.original, rebuilt) == seed.output
    assert rebuilt == list(seed.edits)
    assert [e["kind"] for e in edits] == ["duplicate", "whitespace", "debris", "whitespace", "duplicate", "whitespace",
                                          "debris", "whitespace", "repair", "debris", "whitespace", "debris"]


def test_summary_of_seed_000(seed: Result) -> None:
    summary = document_report(seed)["summary"]
    assert isinstance(summary, dict)
    assert summary["changes"] == {"debris": 4, "duplicate": 2, "repair": 1, "translation": 0, "glossary": 0,
                                  "whitespace": 5}
    assert summary["marked"] == len(marked_edits(seed)) == 7
    assert summary["characters"] == {"original": len(seed.original), "output": len(seed.output)}
    assert list(summary["languages"]) == ["de", "ru"]
    assert [(s["lang"], s["text"][:14]) for s in summary["untranslated"]] == [("ru", "Мы обеспокоены"),
                                                                            ("ru", "Байден во врем")]
    assert summary["glossary_problems"] == []


def test_change_counts_list_every_kind_in_order() -> None:
    edits = [Edit(0, 1, "a", "", Reason(EditKind.DEBRIS, "markup")),
             Edit(2, 3, "d", "e", Reason(EditKind.GLOSSARY, "Pjongjang → Pjöngjang")),
             Edit(3, 4, "f", "g", (Reason(EditKind.GLOSSARY, "x → y"), Reason(EditKind.REPAIR, "html entity")))]
    counts = change_counts(edits)
    assert list(counts) == [str(kind) for kind in CHANGE_KINDS]
    assert (counts["debris"], counts["glossary"], counts["repair"], sum(counts.values())) == (1, 2, 0, 3)


def test_translation_edits_carry_languages_and_model_and_cover_their_span() -> None:
    start = len("Die NATO hat reagiert.\n\n")
    result = _translated(TEXT, start, start + len(FOREIGN), "Wir sind besorgt.", ("ru→en", "en→de"))
    entry = document_report(result)
    edit = entry["edits"][0]
    assert (edit["kind"], edit["source"], edit["target"], edit["model"]) == ("translation", "ru", "de", "ru→en, en→de")
    assert untranslated_spans(result) == []
    assert entry["summary"]["changes"]["translation"] == 1


def test_a_partly_translated_span_is_still_untranslated() -> None:
    start = len("Die NATO hat reagiert.\n\n")
    result = _translated(TEXT, start, start + 14, "Wir sind", ("ru→de",))
    assert [s["start"] for s in untranslated_spans(result)] == [start]


def test_problems_are_listed_and_lost_names_summarised() -> None:
    lost = Problem(ProblemKind.NAME_LOST, 0, 3, "glossary name 'Столтенберг' (Stoltenberg) was lost in translation",
                   "ru", "stoltenberg")
    kept = Problem(ProblemKind.NO_MODEL, 4, 7, "kept untranslated: no uk→de model installed (missing: uk→en)", "uk")
    result = Result("Ja. Так.", "Ja. Так.", "de", (), (), problems=(lost, kept))
    entry = document_report(result)
    assert entry["summary"]["glossary_problems"] == [lost.message]
    assert [p["kind"] for p in entry["problems"]] == ["name-lost", "no-model"]
    assert entry["problems"][1] == {"kind": "no-model", "start": 4, "end": 7, "message": kept.message,
                                    "lang": "uk", "term": None}


def test_batch_report_is_versioned_and_keeps_the_input_order(seed: Result) -> None:
    other = textfix.clean("Die NATO ist besorgt .\n")
    report = batch_report([("b.txt", other), ("a.txt", seed)])
    assert report["textfix_report"] == REPORT_VERSION
    assert [d["file"] for d in report["documents"]] == ["b.txt", "a.txt"]


def test_cli_fix_writes_the_report_and_the_review_pages(tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Die NATO ist besorgt .\n\nLeave a Reply\n", encoding="utf-8")
    report, pages = tmp_path / "report.json", tmp_path / "pages"
    args = ["fix", "--no-translate", str(SEED_000), str(other), "-o", str(tmp_path / "out"),
            "--report", str(report), "--diff-html", str(pages)]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.stderr
    payload = json.loads(report.read_text(encoding="utf-8"))
    assert [d["file"] for d in payload["documents"]] == [str(SEED_000), str(other)]
    assert payload["documents"][1]["summary"]["changes"]["debris"] == 1
    assert sorted(p.name for p in pages.iterdir()) == ["000_4af742517c27e9f8.html", "b.html", "index.html"]
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "Die NATO ist besorgt.\n"


def test_cli_report_still_lists_the_good_inputs_when_one_fails(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    args = ["fix", "--no-translate", str(tmp_path / "nope.txt"), str(SEED_000), "-o", str(tmp_path / "out"),
            "--report", str(report)]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 1
    assert [d["file"] for d in json.loads(report.read_text(encoding="utf-8"))["documents"]] == [str(SEED_000)]


def test_cli_report_into_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(SEED_000), "--report", str(target)])
    assert run.exit_code == 1
    assert run.stderr == f"textfix: {target}: cannot write: folder {target.parent} does not exist\n"
