"""The notebooks' analysis helpers: Syria selection, valid measures, bootstrap intervals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from syrianews.analysis import bootstrap, measures, selection


# --- Syria selection -----------------------------------------------------------------------

def _articles(rows):
    return pd.DataFrame(rows, columns=["article_id", "title", "body"])


def test_interim_rule_needs_a_title_term_or_two_body_terms():
    arts = _articles([
        ("a", "غارات على حلب", "نص بلا ذكر"),                    # title
        ("b", "عنوان", "وصل الوفد إلى دمشق ثم التقى السوريين"),     # two in the body
        ("c", "عنوان", "قال إن اللاعب السوري انتقل"),              # one in the body only
        ("d", "حلبة السباق", "رقة الأداء وحمصي"),                  # look-alikes, not terms
        ("e", "عنوان", "وبدمشق ولسوريا"),                          # clitics in front
    ])
    assert selection.interim_syria(arts).tolist() == [True, True, False, False, True]


def test_the_builds_flag_wins_over_the_interim_rule():
    arts = _articles([("a", "حلب", "حلب حلب"), ("b", "عنوان", "نص")]).assign(syria=[False, True])
    sel = selection.select(arts)
    assert sel.source == "flag" and sel.mask.tolist() == [False, True]
    assert "1 of 2 articles" in sel.describe() and "flag" in sel.describe()
    assert "interim" in selection.select(arts.drop(columns="syria")).describe()


def test_crawl_day_is_never_called_a_publication_date():
    arts = pd.DataFrame({"published": pd.to_datetime(["2015-07-21"]), "crawled": pd.to_datetime(["2015-07-22"])})
    dates, label = selection.article_dates(arts)
    assert dates.iloc[0] == pd.Timestamp("2015-07-22") and "Crawl day" in label
    dates, label = selection.article_dates(arts.drop(columns="crawled"))
    assert "publication" not in label.lower() and "crawl day" in label


# --- measures ------------------------------------------------------------------------------

CATALOGUE = pd.DataFrame({
    "actor_id": ["RUS", "LAVROV", "RUS_MFA", "IRGC", "SOLEIMANI", "SYR_GOV", "LOOP_A", "LOOP_B"],
    "type": ["state", "person", "state_body", "armed_group", "person", "state", "person", "person"],
    "affiliation": [None, "RUS_MFA", "RUS", "IRN", "IRGC", None, "LOOP_B", "LOOP_A"],
})


def test_people_and_state_bodies_roll_up_to_the_actor_they_speak_for():
    up = measures.rollup(CATALOGUE)
    assert up["LAVROV"] == "RUS" and up["RUS_MFA"] == "RUS"
    assert up["SOLEIMANI"] == "IRGC"   # an armed group speaks for itself, not for its state
    assert up["IRGC"] == "IRGC"       # its affiliation (IRN) is not in this catalogue anyway
    assert up["LOOP_A"] in {"LOOP_A", "LOOP_B"}  # a cycle ends


def test_coverage_drops_non_political_adjectives_and_bare_regime_outside_syria():
    arts = pd.DataFrame({
        "article_id": ["s", "o"],
        "title": ["", ""],
        "body": ["قال وزير الخارجية الروسي إن النظام يقصف", "ارتفع الخام الأمريكي وقال النظام"],
    })
    syria = pd.Series([True, False])
    body_s, body_o = arts.body
    mentions = pd.DataFrame([
        ("s", "RUS", "nisba", "الروسي", body_s.index("الروسي")),
        ("s", "SYR_GOV", "alias", "النظام", body_s.index("النظام")),
        ("o", "USA", "nisba", "الأمريكي", body_o.index("الأمريكي")),
        ("o", "SYR_GOV", "alias", "النظام", body_o.index("النظام")),
    ], columns=["article_id", "actor_id", "form", "surface", "start"]).assign(in_title=False)
    kept, dropped = measures.coverage_mentions(mentions, arts, syria)
    assert list(zip(kept.article_id, kept.actor_id)) == [("s", "RUS"), ("s", "SYR_GOV")]
    assert dropped["adjective (non-political head)"] == 1 and dropped["bare النظام outside Syria articles"] == 1


def test_an_accusation_is_answered_by_a_denial_or_by_a_quote_of_the_accused():
    acc = pd.DataFrame({
        "accusation_id": ["c1", "c2", "c3", "d1"],
        "article_id": ["a1", "a2", "a3", "a1"],
        "kind": ["accuse", "accuse", "accuse", "deny"],
        "accuser_actor_id": ["USA", "USA", "USA", "RUS_MFA"],
        "accused_actor_id": ["RUS", "RUS", "RUS", None],
        "answers_accusation_id": [None, None, None, None],
    })
    quotes = pd.DataFrame({"article_id": ["a2", "a3"], "speaker_actor_id": ["LAVROV", "USA"]})
    out = measures.answered(acc, quotes, measures.rollup(CATALOGUE))
    assert dict(zip(out.accusation_id, out.answer)) == {"c1": "denial", "c2": "quote", "c3": "none"}


def test_speech_verbs_lose_a_leading_conjunction_only():
    assert [measures.verb_form(v) for v in ["وقال", "فأكد", "قال", "وافق", "وعد", None]] == ["قال", "أكد", "قال", "وافق", "وعد", None]


# --- bootstrap -----------------------------------------------------------------------------

def test_share_interval_covers_the_share_and_narrows_with_more_articles():
    rng = np.random.default_rng(0)
    small = rng.random((100, 1)) < 0.3
    large = rng.random((4000, 1)) < 0.3
    s, l = bootstrap.share_of_units(small), bootstrap.share_of_units(large)
    for res in (s, l):
        assert res.lo[0] <= res.share[0] <= res.hi[0]
    assert (l.hi[0] - l.lo[0]) < (s.hi[0] - s.lo[0]) / 3
    # binomial standard error at n=4000 is 0.0072: the 95% interval is about 4 of them wide
    assert 0.02 < l.hi[0] - l.lo[0] < 0.04


def test_intervals_are_reproducible_and_resample_whole_articles():
    events = pd.DataFrame({"article_id": ["a", "a", "a", "b", "c"], "key": ["X", "X", "X", "Y", "Y"]})
    units = pd.Index(["a", "b", "c"])
    matrix, keys = bootstrap.unit_matrix(events, "article_id", "key", units)
    assert matrix.tolist() == [[3, 0], [0, 1], [0, 1]] and list(keys) == ["X", "Y"]
    t1, t2 = bootstrap.totals(matrix), bootstrap.totals(matrix)
    pd.testing.assert_frame_equal(t1, t2)
    # X's three events sit in one article: its replicates are multiples of 3
    reps = [w @ matrix[:, 0] for w in bootstrap.replicate_weights(3, 50)]
    assert all(r % 3 == 0 for r in reps)


def test_ratio_keeps_numerator_and_denominator_paired():
    num = np.array([[1.0], [0.0], [1.0], [1.0]])
    den = np.ones((4, 1))
    res = bootstrap.ratio(num, den)
    assert res.value[0] == pytest.approx(0.75) and 0 <= res.lo[0] <= 0.75 <= res.hi[0] <= 1


def test_errorbars_are_distances_from_the_estimate():
    frame = pd.DataFrame({"share": [0.5], "lo": [0.4], "hi": [0.7]})
    assert bootstrap.errorbars(frame, "share", 100).ravel().tolist() == pytest.approx([10.0, 20.0])


# --- estimates -----------------------------------------------------------------------------

from syrianews.analysis import estimates  # noqa: E402


def test_group_share_per_outlet_with_intervals():
    arts = estimates.with_units(pd.DataFrame({
        "article_id": list("abcdef"), "outlet": ["X", "X", "X", "X", "Y", "Y"],
        "syria": [True, True, False, False, True, True]}))
    res = estimates.group_share(arts, "syria", "outlet")
    assert res.loc["X", "value"] == 0.5 and res.loc["Y", "value"] == 1.0
    assert res.loc["X", "with"] == 2 and res.loc["X", "articles"] == 4
    assert res.loc["X", "lo"] <= 0.5 <= res.loc["X", "hi"] and res.loc["Y", "lo"] == 1.0


def test_wire_copies_are_one_story_in_the_resampling():
    base = pd.DataFrame({"article_id": [f"a{i}" for i in range(12)]})
    copies = base.assign(story_id=["s0"] * 6 + [None] * 6)  # six outlets ran one wire story
    assert estimates.unit_kind(copies) == "story" and estimates.unit_kind(base) == "article"
    arts = estimates.with_units(copies)
    assert arts["unit"].nunique() == 7
    events = pd.DataFrame({"article_id": [f"a{i}" for i in range(6)] + ["a6"], "actor": "RUS"})
    clustered = estimates.article_share(events, arts, "actor")
    independent = estimates.article_share(events, estimates.with_units(base), "actor")
    assert clustered.loc["RUS", "share"] == independent.loc["RUS", "share"] == pytest.approx(7 / 12)
    width = lambda r: r.loc["RUS", "hi"] - r.loc["RUS", "lo"]  # noqa: E731
    assert width(clustered) > width(independent)  # one story is less evidence than six articles


def test_event_share_keeps_unattributed_events_in_the_denominator():
    arts = estimates.with_units(pd.DataFrame({"article_id": ["a", "b"]}))
    quotes = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "actor": ["RUS", None, "USA", "RUS"]})
    res = estimates.event_share(quotes, arts, "actor")
    assert res.loc["RUS", "share"] == 0.5 and res.loc["USA", "share"] == 0.25


def test_event_ratio_per_accused():
    arts = estimates.with_units(pd.DataFrame({"article_id": ["a", "b", "c"]}))
    acc = pd.DataFrame({"article_id": ["a", "b", "c"], "accused": ["RUS", "RUS", "USA"], "answered": [True, False, False]})
    res = estimates.event_ratio(acc, arts, "accused", "answered")
    assert res.loc["RUS", "value"] == 0.5 and res.loc["USA", "value"] == 0.0 and res.loc["RUS", "events"] == 2
