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

from textfix.errors import InputError, OptionsError
from textfix.model import Problem, ProblemKind

__all__ = ["ERRORS", "LEGACY_ENCODINGS", "TEXT_FORMATS", "Decoded", "ReadOptions", "decode_bytes"]

#: What a text field holds (``--jsonl-format``): an HTML page when it starts like one, text, or a page.
TEXT_FORMATS = ("auto", "text", "html")
#: What to do with bytes that are not text in the encoding: refuse the input, or keep it with U+FFFD.
ERRORS = ("strict", "replace")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """How inputs are read: the encoding (``None``: detected), bad bytes, HTML comments, JSON Lines fields.

    >>> ReadOptions(encoding="latin-1").encoding
    'iso8859-1'
    >>> ReadOptions(encoding="klingon")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    textfix.errors.OptionsError: unknown encoding 'klingon' (use a name Python knows: utf-8, cp1251, ...)
    """

    #: Force this codec instead of detecting one (any name Python's ``codecs`` knows).
    encoding: str | None = None
    #: ``"strict"``: bytes the encoding cannot read fail the input (with where they are);
    #: ``"replace"``: they become U+FFFD and each is reported as a ``bad-byte`` problem.
    errors: str = "strict"
    #: Keep the reader comments of HTML pages after the article.
    comments: bool = False
    #: What a JSON Lines field holds: ``"auto"``, ``"text"`` or ``"html"``.
    text_format: str = "auto"

    def __post_init__(self) -> None:
        if self.encoding is not None:
            try:
                object.__setattr__(self, "encoding", codecs.lookup(self.encoding).name)
            except LookupError:
                raise OptionsError(
                    f"unknown encoding {self.encoding!r} (use a name Python knows: utf-8, cp1251, koi8-r, cp1252, "
                    "utf-16, ...)"
                ) from None
        if self.errors not in ERRORS:
            raise OptionsError(f"errors must be one of {', '.join(ERRORS)}, not {self.errors!r}")
        if self.text_format not in TEXT_FORMATS:
            raise OptionsError(f"text_format must be one of {', '.join(TEXT_FORMATS)}, not {self.text_format!r}")

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
    #: Bytes that could not be read (``errors="replace"``): each a ``bad-byte`` problem at its U+FFFD.
    problems: tuple[Problem, ...] = ()

    @property
    def encoding_label(self) -> str:
        """The codec and what decided it, as reports show it.

        >>> Decoded("x", "cp1252", "none", encoding_source="<meta charset>").encoding_label
        'cp1252 (<meta charset>)'
        """
        return f"{self.encoding} ({self.encoding_source})"


def line_ends(text: str) -> str:
    """Which line ends a text has: ``lf``, ``crlf``, ``mixed`` or ``none``. The text keeps them:
    offsets are into the text as decoded, and normalising line ends is a repair with an edit.

    >>> line_ends("a\\r\\nb\\r\\n"), line_ends("a\\nb\\r\\n"), line_ends("a\\nb"), line_ends("a")
    ('crlf', 'mixed', 'lf', 'none')
    """
    kinds = {m.group() for m in _NEWLINES.finditer(text)}
    if "\n" in text.replace("\r\n", ""):
        kinds.add("\n")
    if not kinds:
        return "none"
    if kinds == {"\n"}:
        return "lf"
    return "crlf" if kinds == {"\r\n"} else "mixed"


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


