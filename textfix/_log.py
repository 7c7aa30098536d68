"""textfix's loggers: every one under ``textfix``, which has a ``NullHandler`` (a library never prints by itself).

Set up here, by the modules that log (the service's), not by ``import textfix``: importing
:mod:`logging` costs a one-file run 3 ms, and cleaning a text logs nothing.
"""

from __future__ import annotations

import logging

__all__ = ["logger"]

logging.getLogger("textfix").addHandler(logging.NullHandler())


def logger(name: str) -> logging.Logger:
    """The logger ``name`` (under ``textfix``), the ``NullHandler`` on ``textfix`` in place."""
    if name != "textfix" and not name.startswith("textfix."):
        raise ValueError(f"not a textfix logger: {name!r}")
    return logging.getLogger(name)
