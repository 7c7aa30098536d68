"""The request bodies the service accepts, as pydantic models (they also make the OpenAPI docs)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from textfix.options import DEFAULT_LANGUAGES

__all__ = ["CleanOptions", "CleanRequest", "DetectRequest", "ErrorAnswer", "TranslateRequest"]

Texts = str | list[str]


class CleanOptions(BaseModel):
    """How to clean: the choices of ``textfix fix`` (see :class:`textfix.Options`)."""

    model_config = ConfigDict(extra="forbid")

    languages: tuple[str, ...] | str = Field(default=DEFAULT_LANGUAGES, description="Languages to recognise.")
    lang: str | None = Field(default=None, description="Document language, instead of detecting it.")
    translate: bool = Field(default=False, description="Translate foreign spans into the document language.")
    to: str | None = Field(default=None, description="Translate the whole document into this language.")
    keep_untranslated: bool = Field(default=False, description="Keep spans verbatim (as problems) without a model.")
    glossary: bool = Field(default=True, description="Respell names to the glossary's form (as `textfix fix` does).")
    remove_debris: bool = True
    remove_duplicates: bool = True
    repair: bool = True
    min_foreign_words: int = Field(default=3, ge=1, description="Fewest words a span in another language needs.")
    format: Literal["auto", "text", "html"] = Field(
        default="auto", description="`html`: each text is a page, its article is cleaned; `auto` (as `textfix fix`): "
        "a page when it starts like one; `text`: never.")


class CleanRequest(BaseModel):
    """One text, or a list of texts cleaned together (one translation batch per language pair)."""

    model_config = ConfigDict(extra="forbid")

    text: Texts = Field(description="A text, or a list of texts.")
    options: CleanOptions = Field(default_factory=CleanOptions)
    api_key: str | None = Field(default=None, description="API key (or the `Authorization: Bearer KEY` header).")


class TranslateRequest(BaseModel):
    """LibreTranslate's ``/translate`` request, plus ``clean`` and ``glossary``."""

    q: Texts = Field(description="Text(s) to translate.")
    source: str = Field(description="Source language code, or `auto`.")
    target: str = Field(description="Target language code.")
    format: str = Field(default="text", description="`text` or `html`.")
    api_key: str | None = Field(default=None, description="API key.")
    alternatives: int = Field(default=0, ge=0, description="Accepted for compatibility; textfix gives one translation.")
    clean: bool = Field(default=True, description="Clean the text (debris, duplicates, repairs) before translating.")
    glossary: bool | None = Field(default=None, description="Keep names in the glossary's form (default: as `clean`).")


class DetectRequest(BaseModel):
    """LibreTranslate's ``/detect`` request."""

    q: Texts = Field(description="Text to detect.")
    api_key: str | None = Field(default=None, description="API key.")


class ErrorAnswer(BaseModel):
    """Every error: LibreTranslate's shape."""

    error: str
