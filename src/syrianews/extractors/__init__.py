"""Extractors: one module each, run in order on every article.

An extractor is an object with

- ``name``: a short name,
- ``tables``: the table names it fills (schemas in :mod:`syrianews.schema`),
- ``extract(article, found) -> dict[str, list[dict]]``: pure; ``found`` holds the rows that
  earlier extractors produced for this same article (e.g. ``found["mentions"]``), so the quote
  extractor can reuse the mentions and the accusation extractor the quotes.

``build_extractors(config)`` makes them once per worker process. Adding an extractor is a
matter of one module and one line here.
"""
from __future__ import annotations

from typing import Any, Protocol

from ..records import Article


class Extractor(Protocol):
    name: str
    tables: tuple[str, ...]

    def extract(self, article: Article, found: dict[str, list[dict]]) -> dict[str, list[dict]]: ...


def build_extractors(config: dict[str, Any]) -> list[Extractor]:
    """Instantiate the pipeline's extractors, in dependency order."""
    from .links import LinkExtractor

    extractors: list[Extractor] = [LinkExtractor()]
    from ..actors import MentionExtractor
    extractors.append(MentionExtractor(extra_files=config.get("actors_files", [])))
    from ..quotes import QuoteExtractor
    extractors.append(QuoteExtractor(catalogue=getattr(extractors[-1], "catalogue", None)))  # reads the mentions rows
    from ..accusations import AccusationExtractor
    extractors.append(AccusationExtractor(config))  # last: reads the mentions and quotes rows
    only = config.get("extractors")  # None: all; a list of names: just those (benchmarks)
    return [e for e in extractors if only is None or e.name in only]
