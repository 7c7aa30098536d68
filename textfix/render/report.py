"""The JSON report: per document its segments, its edits and a summary of what changed.

Format (``REPORT_VERSION`` 1)::

    {"textfix_report": 1,
     "documents": [{"file", "language", "encoding", "segments", "edits", "summary"}]}

- ``segments``: the ``textfix segment --json`` contract (start, end, kind, lang, reason).
- ``edits``: ``id`` (:attr:`textfix.model.Edit.id`, what review decisions name), start, end,
  before, after, reason (every reason of the edit, as one line), plus ``kind``
  (:class:`textfix.model.EditKind`: debris, duplicate, repair, translation, glossary,
  whitespace) and, for translation edits, ``source``, ``target``, ``model`` and, when known,
  ``scores`` (mean log-probability per target token, per hop), ``confidence`` (0..1),
  ``pivot`` (the English text in between) and ``names_kept`` (glossary placeholders survived).
- ``rejected``: the edits review decisions left out (same form; empty without decisions).
- ``flags``: damage machine translation left in the document-language text
  (:class:`textfix.model.Flag`: start, end, kind, message; sorted), as ``segment --json`` has them.
- ``problems``: what went wrong or was kept verbatim (:class:`textfix.model.Problem`: kind,
  start, end, message, lang, term), e.g. spans without a model, names lost in translation.
- ``recurring`` (top level, only when a run of several documents found some): the lines that
  stand in so many of the run's documents that they are site chrome (:mod:`textfix.debris.recurring`):
  ``min_documents``, ``documents`` (counted), and ``lines``: ``line`` (as a document has it),
  ``key`` (its normalised form) and ``documents`` (how many hold it). In a document they are
  debris segments with the reason ``recurring``.
- ``summary``: ``changes`` (edits per kind, every kind present), ``marked`` (edits that are
  not whitespace), ``characters`` (original, output), ``languages`` (characters of text and
  foreign segments per language), ``untranslated`` (foreign segments no translation edit
  covers: start, end, lang, text), ``glossary_problems`` (the messages of the names lost
  in translation, empty without a glossary), ``low_confidence`` (translations whose confidence
  is below :data:`LOW_CONFIDENCE`: start, end, confidence), ``rejected`` (how many edits
  review decisions left out) and ``flags`` (flags per kind, every kind present).

>>> from textfix import clean
>>> summary = document_report(clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n"))["summary"]
>>> summary["changes"]["debris"], summary["changes"]["repair"], summary["marked"]
(1, 1, 2)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from textfix.model import Edit, EditKind, ProblemKind, Result, Segment, edit_ids
from textfix.output import write_atomic

from .align import CHANGE_KINDS, MARKED_KINDS
from .flags import flag_counts

__all__ = [
    "LOW_CONFIDENCE",
    "REPORT_VERSION",
    "batch_report",
    "change_counts",
    "document_report",
    "edit_json",
    "language_characters",
    "low_confidence",
    "untranslated_spans",
    "write_report",
]

#: Bumped when a key changes meaning or disappears (new keys may be added without it).
REPORT_VERSION = 1
#: A translation whose confidence (:attr:`textfix.TranslationDetail.confidence`) is below this is
#: counted and marked as low-confidence in reviews. Not calibrated on real models: a starting point.
LOW_CONFIDENCE = 0.5


def change_counts(edits: Sequence[Edit]) -> dict[str, int]:
    """How many edits of each kind; every kind is present, in :data:`CHANGE_KINDS` order.

    >>> from textfix.model import Reason
    >>> change_counts([Edit(0, 1, "x", "", Reason(EditKind.DEBRIS, "markup"))])
    {'debris': 1, 'duplicate': 0, 'repair': 0, 'translation': 0, 'glossary': 0, 'whitespace': 0}
    """
    counts: dict[str, int] = dict.fromkeys(CHANGE_KINDS, 0)
    for edit in edits:
        counts[edit.kind] += 1
    return {str(kind): n for kind, n in counts.items()}


def edit_json(edit: Edit) -> dict[str, object]:
    """An edit as in the report (:meth:`textfix.model.Edit.to_json`)."""
    return edit.to_json()


def language_characters(segments: Sequence[Segment]) -> dict[str, int]:
    """Characters of text and foreign segments per language, most first.

    >>> language_characters([Segment(0, 10, "text", "de"), Segment(11, 14, "foreign", "ru"),
    ...                      Segment(15, 20, "debris", None, "markup")])
    {'de': 10, 'ru': 3}
    """
    counts: dict[str, int] = {}
    for segment in segments:
        if segment.kind in ("text", "foreign") and segment.lang:
            counts[segment.lang] = counts.get(segment.lang, 0) + segment.end - segment.start
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _uncovered(text: str, start: int, end: int, covers: Sequence[Edit]) -> bool:
    """Whether ``text[start:end]`` has a non-space character outside every edit in ``covers``."""
    position = start
    for edit in covers:
        if edit.end <= position or edit.start >= end:
            continue
        if text[position : edit.start].strip():
            return True
        position = max(position, edit.end)
    return bool(text[position:end].strip())


def untranslated_spans(result: Result) -> list[dict[str, object]]:
    """Foreign segments that no translation edit covers (all of them without translation),
    and the spans the pipeline flagged as kept verbatim (``Result.untranslated``), in order.

    >>> from textfix import Options, clean
    >>> text = "Die NATO hat reagiert.\\n\\nМы обеспокоены тем фактом, что Россия помогает.\\n"
    >>> [(s["lang"], s["text"][:14]) for s in untranslated_spans(clean(text, Options(document_language="de")))]
    [('ru', 'Мы обеспокоены')]
    """
    translations = [e for e in result.edits if e.kind is EditKind.TRANSLATION]
    spans = {(s.start, s.end): s for s in result.untranslated}
    for s in result.segments:
        if s.kind == "foreign" and _uncovered(result.original, s.start, s.end, translations):
            spans.setdefault((s.start, s.end), s)
    return [
        {"start": s.start, "end": s.end, "lang": s.lang, "text": result.original[s.start : s.end]}
        for _, s in sorted(spans.items())
    ]


def low_confidence(result: Result, threshold: float = LOW_CONFIDENCE) -> list[dict[str, object]]:
    """Translation edits whose confidence is below ``threshold``: start, end, confidence.

    >>> from textfix.model import Reason, TranslationDetail
    >>> detail = TranslationDetail("ru", "de", ("ru→de",), scores=(-1.2,))
    >>> edit = Edit(0, 3, "Мир", "Welt", Reason(EditKind.TRANSLATION, "ru→de", detail))
    >>> low_confidence(Result("Мир", "Welt", "de", (), (edit,)))
    [{'start': 0, 'end': 3, 'confidence': 0.301}]
    """
    found: list[dict[str, object]] = []
    for edit in result.edits:
        confidence = edit.translation.confidence if edit.translation is not None else None
        if confidence is not None and confidence < threshold:
            found.append({"start": edit.start, "end": edit.end, "confidence": round(confidence, 3)})
    return found


def _glossary_problems(result: Result) -> list[str]:
    return [p.message for p in result.problems if p.kind is ProblemKind.NAME_LOST]


def document_report(result: Result, name: str | None = None) -> dict[str, object]:
    """One document's entry in the report (``name``: the input it came from)."""
    counts = change_counts(result.edits)
    summary: dict[str, object] = {
        "changes": counts,
        "marked": sum(n for kind, n in counts.items() if kind in MARKED_KINDS),
        "characters": {"original": len(result.original), "output": len(result.output)},
        "languages": language_characters(result.segments),
        "untranslated": untranslated_spans(result),
        "glossary_problems": _glossary_problems(result),
        "low_confidence": low_confidence(result),
        "rejected": len(result.rejected),
        "flags": flag_counts(result.flags),
    }
    return {
        "file": name,
        "language": result.language,
        "encoding": result.encoding,
        "segments": [s.to_json() for s in result.segments],
        "edits": [{"id": i, **edit_json(e)} for i, e in zip(edit_ids(result.edits), result.edits, strict=True)],
        "rejected": [{"id": e.id, **edit_json(e)} for e in result.rejected],
        "problems": [p.to_json() for p in result.problems],
        "flags": [f.to_json() for f in result.flags],
        "summary": summary,
    }


def batch_report(items: Sequence[tuple[str, Result]]) -> dict[str, object]:
    """The whole report for ``(name, result)`` pairs, in their order; with the run's recurring
    lines (``recurring``: the lines removed as site chrome, each with its document count) when
    the documents were cleaned with some."""
    report: dict[str, object] = {"textfix_report": REPORT_VERSION}
    recurring = next((r.options.recurring for _, r in items if r.options is not None and r.options.recurring), None)
    if recurring is not None:
        report["recurring"] = recurring.to_json()
    report["documents"] = [document_report(r, name) for name, r in items]
    return report


def write_report(path: Path, items: Sequence[tuple[str, Result]]) -> None:
    """Write the report as UTF-8 JSON, atomically."""
    write_atomic(path, json.dumps(batch_report(items), ensure_ascii=False, indent=1) + "\n")
