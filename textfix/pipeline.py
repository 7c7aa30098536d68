"""The clean pipeline: read → repair → segment → translate → glossary → assemble, with one edit log.

Repair works on the original text and yields the *repaired* text. Every later stage —
segmentation, translation, the glossary, assembly — works on the repaired text and
returns edits over it; the pipeline composes those with the repairs once, so that one
log over the original explains the whole output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .assemble import assembly_edits
from .edits import OffsetMap, apply_edits, compose
from .model import Edit, Result, Segment
from .options import Options
from .repair import repair_edits
from .segment import Segmentation, segment_text

if TYPE_CHECKING:
    from .glossary import Glossary
    from .read import Decoded
    from .translate import DocumentTranslation, ModelStore

__all__ = ["clean", "clean_decoded", "clean_many"]

_DEFAULT = Options()


@dataclass(frozen=True)
class _Prepared:
    """One document after repair and segmentation (segment offsets into the repaired text)."""

    original: str
    repairs: list[Edit]
    segmentation: Segmentation


def _prepare(text: str, options: Options) -> _Prepared:
    repairs = repair_edits(text) if options.repair else []
    return _Prepared(text, repairs, segment_text(apply_edits(text, repairs), options))


def clean(text: str, options: Options = _DEFAULT, *, models: ModelStore | None = None) -> Result:
    """Clean one article: find its language, segments and debris, repair it, translate if asked.

    >>> r = clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n")
    >>> r.output, r.language
    ('Die NATO ist besorgt.\\n', 'de')
    >>> [(s.kind, s.reason) for s in r.segments]
    [('text', None), ('debris', 'boilerplate')]
    """
    return clean_many([text], options, models=models)[0]


def clean_many(
    texts: Sequence[str], options: Options = _DEFAULT, *, models: ModelStore | None = None
) -> list[Result]:
    """Clean several articles; their spans are translated together, one batch per language pair.

    ``models`` is the store of installed translation packages (default: a
    :class:`textfix.translate.ModelStore` over the default folder), used only when
    ``options`` ask for translation.
    """
    prepared = [_prepare(text, options) for text in texts]
    translations: Sequence[DocumentTranslation | None] = [None] * len(prepared)
    if options.translates:
        from .translate import ModelStore, translate_documents

        store = models if models is not None else ModelStore()
        translations = translate_documents([p.segmentation for p in prepared], options, store)
    return [_finish(p, options, t) for p, t in zip(prepared, translations, strict=True)]


def _respelled_names(segmentation: Segmentation, glossary: Glossary) -> list[Edit]:
    """Glossary edits for names in the document-language text that stays untranslated."""
    from .glossary import glossary_edits

    if segmentation.language not in glossary.languages:
        return []
    spans = [
        (s.start, s.end)
        for s in segmentation.segments
        if s.kind == "text" and s.lang in (None, segmentation.language)
    ]
    return glossary_edits(segmentation.text, segmentation.language, glossary, spans)


def _stage_edits(segmentation: Segmentation, options: Options, translation: DocumentTranslation | None) -> list[Edit]:
    """Every edit the stages after repair make, over the repaired text, sorted."""
    edits = assembly_edits(segmentation.text, segmentation.segments, options)
    if translation is not None:
        edits += translation.edits
    if options.glossary is not None and options.target_language in (None, segmentation.language):
        edits += _respelled_names(segmentation, options.glossary)
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def _finish(prepared: _Prepared, options: Options, translation: DocumentTranslation | None) -> Result:
    """Compose the stages' edits with the repairs into one log over the original."""
    original, repairs, segmentation = prepared.original, prepared.repairs, prepared.segmentation
    stages = _stage_edits(segmentation, options, translation)
    edits = compose(original, repairs, stages) if repairs else stages
    mapping = OffsetMap(repairs)
    problems = tuple(
        replace(p, start=mapping.start(p.start), end=mapping.end(p.end))
        for p in (translation.problems if translation is not None else ())
    )
    return Result(
        original,
        apply_edits(original, edits),
        segmentation.language,
        tuple(_to_original(original, mapping, segmentation.segments)),
        tuple(edits),
        problems=problems,
    )


def clean_decoded(decoded: Decoded, options: Options = _DEFAULT, *, models: ModelStore | None = None) -> Result:
    """:func:`clean` for text from :func:`textfix.read_path`, recording how it was read."""
    result = clean(decoded.text, options, models=models)
    problems = tuple(sorted((*decoded.problems, *result.problems), key=lambda p: (p.start, p.end)))
    return replace(
        result, encoding=decoded.encoding_label, newline=decoded.newline, html=decoded.html,
        extraction=decoded.extraction, problems=problems,
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
                result[-1] = replace(result[-1], end=position + len(gap.rstrip()))
            else:
                start = position + (len(gap) - len(gap.lstrip()))
        result.append(replace(segment, start=start, end=end))
        position = end
    tail = text[position:]
    if tail.strip():
        first, last = position + len(tail) - len(tail.lstrip()), position + len(tail.rstrip())
        if result:
            result[-1] = replace(result[-1], end=last)
        else:
            result.append(Segment(first, last, "debris", None, "no text"))
    return result
