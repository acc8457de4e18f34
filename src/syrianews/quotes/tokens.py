"""Tokens with offsets, a normalised key per token, and sentence limits: the shared footing of
the quote rules. Keys fold the spelling variants that Arabic news pages mix freely
(أ/إ/آ/ا, ى/ي, ة/ه, diacritics, tatweel), so a lexicon entry matches however a page spells it.

The tokeniser, the folding and the sentence splitter are the package's own
(:mod:`syrianews.document`); the body of an article is tokenised once, by its
:class:`~syrianews.document.Document`. :func:`tokenize` here is for short phrases (speaker
names), cached since the rules ask for the same ones many times."""
from __future__ import annotations

from functools import lru_cache

from ..document.fold import fold as norm
from ..document.tokens import Token, count_words, sentence_ends, words

CLITICS = ("و", "ف")
SPACES = " \t\u00a0\u200f\u200e"  # what may stand between two words of one phrase (not a newline)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of a phrase (the result is an immutable tuple, safe to share)."""
    return words(text)


def strip_clitic(key: str) -> list[str]:
    """The key and its variants without a leading و/ف (وقال → قال, فإنه → إنه)."""
    out = [key]
    if len(key) > 2 and key[0] in CLITICS:
        out.append(key[1:])
    return out


def only_space_between(text: str, a: int, b: int) -> bool:
    """Nothing but spaces between a and b (a newline ends a paragraph, so it counts)."""
    return not text[a:b].strip(SPACES)


__all__ = ["CLITICS", "SPACES", "Token", "count_words", "norm", "only_space_between", "sentence_ends", "strip_clitic", "tokenize"]
