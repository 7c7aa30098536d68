"""Review pages: one self-contained HTML page per document, and an index for a batch (:mod:`.index`).

A page holds the original and the output side by side, aligned by paragraph, every
change marked in the style of its kind (a legend counts them). Hovering or clicking a
change shows its reason and, for translations, the source span, the model pair, how sure
the models were (translations below a threshold are marked), the English text of a pivot
and whether glossary names came through; ``n``/``j`` and ``p``/``k`` jump to the next and
previous change. Each change can be accepted or rejected (``a`` / ``r``, the buttons of the
details, or all of a kind at once); the decisions stay in the browser's storage and download
as a decisions file for ``textfix fix --decisions`` (:mod:`textfix.decisions`). A filter
shows only the paragraphs that changed. Styles and script are inline, a content security
policy forbids loading anything, and every piece of the input is escaped, so the page works
offline and scraped markup is shown, never run.

>>> from textfix import clean
>>> page = render_page(clean("Die NATO ist besorgt .\\n\\n<script>alert(1)</script> & Co\\n"), "a<b>.txt")
>>> "<script>alert(1)" in page, "&lt;script&gt;alert(1)&lt;/script&gt;</del>" in page
(False, True)
>>> "&amp; Co" in page, "a&lt;b&gt;.txt" in page
(True, True)
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from html import escape
from pathlib import Path

from textfix._version import __version__
from textfix.model import Flag, Result, edit_ids
from textfix.output import write_atomic

from ._assets import PAGE_SCRIPT, page_document
from .align import CHANGE_KINDS, MARKED_KINDS, Piece, Row, align, trimmed_side
from .flags import FLAG_MARK, flagged_html, row_flags
from .index import IndexEntry, ensure_folder, index_entry, render_index
from .report import LOW_CONFIDENCE, change_counts, untranslated_spans

__all__ = [
    "IndexEntry",
    "decisions_file_name",
    "index_entry",
    "page_names",
    "render_index",
    "render_page",
    "write_page",
    "write_pages",
]


def _translation_attributes(piece: Piece, low: float) -> tuple[list[str], bool]:
    """The data attributes of a translation (model, languages, confidence, pivot, names) and whether
    its confidence is below ``low``."""
    assert piece.change is not None
    translation = piece.change.translation
    if translation is None:
        return [], False
    attributes = [f'data-model="{escape(translation.model)}"',
                  f'data-pair="{escape(translation.source)}→{escape(translation.target)}"']
    confidence = translation.confidence
    if confidence is not None:
        hops = " · ".join(f"{pair} {math.exp(score):.2f}" for pair, score in
                          zip(translation.route, translation.scores, strict=False))
        attributes += [f'data-confidence="{confidence:.4f}"', f'data-scores="{escape(hops)}"']
    if translation.pivot is not None:
        attributes.append(f'data-pivot="{escape(translation.pivot)}"')
    if translation.names_kept is not None:
        names = "kept" if translation.names_kept else "lost in translation: the span was translated again as it is"
        attributes.append(f'data-names="{names}"')
    return attributes, confidence is not None and confidence < low


def _change_html(piece: Piece, text: str, edit_id: str, low: float) -> str:
    """A marked change on the original side: its kind, id, reason and translation details."""
    assert piece.change is not None  # only changes are marked
    change = piece.change
    extra, is_low = _translation_attributes(piece, low)
    attributes = [
        f'data-i="{piece.edit}"', f'data-id="{edit_id}"', f'data-kind="{escape(change.kind)}"',
        f'data-reason="{escape(change.reason)}"', f'data-label="{escape(change.reasons[0].detail or change.kind)}"',
        *extra,
    ]
    classes = f"chg k-{piece.kind}" + (" low" if is_low else "")
    title = escape(piece.reason or "")
    return f'<del class="{classes}" tabindex="0" title="{title}" {" ".join(attributes)}>{escape(text)}</del>'


def _side_html(
    row: Row, side: str, ids: Sequence[str], low: float, flags: Sequence[Flag] = (), shown: set[int] | None = None
) -> str:
    """One column of a row: unchanged text, untranslated spans and marked changes, all escaped.

    Given the row's ``flags``, the original side marks them in its unchanged text.
    """
    parts: list[str] = []
    offsets = _piece_offsets(row) if flags else {}
    shown = shown if shown is not None else set()
    for piece, text in trimmed_side(row, side):
        body = escape(text)
        if flags and not piece.marked and text.strip():
            body = flagged_html(text, offsets[id(piece)] + piece.before.find(text), flags, shown)
        if not piece.marked:
            if piece.foreign:
                lang = escape(piece.foreign)
                parts.append(f'<span class="foreign" lang="{lang}" title="untranslated ({lang})">{body}</span>')
            else:
                parts.append(body)
        elif side == "before":
            assert piece.edit is not None
            parts.append(_change_html(piece, text, ids[piece.edit], low))
        elif text:
            translation = piece.change.translation if piece.change is not None else None
            confidence = translation.confidence if translation is not None else None
            classes = f"out k-{piece.kind}" + (" low" if confidence is not None and confidence < low else "")
            parts.append(f'<ins class="{classes}" data-i="{piece.edit}">{body}</ins>')
    return "".join(parts)


def _piece_offsets(row: Row) -> dict[int, int]:
    """Where each piece of the row starts in the original."""
    offsets, position = {}, row.start
    for piece in row.pieces:
        offsets[id(piece)] = position
        position += len(piece.before)
    return offsets


def _rows_html(result: Result, low: float) -> str:
    """Every paragraph row; those with a marked change have the class ``c`` (the "changed only" filter)."""
    ids = edit_ids(result.edits)
    rows = []
    starts = [flag.start for flag in result.flags]
    shown: set[int] = set()
    for row in align(result):
        flags = row_flags(result.flags, starts, row) if result.flags else []
        left = _side_html(row, "before", ids, low, flags, shown)
        right = _side_html(row, "after", ids, low)
        if left or right:
            changed = " c" if any(piece.marked for piece in row.pieces) else ""
            rows.append(f'<section class="cols row{changed}"><div class="o">{left}</div>'
                        f'<div class="n">{right}</div></section>')
    return "\n".join(rows)


def _all_buttons(kind: str, what: str) -> str:
    return (f'<button type="button" data-all="accepted" data-for="{kind}" title="accept every {what}">\u2713 all'
            f'</button><button type="button" data-all="rejected" data-for="{kind}" title="reject every {what}">'
            "\u2717 all</button>")


def _legend(counts: dict[str, int], untranslated: int, low: int | None, threshold: float, flags: int = 0) -> str:
    """The legend: each kind of change in its style with its count and buttons to decide all of them,
    then whitespace, untranslated text, the flags and (with scored translations) the low-confidence ones."""
    items = [f'<li><span class="k-{kind}">{kind}</span> <b data-kind="{kind}">{counts[kind]}</b>'
             f"{_all_buttons(kind, f'{kind} change') if counts[kind] else ''}</li>"
             for kind in CHANGE_KINDS if kind in MARKED_KINDS]
    items.append(f'<li>whitespace (not marked) <b data-kind="whitespace">{counts["whitespace"]}</b></li>')
    items.append(f'<li><span class="foreign">untranslated</span> <b data-kind="untranslated">{untranslated}</b></li>')
    items.append(f'<li><mark class="flag first" title="damage left by machine translation: hover a mark">'
                 f'flagged</mark> <b data-kind="flags">{flags}</b></li>')
    if low is not None:
        items.append(
            f'<li><span class="k-translation low">low confidence</span> <b id="n-low">{low}</b> below '
            f'<input id="low-threshold" type="number" min="0" max="1" step="0.05" value="{threshold:g}" '
            f'aria-label="confidence threshold">{_all_buttons("low", "low-confidence translation")}</li>'
        )
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _tools(marked: int) -> str:
    """The decisions bar: counts, download, forget, and the "changed paragraphs only" filter."""
    return (
        '<p class="tools"><span>decisions: <b id="n-rejected">0</b> rejected · <b id="n-accepted">0</b> '
        f'accepted · <b id="n-open">{marked}</b> open</span>'
        '<button type="button" id="download">Download decisions</button>'
        '<button type="button" id="forget" title="forget every decision on this page">Forget decisions</button>'
        '<label><input type="checkbox" id="changed-only"> changed paragraphs only</label></p>'
    )


def _problems(result: Result) -> str:
    """What went wrong or was kept verbatim, one item each (nothing when there is nothing)."""
    if not result.problems:
        return ""
    items = "".join(
        f'<li data-kind="{escape(p.kind)}">{escape(p.message)} (characters {p.start}–{p.end})</li>'
        for p in result.problems
    )
    return f'<ul class="problems">{items}</ul>'


def decisions_file_name(name: str) -> str:
    """The name a page offers its decisions under: ``a.txt`` → ``a.decisions.json``.

    >>> decisions_file_name("corpus/a.txt"), decisions_file_name("-")
    ('a.decisions.json', 'stdin.decisions.json')
    """
    stem = "stdin" if name == "-" else os.path.splitext(Path(name).name)[0] or "document"
    return f"{stem}.decisions.json"


def _review_json(result: Result, name: str) -> str:
    """What the page's script needs to name its decisions: the document, the options, the file name."""
    from textfix.decisions import document_hash, options_fingerprint, options_values

    options = result.options
    review = {
        "document": document_hash(result.original), "name": name, "file": decisions_file_name(name),
        "options": options_fingerprint(options) if options is not None else None,
        "option_values": options_values(options) if options is not None else None, "textfix": __version__,
    }
    return json.dumps(review, ensure_ascii=False)


