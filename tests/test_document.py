"""The shared analysis of an article (syrianews.document): one folding, one tokeniser module, one
Document per article that every extractor reads, and the extractors' requires/assigns order."""
from __future__ import annotations

import pytest

import syrianews.document as document_module
import syrianews.quotes.document as quotes_document
from syrianews.accusations.text import fold as accusation_fold
from syrianews.accusations.text import tokenize as accusation_tokens
from syrianews.actors.normalize import normalize
from syrianews.document import Document, fold, fold_label
from syrianews.document.tokens import chunk_sentences, chunks, count_words, sentence_ends, words
from syrianews.extractors import ExtractorOrderError, build_extractors, check_order
from syrianews.lexicons import fold as label_fold
from syrianews.pipeline import process_record
from syrianews.quotes.tokens import norm as quote_norm
from syrianews.quotes.tokens import tokenize as quote_tokens
from syrianews.records import Article, RawRecord

BODY = (
    "وقال المتحدث باسم وزارة الدفاع الروسية (إيغور كوناشينكوف) إن \"الضربات أصابت مواقع تنظيم الدولة\".\n"
    "واتهمت تركيا روسيا بانتهاك مجالها الجوي؛ ونفت موسكو ذلك."
)


# -- one folding -----------------------------------------------------------------------------
@pytest.mark.parametrize("word, key", [("وزارةُ", "وزاره"), ("إدانةٌ", "ادانه"), ("أمريكـا", "امريكا"), ("مصطفى", "مصطفي"), ("ی", "ي")])
def test_one_folding_for_every_extractor(word, key):
    assert fold(word) == key
    assert quote_norm(word) == key  # the quote rules' keys
    assert accusation_fold(word) == fold(word, ta_marbuta=True)  # the accusation rules keep ة only
    assert accusation_fold("وزارةُ") == "وزارة"
    assert label_fold(word) == fold_label(word) == key  # title keys of the links table
    assert normalize(word).text == key  # the actor matcher's offset-keeping normalisation agrees


def test_long_texts_fold_as_words_do():
    """fold() replaces letter by letter on long texts and translates short ones: the two paths
    must give the same key, whatever mix of marks, letters and other scripts the text holds."""
    import random

    from syrianews.document.fold import _TABLE, _TABLE_KEEP_TA, LONG_TEXT

    special = [chr(c) for c in _TABLE] + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي اa1\n\x00،.«»")
    rng = random.Random(5)
    for n in (LONG_TEXT - 1, LONG_TEXT, 200, 3000):
        for _ in range(30):
            text = "".join(rng.choice(special) for _ in range(n))
            assert fold(text) == text.translate(_TABLE)
            assert fold(text, ta_marbuta=True) == text.translate(_TABLE_KEEP_TA)
    assert fold(BODY * 3) == "\n".join(fold(line) for line in (BODY * 3).split("\n"))
    import importlib

    actor_normalize = importlib.import_module("syrianews.actors.normalize")

    special = list(actor_normalize._SUBST) + special
    for n in (LONG_TEXT - 1, 500):
        for _ in range(30):
            text = "".join(rng.choice(special) for _ in range(n))
            assert actor_normalize._substitute(text) == text.translate(actor_normalize._TABLE)


def test_words_are_the_runs_of_letters_and_marks():
    """The word pattern matches runs of each kind in turn: the same words as the plain
    definition (one letter, digit or mark at a time), on any mix of characters."""
    import random
    import re

    from syrianews.document.fold import DIACRITICS_CLASS, TATWEEL

    plain = re.compile(f"(?:[^\\W_]|[{DIACRITICS_CLASS}{TATWEEL}])+")
    chars = list("ابت ثج_-.،1a«»\n") + ["\u064b", "\u0651", TATWEEL, "\u0670", "\u06d6"]
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(1, 80)))
        assert [(t.start, t.end) for t in words(text)] == [m.span() for m in plain.finditer(text)]
        assert count_words(text) == len(plain.findall(text))


def test_fold_label_drops_punctuation_and_spaces():
    assert fold_label("  «الأسد»: يُهدِّد ") == "الاسد يهدد"


# -- one tokeniser module ----------------------------------------------------------------------
def test_words_index_the_text_and_carry_folded_keys():
    toks = words(BODY)
    assert [t.i for t in toks] == list(range(len(toks)))
    for t in toks:
        assert BODY[t.start:t.end] == t.text and t.key == fold(t.text)
    assert [t.text for t in toks[:3]] == ["وقال", "المتحدث", "باسم"]
    assert count_words(BODY) == len(toks) and words("") == () and words(" ، . ") == ()
    assert quote_tokens(BODY) == toks  # the quote rules' tokens are these words


def test_chunks_keep_their_edge_punctuation():
    unit = "قالت (سانا)، إن «الجيش» تقدم..."
    got = [(c.text, c.open_before, c.close_after, unit[c.start:c.end] == c.text) for c in chunks(unit)]
    assert got == [("قالت", "", "", True), ("سانا", "(", ")،", True), ("إن", "", "", True),
                   ("الجيش", "«", "»", True), ("تقدم", "", "...", True)]
    assert chunks(unit)[1].boundary_after and not chunks(unit)[0].boundary_after
    assert chunks("وزارةُ")[0].key == "وزارة"  # ة kept in the accusation rules' keys
    assert accusation_tokens(unit, 5, 12) == chunks(unit, 5, 12)
    assert chunks("— … ،") == []


