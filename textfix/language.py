"""Language identification: the document language, and every span in another one.

Evidence comes in three layers, cheapest first: the script of each word (Cyrillic or
Latin), frequent-word lexicons scored word by word with a two-state Viterbi pass (so a
sentence may switch language in the middle), and lingua-language-detector for the few
spans the first two cannot settle. Names, acronyms and numbers are no evidence, and
a span needs ``min_words`` words before it can be foreign.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .lexicon import LEXICONS, MARKER_LETTERS
from .sentences import split_sentences

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["ForeignRun", "detect_document_language", "find_foreign_runs", "script_of_language"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+")
_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"})
_DE_SUFFIX = re.compile(r"(?:ung|ungen|keit|heit|lich|lichen|isch|ischen|schaft|chen|ieren|iert|igen|nahme)$")
_EN_SUFFIX = re.compile(r"(?:ing|tion|tions|ness|ship|ly|ment|ments|ies)$")
_SWITCH_PENALTY = 3.5
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SOFT_BOUNDARY = re.compile(r"[.!?:;„“”\"«»()–—]")


def script_of_language(code: str) -> str:
    """``"cyrl"`` or ``"latn"``: the script a language is written in."""
    return "cyrl" if code in _CYRILLIC_LANGUAGES else "latn"


def _script_of_word(word: str) -> str | None:
    first = word[0]
    if "\u0400" <= first <= "\u04ff":
        return "cyrl"
    if first.isascii() or "\u00c0" <= first <= "\u024f":
        return "latn"
    return None


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    lower: str
    script: str | None
    capitalised: bool


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        tokens.append(_Token(match.start(), match.end(), word.lower(), _script_of_word(word), word[0].isupper()))
    return tokens


@dataclass(frozen=True, slots=True)
class ForeignRun:
    """A stretch of a paragraph in language ``lang`` (not the document's)."""

    start: int
    end: int
    lang: str


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector for exactly these ISO 639-1 codes (built once per set)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [IsoCode639_1.from_str(code) for code in languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _lingua_best(text: str, languages: Sequence[str]) -> tuple[str, float]:
    """Lingua's likeliest language among ``languages`` and its confidence."""
    if len(languages) == 1:
        return languages[0], 1.0
    values = _detector(tuple(sorted(languages))).compute_language_confidence_values(text)
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), best.value


@lru_cache(maxsize=65536)
def _word_languages(word: str) -> frozenset[str]:
    """The languages whose lexicon lists ``word`` or whose marker letters it holds (cached)."""
    return frozenset(
        code
        for code in LEXICONS
        if word in LEXICONS[code] or not MARKER_LETTERS.get(code, frozenset()).isdisjoint(word)
    )


def _lexicon_counts(tokens: Sequence[_Token], languages: Sequence[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token in tokens:
        listed = _word_languages(token.lower)
        if listed:
            counts.update(code for code in languages if code in listed)
    return counts


def detect_document_language(text: str, languages: Sequence[str]) -> str:
    """The language most of ``text`` is written in, among ``languages``.

    Each word counts once for every language that lists it or whose marker letters
    it holds.

    >>> detect_document_language("Die NATO ist besorgt, sagte er.", ("de", "en", "ru", "uk"))
    'de'
    """
    words = Counter(_TOKEN.findall(text.lower()))
    if not words:
        return languages[0]
    counts: Counter[str] = Counter()
    for word, count in words.items():
        for code in _word_languages(word):
            counts[code] += count
    unlisted = [code for code in languages if code not in LEXICONS]
    best = [(code, counts[code]) for code in languages if counts[code]]
    best.sort(key=lambda item: -item[1])
    if best and best[0][1] >= max(5, words.total() // 10) and not unlisted:
        return best[0][0]
    return _lingua_best(text[:20000], languages)[0]


@lru_cache(maxsize=65536)
def _emissions(word: str, candidates: tuple[str, ...]) -> tuple[float, ...]:
    """:func:`_emission` of ``word`` for each candidate (cached: news vocabulary repeats)."""
    return tuple(_emission(word, code, [o for o in candidates if o != code]) for code in candidates)


def _emission(word: str, code: str, others: Sequence[str]) -> float:
    """How much ``word`` (lower case) speaks for ``code`` rather than the other candidates."""
    in_own = word in LEXICONS.get(code, frozenset())
    in_other = any(word in LEXICONS.get(o, frozenset()) for o in others)
    if in_own and not in_other:
        return 2.0
    if in_other and not in_own:
        return -1.0
    if in_own:
        return 0.0
    score = 0.0
    if not MARKER_LETTERS.get(code, frozenset()).isdisjoint(word):
        score += 2.0
    if any(not MARKER_LETTERS.get(o, frozenset()).isdisjoint(word) for o in others):
        score -= 2.0
    if code == "de" and _DE_SUFFIX.search(word):
        score += 0.6
    if code == "en" and _EN_SUFFIX.search(word):
        score += 0.6
    return score


def _switch_costs(text: str, tokens: Sequence[_Token]) -> list[float]:
    """What switching language before each token costs: less at sentence ends and quotes."""
    costs = [_SWITCH_PENALTY]
    for previous, token in pairwise(tokens):
        gap = text[previous.end : token.start]
        costs.append(_SWITCH_PENALTY / 2 if _SOFT_BOUNDARY.search(gap) else _SWITCH_PENALTY)
    return costs


def _viterbi(
    tokens: Sequence[_Token], costs: Sequence[float], candidates: Sequence[str], prior: str | None
) -> list[str]:
    """The likeliest language of each token, switching languages at a cost.

    The ``prior`` (the document language) gets a small bonus at both ends of the run.
    """
    key = tuple(candidates)
    emissions = [_emissions(token.lower, key) for token in tokens]
    # Exact shortcut: a path that leaves the favourite pays at least one switch; if all
    # the evidence against the favourite together is worth less, it wins every token.
    # The favourite is the prior, or without one the language with the most evidence.
    if prior in key:
        favourite = key.index(prior)
    else:
        totals = [sum(e[j] for e in emissions) for j in range(len(key))]
        favourite = max(range(len(key)), key=totals.__getitem__)
    advantage = sum(max(0.0, max(e) - e[favourite]) for e in emissions)
    if advantage < min(costs, default=_SWITCH_PENALTY):
        return [key[favourite]] * len(tokens)
    n = len(key)
    scores = [1.0 if c == prior else 0.0 for c in key]
    back: list[list[int]] = []
    for emission, cost in zip(emissions, costs, strict=True):
        step = []
        pointers = []
        for j in range(n):
            best = max(range(n), key=lambda i: scores[i] - (0.0 if i == j else cost))
            step.append(scores[best] - (0.0 if best == j else cost) + emission[j])
            pointers.append(best)
        scores = step
        back.append(pointers)
    final = [scores[j] + (1.0 if key[j] == prior else 0.0) for j in range(n)]
    state = max(range(n), key=lambda j: (final[j], key[j] == prior))
    path = [state]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(state)
    return [key[j] for j in reversed(path)]


def _groups(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Runs ``(first, last_exclusive, label)`` of equal labels."""
    runs: list[tuple[int, int, str]] = []
    for i, label in enumerate(labels):
        if runs and runs[-1][2] == label:
            runs[-1] = (runs[-1][0], i + 1, label)
        else:
            runs.append((i, i + 1, label))
    return runs


def _is_name_like(tokens: Sequence[_Token]) -> bool:
    """Only capitalised words and acronyms: names, never evidence of a language."""
    return all(t.capitalised for t in tokens)


def _script_runs(tokens: Sequence[_Token]) -> list[tuple[str | None, list[_Token]]]:
    """Consecutive tokens of one script; short name-only runs fold into a neighbour.

    "сообщил Bloomberg" stays one Russian run, "NATO hat" one German run.
    """
    runs: list[tuple[str | None, list[_Token]]] = []
    for token in tokens:
        if runs and (token.script is None or runs[-1][0] in (None, token.script)):
            script = runs[-1][0] or token.script
            runs[-1][1].append(token)  # in place: copying the run per token was quadratic
            runs[-1] = (script, runs[-1][1])
        else:
            runs.append((token.script, [token]))
    folded: list[tuple[str | None, list[_Token]]] = []
    pending: list[_Token] = []
    for script, run in runs:
        if len(runs) > 1 and len(run) <= 2 and _is_name_like(run):
            if folded:
                folded[-1][1].extend(run)
            else:
                pending.extend(run)
            continue
        joined = pending + run
        pending = []
        if folded and folded[-1][0] == script:
            folded[-1][1].extend(joined)
        else:
            folded.append((script, joined))
    if pending:
        folded.append((pending[0].script, pending))
    return folded


class _Advantage(dict[str, float]):
    """Word → how much better another candidate language explains it than ``prior`` (filled lazily)."""

    def __init__(self, candidates: tuple[str, ...], prior: str) -> None:
        super().__init__()
        self.candidates = candidates
        self.prior = candidates.index(prior) if prior in candidates else 0

    def __missing__(self, word: str) -> float:
        emission = _emissions(word, self.candidates)
        value = self[word] = max(0.0, max(emission) - emission[self.prior])
        return value


class _Labeller:
    """Labels the language of every word of a paragraph."""

    def __init__(self, languages: Sequence[str], document_language: str, min_words: int) -> None:
        self.document_language = document_language
        self.min_words = min_words
        self.by_script: dict[str, list[str]] = {}
        for code in languages:
            self.by_script.setdefault(script_of_language(code), []).append(code)
        candidates = tuple(self.by_script.get(script_of_language(document_language), (document_language,)))
        self._advantage = _Advantage(candidates, document_language)

    def runs(self, text: str, start: int, end: int) -> list[ForeignRun]:
        if self._plainly_in_document_language(text, start, end):
            return []
        tokens = _tokens(text, start, end)
        labelled: list[tuple[_Token, str]] = []
        for script, run in _script_runs(tokens):
            labelled.extend(zip(run, self._label_run(text, script, run), strict=True))
        return self._foreign(text, end, labelled)

    def _plainly_in_document_language(self, text: str, start: int, end: int) -> bool:
        """A cheap check that settles most paragraphs without labelling word by word.

        True when the paragraph has no letter of another script, the lexicons give no
        other language enough evidence to pay for a switch, and at least a fifth of its
        words are frequent words of the document language.
        """
        script = script_of_language(self.document_language)
        other_script = _CYRILLIC_LETTER if script == "latn" else _LATIN_LETTER
        if other_script.search(text, start, end):
            return False
        candidates = tuple(self.by_script.get(script, ()))
        if self.document_language not in candidates or not all(c in LEXICONS for c in candidates):
            return False
        words = _TOKEN.findall(text[start:end].lower())
        if len(candidates) > 1 and sum(map(self._advantage.__getitem__, words)) >= _SWITCH_PENALTY / 2:
            return False
        own = LEXICONS[self.document_language]
        return sum(map(own.__contains__, words)) * 5 >= len(words)

    def _label_run(self, text: str, script: str | None, run: list[_Token]) -> list[str]:
        script = script or script_of_language(self.document_language)
        candidates = self.by_script.get(script) or [self.document_language]
        if len(candidates) == 1:
            return [candidates[0]] * len(run)
        prior = self.document_language if self.document_language in candidates else None
        if all(code in LEXICONS for code in candidates):
            labels = _viterbi(run, _switch_costs(text, run), candidates, prior)
        else:
            labels = [prior or candidates[0]] * len(run)
        return self._settle_weak_sentences(text, run, labels, candidates)

    def _settle_weak_sentences(
        self, text: str, run: list[_Token], labels: list[str], candidates: list[str]
    ) -> list[str]:
        """Ask lingua about sentences the lexicons say little about."""
        if len(run) < 4:
            return labels
        listed = all(code in LEXICONS for code in candidates)
        first, last = run[0].start, run[-1].end
        i = 0
        for s_start, s_end in split_sentences(text, first, last):
            while i < len(run) and run[i].start < s_start:
                i += 1
            j = i
            while j < len(run) and run[j].start < s_end:
                j += 1
            if j - i >= 4 and not (listed and sum(_lexicon_counts(run[i:j], candidates).values()) >= 3):
                lang, confidence = _lingua_best(text[s_start:s_end], candidates)
                if confidence >= 0.8:
                    labels[i:j] = [lang] * (j - i)
            i = j
        return labels

    def _foreign(self, text: str, end: int, labelled: list[tuple[_Token, str]]) -> list[ForeignRun]:
        found: list[ForeignRun] = []
        labels = [lang for _, lang in labelled]
        for first, last, lang in _groups(labels):
            if lang == self.document_language:
                continue
            tokens = [t for t, _ in labelled[first:last]]
            if not self._enough(tokens, lang):
                continue
            span_end = tokens[-1].end
            tail = _SENTENCE_END.match(text, span_end, end)
            if tail and (last == len(labelled) or _crosses_sentence_end(text, tail.end(), labelled[last][0].start)):
                span_end = tail.end()
            if found and found[-1].lang == lang and not text[found[-1].end : tokens[0].start].strip(" ,.;:–—-"):
                found[-1] = ForeignRun(found[-1].start, span_end, lang)
            else:
                found.append(ForeignRun(tokens[0].start, span_end, lang))
        return found

    def _enough(self, tokens: Sequence[_Token], lang: str) -> bool:
        """Whether a run in another language is substantial enough to be foreign."""
        if len(tokens) < self.min_words or _is_name_like(tokens):
            return False
        script = tokens[0].script or script_of_language(lang)
        if script != script_of_language(self.document_language):
            return True  # another script: ≥ min_words words, not all names
        hits = _lexicon_counts(tokens, [lang])[lang]
        if hits >= max(2, len(tokens) // 4):
            return True
        # Few listed words: let lingua confirm.
        candidates = self.by_script.get(script, [lang])
        best, confidence = _lingua_best(" ".join(t.lower for t in tokens), candidates)
        return best == lang and confidence >= 0.8 and hits >= 1


def _crosses_sentence_end(text: str, position: int, next_token: int) -> bool:
    """Whether only whitespace and quotes stand between ``position`` and the next word."""
    return not text[position:next_token].strip(" \"'“”„«»")


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
    return _labeller(tuple(languages), document_language, min_words).runs(text, start, end)


@lru_cache(maxsize=16)
def _labeller(languages: tuple[str, ...], document_language: str, min_words: int) -> _Labeller:
    """One labeller per configuration, so its word-score cache lives across paragraphs."""
    return _Labeller(languages, document_language, min_words)
