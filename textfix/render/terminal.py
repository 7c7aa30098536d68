"""The terminal review: original and output side by side, aligned by paragraph.

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

import functools
import re
import shutil
from collections.abc import Sequence

from textfix.model import EditKind, Result

from . import MAX_WIDTH, MIN_WIDTH
from .align import Piece, Row, align, trimmed_side
from .flags import flag_line, flags_by_row
from .report import LOW_CONFIDENCE

__all__ = ["MAX_WIDTH", "MIN_WIDTH", "columns", "render_side_by_side", "terminal_width", "wrap_runs"]

_ANSI: dict[str, str] = {
    EditKind.DEBRIS: "\x1b[9;31m",
    EditKind.DUPLICATE: "\x1b[9;35m",
    EditKind.REPAIR: "\x1b[4;33m",
    EditKind.TRANSLATION: "\x1b[36m",
    EditKind.GLOSSARY: "\x1b[34m",
    "foreign": "\x1b[3;33m",
    "label": "\x1b[2m",
    "flag": "\x1b[1;35m",
}
_ANY_OTHER_KIND = "\x1b[4;37m"  # a kind without a style of its own is still marked
_RESET = "\x1b[0m"
_TOKEN = re.compile(r"\n|[^\S\n]+|\S+")

#: A run of text and the style it is shown in (``None``: plain).
Run = tuple[str, str | None]


def _side_runs(row: Row) -> tuple[list[Run], list[Run]]:
    """The left (original) and right (output) runs of a row, with change markers and labels."""
    left: list[Run] = []
    right: list[Run] = []
    for piece, text in trimmed_side(row, "before"):
        if not piece.marked:
            left.append((text, "foreign" if piece.foreign else None))
        elif text:
            left.extend([("[-" + _visible(text) + "-]", piece.kind), ("{" + _label(piece) + "}", "label")])
    for piece, text in trimmed_side(row, "after"):
        if not piece.marked:
            right.append((text, "foreign" if piece.foreign else None))
        elif text:
            right.append(("{+" + _visible(text) + "+}", piece.kind))
            if not piece.before:
                right.append(("{" + _label(piece) + "}", "label"))
    return left, right


def _label(piece: Piece) -> str:
    """A change's reasons; for a translation, with how sure the models were (``low`` below the threshold)."""
    translation = piece.change.translation if piece.change is not None else None
    confidence = translation.confidence if translation is not None else None
    if confidence is None:
        return piece.reason or ""
    low = ", low" if confidence < LOW_CONFIDENCE else ""
    return f"{piece.reason}; confidence {confidence:.2f}{low}"


def _visible(text: str) -> str:
    """Changed text as shown: whitespace alone is made visible (``·`` for a space, ``⏎`` for a newline).

    >>> _visible(" "), _visible("\\n\\n"), _visible("a b")
    ('·', '⏎⏎', 'a b')
    """
    if text.strip():
        return text
    return "".join("⏎" if c == "\n" else "·" for c in text)


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: combining marks none, wide (CJK) characters two.

    >>> columns("Noksu"), columns("Ре́ма"), columns("北京")
    (5, 4, 4)
    """
    if text.isascii():  # the common case, without a call per character
        return len(text)
    if _ONE_COLUMN_EACH.fullmatch(text):  # Latin, Greek and Cyrillic letters, common punctuation
        return len(text)
    return sum(map(_character_columns, text))


#: Characters that take one column each: printable Latin (without the soft hyphen and the
#: combining marks), Greek, Cyrillic (without its combining marks), general punctuation, currency.
_ONE_COLUMN_EACH = re.compile(
    "[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u03ff\u0400-\u0482"
    "\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
)


@functools.lru_cache(maxsize=4096)
def _character_columns(character: str) -> int:
    from wcwidth import wcwidth  # its tables cost 10 ms to import: only when a diff is drawn

    return max(wcwidth(character), 0)


def _split_at(token: str, room: int) -> tuple[str, str]:
    """``token`` cut where it fills ``room`` columns (never inside a character and its marks)."""
    used = 0
    for i, character in enumerate(token):
        width = _character_columns(character)
        if used + width > room and i:
            return token[:i], token[i:]
        used += width
    return token, ""


def wrap_runs(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Styled runs wrapped into lines of at most ``width`` columns; newlines force a break.

    >>> wrap_runs([("ab cd", None), ("efgh", "x")], 4)
    [[('ab', None)], [('cd', None)], [('efgh', 'x')]]
    >>> wrap_runs([("abcdefghij", None)], 4)
    [[('abcd', None)], [('efgh', None)], [('ij', None)]]
    >>> wrap_runs([("Ре́ма Ре́ма", None)], 4)
    [[('Ре́ма', None)], [('Ре́ма', None)]]
    """
    lines: list[list[Run]] = [[]]
    used = 0
    for text, style in runs:
        for token in _TOKEN.findall(text):
            size = columns(token)
            if token == "\n":
                lines.append([])
                used = 0
            elif token.isspace():
                if used and used + size < width:
                    lines[-1].append((token, style))
                    used += size
                elif used:
                    lines.append([])
                    used = 0
            else:
                if used and used + size > width:
                    lines.append([])
                    used = 0
                rest = token
                while columns(rest) > width - used:
                    head, rest = _split_at(rest, width - used)
                    lines[-1].append((head, style))
                    lines.append([])
                    used = 0
                if rest:
                    lines[-1].append((rest, style))
                    used += columns(rest)
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
    visible = sum(columns(text) for text, _ in line)
    if not colour:
        body = "".join(text for text, _ in line)
    else:
        body = "".join(f"{_ANSI.get(style, _ANY_OTHER_KIND)}{text}{_RESET}" if style else text for text, style in line)
    return body + " " * max(width - visible, 0)


