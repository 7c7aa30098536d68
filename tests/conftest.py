"""Shared fixtures: paths to the corpus and to ../shared beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_000() -> str:
    return (CORPUS / "seeds" / "000_4af742517c27e9f8.txt").read_text(encoding="utf-8")
