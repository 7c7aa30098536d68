"""The edges of an extracted article: what stands before its first and after its last paragraph.

trafilatura finds the right part of a page, but at its edges it often keeps what a reader
skips: the headline (the page's title, which is not the article's body), a standfirst line
with the date or the author, a reading time; and after the last paragraph a "related
articles" header with its teasers, a newsletter box, "Reporting by ...", a copyright line.
Only the edges are looked at, never the body between the first and the last paragraph of
prose, so an article's own text cannot be lost here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .html import Block

__all__ = ["trim_edges"]

_WORD = re.compile(r"\w+")
_LEAD_ZONE = 4  # the headline, standfirst and dateline come first

# A date or a time: 22.01.2018, 2018-01-22, 11/19/2019, 22 de janeiro de 2018, November 20, 2019, 17:32, 5:45 AM
_MONTHS = (
    r"jan(?:uary|uar|\.)?|feb(?:ruary|ruar|\.)?|mär(?:z)?|mar(?:ch|\.)?|apr(?:il|\.)?|ma[iy]|jun(?:e|i|\.)?|"
    r"jul(?:y|i|\.)?|aug(?:ust|\.)?|sep(?:tember|t|\.)?|o[ck]t(?:ober|\.)?|nov(?:ember|\.)?|de[cz](?:ember|\.)?|"
    r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro"
)
_DATE = re.compile(
    r"\b(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}"
    rf"|(?:\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\b|(?:{_MONTHS})\s+\d{{1,2}}\b))",
    re.I,
)
# Lines that only say when, by whom, or how long to read.
_LEAD_LINE = re.compile(
    r"(?:(?:by|von|text|autor(?:in)?|author|por)\s*:?\s+\S.{0,80}"
    r"|(?:\d+\s*(?:min(?:\.|uten?|utes?)?|minutos?)\s*(?:read|lesezeit|de leitura)?|(?:lesezeit|tempo de leitura|reading time)\s*:?\s*\d+.{0,20})"
    r"|(?:(?:published|updated|posted|veröffentlicht|aktualisiert|stand|erstellt|publicado|atualizado)\b.{0,60}))",
    re.I,
)
_DATELINE_WORDS = 14
_BREADCRUMB = re.compile(r"(?:sie sind hier|you are here|startseite\s*[>›/»]|home\s*[>›/»])", re.I)
_META_SEPARATOR = re.compile(r"\s[·|•]\s|\s[–—]\s")
_KICKER_WORDS = 3  # a kicker (Dachzeile) over the headline: "Feuerwehreinsatz"

# Headers after which a page lists other articles, not this one's text.
_TAIL_HEADER = re.compile(
    r"(?:(?:you (?:may|might) also (?:like|enjoy)|related(?: articles| stories| posts| news| coverage| content)?|"
    r"(?:more|latest|top|popular|trending) (?:stories|news|articles|videos|on .{1,40}|from .{1,40})|most (?:read|popular|viewed)|"
    r"recommended(?: for you| stories| articles)?|partner (?:news|content)|sponsored(?: content| stories)?|"
    r"explore further|read (?:more|next)|see also|also on .{1,40}|don'?t miss|"
    r"mehr zum thema|das könnte sie auch interessieren|(?:auch )?interessant|lesen sie (?:auch|mehr)|weitere (?:artikel|nachrichten|meldungen|themen|beiträge)|"
    r"(?:ähnliche|verwandte) (?:artikel|themen|beiträge)|meistgelesen(?:e artikel)?|am meisten gelesen|top[- ]?(?:artikel|themen|meldungen)|"
    r"empfehlungen?(?: der redaktion)?|zum thema|weiterlesen|auch lesenswert|mehr aus (?:dem )?.{1,40}|"
    r"tags|schlagworte|themen|newsletter)\s*[:.…!]*)",
    re.I,
)
# Headers of reader comments: prose follows them, but none of it is the article's.
_COMMENTS_HEADER = re.compile(
    r"(?:\d+\s+)?(?:(?:reader |leser)?comments?|(?:leser)?kommentare?|postings?|debatte|diskussion|leserbriefe|"
    r"комментарии|коментарі)(?:\s*\(\d+\))?(?:\s*\d+)?",
    re.I,
)
# Lines after the last paragraph that credit, sell or point elsewhere.
_TAIL_LINE = re.compile(
    r"(?:\(?(?:additional )?reporting by\b.*|.{0,80}\bcontributed (?:reporting|to this report)\b.*|writing by\b.*|editing by\b.*"
    r"|(?:source|quelle|fonte)\s*:.{0,80}|(?:mitarbeit|mit material von)\b.{0,80}"
    r"|(?:©|\(c\)|copyright)\s.{0,200}|.{0,120}\ball rights reserved\b.{0,120}|alle rechte vorbehalten.{0,120}"
    r"|(?:follow|folgen sie)\b.{0,120}\b(?:on|auf|bei) (?:twitter|facebook|instagram|x|youtube|linkedin|tiktok)\b.*"
    r"|.{0,80}\b(?:sign up|subscribe|abonnieren|anmelden)\b.{0,160}|.{0,60}\bnewsletter\b.{0,160}"
    r"|(?:filed under|posted in|abgelegt unter|kategorie|category|schlagwörter)\s*:.*"
    r"|(?:write to|email|e-mail|contact|kontakt|reach)\b.{0,120}@.*|\S+@\S+\.\w+|(?:https?://|www\.)\S+"
    r"|\(?(?:dpa|afp|ap|reuters|kna|epd|sid|apa|dts)(?:[/,]\s?\w+)*\)?|(?:like|enjoy)(?:d)? this (?:story|article)\b.*)",
    re.I,
)
_TAIL_LINE_WORDS = 40
_PROSE_WORDS = 12  # a block of prose: at least this many words, ending like a sentence
_TEASER_WORDS = 45  # a teaser: a headline, or a headline and one sentence
_TEASER_SHARE = 0.5  # teasers are never most of what was extracted


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_prose(block: Block) -> bool:
    text = block.text.rstrip(" \"'”“«»)")
    return block.kind != "heading" and len(text.split()) >= _PROSE_WORDS and text.endswith((".", "!", "?", "…", ":"))


def _is_title(block: Block, title: str | None) -> bool:
    """The block restates the page's title (which often carries the site's name as well)."""
    if not title or block.kind == "item":
        return False
    words, title_words = _tokens(block.text), set(_tokens(title))
    if not words or len(words) > 2 * len(title_words) + 2:
        return False
    shared = sum(1 for word in words if word in title_words)
    return shared >= 0.8 * len(words) and shared >= 0.5 * len(title_words)


def _is_lead_line(block: Block) -> bool:
    """A line with only the date, the author or the reading time, or the page's breadcrumbs."""
    text = block.text.strip()
    words = len(text.split())
    if _BREADCRUMB.match(text) or text.count(" > ") >= 2 or text.count(" › ") >= 2:
        return True
    if words > _DATELINE_WORDS + 6:
        return False
    parts = [part.strip() for part in _META_SEPARATOR.split(text) if part.strip()]
    meta = len(parts) >= 2 and all(len(part.split()) <= 5 for part in parts)
    if meta and any(_DATE.search(part) or _LEAD_LINE.fullmatch(part) for part in parts):
        return True  # "09.04.2024, 16:25 Uhr · Von Birgit Ritter · Drucken"
    if words > _DATELINE_WORDS:
        return False
    if _LEAD_LINE.fullmatch(text.rstrip(" .|")):
        return True
    dates = _DATE.findall(text)
    return bool(dates) and words <= 8 and sum(len(d.split()) for d in dates) * 2 >= words - 2


