"""Recurring lines: site chrome that a corpus run finds by counting lines across its documents.

A line that stands in many documents of one run ("Jetzt den Morgen-Newsletter bestellen 📬",
"Alle Artikel zu Energie") is the site's furniture, not the article's, even when no pattern
knows it. A run counts the *candidate* lines of every document (short lines: at most
:data:`PROSE_WORDS` words) under a normalised key (:func:`line_key`), each key once per
document and once per *context* (the long lines around it, :func:`document_lines`); the keys
found in at least ``min_documents`` documents become a :class:`RecurringLines`, which
segmentation treats as debris with the reason ``recurring`` (:func:`recurring_paragraphs`).

What is never removed for recurring:

- a long line (more than :data:`PROSE_WORDS` words): prose, or a block the line model judges.
  An agency's boilerplate sentence repeated under every article is kept: telling it from a
  background paragraph the agency reuses word for word takes more than counting, and a
  wrongly removed sentence costs a reader more than a kept one;
- the lines of one article that a run holds several times (a page fetched twice, an update,
  a copy on another site): they stand beside the same paragraphs, so they count once;
- a document's headline, its first text paragraph: a series title ("Liveblog: Krieg in der
  Ukraine") recurs too.

Counting is order-independent (sets and minimums), so the set is the same for any input
order, any number of workers and on Dask. The keys, thresholds and the check segmentation
makes live in :mod:`._recurring_keys` (a one-file run needs them without the counting);
every name is offered here too.

>>> texts = [f"Artikel {n} über Gaspreise\\nDer Preis stieg um {n} Prozent.\\nAlle Artikel zu Energie »"
...          for n in range(4)]
>>> lines = count_recurring(texts)
>>> lines  # doctest: +ELLIPSIS
RecurringLines(1 lines, digest ...)
>>> [(line.key, line.documents) for line in lines.lines], lines.documents, lines.min_documents
([('alle artikel zu energie', 4)], 4, 3)
>>> is_recurring("Alle Artikel zu: Energie", lines), is_recurring("Alle Artikel", lines)
(True, False)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from textfix.errors import OptionsError
from textfix.repair import repair_text

from ._recurring_keys import (
    DEFAULT_MIN_DOCUMENTS,
    DEFAULT_SHARE,
    KEY_MAX_CHARACTERS,
    PROSE_WORDS,
    REASON,
    check_threshold,
    is_candidate,
    is_recurring,
    line_key,
    min_documents_for,
    parse_threshold,
    recurring_paragraphs,
)
from .patterns import MARKUP

__all__ = [
    "DEFAULT_MIN_DOCUMENTS",
    "DEFAULT_SHARE",
    "KEY_MAX_CHARACTERS",
    "PROSE_WORDS",
    "REASON",
    "DocumentLines",
    "Recurring",
    "RecurringCounter",
    "RecurringLines",
    "check_threshold",
    "count_recurring",
    "document_lines",
    "is_candidate",
    "is_recurring",
    "line_key",
    "min_documents_for",
    "parse_threshold",
    "recurring_paragraphs",
]

# Long lines on each side of a candidate that make its context (see document_lines).
_CONTEXT = 2
# Raw lines longer than this are not looked at (cheap bound before repairing a line).
_RAW_MAX = 4 * KEY_MAX_CHARACTERS


@dataclass(frozen=True)
class Recurring:
    """One recurring line: its key, in how many documents it stands, and one of its texts."""

    key: str
    documents: int
    #: The line as one document has it (the smallest text, so that the choice does not
    #: depend on the input order).
    example: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.example, "key": self.key, "documents": self.documents}


@dataclass(frozen=True, eq=False)
class RecurringLines:
    """The lines a corpus run found in at least ``min_documents`` of its ``documents``.

    Equal and hashed by :attr:`digest` (of the keys alone), so that options holding it stay
    cheap to compare, and an output's fingerprint changes only when the set of lines removed
    changes, not with every document added to a run.
    """

    #: Sorted by key.
    lines: tuple[Recurring, ...]
    documents: int
    min_documents: int
    _keys: frozenset[str] = field(init=False, repr=False)
    digest: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        keys = [line.key for line in self.lines]
        object.__setattr__(self, "_keys", frozenset(keys))
        canonical = "\n".join(keys).encode("utf-8")
        object.__setattr__(self, "digest", hashlib.sha256(canonical).hexdigest()[:16])

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self.lines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecurringLines) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        # What a corpus run's fingerprint sees (repr of its options): the lines, not the counts.
        return f"RecurringLines({len(self.lines)} lines, digest {self.digest})"

    def to_json(self) -> dict[str, object]:
        """The report's run-level entry: the threshold, the documents counted, each line."""
        return {
            "min_documents": self.min_documents,
            "documents": self.documents,
            "lines": [line.to_json() for line in sorted(self.lines, key=lambda x: (-x.documents, x.key))],
        }


@dataclass(frozen=True)
class DocumentLines:
    """What one document adds to a count: its identity (a digest of its text) and its candidate
    lines: key → (the line as it stands there, the line's context)."""

    digest: bytes
    lines: Mapping[str, tuple[str, int]]


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()


