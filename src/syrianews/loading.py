"""Load built tables as pandas DataFrames: ``syrianews.load("articles")``.

A table is ``<table>.parquet``: one file, or, for big tables, a folder of parts
``<table>.parquet/part-00000.parquet`` ...; everything here reads either form, in row order.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLES

if TYPE_CHECKING:  # pandas is imported when a table is loaded, not by ``import syrianews``:
    import pandas as pd  # a build's worker processes never need it (about 35 MiB each)

DEFAULT_DIR = Path("data/processed")


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Where the tables are: the argument, else ``$SYRIANEWS_DATA``, else ``data/processed``."""
    if path is not None:
        return Path(path)
    env = os.environ.get("SYRIANEWS_DATA")
    return Path(env) if env else DEFAULT_DIR


def tables() -> list[str]:
    return list(TABLES)


def table_path(table: str, data: str | os.PathLike | None = None) -> Path:
    """``<build>/<table>.parquet`` (a file or a folder of parts), checked to exist."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    path = data_dir(data) / f"{table}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: build the dataset first (`syrianews build data/raw --out {path.parent}`)")
    return path


def table_files(table: str, data: str | os.PathLike | None = None) -> list[Path]:
    """The Parquet files of one table, in row order: the file itself, or its parts by name."""
    path = table_path(table, data)
    if path.is_dir():
        return sorted(path.glob("part-*.parquet"))
    return [path]


def table_schema(table: str, data: str | os.PathLike | None = None) -> pa.Schema:
    return pq.read_schema(table_files(table, data)[0])


def table_rows(table: str, data: str | os.PathLike | None = None) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for f in table_files(table, data))


def read_table(table: str, data: str | os.PathLike | None = None, columns: list[str] | None = None) -> pa.Table:
    """One table as an Arrow table, parts concatenated in order."""
    return pa.concat_tables([pq.read_table(f, columns=columns) for f in table_files(table, data)])


def load(table: str, data: str | os.PathLike | None = None, *, syria: bool = False, **kwargs) -> pd.DataFrame:
    """Read one table of a build as a DataFrame (extra keyword arguments go to ``pd.read_parquet``).

    ``syria=True`` keeps the Syria subset: the articles flagged ``syria``, the rows of the
    other tables that belong to them (by ``article_id``; for ``rejects``, the duplicates of
    them), and the actors mentioned in them, with ``n_articles`` / ``n_mentions`` counted
    in the subset."""
    import pandas as pd

    files = table_files(table, data)
    if len(files) == 1:
        frame = pd.read_parquet(files[0], **kwargs)
    else:
        frame = pd.concat([pd.read_parquet(f, **kwargs) for f in files], ignore_index=True)
    return syria_subset(table, frame, data) if syria else frame


def _read(table: str, data: str | os.PathLike | None, columns: list[str]) -> pd.DataFrame:
    return read_table(table, data, columns=columns).to_pandas()


def syria_ids(data: str | os.PathLike | None = None) -> set[str]:
    """article_id of every article flagged ``syria`` in a build."""
    arts = _read("articles", data, ["article_id", "syria"])
    return set(arts.article_id[arts.syria.fillna(False).astype(bool)])


def syria_subset(table: str, frame: pd.DataFrame, data: str | os.PathLike | None = None) -> pd.DataFrame:
    ids = syria_ids(data)
    if table == "actors":
        men = _read("mentions", data, ["article_id", "actor_id"])
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
