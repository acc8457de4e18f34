"""story_id: near-duplicate articles (wire copies with small edits) share a story; deterministic."""
from __future__ import annotations

import json

import syrianews
from syrianews.pipeline import build
from syrianews.stories import StoryIndex, shingles, signature

WIRE = ("أعلن المرصد السوري لحقوق الإنسان اليوم أن طائرات التحالف الدولي قتلت أكثر من ثلاثة آلاف عنصر من تنظيم داعش "
        "وجبهة النصرة خلال عشرة أشهر من الغارات على مواقع التنظيمين في شمال سوريا وشرقها، بينهم عشرات القياديين. "
        "وقال المرصد في بيان إن مئة وسبعين مدنيا قتلوا أيضا جراء هذه الغارات، بينهم أطفال ونساء، في محافظات حلب والرقة ودير الزور والحسكة.")
EDITED = "عين اليوم – متابعات\n" + WIRE.replace("اليوم", "أمس الخميس").replace("بينهم أطفال ونساء", "بينهم أطفال")
OTHER = ("افتتح أمير منطقة الرياض معرض الكتاب الدولي في دورته الجديدة بمشاركة مئات دور النشر العربية والأجنبية، "
         "وسط إقبال كبير من الزوار في يومه الأول، فيما تقام على هامشه ندوات وأمسيات شعرية وورش عمل للأطفال والشباب طوال أيام المعرض العشرة.")


def test_signature_is_datasketchs_minhash_of_the_shingles():
    """The signature is computed in whole-array passes: it must be datasketch's own MinHash
    (same scheme, seed and permutations), or stories of earlier builds would not compare."""
    import numpy as np
    from datasketch import MinHash

    from syrianews.stories import NUM_PERM, SCHEME, SEED

    for text in (WIRE, OTHER, EDITED, " ".join(f"كلمة{i}" for i in range(3000))):
        m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        m.update_batch(list(shingles(text)))
        assert signature(text) == m.hashvalues.astype(np.uint64).tobytes()


def test_shingles_are_word_trigrams_of_the_folded_text():
    assert shingles("أ ب ج د") == {"ا ب ج".encode(), "ب ج د".encode()}
    assert shingles("أ ب") == set()


def test_signature_is_deterministic_and_short_texts_have_none():
    assert signature(WIRE) == signature(WIRE) and len(signature(WIRE)) == 128 * 8
    assert signature("نص قصير جدا") is None
    assert len(shingles("أ ب ج د")) == 2


def test_near_copies_share_a_story_others_do_not():
    idx = StoryIndex()
    assert idx.assign("a", signature(WIRE)) == "a"
    assert idx.assign("b", signature(OTHER)) == "b"
    assert idx.assign("c", signature(EDITED)) == "a"  # the earliest similar article names the story
    assert idx.assign("d", None) == "d"  # too short: alone
    assert idx.pairs == 1


def test_build_assigns_story_ids_in_order_and_the_manifest_counts_them(tmp_path):
    recs = [{"title": "حصيلة غارات التحالف", "content": WIRE, "source": "a"},
            {"title": "معرض الكتاب", "content": OTHER, "source": "b"},
            {"title": "المرصد: مقتل 3000 من داعش والنصرة", "content": EDITED, "source": "c"}]
    src = tmp_path / "in.json"
    src.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    res = build([src], tmp_path / "one", progress=False, jobs=1)
    arts = syrianews.load("articles", tmp_path / "one")
    assert arts.story_id.tolist() == [arts.article_id[0], arts.article_id[1], arts.article_id[0]]
    assert res.manifest["stories"] == {"stories": 2, "shared": 1, "articles_in_shared": 2, "threshold": 0.5}
    two = syrianews.load("articles", build([src], tmp_path / "two", progress=False, jobs=2).out)
    assert two.story_id.tolist() == arts.story_id.tolist()
