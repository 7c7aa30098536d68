"""Lost sentence boundaries and verb positions: one pass over the clauses of a sentence.

A sentence as the splitter sees it (punctuation decides) may hold two sentences whose
boundary machine translation lost: "… am russischen Kriminalkrieg Zweitens ist dies …".
The scan walks the words and keeps a little clause state — has this clause had its finite
verb, did a subordinate clause open and has its verb come — and, where one word follows
another with no punctuation between, asks whether a new clause starts there:

- the second word is capitalised and can only be an adverb, pronoun, article, preposition
  or conjunction (German capitalises those only at a sentence start, English the same);
- or it is a noun or name followed, after at most a noun phrase, by an unambiguous finite
  verb (a second verb-second clause: "… in Seoul Nordkorea erhalte im Gegenzug …");
- and the words before it form a complete clause: a main clause that has its finite verb,
  or a subordinate clause whose verb came last ("…, dass … verkehren ehemaliger …").

German subordinate clauses keep their finite verb last; one that puts it right after the
subject with more words following ("dass Nordkorea schickte dreitausend seiner Truppen")
kept the word order of the source language: a ``word-order`` finding.

>>> text = "Das ist eine Eskalation am russischen Kriminalkrieg Zweitens ist dies ein Verstoß."
>>> [(text[j.start:j.end], j.certain) for j in scan_words(Words.of(text, 0, len(text), "de")).junctions]
[('Kriminalkrieg Zweitens', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from typing import NamedTuple

from textfix.sentences import ABBREVIATIONS

from ._lexicon import (
    ADJ,
    ADV,
    ALL,
    CONJ,
    DET,
    FIN,
    NAME,
    NONFIN,
    NOUN,
    NUM,
    OTHER,
    PARTICLE,
    PREP,
    PRON,
    SUBORD,
    UNKNOWN,
    analysed,
    best,
)
from ._tokens import CAPITAL, PUNCT, Words

__all__ = ["Junction", "SentenceScan", "WordOrder", "scan_words"]

#: Punctuation that ends a clause segment (a new segment may open a subordinate clause).
_SEGMENT_BREAKS = frozenset(",;:–—-()[]„“”»«\"‚‘›‹/")
#: Classes of a word that can only start a clause when capitalised mid-sentence.
_STARTERS = ADV | PRON | DET | PREP | SUBORD | CONJ
#: Classes of a capitalised word that can start a clause only with a finite verb soon after it.
_NON_STARTER = ALL & ~(_STARTERS | PARTICLE)
#: Classes of a word that can end a clause (the word before a lost boundary).
_ENDERS = NOUN | NAME | ADV | PRON | FIN | NONFIN | PARTICLE | NUM | UNKNOWN
#: English ends clauses on predicative adjectives too ("… making the contributions voluntary").
_ENDERS_EN = _ENDERS | ADJ
#: Closing quotation marks a lost boundary may follow ("… as “irreversible” It does not …").
_CLOSING = frozenset("“”«\"")
#: Marks that end a sentence before a capitalised word.
_ENDS = frozenset(".!?…")
#: Words a noun phrase is made of, between its head and a verb in second position.
_NOUN_PHRASE = NOUN | NAME | UNKNOWN | DET | ADJ | NUM
_VERB = FIN | NONFIN
#: Relative pronouns: after a comma they open a subordinate clause (the lexicon calls them articles).
_RELATIVE = {
    "de": frozenset("der die das dem den des deren dessen denen welche welcher welches welchem welchen was wo".split()),
    "en": frozenset("who whom whose which that where when".split()),
}
#: Subordinators after which German puts the finite verb last (``weil`` is left out: spoken
#: German uses main-clause order after it, and news quotes do too).
_VERB_LAST = frozenset("dass ob obwohl nachdem wenn falls damit sodass bevor sobald seit seitdem während".split())
#: The formal pronoun, capitalised anywhere in a German sentence.
_FORMAL = frozenset("Sie Ihnen Ihr Ihre Ihrem Ihren Ihrer Ihres".split())
#: A word with one of these is no finite verb of its clause (see :func:`_read_word`).
_NOT_FINITE = NOUN | DET | PREP | PRON | CAPITAL
#: How many words from a clause's start :func:`_complete` reads for an unlisted finite verb.
_VERB_WINDOW = 6
#: Attributions that follow a quote as a clause segment without a verb ("…, so Rutte").
_ATTRIBUTION = {"de": frozenset({"so", "laut", "zufolge"}), "en": frozenset({"according"})}
#: Words (lower-cased) that open a clause segment as :func:`_read_word` sees it, beside subordinators.
_OPENERS = {language: _RELATIVE[language] | _ATTRIBUTION[language] for language in _RELATIVE}


# A named tuple, not a frozen dataclass: as immutable, and built at import without the six
# methods a frozen dataclass compiles (~0.5 ms of every one-file run).
class Junction(NamedTuple):
    """A lost sentence boundary: ``start``–``end`` spans the word before it and the word after it."""

    start: int
    #: Where the first sentence ends (a mend puts the period here).
    boundary: int
    end: int
    left: str
    right: str
    #: What the scan saw, for the reviewer.
    evidence: str
    #: Whether the boundary is certain enough to mend (a period after ``left``).
    certain: bool


# A named tuple, not a frozen dataclass: as immutable, and built at import without the six
# methods a frozen dataclass compiles (~0.5 ms of every one-file run).
class WordOrder(NamedTuple):
    """A German subordinate clause whose finite verb does not come last."""

    start: int
    end: int
    verb: str


class SentenceScan:
    """What the scan of a paragraph's text found."""

    __slots__ = ("junctions", "sentences", "word_order")

    def __init__(self) -> None:
        self.junctions: list[Junction] = []
        self.word_order: list[WordOrder] = []
        #: Each sentence as ``(first token, end token, whether it has a finite verb the lexicon lists)``.
        self.sentences: list[tuple[int, int, bool]] = []


