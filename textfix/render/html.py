"""Review pages: one self-contained HTML page per document, and an index for a batch.

A page holds the original and the output side by side, aligned by paragraph, every
change marked in the style of its kind (a legend counts them). Hovering or clicking a
change shows its reason and, for translations, the source span and the model pair;
``n``/``j`` and ``p``/``k`` jump to the next and previous change. Styles and script are
inline, a content security policy forbids loading anything, and every piece of the
input is escaped, so the page works offline and scraped markup is shown, never run.

>>> from textfix import clean
>>> page = render_page(clean("Die NATO ist besorgt .\\n\\n<script>alert(1)</script> & Co\\n"), "a<b>.txt")
>>> "<script>alert(1)" in page, "&lt;script&gt;alert(1)&lt;/script&gt;</del>" in page
(False, True)
>>> "&amp; Co" in page, "a&lt;b&gt;.txt" in page
(True, True)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from textfix.errors import OutputError
from textfix.model import Result
from textfix.output import write_atomic

from .align import CHANGE_KINDS, MARKED_KINDS, Piece, Row, align, trimmed_side
from .report import change_counts, untranslated_spans

__all__ = ["IndexEntry", "page_names", "render_index", "render_page", "write_page", "write_pages"]

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

_CSS = """
:root { --debris: #c62828; --duplicate: #8e24aa; --repair: #b26a00; --translation: #00796b;
  --glossary: #1565c0; --other: #546e7a; --foreign: #f9a825; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #222; background: #fafafa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd;
  padding: .5rem 1rem; }
