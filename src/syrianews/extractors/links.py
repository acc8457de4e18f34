"""Related-article links listed under an article (targets are resolved after the build)."""
from __future__ import annotations

from ..records import Article


class LinkExtractor:
    name = "links"
    tables = ("links",)

    def extract(self, article: Article, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        rows = [
            {"article_id": article.article_id, "position": i, "title": link.title, "url": link.url, "target_article_id": None}
            for i, link in enumerate(article.related)
        ]
        return {"links": rows}
