"""``textfix segment``: the spans of each input (text, foreign, debris, duplicates), as text or JSON.

A module of its own, as ``fix`` and ``diff`` are: typer builds the options of every command
registered when it runs, so a command line that registers only the one it is given starts faster.
"""

# No ``from __future__ import annotations`` here: typer reads the commands' annotations, and
# as strings it would compile and evaluate each of them on every start (~5 ms of a one-file fix).
import json
import sys
from typing import Annotated

import typer

from ._common import (
    ALL_LANGUAGES,
    DEFAULT_MAX_BYTES,
    Comments,
    Encoding,
    Errors,
    Files,
    Lang,
    Languages,
    MaxBytes,
    Recurring,
    app,
    choose_options,
    choose_reading,
    choose_recurring,
    clean_all,
)

__all__ = ["segment"]


@app.command()
def segment(
    files: Files,
    as_json: Annotated[bool, typer.Option("--json", help="Print the segments as JSON (the contract).")] = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    comments: Comments = False,
    encoding: Encoding = None,
    errors: Errors = "strict",
    recurring: Recurring = "auto",
) -> None:
    """Show the spans of each input: text, foreign (with language), debris and duplicates."""
    from textfix.render.segments import render_segments

    reading = choose_reading(encoding, errors, comments)
    results, failures = clean_all(files, choose_options(languages, lang), max_bytes=max_bytes, reading=reading,
                                  recurring=choose_recurring(recurring))
    colour = sys.stdout.isatty()
    for name, result in results:
        if as_json:
            payload = result.segments_json()
            if len(files) > 1:
                payload = {"file": name, **payload}
            typer.echo(json.dumps(payload, ensure_ascii=False))
        else:
            if len(files) > 1:
                typer.echo(f"== {name}")
            typer.echo(render_segments(result, colour=colour))
    if failures:
        raise typer.Exit(1)
