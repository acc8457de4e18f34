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

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .lexicons import fold
from .readers.html import normalize_url
from .stats import Stats
from .stories import StoryIndex
from .writer import SEQ, STORY_SIGNATURE, ShardedTableWriter

DUPLICATE_DETAIL = "same outlet, title and text as an earlier record"


def title_key(title: str | None) -> str:
    return fold(title or "")


def reduce_keys(part_dirs: list[str]) -> tuple[dict[int, dict[int, str]], dict[str, str], dict[str, str], Stats]:
    """``(duplicates, titles, urls, stats)``: per partition ``{_seq: article_id kept}`` of its
    duplicate records, and the folded title → first kept article id and normalised URL →
    first kept article id maps for links."""
    stats = Stats()
    seen: set[str] = set()
    titles: dict[str, str] = {}
    urls: dict[str, str] = {}
    dups: dict[int, dict[int, str]] = {}
    with stats.timer("dedup"):
        for i, d in enumerate(part_dirs):
            t = pq.read_table(Path(d) / "articles.parquet", columns=[SEQ, "article_id", "title", "url"])
            for seq, aid, title, url in zip(t[SEQ].to_pylist(), t["article_id"].to_pylist(), t["title"].to_pylist(), t["url"].to_pylist()):
                stats.stat_update("dedup", "in")
                if aid in seen:
                    dups.setdefault(i, {})[seq] = aid
                    stats.drop("dedup", "duplicate")
                    continue
                seen.add(aid)
                stats.stat_update("dedup", "out")
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
    """Story ids of the kept articles, assigned in input order (one task sees them all)."""

    def __init__(self, stats: Stats):
        self.index = StoryIndex()
        self.sizes: dict[str, int] = {}
        self.syria = 0
        self.stats = stats

    def add(self, articles: pa.Table) -> pa.Table:
        with self.stats.timer("stories"):
            ids = [self.index.assign(a, sig) for a, sig in zip(articles["article_id"].to_pylist(), articles[STORY_SIGNATURE].to_pylist())]
        for story in ids:
            self.sizes[story] = self.sizes.get(story, 0) + 1
        self.syria += sum(bool(v) for v in articles["syria"].to_pylist())
        i = articles.schema.get_field_index("story_id")
        return articles.set_column(i, "story_id", pa.array(ids, pa.string())).drop_columns([STORY_SIGNATURE])

    def summary(self) -> dict[str, Any]:
        shared = [n for n in self.sizes.values() if n > 1]  # stories told by two articles or more
        return {"stories": len(self.sizes), "shared": len(shared), "articles_in_shared": sum(shared), "threshold": self.index.threshold}


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
    stories = _Stories(stats) if name == "articles" else None
    for i, d in enumerate(part_dirs):
        table = pq.read_table(Path(d) / f"{name}.parquet")
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
