"""Writing results: atomically, and never over an input unless asked."""

from __future__ import annotations

import os
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
    path = _through_links(path)
    handle, temporary = open_temporary(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {describe_os_error(error)}") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def describe_os_error(error: OSError) -> str:
    """What went wrong, in words: ``no space left on device``, ``permission denied``.

    >>> import errno
    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device"))
    'no space left on device'
    """
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def _through_links(path: Path) -> Path:
    """Where writing to ``path`` must land: a symbolic link is written through to its target,
    so that ``--in-place`` on a link changes the file it points to and keeps the link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def open_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (same folder, so a rename replaces ``path`` atomically),
    with the permissions ``path`` will have; its descriptor and name."""
    import tempfile  # only where a file is written: a fix printing to stdout writes none

    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except PermissionError as error:
        raise OutputError(f"{path}: cannot write: permission denied in {folder}") from error
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {describe_os_error(error)}") from error
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


#: Suffixes that make an ``--output`` name a file, not a folder to create.
_FILE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ".tsv", ".xml")


def output_paths(
    inputs: Sequence[str], output: str | os.PathLike[str] | None, *, in_place: bool
) -> list[Path | None]:
    """Where each input's result goes (``None``: standard output), refusing to clobber inputs.

    One input: the file ``output``, unless ``output`` is an existing folder or is written
    with a trailing ``/`` (a folder, created if its parent exists). Several inputs: one file
    each inside the folder ``output``; a name that looks like a file (``single.txt``) is
    refused rather than made a folder. Nothing is created unless every target is valid.

    >>> try:
    ...     output_paths(["a.txt", "b.html"], "single.txt", in_place=False)
    ... except OutputError as error:
    ...     print(str(error).split(", and")[0])
    single.txt: several inputs need a folder for --output
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
    raw = os.fspath(output)
    folder = Path(raw)
    wants_folder = raw.endswith(("/", os.sep)) or folder.is_dir()
    if len(inputs) == 1 and not wants_folder:
        targets = [folder]
    else:
        if not folder.exists() and not wants_folder and folder.suffix.lower() in _FILE_SUFFIXES:
            raise OutputError(
                f"{raw}: several inputs need a folder for --output, and this names a file "
                f"(write {raw}/ to make it a folder)"
            )
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"{raw}: not a folder (several inputs need a folder for --output)")
        targets = [folder / _output_name(i) for i in inputs]
        seen: dict[Path, str] = {}
        for source, target in zip(inputs, targets, strict=True):
            if target in seen:
                raise OutputError(f"{source} and {seen[target]} would both be written to {target}")
            seen[target] = source
    resolved_inputs = {Path(i).resolve() for i in inputs if i != "-"}
    for target in targets:
        if target.resolve() in resolved_inputs:
            raise OutputError(f"{target}: refusing to overwrite an input (use --in-place to rewrite inputs)")
    if len(targets) > 1 or wants_folder:
        _make_folder(folder, raw)
    return list(targets)


def _make_folder(folder: Path, raw: str) -> None:
    """Create the output folder (its parent must exist); nothing happens if it is there."""
    if folder.is_dir():
        return
    if not folder.parent.is_dir():
        raise OutputError(f"{raw}: cannot create folder: {folder.parent} does not exist")
    try:
        folder.mkdir()
    except OSError as error:
        raise OutputError(f"{raw}: cannot create folder: {describe_os_error(error)}") from error
