"""The ``textfix`` command: a thin layer over the library.

Each command module registers itself on the apps of :mod:`._common`: :mod:`.clean`
(``segment``, ``fix``, ``diff``), :mod:`.models` and :mod:`.glossary`. Choices become
:class:`textfix.Options` through :func:`textfix.options.options_from_choices`, corpus
runs go through :func:`textfix.batch.run_corpus`; the command line only parses, prints
and picks exit codes.
"""

from __future__ import annotations

from typing import Annotated

import typer

from textfix._version import __version__

from . import clean, glossary, models
from ._common import app

__all__ = ["app", "main"]

_COMMANDS = (clean, glossary, models)  # imported for their commands


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