@dataclass(slots=True)
class _Clause:
    """The state of the clause segment being read."""

    #: Index of the clause's first token.
    start: int = 0
    finite: bool = False
    subordinate: bool = False
    #: Index of the subordinator that opened the clause, and whether it keeps the verb last.
    opener: int = -1
    verb_last: bool = False
    #: Index of the subordinate clause's finite verb once seen.
    verb_at: int = -1
    attribution: bool = False
    #: How far :func:`_complete` has looked for an unlisted finite verb.
    scanned: int = 0


def _is_finite(w: Words, i: int, *, after_pronoun: bool = False) -> bool:
    """An unambiguous finite verb in lower case ("erhalte", "stellte", "said").

    Right after a personal pronoun an adjective cannot stand: "Sie erzielte" is a verb.
    """
    bits = w.bits[i] & ALL
    if after_pronoun:
        bits &= ~ADJ
    if not bits & FIN or bits & (NOUN | ADJ | DET | PRON | PREP | UNKNOWN) or w.texts[i][:1].isupper():
        return False
    if w.language == "en":
        return best(w.bits[i]) == FIN
    return not bits & NONFIN


def _verb_second_follows(w: Words, index: int) -> int:
    """Index of the finite verb that follows the noun phrase starting at ``index`` within four words, or -1."""
    german = w.language == "de"
    for j in range(index + 1, min(index + 5, len(w.texts))):
        raw = w.bits[j]
        if raw & PUNCT:
            return -1
        if _is_finite(w, j):
            return j
        bits = raw & ALL
        if not bits & _NOUN_PHRASE or bits & _VERB:
            return -1
        if german and bits & (NOUN | NAME | UNKNOWN) and not w.texts[j][:1].isupper():
            return -1  # a lower-case unknown word is no part of a German noun phrase's head
    return -1


def _starter(w: Words, i: int) -> bool:
    """A capitalised word that can only be a function word starting a clause ("Zweitens", "Er", "The")."""
    word = w.texts[i]
    if word.isupper() or "-" in word:
        return False  # "EU-weit", "NATO": a compound or an acronym, not a function word
    bits = w.bits[i] & ALL & ~PARTICLE  # a separable particle is never capitalised ("Ein", "An")
    return bool(bits) and not bits & ~_STARTERS and not (w.language == "en" and word == "I")


