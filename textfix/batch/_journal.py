"""The journal of completed outputs, temporary files left by a killed run, and the failures list."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from textfix.output import write_atomic

from .summary import Failure

__all__ = ["Journal", "file_sha256", "sweep_temporaries", "write_failures"]

#: Temporary files :func:`textfix.output.write_atomic` and the JSONL writer create.
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


class Journal:
    """Completed outputs, one JSON line each: the input's size and mtime, the fingerprint of
    the run, and the output's size and SHA-256.

    An output is up to date when its last journal line matches the input as it is now and the
    run's fingerprint, and the file is still what was written: the same size, at least as new
    as its input, the same hash (an output damaged or edited after it was written is redone).
    Outputs are written atomically (rename) and a line is added only after the rename: an
    output without a line is redone.
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

    def is_current(
        self,
        key: str,
        source: os.stat_result,
        target: Path,
        fingerprint: str,
        *,
        extras: Mapping[str, object] | None = None,
        needs: Sequence[Path] = (),
    ) -> bool:
        """Whether ``target`` is up to date; ``extras`` must match its line, ``needs`` must exist."""
        entry = self.entries.get(key)
        if entry is None or entry.get("fingerprint") != fingerprint:
            return False
        if entry.get("input_size") != source.st_size or entry.get("input_mtime_ns") != source.st_mtime_ns:
            return False
        if any(entry.get(name) != value for name, value in (extras or {}).items()):
            return False
        try:
            info = target.stat()
            if info.st_size != entry.get("output_size") or info.st_mtime_ns < source.st_mtime_ns:
                return False
            if not all(path.exists() for path in needs):
                return False
            return file_sha256(target) == entry.get("sha256")
        except OSError:
            return False

    def record(
        self, key: str, source: os.stat_result, fingerprint: str, *, sha256: str, size: int, **extras: object
    ) -> None:
        """Add the line of a completed output (``extras``: what else it needs, e.g. a report entry)."""
        if self._stream is None:
            self._stream = self.path.open("a", encoding="utf-8")
        entry = {
            "output": key,
            "input_size": source.st_size,
            "input_mtime_ns": source.st_mtime_ns,
            "fingerprint": fingerprint,
            "output_size": size,
            "sha256": sha256,
            **extras,
        }
        self.entries[key] = entry
        self._stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def sweep_temporaries(folder: Path, name: str | None = None, *, older_than: float | None = None) -> None:
    """Remove temporary files a killed run (SIGKILL, power loss) left in ``folder``; with
    ``name``, only those of the output ``name``; with ``older_than`` (a ``time.time()``), only
    those written before it (safe while this run's workers write beside them)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _TEMPORARY.match(entry.name)
            if match is None or (name is not None and entry.name[1:-13] != name):
                continue
            with contextlib.suppress(OSError):
                if not entry.is_file(follow_symlinks=False):
                    continue
                if older_than is not None and entry.stat(follow_symlinks=False).st_mtime >= older_than:
                    continue
                Path(entry.path).unlink(missing_ok=True)


def write_failures(path: Path, failures: Sequence[Failure]) -> Path | None:
    """The failures list, one JSON object per line; a stale list from an earlier run goes."""
    if not failures:
        path.unlink(missing_ok=True)
        return None
    write_atomic(path, "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in failures))
    return path
