"""A bounded memo of per-word look-ups, probed for a whole token list at once.

The extractors ask the same questions of every token (is it a verb of saying, can it be part
of a name). Word frequencies are Zipfian, so a plain dict answers most probes, but a corpus of
millions of articles has an unbounded vocabulary and a worker must stay small. Clearing a full
dict (what this replaced) throws away the frequent words too and recomputes them at once; two
generations keep them: a full young generation becomes the old one, and a hit in the old one
is promoted back. At most ``2 * size`` entries are held.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from itertools import repeat
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Missing:
    """The marker of a key not looked up yet (``None`` is a valid cached value)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


class WordCache(Generic[K, V]):
    """``compute(key)`` memoised for keys probed in bulk, bounded to ``2 * size`` entries."""

    __slots__ = ("size", "compute", "_young", "_old")

    def __init__(self, compute: Callable[[K], V], size: int = 50_000) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self.compute = compute
        self._young: dict[K, V] = {}
        self._old: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._young) + len(self._old)

    def get_many(self, keys: Sequence[K]) -> list[V]:
        """``compute`` of each key, in order; one C-level pass when every key is young."""
        out: list = list(map(self._young.get, keys, repeat(MISSING)))
        if MISSING in out:
            for j, v in enumerate(out):
                if v is MISSING:
                    out[j] = self[keys[j]]
        return out

    def __getitem__(self, key: K) -> V:
        young = self._young
        v = young.get(key, MISSING)
        if v is MISSING:
            v = self._old.get(key, MISSING)
            if v is MISSING:
                v = self.compute(key)
            if len(young) >= self.size:  # age: the young generation becomes the old one
                self._old = young
                self._young = young = {}
            young[key] = v
        return v  # type: ignore[return-value]
