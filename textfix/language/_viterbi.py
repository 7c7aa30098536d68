"""The likeliest language of each word of a run, switching languages at a cost.

Switching costs less where the text itself marks a new stretch: a sentence end, a
quotation mark, a bracket, an asterisk, a colon or a dash; a comma (a clause start)
costs a little less than no mark at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from ._memo import Memo

__all__ = ["SWITCH_PENALTY", "is_marked", "switch_costs", "viterbi"]

#: What a switch of language costs between two words with nothing between them but a space.
SWITCH_PENALTY = 3.5
_MARKED = SWITCH_PENALTY / 2
_CLAUSE = SWITCH_PENALTY * 0.75
#: What the prior (the document language) is given at each end of a run.
_PRIOR_BONUS = 1.0
_MARK = re.compile(r"[.!?…:;„“”\"«»()\[\]*–—「」『』\n]")


class _Located(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def is_marked(gap: str) -> bool:
    """Whether the text between two words marks a new stretch (not a bare space or comma)."""
    return _MARK.search(gap) is not None


def switch_costs(text: str, tokens: Sequence[_Located]) -> list[float]:
    """What switching language before each token costs.

    >>> t = "Er sagte: „We stand“, und"
    >>> from textfix.language._tokens import tokens
    >>> switch_costs(t, tokens(t, 0, len(t)))
    [3.5, 3.5, 1.75, 3.5, 1.75]
    """
    gaps = [text[previous.end : token.start] for previous, token in pairwise(tokens)]
    return [SWITCH_PENALTY, *map(_GAP_COSTS.__getitem__, gaps)]


def _gap_cost(gap: str) -> float:
    """What a switch costs across ``gap``, the text between two words."""
    if is_marked(gap):
        return _MARKED
    if "," in gap:
        return _CLAUSE
    return SWITCH_PENALTY


# The same few gaps (" ", ", ", ". ", ": „") make up nearly all: a dict hit each.
_GAP_COSTS = Memo(_gap_cost)


def viterbi(
    emissions: Sequence[Sequence[float]], costs: Sequence[float], candidates: Sequence[str], prior: str | None
) -> list[str]:
    """The likeliest language of each token given its ``emissions`` (one value per candidate).

    The ``prior`` (the document language) gets a small bonus at both ends of the run.

    >>> viterbi([(2, -2), (-2.5, 2.5), (-2.5, 2.5), (2, -2)], [3.5] * 4, ("de", "en"), "de")
    ['de', 'en', 'en', 'de']
    """
    key = tuple(candidates)
    # Exact shortcut: a path that leaves the favourite pays at least one switch, or (a path in
    # another language from end to end) the prior's two end bonuses; if all the evidence
    # against the favourite together is worth less, it wins every token. The favourite is
    # the prior, or without one the language with the most evidence.
    if prior in key:
        favourite = key.index(prior)
        cheapest = min(min(costs, default=SWITCH_PENALTY), 2 * _PRIOR_BONUS)
    else:
        totals = [sum(e[j] for e in emissions) for j in range(len(key))]
        favourite = max(range(len(key)), key=totals.__getitem__)
        cheapest = min(costs, default=SWITCH_PENALTY)
    advantage = 0.0
    for e in emissions:
        advantage += max(e) - e[favourite]
        if advantage >= cheapest:
            break
    else:
        return [key[favourite]] * len(emissions)
    if len(key) == 2:
        return _viterbi_of_two(emissions, costs, key, prior)
    n = len(key)
    scores = [_PRIOR_BONUS if c == prior else 0.0 for c in key]
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
    final = [scores[j] + (_PRIOR_BONUS if key[j] == prior else 0.0) for j in range(n)]
    state = max(range(n), key=lambda j: (final[j], key[j] == prior))
    path = [state]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(state)
    return [key[j] for j in reversed(path)]


def _viterbi_of_two(
    emissions: Sequence[Sequence[float]], costs: Sequence[float], key: tuple[str, ...], prior: str | None
) -> list[str]:
    """:func:`viterbi` for two candidates, unrolled (the usual case: de and en; ru and uk)."""
    a = _PRIOR_BONUS if key[0] == prior else 0.0
    b = _PRIOR_BONUS if key[1] == prior else 0.0
    back: list[tuple[bool, bool]] = []  # per token: did state 0 / state 1 come from the other state?
    for (e0, e1), cost in zip(emissions, costs, strict=True):
        from_b = b - cost > a
        from_a = a - cost >= b  # ties as in the general case: the lower state wins
        a, b = (b - cost if from_b else a) + e0, (a - cost if from_a else b) + e1
        back.append((from_b, from_a))
    a += _PRIOR_BONUS if key[0] == prior else 0.0
    b += _PRIOR_BONUS if key[1] == prior else 0.0
    state = 0 if (a, key[0] == prior) >= (b, key[1] == prior) else 1
    path = [state]
    for switched in reversed(back[1:]):
        if switched[state]:
            state = 1 - state
        path.append(state)
    return [key[j] for j in reversed(path)]
