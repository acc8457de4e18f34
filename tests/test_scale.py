"""Scale: sharded tables, incremental rebuilds and the Dask engine give the local build's tables."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import syrianews
from syrianews.loading import read_table, table_files
from syrianews.pipeline import build
from syrianews.schema import TABLES

from conftest import BODY, page_dump


def assert_same_tables(a: Path, b: Path) -> None:
    for name in TABLES:
        x, y = read_table(name, a), read_table(name, b)
        assert x.num_rows == y.num_rows, name
        assert x.equals(y), f"{name} differs"


def _records(n: int, tag: str) -> list[dict]:
    return [{"title": f"خبر {tag} رقم {i}", "content": f"{BODY} {tag} {i}", "source": "okaz", "url": f"http://x/{tag}/{i}"} for i in range(n)]


@pytest.fixture
def raw(tmp_path) -> Path:
    """Three files; c.json repeats a record of a.json (a duplicate across files) and
    d.txt lists related links to titles of a.json and of a file added later (b2.json)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    a = _records(30, "أ")
    (raw / "a.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
    (raw / "c.json").write_text(json.dumps(_records(5, "ج") + [a[3], {"title": "فارغ", "content": ""}], ensure_ascii=False), encoding="utf-8")
    (raw / "d.txt").write_text(page_dump("صفحة الروابط", BODY, ["خبر أ رقم 7", "خبر ب رقم 2", "غير موجود"]), encoding="utf-8")
    return raw


def test_sharded_tables_equal_single_files_and_load_everywhere(raw, tmp_path):
    one = build([raw], tmp_path / "one", jobs=1, progress=False).out
    res = build([raw], tmp_path / "many", jobs=1, progress=False, shard_bytes=4096)
    many = res.out
    assert (one / "articles.parquet").is_file() and (many / "articles.parquet").is_dir()
    parts = table_files("articles", many)
    assert len(parts) > 2 and [p.name for p in parts[:2]] == ["part-00000.parquet", "part-00001.parquet"]
    assert res.manifest["files"]["articles"] == len(parts)
    assert_same_tables(one, many)
    # every reader: syrianews.load, pandas/pyarrow on the folder, datasets, the Hub export
    assert syrianews.load("articles", many).equals(syrianews.load("articles", one))
    assert pq.read_table(many / "articles.parquet").to_pandas().equals(syrianews.load("articles", one))
    ds = syrianews.load_dataset("articles", many)
    assert ds["article_id"] == list(syrianews.load("articles", one).article_id)
    from syrianews.hub.export import export_hub

    exp = export_hub(many, tmp_path / "hub")
    assert [t.rows for t in exp.tables] == [len(syrianews.load(n, one)) for n in TABLES]


def test_incremental_rebuild_equals_full_build(raw, tmp_path):
    out = tmp_path / "out"
    first = build([raw], out, jobs=1, progress=False)
    assert first.manifest["incremental"]["reused_partitions"] == 0
    # add a file that sorts before c.json: c.json's copy of a.json's record stays a duplicate,
    # b2.json's own copy of a c.json record makes that one a duplicate now, and the link to
    # "خبر ب رقم 2" in d.txt now resolves
    c_first = json.loads((raw / "c.json").read_text(encoding="utf-8"))[0]
    (raw / "b2.json").write_text(json.dumps(_records(4, "ب") + [c_first], ensure_ascii=False), encoding="utf-8")
    again = build([raw], out, jobs=1, progress=False)
    inc = again.manifest["incremental"]
    assert inc["processed_files"] == ["b2.json"] and inc["reused_files"] == ["a.json", "c.json", "d.txt"]
    assert [i["reused"] for i in again.manifest["inputs"]] == [True, False, True, True]
    full = build([raw], tmp_path / "full", jobs=1, progress=False)
    assert_same_tables(out, full.out)
    links = syrianews.load("links", out)
    arts = syrianews.load("articles", out).set_index("title")
    assert links.target_article_id.tolist()[:2] == [arts.loc["خبر أ رقم 7", "article_id"], arts.loc["خبر ب رقم 2", "article_id"]]
    rej = syrianews.load("rejects", out)
    dups = rej[rej.reason == "duplicate"]
    assert sorted(dups.source_file) == ["c.json", "c.json"]  # a.json's record, and b2.json's copy now first
    assert again.manifest["rejects"] == full.manifest["rejects"] == {"duplicate": 2, "empty": 1}
    # a changed file is processed again; --full processes everything
    (raw / "a.json").write_text(json.dumps(_records(31, "أ"), ensure_ascii=False), encoding="utf-8")
    changed = build([raw], out, jobs=1, progress=False)
    assert changed.manifest["incremental"]["processed_files"] == ["a.json"]
    forced = build([raw], out, jobs=1, progress=False, full=True)
    assert forced.manifest["incremental"]["reused_partitions"] == 0
    assert_same_tables(changed.out, forced.out)
    # partitions no longer used are not kept
    assert len(list((out / ".parts").iterdir())) == 4


def test_big_file_is_cut_into_record_ranges(tmp_path, monkeypatch):
    from syrianews import partitions

    (tmp_path / "big.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _records(50, "ك")) + "\n{oops\n", encoding="utf-8")
    one = build([tmp_path / "big.jsonl"], tmp_path / "one", jobs=1, progress=False)
    monkeypatch.setattr(partitions, "PART_BYTES", 2000)
    many = build([tmp_path / "big.jsonl"], tmp_path / "many", jobs=2, progress=False)
    assert one.manifest["incremental"]["partitions"] == 1 and many.manifest["incremental"]["partitions"] > 3
    assert_same_tables(one.out, many.out)
    assert many.counts["rejects"] == 1 and many.manifest["records"] == 51


def test_dask_engine_equals_local_on_a_small_corpus(raw, tmp_path):
    pytest.importorskip("distributed")
    local = build([raw], tmp_path / "local", jobs=1, progress=False)
    dask = build([raw], tmp_path / "dask", jobs=2, engine="dask", progress=False)
    assert dask.manifest["engine"]["name"] == "dask" and dask.manifest["config"]["engine"] == "dask"
    assert_same_tables(local.out, dask.out)
    assert dask.manifest["steps"]["dedup"] == {**local.manifest["steps"]["dedup"], "seconds": dask.manifest["steps"]["dedup"]["seconds"]}


@pytest.mark.corpus
def test_dask_build_of_saudinewsnet_equals_the_local_build(corpus_dir, corpus_build, tmp_path):
    pytest.importorskip("distributed")
    res = build([corpus_dir], tmp_path / "dask", jobs=2, engine="dask", progress=False)
    assert res.manifest["engine"] == {"name": "dask", "workers": 2, "scheduler": None}
    assert_same_tables(corpus_build, res.out)
    local = json.loads((corpus_build / "manifest.json").read_text())
    assert res.manifest["counts"] == local["counts"] and res.manifest["rejects"] == local["rejects"]


@pytest.mark.corpus
def test_adding_the_18th_file_equals_the_full_build(corpus_dir, corpus_build, tmp_path):
    zips = sorted(corpus_dir.glob("*.zip"))
    assert len(zips) == 18
    raw = tmp_path / "raw"
    raw.mkdir()
    # the first file is added last: records of later files that repeat it become duplicates
    for z in zips[1:]:
        (raw / z.name).symlink_to(z)
    out = tmp_path / "out"
    before = build([raw], out, progress=False)
    (raw / zips[0].name).symlink_to(zips[0])
    after = build([raw], out, progress=False)
    inc = after.manifest["incremental"]
    assert inc["processed_files"] == [zips[0].name] and len(inc["reused_files"]) == 17
    assert_same_tables(corpus_build, out)
    full = json.loads((corpus_build / "manifest.json").read_text())
    assert after.manifest["counts"] == full["counts"] and after.manifest["rejects"] == full["rejects"]
    # the added file changed what is a duplicate of what
    dup_before = before.manifest["rejects"].get("duplicate", 0)
    rej = syrianews.load("rejects", out)
    arts = syrianews.load("articles", out, columns=["article_id", "source_file"]).set_index("article_id")
    dups = rej[rej.reason == "duplicate"]
    outer = lambda names: names.str.split("!").str[0]  # noqa: E731  (source_file is "<zip>!<member>")
    spanning = dups[outer(dups.duplicate_of.map(arts.source_file)) != outer(dups.source_file)]
    assert len(spanning) > 0 and (outer(spanning.duplicate_of.map(arts.source_file)) == zips[0].name).any()
    assert after.manifest["duplicates"] > dup_before
