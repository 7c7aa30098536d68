"""The line model: which lines of an article are furniture, and of which kind.

Two multinomial logistic regressions over :mod:`.features`, trained by
``scripts/train_debris.py`` on the tune parts of ``corpus/debris`` and ``corpus/gold`` and
stored as sparse weights in ``textfix/data/debris_model.json``. The first weighs a line by
what it looks like and where it stands; the second adds what the first said of its
neighbours (a line between two pieces of furniture is likelier furniture, a bare headline
after "See also:" is a related article: jusText smooths by context in the same spirit).
A line is debris when the second model's probability that it is article text falls below
the threshold chosen on the tune part for precision; its class (``dateline``, ``byline``,
``related``, ``boilerplate``, ``caption``, ``credit``) is the likeliest furniture class.

Pattern matches (:mod:`.patterns`) stay strong evidence: a line they take is debris
whatever the model says, and the model sees them as features of it and its neighbours.

:func:`judge_lines` runs to a fixed point: after the first round, it judges the kept lines
again (their first and last lines, their prose, are now others) until no line goes, so
cleaning the output again removes nothing more.

The inference is a few dictionary look-ups per line: no numpy, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from textfix.datacache import shipped_data

from .features import Features, context_features, is_plain_prose, is_protected, is_title, local_features, tokens

__all__ = [
    "CLASSES", "FIRST_STAGE_TEXT", "PLAIN", "ArticleJudge", "LineModel", "document_features", "judge_lines",
    "load_model", "neighbour_features",
]

#: What a line may be: article text or one class of furniture.
CLASSES = ("text", "dateline", "byline", "related", "boilerplate", "caption", "credit")
_HEADLINE_OVERLAP = 0.6  # a line sharing this much of its words with the first line repeats the headline
_MAX_ROUNDS = 8
_CACHE = 50_000  # lines whose own scores are remembered (a corpus run sees its chrome again and again)
#: Stage one calls a line text at this probability: its verdicts are only the neighbours' context.
FIRST_STAGE_TEXT = 0.5
#: The neighbours' verdict on a line of plain prose (text the model never weighs).
PLAIN = "plain"


Vector = tuple[float, ...]


@dataclass(frozen=True, eq=False)
class LineModel:
    """Sparse weights per class for both stages, and the debris threshold.

    Every feature is 0/1, so a line's score per class is the sum of its features' weights;
    each feature's weights are kept as one vector over :data:`CLASSES` (``vectors``), and the
    part of the score that comes from the line's own text is computed once per line text.
    """

    stage1: Mapping[str, Mapping[str, float]]
    stage2: Mapping[str, Mapping[str, float]]
    #: A line is debris when its probability of being text is below this.
    threshold: float

    def __post_init__(self) -> None:
        for stage, weights in ((1, self.stage1), (2, self.stage2)):
            names = {name for c in CLASSES for name in weights[c]}
            vectors = {name: tuple(weights[c].get(name, 0.0) for c in CLASSES) for name in names}
            object.__setattr__(self, f"_vectors{stage}", vectors)
        object.__setattr__(self, "_own", {})  # a frozen dataclass: its caches are set once, here

    def vector(self, features: Iterable[str], *, stage: int, start: Vector | None = None) -> Vector:
        """The scores per class of a line with ``features`` (added to ``start``)."""
        vectors: dict[str, Vector] = getattr(self, f"_vectors{stage}")
        total: Sequence[float] = start if start is not None else (0.0,) * len(CLASSES)
        for name in features:
            weights = vectors.get(name)
            if weights is not None:
                total = [t + w for t, w in zip(total, weights, strict=True)]  # the same sums in the same order
        return tuple(total)

    def own(self, line: str) -> tuple[Vector, Vector]:
        """Both stages' scores of the line's own features (cached by its text)."""
        cache: dict[str, tuple[Vector, Vector]] = self._own  # type: ignore[attr-defined]
        found = cache.get(line)
        if found is None:
            features = local_features(line)
            found = (self.vector(features, stage=1), self.vector(features, stage=2))
            if len(cache) > _CACHE:
                cache.clear()
            cache[line] = found
        return found

    def probabilities(self, features: Features, *, stage: int) -> dict[str, float]:
        """Softmax over :data:`CLASSES` of the weighted features (the reference for :meth:`vector`)."""
        return dict(zip(CLASSES, softmax(self.vector(features, stage=stage)), strict=True))


def softmax(scores: Vector) -> Vector:
    """Probabilities from scores."""
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return tuple(e / total for e in exp)


@cache
def load_model() -> LineModel:
    """The model shipped in ``textfix/data/debris_model.json`` (read once per process)."""
    raw = json.loads(shipped_data("debris_model.json"))
    return LineModel(raw["stage1"], raw["stage2"], float(raw["threshold"]))


@lru_cache(maxsize=16384)
def _words(line: str) -> frozenset[str]:
    return frozenset(tokens(line))


def _overlap(line: str, headline: frozenset[str]) -> float:
    words = _words(line)
    return len(words & headline) / len(words) if words and headline else 0.0


@lru_cache(maxsize=16384)
def _context_names(index: int, count: int, first: int, last: int, like: bool, title: bool) -> tuple[str, ...]:
    """The names of :func:`.features.context_features` (all are 1), in its order."""
    return tuple(context_features(index, count, first, last, like, title))


def _contexts(contents: Sequence[str], plain: Sequence[bool]) -> list[Features]:
    """The context features of every line of one article (its lines in order; ``plain``: which are plain prose)."""
    prose = [i for i, is_plain in enumerate(plain) if is_plain]
    first, last = (prose[0], prose[-1]) if prose else (-1, -1)
    headline = _words(contents[0]) if contents else frozenset()
    found = []
    for index, line in enumerate(contents):
        like = index > 0 and len(line) < 200 and _overlap(line, headline) >= _HEADLINE_OVERLAP
        found.append(context_features(index, len(contents), first, last, like, is_title(line)))
    return found


def document_features(contents: Sequence[str]) -> list[Features]:
    """Stage-one features of every line of one article (its lines in order): its own and its place."""
    contexts = _contexts(contents, [is_plain_prose(line) for line in contents])
    return [{**local_features(line), **context} for line, context in zip(contents, contexts, strict=True)]


def _neighbours(before: str | None, after: str | None, title: bool = False) -> list[str]:
    """The names of the stage-two features that say what the neighbours are.

    A neighbour that is plain prose (:data:`PLAIN`) is text, and says so apart: a short line
    right before a paragraph of prose is likelier its subheading than a teaser of the tail.
    A line shaped like a headline (``title``) next to debris is likelier one of a block of
    teasers: those features are also ``title_``.
    """
    before, after = _known(before), _known(after)
    found = []
    for side, verdict in (("prev", before), ("next", after)):
        if verdict is None:
            found.append(f"nb_{side}_edge")
        elif verdict == PLAIN:
            found.append(f"nb_{side}_plain")
        elif verdict != "text":
            found += [f"nb_{side}_debris", f"nb_{side}_{verdict}"]
    if before not in (None, "text", PLAIN) and after not in (None, "text", PLAIN):
        found.append("nb_between")
    if title:
        found += [f"title_{name}" for name in found if name in _TITLE_NEIGHBOURS]
    return found


_TITLE_NEIGHBOURS = frozenset(("nb_prev_debris", "nb_next_debris", "nb_between", "nb_prev_plain", "nb_next_plain"))


def neighbour_features(features: Features, before: str | None, after: str | None, title: bool = False) -> Features:
    """Stage-two features: the line's own and the first stage's verdicts on its neighbours.

    ``before``/``after`` are the likeliest classes of the previous and next line
    (:data:`PLAIN` for plain prose, ``None`` at the edges of the article); ``title``: the line
    is shaped like a headline (:func:`.features.is_title`).
    """
    return {**features, **dict.fromkeys(_neighbours(before, after, title), 1.0)}


def _known(verdict: str | None) -> str | None:
    """A class of :data:`CLASSES`; the patterns' other reasons (markup, no text, duplicates) are ``other``."""
    return verdict if verdict is None or verdict in CLASSES or verdict == PLAIN else "other"


