"""The build: inputs → readers → articles → extractors → Parquet tables, in bounded memory.

Records are read in a fixed order and processed in batches by worker processes; results are
consumed in submission order, so the tables are the same row for row whatever the number of
workers. The main process only deduplicates, writes, and keeps small indexes (ids, titles,
counts); the whole corpus never sits in memory.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from . import __version__
from .articles import article_row, rejection_row, to_article
from .buildlock import locked_build
from .config import BuildConfig
from . import extractor_errors
from .document import Document
from .extractor_errors import error_row, errors_summary, start_extractors, time_limit
from .extractors import build_extractors
from .lexicons import data_text, fold
from .manifest import file_sha256, write_manifest
from .readers import input_files, iter_file
from .readers.html import normalize_url
from .records import RawRecord, Rejection, Tally
from .schema import TABLES
from .stats import Stats
from .stories import StoryIndex
from .writer import TableWriter, cleanup_stale, publish, staging_dir

BATCH = 200
FINAL_TABLES = ("links", "actors", "rejects")

_extractors: list | None = None
_config: BuildConfig = BuildConfig()


@dataclass
class BuildResult:
    out: Path
    counts: dict[str, int]
    rejects: dict[str, int]
    duplicates: int
    seconds: float
    manifest: dict[str, Any] = field(default_factory=dict)


def _init_worker(config: BuildConfig) -> None:
    global _extractors, _config
    _config = config
    _extractors = build_extractors(config)


def process_record(rec: RawRecord, extractors: list, stats: Stats | None = None) -> tuple[str, Any]:
    """One raw record → ("article", (row, rows by table)) or ("reject", row). Never raises.

    ``stats`` (optional) counts, per step (``clean``, then each extractor by name), the time,
    the records in and out, the rows made per table and the records dropped by reason."""
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
    return "article", (article_row(art, found.get("mentions")), found)


def _process_batch(batch: list[RawRecord]) -> tuple[list[tuple[str, Any]], dict[str, Any]]:
    assert _extractors is not None
    stats = Stats()
    results = [process_record(r, _extractors, stats) for r in batch]
    return results, stats.steps


def _batches(items: Iterable[RawRecord | Rejection], size: int) -> Iterator[list[RawRecord | Rejection]]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _records_of(batch: list) -> list[RawRecord]:
    return [b for b in batch if isinstance(b, RawRecord)]


def _merge(batch: list, processed: tuple[list[tuple[str, Any]], dict[str, Any]], stats: Stats) -> Iterator[tuple[str, Any]]:
    """Put the reader's rejections back among the processed records, in input order."""
    results, batch_stats = processed
    stats.merge(batch_stats)
    done = iter(results)
    for b in batch:
        stats.stat_update("read", "out")
        if isinstance(b, Rejection):
            stats.drop("read", b.reason)
            yield "reject", rejection_row(b)
        else:
            yield next(done)


def _ordered_results(batches: Iterator[list], jobs: int, config: BuildConfig, stats: Stats) -> Iterator[tuple[str, Any]]:
    """Process batches in workers, yielding results in input order with a bounded window."""
    if jobs <= 1:
        _init_worker(config)
        for batch in batches:
            yield from _merge(batch, _process_batch(_records_of(batch)), stats)
        return
    window: deque[tuple[list, Any]] = deque()
    empty: tuple[list, dict] = ([], {})
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(config,)) as pool:
        for batch in batches:
            recs = _records_of(batch)
            window.append((batch, pool.submit(_process_batch, recs) if recs else None))
            if len(window) >= jobs * 3:
                done, fut = window.popleft()
                yield from _merge(done, fut.result() if fut is not None else empty, stats)
        while window:
            done, fut = window.popleft()
            yield from _merge(done, fut.result() if fut is not None else empty, stats)


def title_key(title: str | None) -> str:
    return fold(title or "")


def build(
    inputs: list[str | os.PathLike],
    out: str | os.PathLike = "data/processed",
    *,
    actors_files: list[str | os.PathLike] = (),
    jobs: int | None = None,
    progress: bool | None = None,
    fail_after: int | None = None,
    extractors: list[str] | None = None,
) -> BuildResult:
    """Build every table from ``inputs`` into ``out`` atomically.

    ``fail_after`` makes the build raise after that many records: it exists for the test that a
    failed build leaves the previous tables intact. ``extractors`` limits the extractors run to
    those names (None: all), for benchmarks that separate the foundation from extraction.
    """
    config = BuildConfig.make(actors_files=actors_files, extractors=extractors, jobs=jobs)
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
    instances = start_extractors(build_extractors, config)
    cleanup_stale(out)
    stage = staging_dir(out)
    try:
        result = _build_into(stage, files, config, instances, config.jobs, progress, fail_after, t0)
        result.manifest["skipped_files"] = skipped
        result.manifest["extractor_errors"] = errors_summary(stage)
        write_manifest(stage / "manifest.json", result.manifest)
        publish(stage, out)
    except BaseException:
        import shutil

        shutil.rmtree(stage, ignore_errors=True)
        raise
    result.out = out
    return result


