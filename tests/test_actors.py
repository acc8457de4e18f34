"""Actors: catalogue, Arabic normalisation, matching rules, mentions and the actors table."""
from __future__ import annotations

import csv
import json
import re

import pytest

from syrianews.actors import (
    ActorMatcher,
    CatalogueError,
    MentionExtractor,
    actors_rows,
    count_mentions,
    load_catalogue,
    normalize,
)
from syrianews.actors.catalogue import TYPES, build_catalogue, package_catalogue_path
from syrianews.actors.forms import nisba_forms
from syrianews.actors.normalize import normalize_key
from syrianews.actors.rules import load_rules
from syrianews.records import Article

from conftest import SAMPLE, SHARED

CONTRACT = SHARED / "contract" / "actors.csv"
GOLD_SEED = SHARED / "eval" / "gold_seed.jsonl"
HEADER = "actor_id,type,name_en,name_ar,affiliation,wikidata_id,aliases,nisba,capitals\n"


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture(scope="module")
def matcher(cat):
    return ActorMatcher(cat)


def ids(matcher: ActorMatcher, text: str) -> set[str]:
    return {m.actor_id for m in matcher.find(text)}


def contract_rows() -> list[dict]:
    if not CONTRACT.exists():
        pytest.skip("shared contract not found")
    return list(csv.DictReader(CONTRACT.open(encoding="utf-8")))


# -- catalogue -----------------------------------------------------------------------------
def test_catalogue_size_and_types(cat):
    assert len(cat) >= 150
    assert {a.type for a in cat.actors} <= set(TYPES)
    for t in ("state", "state_body", "armed_group", "political_party", "intl_org", "ngo", "media", "person"):
        assert sum(a.type == t for a in cat.actors) >= 5, t
    for a in cat.actors:
        assert a.name_en and a.name_ar and re.search("[\u0600-\u06ff]", a.name_ar), a.actor_id


def test_catalogue_keeps_every_contract_actor(cat):
    for row in contract_rows():
        a = cat.get(row["actor_id"])
        assert a is not None, row["actor_id"]
        assert (a.type, a.name_en, a.name_ar, a.affiliation or "") == (row["type"], row["name_en"], row["name_ar"], row["affiliation"])


def test_contract_surface_forms_find_their_actor(matcher, cat):
    """Every example surface of the contract is found as its actor (or as a body of it)."""
    for row in contract_rows():
        for form in row["example_surface_forms"].split("|"):
            needs = load_rules().context.get((row["actor_id"], normalize_key(form)), ())
            context = f"{form} " + " ".join(needs[:1])  # a form that needs its context gets it
            found = [m.actor_id for m in matcher.find(f"قال {form} أمس", context=context)]
            assert any(row["actor_id"] in cat.affiliation_chain(f) for f in found), (row["actor_id"], form, found)


def test_wikidata_ids_and_affiliations(cat):
    assert sum(bool(a.wikidata_id) for a in cat.actors) >= 30
    for a in cat.actors:
        assert a.wikidata_id is None or re.fullmatch(r"Q[1-9][0-9]*", a.wikidata_id)
        if a.affiliation:
            assert cat.get(a.affiliation) is not None
    persons = [a for a in cat.actors if a.type == "person"]
    assert sum(a.affiliation is not None for a in persons) >= len(persons) - 2
    assert cat.affiliation_chain("ZAKHAROVA") == ["ZAKHAROVA", "RUS_MOFA", "RUS"]


def test_no_form_belongs_to_two_actors(matcher):
    assert matcher.conflicts == []


def test_matcher_is_built_once_per_catalogue(cat):
    a, b = ActorMatcher(cat), ActorMatcher(cat)
    assert a._auto is b._auto


