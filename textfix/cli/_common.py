"""What every command shares: the apps, option types, and turning choices and errors into exits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from textfix.batch import DEFAULT_MAX_BYTES
from textfix.debris._recurring_keys import parse_threshold
from textfix.errors import InputTooLargeError, OptionsError, TextfixError
from textfix.model import ProblemKind, Result
from textfix.options import DEFAULT_LANGUAGES, Options, options_from_choices
from textfix.pipeline import clean_decoded
from textfix.read import Decoded, ReadOptions, read_path

if TYPE_CHECKING:
    from textfix.translate import ModelStore

__all__ = [
    "ALL_LANGUAGES",
    "DEFAULT_MAX_BYTES",
    "Comments",
    "Encoding",
    "Errors",
    "Files",
    "GlossaryFiles",
    "Lang",
    "Languages",
    "MaxBytes",
    "MinConfidence",
    "ModelsDir",
    "NoBuiltinGlossary",
    "Recurring",
    "app",
    "choose_options",
    "choose_reading",
    "choose_recurring",
    "clean_all",
    "fail",
    "fail_error",
    "glossary_app",
    "models_app",
    "store",
    "warn_problems",
    "with_recurring",
]

app = typer.Typer(
    name="textfix",
    help="Clean broken, half-translated web news: find foreign spans and debris, repair, and show every change.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="List, install and remove offline translation models (Argos packages).")
glossary_app = typer.Typer(help="Check and look up names: one spelling per language (the glossary).")
app.add_typer(models_app, name="models")
app.add_typer(glossary_app, name="glossary")

Files = Annotated[list[str], typer.Argument(help="Input files (.txt, .md, .html); '-' reads standard input.")]
Languages = Annotated[
    str, typer.Option("--languages", "-l", help="Comma-separated ISO 639-1 codes to recognise.")
]
ALL_LANGUAGES = ",".join(DEFAULT_LANGUAGES)
ModelsDir = Annotated[
    Path | None,
    typer.Option(
        "--models-dir",
        envvar="TEXTFIX_MODELS_DIR",
        help="Folder of installed translation packages (default: argostranslate's own folder).",
    ),
]
Lang = Annotated[str | None, typer.Option("--lang", help="Document language, instead of detecting it.")]
GlossaryFiles = Annotated[
    list[Path] | None,
    typer.Option("--glossary", help="Glossary file (.tsv, .csv, .tbx) laid over the built-in one; repeatable."),
]
MaxBytes = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Inputs larger than this are reported, not read (default: 16 MiB)."),
]
NoBuiltinGlossary = Annotated[bool, typer.Option("--no-builtin-glossary", help="Leave the built-in glossary out.")]
Comments = Annotated[bool, typer.Option("--comments", help="Keep the reader comments of HTML pages after the article.")]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", help="Read inputs in this codec (cp1251, utf-16, ...) instead of detecting it."),
]
Errors = Annotated[
    str,
    typer.Option(
        "--errors", help="Bytes the encoding cannot read: strict (the input fails) or replace (U+FFFD, reported)."
    ),
]
MinConfidence = Annotated[
    float | None,
    typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Keep a span verbatim (and report it) when the model's confidence in its translation is below this "
        "(0..1).",
    ),
]
NoMend = Annotated[
    bool,
    typer.Option("--no-mend", help="Keep machine-translation damage as it is (it is still flagged); mend nothing."),
]

Recurring = Annotated[
    str,
    typer.Option(
        "--recurring", metavar="N|auto|off",
        help="Several inputs: a line that stands in at least N documents of the run is site chrome and removed "
        "(never long prose or a headline; auto: 3 documents and 1% of them; off: never).",
    ),
]


def fail(message: str) -> None:
    """One line on stderr: ``textfix: message``."""
    typer.echo(f"textfix: {message}", err=True)


def fail_error(error: TextfixError) -> None:
    """One line on stderr for a failed input, with the remedy where there is one."""
    hint = "; raise the limit with --max-bytes" if isinstance(error, InputTooLargeError) else ""
    fail(f"{error}{hint}")


def choose_options(
    languages: str,
    lang: str | None,
    *,
    translate: bool = False,
    to: str | None = None,
    keep_untranslated: bool = False,
    glossary: bool = False,
    glossary_files: Sequence[Path] | None = None,
    no_builtin_glossary: bool = False,
    min_confidence: float | None = None,
    no_mend: bool = False,
) -> Options:
    """:func:`textfix.options.options_from_choices` for a command: a usage error exits 2, a bad glossary 1."""
    try:
        return options_from_choices(
            languages=languages, document_language=lang, translate=translate, target_language=to,
            keep_untranslated=keep_untranslated, glossary=glossary, glossary_files=glossary_files or (),
            builtin_glossary=not no_builtin_glossary, min_confidence=min_confidence, mend=not no_mend,
        )
    except OptionsError as error:
        raise typer.BadParameter(str(error)) from error
    except TextfixError as error:
        fail(str(error))
        raise typer.Exit(1) from error


def choose_reading(
    encoding: str | None = None, errors: str = "strict", comments: bool = False, text_format: str = "auto"
) -> ReadOptions:
    """:class:`textfix.read.ReadOptions` for a command; a bad choice is a usage error (exit 2)."""
    try:
        return ReadOptions(encoding=encoding, errors=errors, comments=comments, text_format=text_format)
    except OptionsError as error:
        raise typer.BadParameter(str(error)) from error


def store(models_dir: Path | None) -> ModelStore:
    """The model store a command works with (imports nothing heavy)."""
    from textfix.translate import ModelStore, default_models_dir

    return ModelStore(models_dir or default_models_dir())


def warn_problems(name: str, result: Result) -> None:
    """Say which spans were kept verbatim for want of a model, which names got lost, and once per
    document that a test model translated it."""
    for problem in result.problems:
        where = f"characters {problem.start}-{problem.end}"
        if problem.kind is ProblemKind.NO_MODEL:
            fail(f"{name}: kept untranslated ({problem.lang}, no model): {where}")
        elif problem.kind is ProblemKind.LOW_CONFIDENCE:
            fail(f"{name}: {problem.message}: {where}")
        elif problem.kind is not ProblemKind.TEST_MODEL:
            fail(f"{name}: {problem.message} ({where})")
    tested = [p for p in result.problems if p.kind is ProblemKind.TEST_MODEL]
    for message in dict.fromkeys(p.message for p in tested):
        spans = sum(p.message == message for p in tested)
        fail(f"{name}: {message} ({spans} span{'s' if spans != 1 else ''})")


def choose_recurring(value: str) -> int | None:
    """The ``--recurring`` threshold (``None``: auto, 0: off); a bad value is a usage error (exit 2)."""
    try:
        return parse_threshold(value)
    except OptionsError as error:
        raise typer.BadParameter(str(error), param_hint="'--recurring'") from error


def with_recurring(options: Options, documents: Sequence[Decoded], threshold: int | None) -> Options:
    """``options`` with the recurring lines (site chrome) of the run's ``documents``; one document
    (or ``threshold`` 0) finds none."""
    if threshold == 0 or len(documents) < 2:
        return options
    from textfix.debris.recurring import RecurringCounter  # only several documents are counted

    counter = RecurringCounter()
    for document in documents:
        counter.add(document.text, repair=options.repair)
    lines = counter.result(threshold)
    return replace(options, recurring=lines) if len(lines) else options


def clean_all(
    files: Sequence[str],
    options: Options,
    models: ModelStore | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    reading: ReadOptions | None = None,
    recurring: int | None = 0,
) -> tuple[list[tuple[str, Result]], int]:
    """Clean every input (several: with the ``recurring`` lines they share); report unreadable
    ones on stderr and count them."""
    read: list[tuple[str, Decoded]] = []
    failures = 0
    for name in files:
        try:
            read.append((name, read_path(name, max_bytes=max_bytes, options=reading)))
        except TextfixError as error:
            fail_error(error)
            failures += 1
    options = with_recurring(options, [decoded for _, decoded in read], recurring)
    results: list[tuple[str, Result]] = []
    for name, decoded in read:
        try:
            results.append((name, clean_decoded(decoded, options, models=models)))
        except TextfixError as error:
            fail_error(error)
            failures += 1
    return results, failures
