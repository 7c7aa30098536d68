"""Quality gate for HTML pages: AEB's metric through ``textfix fix --no-translate`` must not fall
below the floors pinned in ``tests/html_baseline.json``.

AEB (the Article Extraction Benchmark, 181 pages) is read from ``../shared/external/aeb`` beside
the checkout and skipped without it; the German pages of ``corpus/html`` are scored per part
(``tune`` was tuned on, ``heldout`` never was: it is only scored).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import textfix
from textfix.evaluate.html import ExtractionScores, Page, load_pages, score_pages
from textfix.read import decode_page

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "tests" / "html_baseline.json").read_text(encoding="utf-8"))
AEB = ROOT.parent / "shared" / "external" / "aeb"
GERMAN = ROOT / "corpus" / "html"


def fix(page: Page) -> str:
    """What ``textfix fix --no-translate`` prints for the page."""
    return textfix.clean_decoded(decode_page(page.data, page.id)).output


def check(scores: ExtractionScores, corpus: str) -> None:
    floors = BASELINE["floors"][corpus]
    assert scores.f1 >= floors["f1"], f"{corpus}: {scores.line()}"
    assert scores.recall >= floors["recall"], f"{corpus}: {scores.line()}"


@pytest.mark.slow
@pytest.mark.skipif(not AEB.is_dir(), reason="../shared/external/aeb is not beside the checkout")
def test_aeb_f1_through_fix_does_not_drop_below_the_floor() -> None:
    pages = load_pages(AEB)
    assert len(pages) == 181
    check(score_pages(pages, fix), "aeb")


@pytest.mark.parametrize(("split", "count"), [("tune", 26), ("heldout", 14)])
def test_german_pages_f1_through_fix_does_not_drop_below_the_floor(split: str, count: int) -> None:
    pages = load_pages(GERMAN, split=split)
    assert len(pages) == count
    check(score_pages(pages, fix), f"german_{split}")
