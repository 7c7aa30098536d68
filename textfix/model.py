"""The data model shared by every pipeline stage: segments, edits, options, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .glossary import Glossary

__all__ = ["DEFAULT_LANGUAGES", "Edit", "Kind", "Options", "Result", "Segment"]

Kind = Literal["text", "foreign", "debris", "duplicate"]

#: Languages textfix looks for unless told otherwise.
DEFAULT_LANGUAGES: tuple[str, ...] = ("de", "en", "ru", "uk")


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


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: replace ``original[start:end]`` (== ``before``) by ``after``, because ``reason``."""

    start: int
    end: int
    before: str
    after: str
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "before": self.before, "after": self.after, "reason": self.reason}


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Everything that changes how a text is cleaned; override with ``dataclasses.replace``.

    >>> from dataclasses import replace
    >>> replace(Options(), languages=("de", "en")).languages
    ('de', 'en')
    """

    #: Languages to recognise; the document language is one of them.
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    #: Force the document language instead of detecting it.
    document_language: str | None = None
    #: Remove site boilerplate, bylines, captions and markup.
    remove_debris: bool = True
    #: Remove repeated headlines and paragraphs (the first occurrence stays).
    remove_duplicates: bool = True
    #: Repair mojibake, HTML entities, spacing and punctuation.
    repair: bool = True
    #: Fewest words a span in another language needs before it counts as foreign.
    min_foreign_words: int = 3
    #: Translate foreign spans into the document language (needs installed models).
    translate: bool = False
    #: Translate the whole document into this language (implies translating).
    target_language: str | None = None
    #: Keep spans verbatim, flagged in ``Result.untranslated``, when a model is missing.
    keep_untranslated: bool = False
    #: Names to keep in one spelling per language (``textfix.glossary``); ``None``: none.
    glossary: Glossary | None = None

    def __post_init__(self) -> None:
        if not self.languages:
            raise ValueError("languages must name at least one language")
        if self.document_language is not None and self.document_language not in self.languages:
            raise ValueError(f"document_language {self.document_language!r} is not among languages {self.languages}")
        if self.min_foreign_words < 1:
            raise ValueError("min_foreign_words must be at least 1")


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
    encoding: str | None = None
    metadata: dict[str, object] = field(default_factory=dict)
    #: Spans that should have been translated but were kept verbatim (no model installed).
    untranslated: tuple[Segment, ...] = ()

    def segments_json(self) -> dict[str, object]:
        """The ``textfix segment --json`` contract."""
        return {"language": self.language, "segments": [s.to_json() for s in self.segments]}
