"""Tokens and sentences with offsets, and the letter folding the lexicons are written in."""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = re.compile("[إأآٱ]")
_TOKEN = re.compile(r"\S+")
# punctuation stripped from the edges of a token (quotes, brackets, commas ...)
_EDGE = "\"'“”«»‘’()[]{}<>،,؛;:.!?؟…-–—_*/\\|"
_SENTENCE_END = re.compile(r"[.!?؟؛;]+(?=\s|$|[\"”»'])|\n")
_BOUNDARY = set("،,:؛;")


def fold(word: str) -> str:
    """Spelling-insensitive form of a word: no diacritics or tatweel, one alef, ي for ى.

    ة is kept (it tells متهمة from a clitic ه)."""
    word = _DIACRITICS.sub("", word)
    return _ALEF.sub("ا", word).replace("ى", "ي")


@dataclass(frozen=True)
class Token:
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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of ``text[start:end]`` with offsets into ``text``; pure punctuation is dropped."""
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        left = len(raw) - len(raw.lstrip(_EDGE))
        core = raw.strip(_EDGE)
        if not core:
            continue
        s = m.start() + left
        e = s + len(core)
        out.append(Token(core, s, e, fold(core), raw[:left], raw[left + len(core):]))
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