def scan_words(w: Words) -> SentenceScan:
    """Lost boundaries and misplaced finite verbs in the sentences of ``w`` (a paragraph's text segment).

    Sentences end at ``.``, ``!``, ``?`` or ``…`` before a capitalised word, not after an
    abbreviation, an initial or an ordinal ("am 13. Juni", "J. Biden", "Anm. d. Red."), as
    :func:`textfix.sentences.split_sentences` has it; ``scan.sentences`` lists them.
    """
    scan = SentenceScan()
    clause = _Clause()
    main_finite = False
    texts, all_bits = w.texts, w.bits
    breaks = _SEGMENT_BREAKS
    # A word before a possible boundary: one that can end a clause, or a preposition that may be
    # a separable particle ("teilte das Ministerium mit Ein Großteil …", checked in _junction).
    enders = (_ENDERS_EN if w.language == "en" else _ENDERS) | PREP
    previous_word = pending_end = False
    sentence = end_at = 0
    openers = _OPENERS[w.language]
    relative_second = _RELATIVE["de"] if w.language == "de" else frozenset()  # "…, in dem …"
    junctions_before = 0
    for i, raw in enumerate(all_bits):
        if raw & PUNCT:
            text = texts[i]
            if text in breaks:
                if clause.verb_last:
                    _close_clause(w, i, clause, scan)
                main_finite = main_finite or (clause.finite and not clause.subordinate)
                clause = _Clause(i + 1)
            elif text in _ENDS and previous_word and not _abbreviation(texts[i - 1]):
                pending_end, end_at = True, i + 1
            # A closing quotation mark right after a word keeps the word in view: "… “irreversible” It …".
            previous_word = previous_word and text in _CLOSING and i + 1 < len(texts) and texts[i + 1][0].isupper()
            continue
        if pending_end:
            pending_end = False
            if raw & (CAPITAL | NUM):  # "Soldaten.“ wurden" goes on: no new sentence
                if clause.verb_last:  # the only clause _close_clause looks at (here and below: no call)
                    _close_clause(w, i, clause, scan)
                finite = main_finite or clause.finite or len(scan.junctions) > junctions_before
                scan.sentences.append((sentence, end_at, finite))
                sentence, junctions_before = i, len(scan.junctions)
                clause, main_finite = _Clause(i), False
        if previous_word and (raw & CAPITAL or clause.verb_last):
            left = i - 1 if not all_bits[i - 1] & PUNCT else i - 2
            # A cheap first look, can a boundary lie here at all: a lower-case word only after the
            # verb of a verb-last clause (the test above), a capitalised function word may start a
            # clause, any other capitalised word only with a finite verb soon after it.
            if all_bits[left] & enders and (not raw & CAPITAL or not raw & _NON_STARTER or _finite_soon(all_bits, i)):
                junction = _junction(w, left, i, clause, main_finite)
                if junction is not None:
                    scan.junctions.append(junction)
                    if clause.verb_last:
                        _close_clause(w, i, clause, scan)
                    clause, main_finite = _Clause(i), False
        # Only a word that can change the clause state is read (the tests _read_word makes, without a call).
        position = i - clause.start
        if (
            (raw & FIN and not raw & _NOT_FINITE)
            or (position == 0 and (raw & SUBORD or texts[i].lower() in openers))
            or (position == 1 and texts[i] in relative_second)
        ):
            _read_word(w, i, clause)
        previous_word = True
    _close_clause(w, len(texts), clause, scan)
    finite = main_finite or clause.finite or len(scan.junctions) > junctions_before
    scan.sentences.append((sentence, len(texts), finite))
    return scan


@lru_cache(maxsize=4096)  # asked for the word before every end mark: the same few words recur
def _abbreviation(word: str) -> bool:
    """Whether a period after ``word`` ends an abbreviation, an initial or an ordinal, not a sentence."""
    if len(word) > _LONGEST_ABBREVIATION:
        return False
    ordinal = word.isdigit() and len(word) <= 2  # "am 13. Juni", "in der 30. Minute" (a year ends a sentence)
    return (len(word) == 1 and word.isalpha()) or ordinal or word.lower().replace(".", "") in ABBREVIATIONS


_LONGEST_ABBREVIATION = max(len(a) for a in ABBREVIATIONS) + 3  # "z.B" is "zb" with its dots


def _finite_soon(bits: list[int], i: int) -> bool:
    """Whether a finite verb is among the four tokens after token ``i``."""
    if i + 4 < len(bits):  # written out: a reduce over a slice costs three times as much
        return bool((bits[i + 1] | bits[i + 2] | bits[i + 3] | bits[i + 4]) & FIN)
    return bool(reduce(or_, bits[i + 1 : i + 5], 0) & FIN)