def _furniture(p: Vector) -> str:
    return CLASSES[max(range(1, len(CLASSES)), key=lambda i: p[i])]


def _table_rows(contents: Sequence[str]) -> set[int]:
    """Lines of a table: two or more lines in a row with the same number of `` | `` cells.

    A page's table becomes such lines (``textfix.read``); a row of dates and places is the
    article's schedule, not a dateline.
    """
    return _rows_of_cells([line.count(" | ") for line in contents])


def _rows_of_cells(cells: Sequence[int]) -> set[int]:
    """:func:`_table_rows` from each line's count of cells."""
    return {
        i for i, n in enumerate(cells)
        if n and ((i and cells[i - 1] == n) or (i + 1 < len(cells) and cells[i + 1] == n))
    }


class ArticleJudge:
    """What a line is on its own, found once per article: rounds only change its context.

    Each round judges the lines still kept; a line's text, whether it is plain prose, its own
    scores, its cells and its protection do not change with them, only its place does. The
    verdicts of one round are remembered by line and context, so a line whose context did not
    change is not weighed again, in a later round or a later :meth:`judge` of the same lines
    with other fixed lines (``textfix.segment`` alternates the model and the duplicates).
    """

    def __init__(self, contents: Sequence[str], model: LineModel | None = None) -> None:
        self.model = model or load_model()
        self.contents = contents
        self.plain = [is_plain_prose(line) for line in contents]
        self.cells = [line.count(" | ") for line in contents]
        self._own: dict[int, tuple[Vector, Vector]] = {}
        self._protected: dict[tuple[int, bool, bool], bool] = {}
        self._like: dict[tuple[int, int], bool] = {}
        self._title: dict[int, bool] = {}
        self._first: dict[tuple[int, tuple[str, ...]], str] = {}
        self._second: dict[tuple[int, tuple[str, ...]], str | None] = {}

    def own(self, index: int) -> tuple[Vector, Vector]:
        """Both stages' scores of line ``index``'s own features."""
        found = self._own.get(index)
        if found is None:
            found = self._own[index] = self.model.own(self.contents[index])
        return found

    def protected(self, index: int, inside_prose: bool, after_prose: bool) -> bool:
        """:func:`.features.is_protected` of line ``index``."""
        key = (index, inside_prose, after_prose)
        found = self._protected.get(key)
        if found is None:
            found = self._protected[key] = is_protected(self.contents[index], inside_prose, after_prose)
        return found

    def like_headline(self, headline: int, index: int) -> bool:
        """Whether line ``index`` repeats the words of line ``headline`` (the first line kept)."""
        key = (headline, index)
        found = self._like.get(key)
        if found is None:
            line = self.contents[index]
            found = len(line) < 200 and _overlap(line, _words(self.contents[headline])) >= _HEADLINE_OVERLAP
            self._like[key] = found
        return found

    def title(self, index: int) -> bool:
        """:func:`.features.is_title` of line ``index``."""
        found = self._title.get(index)
        if found is None:
            found = self._title[index] = is_title(self.contents[index])
        return found

    def first(self, index: int, context: tuple[str, ...]) -> str:
        """Stage one's likeliest class of line ``index`` (not plain prose, not fixed) in ``context``."""
        key = (index, context)
        found = self._first.get(key)
        if found is None:
            p = softmax(self.model.vector(context, stage=1, start=self.own(index)[0]))
            found = self._first[key] = "text" if p[0] >= FIRST_STAGE_TEXT else _furniture(p)
        return found

    def second(self, index: int, names: tuple[str, ...]) -> str | None:
        """Stage two's furniture class of line ``index`` with context and neighbours ``names`` (``None``: text)."""
        key = (index, names)
        if key in self._second:
            return self._second[key]
        p = softmax(self.model.vector(names, stage=2, start=self.own(index)[1]))
        found = self._second[key] = None if p[0] >= self.model.threshold else _furniture(p)
        return found

    def judge(self, fixed: Sequence[str | None]) -> list[str | None]:
        """:func:`judge_lines` of the article's lines with ``fixed``; what is found is kept for the next call."""
        verdict: list[str | None] = [None] * len(self.contents)
        alive = list(range(len(self.contents)))
        known = list(fixed)
        for _ in range(_MAX_ROUNDS):
            removed = _round(self, alive, [known[i] for i in alive])
            gone = [(i, c) for i, c in zip(alive, removed, strict=True) if c is not None]
            for index, kind in gone:
                verdict[index] = kind
            had_fixed = any(known[i] is not None for i in alive)
            alive = [i for i in alive if known[i] is None and verdict[i] is None]
            if not gone and not had_fixed:
                break  # the kept lines alone, as a second cleaning would see them, lose nothing more
        return verdict


