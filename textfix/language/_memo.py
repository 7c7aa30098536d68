"""A memo of per-word (or per-string) values that stays bounded however many documents pass through."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["Memo"]

V = TypeVar("V")

_LIMIT = 1 << 17  # about 130,000 words: every word a corpus repeats; a few tens of MB at worst


class Memo(dict[str, V]):
    """Word (or any string) → ``compute(word)``, filled on first use and emptied when it holds ``limit``.

    A dict subclass with ``__missing__`` so that a hit is a dict lookup done in C
    (``map(memo.__getitem__, words)``), which ``lru_cache`` with a tuple key is not.

    >>> lengths = Memo(len, limit=2)
    >>> lengths["die"], lengths["Ukraine"], sorted(lengths)
    (3, 7, ['Ukraine', 'die'])
    >>> lengths["NATO"], sorted(lengths)
    (4, ['NATO'])
    """

    def __init__(self, compute: Callable[[str], V], limit: int = _LIMIT) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, word: str) -> V:
        if len(self) >= self._limit:
            self.clear()
        value = self[word] = self._compute(word)
        return value
