"""Wire copies: the same story in several outlets with small edits, grouped by near-duplicate
text (``articles.story_id``).

Each article's body becomes a set of word :data:`SHINGLE`-grams on folded text (one alef, ه for
ة, no diacritics or punctuation), summarised by a MinHash of :data:`NUM_PERM` permutations
(datasketch, fixed seed: the same signature on any machine). Articles arrive in build order;
each one is compared, through an LSH index, with the earlier ones, and joins the story of the
earliest earlier article whose estimated Jaccard similarity is at least :data:`THRESHOLD`;
otherwise it starts a story of its own. ``story_id`` is the ``article_id`` of a story's first
article, so it is deterministic for a given input order, and an article alone is its own story.
Bodies shorter than :data:`MIN_SHINGLES` shingles are never grouped (too little text to tell).
"""
from __future__ import annotations

import numpy as np

from .lexicons import fold

SHINGLE = 3
NUM_PERM = 128
SEED = 13
SCHEME = "affine32"  # datasketch >= 2: its permutation scheme, named so that signatures stay comparable
THRESHOLD = 0.5
MIN_SHINGLES = 10
MAX_WORDS = 2000  # long bodies: the opening is enough to tell a copy

_PERMS = None


def _minhash():
    from datasketch import MinHash

    global _PERMS
    if _PERMS is None:
        _PERMS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMS, scheme=SCHEME)


def shingles(text: str) -> set[bytes]:
    words = fold(text).split()[:MAX_WORDS]
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(body: str) -> bytes | None:
    """The MinHash of a body's shingles (``NUM_PERM`` uint64 as bytes), None when too short."""
    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return None
    m = _minhash()
    m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint64).tobytes()


class StoryIndex:
    """Assigns story ids to articles in build order (see the module's docstring)."""

    def __init__(self, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.values: dict[str, np.ndarray] = {}
        self.order: dict[str, int] = {}
        self.story: dict[str, str] = {}
        self.pairs = 0  # articles that joined an earlier story

    def assign(self, article_id: str, sig: bytes | None) -> str:
        if sig is None:
            return article_id
        from datasketch import MinHash

        values = np.frombuffer(sig, dtype=np.uint64)
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, permutations=_minhash().permutations, scheme=SCHEME)
        best = None
        for other in self.lsh.query(m):
            similarity = float(np.count_nonzero(self.values[other] == values)) / NUM_PERM
            if similarity >= self.threshold and (best is None or self.order[other] < self.order[best]):
                best = other
        story = self.story[best] if best is not None else article_id
        self.pairs += best is not None
        self.lsh.insert(article_id, m)
        self.values[article_id] = values
        self.order[article_id] = len(self.order)
        self.story[article_id] = story
        return story
