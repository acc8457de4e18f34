"""story_id: near-duplicate articles (wire copies with small edits) share a story; deterministic."""
from __future__ import annotations

import json

import numpy as np
import pytest

import syrianews
from syrianews.pipeline import build
from syrianews.stories import NUM_PERM, StoryIndex, shingles, signature, story_roots

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


def test_permutations_and_bands_are_datasketchs():
    """Drawn and kept without importing datasketch (whose import costs every worker scipy):
    they must be the numbers datasketch itself uses."""
    from datasketch import MinHash, MinHashLSH

    from syrianews import stories

    theirs = MinHash(num_perm=NUM_PERM, seed=stories.SEED, scheme=stories.SCHEME).permutations
    ours = stories._permutations()
    assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
    for threshold in {stories.THRESHOLD, *(t for t, _ in stories.KNOWN_BANDS)}:
        assert stories._bands(threshold) == list(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)
    assert stories._bands(0.8) == list(MinHashLSH(threshold=0.8, num_perm=NUM_PERM).hashranges)  # not kept: asked


def test_signatures_do_not_import_datasketch():
    """A worker computes signatures and story ids without datasketch's import (scipy)."""
    import subprocess
    import sys

    code = ("import sys, numpy as np; from syrianews.stories import signature, story_roots; "
            "s = signature(' '.join(f'w{i}' for i in range(50))); "
            "story_roots(np.frombuffer(s * 3, dtype=np.uint64).reshape(3, -1)); "
            "print('datasketch' in sys.modules, 'scipy' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]


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


def _signatures(seed: int, n: int = 400) -> np.ndarray:
    """Signatures with planted near-copies: each row fresh, or an earlier row with a share of its
    positions changed (about the threshold, so that band matches and similarity tests disagree),
    some from a tiny alphabet (chance band matches between unrelated rows)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        kind = rng.integers(4)
        if i and kind < 2:
            row = rows[rng.integers(i)].copy()
            change = rng.random(NUM_PERM) < rng.choice([0.05, 0.3, 0.45, 0.5, 0.55, 0.7, 0.9])
            row[change] = rng.integers(0, 2**32, change.sum(), dtype=np.uint64)
        elif kind == 2:
            row = rng.integers(0, 2, NUM_PERM).astype(np.uint64)
        else:
            row = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        rows.append(row)
    return np.stack(rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_story_roots_give_what_the_lsh_index_gives_one_article_at_a_time(seed):
    values = _signatures(seed)
    idx = StoryIndex()
    ids = [f"a{i}" for i in range(len(values))]
    expected = [idx.assign(a, v.tobytes()) for a, v in zip(ids, values)]
    roots, pairs = story_roots(values)
    assert [ids[r] for r in roots] == expected
    assert pairs == idx.pairs > 20  # the planted copies are found, and some rows start stories
    assert len(set(expected)) > 100
