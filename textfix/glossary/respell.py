"""Respelling: edits that put every name of a text into its canonical form."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from textfix.model import Edit, EditKind, Reason

from ._inflection import takes_s
from .terms import Glossary, nonstandard_terms

__all__ = ["glossary_edits", "glossary_reason"]

def glossary_reason(before: str, after: str) -> Reason:
    """Why a name was respelled.

    >>> str(glossary_reason("Stoltenberh", "Stoltenberg"))
    'glossary: Stoltenberh → Stoltenberg'
    """
    return Reason(EditKind.GLOSSARY, f"{before} → {after}")


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def glossary_edits(
    text: str, language: str, glossary: Glossary, spans: Sequence[tuple[int, int]] | None = None
) -> list[Edit]:
    """Edits that respell names in ``text`` to their canonical ``language`` form.

    Only names wholly inside ``spans`` (``(start, end)`` pairs; default: the whole text)
    change. A German genitive ``s`` stays; Cyrillic case endings go with the name.

    >>> from textfix.edits import apply_edits
    >>> from textfix.glossary import builtin_glossary
    >>> text = "Stoltenberhs Rede in Pyongyang; Zelensky"
    >>> edits = glossary_edits(text, "de", builtin_glossary(), spans=[(0, 31)])
    >>> [e.reason for e in edits]
    ['glossary: Stoltenberh → Stoltenberg', 'glossary: Pyongyang → Pjöngjang']
    >>> apply_edits(text, edits)
    'Stoltenbergs Rede in Pjöngjang; Zelensky'
    """
    merged = _merge(spans) if spans is not None else [(0, len(text))]
    starts = [start for start, _ in merged]
    edits: list[Edit] = []
    for match in nonstandard_terms(text, language, glossary):
        i = bisect_right(starts, match.start) - 1
        if i < 0 or match.end > merged[i][1]:
            continue
        canonical = match.entry.canonical(language)
        assert canonical is not None  # nonstandard_terms keeps only entries with one
        # A genitive "s" stays outside the edit unless the canonical form cannot take it.
        end = match.end - len(match.suffix) if match.suffix and takes_s(canonical) else match.end
        before = text[match.start : end]
        reason = glossary_reason(before, canonical)
        if match.near is not None:  # found by nearness, not listed: say so to the reviewer
            reason = Reason(reason.kind, f"{reason.detail} (unlisted spelling)")
        edits.append(Edit(match.start, end, before, canonical, reason))
    return edits

