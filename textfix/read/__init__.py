"""Read: bytes → text; an HTML page → the blocks of its article.

- :mod:`textfix.read.decode`: bytes → text (UTF-8, a byte order mark, legacy encodings);
- :mod:`textfix.read.html`: an HTML page → its article, one block per paragraph.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textfix._lazy import lazy_names
from textfix.errors import InputError, InputTooLargeError

from .decode import ERRORS, LEGACY_ENCODINGS, TEXT_FORMATS, Decoded, ReadOptions, decode_bytes, line_ends

if TYPE_CHECKING:  # imported on first use: plain text never needs the HTML reader
    from .html import Article, Block, extract_article

__getattr__, __dir__ = lazy_names(__name__, dict.fromkeys(["Article", "Block", "extract_article"], "html"))

__all__ = [
    "ERRORS",
    "LEGACY_ENCODINGS",
    "TEXT_FORMATS",
    "Article",
    "Block",
    "Decoded",
    "ReadOptions",
    "decode_bytes",
    "decode_page",
    "decode_text",
    "extract_article",
    "html_to_text",
    "is_html",
    "read_path",
]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_SNIFF = re.compile(r"\s*(?:<!--.*?-->\s*)*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.I | re.S)
_ANY_TAG = re.compile(r"<[A-Za-z!/][^<>]*>")


def html_to_text(markup: str, *, comments: bool = False) -> str:
    """The article of an HTML page as text, one block (heading, paragraph, list item) per paragraph.

    >>> html_to_text("<html><body><article><p>Die NATO ist besorgt, sagte er am Montag.</p></article></body></html>")
    'Die NATO ist besorgt, sagte er am Montag.\\n'
    """
    from .html import extract_article

    return extract_article(markup, comments=comments).text


def is_html(name: str, text: str) -> bool:
    """Whether to treat ``text`` as an HTML page: by file suffix, or by how it starts."""
    return name.lower().endswith(HTML_SUFFIXES) or looks_like_html(text)


def looks_like_html(text: str | bytes) -> bool:
    """Whether a text (or the bytes of one) starts like an HTML page.

    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html("Die NATO <b>ist</b> besorgt.")
    (True, False)
    """
    head = text[:1024].decode("latin-1") if isinstance(text, bytes) else text[:1024]
    return bool(_HTML_SNIFF.match(head.lstrip("\ufeff")))


def decode_page(data: bytes, name: str = "<input>", *, options: ReadOptions | None = None) -> Decoded:
    """An HTML page's bytes → its article (the encoding as the page declares it, else detected).

    Raises :class:`~textfix.InputError` for bytes that hold no markup at all, and for a page
    in which no text is found.
    """
    options = options or ReadOptions()
    decoded = decode_bytes(data, name, markup=True, encoding=options.encoding, errors=options.errors)
    return _page(decoded, name, options.comments)


def _page(decoded: Decoded, name: str, comments: bool) -> Decoded:
    if not _ANY_TAG.search(decoded.text):
        if not decoded.text.strip():
            raise InputError(f"{name}: empty page, no text")
        raise InputError(f"{name}: not an HTML page (no markup); rename it to .txt to clean it as text")
    from .html import extract_article

    article = extract_article(decoded.text, comments=comments)
    if not article.blocks:
        raise InputError(f"{name}: no text found in the page")
    # Bad bytes of the page are reported by the page, not at offsets of the extracted text.
    return replace(decoded, text=article.text, html=True, extraction=article.method, problems=())




def decode_text(text: str, name: str = "<record>", *, options: ReadOptions | None = None) -> Decoded:
    """A text that is already a string (a JSON Lines field) as :func:`read_path` would read it.

    ``options.text_format`` is ``"text"``, ``"html"`` (the field holds a page: its article is
    kept), or ``"auto"`` (a page when it starts like one, ``<!doctype html>`` or ``<html>``).
    Line ends stay as they are.

    >>> decode_text("<!doctype html><html><body><p>Die NATO ist besorgt, sagte er am Montag.</p></body></html>").text
    'Die NATO ist besorgt, sagte er am Montag.\\n'
    """
    options = options or ReadOptions()
    decoded = Decoded(text, "utf-8", line_ends(text), encoding_source="JSON string")
    if options.text_format == "html" or (options.text_format == "auto" and looks_like_html(text)):
        return _page(decoded, name, options.comments)
    return decoded


def read_path(path: Path | str, *, max_bytes: int | None = None, options: ReadOptions | None = None) -> Decoded:
    """Read a file (``-`` for standard input) as text; an HTML page becomes its article's blocks.

    A file is a page by its suffix (``.html``, ``.htm``, ``.xhtml``) or by how it starts
    (``<!doctype html``, ``<html>``); ``options`` (:class:`ReadOptions`) may force the encoding,
    keep bad bytes as U+FFFD, and keep a page's reader comments after it.
    """
    options = options or ReadOptions()
    name = str(path)
    try:
        if name == "-":
            data = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{name}: is a directory, not a file")
            if max_bytes is not None and p.stat().st_size > max_bytes:
                raise InputTooLargeError(f"{name}: larger than the limit of {max_bytes} bytes", limit=max_bytes)
            with p.open("rb") as stream:  # a bounded read: /dev/zero or a growing file cannot exhaust memory
                data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:  # standard input, or a file that grew
            raise InputTooLargeError(f"{name}: larger than the limit of {max_bytes} bytes", limit=max_bytes)
    except FileNotFoundError as error:
        raise InputError(f"{name}: no such file") from error
    except PermissionError as error:
        raise InputError(f"{name}: permission denied") from error
    except IsADirectoryError as error:
        raise InputError(f"{name}: is a directory, not a file") from error
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from error
    if name.lower().endswith(HTML_SUFFIXES) or looks_like_html(data) or _utf16_page(data):
        return decode_page(data, name, options=options)
    return decode_bytes(data, name, encoding=options.encoding, errors=options.errors)


def _utf16_page(data: bytes) -> bool:
    """A page saved as UTF-16 (with its byte order mark): sniffed after decoding."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        return looks_like_html(data[:2048].decode("utf-16", errors="ignore"))
    except UnicodeDecodeError:
        return False
