"""Review: the original and the output side by side, aligned by paragraph.

Every change comes from the result's edit log, so the view shows exactly what
happened and why. Each edit is classified by the prefix of its reason
("debris: boilerplate" → ``debris``); unchanged text inside a ``foreign`` segment
is marked as untranslated.

>>> from textfix import clean
>>> r = clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n")
>>> print(render_side_by_side(r, colour=False, width=61))
original                      │ output
──────────────────────────────┼──────────────────────────────
Die NATO ist besorgt[-·-]     │ Die NATO ist besorgt.
{repair: space before         │
punctuation}.                 │
                              │
[-Leave a Reply-]{debris:     │
boilerplate}                  │
"""

from __future__ import annotations

import re
import shutil
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .model import Edit, Result

__all__ = [
    "CHANGE_KINDS",
    "MARKED_KINDS",
    "Piece",
    "ReasonInfo",
    "Row",
    "align",
    "change_kind",
    "is_marked",
    "marked_edits",
    "parse_reason",
    "render_side_by_side",
    "trimmed_side",
]

#: Kinds of change, in the order views and reports list them; ``other`` takes unknown prefixes.
CHANGE_KINDS: tuple[str, ...] = ("debris", "duplicate", "repair", "translation", "glossary", "whitespace", "other")
#: Kinds a review marks visibly (whitespace changes are counted, not marked).
MARKED_KINDS: frozenset[str] = frozenset(CHANGE_KINDS) - {"whitespace"}

_MODEL = re.compile(r"^\s*(?P<source>[\w-]+)\s*(?:→|->)\s*(?P<target>[\w-]+)(?:.*?\(model (?P<model>[^)]*)\))?")


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    """What an edit reason says: its kind, the rest of its text, and for translations the languages and model."""

    kind: str
    detail: str
    source: str | None = None
    target: str | None = None
    model: str | None = None


def change_kind(reason: str) -> str:
    """The kind of change a reason names: the prefix before its first colon, ``other`` if unknown.

    Composed reasons ("a; b") are classified by their first part.

    >>> change_kind("repair: mojibake (text was UTF-8 read as latin-1)")
    'repair'
    >>> change_kind("debris: markup; repair: html entity")
    'debris'
    >>> change_kind("Translation: ru→de"), change_kind("whitespace"), change_kind("something new")
    ('translation', 'whitespace', 'other')
    """
    first = reason.split(";", 1)[0]
    prefix = first.split(":", 1)[0].strip().lower()
    return prefix if prefix in CHANGE_KINDS else "other"


def parse_reason(reason: str) -> ReasonInfo:
    """Split a reason into kind and detail; translations also give source, target and model.

    >>> parse_reason("translation: ru→de (model ru→en→de)")
    ReasonInfo(kind='translation', detail='ru→de (model ru→en→de)', source='ru', target='de', model='ru→en→de')
    >>> parse_reason("debris: boilerplate")
    ReasonInfo(kind='debris', detail='boilerplate', source=None, target=None, model=None)
    >>> parse_reason("translation: uk->en").model is None
    True
    """
    kind = change_kind(reason)
    head, _, rest = reason.partition(":")
    detail = rest.strip() if rest else head.strip()
    if kind != "translation":
        return ReasonInfo(kind, detail)
    match = _MODEL.match(detail)
    if match is None:
        return ReasonInfo(kind, detail)
    return ReasonInfo(kind, detail, match["source"], match["target"], match["model"])


