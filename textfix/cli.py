"""The ``textfix`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .batch import DEFAULT_MAX_BYTES, BatchConfig, PipelineSetup, Progress, is_batch_input, run_files, run_jsonl
from .errors import InputTooLargeError, TextfixError
from .htmlreport import write_page, write_pages
from .model import DEFAULT_LANGUAGES, Options, Result
from .output import output_paths, write_atomic
from .pipeline import clean_decoded
from .read import TEXT_FORMATS, read_path
from .render import render_segments
from .report import write_report
from .review import render_side_by_side

if TYPE_CHECKING:
    from .glossary import Glossary
    from .translate import ModelStore

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


def _options(languages: str, lang: str | None) -> Options:
    codes = tuple(code.strip().lower() for code in languages.split(",") if code.strip())
    try:
        return replace(Options(), languages=codes, document_language=lang)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def _fail(message: str) -> None:
    typer.echo(f"textfix: {message}", err=True)


def _fail_error(error: TextfixError) -> None:
    """One line on stderr for a failed input, with the remedy where there is one."""
    hint = "; raise the limit with --max-bytes" if isinstance(error, InputTooLargeError) else ""
    _fail(f"{error}{hint}")


def _store(models_dir: Path | None) -> ModelStore:
    """The model store the command works with (imports nothing heavy)."""
    from .translate import ModelStore, default_models_dir

    return ModelStore(models_dir or default_models_dir())


def _warn_untranslated(name: str, result: Result) -> None:
    """Say which spans were kept verbatim for want of a model, and which names got lost."""
    for segment in result.untranslated:
        _fail(f"{name}: kept untranslated ({segment.lang}, no model): characters {segment.start}-{segment.end}")
    for problem in result.metadata.get("glossary_problems", ()):  # type: ignore[attr-defined]
        _fail(f"{name}: {problem}")


def _clean_all(
    files: list[str],
    options: Options,
    models: ModelStore | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    comments: bool = False,
) -> tuple[list[tuple[str, Result]], int]:
    """Clean every input; report unreadable ones on stderr and count them."""
    results: list[tuple[str, Result]] = []
    failures = 0
    for name in files:
        try:
            decoded = read_path(name, max_bytes=max_bytes, comments=comments)
            results.append((name, clean_decoded(decoded, options, models=models)))
        except TextfixError as error:
            _fail_error(error)
            failures += 1
    return results, failures


@app.command()
def segment(
    files: Files,
    as_json: Annotated[bool, typer.Option("--json", help="Print the segments as JSON (the contract).")] = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    comments: Comments = False,
) -> None:
    """Show the spans of each input: text, foreign (with language), debris and duplicates."""
    results, failures = _clean_all(files, _options(languages, lang), max_bytes=max_bytes, comments=comments)
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
        Path | None, typer.Option("--output", "-o", help="Output file, or folder for several inputs.")
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
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write a JSON report: segments, edits and a summary per input.")
    ] = None,
    diff_html: Annotated[
        Path | None, typer.Option("--diff-html", help="Also write review pages (one per input, index.html) here.")
    ] = None,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Print or write the cleaned text: debris and duplicates removed, spacing repaired."""
    if no_translate and to is not None:
        raise typer.BadParameter("--to translates the document; it cannot go with --no-translate")
    if jsonl_format not in TEXT_FORMATS:
        raise typer.BadParameter(f"--jsonl-format must be one of {', '.join(TEXT_FORMATS)}")
    options = replace(
        _options(languages, lang),
        translate=not no_translate,
        target_language=to.lower() if to else None,
        keep_untranslated=keep_untranslated,
    )
    models = None if no_translate else _store(models_dir)
    options = replace(options, glossary=_load_glossary(glossary_files, no_builtin_glossary))
    if any(is_batch_input(name) for name in files):
        reviews = report is not None or diff_html is not None
        setup = PipelineSetup(models_dir)
        config = BatchConfig(
            options=options, setup=setup, max_bytes=max_bytes, comments=comments, jsonl_format=jsonl_format
        )
        raise typer.Exit(_fix_corpus(files, output, config, in_place or reviews, workers, jsonl_field))
    try:
        targets = output_paths(files, output, in_place=in_place)
    except TextfixError as error:
        _fail(str(error))
        raise typer.Exit(1) from error
    failures = 0
    done: list[tuple[str, Result]] = []
    for name, target in zip(files, targets, strict=True):
        try:
            result = clean_decoded(read_path(name, max_bytes=max_bytes, comments=comments), options, models=models)
            _warn_untranslated(name, result)
            done.append((name, result))
            if target is None:
                sys.stdout.write(result.output)
            else:
                write_atomic(target, result.output)
        except TextfixError as error:
            _fail_error(error)
            failures += 1
    failures += _write_reviews(done, report, diff_html)
    if failures:
        raise typer.Exit(1)


