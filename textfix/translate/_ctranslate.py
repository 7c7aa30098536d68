"""One installed package loaded for translating: its CTranslate2 model and SentencePiece model.

textfix drives these two directly (batched, sentences split by textfix itself) instead of
argostranslate's ``translate()``, whose sentence splitter downloads a model from the
network (see DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textfix.errors import ModelError

from .info import ModelInfo

if TYPE_CHECKING:
    import ctranslate2
    import sentencepiece

__all__ = ["BEAM_SIZE", "MAX_BATCH_TOKENS", "PairTranslator"]

BEAM_SIZE = 4  # argostranslate's default, so outputs match its own path
MAX_BATCH_TOKENS = 1024


@dataclass
class PairTranslator:
    """A loaded package: its CTranslate2 translator and SentencePiece model."""

    info: ModelInfo
    translator: ctranslate2.Translator
    tokenizer: sentencepiece.SentencePieceProcessor

    @classmethod
    def load(cls, info: ModelInfo, threads: int = 0) -> PairTranslator:
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

