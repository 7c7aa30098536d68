"""Assemble: the edits that turn the repaired text into the output.

Removed segments become deletions with their reason; the whitespace around what is
kept is normalised to one space inside a paragraph and one blank line between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Edit, EditKind, Reason, Segment
from .options import Options

__all__ = ["assembly_edits", "is_kept"]

_REMOVAL = {"debris": EditKind.DEBRIS, "duplicate": EditKind.DUPLICATE}


def is_kept(segment: Segment, options: Options) -> bool:
    """Whether a segment's text stays in the output."""
    if segment.kind == "debris":
        return not options.remove_debris
    if segment.kind == "duplicate":
        return not options.remove_duplicates
    return True


#: Punctuation that attaches to the word before it: no space may stand before it.
_ATTACHES_LEFT = frozenset(",.;:!?)]…%")


def _joiner(text: str, left: Segment, right: Segment, between: str, *, removed: bool) -> str:
    """What stands between two kept segments, given the whitespace ``between`` them and
    whether a removed segment stood there too."""
    if "\n" in between:
        return "\n\n"
    if removed and text[right.start] in _ATTACHES_LEFT:
        return ""  # "ernst <img src=x>, sagte" → "ernst, sagte", not "ernst , sagte"
    if any(c.isspace() for c in between):
        return " "
    # A tag removed from between two words ("Front<br>Die", "kam.<br>Die") leaves them a space apart.
    left_end = text[left.end - 1]
    if left.end != right.start and (left_end.isalnum() or left_end in ".!?:;,") and text[right.start].isalnum():
        return " "
    return ""


def assembly_edits(text: str, segments: Sequence[Segment], options: Options) -> list[Edit]:
    """Edits over ``text`` (the repaired text) that produce the output."""
    edits: list[Edit] = []
    kept_before: Segment | None = None
    gaps: list[tuple[int, int]] = []  # whitespace stretches since the last kept segment
    position = 0

    def gap_text() -> str:
        """The collected gaps as one string (most often one gap: a single slice)."""
        if len(gaps) == 1:
            return text[gaps[0][0] : gaps[0][1]]
        return "".join([text[a:b] for a, b in gaps])

    def close_gaps(joiner: str, detail: str, current: str) -> None:
        """Rewrite the collected gaps, which read ``current``, so that they read ``joiner`` as a whole."""
        if current == joiner:
            return
        first, *rest = gaps
        reason = Reason(EditKind.WHITESPACE, detail)
        if text[first[0] : first[1]] != joiner:
            edits.append(Edit(first[0], first[1], text[first[0] : first[1]], joiner, reason))
        edits.extend(Edit(a, b, text[a:b], "", reason) for a, b in rest if b > a)

    for segment in segments:
        gaps.append((position, segment.start))
        if not is_kept(segment, options):
            reason = Reason(_REMOVAL[segment.kind], segment.reason or segment.kind)
            edits.append(Edit(segment.start, segment.end, text[segment.start : segment.end], "", reason))
        else:
            between = gap_text()
            if kept_before is None:
                close_gaps("", "start of text", between)
            else:
                joiner = _joiner(text, kept_before, segment, between, removed=len(gaps) > 1)
                close_gaps(joiner, "paragraph break" if joiner == "\n\n" else "", between)
            kept_before = segment
            gaps = []
        position = segment.end
    gaps.append((position, len(text)))
    close_gaps("\n" if kept_before is not None else "", "end of text", gap_text())
    edits.sort(key=lambda e: (e.start, e.end))
    return edits