h1 { font-size: 1.1rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.meta, .keys { margin: 0; color: #555; font-size: .85rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: .25rem 0; padding: 0;
  font-size: .85rem; }
.legend b { font-variant-numeric: tabular-nums; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; padding: .4rem 1rem; }
.cols.head { font-weight: 600; color: #555; border-bottom: 1px solid #eee; }
.row:nth-child(even) { background: #f3f3f3; }
.row > div { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0; }
.n:empty::before { content: "(removed)"; color: #999; font-style: italic; }
.chg, .out { border-radius: 3px; cursor: pointer; padding: 0 1px; background: #eceff1; color: var(--other); }
del.chg { text-decoration: line-through; }
ins.out { text-decoration: none; }
.chg:empty::before { content: "\\2038"; }
.chg::after { content: attr(data-label); display: inline-block; margin-left: .2em; padding: 0 .25em;
  font-size: .7em; vertical-align: super; line-height: 1; border-radius: 3px; background: rgba(255,255,255,.7); }
.k-debris { background: #ffebee; color: var(--debris); }
.k-duplicate { background: #f3e5f5; color: var(--duplicate); }
.k-repair { background: #fff3e0; color: var(--repair); }
.k-translation { background: #e0f2f1; color: var(--translation); }
.k-glossary { background: #e3f2fd; color: var(--glossary); }
.foreign { border-bottom: 2px dotted var(--foreign); }
.current { outline: 2px solid #000; }
#detail { position: fixed; right: 1rem; bottom: 1rem; z-index: 3; max-width: min(36rem, 90vw); max-height: 40vh;
  overflow: auto; background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: .5rem .75rem;
  box-shadow: 0 2px 10px rgba(0,0,0,.2); font-size: .9rem; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: 0; }
#detail dt { color: #555; }
#detail dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.problems { margin: .25rem 0; padding-left: 1.2rem; color: #8a1c1c; font-size: .85rem; }
table { border-collapse: collapse; margin: 1rem; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var changes = Array.prototype.slice.call(document.querySelectorAll(".chg"));
  var position = {};
  changes.forEach(function (el, k) { position[el.getAttribute("data-i")] = k; });
  var box = document.getElementById("detail");
  var list = box.querySelector("dl");
  var current = -1;
  function add(name, value) {
    if (!value) { return; }
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }
  function show(el) {
    var i = el.getAttribute("data-i");
    var out = document.querySelector('.out[data-i="' + i + '"]');
    var translation = el.getAttribute("data-kind") === "translation";
    list.textContent = "";
    add("change", String(position[i] + 1) + " of " + changes.length + " (" + el.getAttribute("data-kind") + ")");
    add("reason", el.getAttribute("data-reason"));
    add(translation ? "source span" : "original", el.textContent || "(nothing)");
    add("output", out ? out.textContent : "(removed)");
    add("model pair", el.getAttribute("data-model"));
    add("languages", el.getAttribute("data-pair"));
    box.hidden = false;
  }
  function select(k) {
    if (!changes.length) { return; }
    if (current >= 0) { changes[current].classList.remove("current"); }
    current = (k + changes.length) % changes.length;
    var el = changes[current];
    el.classList.add("current");
    el.scrollIntoView({block: "center"});
    show(el);
  }
  function changeOf(target) {
    var el = target.closest ? target.closest("[data-i]") : null;
    return el ? changes[position[el.getAttribute("data-i")]] : null;
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "n" || event.key === "j") { select(current + 1); }
    else if (event.key === "p" || event.key === "k") { select(current - 1); }
    else if (event.key === "Escape") { box.hidden = true; }
    else { return; }
    event.preventDefault();
  });
  document.querySelector("main").addEventListener("click", function (event) {
    var el = changeOf(event.target);
    if (el) { select(position[el.getAttribute("data-i")]); }
  });
  document.querySelector("main").addEventListener("mouseover", function (event) {
    var el = changeOf(event.target);
    if (el) { show(el); }
  });
  document.documentElement.setAttribute("data-changes", String(changes.length));
})();
"""


def _change_attributes(piece: Piece) -> str:
    """The data attributes of a marked change: index, kind, reason, and translation details."""
    assert piece.change is not None  # only changes are marked
    change = piece.change
    attributes = [
        f'data-i="{piece.edit}"', f'data-kind="{escape(change.kind)}"', f'data-reason="{escape(change.reason)}"',
        f'data-label="{escape(change.reasons[0].detail or change.kind)}"',
    ]
    translation = change.translation
    if translation is not None:
        attributes.append(f'data-model="{escape(translation.model)}"')
        attributes.append(f'data-pair="{escape(translation.source)}→{escape(translation.target)}"')
    return " ".join(attributes)


def _side_html(row: Row, side: str) -> str:
    """One column of a row: unchanged text, untranslated spans and marked changes, all escaped."""
    parts: list[str] = []
    for piece, text in trimmed_side(row, side):
        body = escape(text)
        if not piece.marked:
            if piece.foreign:
                lang = escape(piece.foreign)
                parts.append(f'<span class="foreign" lang="{lang}" title="untranslated ({lang})">{body}</span>')
            else:
                parts.append(body)
        elif side == "before":
            title = escape(piece.reason or "")
            parts.append(f'<del class="chg k-{piece.kind}" tabindex="0" title="{title}" {_change_attributes(piece)}>'
                         f"{body}</del>")
        elif text:
            parts.append(f'<ins class="out k-{piece.kind}" data-i="{piece.edit}">{body}</ins>')
    return "".join(parts)


def _rows_html(result: Result) -> str:
    rows = []
    for row in align(result):
        left, right = _side_html(row, "before"), _side_html(row, "after")
        if left or right:
            rows.append(f'<section class="cols row"><div class="o">{left}</div><div class="n">{right}</div></section>')
    return "\n".join(rows)


def _legend(counts: dict[str, int], untranslated: int) -> str:
    """The legend: each kind of change in its style with its count, then whitespace and untranslated text."""
    items = [f'<li><span class="k-{kind}">{kind}</span> <b data-kind="{kind}">{counts[kind]}</b></li>'
             for kind in CHANGE_KINDS if kind in MARKED_KINDS]
    items.append(f'<li>whitespace (not marked) <b data-kind="whitespace">{counts["whitespace"]}</b></li>')
    items.append(f'<li><span class="foreign">untranslated</span> <b data-kind="untranslated">{untranslated}</b></li>')
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _problems(result: Result) -> str:
    """What went wrong or was kept verbatim, one item each (nothing when there is nothing)."""
    if not result.problems:
        return ""
    items = "".join(
        f'<li data-kind="{escape(p.kind)}">{escape(p.message)} (characters {p.start}–{p.end})</li>'
        for p in result.problems
    )
    return f'<ul class="problems">{items}</ul>'


def _document(title: str, body: str, *, script: bool) -> str:
    """A complete page: charset, security policy, inline style, ``body`` and (optionally) the script."""
    code = f"<script>{_SCRIPT}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n{code}</body>\n</html>\n"
    )


def render_page(result: Result, name: str) -> str:
    """The review page of one document (``name``: the input it came from), self-contained."""
    counts = change_counts(result.edits)
    untranslated = len(untranslated_spans(result))
    marked = sum(n for kind, n in counts.items() if kind in MARKED_KINDS)
    meta = (
        f"language {escape(result.language)} · encoding {escape(result.encoding or 'unknown')} · "
        f"{len(result.edits)} edits, {marked} marked · {len(result.original):,} → {len(result.output):,} characters"
    )
    body = (
        f"<header>\n<h1>{escape(name)}</h1>\n<p class=\"meta\">{meta}</p>\n{_legend(counts, untranslated)}\n"
        f"{_problems(result)}"
        '<p class="keys">Keys: <kbd>n</kbd>/<kbd>j</kbd> next change, <kbd>p</kbd>/<kbd>k</kbd> previous, '
        "<kbd>Esc</kbd> hide details. Hover or click a change for its reason.</p>\n</header>\n"
        '<main>\n<div class="cols head"><div>original</div><div>output</div></div>\n'
        f"{_rows_html(result)}\n</main>\n"
        '<aside id="detail" hidden><dl></dl></aside>'
    )
    return _document(f"textfix review: {name}", body, script=True)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One document on the index page: its name, the page's file name, and counts per kind."""

    name: str
    href: str
    language: str
    counts: dict[str, int]


def index_entry(name: str, href: str, result: Result) -> IndexEntry:
    """The index entry of a document whose page is ``href``."""
    return IndexEntry(name, href, result.language, change_counts(result.edits))


def render_index(entries: Sequence[IndexEntry]) -> str:
    """A page linking every document's review page, with its language and counts per kind."""
    head = "".join(f"<th>{kind}</th>" for kind in CHANGE_KINDS)
    rows = []
    for entry in entries:
        cells = "".join(f"<td>{entry.counts.get(kind, 0)}</td>" for kind in CHANGE_KINDS)
        rows.append(f'<tr><td><a href="{escape(quote(entry.href))}">{escape(entry.name)}</a></td>'
                    f"<td>{escape(entry.language)}</td>{cells}</tr>")
    body = (f"<header><h1>textfix review: {len(entries)} documents</h1></header>\n<main>\n<table>\n"
            f"<thead><tr><th>document</th><th>language</th>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n</main>")
    return _document("textfix review", body, script=False)


def page_names(names: Sequence[str]) -> list[str]:
    """A distinct ``.html`` file name for each input (``-`` is ``stdin``; clashes get ``-2``, ``-3``...).

    >>> page_names(["a/x.txt", "b/x.txt", "-", "index.html"])
    ['x.html', 'x-2.html', 'stdin.html', 'index-page.html']
    """
    seen: set[str] = {"index.html"}
    result = []
    for name in names:
        stem = "stdin" if name == "-" else os.path.splitext(Path(name).name)[0] or "document"
        candidate = f"{stem}.html" if stem != "index" else "index-page.html"
        number = 2
        while candidate in seen:
            candidate = f"{stem}-{number}.html"
            number += 1
        seen.add(candidate)
        result.append(candidate)
    return result


def write_page(path: Path, result: Result, name: str) -> None:
    """Write one document's review page, atomically."""
    write_atomic(path, render_page(result, name))


def write_pages(folder: Path, items: Sequence[tuple[str, Result]]) -> list[Path]:
    """One page per ``(name, result)`` in ``folder`` (created if its parent exists) plus ``index.html``."""
    if not folder.is_dir():
        if folder.exists() or not folder.parent.is_dir():
            raise OutputError(f"{folder}: cannot write review pages: not a folder, and cannot be created")
        try:
            folder.mkdir()
        except OSError as error:
            raise OutputError(f"{folder}: cannot create folder: {error.strerror or error}") from error
    names = page_names([name for name, _ in items])
    paths = []
    for (name, result), file_name in zip(items, names, strict=True):
        write_page(folder / file_name, result, name)
        paths.append(folder / file_name)
    entries = [index_entry(name, file_name, result) for (name, result), file_name in zip(items, names, strict=True)]
    write_atomic(folder / "index.html", render_index(entries))
    return [*paths, folder / "index.html"]
