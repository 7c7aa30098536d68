"""Flag: damage machine translation left inside German and English sentences, and mend what is certain.

Works on the repaired text after segmentation, on the text segments in the document
language (German or English) — the text as it stands in the input. Text that textfix's own
translation produces is never flagged: foreign spans are not text segments, and with
``--to`` the flags still describe the input. Kinds (:class:`textfix.model.FlagKind`):

- ``run-on``: two sentences joined without a boundary (:mod:`.clauses`);
- ``quote``: a quotation mark never closed, never opened, or closing mid-sentence (:mod:`.quotes`);
- ``fragment``: a sentence that breaks off before its verb (:mod:`.fragments`);
- ``word-order``: a German subordinate clause with its finite verb too early, doubled words.

Mending (``repair: sentence boundary``, ``repair: quotation mark``) is an edit; everything
mended is flagged too.

>>> from textfix.options import Options
>>> from textfix.segment import segment_text
>>> text = "Das ist eine Eskalation am Kriminalkrieg Zweitens ist dies ein Verstoß.\\n"
>>> outcome = flag_document(segment_text(text, Options()))
>>> [(f.kind.value, text[f.start:f.end]) for f in outcome.flags]
[('run-on', 'Kriminalkrieg Zweitens')]
>>> [(e.start, e.after, e.reason) for e in outcome.edits]
[(40, '.', 'repair: sentence boundary')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from textfix.model import Edit, EditKind, Flag, FlagKind, Reason, Segment
from textfix.segment import Segmentation

from ._tokens import Words
from .articles import lost_articles
from .clauses import scan_words
from .fragments import doubled_words, is_dangling_tail, is_fragment
from .quotes import holds_quotes, pair_quotes

__all__ = ["FLAG_LANGUAGES", "FlagOutcome", "flag_document"]

#: The languages whose damage the stage knows.
FLAG_LANGUAGES = ("de", "en")
_BOUNDARY = Reason(EditKind.REPAIR, "sentence boundary")
_QUOTE_MARK = Reason(EditKind.REPAIR, "quotation mark")


# A named tuple, not a frozen dataclass: as immutable, and built at import without the six
# methods a frozen dataclass compiles (~0.5 ms of every one-file run).
class FlagOutcome(NamedTuple):
    """The flags of a document and the edits that mend the certain ones (both over the repaired text)."""

    flags: tuple[Flag, ...] = ()
    edits: tuple[Edit, ...] = ()


def flag_document(segmentation: Segmentation, *, mend: bool = True) -> FlagOutcome:
    """Flags over ``segmentation.text`` and, with ``mend``, the edits that mend the certain ones."""
    language = segmentation.language
    if language not in FLAG_LANGUAGES:
        return FlagOutcome()
    text = segmentation.text
    checked = [s for s in segmentation.segments if s.kind == "text" and s.lang == language]
    if not checked:
        return FlagOutcome()
    flags: list[Flag] = []
    edits: list[Edit] = []
    segments = segmentation.segments
    after_foreign = {b.start for a, b in pairwise(segments) if a.kind == "foreign"}
    for segment in checked:
        _flag_segment(text, segment, language, flags, edits, segment.start in after_foreign)
    inside = _Inside(checked)
    if language == "en":  # one search of the whole text: per segment it would cost more than all the rest
        for a, b in doubled_words(text, 0, len(text)):
            if inside(a) and inside(b - 1):
                flags.append(Flag(a, b, FlagKind.WORD_ORDER, f"'{text[a:b]}': a word written twice"))
    paragraphs = list(_paragraphs(segmentation)) if holds_quotes(text) else []  # no mark: no paragraph to pair
    for finding in pair_quotes(text, paragraphs, language):
        if not inside(finding.position):
            continue
        flags.append(Flag(finding.position, finding.position + 1, FlagKind.QUOTE, finding.message))
        if finding.replacement is not None:
            edits.append(Edit(finding.position, finding.position + 1, finding.mark, finding.replacement, _QUOTE_MARK))
    flags.sort(key=lambda f: (f.start, f.end, f.kind))
    edits.sort(key=lambda e: (e.start, e.end))
    return FlagOutcome(tuple(flags), tuple(edits) if mend else ())


def _flag_segment(
    text: str, segment: Segment, language: str, flags: list[Flag], edits: list[Edit], after_foreign: bool
) -> None:
    """Run-ons, word order and fragments in the sentences of one text segment."""
    words = Words.of(text, segment.start, segment.end, language)
    if not words.texts:
        return
    scan = scan_words(words)
    for junction in scan.junctions:
        message = f"no sentence boundary between '{junction.left}' and '{junction.right}': {junction.evidence}"
        flags.append(Flag(junction.start, junction.end, FlagKind.RUN_ON, message))
        if junction.certain:
            edits.append(Edit(junction.boundary, junction.boundary, "", ".", _BOUNDARY))
    for finding in scan.word_order:
        message = f"the finite verb '{finding.verb}' should come last in this subordinate clause"
        flags.append(Flag(finding.start, finding.end, FlagKind.WORD_ORDER, message))
    if language == "de":
        for finding in lost_articles(words):
            message = f"an article or a genitive ending is missing before '{finding.verb}'"
            flags.append(Flag(finding.start, finding.end, FlagKind.WORD_ORDER, message))
    for number, (lo, hi, finite) in enumerate(scan.sentences):
        if words.texts[hi - 1] != ".":
            continue  # neither a fragment nor a dangling tail (both end on a period): no call
        if is_fragment(words, lo, hi, finite=finite):
            start, end = words.span(lo)[0], words.span(hi - 1)[1]
            flags.append(Flag(start, end, FlagKind.FRAGMENT, "this sentence breaks off before its verb"))
        elif number == 0 and after_foreign and is_dangling_tail(words, lo, hi):
            start, end = words.span(lo)[0], words.span(hi - 1)[1]
            message = "a half sentence left after a switch of language: it does not stand as a sentence"
            flags.append(Flag(start, end, FlagKind.FRAGMENT, message))


class _Inside:
    """Whether a position lies inside one of the checked segments."""

    def __init__(self, segments: list[Segment]) -> None:
        self.spans = [(s.start, s.end) for s in segments]

    def __call__(self, position: int) -> bool:
        i = bisect_right(self.spans, (position, 1 << 62)) - 1
        return i >= 0 and self.spans[i][0] <= position < self.spans[i][1]


def _paragraphs(segmentation: Segmentation) -> Iterator[tuple[int, int]]:
    """Each paragraph's stretch of text and foreign segments (debris and duplicates left out).

    A paragraph is a line and no segment crosses a line end, so two kept segments are in one
    paragraph when no line end stands between them (one ``find`` per segment, not a pass over every line).
    """
    text = segmentation.text
    kept = [s for s in segmentation.segments if s.kind in ("text", "foreign")]
    if not kept:
        return
    start, end = kept[0].start, kept[0].end
    for segment in kept[1:]:
        if text.find("\n", end, segment.start) >= 0:
            yield start, end
            start = segment.start
        end = segment.end
    yield start, end
