"""All visible text of a page, one block per paragraph, by a linear tokenizer of textfix's own.

Only a fallback: :mod:`textfix.read.html` finds the article with trafilatura. This tokenizer
reads what lxml cannot (nesting deeper than libxml2's limit of 256 levels, where lxml drops
the rest of the page) in time linear in the input, also on hostile markup.
"""

from __future__ import annotations

import html
import re

__all__ = ["visible_text"]


_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table tbody td th thead tr ul title br".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg nav head iframe object".split())


class _BlockText:
    """Collects text, one paragraph per block element; skips scripts, styles and navigation."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li":
                self._current.append("- ")

    def handle_startendtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and tag != "head":
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if data and not self._skip and not self._in_title:
            self._current.append(html.unescape(data))

    def close(self) -> None:
        self._flush()


# A tokenizer of our own instead of html.parser, whose recovery from unclosed tags and
# comments rescans the rest of the page for each one (quadratic: "<div " * 50_000 took
# minutes). Every pattern here is possessive, so each position is scanned once, and a
# construct that cannot end (no ">" after it) is never attempted.
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\r\f />\x00]*+")
_TAG_REST = re.compile(r"""(?:[^>"'=]++|=\s*+(?:"[^"]*+"|'[^']*+'|)|["'])*+>""")
_TO_GT = re.compile(r"[^>]*+>")
_RAW_TEXT = frozenset({"script", "style"})


def _feed(markup: str, sink: _BlockText) -> None:
    """Drive ``sink`` through the tags and text of ``markup``, in time linear in its length."""
    last_gt = markup.rfind(">")
    position, n = 0, len(markup)
    while position < n:
        lt = markup.find("<", position)
        if lt < 0 or lt > last_gt:
            sink.handle_data(markup[position:])  # no tag can end after the last ">": the rest is text
            return
        sink.handle_data(markup[position:lt])
        if markup.startswith("<!--", lt):
            close = markup.find("-->", lt + 4)
            position = n if close < 0 else close + 3  # a comment left open runs to the end, as in browsers
            continue
        closing = markup.startswith("</", lt)
        name = _TAG_NAME.match(markup, lt + 2 if closing else lt + 1)
        if name is None:
            if markup.startswith(("<!", "<?", "</"), lt):  # declarations, processing instructions, bogus tags
                end = _TO_GT.match(markup, lt)
                assert end is not None  # lt < last_gt
                position = end.end()
            else:
                sink.handle_data("<")
                position = lt + 1
            continue
        rest = _TAG_REST.match(markup, name.end()) or _TO_GT.match(markup, name.end())
        assert rest is not None  # lt < last_gt
        tag, position = name.group().lower(), rest.end()
        if closing:
            sink.handle_endtag(tag)
        elif markup[position - 2] == "/":
            sink.handle_startendtag(tag)
        else:
            sink.handle_starttag(tag)
            if tag in _RAW_TEXT:  # script and style content is code, up to its own end tag
                end_tag = re.compile(rf"</{tag}(?=[\s/>])", re.I).search(markup, position)
                if end_tag is None:
                    return
                position = end_tag.start()


def visible_text(markup: str) -> str:
    """The visible text of an HTML page, one block (heading, paragraph, list item) per paragraph.

    >>> visible_text("<h1>Titel</h1><p>Erster &amp; <b>zweiter</b></p><ul><li>a</li><li>b</li></ul>")
    'Titel\\n\\nErster & zweiter\\n\\n- a\\n\\n- b\\n'
    >>> visible_text("<p>Text</p>a < b <c")
    'Text\\n\\na < b <c\\n'
    """
    parser = _BlockText()
    _feed(markup, parser)
    parser.close()
    return "\n\n".join(parser.blocks) + ("\n" if parser.blocks else "")
