"""Related-article links listed under an article (targets are resolved after the build)."""
from __future__ import annotations

from ..document import Document
from ..records import Article


class LinkExtractor:
    name = "links"
    tables = ("links",)
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def extract(self, article: Article | Document, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        article = Document.of(article).article
        rows = [
            {"article_id": article.article_id, "position": i, "title": link.title, "url": link.url, "target_article_id": None}
            for i, link in enumerate(article.related)
        ]
        return {"links": rows}
