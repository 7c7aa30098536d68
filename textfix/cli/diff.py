"""``textfix diff``: original and cleaned text side by side, in the terminal or as review pages."""

# No ``from __future__ import annotations`` here: typer reads the commands' annotations, and
# as strings it would compile and evaluate each of them on every start (~5 ms of a one-file fix).
import sys
from pathlib import Path
from typing import Annotated

import typer

from textfix.batch import is_batch_input
from textfix.errors import TextfixError
from textfix.render import MAX_WIDTH, MIN_WIDTH

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
    store,
)

__all__ = ["diff"]


@app.command()
def diff(
    files: Files,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a review page instead (a folder for several inputs, with index.html)."),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option("--width", min=MIN_WIDTH, max=MAX_WIDTH, help="Columns to fit (default: the terminal's)."),
    ] = None,
    translate: Annotated[
        bool, typer.Option("--translate", help="Also translate foreign spans, as `fix` does (needs models).")
    ] = False,
    to: Annotated[
        str | None, typer.Option("--to", help="Show the whole document translated into this language.")
    ] = None,
    keep_untranslated: Annotated[
        bool,
        typer.Option("--keep-untranslated", help="Keep spans verbatim (and flag them) when a model is missing."),
    ] = False,
    min_confidence: MinConfidence = None,
    changed_only: Annotated[
        bool, typer.Option("--changed-only", help="Show only the paragraphs with a marked change.")
    ] = False,
    jsonl_field: Annotated[
        str, typer.Option("--jsonl-field", help="Field of each .jsonl record that holds the text.")
    ] = "text",
    jsonl_format: Annotated[
        str, typer.Option("--jsonl-format", help="What the .jsonl field holds: text, html or auto.")
    ] = "auto",
    models_dir: ModelsDir = None,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    no_mend: NoMend = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    comments: Comments = False,
    encoding: Encoding = None,
    errors: Errors = "strict",
    recurring: Recurring = "auto",
) -> None:
    """Show original and cleaned text side by side, every change marked and labelled with its reason.

    Folders, globs and .jsonl files are reviewed document by document; with --html, one page
    each and an index.html that sorts them and collects the decisions made on every page.
    """
    from textfix.render.html import write_page, write_pages
    from textfix.render.terminal import render_side_by_side

    from ._review import review_documents

    options = choose_options(
        languages, lang, translate=translate, to=to, keep_untranslated=keep_untranslated, glossary=True,
        glossary_files=glossary_files, no_builtin_glossary=no_builtin_glossary, min_confidence=min_confidence,
        no_mend=no_mend,
    )
    models = store(models_dir) if options.translates else None
    results, failures = review_documents(files, options, models, max_bytes=max_bytes, field=jsonl_field,
                                         reading=choose_reading(encoding, errors, comments, jsonl_format),
                                         recurring=choose_recurring(recurring))
    several = len(files) > 1 or any(is_batch_input(name) for name in files)
    if html is None:
        for name, result in results:
            if several:
                typer.echo(f"== {name}")
            typer.echo(render_side_by_side(result, colour=sys.stdout.isatty(), width=width, changed_only=changed_only))
    else:
        try:
            if not several and not html.is_dir():
                for name, result in results:
                    write_page(html, result, name)
            else:
                write_pages(html, results)
        except TextfixError as error:
            fail(str(error))
            failures += 1
    if failures:
        raise typer.Exit(1)
