"""What a worker does with one file of a folder run: clean it, then write its output itself.

The worker writes the output (atomically), and the report entry and review page when they
are asked for, and sends back only what the journal records: the output's size and hash,
the summary, the language and the changes per kind. The main process never holds a text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from textfix.errors import OutputError
from textfix.model import Result
from textfix.output import write_atomic
from textfix.read import ReadOptions, read_path

from ._review import index_fields, report_entry, review_page
from ._worker import READING, WRITING, Mark, describe_failure
from .config import Processor
from .items import result_summary

__all__ = ["FileDone", "FileTask", "commit_files", "prepare_files"]


@dataclass(frozen=True)
class FileTask:
    """One file to clean: where to read it, where its output, report entry and page go."""

    index: int
    source: str
    target: str
    max_bytes: int
    #: Where to write its report entry, its review page (``None``: not asked for).
    entry: str | None = None
    page: str | None = None
    max_worker_mb: int | None = None
    reading: ReadOptions | None = None


@dataclass(frozen=True)
class FileDone:
    """What the main process records of a cleaned file (or why it failed)."""

    index: int
    error: str | None = None
    summary: dict[str, object] | None = None
    sha256: str = ""
    size: int = 0
    language: str | None = None
    changes: dict[str, int] | None = None


@dataclass(frozen=True)
class _Prepared:
    task: FileTask
    result: Result | None
    error: str | None
    data: bytes = b""
    entry: bytes | None = None
    page: str | None = None


def _prepare(processor: Processor, task: FileTask) -> _Prepared:
    try:
        result = processor(read_path(task.source, max_bytes=task.max_bytes, options=task.reading))
        data = result.output.encode("utf-8")
        entry = report_entry(result, task.source) if task.entry is not None else None
        page = review_page(result, task.source) if task.page is not None else None
    except Exception as error:  # one bad document must not stop the run: it is this file's failure
        return _Prepared(task, None, describe_failure(error, task.max_worker_mb))
    return _Prepared(task, result, None, data, entry, page)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text, durable=False)


def _commit(prepared: _Prepared) -> FileDone:
    task, result = prepared.task, prepared.result
    if result is None:
        return FileDone(task.index, prepared.error)
    try:
        if task.entry is not None and prepared.entry is not None:
            _write(Path(task.entry), prepared.entry.decode("utf-8"))
        if task.page is not None and prepared.page is not None:
            _write(Path(task.page), prepared.page)
        _write(Path(task.target), result.output)
    except OutputError as error:
        return FileDone(task.index, str(error))
    except OSError as error:
        return FileDone(task.index, f"{task.target}: cannot write: {error.strerror or error}")
    language, changes = index_fields(result)
    return FileDone(
        task.index,
        summary=result_summary(result),
        sha256=hashlib.sha256(prepared.data).hexdigest(),
        size=len(prepared.data),
        language=language,
        changes=changes,
    )


def prepare_files(processor: Processor, tasks: tuple[FileTask, ...], mark: Mark) -> list[_Prepared]:
    """Clean a few files (a task holds several, so that the pipes carry fewer messages)."""
    prepared = []
    for position, task in enumerate(tasks):
        mark(position, READING)
        prepared.append(_prepare(processor, task))
    return prepared


def commit_files(prepared: list[_Prepared], mark: Mark) -> list[FileDone]:
    """Write what :func:`prepare_files` produced; what the main process records of each file."""
    done = []
    for position, item in enumerate(prepared):
        mark(position, WRITING)
        done.append(_commit(item))
    return done
