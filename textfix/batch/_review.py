"""The report and the review index of a corpus run, put together from what the workers wrote.

Workers render each document's report entry and review page (:mod:`textfix.render`) as they
clean it; the main process only joins them at the end, so that a run of 100,000 files never
holds their results in memory. The report is the ``--report`` format of single files
(:data:`textfix.render.report.REPORT_VERSION`), one document per line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from textfix.debris.recurring import RecurringLines
from textfix.errors import OutputError
from textfix.model import Result
from textfix.output import open_temporary, write_atomic
from textfix.render.html import IndexEntry, render_index, render_page
from textfix.render.report import REPORT_VERSION, change_counts, document_report

__all__ = [
    "REPORT_FOLDER",
    "IndexEntry",
    "ensure_folder",
    "report_entry",
    "review_page",
    "write_index",
    "write_report",
]

#: Hidden folder in a folder run's output that keeps each document's report entry between runs.
REPORT_FOLDER = ".textfix-report"


def report_entry(result: Result, name: str) -> bytes:
    """One document of the report, as one line of JSON."""
    return json.dumps(document_report(result, name), ensure_ascii=False).encode("utf-8")


def review_page(result: Result, name: str) -> str:
    """One document's review page."""
    return render_page(result, name)


def index_fields(result: Result) -> tuple[str, dict[str, int]]:
    """What the review index shows of a document: its language and its changes per kind."""
    return result.language, change_counts(result.edits)


def ensure_folder(folder: Path, what: str) -> None:
    """Create ``folder`` if its parent exists (as ``textfix diff --html DIR`` does)."""
    if folder.is_dir():
        return
    if folder.exists() or not folder.parent.is_dir():
        raise OutputError(f"{folder}: cannot write {what}: not a folder, and cannot be created")
    try:
        folder.mkdir()
    except OSError as error:
        raise OutputError(f"{folder}: cannot create folder: {error.strerror or error}") from error


def write_report(path: Path, entries: Iterable[bytes], *, recurring: RecurringLines | None = None) -> None:
    """Write ``{"textfix_report": 1, "documents": [...]}`` from ``entries``, atomically, in one pass;
    with the run's ``recurring`` lines (site chrome) when it found any."""
    handle, temporary = open_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(f'{{"textfix_report": {REPORT_VERSION}, '.encode())
            if recurring is not None:
                stream.write(b'"recurring": ' + json.dumps(recurring.to_json(), ensure_ascii=False).encode() + b", ")
            stream.write(b'"documents": [\n')
            for number, entry in enumerate(entries):
                if number:
                    stream.write(b",\n")
                stream.write(entry)
            stream.write(b"\n]}\n")
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_index(folder: Path, entries: Sequence[IndexEntry]) -> None:
    """``index.html`` in ``folder``: a link to every document's page with its counts."""
    try:
        write_atomic(folder / "index.html", render_index(entries))
    except OSError as error:
        raise OutputError(f"{folder / 'index.html'}: cannot write: {error.strerror or error}") from error
