"""Quality gate on furniture from sites textfix was not written for (``corpus/debris``): both parts.

Floors and each part's corpus hash live in ``tests/quality_debris.json``; re-measure on purpose with
``python -m textfix.evaluate.debris --update-baseline tests/quality_debris.json``. The model is
trained on the ``tune`` part (``scripts/train_debris.py``); ``heldout`` is only scored, its sites
are in no training document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textfix.evaluate import corpus_hash, load_gold
from textfix.evaluate.debris import PARTS, evaluate_debris

ROOT = Path(__file__).resolve().parents[1]
DEBRIS = ROOT / "corpus" / "debris"
BASELINE = json.loads((ROOT / "tests" / "quality_debris.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    return {part: evaluate_debris(load_gold(DEBRIS / part)) for part in PARTS}


@pytest.mark.parametrize("part", PARTS)
def test_corpus_part_is_the_one_the_baseline_was_measured_on(part: str) -> None:
    assert corpus_hash(DEBRIS / part) == BASELINE[part]["corpus_hash"]


def test_the_corpus_is_large_and_varied() -> None:
    names = [p.name for part in PARTS for p in (DEBRIS / part).glob("*.txt")]
    sites = {name.split("_")[1] for name in names}
    assert len(names) >= 150 and len(sites) >= 40


@pytest.mark.parametrize("part", PARTS)
def test_quality_does_not_drop_below_the_floor(scores: dict[str, dict[str, float]], part: str) -> None:
    floors = BASELINE[part]["floors"]
    measured = scores[part]
    low = {k: round(measured[k], 4) for k, v in floors.items() if k != "trap_rate_max" and measured[k] < v}
    assert low == {}, low
    assert measured["trap_rate"] <= floors["trap_rate_max"]


def test_held_out_sites_meet_the_precision_goal_and_every_class_the_recall_goal(
    scores: dict[str, dict[str, float]],
) -> None:
    held_out = scores["heldout"]
    assert held_out["remove_precision"] >= 0.97
    assert {k: v for k, v in held_out.items() if k.startswith("recall_") and v < 0.70} == {}


@pytest.mark.xfail(strict=True, reason="held-out remove F1 is 0.90: recall 0.84 at precision 0.97")
def test_held_out_sites_meet_the_f1_goal(scores: dict[str, dict[str, float]]) -> None:
    assert scores["heldout"]["remove_f1"] >= 0.93
