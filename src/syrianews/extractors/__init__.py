"""Extractors: one module each, run in order on every article.

An extractor is an object with

- ``name``: a short name,
- ``tables``: the table names it fills (schemas in :mod:`syrianews.schema`),
- ``requires`` / ``assigns``: the parts of the article's :class:`~syrianews.document.Document`
  it reads from earlier extractors and the ones it sets for later ones (as spaCy's pipeline
  components declare them): the quote extractor requires the ``mentions`` (speaker actors),
  the accusation extractor the ``mentions`` and the ``quotes`` (accusers inside quotes);
- ``extract(doc, found) -> dict[str, list[dict]]``: pure; ``doc`` is the shared analysis of one
  article (built once by the pipeline; a bare :class:`~syrianews.records.Article` is accepted
  too), ``found`` the rows earlier extractors produced for it, by table.

``build_extractors(config)`` makes them once per worker process and checks their order: a
subset that leaves out what another one requires is refused (:class:`ExtractorOrderError`)
instead of silently producing quotes without speaker actors. Adding an extractor is a matter
of one module and one line here.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..records import Article

ORDER = ("links", "mentions", "quotes", "accusations")  # the pipeline's extractors, in run order


class Extractor(Protocol):
    name: str
    tables: tuple[str, ...]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def extract(self, article: Article, found: dict[str, list[dict]]) -> dict[str, list[dict]]: ...


class ExtractorOrderError(ValueError):
    """The extractors asked for cannot run in this order or without the ones they need."""


def check_order(extractors: Sequence[Any]) -> None:
    """Every extractor must come after those that assign what it requires."""
    assigned: dict[str, str] = {}
    for ex in extractors:
        missing = [r for r in getattr(ex, "requires", ()) if r not in assigned]
        if missing:
            raise ExtractorOrderError(
                f"the {ex.name!r} extractor requires {', '.join(missing)} from an earlier extractor, "
                f"which is not run before it (extractors in order: {', '.join(e.name for e in extractors)}); "
                "add the one that assigns it or run all extractors"
            )
        for a in getattr(ex, "assigns", ()):
            assigned[a] = ex.name


def select(names: Iterable[str] | None) -> list[str]:
    """The extractor names to run, in pipeline order (None: all); unknown names are an error."""
    if names is None:
        return list(ORDER)
    wanted = list(names)
    unknown = [n for n in wanted if n not in ORDER]
    if unknown:
        raise ExtractorOrderError(f"unknown extractor(s) {', '.join(unknown)}; known: {', '.join(ORDER)}")
    return [n for n in ORDER if n in wanted]


def build_extractors(config: Any) -> list[Extractor]:
    """Instantiate the pipeline's extractors (all, or ``config["extractors"]``), in dependency
    order, after checking that order."""
    names = select(config.get("extractors"))
    extractors: list[Extractor] = []
    catalogue = None
    if "links" in names:
        from .links import LinkExtractor

        extractors.append(LinkExtractor())
    if "mentions" in names or "quotes" in names:
        from ..actors import MentionExtractor

        mentions = MentionExtractor(extra_files=config.get("actors_files", []))
        catalogue = mentions.catalogue  # the quote extractor tells persons from states with it
        if "mentions" in names:
            extractors.append(mentions)
    if "quotes" in names:
        from ..quotes import QuoteExtractor

        extractors.append(QuoteExtractor(catalogue=catalogue))
    if "accusations" in names:
        from ..accusations import AccusationExtractor

        extractors.append(AccusationExtractor(config))
    check_order(extractors)
    return extractors
