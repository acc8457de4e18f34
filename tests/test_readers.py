"""Readers and article cleaning: page dumps, JSON shapes, encodings — pure functions."""
from __future__ import annotations

import gzip
import json
from datetime import datetime

import pytest

from syrianews.articles import language_of, parse_date, to_article
from syrianews.readers import read_blob
from syrianews.readers.decode import UndecodableError, decode_bytes
from syrianews.readers.pagedump import looks_like_page_dump, parse_byline, parse_page_dump
from syrianews.records import Article, RawRecord, Rejection

from conftest import SAMPLE

BODY = "قال المتحدث باسم الوزارة إن القوات تقدمت في ريف حلب الشمالي بعد معارك عنيفة استمرت يومين."


def test_sample_page_dump_fields():
    page = parse_page_dump(SAMPLE.read_text(encoding="utf-8"))
    assert page.title == 'الدفاع الروسية تتهم أمريكا بتدريب منشقين عن تنظيم "الدولة"'
    assert page.site_name == "It's Over 9000!"
    assert page.outlet == "بلدي نيوز"
    assert page.author == "كنان سلطان"
    assert len(page.paragraphs) == 9
    assert page.paragraphs[0].startswith("اتهم ما يسمى بمركز المصالحة")
    assert page.paragraphs[-1].startswith("ونوه (الأسعد)")
    assert [l.title for l in page.related][0] == "امريكا وفرنسا يتقدمان بمبادرة لاستئناف الحوار الكردي الكردي في سوريا"
    assert len(page.related) == 6 and all(l.url is None for l in page.related)


@pytest.mark.parametrize(
    "line, outlet, author, place, exclusive",
    [
        ("بلدي نيوز - (كنان سلطان)", "بلدي نيوز", "كنان سلطان", None, False),
        ("بلدي نيوز", "بلدي نيوز", None, None, False),
        ("دمشق - بلدي نيوز", "بلدي نيوز", None, "دمشق", False),
        ("بلدي نيوز – خاص", "بلدي نيوز", None, None, True),
        ("إدلب - بلدي نيوز - (أحمد علي)", "بلدي نيوز", "أحمد علي", "إدلب", False),
        ("عنب بلدي - بقلم: سامر محمد", "عنب بلدي", "سامر محمد", None, False),
        ("الجزيرة نت - محمد حسن", "الجزيرة نت", "محمد حسن", None, False),
        # an author in brackets is kept whole, whatever it holds
        ("صحيفة - (المدينة - الوكالة)", "صحيفة", "المدينة - الوكالة", None, False),
        ("صحيفة - (اسم الكاتب - المدينة)", "صحيفة", "اسم الكاتب - المدينة", None, False),
        ("بلدي نيوز - (كنان سلطان - ريف إدلب الجنوبي)", "بلدي نيوز", "كنان سلطان - ريف إدلب الجنوبي", None, False),
        ("بلدي نيوز – (حلب – رويترز)", "بلدي نيوز", "حلب – رويترز", None, False),
        ("بلدي نيوز | (أحمد علي | دمشق)", "بلدي نيوز", "أحمد علي | دمشق", None, False),
        ("بلدي نيوز - ( أحمد علي / درعا )", "بلدي نيوز", "أحمد علي / درعا", None, False),
        ("بلدي نيوز - (أحمد (أبو محمد) - حلب)", "بلدي نيوز", "أحمد (أبو محمد) - حلب", None, False),
        ("بلدي نيوز - [سامر محمد - حمص]", "بلدي نيوز", "سامر محمد - حمص", None, False),
        ("بلدي نيوز - （سامر محمد - حمص）", "بلدي نيوز", "سامر محمد - حمص", None, False),
        ("بلدي نيوز - (سامر محمد - حمص", "بلدي نيوز", "سامر محمد - حمص", None, False),  # unclosed
        ("بلدي نيوز- (كنان سلطان)", "بلدي نيوز", "كنان سلطان", None, False),
        ("بلدي نيوز -(كنان سلطان)", "بلدي نيوز", "كنان سلطان", None, False),
        ("بلدي نيوز (كنان سلطان)", "بلدي نيوز", "كنان سلطان", None, False),
        ("(كنان سلطان) - بلدي نيوز", "بلدي نيوز", "كنان سلطان", None, False),
        ("إدلب - بلدي نيوز - (أحمد علي - معرة النعمان)", "بلدي نيوز", "أحمد علي - معرة النعمان", "إدلب", False),
        ("إدلب (أحمد علي) - بلدي نيوز", "بلدي نيوز", "أحمد علي", "إدلب", False),
        ("بلدي نيوز - (خاص)", "بلدي نيوز", None, None, True),
        ("بلدي نيوز - (إدلب)", "بلدي نيوز", None, "إدلب", False),
        ("دمشق: عنب بلدي", "عنب بلدي", None, "دمشق", False),
        ("عنب بلدي - كتب محمد حسن", "عنب بلدي", "محمد حسن", None, False),
        ("عنب بلدي - بقلم - محمد حسن", "عنب بلدي", "محمد حسن", None, False),
        ("كتائب حزب الله", "كتائب حزب الله", None, None, False),  # not the prefix كتب
    ],
)
def test_byline_forms(line, outlet, author, place, exclusive):
    b = parse_byline(line)
    assert (b["outlet"], b["author"], b["place"], b["exclusive"]) == (outlet, author, place, exclusive)


