"""Segment: paragraphs → spans of kind text, foreign, debris or duplicate.

Works on the repaired text; :func:`textfix.pipeline.clean` maps the spans back onto
the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from .debris import MARKUP, byline_suffix, classify_paragraph
from .debris._recurring_keys import REASON as RECURRING
from .debris._recurring_keys import recurring_paragraphs
from .debris.model import ArticleJudge
from .duplicates import find_duplicates
from .language import detect_document_language, find_foreign_runs, paragraph_words
from .model import Kind, Segment
from .options import Options

__all__ = ["ArticleLine", "Segmentation", "article_lines", "is_decoration", "paragraph_spans", "segment_text"]

_HEADLINE_ZONE = 5  # bylines glue onto the first few headlines only


#: A line's first to last character that is not whitespace (``\s`` is ``str.isspace``, as ``strip`` is;
#: ``[^\s]`` never crosses a line end).
_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, its surrounding whitespace trimmed.

    >>> list(paragraph_spans(" Ein Satz. \\n\\n\\tZwei  Wörter\\r\\n\\u2028\\n"))
    [(1, 10), (14, 26)]
    """
    return map(re.Match.span, _LINE.finditer(text))  # one C-level scan, no Python loop per line


@dataclass
class _Paragraph:
    start: int
    end: int
    reason: str | None = None  # whole paragraph is debris or duplicate for this reason
    kind: Kind = "text"
    markup: tuple[tuple[int, int], ...] = ()
    byline: int | None = None  # start of a byline glued to the end

    def content(self, text: str) -> str:
        """The paragraph with its markup and byline left out."""
        end = self.byline if self.byline is not None else self.end
        if not self.markup:  # the common case: one piece, no joining
            return text[self.start : end].strip()
        pieces, position = [], self.start
        for start, stop in self.markup:
            pieces.append(text[position:start])
            position = stop
        pieces.append(text[position:end])
        return " ".join(p.strip() for p in pieces if p.strip())


#: Characters that rule off, bullet or decorate a page and say nothing on their own.
_DECORATION = frozenset("|¦•·‣◦▪▫■□●○◆◇►▶▸▹→←↑↓⇒⇐»«›‹~=+#*_-–—―…/\\")
#: What ``str.isalnum`` accepts (``\w`` less the underscore, which is decoration).
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def is_decoration(content: str) -> bool:
    """Whether a paragraph holds no letter, digit or meaningful symbol: only punctuation and rules.

    Lines of other symbols are text (an emoticon, "∆°"): they are not nothing.

    >>> is_decoration("* * *"), is_decoration("———"), is_decoration("» |"), is_decoration("")
    (True, True, True, True)
    >>> is_decoration("∆°"), is_decoration("┒(⌣˛⌣)┎"), is_decoration("12")
    (False, False, False)
    """
    if _LETTER_OR_DIGIT.search(content):  # the common case, settled in C: a letter is not decoration
        return False
    return all(
        c.isspace() or c in _DECORATION or unicodedata.category(c).startswith("P") for c in content
    )


def _classify(text: str, start: int, end: int, index: int) -> _Paragraph:
    paragraph = _Paragraph(start, end)
    if text.find("<", start, end) >= 0:  # every piece of markup starts with "<"
        paragraph.markup = tuple((m.start(), m.end()) for m in MARKUP.finditer(text, start, end))
    content = paragraph.content(text)
    if is_decoration(content):
        paragraph.kind, paragraph.reason = "debris", "markup" if paragraph.markup else "no text"
        return paragraph
    reason = classify_paragraph(content)
    if reason:
        paragraph.kind, paragraph.reason = "debris", reason
    elif index < _HEADLINE_ZONE and not paragraph.markup:
        suffix = byline_suffix(text[start:end])
        if suffix is not None:
            paragraph.byline = start + suffix
    return paragraph


def _pieces(text: str, paragraph: _Paragraph) -> Iterator[tuple[int, int]]:
    """The content stretches of a paragraph: between its markup, before its byline."""
    end = paragraph.byline if paragraph.byline is not None else paragraph.end
    position = paragraph.start
    for start, stop in paragraph.markup:
        if start > position:
            yield position, start
        position = stop
    if end > position:
        yield position, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


@dataclass(frozen=True)
class Segmentation:
    """A text (the repaired text, in the pipeline), its document language and its segments."""

    text: str
    language: str
    segments: tuple[Segment, ...]


# A named tuple, not a frozen dataclass: as immutable, and built at import without the six
# methods a frozen dataclass compiles (~0.5 ms of every one-file run).
class ArticleLine(NamedTuple):
    """One paragraph as the line model sees it: its offsets, its content, and the patterns' verdict."""

    start: int
    end: int
    #: The paragraph without its markup and glued byline.
    content: str
    #: The class the patterns gave it (``boilerplate``, ``caption``, ``markup``, ...), or ``None``.
    fixed: str | None


def article_lines(text: str) -> list[ArticleLine]:
    """Every paragraph of ``text`` with the patterns' verdict, before the line model weighs it."""
    paragraphs = [_classify(text, s, e, i) for i, (s, e) in enumerate(paragraph_spans(text))]
    return [ArticleLine(p.start, p.end, p.content(text), p.reason) for p in paragraphs]


