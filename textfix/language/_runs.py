"""Labelling every word of a paragraph with its language, and the foreign runs that follow."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from textfix.options import KNOWN_LANGUAGES
from textfix.sentences import split_sentences

from ._evidence import COMMON, emissions, has_lexicon, zipf
from ._lingua import lingua_best
from ._scripts import UNSPACED_SCRIPTS, languages_writing, script_of_language
from ._tokens import TOKEN, Token, tokens
from ._viterbi import SWITCH_PENALTY, switch_costs, viterbi

__all__ = ["ForeignRun", "labeller"]

_SENTENCE_END = re.compile(r"[.!?…。！？؟]+")
_CLEAR = 1.0  # a word at least this much likelier in a language is a clear word of it
_CONFIDENT = 0.8  # lingua's confidence that settles a short run or a weak sentence
_ACRONYM = 5  # all-capital words up to this long are acronyms unless common words


@dataclass(frozen=True, slots=True)
class ForeignRun:
    """A stretch of a paragraph in language ``lang`` (not the document's)."""

    start: int
    end: int
    lang: str


def _groups(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Runs ``(first, last_exclusive, label)`` of equal labels."""
    runs: list[tuple[int, int, str]] = []
    for i, label in enumerate(labels):
        if runs and runs[-1][2] == label:
            runs[-1] = (runs[-1][0], i + 1, label)
        else:
            runs.append((i, i + 1, label))
    return runs


def _is_name_like(run: Sequence[Token]) -> bool:
    """Only capitalised words: names or acronyms, unless they are common words (judged later)."""
    return all(t.capitalised for t in run)


def _script_runs(found: Sequence[Token]) -> list[tuple[str | None, list[Token]]]:
    """Consecutive tokens of one script; short name-only runs fold into a neighbour.

    "сообщил Bloomberg" stays one Russian run, "NATO hat" one German run.
    """
    runs: list[tuple[str | None, list[Token]]] = []
    for token in found:
        if runs and (token.script is None or runs[-1][0] in (None, token.script)):
            script = runs[-1][0] or token.script
            runs[-1][1].append(token)  # in place: copying the run per token was quadratic
            runs[-1] = (script, runs[-1][1])
        else:
            runs.append((token.script, [token]))
    folded: list[tuple[str | None, list[Token]]] = []
    pending: list[Token] = []
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
        emission = emissions(word, self.candidates)
        value = self[word] = max(0.0, max(emission) - emission[self.prior])
        return value


class _Labeller:
    """Labels the language of every word of a paragraph."""

    def __init__(self, languages: Sequence[str], document_language: str, min_words: int) -> None:
        self.document_language = document_language
        self.min_words = min_words
        self.script = script_of_language(document_language)
        self.by_script: dict[str, tuple[str, ...]] = {}
        for code in languages:
            self.by_script[script_of_language(code)] = (*self.by_script.get(script_of_language(code), ()), code)
        self.candidates = self.by_script.get(self.script, (document_language,))
        self.listed = all(has_lexicon(code) for code in self.candidates)
        self._advantage = _Advantage(self.candidates, document_language)
        self._other_letter = re.compile(_letters_outside(self.script))

    def runs(self, text: str, start: int, end: int) -> list[ForeignRun]:
        if self._plainly_in_document_language(text, start, end):
            return []
        labelled: list[tuple[Token, str]] = []
        for script, run in _script_runs(tokens(text, start, end)):
            labelled.extend(zip(run, self._label_run(text, script, run), strict=True))
        return self._foreign(text, end, labelled)

    def _plainly_in_document_language(self, text: str, start: int, end: int) -> bool:
        """A cheap check that settles most paragraphs without labelling word by word.

        True when the paragraph has no letter of another script, the word frequencies
        give no other language enough evidence to pay for a switch, and at least a fifth
        of its words are more frequent in the document language than elsewhere.
        """
        if self._other_letter.search(text, start, end):
            return False
        if not self.listed:
            return len(self.candidates) == 1
        words = TOKEN.findall(text[start:end].lower())
        if len(self.candidates) > 1 and sum(map(self._advantage.__getitem__, words)) >= SWITCH_PENALTY / 2:
            return False
        return sum(self._advantage[w] == 0.0 for w in words) * 5 >= len(words)

    def _label_run(self, text: str, script: str | None, run: list[Token]) -> list[str]:
        script = script or self.script
        candidates = self.by_script.get(script)
        if candidates is None:  # a script none of the configured languages writes
            return [_language_of_script(text[run[0].start : run[-1].end], script)] * len(run)
        if len(candidates) == 1:
            return [candidates[0]] * len(run)
        prior = self.document_language if self.document_language in candidates else None
        if all(has_lexicon(code) for code in candidates):
            scores = [emissions(token.lower, candidates) for token in run]
            labels = viterbi(scores, switch_costs(text, run), candidates, prior)
        else:
            labels = [prior or candidates[0]] * len(run)
        return self._settle_weak_sentences(text, run, labels, candidates)

    def _settle_weak_sentences(
        self, text: str, run: list[Token], labels: list[str], candidates: Sequence[str]
    ) -> list[str]:
        """Ask lingua about sentences the word frequencies say little about."""
        if len(run) < 4:
            return labels
        listed = all(has_lexicon(code) for code in candidates)
        first, last = run[0].start, run[-1].end
        i = 0
        for s_start, s_end in split_sentences(text, first, last):
            while i < len(run) and run[i].start < s_start:
                i += 1
            j = i
            while j < len(run) and run[j].start < s_end:
                j += 1
            weak = not listed or sum(max(emissions(t.lower, tuple(candidates))) >= _CLEAR for t in run[i:j]) < 3
            if j - i >= 4 and weak:
                lang, confidence = lingua_best(text[s_start:s_end], candidates)
                if confidence >= _CONFIDENT:
                    labels[i:j] = [lang] * (j - i)
            i = j
        return labels

    def _foreign(self, text: str, end: int, labelled: list[tuple[Token, str]]) -> list[ForeignRun]:
        found: list[ForeignRun] = []
        labels = [lang for _, lang in labelled]
        for first, last, lang in _groups(labels):
            if lang == self.document_language:
                continue
            run = [t for t, _ in labelled[first:last]]
            if not self._enough(text, run, lang):
                continue
            span_end = run[-1].end
            tail = _SENTENCE_END.match(text, span_end, end)
            if tail and (last == len(labelled) or _crosses_sentence_end(text, tail.end(), labelled[last][0].start)):
                span_end = tail.end()
            if found and found[-1].lang == lang and not text[found[-1].end : run[0].start].strip(" ,.;:–—-"):
                found[-1] = ForeignRun(found[-1].start, span_end, lang)
            else:
                found.append(ForeignRun(run[0].start, span_end, lang))
        return found

    def _enough(self, text: str, run: Sequence[Token], lang: str) -> bool:
        """Whether a run in another language is substantial enough to be foreign."""
        script = Counter(t.script for t in run if t.script).most_common(1)[0][0] if run else None
        if script in UNSPACED_SCRIPTS:
            letters = sum(len(t.lower) for t in run if t.script == script)
            return letters >= 2 * self.min_words - 1
        if len(run) < self.min_words:
            return False
        if script != self.script:
            return not _is_name_like(run)  # another script: ≥ min_words words, not all names
        candidates = self.by_script.get(self.script, (lang,))
        if lang not in candidates or not all(has_lexicon(code) for code in candidates):
            return not _is_name_like(run) and lingua_best(text[run[0].start : run[-1].end], candidates)[0] == lang
        index = candidates.index(lang)
        clear = [t for t in run if emissions(t.lower, candidates)[index] >= _CLEAR and not _is_acronym(t, lang)]
        if _is_name_like(run):
            common = [t for t in clear if zipf(t.lower, lang) >= COMMON]
            return len(common) >= 2 and 2 * len(common) >= len(run)
        if len(clear) >= max(2, len(run) // 4):
            return True
        # Few clear words: let lingua confirm.
        best, confidence = lingua_best(text[run[0].start : run[-1].end], candidates)
        return best == lang and confidence >= _CONFIDENT and len(clear) >= 1


def _is_acronym(token: Token, lang: str) -> bool:
    """An all-capital short word that is not a common word ("NATO", "HODL"; not "ARE")."""
    return token.upper and len(token.lower) <= _ACRONYM and zipf(token.lower, lang) < COMMON


def _crosses_sentence_end(text: str, position: int, next_token: int) -> bool:
    """Whether only whitespace and quotes stand between ``position`` and the next word."""
    return not text[position:next_token].strip(" \"'“”„«»")


def _letters_outside(script: str) -> str:
    """A regex character class of letters not written in ``script`` (Latin or Cyrillic)."""
    latin = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u02af\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\ufb00-\ufb06\uff21-\uff5a"
    cyrillic = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
    own = latin if script == "latn" else cyrillic if script == "cyrl" else ""
    return rf"[^\W\d_{own}\u02b0-\u036f]"


def _language_of_script(text: str, script: str) -> str:
    """The language of text in a script no configured language writes: lingua's guess, or ``und``.

    >>> _language_of_script("שלום לכולם", "hebr"), _language_of_script("ሰላም", "ethi")
    ('he', 'und')
    """
    known = languages_writing(script, KNOWN_LANGUAGES)
    if not known:
        return "und"
    return lingua_best(text, known)[0]


def labeller(languages: Sequence[str], document_language: str, min_words: int) -> _Labeller:
    """One labeller per configuration, so its word-score cache lives across paragraphs."""
    return _labeller(tuple(languages), document_language, min_words)


@lru_cache(maxsize=16)
def _labeller(languages: tuple[str, ...], document_language: str, min_words: int) -> _Labeller:
    return _Labeller(languages, document_language, min_words)