def decode_bytes(
    data: bytes, name: str = "<input>", *, markup: bool = False, encoding: str | None = None, errors: str = "strict"
) -> Decoded:
    """Decode ``data``: UTF-8 (BOM optional), then UTF-16 (with a BOM, or without one when its NUL
    bytes say so), then the likeliest legacy codec; ``encoding`` forces one instead.

    With ``markup`` (an HTML page) the page's declared encoding comes before detection, a
    few NUL bytes are dropped rather than taken for a binary file, and a legacy guess is
    judged on the page's text, not on its tags. A line is read in a legacy codec only when the
    whole line looks like it; a stray bad byte in UTF-8 text fails the input with where it is
    (``errors="strict"``), or becomes U+FFFD and a ``bad-byte`` problem (``errors="replace"``).
    Line ends stay as they are (:func:`line_ends` names them).

    >>> decode_bytes("Führung".encode("cp1252")).encoding
    'cp1252'
    >>> decode_bytes("Столтенберг заявил".encode("koi8-r")).text
    'Столтенберг заявил'
    >>> page = '<meta charset="iso-8859-1"><p>Grüße</p>'.encode("cp1252")
    >>> decode_bytes(page, markup=True).encoding_label
    'cp1252 (<meta charset>)'
    >>> damaged = decode_bytes("Größe ".encode() + b"\\xff", errors="replace")
    >>> damaged.text, [p.kind for p in damaged.problems]
    ('Größe \ufffd', [<ProblemKind.BAD_BYTE: 'bad-byte'>])
    """
    options = ReadOptions(encoding=encoding, errors=errors)  # checks both
    source = "detected"
    utf16 = _utf16_without_bom(data)
    if options.encoding is not None:
        text, source = _decode_forced(data, options.encoding, name, options.errors), "--encoding"
        encoding = options.encoding
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding, source = data.decode("utf-16"), "utf-16", "byte order mark"
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-16 despite its byte order mark") from error
    elif utf16 is not None:
        text, encoding, source = utf16, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", "detected (NUL bytes)"
    elif markup and _few_nul_bytes(data):
        return decode_bytes(data.replace(b"\x00", b""), name, markup=markup, errors=errors)
    elif _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding, source = data[3:].decode("utf-8"), "utf-8-sig", "byte order mark"
        except UnicodeDecodeError as error:
            if options.errors == "strict":
                raise InputError(
                    f"{name}: starts with a UTF-8 byte order mark but is not valid UTF-8; {_REMEDY}"
                ) from error
            text, encoding, source = _escaped(data[3:]), "utf-8-sig", "byte order mark"
    else:
        declared = _declared_encoding(data) if markup else None
        text, encoding, source = _decode_declared(data, declared) if declared else ("", "", "detected")
        if not encoding:
            judge = _visible if markup else _same
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as error:
                text, encoding = _decode_damaged_utf8(data, error, name, judge, options.errors)
            if declared:
                source = f"detected; the page declares {declared[0]}"
    text, problems = _bad_bytes(text)
    if _CONTROL.search(text.replace("\x00", "")) and len(_CONTROL.findall(text)) > max(4, len(text) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    return Decoded(text, encoding, line_ends(text), encoding_source=source, problems=problems)


#: How to read an input with bad bytes anyway (the command line's options).
_REMEDY = "--errors replace keeps the text (each bad byte becomes U+FFFD), --encoding CODEC reads it all in one codec"
_ESCAPED = re.compile(r"[\udc80-\udcff]")


def _escaped(data: bytes, codec: str = "utf-8") -> str:
    """``data`` decoded with each undecodable byte kept as a surrogate escape (for :func:`_bad_bytes`)."""
    return data.decode(codec, errors="surrogateescape")


def _bad_bytes(text: str) -> tuple[str, tuple[Problem, ...]]:
    """Surrogate escapes (bytes that could not be read) as U+FFFD, each reported where it stands."""
    if not _ESCAPED.search(text):
        return text, ()
    problems = tuple(
        Problem(ProblemKind.BAD_BYTE, m.start(), m.end(), f"byte 0x{ord(m.group()) - 0xDC00:02x} could not be read; "
                f"it is U+FFFD here", None)
        for m in _ESCAPED.finditer(text)
    )
    return _ESCAPED.sub("\ufffd", text), problems


def _decode_forced(data: bytes, codec: str, name: str, errors: str) -> str:
    """``data`` in the codec the user chose; bad bytes fail it (``strict``) or are kept as escapes."""
    if data.startswith(b"\xef\xbb\xbf") and codec == "utf-8":
        data = data[3:]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if errors == "strict":
            line = data.count(b"\n", 0, error.start) + 1
            raise InputError(
                f"{name}: line {line}: byte 0x{data[error.start]:02x} is not {codec}; --errors replace keeps the "
                "text (each bad byte becomes U+FFFD)"
            ) from error
        try:
            return _escaped(data, codec)
        except UnicodeDecodeError:  # a codec without surrogate escapes: plain replacement
            return data.decode(codec, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes that carry no byte order mark, told by their NUL bytes.

    Latin and Cyrillic text in UTF-16 has a NUL in (nearly) every other byte, on one side.

    >>> _utf16_without_bom("Die NATO ist besorgt.".encode("utf-16-le"))
    'Die NATO ist besorgt.'
    >>> _utf16_without_bom(b"Die NATO ist besorgt.") is None
    True
    """
    if len(data) < 8 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros * 10 >= half * 6 and others * 20 <= half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


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
    data: bytes, error: UnicodeDecodeError, name: str, judge: Callable[[str], str] = _same, errors: str = "strict"
) -> tuple[str, str]:
    """Bytes that are not all UTF-8: a file cut inside its last character, UTF-8 with some lines
    in a legacy encoding (a pasted cp1251 paragraph), a legacy file throughout, or UTF-8 with
    stray bad bytes.

    A line is re-read in a legacy codec only when the whole line looks like it: no UTF-8
    character in it, several non-ASCII bytes, and plausible text in the codec. A stray byte
    in UTF-8 text is damage, not a codec: it fails the input (``errors="strict"``) or is kept
    as an escape that :func:`_bad_bytes` turns into U+FFFD and a problem.

    >>> cut = decode_bytes(b"F\\xc3\\xbchrung \\xe2\\x82")
    >>> cut.text, cut.encoding
    ('Führung \\ufffd', 'utf-8 (cut off inside its last character)')
    >>> data = "Größe\\n".encode() + "Столтенберг заявил\\n".encode("cp1251")
    >>> decode_bytes(data).encoding
    'utf-8 with cp1251 lines'
    >>> decode_bytes("Größe, sagte er.\\n".encode() + b"Preis: 5 \\xff\\n")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    textfix.errors.InputError: <input>: line 2: byte 0xff is not UTF-8 (the rest is); --errors replace keeps ...
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
    bad = [line for line, text in zip(lines, decoded, strict=True) if text is None]
    if not _has_utf8_character(data):
        try:
            return _decode_legacy(data, name, judge)
        except InputError:
            if errors == "strict":
                raise
            return _escaped(data), "utf-8 (with bad bytes)"
    legacy = _legacy_lines(bad, judge)
    if legacy is None:
        if errors == "strict":
            number = next(i for i, text in enumerate(decoded, 1) if text is None)
            byte = _first_bad_byte(lines[number - 1])
            raise InputError(f"{name}: line {number}: byte 0x{byte:02x} is not UTF-8 (the rest is); {_REMEDY}")
        return _escaped(data), "utf-8 (with bad bytes)"
    text = "".join(line.decode(legacy) if t is None else t for line, t in zip(lines, decoded, strict=True))
    return text, f"utf-8 with {legacy} lines"


_LEGACY_LINE_BYTES = 3  # fewest non-ASCII bytes that make a line evidence of a legacy codec


def _legacy_lines(lines: list[bytes], judge: Callable[[str], str]) -> str | None:
    """The legacy codec every one of ``lines`` reads plausibly in, or ``None`` (stray bad bytes)."""
    for line in lines:
        if sum(byte >= 0x80 for byte in line) < _LEGACY_LINE_BYTES:
            return None
        if _has_utf8_character(line):
            return None  # a valid UTF-8 character beside the bad bytes: UTF-8 with damage, not another codec
    try:
        _, codec = _decode_legacy(b"".join(lines), "", judge)
    except InputError:
        return None
    return codec


def _has_utf8_character(data: bytes) -> bool:
    """Whether ``data`` holds at least one valid UTF-8 character beyond ASCII (evidence of UTF-8)."""
    return any(ord(c) >= 0x80 and not _ESCAPED.match(c) for c in _escaped(data))


def _first_bad_byte(line: bytes) -> int:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as error:
        return line[error.start]
    return 0


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
