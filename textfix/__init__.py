"""textfix: turn broken, half-translated web news into clean German and English.

>>> import textfix
>>> textfix.clean("Die NATO hat darauf reagiert .\\n\\nWeitere Nachrichten\\n").output
'Die NATO hat darauf reagiert.\\n'

The package is laid out as the pipeline (read → repair → segment → translate → glossary
→ assemble → render); see the README's Layout section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__

if TYPE_CHECKING:  # the names below are imported on first use (see __getattr__)
    from .batch import clean_file, clean_record
    from .decisions import Decisions, apply_decisions
    from .edits import apply_edits
    from .errors import (
        DecisionsError,
        EditLogError,
        GlossaryError,
        InputError,
        InputTooLargeError,
        MissingModelError,
        ModelError,
        OptionsError,
        OutputError,
        TextfixError,
    )
    from .model import (
        Edit,
        EditKind,
        Flag,
        FlagKind,
        Problem,
        ProblemKind,
        Reason,
        Result,
        Segment,
        TranslationDetail,
    )
    from .options import DEFAULT_LANGUAGES, Options, options_from_choices
    from .pipeline import clean, clean_decoded, clean_many
    from .read import Decoded, decode_bytes, read_path
    from .translate import ModelStore

#: Where each public name lives. ``import textfix`` loads none of them, so a command (or a
#: library user) pays only for the stages it touches: ``textfix.clean`` loads the pipeline,
#: never the corpus runner, the review pages or the translation stack.
_HOMES = {
    "clean_file": "batch", "clean_record": "batch",
    "Decisions": "decisions", "apply_decisions": "decisions",
    "apply_edits": "edits",
    **dict.fromkeys(
        ["DecisionsError", "EditLogError", "GlossaryError", "InputError", "InputTooLargeError",
         "MissingModelError", "ModelError", "OptionsError", "OutputError", "TextfixError"],
        "errors",
    ),
    **dict.fromkeys(
        ["Edit", "EditKind", "Flag", "FlagKind", "Problem", "ProblemKind", "Reason", "Result",
         "Segment", "TranslationDetail"],
        "model",
    ),
    "DEFAULT_LANGUAGES": "options", "Options": "options", "options_from_choices": "options",
    "clean": "pipeline", "clean_decoded": "pipeline", "clean_many": "pipeline",
    "Decoded": "read", "decode_bytes": "read", "read_path": "read",
    "ModelStore": "translate",
}  # fmt: skip


__getattr__, __dir__ = lazy_names(__name__, _HOMES)


__all__ = [
    "DEFAULT_LANGUAGES",
    "Decisions",
    "DecisionsError",
    "Decoded",
    "Edit",
    "EditKind",
    "EditLogError",
    "Flag",
    "FlagKind",
    "GlossaryError",
    "InputError",
    "InputTooLargeError",
    "MissingModelError",
    "ModelError",
    "ModelStore",
    "Options",
    "OptionsError",
    "OutputError",
    "Problem",
    "ProblemKind",
    "Reason",
    "Result",
    "Segment",
    "TextfixError",
    "TranslationDetail",
    "__version__",
    "apply_decisions",
    "apply_edits",
    "clean",
    "clean_decoded",
    "clean_file",
    "clean_many",
    "clean_record",
    "decode_bytes",
    "options_from_choices",
    "read_path",
]
