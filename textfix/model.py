"""The data model every pipeline stage shares: segments, edits and their reasons, problems, results.

An edit's kind is a closed enumeration (:class:`EditKind`), never the first word of a string:
a new kind of change is one member here plus the stage that produces it, and the report,
the terminal review and the HTML page pick it up from the enumeration.

>>> e = Edit(11, 12, " ", "", Reason(EditKind.REPAIR, "space before punctuation"))
>>> e.kind, e.reason
(<EditKind.REPAIR: 'repair'>, 'repair: space before punctuation')
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .options import Options
    from .pipeline import Stages

__all__ = [
    "Edit",
    "EditKind",
    "Flag",
    "FlagKind",
    "Kind",
    "Problem",
    "ProblemKind",
    "Reason",
    "Result",
    "Segment",
    "TranslationDetail",
    "edit_ids",
]

Kind = Literal["text", "foreign", "debris", "duplicate"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A span of the original text with its kind and language.

    ``start``/``end`` are ``str`` indices into the text as decoded, before repair.
    ``lang`` is ``None`` for debris and duplicates of markup.
    """

    start: int
    end: int
    kind: Kind
    lang: str | None
    reason: str | None = None

    def to_json(self) -> dict[str, object]:
        """The contract form: ``{"start", "end", "kind", "lang", "reason"}``."""
        return {"start": self.start, "end": self.end, "kind": self.kind, "lang": self.lang, "reason": self.reason}


class EditKind(StrEnum):
    """What kind of change an edit is; views and reports list kinds in this order."""

    DEBRIS = "debris"
    DUPLICATE = "duplicate"
    REPAIR = "repair"
    TRANSLATION = "translation"
    GLOSSARY = "glossary"
    WHITESPACE = "whitespace"

    @property
    def marked(self) -> bool:
        """Whether a review marks changes of this kind (whitespace is applied silently)."""
        return self is not EditKind.WHITESPACE


