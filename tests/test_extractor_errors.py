"""An extractor's failure costs that extractor's rows, not the article; a failure at start-up
(catalogue, lexicon) stops the build with a clear message."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from syrianews.actors.catalogue import CatalogueError
from syrianews.cli import main
from syrianews.extractor_errors import StartupError
from syrianews.pipeline import build
from syrianews.quotes import QuoteExtractor
from syrianews.validate import validate_build

TEXT = "اتهمت روسيا الولايات المتحدة بدعم الإرهاب في سوريا. وقال لافروف إن واشنطن لا تحارب تنظيم داعش."
POISON = "كلمة_تكسر_المستخرج"


def _raw(tmp_path):
    raw = tmp_path / "raw.json"
    raw.write_text(
        json.dumps([{"title": "خبر أول", "content": TEXT}, {"title": "خبر ثان", "content": TEXT + " " + POISON}], ensure_ascii=False),
        encoding="utf-8",
    )
    return raw


def test_a_failing_extractor_keeps_the_article_and_the_other_rows(tmp_path, monkeypatch, capsys):
    real = QuoteExtractor.extract

    def fragile(self, article, found):
        if POISON in article.body:
            raise IndexError("list index out of range (a rule met text it did not expect)")
        return real(self, article, found)

    monkeypatch.setattr(QuoteExtractor, "extract", fragile)
    out = tmp_path / "out"
    assert main(["build", str(_raw(tmp_path)), "--out", str(out), "--quiet", "--jobs", "1"]) == 0
    assert "1 extractor failures" in capsys.readouterr().err
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    assert [a["title"] for a in arts] == ["خبر أول", "خبر ثان"], "the article is kept"
    assert pq.read_table(out / "rejects.parquet").num_rows == 0
    poisoned = arts[1]["article_id"]
    mentions = pq.read_table(out / "mentions.parquet").to_pylist()
    quotes = pq.read_table(out / "quotes.parquet").to_pylist()
    accusations = pq.read_table(out / "accusations.parquet").to_pylist()
    assert any(m["article_id"] == poisoned for m in mentions), "rows of the extractors before it are kept"
    assert any(x["article_id"] == poisoned for x in accusations), "rows of the extractors after it are kept"
    assert not any(q["article_id"] == poisoned for q in quotes) and any(q["article_id"] == arts[0]["article_id"] for q in quotes)
    (err,) = pq.read_table(out / "errors.parquet").to_pylist()
    assert err["article_id"] == poisoned and err["extractor"] == "quotes" and err["error_type"] == "IndexError"
    assert "list index out of range" in err["message"] and err["source_file"] == "raw.json" and err["record_index"] == 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["extractor_errors"]["count"] == 1 and manifest["extractor_errors"]["by_extractor"] == {"quotes": 1}
    assert manifest["extractor_errors"]["first"][0]["article_id"] == poisoned
    assert manifest["counts"]["errors"] == 1
    assert validate_build(out) == []


def test_a_build_without_failures_has_an_empty_errors_table(tmp_path):
    out = tmp_path / "out"
    build([_raw(tmp_path)], out, progress=False, jobs=1)
    assert pq.read_table(out / "errors.parquet").num_rows == 0
    assert json.loads((out / "manifest.json").read_text())["extractor_errors"] == {"count": 0, "by_extractor": {}, "first": []}


def test_catalogue_failure_at_start_up_stops_the_build(tmp_path, monkeypatch, capsys):
    """The accusation rules no longer run with empty affiliations when the catalogue fails."""
    from syrianews.accusations import actorinfo

    def broken(extra=()):
        raise CatalogueError("actors.csv line 7: affiliation XYZ is not an actor")

    monkeypatch.setattr("syrianews.actors.catalogue.load_catalogue", broken)
    with pytest.raises(CatalogueError):
        actorinfo.load_actor_info({})
    out = tmp_path / "out"
    assert main(["build", str(_raw(tmp_path)), "--out", str(out), "--quiet"]) == 2
    assert "affiliation XYZ is not an actor" in capsys.readouterr().err
    assert not out.exists()


def test_lexicon_failure_at_start_up_stops_the_build(tmp_path, monkeypatch, capsys):
    """A lexicon is loaded on first use: the start-up check runs every extractor once, so a
    broken one stops the build before any article instead of failing on all of them."""

    def broken(self, article, found):
        raise KeyError("speech_act")  # as a speech-verb lexicon without its column would

    monkeypatch.setattr(QuoteExtractor, "extract", broken)
    out = tmp_path / "out"
    with pytest.raises(StartupError, match="extractor 'quotes' fails on a plain article at start-up"):
        build([_raw(tmp_path)], out, progress=False, jobs=1)
    assert main(["build", str(_raw(tmp_path)), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "quotes" in err and "KeyError" in err and "Traceback" not in err
    assert not out.exists()


def test_extractor_set_up_failure_stops_the_build(tmp_path, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("speaker_titles.txt: permission denied")

    monkeypatch.setattr(QuoteExtractor, "__init__", broken)
    with pytest.raises(StartupError, match="cannot be set up.*permission denied"):
        build([_raw(tmp_path)], tmp_path / "out", progress=False, jobs=1)


def test_an_extractor_that_runs_too_long_is_stopped_and_recorded(tmp_path, monkeypatch):
    """Bounded time per article: a rule stuck on a pathological text costs its rows only."""
    import time

    from syrianews import extractor_errors

    real = QuoteExtractor.extract

    def slow(self, article, found):
        if POISON in article.body:
            while True:  # a rule that never ends on this text
                time.sleep(0.01)
        return real(self, article, found)

    monkeypatch.setattr(QuoteExtractor, "extract", slow)
    monkeypatch.setattr(extractor_errors, "EXTRACT_SECONDS", 0.5)
    out = tmp_path / "out"
    t0 = time.perf_counter()
    res = build([_raw(tmp_path)], out, progress=False, jobs=1)
    assert time.perf_counter() - t0 < 60
    assert res.counts["articles"] == 2
    (err,) = pq.read_table(out / "errors.parquet").to_pylist()
    assert err["extractor"] == "quotes" and err["error_type"] == "ExtractorTimeout" and "more than 0.5 s" in err["message"]
    assert validate_build(out) == []
