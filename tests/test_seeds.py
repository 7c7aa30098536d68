"""Both real seed articles come out exactly as hand-checked, through library and CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
SEED_NAMES = ["000_4af742517c27e9f8", "002_abadc072636bb697"]


def _expected_segments(name: str) -> dict[str, object]:
    return json.loads((SEEDS / f"{name}.segments.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_library_segments_match_the_hand_checked_file(name: str) -> None:
    result = textfix.clean((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    assert result.segments_json() == _expected_segments(name)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_library_output_matches_the_hand_checked_text(name: str) -> None:
    result = textfix.clean((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    assert result.output == (SEEDS / f"{name}.fixed.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_cli_segment_json_is_the_contract(name: str) -> None:
    run = CliRunner().invoke(app, ["segment", "--json", str(SEEDS / f"{name}.txt")])
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout) == _expected_segments(name)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_cli_fix_prints_the_cleaned_text(name: str) -> None:
    run = CliRunner().invoke(app, ["fix", "--no-translate", str(SEEDS / f"{name}.txt")])
    assert run.exit_code == 0, run.output
    assert run.stdout == (SEEDS / f"{name}.fixed.txt").read_text(encoding="utf-8")


def test_russian_start_of_the_biden_sentence_ends_where_german_begins(seed_000: str) -> None:
    result = textfix.clean(seed_000)
    biden = next(s for s in result.segments if seed_000[s.start :].startswith("Байден"))
    assert (biden.kind, biden.lang) == ("foreign", "ru")
    assert seed_000[biden.start : biden.end].endswith("будет реагировать")
    assert seed_000[biden.end :].startswith(" auf das.")


def test_seed_000_debris_is_removed_and_headline_kept_once(seed_000: str) -> None:
    output = textfix.clean(seed_000).output
    assert output.count("Tausende Container und Millionen Granaten") == 1
    for debris in ("Sofia Rozhik", "Channel 24 Collage", "< /p>", "Leave a Reply"):
        assert debris not in output
    assert "sagte Biden." in output and "sagte Biden ." not in output
    assert "Führung" not in output and "befürchten" in output


def test_every_edit_of_a_seed_has_a_reason_and_replays_exactly(seed_000: str) -> None:
    result = textfix.clean(seed_000)
    assert all(edit.reason for edit in result.edits)
    assert textfix.apply_edits(seed_000, result.edits) == result.output
    removed = {e.before for e in result.edits if e.after == "" and e.before.strip()}
    assert "Leave a Reply" in removed and "Sofia Rozhik" in removed
