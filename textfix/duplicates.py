"""Duplicates: a headline repeated with small variants, and repeated paragraphs.

Only repetition that is an error counts: a headline shown again right after itself (the
scraper took it from the page's title and its heading), or a paragraph of prose printed
twice. Pages repeat other things on purpose, and those stay: list items, table rows
(``a | b``), short label lines ("Saúde", "Meal 1"), "Label: value" and schedule lines
("Termin: 29.02.2020, 19 Uhr"), and questions (an interview asks each guest the same).

>>> a = "Tausende Container reisen von Nordkorea nach Russland an die Front: Die NATO ist besorgt"
>>> b = "Tausende Container reisen von der DVRK nach Russland an die Front: Die NATO ist besorgt"
>>> find_duplicates([a, b, "Ganz etwas anderes steht hier."])
{1: 'repeated headline'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import filterfalse
from operator import itemgetter

from .debris import is_headline_like

__all__ = ["find_duplicates"]

# Possessive quantifiers: the same words (a hyphen is no word character), without backtracking (-25% per findall).
_WORD = re.compile(r"\w++(?:-\w++)*+")
# Different names for one thing, unified on word stems (first five letters) before comparing.
_SAME_STEM = {
    **dict.fromkeys(("nordk", "dvrk", "kdvr", "dprk", "кндр"), "#nkorea"),
    **dict.fromkeys(("pjöng", "pyong", "пхень"), "#pyongyang"),
    **dict.fromkeys(("kiew", "kyjiw", "kyiv", "kiev", "киев", "київ", "києва"), "#kyiv"),
    **dict.fromkeys(("selen", "zelen", "зелен"), "#zelensky"),
    **dict.fromkeys(("jong-", "jong", "чен"), "#kimjongun"),
}
# Several words for one name: (stems in order) -> token.
_SAME_WORDS = {
    ("north", "korea"): "#nkorea",
    ("север", "корея"): "#nkorea",  # Северная Корея
    ("север", "кореи"): "#nkorea",  # Северной Кореи
    ("півні", "корея"): "#nkorea",  # Північна Корея
    ("півні", "кореї"): "#nkorea",  # Північної Кореї
    ("demok", "volks", "korea"): "#nkorea",  # Demokratische Volksrepublik Korea
    ("kim", "#kimjongun"): "#kimjongun",
    ("ким", "#kimjongun"): "#kimjongun",
    ("#kimjongun", "un"): "#kimjongun",
    ("#kimjongun", "ын"): "#kimjongun",
}
_LONGEST_RUN = max(len(k) for k in _SAME_WORDS)
_LAST_OF_RUN = frozenset(k[-1] for k in _SAME_WORDS)  # a run can only end on one of these
#: The stems :func:`_unify` can change: a text with none of them keeps its stems as they are.
_UNIFIED = frozenset(_SAME_STEM) | _LAST_OF_RUN


def _unify(stems: list[str]) -> list[str]:
    """Stems with every name variant replaced by one token.

    >>> _unify(["kim", "jong", "un", "besuc", "north", "korea"])
    ['#kimjongun', 'besuc', '#nkorea']
    """
    single = list(map(_SAME_STEM.get, stems, stems))  # the look-ups in C
    if _LAST_OF_RUN.isdisjoint(single):
        return single  # no stem a run of words ends on: no run to join
    unified: list[str] = []
    for stem in single:
        unified.append(stem)
        if stem not in _LAST_OF_RUN:
            continue
        for length in range(_LONGEST_RUN, 1, -1):
            if tuple(unified[-length:]) in _SAME_WORDS:
                unified[-length:] = [_SAME_WORDS[tuple(unified[-length:])]]
                break
    return unified


_STOP = frozenset(
    "der die das den dem des ein eine von vom zu zur zum und in im an am auf nach mit für bei aus über "
    "the a an of to and in on at for from with by".split()
)
#: A word's stem, its first five letters. Every stop word is shorter than that (tests/test_duplicates.py
#: checks), so a stop word is its own stem and no other word's stem is a stop word.
_STEM = itemgetter(slice(None, 5))
_HEADLINE_OVERLAP = 0.75
_HEADLINE_MAX_WORDS = 30  # is_headline_like's limit: a longer paragraph is never headline-like
_MIN_STEMS = 5  # shorter headlines are only caught when repeated exactly
_PARAGRAPH_OVERLAP = 0.9
_WINDOW = 40
_HEADLINE_WINDOW = 3  # a repeated headline follows its first occurrence closely
_MIN_PROSE_WORDS = 10  # shorter paragraphs repeat on purpose ("Eat every 2–3 hours.")
_MIN_HEADLINE_WORDS = 4
_MIN_LABEL_HEADLINE_WORDS = 6  # "Stichwahl in Moldau: Sandu gewinnt" right after itself is a repeat
_LABEL_WORDS = 15
_LIST_ITEM = re.compile(r"[-–•*·▪►✓]\s")  # not "1. ": German ordinals start headlines ("14. Sanktionspaket")
_LABEL = re.compile(r"[^\W\d_][^:\n]{0,40}?:\s+\S")
# A time, a numeric date, or a day and month: "19 Uhr", "29.02.2020", "18:30", "October 9, 2018", "9. Oktober".
_SCHEDULE = re.compile(
    r"\b\d{1,2}[.:]\d{2}\b|\b\d{1,2}\.\s?\d{1,2}\.|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\s?uhr\b|"
    r"\b(?:jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*\.?\s\d{1,2}\b|\b\d{1,2}\.?\s(?:jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*\b",
    re.I,
)
# A number ("3", "2,5", "1/2") or a fraction sign. Written to start with one character class (a
# digit or a fraction sign), which the regular expression engine scans for quickly; the same
# matches as ``\d+(?:[.,/]\d+)*|[½¼¾⅓⅔]``.
_NUMBER = re.compile(r"[\d½¼¾⅓⅔](?:(?<=\d)\d*(?:[.,/]\d+)*)?")
_DATA_SHARE = 0.15  # a line this dense in numbers is data (a recipe, a result, a timetable), not prose


def repeats_on_purpose(paragraph: str) -> bool:
    """Text a page repeats by design: list items, table rows, questions, very short lines.

    >>> [repeats_on_purpose(p) for p in ("- Tomaten", "Pos | Player | Plays", "Wie geht es Ihnen?", "Saúde")]
    [True, True, True, True]
    >>> repeats_on_purpose("Die NATO ist sich bewusst, dass die DVRK Waffen an Russland transferiert hat.")
    False
    """
    text = paragraph.strip()
    return _repeats_on_purpose(text, len(text.split()))


def _repeats_on_purpose(text: str, words: int) -> bool:
    """:func:`repeats_on_purpose` of a stripped ``text`` of ``words`` whitespace-separated words."""
    return (
        bool(_LIST_ITEM.match(text)) or " | " in text or "\t" in text or text.endswith("?")
        or words < _MIN_HEADLINE_WORDS
        or len(_NUMBER.findall(text)) >= _DATA_SHARE * words  # one quick scan: _NUMBER begins with its digit class
    )


def is_label_line(paragraph: str) -> bool:
    """A "Label: value" line with a short value or a number.

    >>> [is_label_line(p) for p in ("Termin: 29.02.2020, 19 Uhr", "See it now: Amazon", "Portion: 2 Green, 1 Red")]
    [True, True, True]
    >>> is_label_line("Krim-Brücke: Verkehr nach Explosion erneut unterbrochen")
    False
    """
    text = paragraph.strip()
    if _LABEL.match(text) is None or len(text.split()) > _LABEL_WORDS:
        return False
    head, value = text.split(":", 1)
    return len(head.split()) <= 4 and (len(value.split()) <= 2 or any(c.isdigit() for c in value))


def is_schedule_line(paragraph: str) -> bool:
    """A short line that gives a date or a time: a programme, a timetable, a post's signature.

    >>> [is_schedule_line(p) for p in ("Einlass ab 18:30 Uhr", "— The Senate (@NGRSenate) October 9, 2018")]
    [True, True]
    >>> is_schedule_line("Europawahl 2024: Die Mitte behält die Mehrheit")
    False
    """
    text = paragraph.strip()
    return _is_schedule_line(text, len(text.split()), is_headline_like(text))


def _is_schedule_line(text: str, words: int, headline: bool) -> bool:
    """:func:`is_schedule_line` of a stripped ``text`` of ``words`` words, ``headline`` if it is headline-like."""
    return words <= 20 and headline and bool(_SCHEDULE.search(text))


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``, one whitespace-separated chunk at a time.

    Most chunks are a bare word (``isalnum`` is ``\\w`` without ``_``) or a word and one mark
    ("russland.", "sagte,"): those are sliced, only the rest goes to the pattern.

    >>> _words("die u-boote, z.b. 2024. a_ „nein“")
    ['die', 'u-boote', 'z', 'b', '2024', 'a_', 'nein']
    """
    found: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():
            found.append(chunk)
        elif chunk[:-1].isalnum() and chunk[-1] != "_":  # the last character is no word character
            found.append(chunk[:-1])
        else:
            found += _WORD.findall(chunk)
    return found


