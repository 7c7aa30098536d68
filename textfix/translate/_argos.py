"""argostranslate's package code, imported on first use and pointed at one package folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

__all__ = ["Argos", "ArgosModules"]

_ARGOS_LOCK = threading.Lock()


class ArgosModules:
    def __init__(self, package: Any, settings: Any) -> None:
        self.package, self.settings = package, settings


class Argos:
    """argostranslate, imported on first use, pointed at one package folder meanwhile.

    argostranslate reads its folder from the environment at import and keeps it in
    module state; this sets both, under a lock, and restores them afterwards.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._saved: tuple[Any, Any] | None = None

    def __enter__(self) -> ArgosModules:
        _ARGOS_LOCK.acquire()
        os.environ.setdefault("ARGOS_PACKAGES_DIR", str(self.folder))
        import argostranslate.package
        import argostranslate.settings

        settings = argostranslate.settings
        self._saved = (settings.package_data_dir, list(settings.package_dirs))
        settings.package_data_dir = self.folder
        settings.package_dirs[:] = [self.folder]
        return ArgosModules(argostranslate.package, settings)

    def __exit__(self, *exc: object) -> None:
        import argostranslate.settings

        if self._saved is not None:
            argostranslate.settings.package_data_dir = self._saved[0]
            argostranslate.settings.package_dirs[:] = self._saved[1]
        _ARGOS_LOCK.release()

