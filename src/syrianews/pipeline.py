"""The build: inputs → partitions → (readers → articles → extractors) → global steps → tables.

Inputs are cut into partitions (a file, or a record range of a big file: see
:mod:`syrianews.partitions`). Each partition is processed on its own, by local worker
processes or on a Dask cluster (:mod:`syrianews.engines`), into Parquet files of its rows.
The global steps then run over small keys (:mod:`syrianews.assemble`): duplicates (first
record of an article id wins, in input order), related-link targets, actor counts; and each
table is written by streaming the partitions in order. So the tables are the same row for
row whatever the engine and the number of workers, and no process holds the whole corpus.

Partitions are kept in ``<out>/.parts/`` and reused by the next build into the same folder
when their key (file content, package code and version, catalogue, configuration) has not
changed: adding a file to a corpus processes that file only (``full=True`` forces all).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .articles import article_row, rejection_row, to_article
from .assemble import assemble_table, reduce_keys, title_key  # noqa: F401  (title_key: public)
from .buildlock import locked_build
from .config import BuildConfig
from .engines import make_engine
from . import extractor_errors
from .document import Document
from .extractor_errors import alarms, error_row, errors_summary, start_extractors, time_limit
from .extractors import build_extractors
from .lexicons import data_text
from .manifest import file_sha256, write_manifest
from .partitions import PART_TABLES, Partition, plan, reuse, run_partition
from .readers import input_files
from .records import RawRecord, Rejection
from .schema import TABLES
from .stats import Stats
from .writer import TableWriter, cleanup_stale, publish, staging_dir

PARTS = ".parts"  # partition files inside a build folder, for incremental rebuilds

_extractors: tuple[str, list] | None = None  # (config fingerprint, extractors) of this process


@dataclass
class BuildResult:
    out: Path
    counts: dict[str, int]
    rejects: dict[str, int]
    duplicates: int
    seconds: float
    manifest: dict[str, Any] = field(default_factory=dict)


def extractors_for(config: BuildConfig) -> list:
    """This process's extractors for ``config``, made once (workers build their own); keyed by
    the configuration's fingerprint, so a changed actor file makes new ones."""
    key = config.fingerprint()
    if _extractors is None or _extractors[0] != key:
        _remember_extractors(config, build_extractors(config))
    assert _extractors is not None
    return _extractors[1]


def _remember_extractors(config: BuildConfig, extractors: list) -> None:
    global _extractors
    _extractors = (config.fingerprint(), extractors)


def process_record(rec: RawRecord, extractors: list, stats: Stats | None = None) -> tuple[str, Any]:
    """One raw record → ("article", (row, rows by table)) or ("reject", row). Never raises.

    ``stats`` (optional) counts, per step (``clean``, then each extractor by name, then
    ``article``: the row with its Syria score and story signature), the time, the records in
    and out, the rows made per table and the records dropped by reason."""
    stats = stats if stats is not None else Stats()
    stats.stat_update("clean", "in")
    t0 = time.perf_counter()
    try:
        art = to_article(rec)
    except Exception as e:  # a reader bug must not stop the build: record it
        art = Rejection(rec.source_file, rec.record_index, "parse_error", f"{type(e).__name__}: {e}")
    stats.stat_update("clean", "seconds", time.perf_counter() - t0)
    if isinstance(art, Rejection):
        stats.drop("clean", art.reason)
        return "reject", rejection_row(art)
    stats.stat_update("clean", "out")
    doc = Document(art)  # the one analysis of this article that every extractor reads
    found: dict[str, list[dict]] = {}
    with alarms():  # one SIGALRM handler for the article; each extractor has its own time limit
        for ex in extractors:
            stats.stat_update(ex.name, "in")
            t0 = time.perf_counter()
            try:
                with time_limit(extractor_errors.EXTRACT_SECONDS, f"extractor {ex.name!r}"):
                    made = ex.extract(doc, found)
            except Exception as e:  # costs this extractor's rows, not the article: recorded in `errors`
                stats.stat_update(ex.name, "seconds", time.perf_counter() - t0)
                stats.stat_update(ex.name, "errors")
                found.setdefault("errors", []).append(error_row(art, ex.name, e))
                continue
            stats.stat_update(ex.name, "seconds", time.perf_counter() - t0)
            stats.stat_update(ex.name, "out")
            for table, rows in made.items():
                found.setdefault(table, []).extend(rows)
                stats.rows(ex.name, table, len(rows))
    t0 = time.perf_counter()
    row = article_row(art, found.get("mentions"))  # the Syria score and the story signature
    stats.stat_update("article", "seconds", time.perf_counter() - t0)
    return "article", (row, found)


