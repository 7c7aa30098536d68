"""German noun phrases that lost their article or genitive ending (a ``word-order`` flag).

>>> text = "Die Regierungen begründen sie mit dem Schutz einheimischen Bauern."
>>> [text[f.start:f.end] for f in lost_articles(Words.of(text, 0, len(text), "de"))]
['Schutz einheimischen Bauern']
"""

from __future__ import annotations

import re

from ._lexicon import ADJ, ALL, DET, NOUN, PREP
from ._tokens import CAPITAL, PUNCT, Words
from .clauses import WordOrder

__all__ = ["lost_articles"]

#: Nouns of quantity, after which a dative plural's adjective rightly ends in -en.
_QUANTITIES = frozenset(
    "tausende hunderte dutzende millionen milliarden zehntausende hunderttausende tausenden hunderten dutzenden "
    "millionen paar reihe vielzahl menge zahl anzahl gruppe".split()
)
#: A capitalised word, a lower-case word in -en, a capitalised word: where a lost article may be.
_NOUN_ADJECTIVE_NOUN = re.compile(r"[A-ZÄÖÜ]\w* [a-zäöüß]\w*en [A-ZÄÖÜ]")

def lost_articles(w: Words) -> list[WordOrder]:
    """German noun phrases whose article or genitive got lost: "dem Schutz einheimischen Bauern".

    A noun after its article or preposition, then a lower-case adjective in ``-en``, then a
    noun: correct German has the strong ending (``einheimischer Bauern``) or an article.
    Left alone: a noun of quantity before a dative plural ("mit Millionen ukrainischen
    Flüchtlingen") and a genitive in ``-s`` ("Anfang nächsten Jahres").
    """
    found: list[WordOrder] = []
    if not _NOUN_ADJECTIVE_NOUN.search(w.text, w.start, w.end):
        return found  # the usual case, settled by one search
    texts, bits = w.texts, w.bits
    for j in range(1, len(texts) - 2):
        noun, adjective, head = bits[j], bits[j + 1], bits[j + 2]
        if not (noun & CAPITAL and noun & ALL == NOUN and head & CAPITAL and head & ALL & NOUN):
            continue
        if adjective & (CAPITAL | PUNCT) or adjective & ALL != ADJ or not texts[j + 1].endswith("en"):
            continue
        if not bits[j - 1] & (DET | PREP) or bits[j - 1] & CAPITAL or texts[j].lower() in _QUANTITIES:
            continue
        if texts[j + 2].endswith("s") or head & ALL & ~NOUN:
            continue
        if j >= 2 and bits[j - 1] & PREP and bits[j - 2] & DET and not bits[j - 2] & PREP:
            continue  # "bei einer im Fernsehen übertragenen Sitzung": a phrase inside the noun phrase
        found.append(WordOrder(w.span(j)[0], w.span(j + 2)[1], texts[j + 1]))
    return found