def document_lines(text: str, *, repair: bool = True) -> DocumentLines:
    """The candidate lines of one document, as segmentation will see them, each with its context.

    Each line is repaired on its own (``repair``: as the pipeline repairs the whole text) and
    its markup left out; a long line is skipped before it is repaired. A line's *context* is
    the :data:`_CONTEXT` nearest long lines (more than :data:`PROSE_WORDS` words) before it and
    after it, or the document itself when it has none: site chrome stands beside a different
    article in every document, while the subheading of an article the run holds twice (an
    update, a copy on another site) stands beside the same paragraphs, so it counts once however
    many copies there are. Two on each side, because one may be prose the site repeats too (an
    agency's note, a cookie notice) and an update changes a paragraph or two, not all.
    """
    digest = hashlib.blake2b(text.strip().encode("utf-8", "surrogatepass"), digest_size=16).digest()
    rows: list[tuple[bytes | None, str, str]] = []  # (long line's hash | None, key, content) per line
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if len(line) > _RAW_MAX or (raw_key := line_key(line)).count(" ") >= PROSE_WORDS:
            rows.append((_hash(line.encode("utf-8", "surrogatepass")), "", ""))
            continue  # a long line: context, never chrome (repair does not shorten it to a dozen words)
        if not raw_key:
            continue  # decoration
        content = " ".join(MARKUP.sub(" ", repair_text(line) if repair else line).split())
        rows.append((None, line_key(content), content))
    longs = [index for index, row in enumerate(rows) if row[0] is not None]
    lines: dict[str, tuple[str, int]] = {}
    position = 0  # how many long lines stand before the current row
    for long, key, content in rows:
        if long is not None:
            position += 1
            continue
        if not is_candidate(content, key):
            continue
        near = longs[max(0, position - _CONTEXT) : position + _CONTEXT]
        context = b"".join(rows[i][0] or b"" for i in near) if near else digest
        value = (content, int.from_bytes(_hash(context), "big"))
        lines[key] = min(lines[key], value) if key in lines else value
    return DocumentLines(digest, lines)


class RecurringCounter:
    """Counts candidate lines over documents, one at a time, in memory that grows with the
    distinct candidate lines and their contexts (not with the text); counters of parts of a
    run merge (sets and minimums: in any order, the same result).

    A line counts once per distinct context (see :func:`document_lines`); a text seen twice is
    one document.
    """

    def __init__(self) -> None:
        self.contexts: dict[str, int | set[int]] = {}  # one context as an int, more as a set
        self.examples: dict[str, str] = {}
        self.seen: set[bytes] = set()

    @property
    def documents(self) -> int:
        return len(self.seen)

    def add(self, text: str, *, repair: bool = True) -> None:
        """Count one document's text."""
        self.add_lines(document_lines(text, repair=repair))

    def add_lines(self, document: DocumentLines) -> None:
        self.seen.add(document.digest)
        for key, (text, context) in document.lines.items():
            self._add(key, text, {context})

    def _add(self, key: str, text: str, contexts: set[int]) -> None:
        known = self.contexts.get(key)
        if known is None:
            self.contexts[key] = next(iter(contexts)) if len(contexts) == 1 else set(contexts)
        elif isinstance(known, set):
            known |= contexts
        elif contexts != {known}:
            self.contexts[key] = {known, *contexts}
        previous = self.examples.get(key)
        if previous is None or text < previous:
            self.examples[key] = text

    def merge(self, other: RecurringCounter) -> RecurringCounter:
        """This counter with ``other``'s documents counted too."""
        self.seen |= other.seen
        for key, contexts in other.contexts.items():
            self._add(key, other.examples[key], contexts if isinstance(contexts, set) else {contexts})
        return self

    def count(self, key: str) -> int:
        """In how many distinct contexts (documents, a text held twice once) ``key`` stands."""
        contexts = self.contexts.get(key)
        return 0 if contexts is None else len(contexts) if isinstance(contexts, set) else 1

    def result(self, threshold: int | None = None) -> RecurringLines:
        """The lines in at least :func:`min_documents_for` documents."""
        least = min_documents_for(self.documents, threshold)
        lines = tuple(
            Recurring(key, count, self.examples[key])
            for key in sorted(self.contexts)
            if (count := self.count(key)) >= least
        )
        return RecurringLines(lines, self.documents, least)


def count_recurring(
    texts: Iterable[str], threshold: int | None = None, *, repair: bool = True
) -> RecurringLines:
    """The recurring lines of ``texts`` (a run's documents), for ``Options(recurring=...)``.

    ``threshold``: in how many documents a line must stand (``None``: automatic, see
    :func:`min_documents_for`). ``repair``: whether the texts will be repaired before they are
    segmented (``Options.repair``). Raises :class:`OptionsError` for a threshold of 0 or 1.
    """
    if threshold == 0:
        raise OptionsError("a threshold of 0 turns recurring lines off: count nothing instead")
    check_threshold(threshold)
    counter = RecurringCounter()
    for text in texts:
        counter.add(text, repair=repair)
    return counter.result(threshold)
