"""Corpus runs: many files or a JSON Lines stream through a pool of worker processes.

:func:`run_corpus` takes what a user names (folders, globs, files, or one ``.jsonl`` file)
and routes it; both kinds of run return a :class:`BatchSummary` and never stop at one
bad input:

- :func:`run_files` walks folders and globs (``.txt``, ``.md``, ``.html``), mirrors the tree
  under an output folder, and skips outputs that are complete and up to date;
- :func:`run_jsonl` streams a JSON Lines file record by record in bounded memory, keeping
  every field of each record and adding the cleaned text and a summary, in input order.

Each worker process calls a *setup* function once (:data:`WorkerSetup`: ``Options`` →
processor); that is where a worker loads what it needs (translation models), paid once
per worker, not per file. Only the main process writes outputs, each atomically and
recorded in a journal in the output folder: an interrupted run (Ctrl-C, SIGTERM) leaves
no partial or temporary files and loses nothing already written, and rerunning the same
command redoes only what is missing or stale.

The parts: :mod:`.config` (limits, setup, :class:`BatchConfig`), :mod:`.inputs` (what to
clean), :mod:`.items` (one record or file, and its summary: what :mod:`textfix.dask` maps),
:mod:`._pool` (workers and interruption), :mod:`._journal`, :mod:`.files`, :mod:`.jsonl`,
:mod:`.summary` and :mod:`.run`.
"""

from __future__ import annotations

from .config import (
    DEFAULT_MAX_BYTES,
    FAILURES_NAME,
    JOURNAL_NAME,
    SUFFIXES,
    BatchConfig,
    PipelineSetup,
    Processor,
    WorkerSetup,
    default_setup,
    processor_for,
)
from .files import run_files
from .inputs import InputFile, find_inputs, is_batch_input
from .items import clean_file, clean_record, result_summary
from .jsonl import run_jsonl
from .run import run_corpus
from .summary import BatchSummary, Failure, ProgressReporter

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FAILURES_NAME",
    "JOURNAL_NAME",
    "SUFFIXES",
    "BatchConfig",
    "BatchSummary",
    "Failure",
    "InputFile",
    "PipelineSetup",
    "Processor",
    "ProgressReporter",
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
