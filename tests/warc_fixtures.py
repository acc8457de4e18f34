"""Test fixtures: saved pages of four site templates, and a WARC crawl of them written with
warcio, with the records a real crawl mixes in (warcinfo, requests, metadata, a revisit,
images, robots.txt, a redirect, a 404, a JSON API response)."""
from __future__ import annotations

import io
from pathlib import Path

HTML_DIR = Path(__file__).parent / "fixtures" / "html"

# page file -> (URL it was crawled from, canonical URL, headline)
PAGES = {
    "enab_wordpress.html": ("https://www.enabbaladi.net/archives/412345?utm_source=feed", "https://www.enabbaladi.net/archives/412345",
                            "قصف مدفعي يستهدف ريف إدلب الجنوبي ونزوح عشرات العائلات"),
    "halab_jsonld.html": ("https://halabtoday.example/news/2021/06/29/un-bab-al-hawa-aid/", "https://halabtoday.example/news/2021/06/29/un-bab-al-hawa-aid/",
                          "الأمم المتحدة تدعو إلى إدخال المساعدات عبر معبر باب الهوى"),
    "classic_cp1256.html": ("http://www.horan-net.example/news.php?id=8812", "http://www.horan-net.example/news.php?id=8812",
                            "مقتل ثلاثة عناصر من قوات النظام بكمين في ريف درعا الغربي"),
    "modern_main.html": ("https://alsham.example/ar/news/2019/5/2/russian-strikes-latakia", "https://alsham.example/ar/news/2019/5/2/russian-strikes-latakia",
                         "غارات روسية على جبل الأكراد في ريف اللاذقية الشمالي"),
}
CHARSETS = {"classic_cp1256.html": "windows-1256"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def write_warc(path: Path, gz: bool = True, big_images: int = 0) -> dict[str, int]:
    """Write the crawl; returns how many records of each type it holds. ``big_images``
    appends that many 256 KiB incompressible images (to test streaming)."""
    import random

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    counts: dict[str, int] = {}
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=gz)

        def put(rec):
            w.write_record(rec)
            counts[rec.rec_type] = counts.get(rec.rec_type, 0) + 1

        put(w.create_warcinfo_record(path.name, {"software": "test-crawler/1.0", "format": "WARC File Format 1.1"}))

        def response(url, status, ctype, body, date="2022-03-01T10:00:00Z", extra=()):
            req = w.create_warc_record(url, "request", payload=io.BytesIO(f"GET {url} HTTP/1.1\r\nHost: x\r\n\r\n".encode()),
                                       warc_headers_dict={"WARC-Date": date})
            req.http_headers = None
            put(req)
            headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            put(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}))

        response("https://www.enabbaladi.net/robots.txt", "200 OK", "text/plain", b"User-agent: *\nDisallow: /wp-admin/\n")
        for name, (url, _canonical, _title) in PAGES.items():
            charset = CHARSETS.get(name, "utf-8")
            response(url, "200 OK", f"text/html; charset={charset}", (HTML_DIR / name).read_bytes())
            response(url.rsplit("/", 1)[0] + "/logo.png", "200 OK", "image/png", PNG)
        response("https://halabtoday.example/old-link", "301 Moved Permanently", "text/html", b"<html><body>moved</body></html>",
                 extra=[("Location", "https://halabtoday.example/news/2021/06/29/un-bab-al-hawa-aid/")])
        response("https://alsham.example/ar/news/missing", "404 Not Found", "text/html; charset=utf-8",
                 "<html><head><title>الصفحة غير موجودة</title></head><body><h1>عذراً، الصفحة غير موجودة</h1></body></html>".encode())
        response("https://alsham.example/api/latest.json", "200 OK", "application/json", b'{"items": []}')
        put(w.create_warc_record("https://www.enabbaladi.net/archives/412345", "metadata", payload=io.BytesIO(b"outlinks: 12\n"),
                                 warc_content_type="application/warc-fields"))
        rev = w.create_revisit_record("https://www.enabbaladi.net/archives/412345", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                      refers_to_uri="https://www.enabbaladi.net/archives/412345", refers_to_date="2022-03-01T10:00:00Z")
        put(rev)
        rng = random.Random(0)
        for i in range(big_images):
            response(f"https://alsham.example/img/{i}.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff" + rng.randbytes(256 * 1024))
    return counts