def render_page(result: Result, name: str, *, low_confidence: float = LOW_CONFIDENCE) -> str:
    """The review page of one document (``name``: the input it came from), self-contained.

    Translations whose confidence is below ``low_confidence`` are marked (the page can change it).
    """
    counts = change_counts(result.edits)
    untranslated = len(untranslated_spans(result))
    marked = sum(n for kind, n in counts.items() if kind in MARKED_KINDS)
    scored = [c for e in result.edits if e.translation is not None and (c := e.translation.confidence) is not None]
    low = sum(c < low_confidence for c in scored) if scored else None
    meta = (
        f"language {escape(result.language)} · encoding {escape(result.encoding or 'unknown')} · "
        f"{len(result.edits)} edits, {marked} marked · {len(result.original):,} → {len(result.output):,} characters"
    )
    body = (
        f"<header>\n<h1>{escape(name)}</h1>\n<p class=\"meta\">{meta}</p>\n"
        f"{_legend(counts, untranslated, low, low_confidence, len(result.flags))}\n{_tools(marked)}\n"
        f"{_problems(result)}"
        '<p class="keys">Keys: <kbd>n</kbd>/<kbd>j</kbd> next change, <kbd>p</kbd>/<kbd>k</kbd> previous, '
        "<kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>u</kbd> undecide, <kbd>Esc</kbd> hide details. "
        "Hover or click a change for its reason; a change not rejected stands. "
        f"Hover a {FLAG_MARK} for what looks broken.</p>\n</header>\n"
        f'<main data-review="{escape(_review_json(result, name))}">\n'
        '<div class="cols head"><div>original</div><div>output</div></div>\n'
        f"{_rows_html(result, low_confidence)}\n</main>\n"
        '<aside id="detail" hidden><dl></dl><p class="act"><button type="button" data-act="accepted">Accept '
        '<kbd>a</kbd></button><button type="button" data-act="rejected">Reject <kbd>r</kbd></button>'
        '<button type="button" data-act="">Undecide <kbd>u</kbd></button></p></aside>'
    )
    return page_document(f"textfix review: {name}", body, script=PAGE_SCRIPT)


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
    ensure_folder(folder)
    names = page_names([name for name, _ in items])
    paths = []
    for (name, result), file_name in zip(items, names, strict=True):
        write_page(folder / file_name, result, name)
        paths.append(folder / file_name)
    entries = [index_entry(name, file_name, result) for (name, result), file_name in zip(items, names, strict=True)]
    write_atomic(folder / "index.html", render_index(entries))
    return [*paths, folder / "index.html"]
