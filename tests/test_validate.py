"""``syrianews validate``: one test per kind of corruption, each on a broken copy of a real
build; export-hub and publish refuse what it refuses."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from syrianews.cli import main
from syrianews.pipeline import build
from syrianews.schema import to_table
from syrianews.validate import validate_build

from conftest import SAMPLE

BODY = "قال المتحدث باسم الوزارة إن القوات تقدمت في ريف حلب الشمالي بعد معارك عنيفة استمرت يومين."


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(SAMPLE, raw / SAMPLE.name)
    (raw / "more.json").write_text(
        json.dumps([{"title": "اتهام", "content": "اتهمت روسيا الولايات المتحدة بدعم الإرهاب. وقال لافروف: «لا نقبل ذلك»."},
                    {"title": "فارغ", "content": ""}, {"title": "عنوان", "content": BODY}, {"title": "عنوان", "content": BODY}],
                   ensure_ascii=False),
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("good") / "build"
    build([raw], out, progress=False, jobs=1)
    return out


@pytest.fixture
def broken(good_build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "broken"
    shutil.copytree(good_build, copy)
    return copy


def rows(folder: Path, name: str) -> list[dict]:
    return pq.read_table(folder / f"{name}.parquet").to_pylist()


def rewrite(folder: Path, name: str, new_rows: list[dict]) -> None:
    pq.write_table(to_table(name, new_rows), folder / f"{name}.parquet")


def kinds(folder: Path) -> set[tuple[str, str]]:
    return {(p.kind, p.table) for p in validate_build(folder)}


def test_a_real_build_is_valid(good_build: Path, capsys):
    assert validate_build(good_build) == []
    for name in ("mentions", "quotes", "accusations", "links", "rejects"):
        assert rows(good_build, name), f"the fixture build should have {name} rows to corrupt"
    assert main(["validate", str(good_build)]) == 0
    assert "valid" in capsys.readouterr().out


def test_missing_table(broken: Path, capsys):
    (broken / "quotes.parquet").unlink()
    assert ("missing", "quotes") in kinds(broken)
    assert main(["validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "quotes.parquet is missing" in err and "1 problem" in err


def test_unreadable_table(broken: Path):
    (broken / "mentions.parquet").write_bytes(b"PAR1 not really parquet")
    assert ("missing", "mentions") in kinds(broken)


def test_missing_manifest(broken: Path):
    (broken / "manifest.json").unlink()
    assert kinds(broken) == {("missing", "manifest")}


def test_schema_missing_column(broken: Path):
    t = pq.read_table(broken / "links.parquet")
    pq.write_table(t.drop(["url"]), broken / "links.parquet")
    problems = validate_build(broken)
    assert [(p.kind, p.table) for p in problems] == [("schema", "links")] and "url" in problems[0].message


def test_schema_wrong_type(broken: Path):
    t = pq.read_table(broken / "mentions.parquet")
    i = t.schema.get_field_index("start")
    pq.write_table(t.set_column(i, "start", pa.compute.cast(t.column("start"), pa.int64())), broken / "mentions.parquet")
    problems = validate_build(broken)
    assert ("schema", "mentions") in {(p.kind, p.table) for p in problems} and "int64" in str(problems)


def test_duplicate_id(broken: Path):
    ms = rows(broken, "mentions")
    ms[1]["mention_id"] = ms[0]["mention_id"]
    rewrite(broken, "mentions", ms)
    assert kinds(broken) == {("duplicate_id", "mentions")}


def test_null_id(broken: Path):
    qs = rows(broken, "quotes")
    qs[0]["quote_id"] = None
    rewrite(broken, "quotes", qs)
    assert ("null_id", "quotes") in kinds(broken)


@pytest.mark.parametrize(
    "table, column",
    [("mentions", "article_id"), ("mentions", "actor_id"), ("quotes", "article_id"), ("accusations", "article_id"),
     ("accusations", "accuser_actor_id"), ("links", "article_id"), ("links", "target_article_id"), ("rejects", "duplicate_of")],
)
def test_dangling_reference(broken: Path, table: str, column: str):
    rs = rows(broken, table)
    target = next(r for r in rs if r.get(column) is not None) if any(r.get(column) is not None for r in rs) else rs[0]
    target[column] = "NO_SUCH_ID"
    rewrite(broken, table, rs)
    problems = [p for p in validate_build(broken) if p.kind == "reference"]
    assert problems and all(p.table == table and column in p.message for p in problems)


def test_mention_offset_not_the_surface(broken: Path):
    ms = rows(broken, "mentions")
    m = next(m for m in ms if not m["in_title"])
    m["start"] += 1
    m["end"] += 1
    rewrite(broken, "mentions", ms)
    problems = validate_build(broken)
    assert {(p.kind, p.table) for p in problems} == {("offset", "mentions")} and "not the surface" in problems[0].message


def test_quote_offset_outside_the_body(broken: Path):
    arts = {a["article_id"]: a["body"] for a in rows(broken, "articles")}
    qs = rows(broken, "quotes")
    qs[0]["end"] = len(arts[qs[0]["article_id"]]) + 10
    rewrite(broken, "quotes", qs)
    problems = validate_build(broken)
    assert {(p.kind, p.table) for p in problems} == {("offset", "quotes")} and "outside" in problems[0].message


def test_accusation_trigger_offset(broken: Path):
    xs = rows(broken, "accusations")
    x = next(x for x in xs if x["trigger_start"] is not None)
    x["trigger_start"] += 2
    rewrite(broken, "accusations", xs)
    assert kinds(broken) == {("offset", "accusations")}


def test_manifest_counts_disagree(broken: Path):
    path = broken / "manifest.json"
    m = json.loads(path.read_text())
    m["counts"]["quotes"] += 1
    path.write_text(json.dumps(m))
    problems = validate_build(broken)
    assert [(p.kind, p.table) for p in problems] == [("manifest", "quotes")]


def test_lost_record(broken: Path):
    rs = rows(broken, "rejects")
    rewrite(broken, "rejects", [r for r in rs if r["reason"] != "empty"])
    path = broken / "manifest.json"
    m = json.loads(path.read_text())
    m["counts"]["rejects"] -= 1  # a consistent count, but the record is gone
    path.write_text(json.dumps(m))
    messages = [p.message for p in validate_build(broken)]
    assert any("records are lost" in msg for msg in messages)


def test_long_lists_of_problems_are_summarised(broken: Path):
    ms = rows(broken, "mentions")
    for m in ms:
        m["actor_id"] = "NO_SUCH_ID"
    rewrite(broken, "mentions", ms)
    problems = validate_build(broken)
    assert len(problems) <= 21 and "more reference problems" in problems[-1].message


def test_export_hub_and_publish_refuse_an_invalid_build(broken: Path, tmp_path: Path, capsys):
    pytest.importorskip("datasets")
    ms = rows(broken, "mentions")
    ms[0]["start"] = -3
    rewrite(broken, "mentions", ms)
    assert main(["export-hub", str(tmp_path / "hub"), "--data", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "not a valid build" in err and "offset" in err
    assert not (tmp_path / "hub" / "README.md").exists()
    assert main(["publish", "--repo-id", "org/x", "--dry-run", "--data", str(broken)]) == 2
    assert "not a valid build" in capsys.readouterr().err


def test_publish_of_an_export_folder_that_does_not_validate(good_build: Path, tmp_path: Path, capsys):
    pytest.importorskip("datasets")
    out = tmp_path / "hub"
    assert main(["export-hub", str(out), "--data", str(good_build)]) == 0
    assert validate_build(out) == [], "an export validates like its build"
    (next((out / "quotes").glob("*.parquet"))).unlink()
    capsys.readouterr()
    assert main(["publish", "--repo-id", "org/x", "--dry-run", "--folder", str(out)]) == 2
    assert "does not validate" in capsys.readouterr().err


def test_validate_of_no_build(tmp_path: Path, capsys):
    assert main(["validate", str(tmp_path / "nothing")]) == 2
    assert "no build" in capsys.readouterr().err


@pytest.mark.corpus
def test_the_corpus_build_is_valid(corpus_build: Path):
    """No false alarms on real data: the whole SaudiNewsNet build validates."""
    assert validate_build(corpus_build) == []
