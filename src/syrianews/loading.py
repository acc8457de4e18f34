"""Load built tables as pandas DataFrames: ``syrianews.load("articles")``.

A table is ``<table>.parquet``: one file, or, for big tables, a folder of parts
``<table>.parquet/part-00000.parquet`` ...; everything here reads either form, in row order.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

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


def load(table: str, data: str | os.PathLike | None = None, **kwargs) -> pd.DataFrame:
    """Read one table of a build as a DataFrame (extra keyword arguments go to ``pd.read_parquet``)."""
    files = table_files(table, data)
    if len(files) == 1:
        return pd.read_parquet(files[0], **kwargs)
    frames = [pd.read_parquet(f, **kwargs) for f in files]
    return pd.concat(frames, ignore_index=True)


def load_all(data: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    return {name: load(name, data) for name in TABLES}
