"""The ``mentions`` table: every catalogue actor named in an article's title and body."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

from ..records import Article
from .catalogue import Catalogue, load_catalogue
from .matcher import ActorMatcher, Match
from .normalize import normalize


class MentionExtractor:
    """Fills ``mentions``; one automaton pass over the title and one over the body.

    Title mentions carry ``in_title=True``, offsets into the title and ``paragraph=None``;
    body mentions carry offsets into ``article.body`` and the index of their paragraph.
    The catalogue is exposed as ``catalogue`` so the pipeline can write the ``actors`` table."""

    name = "mentions"
    tables = ("mentions",)

    def __init__(self, catalogue: Catalogue | None = None, extra_files: Iterable[str] = ()) -> None:
        self.catalogue = catalogue if catalogue is not None else load_catalogue(tuple(extra_files))
        self.matcher = ActorMatcher(self.catalogue)

    def extract(self, article: Article, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        title = article.title or ""
        body = article.body
        nt, nb = normalize(title), normalize(body)
        context = nt.text + "\n" + nb.text  # context-dependent forms look at the whole article
        rows: list[dict[str, Any]] = []
        for m in self.matcher.find_normalized(nt, context) if title else []:
            rows.append(_row(article.article_id, m, None, True))
        starts = article.paragraph_starts()
        for m in self.matcher.find_normalized(nb, context) if body else []:
            rows.append(_row(article.article_id, m, bisect_right(starts, m.start) - 1, False))
        for n, row in enumerate(rows):
            row["mention_id"] = f"{article.article_id}-m{n:03d}"
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
