"""Property-based tests (hypothesis): readers and extractors never raise on arbitrary input,
every offset they emit points at its text, and no record is lost.

CI runs a fixed, bounded number of examples (profile ``ci``: derandomised, so the same examples
every run); ``make fuzz`` runs the ``fuzz`` profile, random and long
(``FUZZ_EXAMPLES`` examples per property)."""
from __future__ import annotations

import csv
import tempfile
from collections import Counter
from pathlib import Path
import gzip
import io
import json
import os
import zipfile
from functools import lru_cache

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from syrianews.articles import article_row, rejection_row, to_article
from syrianews.config import BuildConfig
from syrianews.extractors import build_extractors
from syrianews.lexicons import data_text
from syrianews.readers import read_blob
from syrianews.records import Article, RawRecord, Rejection
from syrianews.schema import TABLES, to_table
from syrianews.validate import span_problems

_COMMON = dict(deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink], suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much], database=None)
settings.register_profile("ci", max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 60)), derandomize=True, **_COMMON)
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", 20_000)), derandomize=False, **_COMMON)
settings.load_profile(os.environ.get("SYRIANEWS_HYPOTHESIS_PROFILE", "ci"))

# -- text: the characters Arabic news is made of, and the ones that break parsers -------------
ARABIC = [chr(c) for c in range(0x0621, 0x064B)] + ["ى", "ة", "ء", "آ", "أ", "إ", "ٱ", "پ", "گ", "ک", "ی"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
TATWEEL = ["\u0640"]
QUOTES = list("«»\"'“”„‟‹›‘’‚‛「」『』〝〞＂″")
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u200b", "\u200c", "\u200d"]
BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t", "\u00a0", " ", "  "]
PUNCT = list("،؛؟.:!?,;()[]{}-–—/|…٪") + ["٠", "١", "٢", "٩", "0", "1", "2015"]


@lru_cache(maxsize=1)
def lexicon_words() -> list[str]:
    """Words the extractors react to: verbs of saying, accusation triggers, actor names."""
    words: list[str] = []
    for name, cols in (("speech_verbs.csv", ("form",)), ("accusation_triggers.csv", ("form",)), ("actors.csv", ("name_ar", "aliases", "nisba", "capitals"))):
        for row in csv.DictReader(io.StringIO(data_text(name))):
            for col in cols:
                words += [w for w in (row.get(col) or "").split("|") if w]
    words += ["قال", "وقال", "أن", "إن", "بأن", "على", "لسان", "عن", "مقالات ذات صلة", "اقرأ أيضا", "سمات", "بقلم", "-", "و", "ل", "ب"]
    return sorted(set(words))


def _chars(pool: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool)


def _one_of_list(items: list[str]) -> st.SearchStrategy[str]:
    return st.integers(0, len(items) - 1).map(lambda i: items[i])  # sampled_from, with a short repr


pieces = st.one_of(
    _one_of_list(lexicon_words()),
    st.text(_chars(ARABIC + DIACRITICS + TATWEEL), min_size=1, max_size=8),
    _chars(QUOTES),
    _chars(BIDI),
    _chars(BREAKS),
    _chars(PUNCT),
    st.text(min_size=1, max_size=3),  # any code point at all, lone surrogates included
)
arabic_text = st.lists(pieces, max_size=120).map(lambda ps: " ".join(ps) if len(ps) % 3 else "".join(ps))


def _clean_str(s: str) -> str:
    """Strings as a reader hands them on (readers replace lone surrogates)."""
    return s.encode("utf-8", "replace").decode("utf-8") if s else s


EXAMPLES: Counter[str] = Counter()  # examples run per property (``make fuzz`` reports them)


@lru_cache(maxsize=1)
def extractors() -> list:
    return build_extractors(BuildConfig())


def _check_rows(article: Article, found: dict[str, list[dict]]) -> None:
    body = article.body
    for table, rows in found.items():
        assert table in TABLES, table
        for row in rows:
            problems = span_problems(table, row, body, article.title)
            assert not problems, (table, problems, row)
            assert row.get("article_id") == article.article_id
        to_table(table, rows)  # the rows fit the table's schema


def run_extractors(article: Article) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for ex in extractors():
        for table, rows in ex.extract(article, found).items():
            found.setdefault(table, []).extend(rows)
    return found


@given(title=arabic_text, body=arabic_text, outlet=st.sampled_from([None, "الجزيرة", "عكاظ", "سبق", "x"]))
def test_extractors_never_raise_and_offsets_hold(title, body, outlet):
    """On cleaned articles made from arbitrary text (the articles every extractor sees)."""
    EXAMPLES["extractors_on_cleaned_articles"] += 1
    rec = RawRecord("prop.json", 0, {"title": _clean_str(title), "content": _clean_str(body), "source": outlet}, "json")
    art = to_article(rec)
    if isinstance(art, Rejection):
        to_table("rejects", [rejection_row(art)])
        return
    to_table("articles", [article_row(art)])
    _check_rows(art, run_extractors(art))


@given(paragraphs=st.lists(arabic_text.map(lambda t: t.replace("\n", " ").replace("\r", " ")), min_size=1, max_size=6), title=st.one_of(st.none(), arabic_text))
def test_extractors_on_uncleaned_paragraphs(paragraphs, title):
    """Extractors called directly, on paragraphs no cleaner has touched (bidi marks, tatweel,
    runs of spaces, quotation marks everywhere)."""
    EXAMPLES["extractors_on_raw_paragraphs"] += 1
    paragraphs = [_clean_str(p) for p in paragraphs]
    assume(any(p.strip() for p in paragraphs))
    art = Article(article_id="a" * 16, title=_clean_str(title), paragraphs=tuple(paragraphs), outlet="عكاظ")
    _check_rows(art, run_extractors(art))


@given(n=st.integers(1, 3000), mark=st.sampled_from(QUOTES), with_words=st.booleans())
def test_text_of_quotation_marks_only(n, mark, with_words):
    EXAMPLES["quotation_marks_only"] += 1
    text = (mark * n) if not with_words else f"قال الوزير {mark * n} إن {mark * (n // 2)} وأضاف"
    art = Article(article_id="b" * 16, title=mark * 5, paragraphs=(text, "«" * n + "»" * (n // 3)), outlet=None)
    _check_rows(art, run_extractors(art))


# -- readers: arbitrary bytes, arbitrary JSON, under every supported name ---------------------
NAMES = ["a.json", "a.jsonl", "a.ndjson", "a.txt", "a.text", "a.json.gz", "a.jsonl.gz", "a.txt.gz", "a.zip", "a.JSON", "noext", "a.csv", "a.gz"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | arabic_text | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(["title", "content", "text", "body", "url", "date", "source", "author", "x"]) | st.text(max_size=5), children, max_size=5),
    max_leaves=25,
)
records = st.lists(
    st.fixed_dictionaries({}, optional={"title": json_values, "content": json_values, "body": arabic_text, "url": json_values, "date": json_values, "source": json_values, "author": json_values}) | json_values,
    max_size=6,
)


def _consume(name: str, data: bytes) -> list:
    """What the build does with one file: read it, clean each record, make the rows."""
    items = list(read_blob(name, data))
    arts, rejects = [], []
    for item in items:
        assert isinstance(item, (RawRecord, Rejection)), item
        out = to_article(item) if isinstance(item, RawRecord) else item
        (arts if isinstance(out, Article) else rejects).append(out)
    assert len(arts) + len(rejects) == len(items)
    to_table("articles", [article_row(a) for a in arts])
    to_table("rejects", [rejection_row(r) for r in rejects])
    return items


@given(name=st.sampled_from(NAMES), data=st.binary(max_size=3000))
def test_readers_on_arbitrary_bytes(name, data):
    EXAMPLES["readers_on_bytes"] += 1
    _consume(name, data)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "cp1256":
        return text.encode("cp1256", "replace")
    return text.encode(encoding, "surrogatepass")


@given(
    recs=records,
    shape=st.sampled_from(["array", "object", "container", "jsonl", "jsonl-blank-lines"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]),
    wrap=st.sampled_from(["", "gz", "zip"]),
    ensure_ascii=st.booleans(),
)
def test_readers_on_arbitrary_json_conserve_records(recs, shape, encoding, wrap, ensure_ascii):
    EXAMPLES["readers_on_json"] += 1
    dump = lambda v: json.dumps(v, ensure_ascii=ensure_ascii)  # noqa: E731
    if shape.startswith("jsonl"):
        sep = "\n\n" if shape == "jsonl-blank-lines" else "\n"
        text, name, expected = sep.join(dump(r) for r in recs), "f.jsonl", len(recs)
    elif shape == "array":
        text, name, expected = dump(recs), "f.json", len(recs)
    elif shape == "container":
        text, name, expected = dump({"articles": recs, "meta": 1}), "f.json", len(recs)
    else:
        text, name, expected = dump(recs[0] if recs else {}), "f.json", None
    data = _encode(text, encoding)
    if wrap == "gz":
        data, name = gzip.compress(data), name + ".gz"
    elif wrap == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name, data)
        data, name = buf.getvalue(), "f.zip"
    items = _consume(name, data)
    whole_file = [i for i in items if isinstance(i, Rejection) and i.record_index is None]
    if expected is not None and not whole_file:
        # one item per record: every record became a record or a rejection, none vanished
        assert len(items) == expected, (len(items), expected, items[:3])
        assert [i.record_index for i in items] == list(range(expected))


@given(
    files=st.lists(
        st.tuples(st.sampled_from(["a.json", "b.jsonl", "c.txt", "d.zip", "e.json.gz"]), st.one_of(st.binary(max_size=400), records.map(lambda r: json.dumps(r).encode()))),
        min_size=1,
        max_size=4,
        unique_by=lambda f: f[0],
    )
)
@settings(max_examples=int(os.environ.get("PROPERTY_BUILD_EXAMPLES", 8)))
def test_build_conserves_records(files):
    from syrianews.pipeline import build
    from syrianews.validate import validate_build

    EXAMPLES["build_of_arbitrary_files"] += 1
    with tempfile.TemporaryDirectory(prefix="syrianews-prop-") as tmp:
        _build_and_check(Path(tmp), files, build, validate_build)


def _build_and_check(root: Path, files, build, validate_build) -> None:
    raw = root / "raw"
    raw.mkdir()
    for name, data in files:
        (raw / name).write_bytes(data)
    out = root / "out"
    res = build([raw], out, progress=False, jobs=1)
    m = json.loads((out / "manifest.json").read_text())
    assert m["records"] == res.counts["articles"] + res.counts["rejects"]
    # every file left a trace (an article or a rejection under its name)
    assert {r.split("!")[0] for t in _source_files(out) for r in t} == {n for n, _ in files}
    assert validate_build(out) == []


def _source_files(out) -> list[list[str]]:
    import pyarrow.parquet as pq

    return [pq.read_table(out / f"{t}.parquet", columns=["source_file"]).column("source_file").to_pylist() for t in ("articles", "rejects")]