def _read_word(w: Words, i: int, clause: _Clause) -> None:
    """Update the clause state with the word ``w.texts[i]``."""
    word = w.texts[i]
    bits = w.bits[i] & ALL
    language = w.language
    position = i - clause.start  # the word's place in its clause segment
    if position == 0:
        lowered = word.lower()
        relative = lowered in _RELATIVE[language] and i > 0 and w.texts[i - 1] == "," and not _article(w, i)
        # "Als", "Bis", "Seit" are prepositions too: "Als Hauptgründe nannte die NBU …" is a main clause.
        if relative or (bits & SUBORD and not bits & (FIN | NOUN | NAME | DET | PRON | PREP)):
            clause.subordinate, clause.opener = True, i
            clause.verb_last = language == "de" and (lowered in _VERB_LAST or relative)
        clause.attribution = lowered in _ATTRIBUTION[language]
    elif position == 1 and language == "de" and word in _RELATIVE["de"] and _after_comma_preposition(w, i):
        clause.subordinate, clause.opener, clause.verb_last = True, i, True  # "…, in dem …", "…, mit der …"
    if bits & FIN and not bits & (NOUN | DET | PREP | PRON) and not word[:1].isupper():
        attributive = bits & ADJ and i + 1 < len(w.texts) and w.texts[i + 1][:1].isupper()  # "zerstörte Heimatstadt"
        if not attributive:
            clause.finite = True
            if clause.subordinate and clause.verb_at < 0:
                clause.verb_at = i


def _article(w: Words, i: int) -> bool:
    """Whether ``w.texts[i]`` ("die", "der") is an article: a noun or adjective follows at once."""
    if i + 1 >= len(w.texts) or not w.bits[i] & DET:
        return False
    bits = w.bits[i + 1] & ALL
    return (w.texts[i + 1][:1].isupper() and bool(bits & (NOUN | NAME | UNKNOWN))) or bits == ADJ


def _after_comma_preposition(w: Words, i: int) -> bool:
    return i > 1 and w.texts[i - 2] == "," and bool(w.bits[i - 1] & PREP)


def _complete(w: Words, i: int, clause: _Clause, main_finite: bool, *, listing: bool = False) -> bool:
    """Whether the words of the clause before token ``i`` make a complete clause.

    With ``listing``, a segment after a comma that continues a main clause with its verb
    counts too ("Zu den Aufgaben gehören Messungen, Beobachtungen und die Erforschung …").
    A finite verb the lexicon does not list is looked for by HanTa's analysis, only here.
    """
    if clause.finite or (main_finite and clause.attribution and i - clause.start >= 2):
        return True
    if listing and main_finite and not clause.subordinate:
        return True
    # A main clause has its finite verb after its first phrase: the first six words are looked
    # at, each once, however many boundaries are weighed in the clause (linear on any input).
    for j in range(max(clause.start, clause.scanned), min(i, clause.start + _VERB_WINDOW)):
        if w.bits[j] & ALL == UNKNOWN and not w.texts[j][:1].isupper():
            bits = analysed(w.texts[j], w.language)
            if best(bits) == FIN and not bits & ALL & (ADJ | NOUN):
                clause.finite = True
                return True
    clause.scanned = max(clause.scanned, i)
    return False


def _make(w: Words, left: int, right: int, evidence: str, certain: bool) -> Junction:
    start, boundary = w.span(left)
    return Junction(start, boundary, w.span(right)[1], w.texts[left], w.texts[right], evidence, certain)


