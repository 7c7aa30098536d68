"""Flags as the views show them: per row of the review, a line of text, counts per kind.

Kept apart from the change marks (:mod:`.align`): a flag changes nothing, it points at text.

>>> from textfix import clean
>>> result = clean("Das ist am Kriminalkrieg Zweitens ist dies ein Verstoß.\\n")
>>> flag_line(result.flags[0], result.original)[:60]
'⚑ run-on «Kriminalkrieg Zweitens»: no sentence boundary betw'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from html import escape

from textfix.model import Flag, FlagKind, Result

from .align import Row

__all__ = ["FLAG_MARK", "flag_counts", "flag_line", "flagged_html", "flags_by_row", "row_flags", "split_at_flags"]

#: The mark a view puts before a flag.
FLAG_MARK = "⚑"
_EXCERPT = 60


def flag_counts(flags: Sequence[Flag]) -> dict[str, int]:
    """How many flags of each kind; every kind is present, in :class:`FlagKind` order."""
    counts = {str(kind): 0 for kind in FlagKind}
    for flag in flags:
        counts[str(flag.kind)] += 1
    return counts


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


def flag_line(flag: Flag, original: str) -> str:
    """``⚑ kind «flagged text»: message`` (long flagged text is cut)."""
    return f"{FLAG_MARK} {flag.kind} «{_excerpt(original[flag.start : flag.end])}»: {flag.message}"


def flags_by_row(result: Result, rows: Sequence[Row]) -> list[list[Flag]]:
    """The flags that start inside each row, in order."""
    starts = [flag.start for flag in result.flags]
    grouped = []
    for row in rows:
        lo, hi = bisect_left(starts, row.start), bisect_right(starts, row.end - 1)
        grouped.append(list(result.flags[lo:hi]))
    return grouped


def split_at_flags(text: str, offset: int, flags: Sequence[Flag]) -> list[tuple[str, Flag | None]]:
    """``text`` (found at ``offset`` of the original) cut where ``flags`` (sorted) begin and end.

    Each part comes with the flag it lies in (the first one, where flags overlap), or ``None``.

    >>> flag = Flag(4, 8, FlagKind.QUOTE, "m")
    >>> [(part, f is not None) for part, f in split_at_flags("abcdefghij", 2, [flag])]
    [('ab', False), ('cdef', True), ('ghij', False)]
    """
    end = offset + len(text)
    parts: list[tuple[str, Flag | None]] = []
    position = offset
    for flag in flags:
        if flag.end <= position or flag.start >= end or flag.end <= flag.start:
            continue
        start = max(flag.start, position)
        if start > position:
            parts.append((text[position - offset : start - offset], None))
        stop = min(flag.end, end)
        parts.append((text[start - offset : stop - offset], flag))
        position = stop
    if position < end:
        parts.append((text[position - offset :], None))
    return parts


def row_flags(flags: Sequence[Flag], starts: Sequence[int], row: Row) -> list[Flag]:
    """The flags that start in ``row`` and the few before it that may reach into it (``starts``: the flags' starts)."""
    lo, hi = bisect_left(starts, row.start), bisect_left(starts, row.end)
    return [f for f in flags[max(0, lo - 8) : hi] if f.end > row.start]


def flagged_html(text: str, offset: int, flags: Sequence[Flag], shown: set[int]) -> str:
    """Unchanged original text (found at ``offset``), escaped, its flags marked for the review page.

    A flag is ``<mark class="flag">`` with its message on hover (``title``: no script needed);
    ``shown`` collects the flags already marked, so that only a flag's first part carries the ⚑.

    >>> flag = Flag(4, 8, FlagKind.QUOTE, "m")
    >>> flagged_html("abcdefghij", 2, [flag], set())
    'ab<mark class="flag first" data-flag="quote" title="quote: m">cdef</mark>ghij'
    """
    parts = []
    for part, flag in split_at_flags(text, offset, flags):
        if flag is None:
            parts.append(escape(part))
            continue
        first = " first" if id(flag) not in shown else ""
        shown.add(id(flag))
        title = escape(f"{flag.kind}: {flag.message}")
        parts.append(f'<mark class="flag{first}" data-flag="{escape(flag.kind)}" title="{title}">{escape(part)}</mark>')
    return "".join(parts)
