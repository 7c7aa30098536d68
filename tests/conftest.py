"""Shared fixtures: paths to the corpus and to ../shared beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_000() -> str:
    return (CORPUS / "seeds" / "000_4af742517c27e9f8.txt").read_text(encoding="utf-8")


# Property tests explore the same examples on every run, so CI cannot fail by chance;
# widen the search locally with HYPOTHESIS_PROFILE=explore.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", max_examples=2000, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True, scope="session")
def _private_data_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The lookup tables textfix caches on disk go to a directory of this test session, so
    tests neither read a developer's cache nor leave files in it."""
    if "TEXTFIX_CACHE_DIR" not in os.environ:
        os.environ["TEXTFIX_CACHE_DIR"] = str(tmp_path_factory.mktemp("textfix-cache"))
