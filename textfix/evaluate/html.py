"""Article extraction scores: the metric of the Article Extraction Benchmark (AEB), once.

AEB (scrapinghub/article-extraction-benchmark) compares the text an extractor returns with a
hand-made ``articleBody``: both become multisets of 4-token shingles (consecutive 4-grams of
``\\w+`` tokens); per page, true positives are the shared shingles, false positives the
predicted ones beyond the gold counts, false negatives the gold ones missing, the three
normalised to sum to one. Precision and recall are averaged over the pages (pages with nothing
predicted are left out of precision) and F1 is the harmonic mean of the two averages.

>>> match = shingle_match("Die NATO ist sehr besorgt", "Die NATO ist sehr besorgt, sagte er")
>>> [round(x, 2) for x in match]
[0.5, 0.5, 0.0]
>>> score([match]).f1
0.6666666666666666

A corpus in AEB's format is a folder with ``ground-truth.json`` (``{id: {"articleBody", "url"}}``,
optionally ``"split": "tune" | "heldout"``) and the pages as ``html/<id>.html.gz`` (AEB) or
``pages/<id>.html`` (textfix's German pages in ``corpus/html``).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ExtractionScores", "Page", "load_pages", "score", "score_pages", "shingle_match"]

_TOKEN = re.compile(r"\w+")
_NGRAM = 4

#: ``(tp, fp, fn)`` of one page, normalised to sum to one (all zero when both texts are empty).
Match = tuple[float, float, float]


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    starts = range(max(1, len(tokens) - _NGRAM + 1))
    return Counter(tuple(tokens[i : i + _NGRAM]) for i in starts if tokens[i : i + _NGRAM])


def shingle_match(gold: str, predicted: str) -> Match:
    """AEB's ``string_shingle_matching``: shared, extra and missing 4-token shingles, normalised."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass(frozen=True)
class ExtractionScores:
    """Mean precision and recall over the pages, their harmonic mean, and the page count."""

    precision: float
    recall: float
    f1: float
    pages: int

    def line(self) -> str:
        """``F1 0.966  precision 0.955  recall 0.977  (181 pages)``."""
        return f"F1 {self.f1:.4f}  precision {self.precision:.4f}  recall {self.recall:.4f}  ({self.pages} pages)"


def score(matches: Sequence[Match]) -> ExtractionScores:
    """AEB's ``metrics_from_tp_fp_fns``."""
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ExtractionScores(precision, recall, f1, len(matches))


@dataclass(frozen=True)
class Page:
    """One page of a corpus: its bytes as crawled, its gold article body, its part."""

    id: str
    data: bytes
    gold: str
    split: str | None = None


def load_pages(directory: Path, *, split: str | None = None) -> list[Page]:
    """The pages of a corpus in AEB's format, sorted by id; only those of ``split`` when given."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        if split is not None and entry.get("split") != split:
            continue
        compressed = directory / "html" / f"{page_id}.html.gz"
        data = gzip.decompress(compressed.read_bytes()) if compressed.exists() else (
            directory / "pages" / f"{page_id}.html").read_bytes()
        pages.append(Page(page_id, data, entry.get("articleBody", ""), entry.get("split")))
    return pages


def score_pages(pages: Iterable[Page], extract: Callable[[Page], str]) -> ExtractionScores:
    """Scores of ``extract`` (a page → its article text) over ``pages``."""
    return score([shingle_match(page.gold, extract(page)) for page in pages])
