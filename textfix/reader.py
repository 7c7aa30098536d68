"""Read: bytes → text, with a named fallback for legacy encodings and HTML reduced to blocks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, InputTooLargeError

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
        except UnicodeDecodeError as error:
            text, encoding = _decode_damaged_utf8(data, error, name)
    if _CONTROL.search(text.replace("\x00", "")) and len(_CONTROL.findall(text)) > max(4, len(text) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    text, newline = _normalise_newlines(text)
    return Decoded(text, encoding, newline)


def _decode_damaged_utf8(data: bytes, error: UnicodeDecodeError, name: str) -> tuple[str, str]:
    """Bytes that are not all UTF-8: a file cut inside its last character, UTF-8 with some lines
    in a legacy encoding (a pasted cp1251 paragraph), or a legacy file throughout.

    >>> decode_bytes(b"F\\xc3\\xbchrung \\xe2\\x82")
    Decoded(text='Führung \\ufffd', encoding='utf-8 (cut off inside its last character)', newline='none', html=False)
    >>> data = "Größe\\n".encode() + "Столтенберг заявил\\n".encode("cp1251")
    >>> decode_bytes(data).encoding
    'utf-8 with cp1251 lines'
    """
    # The first bad byte starts a character the data ends inside of: everything before it is UTF-8.
    if error.reason == "unexpected end of data" and error.end == len(data) and len(data) - error.start < 4:
        return data.decode("utf-8", errors="replace"), "utf-8 (cut off inside its last character)"
    lines = data.splitlines(keepends=True)
    decoded: list[str | None] = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    utf8_evidence = any(text is not None and not text.isascii() for text in decoded)
    bad = [line for line, text in zip(lines, decoded, strict=True) if text is None]
    if not utf8_evidence or len(bad) == len(lines):
        return _decode_legacy(data, name)
    _, legacy = _decode_legacy(b"".join(bad), name)
    text = "".join(line.decode(legacy) if t is None else t for line, t in zip(lines, decoded, strict=True))
    return text, f"utf-8 with {legacy} lines"


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


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one block (heading, paragraph, list item) per paragraph.

    >>> html_to_text("<h1>Titel</h1><p>Erster &amp; <b>zweiter</b></p><ul><li>a</li><li>b</li></ul>")
    'Titel\\n\\nErster & zweiter\\n\\n- a\\n\\n- b\\n'
    >>> html_to_text("<p>Text</p>a < b <c")
    'Text\\n\\na < b <c\\n'
    """
    parser = _BlockText()
    _feed(markup, parser)
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
    decoded = decode_bytes(data, name)
    if is_html(name, decoded.text):
        return Decoded(html_to_text(decoded.text), decoded.encoding, decoded.newline, html=True)
    return decoded
