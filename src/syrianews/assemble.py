"""The global steps over partitions: deduplication, link resolution, actor counts, the tables.

:func:`reduce_keys` reads only small keys of every partition (record position, article id,
title, url) in input order: the first record of an article id is kept, later ones are
duplicates. A related link points to the first kept article with its normalised URL, else
(no URL, or none that matches) to the first kept article with its folded title; never to the
article that holds the link. :func:`assemble_table` then streams one table's partition files
in order, drops duplicates' rows, resolves links, assigns story ids (articles) and counts
mentions per actor, and writes the table (one partition's rows in memory at a time). Each
table is one task, so an engine can assemble the tables in parallel.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .lexicons import fold
from .readers.html import normalize_url
from .stats import Stats
from .stories import NUM_PERM, THRESHOLD, story_roots
from .writer import SEQ, STORY_SIGNATURE, ShardedTableWriter

DUPLICATE_DETAIL = "same outlet, title and text as an earlier record"


def title_key(title: str | None) -> str:
    return fold(title or "")


def reduce_keys(part_dirs: list[str], links: bool = True) -> tuple[dict[int, dict[int, str]], dict[str, str], dict[str, str], Stats]:
    """``(duplicates, titles, urls, stats)``: per partition ``{_seq: article_id kept}`` of its
    duplicate records, and the folded title → first kept article id and normalised URL →
    first kept article id maps for links (empty when ``links`` is false: a build without
    links rows has nothing to resolve, and folding every title is most of the step's time).

    The first record of each article id is found in whole-array passes: the ids of every
    partition in input order, dictionary-encoded (codes in order of first appearance), and
    each code's first position."""
    stats = Stats()
    titles: dict[str, str] = {}
    urls: dict[str, str] = {}
    dups: dict[int, dict[int, str]] = {}
    with stats.timer("dedup"):
        columns = [SEQ, "article_id", "title", "url"] if links else [SEQ, "article_id"]
        tables = [pq.read_table(Path(d) / "articles.parquet", columns=columns) for d in part_dirs]
        n = sum(t.num_rows for t in tables)
        part_of = np.repeat(np.arange(len(tables), dtype=np.int64), [t.num_rows for t in tables])
        ids = pa.chunked_array([t["article_id"] for t in tables], pa.string())
        seqs = np.concatenate([t[SEQ].to_numpy() for t in tables]) if tables else np.zeros(0, np.int64)
        codes = ids.combine_chunks().dictionary_encode().indices.to_numpy() if n else np.zeros(0, np.int64)
        kept = np.zeros(n, dtype=bool)
        kept[np.unique(codes, return_index=True)[1]] = True
        dup_rows = np.flatnonzero(~kept)
        dup_ids = ids.take(pa.array(dup_rows, pa.int64())).to_pylist() if len(dup_rows) else []
        for row, aid in zip(dup_rows.tolist(), dup_ids):
            dups.setdefault(int(part_of[row]), {})[int(seqs[row])] = aid
        stats.stat_update("dedup", "in", n)
        stats.stat_update("dedup", "out", n - len(dup_rows))
        if len(dup_rows):
            stats.drop("dedup", "duplicate", len(dup_rows))
        if links:
            kept_rows = pa.array(np.flatnonzero(kept), pa.int64())
            title_col = pa.chunked_array([t["title"] for t in tables], pa.string()).take(kept_rows)
            url_col = pa.chunked_array([t["url"] for t in tables], pa.string()).take(kept_rows)
            for aid, title, url in zip(ids.take(kept_rows).to_pylist(), title_col.to_pylist(), url_col.to_pylist()):
                titles.setdefault(title_key(title), aid)
                url_key = normalize_url(url)
                if url_key:
                    urls.setdefault(url_key, aid)
    return dups, titles, urls, stats


def _drop(table: pa.Table, seqs: dict[int, str] | None) -> pa.Table:
    if not seqs:
        return table
    return table.filter(pc.invert(pc.is_in(table[SEQ], value_set=pa.array(list(seqs), pa.int64()))))


def _with_duplicates(rejects: pa.Table, part_dir: Path, seqs: dict[int, str] | None) -> pa.Table:
    """The partition's rejects with a ``duplicate`` row for each duplicate record, in record order."""
    if not seqs:
        return rejects
    arts = pq.read_table(part_dir / "articles.parquet", columns=[SEQ, "source_file", "record_index", "title", "url", "article_id"])
    arts = arts.filter(pc.is_in(arts[SEQ], value_set=pa.array(list(seqs), pa.int64())))
    n = arts.num_rows
    dup = pa.table(
        {
            "source_file": arts["source_file"],
            "record_index": arts["record_index"],
            "reason": pa.array(["duplicate"] * n, pa.string()),
            "detail": pa.array([DUPLICATE_DETAIL] * n, pa.string()),
            "snippet": pa.array([(t or "")[:120] for t in arts["title"].to_pylist()], pa.string()),
            "duplicate_of": arts["article_id"],
            "url": arts["url"],
            SEQ: arts[SEQ],
        }
    )
    both = pa.concat_tables([rejects, dup.select(rejects.schema.names).cast(rejects.schema)])
    return both.take(pc.sort_indices(both, sort_keys=[(SEQ, "ascending")]))


def _resolve_links(links: pa.Table, urls: dict[str, str], titles: dict[str, str], stats: Stats) -> pa.Table:
    """``target_article_id`` of each link: by URL, else by title; None for a link to itself."""
    aids = links["article_id"].to_pylist()
    # by URL first (a page's canonical URL), else by headline
    found = [urls.get(normalize_url(u) or "") or titles.get(title_key(t)) for u, t in zip(links["url"].to_pylist(), links["title"].to_pylist())]
    targets = [t if t != a else None for t, a in zip(found, aids)]
    stats.stat_update("resolve_links", "in", len(targets))
    stats.stat_update("resolve_links", "out", sum(t is not None for t in targets))
    i = links.schema.get_field_index("target_article_id")
    return links.set_column(i, "target_article_id", pa.array(targets, pa.string()))


class _Stories:
    """Story ids of the kept articles in input order (one task sees them all).

    The signatures of every partition are read first (one column, duplicates dropped) into one
    array and grouped by :func:`~syrianews.stories.story_roots`; the ids are then handed out as
    the articles are written, partition by partition. What is held is about 1.3 KiB a kept
    article (its signature and band index), plus the ids of articles that other articles'
    stories are named after."""

    def __init__(self, part_dirs: list[str], dups: dict[int, dict[int, str]], stats: Stats):
        self.stats = stats
        with stats.timer("stories"):
            files = [Path(d) / "articles.parquet" for d in part_dirs]
            total = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
            values = np.empty((total, NUM_PERM), dtype=np.uint64)
            row_of = np.full(total, -1, dtype=np.int64)  # kept article → its row in values (-1: none)
            kept = signed = 0
            for i, f in enumerate(files):
                t = _drop(pq.read_table(f, columns=[SEQ, STORY_SIGNATURE]), dups.get(i))
                for sig in t[STORY_SIGNATURE].to_pylist():
                    if sig is not None:
                        values[signed] = np.frombuffer(sig, dtype=np.uint64)
                        row_of[kept] = signed
                        signed += 1
                    kept += 1
            roots_signed, self.pairs = story_roots(values[:signed])
            del values
            signed_at = np.flatnonzero(row_of[:kept] >= 0)  # the kept position of each signed row
            roots = np.arange(kept, dtype=np.int64)
            roots[signed_at] = signed_at[roots_signed]
        self.roots = roots
        self.named = set(np.unique(roots[roots != np.arange(kept)]).tolist())  # first articles of shared stories
        self.ids: dict[int, str] = {}
        self.next = 0
        self.syria = 0

    def add(self, articles: pa.Table) -> pa.Table:
        with self.stats.timer("stories"):
            ids = []
            for k, aid in enumerate(articles["article_id"].to_pylist(), start=self.next):
                root = int(self.roots[k])
                ids.append(aid if root == k else self.ids[root])
                if k in self.named:
                    self.ids[k] = aid
            self.next += articles.num_rows
        self.syria += sum(bool(v) for v in articles["syria"].to_pylist())
        i = articles.schema.get_field_index("story_id")
        return articles.set_column(i, "story_id", pa.array(ids, pa.string()))

    def summary(self) -> dict[str, Any]:
        sizes = np.bincount(self.roots) if len(self.roots) else np.zeros(0, dtype=np.int64)
        shared = sizes[sizes > 1]  # stories told by two articles or more
        return {"stories": int(np.count_nonzero(sizes)), "shared": int(len(shared)), "articles_in_shared": int(shared.sum()), "threshold": THRESHOLD}


def _count_mentions(mentions: pa.Table, counts: dict[str, list[int]]) -> None:
    """Add ``actor_id → [articles, mentions]`` of these (kept, so unique) articles' mentions."""
    if not mentions.num_rows:
        return
    g = mentions.group_by("actor_id").aggregate([("article_id", "count_distinct"), ("article_id", "count")])
    for actor, n_art, n_men in zip(g["actor_id"].to_pylist(), g["article_id_count_distinct"].to_pylist(), g["article_id_count"].to_pylist()):
        c = counts.setdefault(actor, [0, 0])
        c[0] += n_art
        c[1] += n_men


def assemble_table(
    name: str,
    part_dirs: list[str],
    stage: str,
    shard_bytes: int,
    dups: dict[int, dict[int, str]],
    links: tuple[dict[str, str], dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Write table ``name`` of the build from the partitions, in order; returns
    ``{"rows", "files", "stats"}`` (and ``"actor_counts"`` for mentions)."""
    stats = Stats()
    t0 = time.perf_counter()
    writer = ShardedTableWriter(name, Path(stage), shard_bytes)
    counts: dict[str, list[int]] = {}
    stories = _Stories(part_dirs, dups, stats) if name == "articles" else None
    columns = [SEQ, *writer.schema.names] if name == "articles" else None  # not the signatures: read by _Stories
    for i, d in enumerate(part_dirs):
        table = pq.read_table(Path(d) / f"{name}.parquet", columns=columns)
        if name == "rejects":
            table = _with_duplicates(table, Path(d), dups.get(i))
        else:
            table = _drop(table, dups.get(i))
        if name == "links":
            urls, titles = links or ({}, {})
            table = _resolve_links(table, urls, titles, stats)
        elif stories is not None:
            table = stories.add(table)
        elif name == "mentions":
            _count_mentions(table, counts)
        writer.write(table.drop_columns([SEQ]))
    target = writer.close()
    stats.stat_update("write", "seconds", time.perf_counter() - t0)
    stats.rows("write", name, writer.count)
    out: dict[str, Any] = {"rows": writer.count, "files": len(writer.files) or 1, "stats": stats.steps}
    if name == "mentions":
        out["actor_counts"] = counts
    if stories is not None:
        out["stories"] = stories.summary()
        out["syria_articles"] = stories.syria
    out["path"] = str(target)
    return out
