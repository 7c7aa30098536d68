"""The AEB metric (scrapinghub/article-extraction-benchmark, evaluate.py): 4-token shingles of \\w+ tokens."""
from __future__ import annotations

import re
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter:
    t = tokens(text)
    return Counter(tuple(t[i:i + n]) for i in range(0, max(1, len(t) - n + 1)) if t[i:i + n])


def page_scores(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = (tp + fp + fn) or 1
    return tp / total, fp / total, fn / total


def evaluate(pairs: list[tuple[str, str]]) -> dict:
    """pairs: (gold, predicted). Precision is averaged over pages with a prediction, recall over all."""
    precisions, recalls = [], []
    for gold, pred in pairs:
        tp, fp, fn = page_scores(gold, pred)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        recalls.append(tp / (tp + fn) if tp + fn > 0 else 0.0)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pages": len(pairs)}
