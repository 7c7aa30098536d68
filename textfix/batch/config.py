"""How a corpus run is set up: limits, file names, the per-worker setup, and :class:`BatchConfig`."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textfix._version import __version__
from textfix.debris.recurring import check_threshold
from textfix.errors import OptionsError
from textfix.model import Result
from textfix.options import Options
from textfix.pipeline import clean_decoded
from textfix.read import Decoded, ReadOptions

from ._limits import DEFAULT_MAX_BYTES, FAILURES_NAME, JOURNAL_NAME, LOCK_NAME, SUFFIXES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FAILURES_NAME",
    "JOURNAL_NAME",
    "LOCK_NAME",
    "SUFFIXES",
    "BatchConfig",
    "PipelineSetup",
    "Processor",
    "WorkerSetup",
    "default_setup",
    "processor_for",
]

#: Cleans one decoded text; built once per worker process by a :data:`WorkerSetup`.
Processor = Callable[[Decoded], Result]
#: Builds a worker's :data:`Processor` from the options. Must be picklable (a module-level
#: function) because it is sent to every worker process.
WorkerSetup = Callable[[Options], Processor]


@dataclass(frozen=True)
class PipelineSetup:
    """A worker setup for the whole pipeline: when ``options.translate`` is set, the worker
    opens one model store (``models_dir``, default: :func:`textfix.translate.default_models_dir`)
    and keeps it, so that each translation model loads once per worker."""

    models_dir: Path | None = None
    #: CPU threads per translation model: 1, since every core already runs a worker.
    threads: int = 1

    def __call__(self, options: Options) -> Processor:
        if not options.translate:
            return functools.partial(clean_decoded, options=options)
        from textfix.translate import ModelStore, default_models_dir

        store = ModelStore(self.models_dir or default_models_dir(), threads=self.threads)
        return functools.partial(clean_decoded, options=options, models=store)


#: The pipeline with its options: :func:`textfix.clean_decoded`, with one model store per
#: worker when translating (the default models folder).
default_setup: WorkerSetup = PipelineSetup()


_PROCESSORS: dict[tuple[WorkerSetup, Options], Processor] = {}


def processor_for(options: Options, setup: WorkerSetup = default_setup) -> Processor:
    """This process's processor for ``options``, built by ``setup`` on first use and kept."""
    key = (setup, options)
    processor = _PROCESSORS.get(key)
    if processor is None:
        processor = _PROCESSORS[key] = setup(options)
    return processor


@dataclass(frozen=True, kw_only=True)
class BatchConfig:
    """How a corpus run works: cleaning options, worker count and setup, limits, and what else to write."""

    options: Options = field(default_factory=Options)
    #: Worker processes (default: one per core).
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    #: Builds each worker's processor, once per worker (a module-level function).
    setup: WorkerSetup = default_setup
    #: Larger inputs (or JSON Lines records) are reported as failures instead of read.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: How inputs are read: encoding, bad bytes, HTML comments, what a JSON Lines field holds.
    reading: ReadOptions = field(default_factory=ReadOptions)
    #: Seconds one document (a file, a record) may take; a longer one is abandoned and its
    #: worker replaced (``None``: no limit).
    timeout_per_file: float | None = None
    #: Address space each worker may use, in MiB (``resource.setrlimit``; ``None``: no limit).
    max_worker_mb: int | None = None
    #: Also write one JSON report of every document here (``--report``).
    report: Path | None = None
    #: Also write a review page per document and ``index.html`` into this folder (``--diff-html``).
    pages: Path | None = None
    #: JSON Lines: replace ``<field>_clean`` and ``textfix`` in records that already have them
    #: (otherwise such a record is an error and is written unchanged).
    overwrite_fields: bool = False
    #: ``multiprocessing`` start method (``None``: the platform default).
    start_method: str | None = None
    #: JSON Lines records per task sent to a worker, and most bytes per task.
    chunk_records: int = 64
    chunk_bytes: int = 1024 * 1024
    #: Recurring lines (site chrome): a line standing in at least this many documents of the run
    #: is debris (``None``: 3 documents and 1% of the run; 0: off). See :mod:`textfix.debris.recurring`.
    recurring: int | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise OptionsError(f"workers must be at least 1, not {self.workers}")
        if self.max_bytes < 1:
            raise OptionsError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if self.timeout_per_file is not None and not self.timeout_per_file > 0:
            raise OptionsError(f"the time limit per file must be more than 0 seconds, not {self.timeout_per_file}")
        if self.max_worker_mb is not None and self.max_worker_mb < 1:
            raise OptionsError(f"the memory limit per worker must be at least 1 MiB, not {self.max_worker_mb}")
        check_threshold(self.recurring)

    def fingerprint(self) -> str:
        """Identifies what an output depends on besides its input: version, options, setup."""
        setup = f"{getattr(self.setup, '__module__', '?')}.{getattr(self.setup, '__qualname__', repr(self.setup))}"
        key = repr((__version__, self.options, setup, self.reading))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
