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
from functools import lru_cache

from ._evidence import emissions, has_lexicon, prefetch, zipf
from ._lingua import lingua_best
from ._runs import ForeignRun, labeller
from ._scripts import script_of_language
from ._tokens import TOKEN

__all__ = ["ForeignRun", "detect_document_language", "find_foreign_runs", "script_of_language", "zipf"]

_CLEAR = 0.5  # a word this much likelier in one language votes for it


def detect_document_language(text: str, languages: Sequence[str]) -> str:
    """The language most of ``text`` is written in, among ``languages``.

    Each word votes for the language in which it is clearly most frequent; lingua
    decides when the votes are too few or a language has no word frequencies.

    >>> detect_document_language("Die NATO ist besorgt, sagte er.", ("de", "en", "ru", "uk"))
    'de'
    """
    words = Counter(TOKEN.findall(text.lower()))
    if not words:
        return languages[0]
    candidates = tuple(languages)
    if len(candidates) == 1:
        return candidates[0]
    if not all(has_lexicon(code) for code in candidates):
        return lingua_best(text[:20000], languages)[0]
    prefetch(words, candidates)  # the word lists are then asked once each, not once per word
    counts: Counter[str] = Counter()
    for word, count in words.items():
        vote = _vote(word, candidates)
        if vote is not None:
            counts[vote] += count
    ranked = counts.most_common(1)
    if ranked and ranked[0][1] >= max(5, words.total() // 10):
        return ranked[0][0]
    return lingua_best(text[:20000], languages)[0]


@lru_cache(maxsize=65536)
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
) -> list[ForeignRun]:
    """Spans of ``text[start:end]`` (one paragraph) in a language other than the document's.

    >>> t = "Байден заявил, что мир будет реагировать auf das. Er sagte es."
    >>> [(t[r.start:r.end], r.lang) for r in find_foreign_runs(t, 0, len(t), document_language="de",
    ...                                                        languages=("de", "en", "ru", "uk"))]
    [('Байден заявил, что мир будет реагировать', 'ru')]
    """
    return labeller(languages, document_language, min_words).runs(text, start, end)
