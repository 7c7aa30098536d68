"""The clean pipeline: read → repair → segment → translate → assemble, with one edit log."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .assemble import assembly_edits, is_kept
from .edits import OffsetMap, apply_edits, compose
from .model import Edit, Options, Result, Segment
from .read import Decoded
from .repair import repair_edits
from .segment import segment_text

if TYPE_CHECKING:
    from .translate import ModelStore

__all__ = ["clean", "clean_decoded", "clean_many"]

_DEFAULT = Options()
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class _Prepared:
    """One document after repair and segmentation (offsets into ``repaired``)."""

    text: str
    repairs: list[Edit]
    repaired: str
    language: str
    segments: list[Segment]


def _prepare(text: str, options: Options) -> _Prepared:
    repairs = repair_edits(text) if options.repair else []
    repaired = apply_edits(text, repairs)
    language, segments = segment_text(repaired, options)
    return _Prepared(text, repairs, repaired, language, segments)


def _translation_target(segment: Segment, language: str, options: Options) -> str | None:
    """The language a kept segment must be translated into, or ``None``."""
    if options.target_language is not None:
        target = options.target_language
    elif options.translate and segment.kind == "foreign":
        target = language
    else:
        return None
    source = segment.lang or language
    return target if source != target else None


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
    translations: list[dict[int, Edit]] = [{} for _ in prepared]
    untranslated: list[list[int]] = [[] for _ in prepared]
    problems: list[list[str]] = [[] for _ in prepared]
    if options.translate or options.target_language is not None:
        _translate_all(prepared, options, models, translations, untranslated, problems)
    results = [
        _finish(p, options, translations[i], [p.segments[j] for j in untranslated[i]])
        for i, p in enumerate(prepared)
    ]
    if options.glossary is not None:
        results = [_with_glossary(r, options, found) for r, found in zip(results, problems, strict=True)]
    return results


def _with_glossary(result: Result, options: Options, problems: list[str]) -> Result:
    """Names in untranslated document-language text respelled; translation problems recorded."""
    from .glossary import apply_glossary

    assert options.glossary is not None
    if options.target_language in (None, result.language):
        result = apply_glossary(result, options.glossary)
    return replace(result, metadata={**result.metadata, "glossary_problems": problems})


def _translate_all(
    prepared: Sequence[_Prepared],
    options: Options,
    models: ModelStore | None,
    translations: list[dict[int, Edit]],
    untranslated: list[list[int]],
    problems: list[list[str]],
) -> None:
    """Translate every span that needs it, batched per language pair across documents."""
    from .translate import MissingModelError, ModelStore

    store = models if models is not None else ModelStore()
    groups: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for d, document in enumerate(prepared):
        for s, segment in enumerate(document.segments):
            target = _translation_target(segment, document.language, options)
            if target is None or not is_kept(segment, options):
                continue
            if not _LETTER.search(document.repaired, segment.start, segment.end):
                continue  # punctuation or numbers only: nothing to translate
            groups[(segment.lang or document.language, target)].append((d, s))
    for (source, target), members in sorted(groups.items()):
        spans = [_segment_text(prepared[d], s) for d, s in members]
        try:
            route = store.route_name(source, target)
            if options.glossary is None:
                outputs = store.translate(spans, source, target)
            else:
                outputs, lost = _translate_names_kept(store, spans, source, target, options)
                for (d, _), messages in zip(members, lost, strict=True):
                    problems[d].extend(messages)
        except MissingModelError:
            if not options.keep_untranslated:
                raise
            for d, s in members:
                untranslated[d].append(s)
            continue
        for (d, s), before, after in zip(members, spans, outputs, strict=True):
            segment = prepared[d].segments[s]
            reason = f"translation: {source}→{target} (model {route})"
            translations[d][s] = Edit(segment.start, segment.end, before, after, reason)


def _translate_names_kept(
    store: ModelStore, spans: list[str], source: str, target: str, options: Options
) -> tuple[list[str], list[list[str]]]:
    """Translate with glossary names protected by placeholders, then put the canonical names back.

    A span whose placeholders do not survive the model is translated again as it is,
    and the names are looked for in that output instead; names still missing are
    reported (one message each), never dropped silently.
    """
    from .glossary import protect, restore

    assert options.glossary is not None
    protected = [protect(span, options.glossary, target) for span in spans]
    outputs = store.translate([text for text, _ in protected], source, target)
    restored = [restore(out, placeholders) for out, (_, placeholders) in zip(outputs, protected, strict=True)]
    retry = [i for i, (_, lost) in enumerate(restored) if lost]
    if retry:
        plain = store.translate([spans[i] for i in retry], source, target)
        for i, out in zip(retry, plain, strict=True):
            restored[i] = restore(out, protected[i][1])
    return [text for text, _ in restored], [[p.message for p in lost] for _, lost in restored]


def _segment_text(document: _Prepared, index: int) -> str:
    segment = document.segments[index]
    return document.repaired[segment.start : segment.end]


def _finish(
    prepared: _Prepared, options: Options, translations: dict[int, Edit], untranslated: list[Segment]
) -> Result:
    """Assemble the output and compose every stage's edits into one log over the original."""
    text, repairs = prepared.text, prepared.repairs
    assembled = assembly_edits(prepared.repaired, prepared.segments, options)
    if translations:
        assembled = sorted([*assembled, *translations.values()], key=lambda e: (e.start, e.end))
    edits = compose(text, repairs, assembled) if repairs else assembled
    output = apply_edits(text, edits)
    mapping = OffsetMap(repairs)
    original_segments = _to_original(text, mapping, prepared.segments)
    kept_verbatim = tuple(
        Segment(mapping.start(s.start), mapping.end(s.end), s.kind, s.lang, "no translation model")
        for s in untranslated
    )
    return Result(
        text, output, prepared.language, tuple(original_segments), tuple(edits), untranslated=kept_verbatim
    )


def clean_decoded(decoded: Decoded, options: Options = _DEFAULT, *, models: ModelStore | None = None) -> Result:
    """:func:`clean` for text from :func:`textfix.read_path`, recording how it was read."""
    result = clean(decoded.text, options, models=models)
    metadata = {"newline": decoded.newline, "html": decoded.html, "extraction": decoded.extraction}
    return replace(result, encoding=decoded.encoding_label, metadata=metadata)
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
