"""What a worker does with a chunk of JSON Lines records: parse, check, clean, serialise.

Every output line is valid JSON in valid UTF-8, or the record is not written:

- a line that is not JSON, holds ``NaN`` or ``Infinity`` (Python's ``json`` reads them; no
  other JSON reader does), is not an object, or holds a lone surrogate escape (``"\\ud800"``:
  not a character, cannot be written as UTF-8) is left out;
- a record without the field, or whose field is not text, keeps its place with
  ``"textfix": {"error": ...}``;
- a record that already has ``<field>_clean`` or ``textfix`` (the output of an earlier run)
  is written unchanged unless ``overwrite`` is set.

Each is listed with its line number among the failures. Messages name JSON's values
(``null``, ``a list``), never Python's types.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from textfix.errors import OutputError
from textfix.model import Result
from textfix.output import write_atomic
from textfix.read import ReadOptions, decode_text

from ._review import index_fields, report_entry, review_page
from ._worker import READING, WRITING, Mark, describe_failure
from .config import Processor
from .items import json_kind, result_summary

__all__ = ["ChunkTask", "LineDone", "commit_chunk", "failed_line", "parse_record", "prepare_chunk"]

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ChunkTask:
    """Records to clean: ``(line number, raw line)`` (``None``: over the size limit), and how."""

    items: tuple[tuple[int, bytes | None], ...]
    field: str
    max_bytes: int
    source: str
    overwrite: bool = False
    report: bool = False
    #: Folder of the review pages (``None``: none asked for); a record's page is ``{stem}-{line}.html``.
    pages: str | None = None
    stem: str = "record"
    max_worker_mb: int | None = None
    reading: ReadOptions | None = None

    def without(self, position: int) -> ChunkTask:
        return replace(self, items=self.items[:position] + self.items[position + 1 :])


@dataclass(frozen=True)
class LineDone:
    """One record's outcome: its output line (``None``: left out), and what the run records of it."""

    line: int
    output: bytes | None
    error: str | None = None
    summary: dict[str, object] | None = None
    #: The record's report entry (one line of JSON), and its review index fields.
    entry: bytes | None = None
    index: tuple[str, str, str, dict[str, int]] | None = None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_record(raw: bytes) -> dict[str, Any] | str:
    """The record of a raw line, or why it is left out.

    >>> parse_record(b'{"a": NaN}')
    'not valid JSON (NaN is not a JSON value); left out'
    >>> parse_record(b'[1, 2]'), parse_record(b'null')
    ('a list, not an object; left out', 'null, not an object; left out')
    """
    try:
        record = json.loads(raw, parse_constant=_refuse_constant)
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 (byte {error.object[error.start]:#04x} at byte {error.start + 1}); left out"
    except ValueError as error:
        return f"not valid JSON ({error}); left out"
    if not isinstance(record, dict):
        return f"{json_kind(record)}, not an object; left out"
    return record


def _surrogate(text: str, where: str) -> str | None:
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return (f"{where} holds a lone surrogate (\\u{ord(found.group()):04x} at character {found.start()}), "
            "which is not a character; left out")


def _serialise(record: dict[str, Any]) -> bytes | str:
    """The output line, or why it cannot be written."""
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8") + b"\n"
    except UnicodeEncodeError as error:
        return _surrogate(error.object[error.start : error.end], "the record") or "not valid Unicode; left out"
    except ValueError as error:
        return f"cannot be written as JSON ({error}); left out"


def _existing(record: dict[str, Any], field: str) -> list[str]:
    return [name for name in (f"{field}_clean", "textfix") if name in record]


def failed_line(line: int, raw: bytes | None, error: str, *, overwrite: bool, field: str) -> LineDone:
    """A record given up (a worker died on it, or it took too long): it keeps its place with
    ``"textfix": {"error": ...}`` when it can, else it is left out."""
    record = parse_record(raw) if raw is not None else "too large"
    if isinstance(record, str):
        return LineDone(line, None, error)
    if _existing(record, field) and not overwrite:
        return LineDone(line, raw if raw is not None and raw.endswith(b"\n") else (raw or b"") + b"\n", error)
    record["textfix"] = {"error": error}
    output = _serialise(record)
    return LineDone(line, output if isinstance(output, bytes) else None, error)


@dataclass(frozen=True)
class _Cleaned:
    done: LineDone
    page: str | None = None


def _clean_line(processor: Processor, task: ChunkTask, line: int, raw: bytes | None) -> _Cleaned:
    field = task.field
    if raw is None:
        return _Cleaned(LineDone(line, None, f"record larger than the limit of {task.max_bytes} bytes; left out"))
    record = parse_record(raw)
    if isinstance(record, str):
        return _Cleaned(LineDone(line, None, record))
    existing = _existing(record, field)
    if existing and not task.overwrite:
        names = " and ".join(repr(name) for name in existing)
        error = f"the record already has {names}; kept unchanged (--overwrite-fields replaces them)"
        return _Cleaned(LineDone(line, raw if raw.endswith(b"\n") else raw + b"\n", error))
    text = record.get(field)
    if field not in record:
        error = f"no field {field!r} in the record"
    elif not isinstance(text, str):
        error = f"field {field!r} is {json_kind(text)}, not text"
    elif (problem := _surrogate(text, f"field {field!r}")) is not None:
        return _Cleaned(LineDone(line, None, problem))
    else:
        try:
            result = processor(decode_text(text, f"line {line}", options=task.reading))
        except Exception as failure:  # one bad record must not stop the run
            error = describe_failure(failure, task.max_worker_mb)
        else:
            return _cleaned(task, line, record, result)
    record["textfix"] = {"error": error}
    output = _serialise(record)
    if isinstance(output, str):
        return _Cleaned(LineDone(line, None, output))
    return _Cleaned(LineDone(line, output, error))


def _cleaned(task: ChunkTask, line: int, record: dict[str, Any], result: Result) -> _Cleaned:
    summary = result_summary(result)
    record[f"{task.field}_clean"] = result.output
    record["textfix"] = summary
    output = _serialise(record)
    if isinstance(output, str):
        return _Cleaned(LineDone(line, None, output))
    name = f"{task.source}:{line}"
    entry = report_entry(result, name) if task.report else None
    page = index = None
    if task.pages is not None:
        page = review_page(result, name)
        language, changes = index_fields(result)
        index = (name, f"{task.stem}-{line}.html", language, changes)
    return _Cleaned(LineDone(line, output, None, summary, entry, index), page)


def prepare_chunk(processor: Processor, task: ChunkTask, mark: Mark) -> tuple[ChunkTask, list[_Cleaned]]:
    cleaned = []
    for position, (line, raw) in enumerate(task.items):
        mark(position, READING)
        cleaned.append(_clean_line(processor, task, line, raw))
    return task, cleaned


def commit_chunk(prepared: tuple[ChunkTask, list[_Cleaned]], mark: Mark) -> list[LineDone]:
    """Write the review pages of the chunk (the records themselves go to the main process)."""
    task, cleaned = prepared
    lines = []
    for position, item in enumerate(cleaned):
        done = item.done
        if item.page is not None and task.pages is not None and done.index is not None:
            mark(position, WRITING)
            try:
                write_atomic(Path(task.pages) / done.index[1], item.page, durable=False)
            except OutputError as error:
                done = replace(done, index=None, error=f"review page: {error}")
            except OSError as error:
                done = replace(done, index=None, error=f"review page: cannot write: {error.strerror or error}")
        lines.append(done)
    return lines
