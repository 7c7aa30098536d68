"""A corpus run's limits and file names, and which arguments make one.

Kept apart from :mod:`.config` and :mod:`.inputs` so that what needs no more than these (the
command line's defaults, the check whether an argument is a corpus run) does not import the
run's configuration and input classes with them: a one-file ``textfix fix`` never builds a
corpus run.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["DEFAULT_MAX_BYTES", "FAILURES_NAME", "GLOB_MAGIC", "JOURNAL_NAME", "LOCK_NAME", "SUFFIXES",
           "is_batch_input"]

#: File suffixes picked up when walking folders and globs (case-insensitive).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
#: Inputs (files, or JSON Lines records) larger than this are reported, not read.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
#: Name of the failures list written into the output folder.
FAILURES_NAME = "failures.jsonl"
#: Name of the journal of completed outputs (hidden, in the output folder).
JOURNAL_NAME = ".textfix-journal.jsonl"
#: Name of the lock file a run holds in its output folder.
LOCK_NAME = ".textfix-lock"
#: A character that makes an argument a glob.
GLOB_MAGIC = re.compile(r"[*?[]")


def is_batch_input(name: str) -> bool:
    """Whether a ``fix`` argument goes through a corpus run: a folder, a glob or a ``.jsonl`` file."""
    if name == "-":
        return False
    path = Path(name)
    return path.is_dir() or name.lower().endswith(".jsonl") or (bool(GLOB_MAGIC.search(name)) and not path.exists())
