"""Translate: foreign spans (or whole documents) offline through Argos Translate packages.

A :class:`ModelStore` is one folder of installed ``.argosmodel`` packages. Installing
and removing go through argostranslate's own package code; translating drives each
package's CTranslate2 model and SentencePiece model directly, batched, with sentences
split by textfix itself (so argostranslate's network-bound sentence splitter is never
needed). Pairs without a direct package pivot through English.

Nothing here is imported by ``import textfix``; CTranslate2, SentencePiece and
argostranslate load on first use.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TextfixError
from .sentences import split_sentences

if TYPE_CHECKING:
    import ctranslate2
    import sentencepiece

__all__ = [
    "MODELS_DIR_VARIABLE",
    "MissingModelError",
    "ModelError",
    "ModelInfo",
    "ModelStore",
    "default_models_dir",
]

#: Environment variable naming the package folder (``ARGOS_PACKAGES_DIR`` is honoured too).
MODELS_DIR_VARIABLE = "TEXTFIX_MODELS_DIR"
PIVOT = "en"
BEAM_SIZE = 4  # argostranslate's default, so outputs match its own path
MAX_BATCH_TOKENS = 1024
_ARGOS_LOCK = threading.Lock()


class ModelError(TextfixError):
    """A translation package that cannot be installed, found or loaded."""


class MissingModelError(ModelError):
    """No installed package (direct or through English) translates ``source`` into ``target``."""

    def __init__(self, source: str, target: str, missing: Sequence[tuple[str, str]]) -> None:
        self.source, self.target, self.missing = source, target, list(missing)
        needs = ", ".join(f"{a}→{b}" for a, b in self.missing)
        commands = "; ".join(f"`textfix models install {a} {b}`" for a, b in self.missing)
        super().__init__(
            f"no {source}→{target} translation model installed (missing: {needs}); install with {commands} "
            "or, offline, `textfix models install --file PACKAGE.argosmodel`"
        )


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

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"


def _read_info(package: Path) -> ModelInfo | None:
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
    )


@dataclass
class _PairTranslator:
    """A loaded package: its CTranslate2 translator and SentencePiece model."""

    info: ModelInfo
    translator: ctranslate2.Translator
    tokenizer: sentencepiece.SentencePieceProcessor

    @classmethod
    def load(cls, info: ModelInfo, threads: int = 0) -> _PairTranslator:
        import ctranslate2
        import sentencepiece

        spm_path = info.path / "sentencepiece.model"
        if not spm_path.is_file():
            raise ModelError(f"{info.path}: package has no sentencepiece.model (BPE packages are not supported)")
        try:
            translator = ctranslate2.Translator(
                str(info.path / "model"), device="cpu", inter_threads=1, intra_threads=threads
            )
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
        except (RuntimeError, OSError, ValueError) as error:
            raise ModelError(f"{info.path}: cannot load the {info.pair} model: {error}") from error
        return cls(info, translator, tokenizer)

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate sentences in one batched call (empty sentences stay empty)."""
        if not sentences:
            return []
        tokens = [self.tokenizer.encode(s, out_type=str) for s in sentences]
        prefix = [[self.info.target_prefix]] * len(tokens) if self.info.target_prefix else None
        results = self.translator.translate_batch(
            tokens,
            target_prefix=prefix,
            replace_unknowns=True,
            max_batch_size=MAX_BATCH_TOKENS,
            batch_type="tokens",
            beam_size=BEAM_SIZE,
            length_penalty=0.2,
        )
        output = []
        for result in results:
            text = self.tokenizer.decode_pieces(result.hypotheses[0]).replace("▁", " ")
            if self.info.target_prefix and text.startswith(self.info.target_prefix):
                text = text[len(self.info.target_prefix) :]
            output.append(text.strip())
        return output


