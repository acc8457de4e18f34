"""Raw record → clean :class:`Article` (or a :class:`Rejection` saying why not). Pure."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any

import numpy as np

from .lexicons import json_data, word_list
from .readers.pagedump import looks_like_page_dump, parse_page_dump
from .records import Article, RawRecord, Rejection

# runs of spacing to fold to one space; a lone ordinary space matches nothing (cheap on clean text)
_WS = re.compile(r"[ \t\u00a0\u200f\u200e\u202a-\u202e\ufeff]{2,}|[\t\u00a0\u200f\u200e\u202a-\u202e\ufeff]")
MIN_WORDS = 5
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%a, %d %b %Y %H:%M:%S %z")


def stable_id(*parts: str | None, length: int = 16) -> str:
    """Hex digest of the parts: the same on every machine and Python version."""
    h = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def _field(lowered: dict[str, Any], key: str) -> Any:
    """First non-empty value among the usual field names for ``key`` (keys lower-cased)."""
    for name in json_data("fields.json")[key]:
        value = lowered.get(name.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = "، ".join(_text(v) or "" for v in value if v)
    elif isinstance(value, dict):
        value = value.get("name") or value.get("title") or ""
    value = clean_spaces(str(value)).strip()
    return value or None


def parse_date(value: Any) -> datetime | None:
    """A naive UTC datetime from the usual date shapes (ISO strings, epoch seconds or ms)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    parsed = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


