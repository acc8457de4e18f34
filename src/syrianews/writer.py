"""Streaming Parquet writers into a staging folder, and the atomic swap into place.

A build writes everything into ``<out>.staging-<pid>`` next to the output folder; only when
it is complete is the old folder moved aside and the new one renamed into place, so a build
that fails or is killed leaves the last good tables as they were.

A table is one file, ``<table>.parquet``, until it exceeds the build's shard size; then it is
a folder of parts, ``<table>.parquet/part-00000.parquet`` ... (read in name order). The folder
keeps the ``.parquet`` name so that ``pandas.read_parquet("articles.parquet")`` and every
other Parquet reader read either form unchanged.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLES, to_table

ROW_GROUP = 20_000
SEQ = "_seq"  # position of a row's record inside its partition (partition files only)
STORY_SIGNATURE = "_story_signature"  # MinHash of an article's body (partition files only)
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


class PartWriter:
    """Rows of one table of one partition, each tagged with ``_seq``: the position of its
    record in the partition, by which the global steps drop duplicates and order rejects."""

    def __init__(self, name: str, path: Path, flush_rows: int = 5_000):
        self.name, self.path, self.flush_rows = name, path, flush_rows
        self.extra = [STORY_SIGNATURE] if name == "articles" else []  # kept for the articles step
        schema = TABLES[name]
        for col in self.extra:
            schema = schema.append(pa.field(col, pa.binary()))
        self.schema = schema.append(pa.field(SEQ, pa.int64()))
        self._rows: list[dict] = []
        self._seqs: list[int] = []
        self._writer: pq.ParquetWriter | None = None
        self.count = 0

    def add(self, seq: int, rows: list[dict]) -> None:
        self._rows.extend(rows)
        self._seqs.extend([seq] * len(rows))
        self.count += len(rows)
        if len(self._rows) >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        if self._rows:
            table = to_table(self.name, self._rows)
            for col in self.extra:
                table = table.append_column(col, pa.array([r.get(col) for r in self._rows], pa.binary()))
            table = table.append_column(SEQ, pa.array(self._seqs, pa.int64()))
            self._writer.write_table(table, row_group_size=ROW_GROUP)
            self._rows, self._seqs = [], []

    def close(self) -> None:
        self.flush()
        assert self._writer is not None
        self._writer.close()


class ShardedTableWriter:
    """Appends Arrow tables to ``<stage>/<name>.parquet``, cut into parts of at most
    ``shard_bytes`` (Arrow bytes, so the cut is the same on every machine and engine)."""

    def __init__(self, name: str, stage: Path, shard_bytes: int):
        self.name, self.stage, self.shard_bytes = name, stage, shard_bytes
        self.schema = TABLES[name]
        self.parts = stage / f".{name}.parts"
        self.parts.mkdir(parents=True, exist_ok=False)
        self.files: list[Path] = []
        self._writer: pq.ParquetWriter | None = None
        self._bytes = 0.0
        self.count = 0

    def _roll(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._bytes = 0.0

    def write(self, table: pa.Table) -> None:
        table = table.select(self.schema.names).cast(self.schema)
        self.count += table.num_rows
        while table.num_rows:
            if self._writer is None:
                path = self.parts / f"part-{len(self.files):05d}.parquet"
                self.files.append(path)
                self._writer = pq.ParquetWriter(path, self.schema, **PARQUET_OPTIONS)
            per_row = table.nbytes / table.num_rows
            room = self.shard_bytes - self._bytes
            take = table.num_rows if per_row * table.num_rows <= room else max(1, int(room // per_row))
            self._writer.write_table(table.slice(0, take), row_group_size=ROW_GROUP)
            self._bytes += per_row * take
            table = table.slice(take)
            if self._bytes >= self.shard_bytes:
                self._roll()

    def close(self) -> Path:
        """Put the table in place: one file if it fits in one part, else the folder of parts."""
        self._roll()
        target = self.stage / f"{self.name}.parquet"
        if not self.files:
            pq.write_table(self.schema.empty_table(), target, **PARQUET_OPTIONS)
            self.parts.rmdir()
        elif len(self.files) == 1:
            self.files[0].rename(target)
            self.parts.rmdir()
        else:
            self.parts.rename(target)
        return target


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
