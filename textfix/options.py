"""Options: everything that changes how a text is cleaned, checked when it is made.

>>> from dataclasses import replace
>>> replace(Options(), languages=("de", "en")).languages
('de', 'en')
>>> Options(languages=("de", "xx"))  # doctest: +ELLIPSIS
Traceback (most recent call last):
textfix.errors.OptionsError: unknown language code 'xx': use ISO 639-1 codes such as de, en, ru, uk (any of af, ...)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OptionsError

if TYPE_CHECKING:
    from .debris.recurring import RecurringLines
    from .glossary import Glossary

__all__ = ["DEFAULT_LANGUAGES", "KNOWN_LANGUAGES", "Options", "options_from_choices", "parse_languages"]

#: Languages textfix looks for unless told otherwise.
DEFAULT_LANGUAGES: tuple[str, ...] = ("de", "en", "ru", "uk")

#: ISO 639-1 codes of every language lingua-language-detector knows (a test checks the list
#: against lingua itself; kept here so that making options never imports lingua).
KNOWN_LANGUAGES: frozenset[str] = frozenset(
    "af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is it ja ka kk ko "
    "la lg lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn so sq sr st sv sw ta te th tl tn tr ts uk ur "
    "vi xh yo zh zu".split()
)


def _check_code(code: str) -> None:
    if code not in KNOWN_LANGUAGES:
        known = ", ".join(sorted(KNOWN_LANGUAGES))
        raise OptionsError(
            f"unknown language code {code!r}: use ISO 639-1 codes such as de, en, ru, uk (any of {known})"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Everything that changes how a text is cleaned; override with ``dataclasses.replace``.

    Invalid combinations raise :class:`textfix.errors.OptionsError` at once.
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
    #: Keep spans verbatim, reported as problems, when a model is missing.
    keep_untranslated: bool = False
    #: Names to keep in one spelling per language (``textfix.glossary``); ``None``: none.
    glossary: Glossary | None = None
    #: Keep a span verbatim, reported as a ``low-confidence`` problem, when the models were less
    #: sure of its translation than this (0..1, :attr:`textfix.TranslationDetail.confidence`).
    min_confidence: float | None = None
    #: Mend the machine-translation damage that is certain (a lost sentence boundary, a wrong
    #: closing quotation mark); ``False`` keeps the text as it is and only flags it.
    mend: bool = True
    #: Site chrome found by counting lines over a corpus run's documents
    #: (:func:`textfix.debris.recurring.count_recurring`): a paragraph that is one of these lines
    #: is debris, reason ``recurring``. Corpus runs set it; ``None``: no run, nothing recurs.
    recurring: RecurringLines | None = None

    def __post_init__(self) -> None:
        if not self.languages:
            raise OptionsError("languages must name at least one language")
        for code in self.languages:
            _check_code(code)
        if len(set(self.languages)) != len(self.languages):
            raise OptionsError(f"a language is named twice in {', '.join(self.languages)}")
        if self.document_language is not None:
            _check_code(self.document_language)
            if self.document_language not in self.languages:
                raise OptionsError(
                    f"document language {self.document_language!r} is not among the languages "
                    f"{', '.join(self.languages)}: add it to them"
                )
        if self.target_language is not None:
            _check_code(self.target_language)
        if self.min_foreign_words < 1:
            raise OptionsError(f"min_foreign_words must be at least 1, not {self.min_foreign_words}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise OptionsError(
                f"the minimum confidence is a probability between 0 and 1, not {self.min_confidence}"
            )

    @property
    def translates(self) -> bool:
        """Whether cleaning translates anything (foreign spans, or the whole document)."""
        return self.translate or self.target_language is not None


def parse_languages(text: str | Sequence[str]) -> tuple[str, ...]:
    """Language codes from ``"de, EN,ru"`` or a sequence, lower-cased, empty items dropped.

    >>> parse_languages("de, EN,,ru")
    ('de', 'en', 'ru')
    """
    items = text.split(",") if isinstance(text, str) else text
    return tuple(code.strip().lower() for code in items if code.strip())


def options_from_choices(
    *,
    languages: str | Sequence[str] = DEFAULT_LANGUAGES,
    document_language: str | None = None,
    translate: bool = False,
    target_language: str | None = None,
    keep_untranslated: bool = False,
    glossary: bool = False,
    glossary_files: Sequence[str | Path] = (),
    builtin_glossary: bool = True,
    min_confidence: float | None = None,
    mend: bool = True,
) -> Options:
    """The :class:`Options` for what a user chose (the command line's flags, a service's request).

    ``glossary`` loads the built-in glossary (unless ``builtin_glossary`` is false) with
    ``glossary_files`` laid over it. Raises :class:`OptionsError` for contradicting or
    unknown choices and :class:`textfix.GlossaryError` for a bad glossary file.

    >>> options_from_choices(languages="de,en", document_language="DE").document_language
    'de'
    >>> options_from_choices(translate=False, target_language="en").translates
    True
    """
    glossary_value: Glossary | None = None
    if glossary or glossary_files:
        from .glossary import load_glossaries

        glossary_value = load_glossaries(glossary_files, builtin=builtin_glossary)
    return Options(
        languages=parse_languages(languages),
        document_language=document_language.strip().lower() if document_language else None,
        translate=translate,
        target_language=target_language.strip().lower() if target_language else None,
        keep_untranslated=keep_untranslated,
        glossary=glossary_value,
        min_confidence=min_confidence,
        mend=mend,
    )
