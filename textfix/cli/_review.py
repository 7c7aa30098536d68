"""What ``textfix diff`` reviews: files, and the files of folders and globs, and JSON Lines records.

A corpus run is reviewed with the same inputs it cleans: a folder or glob becomes its files,
a ``.jsonl`` file its records (named ``FILE:LINE``), each read exactly as the corpus run
reads it, so that a page's decisions name the same document ``textfix fix --decisions`` finds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textfix.batch import find_inputs, is_batch_input
from textfix.errors import InputError, TextfixError
from textfix.model import Result
from textfix.options import Options
from textfix.pipeline import clean_decoded
from textfix.read import Decoded, ReadOptions, decode_text, read_path

from ._common import fail, fail_error, with_recurring

if TYPE_CHECKING:
    from textfix.translate import ModelStore

__all__ = ["review_documents"]


def _records(path: Path, field: str, reading: ReadOptions) -> Iterator[tuple[str, Decoded | str]]:
    """``(name, decoded record or why it cannot be read)`` for each non-blank line of a JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        name = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            yield name, f"not valid JSON ({error})"
            continue
        text = record.get(field) if isinstance(record, dict) else None
        if not isinstance(text, str):
            yield name, f"no text field {field!r} in the record"
            continue
        yield name, decode_text(text, f"line {number}", options=reading)


def _documents(
    specs: Sequence[str], max_bytes: int, reading: ReadOptions, field: str
) -> Iterator[tuple[str, Decoded | str | TextfixError]]:
    """Every document the inputs name, read; or why it could not be (a message, or the error)."""
    for spec in specs:
        if spec.lower().endswith(".jsonl") and spec != "-":
            try:
                yield from _records(Path(spec), field, reading)
            except TextfixError as error:
                yield spec, error
        elif is_batch_input(spec):
            found, failures = find_inputs([spec])
            for failure in failures:
                yield failure.input, failure.error
            yield from _files([str(item.source) for item in found], max_bytes, reading)
        else:
            yield from _files([spec], max_bytes, reading)


def _files(names: Sequence[str], max_bytes: int, reading: ReadOptions) -> Iterator[tuple[str, Decoded | TextfixError]]:
    for name in names:
        try:
            yield name, read_path(name, max_bytes=max_bytes, options=reading)
        except TextfixError as error:
            yield name, error


def review_documents(
    specs: Sequence[str],
    options: Options,
    models: ModelStore | None,
    *,
    max_bytes: int,
    reading: ReadOptions | None = None,
    field: str = "text",
    recurring: int | None = 0,
) -> tuple[list[tuple[str, Result]], int]:
    """Clean every document the inputs name (several: with the ``recurring`` lines they share, as a
    corpus run finds them); report the ones that cannot be read on stderr and count them."""
    documents: list[tuple[str, Decoded]] = []
    failures = 0
    for name, document in _documents(specs, max_bytes, reading or ReadOptions(), field):
        if isinstance(document, TextfixError):
            fail_error(document)
            failures += 1
        elif isinstance(document, str):
            fail(document if document.startswith(name) else f"{name}: {document}")
            failures += 1
        else:
            documents.append((name, document))
    options = with_recurring(options, [decoded for _, decoded in documents], recurring)
    results: list[tuple[str, Result]] = []
    for name, decoded in documents:
        try:
            results.append((name, clean_decoded(decoded, options, models=models)))
        except TextfixError as error:
            fail_error(error)
            failures += 1
    return results, failures
