"""The shapes that flow through the pipeline: reader → article → extractors → tables.

Readers yield :class:`RawRecord` (or :class:`Rejection`); :func:`syrianews.articles.to_article`
turns a record into an :class:`Article`; extractors read an article and return table rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawRecord:
    """One raw article as a reader found it, before any cleaning."""

    source_file: str  # path relative to the build input, ``archive.zip!member.json`` inside archives
    record_index: int  # position of the record inside its file (0 for a one-article file)
    fields: dict[str, Any]  # raw field values, keyed by the reader's field names
    fmt: str  # "pagedump", "json", "jsonl", "html", "warc"


@dataclass(frozen=True)
class Rejection:
    """A raw record (or whole file) that did not become an article, and why."""

    source_file: str
    record_index: int | None  # None when the whole file was unreadable
    reason: str  # short code: empty, not_an_article, undecodable, malformed_json, ...
    detail: str = ""
    snippet: str = ""


@dataclass(frozen=True)
class Tally:
    """A record a reader saw and counted, that is no article (a crawl's request, metadata,
    warcinfo or revisit record): counted in the manifest, not rejected."""

    source_file: str
    record_index: int
    kind: str  # e.g. ``warc_request``; WARC responses are tallied too (``warc_response``)


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article. ``body`` is ``"\\n".join(paragraphs)``; offsets in other tables index it."""

    article_id: str
    title: str | None
    paragraphs: tuple[str, ...]
    outlet: str | None = None
    site_name: str | None = None
    source: str | None = None  # corpus-level source code (e.g. SaudiNewsNet's ``aawsat``)
    author: str | None = None
    published: Any = None  # datetime.datetime (naive, UTC) or None
    published_raw: str | None = None  # the date as the source gave it
    crawled: Any = None  # when a crawler fetched it (SaudiNewsNet's date_extracted, WARC-Date)
    tags: str | None = None  # a trailing keyword line, moved out of the body
    url: str | None = None
    language: str = "ar"
    source_file: str = ""
    record_index: int = 0
    content_hash: str = ""
    fmt: str = ""
    related: tuple[RelatedLink, ...] = field(default_factory=tuple)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def paragraph_starts(self) -> list[int]:
        """Offset in ``body`` where each paragraph starts (for paragraph indices of spans)."""
        starts, pos = [], 0
        for p in self.paragraphs:
            starts.append(pos)
            pos += len(p) + 1
        return starts