def _write_reviews(results: list[tuple[str, Result]], report: Path | None, pages: Path | None) -> int:
    """Write the JSON report and the review pages that were asked for; count the failures."""
    failures = 0
    for path, write in ((report, write_report), (pages, write_pages)):
        if path is None:
            continue
        try:
            write(path, results)
        except TextfixError as error:
            _fail(str(error))
            failures += 1
    return failures


@app.command()
def diff(
    files: Files,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a review page instead (a folder for several inputs, with index.html)."),
    ] = None,
    width: Annotated[int | None, typer.Option("--width", help="Columns to fit (default: the terminal's).")] = None,
    translate: Annotated[
        bool, typer.Option("--translate", help="Also translate foreign spans, as `fix` does (needs models).")
    ] = False,
    to: Annotated[
        str | None, typer.Option("--to", help="Show the whole document translated into this language.")
    ] = None,
    models_dir: ModelsDir = None,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    comments: Comments = False,
) -> None:
    """Show original and cleaned text side by side, every change marked and labelled with its reason."""
    options = replace(
        _options(languages, lang),
        translate=translate,
        target_language=to.lower() if to else None,
        glossary=_load_glossary(glossary_files, no_builtin_glossary),
    )
    models = _store(models_dir) if translate or to else None
    results, failures = _clean_all(files, options, models, max_bytes, comments)
    if html is None:
        for name, result in results:
            if len(files) > 1:
                typer.echo(f"== {name}")
            typer.echo(render_side_by_side(result, colour=sys.stdout.isatty(), width=width))
    else:
        try:
            if len(files) == 1 and not html.is_dir():
                for name, result in results:
                    write_page(html, result, name)
            else:
                write_pages(html, results)
        except TextfixError as error:
            _fail(str(error))
            failures += 1
    if failures:
        raise typer.Exit(1)


def _fix_corpus(
    files: list[str],
    output: Path | None,
    config: BatchConfig,
    single_only: bool,
    workers: int | None,
    field: str,
) -> int:
    """Folders, globs and JSON Lines go through a corpus run (``textfix.batch``); returns the exit code."""
    jsonl = [name for name in files if name.lower().endswith(".jsonl")]
    if single_only:
        _fail("--in-place, --report and --diff-html work on files, not on folders, globs or .jsonl inputs")
        return 2
    if jsonl and len(files) > 1:
        _fail("a .jsonl input is cleaned on its own: pass one .jsonl file per command")
        return 2
    if not jsonl and output is None:
        _fail("folders and globs need --output DIR: their tree is mirrored there")
        return 2
    if workers is not None:
        config = replace(config, workers=workers)
    progress = Progress(sys.stderr)
    try:
        if not jsonl and output is not None:
            summary = run_files(files, output, config, progress)
        else:
            source = Path(jsonl[0])
            target = output / (source.stem + ".jsonl") if output is not None and output.is_dir() else output
            if target is not None and target.resolve() == source.resolve():
                _fail(f"{target}: refusing to overwrite the input")
                return 1
            summary = run_jsonl(source, target, field, config, progress)
    except TextfixError as error:
        _fail(str(error))
        return 1
    for line in summary.lines():
        _fail(line)
    if summary.interrupted:
        return 128 + (summary.signal or 2)
    return 1 if summary.failed else 0


models_app = typer.Typer(help="List, install and remove offline translation models (Argos packages).")
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list(
    needed_for: Annotated[
        list[str] | None, typer.Option("--for", help="Also list the pairs these inputs would need.")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="With --for: whole documents into this language.")] = None,
    models_dir: ModelsDir = None,
    languages: Languages = ALL_LANGUAGES,
) -> None:
    """Show the installed pairs, and which pairs given documents need."""
    store = _store(models_dir)
    installed = store.installed()
    typer.echo(f"models in {store.path}:")
    for info in installed:
        typer.echo(f"  {info.pair:8} {info.version:8} {info.description[:70]}")
    if not installed:
        typer.echo("  (none)")
    if not needed_for:
        return
    options = replace(_options(languages, None), target_language=to.lower() if to else None)
    results, failures = _clean_all(needed_for, options)
    pairs = sorted({pair for _, result in results for pair in _needed_pairs(result, options)})
    typer.echo("needed:" if pairs else "needed: nothing (no foreign spans)")
    for source, target in pairs:
        if store.can_translate(source, target):
            typer.echo(f"  {source}→{target}  installed ({store.route_name(source, target)})")
        else:
            typer.echo(f"  {source}→{target}  MISSING: textfix models install {source} {target}")
    if failures:
        raise typer.Exit(1)


