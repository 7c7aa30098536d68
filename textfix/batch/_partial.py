"""An unfinished JSON Lines run, kept beside its target so that a rerun goes on where it stopped.

``.{target}.textfix-partial/`` holds what the run has written so far, in input order:
``output.jsonl`` (the output lines), ``report.jsonl`` (report entries, one per line),
``index.jsonl`` (review index entries) and ``failures.jsonl``, plus ``checkpoint.json``: the
input offset and line reached, the size of each of those files at that point, the counts so
far, and what the run depends on (options, input size and mtime).

The main process appends whole chunks of records, then (about once a second, and when it is
interrupted) replaces the checkpoint atomically. A rerun of the same input with the same
options cuts each file back to the checkpoint's size and reads on from its offset, so a
SIGKILL loses at most the last second; anything else starts over. The output becomes the
target (a rename) only once the whole input is done.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from textfix.errors import OutputError
from textfix.output import write_atomic

__all__ = ["Checkpoint", "PartialRun"]

_FILES = ("output", "report", "index", "failures")


@dataclass
class Checkpoint:
    """How far a run got: input offset and line, file sizes, counts."""

    offset: int = 0
    line: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


class PartialRun:
    """The files of an unfinished run of ``target``; ``identity`` says what it depends on."""

    def __init__(self, target: Path, identity: dict[str, Any]) -> None:
        self.folder = target.parent / f".{target.name}.textfix-partial"
        self.identity = identity
        self._streams: dict[str, IO[bytes]] = {}

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.jsonl"

    def _load(self) -> Checkpoint | None:
        try:
            data = json.loads((self.folder / "checkpoint.json").read_text(encoding="utf-8"))
            if data.get("identity") != self.identity:
                return None
            checkpoint = Checkpoint(int(data["offset"]), int(data["line"]), dict(data["sizes"]), dict(data["counts"]))
            for name in _FILES:
                if self.path(name).stat().st_size < checkpoint.sizes[name]:
                    return None  # a file shorter than recorded: damaged, start over
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return checkpoint

    def open(self) -> Checkpoint:
        """Resume the run (files cut back to the checkpoint) or start a new one; the checkpoint."""
        checkpoint = self._load()
        try:
            if checkpoint is None:
                self.discard()
                self.folder.mkdir()
                checkpoint = Checkpoint()
            for name in _FILES:
                stream = self.path(name).open("ab")
                stream.truncate(checkpoint.sizes.get(name, 0))
                stream.seek(0, 2)
                self._streams[name] = stream
        except OSError as error:
            self.close()
            raise OutputError(f"{self.folder}: cannot write: {error.strerror or error}") from error
        return checkpoint

    def append(self, name: str, data: bytes) -> None:
        if data:
            self._streams[name].write(data)

    def save(self, checkpoint: Checkpoint) -> None:
        """Flush every file and record how far the run got (atomically)."""
        for name, stream in self._streams.items():
            stream.flush()
            checkpoint.sizes[name] = stream.tell()
        payload = {"identity": self.identity, **asdict(checkpoint)}
        write_atomic(self.folder / "checkpoint.json", json.dumps(payload) + "\n", durable=False)

    def lines(self, name: str) -> Iterator[bytes]:
        """The lines of one of the files, without their line ends (after :meth:`save`)."""
        with self.path(name).open("rb") as stream:
            for line in stream:
                yield line.rstrip(b"\n")

    def close(self) -> None:
        for stream in self._streams.values():
            with contextlib.suppress(OSError):
                stream.close()
        self._streams.clear()

    def discard(self) -> None:
        """Remove the partial run (after it was published, or to start over)."""
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)