def _junction(w: Words, left: int, i: int, clause: _Clause, main_finite: bool) -> Junction | None:
    """A lost boundary between tokens ``left`` and ``i`` (or a little later, where the new clause's subject starts)."""
    texts, english = w.texts, w.language == "en"
    left_bits = w.bits[left] & ALL
    enders = _ENDERS_EN if english else _ENDERS
    if (len(texts[left]) == 1 and texts[left].isupper()) or (left_bits & DET and texts[left][:1].isupper()):
        return None  # an initial, or a capitalised article ("Ein Analyst …")
    if not left_bits & enders:
        # A preposition may be a separable particle ending the clause ("teilte … mit"): only
        # before a function word that starts a clause with its verb.
        if not left_bits & PREP or not texts[i][:1].isupper() or not _starter(w, i) or not clause.finite:
            return None
        junction = _starter_junction(w, left, i, clause, main_finite)
        return junction if junction is not None and junction.certain else None
    capital = texts[i][:1].isupper()
    if clause.subordinate and w.language == "de":
        if not capital:
            if _verb_closes(w, i, clause):
                return _make(w, left, i, f"a new phrase after '{texts[left]}', the verb that ends the clause", False)
            return None
        # Complete once its verb came last: "…, weil sie … verweigert hatte IOC-Präsident …".
        if clause.verb_at < 0 or not left_bits & _VERB or texts[left][:1].isupper():
            return None
    if not capital:
        return None
    if _starter(w, i):
        return _starter_junction(w, left, i, clause, main_finite)
    right_bits = w.bits[i] & ALL
    if not right_bits & (NOUN | NAME | UNKNOWN) or right_bits & (_VERB | OTHER):
        return None
    verb = _verb_second_follows(w, i)
    if verb < 0:
        return None
    # Where the new subject starts: at once after a verb, particle or adverb that ends a clause
    # ("… nicht an Kremlsprecher Dmitri Peskow nannte …"), and always in English.
    strong_end = left_bits & (_VERB | PARTICLE | ADV) and not left_bits & (NOUN | NAME)
    start = i if english or strong_end else _subject_start(w, i, verb)
    before = left if start == i else start - 1
    left_bits = w.bits[before] & ALL
    listing = not english and start - clause.start >= 2 and _noun_phrase_segment(w, clause)
    if not left_bits & enders or not _complete(w, start, clause, main_finite, listing=listing):
        return None
    if not english and not texts[before][:1].isupper():
        if left_bits == UNKNOWN:
            left_bits = analysed(texts[before], "de") & ALL
        if left_bits & (DET | ADJ):
            return None  # "viele Granaten würden", "auf ukrainischem Boden sei": the word belongs to the subject
    if left_bits & SUBORD or (english and left_bits & _VERB and "-" not in texts[before]):
        return None  # "said Moscow would respond", "warn that Ukraine could": a complement clause
    if english and texts[before][:1].isupper() and not (texts[before].isupper() and best(w.bits[i]) == NOUN):
        return None  # "North Korea", "the United States": English names run over capitalised words
    if english and any(texts[j][:1].isupper() and texts[j - 1][:1].islower() for j in range(start + 1, verb)):
        return None  # "twelve Ukrainian films Organisers said": the new subject starts later
    return _make(w, before, start, f"a second clause '{texts[start]} … {texts[verb]}' without a boundary", False)


def _noun_phrase_segment(w: Words, clause: _Clause) -> bool:
    """Whether a clause segment after a comma starts with a noun phrase, as items of a list do.

    Not with a preposition or adverb: "Er sagte, vor allem Nordkorea habe …" is reported speech.
    """
    if clause.start == 0 or clause.start >= len(w.texts) or w.texts[clause.start - 1] != ",":
        return False
    bits = w.bits[clause.start] & ALL
    return bool(bits & (NOUN | NAME | UNKNOWN | DET | PRON | ADJ | NUM)) and not bits & (PREP | ADV | SUBORD | CONJ)


def _starter_junction(w: Words, left: int, i: int, clause: _Clause, main_finite: bool) -> Junction | None:
    texts, language = w.texts, w.language
    bits = w.bits[i] & ALL
    has_follower = i + 1 < len(w.texts)
    pronoun = bool(bits & PRON) and not bits & DET
    if texts[i] in _FORMAL and language == "de":
        if w.bits[left] & (_VERB | SUBORD | PREP | CONJ) or not has_follower:
            return None
        if not _is_finite(w, i + 1, after_pronoun=True):
            return None
    if not _complete(w, i, clause, main_finite, listing=True):
        return None
    verb = _verb_second_follows(w, i)
    if verb < 0 and has_follower and _is_finite(w, i + 1, after_pronoun=pronoun):
        verb = i + 1
    name = bits & DET and has_follower and texts[i + 1][:1].isupper() and language == "en"
    if name and (verb < 0 or w.bits[left] & (_VERB | PREP)):
        return None  # "The Hague", "told The Guardian": a name, unless its verb follows after an ender
    evidence = f"'{texts[i]}' starts a clause"
    if verb >= 0:
        evidence += f" with its verb '{texts[verb]}'"
    return _make(w, left, i, evidence, verb >= 0)


