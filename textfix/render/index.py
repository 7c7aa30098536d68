"""The review index: one page for a run of many documents, sortable, with every page's decisions.

A row per document links its review page and counts what a reviewer goes through first:
changes (marked, and per kind), flags, untranslated spans and low-confidence translations;
a click on a column header sorts by it. The index reads the decisions each page keeps in
the browser's storage, shows them per document, and downloads them all as one bundle for
``textfix fix --decisions`` (:mod:`textfix.decisions`). Corpus runs build the same index from
an :class:`IndexEntry` per document (:func:`index_entry`), so they never keep the results.

>>> from textfix import clean
>>> page = render_index([index_entry("a<b>.txt", "a.html", clean("Die NATO ist besorgt .\\n"))])
>>> "a&lt;b&gt;.txt</a>" in page, 'data-v="1">1</td>' in page
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from textfix.errors import OutputError
from textfix.model import Result

from ._assets import INDEX_SCRIPT, page_document
from .align import CHANGE_KINDS, MARKED_KINDS
from .report import LOW_CONFIDENCE, change_counts, low_confidence, untranslated_spans

__all__ = ["IndexEntry", "ensure_folder", "index_entry", "render_index"]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One document on the index page: its name, the page's file name, and what to sort it by."""

    name: str
    href: str
    language: str
    #: Edits per kind (:func:`textfix.render.report.change_counts`).
    counts: dict[str, int]
    #: The sha256 of the original and the options fingerprint: where the page keeps its decisions.
    document: str = ""
    options: str | None = None
    flags: int = 0
    untranslated: int = 0
    low_confidence: int = 0
    marked: int = field(default=-1)

    @property
    def changes(self) -> int:
        """The marked changes (every kind but whitespace)."""
        return self.marked if self.marked >= 0 else sum(n for k, n in self.counts.items() if k in MARKED_KINDS)


def index_entry(name: str, href: str, result: Result, *, threshold: float = LOW_CONFIDENCE) -> IndexEntry:
    """The index entry of a document whose page is ``href``."""
    from textfix.decisions import document_hash, options_fingerprint

    counts = change_counts(result.edits)
    return IndexEntry(
        name, href, result.language, counts,
        document=document_hash(result.original),
        options=options_fingerprint(result.options) if result.options is not None else None,
        flags=len(result.flags),
        untranslated=len(untranslated_spans(result)),
        low_confidence=len(low_confidence(result, threshold)),
    )


def _cell(value: int, *, alert: bool = False) -> str:
    some = ' class="some"' if alert and value else ""
    return f'<td data-v="{value}"{some}>{value}</td>'


def _header(label: str, *, numeric: bool = True, title: str = "") -> str:
    hint = f' title="{escape(title)}"' if title else ""
    return f'<th{" data-numeric" if numeric else ""}{hint}><button type="button">{escape(label)}</button></th>'


def render_index(entries: Sequence[IndexEntry]) -> str:
    """A page linking every document's review page, sortable by changes, flags, untranslated spans
    and low-confidence translations, with the decisions made on each page and one download of all."""
    heads = [
        _header("document", numeric=False), _header("language", numeric=False),
        _header("changes", title="marked changes: every kind but whitespace"),
        *(_header(str(kind)) for kind in CHANGE_KINDS),
        _header("flags", title="damage left by machine translation"),
        _header("untranslated", title="foreign spans kept verbatim"),
        _header("low confidence", title=f"translations the models were less sure of than {LOW_CONFIDENCE:g}"),
        _header("decisions", title="decisions made on the page (kept by this browser)"),
    ]
    rows = []
    for entry in entries:
        cells = "".join(_cell(entry.counts.get(kind, 0)) for kind in CHANGE_KINDS)
        rows.append(
            f'<tr data-document="{escape(entry.document)}" data-options="{escape(entry.options or "")}">'
            f'<td data-v="{escape(entry.name)}"><a href="{escape(quote(entry.href))}">{escape(entry.name)}</a></td>'
            f'<td data-v="{escape(entry.language)}">{escape(entry.language)}</td>{_cell(entry.changes)}{cells}'
            f"{_cell(entry.flags, alert=True)}{_cell(entry.untranslated, alert=True)}"
            f'{_cell(entry.low_confidence, alert=True)}<td class="decisions" data-v="-1">—</td></tr>'
        )
    body = (
        f"<header><h1>textfix review: {len(entries)} documents</h1>\n"
        '<p class="tools"><span>decisions kept for <b id="n-decided">0</b> documents</span>'
        '<button type="button" id="download-all">Download all decisions</button>'
        "<span>then: <code>textfix fix INPUTS --decisions decisions.json</code> (with the options of this "
        "review)</span></p>\n"
        '<p class="keys">Click a column to sort by it. Open a page, decide, come back: the counts follow.</p>'
        "</header>\n<main>\n"
        f'<table id="documents">\n<thead><tr>{"".join(heads)}</tr></thead>\n<tbody>\n'
        + "\n".join(rows) + "\n</tbody>\n</table>\n</main>"
    )
    return page_document("textfix review", body, script=INDEX_SCRIPT)


def ensure_folder(folder: Path) -> None:
    """Create the review folder if its parent exists; refuse a file in its way."""
    if folder.is_dir():
        return
    if folder.exists() or not folder.parent.is_dir():
        raise OutputError(f"{folder}: cannot write review pages: not a folder, and cannot be created")
    try:
        folder.mkdir()
    except OSError as error:
        raise OutputError(f"{folder}: cannot create folder: {error.strerror or error}") from error