def build(
    inputs: list[str | os.PathLike],
    out: str | os.PathLike = "data/processed",
    *,
    actors_files: list[str | os.PathLike] = (),
    jobs: int | None = None,
    progress: bool | None = None,
    fail_after: int | None = None,
    extractors: list[str] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    full: bool = False,
    shard_bytes: int | None = None,
) -> BuildResult:
    """Build every table from ``inputs`` into ``out`` atomically.

    ``engine`` is ``"local"`` (``jobs`` processes) or ``"dask"`` (the cluster at ``scheduler``,
    else a LocalCluster of ``jobs`` workers); the tables are the same either way. Partitions of
    an earlier build into ``out`` are reused unless ``full``. ``fail_after`` makes the build
    raise once more than that many records were read: it exists for the test that a failed
    build leaves the previous tables intact. ``extractors`` limits the extractors run to those
    names (None: all), for benchmarks that separate the foundation from extraction.
    """
    extra = {} if shard_bytes is None else {"shard_bytes": shard_bytes}
    config = BuildConfig.make(actors_files=actors_files, extractors=extractors, jobs=jobs, engine=engine, scheduler=scheduler, full=full, **extra)
    return build_with(inputs, out, config, progress=progress, fail_after=fail_after)


@locked_build  # one build at a time per --out; write errors (disk full) become BuildWriteError
def build_with(
    inputs: list[str | os.PathLike],
    out: str | os.PathLike,
    config: BuildConfig,
    *,
    progress: bool | None = None,
    fail_after: int | None = None,
) -> BuildResult:
    """:func:`build` with a ready :class:`~syrianews.config.BuildConfig`."""
    t0 = time.perf_counter()
    out = Path(out)
    inputs = [Path(p) for p in inputs]
    skipped: list[str] = []
    files = input_files(inputs, skipped)
    # validate the configuration (e.g. the actor catalogue) before any work, in this process
    instances = start_extractors(build_extractors, config)  # made afresh, checked on a test article
    _remember_extractors(config, instances)  # the tasks run in this process (--jobs 1) use them
    cleanup_stale(out)
    stage = staging_dir(out)
    try:
        result = _build_into(stage, out, files, config, instances, progress, fail_after, t0)
        result.manifest["skipped_files"] = skipped
        result.manifest["extractor_errors"] = errors_summary(stage)
        write_manifest(stage / "manifest.json", result.manifest)
        publish(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    result.out = out
    return result


def _build_into(stage: Path, out: Path, files: list[tuple[Path, str]], config: BuildConfig, extractors: list, progress: bool | None, fail_after: int | None, t0: float) -> BuildResult:
    from tqdm.auto import tqdm

    stats = Stats()
    with stats.timer("plan"):
        hashed = [(path, name, file_sha256(path)) for path, name in files]
        partitions = plan(hashed, config)
    parts_dir = stage / PARTS
    parts_dir.mkdir()
    old_parts = out / PARTS
    summaries: dict[str, dict[str, Any]] = {}  # by partition key (a file named twice is one)
    if not config.full and old_parts.is_dir():
        with stats.timer("reuse"):
            for part in partitions:
                if part.key in summaries:
                    continue
                s = reuse(part, old_parts, parts_dir)
                if s is not None:
                    summaries[part.key] = s
                    stats.stat_update("reuse", "in")
                    stats.stat_update("reuse", "out", s["records"])
    reused_keys = set(summaries)
    todo: list[Partition] = []
    planned: set[str] = set()
    for part in partitions:
        if part.key not in summaries and part.key not in planned:
            todo.append(part)
            planned.add(part.key)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(todo) + len(reused_keys), initial=len(reused_keys), desc="building", unit=" part", disable=not show, mininterval=0.5)
    engine = make_engine(config)
    try:
        t_map = time.perf_counter()
        # biggest first, so that no worker is left with a big partition at the end; the
        # summaries are keyed, so the order of work does not change the tables
        work = sorted(todo, key=lambda p: (-_size(p), p.index))
        done = engine.map(run_partition, [(p, config, str(parts_dir)) for p in work], on_done=lambda _: bar.update(1))
        t_global = time.perf_counter()  # the per-record work is done; the global steps follow
        t_extract = t_global - t_map
        bar.close()
        for part, summary in zip(work, done):
            summaries[part.key] = summary
        for part in partitions:
            reused = part.key in reused_keys
            for step, st in summaries[part.key]["stats"].items():
                stats.merge({step: {k: (0.0 if k == "seconds" and reused else v) for k, v in st.items()}})
        n_records = sum(summaries[p.key]["records"] for p in partitions)
        tallies: dict[str, int] = {}  # records counted, not articles (WARC requests, ...)
        for p in partitions:
            for kind, n in summaries[p.key].get("tallies", {}).items():
                tallies[kind] = tallies.get(kind, 0) + n
        tallied = dict(sorted(tallies.items()))
        if fail_after is not None and n_records > fail_after:
            raise RuntimeError(f"build stopped on purpose after {fail_after} records")
        dirs = [str(parts_dir / p.folder) for p in partitions]
        has_links = any(summaries[p.key]["rows"].get("links", 0) for p in partitions)
        dups, titles, urls, reduce_stats = reduce_keys(dirs, links=has_links)
        stats.merge(reduce_stats)
        shared_dups, shared_links = engine.share(dups), engine.share((urls, titles))
        names = sorted(PART_TABLES, key=lambda n: n != "articles")  # the biggest first
        tasks = [(name, dirs, str(stage), config.shard_bytes, shared_dups, shared_links if name == "links" else None) for name in names]
        assembled = dict(zip(names, engine.map(assemble_table, tasks)))
    finally:
        engine.close()
    for name in PART_TABLES:
        stats.merge(assembled[name]["stats"])
    with stats.timer("actors"):
        counts_by_actor = assembled["mentions"]["actor_counts"]
        actor_rows = _actor_rows(extractors, counts_by_actor)
        stats.stat_update("actors", "in", len(counts_by_actor))
        stats.stat_update("actors", "out", len(actor_rows))
        w = TableWriter("actors", stage / "actors.parquet")
        w.extend(actor_rows)
        w.close()
    counts = {name: (len(actor_rows) if name == "actors" else assembled[name]["rows"]) for name in TABLES}
    reasons: dict[str, int] = {}
    for st in stats.steps.values():
        for reason, n in st["dropped"].items():
            reasons[reason] = reasons.get(reason, 0) + n
    reasons = dict(sorted(reasons.items()))
    n_duplicates = reasons.get("duplicate", 0)
    seconds = time.perf_counter() - t0
    reused_files = sorted({p.name for p in partitions if p.key in reused_keys} - {p.name for p in todo})
    manifest = {
        "package": "syrianews",
        "version": __version__,
        "inputs": [{"path": name, "bytes": path.stat().st_size, "sha256": sha, "reused": name in reused_files} for path, name, sha in hashed],
        "actors_files": [{"path": p, "sha256": file_sha256(Path(p))} for p in config.actors_files],
        "catalogue": _catalogue_info(extractors),
        "config": config.to_dict(),
        "engine": {"name": engine.name, "workers": config.jobs if config.scheduler is None else None, "scheduler": config.scheduler},
        "records": n_records,
        "counts": counts,
        "files": {name: (1 if name == "actors" else assembled[name]["files"]) for name in TABLES},
        "rejects": reasons,
        "duplicates": n_duplicates,
        "syria_articles": assembled["articles"]["syria_articles"],
        "stories": assembled["articles"]["stories"],
        "tallied_records": tallied,
        "jobs": config.jobs,
        # incremental rebuilds: the input files whose partitions came from the previous build
        "incremental": {
            "partitions": len(partitions),
            "processed_partitions": len(todo),
            "reused_partitions": len(reused_keys),
            "reused_files": reused_files,
            "processed_files": sorted({p.name for p in todo}),
        },
        "timings": {"extract_seconds": round(t_extract, 3), "global_seconds": round(seconds - (t_global - t0), 3), "total_seconds": round(seconds, 3)},
        # per step: seconds (summed over workers; 0 for reused partitions), in/out (records,
        # or rows), rows made per table, records dropped by reason; "read" counts files in
        "steps": stats.to_dict(),
    }
    write_manifest(stage / "manifest.json", manifest)
    return BuildResult(stage, counts, reasons, n_duplicates, seconds, manifest)


def _size(part: Partition) -> int:
    """Input bytes of a partition (about a range's share of the file for a record range)."""
    from . import partitions

    size = Path(part.path).stat().st_size
    return size if part.start == 0 and part.stop is None else min(size, partitions.PART_BYTES)


def _actor_rows(extractors: list, counts: dict[str, list[int]]) -> list[dict]:
    """The actors table comes from the catalogue of the mentions extractor, if there is one."""
    for ex in extractors:
        catalogue = getattr(ex, "catalogue", None)
        if catalogue is not None:
            from .actors import actors_rows

            return actors_rows(catalogue, {k: tuple(v) for k, v in counts.items()})
    return []


def _catalogue_info(extractors: list) -> dict[str, Any]:
    for ex in extractors:
        catalogue = getattr(ex, "catalogue", None)
        if catalogue is not None:
            info = getattr(catalogue, "info", None)
            out = info() if callable(info) else {"actors": len(getattr(catalogue, "actors", []))}
            # the catalogue's version: the hash of the packaged file (extra files are hashed above)
            out["package_catalogue_sha256"] = hashlib.sha256(data_text("actors.csv").encode("utf-8")).hexdigest()
            return out
    return {}