def test_byline_date_part_is_the_publication_date():
    b = parse_byline("بلدي نيوز - (كنان سلطان - حلب) - 2019-10-12")
    assert (b["outlet"], b["author"], b["published"]) == ("بلدي نيوز", "كنان سلطان - حلب", "2019-10-12")


@pytest.mark.parametrize(
    "byline, outlet, author",
    [
        ("صحيفة - (المدينة - الوكالة)", "صحيفة", "المدينة - الوكالة"),
        ("صحيفة - (اسم الكاتب - المدينة)", "صحيفة", "اسم الكاتب - المدينة"),
        ("عنب بلدي - (محمد حسن العلي - ريف حلب الشمالي - خاص)", "عنب بلدي", "محمد حسن العلي - ريف حلب الشمالي - خاص"),
        ("بلدي نيوز - (كنان سلطان)", "بلدي نيوز", "كنان سلطان"),
    ],
)
def test_page_dump_with_bracketed_byline_keeps_title_author_and_body(byline, outlet, author):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    i = next(k for k, l in enumerate(lines) if l.startswith("بلدي نيوز - ("))
    page = parse_page_dump("\n".join(lines[:i] + [byline] + lines[i + 1 :]))
    assert page.title == 'الدفاع الروسية تتهم أمريكا بتدريب منشقين عن تنظيم "الدولة"'
    assert (page.outlet, page.author) == (outlet, author)
    assert len(page.paragraphs) == 9 and page.paragraphs[0].startswith("اتهم ما يسمى")
    assert len(page.related) == 6


def test_page_dump_variants_headers_and_urls():
    text = "\n".join(
        [
            "عنوان الخبر هنا | موقع الأخبار",
            "",
            "عنوان الخبر هنا",
            "دمشق - عنب بلدي",
            BODY,
            "فقرة ثانية من المتن تتحدث عن تفاصيل إضافية حول المعارك في المنطقة.",
            "اقرأ أيضاً:",
            "عنوان مرتبط أول https://example.org/a",
            "عنوان مرتبط ثان",
            "https://example.org/b",
        ]
    )
    page = parse_page_dump(text)
    assert page.title == "عنوان الخبر هنا" and page.site_name == "موقع الأخبار"
    assert page.place == "دمشق" and page.outlet == "عنب بلدي"
    assert len(page.paragraphs) == 2
    assert [(l.title, l.url) for l in page.related] == [
        ("عنوان مرتبط أول", "https://example.org/a"),
        ("عنوان مرتبط ثان", "https://example.org/b"),
    ]


def test_page_dump_without_title_line_or_related_block():
    page = parse_page_dump(f"عنوان قصير للخبر\n{BODY}\n{BODY}")
    assert page.title == "عنوان قصير للخبر"
    assert page.paragraphs == [BODY, BODY] and page.related == []
    assert not looks_like_page_dump(BODY)


def test_decode_utf8_bom_utf16_and_cp1256():
    text = "الأمم المتحدة تدين القصف"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))[0] == text
    assert decode_bytes(text.encode("utf-16"))[0] == text
    assert decode_bytes(text.encode("cp1256")) == (text, "cp1256")
    with pytest.raises(UndecodableError):
        decode_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    with pytest.raises(UndecodableError):
        decode_bytes(b"caf\xe9 na\xefve latin-1 text")


def test_cp1256_page_dump_file_becomes_article():
    raw = f"عنوان الخبر\n{BODY}".encode("cp1256")
    (rec,) = list(read_blob("legacy.txt", raw))
    art = to_article(rec)
    assert isinstance(art, Article) and art.title == "عنوان الخبر" and art.body == BODY


def _records(name: str, data: bytes) -> list:
    return list(read_blob(name, data))


