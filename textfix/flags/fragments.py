"""Sentences that do not stand as sentences, and phrases whose grammar broke.

- A sentence with no finite verb whose last clause was opened by a subordinator or a
  relative pronoun: "Wo das Theater trotz der Angriffe jeden Abend.", "Der Kapitän und
  die Besatzung, die aus syrischen und ägyptischen Seeleuten." Ellipsis such as
  "Im Gegenteil." or "Die Antwort: nein." has no such clause and is left alone.
- An English sentence that ends on a relative word: "…, as the bondholders who."
- A short tail in the document language left after a switch of language inside the
  sentence, ending on a function word: "… заявил, что мир будет реагировать auf das."
- English doubled function words ("the the").

>>> words = Words.of("Wo das Theater trotz der Angriffe jeden Abend. Im Gegenteil.", 0, 60, "de")
>>> is_fragment(words, 0, 9), is_fragment(words, 9, 12)
(True, False)
"""

from __future__ import annotations

from ._lexicon import ALL, DET, FIN, NONFIN, PREP, PRON, SUBORD, UNKNOWN, analysed, best
from ._tokens import Words

__all__ = ["doubled_words", "is_dangling_tail", "is_fragment"]

_RELATIVE = {
    "de": frozenset("der die das dem den deren dessen denen welche welcher welches welchem welchen wo".split()),
    "en": frozenset("who whom whose which where when".split()),
}
_DOUBLED = tuple(
    f"{first}{word[1:]} {word}" for word in "the a an of to in and for on with is was".split()
    for first in (word[0], word[0].upper())
)
_LONGEST = 40
_QUOTES = frozenset("„“”»«\"")


def _is_verb(w: Words, j: int) -> bool:
    word = w.texts[j]
    if word[:1].isupper():
        return False
    bits = w.bits[j]
    if bits & ALL == UNKNOWN:
        bits = analysed(word, w.language)
    return bool(bits & ALL & FIN or best(bits) & (FIN | NONFIN))


def is_fragment(w: Words, lo: int, hi: int, *, finite: bool = False) -> bool:
    """Whether the sentence of tokens ``lo``–``hi`` breaks off before its verb.

    ``finite``: the sentence has a finite verb the lexicon lists; only an English sentence
    ending on a relative word can then be a fragment.
    """
    texts = w.texts
    if not 4 <= hi - lo <= _LONGEST or texts[hi - 1] != ".":
        return False  # a sentence of more than 40 tokens is no fragment (and costs no analysis)
    if w.language == "en" and w.is_word(hi - 2) and texts[hi - 2].lower() in _RELATIVE["en"]:
        return not any(texts[j] in _QUOTES for j in range(lo, hi))  # "…, as the bondholders who."
    if finite:
        return False
    opener = _last_clause_opener(w, lo, hi)
    if opener is None or hi - opener < 4 or any(texts[j] in _QUOTES for j in range(lo, hi)):
        return False
    words = [j for j in range(lo, hi - 1) if w.is_word(j)]
    return len(words) >= 3 and not any(_is_verb(w, j) for j in words)


def _last_clause_opener(w: Words, lo: int, hi: int) -> int | None:
    """Index of the subordinator or relative pronoun that opens the last clause of tokens ``lo``–``hi``."""
    texts = w.texts
    segment_start = lo
    for j in range(hi - 1, lo - 1, -1):
        if texts[j] == ",":
            segment_start = j + 1
            break
    for i in range(segment_start, min(segment_start + 2, hi)):
        lowered = texts[i].lower()
        if segment_start > lo and lowered in _RELATIVE[w.language]:
            return i
        bits = w.bits[i] & ALL
        if bits & SUBORD and not bits & (DET | PRON) and w.is_word(i):
            return i
    return None


def is_dangling_tail(w: Words, lo: int, hi: int) -> bool:
    """A short document-language tail after a foreign span, ending on a function word: "auf das."."""
    if hi - lo > 9 or w.texts[hi - 1] != ".":
        return False
    words = [j for j in range(lo, hi) if w.is_word(j)]
    if not 1 < len(words) <= 4:
        return False
    return bool(w.bits[words[-1]] & (DET | PRON | PREP)) and bool(w.bits[words[0]] & PREP)


def doubled_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """English function words written twice: "the the" (``str.find``: a regular expression costs 20 times more).

    >>> text = "said the the decision, and andere"
    >>> [text[a:b] for a, b in doubled_words(text, 0, len(text))]
    ['the the']
    """
    found = []
    for pair in _DOUBLED:
        at = text.find(pair, start, end)
        while at >= 0:
            stop = at + len(pair)
            if (at == start or not text[at - 1].isalnum()) and (stop >= end or not text[stop].isalnum()):
                found.append((at, stop))
            at = text.find(pair, stop, end)
    return sorted(found)
