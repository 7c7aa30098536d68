"""Bytes → text: UTF-8 first, a named fallback for legacy encodings, binary input refused."""

from __future__ import annotations

import re
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