def test_json_shapes_and_field_names():
    recs = [
        {"headline": "عنوان أول", "text": BODY, "link": "http://x/1", "published": "2019-10-12T08:30:00+03:00", "byline": "كاتب", "publisher": "عنب بلدي"},
        {"title": "عنوان ثان", "body": [BODY, BODY], "url": "http://x/2", "timestamp": 1570868400},
    ]
    for name, data in [
        ("a.json", json.dumps(recs).encode()),
        ("a.json", json.dumps({"articles": recs}).encode()),
        ("a.jsonl", "\n".join(json.dumps(r) for r in recs).encode()),
        ("a.jsonl.gz", gzip.compress("\n".join(json.dumps(r) for r in recs).encode())),
        ("a.json.gz", gzip.compress(json.dumps(recs).encode())),
    ]:
        arts = [to_article(r) for r in _records(name, data)]
        assert [a.title for a in arts] == ["عنوان أول", "عنوان ثان"], name
        assert arts[0].url == "http://x/1" and arts[0].author == "كاتب" and arts[0].outlet == "عنب بلدي"
        assert arts[0].published == datetime(2019, 10, 12, 5, 30)  # converted to UTC
        assert arts[1].published == datetime(2019, 10, 12, 8, 20)
        assert arts[1].paragraphs == (BODY, BODY)


def test_json_record_holding_a_page_dump_goes_through_the_page_parser():
    dump = SAMPLE.read_text(encoding="utf-8")
    (rec,) = _records("x.json", json.dumps([{"content": dump, "url": "http://b/1", "date": "2019-10-12"}]).encode())
    art = to_article(rec)
    assert art.outlet == "بلدي نيوز" and art.author == "كنان سلطان"
    assert len(art.paragraphs) == 9 and len(art.related) == 6
    assert art.url == "http://b/1" and art.published == datetime(2019, 10, 12)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("bad.json", b'[{"title": "x", "content": ', "malformed_json"),
        ("bad.json", b'"just a string"', "not_an_article"),
        ("bin.txt", b"\x00\x01\x02\x03\xff", "undecodable"),
        ("x.pdfx", b"whatever", "unsupported_file"),
        ("bad.zip", b"PK\x03\x04 not really a zip", "corrupt_archive"),
        ("bad.json.gz", b"not gzip", "corrupt_archive"),
    ],
)
def test_bad_files_become_rejections(name, data, reason):
    (rej,) = _records(name, data)
    assert isinstance(rej, Rejection) and rej.reason == reason and rej.source_file == name and rej.detail


def test_jsonl_bad_line_keeps_the_others():
    data = "\n".join([json.dumps({"title": "أ", "content": BODY}), "{broken", json.dumps([1, 2]), json.dumps({"title": "ب", "content": BODY})]).encode()
    out = _records("x.jsonl", data)
    assert [type(o).__name__ for o in out] == ["RawRecord", "Rejection", "Rejection", "RawRecord"]
    assert [o.reason for o in out if isinstance(o, Rejection)] == ["malformed_json", "not_an_article"]
    assert [o.record_index for o in out] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"title": "عنوان", "content": "   \n  "}, "empty"),
        ({"title": "عنوان"}, "empty"),
        ({"title": "عنوان", "content": "لويس انريكي"}, "too_short"),
    ],
)
def test_records_without_article_text_are_rejected(fields, reason):
    out = to_article(RawRecord("f.json", 3, fields, "json"))
    assert isinstance(out, Rejection) and out.reason == reason and out.record_index == 3


def test_dates_and_language():
    assert parse_date("2015-07-21 02:51:32") == datetime(2015, 7, 21, 2, 51, 32)
    assert parse_date("21/07/2015") == datetime(2015, 7, 21)
    assert parse_date(1437436800000) == datetime(2015, 7, 21)
    assert parse_date("yesterday") is None and parse_date(None) is None
    assert language_of(BODY) == "ar"
    assert language_of("An English article about Syria and the war there.") == "other"
    assert language_of(BODY + " The Conformist | Bernardo Bertolucci") == "ar"


def test_trailing_tag_line_leaves_the_body():
    content = f"{BODY}\n\n{BODY}\n\nسمات العربية خليل الخليل داعش"
    art = to_article(RawRecord("f.json", 0, {"title": "عنوان", "content": content}, "json"))
    assert art.paragraphs == (BODY, BODY) and art.tags == "العربية خليل الخليل داعش"
    # a paragraph that merely starts with the word stays text
    text = f"{BODY}\n\nسمات هذه المرحلة كثيرة ومنها أن القوات تقدمت في ريف حلب بعد معارك عنيفة " + " ".join(["كلمة"] * 30)
    art = to_article(RawRecord("f.json", 0, {"title": "عنوان", "content": text}, "json"))
    assert len(art.paragraphs) == 2 and art.tags is None
