"""The foundation's faster forms compute what the plain forms did (the tables must not change)."""
from __future__ import annotations

import importlib.util
import re
import signal
import sys
from pathlib import Path

import numpy as np
import pytest

from syrianews.articles import language_of, letter_counts
from syrianews.assemble import reduce_keys
from syrianews.extractor_errors import ExtractorTimeout, alarms, time_limit
from syrianews.pipeline import build

ROOT = Path(__file__).resolve().parents[1]


def test_permutations_are_datasketchs_without_importing_it():
    from datasketch import MinHash

    from syrianews.stories import NUM_PERM, SCHEME, SEED, _permutations

    ours = _permutations()
    theirs = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)


def test_letter_counts_are_the_regex_counts_for_every_code_point():
    arabic, latin = re.compile("[\u0621-\u064a\u0671-\u06d3]+"), re.compile("[A-Za-z]+")
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1))  # lone surrogates too
    for start in range(0, len(everything), 4096):
        chunk = everything[start : start + 4096]
        assert letter_counts(chunk) == (sum(map(len, arabic.findall(chunk))), sum(map(len, latin.findall(chunk))))
    assert letter_counts("") == (0, 0)
    assert letter_counts("قال Reuters") == (3, 7)
    assert language_of("...") == "und" and language_of("قال المتحدث باسم Reuters") == "ar"


def _two_partitions(tmp_path: Path) -> list[str]:
    import json

    body = "وقال المتحدث باسم الوزارة إن الاجتماع عقد في الرياض أمس بحضور الوفود"
    recs = [{"title": "خبر أول", "content": body, "source": "a", "url": "http://x/1"},
            {"title": "خبر ثان", "content": body + " كلها", "source": "b", "url": "http://x/2"}]
    (tmp_path / "a.json").write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([recs[1], recs[0], {**recs[0], "title": "خبر ثالث"}], ensure_ascii=False), encoding="utf-8")
    res = build([tmp_path / "a.json", tmp_path / "b.json"], tmp_path / "out", progress=False, jobs=1)
    assert res.duplicates == 2
    parts = tmp_path / "out" / ".parts"
    import json as j

    summaries = sorted((j.loads((d / "summary.json").read_text()) for d in parts.iterdir()), key=lambda s: s["partition"]["index"])
    return [str(parts / s["partition"]["key"][:40]) for s in summaries]


def test_reduce_keys_finds_the_first_record_of_each_article_with_or_without_link_maps(tmp_path):
    dirs = _two_partitions(tmp_path)
    dups, titles, urls, stats = reduce_keys(dirs)
    assert dups == {1: {0: dups[1][0], 1: dups[1][1]}} and len(set(dups[1].values())) == 2
    assert set(titles) == {"خبر اول", "خبر ثان", "خبر ثالث"} and set(urls) == {"x/1", "x/2"}  # normalised: no scheme
    steps = stats.to_dict()["dedup"]
    assert steps["in"] == 5 and steps["out"] == 3 and steps["dropped"] == {"duplicate": 2}
    same, no_titles, no_urls, stats2 = reduce_keys(dirs, links=False)
    assert same == dups and no_titles == {} and no_urls == {}
    assert {k: v for k, v in stats2.to_dict()["dedup"].items() if k != "seconds"} == {k: v for k, v in steps.items() if k != "seconds"}
    assert reduce_keys([])[0] == {}


def test_time_limits_inside_one_handler_each_stop_their_block_and_the_handler_is_restored():
    before = signal.getsignal(signal.SIGALRM)
    with alarms():
        with time_limit(5, "extractor 'a'"):
            pass  # a block that ends in time leaves no timer behind
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        with pytest.raises(ExtractorTimeout, match="extractor 'b' ran for more than 0.1 s"):
            with time_limit(0.1, "extractor 'b'"):
                while True:
                    pass
    assert signal.getsignal(signal.SIGALRM) == before
    with pytest.raises(ExtractorTimeout, match="extractor 'c'"):  # on its own, as before
        with time_limit(0.1, "extractor 'c'"):
            while True:
                pass
    assert signal.getsignal(signal.SIGALRM) == before


def _bench():
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "benchmarks" / "bench_build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_bench_derives_each_stage_from_one_build_by_the_extractors_share_of_the_workers_phase():
    full = {"seconds": 100.0, "articles": 1000, "jobs": 2, "timings": {"extract_seconds": 90.0},
            "steps": {"read": {"seconds": 4.0}, "clean": {"seconds": 6.0}, "mentions": {"seconds": 10.0},
                      "quotes": {"seconds": 60.0}, "accusations": {"seconds": 20.0}, "dedup": {"seconds": 50.0}}}
    stages = _bench().derive_stages(full)  # per-record steps: 100 s, of which the extractors 90
    assert [round(stages[s]["seconds"], 3) for s in ("foundation", "+ mentions", "+ quotes", "+ accusations")] == [19.0, 28.0, 82.0, 100.0]
    assert all(s["derived"] and s["articles"] == 1000 for s in stages.values())


def test_known_lsh_bands_are_the_ones_datasketch_chooses():
    from datasketch import MinHashLSH

    from syrianews.stories import KNOWN_BANDS, NUM_PERM, THRESHOLD, _bands

    assert (THRESHOLD, NUM_PERM) in KNOWN_BANDS  # the build's own threshold needs no scipy
    for threshold, num_perm in KNOWN_BANDS:
        assert num_perm == NUM_PERM
        assert _bands(threshold) == list(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)
    assert _bands(0.8) == list(MinHashLSH(threshold=0.8, num_perm=NUM_PERM).hashranges)  # others: asked
