"""Translate the spans of segmented documents: which spans, in batches per language pair.

:func:`translation_jobs` is the one rule for what a document needs translated (the
pipeline and ``textfix models list --for`` both use it); :func:`translate_documents`
translates every job of several documents in one batch per language pair and returns,
per document, the translation edits and the problems, in the coordinates of the
segmented text.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from textfix.assemble import is_kept
from textfix.errors import MissingModelError
from textfix.model import Edit, EditKind, Problem, ProblemKind, Reason, Segment, TranslationDetail
from textfix.options import Options

if TYPE_CHECKING:
    from textfix.glossary import Glossary
    from textfix.glossary.placeholders import Placeholder
    from textfix.segment import Segmentation

    from .store import ModelStore, ScoredTranslation

__all__ = ["DocumentTranslation", "TranslationJob", "needed_pairs", "translate_documents", "translation_jobs"]

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class TranslationJob:
    """One segment to translate: its index among the document's segments, and the languages."""

    index: int
    source: str
    target: str


def translation_jobs(
    text: str, language: str, segments: Sequence[Segment], options: Options
) -> list[TranslationJob]:
    """The segments of a document that ``options`` want translated, and into what.

    Foreign spans go into the document language when ``options.translate``; with
    ``options.target_language`` every kept segment goes into that language. Spans already
    in the target language, removed ones, and spans without a letter are left out.

    >>> from textfix.model import Segment
    >>> text = "Die NATO hat reagiert. Мы обеспокоены тем фактом."
    >>> segments = [Segment(0, 22, "text", "de"), Segment(23, 49, "foreign", "ru")]
    >>> translation_jobs(text, "de", segments, Options(translate=True))
    [TranslationJob(index=1, source='ru', target='de')]
    >>> [(j.source, j.target) for j in translation_jobs(text, "de", segments, Options(target_language="en"))]
    [('de', 'en'), ('ru', 'en')]
    """
    jobs: list[TranslationJob] = []
    for index, segment in enumerate(segments):
        if options.target_language is not None:
            target = options.target_language
        elif options.translate and segment.kind == "foreign":
            target = language
        else:
            continue
        source = segment.lang or language
        if source == target or not is_kept(segment, options):
            continue
        if not _LETTER.search(text, segment.start, segment.end):
            continue  # punctuation or numbers only: nothing to translate
        jobs.append(TranslationJob(index, source, target))
    return jobs


def needed_pairs(text: str, language: str, segments: Sequence[Segment], options: Options) -> set[tuple[str, str]]:
    """The ``(source, target)`` pairs a document needs models for."""
    return {(job.source, job.target) for job in translation_jobs(text, language, segments, options)}


@dataclass
class DocumentTranslation:
    """What translating one document produced, in the coordinates of its segmented text."""

    #: One edit per translated segment, replacing it by its translation.
    edits: list[Edit] = field(default_factory=list)
    #: Spans kept verbatim for want of a model, and names lost in translation.
    problems: list[Problem] = field(default_factory=list)


