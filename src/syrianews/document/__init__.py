"""One analysis of an article, shared by every extractor (like spaCy's ``Doc``).

A :class:`Document` is made once per article by the pipeline and handed to each extractor in
turn. What the rules read is computed here once, lazily, and kept: the normalised title and
body with their index maps back to the raw text (the actor matcher), the body's words with
offsets and keys, its sentences, paragraphs and quotation marks (the quote rules), the chunks
and sentences of each title and paragraph (the accusation rules). Extractors add what they find
(``mentions``, ``quotes``) for the ones after them; :mod:`syrianews.extractors` checks that each
extractor runs after those that assign what it requires.

Letter folding and tokenising live in :mod:`.fold` and :mod:`.tokens`: one implementation each
for the whole package.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..records import Article
from .fold import fold, fold_label
from .tokens import Chunk, Token, chunk_sentences, chunks, count_words, joined_by, newlines, sentence_ends, split_words, words, words_of

if TYPE_CHECKING:
    from ..actors.normalize import Normalized
    from ..quotes.marks import MarkScan


class Document:
    """An article with everything the extractors read, each part computed once.

    ``mentions`` and ``quotes`` are ``None`` until the extractor that assigns them has run;
    they hold that extractor's rows (mention rows index ``title`` or ``body`` by offsets)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.title: str = article.title or ""
        self.body: str = article.body
        self.mentions: list[dict[str, Any]] | None = None
        self.quotes: list[dict[str, Any]] | None = None

    @classmethod
    def of(cls, item: "Article | Document") -> "Document":
        """The document of an article (extractors also accept a bare article, as in tests)."""
        return item if isinstance(item, Document) else cls(item)

    # -- the actor matcher's view ----------------------------------------------------------
    @cached_property
    def title_normalized(self) -> "Normalized":
        from ..actors.normalize import normalize

        return normalize(self.title)

    @cached_property
    def body_normalized(self) -> "Normalized":
        from ..actors.normalize import normalize

        return normalize(self.body)

    # -- paragraphs ------------------------------------------------------------------------
    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Offset in ``body`` where each paragraph starts."""
        return [0] + [i + 1 for i in newlines(self.body)]

    # -- the quote rules' view -------------------------------------------------------------
    @cached_property
    def _parts(self) -> list[str]:
        return split_words(self.body)

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """The body's words with offsets and folded keys."""
        return words_of(self._parts)

    @cached_property
    def joined(self) -> list[bool]:
        """Per word of :attr:`words`: only spaces (no newline, no punctuation) between it and the
        word before, i.e. both belong to one phrase (the name rules ask this of every word)."""
        from ..quotes.tokens import SPACES

        return joined_by(self._parts, SPACES)

    @cached_property
    def sentence_ends(self) -> list[int]:
        return sentence_ends(self.body)

    @cached_property
    def marks(self) -> "MarkScan":
        """The body's quotation marks, paired (:mod:`syrianews.quotes.marks`)."""
        from ..quotes.marks import scan

        return scan(self.body)

    # -- the accusation rules' view --------------------------------------------------------
    def unit_sentences(self, unit: str) -> list[tuple[int, int]]:
        """Sentence spans of a title or paragraph (cached per unit text)."""
        cache = self.__dict__.setdefault("_unit_sentences", {})
        out = cache.get(unit)
        if out is None:
            out = cache[unit] = chunk_sentences(unit)
        return out

    def unit_chunks(self, unit: str, start: int, end: int) -> list[Chunk]:
        """Chunks of one sentence ``unit[start:end]`` of a title or paragraph (cached)."""
        cache = self.__dict__.setdefault("_unit_chunks", {})
        key = (unit, start, end)
        out = cache.get(key)
        if out is None:
            out = cache[key] = chunks(unit, start, end)
        return out


__all__ = ["Chunk", "Document", "Token", "chunks", "count_words", "fold", "fold_label", "sentence_ends", "words"]
