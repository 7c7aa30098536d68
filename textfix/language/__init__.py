"""Language identification: the document language, and every span in another one.

Evidence comes in layers, cheapest first: the script of each word (a script none of
the configured languages writes makes a run foreign at once, in the language lingua
names or ``und``), word frequencies scored word by word with a Viterbi pass (so a
sentence may switch language in the middle, more cheaply where quotes, brackets,
colons or sentence ends mark the switch), and lingua-language-detector for the short
runs and weak sentences the frequencies cannot settle. Names, acronyms and numbers
are no evidence, and a span needs ``min_words`` words before it can be foreign.

Parts: :mod:`._scripts` (scripts of words and languages), :mod:`._tokens`,
:mod:`._evidence` (word frequencies), :mod:`._viterbi`, :mod:`._lingua`, :mod:`._runs`
(the labeller and its rules for what is foreign).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache, partial
from itertools import filterfalse

from ._evidence import emissions, has_lexicon, prefetch, zipf
from ._lingua import lingua_best
from ._memo import Memo
from ._runs import ForeignRun, labeller
from ._scripts import script_of_language
from ._tokens import TOKEN, find_words

__all__ = [
    "ForeignRun", "detect_document_language", "find_foreign_runs", "paragraph_words", "script_of_language", "zipf",
]

_CLEAR = 0.5  # a word this much likelier in one language votes for it


def paragraph_words(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]`` as this package counts them: found once per paragraph,
    they can go to both :func:`detect_document_language` and :func:`find_foreign_runs`.

    >>> paragraph_words("Die NATO (2024): Stream-Recap", 0, 29)
    ['Die', 'NATO', 'Stream-Recap']
    """
    return find_words(text, start, end)


def detect_document_language(text: str, languages: Sequence[str], *, words: Sequence[str] | None = None) -> str:
    """The language most of ``text`` is written in, among ``languages``.

    Each word votes for the language in which it is clearly most frequent; lingua
    decides when the votes are too few or a language has no word frequencies.
    ``words`` are the words of ``text`` (:func:`paragraph_words`, in order) when found already.

    >>> detect_document_language("Die NATO ist besorgt, sagte er.", ("de", "en", "ru", "uk"))
    'de'
    """
    if words is None:
        words, as_written = TOKEN.findall(text.lower()), False
    else:
        # Lower-casing keeps each character's class (letter, mark, other), so the words of the
        # lower-cased text are the lower-cased words (tests/test_language.py checks every cased letter).
        as_written = True
    if not words:
        return languages[0]
    candidates = tuple(languages)
    if len(candidates) == 1:
        return candidates[0]
    if not all(has_lexicon(code) for code in candidates):
        return lingua_best(text[:20000], languages)[0]
    votes = _votes(candidates, as_written)
    # filterfalse over the distinct words (not set.difference: the memo is no exact dict, so that would copy it).
    unseen = list(filterfalse(votes.__contains__, set(words)))
    if unseen:
        prefetch(unseen, candidates)  # the word lists are then asked once each, not once per new word
    # Counting the votes of every word (not of each distinct word) keeps the loop in C.
    counts = Counter(map(votes.__getitem__, words))
    counts.pop(None, None)
    for winner, count in counts.most_common(1):
        if winner is not None and count >= max(5, len(words) // 10):
            return winner
    return lingua_best(text[:20000], languages)[0]


@lru_cache(maxsize=16)
def _votes(candidates: tuple[str, ...], as_written: bool) -> Memo[str | None]:
    """Word (lower-case, or ``as_written`` and lower-cased here) → the language it clearly speaks
    for among ``candidates`` (``None``: none)."""
    vote = partial(_vote, candidates=candidates)
    return Memo(lambda word: vote(word.lower())) if as_written else Memo(vote)


def _vote(word: str, candidates: tuple[str, ...]) -> str | None:
    """The language a word clearly speaks for, if any."""
    scores = emissions(word, candidates)
    best = max(range(len(candidates)), key=scores.__getitem__)
    return candidates[best] if scores[best] >= _CLEAR else None


def find_foreign_runs(
    text: str,
    start: int,
    end: int,
    *,
    document_language: str,
    languages: Sequence[str],
    min_words: int = 3,
    words: Sequence[str] | None = None,
) -> list[ForeignRun]:
    """Spans of ``text[start:end]`` (one paragraph) in a language other than the document's.

    ``words`` are :func:`paragraph_words` of the paragraph when found already.

    >>> t = "Байден заявил, что мир будет реагировать auf das. Er sagte es."
    >>> [(t[r.start:r.end], r.lang) for r in find_foreign_runs(t, 0, len(t), document_language="de",
    ...                                                        languages=("de", "en", "ru", "uk"))]
    [('Байден заявил, что мир будет реагировать', 'ru')]
    """
    return labeller(languages, document_language, min_words).runs(text, start, end, words)
