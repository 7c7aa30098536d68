"""textfix's own exceptions: one base class, each message says what to do."""

from __future__ import annotations

__all__ = ["InputError", "OutputError", "TextfixError"]


class TextfixError(Exception):
    """Base class of every error textfix raises on purpose."""


class InputError(TextfixError):
    """An input that cannot be read as text (missing, binary, undecodable, a directory)."""


class OutputError(TextfixError):
    """An output that cannot be written (missing folder, no permission, would overwrite an input)."""