def _build_into(stage: Path, files: list[tuple[Path, str]], config: BuildConfig, extractors: list, jobs: int, progress: bool | None, fail_after: int | None, t0: float) -> BuildResult:
    from tqdm.auto import tqdm

    writers = {name: TableWriter(name, stage / f"{name}.parquet") for name in TABLES if name not in FINAL_TABLES}
    rejects: list[dict] = []
    links: list[dict] = []
    seen: dict[str, int] = {}  # article_id → row number
    n_duplicates = 0
    n_syria = 0  # articles flagged as about Syria
    stories = StoryIndex()  # near-duplicate clusters, in build order
    story_sizes: Counter[str] = Counter()
    titles: dict[str, str] = {}
    mention_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n_records = 0
    stats = Stats()

    tallies: Counter[str] = Counter()  # records counted, not articles (WARC requests, ...)
    urls: dict[str, str] = {}  # normalised URL → article_id, to resolve related links

    def records() -> Iterator[RawRecord | Rejection]:
        for path, name in files:
            stats.stat_update("read", "in")  # files
            items = iter_file(path, name)
            while True:
                with stats.timer("read"):
                    item = next(items, None)
                if item is None:
                    break
                if isinstance(item, Tally):
                    tallies[item.kind] += 1
                    continue
                yield item

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(desc="building", unit=" rec", disable=not show, mininterval=0.5)
    t_read = time.perf_counter()
    for kind, payload in _ordered_results(_batches(records(), BATCH), jobs, config, stats):
        n_records += 1
        bar.update(1)
        if fail_after is not None and n_records > fail_after:
            raise RuntimeError(f"build stopped on purpose after {fail_after} records")
        if kind == "reject":
            rejects.append(payload)
            continue
        row, found = payload
        aid = row["article_id"]
        stats.stat_update("dedup", "in")
        if aid in seen:
            n_duplicates += 1
            stats.drop("dedup", "duplicate")
            dup = rejection_row(Rejection(row["source_file"], row["record_index"], "duplicate", "same outlet, title and text as an earlier record", (row["title"] or "")[:120]))
            rejects.append({**dup, "duplicate_of": aid, "url": row["url"]})
            continue
        seen[aid] = len(seen)
        stats.stat_update("dedup", "out")
        n_syria += bool(row.get("syria"))
        with stats.timer("stories"):
            row["story_id"] = stories.assign(aid, row.pop("_story_signature", None))
        story_sizes[row["story_id"]] += 1
        titles.setdefault(title_key(row["title"]), aid)
        url_key = normalize_url(row["url"])
        if url_key:
            urls.setdefault(url_key, aid)
        writers["articles"].extend([row])
        for table, rows in found.items():
            if table == "links":
                links.extend(rows)
            else:
                writers[table].extend(rows)
        per_actor = Counter(m["actor_id"] for m in found.get("mentions", []))
        for actor, n in per_actor.items():
            mention_counts[actor][0] += 1
            mention_counts[actor][1] += n
    bar.close()
    t_extract = time.perf_counter() - t_read
    with stats.timer("write"):
        for w in writers.values():
            w.close()
    with stats.timer("resolve_links"):
        for link in links:
            # by URL first (a page's canonical URL), else by headline
            target = urls.get(normalize_url(link["url"]) or "") or titles.get(title_key(link["title"]))
            link["target_article_id"] = target if target != link["article_id"] else None
        stats.stat_update("resolve_links", "in", len(links))
        stats.stat_update("resolve_links", "out", sum(1 for link in links if link["target_article_id"] is not None))
    with stats.timer("write"):
        _write(stage, "links", links)
        _write(stage, "rejects", rejects)
    with stats.timer("actors"):
        actor_rows = _actor_rows(extractors, mention_counts)
        stats.stat_update("actors", "in", len(mention_counts))
        stats.stat_update("actors", "out", len(actor_rows))
    with stats.timer("write"):
        _write(stage, "actors", actor_rows)
    counts = {name: pq.ParquetFile(stage / f"{name}.parquet").metadata.num_rows for name in TABLES}
    reasons = dict(sorted(Counter(r["reason"] for r in rejects).items()))
    seconds = time.perf_counter() - t0
    manifest = {
        "package": "syrianews",
        "version": __version__,
        "inputs": [{"path": name, "bytes": path.stat().st_size, "sha256": file_sha256(path)} for path, name in files],
        "actors_files": [{"path": p, "sha256": file_sha256(Path(p))} for p in config.actors_files],
        "config": config.to_dict(),
        "catalogue": _catalogue_info(extractors),
        "records": n_records,
        "counts": counts,
        "rejects": reasons,
        "duplicates": n_duplicates,
        "syria_articles": n_syria,
        "stories": {
            "stories": len(story_sizes),
            "shared": sum(1 for n in story_sizes.values() if n > 1),  # stories told by two articles or more
            "articles_in_shared": sum(n for n in story_sizes.values() if n > 1),
            "threshold": stories.threshold,
        },
        "tallied_records": dict(sorted(tallies.items())),
        "jobs": jobs,
        "timings": {"extract_seconds": round(t_extract, 3), "total_seconds": round(seconds, 3)},
        # per step: seconds (summed over workers), in/out (records, or rows), rows made per
        # table, records dropped by reason; "read" counts files in and records out
        "steps": stats.to_dict(),
    }
    write_manifest(stage / "manifest.json", manifest)
    return BuildResult(stage, counts, reasons, manifest["duplicates"], seconds, manifest)


def _write(stage: Path, name: str, rows: list[dict]) -> None:
    w = TableWriter(name, stage / f"{name}.parquet")
    w.extend(rows)
    w.close()


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
