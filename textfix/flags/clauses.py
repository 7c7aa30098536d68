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
>>> [(text[j.left.start:j.right.end], j.certain) for j in scan_sentence(text, 0, len(text), "de").junctions]
[('Kriminalkrieg Zweitens', True)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
from ._tokens import Token, tokenize

__all__ = ["Junction", "SentenceScan", "WordOrder", "scan_sentence"]

#: Punctuation that ends a clause segment (a new segment may open a subordinate clause).
_SEGMENT_BREAKS = frozenset(",;:–—-()[]„“”»«\"‚‘›‹/")
#: Classes of a word that can only start a clause when capitalised mid-sentence.
_STARTERS = ADV | PRON | DET | PREP | SUBORD | CONJ
#: Classes of a word that can end a clause (the word before a lost boundary).
_ENDERS = NOUN | NAME | ADV | PRON | FIN | NONFIN | PARTICLE | NUM | UNKNOWN
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
#: Attributions that follow a quote as a clause segment without a verb ("…, so Rutte").
_ATTRIBUTION = {"de": frozenset({"so", "laut", "zufolge"}), "en": frozenset({"according"})}


@dataclass(frozen=True, slots=True)
class Junction:
    """A lost sentence boundary between two words."""

    left: Token
    right: Token
    #: What the scan saw, for the reviewer.
    evidence: str
    #: Whether the boundary is certain enough to mend (a period after ``left``).
    certain: bool


@dataclass(frozen=True, slots=True)
class WordOrder:
    """A German subordinate clause whose finite verb does not come last."""

    start: int
    end: int
    verb: str


@dataclass
class SentenceScan:
    junctions: list[Junction] = field(default_factory=list)
    word_order: list[WordOrder] = field(default_factory=list)


@dataclass
class _Clause:
    """The state of the clause segment being read."""

    #: Index of the clause's first token.
    start: int = 0
    words: int = 0
    finite: bool = False
    subordinate: bool = False
    #: Index of the subordinator that opened the clause, and whether it keeps the verb last.
    opener: int = -1
    verb_last: bool = False
    #: Index of the subordinate clause's finite verb once seen.
    verb_at: int = -1
    attribution: bool = False


def _lower(token: Token) -> bool:
    return not token.text[:1].isupper()


def _is_finite(token: Token, language: str, *, after_pronoun: bool = False) -> bool:
    """An unambiguous finite verb in lower case ("erhalte", "stellte", "said").

    Right after a personal pronoun an adjective cannot stand: "Sie erzielte" is a verb.
    """
    bits = token.classes & ALL
    if after_pronoun:
        bits &= ~ADJ
    if not bits & FIN or not _lower(token) or bits & (NOUN | ADJ | DET | PRON | PREP | UNKNOWN):
        return False
    if language == "en":
        return best(token.classes) == FIN
    return not bits & NONFIN


def _verb_second_follows(tokens: list[Token], index: int, language: str) -> Token | None:
    """The finite verb that follows the noun phrase starting at ``index``, if it comes within four words."""
    for j in range(index + 1, min(index + 5, len(tokens))):
        token = tokens[j]
        if not token.is_word:
            return None
        if _is_finite(token, language):
            return token
        bits = token.classes & ALL
        if not bits & _NOUN_PHRASE or bits & _VERB:
            return None
        if _lower(token) and bits & (NOUN | NAME | UNKNOWN) and language == "de":
            return None  # a lower-case unknown word is no part of a German noun phrase's head
    return None


def _starter(token: Token, language: str) -> bool:
    """A capitalised word that can only be a function word starting a clause ("Zweitens", "Er", "The")."""
    if not token.text[:1].isupper() or token.text.isupper() or "-" in token.text:
        return False  # "EU-weit", "NATO": a compound or an acronym, not a function word
    bits = token.classes & ALL
    return bool(bits) and not bits & ~_STARTERS and not (language == "en" and token.text == "I")


def scan_sentence(text: str, start: int, end: int, language: str) -> SentenceScan:
    """Lost boundaries and misplaced finite verbs in the sentence ``text[start:end]``."""
    tokens = tokenize(text, start, end, language)
    scan = SentenceScan()
    clause = _Clause()
    main_finite = False
    for i, token in enumerate(tokens):
        if not token.is_word:
            if token.text in _SEGMENT_BREAKS:
                _close_clause(tokens, i, clause, scan, language)
                main_finite = main_finite or (clause.finite and not clause.subordinate)
                clause = _Clause(start=i + 1)
            continue
        previous = tokens[i - 1] if i else None
        if previous is not None and previous.is_word:
            junction = _junction(tokens, i, clause, main_finite, language)
            if junction is not None:
                scan.junctions.append(junction)
                _close_clause(tokens, i, clause, scan, language)
                clause, main_finite = _Clause(start=i), False
        _read_word(tokens, i, clause, language)
    _close_clause(tokens, len(tokens), clause, scan, language)
    return scan


def _read_word(tokens: list[Token], i: int, clause: _Clause, language: str) -> None:
    """Update the clause state with the word ``tokens[i]``."""
    token = tokens[i]
    bits = token.classes & ALL
    lowered = token.text.lower()
    after_comma = i > 0 and tokens[i - 1].text == ","
    if clause.words == 0:
        relative = lowered in _RELATIVE[language] and after_comma and not _article(tokens, i)
        # "Als", "Bis", "Seit" are prepositions too: "Als Hauptgründe nannte die NBU …" is a main clause.
        if relative or (bits & SUBORD and not bits & (FIN | NOUN | NAME | DET | PRON | PREP)):
            clause.subordinate, clause.opener = True, i
            clause.verb_last = language == "de" and (lowered in _VERB_LAST or relative)
        clause.attribution = lowered in _ATTRIBUTION[language]
    elif clause.words == 1 and language == "de" and lowered in _RELATIVE["de"] and _after_comma_preposition(tokens, i):
        clause.subordinate, clause.opener, clause.verb_last = True, i, True  # "…, in dem …", "…, mit der …"
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    attributive = bits & ADJ and following is not None and following.text[:1].isupper()  # "zerstörte Heimatstadt"
    if _lower(token) and bits & FIN and not bits & (NOUN | DET | PREP | PRON) and not attributive:
        clause.finite = True
        if clause.subordinate and clause.verb_at < 0:
            clause.verb_at = i
    clause.words += 1


def _article(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i]`` ("die", "der") is an article: a noun or adjective follows at once."""
    if i + 1 >= len(tokens) or not tokens[i].classes & ALL & DET:
        return False
    following = tokens[i + 1]
    bits = following.classes & ALL
    return (following.text[:1].isupper() and bool(bits & (NOUN | NAME | UNKNOWN))) or bits == ADJ


def _complete(
    tokens: list[Token], i: int, clause: _Clause, main_finite: bool, language: str, *, listing: bool = False
) -> bool:
    """Whether the words of the clause before ``tokens[i]`` make a complete clause.

    With ``listing``, a segment after a comma that continues a main clause with its verb
    counts too ("Zu den Aufgaben gehören Messungen, Beobachtungen und die Erforschung …").
    A finite verb the lexicon does not list is looked for by HanTa's analysis, only here.
    """
    if clause.finite or (main_finite and clause.attribution and clause.words >= 2):
        return True
    if listing and main_finite and not clause.subordinate:
        return True
    for token in tokens[clause.start : i]:
        if token.is_word and token.classes & ALL == UNKNOWN and _lower(token):
            bits = analysed(token.text, language)
            if best(bits) == FIN and not bits & ALL & (ADJ | NOUN):
                return True
    return False


def _junction(tokens: list[Token], i: int, clause: _Clause, main_finite: bool, language: str) -> Junction | None:
    """A lost boundary before ``tokens[i]`` (or a little later, where the new clause's subject starts)."""
    left, right = tokens[i - 1], tokens[i]
    left_bits = left.classes & ALL
    if not left_bits & _ENDERS or (left.text.isupper() and len(left.text) == 1):
        return None
    if clause.subordinate and language == "de":
        if _lower(right):
            if _verb_closes(left, right, clause, i) and (clause.verb_at >= 0 or clause.verb_at < 0):
                return Junction(left, right, f"a new phrase after '{left.text}', the verb that ends the clause", False)
            return None
        # Complete once its verb came last: "…, weil sie … verweigert hatte IOC-Präsident …".
        if clause.verb_at < 0 or not left_bits & _VERB or not _lower(left):
            return None
    if not right.text[:1].isupper():
        return None
    if _starter(right, language):
        return _starter_junction(tokens, i, clause, main_finite, language)
    right_bits = right.classes & ALL
    if not right_bits & (NOUN | NAME | UNKNOWN) or right_bits & (_VERB | OTHER):
        return None
    verb = _verb_second_follows(tokens, i, language)
    if verb is None:
        return None
    start = _subject_start(tokens, i, tokens.index(verb), language)
    left, right = tokens[start - 1], tokens[start]
    if not left.classes & ALL & _ENDERS or not _complete(tokens, start, clause, main_finite, language):
        return None
    if left.classes & ALL & (_VERB | SUBORD):
        return None  # "said Moscow would respond", "warn that Ukraine could": a complement clause
    if language == "en" and not _lower(left):
        return None  # "North Korea", "Young Boys": English names run over several capitalised words
    return Junction(left, right, f"a second clause '{right.text} … {verb.text}' without a boundary", False)


def _after_comma_preposition(tokens: list[Token], i: int) -> bool:
    return i > 1 and tokens[i - 2].text == "," and bool(tokens[i - 1].classes & ALL & PREP)


def _starter_junction(
    tokens: list[Token], i: int, clause: _Clause, main_finite: bool, language: str
) -> Junction | None:
    left, right = tokens[i - 1], tokens[i]
    follower = tokens[i + 1] if i + 1 < len(tokens) else None
    pronoun = bool(right.classes & ALL & PRON) and not right.classes & ALL & DET
    if right.text in _FORMAL and language == "de":
        if left.classes & ALL & (_VERB | SUBORD | PREP | CONJ) or follower is None:
            return None
        if not _is_finite(follower, language, after_pronoun=True):
            return None
    if right.classes & ALL & DET and follower is not None and follower.text[:1].isupper() and language == "en":
        return None  # "The Hague", "The Guardian": an English name, not a new sentence
    if not _complete(tokens, i, clause, main_finite, language, listing=True):
        return None
    verb = _verb_second_follows(tokens, i, language) or (
        follower if follower is not None and _is_finite(follower, language, after_pronoun=pronoun) else None
    )
    evidence = f"'{right.text}' starts a clause"
    if verb is not None:
        evidence += f" with its verb '{verb.text}'"
    return Junction(left, right, evidence, verb is not None)


def _subject_start(tokens: list[Token], first: int, verb: int, language: str) -> int:
    """Where the subject before ``tokens[verb]`` starts, at ``first`` or later.

    "… Stadtteil Kyjiwskyj Feuerwehrleute kämpften": the subject is "Feuerwehrleute";
    a name of two words keeps together ("Thomas Bach"), and so does a title before it
    ("IOC-Präsident Thomas Bach"), a capitalised determiner or adjective before its noun
    ("Beide Behörden", "Wichtigste Abnehmer") and a genitive name ("Breslaus Innenstadt").
    """
    def capital_name(token: Token) -> bool:
        return token.text[:1].isupper() and bool(token.classes & ALL & (NAME | UNKNOWN))

    def first_name(token: Token) -> bool:  # a listed name ("Thomas", "Dmitri"), not an unlisted noun
        return token.text[:1].isupper() and best(token.classes) == NAME

    u = verb - 1
    if capital_name(tokens[u]):
        names = 1
        while u - 1 >= first and first_name(tokens[u - 1]) and names < 3:
            u, names = u - 1, names + 1
        if names >= 2 and u - 1 >= first and tokens[u - 1].classes & ALL & NOUN and tokens[u - 1].text[:1].isupper():
            u -= 1  # a title before a person's name
    elif u - 1 >= first:
        before = tokens[u - 1]
        bits = before.classes & ALL
        determiner = before.text[:1].isupper() and ((bits & (DET | ADJ) and not bits & (NOUN | NAME)) or bits & NUM)
        genitive = language == "de" and capital_name(before) and before.text.endswith("s")
        if determiner or genitive:
            u -= 1
    return u


def _verb_closes(left: Token, right: Token, clause: _Clause, i: int) -> bool:
    """Whether ``left`` is the verb ending a long verb-last clause and ``right`` opens a noun phrase."""
    bits = right.classes & ALL
    if not clause.verb_last or not bits or bits & ~(ADJ | DET) or i - clause.opener <= 5 or not _lower(left):
        return False
    verb = analysed(left.text, "de") if left.classes & ALL == UNKNOWN else left.classes
    return bool(best(verb) & _VERB) and not verb & ALL & (ADJ | NOUN | DET)


def _close_clause(tokens: list[Token], end: int, clause: _Clause, scan: SentenceScan, language: str) -> None:
    """At the end of a clause segment: a verb-last clause whose finite verb came early is a word-order finding."""
    if language != "de" or not clause.verb_last or clause.verb_at < 0:
        return
    after = [t for t in tokens[clause.verb_at + 1 : end] if t.is_word]
    before = clause.verb_at - clause.opener - 1
    if before > 3 or len(after) < 2 or any(t.classes & ALL & _VERB and _lower(t) for t in after):
        return
    if after[0].classes & ALL & (PREP | CONJ | SUBORD):
        return  # an extraposed phrase ("…, dass die Zahl gestiegen sei im Vergleich …")
    verb = tokens[clause.verb_at]
    scan.word_order.append(WordOrder(tokens[clause.opener].start, after[-1].end, verb.text))
