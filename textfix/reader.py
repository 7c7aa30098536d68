"""Read: bytes → text, with a named fallback for legacy encodings and HTML reduced to blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError

__all__ = ["LEGACY_ENCODINGS", "Decoded", "decode_bytes", "html_to_text", "read_path"]

#: Encodings tried, in this order of preference, when the input is not UTF-8.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1251", "koi8-r", "cp1252")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CYR_LOWER = re.compile(r"[а-яёіїєґ]")
_CYR = re.compile(r"[А-ЯЁІЇЄҐа-яёіїєґ]")
_MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[А-Яа-яЁё])\w+\b")
_WORD = re.compile(r"\w+")
_ODD_CHARACTER = re.compile(r"[^\w\s.,;:!?\"'()\[\]«»„“”‘’–—…/%&+*=#@°§-]")
_ACCENTED_LATIN = re.compile(r"[\u00c0-\u024f]")
_HTML_SNIFF = re.compile(r"\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


@dataclass(frozen=True)
class Decoded:
    """Text as read, and how: ``encoding`` is the codec used, ``newline`` what line ends the file had."""

    text: str
    encoding: str
    newline: str
    html: bool = False


def _normalise_newlines(text: str) -> tuple[str, str]:
    """Every line end as ``\\n``; report which kinds there were.

    >>> _normalise_newlines("a\\r\\nb\\r\\n")
    ('a\\nb\\n', 'crlf')
    """
    kinds = {m.group() for m in _NEWLINES.finditer(text)}
    if not kinds:
        return text, "lf" if "\n" in text else "none"
    name = "crlf" if kinds == {"\r\n"} else "mixed"
    return _NEWLINES.sub("\n", text), name


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes: not a text file."""
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


def _plausibility(text: str) -> float:
    """How much a legacy decoding looks like real prose (higher is better)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    # Prose is mostly letters, digits, spaces and common punctuation; random bytes are not.
    odd = len(_ODD_CHARACTER.findall(text))
    if odd * 20 > len(text):
        return 0.0
    mixed = len(_MIXED_WORD.findall(text))
    # Cyrillic read as cp1252 gives words made mostly of accented Latin letters.
    accent_heavy = sum(1 for w in words if len(_ACCENTED_LATIN.findall(w)) * 2 > len(w))
    cyrillic = len(_CYR.findall(text))
    lower = len(_CYR_LOWER.findall(text))
    # Real Cyrillic prose is mostly lowercase; the wrong KOI8/CP1251 choice flips the case.
    case_score = (lower / cyrillic) if cyrillic else 1.0
    return case_score - (5.0 * mixed + 3.0 * accent_heavy) / len(words)


def decode_bytes(data: bytes, name: str = "<input>") -> Decoded:
    """Decode ``data``: UTF-8 (BOM optional), then UTF-16 with a BOM, then the likeliest legacy codec.

    >>> decode_bytes("Führung".encode("cp1252")).encoding
    'cp1252'
    >>> decode_bytes("Столтенберг заявил".encode("koi8-r")).text
    'Столтенберг заявил'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-16 despite its byte order mark") from error
    elif _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: starts with a UTF-8 byte order mark but is not valid UTF-8") from error
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data, name)
    if _CONTROL.search(text.replace("\x00", "")) and len(_CONTROL.findall(text)) > max(4, len(text) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    text, newline = _normalise_newlines(text)
    return Decoded(text, encoding, newline)


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    candidates: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), -rank, text, encoding))
    if not candidates:
        raise InputError(f"{name}: cannot decode: not UTF-8 and not any of {', '.join(LEGACY_ENCODINGS)}")
    score, _, text, encoding = max(candidates)
    if score < 0.5:
        tried = ", ".join(LEGACY_ENCODINGS)
        raise InputError(f"{name}: cannot decode: not UTF-8, and no legacy encoding ({tried}) gives readable text")
    return text, encoding


_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table tbody td th thead tr ul title br".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg nav head iframe object".split())


class _BlockText(HTMLParser):
    """Collects text, one paragraph per block element; skips scripts, styles and navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li":
                self._current.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        if not self._skip and not self._in_title:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one block (heading, paragraph, list item) per paragraph.

    >>> html_to_text("<h1>Titel</h1><p>Erster &amp; <b>zweiter</b></p><ul><li>a</li><li>b</li></ul>")
    'Titel\\n\\nErster & zweiter\\n\\n- a\\n\\n- b\\n'
    """
    parser = _BlockText()
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.blocks) + ("\n" if parser.blocks else "")


def is_html(name: str, text: str) -> bool:
    """Whether to treat ``text`` as an HTML page: by file suffix, or by how it starts."""
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_SNIFF.match(text[:1024]))


def read_path(path: Path | str, *, max_bytes: int | None = None) -> Decoded:
    """Read a file (``-`` for standard input) as text; HTML pages are reduced to their blocks."""
    import sys

    name = str(path)
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{name}: is a directory, not a file")
            if max_bytes is not None and p.stat().st_size > max_bytes:
                raise InputError(f"{name}: larger than the limit of {max_bytes} bytes")
            data = p.read_bytes()
    except FileNotFoundError as error:
        raise InputError(f"{name}: no such file") from error
    except PermissionError as error:
        raise InputError(f"{name}: permission denied") from error
    except IsADirectoryError as error:
        raise InputError(f"{name}: is a directory, not a file") from error
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from error
    decoded = decode_bytes(data, name)
    if is_html(name, decoded.text):
        return Decoded(html_to_text(decoded.text), decoded.encoding, decoded.newline, html=True)
    return decoded
