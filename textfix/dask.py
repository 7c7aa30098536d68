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

A record or file that cannot be cleaned becomes ``{"textfix": {"error": ...}}`` rather than
failing the whole computation; filter on it with :func:`failed`.

Needs the ``dask`` extra: ``pip install 'textfix[dask]'``. ``import textfix`` never imports Dask.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from .batch import DEFAULT_MAX_BYTES, WorkerSetup, clean_file, clean_record, default_setup
from .options import Options

if TYPE_CHECKING:
    import dask.bag

__all__ = ["clean_bag", "clean_item", "failed"]


def clean_item(
    item: Mapping[str, Any] | str | os.PathLike[str],
    options: Options | None = None,
    *,
    field: str = "text",
    setup: WorkerSetup = default_setup,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Clean one bag element: a record (:func:`textfix.clean_record`) or a file path (:func:`textfix.clean_file`).

    >>> clean_item({"id": 1, "text": "Die NATO hat reagiert .\\n\\nLeave a Reply\\n"})["text_clean"]
    'Die NATO hat reagiert.\\n'
    """
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
) -> dask.bag.Bag:
    """A lazy bag of cleaned elements, one per element of ``bag`` (records or file paths), in order.

    Nothing runs until the caller computes or writes the result on its own scheduler.
    """
    mapped = bag.map(clean_item, options, field=field, setup=setup, max_bytes=max_bytes)  # type: ignore[no-untyped-call]
    return cast("dask.bag.Bag", mapped)
