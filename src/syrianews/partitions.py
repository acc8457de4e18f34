"""Partitions: the units of per-record work, the same for every engine.

An input file is one partition, or, when it is big, several record ranges of it. A partition
is processed on its own (reader → article → extractors) into Parquet files of its rows, each
row tagged with the position of its record (``_seq``); nothing in it depends on another
partition, so partitions can run anywhere, in any order, and be reused by the next build when
their key (file content, name, range, package code and version, catalogue, configuration)
has not changed. The global steps (deduplication, link resolution, actor counts) come after,
in :mod:`syrianews.assemble`.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .config import BuildConfig
from .lexicons import data_text
from .readers import iter_file
from .records import Rejection, Tally
from .schema import TABLES
from .stats import Stats
from .writer import PartWriter

PART_BYTES = 32 * 1024 * 1024  # input files bigger than this are cut into record ranges
PART_TABLES = tuple(name for name in TABLES if name != "actors")  # actors come from the catalogue
SUMMARY = "summary.json"  # written last: a partition folder without it is incomplete


@dataclass(frozen=True)
class Partition:
    """Records ``[start, stop)`` of one input file (``stop`` None: to its end)."""

    index: int
    path: str  # the file on disk (workers must see it at this path)
    name: str  # the name recorded in the tables (relative to the input folder)
    sha256: str
    start: int = 0
    stop: int | None = None
    key: str = ""  # the cache key: see :func:`partition_key`

    @property
    def folder(self) -> str:
        return self.key[:40]


@lru_cache(maxsize=1)
def package_sha256() -> str:
    """Hash of the package's code and data files: a change of a rule or a lexicon is a new key."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".csv", ".txt", ".json", ".md"}:
            h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=1)
def catalogue_sha256() -> str:
    return hashlib.sha256(data_text("actors.csv").encode("utf-8")).hexdigest()


def build_key(config: BuildConfig) -> dict[str, str]:
    """What every partition's key shares: package version and code, catalogue, configuration."""
    return {
        "version": __version__,
        "package_sha256": package_sha256(),
        "catalogue_sha256": catalogue_sha256(),
        "config": config.fingerprint(),
    }


def partition_key(common: dict[str, str], name: str, sha256: str, start: int, stop: int | None) -> str:
    parts = {**common, "name": name, "sha256": sha256, "start": start, "stop": stop}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def count_items(path: Path, name: str) -> int:
    return sum(1 for _ in iter_file(path, name))


def plan(files: list[tuple[Path, str, str]], config: BuildConfig, part_bytes: int | None = None) -> list[Partition]:
    """Partitions of ``(path, name, sha256)`` files in input order: a file each, big files cut
    into record ranges of about ``part_bytes`` (default :data:`PART_BYTES`) of input (their
    records are counted first)."""
    part_bytes = part_bytes or PART_BYTES
    common = build_key(config)
    out: list[Partition] = []
    for path, name, sha in files:
        size = path.stat().st_size
        ranges: list[tuple[int, int | None]] = [(0, None)]
        if size > part_bytes:
            n = count_items(path, name)
            k = min(n, math.ceil(size / part_bytes)) or 1
            step = math.ceil(n / k) if n else 1
            ranges = [(a, min(a + step, n) if a + step < n else None) for a in range(0, max(n, 1), step)]
        for start, stop in ranges:
            key = partition_key(common, name, sha, start, stop)
            out.append(Partition(len(out), str(path), name, sha, start, stop, key))
    return out


def run_partition(part: Partition, config: BuildConfig, parts_dir: str) -> dict[str, Any]:
    """Process one partition into ``parts_dir/<folder>/``; returns its summary (small).

    Writes into a temporary folder renamed at the end, so a partition folder that exists with
    its summary is complete. Runs in a worker: it imports and builds what it needs itself."""
    from .pipeline import extractors_for, process_record
    from .articles import rejection_row

    t0 = time.perf_counter()
    stats = Stats()
    extractors = extractors_for(config)
    dest = Path(parts_dir) / part.folder
    tmp = Path(parts_dir) / f".{part.folder}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    writers = {name: PartWriter(name, tmp / f"{name}.parquet") for name in PART_TABLES}
    items = iter_file(Path(part.path), part.name)
    if part.start == 0:
        stats.stat_update("read", "in")  # files
    seq, n_records = -1, 0
    tallies: dict[str, int] = {}  # records counted, not articles (WARC requests, ...)
    while True:
        with stats.timer("read"):
            item = next(items, None)
        if item is None:
            break
        seq += 1
        if seq < part.start:
            continue
        if part.stop is not None and seq >= part.stop:
            break
        if isinstance(item, Tally):
            tallies[item.kind] = tallies.get(item.kind, 0) + 1
            continue
        n_records += 1
        stats.stat_update("read", "out")
        if isinstance(item, Rejection):
            stats.drop("read", item.reason)
            writers["rejects"].add(seq, [rejection_row(item)])
            continue
        kind, payload = process_record(item, extractors, stats)
        if kind == "reject":
            writers["rejects"].add(seq, [payload])
            continue
        row, found = payload
        writers["articles"].add(seq, [row])
        for table, rows in found.items():
            writers[table].add(seq, rows)
    with stats.timer("write_partitions"):
        for w in writers.values():
            w.close()
    summary = {
        "partition": asdict(part),
        "records": n_records,
        "rows": {name: w.count for name, w in writers.items()},
        "tallies": dict(sorted(tallies.items())),
        "seconds": round(time.perf_counter() - t0, 3),
        "stats": stats.steps,
    }
    (tmp / SUMMARY).write_text(json.dumps(summary) + "\n", encoding="utf-8")  # ascii: names may hold lone surrogates
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return summary


def reuse(part: Partition, old_parts: Path, parts_dir: Path) -> dict[str, Any] | None:
    """Bring a complete partition of the previous build into this one (hard links, else copies);
    None when there is none with this key."""
    src = old_parts / part.folder
    if not (src / SUMMARY).exists():
        return None
    try:
        summary = json.loads((src / SUMMARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if summary.get("partition", {}).get("key") != part.key:
        return None
    dest = parts_dir / part.folder
    dest.mkdir(parents=True)
    for f in src.iterdir():
        try:
            os.link(f, dest / f.name)
        except OSError:
            shutil.copy2(f, dest / f.name)
    summary["partition"] = asdict(part)  # this build's index and path
    return summary
