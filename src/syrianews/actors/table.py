"""The ``actors`` table: the catalogue with how often this build mentions each actor."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping

from .catalogue import Catalogue


def count_mentions(mentions: Any) -> dict[str, tuple[int, int]]:
    """``actor_id → (n_articles, n_mentions)`` from mention rows: a list of dicts, a pandas
    DataFrame or a pyarrow Table with ``article_id`` and ``actor_id`` columns."""
    if hasattr(mentions, "column_names"):  # pyarrow.Table
        pairs: Iterable = zip(mentions.column("actor_id").to_pylist(), mentions.column("article_id").to_pylist())
    elif hasattr(mentions, "columns") and hasattr(mentions, "to_dict"):  # pandas.DataFrame
        pairs = zip(mentions["actor_id"].tolist(), mentions["article_id"].tolist())
    else:
        pairs = ((r["actor_id"], r["article_id"]) for r in mentions)
    n_mentions: dict[str, int] = defaultdict(int)
    articles: dict[str, set] = defaultdict(set)
    for actor_id, article_id in pairs:
        n_mentions[actor_id] += 1
        articles[actor_id].add(article_id)
    return {a: (len(articles[a]), n_mentions[a]) for a in n_mentions}


def actors_rows(catalogue: Catalogue, mention_counts: Any) -> list[dict]:
    """Rows of the ``actors`` table, in catalogue order.

    ``mention_counts`` is either ``{actor_id: (n_articles, n_mentions)}`` or the build's
    mention rows in any form :func:`count_mentions` reads."""
    if not isinstance(mention_counts, Mapping):
        mention_counts = count_mentions(mention_counts)
    rows = []
    for actor in catalogue.actors:
        n_articles, n_mentions = mention_counts.get(actor.actor_id, (0, 0))
        row = actor.as_row()
        row["n_articles"] = int(n_articles)
        row["n_mentions"] = int(n_mentions)
        rows.append(row)
    return rows
