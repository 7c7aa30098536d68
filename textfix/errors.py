"""textfix's own exceptions: one base class, each message says what to do."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DecisionsError",
    "EditLogError",
    "GlossaryError",
    "InputError",
    "InputTooLargeError",
    "MissingModelError",
    "ModelError",
    "OptionsError",
    "OutputError",
    "TextfixError",
]


class TextfixError(Exception):
    """Base class of every error textfix raises on purpose."""


class EditLogError(TextfixError, ValueError):
    """An edit log that does not fit its text: edits out of order, overlapping, or not matching."""


class DecisionsError(TextfixError):
    """Review decisions that cannot be applied: not a decisions file, made for another text or
    with other options, or naming edits this result does not have. ``path`` is the file they came from.
    """

    def __init__(self, problem: str, *, path: str | None = None) -> None:
        self.problem = problem
        self.path = path
        super().__init__(f"{path}: {problem}" if path else problem)


class InputError(TextfixError):
    """An input that cannot be read as text (missing, binary, undecodable, a directory)."""


class InputTooLargeError(InputError):
    """An input over the size limit (``max_bytes``); it was not read."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class OptionsError(TextfixError, ValueError):
    """Options that cannot work together, or name something unknown (a language code, a count below 1).

    A usage error: the command line exits 2 with the message.
    """


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


class ModelError(TextfixError):
    """A translation package that cannot be installed, found or loaded."""


class MissingModelError(ModelError):
    """No installed package (direct or through English) translates ``source`` into ``target``.

    >>> print(str(MissingModelError("ru", "de", [("ru", "en")])).split(";")[0])
    no ru→de translation model installed (missing: ru→en)
    >>> print(str(MissingModelError("und", "de", [("und", "de")])).split(";")[0])
    no und→de translation model can exist: the language of this text is not known (und)
    """

    def __init__(self, source: str, target: str, missing: Sequence[tuple[str, str]]) -> None:
        self.source, self.target, self.missing = source, target, list(missing)
        if "und" in (source, target):  # text in a script whose language no detector could name
            super().__init__(
                f"no {source}→{target} translation model can exist: the language of this text is not known "
                f"(und); {self.remedy}"
            )
            return
        needs = ", ".join(f"{a}→{b}" for a, b in self.missing)
        super().__init__(f"no {source}→{target} translation model installed (missing: {needs}); {self.remedy}")

    @property
    def remedy(self) -> str:
        """How to get what is missing: one command per package, the same wherever it is shown."""
        if "und" in (self.source, self.target):
            return "keep it verbatim with --keep-untranslated"
        commands = "; ".join(f"`textfix models install {a} {b}`" for a, b in self.missing)
        return f"install with {commands} or, offline, `textfix models install --file PACKAGE.argosmodel`"
