"""Built tables as ``datasets`` objects: ``syrianews.load_dataset("quotes")`` and
``syrianews.to_datasets()``, typed with :func:`syrianews.hub.features.features`."""
from __future__ import annotations

import os
from typing import Any, Iterable

import pyarrow.parquet as pq

from ..loading import table_files
from ..schema import DESCRIPTIONS, TABLES
from . import require
from .features import features


def load_dataset(table: str, data: str | os.PathLike | None = None, **kwargs: Any):
    """One table of a build as a ``datasets.Dataset`` with typed features.

    ``data`` is the build folder (default: ``$SYRIANEWS_DATA`` or ``data/processed``); extra
    keyword arguments (``cache_dir``, ``keep_in_memory``, ...) go to ``Dataset.from_parquet``."""
    datasets = require("datasets")
    feats = features(table)  # validates the name first
    files = table_files(table, data)  # one file, or the parts of a sharded table in order
    if sum(pq.ParquetFile(f).metadata.num_rows for f in files) == 0:  # the Parquet builder cannot make an empty split
        ds = datasets.Dataset.from_dict({col: [] for col in feats}, features=feats, split="train")
    else:
        ds = datasets.Dataset.from_parquet([str(f) for f in files], features=feats, split="train", **kwargs)
    ds.info.description = DESCRIPTIONS.get(table, "")
    ds.info.config_name = table
    return ds


def to_datasets(data: str | os.PathLike | None = None, tables: Iterable[str] | None = None, **kwargs: Any):
    """Every table of a build (or those named) as a ``datasets.DatasetDict`` keyed by table name."""
    datasets = require("datasets")
    names = list(tables) if tables is not None else list(TABLES)
    return datasets.DatasetDict({name: load_dataset(name, data, **kwargs) for name in names})
