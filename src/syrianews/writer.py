"""Streaming Parquet writers into a staging folder, and the atomic swap into place.

A build writes everything into ``<out>.staging-<pid>`` next to the output folder; only when
it is complete is the old folder moved aside and the new one renamed into place, so a build
that fails or is killed leaves the last good tables as they were.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLES, to_table

ROW_GROUP = 20_000
PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


class TableWriter:
    """Buffers rows of one table and appends them to its Parquet file in row groups."""

    def __init__(self, name: str, path: Path, flush_rows: int = 5_000):
        self.name, self.path, self.flush_rows = name, path, flush_rows
        self.schema = TABLES[name]
        self._rows: list[dict] = []
        self._writer: pq.ParquetWriter | None = None
        self.count = 0

    def extend(self, rows: list[dict]) -> None:
        self._rows.extend(rows)
        self.count += len(rows)
        if len(self._rows) >= self.flush_rows:
            self.flush()

    def write_table(self, table: pa.Table) -> None:
        self._open().write_table(table.cast(self.schema), row_group_size=ROW_GROUP)

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        return self._writer

    def flush(self) -> None:
        if self._rows:
            self._open().write_table(to_table(self.name, self._rows), row_group_size=ROW_GROUP)
            self._rows = []

    def close(self) -> None:
        self.flush()
        self._open().close()


def staging_dir(out: Path) -> Path:
    path = out.parent / f".{out.name}.staging-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def recover(out: Path) -> None:
    """Put back the last good build if a swap was interrupted between its two renames."""
    if out.exists():
        return
    olds = sorted(out.parent.glob(f".{out.name}.old-*"))
    if olds:
        olds[-1].rename(out)


def publish(staging: Path, out: Path) -> None:
    """Swap the finished staging folder into ``out``; the previous build is removed after."""
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
    staging.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cleanup_stale(out: Path) -> None:
    """Remove staging folders left by killed builds (never the ``.old`` backup before recovery)."""
    recover(out)
    for stale in out.parent.glob(f".{out.name}.staging-*"):
        if not _alive(stale.name.rsplit("-", 1)[-1]):
            shutil.rmtree(stale, ignore_errors=True)
    if out.exists():
        for old in out.parent.glob(f".{out.name}.old-*"):
            shutil.rmtree(old, ignore_errors=True)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
