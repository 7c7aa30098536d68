"""The clean pipeline: read → repair → segment → assemble, with one edit log."""

from __future__ import annotations

from collections.abc import Sequence

from .assemble import assembly_edits
from .edits import OffsetMap, apply_edits, compose
from .model import Options, Result, Segment
from .reader import Decoded
from .repair import repair_edits
from .segment import segment_text

__all__ = ["clean", "clean_decoded"]

_DEFAULT = Options()


def clean(text: str, options: Options = _DEFAULT) -> Result:
    """Clean one article: find its language, segments and debris, and repair it.

    >>> r = clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n")
    >>> r.output, r.language
    ('Die NATO ist besorgt.\\n', 'de')
    >>> [(s.kind, s.reason) for s in r.segments]
    [('text', None), ('debris', 'boilerplate')]
    """
    repairs = repair_edits(text) if options.repair else []
    repaired = apply_edits(text, repairs)
    language, segments = segment_text(repaired, options)
    assembled = assembly_edits(repaired, segments, options)
    edits = compose(text, repairs, assembled) if repairs else assembled
    output = apply_edits(text, edits)
    original_segments = _to_original(text, OffsetMap(repairs), segments)
    return Result(text, output, language, tuple(original_segments), tuple(edits))


def clean_decoded(decoded: Decoded, options: Options = _DEFAULT) -> Result:
    """:func:`clean` for text from :func:`textfix.read_path`, recording how it was read."""
    result = clean(decoded.text, options)
    return Result(
        result.original, result.output, result.language, result.segments, result.edits,
        encoding=decoded.encoding, metadata={"newline": decoded.newline, "html": decoded.html},
    )


def _to_original(text: str, mapping: OffsetMap, segments: Sequence[Segment]) -> list[Segment]:
    """Segments over the original text, sorted and disjoint, with only whitespace between.

    A repair that spans a segment boundary maps both neighbours onto the same original
    characters: the earlier segment keeps them. Characters repair removed entirely
    join a neighbouring segment, or become a ``debris`` segment of their own.
    """
    result: list[Segment] = []
    position = 0
    for segment in segments:
        start, end = max(mapping.start(segment.start), position), mapping.end(segment.end)
        if end <= start:
            continue
        gap = text[position:start]
        if gap.strip():
            if result:
                previous = result[-1]
                last = position + len(gap.rstrip())
                result[-1] = Segment(previous.start, last, previous.kind, previous.lang, previous.reason)
            else:
                start = position + (len(gap) - len(gap.lstrip()))
        result.append(Segment(start, end, segment.kind, segment.lang, segment.reason))
        position = end
    tail = text[position:]
    if tail.strip():
        first, last = position + len(tail) - len(tail.lstrip()), position + len(tail.rstrip())
        if result:
            previous = result[-1]
            result[-1] = Segment(previous.start, last, previous.kind, previous.lang, previous.reason)
        else:
            result.append(Segment(first, last, "debris", None, "no text"))
    return result
