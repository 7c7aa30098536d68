"""textfix: turn broken, half-translated web news into clean German and English.

>>> import textfix
>>> textfix.clean("Die NATO hat darauf reagiert .\\n\\nWeitere Nachrichten\\n").output
'Die NATO hat darauf reagiert.\\n'
"""

from __future__ import annotations

import logging

from .batch import clean_file, clean_record
from .edits import apply_edits
from .errors import GlossaryError, InputError, InputTooLargeError, OutputError, TextfixError
from .model import DEFAULT_LANGUAGES, Edit, Options, Result, Segment
from .pipeline import clean, clean_decoded, clean_many
from .read import Decoded, decode_bytes, read_path
from .translate import MissingModelError, ModelError, ModelStore

__all__ = [
    "DEFAULT_LANGUAGES",
    "Decoded",
    "Edit",
    "GlossaryError",
    "InputError",
    "InputTooLargeError",
    "MissingModelError",
    "ModelError",
    "ModelStore",
    "Options",
    "OutputError",
    "Result",
    "Segment",
    "TextfixError",
    "apply_edits",
    "clean",
    "clean_decoded",
    "clean_file",
    "clean_many",
    "clean_record",
    "decode_bytes",
    "read_path",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
