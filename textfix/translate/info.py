"""What an installed translation package is: its pair, folder and metadata."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MODELS_DIR_VARIABLE", "ModelInfo", "default_models_dir", "read_info"]

#: Environment variable naming the package folder (``ARGOS_PACKAGES_DIR`` is honoured too).
MODELS_DIR_VARIABLE = "TEXTFIX_MODELS_DIR"


def default_models_dir() -> Path:
    """``$TEXTFIX_MODELS_DIR``, else ``$ARGOS_PACKAGES_DIR``, else argostranslate's own folder."""
    for variable in (MODELS_DIR_VARIABLE, "ARGOS_PACKAGES_DIR"):
        if os.environ.get(variable):
            return Path(os.environ[variable])
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "argos-translate" / "packages"


@dataclass(frozen=True)
class ModelInfo:
    """One installed package: a translation from ``source`` into ``target``."""

    source: str
    target: str
    path: Path
    version: str
    description: str
    target_prefix: str = ""
    #: A package built for textfix's tests (``"textfix_test_model": true`` in its metadata):
    #: it translates only the sentences it memorised, so textfix warns whenever it is used.
    test_model: bool = False
    #: The languages' names as the package gives them (``"German"``), if it does.
    source_name: str = ""
    target_name: str = ""

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"


def read_info(package: Path) -> ModelInfo | None:
    """The package in folder ``package``, or ``None`` if it is not a translation package."""
    try:
        metadata = json.loads((package / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if metadata.get("type", metadata.get("package_type", "translate")) != "translate":
        return None
    if not (package / "model").is_dir():
        return None
    return ModelInfo(
        source=str(metadata["from_code"]),
        target=str(metadata["to_code"]),
        path=package,
        version=str(metadata.get("package_version", "")),
        description=str(metadata.get("description", "")),
        target_prefix=str(metadata.get("target_prefix", "")),
        test_model=metadata.get("textfix_test_model") is True,
        source_name=str(metadata.get("from_name", "")),
        target_name=str(metadata.get("to_name", "")),
    )

