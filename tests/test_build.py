"""The build end to end: tables, nothing lost, duplicates, links, atomic writes, determinism."""
from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import syrianews
from syrianews.cli import main as cli_main
from syrianews.pipeline import build
from syrianews.schema import TABLES

from conftest import BODY, SAMPLE, page_dump


def _fold_ws(text: str) -> str:
    """Whitespace runs and direction marks fold to one space, as the cleaner does."""
    return " ".join(re.sub("[\u200e\u200f\u202a-\u202e\ufeff\xa0]", " ", text).split())


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_sample_build_tables_and_contract(sample_build):
    for name, schema in TABLES.items():
        table = pq.read_table(sample_build / f"{name}.parquet")
        assert table.schema.names == schema.names, name
    arts = syrianews.load("articles", sample_build)
    assert len(arts) == 1
    a = arts.iloc[0]
    assert a.title == 'الدفاع الروسية تتهم أمريكا بتدريب منشقين عن تنظيم "الدولة"'
    assert a.outlet == "بلدي نيوز" and a.author == "كنان سلطان" and a.site_name == "It's Over 9000!"
    assert a.n_paragraphs == 9 and len(a.body.split("\n")) == 9 and a.n_related == 6
    assert a.language == "ar" and a.source_file == SAMPLE.name and a.record_index == 0
    links = syrianews.load("links", sample_build)
    assert list(links.position) == list(range(6)) and links.title.iloc[3] == "روسيا تعلن استعادة 26 طفلا من شرق سوريا"
    assert links.target_article_id.isna().all()
    manifest = json.loads((sample_build / "manifest.json").read_text())
    assert manifest["counts"]["articles"] == 1 and manifest["counts"]["links"] == 6
    assert manifest["inputs"][0]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_every_record_is_an_article_or_a_reject(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    good = {"title": "عنوان", "content": BODY, "url": "http://x/1", "source": "alriyadh"}
    (raw / "a.json").write_text(json.dumps([good, {"title": "فارغ", "content": ""}, "not a record"]), encoding="utf-8")
    (raw / "b.jsonl").write_text(json.dumps({**good, "url": "http://x/2", "title": "آخر"}) + "\n{oops\n", encoding="utf-8")
    (raw / "c.json").write_text('[{"title": "x",', encoding="utf-8")
    (raw / "d.txt").write_bytes(page_dump("خبر قديم", BODY).encode("cp1256"))
    (raw / "e.txt").write_bytes(b"\x00\x01\x02\x03")
    (raw / "sub" / "f.jsonl.gz").write_bytes(gzip.compress(json.dumps({**good, "title": "مضغوط"}).encode()))
    with zipfile.ZipFile(raw / "g.zip", "w") as z:
        z.writestr("inner/h.json", json.dumps([{**good, "title": "من الأرشيف"}]))
        z.writestr("inner/i.txt", page_dump("صفحة في أرشيف", BODY))
    (raw / "README.md").write_text("notes about this folder")
    res = build([raw], tmp_path / "out", progress=False)
    arts = syrianews.load("articles", res.out)
    rej = syrianews.load("rejects", res.out)
    assert sorted(arts.title) == sorted(["عنوان", "آخر", "خبر قديم", "مضغوط", "من الأرشيف", "صفحة في أرشيف"])
    assert Counter(rej.reason) == Counter({"empty": 1, "not_an_article": 1, "malformed_json": 2, "undecodable": 1})
    assert set(rej.source_file) == {"a.json", "b.jsonl", "c.json", "e.txt"}
    assert set(arts.source_file) >= {"g.zip!inner/h.json", "g.zip!inner/i.txt", "sub/f.jsonl.gz", "d.txt"}
    assert arts.loc[arts.title == "خبر قديم", "body"].item() == BODY  # windows-1256 decoded
    assert res.manifest["skipped_files"] == ["README.md"]
    assert res.manifest["rejects"] == dict(sorted(Counter(rej.reason).items()))


def test_exact_duplicates_kept_once_and_counted(tmp_path):
    rec = {"title": "عنوان", "content": BODY, "source": "almadina", "url": "http://x/1"}
    other_outlet = {**rec, "source": "okaz", "url": "http://y/1"}
    (tmp_path / "a.json").write_text(json.dumps([rec, {**rec, "url": "http://x/1?weekly"}, other_outlet, {**rec, "url": "http://x/1?print"}]))
    res = build([tmp_path / "a.json"], tmp_path / "out", progress=False)
    arts = syrianews.load("articles", res.out)
    assert len(arts) == 2  # the same text in another outlet is another publication
    first = arts.set_index("url").loc["http://x/1"]
    rej = syrianews.load("rejects", res.out)
    assert list(rej.reason) == ["duplicate", "duplicate"] and list(rej.record_index) == [1, 3]
    assert list(rej.url) == ["http://x/1?weekly", "http://x/1?print"]
    assert (rej.duplicate_of == first.article_id).all()
    assert res.duplicates == 2


def test_related_links_resolve_to_articles_of_the_same_build(tmp_path):
    (tmp_path / "1.txt").write_text(page_dump("روسيا تعلن استعادة أطفال", BODY, ["خبر غير موجود", "دمشق ترد على الاتهامات"]))
    (tmp_path / "2.txt").write_text(page_dump("دمشق ترد على الاتهامات", BODY + " وأضاف"))
    res = build([tmp_path], tmp_path / "out", progress=False)
    arts = syrianews.load("articles", res.out).set_index("title")
    links = syrianews.load("links", res.out)
    assert list(links.title) == ["خبر غير موجود", "دمشق ترد على الاتهامات"]
    assert pd.isna(links.target_article_id.iloc[0])
    assert links.target_article_id.iloc[1] == arts.loc["دمشق ترد على الاتهامات", "article_id"]
    assert (links.article_id == arts.loc["روسيا تعلن استعادة أطفال", "article_id"]).all()


def test_failed_build_leaves_previous_tables(tmp_path):
    out = tmp_path / "out"
    build([SAMPLE], out, progress=False)
    before = _tree_digest(out)
    with pytest.raises(RuntimeError):
        build([SAMPLE, SAMPLE], out, progress=False, fail_after=1)
    assert _tree_digest(out) == before
    assert not list(tmp_path.glob(".out.*")), "staging folder left behind"


def test_killed_build_leaves_previous_tables(tmp_path):
    out = tmp_path / "out"
    build([SAMPLE], out, progress=False)
    before = _tree_digest(out)
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as f:
        for i in range(60_000):
            f.write(json.dumps({"title": f"عنوان رقم {i}", "content": f"{BODY} {i}"}, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "syrianews", "build", str(big), "--out", str(out), "--quiet", "--jobs", "1"], start_new_session=True)
    deadline = time.time() + 60
    while not list(tmp_path.glob(".out.staging-*")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert proc.poll() is None, "build finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _tree_digest(out) == before
    # the next build cleans the leftovers of the killed one and replaces the tables
    res = build([SAMPLE], out, progress=False)
    assert not list(tmp_path.glob(".out.staging-*")) and res.counts["articles"] == 1


def test_same_output_with_one_or_two_workers(tmp_path, corpus_dir):
    zips = sorted(corpus_dir.glob("*.zip"))[:2]
    one = build(zips, tmp_path / "one", jobs=1, progress=False).out
    two = build(zips, tmp_path / "two", jobs=2, progress=False).out
    for name in TABLES:
        a, b = pq.read_table(one / f"{name}.parquet"), pq.read_table(two / f"{name}.parquet")
        assert a.equals(b), name


def test_missing_input_is_a_clear_error(tmp_path, capsys):
    assert cli_main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_cli_build_and_load(tmp_path, capsys, monkeypatch):
    assert cli_main(["build", str(SAMPLE), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert "built 1 articles" in capsys.readouterr().out
    monkeypatch.setenv("SYRIANEWS_DATA", str(tmp_path / "out"))
    assert len(syrianews.load("links")) == 6
    with pytest.raises(ValueError, match="unknown table"):
        syrianews.load("nope")
    with pytest.raises(FileNotFoundError, match="build the dataset first"):
        syrianews.load("articles", tmp_path / "empty")


@pytest.mark.corpus
def test_saudinewsnet_nothing_lost(corpus_dir, corpus_build):
    raw = []
    for z in sorted(glob.glob(str(corpus_dir / "*.zip"))):
        with zipfile.ZipFile(z) as f:
            for member in sorted(f.namelist()):
                raw.extend(json.loads(f.read(member)))
    assert len(raw) == 31_030
    arts = syrianews.load("articles", corpus_build)
    rej = syrianews.load("rejects", corpus_build)
    assert len(arts) + len(rej) == 31_030
    assert (rej.record_index.notna()).all() and rej.reason.notna().all()
    assert (rej.reason == "empty").sum() == sum(1 for r in raw if not r["content"].strip())
    kept = {(a, b) for a, b in zip(rej.source_file, rej.record_index)} | {(a, b) for a, b in zip(arts.source_file, arts.record_index)}
    assert len(kept) == 31_030
    assert arts.article_id.is_unique
    # metadata carried over, checked against the raw records
    by_url = {r["url"]: r for r in raw}
    for _, a in arts.sample(300, random_state=0).iterrows():
        r = by_url[a.url]
        assert a.outlet == r["source"]
        assert a.title == (_fold_ws(r["title"]) or None)
        assert pd.isna(a.published) and a.crawled == pd.Timestamp(r["date_extracted"])  # a crawl day, not a publication date
        assert (a.author if isinstance(a.author, str) else "") == _fold_ws(r["author"])
    assert arts.outlet.nunique() == 14 and arts.published.isna().all() and arts.crawled.notna().all()
    manifest = json.loads((corpus_build / "manifest.json").read_text())
    # the Syria subset (SaudiNewsNet's README: about 1,975 articles concern Syria in any way)
    assert manifest["syria_articles"] == arts.syria.sum() and 600 < manifest["syria_articles"] < 2000
    # wire copies: SaudiNewsNet has 1,679 articles sharing an exact headline with another
    assert manifest["stories"]["articles_in_shared"] > 3000 and arts.story_id.notna().all()
    assert manifest["records"] == 31_030 and len(manifest["inputs"]) == 18


def test_shipped_raw_data_is_complete_and_licensed():
    """data/raw ships the sample and SaudiNewsNet's 18 upstream zips with licence and citation;
    `make dataset` reads all of them and skips the documentation beside them."""
    import hashlib

    from syrianews.readers import input_files

    raw = SAMPLE.parents[1]
    snn = raw / "saudinewsnet"
    sums = dict(reversed(l.split()) for l in (snn / "SHA256SUMS").read_text().splitlines())
    assert len(sums) == 18
    for name, digest in sums.items():
        assert hashlib.sha256((snn / name).read_bytes()).hexdigest() == digest, name
    assert "CC BY-NC-SA 4.0" in (snn / "LICENSE").read_text() and "Alhagri" in (snn / "CITATION.cff").read_text()
    skipped: list[str] = []
    files = [name for _, name in input_files([raw], skipped)]
    assert files == ["sample/" + SAMPLE.name] + [f"saudinewsnet/{n}" for n in sorted(sums)]
    assert {"saudinewsnet/LICENSE", "saudinewsnet/CITATION.cff", "saudinewsnet/README.md", "saudinewsnet/SHA256SUMS"} <= set(skipped)
