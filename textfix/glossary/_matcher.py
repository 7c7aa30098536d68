"""All forms of a glossary compiled into one regular expression, and the lookups behind it.

The paths of every form (:mod:`._inflection`) go into one character trie, emitted as
one regex whose top level is an alternation of literals (so ``re`` skips ahead by first
character); a match is identified by a literal lookup, else by its Cyrillic stem. The
compiled regex is kept in textfix's cache (:func:`textfix.datacache.cached_regex`), keyed by
its source, so each glossary is compiled once, not once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import product

from textfix.datacache import cached_regex

from ._inflection import ALL_ENDINGS, LEAF, SEPARATOR, Trie, emit, is_latin_word_end, normalise, paths
from .entry import GlossaryEntry


class Matcher:
    """All forms of a glossary compiled into one regex plus two lookup tables."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.literal: dict[str, tuple[GlossaryEntry, str]] = {}
        self.stems: dict[str, tuple[GlossaryEntry, str]] = {}
        trie: Trie = {}
        for entry in entries:  # later entries win a form that two entries share
            for form in entry.all_forms():
                for spelling in dict.fromkeys([form, form.replace("ё", "е").replace("Ё", "Е")]):
                    self.literal[normalise(spelling)] = (entry, form)
                    for tokens, stem_key in paths(spelling):
                        node = trie
                        for token in tokens:
                            node = node.setdefault(token, {})
                        node[LEAF] = {}
                        if stem_key is not None:
                            self.stems[stem_key] = (entry, form)
        self.regex = cached_regex("glossary", emit(trie) + r"(?!\w)") if trie else None

    def identify(self, found: str) -> tuple[GlossaryEntry, str, str] | None:
        """(entry, glossary form, German genitive suffix) for a matched string."""
        key = normalise(found)
        hit = self.literal.get(key)
        if hit is not None:
            return hit[0], hit[1], ""
        if key.endswith("s"):
            hit = self.literal.get(key[:-1])
            if hit is not None and is_latin_word_end(hit[1]):
                return hit[0], hit[1], "s"
        pieces = SEPARATOR.split(key)
        options = [
            [piece] if index % 2 else [piece, *(piece[: -len(e)] for e in ALL_ENDINGS if piece.endswith(e))]
            for index, piece in enumerate(pieces)
        ]
        for combination in product(*options):
            hit = self.stems.get("".join(combination))
            if hit is not None:
                return hit[0], hit[1], ""
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