def _round(article: ArticleJudge, alive: Sequence[int], fixed: Sequence[str | None]) -> list[str | None]:
    """One pass over the ``alive`` lines: the furniture class of each line the model removes, else ``None``.

    Only lines that are neither fixed nor plain prose have a context and a verdict to find;
    stage one weighs a line only when a neighbour goes to stage two.
    """
    prose = [k for k, i in enumerate(alive) if article.plain[i]]
    if not prose:
        return [None] * len(alive)  # without a body of prose there is nothing to judge furniture against
    count, first_prose, last_prose, headline = len(alive), prose[0], prose[-1], alive[0]
    table = _rows_of_cells([article.cells[i] for i in alive])

    def context(k: int) -> tuple[str, ...]:
        like = k > 0 and article.like_headline(headline, alive[k])
        return _context_names(k, count, first_prose, last_prose, like, article.title(alive[k]))

    def verdict(k: int) -> str | None:
        """Stage one's verdict on position ``k`` (``None`` beyond the edges), computed when a neighbour needs it."""
        if k < 0 or k >= count:
            return None
        if fixed[k] is not None or article.plain[alive[k]]:
            return fixed[k] or PLAIN  # the patterns' verdict stands; plain prose is text
        return article.first(alive[k], context(k))

    decided: list[str | None] = []
    for k, index in enumerate(alive):
        if fixed[k] is not None or article.plain[index] or k in table:
            decided.append(None)
            continue
        names = context(k)
        if article.protected(index, "inside_prose" in names, "after_prose" in names):
            decided.append(None)  # settled before anything costly is computed
            continue
        names = (*names, *_neighbours(verdict(k - 1), verdict(k + 1), article.title(index)))
        decided.append(article.second(index, names))
    return decided


def judge_lines(
    contents: Sequence[str], fixed: Sequence[str | None], model: LineModel | None = None
) -> list[str | None]:
    """The furniture class of every line the model removes (``None``: kept, or decided by ``fixed``).

    ``contents`` are an article's lines in order; ``fixed`` the classes the patterns already
    gave (their lines are removed whatever the model says, and are context for the first round).

    >>> lines = ["Gericht kippt Mietendeckel in Berlin", "Stand: 14.03.2024, 09:12 Uhr",
    ...          "Das Berliner Landgericht hat am Donnerstag die umstrittene Regelung zur Begrenzung der Mieten "
    ...          "für unwirksam erklärt, wie eine Sprecherin des Gerichts mitteilte.",
    ...          "Die Stadt will nun vor dem Bundesgerichtshof in Revision gehen, sagte der Senator am Abend.",
    ...          "Artikel teilen", "Mehr zum Thema"]
    >>> judge_lines(lines, [None] * 6)
    [None, 'dateline', None, None, 'boilerplate', 'boilerplate']
    """
    return ArticleJudge(contents, model).judge(fixed)
