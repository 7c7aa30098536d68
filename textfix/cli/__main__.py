"""``python -m textfix.cli``: the ``textfix`` command."""

from textfix.cli import main

main()
