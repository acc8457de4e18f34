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
    """The one-pass word class gives what the separate tests give (it replaced their chain)."""
    from syrianews.quotes.lexicon_words import heads, in_list, titles

    k = speakers.norm(k)
    nameish, defined, head, stop, title = speakers._word_class(k, alef_maqsura)
    assert nameish == speakers._nameish(k, alef_maqsura)
    assert head == in_list(k, heads()) and title == in_list(k, titles())
    tok = speakers.tokenize(k)[0] if speakers.tokenize(k) else None
    if tok is not None and tok.key == k:
        assert defined == speakers._defined(tok)
