"""The two-generation word cache: same answers as the function it memoises, bounded size,
frequent words kept across an ageing, and ``None`` cached like any other answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from syrianews.quotes import speakers, verbs
from syrianews.wordcache import MISSING, WordCache


def test_answers_equal_the_function_and_none_is_cached():
    calls: list[str] = []

    def compute(k: str) -> int | None:
        calls.append(k)
        return None if k.startswith("x") else len(k)

    cache = WordCache(compute, size=10)
    assert cache.get_many(["ab", "xq", "ab", "abc"]) == [2, None, 2, 3]
    assert cache.get_many(["xq", "ab"]) == [None, 2]
    assert calls == ["ab", "xq", "abc"]  # each key computed once, the None answer included
    assert repr(MISSING) == "MISSING"


def test_a_frequent_word_survives_ageing():
    calls: list[str] = []

    def compute(k: str) -> str:
        calls.append(k)
        return k.upper()

    cache = WordCache(compute, size=3)
    for k in ["hot", "a", "b", "hot", "c", "d", "hot", "e", "f", "hot"]:
        assert cache[k] == k.upper()
    assert calls.count("hot") == 1  # a plain dict cleared when full would have computed it again
    assert len(cache) <= 6


def test_size_must_be_positive():
    import pytest

    with pytest.raises(ValueError, match="size"):
        WordCache(str, size=0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdef", min_size=1, max_size=3), max_size=300), st.integers(1, 20))
def test_bounded_and_correct_for_any_stream(keys: list[str], size: int):
    cache = WordCache(lambda k: k[::-1], size=size)
    for start in range(0, len(keys), 7):
        batch = keys[start : start + 7]
        assert cache.get_many(batch) == [k[::-1] for k in batch]
        assert len(cache) <= 2 * size


def test_the_quote_rules_use_it():
    """The verb and word-class look-ups are bounded word caches, not unbounded dicts."""
    assert isinstance(verbs._HITS, WordCache) and verbs._HITS.size == 50_000
    assert isinstance(speakers._CLASS_BY_TEXT, WordCache)
    toks = list(speakers.tokenize("وقال الوزير إن"))
    assert [t.token.text for t in verbs.find_triggers(toks)] == ["وقال"]
    assert speakers._classes(toks) == [speakers._word_class(t.key, t.text.endswith("ى")) for t in toks]


_ARABIC_WORD = st.text(alphabet="الوفبلمرصدعيىةهنكتس", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_ARABIC_WORD, st.booleans())
def test_word_class_agrees_with_the_single_tests(k: str, alef_maqsura: bool):
    """The one-pass word class gives what the chain of single tests it replaced gave."""
    from syrianews.quotes.lexicon_words import bare, heads, in_list, stops, titles

    k = speakers.norm(k)
    stop = alef_maqsura if k == "علي" else k in stops()
    nameish = k.isalpha() and len(k) >= 2 and not (
        stop or in_list(k, titles()) or in_list(k, heads()) or verbs.lookup(k) is not None)
    defined = any(v.startswith("ال") for v in bare(k)[:3]) or k.startswith("لل")
    expected = (nameish, defined, in_list(k, heads()), stop, in_list(k, titles()))
    assert speakers._word_class(k, alef_maqsura) == expected
    toks = speakers.tokenize(k + ("ى" if alef_maqsura and k.endswith("ي") else ""))
    if len(toks) == 1 and toks[0].key == k:  # the token helpers read the same class
        tok = toks[0]
        assert (speakers._is_nameish(tok), speakers._defined(tok)) == speakers._word_class(k, tok.text.endswith("ى"))[:2]
