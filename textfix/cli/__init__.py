"""The ``textfix`` command: a thin layer over the library.

Each command module registers itself on the apps of :mod:`._common`: :mod:`.segments`
(``segment``), :mod:`.clean` (``fix``), :mod:`.diff`, :mod:`.models`, :mod:`.glossary` and
:mod:`.serve` (the HTTP service, whose web stack is imported only when it runs). :func:`main`
imports only the module of the command it is given (all of them for ``--help`` or a name it
does not know, so typer can list or reject it; typer builds the options of every registered
command when it runs, so ``fix`` alone costs it half of what ``segment``, ``fix`` and
``diff`` together did); ``textfix.cli.app`` has every command. Choices become
:class:`textfix.Options` through :func:`textfix.options.options_from_choices`, corpus runs
go through :func:`textfix.batch.run_corpus`; the command line only parses, prints and picks
exit codes.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from importlib import import_module
from typing import Annotated, Any


@contextlib.contextmanager
def _start_up() -> Iterator[None]:
    """No garbage collection while the commands are imported; what they made is then frozen
    (:func:`gc.freeze`: left out of every later collection, as it would never be freed anyway).

    Importing the pipeline makes some 100,000 objects that live as long as the process
    (modules, classes, patterns, tables); collecting meanwhile walks them some 50 times for
    nothing (~10 ms of a one-file fix), and collecting once afterwards walks them all once.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


with _start_up():
    from textfix.datacache import warm_regex_cache

    # Before typer and the commands' modules are imported: the patterns they compile are then found compiled.
    warm_regex_cache()
    import typer

    from textfix._version import __version__
    from textfix.output import describe_os_error

    from ._common import app as _app

__all__ = ["app", "main"]

#: The module that registers each command.
_COMMAND_MODULES = {
    "segment": "segments", "fix": "clean", "diff": "diff",
    "models": "models", "glossary": "glossary", "serve": "serve",
}  # fmt: skip


def load_commands(argv: Sequence[str]) -> None:
    """Register the command ``argv`` names (``["fix", "a.txt"]``: the module of ``fix``), or
    every command when it names none we know."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    wanted = _COMMAND_MODULES.get(first) if first is not None else None
    for module in dict.fromkeys(_COMMAND_MODULES.values()) if wanted is None else (wanted,):
        import_module(f".{module}", __name__)


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole command line, as tests and other tools drive it
        load_commands(())
        return _app
    raise AttributeError(f"module 'textfix.cli' has no attribute {name!r}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"textfix {__version__}")
        raise typer.Exit()


@_app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """textfix: clean broken, half-translated web news."""


def main() -> None:
    """Entry point of the ``textfix`` console script.

    Standard output that cannot be written (a full disk, ``> /dev/full``) is one line on
    stderr and exit 1; a reader that went away (``| head``) ends the command quietly.
    """
    code = 0
    with _start_up():
        load_commands(sys.argv[1:])
    try:
        try:
            _app()
        finally:
            sys.stdout.flush()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BrokenPipeError:
        code = 1
    except OSError as error:
        typer.echo(f"textfix: standard output: cannot write: {describe_os_error(error)}", err=True)
        code = 1
    if code:  # nothing more may reach a stdout that failed; the interpreter would flush it again
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (replaces stdout until exit)
    sys.exit(code)


if __name__ == "__main__":
    main()
