"""Names through translation: placeholders before, canonical names after, lost names reported."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textfix.edits import apply_edits
from textfix.model import Edit

from .entry import GlossaryEntry
from .respell import glossary_reason
from .terms import Glossary, find_terms

__all__ = ["Placeholder", "protect", "restore"]

_TOKEN = re.compile(r"Z\s?X\s?Q\s?(\d{1,5})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A name taken out of a text before translation, and what goes back in its place."""

    token: str
    number: int
    entry: GlossaryEntry
    source: str
    replacement: str

    @property
    def message(self) -> str:
        """What to tell the user when the name did not come back."""
        return f"glossary name {self.source!r} ({self.replacement}) was lost in translation"


def protect(text: str, glossary: Glossary, target_language: str) -> tuple[str, tuple[Placeholder, ...]]:
    """``text`` with every glossary name that has a ``target_language`` form replaced by a
    placeholder (``ZXQ1``, ``ZXQ2``, ...: Latin capitals and digits, which translation
    models copy), and the placeholders to hand to :func:`restore`.

    >>> from textfix.glossary import builtin_glossary
    >>> protected, placeholders = protect("сказал Столтенберг в Пхеньяне", builtin_glossary(), "de")
    >>> protected, [p.replacement for p in placeholders]
    ('сказал ZXQ1 в ZXQ2', ['Stoltenberg', 'Pjöngjang'])
    """
    pieces: list[str] = []
    placeholders: list[Placeholder] = []
    position = 0
    for match in find_terms(text, glossary):
        replacement = match.replacement(target_language)
        if replacement is None:
            continue
        number = len(placeholders) + 1
        token = f"ZXQ{number}"
        placeholders.append(Placeholder(token, number, match.entry, match.text, replacement))
        pieces += [text[position : match.start], token]
        position = match.end
    pieces.append(text[position:])
    return "".join(pieces), tuple(placeholders)


def restore(translated: str, placeholders: Sequence[Placeholder]) -> tuple[str, list[Placeholder]]:
    """Put the canonical names back for the placeholders in ``translated``.

    A placeholder the model dropped is looked for as the name itself (the model may have
    copied or transliterated it): found spellings become canonical. The placeholders whose
    name is nowhere to be found are returned as problems.

    >>> from textfix.glossary import builtin_glossary
    >>> _, placeholders = protect("сказал Столтенберг в Пхеньяне", builtin_glossary(), "de")
    >>> restore("sagte ZXQ1 in Pyongyang", placeholders)
    ('sagte Stoltenberg in Pjöngjang', [])
    >>> text, lost = restore("sagte er", placeholders)
    >>> for placeholder in lost:
    ...     print(placeholder.message)
    glossary name 'Столтенберг' (Stoltenberg) was lost in translation
    glossary name 'Пхеньяне' (Pjöngjang) was lost in translation
    """
    by_number = {p.number: p for p in placeholders}
    found: set[int] = set()

    def put_back(token: re.Match[str]) -> str:
        placeholder = by_number.get(int(token[1]))
        if placeholder is None:
            return token[0]
        found.add(placeholder.number)
        return placeholder.replacement

    text = _TOKEN.sub(put_back, translated)
    missing = [p for p in placeholders if p.number not in found]
    if not missing:
        return text, []
    wanted = {p.entry.id: p.replacement for p in missing}
    matches = find_terms(text, Glossary(tuple({p.entry.id: p.entry for p in missing}.values())))
    edits: list[Edit] = []
    for match in matches:  # the model kept the name itself: respell it, keep a genitive "s"
        name = match.text[: len(match.text) - len(match.suffix)]
        target = wanted[match.entry.id]
        if target not in (name, match.text):
            edits.append(Edit(match.start, match.start + len(name), name, target, glossary_reason(name, target)))
    text = apply_edits(text, edits)
    problems: list[Placeholder] = []
    for entry_id in dict.fromkeys(p.entry.id for p in missing):
        expected = sum(p.entry.id == entry_id for p in placeholders)
        present = sum(m.entry.id == entry_id for m in matches)
        if expected > present:
            problems += [p for p in missing if p.entry.id == entry_id][: expected - present]
    return text, sorted(problems, key=lambda p: p.number)

