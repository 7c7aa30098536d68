"""Translate: foreign spans (or whole documents) offline through Argos Translate packages.

- :mod:`.info`: what an installed package is (:class:`ModelInfo`), and where packages live;
- :mod:`.store`: :class:`ModelStore`, one folder of packages, installing, removing, and
  translating texts through each package's models (batched, pivoting through English);
- :mod:`.spans`: which spans of a segmented document to translate, and translating the
  spans of many documents at once (:func:`translate_documents`).

Nothing here is imported by ``import textfix``; CTranslate2, SentencePiece and
argostranslate load on first use.
"""

from __future__ import annotations

from textfix.errors import MissingModelError, ModelError

from .info import MODELS_DIR_VARIABLE, ModelInfo, default_models_dir
from .spans import DocumentTranslation, TranslationJob, needed_pairs, translate_documents, translation_jobs
from .store import PIVOT, ModelStore, ScoredTranslation

__all__ = [
    "MODELS_DIR_VARIABLE",
    "PIVOT",
    "DocumentTranslation",
    "MissingModelError",
    "ModelError",
    "ModelInfo",
    "ModelStore",
    "ScoredTranslation",
    "TranslationJob",
    "default_models_dir",
    "needed_pairs",
    "translate_documents",
    "translation_jobs",
]
