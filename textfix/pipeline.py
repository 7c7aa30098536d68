"""The clean pipeline: read → repair → segment → translate → glossary → assemble, with one edit log.

Repair works on the original text and yields the *repaired* text. Every later stage —
segmentation, translation, the glossary, assembly — works on the repaired text and
returns edits over it; the pipeline composes those with the repairs once, so that one
log over the original explains the whole output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from .assemble import assembly_edits
from .edits import OffsetMap, Traced, apply_edits, compose_traced
from .flags import FlagOutcome, flag_document
from .model import Edit, Flag, Problem, Result, Segment
from .options import Options
from .repair import repair_edits
from .segment import Segmentation, segment_text

if TYPE_CHECKING:
    from .glossary import Glossary
    from .read import Decoded
    from .translate import DocumentTranslation, ModelStore

__all__ = [
    "Overrides",
    "Stages",
    "clean",
    "clean_decoded",
    "clean_many",
    "clean_many_decoded",
    "finish",
    "stage_edits",
    "stage_log",
    "stage_problems",
]

_DEFAULT = Options()


class _Prepared(NamedTuple):
    """One document after repair and segmentation (segment offsets into the repaired text).

    This and :class:`Overrides` are named tuples rather than frozen dataclasses: as
    immutable, but built at import without the six methods a frozen dataclass compiles
    (~0.5 ms each of every one-file run).
    """

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


def _stage_edits(
    segmentation: Segmentation,
    options: Options,
    translation: DocumentTranslation | None,
    mends: Sequence[Edit] = (),
) -> list[Edit]:
    """Every edit the stages after repair make, over the repaired text, sorted.

    ``mends`` are the flag stage's (:func:`textfix.flags.flag_document`).
    """
    edits = assembly_edits(segmentation.text, segmentation.segments, options)
    if translation is not None:
        edits += translation.edits
    if options.glossary is not None and options.target_language in (None, segmentation.language):
        edits += _respelled_names(segmentation, options.glossary)
    edits += _mends(mends, edits)
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def _mends(mends: Sequence[Edit], others: Sequence[Edit]) -> list[Edit]:
    """The flag stage's mends that touch no other stage's edit (the text they mend is kept as it is)."""
    if not mends:
        return []
    from bisect import bisect_left

    taken = sorted((e.start, e.end) for e in others)
    kept = []
    for mend in mends:
        i = bisect_left(taken, (mend.start, mend.start))
        near = taken[max(0, i - 1) : i + 1]
        if not any((start < mend.end and mend.start < end) or start == end == mend.start for start, end in near):
            kept.append(mend)
    return kept


def _flag(segmentation: Segmentation, options: Options) -> FlagOutcome:
    """The flag stage: a whole-document translation rewrites the text a mend would touch, so then it only flags."""
    mend = options.mend and options.target_language in (None, segmentation.language)
    return flag_document(segmentation, mend=mend)


@dataclass(frozen=True)
class Stages:
    """What the stages made of one text before their edits were composed: the repairs over the
    original, the segmented repaired text, and the translation of its spans (``None``: none).

    A :class:`Result` keeps them, so that :func:`textfix.apply_decisions` can compose the log
    again without the changes a reviewer rejected, without segmenting or translating again.
    """

    original: str
    repairs: tuple[Edit, ...]
    segmentation: Segmentation
    translation: DocumentTranslation | None
    #: The flag stage's flags and mends over the repaired text (they describe the input, so a
    #: review's decisions leave the flags as they are; a mend can be rejected like any edit).
    flagged: FlagOutcome = field(default_factory=FlagOutcome)


class Overrides(NamedTuple):
    """What a review turned down, stage by stage (see :func:`textfix.decisions.apply_decisions`)."""

    #: Segments (indices into the segmentation's segments) to keep instead of removing.
    kept: frozenset[int] = frozenset()
    #: Translation edits (indices into the translation's edits) to leave out: the span stays as it is.
    untranslated: frozenset[int] = frozenset()
    #: Other edits of the stages after repair (glossary, whitespace) to leave out.
    dropped: frozenset[Edit] = frozenset()
    #: Repairs (indices into the repairs) to leave out; only one that stands alone in the log can be.
    repairs: frozenset[int] = frozenset()


_NO_OVERRIDES = Overrides()  # immutable: one for every log that a review did not touch


def _translation_without(
    translation: DocumentTranslation | None, left_out: frozenset[int]
) -> DocumentTranslation | None:
    """The translation with some of its edits left out, and the problems of their spans too."""
    if translation is None or not left_out:
        return translation
    from .translate import DocumentTranslation

    spans = {(e.start, e.end) for i, e in enumerate(translation.edits) if i in left_out}
    edits = [e for i, e in enumerate(translation.edits) if i not in left_out]
    problems = [p for p in translation.problems if (p.start, p.end) not in spans or p.kind.keeps_verbatim]
    return DocumentTranslation(edits, problems)


def stage_log(stages: Stages, options: Options, overrides: Overrides | None = None) -> list[Traced]:
    """The composed log of ``stages`` (with ``overrides`` applied), each edit with the indices of the
    repairs and of the later stages' edits (:func:`stage_edits`) it was made of."""
    overrides = overrides or _NO_OVERRIDES
    segmentation = stages.segmentation
    if overrides.kept:
        kept = tuple(replace(s, kind="text") if i in overrides.kept else s for i, s in enumerate(segmentation.segments))
        segmentation = replace(segmentation, segments=kept)
    translation = _translation_without(stages.translation, overrides.untranslated)
    second = _stage_edits(segmentation, options, translation, stages.flagged.edits)
    if overrides.dropped:
        second = [e for e in second if e not in overrides.dropped]
    if stages.repairs:
        traced = compose_traced(stages.original, stages.repairs, second)
    else:
        traced = [(edit, (), (i,)) for i, edit in enumerate(second)]
    if overrides.repairs:  # a repair that stands alone: left out
        traced = [t for t in traced if t[2] or not set(t[1]) & overrides.repairs]
    return traced


