"""Writing results: atomically, and never over an input unless asked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import OutputError

__all__ = ["output_paths", "write_atomic"]


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename.

    A reader never sees a half-written file, and an existing file stays intact if
    writing fails or the process is killed. ``durable`` also flushes the data to disk
    before the rename (fsync), so that it survives a power cut; corpus runs, which
    write thousands of files and journal each one, leave that to the system.
    """
    handle, temporary = open_temporary(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def open_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (same folder, so a rename replaces ``path`` atomically),
    with the permissions ``path`` will have; its descriptor and name."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except PermissionError as error:
        raise OutputError(f"{path}: cannot write: permission denied in {folder}") from error
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from error
    os.chmod(temporary, file_mode(path))
    return handle, temporary


def file_mode(path: Path) -> int:
    """Permissions for a file written to ``path``: those of the file it replaces, else the
    usual ``0o666`` less the umask (a temporary file alone would be private, ``0o600``)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _output_name(source: str) -> str:
    name = Path(source).name if source != "-" else "stdin.txt"
    stem, suffix = os.path.splitext(name)
    return stem + ".txt" if suffix.lower() in (".html", ".htm", ".xhtml") else name


def output_paths(inputs: Sequence[str], output: Path | None, *, in_place: bool) -> list[Path | None]:
    """Where each input's result goes (``None``: standard output), refusing to clobber inputs.

    One input and ``output`` not an existing folder: that file. Several inputs: one file
    each inside the folder ``output`` (created if its parent exists).
    """
    if in_place:
        if output is not None:
            raise OutputError("--in-place and --output exclude each other")
        if "-" in inputs:
            raise OutputError("--in-place cannot rewrite standard input")
        return [Path(i) for i in inputs]
    if output is None:
        if len(inputs) > 1:
            raise OutputError("several inputs need --output DIR (one output file each)")
        return [None]
    if len(inputs) == 1 and not output.is_dir() and not str(output).endswith(os.sep):
        targets = [output]
    else:
        if not output.exists():
            if not output.parent.is_dir():
                raise OutputError(f"{output}: cannot create folder: {output.parent} does not exist")
            try:
                output.mkdir()
            except OSError as error:
                raise OutputError(f"{output}: cannot create folder: {error.strerror or error}") from error
        elif not output.is_dir():
            raise OutputError(f"{output}: not a folder (several inputs need a folder for --output)")
        targets = [output / _output_name(i) for i in inputs]
        seen: dict[Path, str] = {}
        for source, target in zip(inputs, targets, strict=True):
            if target in seen:
                raise OutputError(f"{source} and {seen[target]} would both be written to {target}")
            seen[target] = source
    resolved_inputs = {Path(i).resolve() for i in inputs if i != "-"}
    for target in targets:
        if target.resolve() in resolved_inputs:
            raise OutputError(f"{target}: refusing to overwrite an input (use --in-place to rewrite inputs)")
    return list(targets)
