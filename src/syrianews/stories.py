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

from hashlib import sha1

import numpy as np

from .document.fold import label_words

SHINGLE = 3
NUM_PERM = 128
SEED = 13
SCHEME = "affine32"  # datasketch >= 2: its permutation scheme, named so that signatures stay comparable
THRESHOLD = 0.5
MIN_SHINGLES = 10
MAX_WORDS = 2000  # long bodies: the opening is enough to tell a copy

_PERMS = None
# MurmurHash3's 32-bit finalizer, the pre-mix of datasketch's "affine32" scheme
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _permutations() -> np.ndarray:
    """datasketch's (a, b) permutation parameters for NUM_PERM and SEED, made once as
    ``MinHash._init_permutations`` makes them for "affine32" (from ``RandomState(SEED)``: odd
    ``a``, any ``b``; tested equal). Not by importing datasketch: its import (scipy) would cost
    every worker process most of a second of CPU."""
    global _PERMS
    if _PERMS is None:
        gen = np.random.RandomState(SEED)
        a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
        _PERMS = np.array([a, b])
    return _PERMS


def _minhash():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)


def shingles(text: str) -> set[bytes]:
    """Word SHINGLE-grams of the folded text (its first MAX_WORDS words), UTF-8 encoded."""
    words = label_words(text)[:MAX_WORDS]  # the words of lexicons.fold(text)
    return {s.encode("utf-8") for s in map(" ".join, zip(*(words[k:] for k in range(SHINGLE))))}


def _hash_values(grams: set[bytes]) -> np.ndarray:
    """datasketch's MinHash values of ``grams`` (sha1_hash32 pre-mixed, then each permutation's
    minimum) in whole-array passes: the same numbers as ``MinHash.update_batch`` (tested)."""
    h = np.frombuffer(b"".join([sha1(g).digest()[:4] for g in grams]), dtype="<u4").astype(np.uint32).reshape(-1, 1)
    s1, m1, s2, m2, s3 = _FMIX32
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    h = h ^ (h >> s3)
    a, b = _permutations()
    return (h * a + b).min(axis=0)


def signature(body: str) -> bytes | None:
    """The MinHash of a body's shingles (``NUM_PERM`` uint64 as bytes), None when too short."""
    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return None
    return _hash_values(grams).astype(np.uint64).tobytes()


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


# datasketch's choice of (bands, rows per band) for (threshold, NUM_PERM), as MinHashLSH makes it
# (tested equal): its optimiser integrates with scipy, whose import would cost the build's
# articles step, the longest of the global steps, a third of a second
KNOWN_BANDS = {(0.5, 128): (25, 5)}


def _bands(threshold: float) -> list[tuple[int, int]]:
    """The LSH bands (ranges of signature positions) that :class:`StoryIndex` uses."""
    known = KNOWN_BANDS.get((threshold, NUM_PERM))
    if known is not None:
        b, r = known
        return [(i * r, (i + 1) * r) for i in range(b)]
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)


def story_roots(values: np.ndarray, threshold: float = THRESHOLD) -> tuple[np.ndarray, int]:
    """``(roots, pairs)`` for signatures ``values`` (one row of ``NUM_PERM`` uint64 per article,
    in build order): the row of the first article of each article's story, and how many
    articles joined an earlier story.

    The same as :meth:`StoryIndex.assign` row after row (same bands, same candidates, same
    similarity test, the earliest match wins), but with all signatures at hand: each band is
    grouped by sorting, so the index is a few int32 arrays (about 1.3 KiB an article with the
    signatures, against about 5 KiB in the LSH index, whose Python dicts and bytes keys are
    what made the build's article step grow with the corpus)."""
    n = len(values)
    roots = np.arange(n, dtype=np.int64)
    if n < 2:
        return roots, 0
    order_of, pos_of, earlier_of = [], [], []
    has_earlier = np.zeros(n, dtype=bool)
    for start, end in _bands(threshold):
        band = np.ascontiguousarray(values[:, start:end]).view(np.dtype((np.void, (end - start) * 8))).ravel()
        _, label = np.unique(band, return_inverse=True)
        label = label.ravel()
        order = np.argsort(label, kind="stable").astype(np.int32)  # by band value, then by row
        pos = np.empty(n, dtype=np.int32)
        pos[order] = np.arange(n, dtype=np.int32)
        first = np.searchsorted(label[order], label)  # where each row's group starts in `order`
        earlier = (pos - first).astype(np.int32)  # rows before this one with the same band
        if not earlier.any():
            continue
        has_earlier |= earlier > 0
        order_of.append(order)
        pos_of.append(pos)
        earlier_of.append(earlier)
    pairs = 0
    for j in np.flatnonzero(has_earlier):
        cands = np.unique(np.concatenate([o[p[j] - e[j] : p[j]] for o, p, e in zip(order_of, pos_of, earlier_of) if e[j]]))
        same = np.count_nonzero(values[cands] == values[j], axis=1)
        ok = cands[same / NUM_PERM >= threshold]  # the test of StoryIndex.assign
        if ok.size:
            roots[j] = roots[ok[0]]  # cands are sorted: the earliest similar article
            pairs += 1
    return roots, pairs
