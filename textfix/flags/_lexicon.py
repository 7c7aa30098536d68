"""Word classes of German and English word forms, from the HanTa tagger's lexicons.

Why HanTa (the Hanover Tagger, LGPL-3.0-or-later, pure Python, 14 MB wheel with its
models inside, nothing downloaded at run time): the evidence for a lost sentence boundary
is the *class* of the words around it — a capitalised adverb, pronoun or article that can
only start a clause, a finite verb in second position — and HanTa's models carry, for
about 23,000 German word forms (trained on TIGER newspaper text) and 29,000 English ones
(BNC), the parts of speech each form takes and how likely each is. wordfreq knows how
*often* a word occurs but folds case and has no word classes; SoMaJo tokenises and splits
sentences only where punctuation marks them (and is GPL-3.0). Running HanTa's full tagger
on every sentence would cost 30 times the whole pipeline, so textfix reads only its
precomputed lexicon (``tag_word`` on a listed form, about a microsecond) and never runs
its morphological analysis of unlisted words: an unlisted word is :data:`UNKNOWN`.

>>> classes("Zweitens", "de") & ALL == ADV
True
>>> bool(classes("erhalte", "de") & FIN), bool(classes("sehen", "de") & NONFIN)
(True, True)
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Any

from textfix.datacache import Lookup, Memo, cached_lookup, file_key, package_folder

__all__ = [
    "ADJ",
    "ADV",
    "ALL",
    "BEST_SHIFT",
    "CONJ",
    "DET",
    "FIN",
    "NAME",
    "NONFIN",
    "NOUN",
    "NUM",
    "OTHER",
    "PARTICLE",
    "PREP",
    "PRON",
    "SUBORD",
    "UNKNOWN",
    "analysed",
    "best",
    "classes",
]

# Coarse word classes as bits, so that a word's possible classes are one int.
NOUN = 1 << 0
NAME = 1 << 1
ADJ = 1 << 2  # attributive adjective (German ADJA, English AJ0)
ADV = 1 << 3  # adverbs, pronominal adverbs, predicative adjectives, negation
PRON = 1 << 4  # personal, reflexive, indefinite and demonstrative pronouns standing alone
DET = 1 << 5  # articles and determiners before a noun
PREP = 1 << 6
SUBORD = 1 << 7  # subordinating conjunctions, relative and interrogative pronouns
CONJ = 1 << 8  # coordinating conjunctions, "als"/"wie" of comparison
FIN = 1 << 9  # finite verb
NONFIN = 1 << 10  # infinitive, participle, imperative, gerund
PARTICLE = 1 << 11  # separable verb particle (German "an", "ab", "mit" at the end of a clause)
NUM = 1 << 12
OTHER = 1 << 13
UNKNOWN = 1 << 14  # not in the lexicon
#: Every class bit (a word's :func:`classes` also carry its best class above these).
ALL = (1 << 15) - 1

_GERMAN = {
    "NN": NOUN, "NNA": NOUN, "NNI": NOUN, "NE": NAME, "FM": OTHER,
    "ADJ(A)": ADJ, "ADJ(D)": ADV,
    "VV(FIN)": FIN, "VA(FIN)": FIN, "VM(FIN)": FIN,
    "VV(INF)": NONFIN, "VA(INF)": NONFIN, "VM(INF)": NONFIN, "VV(PP)": NONFIN, "VA(PP)": NONFIN,
    "VM(PP)": NONFIN, "VV(IZU)": NONFIN, "VV(IMP)": NONFIN, "VA(IMP)": NONFIN,
    "ADV": ADV, "PROAV": ADV, "PTKNEG": ADV, "PTKA": ADV, "PTKANT": ADV,
    "PPER": PRON, "PRF": PRON, "PPOSS": PRON, "PIS": PRON, "PDS": PRON,
    "ART": DET, "PDAT": DET, "PIAT": DET, "PPOSAT": DET, "PWAT": DET | SUBORD, "PRELAT": DET | SUBORD,
    "APPR": PREP, "APPO": PREP, "APZR": PREP, "APPRART": PREP,
    "KOUS": SUBORD, "KOUI": SUBORD, "PRELS": SUBORD, "PWS": SUBORD, "PWAV": SUBORD | ADV,
    "KON": CONJ, "KOKOM": CONJ,
    "PTKVZ": PARTICLE, "PTKZU": OTHER, "CARD": NUM, "TRUNC": OTHER, "XY": OTHER, "ITJ": OTHER,
}
_ENGLISH = {
    "NN0": NOUN, "NN1": NOUN, "NN2": NOUN, "NP0": NAME,
    "AJ0": ADJ, "AJC": ADJ, "AJS": ADJ,
    "VVD": FIN, "VVZ": FIN, "VBD": FIN, "VBZ": FIN, "VHD": FIN, "VHZ": FIN, "VDD": FIN, "VDZ": FIN,
    "VM0": FIN, "VBB": FIN, "VHB": FIN | NONFIN, "VDB": FIN | NONFIN, "VVB": FIN | NONFIN,
    "VVI": NONFIN, "VVN": NONFIN, "VVG": NONFIN, "VBI": NONFIN, "VBN": NONFIN, "VBG": NONFIN,
    "VHI": NONFIN, "VHN": NONFIN, "VHG": NONFIN, "VDI": NONFIN, "VDN": NONFIN, "VDG": NONFIN,
    "AV0": ADV, "AVQ": ADV | SUBORD, "AVP": ADV | PARTICLE, "XX0": ADV,
    "PNP": PRON, "PNX": PRON, "PNI": PRON, "EX0": PRON, "PNQ": PRON | SUBORD,
    "AT0": DET, "DT0": DET, "DPS": DET, "DTQ": DET | SUBORD,
    "PRP": PREP, "PRF": PREP,
    "CJS": SUBORD, "CJT": SUBORD, "CJC": CONJ,
    "CRD": NUM, "ORD": ADJ, "TO0": OTHER, "UNC": OTHER, "ITJ": OTHER, "ZZ0": OTHER, "POS": OTHER,
}
_MODELS = {"de": ("morphmodel_ger.pgz", _GERMAN), "en": ("morphmodel_en.pgz", _ENGLISH)}
#: A class counts for a word when its log probability is within this of the word's best class.
MARGIN = 2.5
_LOCK = threading.Lock()


_TAGGERS: dict[str, Any] = {}


def _tagger(language: str) -> Any:
    """HanTa's tagger for ``language``, loaded once per process (0.1–0.4 s, about 40 MB of memory)."""
    tagger = _TAGGERS.get(language)
    if tagger is None:
        with _LOCK:  # two threads flagging at once load it once
            tagger = _TAGGERS.get(language)
            if tagger is None:
                from HanTa import HanoverTagger

                tagger = _TAGGERS[language] = HanoverTagger.HanoverTagger(_MODELS[language][0])
    return tagger