@dataclass
class ModelStore:
    """A folder of installed translation packages, and the models loaded from it.

    Each model is loaded once per store (per process) and reused for every batch.

    >>> store = ModelStore(Path("/nonexistent/textfix-models"))
    >>> store.installed()
    []
    """

    path: Path = field(default_factory=default_models_dir)
    #: CPU threads per model (0: CTranslate2's default, all cores). 1 suits small models,
    #: batch runs with one worker per core, and busy machines.
    threads: int = 0
    _loaded: dict[tuple[str, str], _PairTranslator] = field(default_factory=dict, repr=False)

    def installed(self) -> list[ModelInfo]:
        """Every translation package in the folder, sorted by pair."""
        if not self.path.is_dir():
            return []
        found = (_read_info(p) for p in sorted(self.path.iterdir()) if p.is_dir())
        return sorted((i for i in found if i is not None), key=lambda i: (i.source, i.target))

    def find(self, source: str, target: str) -> ModelInfo | None:
        """The installed package for exactly this pair, if any."""
        return next((i for i in self.installed() if (i.source, i.target) == (source, target)), None)

    def route(self, source: str, target: str) -> list[ModelInfo]:
        """The packages that take ``source`` to ``target``: direct, else through English."""
        direct = self.find(source, target)
        if direct is not None:
            return [direct]
        hops = [(source, PIVOT), (PIVOT, target)] if PIVOT not in (source, target) else [(source, target)]
        found = [self.find(a, b) for a, b in hops]
        missing = [hop for hop, info in zip(hops, found, strict=True) if info is None]
        if missing:
            raise MissingModelError(source, target, missing)
        return [info for info in found if info is not None]

    def can_translate(self, source: str, target: str) -> bool:
        try:
            self.route(source, target)
        except MissingModelError:
            return False
        return True

    def _translator(self, info: ModelInfo) -> _PairTranslator:
        key = (info.source, info.target)
        if key not in self._loaded:
            self._loaded[key] = _PairTranslator.load(info, self.threads)
        return self._loaded[key]

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate each text (a span of one or more sentences) from ``source`` into ``target``.

        All sentences of all texts go to each model in one batched call per hop.
        """
        route = self.route(source, target)
        pieces = [_sentences(text) for text in texts]
        flat = [sentence for sentence_list in pieces for sentence in sentence_list]
        for info in route:
            flat = self._translator(info).translate(flat)
        output: list[str] = []
        position = 0
        for sentence_list in pieces:
            output.append(" ".join(flat[position : position + len(sentence_list)]))
            position += len(sentence_list)
        return output

    def route_name(self, source: str, target: str) -> str:
        """How a pair is translated, e.g. ``"ru→en, en→de"``."""
        return ", ".join(info.pair for info in self.route(source, target))

    # -- installing and removing, through argostranslate's package code ---------------

    def install_file(self, package_file: Path) -> ModelInfo:
        """Install a ``.argosmodel`` file the user carried in (no network needed)."""
        if not package_file.is_file():
            raise ModelError(f"{package_file}: no such package file")
        if not zipfile.is_zipfile(package_file):
            raise ModelError(f"{package_file}: not an Argos package (not a zip archive)")
        try:
            with zipfile.ZipFile(package_file) as archive:
                names = archive.namelist()
                broken = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise ModelError(f"{package_file}: corrupt package: {error}") from error
        if broken is not None:
            raise ModelError(f"{package_file}: corrupt package: bad entry {broken}")
        tops = {name.split("/", 1)[0] for name in names}
        if len(tops) != 1 or not any(n.endswith("/metadata.json") for n in names):
            raise ModelError(f"{package_file}: not an Argos package (no single folder with metadata.json)")
        folder = self.path / tops.pop()
        self.path.mkdir(parents=True, exist_ok=True)
        with _argos(self.path) as argos:
            try:
                argos.package.install_from_path(package_file)
            except Exception as error:  # argostranslate raises bare Exception
                shutil.rmtree(folder, ignore_errors=True)
                raise ModelError(f"{package_file}: cannot install: {error}") from error
        info = _read_info(folder)
        if info is None:
            shutil.rmtree(folder, ignore_errors=True)
            raise ModelError(f"{package_file}: not a translation package (metadata.json or model/ missing)")
        self._loaded.pop((info.source, info.target), None)
        return info

    def install_from_index(self, source: str, target: str, *, timeout: float = 10.0) -> ModelInfo:
        """Download and install a pair from the Argos package index (needs the network)."""
        import urllib.error
        import urllib.request

        with _argos(self.path) as argos:
            index_url = str(argos.settings.remote_package_index)
            try:
                with urllib.request.urlopen(index_url, timeout=timeout) as response:
                    response.read(1)
            except (urllib.error.URLError, OSError) as error:
                raise ModelError(
                    f"cannot reach the Argos package index ({index_url}): {getattr(error, 'reason', error)}; "
                    "install from a file instead: `textfix models install --file PACKAGE.argosmodel`"
                ) from error
            argos.package.update_package_index()
            available = [
                p for p in argos.package.get_available_packages() if (p.from_code, p.to_code) == (source, target)
            ]
            if not available:
                raise ModelError(f"the Argos package index has no {source}→{target} package")
            downloaded = Path(available[0].download())
        return self.install_file(downloaded)

    def remove(self, source: str, target: str) -> ModelInfo:
        """Uninstall the package for a pair."""
        info = self.find(source, target)
        if info is None:
            raise ModelError(f"no {source}→{target} model installed in {self.path}")
        with _argos(self.path) as argos:
            argos.package.uninstall(argos.package.Package(info.path))
        self._loaded.pop((source, target), None)
        return info


class _ArgosModules:
    def __init__(self, package: Any, settings: Any) -> None:
        self.package, self.settings = package, settings


class _argos:
    """argostranslate, imported on first use, pointed at one package folder meanwhile.

    argostranslate reads its folder from the environment at import and keeps it in
    module state; this sets both, under a lock, and restores them afterwards.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._saved: tuple[Any, Any] | None = None

    def __enter__(self) -> _ArgosModules:
        _ARGOS_LOCK.acquire()
        os.environ.setdefault("ARGOS_PACKAGES_DIR", str(self.folder))
        import argostranslate.package
        import argostranslate.settings

        settings = argostranslate.settings
        self._saved = (settings.package_data_dir, list(settings.package_dirs))
        settings.package_data_dir = self.folder
        settings.package_dirs[:] = [self.folder]
        return _ArgosModules(argostranslate.package, settings)

    def __exit__(self, *exc: object) -> None:
        import argostranslate.settings

        if self._saved is not None:
            argostranslate.settings.package_data_dir = self._saved[0]
            argostranslate.settings.package_dirs[:] = self._saved[1]
        _ARGOS_LOCK.release()


def _sentences(text: str) -> list[str]:
    """The sentences of a span (the span itself if it has no boundary)."""
    spans = split_sentences(text)
    return [text[a:b] for a, b in spans] or [text]


def iter_pairs(store: ModelStore) -> Iterator[str]:
    """Installed pairs as ``"ru→en"`` strings."""
    for info in store.installed():
        yield info.pair
