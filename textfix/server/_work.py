"""The pipeline side of the service: what runs in each worker process, and the JSON it answers.

A worker builds its state once (:func:`init_worker`): the glossary, a model store whose
translation models load on first use and stay loaded, and lingua's language models,
warmed by one small clean. It then runs one task at a time (:func:`run_task`), so the
store is never used by two threads at once. Each task returns ``(status, JSON bytes)``:
the HTTP process forwards the bytes as they are, and no exception crosses the process
boundary (textfix's errors carry fields that do not survive pickling).

Nothing here imports the web stack.
"""

from __future__ import annotations

import html
import json
import logging
import signal
import socket
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textfix._log import logger
from textfix.errors import InputError, MissingModelError, OptionsError, TextfixError
from textfix.model import Result
from textfix.options import DEFAULT_LANGUAGES, Options, parse_languages
from textfix.pipeline import clean, clean_many, clean_many_decoded
from textfix.read import Decoded, ReadOptions, decode_text
from textfix.render.report import document_report, language_characters

from . import _frames

if TYPE_CHECKING:
    from textfix.glossary import Glossary
    from textfix.translate import ModelStore

__all__ = ["Reply", "WorkerSetup", "init_worker", "run_task", "worker_main"]

#: What a task answers: the HTTP status and the JSON body.
Reply = tuple[int, bytes]
Payload = Mapping[str, Any]

_log = logger("textfix.server")
_WARM_UP = "Die NATO ist besorgt, sagte er am Montag.\n\nМы обеспокоены тем, что происходит на фронте.\n"


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker builds its state from (sent to each worker process once)."""

    models_dir: Path | None = None
    glossary_files: tuple[Path, ...] = ()
    builtin_glossary: bool = True


class _State:
    def __init__(self, setup: WorkerSetup) -> None:
        from textfix.glossary import load_glossaries
        from textfix.translate import ModelStore, default_models_dir

        self.glossary: Glossary = load_glossaries(setup.glossary_files, builtin=setup.builtin_glossary)
        # One CPU thread per model: every core already runs a worker.
        self.store: ModelStore = ModelStore(setup.models_dir or default_models_dir(), threads=1)


_STATE: _State | None = None


def init_worker(setup: WorkerSetup) -> None:
    """Runs once in each worker process: signals, logging, the glossary, the models.

    The HTTP process alone decides when workers stop (it drains requests first), so a
    SIGINT or SIGTERM sent to the whole process group leaves the workers running.
    """
    global _STATE  # noqa: PLW0603  (one state per worker process, set once by its initialiser)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if not _log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("textfix worker: %(levelname)s %(message)s"))
        _log.addHandler(handler)
    _STATE = _State(setup)
    _load_language_models(DEFAULT_LANGUAGES)
    clean(_WARM_UP, Options(glossary=_STATE.glossary))


def worker_main(sock: socket.socket, setup: WorkerSetup) -> None:
    """A worker process: set up, say so, then answer one task after another until the socket closes."""
    try:
        init_worker(setup)
    except Exception:
        _log.exception("the worker could not set up")
        raise SystemExit(3) from None
    _frames.send(sock, "ready")
    while True:
        try:
            kind, payload = _frames.receive(sock)
        except (EOFError, ConnectionError):
            return  # the HTTP process closed our socket (shutdown) or is gone
        _frames.send(sock, run_task(kind, payload))


def _load_language_models(languages: Sequence[str]) -> None:
    """Load lingua's models for ``languages`` now, not during the first requests that need them.

    lingua keeps loaded models in one cache for every detector of the process, so the
    detectors textfix builds later find them there.
    """
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [IsoCode639_1.from_str(code) for code in languages]
    LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def _json(value: object, status: int = 200) -> Reply:
    return status, json.dumps(value, ensure_ascii=False).encode()


def _error(status: int, message: str) -> Reply:
    return _json({"error": message}, status)


def run_task(kind: str, payload: Payload) -> Reply:
    """Run one request's pipeline work in this worker: ``kind`` names a handler of :data:`HANDLERS`."""
    if _STATE is None:  # pragma: no cover - only when a task runs outside the pool
        raise RuntimeError("textfix worker used without its initialiser")
    if kind == "ping":
        return _json({"ready": True})
    try:
        return _json(HANDLERS[kind](_STATE, payload))
    except (OptionsError, MissingModelError, InputError) as error:
        return _error(400, str(error))
    except TextfixError as error:
        _log.error("%s request failed: %s", kind, error)
        return _error(500, str(error))
    except Exception:  # a bug must not cost the worker: the request gets 500, the traceback goes to the log
        _log.exception("%s request failed", kind)
        return _error(500, f"Internal error while processing the {kind} request (see the server log)")


# -- /v1/clean and /v1/segment --------------------------------------------------------------


def _document_options(state: _State, choices: Payload, *, translating: bool) -> Options:
    languages = choices.get("languages")
    return Options(
        languages=parse_languages(languages) if languages else DEFAULT_LANGUAGES,
        document_language=(choices.get("lang") or "").strip().lower() or None,
        remove_debris=bool(choices.get("remove_debris", True)),
        remove_duplicates=bool(choices.get("remove_duplicates", True)),
        repair=bool(choices.get("repair", True)),
        min_foreign_words=int(choices.get("min_foreign_words", 3)),
        translate=translating and bool(choices.get("translate", False)),
        target_language=((choices.get("to") or "").strip().lower() or None) if translating else None,
        keep_untranslated=bool(choices.get("keep_untranslated", False)),
        glossary=state.glossary if translating and choices.get("glossary", True) else None,
    )


