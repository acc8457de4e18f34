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
_AUTHOR_WORDS = r"(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|ترجمة|تحرير)"
_AUTHOR_PREFIX = re.compile(r"^%s(?:\s*[:：]\s*|\s+|$)" % _AUTHOR_WORDS)
# ``دمشق: عنب بلدي`` / ``لندن: رنيم حنوش``: a known place before a colon
_PLACE_COLON = re.compile(r"^(?P<place>[^:：]{2,30}?)\s*[:：]\s*(?P<rest>\S.*)$")
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


_OPEN, _CLOSE = "(（[", ")）]"
_SEP_EDGES = " \t-–—|/:：،,"


def split_byline(line: str) -> list[tuple[str, bool]]:
    """The byline's parts in order, as ``(text, in_brackets)``.

    A bracketed group is one part whatever it holds (hyphens, nested brackets), so
    ``صحيفة - (المدينة - الوكالة)`` gives the outlet and one whole author; an unclosed
    bracket runs to the end of the line. Outside brackets, parts are split at spaced
    separators (`` - ``, `` | ``, `` / ``, en and em dashes)."""
    parts: list[tuple[str, bool]] = []
    outside: list[str] = []

    def flush() -> None:
        text = "".join(outside)
        outside.clear()
        for piece in _SEP.split(f" {text} "):
            piece = piece.strip(_SEP_EDGES)
            if piece:
                parts.append((piece, False))

    depth, group = 0, []
    for ch in line:
        if ch in _OPEN:
            if depth == 0:
                flush()
                depth, group = 1, []
                continue
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                inner = " ".join("".join(group).split())
                if inner:
                    parts.append((inner, True))
                continue
        if depth:
            group.append(ch)
        else:
            outside.append(ch)
    if depth:  # unclosed bracket: the rest of the line is the group
        inner = " ".join("".join(group).split()).rstrip(_CLOSE)
        if inner:
            parts.append((inner, True))
    flush()
    return parts


def parse_byline(line: str) -> dict[str, str | bool | None]:
    """``Outlet - (Author)``, ``Outlet``, ``Place - Outlet``, ``Outlet – خاص``, ``بقلم: X`` ...

    A bracketed part is the author, kept whole (``(اسم الكاتب - المدينة)``), unless it is
    only ``خاص`` or only a known place. A date part (``2019-10-12``) is the publication date."""
    out: dict[str, str | bool | None] = {"outlet": None, "author": None, "place": None, "exclusive": False, "published": None}
    exclusive = {fold(x) for x in _EXCLUSIVE}
    rest: list[str] = []
    author_next = False  # a bare ``بقلم`` / ``كتب`` part: the next part is the author
    for part, bracketed in split_byline(line):
        if not bracketed:
            m = _PLACE_COLON.match(part)
            if m and fold(m.group("place")) in _places() and out["place"] is None:
                out["place"], part = m.group("place"), m.group("rest").strip()
        key = fold(part)
        if key in exclusive:
            out["exclusive"] = True
        elif author_next and out["author"] is None:
            out["author"] = part
        elif bracketed:
            if key in _places() and out["place"] is None and out["author"] is None:
                out["place"] = part
            elif out["author"] is None:
                out["author"] = part
            else:
                rest.append(part)
        elif _AUTHOR_PREFIX.match(part):
            name = _AUTHOR_PREFIX.sub("", part).strip(_SEP_EDGES)
            if name:
                out["author"] = name
            else:
                author_next = True
                continue
        elif _DATE.match(part) and out["published"] is None:
            out["published"] = part
        elif key in _places() and out["place"] is None:
            out["place"] = part
        else:
            rest.append(part)
        author_next = False
    if rest:
        out["outlet"] = rest[0]
    if len(rest) > 1 and out["author"] is None:
        out["author"] = rest[1]
    return out


_BRACKET_MAX_WORDS = 12


def _is_byline(line: str, next_line: str | None) -> bool:
    if not line.split() or _SENTENCE_END.search(line) or _URL.search(line):
        return False
    parts = split_byline(line)
    outside = sum(len(p.split()) for p, bracketed in parts if not bracketed)
    inside = sum(len(p.split()) for p, bracketed in parts if bracketed)
    if outside > _BYLINE_MAX_WORDS or inside > _BRACKET_MAX_WORDS or not parts:
        return False
    if len(parts) > 1 or any(b for _, b in parts) or _AUTHOR_PREFIX.match(line):
        return True
    # an outlet-only byline: a short line followed by a longer paragraph
    return next_line is not None and len(next_line.split()) > 2 * outside


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
        page.published = page.published or byline["published"]  # type: ignore[assignment]
        i += 1
    if i < len(lines) and page.published is None and _DATE.match(lines[i]):
        page.published, i = lines[i].strip(), i + 1
    end = next((j for j in range(i, len(lines)) if is_related_header(lines[j])), len(lines))
    page.paragraphs = lines[i:end]
    page.related = _parse_related(lines[end:])
    return page
