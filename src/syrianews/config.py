"""The build's configuration: one frozen, typed value recorded in the manifest.

Everything that changes what a build writes lives here (actor files, the extractors run), and
how it runs (engine, workers, scheduler, shard size); :meth:`fingerprint` hashes only the
fields that change the rows, one part of the key of incremental rebuilds.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

ENGINES = ("local", "dask")
DEFAULT_SHARD_BYTES = 256 * 1024 * 1024  # Arrow bytes per Parquet file before a table is cut into parts


@dataclass(frozen=True)
class BuildConfig:
    """How to build. ``actors_files`` are resolved absolute paths; ``extractors`` None = all."""

    actors_files: tuple[str, ...] = ()
    extractors: tuple[str, ...] | None = None
    shard_bytes: int = DEFAULT_SHARD_BYTES
    engine: str = "local"
    jobs: int = 1
    scheduler: str | None = None  # dask: a scheduler address; None = a LocalCluster of ``jobs`` workers
    full: bool = False  # True: ignore what an earlier build into the same folder could reuse

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"unknown engine {self.engine!r}; expected one of {', '.join(ENGINES)}")
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.shard_bytes < 1:
            raise ValueError(f"shard_bytes must be positive, not {self.shard_bytes}")
        if self.scheduler is not None and self.engine != "dask":
            raise ValueError("a scheduler address needs engine='dask'")

    @classmethod
    def make(
        cls,
        *,
        actors_files: list[str | os.PathLike] | tuple = (),
        extractors: list[str] | tuple[str, ...] | None = None,
        jobs: int | None = None,
        **kwargs: Any,
    ) -> "BuildConfig":
        """From user-facing arguments: paths resolved, lists made tuples, jobs defaulted to the cores."""
        return cls(
            actors_files=tuple(str(Path(p).resolve()) for p in actors_files),
            extractors=None if extractors is None else tuple(extractors),
            jobs=jobs or os.cpu_count() or 1,
            **kwargs,
        )

    # read access as a mapping, for code that takes ``config.get("actors_files")``
    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default) if key in {f.name for f in fields(self)} else default

    def __getitem__(self, key: str) -> Any:
        if key not in {f.name for f in fields(self)}:
            raise KeyError(key)
        return getattr(self, key)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actors_files"] = list(self.actors_files)
        d["extractors"] = None if self.extractors is None else list(self.extractors)
        return d

    def fingerprint(self) -> str:
        """Hash of what changes the rows (actor files by content, the extractors run); how the
        build runs and how tables are cut into files do not change them."""
        from .manifest import file_sha256

        parts = {
            "actors_files": [file_sha256(Path(p)) for p in self.actors_files],
            "extractors": None if self.extractors is None else sorted(self.extractors),
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()
