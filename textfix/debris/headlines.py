"""Lines shaped like a headline: the article's own, its subheadings, or other articles' teasers.

Whether a headline-shaped line is this article's or another's is told by where it stands;
:mod:`.features` crosses these shapes with its zones and the model weighs them.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_teaser", "is_title"]

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")  # the words of :func:`.features.tokens`, case kept


# A kicker and a colon before the rest of a headline: "Weight-loss jabs: who can get them?".
_KICKER = re.compile(r"^([^:!?.]{2,60}):\s+\S")
_KICKER_WORDS = 6


def is_teaser(line: str) -> bool:
    """A headline of another article in its usual shape: a kicker, a colon and a question.

    "Heathrow third runway: what happens next?", "Грузия после закона: уезжать ли снова?". After
    the article's prose it overrules the protection of a sentence. (A kicker with a cue word
    alone is not enough: "Weitere Vorstellungen: 8. und 12. September" is the article's.)

    >>> is_teaser("Weight-loss jabs: who can get them on the NHS?"), is_teaser("Sie sagte: Wir bleiben hier.")
    (True, False)
    """
    kicker = _KICKER.match(line)
    if kicker is None or not 1 <= len(_TOKEN.findall(kicker.group(1))) <= _KICKER_WORDS:
        return False
    return line.rstrip().endswith("?")


_TITLE_WORDS = (4, 14)
# What a headline may end with: a word, a quote or a bracket; not a sentence's end, a colon or a comma.
_TITLE_END = re.compile("[\\w\"'“”»«)\\]]$")


@lru_cache(maxsize=16384)
def is_title(line: str) -> bool:
    """Shaped like a headline: four to fourteen words, a capital first, no sentence's end.

    The article's subheadings and the headlines of other articles have this shape; where the
    line stands (after the prose, between debris lines) tells them apart, and the model weighs it.

    >>> is_title("Landwirte rechnen mit schlechter Getreideernte"), is_title("Die Wahl ist vorbei.")
    (True, False)
    """
    stripped = line.strip().lstrip("\"'„“‘«»")
    if not stripped[:1].isupper() or not _TITLE_END.search(stripped) or stripped.isupper():
        return False
    words = _TOKEN.findall(stripped)
    low, high = _TITLE_WORDS
    return low <= len(words) <= high and sum(1 for w in words if w.isdigit()) * 4 < len(words)
