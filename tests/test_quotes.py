"""Quotes: each rule on hand-made sentences, then the sample article against gold_seed.

Mention rows are hand-made where a rule needs them (speaker actors); the sample test runs the
real pipeline (mentions → quotes) and matches every gold_seed quote by token overlap, as
``score.py`` does."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from syrianews.quotes import QuoteExtractor, find_quotes
from syrianews.quotes.marks import scan
from syrianews.quotes.verbs import lookup
from syrianews.records import Article

from conftest import SHARED

TYPES = {"KONASHENKOV": "person", "RUS": "state", "ERDOGAN": "person", "TUR": "state", "ISIS": "armed_group", "EGY": "state"}


def quotes(body: str, mentions: list[dict] | None = None) -> list[dict]:
    rows = find_quotes(body, mentions or [], TYPES)
    for r in rows:
        assert body[r["start"] : r["end"]] == r["text"]  # offsets index the body, always
    return rows


def mention(body: str, surface: str, actor_id: str) -> dict:
    i = body.index(surface)
    return {"actor_id": actor_id, "start": i, "end": i + len(surface), "in_title": False}


def only(rows: list[dict], kind: str) -> list[dict]:
    return [r for r in rows if r["kind"] == kind]


# -- direct quotes and quotation marks -----------------------------------------------------

@pytest.mark.parametrize("o,c", [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("”", "”"), ("«", "”")])
def test_every_mark_style(o, c):
    body = f"وقال الوزير أحمد سالم {o}نحن ملتزمون بالحل السياسي للأزمة{c}."
    rows = quotes(body)
    assert [(r["kind"], r["text"], r["speaker"]) for r in rows] == [("direct", "نحن ملتزمون بالحل السياسي للأزمة", "أحمد سالم")]


def test_quote_nested_in_the_same_mark_keeps_the_inner_term():
    body = 'وقال المتحدث سامر علي "قتل عشرة من عناصر تنظيم "داعش"، في الغارة الأخيرة".'
    (r,) = quotes(body)
    assert r["text"] == 'قتل عشرة من عناصر تنظيم "داعش"، في الغارة الأخيرة'


def test_mixed_marks_nest():
    body = "وأضاف خالد عمر: «إن ما يسمى “جيش الفتح” لن يصمد طويلا أمام الهجوم»."
    (r,) = quotes(body)
    assert r["text"] == "إن ما يسمى “جيش الفتح” لن يصمد طويلا أمام الهجوم"
    assert r["speaker"] == "خالد عمر"


def test_quote_running_over_paragraphs_is_one_quote():
    body = "وقال الوزير أحمد سالم «لن نقبل بأي حل يبقي الأسد في السلطة\n«ونحن مستعدون للتفاوض مع كل الأطراف»."
    (r,) = quotes(body)
    assert "\n" in r["text"] and r["text"].endswith("كل الأطراف")


def test_opening_mark_never_closed_runs_to_the_paragraph_end():
    body = 'وقال الوزير أحمد سالم إن "فتح المعبر قطع شوطا كبيرا من الناحية الفنية.\nوتابعت الصحيفة تغطيتها.'
    (r,) = quotes(body)
    assert r["kind"] == "direct" and r["text"] == "فتح المعبر قطع شوطا كبيرا من الناحية الفنية"


def test_closing_mark_never_opened_continues_the_source():
    body = 'وقال الناطق باسم الجيش سامر علي "القوات تتقدم على كل المحاور".\nولن نتوقف حتى تحرير كامل المنطقة من الإرهابيين".'
    rows = quotes(body)
    assert [r["kind"] for r in rows] == ["direct", "direct"]
    assert rows[1]["text"] == "ولن نتوقف حتى تحرير كامل المنطقة من الإرهابيين"
    assert rows[1]["speaker"] == "سامر علي" and rows[1]["speaker_rule"] == "continuation"


def test_closing_mark_never_opened_in_reported_speech_is_indirect():
    body = 'وقال سامر علي إن القوات تتقدم على كل المحاور في الشمال".'
    (r,) = quotes(body)
    assert r["kind"] == "indirect" and r["text"] == "القوات تتقدم على كل المحاور في الشمال"


def test_quote_interrupted_by_its_attribution_is_two_quotes():
    body = '"نحن لا نريد الحرب مع أحد"، قال الوزير خالد عمر، "لكننا سندافع عن أرضنا بكل قوة".'
    rows = quotes(body)
    assert [r["text"] for r in rows] == ["نحن لا نريد الحرب مع أحد", "لكننا سندافع عن أرضنا بكل قوة"]
    assert {r["speaker"] for r in rows} == {"خالد عمر"}


def test_terms_and_short_fragments_are_not_quotes():
    body = 'وقال الوزير إن عسكريين أنشأوا وحدات بعنوان "الجيش السوري الجديد" قرب الحسكة، واصفا الهجوم بأنه "عمل إرهابي".'
    rows = quotes(body)
    assert only(rows, "direct") == []
    # a catalogued name in quotation marks is a name, whatever cue stands before it
    body2 = 'وقال الوزير خالد عمر "الجيش السوري الجديد" يقاتل في الشرق.'
    assert only(quotes(body2, [mention(body2, "الجيش السوري الجديد", "NEW_SYRIAN_ARMY")]), "direct") == []


def test_quoted_subject_is_the_speaker_not_a_quote():
    body = 'وقالت "القناة المركزية لقاعدة حميميم" إن عسكريين أمريكيين أنشأوا وحدات جديدة.'
    (r,) = quotes(body)
    assert r["kind"] == "indirect" and r["speaker"] == "القناة المركزية لقاعدة حميميم"


def test_unattributed_quotation_mid_sentence_is_not_a_quote():
    assert quotes("وتبنت الحكومة سياسة تحت شعار «الأرض مقابل السلام الدائم» منذ سنوات.") == []


# -- indirect quotes -------------------------------------------------------------------------

@pytest.mark.parametrize("comp", ["إن", "أن", "بأن", "ان"])
def test_indirect_after_each_complementiser(comp):
    body = f"وقال وزير الخارجية سامح شكري {comp} مصر تدعم الحل السياسي في سوريا. وتابعت الصحيفة."
    (r,) = quotes(body)
    assert (r["kind"], r["text"], r["speaker"]) == ("indirect", "مصر تدعم الحل السياسي في سوريا", "سامح شكري")


def test_pronoun_glued_to_the_complementiser_is_dropped():
    (r,) = quotes("وصرح الرئيس التركي رجب طيب أردوغان بأنه لن يتراجع عن قراره.")
    assert r["text"] == "لن يتراجع عن قراره" and r["verb"] == "وصرح" and r["speech_act"] == "say"


def test_participle_starts_a_new_quote_of_the_same_speaker():
    body = "وأوضح الوزير أحمد سالم أن الوضع مستقر في المدينة، مشيرا إلى أن المفاوضات مستمرة مع الفصائل."
    rows = quotes(body)
    assert [r["text"] for r in rows] == ["الوضع مستقر في المدينة", "المفاوضات مستمرة مع الفصائل"]
    assert [r["speaker"] for r in rows] == ["أحمد سالم", "أحمد سالم"]
    assert rows[1]["speaker_rule"] == "clause_subject"


def test_modal_an_is_not_a_complementiser():
    assert quotes("وأي شيء تقوله الحكومة يمكن أن يجعل الوضع أسوأ.") == []
    assert quotes("ويقولون ذلك لأنهم يريدون أن توقف تركيا عملياتها.") == []


def test_reported_speech_carrying_another_sources_direct_quote_counts_only_the_inner():
    body = 'وقال موقع "روسيا اليوم" بأن المتحدث الرسمي اللواء (إيغور كوناشينكوف) قال "الطائرات الأمريكية أعاقت عملياتنا في المنطقة".'
    (r,) = quotes(body)
    assert r["kind"] == "direct" and r["speaker"] == "إيغور كوناشينكوف"


def test_clause_that_is_only_a_quotation_counts_as_direct():
    (r,) = quotes('وأضاف الوزير خالد عمر أن "نصر الله كان وعد مقاتليه بالنصر السريع".')
    assert r["kind"] == "direct"


def test_clause_going_on_after_its_quotation_counts_as_indirect_too():
    body = 'وقال القائد خالد عمر ان "المفاوضات شبه متوقفة" مع الحكومة اللبنانية، من دون تفاصيل.'
    rows = quotes(body)
    assert [(r["kind"], r["text"]) for r in rows] == [
        ("indirect", '"المفاوضات شبه متوقفة" مع الحكومة اللبنانية'),
        ("direct", "المفاوضات شبه متوقفة"),
    ]
    assert {r["speaker"] for r in rows} == {"خالد عمر"}


@pytest.mark.parametrize("tail", ["، وهو موقف جديد للحكومة", " وهو موقف جديد للحكومة", " في حلب وحمص ودرعا وإدلب وحماة وريف دمشق وفي غيرها"])
def test_clause_ending_with_its_quotation_is_only_direct(tail):
    """After the marks: a comma, a new clause with و, or a long tail is not the same clause."""
    rows = quotes(f'وقال القائد خالد عمر ان "المفاوضات شبه متوقفة مع الحكومة"{tail}.')
    assert [r["kind"] for r in rows] == ["direct"]


@pytest.mark.parametrize("connective", ["كما", "علما", "خصوصا", "لا سيما", "غير"])
def test_connective_before_an_is_the_journalists_clause(connective):
    body = f"وأكد الوزير خالد عمر دعم بلاده للحل السياسي، {connective} أن المفاوضات متوقفة منذ شهر."
    assert quotes(body) == []


def test_word_before_a_comma_does_not_block_the_complementiser():
    (r,) = quotes("وصرح الوزير خالد عمر في الطائرة عائدا من جولة في آسيا خاصة، ان المفاوضات متوقفة منذ شهر.")
    assert (r["kind"], r["text"]) == ("indirect", "المفاوضات متوقفة منذ شهر")


@pytest.mark.parametrize("aside", ["، فيما دانت الحكومة العراقية القصف", " بينما حذرت الأمم المتحدة من التصعيد"])
def test_another_sources_act_after_a_contrastive_ends_the_clause(aside):
    (r,) = quotes(f"وأعلن الجيش التركي أن طائراته قصفت مواقع الحزب في شمال العراق{aside}.")
    assert r["text"] == "طائراته قصفت مواقع الحزب في شمال العراق"


def test_new_attribution_after_haythu_ends_the_clause():
    rows = quotes("ونوه المدير خالد عمر أن المشروع جاء بدعم من الأهالي، حيث ختم المدير أن الحملة ستبقى مستمرة.")
    assert [r["text"] for r in rows] == ["المشروع جاء بدعم من الأهالي", "الحملة ستبقى مستمرة"]


def test_consequence_drawn_with_bidhalika_is_the_journalists():
    (r,) = quotes("وأعلنت الوزارة أن الوزير سيزور طهران الشهر المقبل، لينضم بذلك إلى المسؤولين الأوروبيين.")
    assert r["text"] == "الوزير سيزور طهران الشهر المقبل"


def test_verb_after_an_attribution_and_ma_relays_the_source():
    body = 'وقال الوزير خالد عمر، بحسب ما نقلت عنه وكالة الأنباء الرسمية، ان الطائرات بدأت بالوصول الى المطار.'
    (r,) = quotes(body)
    assert (r["kind"], r["text"], r["speaker"]) == ("indirect", "الطائرات بدأت بالوصول الى المطار", "خالد عمر")
    assert quotes("وهذا ما يؤكد أن الطائرات بدأت بالوصول الى المطار.") == []  # ما without an attribution: no source


# -- verbs of saying ------------------------------------------------------------------------

def test_lexicon_inflections_clitics_and_kinds():
    assert lookup("وقالت")[0].gender == "f"
    assert lookup("فأضاف")[0].lemma == "أضاف"
    assert lookup("مشيرا")[0].kind == "participle"
    assert lookup("بالقول")[0].kind == "masdar"
    assert lookup("بحسب")[0].kind == "attribution"
    assert lookup("نفى")[0].speech_act == "deny"
    assert lookup("ودانت")[0].speech_act == "condemn"
    assert lookup("تردده")[1] is True  # an object pronoun on a verb
    assert lookup("الحكومة") is None


@pytest.mark.parametrize("attr", ["ووفقا للمرصد", "وبحسب المرصد،", "وحسب المرصد"])
def test_attribution_phrases_name_the_source(attr):
    (r,) = quotes(f'{attr} "قتل خمسة مدنيين في القصف على المدينة".')
    assert r["kind"] == "direct" and r["speaker"] == "المرصد" and r["speaker_rule"] == "attribution"


# -- speakers ---------------------------------------------------------------------------------

def test_source_keeping_his_name_back_is_the_official_not_his_identity():
    (r,) = quotes('وقال المسؤول التركي رافضا كشف هويته ان "طائرة اميركية من دون طيار شنت غارة جوية".')
    assert (r["kind"], r["speaker"], r["verb"]) == ("direct", "المسؤول التركي", "وقال")  # كشف is the masdar object


def test_pronoun_object_after_the_verb_is_not_the_speaker():
    (r,) = quotes("وقال لنا الوزير خالد عمر إن المفاوضات متوقفة منذ شهر.")
    assert r["speaker"] == "خالد عمر"
    (r,) = quotes("عندما بدأت العمل، أقمت حفلة صغيرة حضرتها محافظة المدينة التي قالت لي: «أنت موهوب جدا وصادق وطموح».")
    assert r["speaker"] == "محافظة المدينة"


def test_parenthesised_name_after_a_title():
    (r,) = quotes('وقال العميد (أحمد رحال) "النظام يحشد قواته في الشمال".')
    assert r["speaker"] == "أحمد رحال" and r["speaker_rule"] == "parenthesis"


def test_titles_are_dropped_and_the_person_wins_over_his_state():
    body = "وقال المتحدث الرسمي باسم وزارة الدفاع الروسية، اللواء إيغور كوناشينكوف إن الطائرات دمرت مواقع للمسلحين."
    ms = [mention(body, "وزارة الدفاع الروسية", "RUS"), mention(body, "إيغور كوناشينكوف", "KONASHENKOV")]
    (r,) = quotes(body, ms)
    assert r["speaker"] == "إيغور كوناشينكوف" and r["speaker_actor_id"] == "KONASHENKOV"
    (r,) = quotes(body, ms[:1])
    assert r["speaker_actor_id"] == "RUS"  # an uncatalogued spokesman speaks for his state


def test_place_after_fi_is_not_the_speakers_actor():
    body = "وقال مدير مكتب الحملة في لبنان وليد بن علي الجلال إن الحملة مستمرة في عملها."
    (r,) = quotes(body, [mention(body, "لبنان", "LBN")])
    assert r["speaker"] == "وليد بن علي الجلال"


def test_short_form_resolves_to_the_fullest_name():
    body = "قال الصحافي السوري مضر حماد الأسعد إن الوضع صعب للغاية.\nوأوضح (الأسعد) أن الحل بيد السوريين وحدهم."
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["مضر حماد الأسعد", "مضر حماد الأسعد"]


def test_subject_before_the_verb_and_relative_pronoun():
    rows = quotes("مصادر أردنية مقربة من دوائر القرار قالت لـ«عكاظ» إن الأردن تراجع عن البرنامج.")
    assert rows[0]["speaker"].startswith("مصادر أردنية") and rows[0]["speaker_rule"] == "subject_before"
    rows = quotes("وهو ما ألمح إليه رئيس الوزراء عبدالله النسور الذي أعلن أن عمان لن تسلح العشائر.")
    assert rows[0]["speaker"] == "عبدالله النسور" and rows[0]["speaker_rule"] == "relative"


def test_feminine_verb_without_subject_continues_the_last_feminine_source():
    body = ("وقالت وزارة الخارجية الفرنسية إن باريس تدين الهجوم بشدة. وقال الوزير أحمد سالم إن الوضع معقد جدا. "
            "وأضافت أن فرنسا ستواصل دعم المعارضة.")
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["وزارة الخارجية الفرنسية", "أحمد سالم", "وزارة الخارجية الفرنسية"]
    assert rows[2]["speaker_rule"] == "continuation"


def test_the_source_refers_to_the_last_source():
    body = 'وقال العقيد سامر علي إن القوات تقدمت في الريف الشمالي. ووفقا للمصدر فإن "المعارك ما زالت مستمرة حتى الآن".'
    rows = quotes(body)
    assert rows[-1]["speaker"] == "سامر علي" and rows[-1]["speaker_rule"] == "source_ref"


def test_definite_head_refers_to_the_named_institution():
    body = "وانتقدت افتتاحية صحيفة غارديان خطة الحكومة. ورأت الصحيفة أن الخطة لن تنجح في منع التطرف."
    (r,) = quotes(body)
    assert r["speaker"].endswith("غارديان")


# -- extractor rows -----------------------------------------------------------------------------

def test_extractor_rows_ids_and_order():
    body = 'وقال الوزير أحمد سالم إن الوضع مستقر في المدينة.\nوأضاف "نحن مستعدون للحوار مع الجميع".'
    art = Article(article_id="abc", title="t", paragraphs=tuple(body.split("\n")))
    rows = QuoteExtractor(types=TYPES).extract(art, {"mentions": []})["quotes"]
    assert [r["quote_id"] for r in rows] == ["abc-q001", "abc-q002"]
    assert [r["paragraph"] for r in rows] == [0, 1]
    assert rows[0]["sentence"] == "وقال الوزير أحمد سالم إن الوضع مستقر في المدينة."
    assert rows[1]["verb"] == "وأضاف" and rows[1]["speaker_rule"] == "continuation"
    assert body[rows[1]["verb_start"] :].startswith("وأضاف")
    assert rows == QuoteExtractor(types=TYPES).extract(art, {"mentions": []})["quotes"]  # deterministic


def test_marks_report_unopened_closers():
    text = 'وقال إن القوات تتقدم".'
    assert scan(text).unopened == [text.index('"')]


# -- the sample article -------------------------------------------------------------------------

_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _norm(text: str) -> list[str]:
    text = _DIAC.sub("", text or "")
    text = re.sub("[إأآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"[^\w\s]", " ", text).split()


def _overlap(a: str, b: str) -> float:
    ta, tb = _norm(a), _norm(b)
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    return min(common / len(ta), common / len(tb)) if ta and tb else 0.0


def test_sample_every_gold_quote_with_its_speaker(sample_build):
    gold_path = SHARED / "eval" / "gold_seed.jsonl"
    if not gold_path.exists():
        pytest.skip("gold_seed.jsonl not found")
    gold = json.loads(gold_path.read_text(encoding="utf-8").splitlines()[0])
    q = pd.read_parquet(sample_build / "quotes.parquet")
    body = pd.read_parquet(sample_build / "articles.parquet")["body"].iloc[0]
    rows = q.to_dict("records")
    for r in rows:
        assert body[r["start"] : r["end"]] == r["text"]
    for g in gold["quotes"]:
        best = max(rows, key=lambda r: _overlap(g["text"], r["text"]))
        assert _overlap(g["text"], best["text"]) >= 0.9, g["text"]
        assert best["kind"] == g["kind"], g["text"]
        assert _norm(g["speaker"])[-1] in _norm(best["speaker"]), (g["speaker"], best["speaker"])
        if g["speaker_actor"] == "KONASHENKOV":
            assert best["speaker_actor_id"] == "KONASHENKOV"
    assert len(rows) == len(gold["quotes"])  # and nothing else: no terms, no subjects in quotation marks


def test_short_form_with_a_spelling_slip_resolves_too():
    body = "وقال الرئيس التركي رجب طيب اردوغان إن تركيا تستقبل مليوني لاجئ.\nوقال ارودغان إن اوروبا لا تقبل عشر هذا العدد."
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["رجب طيب اردوغان", "رجب طيب اردوغان"]


def test_actor_comes_from_the_speaker_not_the_object_after_it():
    body = "وانتقدت افتتاحية صحيفة غارديان خطة رئيس الوزراء ديفيد كاميرون. وقالت الصحيفة إن الخطة لن تنجح في منع التطرف."
    ms = [mention(body, "ديفيد كاميرون", "ERDOGAN")]  # any catalogued person standing as the object
    (r,) = quotes(body, ms)
    assert r["speaker"].endswith("غارديان") and r["speaker_actor_id"] is None


def test_role_in_apposition_after_the_name_still_gives_the_actor():
    body = "وأوضح الدكتور محمد الزعبي المدير الطبي في العيادات التركية، أن العيادات استقبلت ألف حالة."
    (r,) = quotes(body, [mention(body, "التركية", "TUR")])
    assert r["speaker"] == "محمد الزعبي" and r["speaker_actor_id"] == "TUR"


def test_set_phrases_and_names_are_not_reported_speech():
    assert quotes("والجدير ذكره ان آخر فريق أحرز اللقب كان مانشستر يونايتد.") == []
    body = "وطالبت القيادة الفلسطينية الأمين العام للأمم المتحدة بان كي مون إنشاء آلية دولية للحماية."
    assert quotes(body, [mention(body, "بان كي مون", "BAN_KI_MOON")]) == []


def test_name_after_an_honorific_wins_over_words_after_a_role():
    (r,) = quotes("وأوضح مدير خدمات الأصول بمكة المكرمة المهندس سعيد العمري، أن الشركة نفذت عددا من المشاريع.")
    assert r["speaker"] == "سعيد العمري"


def test_fullest_form_leaves_out_a_verb_before_the_name():
    body = "وكان عادل الجبير قد زار موسكو الشهر الماضي.\nوأكد الجبير أن الرياض تدعم الحل السياسي في سوريا."
    (r,) = quotes(body)
    assert r["speaker"] == "عادل الجبير"


def test_addressee_after_the_verb_is_not_the_speaker():
    body = "وقال وزير الخارجية سامح شكري إن الوضع معقد.\nوقال للصحفيين إن مصر تدعم الحل السياسي."
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["سامح شكري", "سامح شكري"]


def test_catalogued_state_as_speaker_is_not_stretched_to_a_longer_name():
    body = "واحتفل المصريون بمبارك بأعلام مصر في الشوارع.\nوتقول مصر إن القناة الجديدة ستكون نواة منطقة استثمار."
    i = body.rindex("مصر")
    (r,) = quotes(body, [{"actor_id": "EGY", "start": i, "end": i + 3, "in_title": False}])
    assert r["speaker"] == "مصر" and r["speaker_actor_id"] == "EGY"


# -- speakers across sentences (issue 10) ----------------------------------------------------------


def test_the_same_source_again_refers_back_to_it():
    body = (
        "وقال مسؤول عسكري روسي إن القوات ستبقى في القاعدة.\n"
        "وبحسب المسؤول نفسه فإن الطائرات ستعود قبل نهاية الشهر.\n"
        "وأضاف المسؤول ذاته أن الاتفاق لا يشمل المطار المدني."
    )
    rows = quotes(body)
    assert len(rows) == 3
    assert all(r["speaker"] == "مسؤول عسكري روسي" for r in rows), [r["speaker"] for r in rows]


def test_attribution_with_a_pronoun_continues_the_last_source():
    body = "وقال الناطق باسم الشرطة خالد المنصور إن الحادث وقع فجرا.\nوبحسبه فإن المشتبه بهم فروا إلى الحدود."
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["خالد المنصور", "خالد المنصور"]
    assert rows[1]["speaker_rule"] == "continuation"


def test_a_noun_before_a_relative_pronoun_after_a_preposition_is_no_speaker():
    body = "وأعلن وزير الداخلية سمير الحلبي أن الشرطة عثرت على سيارة مرتبطة بالتفجير الكبير الذي قال إن ضحاياه بلغوا عشرين."
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["سمير الحلبي", "سمير الحلبي"]


def test_name_after_the_words_of_a_role_is_the_speaker():
    (r,) = quotes("وقال قائد مقاتلي عشائر المنطقة الشرقية فارس الدليمي، للصحافيين، إن المعارك تتواصل منذ أسبوع.")
    assert r["speaker"] == "فارس الدليمي"


def test_a_bare_noun_refers_to_the_last_source_of_its_kind():
    body = (
        'ونشرت صحيفة "الأيام" مقالا للكاتب سليم الحداد عن الأزمة.\n'
        "وأضاف الكاتب أن المفاوضات تعثرت مرة أخرى.\n"
        "وقالت الصحيفة إن الوسطاء سيجتمعون الأسبوع المقبل."
    )
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["سليم الحداد", "صحيفة الأيام"]
    assert all(r["speaker_rule"] == "head_ref" for r in rows)


def test_a_statement_speaks_for_the_source_that_issued_it():
    body = "وقالت وزارة الدفاع الروسية في بيان إن الطائرات عادت إلى قواعدها.\nوأضاف البيان أن العملية ستستمر أسبوعين."
    rows = quotes(body, [mention(body, "الروسية", "RUS")])
    assert [r["speaker"] for r in rows] == ["وزارة الدفاع الروسية"] * 2
    assert [r["speaker_actor_id"] for r in rows] == ["RUS", "RUS"]


def test_a_role_with_an_honorific_resolves_to_the_name_written_after_the_role():
    body = (
        "وأكد وزير الخارجية التونسي منير السالمي أن بلاده تدعم الحوار.\n"
        "ورأى معالي وزير الخارجية أن الحل لن يكون عسكريا.\n"
        "وشدد معاليه على أن الحدود ستبقى مغلقة."
    )
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["منير السالمي"] * 3


def test_a_new_verb_of_saying_ends_the_reported_clause():
    body = "وقالت صحف محلية إن قذائف سقطت قرب المدينة، لكنها أشارت إلى أن القصف لم يوقع ضحايا."
    rows = only(quotes(body), "indirect")
    assert [r["text"] for r in rows] == ["قذائف سقطت قرب المدينة", "القصف لم يوقع ضحايا"]
    body = "وقال مسؤولون إن الحملة مجرد غطاء وقالوا إن الهجوم سيبدأ قريبا."
    assert [r["text"] for r in only(quotes(body), "indirect")] == ["الحملة مجرد غطاء", "الهجوم سيبدأ قريبا"]
    body = "وقال الجيش إن طائراته قصفت مواقع المسلحين بعد أن قالت الحكومة إنها ستحمي حدودها."
    assert only(quotes(body), "indirect")[0]["text"] == "طائراته قصفت مواقع المسلحين"


def test_a_family_name_without_its_article_resolves_to_the_full_name():
    body = "وأكد المهاجم سامر الخطيب أن انتقاله إلى النادي تم أمس.\nويقول خطيب إن الفريق يملك لاعبين ممتازين."
    rows = quotes(body)
    assert [r["speaker"] for r in rows] == ["سامر الخطيب", "سامر الخطيب"]


def test_the_office_of_a_role_is_one_institution():
    (r,) = quotes("وقال مكتب رئيس الوزراء في بيان إن الطائرات قصفت مواقع التنظيم.")
    assert r["speaker"] == "مكتب رئيس الوزراء"


def test_the_subject_between_kana_and_the_verb_is_the_speaker():
    rows = quotes("وكانت الحكومة الأردنية أكدت تزامنا مع الاجتماع، أنها لن تفتح الحدود.")
    assert [r["speaker"] for r in rows] == ["الحكومة الأردنية"]
    rows = quotes("وكان وزير الخارجية منير السالمي قد قال إن بلاده تدعم الحوار.")
    assert [r["speaker"] for r in rows] == ["منير السالمي"]


def test_nouns_and_verbs_of_writing_and_showing_introduce_quotes():
    (r,) = quotes("وجاء ذلك بعد ساعات من قول مسؤولين في بغداد إن القوات استعادت السيطرة على المدينة.")
    assert r["kind"] == "indirect" and r["speaker"].startswith("مسؤولين")
    (r,) = quotes('وكتبت صحيفة الأيام في افتتاحيتها أن "الحكومة تتحمل مسؤولية الأزمة كاملة".')
    assert r["kind"] == "direct" and r["speaker"].startswith("صحيفة الأيام")
    (r,) = quotes("وقد أظهرت كثير من استطلاعات الرأي أن الناخبين يفضلون المرشح المستقل.")
    assert r["speaker"] == "استطلاعات الرأي"


def test_an_outlet_named_with_a_common_word_keeps_its_name():
    (r,) = quotes("وقالت صحيفة صباح الموالية للحكومة إن الهجوم كان انتقاميا.")
    assert r["speaker"].startswith("صحيفة صباح")


def test_a_bare_role_resolves_to_the_name_it_stood_beside():
    body = (
        "وأكد منير السالمي وزير الخارجية أن بلاده تدعم الحوار.\n"
        "وقال منير السالمي في مؤتمر مع نظيره خالد العمري وزير الخارجية المغربي إن الحدود ستفتح.\n"
        "ورأى وزير الخارجية أن الحل لن يكون عسكريا."
    )
    assert [r["speaker"] for r in quotes(body)] == ["منير السالمي"] * 3


def test_a_compound_name_written_as_one_word_finds_the_full_name():
    body = "وقال مدير المرصد رامي عبد الرحمن إن المعارك مستمرة.\nوأضاف عبدالرحمن أن الطرق مقطوعة."
    assert [r["speaker"] for r in quotes(body)] == ["رامي عبد الرحمن"] * 2


def test_a_statement_issued_by_a_body_speaks_for_that_body():
    (r,) = quotes("وقال بيان صادر عن قيادة الجيش الأردني إن دورية اعترضت سيارة محملة بالأسلحة.")
    assert r["speaker"].startswith("قيادة الجيش")


def test_the_addressee_after_the_verb_is_not_the_speaker_nor_a_masdar_a_verb():
    body = "ورأى الباحث نبيل الحسن أن الهجوم تحول خطير.\nوقال لوكالة الأنباء الفرنسية إن العنف قد يمتد إلى المدن."
    assert [r["speaker"] for r in quotes(body)] == ["نبيل الحسن"] * 2
    body = "وقالت الشرطة إنها تحقق في الحادث.\nوتمكنت من كشف ملابساتها، حيث «اعترف السائق بالتخطيط للجريمة»."
    assert [r["speaker"] for r in quotes(body)] == ["الشرطة"] * 2


def test_a_relative_clause_after_a_nameless_source_gives_no_name():
    (r,) = quotes("وقال المسؤول الأمني الذي طلب عدم الكشف عن هويته إن الزيارة حملت ثلاث رسائل.")
    assert r["speaker"] == "المسؤول الأمني"


def test_a_straight_quote_left_open_ends_where_the_next_attribution_opens_one():
    body = 'وقال الوزير في مؤتمر صحافي "إن التحقيق يتقدم بسرعة كبيرة. وأضاف الوزير "لكننا لم نصل بعد إلى حكم نهائي".'
    rows = only(quotes(body), "direct")
    assert [r["text"] for r in rows] == ["إن التحقيق يتقدم بسرعة كبيرة", "لكننا لم نصل بعد إلى حكم نهائي"]


def test_a_guillemet_written_the_wrong_way_round_after_inna_opens_the_quote():
    body = "وقال المتحدث إن» الوفد سيصل إلى العاصمة مساء الغد». وأضاف أن» المحادثات ستستمر ثلاثة أيام»."
    rows = only(quotes(body), "direct")
    assert [r["text"] for r in rows] == ["الوفد سيصل إلى العاصمة مساء الغد", "المحادثات ستستمر ثلاثة أيام"]
    assert all(r["speaker"] == "المتحدث" for r in rows)


def test_a_clause_with_one_word_outside_the_marks_is_both_indirect_and_direct():
    body = 'وقال مدير المرصد إن الضربات "لا تقطع الطريق على التنظيم لكنها تجعل تحركاته أصعب".'
    rows = quotes(body)
    assert sorted(r["kind"] for r in rows) == ["direct", "indirect"]
    assert only(rows, "indirect")[0]["text"].startswith("الضربات")
    body = 'وقال مدير المرصد إن "الضربات لا تقطع الطريق على التنظيم".'
    assert [r["kind"] for r in quotes(body)] == ["direct"]


def test_names_of_programmes_parties_and_battles_in_marks_are_no_quotes():
    rows = quotes("وأوضح المدير أن الحملة تنفذ البرنامج التدريبي «غدك بين يديك» في المخيمات.")
    assert [r["kind"] for r in rows] == ["indirect"]
    rows = quotes('وتابع أن الحكومة دعمت "حزب العمل الوطني" المعارض طوال سنوات.')
    assert [r["kind"] for r in rows] == ["indirect"]
    rows = quotes('وأعلنت الفصائل استئناف "معركة تحرير الجنوب" بعد توقف دام شهرا.')
    assert only(rows, "direct") == []


def test_a_source_s_own_words_after_a_colon_end_at_the_author_s_next_verb():
    body = "وقال اللاعب سامر الخطيب للصحفيين: سأسافر إلى جدة لتوقيع العقد، مبدياً سعادته بالعرض، واعترف بأنه سيحتاج وقتا للتأقلم."
    rows = quotes(body)
    assert only(rows, "direct")[0]["text"] == "سأسافر إلى جدة لتوقيع العقد"
    body = "وقال المدير: سقط الصاروخ على الحي، ويرجح أنه من طراز قديم."
    assert only(quotes(body), "direct")[0]["text"] == "سقط الصاروخ على الحي، ويرجح أنه من طراز قديم"


def test_a_programme_the_source_spoke_to_is_no_speaker():
    body = "وأكد سامر الخطيب أن المفاوضات انتهت.\nوقال اللاعب لبرنامج في الملعب مع الإعلامي خالد القوس: سأسافر إلى جدة لتوقيع العقد."
    assert [r["speaker"] for r in quotes(body)] == ["سامر الخطيب", "سامر الخطيب"]


def test_what_a_named_source_repeats_is_reported_speech_and_claims_are_too():
    (r,) = quotes("ودحض الكاتب ما تردده الحكومة بين الحين والآخر بأنه لا يوجد أي تعاون مع المسلحين.")
    assert r["kind"] == "indirect" and r["speaker"] == "الحكومة"
    assert quotes("وهذا ما يؤكد أن الأزمة طويلة.") == []
    rows = quotes("وتتمدد الجماعة المتشددة التي تدعي أنها تمثل السكان إلى مناطق جديدة.")
    assert [r["kind"] for r in rows] == ["indirect"] and rows[0]["text"].startswith("تمثل السكان")
