"""Which articles are about Syria, and which date an article can honestly be plotted by.

Syria: the build's ``articles.syria`` flag where the build has it (the inputs issue adds it);
until then an interim, documented selection on the text: an article is about Syria when its
title names Syria, a Syrian place or a Syrian party (``data/syria_terms.txt``) or its body
does so at least twice. Terms match as whole words after the clitics و ف ب ل ك, with the
article ال exactly where the term is written with it. :func:`describe` says which of the two a figure used, and how many articles that is.

Dates: SaudiNewsNet's ``published`` is the day the page was crawled (it equals the archive's
date for every article, with gaps and backlog days), not a publication date. A build with a
``crawled`` column says so itself; otherwise :func:`article_dates` names the date for what it
may be, never "publication date".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..lexicons import word_list

FLAG = "syria"
TITLE_MIN, BODY_MIN = 1, 2
_LETTER = "\u0621-\u064a"
_ALEFS = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]"}


@lru_cache(maxsize=None)
def syria_pattern() -> re.Pattern:
    """Whole-word matcher of the Syria terms, with clitics and ال allowed in front."""
    terms = sorted(word_list("syria_terms.txt"), key=len, reverse=True)

    def alternation(words: list[str]) -> str:
        return "|".join("".join(_ALEFS.get(c, re.escape(c)) for c in w) for w in words)

    defined = [t[2:] for t in terms if t.startswith("ال")]  # written with ال: the article is required
    bare = [t for t in terms if not t.startswith("ال")]  # written without: no article allowed
    # clitics, then the article (or the ل left of it in لل) where the term has one; no letter either side
    return re.compile(
        rf"(?<![{_LETTER}])[وفبكل]{{0,2}}(?:(?:ال|ل)(?:{alternation(defined)})|(?:{alternation(bare)}))(?![{_LETTER}])"
    )


def count_terms(texts: pd.Series) -> pd.Series:
    """Number of Syria-term occurrences in each text (null text: 0)."""
    pattern = syria_pattern()
    return texts.fillna("").map(lambda t: len(pattern.findall(t))).astype(int)


def interim_syria(articles: pd.DataFrame) -> pd.Series:
    """The interim rule on ``title`` and ``body``: title >= 1 term or body >= 2 terms."""
    title = count_terms(articles["title"]) >= TITLE_MIN
    body = count_terms(articles["body"]) >= BODY_MIN if "body" in articles else False
    return (title | body).rename(FLAG)


def has_flag(articles: pd.DataFrame) -> bool:
    return FLAG in articles.columns and articles[FLAG].notna().any()


def syria_mask(articles: pd.DataFrame) -> pd.Series:
    """True for the articles about Syria: the build's flag when present, else the interim rule."""
    if has_flag(articles):
        return articles[FLAG].fillna(False).astype(bool)
    return interim_syria(articles)


@dataclass(frozen=True)
class Selection:
    """The Syria subset of a build: its mask over ``articles`` and how it was chosen."""

    mask: pd.Series
    source: str  # "flag" or "interim"

    @property
    def n(self) -> int:
        return int(self.mask.sum())

    def describe(self) -> str:
        total = len(self.mask)
        how = ("the build's `syria` flag" if self.source == "flag" else
               "the interim text rule (title names Syria or a Syrian place/party, or the body does twice; "
               "`syrianews.analysis.selection`), until the build has the `syria` flag")
        share = f" ({self.n / total:.1%})" if total else ""
        return f"Syria subset: {self.n} of {total} articles{share}, selected by {how}."


def select(articles: pd.DataFrame) -> Selection:
    """The Syria selection of ``articles`` (which needs ``title`` and ``body`` without the flag)."""
    if has_flag(articles):
        return Selection(syria_mask(articles), "flag")
    return Selection(interim_syria(articles), "interim")


def article_dates(articles: pd.DataFrame) -> tuple[pd.Series, str]:
    """The date to plot articles by, and its honest axis label.

    ``crawled`` (the day the page was collected) when the build has it; else ``published``
    labelled as "date in the source record", since for SaudiNewsNet that is the crawl day.
    """
    if "crawled" in articles.columns and articles["crawled"].notna().any():
        return pd.to_datetime(articles["crawled"]), "Crawl day (when the page was collected, not published)"
    return pd.to_datetime(articles["published"]), "Date in the source record (SaudiNewsNet: the crawl day)"