#: Per language: word form → its classes, plus the best class shifted by :data:`BEST_SHIFT`.
_TABLES: dict[str, dict[str, int]] = {language: {} for language in _MODELS}
BEST_SHIFT = 16


def classes(word: str, language: str) -> int:
    """The classes ``word`` can take in ``language``, as bits; :data:`UNKNOWN` if unlisted.

    The bits above :data:`BEST_SHIFT` hold the single most likely class (see :func:`best`).
    """
    known = _TABLES[language]
    found = known.get(word)
    if found is None:
        found = _look_up(word, language)
        known[word] = found
    return found


def best(bits: int) -> int:
    """The most likely class of a word whose :func:`classes` are ``bits``.

    >>> best(classes("sagte", "de")) == FIN
    True
    """
    return (bits >> BEST_SHIFT) & ALL


_UNLISTED = UNKNOWN | UNKNOWN << BEST_SHIFT


def _look_up(word: str, language: str) -> int:
    # A capitalised word is asked what it is whatever its case (a German noun, or any word
    # starting a sentence); a lower-case one as written (German nouns are never lower case).
    pair = _table(language).get(word.lower())
    if pair is None:
        return _UNLISTED
    return pair[1] if word[:1].islower() else pair[0]


@cache
def _table(language: str) -> Lookup[tuple[int, int]] | dict[str, tuple[int, int]]:
    """Every form HanTa lists → (its classes asked capitalised, asked in lower case).

    Asked word by word from textfix's cache (:func:`textfix.datacache.cached_lookup`) once
    built: unpickling HanTa's tagger, or reading its 23,000 forms whole, costs a one-file
    run more than flagging the file. Keyed by the model file and by the class mapping and
    margin the bits come from.
    """
    return cached_lookup(f"hanta-{language}", _table_key(language), lambda: _build_table(language))


def _table_key(language: str) -> str:
    model, mapping = _MODELS[language]
    folder = package_folder("HanTa")
    listed = file_key(folder / model) if folder is not None else "HanTa not found"
    return f"{listed}:{MARGIN}:{sorted(mapping.items())}"


def _build_table(language: str) -> dict[str, tuple[int, int]]:
    tagger = _tagger(language)
    table = {}
    # HanTa lists its precomputed forms in ``cache`` (lower case); analysing an unlisted
    # one costs ~100 µs, so unlisted forms are UNKNOWN here (see :func:`analysed`).
    # ``tag_word`` lower-cases what it is given, so a lower-case first letter is all that
    # decides between the two answers.
    for form in tagger.cache:
        if form == form.lower():
            table[form] = tuple(
                _bits(tags, language) if (tags := tagger.tag_word(form, casesensitive=cs)) else _UNLISTED
                for cs in (False, True)
            )
    return table  # type: ignore[return-value]


@lru_cache(maxsize=1 << 16)
def analysed(word: str, language: str) -> int:
    """Like :func:`classes`, but an unlisted word is analysed by HanTa (about 0.5 ms: use sparingly).

    >>> best(analysed("verkehren", "de")) == NONFIN
    True
    """
    bits = classes(word, language)
    if bits & ALL != UNKNOWN:
        return bits
    memo = _analyses(language)
    found = memo.get(word)
    if found is None:
        tags = _tagger(language).tag_word(word)  # case counts here: lower case makes a verb likelier
        found = _bits(tags, language) if tags else bits
        memo.put(word, found)
    return found


@cache
def _analyses(language: str) -> Memo:
    """HanTa's analyses of unlisted words, kept across runs: loading the tagger for one costs 0.2 s."""
    return Memo(f"hanta-analysed-{language}", _table_key(language))


def _bits(tags: list[tuple[str, float]], language: str) -> int:
    top = float(tags[0][1])
    mapping = _MODELS[language][1]
    bits = 0
    for tag, logp in tags:
        if float(logp) >= top - MARGIN:
            bits |= mapping.get(tag, OTHER)
    return bits | mapping.get(tags[0][0], OTHER) << BEST_SHIFT
