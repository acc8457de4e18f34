"""Parse a plain-text page dump (the sample's shape) into article fields.

Shape: ``headline - Site name`` (page title line), the headline, a byline, body paragraphs,
then a related-articles block under a header such as ``مقالات ذات صلة``. Every part but the
body is optional; the parser never fails, it only finds less.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicons import fold, word_list
from ..records import RelatedLink

_SEP = re.compile(r"\s+[-–—|/]\s+")
_TITLE_SUFFIX = re.compile(r"^\s*[-–—|:]\s*(?P<site>.+?)\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_PARENS = re.compile(r"^[(（]\s*(.+?)\s*[)）]$")
_AUTHOR_PREFIX = re.compile(r"^(?:بقلم|كتب|كتبت|إعداد|اعداد|تقرير|ترجمة)\s*[:：]?\s*")
_SENTENCE_END = re.compile(r"[.!؟?:؛]\s*$")
_DATE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*$")
_EXCLUSIVE = {"خاص", "حصري", "خاص بلدي نيوز"}
_BYLINE_MAX_WORDS = 8


@dataclass
class PageDump:
    title: str | None = None
    site_name: str | None = None
    outlet: str | None = None
    author: str | None = None
    place: str | None = None
    exclusive: bool = False
    published: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)


@lru_cache(maxsize=1)
def _related_headers() -> frozenset[str]:
    return frozenset(fold(h) for h in word_list("related_headers.txt"))


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(fold(p) for p in word_list("places.txt"))


_HEADER_MAX_CHARS = 40


def is_related_header(line: str) -> bool:
    return len(line) <= _HEADER_MAX_CHARS and fold(line.rstrip(" :：.…")) in _related_headers()


def looks_like_page_dump(text: str) -> bool:
    """A text is a page dump when it opens with ``headline - Site`` followed by the headline,
    or when it holds a related-articles header line."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if len(lines) >= 2 and _split_title_line(lines[0], lines[1]) is not None:
        return True
    return any(is_related_header(l) for l in lines)


def _split_title_line(first: str, second: str) -> str | None:
    """Site name when ``first`` is ``second`` plus a ``- Site`` suffix, else None."""
    if first == second or not first.startswith(second):
        return None
    m = _TITLE_SUFFIX.match(first[len(second):])
    return m.group("site") if m else None


def parse_byline(line: str) -> dict[str, str | bool | None]:
    """``Outlet - (Author)``, ``Outlet``, ``Place - Outlet``, ``Outlet – خاص``, ``بقلم: X`` ..."""
    out: dict[str, str | bool | None] = {"outlet": None, "author": None, "place": None, "exclusive": False}
    rest: list[str] = []
    for part in _SEP.split(line.strip()):
        part = part.strip()
        if not part:
            continue
        paren = _PARENS.match(part)
        if paren:
            out["author"] = paren.group(1)
        elif fold(part) in {fold(x) for x in _EXCLUSIVE}:
            out["exclusive"] = True
        elif _AUTHOR_PREFIX.match(part):
            out["author"] = _AUTHOR_PREFIX.sub("", part).strip() or None
        elif fold(part) in _places() and out["place"] is None:
            out["place"] = part
        else:
            rest.append(part)
    if rest:
        out["outlet"] = rest[0]
    if len(rest) > 1 and out["author"] is None:
        out["author"] = rest[1]
    return out


def _is_byline(line: str, next_line: str | None) -> bool:
    words = line.split()
    if not words or len(words) > _BYLINE_MAX_WORDS or _SENTENCE_END.search(line) or _URL.search(line):
        return False
    if _SEP.search(line) or _PARENS.search(line) or _AUTHOR_PREFIX.match(line):
        return True
    # an outlet-only byline: a short line followed by a longer paragraph
    return next_line is not None and len(next_line.split()) > 2 * len(words)


def _parse_related(lines: list[str]) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    for line in lines:
        if is_related_header(line):
            continue
        urls = _URL.findall(line)
        title = _URL.sub("", line).strip(" \t-–—|:")
        url = urls[0] if urls else None
        if not title and url and links and links[-1].url is None:
            links[-1] = RelatedLink(links[-1].title, url)
        elif title:
            links.append(RelatedLink(title, url))
    return links


def parse_page_dump(text: str) -> PageDump:
    lines = [l.strip() for l in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [l for l in lines if l]
    page = PageDump()
    i = 0
    if len(lines) >= 2:
        site = _split_title_line(lines[0], lines[1])
        if site is not None:
            page.title, page.site_name, i = lines[1], site, 2
        elif lines[0] == lines[1]:
            page.title, i = lines[0], 2
    if page.title is None and lines and _TITLE_SUFFIX.search(lines[0]) is None and len(lines) > 1:
        # no page-title line: the first short line is the headline
        if len(lines[0].split()) <= 25 and not _SENTENCE_END.search(lines[0]):
            page.title, i = lines[0], 1
    if i < len(lines) and _DATE.match(lines[i]):
        page.published, i = lines[i].strip(), i + 1
    if i < len(lines) and _is_byline(lines[i], lines[i + 1] if i + 1 < len(lines) else None):
        byline = parse_byline(lines[i])
        page.outlet, page.author, page.place = byline["outlet"], byline["author"], byline["place"]  # type: ignore[assignment]
        page.exclusive = bool(byline["exclusive"])
        i += 1
    if i < len(lines) and page.published is None and _DATE.match(lines[i]):
        page.published, i = lines[i].strip(), i + 1
    end = next((j for j in range(i, len(lines)) if is_related_header(lines[j])), len(lines))
    page.paragraphs = lines[i:end]
    page.related = _parse_related(lines[end:])
    return page
