"""One item at a time: a record or a file cleaned with this process's processor, and its summary.

These are what :mod:`textfix.dask` maps over a Dask bag, and what corpus runs count.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from textfix.errors import TextfixError
from textfix.model import EditKind, Result
from textfix.options import Options
from textfix.read import ReadOptions, decode_text, read_path

from .config import DEFAULT_MAX_BYTES, WorkerSetup, default_setup, processor_for

__all__ = ["clean_file", "clean_record", "json_kind", "result_summary"]


def result_summary(result: Result) -> dict[str, object]:
    """What cleaning one text found: language, characters, foreign spans, removed spans, edits.

    >>> from textfix import clean
    >>> summary = result_summary(clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n"))
    >>> summary["language"], summary["characters"], summary["foreign_spans"], summary["debris_removed"]
    ('de', 38, 0, 1)
    """
    kinds = [s.kind for s in result.segments]
    return {
        "language": result.language,
        "characters": len(result.original),
        "foreign_spans": kinds.count("foreign"),
        "translated": sum(1 for e in result.edits if e.kind is EditKind.TRANSLATION),
        "debris_removed": kinds.count("debris"),
        "duplicates_removed": kinds.count("duplicate"),
        "edits": len(result.edits),
    }


def json_kind(value: object) -> str:
    """How JSON calls a value, for messages.

    >>> [json_kind(v) for v in (None, True, 3, 2.5, "x", [1], {})]
    ['null', 'true', 'a number', 'a number', 'a string', 'a list', 'an object']
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def clean_record(
    record: Mapping[str, Any],
    field: str = "text",
    options: Options | None = None,
    *,
    setup: WorkerSetup = default_setup,
    reading: ReadOptions | None = None,
) -> dict[str, Any]:
    """A copy of ``record`` with ``<field>_clean`` (the cleaned text) and ``textfix`` (a summary).

    Never raises for a bad record: a missing or non-text field gives ``textfix: {"error": ...}``
    and no cleaned text, so that one bad record does not stop a run on Dask or elsewhere.

    >>> out = clean_record({"id": 7, "text": "Die NATO hat reagiert .\\n\\nLeave a Reply\\n"})
    >>> out["id"], out["text_clean"], out["textfix"]["debris_removed"]
    (7, 'Die NATO hat reagiert.\\n', 1)
    >>> clean_record({"id": 8})["textfix"]
    {'error': "no field 'text' in the record"}
    """
    out = dict(record)
    text = record.get(field)
    if field not in record:
        out["textfix"] = {"error": f"no field {field!r} in the record"}
        return out
    if not isinstance(text, str):
        out["textfix"] = {"error": f"field {field!r} is {json_kind(text)}, not text"}
        return out
    try:
        result = processor_for(options or Options(), setup)(decode_text(text, options=reading))
    except TextfixError as error:
        out["textfix"] = {"error": str(error)}
        return out
    out[f"{field}_clean"] = result.output
    out["textfix"] = result_summary(result)
    return out


def clean_file(
    path: str | os.PathLike[str],
    options: Options | None = None,
    *,
    setup: WorkerSetup = default_setup,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Clean one file: ``{"path", "text" (cleaned), "textfix": summary}``, or ``textfix: {"error"}``."""
    name = os.fspath(path)
    try:
        result = processor_for(options or Options(), setup)(read_path(name, max_bytes=max_bytes))
    except TextfixError as error:
        return {"path": name, "textfix": {"error": str(error)}}
    return {"path": name, "text": result.output, "textfix": result_summary(result)}
