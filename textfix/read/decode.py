"""Bytes → text: UTF-8 first, a named fallback for legacy encodings, binary input refused.

HTML pages (``markup=True``) are decoded as browsers do: a byte order mark first, then the
page's own ``<meta charset>`` (or ``<meta http-equiv="Content-Type">``, or an XML declaration),
then detection; :attr:`Decoded.encoding_source` says which one decided.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from textfix.errors import InputError

__all__ = ["LEGACY_ENCODINGS", "Decoded", "decode_bytes"]

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


_TAG = re.compile(r"<[^<>]*+>")
# Where a page names its encoding: <meta charset=...>, <meta http-equiv=... content="...; charset=...">,
# or the XML declaration of an XHTML page. Searched in the page's head only (its first 8 KiB at most).
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.I)
_HEAD_LIMIT = 8192
#: Labels browsers read as windows-1252 (the WHATWG Encoding Standard): a page that says
#: ISO-8859-1 is cp1252, so its curly quotes and euro signs come out right.
_WINDOWS_1252 = frozenset("ascii us-ascii iso-8859-1 iso8859-1 iso_8859-1 latin1 latin-1 l1 cp819 ibm819 "
                          "windows-1252 cp1252 x-cp1252".split())


@dataclass(frozen=True)
class Decoded:
    """Text as read, and how: ``encoding`` is the codec used, ``newline`` what line ends the file had.

    ``encoding_source`` says what decided the codec: ``"byte order mark"``, ``"<meta charset>"``,
    ``"<meta http-equiv>"``, ``"<?xml encoding?>"``, or ``"detected"`` (with a note when the page
    declared something else); ``html`` is set for an HTML page reduced to its article, and
    ``extraction`` then says how the text was found (see :mod:`textfix.read.html`).
    """

    text: str
    encoding: str
    newline: str
    html: bool = False
    encoding_source: str = "detected"
    extraction: str | None = None

    @property
    def encoding_label(self) -> str:
        """The codec and what decided it, as reports show it.

        >>> Decoded("x", "cp1252", "none", encoding_source="<meta charset>").encoding_label
        'cp1252 (<meta charset>)'
        """
        return f"{self.encoding} ({self.encoding_source})"


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


def decode_bytes(data: bytes, name: str = "<input>", *, markup: bool = False) -> Decoded:
    """Decode ``data``: UTF-8 (BOM optional), then UTF-16 with a BOM, then the likeliest legacy codec.

    With ``markup`` (an HTML page) the page's declared encoding comes before detection, a
    few NUL bytes are dropped rather than taken for a binary file, and a legacy guess is
    judged on the page's text, not on its tags.

    >>> decode_bytes("Führung".encode("cp1252")).encoding
    'cp1252'
    >>> decode_bytes("Столтенберг заявил".encode("koi8-r")).text
    'Столтенберг заявил'
    >>> page = '<meta charset="iso-8859-1"><p>Grüße</p>'.encode("cp1252")
    >>> decode_bytes(page, markup=True).encoding_label
    'cp1252 (<meta charset>)'
    """
    source = "detected"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding, source = data.decode("utf-16"), "utf-16", "byte order mark"
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-16 despite its byte order mark") from error
    elif markup and _few_nul_bytes(data):
        return decode_bytes(data.replace(b"\x00", b""), name, markup=markup)
    elif _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding, source = data[3:].decode("utf-8"), "utf-8-sig", "byte order mark"
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: starts with a UTF-8 byte order mark but is not valid UTF-8") from error
    else:
        declared = _declared_encoding(data) if markup else None
        text, encoding, source = _decode_declared(data, declared) if declared else ("", "", "detected")
        if not encoding:
            judge = _visible if markup else _same
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as error:
                text, encoding = _decode_damaged_utf8(data, error, name, judge)
            if declared:
                source = f"detected; the page declares {declared[0]}"
    if _CONTROL.search(text.replace("\x00", "")) and len(_CONTROL.findall(text)) > max(4, len(text) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    text, newline = _normalise_newlines(text)
    return Decoded(text, encoding, newline, encoding_source=source)


def _same(text: str) -> str:
    return text


def _visible(markup: str) -> str:
    """The text between the tags, to judge a decoding by (tags are ASCII in every candidate)."""
    return _TAG.sub(" ", markup)


def _few_nul_bytes(data: bytes) -> bool:
    """A page with a stray NUL byte or two (a broken scraper, a bad copy) is still a page."""
    count = data.count(b"\x00")
    return 0 < count <= max(16, len(data) // 1000)


def _declared_encoding(data: bytes) -> tuple[str, str] | None:
    """The codec a page declares in its head, and where: ``("cp1252", "<meta charset>")``.

    >>> _declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    ('cp1252', '<meta http-equiv>')
    >>> _declared_encoding(b'<meta charset="no-such-codec">') is None
    True
    """
    end = _HEAD_END.search(data, 0, _HEAD_LIMIT)
    head = data[: end.start() if end else _HEAD_LIMIT]
    xml = _XML_ENCODING.match(head)
    meta = _META_CHARSET.search(head)
    if xml is not None:
        label, where = xml.group(1), "<?xml encoding?>"
    elif meta is not None:
        tag = head[meta.start() : meta.end()].lower()
        label, where = meta.group(1), "<meta http-equiv>" if b"http-equiv" in tag else "<meta charset>"
    else:
        return None
    codec = _codec(label.decode("ascii").lower())
    return (codec, where) if codec else None


def _codec(label: str) -> str | None:
    """Python's codec for an encoding label, as browsers read labels; ``None`` when unknown."""
    if label in _WINDOWS_1252:
        return "cp1252"
    if label.startswith(("utf-16", "utf16", "ucs-2")):  # a page read as bytes cannot be UTF-16 (WHATWG)
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_declared(data: bytes, declared: tuple[str, str]) -> tuple[str, str, str]:
    """``data`` in the codec its page declares; ``("", "", ...)`` when detection must decide.

    A page that declares a single-byte codec but is valid UTF-8 with non-ASCII characters was
    re-saved as UTF-8 (scrapers do this) and kept its old declaration: the declared codec would
    turn every "ü" into "Ã¼", so UTF-8 wins. Bytes the declared codec cannot read also leave
    the choice to detection.
    """
    codec, where = declared
    if codec not in ("utf-8", "utf_8") and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "", "", where
    try:
        return data.decode(codec), "utf-8" if codec == "utf_8" else codec, where
    except (UnicodeDecodeError, LookupError):
        return "", "", where


