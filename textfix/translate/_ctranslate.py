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

__all__ = ["BEAM_SIZE", "LENGTH_PENALTY", "MAX_BATCH_TOKENS", "Hypothesis", "PairTranslator"]

BEAM_SIZE = 4  # argostranslate's default, so outputs match its own path
LENGTH_PENALTY = 0.2  # argostranslate's default too
MAX_BATCH_TOKENS = 1024


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """The model's best translation of one sentence, and how sure the model was of it.

    ``log_probability`` is the sum of the log-probabilities of the tokens the model produced,
    the end-of-sentence token included; ``tokens`` counts them (so ``tokens`` is at least 1
    for a translated sentence, 0 for an empty one).
    """

    text: str
    log_probability: float
    tokens: int


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
        return [hypothesis.text for hypothesis in self.translate_scored(sentences)]

    def translate_scored(self, sentences: Sequence[str]) -> list[Hypothesis]:
        """Translate sentences in one batched call, each with the model's own score.

        CTranslate2 returns the cumulative log-probability of a hypothesis divided by its
        length (end token included) raised to the length penalty; multiplying that back gives
        the sum of the token log-probabilities, from which the mean per token follows.
        """
        output = [Hypothesis("", 0.0, 0) for _ in sentences]
        wanted = [i for i, sentence in enumerate(sentences) if sentence.strip()]
        if not wanted:
            return output
        tokens = [self.tokenizer.encode(sentences[i], out_type=str) for i in wanted]
        prefix = [[self.info.target_prefix]] * len(tokens) if self.info.target_prefix else None
        results = self.translator.translate_batch(
            tokens,
            target_prefix=prefix,
            replace_unknowns=True,
            max_batch_size=MAX_BATCH_TOKENS,
            batch_type="tokens",
            beam_size=BEAM_SIZE,
            length_penalty=LENGTH_PENALTY,
            return_scores=True,
        )
        for i, result in zip(wanted, results, strict=True):
            pieces = result.hypotheses[0]
            text = self.tokenizer.decode_pieces(pieces).replace("▁", " ")
            if self.info.target_prefix and text.startswith(self.info.target_prefix):
                text = text[len(self.info.target_prefix) :]
            produced = len(pieces) + 1  # the end token is scored too
            output[i] = Hypothesis(text.strip(), result.scores[0] * produced**LENGTH_PENALTY, produced)
        return output

