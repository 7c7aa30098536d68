"""Train the debris line model and write ``textfix/data/debris_model.json``.

Usage (needs the ``train`` extra: scikit-learn, numpy)::

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_debris.py            # corpus/gold, corpus/debris/tune, corpus/mixed/tune
    .venv/bin/python scripts/train_debris.py --precision 0.985 --c 0.5 --report   # and print its mistakes

It reads only tuning parts: the ``heldout`` parts are never read here. ``corpus/mixed/tune``
(chats, mails, posts and reviews in mixed German and English, no furniture) teaches the
model that a greeting, a chat line or a title with an emoji is text, not a widget. Every line of a
gold document becomes one example, labelled by the gold class covering most of it
(duplicates are left out: the duplicates stage decides them); lines the patterns already
take are examples too (what they know teaches the model the shapes around the words),
though at run time their verdict stands whatever the model says. Stage one is fitted on the lines' own
features; stage two on those plus stage one's verdicts on the neighbours, taken from
cross-validation folds (by outlet) so that it learns from verdicts as good as the ones it
will get. The threshold is the one with the best F1 of removed characters among those with
precision at least ``--precision`` in the cross-validated predictions.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from textfix.debris.features import Features, is_plain_prose, is_protected, is_title
from textfix.debris.model import CLASSES, FIRST_STAGE_TEXT, PLAIN, document_features, neighbour_features
from textfix.debris.patterns import classify_paragraph
from textfix.evaluate.gold import GoldDocument, load_gold
from textfix.segment import article_lines

ROOT = Path(__file__).resolve().parents[1]
# News with furniture, and the tune part of the mixed writing (chats, mails, posts: every line is text).
DEFAULT_CORPORA = (ROOT / "corpus" / "gold", ROOT / "corpus" / "debris" / "tune", ROOT / "corpus" / "mixed" / "tune")


@dataclass
class Line:
    document: int
    features: Features
    label: str | None  # None: a duplicate, not an example
    fixed: str | None
    chars: int
    plain_prose: bool
    protected: bool
    content: str = ""


def _label(document: GoldDocument, start: int, end: int, content: str) -> str | None:
    """The gold class covering most of the line's characters; ``None`` for a duplicate."""
    covered: dict[str, int] = {}
    for span in document.spans:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap <= 0 or span.kind in ("foreign", "trap"):
            continue
        key = "duplicate" if span.kind == "duplicate" else (span.label or _guess(content))
        covered[key] = covered.get(key, 0) + overlap
    if not covered:
        return "text"
    kind, chars = max(covered.items(), key=lambda item: item[1])
    if chars * 2 < end - start:
        return "text"
    if kind == "markup":
        return "boilerplate"
    return None if kind == "duplicate" else kind


def _guess(content: str) -> str:
    """A class for corpus/gold's unlabelled debris (it predates the classes)."""
    pattern = classify_paragraph(content)
    if pattern in ("caption", "byline"):
        return pattern
    words = content.split()
    if len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "byline"
    return "boilerplate"


def lines_of(documents: Sequence[GoldDocument]) -> list[list[Line]]:
    """Every document's lines with their features and labels."""
    found = []
    for number, document in enumerate(documents):
        article = article_lines(document.text)
        contents = [line.content for line in article]
        features = document_features(contents)
        found.append(
            [
                Line(
                    number, f, _label(document, a.start, a.end, a.content), a.fixed, len(a.content),
                    is_plain_prose(a.content), is_protected(a.content, "inside_prose" in f, "after_prose" in f),
                    a.content,
                )
                for a, f in zip(article, features, strict=True)
            ]
        )
    return found


def _verdict(probabilities: np.ndarray, classes: Sequence[str]) -> str:
    p = dict(zip(classes, probabilities, strict=True))
    if p["text"] >= FIRST_STAGE_TEXT:
        return "text"
    return max((c for c in classes if c != "text"), key=lambda c: p[c])


DROPPED: set[str] = set()  # --drop: features left out of training (an ablation; the model gives them no weight)


def _fit(features: list[Features], labels: list[str], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    if DROPPED:
        features = [{k: v for k, v in f.items() if k not in DROPPED} for f in features]
    matrix = vectorizer.fit_transform(features)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, labels)
    return vectorizer, model


def _examples(documents: list[list[Line]]) -> list[Line]:
    return [line for lines in documents for line in lines if line.label is not None]