# -- malformed catalogues ------------------------------------------------------------------
@pytest.mark.parametrize(
    "row, message",
    [
        (",state,Foo,فو,,,,,", "missing actor_id"),
        ("FOO,,Foo,فو,,,,,", "missing type"),
        ("FOO,state,,فو,,,,,", "missing name_en"),
        ("FOO,state,Foo,,,,,,", "missing name_ar"),
        ("FOO,planet,Foo,فو,,,,,", "unknown type"),
        ("FOO,person,Foo,فو,NOBODY,,,,", "unknown affiliation"),
        ("RUS,state,Russia,روسيا,,,,,", "duplicate actor_id RUS"),
        ("FOO,state,Foo,فو,,wd:123,,,", "wikidata_id"),
        ("foo bar,state,Foo,فو,,,,,", "actor_id"),
        ("FOO,state,Foo,فو,,,a,b,c,d,e", "cells"),
    ],
)
def test_malformed_row_names_file_and_line(tmp_path, row, message):
    extra = tmp_path / "extra.csv"
    extra.write_text(HEADER + "OK_ONE,state,Okay,أوكي,,,,,\n" + row + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue([extra])
    assert f"{extra}:3" in str(err.value)
    assert message in str(err.value)


def test_missing_header_is_reported(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,kind\nX,state\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"bad\.csv:1"):
        load_catalogue([bad])


def test_missing_user_file_is_reported(tmp_path):
    with pytest.raises(CatalogueError, match="nope.csv"):
        load_catalogue([tmp_path / "nope.csv"])


def test_package_file_errors_are_reported_too(tmp_path):
    broken = tmp_path / "actors.csv"
    broken.write_text(package_catalogue_path().read_text(encoding="utf-8") + "BROKEN,state,,,,,,,\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"actors\.csv:\d+: actor BROKEN: missing name_en"):
        build_catalogue([(broken, "actors.csv")])


# -- user catalogue files ------------------------------------------------------------------
def test_user_file_adds_actor_and_extends_aliases(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(
        HEADER
        + "KHALFAN,person,Dahi Khalfan,ضاحي خلفان,ARE,,خلفان|الفريق ضاحي خلفان,,\n"
        + "RUS,,,,,,روسيا الاتحادية العظمى|بلاد الروس,,\n",
        encoding="utf-8",
    )
    base = load_catalogue()
    assert "KHALFAN" not in base
    cat = load_catalogue([extra])
    assert cat.get("KHALFAN").affiliation == "ARE"
    assert cat.affiliation_chain("KHALFAN") == ["KHALFAN", "ARE"]
    m = ActorMatcher(cat)
    assert ids(m, "هاجم الفريق ضاحي خلفان حسن نصر الله") == {"KHALFAN", "NASRALLAH"}
    assert ids(m, "وقال خلفان إن") == {"KHALFAN"}
    assert ids(m, "زار بلاد الروس") == {"RUS"}
    assert ids(ActorMatcher(base), "زار بلاد الروس") == {"RUS"}  # الروس alone, by the package
    assert ids(ActorMatcher(base), "وقال خلفان إن") == set()


def test_build_extractors_reads_actors_files(tmp_path):
    from syrianews.extractors import build_extractors

    extra = tmp_path / "extra.csv"
    extra.write_text(HEADER + "KHALFAN,person,Dahi Khalfan,ضاحي خلفان,ARE,,خلفان,,\n", encoding="utf-8")
    ex = [e for e in build_extractors({"actors_files": [str(extra)]}) if e.name == "mentions"][0]
    assert ex.catalogue.get("KHALFAN") is not None


# -- normalisation -------------------------------------------------------------------------
SENTENCES = [
    "قالَ الرئيسُ الروسيُّ فلاديمير بوتين إنّ روسيـــا لن تتخلى عن «الأسد».",
    "وأكّد  وزير الخارجية الأميركيّ جون كيري أن واشنطن تدعم \"المعارضة السورية\" المعتدلة.",
    "اتهمت أنقرة حزبَ العمال الكردستاني، وقصفت الطائرات التركيّة مواقع لتنظيم “داعش”.",
    "وقال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت ريف دمشق\u200f.",
    "هاجم ضاحي خلفان الأمين العام لـ\"حزب الله\" اللبناني حسن نصرالله.",
]


def test_normalize_maps_back_to_the_original():
    text = "قالَ الرئيسُ  «الروسيّ» إنّ روسيـــا"
    n = normalize(text)
    assert n.text == "قال الرئيس الروسي ان روسيا"
    assert len(n.index) == len(n.text) + 1
    for i, c in enumerate(n.text):
        assert normalize(text[n.index[i]]).text in (c, "")
    s = n.text.index("روسيا")
    a, b = n.to_original(s, s + 5)
    assert text[a:b] == "روسيـــا"


def test_normalize_letters():
    assert normalize("أإآٱ ى ة").text == "اااا ي ه"
    assert normalize("تنظيم «الدولة»").text == "تنظيم الدوله"


@pytest.mark.parametrize("text", SENTENCES)
def test_every_mention_indexes_the_text_exactly(matcher, text):
    found = matcher.find(text)
    assert found
    for m in found:
        assert text[m.start:m.end] == m.surface
        assert normalize(m.surface).text.strip() == normalize(text[m.start:m.end]).text.strip()


# -- clitics and word boundaries -----------------------------------------------------------
@pytest.mark.parametrize(
    "text, actor",
    [
        ("زار وروسيا", "RUS"),
        ("دعما للولايات المتحدة في", "USA"),
        ("ندد بالنظام السوري", "SYR_GOV"),
        ("الطائرات الروسية والأمريكية", "USA"),
        ("وبالولايات المتحدة", "USA"),
        ("فلإيران دور", "IRN"),
        ("كتركيا تماما", "TUR"),
        ("لـ«داعش»", "ISIS"),
        ("لـداعش", "ISIS"),
        ("وللأمم المتحدة", "UN"),
    ],
)
def test_clitics(matcher, text, actor):
    assert actor in ids(matcher, text)


@pytest.mark.parametrize("text", ["مصرف الراجحي", "قطرات المطر", "سوروسيا", "روسياها", "الإيرانيةكم", "اقطر"])
def test_word_boundaries(matcher, text):
    assert ids(matcher, text) == set()


# -- longest match and the known traps -----------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("قال موقع روسيا اليوم إن", {"RT"}),
        ("قاتل الجيش السوري الحر", {"FSA"}),
        ("قاتل الجيش الحر في سوريا", {"FSA"}),
        ("أنشأت واشنطن الجيش السوري الجديد", {"USA", "NEW_SYRIAN_ARMY"}),
        ("تقدم الجيش السوري في حلب", {"SYR_ARMY", "SYR_GOV"}),
        ("غارات التحالف الدولي على الرقة", {"COALITION"}),
        ("غارات التحالف العربي على صنعاء", {"ARAB_COALITION"}),
        ("وقال المرصد السوري إن", {"SOHR"}),
        ("قال الرئيس الروسي", {"PUTIN"}),
        ("ذكرت صحيفة واشنطن بوست", {"WAPO"}),
        ("هاجمت كتائب حزب الله", {"KATAIB_HEZBOLLAH", "IRAN_MILITIAS"}),  # not Hezbollah; an Iran-backed militia
        ("مركز الملك سلمان للإغاثة", {"KSRELIEF", "SAU"}),
        ("أعلنت الحكومة السورية المؤقتة", {"SIG"}),
        ("روسيا البيضاء", {"BLR"}),
    ],
)
def test_longest_match_and_traps(matcher, text, expected):
    assert ids(matcher, text) == expected


def test_state_bodies_name_their_state(matcher):
    found = matcher.find("اتهمت وزارة الدفاع الروسية")
    assert {(m.actor_id, m.surface) for m in found} == {("RUS_MOD", "وزارة الدفاع الروسية"), ("RUS", "الروسية")}
    assert ids(matcher, "قال البنتاغون") == {"USA_DOD", "USA"}
    assert ids(matcher, "صوت مجلس الأمن") == {"UNSC", "UN"}
    assert ids(matcher, "الحرس الثوري الإيراني") == {"IRGC", "IRN"}  # ancestor named inside
    assert ids(matcher, "قال الحرس الثوري") == {"IRGC"}


# -- nisba, capitals, context --------------------------------------------------------------
def test_nisba_inflections_generated():
    forms = set(nisba_forms("روسي"))
    assert {"روسي", "الروسي", "روسية", "الروسية", "الروسيون", "الروسيين", "روسيين"} <= forms
    assert nisba_forms("الأتراك") == ["أتراك", "الأتراك"]
    assert "الكورية الجنوبية" in nisba_forms("كوري جنوبي")


@pytest.mark.parametrize(
    "text, actor",
    [
        ("الطائرات الروسية", "RUS"),
        ("المسؤولين الأمريكيين", "USA"),
        ("إن الروس هم", "RUS"),
        ("وأكد الأتراك", "TUR"),
        ("الإيرانيون", "IRN"),
        ("مصادر أردنية", "JOR"),
    ],
)
def test_nisba_matches(matcher, text, actor):
    assert actor in ids(matcher, text)


def test_nisba_after_currency_or_language_is_no_actor(matcher):
    assert ids(matcher, "بتكلفة 350 ألف دولار أمريكي") == set()
    assert ids(matcher, "يتحدث باللغة التركية") == set()
    assert ids(matcher, "بتكلفة 19 ريالا سعوديا") == set()


def test_capitals(matcher):
    assert ids(matcher, "موسكو تتهم واشنطن") == {"RUS", "USA"}
    assert ids(matcher, "شككت دمشق في نوايا أنقرة") == {"SYR_GOV", "TUR"}
    # a capital as a place still names its country (ANNOTATION.md: اجتماع في القاهرة → EGY) ...
    assert ids(matcher, "عقد المؤتمر في موسكو") == {"RUS"}
    assert ids(matcher, "يقيم بالرياض") == {"SAU"}
    # ... but not an organisation, nor a state catalogued as a government (سوريا is no actor)
    assert ids(matcher, "اجتمع الوزراء في بروكسل") == set()
    assert ids(matcher, "بروكسل تفرض عقوبات") == {"EU"}
    assert ids(matcher, "انفجار في دمشق") == set()
    assert ids(matcher, "يقيم بدمشق") == set()
    assert ids(matcher, "قصف ريف دمشق") == set()
    assert ids(matcher, "في العاصمة المغربية الرباط") == {"MAR"}  # the adjective, not the place
    assert ids(matcher, "فاز ريال مدريد") == set()
    assert ids(matcher, "الرياض - واس\nوقال") == set()  # dateline
    assert ids(matcher, "أعلنت عمّان") == {"JOR"}  # the catalogue writes the shadda: required
    assert ids(matcher, "سلطنة عمان") == {"OMN"}


def test_context_dependent_forms(matcher):
    assert ids(matcher, "وقصفت قوات النظام مدينة حلب وقال النظام") == {"SYR_GOV"}
    assert ids(matcher, "وفق النظام الأساسي في سوريا") == set()
    assert ids(matcher, "يطبق النظام على المخالفين") == set()  # no Syrian context
    assert {m.actor_id for m in matcher.find("قال النظام", context="في سوريا")} == {"SYR_GOV"}


def test_anaphora_patronyms_and_regimes(matcher):
    assert ids(matcher, "يتم العمل في هذه القاعدة") == set()
    assert ids(matcher, "قال تنظيم القاعدة") == {"AQ"}
    assert ids(matcher, "التقى الأمير محمد بن سلمان") == {"MBS"}
    assert ids(matcher, "عبدالله بن ظريف") == set()
    assert ids(matcher, "انتقد إدارة أوباما") == {"USA", "OBAMA"}
    assert ids(matcher, "ونظام الرئيس السوري بشار الأسد") == {"SYR_GOV", "ASSAD"}
    # a state's alias that is regime + the person's full name names the person too
    assert ids(matcher, "قصفت قوات نظام بشار الأسد حلب") == {"SYR_GOV", "ASSAD"}
    assert ids(matcher, "دعم طهران لنظام الأسد في سوريا") == {"IRN", "SYR_GOV"}  # the set phrase
    assert ids(matcher, "قالت حكومة دمشق") == {"SYR_GOV"}  # no person in it


def test_common_noun_before_a_state_adjective(matcher):
    """القاعدة، المعارضة، الثوار are also common nouns: described by another state's adjective
    they are that state's base, opposition or rebels, not the catalogue actor."""
    assert ids(matcher, "استخدام القاعدة التركية في إنجرليك ضد الإرهاب") == {"TUR"}
    assert ids(matcher, "قال الثوار الليبيون في سوريا") == {"LBY"}
    assert ids(matcher, "هاجم تنظيم القاعدة مواقع تركية") == {"AQ", "TUR"}  # not adjacent
    assert ids(matcher, "قال الثوار في سوريا") == {"OPPOSITION"}
    assert ids(matcher, "قالت المعارضة السورية") == {"OPPOSITION"}  # the actor's own form


def test_sentence_context_picks_the_coalition(matcher):
    """دول التحالف is the US-led coalition against ISIS, but the Saudi-led one in a sentence
    about Yemen (actor_sentence_context.csv); the sentence decides, not the article."""
    yemen = "وأكد أن تدخل دول التحالف في اليمن كان بطلب من الرئيس الشرعي."
    syria = "وتقصف دول التحالف مواقع داعش في سوريا."
    assert ids(matcher, yemen) == {"ARAB_COALITION", "YEM"}
    assert ids(matcher, syria) == {"COALITION", "ISIS"}
    assert ids(matcher, syria + " " + yemen) == {"COALITION", "ISIS", "ARAB_COALITION", "YEM"}


def test_member_group_names_its_collective(matcher):
    """The Iran-backed militias are a collective (actor_umbrellas.txt): each member group names
    it too; an ordinary affiliation does not (a FSA brigade is not the opposition as a whole)."""
    assert ids(matcher, "قاتلت عصائب أهل الحق في تكريت") == {"ASAIB", "IRAN_MILITIAS"}
    assert ids(matcher, "أرسلت كتائب أبو الفضل العباس مقاتلين") == {"ABU_FADL", "IRAN_MILITIAS"}
    assert "IRAN_MILITIAS" in ids(matcher, "ميليشيا الحشد الشعبي")
    assert ids(matcher, "قال الجيش السوري الحر") == {"FSA"}  # no collective above it


def test_operation_is_no_actor(matcher):
    assert ids(matcher, "بدأت عمليات عاصفة الحزم في مارس") == set()


def test_news_agency_counts_for_its_state(matcher):
    """ANNOTATION.md: news agencies count for their state (وكالة الأنباء الألمانية → DEU); the
    adjective is what names it, so روسيا اليوم stays RT only and فرانس برس AFP only."""
    assert ids(matcher, "وقال لوكالة الأنباء الألمانية إن") == {"DPA", "DEU"}
    assert ids(matcher, "وقال لوكالة الصحافة الفرنسية إن") == {"AFP", "FRA"}
    assert ids(matcher, "وقال لوكالة فرانس برس إن") == {"AFP"}
    assert ids(matcher, "قال موقع روسيا اليوم إن") == {"RT"}


def test_first_names_and_foreign_oppositions(matcher):
    assert ids(matcher, "خريجي مدرسة تركي السديري الصحفية") == set()
    assert ids(matcher, "وقال مسؤول تركي الاثنين إن") == {"TUR"}
    assert ids(matcher, "انتقدت المعارضة التركية في سوريا") == {"TUR"}
    assert ids(matcher, "انتقدت المعارضة في سوريا") == {"OPPOSITION"}
    assert ids(matcher, "زعيم حزب العمال البريطاني") == {"GBR_LABOUR"}
    assert ids(matcher, "هاجم حزب العمال مواقع في تركيا") == {"PKK", "TUR"}
    assert ids(matcher, "انقسم حزب العمال على") == set()


def test_nisba_alone_in_quotes_is_a_name(matcher):
    assert ids(matcher, 'وبحسب "الفرنسية"، فقد') == set()
    assert ids(matcher, "(الألمانية)") == set()
    assert ids(matcher, "وكالة الأنباء الألمانية") == {"DPA", "DEU"}  # the agency names its state
    assert ids(matcher, "«الطائرات الروسية»") == {"RUS_ARMY", "RUS"}


def test_spelling_variants(matcher):
    assert ids(matcher, "مليشيات حزب الله") == {"HEZBOLLAH"}
    assert ids(matcher, "قوات سوريا الديموقراطية") == {"SDF"}
    assert ids(matcher, "قال عبد الله الثاني") == {"KING_ABDULLAH_JOR"}


def test_contract_spellings(matcher):
    assert ids(matcher, "تنظيم \"الدولة\"") == {"ISIS"}
    assert ids(matcher, "تنظيم الدولة") == {"ISIS"}
    assert ids(matcher, "داعش") == {"ISIS"}
    assert ids(matcher, "أمريكا وأميركا") == {"USA"}


# -- the mentions extractor ----------------------------------------------------------------
def sample_article() -> Article:
    from syrianews.articles import to_article
    from syrianews.readers import iter_file
    from syrianews.records import RawRecord

    rec = next(r for r in iter_file(SAMPLE, SAMPLE.name) if isinstance(r, RawRecord))
    art = to_article(rec)
    assert isinstance(art, Article)
    return art


def test_sample_mentions_match_the_seed_gold():
    art = sample_article()
    ex = MentionExtractor()
    rows = ex.extract(art, {})["mentions"]
    known = {r["actor_id"] for r in contract_rows()}
    gold = json.loads(GOLD_SEED.read_text(encoding="utf-8").splitlines()[0])
    assert {r["actor_id"] for r in rows} & known == set(gold["actors"])
    body = art.body
    starts = art.paragraph_starts()
    for r in rows:
        text = art.title if r["in_title"] else body
        assert text[r["start"]:r["end"]] == r["surface"]
        if r["in_title"]:
            assert r["paragraph"] is None
        else:
            p = r["paragraph"]
            assert starts[p] <= r["start"] and r["end"] <= starts[p] + len(art.paragraphs[p])
    assert [r["mention_id"] for r in rows] == [f"{art.article_id}-m{i:03d}" for i in range(len(rows))]
    assert rows == MentionExtractor().extract(art, {})["mentions"]  # deterministic


def test_title_mentions_are_flagged():
    art = Article("a1", "الدفاع الروسية تتهم أمريكا", ("قال المتحدث إن روسيا لن تتراجع.", "وأضاف أن إيران معها."))
    rows = MentionExtractor().extract(art, {})["mentions"]
    title = [(r["actor_id"], r["surface"], r["paragraph"]) for r in rows if r["in_title"]]
    assert ("USA", "أمريكا", None) in title and ("RUS", "الروسية", None) in title
    body = [(r["actor_id"], r["paragraph"]) for r in rows if not r["in_title"]]
    assert body == [("RUS", 0), ("IRN", 1)]


def test_outlet_own_name_is_not_a_mention():
    art = Article("a2", None, ("قال مسؤول لـ«الجزيرة» إن قناة الجزيرة القطرية",), outlet="aljazirah")
    rows = MentionExtractor().extract(art, {})["mentions"]
    assert [r["surface"] for r in rows if r["actor_id"] == "ALJAZEERA"] == ["قناة الجزيرة القطرية"]


def test_outlet_own_name_hides_what_it_names():
    """The SPA's own name in its own text is neither SPA nor, through its adjective, SAU."""
    art = Article("a3", None, ("وكالة الأنباء السعودية",), outlet="was")
    assert MentionExtractor().extract(art, {})["mentions"] == []
    art = Article("a4", None, ("وكالة الأنباء السعودية",), outlet="okaz")
    assert {r["actor_id"] for r in MentionExtractor().extract(art, {})["mentions"]} == {"SPA", "SAU"}


# -- the actors table ----------------------------------------------------------------------
def test_actors_rows_counts(cat):
    mentions = [
        {"article_id": "a", "actor_id": "RUS"},
        {"article_id": "a", "actor_id": "RUS"},
        {"article_id": "b", "actor_id": "RUS"},
        {"article_id": "b", "actor_id": "USA"},
    ]
    assert count_mentions(mentions) == {"RUS": (2, 3), "USA": (1, 1)}
    rows = actors_rows(cat, mentions)
    assert len(rows) == len(cat)
    by_id = {r["actor_id"]: r for r in rows}
    assert (by_id["RUS"]["n_articles"], by_id["RUS"]["n_mentions"]) == (2, 3)
    assert (by_id["IRN"]["n_articles"], by_id["IRN"]["n_mentions"]) == (0, 0)
    assert "موسكو" in by_id["RUS"]["capitals"] and "الكرملين" in by_id["RUS"]["aliases"]
    assert actors_rows(cat, {"RUS": (2, 3)})[1]["n_mentions"] == 3

    from syrianews.schema import to_table

    table = to_table("actors", rows)
    assert table.num_rows == len(cat)


def test_sample_build_tables(sample_build):
    import pandas as pd

    m = pd.read_parquet(sample_build / "mentions.parquet")
    a = pd.read_parquet(sample_build / "actors.parquet")
    art = pd.read_parquet(sample_build / "articles.parquet").iloc[0]
    for r in m.itertuples():
        text = art["title"] if r.in_title else art["body"]
        assert text[r.start:r.end] == r.surface
    rus = a[a.actor_id == "RUS"].iloc[0]
    assert rus.n_articles == 1 and rus.n_mentions == (m.actor_id == "RUS").sum() > 5