def translate_documents(
    documents: Sequence[Segmentation], options: Options, store: ModelStore
) -> list[DocumentTranslation]:
    """Translate every job of every document, one batch per language pair across documents.

    With ``options.glossary``, names are protected through translation (:func:`_translate_keeping_names`).
    A pair without a model raises :class:`MissingModelError`, unless ``options.keep_untranslated``:
    then its spans are kept and reported as ``no-model`` problems.
    """
    results = [DocumentTranslation() for _ in documents]
    groups: dict[tuple[str, str], list[tuple[int, Segment]]] = defaultdict(list)
    for d, document in enumerate(documents):
        for job in translation_jobs(document.text, document.language, document.segments, options):
            groups[(job.source, job.target)].append((d, document.segments[job.index]))
    for (source, target), members in sorted(groups.items()):
        spans = [documents[d].text[s.start : s.end] for d, s in members]
        try:
            infos = store.route(source, target)
        except MissingModelError as error:
            if not options.keep_untranslated:
                raise
            message = f"kept untranslated: no {source}→{target} model installed (missing: " + ", ".join(
                f"{a}→{b}" for a, b in error.missing
            ) + ")"
            if source == "und":
                message = "kept untranslated: its language is not known (und), so no model can translate it"
            for d, segment in members:
                results[d].problems.append(Problem(ProblemKind.NO_MODEL, segment.start, segment.end, message, source))
            continue
        if options.glossary is None:
            outputs = store.translate_scored(spans, source, target)
            lost: list[list[tuple[str, str]]] = [[] for _ in spans]
            kept: list[bool | None] = [None] * len(spans)
        else:
            outputs, lost, kept = _translate_keeping_names(store, spans, source, target, options.glossary)
        route = tuple(info.pair for info in infos)
        tests = [info.pair for info in infos if info.test_model]
        for (d, segment), before, output, names, names_kept in zip(members, spans, outputs, lost, kept, strict=True):
            detail = TranslationDetail(source, target, route, output.scores, output.pivot, names_kept)
            if options.min_confidence is not None and output.confidence < options.min_confidence:
                results[d].problems.append(_low_confidence(segment, detail, options.min_confidence))
                continue
            reason = Reason(EditKind.TRANSLATION, f"{source}→{target} (model {', '.join(route)})", detail)
            results[d].edits.append(Edit(segment.start, segment.end, before, output.text, reason))
            results[d].problems.extend(
                Problem(ProblemKind.NAME_LOST, segment.start, segment.end, message, source, term)
                for term, message in names
            )
            if tests:
                message = (f"translated with a test model ({', '.join(tests)}): it knows only the sentences it "
                           "was built from; install a real package for real translations")
                problem = Problem(ProblemKind.TEST_MODEL, segment.start, segment.end, message, source)
                results[d].problems.append(problem)
    for result in results:
        result.edits.sort(key=lambda e: e.start)
        result.problems.sort(key=lambda p: (p.start, p.end))
    return results


def _named(pivot: str | None, placeholders: Sequence[Placeholder]) -> str | None:
    """The pivot text with its placeholders shown as the English names (else as the source had them)."""
    if pivot is None or not placeholders:
        return pivot
    from textfix.glossary import restore

    from .store import PIVOT

    english = [replace(p, replacement=p.entry.canonical(PIVOT) or p.source) for p in placeholders]
    return restore(pivot, english)[0]


def _low_confidence(segment: Segment, detail: TranslationDetail, threshold: float) -> Problem:
    """The problem of a span kept verbatim because the models were not sure enough of it."""
    hops = ", ".join(f"{pair} {math.exp(score):.2f}" for pair, score in zip(detail.route, detail.scores, strict=True))
    message = (f"kept untranslated: the model's confidence {detail.confidence:.2f} is below {threshold:.2f}"
               + (f" ({hops})" if len(detail.route) > 1 else ""))
    return Problem(ProblemKind.LOW_CONFIDENCE, segment.start, segment.end, message, detail.source)


def _translate_keeping_names(
    store: ModelStore, spans: list[str], source: str, target: str, glossary: Glossary
) -> tuple[list[ScoredTranslation], list[list[tuple[str, str]]], list[bool | None]]:
    """Translate with glossary names protected by placeholders, then put the canonical names back.

    A span whose placeholders do not survive the model is translated again as it is,
    and the names are looked for in that output instead; names still missing are
    returned per span as ``(entry id, message)``, never dropped silently. Also returned,
    per span, whether its placeholders survived (``None``: it had none).
    """
    from textfix.glossary import protect, restore

    protected = [protect(span, glossary, target) for span in spans]
    outputs = store.translate_scored([text for text, _ in protected], source, target)
    restored = [restore(out.text, placeholders) for out, (_, placeholders) in zip(outputs, protected, strict=True)]
    kept: list[bool | None] = [not lost if placeholders else None for (_, lost), (_, placeholders)
                               in zip(restored, protected, strict=True)]
    retry = [i for i, (_, lost) in enumerate(restored) if lost]
    if retry:
        plain = store.translate_scored([spans[i] for i in retry], source, target)
        for i, out in zip(retry, plain, strict=True):
            restored[i] = restore(out.text, protected[i][1])
            outputs[i] = out
    scored = [
        replace(out, text=text, pivot=_named(out.pivot, placeholders) if i not in retry else out.pivot)
        for i, (out, (text, _), (_, placeholders)) in enumerate(zip(outputs, restored, protected, strict=True))
    ]
    return scored, [[(p.entry.id, p.message) for p in lost] for _, lost in restored], kept
