"""The tokeniser and sentence splitters of the package, with offsets into the text they cut.

Two granularities of one text, both computed once per article by :class:`~syrianews.document.Document`:

- *words* (:class:`Token`): runs of letters and digits with their diacritics, each with its
  folded key. The quote rules work on these (a quotation mark or a comma is never inside one).
- *chunks* (:class:`Chunk`): whitespace-delimited words with the punctuation at their edges
  kept beside them (``(سانا)`` → ``سانا`` with ``(`` before and ``)`` after). The accusation
  rules read phrase limits (commas, brackets, quotation marks) off these edges; their keys keep
  ة (see :func:`~syrianews.document.fold.fold`).

Every builder uses C-level passes only (one split or one ``finditer``, one translate for all
keys): an article has thousands of tokens, and the build carries millions of articles.
"""
from __future__ import annotations

import operator
import re
from itertools import accumulate, repeat
from operator import methodcaller
from typing import NamedTuple

from .fold import DIACRITICS_CLASS, TATWEEL, fold

# words with their diacritics: maximal runs of letters/digits and marks (runs of each kind in
# turn: the same matches as one alternation per character, in fewer steps)
_WORD = re.compile(f"(?:[^\\W_]+|[{DIACRITICS_CLASS}{TATWEEL}]+)+")
_SPLIT = re.compile(f"({_WORD.pattern})")  # gap, word, gap, word, ..., gap
_new = tuple.__new__  # a named tuple without its Python-level __new__


class Token(NamedTuple):
    """A word with its offsets (a named tuple: articles have thousands, built fast)."""

    i: int
    start: int
    end: int
    text: str
    key: str  # folded


def split_words(text: str) -> list[str]:
    """``text`` cut into gap, word, gap, word, ..., gap (what :func:`words_of` and
    :func:`joined_by` read; a document cuts its body once)."""
    return _SPLIT.split(text)


def words(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with offsets and keys."""
    return words_of(_SPLIT.split(text))


def joined_by(parts: list[str], chars: str) -> list[bool]:
    """For each word of ``parts`` (see :func:`split_words`), whether only ``chars`` stand between
    it and the word before (False for the first word): one C-level strip per gap."""
    gaps = parts[2:-1:2]  # the gap before word k is parts[2k]
    return [False, *map(operator.not_, map(methodcaller("strip", chars), gaps))] if len(parts) > 1 else []


def words_of(parts: list[str]) -> tuple[Token, ...]:
    """The words of a text cut by :func:`split_words`, with offsets and keys."""
    found = parts[1::2]
    n = len(found)
    if not n:
        return ()
    offsets = list(accumulate(map(len, parts)))  # offsets[2k] = start of word k, offsets[2k+1] = its end
    keys = fold("\x00".join(found)).split("\x00")
    return tuple(map(_new, repeat(Token, n), zip(range(n), offsets[0::2], offsets[1::2], found, keys)))


def count_words(text: str) -> int:
    """How many words :func:`words` would find, without building them."""
    return len(_WORD.findall(text))


# a sentence ends at . ! ? ؟ followed by space, a quote mark or the end (not "..", not 1.5)
_SENT_END = re.compile(r"(?<!\.)[.!?؟](?!\.)(?=[\s\"“”«»„)]|$)")
_NEWLINE = re.compile("\n")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-final mark or at each newline (the quote rules' sentences)."""
    ends = [m.end() for m in _SENT_END.finditer(text)]
    ends += [m.start() for m in _NEWLINE.finditer(text)]
    return sorted(set(ends))


def newlines(text: str) -> list[int]:
    """Offsets of the newlines of ``text`` (paragraph breaks of a body)."""
    return [m.start() for m in _NEWLINE.finditer(text)]


# -- chunks --------------------------------------------------------------------------------
_CHUNK = re.compile(r"\S+")
# punctuation stripped from the edges of a chunk (quotes, brackets, commas ...)
EDGE = "\"'“”«»‘’()[]{}<>،,؛;:.!?؟…-–—_*/\\|"
_BOUNDARY = set("،,:؛;")


class Chunk(NamedTuple):
    """A whitespace-delimited word with its edge punctuation (a named tuple: built fast)."""

    text: str  # the word as written, edge punctuation stripped
    start: int  # offsets of ``text`` in the unit
    end: int
    key: str  # folded ``text``, ة kept
    open_before: str  # punctuation stripped from the left edge
    close_after: str  # punctuation stripped from the right edge

    @property
    def boundary_after(self) -> bool:
        """A comma, colon or semicolon ends the phrase after this token."""
        return any(c in _BOUNDARY for c in self.close_after)


# one whitespace-delimited word as (left edge)(core)(right edge): the edges are the longest runs
# of EDGE characters at its ends (what str.strip(EDGE) removes), the core runs from the first
# to the last other character (None: the word is pure punctuation)
_EDGE_CLASS = "[" + re.escape(EDGE) + "]"
_CHUNK_PARTS = re.compile(f"(?=\\S)({_EDGE_CLASS}*)(\\S*[^\\s{re.escape(EDGE)}])?({_EDGE_CLASS}*)")


def chunks(text: str, start: int = 0, end: int | None = None) -> list[Chunk]:
    """Chunks of ``text[start:end]`` with offsets into ``text``; pure punctuation is dropped."""
    end = len(text) if end is None else end
    found = [m for m in _CHUNK_PARTS.finditer(text, start, end) if m.start(2) >= 0]
    if not found:
        return []
    cores = [m[2] for m in found]
    keys = fold("\x00".join(cores), ta_marbuta=True).split("\x00")
    if len(keys) != len(cores):  # a NUL inside a word: key each word on its own
        keys = [fold(c, ta_marbuta=True) for c in cores]
    return [_new(Chunk, (core, m.start(2), m.end(2), key, m[1], m[3])) for m, core, key in zip(found, cores, keys)]


_CHUNK_SENTENCE_END = re.compile(r"[.!?؟؛;]+(?=\s|$|[\"”»'])|\n")


def chunk_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of a title or paragraph for the accusation rules
    (end excludes the final stop). Unlike :func:`sentence_ends` a semicolon ends a sentence:
    the accusation frames do not cross it."""
    spans, pos = [], 0
    for m in _CHUNK_SENTENCE_END.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.end() if m.group() != "\n" else m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


__all__ = ["Chunk", "EDGE", "Token", "chunk_sentences", "chunks", "count_words", "fold", "joined_by", "newlines", "sentence_ends", "split_words", "words", "words_of"]
