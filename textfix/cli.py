"""The ``textfix`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import TextfixError
from .model import DEFAULT_LANGUAGES, Options, Result
from .output import output_paths, write_atomic
from .pipeline import clean_decoded
from .reader import read_path
from .render import render_segments

app = typer.Typer(
    name="textfix",
    help="Clean broken, half-translated web news: find foreign spans and debris, repair, and show every change.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Files = Annotated[list[str], typer.Argument(help="Input files (.txt, .md, .html); '-' reads standard input.")]
Languages = Annotated[
    str, typer.Option("--languages", "-l", help="Comma-separated ISO 639-1 codes to recognise.")
]
ALL_LANGUAGES = ",".join(DEFAULT_LANGUAGES)
Lang = Annotated[str | None, typer.Option("--lang", help="Document language, instead of detecting it.")]


def _options(languages: str, lang: str | None) -> Options:
    codes = tuple(code.strip().lower() for code in languages.split(",") if code.strip())
    try:
        return replace(Options(), languages=codes, document_language=lang)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def _fail(message: str) -> None:
    typer.echo(f"textfix: {message}", err=True)


def _clean_all(files: list[str], options: Options) -> tuple[list[tuple[str, Result]], int]:
    """Clean every input; report unreadable ones on stderr and count them."""
    results: list[tuple[str, Result]] = []
    failures = 0
    for name in files:
        try:
            results.append((name, clean_decoded(read_path(name), options)))
        except TextfixError as error:
            _fail(str(error))
            failures += 1
    return results, failures


@app.command()
def segment(
    files: Files,
    as_json: Annotated[bool, typer.Option("--json", help="Print the segments as JSON (the contract).")] = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
) -> None:
    """Show the spans of each input: text, foreign (with language), debris and duplicates."""
    results, failures = _clean_all(files, _options(languages, lang))
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


@app.command()
def fix(
    files: Files,
    no_translate: Annotated[
        bool, typer.Option("--no-translate", help="Keep foreign spans as they are (translation comes later).")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file, or folder for several inputs.")
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite the input files themselves.")] = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
) -> None:
    """Print or write the cleaned text: debris and duplicates removed, spacing repaired."""
    if not no_translate:
        _fail("translation is not available in this version yet; pass --no-translate to keep foreign spans as they are")
        raise typer.Exit(2)
    options = _options(languages, lang)
    try:
        targets = output_paths(files, output, in_place=in_place)
    except TextfixError as error:
        _fail(str(error))
        raise typer.Exit(1) from error
    failures = 0
    for name, target in zip(files, targets, strict=True):
        try:
            result = clean_decoded(read_path(name), options)
            if target is None:
                sys.stdout.write(result.output)
            else:
                write_atomic(target, result.output)
        except TextfixError as error:
            _fail(str(error))
            failures += 1
    if failures:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"textfix {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """textfix: clean broken, half-translated web news."""


def main() -> None:
    """Entry point of the ``textfix`` console script."""
    app()


if __name__ == "__main__":
    main()
