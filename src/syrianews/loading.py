"""Load built tables as pandas DataFrames: ``syrianews.load("articles")``."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .schema import TABLES

DEFAULT_DIR = Path("data/processed")


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Where the tables are: the argument, else ``$SYRIANEWS_DATA``, else ``data/processed``."""
    if path is not None:
        return Path(path)
    env = os.environ.get("SYRIANEWS_DATA")
    return Path(env) if env else DEFAULT_DIR


def tables() -> list[str]:
    return list(TABLES)


def load(table: str, data: str | os.PathLike | None = None, *, syria: bool = False, **kwargs) -> pd.DataFrame:
    """Read one table of a build as a DataFrame (extra keyword arguments go to ``pd.read_parquet``).

    ``syria=True`` keeps the Syria subset: the articles flagged ``syria``, the rows of the
    other tables that belong to them (by ``article_id``; for ``rejects``, the duplicates of
    them), and the actors mentioned in them, with ``n_articles`` / ``n_mentions`` counted
    in the subset."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    path = data_dir(data) / f"{table}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: build the dataset first (`syrianews build data/raw --out {path.parent}`)")
    frame = pd.read_parquet(path, **kwargs)
    return syria_subset(table, frame, data) if syria else frame


def syria_ids(data: str | os.PathLike | None = None) -> set[str]:
    """article_id of every article flagged ``syria`` in a build."""
    arts = pd.read_parquet(data_dir(data) / "articles.parquet", columns=["article_id", "syria"])
    return set(arts.article_id[arts.syria.fillna(False).astype(bool)])


def syria_subset(table: str, frame: pd.DataFrame, data: str | os.PathLike | None = None) -> pd.DataFrame:
    ids = syria_ids(data)
    if table == "actors":
        men = pd.read_parquet(data_dir(data) / "mentions.parquet", columns=["article_id", "actor_id"])
        men = men[men.article_id.isin(ids)]
        n_mentions = men.actor_id.value_counts()
        n_articles = men.drop_duplicates().actor_id.value_counts()
        out = frame[frame.actor_id.isin(n_mentions.index)].copy()
        if "n_mentions" in out:
            out["n_mentions"] = out.actor_id.map(n_mentions).astype("int64")
        if "n_articles" in out:
            out["n_articles"] = out.actor_id.map(n_articles).astype("int64")
        return out.reset_index(drop=True)
    key = "duplicate_of" if table == "rejects" else "article_id"
    if key not in frame:
        raise ValueError(f"syria=True needs the {key!r} column of {table!r}; load it with the others")
    return frame[frame[key].isin(ids)].reset_index(drop=True)


def load_all(data: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    return {name: load(name, data) for name in TABLES}
