"""Saved web pages (HTML) and web crawls (WARC): text without boilerplate, metadata, related
links resolved by URL; every WARC record an article, a rejection or a tally; truncation."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

import syrianews
from syrianews.articles import to_article
from syrianews.pipeline import build
from syrianews.readers import iter_file, read_blob
from syrianews.readers.html import normalize_url, parse_html
from syrianews.readers.warc import read_warc
from syrianews.records import Article, RawRecord, Rejection, Tally

from warc_fixtures import HTML_DIR, PAGES, write_warc

# What each page must give: (url, title, outlet, author, published, n paragraphs, first words of
# the first and last paragraph, related (title start, url) in page order)
EXPECTED = {
    "enab_wordpress.html": dict(
        site_name="عنب بلدي", outlet="عنب بلدي", author="سامر الأحمد", published=datetime(2020, 7, 14, 6, 30), n=5,
        first="استهدفت قوات النظام السوري", last="من جهتها، قالت",
        related=[("دورية روسية تركية مشتركة", "https://www.enabbaladi.net/archives/412100"),
                 ("الدفاع المدني يحذر من مخلفات", "https://www.enabbaladi.net/archives/411980"),
                 ("أزمة مياه الشرب تتفاقم", "https://aljumhuriya-news.example/news/2020/07/13/syria-aleppo-water"),
                 ("طائرات روسية تقصف ريف اللاذقية", "http://alsham.example/ar/news/2019/5/2/russian-strikes-latakia/?utm_source=enab")]),
    "halab_jsonld.html": dict(
        site_name="حلب اليوم", outlet="حلب اليوم", author="ليلى حسن", published=datetime(2021, 6, 29, 11, 5), n=5,
        first="دعا الأمين العام للأمم المتحدة", last="وكانت الولايات المتحدة",
        related=[("روسيا تلوح باستخدام الفيتو", "https://halabtoday.example/news/2021/06/20/russia-veto-warning/"),
                 ("قصف مدفعي يستهدف ريف إدلب", "https://www.enabbaladi.net/archives/412345"),
                 ("موجة حر تضرب مخيمات", "https://halabtoday.example/news/2021/06/25/camps-heat/")]),
    "classic_cp1256.html": dict(
        site_name=None, outlet="horan-net.example", author=None, published=datetime(2018, 11, 5), n=4,
        first="قتل ثلاثة عناصر من قوات النظام", last="ويتهم ناشطون الأجهزة",
        related=[("اغتيال قيادي سابق", "http://www.horan-net.example/news.php?id=8790"),
                 ("النظام يفرج عن عشرات", "http://www.horan-net.example/news.php?id=8755"),
                 ("مظاهرة في بصرى الشام", "http://www.horan-net.example/news.php?id=8701")]),
    "modern_main.html": dict(
        site_name="الشام نت", outlet="الشام نت", author=None, published=datetime(2019, 5, 2), n=7,
        first="المرصد السوري لحقوق الإنسان يوثق", last="وكان وزير الخارجية التركي",
        related=[("تصعيد في إدلب وحماة", "https://alsham.example/ar/news/2019/4/28/idlib-escalation"),
                 ("انتهاء جولة جديدة من محادثات", "https://alsham.example/ar/news/2019/4/30/astana-talks"),
                 ("الأمم المتحدة تدعو إلى إدخال", "https://halabtoday.example/news/2021/06/29/un-bab-al-hawa-aid/")]),
}

# page chrome that must never reach a body: menus, tickers, share bars, tags, author boxes,
# sidebars, newsletters, ads, comments and their forms, footers, cookie notices, captions
BOILERPLATE = [
    "الرئيسية", "أخبار سوريا", "عاجل", "انقطاع الكهرباء", "شارك", "فيسبوك", "تويتر", "واتساب", "الوسوم", "مشاهدة",
    "صحفي سوري يعمل مراسلًا", "مقالات ذات صلة", "دورية روسية تركية", "تعليق", "جبل الزاوية، القصف لم يتوقف",
    "الضامن التركي", "الأكثر قراءة", "ارتفاع أسعار الخبز", "النشرة البريدية", "إعلان", "جميع الحقوق محفوظة",
    "ملفات تعريف الارتباط", "دخان يتصاعد", "ابحث في الموقع", "آخر الأخبار", "مقتل مدني برصاص", "إرسال بالبريد",
    "طباعة", "كلمات مفتاحية", "أخبار ذات صلة", "موجة حر تضرب", "التعليقات", "شريان الحياة", "لتجويع الناس",
    "الأكثر مشاهدة", "تابعونا", "الترددات", "أقسام الموقع", "استطلاع الرأي", "اللاجئين قريبا", "أرسل لصديق",
    "عدد القراءات", "ابن حوران", "يرحم الشهداء", "أسعار المحروقات", "تصميم وبرمجة", "تخطي إلى المحتوى",
    "اشترك", "مشاركة", "نسخ الرابط", "المصدر: الشام نت", "اقرأ أيضا", "تصعيد في إدلب وحماة", "العالم صامت",
    "قراءة في المشهد الميداني", "الليرة السورية", "الشروط والأحكام", "حمّل تطبيق", "روسيا تلوح باستخدام الفيتو",
    "درعا - خاص", "الشام نت - (",
]


def _page(name: str):
    # no URL given: the page's canonical link, else the "saved from url" comment of a browser's save
    return parse_html((HTML_DIR / name).read_bytes())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_page_text_metadata_and_related_block(name):
    exp, (crawl_url, canonical, title) = EXPECTED[name], PAGES[name]
    page = _page(name)
    assert page.title == title
    assert page.url == canonical
    assert (page.site_name, page.outlet, page.author) == (exp["site_name"], exp["outlet"], exp["author"])
    assert len(page.paragraphs) == exp["n"], page.paragraphs
    assert page.paragraphs[0].startswith(exp["first"]) and page.paragraphs[-1].startswith(exp["last"])
    body = "\n".join(page.paragraphs)
    leaked = [b for b in BOILERPLATE if b in body]
    assert not leaked, leaked
    got = [(l.title, l.url) for l in page.related]
    assert len(got) == len(exp["related"]), got
    for (t, u), (want_t, want_u) in zip(got, exp["related"]):
        assert t.startswith(want_t) and u == want_u


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_page_file_becomes_an_article(name):
    (rec,) = list(read_blob(name, (HTML_DIR / name).read_bytes()))
    assert isinstance(rec, RawRecord) and rec.fmt == "html"
    art = to_article(rec)
    assert isinstance(art, Article), art
    exp = EXPECTED[name]
    assert art.title == PAGES[name][2] and art.outlet == exp["outlet"] and art.published == exp["published"]
    assert len(art.paragraphs) == exp["n"] and len(art.related) == len(exp["related"])


def test_dateline_paragraph_is_read_not_kept():
    page = _page("classic_cp1256.html")
    assert page.place == "درعا" and page.exclusive and not page.paragraphs[0].startswith("درعا - خاص")


def test_htm_gz_and_zip_of_pages(tmp_path):
    import gzip

    data = (HTML_DIR / "halab_jsonld.html").read_bytes()
    (rec,) = list(read_blob("page.htm", data))
    assert isinstance(to_article(rec), Article)
    (rec,) = list(read_blob("page.html.gz", gzip.compress(data)))
    assert isinstance(to_article(rec), Article)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in PAGES:
            z.writestr(f"saved/{name}", (HTML_DIR / name).read_bytes())
    recs = list(read_blob("pages.zip", buf.getvalue()))
    assert [r.source_file for r in recs] == [f"pages.zip!saved/{n}" for n in sorted(PAGES)]
    assert all(isinstance(to_article(r), Article) for r in recs)


def test_page_without_text_is_a_rejection_not_a_crash():
    for html in (b"", b"<html><body></body></html>", b"<html><body><nav><a href='/'>\xd8\xa7</a></nav></body></html>", b"\x00\x01\x02"):
        out = to_article(RawRecord("p.html", 0, {"html": html}, "html"))
        assert isinstance(out, Rejection) and out.reason in {"empty", "no_body", "too_short"}, html


def test_url_keys():
    assert normalize_url("https://www.Example.org/a/b/?utm_source=x&id=3#top") == normalize_url("http://example.org/a/b?id=3")
    assert normalize_url("https://example.org/a?id=3") != normalize_url("https://example.org/a?id=4")
    assert normalize_url(None) is None and normalize_url("not a url") is None


def test_pages_build_with_links_resolved_by_url(tmp_path):
    res = build([HTML_DIR], tmp_path / "out", progress=False, jobs=1)
    assert res.counts["articles"] == 4 and res.counts["rejects"] == 0
    arts = syrianews.load("articles", tmp_path / "out")
    links = syrianews.load("links", tmp_path / "out")
    by_title = dict(zip(arts.title, arts.article_id))
    by_url = dict(zip(arts.url, arts.article_id))
    assert set(arts.url) == {c for _, c, _ in PAGES.values()}
    resolved = {(r.article_id, r.target_article_id) for r in links.itertuples() if isinstance(r.target_article_id, str)}
    enab, halab, modern = (by_url[PAGES[n][1]] for n in ("enab_wordpress.html", "halab_jsonld.html", "modern_main.html"))
    # halab → enab by URL; modern → halab by URL; enab → modern by URL although the anchor's title differs
    assert resolved == {(halab, enab), (modern, halab), (enab, modern)}
    assert links.target_article_id.isna().sum() == len(links) - 3
    assert set(arts.format) == {"html"} and by_title


def _warc(tmp_path: Path, gz: bool = True) -> tuple[Path, dict[str, int]]:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    return path, write_warc(path, gz=gz)


@pytest.mark.parametrize("gz", [True, False])
def test_warc_crawl_builds_articles_rejects_and_tallies(tmp_path, gz):
    path, counts = _warc(tmp_path, gz)
    res = build([path], tmp_path / "out", progress=False, jobs=1)
    out = tmp_path / "out"
    arts, rej = syrianews.load("articles", out), syrianews.load("rejects", out)
    # the same articles as the saved pages, with canonical URLs (not the crawled ?utm_ one)
    pages = syrianews.load("articles", build([HTML_DIR], tmp_path / "pages", progress=False, jobs=1).out)
    assert sorted(arts.title) == sorted(pages.title) and sorted(arts.body) == sorted(pages.body)
    assert sorted(arts.url) == sorted(c for _, c, _ in PAGES.values())
    assert set(arts.format) == {"warc"}
    assert rej.reason.value_counts().to_dict() == {"image": 4, "robots_txt": 1, "redirect": 1, "not_found": 1, "not_html": 1}
    assert (rej.source_file == path.name).all() and rej.record_index.notna().all()
    assert "to https://halabtoday.example" in rej[rej.reason == "redirect"].detail.iloc[0]
    # every response is an article or a rejection; the other records are counted
    assert len(arts) + len(rej) == counts["response"] == 12
    manifest = res.manifest
    assert manifest["tallied_records"] == {"warc_metadata": 1, "warc_request": 12, "warc_response": 12, "warc_revisit": 1, "warc_warcinfo": 1}
    assert json.loads((out / "manifest.json").read_text())["tallied_records"]["warc_request"] == 12
    links = syrianews.load("links", out)
    assert links.target_article_id.notna().sum() == 3


def test_warc_date_is_the_fallback_date(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = "<html><head><title>خبر بلا تاريخ</title></head><body><h1>خبر بلا تاريخ</h1><p>" + "قالت مصادر محلية إن قوات النظام قصفت ريف حماة الشمالي بالمدفعية الثقيلة صباح اليوم. " * 4 + "</p></body></html>"
    path = tmp_path / "nodate.warc.gz"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(w.create_warc_record("https://nodate.example/a", "response", payload=io.BytesIO(body.encode()),
                                            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
                                            warc_headers_dict={"WARC-Date": "2023-02-03T04:05:06Z"}))
    (rec,) = [r for r in iter_file(path, path.name) if isinstance(r, RawRecord)]
    art = to_article(rec)
    assert art.published == datetime(2023, 2, 3, 4, 5, 6) and art.url == "https://nodate.example/a"
    assert art.outlet == "nodate.example" and art.title == "خبر بلا تاريخ"


def _items(path: Path) -> list:
    return list(iter_file(path, path.name))


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path, gz):
    path, _ = _warc(tmp_path, gz)
    data = path.read_bytes()
    full = _items(path)
    full_keys = [(type(i).__name__, i.record_index) for i in full]
    assert not any(isinstance(i, Rejection) and i.reason == "truncated_warc" for i in full)
    cut_path = tmp_path / path.name.replace("crawl", "cut")
    seen_truncated = 0
    for frac in [i / 40 for i in range(1, 40)]:
        cut_path.write_bytes(data[: int(len(data) * frac)])
        items = _items(cut_path)
        keys = [(type(i).__name__, i.record_index) for i in items]
        last = items[-1] if items else None
        assert isinstance(last, Rejection) and last.reason in {"truncated_warc", "corrupt_archive"} or keys == full_keys[: len(keys)], frac
        if isinstance(last, Rejection) and last.reason == "truncated_warc":
            seen_truncated += 1
            keys = keys[:-1]
        assert keys == full_keys[: len(keys)], frac  # what came before the cut is kept, unchanged
        assert all(isinstance(i, (RawRecord, Rejection, Tally)) for i in items)
    assert seen_truncated >= 30


def test_not_a_warc_is_a_clear_rejection(tmp_path):
    for name, data in [("junk.warc", b"hello, this is not a web archive"), ("junk.warc.gz", b"\x1f\x8b\x08\x00broken"), ("empty.warc", b"")]:
        p = tmp_path / name
        p.write_bytes(data)
        (rej,) = _items(p)
        assert isinstance(rej, Rejection) and rej.reason == "corrupt_archive" and rej.detail, name


class _Guarded(io.RawIOBase):
    """A file that refuses to be read whole, and remembers how far it was read."""

    def __init__(self, data: bytes):
        self.buf, self.pos, self.max_read = data, 0, 0

    def readable(self):
        return True

    def read(self, n=-1):
        assert n is not None and 0 <= n <= 1 << 20, f"read({n}): the reader must stream"
        self.max_read = max(self.max_read, n)
        out = self.buf[self.pos : self.pos + n]
        self.pos += len(out)
        return out

    def readinto(self, b):
        out = self.read(len(b))
        b[: len(out)] = out
        return len(out)


def test_warc_is_streamed_one_record_at_a_time(tmp_path):
    path = tmp_path / "big.warc.gz"
    write_warc(path, big_images=24)  # 6 MiB of images after the pages
    data = path.read_bytes()
    stream = _Guarded(data)
    it = read_warc("big.warc.gz", stream)
    first = next(i for i in it if isinstance(i, RawRecord))
    assert stream.pos < len(data) / 10  # the first page came long before the file was read through
    assert first.fields["url"].startswith("https://www.enabbaladi.net/archives/412345")
    rest = list(it)
    assert sum(isinstance(i, RawRecord) for i in rest) == 3 and stream.pos == len(data)
    assert sum(isinstance(i, Rejection) and i.reason == "image" for i in rest) == 4 + 24


def test_warc_inside_a_zip(tmp_path):
    path, _ = _warc(tmp_path)
    z = tmp_path / "crawls.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.write(path, "2022/crawl.warc.gz")
        f.write(HTML_DIR / "halab_jsonld.html", "saved/halab.html")
    items = _items(z)
    recs = [i for i in items if isinstance(i, RawRecord)]
    assert [r.fmt for r in recs] == ["warc"] * 4 + ["html"]
    assert recs[0].source_file == "crawls.zip!2022/crawl.warc.gz"