def segment_text(text: str, options: Options) -> Segmentation:
    """The document language and the segments of ``text`` (offsets into ``text``).

    >>> s = segment_text("Die NATO ist besorgt.\\n\\nLeave a Reply\\n", Options())
    >>> s.language, [(x.kind, s.text[x.start:x.end]) for x in s.segments]
    ('de', [('text', 'Die NATO ist besorgt.'), ('debris', 'Leave a Reply')])
    """
    paragraphs = [_classify(text, s, e, i) for i, (s, e) in enumerate(paragraph_spans(text))]
    if options.recurring is not None:  # site chrome a corpus run found: textfix.debris.recurring
        contents = [p.content(text) if p.kind == "text" else None for p in paragraphs]
        for index in recurring_paragraphs(contents, options.recurring):
            paragraphs[index].kind, paragraphs[index].reason, paragraphs[index].byline = "debris", RECURRING, None
    _weigh_lines(text, paragraphs)
    # Each piece's words are found once: for the document language and for its foreign runs.
    words = {piece: paragraph_words(text, *piece) for p in paragraphs if p.kind == "text" for piece in _pieces(text, p)}
    body = "\n".join(p.content(text) for p in paragraphs if p.kind == "text")
    language = options.document_language or detect_document_language(
        body, options.languages, words=list(chain.from_iterable(words.values()))
    )
    segments: list[Segment] = []
    for paragraph in paragraphs:
        segments.extend(_paragraph_segments(text, paragraph, language, options, words))
    return Segmentation(text, language, tuple(segments))


_ROUNDS = 4  # the line model and the duplicates take turns until neither changes a line


def _weigh_lines(text: str, paragraphs: list[_Paragraph]) -> None:
    """Furniture the line model finds, then duplicates among what is left, until both agree.

    A duplicate removed changes the article the model sees (and the other way round), so the
    two take turns; the model's last word is on the lines a second cleaning would see.
    """
    contents = [p.content(text) for p in paragraphs]
    judge = ArticleJudge(contents)  # the lines' own evidence, found once for all turns
    previous: frozenset[int] = frozenset()
    for turn in range(_ROUNDS):
        fixed = [p.reason if p.kind != "text" else None for p in paragraphs]
        weighed = False
        for index, kind in enumerate(judge.judge(fixed)):
            if kind is not None:
                paragraphs[index].kind, paragraphs[index].reason = "debris", kind
                weighed = True
        if turn and not weighed:
            # The model took no line the duplicates left: they would find the same again
            # (find_duplicates sees only the kept lines), so both agree already.
            return
        for paragraph in paragraphs:
            if paragraph.kind == "duplicate":
                paragraph.kind, paragraph.reason = "text", None
        kept = [i for i, p in enumerate(paragraphs) if p.kind == "text"]
        duplicates = find_duplicates([contents[i] for i in kept])
        for index, reason in duplicates.items():
            paragraphs[kept[index]].kind, paragraphs[kept[index]].reason = "duplicate", reason
        found = frozenset(kept[i] for i in duplicates)
        if not found or found == previous:
            return
        previous = found


def _paragraph_segments(
    text: str, paragraph: _Paragraph, language: str, options: Options, words: dict[tuple[int, int], list[str]]
) -> list[Segment]:
    if paragraph.kind == "debris" and paragraph.reason != "markup":
        return [Segment(paragraph.start, paragraph.end, "debris", None, paragraph.reason)]
    spans: list[Segment] = [Segment(s, e, "debris", None, "markup") for s, e in paragraph.markup]
    if paragraph.byline is not None:
        spans.append(Segment(paragraph.byline, paragraph.end, "debris", None, "byline"))
    for start, end in _pieces(text, paragraph):
        if paragraph.kind == "duplicate":
            runs = []
        else:
            runs = find_foreign_runs(
                text, start, end, document_language=language, languages=options.languages,
                min_words=options.min_foreign_words, words=words.get((start, end)),
            )
        position = start
        for run in runs:
            if (gap := _trimmed(text, position, run.start)) is not None:
                spans.append(_text_or_duplicate(paragraph, language, gap))
            spans.append(Segment(run.start, run.end, "foreign", run.lang, None))
            position = run.end
        if (rest := _trimmed(text, position, end)) is not None:
            spans.append(_text_or_duplicate(paragraph, language, rest))
    if len(spans) == 1:  # most paragraphs: nothing to sort or merge
        return spans
    spans.sort(key=lambda s: s.start)
    return _merge_neighbours(text, spans)


def _text_or_duplicate(paragraph: _Paragraph, language: str, span: tuple[int, int]) -> Segment:
    if paragraph.kind == "duplicate":
        return Segment(span[0], span[1], "duplicate", language, paragraph.reason)
    return Segment(span[0], span[1], "text", language, None)


def _merge_neighbours(text: str, spans: list[Segment]) -> list[Segment]:
    """Join touching spans of the same kind, language and reason."""
    merged: list[Segment] = []
    for span in spans:
        if merged:
            last = merged[-1]
            same = (last.kind, last.lang, last.reason) == (span.kind, span.lang, span.reason)
            if same and not text[last.end : span.start].strip():
                merged[-1] = Segment(last.start, span.end, last.kind, last.lang, last.reason)
                continue
        merged.append(span)
    return merged

