"""Edit logs: apply them, and compose two stages' logs into one over the original.

Repair works on the original text and yields an intermediate text; segmentation and
assembly work on that intermediate text. :func:`compose` turns the second stage's
edits back into edits over the original, so that one log explains the whole output.

>>> from textfix.model import EditKind, Reason
>>> original = "a &amp; b"
>>> first = [Edit(2, 7, "&amp;", "&", Reason(EditKind.REPAIR, "html entity"))]
>>> middle = apply_edits(original, first)
>>> second = [Edit(0, 2, "a ", "", Reason(EditKind.DEBRIS, "markup"))]
>>> combined = compose(original, first, second)
>>> apply_edits(original, combined) == apply_edits(middle, second)
True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from .errors import EditLogError
from .model import Edit, Reason

__all__ = ["OffsetMap", "Traced", "apply_edits", "check_edits", "compose", "compose_traced"]


def check_edits(text: str, edits: Sequence[Edit]) -> None:
    """Raise :class:`~textfix.errors.EditLogError` unless ``edits`` are sorted, disjoint and match ``text``."""
    position = 0
    for edit in edits:
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise EditLogError(f"edit out of order or out of range: {edit}")
        if text[edit.start : edit.end] != edit.before:
            raise EditLogError(f"edit does not match the text: {edit}")
        position = edit.end


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """The text with every edit applied.

    >>> from textfix.model import EditKind
    >>> apply_edits("sagte Biden .", [Edit(11, 12, " ", "", Reason(EditKind.REPAIR, "space before punctuation"))])
    'sagte Biden.'
    """
    check_edits(text, edits)
    pieces: list[str] = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.after)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


class OffsetMap:
    """Maps positions in an edited text back to the original.

    >>> from textfix.model import EditKind
    >>> m = OffsetMap([Edit(2, 7, "&amp;", "&", Reason(EditKind.REPAIR, "html entity"))])
    >>> m.start(2), m.end(3), m.start(4)
    (2, 7, 8)
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = list(edits)
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        shift = 0
        for edit in self.edits:
            new_start = edit.start + shift
            shift += len(edit.after) - (edit.end - edit.start)
            self._new_starts.append(new_start)
            self._new_ends.append(edit.end + shift)

    def _inside(self, position: int) -> int | None:
        """Index of the edit whose replacement strictly contains ``position``."""
        i = bisect_right(self._new_starts, position) - 1
        if i >= 0 and self._new_starts[i] < position < self._new_ends[i]:
            return i
        return None

    def expand_start(self, position: int) -> int:
        """``position`` moved left to the start of a replacement it falls inside."""
        i = self._inside(position)
        return position if i is None else self._new_starts[i]

    def expand_end(self, position: int) -> int:
        """``position`` moved right to the end of a replacement it falls inside."""
        i = self._inside(position)
        return position if i is None else self._new_ends[i]

    def start(self, position: int) -> int:
        """Original offset for a span starting at ``position`` (after any edit ending there)."""
        i = self._inside(position)
        if i is not None:
            return self.edits[i].start
        j = bisect_right(self._new_ends, position) - 1
        if j < 0:
            return position
        return self.edits[j].end + (position - self._new_ends[j])

    def end(self, position: int) -> int:
        """Original offset for a span ending at ``position`` (before any edit starting there)."""
        i = self._inside(position)
        if i is not None:
            return self.edits[i].end
        j = bisect_left(self._new_starts, position)
        if j < len(self.edits) and self._new_starts[j] == position:
            return self.edits[j].start
        return self.start(position)

    def touching(self, lo: int, hi: int) -> range:
        """Indices of the edits whose replacement lies within or touches ``[lo, hi]``."""
        return range(bisect_left(self._new_ends, lo), bisect_right(self._new_starts, hi))

    def new_range(self, index: int) -> tuple[int, int]:
        """Where edit ``index``'s replacement lies in the edited text."""
        return self._new_starts[index], self._new_ends[index]


def _unique(items: Sequence[Reason]) -> tuple[Reason, ...]:
    return tuple(dict.fromkeys(items))


def compose(original: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Edits over ``original`` equivalent to applying ``first`` and then ``second``."""
    return [edit for edit, _, _ in compose_traced(original, first, second)]


#: A composed edit, with the indices of the first-stage and the second-stage edits it was made of.
Traced = tuple[Edit, tuple[int, ...], tuple[int, ...]]


def compose_traced(original: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Traced]:
    """:func:`compose`, saying for each composed edit which edits of each stage it was made of.

    >>> from textfix.model import EditKind, Reason
    >>> first = [Edit(2, 7, "&amp;", "&", Reason(EditKind.REPAIR, "html entity"))]
    >>> second = [Edit(0, 4, "a & ", "", Reason(EditKind.DEBRIS, "markup"))]
    >>> [(e.before, a, b) for e, a, b in compose_traced("a &amp; b", first, second)]
    [('a &amp; ', (0,), (0,))]
    """
    mapping = OffsetMap(first)
    middle = apply_edits(original, first)
    check_edits(middle, second)
    # Group the second stage's edits by the stretch of the middle text they touch,
    # widened so that no first-stage replacement is cut in two.
    groups: list[tuple[int, int, list[int]]] = []
    for index, edit in enumerate(second):
        lo, hi = mapping.expand_start(edit.start), mapping.expand_end(edit.end)
        if groups and lo < groups[-1][1]:
            last_lo, last_hi, members = groups[-1]
            members.append(index)  # in place: a long group is not copied once per member
            groups[-1] = (last_lo, max(last_hi, hi), members)
        else:
            groups.append((lo, hi, [index]))
    result: list[tuple[int, Traced]] = []  # (position in the middle text, edit): orders inserts at one offset
    used: set[int] = set()
    for lo, hi, members in groups:
        if lo == hi:
            start = end = mapping.start(lo)
        else:
            start, end = mapping.start(lo), mapping.end(hi)
        absorbed = [i for i in mapping.touching(lo, hi) if _absorbs(mapping, i, first[i], lo, hi, start, end)]
        used.update(absorbed)
        after = _replaced(middle, lo, hi, [second[i] for i in members])
        reasons = [reason for i in members for reason in second[i].reasons]
        if after:
            reasons += [reason for i in absorbed for reason in first[i].reasons]
        edit = Edit(start, end, original[start:end], after, _unique(reasons))
        result.append((lo, (edit, tuple(absorbed), tuple(members))))
    result.extend((mapping.new_range(i)[0], (e, (i,), ())) for i, e in enumerate(first) if i not in used)
    result.sort(key=lambda item: (item[1][0].start, item[1][0].end, item[0]))
    return [traced for _, traced in result]


def _replaced(text: str, lo: int, hi: int, edits: Sequence[Edit]) -> str:
    """``text[lo:hi]`` with ``edits`` applied: :func:`apply_edits` on the slice, without moving
    each edit and checking it again (``edits`` are checked, sorted and lie within ``[lo, hi]``)."""
    pieces: list[str] = []
    position = lo
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.after)
        position = edit.end
    pieces.append(text[position:hi])
    return "".join(pieces)


def _absorbs(mapping: OffsetMap, index: int, edit: Edit, lo: int, hi: int, start: int, end: int) -> bool:
    """Whether first-stage ``edit`` lies inside a group spanning ``[lo, hi)`` of the middle text."""
    new_start, new_end = mapping.new_range(index)
    if new_start < new_end:
        return new_start < hi and new_end > lo
    return start < end and start <= edit.start and edit.end <= end

