"""Tokens and sentences with offsets, and the letter folding the lexicons are written in."""
from __future__ import annotations

import re
from typing import NamedTuple

# punctuation stripped from the edges of a token (quotes, brackets, commas ...)
_EDGE = "\"'“”«»‘’()[]{}<>،,؛;:.!?؟…-–—_*/\\|"
_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?؟؛;]+(?=\s|$|[\"”»'])|\n")
_BOUNDARY = set("،,:؛;")


_FOLD_TABLE = {
    **{cp: None for a, b in ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640)) for cp in range(a, b + 1)},
    **{ord(c): "ا" for c in "إأآٱ"},
    ord("ى"): "ي",
}


def fold(word: str) -> str:
    """Spelling-insensitive form of a word: no diacritics or tatweel, one alef, ي for ى.

    ة is kept (it tells متهمة from a clitic ه). One C-level pass (a translate table)."""
    return word.translate(_FOLD_TABLE)


class Token(NamedTuple):
    """A word of a sentence (a named tuple: sentences have many, built fast)."""

    text: str  # the word as written, edge punctuation stripped
    start: int  # offsets of ``text`` in the unit
    end: int
    key: str  # folded ``text``
    open_before: str  # punctuation stripped from the left edge
    close_after: str  # punctuation stripped from the right edge

    @property
    def boundary_after(self) -> bool:
        """A comma, colon or semicolon ends the phrase after this token."""
        return any(c in _BOUNDARY for c in self.close_after)


_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of a named tuple


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]`` with offsets into ``text``; pure punctuation is dropped."""
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        core = raw.strip(_EDGE)
        if not core:
            continue
        left = raw.index(core)  # the first occurrence is right after the stripped edge
        s = m.start() + left
        out.append(_new_token(Token, (core, s, s + len(core), core.translate(_FOLD_TABLE), raw[:left], raw[left + len(core):])))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text`` (end excludes the final stop)."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.end() if m.group() != "\n" else m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans
