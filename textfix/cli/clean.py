"""``textfix fix``: cleaning files (one by one, or as a corpus run), printed or written."""

# No ``from __future__ import annotations`` here: typer reads the commands' annotations, and
# as strings it would compile and evaluate each of them on every start (~5 ms of a one-file fix).
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from textfix.batch import is_batch_input
from textfix.errors import OptionsError, TextfixError
from textfix.model import Result
from textfix.output import output_paths, write_atomic
from textfix.pipeline import clean_decoded
from textfix.read import Decoded, ReadOptions, read_path

if TYPE_CHECKING:  # what only some runs use is imported where they use it: a one-file fix starts faster
    from textfix.batch import BatchConfig
    from textfix.decisions import DecisionBook

from ._common import (
    ALL_LANGUAGES,
    DEFAULT_MAX_BYTES,
    Comments,
    Encoding,
    Errors,
    Files,
    GlossaryFiles,
    Lang,
    Languages,
    MaxBytes,
    MinConfidence,
    ModelsDir,
    NoBuiltinGlossary,
    NoMend,
    Recurring,
    app,
    choose_options,
    choose_reading,
    choose_recurring,
    fail,
    fail_error,
    store,
    warn_problems,
    with_recurring,
)
from ._progress import Progress

__all__ = ["fix"]


@app.command()
def fix(
    files: Files,
    no_translate: Annotated[
        bool, typer.Option("--no-translate", help="Keep foreign spans as they are; translate nothing.")
    ] = False,
    to: Annotated[
        str | None, typer.Option("--to", help="Translate the whole document into this language (en, de, ...).")
    ] = None,
    keep_untranslated: Annotated[
        bool,
        typer.Option("--keep-untranslated", help="Keep spans verbatim (and flag them) when a model is missing."),
    ] = False,
    models_dir: ModelsDir = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Output file, or folder (an existing one, or ending in /) for several."),
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite the input files themselves.")] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Worker processes for folders, globs and .jsonl (default: cores)."),
    ] = None,
    jsonl_field: Annotated[
        str, typer.Option("--jsonl-field", help="Field of each .jsonl record that holds the text.")
    ] = "text",
    jsonl_format: Annotated[
        str,
        typer.Option(
            "--jsonl-format",
            help="What the .jsonl field holds: text, html (a page: its article is kept) or auto (html if it looks so).",
        ),
    ] = "auto",
    comments: Comments = False,
    encoding: Encoding = None,
    errors: Errors = "strict",
    overwrite_fields: Annotated[
        bool, typer.Option("--overwrite-fields", help="Replace <field>_clean and textfix in .jsonl records.")
    ] = False,
    timeout_per_file: Annotated[
        float | None,
        typer.Option("--timeout-per-file", min=0.001, help="Corpus runs: abandon a document after this many seconds."),
    ] = None,
    max_worker_mb: Annotated[
        int | None,
        typer.Option("--max-worker-mb", min=1, help="Corpus runs: memory (address space) per worker, in MiB."),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write a JSON report: segments, edits and a summary per input.")
    ] = None,
    diff_html: Annotated[
        Path | None, typer.Option("--diff-html", help="Also write review pages (one per input, index.html) here.")
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option("--decisions", help="Review decisions to apply (a file exported from a review page or "
                     "index, or a folder of them): rejected changes are left out."),
    ] = None,
    min_confidence: MinConfidence = None,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    no_mend: NoMend = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    recurring: Recurring = "auto",
) -> None:
    """Print or write the cleaned text: debris and duplicates removed, spacing repaired."""
    if no_translate and to is not None:
        raise typer.BadParameter("--to translates the document; it cannot go with --no-translate")
    reading = choose_reading(encoding, errors, comments, jsonl_format)
    options = choose_options(
        languages, lang, translate=not no_translate, to=to, keep_untranslated=keep_untranslated,
        glossary=True, glossary_files=glossary_files, no_builtin_glossary=no_builtin_glossary,
        min_confidence=min_confidence, no_mend=no_mend,
    )
    book = _decision_book(decisions)
    threshold = choose_recurring(recurring)
    if any(is_batch_input(name) for name in files):
        if in_place:
            fail("--in-place works on files, not on folders, globs or .jsonl inputs")
            raise typer.Exit(2)
        from textfix.batch import BatchConfig, PipelineSetup
        from textfix.decisions import DecisionsSetup

        setup = PipelineSetup(models_dir)
        config = BatchConfig(
            options=options, setup=setup if book is None else DecisionsSetup(setup, book), max_bytes=max_bytes,
            reading=reading, timeout_per_file=timeout_per_file, max_worker_mb=max_worker_mb, report=report,
            pages=diff_html, overwrite_fields=overwrite_fields, recurring=threshold,
        )
        folder = Path(output) if output is not None else None
        raise typer.Exit(_fix_corpus(files, folder, config if workers is None else replace(config, workers=workers),
                                     jsonl_field))
    try:
        targets = output_paths(files, output, in_place=in_place)
    except TextfixError as error:
        fail(str(error))
        raise typer.Exit(1) from error
    models = store(models_dir) if options.translates else None
    decided = 0
    done: list[tuple[str, Result]] = []
    read, failures = _read_all(files, targets, max_bytes, reading)
    options = with_recurring(options, [decoded for _, _, decoded in read], threshold)
    for name, target, decoded in read:
        try:
            result = clean_decoded(decoded, options, models=models)
            if book is not None:
                result = _decide(book, result, name, alone=len(files) == 1)
                decided += book.find(result.original, name) is not None
            warn_problems(name, result)
            done.append((name, result))
            if target is None:
                sys.stdout.write(result.output)
            else:
                write_atomic(target, result.output)
        except TextfixError as error:
            fail_error(error)
            failures += 1
    failures += _write_reviews(done, report, diff_html)
    if book is not None and len(book) and not decided and not failures:
        fail(f"{decisions}: none of these decisions is for {'this input' if len(files) == 1 else 'these inputs'}; "
             "nothing was left out")
        failures += 1
    if failures:
        raise typer.Exit(1)


