"""Alignment: the original and the output split into paragraph rows of unchanged and changed pieces.

The terminal view (:mod:`.terminal`) and the review page (:mod:`.html`) both draw rows;
every change comes from the result's edit log, so a view shows exactly what happened and
why. Unchanged text inside a ``foreign`` segment is marked as untranslated.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from textfix.model import Edit, EditKind, Result

__all__ = ["CHANGE_KINDS", "MARKED_KINDS", "Piece", "Row", "align", "marked_edits", "paragraph_starts", "trimmed_side"]

#: Kinds of change, in the order views and reports list them.
CHANGE_KINDS: tuple[EditKind, ...] = tuple(EditKind)
#: Kinds a review marks visibly (whitespace changes are counted, not marked).
MARKED_KINDS: frozenset[EditKind] = frozenset(kind for kind in EditKind if kind.marked)


def marked_edits(result: Result) -> list[int]:
    """Indices into ``result.edits`` of the changes a review marks (all but whitespace)."""
    return [i for i, edit in enumerate(result.edits) if edit.kind.marked]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one row: unchanged text (``edit is None``) or one edit's before and after.

    ``foreign`` names the language of unchanged text inside a ``foreign`` segment.
    """

    before: str
    after: str
    #: The edit's index in ``Result.edits``, and the edit itself (``None``: unchanged text).
    edit: int | None = None
    change: Edit | None = None
    foreign: str | None = None

    @property
    def kind(self) -> EditKind | None:
        """The kind of the change, ``None`` for unchanged text."""
        return self.change.kind if self.change is not None else None

    @property
    def reason(self) -> str | None:
        """The change's reasons as one line, ``None`` for unchanged text."""
        return self.change.reason if self.change is not None else None

    @property
    def marked(self) -> bool:
        """Whether a review marks this piece (a change of a marked kind)."""
        return self.change is not None and self.change.kind.marked


@dataclass(frozen=True, slots=True)
class Row:
    """One paragraph of the original (``start``..``end``, with the blank lines after it) and its output."""

    start: int
    end: int
    pieces: tuple[Piece, ...]

    @property
    def original(self) -> str:
        """The original text of the row, exactly."""
        return "".join(p.before for p in self.pieces)

    @property
    def output(self) -> str:
        """What the row became in the output, exactly."""
        return "".join(p.after for p in self.pieces)


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a paragraph begins after a blank line (not 0, not the end).

    >>> paragraph_starts("a\\n\\nb\\n \\n\\nc\\n")
    [3, 8]
    """
    return [m.end() for m in _PARAGRAPH_BREAK.finditer(text) if m.end() < len(text)]


def _row_bounds(text: str, edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Row ranges covering ``text``: paragraph starts, minus those an edit reaches across."""
    starts = paragraph_starts(text)
    blocked: set[int] = set()
    for edit in edits:
        lo, hi = bisect_right(starts, edit.start), bisect_left(starts, edit.end)
        blocked.update(range(lo, hi))
    cuts = [0, *(s for i, s in enumerate(starts) if i not in blocked), len(text)]
    return [(a, b) for a, b in pairwise(cuts) if b > a or len(cuts) == 2]


def _foreign_ranges(result: Result) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.lang or "?") for s in result.segments if s.kind == "foreign"]


def _plain_pieces(
    text: str, start: int, end: int, foreign: Sequence[tuple[int, int, str]], ends: Sequence[int]
) -> Iterator[Piece]:
    """Unchanged text ``text[start:end]``, split where foreign segments (ending at ``ends``) begin and end."""
    i = bisect_right(ends, start)
    position = start
    while position < end:
        while i < len(foreign) and foreign[i][1] <= position:
            i += 1
        if i < len(foreign) and foreign[i][0] <= position:
            stop = min(foreign[i][1], end)
            yield Piece(text[position:stop], text[position:stop], foreign=foreign[i][2])
        else:
            stop = min(foreign[i][0], end) if i < len(foreign) else end
            yield Piece(text[position:stop], text[position:stop])
        position = stop


def align(result: Result) -> list[Row]:
    """The original split into paragraph rows, each with its pieces of unchanged and edited text.

    Concatenating every row's ``original`` gives ``result.original``; every row's ``output``
    gives ``result.output``. A paragraph an edit reaches across shares a row with the next.

    >>> from textfix import clean
    >>> rows = align(clean("Titel\\n\\nTitel\\n\\nEin Satz hier .\\n"))
    >>> [(row.original, row.output) for row in rows]
    [('Titel\\n\\n', 'Titel\\n\\n'), ('Titel\\n\\n', ''), ('Ein Satz hier .\\n', 'Ein Satz hier.\\n')]
    """
    text, edits = result.original, result.edits
    foreign = _foreign_ranges(result)
    ends = [f[1] for f in foreign]
    rows: list[Row] = []
    index = 0
    for start, end in _row_bounds(text, edits):
        pieces: list[Piece] = []
        position = start
        while index < len(edits) and (edits[index].start < end or end == len(text)):
            edit = edits[index]
            pieces.extend(_plain_pieces(text, position, edit.start, foreign, ends))
            pieces.append(Piece(edit.before, edit.after, index, edit))
            position = edit.end
            index += 1
        pieces.extend(_plain_pieces(text, position, end, foreign, ends))
        rows.append(Row(start, end, tuple(pieces)))
    return rows


def trimmed_side(row: Row, side: str) -> list[tuple[Piece, str]]:
    """The row's pieces with their ``before`` or ``after`` text (``side``), blank edges left out.

    Whitespace at the start and end of the row (the blank lines between paragraphs) is
    dropped, except inside marked changes, which stay whole so that every change is shown.
    """
    texts = [getattr(piece, side) for piece in row.pieces]
    marked = [piece.marked for piece in row.pieces]
    for order, strip in ((range(len(texts)), str.lstrip), (range(len(texts) - 1, -1, -1), str.rstrip)):
        for i in order:
            if marked[i]:
                break
            texts[i] = strip(texts[i])
            if texts[i]:
                break
    return [(piece, text) for piece, text, mark in zip(row.pieces, texts, marked, strict=True) if text or mark]