def _stems(words: list[str]) -> frozenset[str]:
    """Content-word stems of a lower-cased text's ``words``, synonyms unified.

    >>> sorted(_stems(["die", "nordkoreaner", "schicken", "über", "tausend", "soldaten"]))
    ['#nkorea', 'schic', 'solda', 'tause']
    """
    # Stems cut and stop words left out in C, on the stems: the same as leaving the stop words
    # out first, since a stop word is its own stem and no other word's stem is one (_STEM).
    stems = list(filterfalse(_STOP.__contains__, map(_STEM, words)))
    found = frozenset(stems)
    # A set test in C on the stems at hand, instead of searching the text for hints of a synonym.
    return found if found.isdisjoint(_UNIFIED) else frozenset(_unify(stems))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared stems over the smaller set, damped when the sizes differ a lot."""
    if not a or not b:
        return 0.0
    smaller, larger = sorted((len(a), len(b)))
    if smaller / larger < 0.6:
        return 0.0
    return len(a & b) / smaller


def _near(stems: frozenset[str], others: Iterable[frozenset[str]], threshold: float) -> bool:
    """Whether one of ``others`` shares ``threshold`` of the stems (:func:`_overlap`) with ``stems``.

    The sizes decide most pairs before any set is intersected (the same test as in :func:`_overlap`).
    """
    size = len(stems)
    for other in others:
        smaller, larger = (size, len(other)) if size <= len(other) else (len(other), size)
        if smaller and smaller / larger >= 0.6 and len(stems & other) / smaller >= threshold:
            return True
    return False


def find_duplicates(paragraphs: Sequence[str]) -> dict[int, str]:
    """Indices of paragraphs that repeat an earlier one, with the reason.

    A headline counts as repeated when it (or a variant of it) stood among the previous
    few paragraphs; a paragraph of prose when it was printed before, exactly anywhere in
    the document or nearly among the previous paragraphs, which keeps the cost linear.
    What :func:`repeats_on_purpose` accepts is never a duplicate.
    """
    found: dict[int, str] = {}
    exact: dict[str, int] = {}
    recent: list[tuple[int, frozenset[str], bool, str]] = []
    for index, paragraph in enumerate(paragraphs):
        lowered = paragraph.lower()
        words = _words(lowered)
        key = " ".join(words)
        # Stripping and splitting once for all the checks below (each strips and splits the same).
        text = paragraph.strip()
        count = len(text.split())
        headline = count <= _HEADLINE_MAX_WORDS and is_headline_like(text)  # a long one is none: no second split
        if key and recent and recent[-1][3] == key and not _LIST_ITEM.match(text) and " | " not in paragraph:
            found[index] = "repeated headline" if headline else "repeated paragraph"  # a line printed twice in a row
            continue
        stems = _stems(words)
        if (
            _repeats_on_purpose(text, count)
            or _is_schedule_line(text, count, headline)
            or ((not headline or len(words) < _MIN_LABEL_HEADLINE_WORDS) and is_label_line(text))
        ):
            pass
        elif headline or len(words) >= _MIN_PROSE_WORDS:
            if headline:
                # The last few paragraphs kept (repeats do not count, so a second pass finds the same).
                near = [(other, k) for _, other, was_headline, k in recent[-_HEADLINE_WINDOW:] if was_headline]
                repeated = any(k == key for _, k in near) or (
                    len(stems) >= _MIN_STEMS and _near(stems, (other for other, _ in near), _HEADLINE_OVERLAP)
                )
            else:
                repeated = key in exact or (
                    len(stems) >= _MIN_STEMS
                    and _near(stems, (other for _, other, h, _ in recent if not h), _PARAGRAPH_OVERLAP)
                )
            if repeated:
                found[index] = "repeated headline" if headline else "repeated paragraph"
                continue
        if key and not headline:
            exact.setdefault(key, index)
        recent.append((index, stems, headline, key))
        del recent[:-_WINDOW]
    return found
