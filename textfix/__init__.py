"""textfix: turn broken, half-translated web news into clean German and English.

>>> import textfix
>>> textfix.clean("Die NATO hat darauf reagiert .\\n\\nWeitere Nachrichten\\n").output
'Die NATO hat darauf reagiert.\\n'

The package is laid out as the pipeline (read → repair → segment → translate → glossary
→ assemble → render); see the README's Layout section.
"""

from __future__ import annotations

import logging

from ._version import __version__
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
from .model import Edit, EditKind, Flag, FlagKind, Problem, ProblemKind, Reason, Result, Segment, TranslationDetail
from .options import DEFAULT_LANGUAGES, Options, options_from_choices
from .pipeline import clean, clean_decoded, clean_many
from .read import Decoded, decode_bytes, read_path
from .translate import ModelStore

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

logging.getLogger(__name__).addHandler(logging.NullHandler())

