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


def load(table: str, data: str | os.PathLike | None = None, **kwargs) -> pd.DataFrame:
    """Read one table of a build as a DataFrame (extra keyword arguments go to ``pd.read_parquet``)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    path = data_dir(data) / f"{table}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: build the dataset first (`syrianews build data/raw --out {path.parent}`)")
    return pd.read_parquet(path, **kwargs)


def load_all(data: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    return {name: load(name, data) for name in TABLES}
