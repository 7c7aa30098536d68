"""Running textfix on Dask: the same pipeline over a ``dask.bag`` of records or file paths.

textfix has no cluster code: it gives Dask plain, picklable functions, and whatever
scheduler the caller has set up (a ``LocalCluster``, a remote ``Client``, threads)
runs them. Each worker process builds its cleaner once, on first use, through the
same per-process setup as ``textfix fix DIR --workers N`` (:func:`textfix.batch.processor_for`),
so that loading models is paid once per worker, not once per record.

Records (dicts, e.g. JSON Lines read with ``db.read_text(...).map(json.loads)``)::

    import json, dask.bag as db, textfix
    from textfix.dask import clean_bag

    records = db.read_text("corpus-*.jsonl").map(json.loads)
    cleaned = clean_bag(records, field="text")          # or .map(textfix.clean_record, field="text")
    cleaned.map(json.dumps).to_textfiles("clean-*.jsonl")

File paths (strings), e.g. ``db.from_sequence(sorted(glob.glob("corpus/**/*.txt", recursive=True)))``:
each becomes ``{"path", "text" (cleaned), "textfix": summary}``.

Site chrome (:mod:`textfix.debris.recurring`): :func:`clean_bag` counts the lines of every
element first, as a corpus run does (``recurring``: the threshold; ``None``: automatic, 0: off).
Both passes are in the one lazy graph: the counting pass is a reduction whose result every
cleaning task receives, so the set is the same for every partition and any partitioning.

A record or file that cannot be cleaned becomes ``{"textfix": {"error": ...}}`` rather than
failing the whole computation; filter on it with :func:`failed`.

Needs the ``dask`` extra: ``pip install 'textfix[dask]'``. ``import textfix`` never imports Dask.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from .batch import DEFAULT_MAX_BYTES, WorkerSetup, clean_file, clean_record, default_setup
from .debris.recurring import RecurringCounter, RecurringLines, check_threshold, document_lines
from .errors import TextfixError
from .options import Options
from .read import decode_text, read_path

if TYPE_CHECKING:
    import dask.bag
    from dask.bag.core import Item

    from .debris.recurring import DocumentLines

__all__ = ["clean_bag", "clean_item", "failed", "recurring_lines"]


def clean_item(
    item: Mapping[str, Any] | str | os.PathLike[str],
    options: Options | None = None,
    *,
    field: str = "text",
    setup: WorkerSetup = default_setup,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    recurring: RecurringLines | None = None,
) -> dict[str, Any]:
    """Clean one bag element: a record (:func:`textfix.clean_record`) or a file path (:func:`textfix.clean_file`),
    with the ``recurring`` lines of its bag (site chrome) as debris.

    >>> clean_item({"id": 1, "text": "Die NATO hat reagiert .\\n\\nLeave a Reply\\n"})["text_clean"]
    'Die NATO hat reagiert.\\n'
    """
    if recurring is not None and len(recurring):
        options = replace(options or Options(), recurring=recurring)
    if isinstance(item, Mapping):
        return clean_record(item, field, options, setup=setup)
    return clean_file(item, options, setup=setup, max_bytes=max_bytes)


def failed(cleaned: Mapping[str, Any]) -> bool:
    """Whether a cleaned element records an error instead of a cleaned text.

    >>> failed({"id": 2, "textfix": {"error": "no field 'text' in the record"}})
    True
    """
    summary = cleaned.get("textfix")
    return isinstance(summary, Mapping) and "error" in summary


def clean_bag(
    bag: dask.bag.Bag,
    options: Options | None = None,
    *,
    field: str = "text",
    setup: WorkerSetup = default_setup,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    recurring: int | None = None,
) -> dask.bag.Bag:
    """A lazy bag of cleaned elements, one per element of ``bag`` (records or file paths), in order.

    ``recurring``: a line standing in at least this many elements is site chrome (``None``:
    3 and 1% of them; 0: off, one pass). Nothing runs until the caller computes or writes the
    result on its own scheduler.
    """
    check_threshold(recurring)
    lines: Item | None = None
    if recurring != 0:
        lines = recurring_lines(bag, options, field=field, max_bytes=max_bytes, threshold=recurring)
    mapped = bag.map(  # type: ignore[no-untyped-call]
        clean_item, options, field=field, setup=setup, max_bytes=max_bytes, recurring=lines
    )
    return cast("dask.bag.Bag", mapped)


def recurring_lines(
    bag: dask.bag.Bag,
    options: Options | None = None,
    *,
    field: str = "text",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    threshold: int | None = None,
) -> Item:
    """A lazy :class:`~textfix.debris.recurring.RecurringLines` of ``bag``'s elements (``None``: none):
    each element's candidate lines, counted partition by partition and merged (sets: the same
    result for any partitioning)."""
    repair = (options or Options()).repair
    counted = bag.map(_element_lines, field=field, max_bytes=max_bytes, repair=repair)  # type: ignore[no-untyped-call]
    total = counted.filter(_is_document).reduction(_count, _merge)
    return cast("Item", total.apply(functools.partial(_result, threshold=threshold)))


def _element_lines(
    item: Mapping[str, Any] | str | os.PathLike[str], *, field: str, max_bytes: int | None, repair: bool
) -> DocumentLines | None:
    """The candidate lines of one element, read as :func:`clean_item` reads it (``None``: unreadable)."""
    try:
        if isinstance(item, Mapping):
            text = item.get(field)
            if not isinstance(text, str):
                return None
            return document_lines(decode_text(text).text, repair=repair)
        return document_lines(read_path(os.fspath(item), max_bytes=max_bytes).text, repair=repair)
    except TextfixError:
        return None


def _is_document(lines: DocumentLines | None) -> bool:
    return lines is not None


def _count(documents: Iterable[DocumentLines]) -> RecurringCounter:
    counter = RecurringCounter()
    for document in documents:
        counter.add_lines(document)
    return counter


def _merge(counters: Iterable[RecurringCounter]) -> RecurringCounter:
    total = RecurringCounter()
    for counter in counters:
        total.merge(counter)
    return total


def _result(counter: RecurringCounter, *, threshold: int | None) -> RecurringLines | None:
    lines = counter.result(threshold)
    return lines if counter.documents >= 2 and len(lines) else None
