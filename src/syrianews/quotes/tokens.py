"""Tokens with offsets, a normalised key per token, and sentence limits: the shared footing of
the quote rules. Keys fold the spelling variants that Arabic news pages mix freely
(أ/إ/آ/ا, ى/ي, ة/ه, diacritics, tatweel), so a lexicon entry matches however a page spells it."""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = re.compile("[إأآٱ]")
_TOKEN = re.compile("(?:[^\\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")  # words with their diacritics
# a sentence ends at . ! ? ؟ followed by space, a quote mark or the end (not "..", not 1.5)
_SENT_END = re.compile(r"(?<!\.)[.!?؟](?!\.)(?=[\s\"“”«»„)]|$)")
CLITICS = ("و", "ف")


def norm(text: str) -> str:
    """Spelling-insensitive key of a word or phrase."""
    text = _DIACRITICS.sub("", text)
    text = _ALEF.sub("ا", text)
    return text.replace("ى", "ي").replace("ة", "ه")


@dataclass(frozen=True)
class Token:
    i: int
    start: int
    end: int
    text: str
    key: str  # normalised


def tokenize(text: str) -> list[Token]:
    return [Token(i, m.start(), m.end(), m.group(), norm(m.group())) for i, m in enumerate(_TOKEN.finditer(text))]


def strip_clitic(key: str) -> list[str]:
    """The key and its variants without a leading و/ف (وقال → قال, فإنه → إنه)."""
    out = [key]
    if len(key) > 2 and key[0] in CLITICS:
        out.append(key[1:])
    return out


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-final mark or at each newline."""
    ends = [m.end() for m in _SENT_END.finditer(text)]
    ends += [i for i, ch in enumerate(text) if ch == "\n"]
    return sorted(set(ends))


def only_space_between(text: str, a: int, b: int) -> bool:
    """Nothing but spaces between a and b (a newline ends a paragraph, so it counts)."""
    return not text[a:b].strip(" \t\u00a0\u200f\u200e")