def _read(texts: str | Sequence[str], text_format: str) -> list[Decoded]:
    """Each text as ``textfix fix`` reads a file: ``html`` (or ``auto`` and it starts like a page): its article."""
    reading = ReadOptions(text_format=text_format)
    listed = [texts] if isinstance(texts, str) else list(texts)
    return [decode_text(text, "text" if len(listed) == 1 else f"text {n}", options=reading)
            for n, text in enumerate(listed, start=1)]


def _results(state: _State, payload: Payload, options: Options) -> list[Result]:
    decoded = _read(payload["text"], payload.get("options", {}).get("format", "auto"))
    return clean_many_decoded(decoded, options, models=state.store if options.translates else None)


def _one_or_many(payload: Payload, items: list[dict[str, object]]) -> object:
    return items[0] if isinstance(payload["text"], str) else items


def clean_documents(state: _State, payload: Payload) -> object:
    """``POST /v1/clean``: per text, the report's document object with the cleaned text as ``output``."""
    options = _document_options(state, payload.get("options", {}), translating=True)
    documents = []
    for result in _results(state, payload, options):
        document = document_report(result)
        del document["file"]
        documents.append({"output": result.output, **document})
    return _one_or_many(payload, documents)


def segment_documents(state: _State, payload: Payload) -> object:
    """``POST /v1/segment``: per text, the ``textfix segment --json`` object."""
    options = _document_options(state, payload.get("options", {}), translating=False)
    return _one_or_many(payload, [r.segments_json() for r in _results(state, payload, options)])


# -- LibreTranslate: /translate and /detect -----------------------------------------------


def _detected(result: Result) -> dict[str, object]:
    """LibreTranslate's ``detectedLanguage``: the document language and its share of the text, in %."""
    shares = language_characters(result.segments)
    total = sum(shares.values())
    confidence = round(100.0 * shares.get(result.language, 0) / total, 1) if total else 0.0
    return {"confidence": confidence, "language": result.language}


def _as_html(text: str) -> str:
    """Cleaned text as HTML: one escaped ``<p>`` per paragraph.

    >>> _as_html("Erster & zweiter\\n\\nDritter\\n")
    '<p>Erster &amp; zweiter</p>\\n<p>Dritter</p>'
    """
    return "\n".join(f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in text.split("\n\n") if p.strip())


def _translated_text(source: str, output: str, html_output: bool) -> str:
    if html_output:
        return _as_html(output)
    # textfix ends a document with a newline; a LibreTranslate client sending "Hello" expects no newline back.
    return output if source.endswith("\n") else output.rstrip("\n")


def translate_texts(state: _State, payload: Payload) -> object:
    """``POST /translate``: LibreTranslate's answer, with every text cleaned and glossary-consistent."""
    source, target = payload["source"], payload["target"]
    html_format = payload.get("format") == "html"
    decoded = _read(payload["q"], "html" if html_format else "text")
    cleaning = bool(payload.get("clean", True))
    glossary = payload.get("glossary")
    languages = tuple(dict.fromkeys((*DEFAULT_LANGUAGES, *([] if source == "auto" else [source]))))
    options = Options(
        languages=languages,
        document_language=None if source == "auto" else source,
        target_language=target,
        remove_debris=cleaning,
        remove_duplicates=cleaning,
        repair=cleaning,
        glossary=state.glossary if (cleaning if glossary is None else glossary) else None,
    )
    results = clean_many_decoded(decoded, options, models=state.store)
    translated = [_translated_text(d.text, r.output, html_format) for d, r in zip(decoded, results, strict=True)]
    answer: dict[str, object] = {"translatedText": translated[0] if isinstance(payload["q"], str) else translated}
    if source == "auto":
        detected = [_detected(r) for r in results]
        answer["detectedLanguage"] = detected[0] if isinstance(payload["q"], str) else detected
    if int(payload.get("alternatives") or 0) > 0:  # textfix gives one translation: no alternatives
        answer["alternatives"] = [] if isinstance(payload["q"], str) else [[] for _ in decoded]
    return answer


def detect_languages(state: _State, payload: Payload) -> object:
    """``POST /detect``: the languages of the text(s), the document language first, with their share in %.

    For a list, the language with the most characters over all texts comes first.
    """
    texts = [payload["q"]] if isinstance(payload["q"], str) else list(payload["q"])
    results = clean_many(texts, Options())
    totals: dict[str, int] = {}
    for result in results:
        for code, characters in language_characters(result.segments).items():
            totals[code] = totals.get(code, 0) + characters
    first = results[0].language if len(results) == 1 else max(totals, key=totals.__getitem__,
                                                                 default=results[0].language)
    everything = sum(totals.values())
    order = [first, *sorted((code for code in totals if code != first), key=lambda code: (-totals[code], code))]
    return [{"confidence": round(100.0 * totals.get(code, 0) / everything, 1) if everything else 0.0,
             "language": code} for code in order]


HANDLERS: dict[str, Callable[[_State, Payload], object]] = {
    "clean": clean_documents,
    "segment": segment_documents,
    "translate": translate_texts,
    "detect": detect_languages,
}
