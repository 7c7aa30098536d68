"""The data model every pipeline stage shares: segments, edits and their reasons, problems, results.

An edit's kind is a closed enumeration (:class:`EditKind`), never the first word of a string:
a new kind of change is one member here plus the stage that produces it, and the report,
the terminal review and the HTML page pick it up from the enumeration.

>>> e = Edit(11, 12, " ", "", Reason(EditKind.REPAIR, "space before punctuation"))
>>> e.kind, e.reason
(<EditKind.REPAIR: 'repair'>, 'repair: space before punctuation')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = [
    "Edit",
    "EditKind",
    "Kind",
    "Problem",
    "ProblemKind",
    "Reason",
    "Result",
    "Segment",
    "TranslationDetail",
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
    """How a span was translated: languages and the packages it went through, in order.

    >>> TranslationDetail("ru", "de", ("ru→en", "en→de")).model
    'ru→en, en→de'
    """

    source: str
    target: str
    #: The packages of the route, each ``"ru→en"``; two for a pivot through English.
    route: tuple[str, ...]

    @property
    def model(self) -> str:
        """The route as one string, as the report's ``model`` key has it."""
        return ", ".join(self.route)


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
        reasons = (reasons,) if isinstance(reasons, Reason) else tuple(reasons)
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

    def moved(self, by: int) -> Edit:
        """The same edit ``by`` characters further on."""
        return Edit(self.start + by, self.end + by, self.before, self.after, self.reasons)

    def to_json(self) -> dict[str, object]:
        """``start``, ``end``, ``before``, ``after``, ``reason`` and ``kind``; translations add
        ``source``, ``target`` and ``model``.

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
                route = tuple(str(payload["model"]).split(", "))
                translation = TranslationDetail(str(payload["source"]), str(payload["target"]), route)
            reasons.append(Reason(kind, str(item["detail"]), translation))
        start, end = payload["start"], payload["end"]
        assert isinstance(start, int) and isinstance(end, int)
        return cls(start, end, str(payload["before"]), str(payload["after"]), reasons)


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

    @property
    def untranslated(self) -> tuple[Segment, ...]:
        """Spans that should have been translated but were kept verbatim (no model installed)."""
        kept = (p for p in self.problems if p.kind is ProblemKind.NO_MODEL)
        return tuple(Segment(p.start, p.end, "foreign", p.lang, p.message) for p in kept)

    def segments_json(self) -> dict[str, object]:
        """The ``textfix segment --json`` contract."""
        return {"language": self.language, "segments": [s.to_json() for s in self.segments]}
