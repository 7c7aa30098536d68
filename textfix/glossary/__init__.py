"""Glossary: one spelling for every name, before and after translation.

A :class:`Glossary` holds entries (people, places, organisations, equipment), each with
a canonical form per language (``de``, ``en``), other forms also correct in that
language, and variants: Russian and Ukrainian Cyrillic, other transliterations,
misspellings. Cyrillic forms also match their case forms (Столтенберга, Украиной), and
Latin forms their German genitive ``-s`` (Putins), which stays outside the name.

>>> from textfix.edits import apply_edits
>>> g = builtin_glossary()
>>> text = "Столтенбергом, Stoltenberh und Putins Armee"
>>> [(m.text, m.entry.id, m.is_canonical("de")) for m in find_terms(text, g)]
[('Столтенбергом', 'stoltenberg', False), ('Stoltenberh', 'stoltenberg', False), ('Putins', 'putin', True)]
>>> apply_edits(text, glossary_edits(text, "de", g))
'Stoltenberg, Stoltenberg und Putins Armee'

The parts: :mod:`.entry` (an entry and its checks), :mod:`._inflection` and
:mod:`._matcher` (all forms compiled into one regular expression), :mod:`.terms` (the
glossary and finding its names), :mod:`.respell` (edits to canonical forms),
:mod:`.placeholders` (names through translation), :mod:`.files` and :mod:`.tbx`
(reading and writing glossaries). Built-in data: ``textfix/data/glossary.tsv`` (format in
``glossary/README.md``); user glossaries in TSV, CSV or TBX are laid over it with
:func:`load_glossaries`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textfix._lazy import lazy_names

from .entry import GlossaryEntry
from .files import builtin_glossary, load_glossaries, load_glossary, parse_csv, parse_tsv, to_tsv
from .respell import glossary_edits, glossary_reason
from .terms import Glossary, TermMatch, find_terms, nonstandard_terms

if TYPE_CHECKING:  # imported on first use: TBX (XML) and translation's placeholders, which cleaning never needs
    from .placeholders import Placeholder, protect, restore
    from .tbx import parse_tbx, to_tbx

__getattr__, __dir__ = lazy_names(__name__, {
    "Placeholder": "placeholders", "protect": "placeholders", "restore": "placeholders",
    "parse_tbx": "tbx", "to_tbx": "tbx",
})  # fmt: skip

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "Placeholder",
    "TermMatch",
    "builtin_glossary",
    "find_terms",
    "glossary_edits",
    "glossary_reason",
    "load_glossaries",
    "load_glossary",
    "nonstandard_terms",
    "parse_csv",
    "parse_tbx",
    "parse_tsv",
    "protect",
    "restore",
    "to_tbx",
    "to_tsv",
]
