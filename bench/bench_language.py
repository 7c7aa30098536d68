"""What the language stage costs, as a share of ``textfix.clean``'s time, in one process.

Times, on the texts of ``bench_clean.py`` (the gold corpus and ``../shared/seeds`` if
present), the best single pass of each over at least ``--repeat`` rounds and
``--repeat`` × ``--min-seconds`` seconds, the two passes taking turns (a busy machine slows
both alike), after one warm-up pass that loads lingua's models and the word lists:

  (a) ``textfix.clean(text)``: the whole pipeline;
  (b) the language stage alone, as ``segment_text`` runs it: the words of every paragraph
      (``paragraph_words``), the document language, and the foreign runs of every paragraph,
      on the very calls the pipeline made (recorded once, while the warm-up pass ran).

and prints (b) / (a).

Run:  PYTHONPATH=. python bench/bench_language.py [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench_clean import load_texts  # noqa: E402  (after the path set-up above)
from bench_flags import best_times  # noqa: E402


@dataclass
class _Document:
    """The language stage's calls for one text: its body, languages and paragraph pieces."""

    body: str = ""
    languages: tuple[str, ...] = ()
    pieces: list[tuple[str, int, int, dict[str, Any]]] = field(default_factory=list)


def record_calls(texts: Sequence[str]) -> list[_Document]:
    """Clean every text once, recording what ``segment_text`` asks of the language stage."""
    import textfix
    from textfix import segment

    documents: list[_Document] = []
    detect, runs = segment.detect_document_language, segment.find_foreign_runs

    def recording_detect(body: str, languages: Sequence[str], **options: Any) -> str:
        documents[-1].body, documents[-1].languages = body, tuple(languages)
        return detect(body, languages, **options)

    def recording_runs(text: str, start: int, end: int, **options: Any) -> Any:
        documents[-1].pieces.append((text, start, end, {k: v for k, v in options.items() if k != "words"}))
        return runs(text, start, end, **options)

    segment.detect_document_language, segment.find_foreign_runs = recording_detect, recording_runs
    try:
        for text in texts:
            documents.append(_Document())
            textfix.clean(text)
    finally:
        segment.detect_document_language, segment.find_foreign_runs = detect, runs
    return documents


def language_stage(documents: Sequence[_Document]) -> list[object]:
    """The language stage on the recorded calls: each paragraph's words found once, as segment_text does.

    On a tree from before ``paragraph_words`` (544a8a0 and older), the stage as it ran there, for a before/after.
    """
    from textfix.language import detect_document_language, find_foreign_runs

    try:
        from textfix.language import paragraph_words
    except ImportError:
        return [
            detect_document_language(document.body, document.languages) if k < 0
            else find_foreign_runs(*document.pieces[k][:3], **document.pieces[k][3])
            for document in documents for k in range(-1, len(document.pieces))
        ]
    found: list[object] = []
    for document in documents:
        words = [paragraph_words(text, start, end) for text, start, end, _ in document.pieces]
        flat = [word for piece in words for word in piece]
        found.append(detect_document_language(document.body, document.languages, words=flat))
        for (text, start, end, options), piece in zip(document.pieces, words, strict=True):
            found.append(find_foreign_runs(text, start, end, words=piece, **options))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--min-seconds", type=float, default=2.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from textfix import clean

    texts = load_texts()
    chars = sum(len(t) for t in texts)
    documents = record_calls(texts)  # also the warm-up: lingua models, word lists

    def clean_all() -> None:
        for text in texts:
            clean(text)

    def language_all() -> None:
        language_stage(documents)

    cleaning, languages = best_times([clean_all, language_all], args.repeat, args.min_seconds)
    pieces = sum(len(d.pieces) for d in documents)
    report = {
        "texts": len(texts), "characters": chars, "paragraph_pieces": pieces,
        "clean_seconds": cleaning, "language_seconds": languages, "language_share_of_clean": languages / cleaning,
    }
    print(f"{len(texts)} texts, {chars:,} characters, {pieces} paragraph pieces")
    print(f"textfix.clean          {cleaning * 1000:8.1f} ms/pass  {chars / cleaning:12,.0f} chars/s")
    print(f"language stage alone   {languages * 1000:8.1f} ms/pass  {chars / languages:12,.0f} chars/s")
    print(f"language stage / clean {languages / cleaning:8.1%}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
