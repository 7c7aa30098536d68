"""Corpus runs: many files or a JSON Lines stream through a pool of worker processes.

Two entry points, both returning a :class:`BatchSummary` and never stopping at one bad input:

- :func:`run_files` walks folders and globs (``.txt``, ``.md``, ``.html``), mirrors the tree
  under an output folder, and skips outputs that are complete and up to date;
- :func:`run_jsonl` streams a JSON Lines file record by record in bounded memory, keeping
  every field of each record and adding the cleaned text and a summary, in input order.

Each worker process calls a *setup* function once (:data:`WorkerSetup`: ``Options`` →
processor); that is where a worker loads what it needs (translation models later), paid
once per worker, not per file. Only the main process writes outputs, each atomically and
recorded in a journal in the output folder: an interrupted run (Ctrl-C, SIGTERM) leaves
no partial or temporary files and loses nothing already written, and rerunning the same
command redoes only what is missing or stale.

The per-record functions :func:`clean_record` and :func:`clean_file` use the same
once-per-process setup and are what :mod:`textfix.dask` maps over a Dask bag.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO

from .errors import OutputError, TextfixError
from .model import Options, Result
from .output import open_temporary, write_atomic
from .pipeline import clean_decoded
from .read import Decoded, decode_text, read_path

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

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
    "Progress",
    "ProgressReporter",
    "WorkerSetup",
    "clean_file",
    "clean_record",
    "default_setup",
    "find_inputs",
    "is_batch_input",
    "processor_for",
    "result_summary",
    "run_files",
    "run_jsonl",
]

#: File suffixes picked up when walking folders and globs (case-insensitive).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
#: Inputs (files, or JSON Lines records) larger than this are reported, not read.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
#: Name of the failures list written into the output folder.
FAILURES_NAME = "failures.jsonl"
#: Name of the journal of completed outputs (hidden, in the output folder).
JOURNAL_NAME = ".textfix-journal.jsonl"

#: Cleans one decoded text; built once per worker process by a :data:`WorkerSetup`.
Processor = Callable[[Decoded], Result]
#: Builds a worker's :data:`Processor` from the options. Must be picklable (a module-level
#: function) because it is sent to every worker process.
WorkerSetup = Callable[[Options], Processor]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_GLOB_MAGIC = re.compile(r"[*?[]")
#: Temporary files :func:`textfix.output.write_atomic` and the JSONL writer create.
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


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
        from .translate import ModelStore, default_models_dir

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


# ---------------------------------------------------------------------------- per item


def result_summary(result: Result) -> dict[str, object]:
    """What cleaning one text found: language, characters, foreign spans, removed spans, edits.

    >>> from textfix import clean
    >>> summary = result_summary(clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n"))
    >>> summary["language"], summary["characters"], summary["foreign_spans"], summary["debris_removed"]
    ('de', 38, 0, 1)
    """
    kinds = [s.kind for s in result.segments]
    return {
        "language": result.language,
        "characters": len(result.original),
        "foreign_spans": kinds.count("foreign"),
        "translated": sum(1 for e in result.edits if e.reason.startswith("translation")),
        "debris_removed": kinds.count("debris"),
        "duplicates_removed": kinds.count("duplicate"),
        "edits": len(result.edits),
    }


def clean_record(
    record: Mapping[str, Any],
    field: str = "text",
    options: Options | None = None,
    *,
    setup: WorkerSetup = default_setup,
    text_format: str = "auto",
) -> dict[str, Any]:
    """A copy of ``record`` with ``<field>_clean`` (the cleaned text) and ``textfix`` (a summary).

    Never raises for a bad record: a missing or non-text field gives ``textfix: {"error": ...}``
    and no cleaned text, so that one bad record does not stop a run on Dask or elsewhere.

    >>> out = clean_record({"id": 7, "text": "Die NATO hat reagiert .\\n\\nLeave a Reply\\n"})
    >>> out["id"], out["text_clean"], out["textfix"]["debris_removed"]
    (7, 'Die NATO hat reagiert.\\n', 1)
    >>> clean_record({"id": 8})["textfix"]
    {'error': "no field 'text' in the record"}
    """
    out = dict(record)
    text = record.get(field)
    if field not in record:
        out["textfix"] = {"error": f"no field {field!r} in the record"}
        return out
    if not isinstance(text, str):
        out["textfix"] = {"error": f"field {field!r} is {type(text).__name__}, not text"}
        return out
    try:
        result = processor_for(options or Options(), setup)(decode_text(text, text_format=text_format))
    except TextfixError as error:
        out["textfix"] = {"error": str(error)}
        return out
    out[f"{field}_clean"] = result.output
    out["textfix"] = result_summary(result)
    return out


def clean_file(
    path: str | os.PathLike[str],
    options: Options | None = None,
    *,
    setup: WorkerSetup = default_setup,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Clean one file: ``{"path", "text" (cleaned), "textfix": summary}``, or ``textfix: {"error"}``."""
    name = os.fspath(path)
    try:
        result = processor_for(options or Options(), setup)(read_path(name, max_bytes=max_bytes))
    except TextfixError as error:
        return {"path": name, "textfix": {"error": str(error)}}
    return {"path": name, "text": result.output, "textfix": result_summary(result)}


# ---------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class InputFile:
    """A file to clean, and where it sits relative to the folder or glob it was found under."""

    source: Path
    relative: PurePath


def is_batch_input(name: str) -> bool:
    """Whether a ``fix`` argument goes through a corpus run: a folder, a glob or a ``.jsonl`` file."""
    if name == "-":
        return False
    path = Path(name)
    return path.is_dir() or name.lower().endswith(".jsonl") or (bool(_GLOB_MAGIC.search(name)) and not path.exists())


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if _GLOB_MAGIC.search(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path()


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A regular expression for a glob over ``/``-separated relative paths; ``**`` spans folders.

    >>> bool(_glob_regex("**/*.txt").match("a/b/c.txt")), bool(_glob_regex("*.txt").match("a/c.txt"))
    (True, False)
    >>> bool(_glob_regex("2024-0[1-3]/*.htm?").match("2024-02/x.html"))
    True
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : close]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _glob(pattern: str, exclude: set[Path]) -> Iterator[tuple[Path, str | None, PurePath]]:
    """Files matching ``pattern``, found by walking its fixed leading folders (symlink loops safe)."""
    root = _glob_root(pattern)
    rest = PurePath(pattern).relative_to(root).as_posix() if root.parts else PurePath(pattern).as_posix()
    regex = _glob_regex(rest)
    depth = None if "**" in rest else rest.count("/")
    for path, problem in _walk(root, exclude, max_depth=depth):
        relative = path.relative_to(root)
        if regex.match(relative.as_posix()):
            yield path, problem, relative


def _walk(root: Path, exclude: set[Path], *, max_depth: int | None = None) -> Iterator[tuple[Path, str | None]]:
    """Files under ``root`` (following symlinks, each real folder once), hidden entries skipped;
    at most ``max_depth`` folders deep.

    Yields ``(path, problem)``: ``problem`` names why a matching entry cannot be read.
    """
    seen: set[tuple[int, int]] = set()
    for folder, folders, files in os.walk(root, followlinks=True):
        if max_depth is not None and len(Path(folder).relative_to(root).parts) >= max_depth:
            folders[:] = []
        try:
            info = os.stat(folder)
        except OSError:
            folders[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen or Path(folder).resolve() in exclude:
            folders[:] = []  # a symlink loop, a folder reached twice, or the output folder
            continue
        seen.add(key)
        folders[:] = sorted(d for d in folders if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            path = Path(folder) / name
            yield path, _problem(path)


def _problem(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file (a broken symbolic link?)"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    return None if stat.S_ISREG(mode) else "not a regular file"


def find_inputs(specs: Sequence[str], *, exclude: Path | None = None) -> tuple[list[InputFile], list[Failure]]:
    """Expand folders, globs and files into inputs, each with its path relative to its root.

    A folder's files are relative to that folder; a glob's to its fixed leading folders
    (``corpus/**/*.html`` → relative to ``corpus``); a plain file is just its name. The
    folder ``exclude`` (the output folder) is never walked into.
    """
    excluded = {exclude.resolve()} if exclude is not None else set()
    found: list[InputFile] = []
    failures: list[Failure] = []
    matches: list[tuple[Path, str | None, PurePath]]
    for spec in specs:
        path = Path(spec)
        if path.is_dir() and path.resolve() in excluded:
            failures.append(Failure(spec, "is the output folder itself (use --in-place to rewrite files)"))
            continue
        if path.is_dir():
            matches = [(p, problem, p.relative_to(path)) for p, problem in _walk(path, excluded)]
        elif path.exists() or path.is_symlink():
            matches = [(path, _problem(path), PurePath(path.name))]
        elif _GLOB_MAGIC.search(spec):
            matches = list(_glob(spec, excluded))
            if not matches:
                failures.append(Failure(spec, "no file matches this pattern"))
        else:
            failures.append(Failure(spec, "no such file or folder"))
            continue
        for source, problem, relative in matches:
            if problem is not None:
                failures.append(Failure(str(source), problem))
            else:
                found.append(InputFile(source, relative))
    return found, failures


def _target_for(outdir: Path, relative: PurePath) -> Path:
    name = relative.name
    stem, suffix = os.path.splitext(name)
    if suffix.lower() in _HTML_SUFFIXES:
        name = stem + ".txt"
    return outdir.joinpath(relative.parent, name)


# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Failure:
    """One input that could not be cleaned: the file (and JSON Lines line number) and why."""

    input: str
    error: str
    line: int | None = None

    def to_json(self) -> dict[str, object]:
        """One line of ``failures.jsonl``."""
        payload: dict[str, object] = {"input": self.input, "error": self.error}
        if self.line is not None:
            payload["line"] = self.line
        return payload

    def __str__(self) -> str:
        where = f"{self.input}:{self.line}" if self.line is not None else self.input
        return self.error if self.error.startswith(f"{self.input}:") else f"{where}: {self.error}"


@dataclass
class BatchSummary:
    """What a run did: counts, totals over the cleaned texts, failures, and the workers it used."""

    found: int = 0
    cleaned: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    characters: int = 0
    foreign_spans: int = 0
    translated: int = 0
    debris_removed: int = 0
    duplicates_removed: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    #: The signal that interrupted the run (``signal.SIGINT`` or ``signal.SIGTERM``).
    signal: int | None = None
    #: Seconds each worker process (by pid) spent in its setup, measured once per worker.
    worker_setup_seconds: dict[int, float] = field(default_factory=dict)
    #: Where the failures list was written, if it was.
    failures_path: Path | None = None
    unit: str = "files"

    def add(self, summary: Mapping[str, object]) -> None:
        """Count one cleaned item from its :func:`result_summary`."""
        self.cleaned += 1
        for name in ("characters", "foreign_spans", "translated", "debris_removed", "duplicates_removed"):
            value = summary.get(name, 0)
            setattr(self, name, getattr(self, name) + (value if isinstance(value, int) else 0))

    @property
    def failed(self) -> int:
        """How many inputs (or records) failed."""
        return len(self.failures)

    def lines(self) -> list[str]:
        """The human summary printed at the end of a run."""
        rate = self.cleaned / self.seconds if self.seconds > 0 else 0.0
        state = "interrupted after" if self.interrupted else "in"
        lines = [
            f"{self.found} {self.unit}: {self.cleaned} cleaned, {self.skipped} skipped (up to date), "
            f"{self.failed} failed {state} {self.seconds:.1f} s ({rate:.1f} {self.unit}/s)",
            f"{self.characters:,} characters, {self.foreign_spans:,} foreign spans found "
            f"({self.translated:,} translated), "
            f"{self.debris_removed:,} debris removed, {self.duplicates_removed:,} duplicates removed",
        ]
        if self.failures_path is not None:
            lines.append(f"failures listed in {self.failures_path}")
        return lines


# ---------------------------------------------------------------------------- progress


class ProgressReporter(Protocol):
    """Receives progress from a run; the library itself never prints."""

    def start(self, total: int | None, unit: str) -> None:
        """A run begins with ``total`` items to do (``None``: unknown)."""

    def update(self, done: int, fraction: float | None, failed: int) -> None:
        """``done`` items finished so far, ``fraction`` of the whole work if known."""

    def message(self, text: str) -> None:
        """A line to show (a failure), without garbling the progress display."""

    def finish(self) -> None:
        """The run ended; leave the display clean."""


class Progress:
    """Progress on a stream: a bar with items/s and an ETA on a terminal, else a plain line now and then."""

    def __init__(self, stream: TextIO, *, interactive: bool | None = None, interval: float | None = None) -> None:
        self.stream = stream
        self.interactive = stream.isatty() if interactive is None else interactive
        self.interval = interval if interval is not None else (0.1 if self.interactive else 10.0)
        self._total: int | None = None
        self._unit = "files"
        self._started = time.monotonic()
        self._last = 0.0
        self._drawn = False
        self._state: tuple[int, float | None, int] = (0, None, 0)

    def start(self, total: int | None, unit: str) -> None:
        self._total, self._unit = total, unit
        self._started = self._last = time.monotonic()

    def update(self, done: int, fraction: float | None, failed: int) -> None:
        self._state = (done, fraction, failed)
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._draw(now)

    def _describe(self, now: float) -> tuple[str, float | None]:
        done, fraction, failed = self._state
        elapsed = max(now - self._started, 1e-9)
        rate = done / elapsed
        if fraction is None and self._total:
            fraction = done / self._total
        eta = elapsed * (1 - fraction) / fraction if fraction else None
        counted = f"{done}/{self._total}" if self._total is not None else f"{done}"
        text = f"{counted} {self._unit}, {rate:.1f} {self._unit}/s"
        if eta is not None:
            text += f", ETA {_clock(eta)}"
        if failed:
            text += f", {failed} failed"
        return text, fraction

    def _draw(self, now: float) -> None:
        text, fraction = self._describe(now)
        if self.interactive:
            width = 24
            filled = int(width * min(max(fraction or 0.0, 0.0), 1.0))
            self.stream.write(f"\r\x1b[K[{'#' * filled}{'-' * (width - filled)}] {text}")
            self._drawn = True
        else:
            self.stream.write(f"textfix: {text}\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False
        self.stream.write(f"textfix: {text}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _clock(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``.

    >>> _clock(75), _clock(3725)
    ('1:15', '1:02:05')
    """
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class _Silent:
    def start(self, total: int | None, unit: str) -> None:
        pass

    def update(self, done: int, fraction: float | None, failed: int) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def finish(self) -> None:
        pass


# ---------------------------------------------------------------------------- configuration


@dataclass(frozen=True, kw_only=True)
class BatchConfig:
    """How a corpus run works: cleaning options, worker count and setup, size limit."""

    options: Options = field(default_factory=Options)
    #: Worker processes (default: one per core).
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    #: Builds each worker's processor, once per worker (a module-level function).
    setup: WorkerSetup = default_setup
    #: Larger inputs (or JSON Lines records) are reported as failures instead of read.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Keep the reader comments of HTML pages.
    comments: bool = False
    #: What a JSON Lines field holds: ``"auto"`` (a page when it starts like one), ``"text"``, ``"html"``.
    jsonl_format: str = "auto"
    #: ``multiprocessing`` start method (``None``: the platform default).
    start_method: str | None = None
    #: JSON Lines records per task sent to a worker, and most bytes per task.
    chunk_records: int = 64
    chunk_bytes: int = 1024 * 1024

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be at least 1")

    def fingerprint(self) -> str:
        """Identifies what an output depends on besides its input: version, options, setup."""
        from . import __version__

        setup = f"{getattr(self.setup, '__module__', '?')}.{getattr(self.setup, '__qualname__', repr(self.setup))}"
        key = repr((__version__, self.options, setup, self.comments, self.jsonl_format))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------- workers


@dataclass
class _WorkerState:
    processor: Processor
    setup_seconds: float
    reported: bool = False


_WORKER: _WorkerState | None = None


def _init_worker(options: Options, setup: WorkerSetup) -> None:
    """Pool initialiser: runs once in each worker process; builds its processor."""
    global _WORKER  # noqa: PLW0603  (one state per worker process, set once by its initialiser)
    # Ctrl-C reaches the whole process group: the main process alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    started = time.perf_counter()
    processor = processor_for(options, setup)
    _WORKER = _WorkerState(processor, time.perf_counter() - started)


def _worker() -> tuple[_WorkerState, float | None]:
    """This worker's state, and its setup time the first time it is asked (once per worker)."""
    if _WORKER is None:  # pragma: no cover - only when a task runs outside the pool
        raise RuntimeError("textfix worker used without its initialiser")
    first = None if _WORKER.reported else _WORKER.setup_seconds
    _WORKER.reported = True
    return _WORKER, first


@dataclass(frozen=True)
class _FileDone:
    index: int
    output: str | None
    summary: dict[str, object] | None
    error: str | None
    pid: int
    setup_seconds: float | None


def _clean_file_task(task: tuple[int, str, int, bool]) -> _FileDone:
    index, source, max_bytes, comments = task
    state, setup_seconds = _worker()
    try:
        result = state.processor(read_path(source, max_bytes=max_bytes, comments=comments))
    except TextfixError as error:
        return _FileDone(index, None, None, str(error), os.getpid(), setup_seconds)
    except Exception as error:  # a bug must not stop the run: report it as this file's failure
        message = f"{source}: internal error: {type(error).__name__}: {error}"
        return _FileDone(index, None, None, message, os.getpid(), setup_seconds)
    return _FileDone(index, result.output, result_summary(result), None, os.getpid(), setup_seconds)


@dataclass(frozen=True)
class _LineDone:
    line: int
    output: str | None
    summary: dict[str, object] | None
    error: str | None


@dataclass(frozen=True)
class _ChunkDone:
    lines: list[_LineDone]
    end_offset: int
    pid: int
    setup_seconds: float | None


def _clean_line(
    number: int, raw: bytes | None, field_name: str, max_bytes: int, processor: Processor, reading: tuple[str, bool]
) -> _LineDone:
    if raw is None:  # a record too large to read
        return _LineDone(number, None, None, f"record larger than the limit of {max_bytes} bytes; left out")
    try:
        record = json.loads(raw)
    except ValueError as error:
        return _LineDone(number, None, None, f"not valid JSON ({error}); left out")
    if not isinstance(record, dict):
        return _LineDone(number, None, None, f"a JSON {type(record).__name__}, not an object; left out")
    text = record.get(field_name)
    error_text: str | None = None
    if field_name not in record:
        error_text = f"no field {field_name!r} in the record"
    elif not isinstance(text, str):
        error_text = f"field {field_name!r} is {type(text).__name__}, not text"
    else:
        try:
            result = processor(decode_text(text, f"line {number}", text_format=reading[0], comments=reading[1]))
        except TextfixError as error:
            error_text = str(error)
        except Exception as error:  # a bug must not stop the run
            error_text = f"internal error: {type(error).__name__}: {error}"
        else:
            summary = result_summary(result)
            record[f"{field_name}_clean"] = result.output
            record["textfix"] = summary
            return _LineDone(number, json.dumps(record, ensure_ascii=False), summary, None)
    record["textfix"] = {"error": error_text}
    return _LineDone(number, json.dumps(record, ensure_ascii=False), None, error_text)


def _clean_chunk_task(task: tuple[list[tuple[int, bytes | None]], int, str, int, tuple[str, bool]]) -> _ChunkDone:
    items, end_offset, field_name, max_bytes, reading = task
    state, setup_seconds = _worker()
    done = [_clean_line(number, raw, field_name, max_bytes, state.processor, reading) for number, raw in items]
    return _ChunkDone(done, end_offset, os.getpid(), setup_seconds)


# ---------------------------------------------------------------------------- interruption


class _Interruption:
    """Turns SIGINT and SIGTERM into ``KeyboardInterrupt`` in the main process, except while
    an output is being written: then the signal waits until the write is complete."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._critical = 0
        self._pending: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signal is not None:
            return  # already stopping: a second Ctrl-C must not break the clean-up
        self.signal = signum
        if self._critical:
            self._pending = signum
            return
        raise KeyboardInterrupt

    def __enter__(self) -> _Interruption:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        """Signals arriving inside this block take effect when it ends."""
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1
            if not self._critical and self._pending is not None:
                self._pending = None
                raise KeyboardInterrupt


def _pool(config: BatchConfig, workers: int) -> Pool:
    import multiprocessing

    context = multiprocessing.get_context(config.start_method)
    return context.Pool(workers, initializer=_init_worker, initargs=(config.options, config.setup))


# ---------------------------------------------------------------------------- journal


class _Journal:
    """Completed outputs, one JSON line each: the input's size and mtime, and the fingerprint.

    An output is up to date when it exists, is at least as new as its input, and its last
    journal line matches the input as it is now and the run's fingerprint. Writes are atomic
    (rename), and a line is added only after the rename: an output without a line is redone.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        lines = 0
        with contextlib.suppress(FileNotFoundError), path.open(encoding="utf-8") as stream:
            for line in stream:
                lines += 1
                try:
                    entry = json.loads(line)
                    self.entries[str(entry["output"])] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash: that output is redone
        if lines > 2 * len(self.entries) + 100:  # compact a journal grown by many reruns
            text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries.values())
            write_atomic(path, text)
        self._stream: IO[str] | None = None

    def is_current(self, key: str, source: os.stat_result, target: Path, fingerprint: str) -> bool:
        entry = self.entries.get(key)
        if entry is None or entry.get("fingerprint") != fingerprint:
            return False
        if entry.get("input_size") != source.st_size or entry.get("input_mtime_ns") != source.st_mtime_ns:
            return False
        try:
            return target.stat().st_mtime_ns >= source.st_mtime_ns
        except OSError:
            return False

    def record(self, key: str, source: os.stat_result, fingerprint: str) -> None:
        if self._stream is None:
            self._stream = self.path.open("a", encoding="utf-8")
        entry = {
            "output": key,
            "input_size": source.st_size,
            "input_mtime_ns": source.st_mtime_ns,
            "fingerprint": fingerprint,
        }
        self._stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None


def _sweep_temporaries(folder: Path) -> None:
    """Remove temporary files a killed run (SIGKILL, power loss) left in ``folder``."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if _TEMPORARY.match(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)


def _write_failures(path: Path, failures: Sequence[Failure]) -> Path | None:
    """The failures list, one JSON object per line; a stale list from an earlier run goes."""
    if not failures:
        path.unlink(missing_ok=True)
        return None
    write_atomic(path, "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in failures))
    return path


# ---------------------------------------------------------------------------- folders and globs


_Todo = tuple[InputFile, Path, os.stat_result]


def _plan(
    specs: Sequence[str],
    outdir: Path,
    config: BatchConfig,
    journal: _Journal,
    summary: BatchSummary,
    report: ProgressReporter,
) -> list[_Todo]:
    """The inputs still to clean, with their targets; counts skipped ones, reports bad ones."""
    inputs, failures = find_inputs(specs, exclude=outdir)
    summary.found = len(inputs) + len(failures)
    fingerprint = config.fingerprint()
    todo: list[_Todo] = []
    claimed: dict[Path, Path] = {}
    folders: set[Path] = set()
    for item in inputs:
        target = _target_for(outdir, item.relative)
        try:
            info = item.source.stat()
        except OSError as error:
            failures.append(Failure(str(item.source), f"cannot read: {error.strerror or error}"))
            continue
        if target in claimed:
            problem = f"{item.source} and {claimed[target]} would both be written to {target}"
            failures.append(Failure(str(item.source), problem))
            continue
        if item.source.resolve() == target.resolve():
            failures.append(Failure(str(item.source), f"refusing to overwrite it with its output {target}"))
            continue
        claimed[target] = item.source
        if journal.is_current(target.relative_to(outdir).as_posix(), info, target, fingerprint):
            summary.skipped += 1
            continue
        if target.parent not in folders:
            folders.add(target.parent)
            _sweep_temporaries(target.parent)
        todo.append((item, target, info))
    for failure in failures:
        summary.failures.append(failure)
        report.message(str(failure))
    return todo


def _clean_files(
    todo: Sequence[_Todo],
    outdir: Path,
    config: BatchConfig,
    journal: _Journal,
    summary: BatchSummary,
    report: ProgressReporter,
    interruption: _Interruption,
) -> None:
    """Clean ``todo`` in a pool, writing each output as it arrives (in order of completion)."""
    fingerprint = config.fingerprint()
    failed_at_start = summary.failed
    workers = min(config.workers, len(todo))
    tasks = [(i, str(item.source), config.max_bytes, config.comments) for i, (item, _, _) in enumerate(todo)]
    chunk = max(1, min(8, len(tasks) // (workers * 16)))
    pool = _pool(config, workers)
    try:
        for done, outcome in enumerate(pool.imap_unordered(_clean_file_task, tasks, chunksize=chunk), 1):
            if outcome.setup_seconds is not None:
                summary.worker_setup_seconds[outcome.pid] = outcome.setup_seconds
            item, target, info = todo[outcome.index]
            error = outcome.error
            if error is None and outcome.output is not None:
                try:
                    with interruption.critical():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        write_atomic(target, outcome.output, durable=False)
                        journal.record(target.relative_to(outdir).as_posix(), info, fingerprint)
                except OutputError as problem:
                    error = str(problem)
                except OSError as problem:
                    error = f"{target}: cannot write: {problem.strerror or problem}"
                else:
                    summary.add(outcome.summary or {})
            if error is not None or outcome.output is None:
                failure = Failure(str(item.source), error or "no output")
                summary.failures.append(failure)
                report.message(str(failure))
            report.update(done, None, summary.failed - failed_at_start)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def run_files(
    specs: Sequence[str],
    outdir: Path,
    config: BatchConfig | None = None,
    progress: ProgressReporter | None = None,
) -> BatchSummary:
    """Clean every file under ``specs`` (folders, globs, files) into the mirrored tree under ``outdir``.

    Outputs that are complete and up to date are skipped. Failures are collected (and
    written to ``outdir/failures.jsonl``), never raised. On SIGINT or SIGTERM the pool
    stops, nothing partial is left behind, and the summary says ``interrupted``.
    Raises :class:`OutputError` only when ``outdir`` itself cannot be created.
    """
    config = config or BatchConfig()
    report: ProgressReporter = progress or _Silent()
    started = time.monotonic()
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: not a folder (folders and globs need a folder for --output)")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{outdir}: cannot create folder: {error.strerror or error}") from error
    summary = BatchSummary()
    journal = _Journal(outdir / JOURNAL_NAME)
    interruption = _Interruption()
    try:
        with interruption:
            todo = _plan(specs, outdir, config, journal, summary, report)
            report.start(len(todo), "files")
            if todo:
                _clean_files(todo, outdir, config, journal, summary, report, interruption)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.signal = interruption.signal or signal.SIGINT
    finally:
        journal.close()
        report.finish()
        summary.seconds = time.monotonic() - started
    summary.failures_path = _write_failures(outdir / FAILURES_NAME, summary.failures)
    return summary


# ---------------------------------------------------------------------------- JSON Lines


def _read_records(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, raw line, offset after it)`` for each non-blank line, reading at most
    ``max_bytes + 1`` bytes of any line: a longer line is skipped, its raw line ``None``."""
    number = 0
    offset = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        offset += len(raw)
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the huge line
                raw = stream.readline(1024 * 1024)
                offset += len(raw)
            yield number, None, offset
        elif raw.strip():
            yield number, raw, offset


def _chunks(
    records: Iterable[tuple[int, bytes | None, int]], max_records: int, max_bytes: int
) -> Iterator[tuple[list[tuple[int, bytes | None]], int]]:
    chunk: list[tuple[int, bytes | None]] = []
    size = 0
    offset = 0
    for number, raw, offset in records:
        chunk.append((number, raw))
        size += len(raw or b"")
        if len(chunk) >= max_records or size >= max_bytes:
            yield chunk, offset
            chunk, size = [], 0
    if chunk:
        yield chunk, offset


def _bounded(items: Iterable[Any], slots: threading.Semaphore, stop: threading.Event) -> Iterator[Any]:
    """Yield each item only when a slot is free (``Pool.imap`` would otherwise read ahead
    through the whole input); end early once ``stop`` is set."""
    for item in items:
        slots.acquire()
        if stop.is_set():
            return
        yield item


class _AtomicStream:
    """A text file written in pieces to a temporary file beside ``path``, renamed on commit."""

    def __init__(self, path: Path) -> None:
        handle, temporary = open_temporary(path)
        self.path, self.temporary = path, Path(temporary)
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        self.stream.close()
        self.temporary.unlink(missing_ok=True)


def _stream_records(
    stream: IO[bytes],
    out: TextIO,
    source: Path,
    size: int,
    field_name: str,
    config: BatchConfig,
    summary: BatchSummary,
    report: ProgressReporter,
) -> None:
    """Clean the records of ``stream`` in a pool, chunk by chunk, writing them to ``out`` in order."""
    in_flight = config.workers * 4
    slots, stop = threading.Semaphore(in_flight), threading.Event()
    chunks = _chunks(_read_records(stream, config.max_bytes), config.chunk_records, config.chunk_bytes)
    reading = (config.jsonl_format, config.comments)
    tasks = ((items, end, field_name, config.max_bytes, reading) for items, end in _bounded(chunks, slots, stop))
    pool = _pool(config, config.workers)
    try:
        for outcome in pool.imap(_clean_chunk_task, tasks):
            slots.release()
            if outcome.setup_seconds is not None:
                summary.worker_setup_seconds[outcome.pid] = outcome.setup_seconds
            for line in outcome.lines:
                summary.found += 1
                if line.output is not None:
                    out.write(line.output + "\n")
                if line.error is not None:
                    failure = Failure(str(source), line.error, line.line)
                    summary.failures.append(failure)
                    report.message(str(failure))
                elif line.summary is not None:
                    summary.add(line.summary)
            report.update(summary.found, outcome.end_offset / size if size else None, summary.failed)
        pool.close()
    except BaseException:
        stop.set()  # unblock the pool's feeder thread so that the pool can stop
        slots.release(in_flight + 1)
        pool.terminate()
        raise
    finally:
        pool.join()


def run_jsonl(
    source: Path,
    target: Path | None,
    field_name: str = "text",
    config: BatchConfig | None = None,
    progress: ProgressReporter | None = None,
    *,
    stdout: TextIO | None = None,
) -> BatchSummary:
    """Clean the ``field_name`` of every record of the JSON Lines file ``source``, in order.

    Each output line is the input record with every field kept, plus ``<field>_clean`` and
    ``textfix`` (a summary, or ``{"error": ...}`` for a record that could not be cleaned).
    Lines that are not JSON objects, or longer than ``config.max_bytes``, are left out and
    listed as failures with their line number. Memory stays bounded: records are read
    lazily and only a few chunks per worker are in flight. ``target`` is written atomically
    (skipped when up to date); ``None`` streams to ``stdout``. Raises :class:`OutputError`
    when ``target`` cannot be written.
    """
    config = config or BatchConfig()
    report: ProgressReporter = progress or _Silent()
    started = time.monotonic()
    summary = BatchSummary(unit="records")
    try:
        info = source.stat()
        stream = source.open("rb")
    except OSError as error:
        problem = "no such file" if isinstance(error, FileNotFoundError) else f"cannot read: {error.strerror or error}"
        summary.failures.append(Failure(str(source), problem))
        return summary
    fingerprint = f"{config.fingerprint()}:{field_name}"
    journal = _Journal(target.parent / f".{target.name}.textfix-journal.jsonl") if target is not None else None
    if target is not None and journal is not None:
        if journal.is_current(target.name, info, target, fingerprint):
            stream.close()
            return BatchSummary(found=1, skipped=1)
        _sweep_temporaries(target.parent)
    writer: _AtomicStream | None = None
    interruption = _Interruption()
    report.start(None, "records")
    try:
        with stream, interruption:
            writer = _AtomicStream(target) if target is not None else None
            out = writer.stream if writer is not None else (stdout or sys.stdout)
            _stream_records(stream, out, source, info.st_size, field_name, config, summary, report)
            out.flush()
            if writer is not None and journal is not None and target is not None:
                with interruption.critical():
                    writer.commit()
                    writer = None
                    journal.record(target.name, info, fingerprint)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.signal = interruption.signal or signal.SIGINT
    finally:
        if writer is not None:
            writer.discard()
        if journal is not None:
            journal.close()
        report.finish()
        summary.seconds = time.monotonic() - started
    if target is not None and not summary.interrupted:
        summary.failures_path = _write_failures(target.with_name(f"{target.stem}.failures.jsonl"), summary.failures)
    return summary