def test_sentence_splitters():
    ends = sentence_ends(BODY)
    assert BODY.index("\n") in ends and all(BODY[e - 1] in ".!?؟" or BODY[e] == "\n" for e in ends)
    second = BODY.split("\n")[1]
    spans = chunk_sentences(second)
    assert len(spans) == 2 and second[spans[1][0]:spans[1][1]].strip() == "ونفت موسكو ذلك."  # ؛ ends one here


# -- one Document per article ------------------------------------------------------------------
def test_document_parts_are_computed_once_and_index_the_raw_text():
    art = Article("d1", "روسيا تنفي", tuple(BODY.split("\n")))
    doc = Document(art)
    assert Document.of(doc) is doc and Document.of(art).article is art
    assert doc.words is doc.words and doc.marks is doc.marks
    assert doc.paragraph_starts == art.paragraph_starts()
    n = doc.body_normalized
    i = n.text.index("روسيه")  # ة folded in the normalised text, offsets back to the raw body
    a, b = n.to_original(i, i + len("روسيه"))
    assert doc.body[a:b] == "الروسية"[2:]
    assert doc.title_normalized.original == "روسيا تنفي"
    assert doc.mentions is None and doc.quotes is None


def test_the_pipeline_tokenises_each_body_once(monkeypatch):
    calls = []
    real = document_module.split_words  # the one cut of a body into words and gaps

    def counting(text):
        calls.append(text)
        return real(text)

    def forbidden(text):
        raise AssertionError("the quote rules tokenised the body again")

    monkeypatch.setattr(document_module, "split_words", counting)
    monkeypatch.setattr(quotes_document, "words", forbidden)
    monkeypatch.setattr(quotes_document, "split_words", forbidden)
    rec = RawRecord("x.jsonl", 0, {"title": "روسيا تنفي", "content": BODY}, "jsonl")
    kind, (row, found) = process_record(rec, build_extractors({"extractors": None}))
    assert kind == "article" and found["quotes"] and found["mentions"]
    assert calls == [row["body"] if "body" in row else BODY]


def test_extractors_read_what_earlier_ones_assigned():
    art = Article("d2", None, tuple(BODY.split("\n")))
    doc = Document(art)
    mentions, quotes, accusations = build_extractors({"extractors": ["mentions", "quotes", "accusations"]})
    found: dict[str, list[dict]] = {}
    for ex in (mentions, quotes, accusations):
        for table, rows in ex.extract(doc, found).items():
            found.setdefault(table, []).extend(rows)
    assert doc.mentions == found["mentions"] and doc.quotes == found["quotes"]
    assert any(q["speaker_actor_id"] for q in doc.quotes)  # speaker actors came from the mentions
    # a bare article still works (tests and notebooks call extractors one by one)
    assert quotes.extract(art, {"mentions": found["mentions"]})["quotes"] == found["quotes"]


# -- requires / assigns ------------------------------------------------------------------------
def test_a_subset_that_would_silently_degrade_is_refused():
    with pytest.raises(ExtractorOrderError, match="'quotes' extractor requires mentions"):
        build_extractors({"extractors": ["links", "quotes"]})
    with pytest.raises(ExtractorOrderError, match="requires"):
        build_extractors({"extractors": ["mentions", "accusations"]})
    with pytest.raises(ExtractorOrderError, match="unknown"):
        build_extractors({"extractors": ["mentions", "speakers"]})
    assert [e.name for e in build_extractors({"extractors": ["quotes", "mentions", "links"]})] == ["links", "mentions", "quotes"]
    assert [e.name for e in build_extractors({})] == ["links", "mentions", "quotes", "accusations"]


def test_check_order_refuses_a_wrong_order():
    mentions, quotes = build_extractors({"extractors": ["mentions", "quotes"]})
    check_order([mentions, quotes])
    with pytest.raises(ExtractorOrderError):
        check_order([quotes, mentions])


def test_the_build_refuses_a_degrading_subset_before_any_work(tmp_path):
    from syrianews.extractor_errors import StartupError
    from syrianews.pipeline import build

    raw = tmp_path / "a.jsonl"
    raw.write_text('{"title": "t", "content": "قال المتحدث إن روسيا لن تتراجع عن موقفها."}\n', encoding="utf-8")
    with pytest.raises(StartupError, match="'quotes' extractor requires mentions"):  # the CLI reports it, no traceback
        build([raw], tmp_path / "out", extractors=["quotes"], jobs=1, progress=False)
    assert not (tmp_path / "out").exists()


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="قال محمد بن عبد الرحمن وزير،\n\u00a0.«»()-1", max_size=80))
def test_joined_flags_are_the_gaps_read_off_the_text(text):
    from syrianews.document.tokens import joined_by, split_words, words_of
    from syrianews.quotes.speakers import name_runs
    from syrianews.quotes.tokens import SPACES, only_space_between

    parts = split_words(text)
    toks = words_of(parts)
    joined = joined_by(parts, SPACES)
    expected = [False] + [only_space_between(text, a.end, b.start) for a, b in zip(toks, toks[1:])] if toks else []
    assert joined == expected
    assert name_runs(text, list(toks), joined) == name_runs(text, list(toks))
