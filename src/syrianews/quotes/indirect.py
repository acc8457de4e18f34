"""Reported speech: the clause after إن / أن / بأن that a verb of saying governs.

The clause runs from the first word after the complementiser (a pronoun glued to it, أنه،
بأنها, is not part of the quote) to the end of the sentence, or to the point where a new act of
saying takes over after a comma (، مشيرا إلى أن ...، في إشارة إلى ...)."""
from __future__ import annotations

from .tokens import Token

_BASES = ("ان", "انه", "انها", "انهم", "انهما", "انني", "اننا", "انكم", "انك")
COMPLEMENTISERS = frozenset(_BASES) | frozenset("ب" + b for b in _BASES) | frozenset("ف" + b for b in _BASES)
_TRAILING = " \t\n.،,؛;:-–—"


def is_complementiser(tok: Token) -> bool:
    return tok.key in COMPLEMENTISERS


def clause_end(text: str, start: int, limit: int, boundaries: list[int], open_marks: set[int], close_marks: set[int]) -> int:
    """Where a clause starting at ``start`` ends: the first boundary before ``limit``, with
    trailing punctuation and closing marks that close nothing inside the clause trimmed."""
    end = limit
    for b in boundaries:
        if start < b < end:
            end = b
            break
    return trim_end(text, start, end, open_marks, close_marks)


def trim_end(text: str, start: int, end: int, open_marks: set[int], close_marks: set[int]) -> int:
    depth_open = sum(1 for i in open_marks if start <= i < end)
    while end > start:
        ch = text[end - 1]
        if ch in _TRAILING or (ch == ")" and "(" not in text[start : end - 1]):
            end -= 1
        elif (end - 1) in close_marks or (ch in "\"“”»" and (end - 1) not in open_marks):
            # a closing mark: keep it only if it closes a mark opened inside the clause
            closes_inside = sum(1 for i in close_marks if start <= i < end - 1) < depth_open
            if closes_inside and (end - 1) in close_marks:
                break
            end -= 1
        else:
            break
    return end


def trim_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t\n:،,":
        start += 1
    return start


def outside_words(tokens: list[Token], start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """How many words of [start, end) stand outside the given quote spans."""
    n = 0
    for t in tokens:
        if t.start >= start and t.end <= end and not any(a <= t.start and t.end <= b for a, b in spans):
            n += 1
    return n


__all__ = ["COMPLEMENTISERS", "is_complementiser", "clause_end", "trim_end", "trim_start", "outside_words"]