def _decode_damaged_utf8(
    data: bytes, error: UnicodeDecodeError, name: str, judge: Callable[[str], str] = _same
) -> tuple[str, str]:
    """Bytes that are not all UTF-8: a file cut inside its last character, UTF-8 with some lines
    in a legacy encoding (a pasted cp1251 paragraph), or a legacy file throughout.

    >>> cut = decode_bytes(b"F\\xc3\\xbchrung \\xe2\\x82")
    >>> cut.text, cut.encoding
    ('Führung \\ufffd', 'utf-8 (cut off inside its last character)')
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
        return _decode_legacy(data, name, judge)
    _, legacy = _decode_legacy(b"".join(bad), name, judge)
    text = "".join(line.decode(legacy) if t is None else t for line, t in zip(lines, decoded, strict=True))
    return text, f"utf-8 with {legacy} lines"


def _decode_legacy(data: bytes, name: str, judge: Callable[[str], str] = _same) -> tuple[str, str]:
    candidates: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(judge(text)), -rank, text, encoding))
    if not candidates:
        raise InputError(f"{name}: cannot decode: not UTF-8 and not any of {', '.join(LEGACY_ENCODINGS)}")
    score, _, text, encoding = max(candidates)
    if score < 0.5:
        tried = ", ".join(LEGACY_ENCODINGS)
        raise InputError(f"{name}: cannot decode: not UTF-8, and no legacy encoding ({tried}) gives readable text")
    return text, encoding
