"""Recurring lines as segmentation and the command line see them: keys, thresholds, the check.

What :mod:`.recurring` counts over a run is looked up here, line by line: a line's key
(:func:`line_key`), whether it may be chrome at all (:func:`is_candidate`), and whether a
paragraph is one of a run's :class:`~textfix.debris.recurring.RecurringLines`. Kept apart from
the counting (its classes and counter) so that cleaning one file, which counts nothing, does
not build them; :mod:`.recurring` offers all of these names too.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textfix.errors import OptionsError

if TYPE_CHECKING:
    from .recurring import RecurringLines

__all__ = [
    "DEFAULT_MIN_DOCUMENTS",
    "DEFAULT_SHARE",
    "KEY_MAX_CHARACTERS",
    "PROSE_WORDS",
    "REASON",
    "check_threshold",
    "is_candidate",
    "is_recurring",
    "line_key",
    "min_documents_for",
    "parse_threshold",
    "recurring_paragraphs",
]

#: The segment reason (and edit detail: ``debris: recurring``) of a line removed for recurring.
REASON = "recurring"
#: A line of more words than this that ends like a sentence is prose: never removed for recurring.
PROSE_WORDS = 12
#: Keys longer than this are not counted (bounded memory; such a line is a paragraph, not chrome).
KEY_MAX_CHARACTERS = 200
#: Without a threshold of its own, a line is chrome when it stands in at least this many
#: documents of the run (so a run of two articles never loses the lines they share)...
DEFAULT_MIN_DOCUMENTS = 3
#: ...and in at least this share of them (in a run of 10,000 articles, 100), so that a short
#: sentence two unrelated articles happen to share ("Die Ermittlungen dauern an.") stays.
DEFAULT_SHARE = 0.01

# A key is the line's words (letters, digits and marks), case-folded: repair changes spacing and
# punctuation ("Teilen :" → "Teilen:"), sites vary emoji and decoration ("📬", "»", "|"), and none
# of that makes another line. A word is a run of Unicode letters and digits (``\w`` without "_").
_WORD = re.compile(r"[^\W_]+")


def line_key(line: str) -> str:
    """The normalised key under which a line is counted: its words, case-folded, one space apart.

    >>> line_key("  Jetzt den Morgen-Newsletter bestellen 📬 ")
    'jetzt den morgen newsletter bestellen'
    >>> line_key("» ALLE Artikel zu: Energie |"), line_key("Stand: 3. Mai 2024")
    ('alle artikel zu energie', 'stand 3 mai 2024')
    >>> line_key("📬 — »")
    ''
    """
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", line).casefold()))


def is_candidate(line: str, key: str | None = None) -> bool:
    """Whether a line may be counted (and removed) as recurring: it has words, at most
    :data:`PROSE_WORDS` of them. A longer line is the article's (or the line model's business):
    never removed for recurring.

    >>> is_candidate("Jetzt den Morgen-Newsletter bestellen 📬"), is_candidate("— · —")
    (True, False)
    >>> agency = "Die Nachrichtenagentur hat diesen Artikel mit Material von Reuters und AFP erstellt und geprüft."
    >>> is_candidate(agency), is_candidate("Dieser Artikel wurde automatisch übersetzt.")
    (False, True)
    """
    key = line_key(line) if key is None else key
    return bool(key) and len(key) <= KEY_MAX_CHARACTERS and key.count(" ") < PROSE_WORDS


def is_recurring(content: str, recurring: RecurringLines) -> bool:
    """Whether a paragraph's content (repaired, markup left out) is one of the recurring lines."""
    key = line_key(content)
    return key in recurring and is_candidate(content, key)


def recurring_paragraphs(contents: Sequence[str | None], recurring: RecurringLines) -> list[int]:
    """Indices of the paragraphs that are recurring lines; ``contents`` holds ``None`` for a
    paragraph that is already debris. The first text paragraph (the headline) is never one.

    >>> from textfix.debris.recurring import Recurring, RecurringLines
    >>> lines = RecurringLines((Recurring("teilen sie diesen artikel", 5, "Teilen Sie diesen Artikel"),), 5, 3)
    >>> recurring_paragraphs(["Teilen Sie diesen Artikel", "Text.", "Teilen Sie diesen Artikel!"], lines)
    [2]
    """
    found: list[int] = []
    headline = True
    for index, content in enumerate(contents):
        if content is None:
            continue
        if not headline and is_recurring(content, recurring):
            found.append(index)
        headline = False
    return found


def min_documents_for(documents: int, threshold: int | None = None) -> int:
    """In how many of a run's ``documents`` a line must stand to be chrome: ``threshold``, or
    without one (``None``) :data:`DEFAULT_MIN_DOCUMENTS` and :data:`DEFAULT_SHARE` of them.

    >>> min_documents_for(8), min_documents_for(2), min_documents_for(10_000), min_documents_for(10_000, 5)
    (3, 3, 100, 5)
    """
    if threshold is not None:
        check_threshold(threshold)
        return threshold
    return max(DEFAULT_MIN_DOCUMENTS, math.ceil(DEFAULT_SHARE * documents))


def check_threshold(threshold: int | None) -> None:
    """Raise :class:`OptionsError` unless ``threshold`` is ``None`` (automatic), 0 (off) or at least 2."""
    if threshold is not None and (threshold < 0 or threshold == 1):
        raise OptionsError(
            f"a recurring line must stand in at least 2 documents, not {threshold} "
            "(0 turns recurring lines off; 'auto' is 3 documents and 1% of the run)"
        )


def parse_threshold(value: str) -> int | None:
    """The threshold a user named: ``auto`` (``None``), ``off`` (0) or a number of documents.

    >>> parse_threshold("auto"), parse_threshold("off"), parse_threshold(" 5 ")
    (None, 0, 5)
    >>> parse_threshold("1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    textfix.errors.OptionsError: a recurring line must stand in at least 2 documents, not 1 (0 turns ...)
    """
    word = value.strip().lower()
    if word == "auto":
        return None
    if word in ("off", "0", "no", "none"):
        return 0
    try:
        threshold = int(word)
    except ValueError:
        raise OptionsError(f"--recurring takes auto, off or a number of documents, not {value!r}") from None
    check_threshold(threshold)
    return threshold