@dataclass(frozen=True, slots=True)
class TranslationDetail:
    """How a span was translated: languages, the packages it went through, and how sure they were.

    >>> detail = TranslationDetail("ru", "de", ("ru→en", "en→de"), scores=(-0.02, -0.03), pivot="We are.")
    >>> detail.model, round(detail.confidence, 3)
    ('ru→en, en→de', 0.951)
    """

    source: str
    target: str
    #: The packages of the route, each ``"ru→en"``; two for a pivot through English.
    route: tuple[str, ...]
    #: Per package of the route, the model's own score of its output: the mean log-probability
    #: per target token (0 is certain; more negative is less sure). Empty when not known.
    scores: tuple[float, ...] = ()
    #: The English text in between, for a route that pivots (ru→en→de).
    pivot: str | None = None
    #: Whether every glossary name's placeholder came through the model (``None``: the span
    #: had no glossary name to protect). ``False``: the span was translated again as it is.
    names_kept: bool | None = None

    @property
    def model(self) -> str:
        """The route as one string, as the report's ``model`` key has it."""
        return ", ".join(self.route)

    @property
    def confidence(self) -> float | None:
        """How sure the models were, 0..1: the geometric mean of the probabilities of the tokens
        each produced, multiplied over the hops (``exp`` of the sum of ``scores``)."""
        return math.exp(sum(self.scores)) if self.scores else None


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a change was made: its kind, a detail a reviewer understands, and structured facts.

    >>> str(Reason(EditKind.DEBRIS, "boilerplate"))
    'debris: boilerplate'
    """

    kind: EditKind
    detail: str = ""
    translation: TranslationDetail | None = None

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}" if self.detail else str(self.kind)


@dataclass(frozen=True, slots=True, init=False)
class Edit:
    """One change: replace ``original[start:end]`` (== ``before``) by ``after``, for ``reasons``.

    An edit composed from several stages keeps every stage's reason, the deciding one first;
    its ``kind`` is that first reason's kind.
    """

    start: int
    end: int
    before: str
    after: str
    reasons: tuple[Reason, ...]

    def __init__(self, start: int, end: int, before: str, after: str, reasons: Reason | Sequence[Reason]) -> None:
        if isinstance(reasons, Reason):  # the common case: one reason, nothing more to check
            reasons = (reasons,)
        else:
            reasons = tuple(reasons)
            if not reasons or not all(isinstance(reason, Reason) for reason in reasons):
                raise TypeError(f"an edit needs one or more Reason objects, not {reasons!r}")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "before", before)
        object.__setattr__(self, "after", after)
        object.__setattr__(self, "reasons", reasons)

    @property
    def kind(self) -> EditKind:
        """The kind of the deciding reason."""
        return self.reasons[0].kind

    @property
    def reason(self) -> str:
        """The reasons as one line for people: ``"debris: markup; repair: html entity"``."""
        return "; ".join(str(reason) for reason in self.reasons)

    @property
    def translation(self) -> TranslationDetail | None:
        """For a translation: its languages and model route."""
        return next((r.translation for r in self.reasons if r.translation is not None), None)

    @property
    def id(self) -> str:
        """A name for this edit made of what it does, never of its place in a log: its kind, its
        offsets and a digest of the text it replaces and puts in. The same input cleaned with
        the same options gives the same ids, and an edit that other options leave as it is
        keeps its id (a debris removal is the same with or without translation).

        >>> Edit(4, 8, "Nato", "NATO", Reason(EditKind.GLOSSARY, "Nato → NATO")).id
        'glossary-4-8-d9521f62'
        """
        key = "\0".join((str(self.kind), str(self.start), str(self.end), self.before, self.after))
        return f"{self.kind}-{self.start}-{self.end}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"

    def moved(self, by: int) -> Edit:
        """The same edit ``by`` characters further on."""
        return Edit(self.start + by, self.end + by, self.before, self.after, self.reasons)

    def to_json(self) -> dict[str, object]:
        """``start``, ``end``, ``before``, ``after``, ``reason`` and ``kind``; translations add
        ``source``, ``target`` and ``model``, and what is known of how sure the model was:
        ``scores`` (per hop), ``confidence``, ``pivot`` and ``names_kept``.

        >>> detail = TranslationDetail("ru", "de", ("ru→en", "en→de"))
        >>> e = Edit(0, 3, "Мир", "Welt", Reason(EditKind.TRANSLATION, "ru→de", detail))
        >>> e.to_json()["model"], e.to_json()["kind"]
        ('ru→en, en→de', 'translation')
        """
        payload: dict[str, object] = {
            "start": self.start, "end": self.end, "before": self.before, "after": self.after,
            "reason": self.reason, "kind": str(self.kind),
            "reasons": [{"kind": str(r.kind), "detail": r.detail} for r in self.reasons],
        }
        translation = self.translation
        if translation is not None:
            payload.update(source=translation.source, target=translation.target, model=translation.model)
            if translation.scores:
                payload.update(scores=list(translation.scores), confidence=translation.confidence)
            if translation.pivot is not None:
                payload["pivot"] = translation.pivot
            if translation.names_kept is not None:
                payload["names_kept"] = translation.names_kept
        return payload

    @classmethod
    def from_json(cls, payload: dict[str, object]) -> Edit:
        """The edit :meth:`to_json` wrote (a report's edit), with its kinds and details.

        >>> e = Edit(0, 1, "a", "", Reason(EditKind.DEBRIS, "markup"))
        >>> Edit.from_json(e.to_json()) == e
        True
        """
        reasons: list[Reason] = []
        for item in payload["reasons"]:  # type: ignore[attr-defined]
            kind = EditKind(item["kind"])
            translation = None
            if kind is EditKind.TRANSLATION and "source" in payload:
                translation = _translation_from_json(payload)
            reasons.append(Reason(kind, str(item["detail"]), translation))
        start, end = payload["start"], payload["end"]
        assert isinstance(start, int) and isinstance(end, int)
        return cls(start, end, str(payload["before"]), str(payload["after"]), reasons)


def _translation_from_json(payload: dict[str, object]) -> TranslationDetail:
    """The :class:`TranslationDetail` of a report's translation edit."""
    scores = payload.get("scores") or []
    pivot, kept = payload.get("pivot"), payload.get("names_kept")
    return TranslationDetail(
        str(payload["source"]), str(payload["target"]), tuple(str(payload["model"]).split(", ")),
        scores=tuple(float(score) for score in scores),  # type: ignore[attr-defined]
        pivot=str(pivot) if pivot is not None else None,
        names_kept=bool(kept) if kept is not None else None,
    )


def edit_ids(edits: Sequence[Edit]) -> list[str]:
    """The id of each edit of a log (:attr:`Edit.id`); an edit that repeats an earlier one exactly
    (two equal insertions at one offset) gets ``.2``, ``.3`` after its id, so that ids are distinct.

    >>> e = Edit(3, 3, "", " ", Reason(EditKind.WHITESPACE))
    >>> edit_ids([e, e])
    ['whitespace-3-3-c2015511', 'whitespace-3-3-c2015511.2']
    """
    seen: dict[str, int] = {}
    ids = []
    for edit in edits:
        base = edit.id
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}.{seen[base]}")
    return ids


