"""textfix's own exceptions: one base class, each message says what to do."""

from __future__ import annotations

__all__ = ["GlossaryError", "InputError", "InputTooLargeError", "OutputError", "TextfixError"]


class TextfixError(Exception):
    """Base class of every error textfix raises on purpose."""


class InputError(TextfixError):
    """An input that cannot be read as text (missing, binary, undecodable, a directory)."""


class InputTooLargeError(InputError):
    """An input over the size limit (``max_bytes``); it was not read."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class OutputError(TextfixError):
    """An output that cannot be written (missing folder, no permission, would overwrite an input)."""


class GlossaryError(TextfixError):
    """A glossary file that cannot be used: the message names the file, the line and what is wrong.

    >>> str(GlossaryError("expected 6 fields, found 4", path="names.tsv", line=7))
    'names.tsv:7: expected 6 fields, found 4'
    """

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        where = ":".join(str(part) for part in (path, line) if part is not None)
        super().__init__(f"{where}: {problem}" if where else problem)