def _needed_pairs(result: Result, options: Options) -> set[tuple[str, str]]:
    target = options.target_language or result.language
    return {
        (s.lang, target)
        for s in result.segments
        if s.lang and s.lang != target and (s.kind == "foreign" or (options.target_language and s.kind == "text"))
    }


@models_app.command("install")
def models_install(
    pair: Annotated[
        list[str] | None, typer.Argument(help="FROM TO, e.g. 'ru en' (from the Argos index, online).")
    ] = None,
    package_file: Annotated[
        Path | None, typer.Option("--file", help="Install this .argosmodel file (offline).")
    ] = None,
    models_dir: ModelsDir = None,
) -> None:
    """Install a pair from the Argos package index, or a package file you carried in."""
    store = _store(models_dir)
    try:
        if package_file is not None:
            if pair:
                raise typer.BadParameter("give either FROM TO or --file, not both")
            info = store.install_file(package_file)
        elif pair and len(pair) == 2:
            info = store.install_from_index(pair[0].lower(), pair[1].lower())
        else:
            raise typer.BadParameter("give FROM TO (e.g. 'ru en') or --file PACKAGE.argosmodel")
    except TextfixError as error:
        _fail(str(error))
        raise typer.Exit(1) from error
    typer.echo(f"installed {info.pair} into {info.path}")


@models_app.command("remove")
def models_remove(
    source: Annotated[str, typer.Argument(help="Source language, e.g. ru.")],
    target: Annotated[str, typer.Argument(help="Target language, e.g. en.")],
    models_dir: ModelsDir = None,
) -> None:
    """Uninstall the package of a pair."""
    try:
        info = _store(models_dir).remove(source.lower(), target.lower())
    except TextfixError as error:
        _fail(str(error))
        raise typer.Exit(1) from error
    typer.echo(f"removed {info.pair} ({info.path})")


glossary_app = typer.Typer(help="Check and look up names: one spelling per language (the glossary).")
app.add_typer(glossary_app, name="glossary")


def _load_glossary(files: list[Path] | None, no_builtin: bool) -> Glossary:
    """The built-in glossary (unless left out) with the user's files laid over it; exit 1 on a bad file."""
    from .glossary import load_glossaries

    try:
        return load_glossaries(files or (), builtin=not no_builtin)
    except TextfixError as error:
        _fail(str(error))
        raise typer.Exit(1) from error


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@glossary_app.command("check")
def glossary_check(
    files: Files,
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
    languages: Languages = ALL_LANGUAGES,
    lang: Lang = None,
) -> None:
    """List names spelled otherwise than the glossary's form for the document language.

    One line per name, FILE:LINE:COLUMN: found → canonical, noting spans in another
    language or removed as debris. Exit code 1 when any is found (or an input fails).
    """
    from .glossary import nonstandard_terms

    glossary = _load_glossary(glossary_files, no_builtin_glossary)
    results, failures = _clean_all(files, _options(languages, lang))
    found = 0
    for name, result in results:
        language = result.language
        if language not in glossary.languages:
            _fail(f"{name}: the glossary has no {language} forms to check against; pass --lang de or --lang en")
            failures += 1
            continue
        for match in nonstandard_terms(result.original, language, glossary):
            line, column = _line_column(result.original, match.start)
            segment = next((s for s in result.segments if s.start <= match.start < s.end), None)
            note = ""
            if segment is not None and segment.kind != "text":
                note = f" ({' '.join(part for part in (segment.kind, segment.lang) if part)})"
            typer.echo(f"{name}:{line}:{column}: {match.text} → {match.replacement(language)}{note}")
            found += 1
    if found or failures:
        raise typer.Exit(1)


@glossary_app.command("show")
def glossary_show(
    term: Annotated[str, typer.Argument(help="An entry id or any spelling, also inflected (Пхеньяна).")],
    glossary_files: GlossaryFiles = None,
    no_builtin_glossary: NoBuiltinGlossary = False,
) -> None:
    """Show the glossary entry of a name: its form per language, variants and source."""
    entry = _load_glossary(glossary_files, no_builtin_glossary).lookup(term)
    if entry is None:
        _fail(f"no glossary entry for {term!r}")
        raise typer.Exit(1)
    typer.echo(entry.describe())


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
