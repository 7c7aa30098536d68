"""Render segments for a terminal: kind and language visible at a glance."""

from __future__ import annotations

from collections.abc import Sequence

from textfix.model import Result, Segment

from .flags import flag_line

__all__ = ["render_segments"]

_STYLES = {
    "text": ("", "TEXT"),
    "foreign": ("\x1b[1;33m", "FOREIGN"),
    "debris": ("\x1b[9;31m", "DEBRIS"),
    "duplicate": ("\x1b[2;35m", "DUP"),
}
_RESET = "\x1b[0m"
_DIM = "\x1b[2m"
_FLAG = "\x1b[1;35m"


def _label(segment: Segment) -> str:
    name = _STYLES[segment.kind][1]
    parts = [name]
    if segment.lang:
        parts.append(segment.lang)
    if segment.reason:
        parts.append(segment.reason)
    return "[" + " ".join(parts) + "]"


def render_segments(result: Result, *, colour: bool) -> str:
    """One line per segment: its label, then its text (colours only when ``colour``); then one line per flag.

    >>> from textfix import clean
    >>> print(render_segments(clean("Hallo Welt, wie geht es.\\n\\nLeave a Reply\\n"), colour=False))
    language: de
    [TEXT de] Hallo Welt, wie geht es.
    [DEBRIS boilerplate] Leave a Reply
    """
    lines = [f"language: {result.language}"]
    for segment in result.segments:
        text = " ".join(result.original[segment.start : segment.end].split())
        label = _label(segment)
        if colour:
            style = _STYLES[segment.kind][0]
            lines.append(f"{_DIM}{label}{_RESET} {style}{text}{_RESET}")
        else:
            lines.append(f"{label} {text}")
    for flag in result.flags:
        line = flag_line(flag, result.original)
        lines.append(f"{_FLAG}{line}{_RESET}" if colour else line)
    return "\n".join(lines)


def summary_counts(segments: Sequence[Segment]) -> dict[str, int]:
    """How many segments of each kind."""
    counts = {kind: 0 for kind in _STYLES}
    for segment in segments:
        counts[segment.kind] += 1
    return counts