def marked_edits(result: Result) -> list[int]:
    """Indices into ``result.edits`` of the changes a review marks (all but whitespace)."""
    return [i for i, edit in enumerate(result.edits) if change_kind(edit.reason) in MARKED_KINDS]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one row: unchanged text (``edit is None``) or one edit's before and after.

    ``foreign`` names the language of unchanged text inside a ``foreign`` segment.
    """

    before: str
    after: str
    edit: int | None = None
    kind: str | None = None
    reason: str | None = None
    foreign: str | None = None


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
            pieces.append(Piece(edit.before, edit.after, index, change_kind(edit.reason), edit.reason))
            position = edit.end
            index += 1
        pieces.extend(_plain_pieces(text, position, end, foreign, ends))
        rows.append(Row(start, end, tuple(pieces)))
    return rows


# --- terminal rendering ---------------------------------------------------------------------------

_ANSI = {
    "debris": "\x1b[9;31m",
    "duplicate": "\x1b[9;35m",
    "repair": "\x1b[4;33m",
    "translation": "\x1b[36m",
    "glossary": "\x1b[34m",
    "other": "\x1b[4;37m",
    "foreign": "\x1b[3;33m",
    "label": "\x1b[2m",
}
_RESET = "\x1b[0m"
_TOKEN = re.compile(r"\n|[^\S\n]+|\S+")

#: A run of text and the style it is shown in (``None``: plain).
Run = tuple[str, str | None]


def is_marked(piece: Piece) -> bool:
    """Whether a piece is a change a review marks (an edit that is not whitespace only)."""
    return piece.kind is not None and piece.kind in MARKED_KINDS


def trimmed_side(row: Row, side: str) -> list[tuple[Piece, str]]:
    """The row's pieces with their ``before`` or ``after`` text (``side``), blank edges left out.

    Whitespace at the start and end of the row (the blank lines between paragraphs) is
    dropped, except inside marked changes, which stay whole so that every change is shown.
    """
    texts = [getattr(piece, side) for piece in row.pieces]
    marked = [is_marked(piece) for piece in row.pieces]
    for order, strip in ((range(len(texts)), str.lstrip), (range(len(texts) - 1, -1, -1), str.rstrip)):
        for i in order:
            if marked[i]:
                break
            texts[i] = strip(texts[i])
            if texts[i]:
                break
    return [(piece, text) for piece, text, mark in zip(row.pieces, texts, marked, strict=True) if text or mark]


def _side_runs(row: Row) -> tuple[list[Run], list[Run]]:
    """The left (original) and right (output) runs of a row, with change markers and labels."""
    left: list[Run] = []
    right: list[Run] = []
    for piece, text in trimmed_side(row, "before"):
        if not is_marked(piece):
            left.append((text, "foreign" if piece.foreign else None))
        elif text:
            left.extend([("[-" + _visible(text) + "-]", piece.kind), ("{" + (piece.reason or "") + "}", "label")])
    for piece, text in trimmed_side(row, "after"):
        if not is_marked(piece):
            right.append((text, "foreign" if piece.foreign else None))
        elif text:
            right.append(("{+" + _visible(text) + "+}", piece.kind))
            if not piece.before:
                right.append(("{" + (piece.reason or "") + "}", "label"))
    return left, right


def _visible(text: str) -> str:
    """Changed text as shown: whitespace alone is made visible (``·`` for a space, ``⏎`` for a newline).

    >>> _visible(" "), _visible("\\n\\n"), _visible("a b")
    ('·', '⏎⏎', 'a b')
    """
    if text.strip():
        return text
    return "".join("⏎" if c == "\n" else "·" for c in text)


def wrap_runs(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Styled runs wrapped into lines of at most ``width`` characters; newlines force a break.

    >>> wrap_runs([("ab cd", None), ("efgh", "x")], 4)
    [[('ab', None)], [('cd', None)], [('efgh', 'x')]]
    >>> wrap_runs([("abcdefghij", None)], 4)
    [[('abcd', None)], [('efgh', None)], [('ij', None)]]
    """
    lines: list[list[Run]] = [[]]
    used = 0
    for text, style in runs:
        for token in _TOKEN.findall(text):
            if token == "\n":
                lines.append([])
                used = 0
            elif token.isspace():
                if used and used + len(token) < width:
                    lines[-1].append((token, style))
                    used += len(token)
                elif used:
                    lines.append([])
                    used = 0
            else:
                if used and used + len(token) > width:
                    lines.append([])
                    used = 0
                rest = token
                while len(rest) > width - used:
                    lines[-1].append((rest[: width - used], style))
                    rest = rest[width - used :]
                    lines.append([])
                    used = 0
                if rest:
                    lines[-1].append((rest, style))
                    used += len(rest)
    return [_trim_line(line) for line in lines]


def _trim_line(line: list[Run]) -> list[Run]:
    """A wrapped line with trailing spaces dropped and neighbouring runs of one style merged."""
    while line and line[-1][0].isspace():
        line = line[:-1]
    merged: list[Run] = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def _paint(line: Sequence[Run], width: int, colour: bool) -> str:
    """One wrapped line padded to ``width`` (``0``: not padded), with ANSI styles when ``colour``."""
    visible = sum(len(text) for text, _ in line)
    if not colour:
        body = "".join(text for text, _ in line)
    else:
        body = "".join(f"{_ANSI[style]}{text}{_RESET}" if style else text for text, style in line)
    return body + " " * max(width - visible, 0)


def terminal_width(default: int = 100) -> int:
    """The width of the terminal (or ``$COLUMNS``), ``default`` when unknown."""
    return shutil.get_terminal_size((default, 24)).columns


def render_side_by_side(result: Result, *, colour: bool, width: int | None = None) -> str:
    """Original on the left, output on the right, one block of lines per paragraph.

    Changes are shown ``[-before-]`` on the left and ``{+after+}`` on the right, in the
    style of their kind when ``colour``, each followed by ``{reason}``; whitespace changes
    are applied silently. Lines fit ``width`` (default: the terminal width).
    """
    total = max(width if width is not None else terminal_width(), 41)
    column = (total - 3) // 2
    lines = [_paint([("original", None)], column, False) + " │ output", "─" * column + "─┼─" + "─" * column]
    for number, row in enumerate(align(result)):
        left, right = (wrap_runs(side, column) for side in _side_runs(row))
        if left == [[]] and right == [[]]:
            continue
        if number:
            lines.append(" " * column + " │")
        for i in range(max(len(left), len(right))):
            a = _paint(left[i] if i < len(left) else [], column, colour)
            b = _paint(right[i] if i < len(right) else [], 0, colour)
            lines.append(f"{a} │ {b}".rstrip())
    return "\n".join(lines)
