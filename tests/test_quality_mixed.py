"""Quality gate on mixed German–English writing (``corpus/mixed``): short runs, traps, both parts.

Floors (and the trap-rate ceiling) and each part's corpus hash live in
``tests/quality_mixed.json``; re-measure on purpose with
``python -m textfix.evaluate.mixed --update-baseline tests/quality_mixed.json``.
Definitions (what a *found* run is, run F1, the trap rate) are in :mod:`textfix.evaluate.mixed`.
The ``heldout`` part is never read while developing; it is only scored here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textfix.evaluate import corpus_hash
from textfix.evaluate.mixed import PARTS, MixedReport, evaluate_mixed, load_part

ROOT = Path(__file__).resolve().parents[1]
MIXED = ROOT / "corpus" / "mixed"
BASELINE = json.loads((ROOT / "tests" / "quality_mixed.json").read_text(encoding="utf-8"))
METRICS = [name for name in BASELINE["tune"]["floors"] if name != "trap_rate_max"]


@pytest.fixture(scope="module")
def reports() -> dict[str, MixedReport]:
    return {part: evaluate_mixed(load_part(MIXED, part)) for part in PARTS}


@pytest.mark.parametrize("part", PARTS)
def test_corpus_part_is_the_one_the_baseline_was_measured_on(part: str) -> None:
    assert corpus_hash(MIXED / part) == BASELINE[part]["corpus_hash"]


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("metric", METRICS)
def test_quality_does_not_drop_below_the_floor(reports: dict[str, MixedReport], part: str, metric: str) -> None:
    value = reports[part].as_dict()[metric]
    assert value >= BASELINE[part]["floors"][metric], f"{part} {metric} = {value:.4f}"


@pytest.mark.parametrize("part", PARTS)
def test_traps_taken_for_foreign_stay_under_the_ceiling(reports: dict[str, MixedReport], part: str) -> None:
    report = reports[part]
    assert report.trap_rate <= BASELINE[part]["floors"]["trap_rate_max"], report.flagged


@pytest.mark.parametrize(
    ("metric", "goal"),
    [
        pytest.param("recall_4-5", 0.95, id="runs-of-four-to-five-words"),
        pytest.param("run_f1", 0.96, id="f1-on-runs-of-three-or-more"),
        pytest.param(
            "recall_3", 0.80, id="runs-of-three-words",
            marks=pytest.mark.xfail(strict=True, reason="15/19 on held-out text: one run short of the goal"),
        ),
    ],
)
def test_held_out_text_meets_the_goal(reports: dict[str, MixedReport], metric: str, goal: float) -> None:
    assert reports["heldout"].as_dict()[metric] >= goal


def test_the_corpus_has_runs_of_every_length_in_both_parts(reports: dict[str, MixedReport]) -> None:
    for report in reports.values():
        assert all(total >= 8 for _, total in report.runs.values()), report.runs
        assert report.traps >= 150
