"""An HTML page → the blocks of its article (headings, paragraphs, list items, table rows).

trafilatura finds the main content: it leaves out menus, teasers, footers and (unless asked)
reader comments, and keeps the article's structure in a small XML tree (``head``, ``p``,
``list``/``item``, ``table``/``row``/``cell``, ``quote``). That tree becomes one block per
paragraph here, so that paragraphs stay paragraphs; list items start with ``- `` and table
cells are separated by `` | ``, so later stages can tell them from prose.

What trafilatura does not do is done here, each in one linear pass over the markup before
parsing: an unclosed ``<svg>``, ``<nav>`` or ``<noscript>`` would hold the rest of the page
(lxml closes it only at the end, and the element is dropped with everything inside), and
``<script type="text/template">`` holds markup that a page shows, not code.

>>> page = ("<html><body><article><h1>Titel</h1><p>Erster &amp; <b>zweiter</b> Satz, lang genug.</p>"
...         "<ul><li>eins</li><li>zwei</li></ul></article></body></html>")
>>> extract_article(page).text
'Titel\\n\\nErster & zweiter Satz, lang genug.\\n\\n- eins\\n\\n- zwei\\n'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._edges import trim_edges
from ._tokenizer import visible_text

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["Article", "Block", "extract_article"]

#: Block kinds: what the article's tree says each paragraph is.
_BLOCK_KINDS = {"head": "heading", "p": "paragraph", "item": "item", "row": "row", "quote": "paragraph",
                "code": "paragraph"}
#: Elements that hold blocks rather than text of their own.
_CONTAINERS = frozenset({"body", "list", "table", "div", "figure", "note", "ab", "article", "quote"})
_CELL_SEPARATOR = " | "
_ITEM_MARK = "- "


@dataclass(frozen=True)
class Block:
    """One paragraph of the article: its text (one line) and what the page made it."""

    text: str
    kind: str  # heading, paragraph, item, row


@dataclass(frozen=True)
class Article:
    """What was found in a page: the blocks, their text, and how they were found.

    ``method`` is ``"trafilatura"`` (the main content), or ``"visible text"`` when trafilatura
    found none (a page too short, or nested deeper than lxml reads) and all of the page's
    visible text is kept instead; ``title`` is the page's own title, when it names one.
    """

    blocks: tuple[Block, ...]
    method: str
    title: str | None = None
    #: Blocks left out before or after the article (its headline, dateline, teasers), by reason.
    trimmed: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """One block per paragraph, a blank line between them (``""`` when there is none)."""
        return "".join(f"{block.text}\n\n" for block in self.blocks)[:-1]


def extract_article(markup: str, *, comments: bool = False) -> Article:
    """The article of an HTML page as blocks; reader comments follow it only with ``comments``."""
    prepared = prepare_markup(markup)
    from trafilatura import bare_extraction
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(prepared)
    document = None
    if tree is not None:
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every page it rejects
        document = bare_extraction(tree, fast=True, include_comments=comments, include_tables=True)
    if not isinstance(document, Document) or document.body is None or _is_text_dump(document.body):
        blocks = [Block(line, "paragraph") for line in visible_text(prepared).split("\n") if line.strip()]
        return Article(tuple(blocks), "visible text")
    title = _page_title(tree) if tree is not None else None
    found = list(_blocks(document.body))
    article, trimmed = trim_edges(found, title, _page_description(tree) if tree is not None else None)
    if comments and document.commentsbody is not None:
        article.extend(_blocks(document.commentsbody))
    return Article(tuple(article), "trafilatura", title, tuple(trimmed))


# ---------------------------------------------------------------------------- the tree → blocks


def _blocks(root: _Element) -> Iterator[Block]:
    """The blocks of trafilatura's tree, in order; inline markup (``hi``, ``ref``) joins its text."""
    pending: list[str] = []
    kind = "paragraph"

    def flush() -> Iterator[Block]:
        lines = (" ".join(line.split()) for line in "".join(pending).split("\n"))
        text = "\n".join(line for line in lines if line)
        pending.clear()
        if any(c.isalnum() for c in text):  # not an empty cell, a bare list mark or a "* * *" rule
            yield Block(text, kind)

    def walk(element: _Element) -> Iterator[Block]:
        nonlocal kind
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_KINDS or tag in _CONTAINERS
        if block:
            yield from flush()
            kind = _BLOCK_KINDS.get(tag, "paragraph")
            if tag == "item":
                pending.append(_ITEM_MARK)
        if tag == "lb":
            pending.append("\n")
        elif tag == "cell" and element.getprevious() is not None:
            pending.append(_CELL_SEPARATOR)
        if tag and tag != "graphic" and element.text:
            pending.append(element.text)
        for child in element:
            yield from walk(child)
        if block:
            yield from flush()
        if element.tail:
            pending.append(element.tail)

    yield from walk(root)
    yield from flush()