class ProblemKind(StrEnum):
    """What went wrong with a document, or was kept as it was, without stopping the run."""

    #: A foreign span kept verbatim: no installed model translates its language.
    NO_MODEL = "no-model"
    #: A glossary name the translation model did not carry into its output.
    NAME_LOST = "name-lost"
    #: A span translated by a package built for tests (it only knows the sentences it memorised).
    TEST_MODEL = "test-model"
    #: A byte of the input that could not be read in its encoding (kept as U+FFFD, ``--errors replace``).
    BAD_BYTE = "bad-byte"
    #: A span kept verbatim: the model was less sure of its translation than ``Options.min_confidence``.
    LOW_CONFIDENCE = "low-confidence"

    @property
    def keeps_verbatim(self) -> bool:
        """Whether a problem of this kind means its span was left untranslated."""
        return self in (ProblemKind.NO_MODEL, ProblemKind.LOW_CONFIDENCE)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, with the span of the original text it concerns."""

    kind: ProblemKind
    start: int
    end: int
    message: str
    #: The language of the span concerned (for a missing model: its source language).
    lang: str | None = None
    #: For a lost name: the glossary entry's id.
    term: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"kind": str(self.kind), "start": self.start, "end": self.end, "message": self.message,
                "lang": self.lang, "term": self.term}


class FlagKind(StrEnum):
    """What kind of damage a flag points at (machine translation's damage inside a sentence)."""

    #: Two sentences joined without a boundary ("… Kriminalkrieg Zweitens ist dies …").
    RUN_ON = "run-on"
    #: A quotation mark unbalanced, never opened, or closing inside a sentence that goes on.
    QUOTE = "quote"
    #: A sentence that does not stand as one (a subordinate clause or subject without its verb).
    FRAGMENT = "fragment"
    #: Words in an order, or with an agreement, that German or English does not allow.
    WORD_ORDER = "word-order"


@dataclass(frozen=True, slots=True)
class Flag:
    """Damage a reviewer should see: ``original[start:end]``, its kind and why it was flagged.

    A flag changes nothing by itself; what textfix mends is also an :class:`Edit`.

    >>> Flag(10, 22, FlagKind.RUN_ON, "no sentence boundary before 'Zweitens'").to_json()["kind"]
    'run-on'
    """

    start: int
    end: int
    kind: FlagKind
    message: str

    def to_json(self) -> dict[str, object]:
        """The contract form: ``{"start", "end", "kind", "message"}``."""
        return {"start": self.start, "end": self.end, "kind": str(self.kind), "message": self.message}


@dataclass(frozen=True, slots=True)
class Result:
    """What cleaning one text produced.

    ``edits`` applied to ``original`` yield ``output`` exactly (see :func:`textfix.apply_edits`).
    """

    original: str
    output: str
    language: str
    segments: tuple[Segment, ...]
    edits: tuple[Edit, ...]
    #: The codec the text was decoded with (``None``: given as text).
    encoding: str | None = None
    #: The line ends the input had (``lf``, ``crlf``, ``mixed``, ``none``; ``None``: given as text).
    newline: str | None = None
    #: Whether the text was extracted from an HTML page.
    html: bool = False
    #: For an HTML page: how its article was found (:mod:`textfix.read.html`).
    extraction: str | None = None
    #: What went wrong or was kept verbatim, in order of position.
    problems: tuple[Problem, ...] = ()
    #: The options the text was cleaned with (``None``: a result made by hand).
    options: Options | None = field(default=None, compare=False, repr=False)
    #: Edits a review rejected (:func:`textfix.apply_decisions`): left out of ``edits``.
    rejected: tuple[Edit, ...] = ()
    #: What the stages produced before they were composed, so that decisions can be applied
    #: without cleaning again (``None``: a result made by hand).
    stages: Stages | None = field(default=None, compare=False, repr=False)
    #: Damage machine translation left in the document-language text, sorted by position.
    flags: tuple[Flag, ...] = ()

    @property
    def untranslated(self) -> tuple[Segment, ...]:
        """Spans that should have been translated but were kept verbatim: no model installed, the
        model not sure enough (``min_confidence``), or the translation rejected in review."""
        kept = [Segment(p.start, p.end, "foreign", p.lang, p.message) for p in self.problems if p.kind.keeps_verbatim]
        for edit in self.rejected:
            translation = edit.translation
            if edit.kind is EditKind.TRANSLATION and translation is not None:
                reason = "translation rejected in review"
                kept.append(Segment(edit.start, edit.end, "foreign", translation.source, reason))
        return tuple(sorted(kept, key=lambda s: (s.start, s.end)))

    def segments_json(self) -> dict[str, object]:
        """The ``textfix segment --json`` contract."""
        return {
            "language": self.language,
            "segments": [s.to_json() for s in self.segments],
            "flags": [f.to_json() for f in self.flags],
        }
