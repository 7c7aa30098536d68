"""Quality gate: character-level F1 on the gold corpus must not fall below the pinned floors.

The floors and the corpus hash live in ``tests/quality_baseline.json``. Changing the
corpus means re-measuring and updating the baseline on purpose
(``python -m textfix.evaluate --update-baseline``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textfix.evaluate import corpus_hash, evaluate_corpus, load_gold

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "tests" / "quality_baseline.json").read_text(encoding="utf-8"))
GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def report() -> dict[str, float]:
    return evaluate_corpus(load_gold(GOLD))


def test_corpus_is_the_one_the_baseline_was_measured_on() -> None:
    assert corpus_hash(GOLD) == BASELINE["corpus_hash"]


def test_corpus_is_large_enough() -> None:
    assert len(load_gold(GOLD)) >= 40


@pytest.mark.parametrize("metric", ["foreign_f1", "debris_f1", "language_accuracy"])
def test_quality_does_not_drop_below_the_floor(report: dict[str, float], metric: str) -> None:
    assert report[metric] >= BASELINE["floors"][metric], f"{metric} = {report[metric]:.4f}"


@pytest.mark.parametrize(("metric", "target"), [("foreign_f1", 0.95), ("debris_f1", 0.90)])
def test_quality_meets_the_target(report: dict[str, float], metric: str, target: float) -> None:
    assert report[metric] >= target
