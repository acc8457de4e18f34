"""Word-level normalisation and overlap of Arabic text, as the reference scorer defines them.

Quotes are matched by the words they share after removing diacritics and tatweel, folding
alef/yaa/taa-marbuta variants and dropping punctuation, so that spelling variants of the same
words count as the same words."""
from __future__ import annotations

import re
from collections import Counter

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ALEFS = re.compile("[إأآٱ]")
NON_WORD = re.compile(r"[^\w\s]")


def words(text: object) -> list[str]:
    """The normalised words of ``text`` (a non-string gives no words)."""
    text = DIACRITICS.sub("", text if isinstance(text, str) else "")
    text = ALEFS.sub("ا", text).replace("ى", "ي").replace("ة", "ه")
    return NON_WORD.sub(" ", text).split()


def key(text: object) -> str:
    """One normalised string, for looking titles up."""
    return " ".join(words(text))


def shared_words(a: list[str], b: list[str]) -> int:
    """Words two texts have in common, counted with multiplicity."""
    ca, cb = Counter(a), Counter(b)
    return sum(min(n, cb[w]) for w, n in ca.items())


def coverage(a: object, b: object) -> tuple[float, float]:
    """(share of a's words found in b, share of b's words found in a); (0, 0) if either is empty."""
    ta, tb = words(a), words(b)
    if not ta or not tb:
        return 0.0, 0.0
    common = shared_words(ta, tb)
    return common / len(ta), common / len(tb)


def overlap(a: object, b: object) -> float:
    """The smaller of the two coverages: 1.0 only when both texts hold the same words."""
    return min(coverage(a, b))
