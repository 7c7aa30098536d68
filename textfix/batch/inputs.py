"""Inputs of a corpus run: folders, globs and files, expanded into files with their relative paths."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from ._limits import GLOB_MAGIC, SUFFIXES, is_batch_input

if TYPE_CHECKING:  # a one-file fix only asks is_batch_input: the run's summary is imported where a run needs it
    from .summary import Failure

__all__ = ["InputFile", "find_inputs", "is_batch_input", "target_for"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class InputFile:
    """A file to clean, and where it sits relative to the folder or glob it was found under."""

    source: Path
    relative: PurePath


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if GLOB_MAGIC.search(part):
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
    from .summary import Failure

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
        elif GLOB_MAGIC.search(spec):
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


def target_for(outdir: Path, relative: PurePath) -> Path:
    name = relative.name
    stem, suffix = os.path.splitext(name)
    if suffix.lower() in _HTML_SUFFIXES:
        name = stem + ".txt"
    return outdir.joinpath(relative.parent, name)