def stage_edits(stages: Stages, options: Options) -> list[Edit]:
    """The edits of the stages after repair, over the repaired text, as :func:`stage_log` indexes them."""
    return _stage_edits(stages.segmentation, options, stages.translation, stages.flagged.edits)


def stage_problems(stages: Stages, overrides: Overrides | None = None) -> tuple[Problem, ...]:
    """The problems the stages recorded (the translation's), over the original."""
    translation = _translation_without(stages.translation, overrides.untranslated if overrides else frozenset())
    if translation is None or not translation.problems:
        return ()
    mapping = OffsetMap(stages.repairs)
    return tuple(replace(p, start=mapping.start(p.start), end=mapping.end(p.end)) for p in translation.problems)


def finish(
    stages: Stages, options: Options, overrides: Overrides | None = None, rejected: Sequence[Edit] = ()
) -> Result:
    """The :class:`Result` of ``stages``: one log over the original (``overrides`` applied, the
    ``rejected`` edits recorded), the output it yields, segments and problems over the original."""
    edits = [edit for edit, _, _ in stage_log(stages, options, overrides)]
    mapping = OffsetMap(stages.repairs)
    return Result(
        stages.original,
        apply_edits(stages.original, edits),
        stages.segmentation.language,
        tuple(_to_original(stages.original, mapping, stages.segmentation.segments)),
        tuple(edits),
        problems=stage_problems(stages, overrides),
        flags=_flags_to_original(mapping, stages.flagged.flags),
        options=options,
        rejected=tuple(rejected),
        stages=stages,
    )


def _flags_to_original(mapping: OffsetMap, flags: Sequence[Flag]) -> tuple[Flag, ...]:
    """Flags over the original text, sorted."""
    moved = (
        replace(f, start=mapping.start(f.start), end=max(mapping.start(f.start), mapping.end(f.end))) for f in flags
    )
    return tuple(sorted(moved, key=lambda f: (f.start, f.end, f.kind)))


def _finish(prepared: _Prepared, options: Options, translation: DocumentTranslation | None) -> Result:
    """Compose the stages' edits with the repairs into one log over the original."""
    flagged = _flag(prepared.segmentation, options)
    stages = Stages(prepared.original, tuple(prepared.repairs), prepared.segmentation, translation, flagged)
    return finish(stages, options)


def clean_decoded(decoded: Decoded, options: Options = _DEFAULT, *, models: ModelStore | None = None) -> Result:
    """:func:`clean` for text from :func:`textfix.read_path`, recording how it was read."""
    return clean_many_decoded([decoded], options, models=models)[0]


def clean_many_decoded(
    decoded: Sequence[Decoded], options: Options = _DEFAULT, *, models: ModelStore | None = None
) -> list[Result]:
    """:func:`clean_many` for texts from :func:`textfix.read_path` or :func:`textfix.read.decode_text`
    (one translation batch per language pair), recording how each was read."""
    results = clean_many([d.text for d in decoded], options, models=models)
    return [_with_reading(result, d) for result, d in zip(results, decoded, strict=True)]


def _with_reading(result: Result, decoded: Decoded) -> Result:
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
    # Segments are built directly, not with dataclasses.replace (several times slower, once per segment).
    result: list[Segment] = []
    position = 0
    unrepaired = not mapping.edits  # most texts: offsets need no mapping
    for segment in segments:
        if unrepaired:
            start, end = max(segment.start, position), segment.end
        else:
            start, end = max(mapping.start(segment.start), position), mapping.end(segment.end)
        if end <= start:
            continue
        gap = text[position:start]
        if gap.strip():
            if result:
                prior = result[-1]
                result[-1] = Segment(prior.start, position + len(gap.rstrip()), prior.kind, prior.lang, prior.reason)
            else:
                start = position + (len(gap) - len(gap.lstrip()))
        unmoved = start == segment.start and end == segment.end
        result.append(segment if unmoved else Segment(start, end, segment.kind, segment.lang, segment.reason))
        position = end
    tail = text[position:]
    if tail.strip():
        first, last = position + len(tail) - len(tail.lstrip()), position + len(tail.rstrip())
        if result:
            final = result[-1]
            result[-1] = Segment(final.start, last, final.kind, final.lang, final.reason)
        else:
            result.append(Segment(first, last, "debris", None, "no text"))
    return result
