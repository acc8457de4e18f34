"""Tokens and sentences with offsets, and the letter folding the lexicons are written in: the
package's own (:mod:`syrianews.document`), in the accusation rules' granularity (chunks with
their edge punctuation; keys keep ة, which tells متهمة from a clitic ه)."""
from __future__ import annotations

from ..document.fold import fold as _fold
from ..document.tokens import Chunk as Token
from ..document.tokens import chunk_sentences as sentences
from ..document.tokens import chunks as tokenize


def fold(word: str) -> str:
    """Spelling-insensitive form of a word: no diacritics or tatweel, one alef, ي for ى; ة kept."""
    return _fold(word, ta_marbuta=True)


__all__ = ["Token", "fold", "sentences", "tokenize"]
