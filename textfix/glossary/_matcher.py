"""All forms of a glossary compiled into one regular expression, and the lookups behind it.

The paths of every form (:mod:`._inflection`) go into one character trie, emitted as
one regex whose top level is an alternation of literals (so ``re`` skips ahead by first
character); a match is identified by a literal lookup, else by its Cyrillic stem. The
compiled regex is kept in textfix's cache (:func:`textfix.datacache.cached_regex`), keyed by
its source, and so are the lookups and that source (keyed by the glossary's digest), so
each glossary is compiled once, not once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import product

from textfix.datacache import cached_regex, cached_table

from ._inflection import ALL_ENDINGS, LEAF, SEPARATOR, Trie, emit, is_latin_word_end, normalise, paths
from .entry import GlossaryEntry

__all__ = ["Matcher", "Plan", "plan"]

#: What a matcher is built from, as plain data (kept on disk): literal key → (entry index,
#: form), stem key → (entry index, form), and the regex source ("" for no forms).
Plan = tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]], str]


def plan(entries: Sequence[GlossaryEntry]) -> Plan:
    """The lookups and the regex source of a matcher over ``entries``."""
    literal: dict[str, tuple[int, str]] = {}
    stems: dict[str, tuple[int, str]] = {}
    trie: Trie = {}
    for index, entry in enumerate(entries):  # later entries win a form that two entries share
        for form in entry.all_forms():
            for spelling in dict.fromkeys([form, form.replace("ё", "е").replace("Ё", "Е")]):
                literal[normalise(spelling)] = (index, form)
                for tokens, stem_key in paths(spelling):
                    node = trie
                    for token in tokens:
                        node = node.setdefault(token, {})
                    node[LEAF] = {}
                    if stem_key is not None:
                        stems[stem_key] = (index, form)
    return literal, stems, emit(trie) + r"(?!\w)" if trie else ""


class Matcher:
    """All forms of a glossary compiled into one regex plus two lookup tables.

    Built from :func:`plan`, or from a plan read from textfix's cache under ``key`` (what
    the entries and the building code hold, see :attr:`Glossary.digest`): building the
    trie of a few thousand forms takes longer than the rest of a one-file run.
    """

    def __init__(self, entries: Sequence[GlossaryEntry], key: str | None = None) -> None:
        self._entries = tuple(entries)
        built = plan(entries) if key is None else cached_table("glossary-matcher", key, lambda: plan(entries))
        self._literal, self._stems, source = built
        self.regex = cached_regex("glossary", source) if source else None

    def identify(self, found: str) -> tuple[GlossaryEntry, str, str] | None:
        """(entry, glossary form, German genitive suffix) for a matched string."""
        key = normalise(found)
        entries = self._entries
        hit = self._literal.get(key)
        if hit is not None:
            return entries[hit[0]], hit[1], ""
        if key.endswith("s"):
            hit = self._literal.get(key[:-1])
            if hit is not None and is_latin_word_end(hit[1]):
                return entries[hit[0]], hit[1], "s"
        pieces = SEPARATOR.split(key)
        options = [
            [piece] if index % 2 else [piece, *(piece[: -len(e)] for e in ALL_ENDINGS if piece.endswith(e))]
            for index, piece in enumerate(pieces)
        ]
        for combination in product(*options):
            hit = self._stems.get("".join(combination))
            if hit is not None:
                return entries[hit[0]], hit[1], ""
        return None

    def scan(self, text: str) -> Iterator[re.Match[str]]:
        """Matches that start at a word boundary (the regex checks the end)."""
        if self.regex is None:
            return
        search = self.regex.search
        position = 0
        while (found := search(text, position)) is not None:
            start = found.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                position = start + 1
                continue
            yield found
            position = found.end()

