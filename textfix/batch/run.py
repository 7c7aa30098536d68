"""One entry point for every corpus run: folders and globs, or a JSON Lines file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from textfix.errors import OptionsError

from .config import BatchConfig
from .files import run_files
from .jsonl import run_jsonl
from .summary import BatchSummary, ProgressReporter

__all__ = ["run_corpus"]


def run_corpus(
    inputs: Sequence[str],
    output: Path | None,
    config: BatchConfig | None = None,
    progress: ProgressReporter | None = None,
    *,
    field: str = "text",
    stdout: TextIO | None = None,
) -> BatchSummary:
    """Clean ``inputs``: folders, globs and files into the folder ``output`` (:func:`run_files`),
    or one ``.jsonl`` file into ``output`` (a file, or a folder to put ``<name>.jsonl`` in;
    ``None``: ``stdout``) with :func:`run_jsonl`.

    Raises :class:`OptionsError` for inputs that cannot go together or a missing output
    folder, :class:`textfix.errors.OutputError` for an output that cannot be written or
    would replace an input.
    """
    jsonl = [name for name in inputs if name.lower().endswith(".jsonl")]
    if jsonl and len(inputs) > 1:
        raise OptionsError("a .jsonl input is cleaned on its own: pass one .jsonl file per run")
    if not jsonl:
        if output is None:
            raise OptionsError("folders and globs need --output DIR: their tree is mirrored there")
        return run_files(inputs, output, config, progress)
    source = Path(jsonl[0])
    target = output / (source.stem + ".jsonl") if output is not None and output.is_dir() else output
    return run_jsonl(source, target, field, config, progress, stdout=stdout)
