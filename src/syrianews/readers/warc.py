"""Read a web crawl (``.warc``, ``.warc.gz``) one record at a time with warcio.

Each HTML ``response`` with status 200 becomes a raw record for the HTML parser (URL from
``WARC-Target-URI``, crawl time from ``WARC-Date``); every other response becomes a rejection
with its own reason (image, robots.txt, redirect, 404, other HTTP error, non-HTML); request,
metadata, warcinfo, revisit (and any other) records are tallied for the manifest. A record
or gzip member cut short ends the file with a ``truncated_warc`` rejection, keeping every
record before it. Memory is bounded by one record: the file is streamed, never read whole.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..records import RawRecord, Rejection, Tally

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a larger payload is rejected unread (not a news page)


def _reason(status: int, content_type: str, url: str) -> tuple[str, str] | None:
    """None for an HTML page with status 200; else (reason, detail) of the rejection."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    if path.endswith("/robots.txt"):
        return "robots_txt", f"HTTP {status} {content_type or 'no content type'}"
    if 300 <= status < 400:
        return "redirect", f"HTTP {status}"
    if status in (404, 410):
        return "not_found", f"HTTP {status}"
    if status != 200:
        return "http_error", f"HTTP {status}"
    if content_type.startswith("image/"):
        return "image", content_type
    if not content_type.startswith(HTML_TYPES):
        return "not_html", content_type or "no content type"
    return None


def read_warc(name: str, stream: BinaryIO) -> Iterator[RawRecord | Rejection | Tally]:
    """Records of one WARC file (plain or gzipped, detected from the bytes)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class Records(ArchiveIterator):
        """warcio's iterator, noting whether the last gzip member was complete when it stops
        (a member cut short otherwise ends the iteration without an error)."""

        member_cut = False

        def close(self):
            decompressor = self.reader.decompressor if self.reader is not None else None
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.member_cut = True
            super().close()

    index = -1
    records = Records(stream)
    try:
        for record in records:
            if record.format != "warc":
                raise ArchiveLoadFailed(f"record {index + 1} is {record.format}, not WARC")
            index += 1
            rtype = record.rec_type or "unknown"
            yield Tally(name, index, f"warc_{rtype}")
            item = _response(name, index, record) if rtype == "response" else None
            if _cut_short(record):
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                yield Rejection(name, index, "truncated_warc", f"{rtype} record {index} ends before its Content-Length; the file ends here", url[:120])
                return
            if item is not None:
                yield item
    except Exception as e:  # noqa: BLE001 - warcio fails in many ways on a cut record (even AttributeError)
        if index < 0:
            yield Rejection(name, None, "corrupt_archive", f"not a readable WARC file: {type(e).__name__}: {e}"[:300])
        else:
            yield Rejection(name, index + 1, "truncated_warc", f"{type(e).__name__} after record {index}: {e}"[:300])
        return
    if index < 0:
        yield Rejection(name, None, "corrupt_archive", "not a readable WARC file: no complete record")
    elif records.member_cut:
        yield Rejection(name, index + 1, "truncated_warc", f"gzip member cut short after record {index}; the file ends here")


def _response(name: str, index: int, record) -> RawRecord | Rejection:
    """An HTML page with status 200 as a raw record; any other response as a rejection."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    if http is None:
        return Rejection(name, index, "not_html", "response record without HTTP headers", url[:120])
    try:
        status = int((http.get_statuscode() or "0").strip() or 0)
    except ValueError:
        status = 0
    content_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    reason = _reason(status, content_type, url)
    if reason is None and length > MAX_RECORD_BYTES:
        reason = ("too_large", f"{length} bytes")
    if reason is not None:
        location = http.get_header("Location")
        detail = reason[1] + (f" to {location}" if reason[0] == "redirect" and location else "")
        return Rejection(name, index, reason[0], detail, url[:120])
    payload = record.content_stream().read()
    charset = _charset(http.get_header("Content-Type") or "")
    warc_date = record.rec_headers.get_header("WARC-Date")
    return RawRecord(name, index, {"html": payload, "url": url, "warc_date": warc_date, "charset": charset}, "warc")


def _cut_short(record) -> bool:
    """True when the record's block ended before its declared length (a truncated file)."""
    raw = record.raw_stream
    while raw.read(1 << 20):  # the rest of the block, if the payload was not read
        pass
    return getattr(raw, "limit", 0) > 0


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
