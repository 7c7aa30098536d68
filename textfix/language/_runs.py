"""Labelling every word of a paragraph with its language, and the foreign runs that follow."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache, partial
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from textfix.options import KNOWN_LANGUAGES
from textfix.sentences import split_sentences

from ._evidence import COMMON, emissions, has_lexicon, zipf
from ._lingua import lingua_best
from ._memo import Memo
from ._scripts import UNSPACED_SCRIPTS, languages_writing, script_of_language
from ._tokens import Token, find_words, tokens
from ._viterbi import SWITCH_PENALTY, is_marked, switch_costs, viterbi

__all__ = ["ForeignRun", "labeller"]

_SENTENCE_END = re.compile(r"[.!?…。！？؟]+")
_CLEAR = 1.0  # a word at least this much likelier in a language is a clear word of it
_CONFIDENT = 0.8  # lingua's confidence that settles a short run or a weak sentence
_LEAN = 2.0  # a stretch whose words together lean this far towards a language may be in it
_SURE = 0.7  # lingua's confidence that gives a short stretch another language
_VERY_COMMON = 5.0  # function words and the like: once in 10,000 words or more
_FEW = 4  # candidate languages of a script lingua tells apart in high accuracy (ar/fa/ur, zh/ja)
_LABEL_WORDS = 3  # words a speaker or field label before a colon may have
_ACRONYM = 5  # all-capital words up to this long are acronyms unless common words
#: Two unclear words ("0") among four in a row: where a sentence of four words or more may be weak.
_WEAK = re.compile("0.{0,2}0")


# A named tuple, not a frozen dataclass: as immutable, and built at import without the six
# methods a frozen dataclass compiles (~0.5 ms of every one-file run).
class ForeignRun(NamedTuple):
    """A stretch of a paragraph in language ``lang`` (not the document's)."""

    start: int
    end: int
    lang: str


def _groups(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Runs ``(first, last_exclusive, label)`` of equal labels.

    >>> _groups(["de", "de", "en", "de"])
    [(0, 2, 'de'), (2, 3, 'en'), (3, 4, 'de')]
    """
    runs: list[tuple[int, int, str]] = []
    first = 0
    for label, group in groupby(labels):  # groupby: the runs are found in C, not label by label
        last = first + len(list(group))
        runs.append((first, last, label))
        first = last
    return runs


def _is_name_like(run: Sequence[Token]) -> bool:
    """Only capitalised words: names or acronyms, unless they are common words (judged later)."""
    return all(t.capitalised for t in run)


def _script_runs(found: Sequence[Token]) -> list[tuple[str | None, list[Token]]]:
    """Consecutive tokens of one script; short name-only runs fold into a neighbour.

    "сообщил Bloomberg" stays one Russian run, "NATO hat" one German run.
    """
    runs: list[tuple[str | None, list[Token]]] = []
    # Words of one script come in groups (groupby walks them in C); a group of no script joins the run before it.
    for script, group in groupby(found, attrgetter("script")):
        if runs and (script is None or runs[-1][0] in (None, script)):
            runs[-1][1].extend(group)  # in place: copying the run per token was quadratic
            if runs[-1][0] is None and script is not None:
                runs[-1] = (script, runs[-1][1])
        else:
            runs.append((script, list(group)))
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
    """Word (as written) → how much better another candidate language explains it than ``prior``.

    Capitalised words count as inside a sentence (:func:`_inside_sentence`). Filled lazily.
    """

    def __init__(self, candidates: tuple[str, ...], prior: str) -> None:
        super().__init__()
        self.candidates = candidates
        self.prior = candidates.index(prior) if prior in candidates else 0

    def __missing__(self, word: str) -> float:
        lower = word.lower()
        if word[0].isupper():
            emission = _inside_sentence(lower, self.candidates, self.prior)
        else:
            emission = emissions(lower, self.candidates)
        value = self[word] = max(emission) - emission[self.prior]
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
        # Per script, word → emissions (and inside a sentence): a dict hit instead of lru_cache's tuple key.
        self._emitted = {script: Memo(partial(emissions, candidates=codes)) for script, codes in self.by_script.items()}
        self._inside = {
            script: Memo(partial(_inside_sentence, candidates=codes, own=codes.index(document_language)))
            for script, codes in self.by_script.items()
            if document_language in codes
        }

    def runs(self, text: str, start: int, end: int, words: Sequence[str] | None = None) -> list[ForeignRun]:
        other_letters = self._other_letter.search(text, start, end) is not None
        if not other_letters and len(self.candidates) == 1:
            return []  # only the document's script, and no other configured language writes it
        if words is None:  # found once per paragraph: the check and the labelling share them
            words = find_words(text, start, end)
        if not other_letters and self.listed and self._plainly_in_document_language(words):
            return []
        found = tokens(text, start, end, words)
        if not found:
            return []
        if not other_letters:  # one script run, the document's (_script_runs would find just that)
            return self._foreign(text, end, found, self._label_run(text, self.script, found))
        run_tokens: list[Token] = []
        labels: list[str] = []
        for script, run in _script_runs(found):
            run_tokens.extend(run)
            labels.extend(self._label_run(text, script, run))
        return self._foreign(text, end, run_tokens, labels)

    def _plainly_in_document_language(self, words: Sequence[str]) -> bool:
        """A cheap check that settles most paragraphs (of the document's script alone) without
        labelling word by word.

        True when the word frequencies give no other language of the document's script
        enough evidence to pay for a switch (capitalised words counting as inside a
        sentence), and no other language explains at least a fifth of the words better.
        """
        advantages = list(map(self._advantage.__getitem__, words))
        if sum(advantages) >= SWITCH_PENALTY / 2:
            return False
        return advantages.count(0.0) * 5 >= len(advantages)

    def _label_run(self, text: str, script: str | None, run: list[Token]) -> list[str]:
        script = script or self.script
        candidates = self.by_script.get(script)
        if candidates is None:  # a script none of the configured languages writes
            return [_language_of_script(text[run[0].start : run[-1].end], script)] * len(run)
        if len(candidates) == 1:
            return [candidates[0]] * len(run)
        prior = self.document_language if self.document_language in candidates else None
        if all(has_lexicon(code) for code in candidates):
            costs = switch_costs(text, run)
            scores = self._scores(script, run, costs)
            labels = viterbi(scores, costs, candidates, prior)
            labels = self._second_look(text, run, labels, candidates, scores)
            return self._settle_weak_sentences(text, run, labels, candidates, scores)
        return self._settle_weak_sentences(text, run, [prior or candidates[0]] * len(run), candidates, None)

    def _second_look(
        self,
        text: str,
        run: list[Token],
        labels: list[str],
        candidates: tuple[str, ...],
        scores: Sequence[tuple[float, ...]],
    ) -> list[str]:
        """Short stretches the switch did not pay for, given to lingua when the words lean foreign.

        A stretch is a run of at least ``min_words`` words labelled with the document
        language of which none speaks for it ("Margin of Error" in "Finde die Margin of
        Error"); when its words lean towards another language and lingua is sure of
        that language, the stretch takes it.
        """
        if self.document_language not in candidates:
            return labels
        own = candidates.index(self.document_language)
        document = self.document_language
        # Flags first, then runs of them by groupby: a look again only relabels its own stretch.
        quiet = [label == document and score[own] <= 0 for label, score in zip(labels, scores, strict=True)]
        i = 0
        for is_quiet, group in groupby(quiet):
            j = i + len(list(group))
            if is_quiet and j - i >= self.min_words:
                self._look_again(text, run[i:j], scores[i:j], labels, i, candidates)
            i = j
        return labels

    def _look_again(
        self,
        text: str,
        stretch: list[Token],
        scores: Sequence[tuple[float, ...]],
        labels: list[str],
        offset: int,
        candidates: tuple[str, ...],
    ) -> None:
        columns = list(zip(*scores, strict=True))  # per candidate, the stretch's scores (summed in C)
        totals = [sum(column) for column in columns]
        other = max((k for k in range(len(candidates)) if candidates[k] != self.document_language),
                    key=totals.__getitem__)
        if max(columns[other]) < _CLEAR or totals[other] < _LEAN:  # not one clear word, or too little lean
            return
        lang, confidence = lingua_best(text[stretch[0].start : stretch[-1].end], candidates)
        if lang == candidates[other] and confidence >= _SURE:
            labels[offset : offset + len(stretch)] = [lang] * len(stretch)

    def _scores(self, script: str, run: Sequence[Token], costs: Sequence[float]) -> list[tuple[float, ...]]:
        """The words' emissions; a capitalised word inside a sentence counts half against the document.

        Inside a sentence a capital letter marks a name or (in German) a noun, and nouns
        are what languages borrow: "Pull Request" in German, "Klausur" in English. Very
        common words ("The", "What") keep their weight: titles are judged by them.
        """
        emitted = self._emitted[script]
        inside = self._inside.get(script)
        if inside is None:  # the document language is not among this script's candidates
            return [emitted[token.lower] for token in run]
        return [
            inside[token.lower] if token.capitalised and cost >= SWITCH_PENALTY else emitted[token.lower]
            for token, cost in zip(run, costs, strict=True)
        ]

    def _settle_weak_sentences(
        self,
        text: str,
        run: list[Token],
        labels: list[str],
        candidates: Sequence[str],
        scores: Sequence[tuple[float, ...]] | None,
    ) -> list[str]:
        """Ask lingua about sentences the word frequencies (``scores``; ``None``: none known) say little about."""
        if len(run) < 4:
            return labels
        # "1" for each word that clearly speaks for a language: a sentence's clear words are counted in C.
        clear = None if scores is None else "".join(["1" if max(score) >= _CLEAR else "0" for score in scores])
        if clear is not None and _WEAK.search(clear) is None:
            return labels  # every four words in a row hold three clear ones, so every sentence of four does
        first, last = run[0].start, run[-1].end
        starts = [token.start for token in run]  # a sentence's words by bisection, not word by word
        i = 0
        for s_start, s_end in split_sentences(text, first, last):
            i = bisect_left(starts, s_start, i)
            j = bisect_left(starts, s_end, i)
            if j - i >= 4 and (clear is None or clear.count("1", i, j) < 3):
                lang, confidence = lingua_best(text[s_start:s_end], candidates)
                if confidence >= _CONFIDENT:
                    labels[i:j] = [lang] * (j - i)
            i = j
        return labels

    def _foreign(self, text: str, end: int, run_tokens: list[Token], labels: list[str]) -> list[ForeignRun]:
        if labels.count(self.document_language) == len(labels):
            return []  # every word in the document language (counted in C)
        found: list[ForeignRun] = []
        for group_first, group_last, lang in _groups(labels):
            if lang == self.document_language:
                continue
            first, last = self._edges(text, run_tokens, group_first, group_last, lang)
            run = run_tokens[first:last]
            if not run or not self._enough(text, run, lang):
                continue
            span_end = _run_end(text, run[-1].end, end, run_tokens[last].start if last < len(run_tokens) else None)
            if found and found[-1].lang == lang and not text[found[-1].end : run[0].start].strip(" ,.;:–—-"):
                found[-1] = ForeignRun(found[-1].start, span_end, lang)
            else:
                found.append(ForeignRun(run[0].start, span_end, lang))
        return found

    def _edges(self, text: str, run: Sequence[Token], first: int, last: int, lang: str) -> tuple[int, int]:
        """A run's edges adjusted by the grammar around it (same script as the document only).

        Words that say nothing about the language and are set off from the run by a
        colon, bracket or quote stay outside it (the speaker label "Agent (Bot):" before
        an English line, a title's "Dune:"); a run one or two words short takes in
        neighbouring words common in both languages ("so" in "so last year").
        """
        if first == 0:
            first = _after_label(text, run, last)
        candidates = self.by_script.get(self.script, ())
        if lang not in candidates or run[first].script not in (self.script, None):
            return first, last
        index = candidates.index(lang)

        def neutral(k: int) -> bool:
            return emissions(run[k].lower, candidates)[index] <= 0

        def against(k: int) -> bool:
            word = run[k].lower
            return emissions(word, candidates)[index] < 0 and zipf(word, lang) < COMMON

        while last - first > 1 and against(first):
            first += 1  # a word of the document's language at the edge ("… fruits einsammeln.")
        while last - first > 1 and against(last - 1):
            last -= 1
        head = first
        while head < last - 1 and neutral(head):
            head += 1
        if head > first and is_marked(text[run[head - 1].end : run[head].start]):
            first = head
        tail = last
        while tail > first + 1 and neutral(tail - 1):
            tail -= 1
        if tail < last and is_marked(text[run[tail - 1].end : run[tail].start]):
            last = tail
        opening = run[first].lower
        if (
            first > 0
            and zipf(opening, lang) >= _VERY_COMMON
            and emissions(opening, candidates)[index] >= _CLEAR
            and self._homograph(text, run, first - 1, first, candidates)
        ):
            first -= 1  # "in" before "the long run" belongs to it
        while last - first < self.min_words:
            if first > 0 and self._homograph(text, run, first - 1, first, candidates):
                first -= 1
            elif last < len(run) and self._homograph(text, run, last, last - 1, candidates):
                last += 1
            else:
                break
        return first, last

    def _homograph(self, text: str, run: Sequence[Token], k: int, neighbour: int, candidates: tuple[str, ...]) -> bool:
        """Whether word ``k``, beside ``neighbour`` with no mark between, is common in every candidate."""
        a, b = sorted((k, neighbour))
        if is_marked(text[run[a].end : run[b].start]) or "," in text[run[a].end : run[b].start]:
            return False
        word = run[k].lower
        return not any(emissions(word, candidates)) and all(zipf(word, code) >= COMMON for code in candidates)

    def _enough(self, text: str, run: Sequence[Token], lang: str) -> bool:
        """Whether a run in another language is substantial enough to be foreign."""
        scripts = [t.script for t in run if t.script]
        if scripts and scripts.count(scripts[0]) < len(scripts):  # a Counter only when scripts mix
            script: str | None = Counter(scripts).most_common(1)[0][0]
        else:
            script = scripts[0] if scripts else None  # a run may hold only letters of no known block
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
            return len(common) >= self.min_words and 2 * len(common) >= len(run)
        if len(clear) >= max(2, len(run) // 4):
            return True
        if sum(emissions(t.lower, candidates)[index] for t in run) >= len(run) * _CLEAR:
            return True  # every word leans that way on average ("bro just dodge lmao")
        # Few clear words: let lingua confirm.
        best, confidence = lingua_best(text[run[0].start : run[-1].end], candidates)
        return best == lang and confidence >= _CONFIDENT and len(clear) >= 1


@lru_cache(maxsize=65536)
def _inside_sentence(word: str, candidates: tuple[str, ...], own: int) -> tuple[float, ...]:
    """The emissions of a capitalised word inside a sentence: half, if they speak against ``own``."""
    scores = emissions(word, candidates)
    if scores[own] >= 0 or max(zipf(word, code) for code in candidates) >= _VERY_COMMON:
        return scores
    return tuple(value / 2 for value in scores)


def _is_acronym(token: Token, lang: str) -> bool:
    """An all-capital short word that is not a common word ("NATO", "HODL"; not "ARE")."""
    return token.upper and len(token.lower) <= _ACRONYM and zipf(token.lower, lang) < COMMON


def _after_label(text: str, run: Sequence[Token], last: int) -> int:
    """The first word after a label that opens the paragraph ("Jake:", "Agent (Bot):", "Banner:").

    A label is at most three capitalised words before a colon; it stays in the
    document language, as chat speakers and form fields do.
    """
    for k in range(min(_LABEL_WORDS, last - 1)):
        if not run[k].capitalised:
            return 0
        gap = text[run[k].end : run[k + 1].start]
        if ":" in gap:
            return k + 1
        if gap.strip(" ()"):
            return 0
    return 0


_TRAILING = re.compile(r"[\d\s%:,.\-–/]*?\d")


def _run_end(text: str, end: int, limit: int, next_token: int | None) -> int:
    """Where a run ending at ``end`` stops: with the sentence's final punctuation when it ends
    the sentence, and with numbers before it ("Please rate us from 1 to 5.").

    >>> t = "Please rate us from 1 to 5. Danke"
    >>> t[:_run_end(t, 24, len(t), 28)]
    'Please rate us from 1 to 5.'
    """
    numbers = _TRAILING.match(text, end, limit)
    if numbers:
        tail = _SENTENCE_END.match(text, numbers.end(), limit)
        if tail and (next_token is None or _crosses_sentence_end(text, tail.end(), next_token)):
            return tail.end()
        if next_token is None and not text[numbers.end() : limit].strip():
            return numbers.end()
    tail = _SENTENCE_END.match(text, end, limit)
    if tail and (next_token is None or _crosses_sentence_end(text, tail.end(), next_token)):
        return tail.end()
    return end


def _crosses_sentence_end(text: str, position: int, next_token: int) -> bool:
    """Whether the sentence ends at ``position``: a new sentence follows, or a closing quote
    or bracket (the punctuation inside it belongs to what it closes)."""
    between = text[position:next_token]
    return not between.strip(" \"'“”„«»\n") or between[:1] in "\"'“”«»)]*」』"


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
    return lingua_best(text, known, low_accuracy=len(known) > _FEW)[0]


def labeller(languages: Sequence[str], document_language: str, min_words: int) -> _Labeller:
    """One labeller per configuration, so its word-score cache lives across paragraphs."""
    return _labeller(tuple(languages), document_language, min_words)


@lru_cache(maxsize=16)
def _labeller(languages: tuple[str, ...], document_language: str, min_words: int) -> _Labeller:
    return _Labeller(languages, document_language, min_words)