_SPECIAL_SPACES = ("  ", "\t", "\u00a0", "\u200f", "\u200e", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e")


def clean_spaces(text: str) -> str:
    """Fold runs of spacing and direction marks to one space (a scan only when there are any)."""
    if any(c in text for c in _SPECIAL_SPACES):
        return _WS.sub(" ", text)
    return text


def word_count(body: str) -> int:
    """Words of a cleaned body (single spaces, stripped lines) without splitting it."""
    return body.count(" ") + body.count("\n") + 1 if body else 0


_TAGS_MAX_WORDS = 30


@lru_cache(maxsize=1)
def _tag_line() -> re.Pattern[str]:
    prefixes = sorted(word_list("tag_prefixes.txt"), key=len, reverse=True)
    return re.compile(r"^(?:%s)\s*[:：]?\s+(?P<tags>\S.*)$" % "|".join(map(re.escape, prefixes)))


def split_tags(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Move a trailing keyword line (``سمات ...``) out of the body: it is page chrome, and its
    names would otherwise count as mentions in the text."""
    if len(paragraphs) > 1:
        m = _tag_line().match(paragraphs[-1])
        if m and len(paragraphs[-1].split()) <= _TAGS_MAX_WORDS:
            return paragraphs[:-1], m.group("tags")
    return paragraphs, None


def split_paragraphs(text: str) -> list[str]:
    lines = clean_spaces(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [l for l in (line.strip() for line in lines) if l]


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters) of ``text``: the characters of ``[\u0621-\u064a\u0671-\u06d3]``
    and of ``[A-Za-z]``, counted over its code points in whole-array passes (the same counts as
    summing the regular expressions' runs, tested; a few times faster on a body's opening)."""
    if not text:
        return 0, 0
    c = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    arabic = np.count_nonzero(((c >= 0x621) & (c <= 0x64A)) | ((c >= 0x671) & (c <= 0x6D3)))
    lower = c | 0x20  # A-Z → a-z, and no other code point lands in a-z
    latin = np.count_nonzero((lower >= 0x61) & (lower <= 0x7A))
    return int(arabic), int(latin)


def language_of(text: str, sample: int = 1500) -> str:
    """``ar``, ``other`` or ``und``, from the letters of the text's opening (enough to tell)."""
    arabic, latin = letter_counts(text[:sample])
    if arabic == 0 and latin == 0:
        return "und"
    # Arabic words are short and articles quote English names, titles and tables: Arabic
    # counts as the language while it is a fair share of the letters
    return "ar" if arabic >= 0.3 * (arabic + latin) else "other"


def _snippet(text: str | None) -> str:
    return (text or "")[:120].replace("\n", " ")


def to_article(rec: RawRecord) -> Article | Rejection:
    f = rec.fields
    page = None
    if rec.fmt in ("html", "warc"):
        return _html_article(rec)
    if rec.fmt == "pagedump":
        raw_body = f.get("text") or ""
        page = parse_page_dump(raw_body)
        title, url, published_raw, author, outlet = page.title, None, page.published, page.author, page.outlet
        source, crawled = None, None
    else:
        f = {str(k).lower(): v for k, v in f.items()}
        raw_body = _text_block(_field(f, "body"))
        if raw_body and looks_like_page_dump(raw_body):
            page = parse_page_dump(raw_body)
        title = _text(_field(f, "title")) or (page.title if page else None)
        url = _text(_field(f, "url"))
        published_raw = _field(f, "published") or (page.published if page else None)
        crawled = parse_date(_field(f, "crawled"))
        author = _text(_field(f, "author")) or (page.author if page else None)
        source = _text(_field(f, "outlet"))
        outlet = (page.outlet if page and page.outlet else None) or source
    paragraphs, tags = split_tags(page.paragraphs if page else split_paragraphs(raw_body or ""))
    body = "\n".join(paragraphs)
    if not body.strip():
        reason = "empty" if not (raw_body or "").strip() else "no_body"
        return Rejection(rec.source_file, rec.record_index, reason, "no article text" + (f" (title: {title})" if title else ""), _snippet(title))
    n_words = word_count(body)
    if n_words < MIN_WORDS:
        return Rejection(rec.source_file, rec.record_index, "too_short", f"{n_words} words; an article has at least {MIN_WORDS}", _snippet(body))
    language = language_of(body)
    published = parse_date(published_raw)
    content_hash = hashlib.sha256(f"{title or ''}\x1f{body}".encode("utf-8")).hexdigest()
    return Article(
        article_id=stable_id(outlet, title, body),
        title=title,
        paragraphs=tuple(paragraphs),
        outlet=outlet,
        site_name=page.site_name if page else None,
        source=source,
        author=author,
        published=published,
        published_raw=None if published_raw is None else str(published_raw),
        crawled=crawled,
        tags=tags,
        url=url,
        language=language,
        source_file=rec.source_file,
        record_index=rec.record_index,
        content_hash=content_hash,
        fmt=rec.fmt,
        related=tuple(page.related) if page else (),
    )


def _html_article(rec: RawRecord) -> Article | Rejection:
    """A saved page or a crawled response: the HTML parser finds text and metadata; the date
    is the page's, else the crawl's (``WARC-Date``)."""
    from .readers.html import parse_html

    f = rec.fields
    data = f.get("html") or b""
    if isinstance(data, bytes) and f.get("charset"):
        try:
            data = data.decode(f["charset"])
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: let the parser guess
    if not (data.strip() if isinstance(data, (bytes, str)) else data):
        return Rejection(rec.source_file, rec.record_index, "empty", "empty page", _snippet(f.get("url")))
    page = parse_html(data, url=f.get("url"))
    paragraphs, tags = split_tags([clean_spaces(p) for p in page.paragraphs])
    body = "\n".join(paragraphs)
    title = page.title
    if not body.strip():
        return Rejection(rec.source_file, rec.record_index, "no_body", "no article text found in the page" + (f" (title: {title})" if title else ""), _snippet(title or page.url))
    n_words = word_count(body)
    if n_words < MIN_WORDS:
        return Rejection(rec.source_file, rec.record_index, "too_short", f"{n_words} words; an article has at least {MIN_WORDS}", _snippet(body))
    published_raw = page.published or f.get("warc_date")
    outlet = page.outlet
    return Article(
        article_id=stable_id(outlet, title, body),
        title=title,
        paragraphs=tuple(paragraphs),
        outlet=outlet,
        site_name=page.site_name,
        source=page.host,
        author=page.author,
        published=parse_date(published_raw),
        published_raw=None if published_raw is None else str(published_raw),
        crawled=parse_date(f.get("warc_date")),
        tags=tags,
        url=page.url,
        language=language_of(body),
        source_file=rec.source_file,
        record_index=rec.record_index,
        content_hash=hashlib.sha256(f"{title or ''}\x1f{body}".encode("utf-8")).hexdigest(),
        fmt=rec.fmt,
        related=tuple(page.related),
    )


def _text_block(value: Any) -> str | None:
    """Body text keeps its line breaks (paragraphs); lists of paragraphs are joined by them."""
    if value is None:
        return None
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if v)
    return str(value)


def article_row(a: Article, mentions: list[dict] | None = None) -> dict[str, Any]:
    """The ``articles`` row; ``mentions`` (the mentions extractor's rows for this article)
    give the Syria score and flag (:mod:`syrianews.syria`)."""
    from .stories import signature
    from .syria import syria_columns

    body = a.body
    return {
        "article_id": a.article_id,
        "url": a.url,
        "title": a.title,
        "body": body,
        "outlet": a.outlet,
        "published": a.published,
        "published_raw": a.published_raw,
        "tags": a.tags,
        "site_name": a.site_name,
        "source": a.source,
        "author": a.author,
        "language": a.language,
        "n_paragraphs": len(a.paragraphs),
        "n_words": word_count(body),
        "n_related": len(a.related),
        "source_file": a.source_file,
        "record_index": a.record_index,
        "format": a.fmt,
        "content_hash": a.content_hash,
        "crawled": a.crawled,
        **syria_columns(a.title, a.paragraphs, mentions or ()),
        # MinHash of the body, computed here (in the worker) for the story index of the
        # main process, which pops it: it is not a column
        "_story_signature": signature(body),
    }


def rejection_row(r: Rejection) -> dict[str, Any]:
    return {"source_file": r.source_file, "record_index": r.record_index, "reason": r.reason, "detail": r.detail, "snippet": r.snippet}