def _page_description(tree: _Element) -> str | None:
    """The page's own summary (``og:description``, else ``description``): often the standfirst."""
    for path in ('//meta[@property="og:description"]/@content', '//meta[@name="description"]/@content'):
        found = " ".join(str(value) for value in tree.xpath(path)).strip()
        if found:
            return " ".join(found.split())
    return None


def _is_text_dump(body: _Element) -> bool:
    """trafilatura's last resort: every text node of the page in one ``p``, a line each.

    It breaks lines inside sentences (at ``<b>``, ``<a>``); the page's visible text is better.
    """
    return len(body) == 1 and body[0].tag == "p" and len(body[0]) == 0 and "\n" in (body[0].text or "")


def _page_title(tree: _Element) -> str | None:
    """The article's title as the page states it: ``og:title``, else ``<title>``."""
    for path in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content',
                 "//head/title//text()", "//h1//text()"):
        found = " ".join(str(value) for value in tree.xpath(path)).strip()
        if found:
            return " ".join(found.split())
    return None


# ---------------------------------------------------------------------------- before parsing

# An opening or closing tag of the elements that can swallow a page when left open.
_SWALLOWING = re.compile(r"<(/?)(svg|nav|noscript)\b[^<>]*+>", re.I)
# A script that holds markup (client-side templates), not code.
_TEMPLATE_SCRIPT = re.compile(
    r"""<script\b[^<>]*?\btype\s*=\s*["']?(?:text/(?:template|x-template|html|ng-template|x-handlebars-template|"""
    r"""x-jsrender|x-kendo-template|x-mustache|x-underscore-template))["']?[^<>]*+>""",
    re.I,
)
_SCRIPT_END = re.compile(r"</script\s*>", re.I)


def prepare_markup(markup: str) -> str:
    """The page with template scripts opened up and unclosed swallowing elements closed.

    >>> prepare_markup("<p>a</p><svg><path/><p>b</p>")
    '<p>a</p><path/><p>b</p>'
    >>> prepare_markup('<script type="text/template"><p>Text</p></script>')
    '<div><p>Text</p></div>'
    """
    return _close_swallowing(_open_templates(markup))


def _open_templates(markup: str) -> str:
    """``<script type="text/template">…</script>`` → ``<div>…</div>``, so its text is read."""
    if "<script" not in markup and "<SCRIPT" not in markup:
        return markup
    pieces: list[str] = []
    position = 0
    for opening in _TEMPLATE_SCRIPT.finditer(markup):
        if opening.start() < position:
            continue
        end = _SCRIPT_END.search(markup, opening.end())
        if end is None:
            break
        pieces.extend((markup[position : opening.start()], "<div>", markup[opening.end() : end.start()], "</div>"))
        position = end.end()
    return "".join(pieces) + markup[position:] if pieces else markup


def _close_swallowing(markup: str) -> str:
    """Drop the opening tags of ``svg``, ``nav`` and ``noscript`` elements that are never closed.

    Counting opening and closing tags of each name in one pass: an opening tag that no
    closing tag answers would otherwise make everything after it part of that element.
    """
    tags = list(_SWALLOWING.finditer(markup))
    if not tags:
        return markup
    open_tags: dict[str, list[int]] = {}
    unclosed: list[int] = []
    for index, tag in enumerate(tags):
        name = tag.group(2).lower()
        stack = open_tags.setdefault(name, [])
        if not tag.group(1):
            if not tag.group().endswith("/>"):
                stack.append(index)
        elif stack:
            stack.pop()
    for stack in open_tags.values():
        unclosed.extend(stack)
    if not unclosed:
        return markup
    drop = set(unclosed)
    pieces, position = [], 0
    for index in sorted(drop):
        pieces.append(markup[position : tags[index].start()])
        position = tags[index].end()
    pieces.append(markup[position:])
    return "".join(pieces)
