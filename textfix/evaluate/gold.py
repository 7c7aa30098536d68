"""Gold annotations (inline markers) and character-level scores.

A gold document is UTF-8 text whose first line is a header naming the document
language, followed by the raw article in which every non-``text`` span is
wrapped in an inline marker::

    # textfix-gold lang=de
    Die NATO ist besorgt [[debris|Sofia Rozhik]]

    [[foreign:ru|Мы обеспокоены тем фактом.]] Er sagte, ...

Markers: ``[[foreign:LANG|...]]``, ``[[debris|...]]`` or ``[[debris:CLASS|...]]``,
``[[duplicate|...]]``, and ``[[trap|...]]``. Everything outside a marker is ``text`` in
the document language; a ``trap`` is text too (a name, loanword or short insertion that
looks foreign), marked so that a score can count how often it is taken for foreign.
``LANG`` is an ISO 639-1 code, or ``und`` for a language lingua does not know.
``CLASS`` names the kind of debris: one of :data:`DEBRIS_CLASSES`.

>>> doc = parse_gold("# textfix-gold lang=de\\nHallo [[debris|Leave a Reply]]\\n")
>>> doc.text
'Hallo Leave a Reply\\n'
>>> [(s.kind, doc.text[s.start:s.end]) for s in doc.spans]
[('debris', 'Leave a Reply')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = [
    "DEBRIS_CLASSES",
    "GoldDocument",
    "GoldFormatError",
    "GoldSpan",
    "Scores",
    "char_scores",
    "corpus_hash",
    "load_gold",
    "parse_gold",
    "spans_of",
]

_HEADER = re.compile(r"# textfix-gold lang=(?P<lang>[a-z]{2})\n")
_MARKER = re.compile(
    r"\[\[(?P<kind>foreign|debris|duplicate|trap)(?::(?P<label>[a-z]{2,12}))?\|(?P<body>.*?)\]\]", re.S
)
#: The classes a ``debris`` marker may name.
DEBRIS_CLASSES = ("dateline", "byline", "related", "boilerplate", "caption", "credit", "markup")


@dataclass(frozen=True)
class GoldSpan:
    """One annotated span: offsets into the unmarked text."""

    start: int
    end: int
    kind: str
    lang: str | None
    #: For ``debris``: its class (``dateline``, ``byline``, ...), ``None`` when not given.
    label: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    """An article as a reader would get it, with its gold spans."""

    name: str
    language: str
    text: str
    spans: tuple[GoldSpan, ...]


class GoldFormatError(ValueError):
    """A gold file that does not follow the marker syntax."""


def parse_gold(source: str, name: str = "<gold>") -> GoldDocument:
    """Strip the markers of a gold document and return its text and spans."""
    header = _HEADER.match(source)
    if header is None:
        raise GoldFormatError(f"{name}: first line must be '# textfix-gold lang=xx'")
    body = source[header.end() :]
    pieces: list[str] = []
    spans: list[GoldSpan] = []
    length = 0
    last = 0
    for marker in _MARKER.finditer(body):
        pieces.append(body[last : marker.start()])
        length += marker.start() - last
        inner = marker["body"]
        if "[[" in inner:
            raise GoldFormatError(f"{name}: nested marker in {inner[:40]!r}")
        kind, label = marker["kind"], marker["label"]
        lang = label if kind == "foreign" else None
        if kind == "foreign" and (label is None or not re.fullmatch(r"[a-z]{2}|und", label)):
            raise GoldFormatError(f"{name}: foreign marker needs a language code (two letters or 'und')")
        if kind == "debris" and label is not None and label not in DEBRIS_CLASSES:
            raise GoldFormatError(f"{name}: unknown debris class {label!r} (one of {', '.join(DEBRIS_CLASSES)})")
        if kind in ("duplicate", "trap") and label is not None:
            raise GoldFormatError(f"{name}: {kind} marker takes no label")
        spans.append(GoldSpan(length, length + len(inner), kind, lang, label if kind == "debris" else None))
        pieces.append(inner)
        length += len(inner)
        last = marker.end()
    rest = body[last:]
    if "[[" in rest or "]]" in rest:
        raise GoldFormatError(f"{name}: unbalanced marker near {rest[rest.find('[[') :][:40]!r}")
    pieces.append(rest)
    return GoldDocument(name, header["lang"], "".join(pieces), tuple(spans))


def load_gold(directory: Path) -> list[GoldDocument]:
    """Every ``*.txt`` gold document in ``directory``, sorted by name."""
    return [parse_gold(p.read_text(encoding="utf-8"), p.name) for p in sorted(directory.glob("*.txt"))]


@dataclass(frozen=True)
class Scores:
    """Character-level precision, recall and F1 of one class of spans."""

    true_positive: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.actual if self.actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.true_positive + other.true_positive,
            self.predicted + other.predicted,
            self.actual + other.actual,
        )


def _covered(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of non-whitespace characters inside ``spans``."""
    return {i for start, end in spans for i in range(start, end) if not text[i].isspace()}


def char_scores(
    text: str,
    predicted: Sequence[tuple[int, int]],
    actual: Sequence[tuple[int, int]],
) -> Scores:
    """Compare two sets of spans character by character (whitespace ignored).

    >>> s = char_scores("ab cd", [(0, 2)], [(0, 5)])
    >>> (s.precision, s.recall)
    (1.0, 0.5)
    """
    pred, gold = _covered(text, predicted), _covered(text, actual)
    return Scores(len(pred & gold), len(pred), len(gold))


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...


def spans_of(kinds: tuple[str, ...], segments: Iterable[_Span]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in segments if s.kind in kinds]


def corpus_hash(directory: Path) -> str:
    """A digest of every gold file's name and bytes: the baseline is only valid for these."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