def _read_all(
    files: list[str], targets: list[Path | None], max_bytes: int, reading: ReadOptions
) -> tuple[list[tuple[str, Path | None, Decoded]], int]:
    """Every input read before any is cleaned (their recurring lines are counted over all of them);
    the unreadable ones reported and counted."""
    read: list[tuple[str, Path | None, Decoded]] = []
    failures = 0
    for name, target in zip(files, targets, strict=True):
        try:
            read.append((name, target, read_path(name, max_bytes=max_bytes, options=reading)))
        except TextfixError as error:
            fail_error(error)
            failures += 1
    return read, failures


def _decision_book(path: Path | None) -> "DecisionBook | None":
    """The decisions ``--decisions`` names (``None`` without it); a bad file exits 1."""
    if path is None:
        return None
    from textfix.decisions import DecisionBook

    try:
        return DecisionBook.load(path)
    except TextfixError as error:
        fail(str(error))
        raise typer.Exit(1) from error


def _decide(book: "DecisionBook", result: Result, name: str, *, alone: bool) -> Result:
    """``result`` with the decisions made on it; one input with one document's decisions must match."""
    from textfix.decisions import apply_decisions

    if alone and len(book) == 1 and book.find(result.original, name) is None:
        return apply_decisions(result, book.entries[0])  # refused: made on another text
    decided = book.apply(result, name)
    if decided.rejected:
        fail(f"{name}: {len(decided.rejected)} rejected change{'s' if len(decided.rejected) != 1 else ''} "
             "left out (review decisions)")
    return decided


def _write_reviews(results: list[tuple[str, Result]], report: Path | None, pages: Path | None) -> int:
    """Write the JSON report and the review pages that were asked for; count the failures."""
    if report is None and pages is None:
        return 0
    from textfix.render.html import write_pages
    from textfix.render.report import write_report

    failures = 0
    for path, write in ((report, write_report), (pages, write_pages)):
        if path is None:
            continue
        try:
            write(path, results)
        except TextfixError as error:
            fail(str(error))
            failures += 1
    return failures


def _fix_corpus(files: list[str], output: Path | None, config: "BatchConfig", field: str) -> int:
    """Folders, globs and JSON Lines go through a corpus run (:func:`textfix.batch.run_corpus`)."""
    from textfix.batch import run_corpus  # the pool, journal and streamer: only for corpus runs

    try:
        summary = run_corpus(files, output, config, Progress(sys.stderr), field=field)
    except OptionsError as error:
        fail(str(error))
        return 2
    except TextfixError as error:
        fail(str(error))
        return 1
    for line in summary.lines():
        fail(line)
    if summary.interrupted:
        return 128 + (summary.signal or 2)
    return 1 if summary.failed else 0