def _subject_start(w: Words, first: int, verb: int) -> int:
    """Where the subject before token ``verb`` starts, at ``first`` or later.

    "… Stadtteil Kyjiwskyj Feuerwehrleute kämpften": the subject is "Feuerwehrleute";
    a name of two words keeps together ("Thomas Bach"), and so does a title before it
    ("IOC-Präsident Thomas Bach"), a capitalised determiner or adjective before its noun
    ("Beide Behörden", "Wichtigste Abnehmer") and a genitive name ("Breslaus Innenstadt").
    """
    def capital_name(j: int) -> bool:
        return w.texts[j][:1].isupper() and bool(w.bits[j] & (NAME | UNKNOWN))

    def first_name(j: int) -> bool:  # a listed name ("Thomas", "Dmitri"), not an unlisted noun
        return w.texts[j][:1].isupper() and best(w.bits[j]) == NAME

    u = verb - 1
    if capital_name(u):
        names = 1
        while u - 1 >= first and first_name(u - 1) and names < 3:
            u, names = u - 1, names + 1
        if names >= 2 and u - 1 >= first and w.bits[u - 1] & NOUN and w.texts[u - 1][:1].isupper():
            u -= 1  # a title before a person's name
    elif u - 1 >= first:
        bits = w.bits[u - 1] & ALL
        capital = w.texts[u - 1][:1].isupper()
        determiner = capital and ((bits & (DET | ADJ) and not bits & (NOUN | NAME)) or bits & NUM)
        genitive = w.language == "de" and capital_name(u - 1) and w.texts[u - 1].endswith("s")
        if determiner or genitive:
            u -= 1
    return u


def _verb_closes(w: Words, i: int, clause: _Clause) -> bool:
    """Whether token ``i - 1`` is the verb ending a long verb-last clause and token ``i`` opens a noun phrase."""
    bits = w.bits[i] & ALL
    if not clause.verb_last or not bits or bits & ~(ADJ | DET) or i - clause.opener <= 5:
        return False
    left = w.texts[i - 1]
    if left[:1].isupper():
        return False
    verb = analysed(left, "de") if w.bits[i - 1] & ALL == UNKNOWN else w.bits[i - 1]
    return bool(best(verb) & _VERB) and not verb & ALL & (ADJ | NOUN | DET)


def _close_clause(w: Words, end: int, clause: _Clause, scan: SentenceScan) -> None:
    """At the end of a clause segment: a verb-last clause whose finite verb came early is a word-order finding.

    Either the finite verb follows the subject at once with more words after it ("dass
    Nordkorea schickte dreitausend seiner Truppen"), or a participle or infinitive closes the
    clause after it ("dass die Anlage wurde zum dritten Mal … getroffen").
    """
    if w.language != "de" or not clause.verb_last or clause.verb_at < 0:
        return
    after = [j for j in range(clause.verb_at + 1, end) if w.is_word(j)]
    if len(after) < 2:
        return
    verbs = [j for j in after if w.bits[j] & _VERB and not w.bits[j] & CAPITAL]
    if verbs == [after[-1]] and _only_nonfinite(w, after[-1]):
        scan.word_order.append(WordOrder(w.span(clause.verb_at)[0], w.span(after[-1])[1], w.texts[clause.verb_at]))
        return
    if clause.verb_at - clause.opener - 1 > 3 or verbs:
        return
    if w.bits[after[0]] & (PREP | CONJ | SUBORD):
        return  # an extraposed phrase ("…, dass die Zahl gestiegen sei im Vergleich …")
    scan.word_order.append(WordOrder(w.span(clause.opener)[0], w.span(after[-1])[1], w.texts[clause.verb_at]))


def _only_nonfinite(w: Words, j: int) -> bool:
    """A participle or infinitive and nothing else: "getroffen", not "gehören" (also finite) or "neue"."""
    bits = w.bits[j] & ALL
    return bool(bits & NONFIN) and not bits & (FIN | ADJ | NOUN | DET | PREP)
