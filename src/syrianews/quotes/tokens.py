"""Tokens with offsets, a normalised key per token, and sentence limits: the shared footing of
the quote rules. Keys fold the spelling variants that Arabic news pages mix freely
(أ/إ/آ/ا, ى/ي, ة/ه, diacritics, tatweel), so a lexicon entry matches however a page spells it."""
from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache
from itertools import accumulate, repeat

_TOKEN = re.compile("(?:[^\\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")  # words with their diacritics
# a sentence ends at . ! ? ؟ followed by space, a quote mark or the end (not "..", not 1.5)
_SENT_END = re.compile(r"(?<!\.)[.!?؟](?!\.)(?=[\s\"“”«»„)]|$)")
_NEWLINE = re.compile("\n")
CLITICS = ("و", "ف")
_NORM_TABLE = {
    **{cp: None for a, b in ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640)) for cp in range(a, b + 1)},
    **{ord(c): "ا" for c in "إأآٱ"},
    ord("ى"): "ي",
    ord("ة"): "ه",
}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Spelling-insensitive key of a word or phrase (one C-level pass: a translate table)."""
    return text.translate(_NORM_TABLE)


class Token(NamedTuple):
    """A word with its offsets (a named tuple: articles have thousands, built fast)."""

    i: int
    start: int
    end: int
    text: str
    key: str  # normalised


_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of a named tuple
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # gap, word, gap, word, ..., gap


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of a text; cached, since the rules tokenise the same short phrases many times
    (the result is an immutable tuple, safe to share). Built with C-level passes only: one
    split, running offsets, one translate for all keys."""
    parts = _SPLIT.split(text)
    words = parts[1::2]
    n = len(words)
    if not n:
        return ()
    offsets = list(accumulate(map(len, parts)))  # offsets[2k] = start of word k, offsets[2k+1] = its end
    keys = "\x00".join(words).translate(_NORM_TABLE).split("\x00")
    return tuple(map(_new_token, repeat(Token, n), zip(range(n), offsets[0::2], offsets[1::2], words, keys)))


def count_words(text: str) -> int:
    """How many tokens ``tokenize`` would find, without building them."""
    return len(_TOKEN.findall(text))


def strip_clitic(key: str) -> list[str]:
    """The key and its variants without a leading و/ف (وقال → قال, فإنه → إنه)."""
    out = [key]
    if len(key) > 2 and key[0] in CLITICS:
        out.append(key[1:])
    return out


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-final mark or at each newline."""
    ends = [m.end() for m in _SENT_END.finditer(text)]
    ends += [m.start() for m in _NEWLINE.finditer(text)]
    return sorted(set(ends))


def only_space_between(text: str, a: int, b: int) -> bool:
    """Nothing but spaces between a and b (a newline ends a paragraph, so it counts)."""
    return not text[a:b].strip(" \t\u00a0\u200f\u200e")
