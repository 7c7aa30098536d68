"""``textfix models``: list, install and remove offline translation packages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from textfix.errors import MissingModelError, TextfixError

from ._common import ALL_LANGUAGES, Languages, ModelsDir, choose_options, clean_all, fail, models_app, store

__all__ = ["models_install", "models_list", "models_remove"]


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
    from textfix.translate import needed_pairs

    models = store(models_dir)
    if not models.path.is_dir():
        fail(f"{models.path}: no such folder (install a model into it with `textfix models install --models-dir "
             f"{models.path} ...`)")
        raise typer.Exit(1)
    installed = models.installed()
    typer.echo(f"models in {models.path}:")
    for info in installed:
        typer.echo(f"  {info.pair:8} {info.version:8} {info.description[:70]}")
    if not installed:
        typer.echo("  (none)")
    if not needed_for:
        return
    options = choose_options(languages, None, translate=True, to=to)
    results, failures = clean_all(needed_for, choose_options(languages, None))
    pairs = sorted(
        {pair for _, r in results for pair in needed_pairs(r.original, r.language, r.segments, options)}
    )
    typer.echo("needed:" if pairs else "needed: nothing (no foreign spans)")
    for source, target in pairs:
        try:
            typer.echo(f"  {source}→{target}  installed ({models.route_name(source, target)})")
        except MissingModelError as missing:
            needs = ", ".join(f"{a}→{b}" for a, b in missing.missing)
            typer.echo(f"  {source}→{target}  MISSING ({needs}): {missing.remedy}")
    if failures:
        raise typer.Exit(1)


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
    models = store(models_dir)
    try:
        if package_file is not None:
            if pair:
                raise typer.BadParameter("give either FROM TO or --file, not both")
            info = models.install_file(package_file)
        elif pair and len(pair) == 2:
            info = models.install_from_index(pair[0].lower(), pair[1].lower())
        else:
            raise typer.BadParameter("give FROM TO (e.g. 'ru en') or --file PACKAGE.argosmodel")
    except TextfixError as error:
        fail(str(error))
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
        info = store(models_dir).remove(source.lower(), target.lower())
    except TextfixError as error:
        fail(str(error))
        raise typer.Exit(1) from error
    typer.echo(f"removed {info.pair} ({info.path})")
