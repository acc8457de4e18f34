"""The typed build configuration and the per-step stats that the manifest records."""
from __future__ import annotations

import dataclasses
import json

import pytest

import syrianews
from syrianews.config import BuildConfig
from syrianews.pipeline import build
from syrianews.stats import Stats

BODY = "قال المتحدث باسم الوزارة إن القوات تقدمت في ريف حلب الشمالي بعد معارك عنيفة استمرت يومين."


def test_config_is_frozen_and_validated(tmp_path):
    cfg = BuildConfig.make(actors_files=[tmp_path / "x.csv"], extractors=["links"], jobs=3)
    assert cfg.actors_files == (str((tmp_path / "x.csv").resolve()),) and cfg.extractors == ("links",) and cfg.jobs == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.jobs = 1  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown engine"):
        BuildConfig(engine="spark")
    with pytest.raises(ValueError, match="jobs"):
        BuildConfig(jobs=0)
    assert BuildConfig.make().jobs >= 1


def test_fingerprint_follows_what_changes_the_rows(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("actor_id,name_ar\nX_1,فلان\n", encoding="utf-8")
    base = BuildConfig.make(actors_files=[extra])
    assert base.fingerprint() == BuildConfig.make(actors_files=[extra], jobs=7).fingerprint()
    assert base.fingerprint() != BuildConfig.make().fingerprint()
    assert base.fingerprint() != BuildConfig.make(actors_files=[extra], extractors=["links"]).fingerprint()
    before = base.fingerprint()
    extra.write_text("actor_id,name_ar\nX_1,فلان الفلاني\n", encoding="utf-8")
    assert base.fingerprint() != before  # the file's content, not its name


def test_stats_merge_and_serialise():
    a, b = Stats(), Stats()
    a.stat_update("clean", "in", 2)
    a.drop("clean", "empty")
    b.stat_update("clean", "in", 3)
    b.drop("clean", "empty", 2)
    b.rows("quotes", "quotes", 4)
    with b.timer("quotes"):
        pass
    d = a.merge(b).to_dict()
    assert d["clean"]["in"] == 5 and d["clean"]["dropped"] == {"empty": 3}
    assert d["quotes"]["rows"] == {"quotes": 4} and d["quotes"]["seconds"] >= 0


def test_manifest_records_config_and_steps(tmp_path):
    rec = {"title": "عنوان", "content": BODY, "source": "almadina", "url": "http://x/1"}
    (tmp_path / "a.json").write_text(json.dumps([rec, {**rec, "url": "http://x/1?print"}, {"title": "فارغ", "content": ""}]))
    (tmp_path / "b.jsonl").write_text(json.dumps({**rec, "title": "آخر"}) + "\n{oops\n")
    res = build([tmp_path / "a.json", tmp_path / "b.jsonl"], tmp_path / "out", jobs=1, progress=False)
    m = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert m["config"]["jobs"] == 1 and m["config"]["engine"] == "local" and m["config"]["extractors"] is None
    steps = m["steps"]
    assert steps["read"]["in"] == 2 and steps["read"]["out"] == m["records"] == 5
    assert steps["read"]["dropped"] == {"malformed_json": 1}
    assert steps["clean"]["dropped"] == {"empty": 1}
    assert steps["dedup"]["dropped"] == {"duplicate": 1} and steps["dedup"]["out"] == res.counts["articles"] == 2
    # every record is an article or dropped at exactly one step, with its reason
    dropped = sum(n for s in steps.values() for n in s.get("dropped", {}).values())
    assert dropped + res.counts["articles"] == m["records"]
    assert dropped == res.counts["rejects"] == len(syrianews.load("rejects", res.out))
    for name in ("links", "mentions", "quotes", "accusations"):
        assert steps[name]["in"] == 3 and steps[name]["seconds"] >= 0  # the three parsed records
    assert steps["mentions"]["rows"]["mentions"] >= res.counts["mentions"]  # duplicates' rows too
