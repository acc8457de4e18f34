"""The Syria flag: signals in headline and lead, the rule, and the Syria subset of every table."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import syrianews
from syrianews.pipeline import build
from syrianews.schema import TABLES
from syrianews.syria import lead_count, syria_columns, syria_signals, term_signals

BODY = "وقالت مصادر محلية إن الاشتباكات استمرت حتى ساعات الصباح الأولى وسط حالة من التوتر الشديد في المنطقة."


@pytest.mark.parametrize(
    "text, signals",
    [
        ("قصف على حلب وريف دمشق", {"حلب", "ريف دمشق"}),
        ("وبسوريا ولسوريا والسوريين وللسوريين", {"سوريا"}),  # clitics; one name, one signal
        ("عين العرب وكوباني", {"كوباني"}),
        ("ريف حماة", {"حماة"}),
        ("حماة الوطن وحماة الديار", set()),  # protectors, not the city
        ("جلس حوله الناس", set()),  # حوله (around him) is not الحولة
        ("والحولة", {"الحولة"}),
        ("رفع درعاً تذكارياً", set()),  # a shield, not the governorate
        ("في درعا", {"درعا"}),
        ("فتح الباب وتدمر الحرب كل شيء", set()),  # ambiguous names are left out
        ("السوريون في الأردن", {"سوريا"}),
    ],
)
def test_terms_are_whole_words_with_clitics(text, signals):
    assert set(term_signals(text)) == signals


def test_lead_is_the_opening_paragraphs_up_to_sixty_words():
    short, long = "فقرة قصيرة", " ".join(["كلمة"] * 70)
    assert lead_count([long, short]) == 1  # at least the first paragraph
    assert lead_count([short, short, long]) == 2
    assert lead_count([]) == 0


def test_the_rule():
    # one strong signal in the headline flags
    assert syria_columns("غارات على إدلب", [BODY], []) == {"syria_score": 2.0, "syria": True}
    # one strong signal in the lead does not (a passing mention)
    assert syria_columns("الملك يستقبل وزير الخارجية", ["بحث الجانبان الأوضاع في اليمن وسوريا.", BODY], []) == {"syria_score": 1.0, "syria": False}
    # two different strong signals in the lead do
    assert syria_columns("عنوان", ["قصف على حلب وحمص.", BODY], [])["syria"]
    # deeper in the body: nothing
    assert syria_columns("عنوان", [" ".join(["كلمة"] * 70), "قصف على حلب وحمص"], [])["syria_score"] == 0
    # ISIS alone is weak (it is in Iraq too): never a flag on its own
    isis = [{"actor_id": "ISIS", "in_title": True, "paragraph": None}, {"actor_id": "ISIS", "in_title": False, "paragraph": 0},
            {"actor_id": "BAGHDADI", "in_title": False, "paragraph": 0}]
    out = syria_columns("داعش في الأنبار", [BODY], isis)
    assert out["syria_score"] == 2.0 and not out["syria"]
    # ... but adds to a strong one
    assert syria_columns("داعش", ["التنظيم يتقدم في ريف حمص.", BODY], isis[:1] + [{"actor_id": "ISIS", "in_title": False, "paragraph": 0}])["syria"]
    # catalogue actors count through their mentions, in headline or lead only
    assert syria_signals("عنوان", [BODY], [{"actor_id": "SYR_GOV", "in_title": False, "paragraph": 0}]) == {"actor:SYR_GOV": (1.0, False, True)}
    long = " ".join(["كلمة"] * 70)
    assert syria_signals("عنوان", [long, BODY, BODY], [{"actor_id": "SYR_GOV", "in_title": False, "paragraph": 2}]) == {}
    assert syria_columns("عنوان", [BODY], [{"actor_id": "SYR_GOV", "in_title": True, "paragraph": None}])["syria"]
    assert not syria_columns("عنوان", [BODY], [{"actor_id": "USA", "in_title": True, "paragraph": None}])["syria"]


def _records():
    syria = [
        {"title": "قوات النظام تقصف أحياء حلب الشرقية", "content": "قال المرصد السوري لحقوق الإنسان إن قوات النظام السوري قصفت أحياء في مدينة حلب وقتلت خمسة مدنيين.\n" + BODY, "url": "http://x/1"},
        {"title": "المعارضة تتقدم في ريف إدلب", "content": "أعلنت فصائل المعارضة السورية سيطرتها على قرى في ريف إدلب الجنوبي بعد معارك مع قوات النظام.\n" + BODY, "url": "http://x/2"},
    ]
    other = [
        {"title": "افتتاح معرض الكتاب في الرياض", "content": "افتتح أمير منطقة الرياض معرض الكتاب الدولي بمشاركة مئات دور النشر العربية والأجنبية.\n" + BODY, "url": "http://x/3"},
        {"title": "الهلال يفوز على النصر", "content": "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة مثيرة على ملعب الملك فهد الدولي.\n" + BODY, "url": "http://x/4"},
    ]
    return syria + other + [dict(syria[0])]  # the last: a duplicate of a Syria article


def test_syria_subset_of_every_table(tmp_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(_records(), ensure_ascii=False), encoding="utf-8")
    res = build([src], tmp_path / "out", progress=False, jobs=1)
    out = tmp_path / "out"
    arts = syrianews.load("articles", out)
    assert list(arts.syria) == [True, True, False, False]
    assert res.manifest["syria_articles"] == 2
    assert json.loads((out / "manifest.json").read_text())["syria_articles"] == 2
    ids = set(arts.article_id[arts.syria])
    for table in TABLES:
        full, sub = syrianews.load(table, out), syrianews.load(table, out, syria=True)
        assert list(sub.columns) == list(full.columns), table
        if table == "articles":
            assert set(sub.article_id) == ids
        elif table == "rejects":
            assert list(sub.reason) == ["duplicate"] and set(sub.duplicate_of) <= ids
        elif table == "actors":
            men = syrianews.load("mentions", out, syria=True)
            assert set(sub.actor_id) == set(men.actor_id) and "SYR_GOV" in set(sub.actor_id)
            row = sub.set_index("actor_id").loc["SYR_GOV"]
            assert row.n_mentions == (men.actor_id == "SYR_GOV").sum() and row.n_articles == men[men.actor_id == "SYR_GOV"].article_id.nunique()
        else:
            assert set(sub.article_id) <= ids and len(sub) == full.article_id.isin(ids).sum(), table
    assert len(syrianews.load("mentions", out, syria=True)) > 0


def test_crawl_date_is_not_the_publication_date():
    from syrianews.articles import to_article
    from syrianews.records import RawRecord

    a = to_article(RawRecord("d.json", 0, {"title": "عنوان", "content": BODY, "date_extracted": "2015-07-21 02:51:32"}, "json"))
    assert a.published is None and a.crawled == pd.Timestamp("2015-07-21 02:51:32")
    b = to_article(RawRecord("d.json", 0, {"title": "عنوان", "content": BODY, "date_extracted": "2015-07-21", "published": "2015-07-20"}, "json"))
    assert b.published == pd.Timestamp("2015-07-20") and b.crawled == pd.Timestamp("2015-07-21")


def test_hand_labels_join_a_build_of_the_corpus_folder_or_of_its_parent():
    """eval/syria_sample.py joins labels on the record's archive and index, whatever folder was built."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "eval" / "syria_sample.py"
    spec = importlib.util.spec_from_file_location("syria_sample", path)
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    key = sample.record_key
    assert key("saudinewsnet/2015-07-24.zip!2015-07-24.json") == key("2015-07-24.zip!2015-07-24.json") == "2015-07-24.zip!2015-07-24.json"
    assert key("a/b/2015-07-24.zip!2015-07-24.json") != key("2015-07-25.zip!2015-07-25.json")
    assert key("articles.jsonl") == "articles.jsonl"  # a plain file: its name
    labels = pd.read_csv(path.parent / "syria_labels.csv")
    assert labels.source_file.map(key).str.match(r"^2015-\d\d-\d\d\.zip!2015-\d\d-\d\d\.json$").all()
