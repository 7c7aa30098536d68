"""A folder of installed ``.argosmodel`` packages, and the models loaded from it.

Installing and removing go through argostranslate's own package code; translating
drives each package's CTranslate2 and SentencePiece models directly, batched. Pairs
without a direct package pivot through English.
"""

from __future__ import annotations

import math
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from textfix.errors import MissingModelError, ModelError
from textfix.sentences import split_sentences

from ._argos import Argos
from ._ctranslate import Hypothesis, PairTranslator
from .info import ModelInfo, default_models_dir, read_info

__all__ = ["PIVOT", "ModelStore", "ScoredTranslation"]

PIVOT = "en"


@dataclass(frozen=True, slots=True)
class ScoredTranslation:
    """A text's translation, with the model's score for each package of the route.

    ``scores`` holds, per hop, the mean log-probability per target token that the model gave
    its own output (0 is certain; the more negative, the less sure), over all sentences of
    the text; ``pivot`` is the English text in between when the route pivots.

    >>> round(ScoredTranslation("Welt", (-0.1, -0.2), "world").confidence, 3)
    0.741
    """

    text: str
    scores: tuple[float, ...]
    pivot: str | None = None

    @property
    def confidence(self) -> float:
        """The geometric mean of the token probabilities, multiplied over the hops (0..1)."""
        return math.exp(sum(self.scores))


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
    _loaded: dict[tuple[str, str], PairTranslator] = field(default_factory=dict, repr=False)

    def installed(self) -> list[ModelInfo]:
        """Every translation package in the folder, sorted by pair."""
        if not self.path.is_dir():
            return []
        found = (read_info(p) for p in sorted(self.path.iterdir()) if p.is_dir())
        return sorted((i for i in found if i is not None), key=lambda i: (i.source, i.target))

    def find(self, source: str, target: str) -> ModelInfo | None:
        """The installed package for exactly this pair, if any."""
        return next((i for i in self.installed() if (i.source, i.target) == (source, target)), None)

    def route(self, source: str, target: str) -> list[ModelInfo]:
        """The packages that take ``source`` to ``target``: direct, else through English."""
        if "und" in (source, target):  # no language, no model (and no pivot)
            raise MissingModelError(source, target, [(source, target)])
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

    def _translator(self, info: ModelInfo) -> PairTranslator:
        key = (info.source, info.target)
        if key not in self._loaded:
            self._loaded[key] = PairTranslator.load(info, self.threads)
        return self._loaded[key]

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate each text (a span of one or more sentences) from ``source`` into ``target``.

        All sentences of all texts go to each model in one batched call per hop.
        """
        return [translation.text for translation in self.translate_scored(texts, source, target)]

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[ScoredTranslation]:
        """:meth:`translate`, with each text's score per hop and the pivot text in between.

        Still one batched call per hop for all sentences of all texts.
        """
        route = self.route(source, target)
        pieces = [_sentences(text) for text in texts]
        flat = [sentence for sentence_list in pieces for sentence in sentence_list]
        hops: list[list[Hypothesis]] = []
        for info in route:
            hops.append(self._translator(info).translate_scored(flat))
            flat = [hypothesis.text for hypothesis in hops[-1]]
        output: list[ScoredTranslation] = []
        position = 0
        for sentence_list in pieces:
            span = slice(position, position + len(sentence_list))
            position += len(sentence_list)
            texts_per_hop = [" ".join(h.text for h in hop[span]) for hop in hops]
            scores = tuple(_mean_log_probability(hop[span]) for hop in hops)
            pivot = texts_per_hop[0] if len(hops) > 1 else None
            output.append(ScoredTranslation(texts_per_hop[-1], scores, pivot))
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
        with Argos(self.path) as argos:
            try:
                argos.package.install_from_path(package_file)
            except Exception as error:  # argostranslate raises bare Exception
                shutil.rmtree(folder, ignore_errors=True)
                raise ModelError(f"{package_file}: cannot install: {error}") from error
        info = read_info(folder)
        if info is None:
            shutil.rmtree(folder, ignore_errors=True)
            raise ModelError(f"{package_file}: not a translation package (metadata.json or model/ missing)")
        self._loaded.pop((info.source, info.target), None)
        return info

    def install_from_index(self, source: str, target: str, *, timeout: float = 10.0) -> ModelInfo:
        """Download and install a pair from the Argos package index (needs the network)."""
        import urllib.error
        import urllib.request

        with Argos(self.path) as argos:
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
        with Argos(self.path) as argos:
            argos.package.uninstall(argos.package.Package(info.path))
        self._loaded.pop((source, target), None)
        return info



def _mean_log_probability(hypotheses: Sequence[Hypothesis]) -> float:
    """The mean log-probability per target token over several sentences (0 when none was produced)."""
    tokens = sum(h.tokens for h in hypotheses)
    return sum(h.log_probability for h in hypotheses) / tokens if tokens else 0.0


def _sentences(text: str) -> list[str]:
    """The sentences of a span (the span itself if it has no boundary)."""
    spans = split_sentences(text)
    return [text[a:b] for a, b in spans] or [text]
