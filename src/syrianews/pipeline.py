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
from .extractors import build_extractors
from .lexicons import data_text, fold
from .manifest import file_sha256, write_manifest
from .readers import input_files, iter_file
from .readers.html import normalize_url
from .records import RawRecord, Rejection, Tally
from .schema import TABLES
from .stories import StoryIndex
from .writer import TableWriter, cleanup_stale, publish, staging_dir

BATCH = 200
FINAL_TABLES = ("links", "actors", "rejects")

_extractors: list | None = None
_config: dict[str, Any] = {}


@dataclass
class BuildResult:
    out: Path
    counts: dict[str, int]
    rejects: dict[str, int]
    duplicates: int
    seconds: float
    manifest: dict[str, Any] = field(default_factory=dict)


def _init_worker(config: dict[str, Any]) -> None:
    global _extractors, _config
    _config = config
    _extractors = build_extractors(config)


def process_record(rec: RawRecord, extractors: list) -> tuple[str, Any]:
    """One raw record → ("article", (row, rows by table)) or ("reject", row). Never raises."""
    try:
        art = to_article(rec)
    except Exception as e:  # a reader bug must not stop the build: record it
        return "reject", rejection_row(Rejection(rec.source_file, rec.record_index, "parse_error", f"{type(e).__name__}: {e}"))
    if isinstance(art, Rejection):
        return "reject", rejection_row(art)
    found: dict[str, list[dict]] = {}
    try:
        for ex in extractors:
            for table, rows in ex.extract(art, found).items():
                found.setdefault(table, []).extend(rows)
    except Exception as e:
        return "reject", rejection_row(Rejection(rec.source_file, rec.record_index, "extraction_error", f"{type(e).__name__}: {e}", (art.title or "")[:120]))
    return "article", (article_row(art, found.get("mentions")), found)


def _process_batch(batch: list[RawRecord]) -> list[tuple[str, Any]]:
    assert _extractors is not None
    return [process_record(r, _extractors) for r in batch]


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


def _merge(batch: list, results: list[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Put the reader's rejections back among the processed records, in input order."""
    done = iter(results)
    for b in batch:
        yield ("reject", rejection_row(b)) if isinstance(b, Rejection) else next(done)


def _ordered_results(batches: Iterator[list], jobs: int, config: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Process batches in workers, yielding results in input order with a bounded window."""
    if jobs <= 1:
        _init_worker(config)
        for batch in batches:
            yield from _merge(batch, _process_batch(_records_of(batch)))
        return
    window: deque[tuple[list, Any]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(config,)) as pool:
        for batch in batches:
            recs = _records_of(batch)
            window.append((batch, pool.submit(_process_batch, recs) if recs else None))
            if len(window) >= jobs * 3:
                done, fut = window.popleft()
                yield from _merge(done, fut.result() if fut is not None else [])
        while window:
            done, fut = window.popleft()
            yield from _merge(done, fut.result() if fut is not None else [])


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
    t0 = time.perf_counter()
    out = Path(out)
    inputs = [Path(p) for p in inputs]
    skipped: list[str] = []
    files = input_files(inputs, skipped)
    jobs = jobs or os.cpu_count() or 1
    config = {"actors_files": [str(Path(p).resolve()) for p in actors_files], "extractors": extractors}
    # validate the configuration (e.g. the actor catalogue) before any work, in this process
    instances = build_extractors(config)
    cleanup_stale(out)
    stage = staging_dir(out)
    try:
        result = _build_into(stage, files, config, instances, jobs, progress, fail_after, t0)
        result.manifest["skipped_files"] = skipped
        write_manifest(stage / "manifest.json", result.manifest)
        publish(stage, out)
    except BaseException:
        import shutil

        shutil.rmtree(stage, ignore_errors=True)
        raise
    result.out = out
    return result


def _build_into(stage: Path, files: list[tuple[Path, str]], config: dict[str, Any], extractors: list, jobs: int, progress: bool | None, fail_after: int | None, t0: float) -> BuildResult:
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

    tallies: Counter[str] = Counter()  # records counted, not articles (WARC requests, ...)
    urls: dict[str, str] = {}  # normalised URL → article_id, to resolve related links

    def records() -> Iterator[RawRecord | Rejection]:
        for path, name in files:
            for item in iter_file(path, name):
                if isinstance(item, Tally):
                    tallies[item.kind] += 1
                else:
                    yield item

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(desc="building", unit=" rec", disable=not show, mininterval=0.5)
    t_read = time.perf_counter()
    for kind, payload in _ordered_results(_batches(records(), BATCH), jobs, config):
        n_records += 1
        bar.update(1)
        if fail_after is not None and n_records > fail_after:
            raise RuntimeError(f"build stopped on purpose after {fail_after} records")
        if kind == "reject":
            rejects.append(payload)
            continue
        row, found = payload
        aid = row["article_id"]
        if aid in seen:
            n_duplicates += 1
            dup = rejection_row(Rejection(row["source_file"], row["record_index"], "duplicate", "same outlet, title and text as an earlier record", (row["title"] or "")[:120]))
            rejects.append({**dup, "duplicate_of": aid, "url": row["url"]})
            continue
        seen[aid] = len(seen)
        n_syria += bool(row.get("syria"))
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
    for w in writers.values():
        w.close()
    for link in links:
        # by URL first (a page's canonical URL), else by headline
        target = urls.get(normalize_url(link["url"]) or "") or titles.get(title_key(link["title"]))
        link["target_article_id"] = target if target != link["article_id"] else None
    _write(stage, "links", links)
    _write(stage, "rejects", rejects)
    _write(stage, "actors", _actor_rows(extractors, mention_counts))
    counts = {name: pq.ParquetFile(stage / f"{name}.parquet").metadata.num_rows for name in TABLES}
    reasons = dict(sorted(Counter(r["reason"] for r in rejects).items()))
    seconds = time.perf_counter() - t0
    manifest = {
        "package": "syrianews",
        "version": __version__,
        "inputs": [{"path": name, "bytes": path.stat().st_size, "sha256": file_sha256(path)} for path, name in files],
        "actors_files": [{"path": p, "sha256": file_sha256(Path(p))} for p in config["actors_files"]],
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