_OUTLET = re.compile(r"^[A-Z]\d{3}_([^_]+)_")


def outlets(names: Sequence[str]) -> np.ndarray:
    """The cross-validation group of each document: its outlet (``A001_nordheide-anzeiger_...``), else itself.

    A fold holds whole outlets, so the verdicts and the threshold are those on sites the model
    did not see, as on the held-out part and on a user's sites.
    """
    keys = [match.group(1) if (match := _OUTLET.match(name)) else name for name in names]
    index = {key: number for number, key in enumerate(dict.fromkeys(keys))}
    return np.array([index[key] for key in keys])


def first_stage_verdicts(documents: list[list[Line]], c: float, folds: int, groups: np.ndarray) -> dict[int, list[str]]:
    """Stage one's verdict on every line, each document judged by a model that did not see its outlet."""
    verdicts: dict[int, list[str]] = {}
    for train, test in GroupKFold(folds).split(groups, groups=groups):
        examples = _examples([documents[i] for i in train])
        vectorizer, model = _fit([e.features for e in examples], [str(e.label) for e in examples], c)
        for index in test:
            lines = documents[index]
            probabilities = model.predict_proba(vectorizer.transform([line.features for line in lines]))
            verdicts[index] = [
                line.fixed if line.fixed is not None else PLAIN if line.plain_prose else _verdict(p, model.classes_)
                for line, p in zip(lines, probabilities, strict=True)
            ]
    return verdicts


def second_stage_features(documents: list[list[Line]], verdicts: dict[int, list[str]]) -> list[list[Features]]:
    found = []
    for index, lines in enumerate(documents):
        own = verdicts[index]
        found.append(
            [
                neighbour_features(
                    line.features, own[i - 1] if i else None, own[i + 1] if i + 1 < len(own) else None,
                    is_title(line.content),
                )
                for i, line in enumerate(lines)
            ]
        )
    return found


def _scores(documents: list[list[Line]], p_text: dict[tuple[int, int], float], threshold: float,
            scored: set[int] | None = None) -> tuple[float, float]:
    """Precision and recall of removed characters (pattern lines count as removed) over the ``scored`` documents."""
    true_positive = removed = relevant = 0
    for index, lines in enumerate(documents):
        if scored is not None and index not in scored:
            continue
        no_prose = not any(line.plain_prose for line in lines)
        for i, line in enumerate(lines):
            gold = line.label not in (None, "text")
            if line.fixed is not None:
                out = True
            elif no_prose or line.plain_prose or line.protected or line.label is None:
                out = False
            else:
                out = p_text[(index, i)] < threshold
            removed += line.chars * out
            relevant += line.chars * gold
            true_positive += line.chars * (out and gold)
    return (true_positive / removed if removed else 1.0), (true_positive / relevant if relevant else 1.0)


def choose_threshold(documents: list[list[Line]], staged: list[list[Features]], c: float, folds: int,
                     precision: float, scored: set[int], groups: np.ndarray,
                     ) -> tuple[tuple[float, float, float], dict[tuple[int, int], float]]:
    """The threshold with the best F1 (cross-validated in ``groups``) on the ``scored`` (news) documents reaching ``precision``."""
    p_text: dict[tuple[int, int], float] = {}
    for train, test in GroupKFold(folds).split(groups, groups=groups):
        rows = [(f, line) for i in train for f, line in zip(staged[i], documents[i], strict=True)]
        rows = [(f, line) for f, line in rows if line.label is not None]
        vectorizer, model = _fit([f for f, _ in rows], [str(line.label) for _, line in rows], c)
        text_column = list(model.classes_).index("text")
        for index in test:
            probabilities = model.predict_proba(vectorizer.transform(staged[index]))
            for i, p in enumerate(probabilities):
                p_text[(index, i)] = float(p[text_column])
    best = (0.5, 0.0, 0.0)
    best_f1 = -1.0
    for threshold in np.arange(0.05, 0.96, 0.025):
        p, r = _scores(documents, p_text, float(threshold), scored)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if p >= precision and f1 > best_f1:
            best, best_f1 = (float(threshold), p, r), f1
    return best, p_text


