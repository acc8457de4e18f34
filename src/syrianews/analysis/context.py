"""What every notebook starts from: the articles of a build with their Syria flag and unit."""
from __future__ import annotations

import os

import pandas as pd

from . import estimates, selection

BASE = ["article_id", "title", "outlet", "published", "crawled", "syria", "story_id"]


def load_articles(columns=(), data: str | os.PathLike | None = None, keep_body: bool = False):
    """``(articles, selection)``: the articles with a boolean ``syria`` column (the build's flag,
    else the interim rule), a ``unit`` column for the bootstrap (story, else article), and the
    :class:`~.selection.Selection` that says how the subset was chosen. The body is read only
    when the interim rule needs it or ``keep_body`` asks for it."""
    import pyarrow.parquet as pq

    from ..loading import data_dir, load

    present = set(pq.read_schema(data_dir(data) / "articles.parquet").names)
    wanted = list(dict.fromkeys([*BASE, *columns]))
    need_body = keep_body or not ("syria" in present)
    if need_body:
        wanted.append("body")
    arts = load("articles", data, columns=[c for c in wanted if c in present])
    for c in wanted:
        if c not in arts:
            arts[c] = None
    sel = selection.select(arts)
    arts["syria"] = sel.mask.to_numpy()
    if not keep_body and "body" in arts and "body" not in columns:
        arts = arts.drop(columns="body")
    return estimates.with_units(arts), sel


def subset_label(flag: bool) -> str:
    return "Syria articles / مقالات سوريا" if flag else "other articles / مقالات أخرى"
