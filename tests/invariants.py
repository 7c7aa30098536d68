"""Checks that several test modules share: the segment contract of DESIGN.md."""

from __future__ import annotations

from collections.abc import Sequence

from textfix import Segment


def assert_segments_tile(text: str, segments: Sequence[Segment]) -> None:
    """Segments are sorted, non-overlapping, inside ``text``, with only whitespace between."""
    position = 0
    for segment in segments:
        assert position <= segment.start < segment.end <= len(text), segment
        assert not text[position : segment.start].strip(), (position, segment)
        position = segment.end
    assert not text[position:].strip()
