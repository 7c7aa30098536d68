"""Corpus runs: many files or a JSON Lines stream through a pool of worker processes.

:func:`run_corpus` takes what a user names (folders, globs, files, or one ``.jsonl`` file)
and routes it; both kinds of run return a :class:`BatchSummary` and never stop at one
bad input:

- :func:`run_files` walks folders and globs (``.txt``, ``.md``, ``.html``), mirrors the tree
  under an output folder, and skips outputs that are complete, up to date and undamaged;
- :func:`run_jsonl` streams a JSON Lines file record by record in bounded memory, keeping
  every field of each record and adding the cleaned text and a summary, in input order.

Each worker process calls a *setup* function once (:data:`WorkerSetup`: ``Options`` →
processor); that is where a worker loads what it needs (translation models), paid once
per worker, not per file. Workers write their outputs themselves, each atomically; the
main process records each in a journal (with its hash) in the output folder, which a lock
keeps to one run at a time. An interrupted run (Ctrl-C, SIGTERM) leaves no partial or
temporary files and loses nothing already written, and rerunning the same command redoes
only what is missing, stale or damaged. A worker that dies (SIGKILL, out of memory, a crash
in a native library) is replaced and its documents retried; a document that kills a worker
twice, or takes longer than ``timeout_per_file``, is a failure and the run goes on.

The parts: :mod:`._limits` (limits and file names), :mod:`.config` (setup, :class:`BatchConfig`),
:mod:`.inputs` (what to clean), :mod:`.items` (one record or file, and its summary: what
:mod:`textfix.dask` maps), :mod:`._pool` (the worker pool) and :mod:`._worker` (inside a worker), :mod:`._file_tasks`
and :mod:`._records` (what a worker does with a file or a chunk of records),
:mod:`._journal`, :mod:`._lock`, :mod:`._partial` (an unfinished JSON Lines run),
:mod:`._review` (report and review index), :mod:`._interrupt`, :mod:`.files`, :mod:`.jsonl`,
:mod:`.summary` and :mod:`.run`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textfix._lazy import lazy_names

if TYPE_CHECKING:  # the names below are imported on first use (see __getattr__)
    from ._limits import DEFAULT_MAX_BYTES, FAILURES_NAME, JOURNAL_NAME, LOCK_NAME, SUFFIXES, is_batch_input
    from ._lock import RunLockedError
    from ._pool import WorkerError
    from .config import (
        BatchConfig,
        PipelineSetup,
        Processor,
        WorkerSetup,
        default_setup,
        processor_for,
    )
    from .files import run_files
    from .inputs import InputFile, find_inputs
    from .items import clean_file, clean_record, result_summary
    from .jsonl import run_jsonl
    from .run import run_corpus
    from .summary import BatchSummary, Failure, ProgressReporter

#: Where each public name lives. A one-file ``textfix fix`` asks for the limits and the input
#: check only, so it never loads the run's configuration and summary classes, the worker
#: pool, the journal or the JSON Lines streamer (about a tenth of a second of imports).
_HOMES = {
    "RunLockedError": "_lock",
    "WorkerError": "_pool",
    **dict.fromkeys(
        ["DEFAULT_MAX_BYTES", "FAILURES_NAME", "JOURNAL_NAME", "LOCK_NAME", "SUFFIXES", "is_batch_input"], "_limits"
    ),
    **dict.fromkeys(
        ["BatchConfig", "PipelineSetup", "Processor", "WorkerSetup", "default_setup", "processor_for"], "config"
    ),
    "run_files": "files",
    **dict.fromkeys(["InputFile", "find_inputs"], "inputs"),
    **dict.fromkeys(["clean_file", "clean_record", "result_summary"], "items"),
    "run_jsonl": "jsonl",
    "run_corpus": "run",
    **dict.fromkeys(["BatchSummary", "Failure", "ProgressReporter"], "summary"),
}  # fmt: skip


__getattr__, __dir__ = lazy_names(__name__, _HOMES)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FAILURES_NAME",
    "JOURNAL_NAME",
    "LOCK_NAME",
    "SUFFIXES",
    "BatchConfig",
    "BatchSummary",
    "Failure",
    "InputFile",
    "PipelineSetup",
    "Processor",
    "ProgressReporter",
    "RunLockedError",
    "WorkerError",
    "WorkerSetup",
    "clean_file",
    "clean_record",
    "default_setup",
    "find_inputs",
    "is_batch_input",
    "processor_for",
    "result_summary",
    "run_corpus",
    "run_files",
    "run_jsonl",
]
