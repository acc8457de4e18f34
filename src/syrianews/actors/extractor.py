"""The ``mentions`` table: every catalogue actor named in an article's title and body."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

import csv
from functools import lru_cache
from importlib import resources

from ..document import Document
from ..records import Article
from .catalogue import Catalogue, load_catalogue
from .matcher import PROCLITICS, ActorMatcher, Match
from .normalize import normalize, normalize_key


@lru_cache(maxsize=1)
def outlet_names() -> dict[str, frozenset[str]]:
    """Each outlet's own names (``data/outlet_names.csv``): its site name in its own text is
    not a mention (ANNOTATION.md), e.g. الجزيرة in al-Jazirah, واس in the SPA wire."""
    text = (resources.files("syrianews") / "data" / "outlet_names.csv").read_text(encoding="utf-8")
    return {
        row["outlet"].strip(): frozenset(normalize_key(n) for n in row["names"].split("|") if n.strip())
        for row in csv.DictReader(text.splitlines())
    }


def _own_name(m: Match, names: frozenset[str]) -> bool:
    if not names or (m.form != "capital" and not m.media):
        return False
    key = normalize_key(m.surface)
    return any(key[n:] in names for n in (0, 1, 2) if key[:n] in PROCLITICS)


def _not_own(matches: list[Match], names: frozenset[str]) -> list[Match]:
    """The matches outside the outlet's own name: its name and what it names inside
    (وكالة الأنباء السعودية in the SPA's own text is neither SPA nor SAU)."""
    own = [(m.start, m.end) for m in matches if _own_name(m, names)]
    return [m for m in matches if not any(s <= m.start and m.end <= e for s, e in own)]


class MentionExtractor:
    """Fills ``mentions``; one automaton pass over the title and one over the body.

    The outlet's own name (its site name or byline, e.g. الجزيرة in al-Jazirah) is skipped.
    Title mentions carry ``in_title=True``, offsets into the title and ``paragraph=None``;
    body mentions carry offsets into ``article.body`` and the index of their paragraph.
    The catalogue is exposed as ``catalogue`` so the pipeline can write the ``actors`` table."""

    name = "mentions"
    tables = ("mentions",)
    requires: tuple[str, ...] = ()
    assigns = ("mentions",)  # Document.mentions: the rows, for the quote and accusation rules

    def __init__(self, catalogue: Catalogue | None = None, extra_files: Iterable[str] = ()) -> None:
        self.catalogue = catalogue if catalogue is not None else load_catalogue(tuple(extra_files))
        self.matcher = ActorMatcher(self.catalogue)

    def extract(self, article: Article | Document, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        doc = Document.of(article)
        article = doc.article
        title, body = doc.title, doc.body
        nt, nb = doc.title_normalized, doc.body_normalized
        context = nt.text + "\n" + nb.text  # context-dependent forms look at the whole article
        own = outlet_names().get(article.outlet or "", frozenset())
        rows: list[dict[str, Any]] = []
        for m in _not_own(self.matcher.find_normalized(nt, context, datelines=False) if title else [], own):
            rows.append(_row(article.article_id, m, None, True))
        starts = doc.paragraph_starts
        for m in _not_own(self.matcher.find_normalized(nb, context) if body else [], own):
            rows.append(_row(article.article_id, m, bisect_right(starts, m.start) - 1, False))
        for n, row in enumerate(rows):
            row["mention_id"] = f"{article.article_id}-m{n:03d}"
        doc.mentions = rows
        return {"mentions": rows}


def _row(article_id: str, m: Match, paragraph: int | None, in_title: bool) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "actor_id": m.actor_id,
        "surface": m.surface,
        "start": m.start,
        "end": m.end,
        "paragraph": paragraph,
        "in_title": in_title,
        "form": m.form,
    }