def report(documents: list[list[Line]], names: Sequence[str], p_text: dict[tuple[int, int], float],
           threshold: float, scored: set[int]) -> None:
    """Print the cross-validated mistakes: lines of text the model would remove, furniture it would keep."""
    for index, lines in enumerate(documents):
        if index not in scored or not any(line.plain_prose for line in lines):
            continue
        for i, line in enumerate(lines):
            if line.fixed is not None or line.plain_prose or line.label is None:
                continue
            out = not line.protected and p_text[(index, i)] < threshold
            if out != (line.label != "text"):
                what = "removed" if out else "missed"
                print(f"  {what:8} {names[index]} [{line.label}] p={p_text[(index, i)]:.2f} "
                      f"protected={int(line.protected)} {line.content[:90]!r}")


def _weights(vectorizer: DictVectorizer, model: LogisticRegression) -> dict[str, dict[str, float]]:
    names = vectorizer.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    for row, label in enumerate(model.classes_):
        coefficients = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[row], strict=True) if abs(w) >= 1e-5}
        coefficients["bias"] = round(coefficients.get("bias", 0.0) + float(model.intercept_[row]), 5)
        weights[str(label)] = coefficients
    for label in CLASSES:
        weights.setdefault(label, {"bias": -20.0})  # a class the corpus never shows is never chosen
    return weights


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="gold folders (default: see above)")
    parser.add_argument("--out", type=Path, default=ROOT / "textfix" / "data" / "debris_model.json")
    parser.add_argument("--precision", type=float, default=0.975, help="cross-validated precision the threshold keeps")
    parser.add_argument("--c", type=float, default=0.35, help="inverse regularisation strength (0.35: best outlet-grouped F1)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--groups", choices=("document", "outlet"), default="outlet",
        help="what a cross-validation fold holds whole (outlet: the estimate for sites the model never saw; "
        "it is stricter and chooses a lower threshold)",
    )
    parser.add_argument("--report", action="store_true", help="print the cross-validated mistakes")
    parser.add_argument("--drop", action="append", default=[], metavar="FEATURE", help="leave a feature out (ablation)")
    args = parser.parse_args(argv)
    DROPPED.update(args.drop)
    corpora = args.corpus or [d for d in DEFAULT_CORPORA if d.is_dir()]
    if any("heldout" in d.parts for d in corpora):
        parser.error("the held-out part is for measuring, never for training")
    sources = [(doc, "mixed" in directory.parts) for directory in corpora for doc in load_gold(directory)]
    gold = [doc for doc, _ in sources]
    # The threshold is chosen on news with furniture; the mixed writing only teaches what text looks like
    # (its own quality gate, tests/quality_mixed.json, watches what the model does to it).
    news = {i for i, (_, mixed) in enumerate(sources) if not mixed}
    documents = lines_of(gold)
    groups = outlets([doc.name for doc in gold]) if args.groups == "outlet" else np.arange(len(gold))
    verdicts = first_stage_verdicts(documents, args.c, args.folds, groups)
    staged = second_stage_features(documents, verdicts)
    (threshold, precision, recall), p_text = choose_threshold(
        documents, staged, args.c, args.folds, args.precision, news, groups
    )
    if args.report:
        report(documents, [doc.name for doc in gold], p_text, threshold, news)

    examples = _examples(documents)
    stage1 = _fit([e.features for e in examples], [str(e.label) for e in examples], args.c)
    rows = [(f, line) for fs, lines in zip(staged, documents, strict=True) for f, line in zip(fs, lines, strict=True)]
    rows = [(f, line) for f, line in rows if line.label is not None]
    stage2 = _fit([f for f, _ in rows], [str(line.label) for _, line in rows], args.c)
    labels: dict[str, int] = {}
    for e in examples:
        labels[str(e.label)] = labels.get(str(e.label), 0) + 1
    model = {
        "textfix_debris_model": 1,
        "trained_on": [str(d.relative_to(ROOT)) if d.is_relative_to(ROOT) else str(d) for d in corpora],
        "documents": len(gold),
        "examples": labels,
        "c": args.c,
        "threshold": round(threshold, 4),
        "cross_validated": {"precision": round(precision, 4), "recall": round(recall, 4)},
        "stage1": _weights(*stage1),
        "stage2": _weights(*stage2),
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(gold)} documents, {len(examples)} examples {labels}")
    print(f"threshold {threshold:.3f}: cross-validated precision {precision:.4f} recall {recall:.4f} -> {args.out}")


if __name__ == "__main__":
    main()
