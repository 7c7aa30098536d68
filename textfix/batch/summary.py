"""What a corpus run reports: failures, the summary, and the progress protocol (the library never prints)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

__all__ = ["COUNTS", "BatchSummary", "Failure", "ProgressReporter", "Silent"]

#: The counts of a summary that a resumed run carries over.
COUNTS = ("found", "cleaned", "written", "characters", "foreign_spans", "translated", "debris_removed",
          "duplicates_removed")


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
    #: Items cleaned and written (an output file, or a record with its cleaned text).
    cleaned: int = 0
    skipped: int = 0
    #: Outputs written: for files, ``cleaned``; for JSON Lines, the lines of the output (cleaned
    #: records, and records kept in place with an error).
    written: int = 0
    #: JSON Lines: records done by the interrupted run that this one went on with.
    resumed: int = 0
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
    #: Whether an interrupted run keeps its work for the next one (always for files; for JSON
    #: Lines, with an output file).
    resumable: bool = True
    #: What the run's first pass said of its recurring lines (site chrome), if it found any.
    recurring: str | None = None

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
        rate = (self.cleaned - self.resumed) / self.seconds if self.seconds > 0 else 0.0
        state = "interrupted after" if self.interrupted else "in"
        written = ""
        if self.unit == "records":
            kept = self.written - self.cleaned
            written = f"; {self.written} lines written" + (f" ({kept} not cleaned)" if kept else "")
            if self.resumed:
                written += f"; {self.resumed} records done by the interrupted run"
        lines = [
            f"{self.found} {self.unit}: {self.cleaned} cleaned, {self.skipped} skipped (up to date), "
            f"{self.failed} failed{written} {state} {self.seconds:.1f} s ({rate:.1f} {self.unit}/s)",
            f"{self.characters:,} characters, {self.foreign_spans:,} foreign spans found "
            f"({self.translated:,} translated), "
            f"{self.debris_removed:,} debris removed, {self.duplicates_removed:,} duplicates removed",
        ]
        if self.recurring is not None:
            lines.append(self.recurring)
        if self.interrupted and self.unit == "records" and self.resumable:
            lines.append("what was done is kept: run the same command again to go on")
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


class Silent:
    """A reporter that shows nothing (the default of library calls)."""

    def start(self, total: int | None, unit: str) -> None:
        pass

    def update(self, done: int, fraction: float | None, failed: int) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def finish(self) -> None:
        pass