def _is_tail_line(block: Block) -> bool:
    text = block.text.strip().rstrip(" .|")
    cells = [cell.strip() for cell in block.text.split("|") if cell.strip()]
    if len(cells) >= 3 and all(len(cell.split()) <= 3 and not any(c.isdigit() for c in cell) for cell in cells):
        return True  # a row of menu links: "Hamburg | Politik | Wirtschaft | Sport"
    return len(text.split()) <= _TAIL_LINE_WORDS and bool(_TAIL_LINE.fullmatch(text))


def _is_sentence(block: Block) -> bool:
    return block.text.rstrip(" \"'”“«»)").endswith((".", "!", "?", "…"))


def _related_start(blocks: Sequence[Block], first: int) -> int:
    """Where a header of other articles starts the page's list of teasers (``len(blocks)``: nowhere).

    Only teasers may follow the header: short blocks, at least as many headlines as sentences,
    together less than half of what was extracted.
    """
    total = sum(len(block.text.split()) for block in blocks)
    for index in range(first, len(blocks)):
        header = blocks[index].text.strip().rstrip(" .:…!|")
        comments = bool(_COMMENTS_HEADER.fullmatch(header))
        if not comments and not _TAIL_HEADER.fullmatch(header):
            continue
        after = blocks[index + 1 :]
        words = [len(block.text.split()) for block in after]
        sentences = sum(1 for block in after if _is_sentence(block))
        short = max(words, default=0) <= _TEASER_WORDS and sum(words) <= total * _TEASER_SHARE
        if short and (comments or sentences * 2 <= len(after) + 1):
            return index
    return len(blocks)


def trim_edges(
    blocks: Sequence[Block], title: str | None, description: str | None = None
) -> tuple[list[Block], list[tuple[str, str]]]:
    """The article's blocks without what stands before and after it, and what was left out (text, reason)."""
    kept = list(blocks)
    trimmed: list[tuple[str, str]] = []
    prose = [i for i, block in enumerate(kept) if _is_prose(block)]
    if not prose:
        return kept, trimmed
    # Before the first paragraph of prose: the headline (once), then dateline, byline, reading time.
    start, headline = 0, False
    while start < min(prose[0], _LEAD_ZONE + 1):
        block = kept[start]
        following = kept[start + 1] if start + 1 < len(kept) else None
        if not headline and _is_title(block, title):
            trimmed.append((block.text, "headline"))
            headline = True
        elif _is_lead_line(block):
            trimmed.append((block.text, "dateline"))
        elif (not headline and following is not None and len(block.text.split()) <= _KICKER_WORDS
              and block.kind != "item" and not _is_sentence(block) and _is_title(following, title)):
            trimmed.append((block.text, "kicker"))
        elif headline and description and _is_title(block, description):
            trimmed.append((block.text, "standfirst"))  # the teaser under the headline, also the page's description
        else:
            break
        start += 1
    end = _related_start(kept, prose[0] + 1)
    trimmed.extend((block.text, "related") for block in kept[end:])
    # After the last paragraph of prose: credit, newsletter and copyright lines.
    last = max((i for i in prose if i < end), default=start)
    tail: list[Block] = []
    for block in kept[last + 1 : end]:
        if _is_tail_line(block):
            trimmed.append((block.text, "credit"))
        else:
            tail.append(block)
    return [*kept[start : last + 1], *tail], trimmed