def terminal_width(default: int = 100) -> int:
    """The width of the terminal (or ``$COLUMNS``), ``default`` when unknown."""
    return shutil.get_terminal_size((default, 24)).columns


def render_side_by_side(
    result: Result, *, colour: bool, width: int | None = None, changed_only: bool = False
) -> str:
    """Original on the left, output on the right, one block of lines per paragraph.

    Changes are shown ``[-before-]`` on the left and ``{+after+}`` on the right, in the
    style of their kind when ``colour``, each followed by ``{reason}`` (a translation's with
    the models' confidence); whitespace changes are applied silently. Lines fit ``width``
    (default: the terminal width). Each paragraph's flags (:attr:`Result.flags`) follow it, one
    ``⚑ kind «text»: message`` line each. ``changed_only`` leaves out the paragraphs without a
    marked change or a flag, saying how many. What went wrong or was kept verbatim
    (:attr:`Result.problems`) follows, one line each.

    >>> from textfix import clean
    >>> r = clean("Erster Absatz bleibt.\\n\\nZweiter bleibt auch.\\n\\nLeave a Reply\\n")
    >>> print(render_side_by_side(r, colour=False, width=61, changed_only=True))
    original                      │ output
    ──────────────────────────────┼──────────────────────────────
    … 2 unchanged paragraphs      │
    [-Leave a Reply-]{debris:     │
    boilerplate}                  │
    """
    total = min(max(width if width is not None else terminal_width(), MIN_WIDTH), MAX_WIDTH)
    column = (total - 3) // 2
    lines = [_paint([("original", None)], column, False) + " │ output", "─" * column + "─┼─" + "─" * column]
    skipped = 0
    shown = 0
    rows = align(result)
    for row, flags in zip(rows, flags_by_row(result, rows), strict=True):
        if changed_only and not flags and not any(piece.marked for piece in row.pieces):
            skipped += 1
            continue
        left, right = (wrap_runs(side, column) for side in _side_runs(row))
        if left == [[]] and right == [[]]:
            continue
        if skipped:
            lines.append(_paint([(_unchanged(skipped), "label")], column, colour) + " │")
            skipped = 0
        elif shown:
            lines.append(" " * column + " │")
        shown += 1
        for i in range(max(len(left), len(right))):
            a = _paint(left[i] if i < len(left) else [], column, colour)
            b = _paint(right[i] if i < len(right) else [], 0, colour)
            lines.append(f"{a} │ {b}".rstrip())
        for flag in flags:
            wrapped = wrap_runs([(flag_line(flag, result.original), "flag")], total)
            lines.extend(_paint(line, 0, colour) for line in wrapped)
    if skipped:
        lines.append(_paint([(_unchanged(skipped), "label")], column, colour) + " │")
    lines.extend(f"problem: {p.message} (characters {p.start}-{p.end})" for p in result.problems)
    return "\n".join(lines)


def _unchanged(count: int) -> str:
    return f"… {count} unchanged paragraph{'s' if count != 1 else ''}"
