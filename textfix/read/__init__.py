"""Read: bytes → text; an HTML page → the blocks of its article.

- :mod:`textfix.read.decode`: bytes → text (UTF-8, a byte order mark, legacy encodings);
- :mod:`textfix.read.html`: an HTML page → its article, one block per paragraph.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from textfix.errors import InputError, InputTooLargeError

from ._tokenizer import visible_text
from .decode import LEGACY_ENCODINGS, Decoded, decode_bytes

__all__ = ["LEGACY_ENCODINGS", "Decoded", "decode_bytes", "html_to_text", "is_html", "read_path"]

_HTML_SNIFF = re.compile(r"\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


def html_to_text(markup: str) -> str:
    """The text of an HTML page, one block per paragraph."""
    return visible_text(markup)


def is_html(name: str, text: str) -> bool:
    """Whether to treat ``text`` as an HTML page: by file suffix, or by how it starts."""
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_SNIFF.match(text[:1024]))


def read_path(path: Path | str, *, max_bytes: int | None = None) -> Decoded:
    """Read a file (``-`` for standard input) as text; HTML pages are reduced to their blocks."""
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
