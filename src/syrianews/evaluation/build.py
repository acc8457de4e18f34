"""Reading what a build predicted for the reference articles, and the reference files.

A reference article is found in the build by its URL, else by its normalised title. Only the
rows of those articles are read from the tables, so scoring a whole-corpus build stays cheap."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from .text import key

PREDICTED = ("quotes", "mentions", "accusations")


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """One reference article a line; a clear error names the line that is not JSON."""
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: not JSON ({e.msg})") from None
            for name in ("title", "actors", "quotes", "accusations"):
                if name not in rec:
                    raise ValueError(f"{path}:{lineno}: no {name!r} field")
            out.append(rec)
    return out


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return df.astype(object).where(df.notna(), None).to_dict("records")


@dataclass
class Predictions:
    """The build's rows for the reference articles, keyed by article_id."""

    article_ids: list[str | None]  # one per reference article, None when not found
    rows: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)  # table → article_id → rows
    bodies: dict[str, str] = field(default_factory=dict)

    def of(self, table: str, article_id: str | None) -> list[dict[str, Any]]:
        return self.rows.get(table, {}).get(article_id, []) if article_id else []


def read_predictions(build: str | Path, gold: list[dict[str, Any]], *, bodies: bool = False) -> Predictions:
    build = Path(build)
    if not (build / "articles.parquet").exists():
        raise FileNotFoundError(f"no build in {build} (no articles.parquet)")
    arts = pq.read_table(build / "articles.parquet", columns=["article_id", "url", "title"]).to_pandas()
    by_url = {u: a for u, a in zip(arts["url"], arts["article_id"]) if isinstance(u, str)}
    by_title = {key(t): a for t, a in zip(arts["title"], arts["article_id"]) if isinstance(t, str)}
    ids = [by_url.get(g.get("url")) or by_title.get(key(g["title"])) for g in gold]
    wanted = sorted({a for a in ids if a})
    out = Predictions(ids)
    for name in PREDICTED:
        table = pq.read_table(build / f"{name}.parquet", filters=[("article_id", "in", wanted or [""])]).to_pandas()
        out.rows[name] = {k: _records(v) for k, v in table.groupby("article_id", sort=False)}
    if bodies:
        table = pq.read_table(build / "articles.parquet", columns=["article_id", "body"], filters=[("article_id", "in", wanted or [""])])
        out.bodies = dict(zip(table.column("article_id").to_pylist(), table.column("body").to_pylist()))
    return out
