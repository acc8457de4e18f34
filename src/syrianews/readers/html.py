"""Parse a saved web page (a browser's "save page", a scraper's or a crawler's HTML) into
article fields. Pure: bytes or text in, :class:`HtmlPage` out.

The main text and the metadata come from trafilatura (well kept, tuned on news sites): it
drops menus, sidebars, share bars, comments and footers. What it drops on purpose, the
related-articles block, is read here from the page tree: a heading such as those in
``related_headers.txt`` (or a block whose class says "related") followed by links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit, parse_qsl, urlencode

from ..lexicons import fold
from ..records import RelatedLink
from .pagedump import _AUTHOR_PREFIX, is_related_header, parse_byline, split_byline

_MAX_RELATED = 30
_BYLINE_MAX_WORDS = 10
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_RELATED_CLASS = re.compile(r"(?:^|[\s_-])(?:related|read-?also|readmore|more-?on|similar|see-?also|also-?read)(?:$|[\s_-])", re.I)
_SHARE_HOSTS = ("facebook.com/sharer", "twitter.com/intent", "twitter.com/share", "t.me/share", "wa.me", "api.whatsapp", "linkedin.com/share", "pinterest.com/pin")
# the address a browser's "save page" (or SingleFile) writes into the saved file
_SAVED_FROM = re.compile(r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s+url:\s*)(?P<url>https?://[^\s>]+)", re.I)
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref|amp)$", re.I)


@dataclass
class HtmlPage:
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    author: str | None = None
    published: str | None = None  # ISO date (or date and time) as found in the page
    site_name: str | None = None  # the site's own name (og:site_name, publisher), never the host
    url: str | None = None  # canonical URL, else the URL the page was fetched from
    host: str | None = None  # host without ``www.``
    place: str | None = None  # a dateline place (``درعا - خاص``)
    exclusive: bool = False
    related: list[RelatedLink] = field(default_factory=list)

    @property
    def outlet(self) -> str | None:
        """The site name, else the host."""
        return self.site_name or self.host


def decode_html(data: bytes | str) -> str:
    """Text of a page: its declared charset (meta or BOM), else a guess (trafilatura's)."""
    if isinstance(data, str):
        return data
    from trafilatura.utils import decode_file

    return decode_file(data)


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal alarms inside worker processes
    return config


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)


def normalize_url(url: str | None) -> str | None:
    """A key under which the same page's URLs meet: no scheme, ``www.``, fragment, default
    port, tracking parameters or trailing slash; host lower-cased."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, query, "")).lstrip("/")


def parse_html(data: bytes | str, url: str | None = None) -> HtmlPage:
    """Title, body paragraphs, author, date, site name, canonical URL and related links."""
    import trafilatura

    text = decode_html(data)
    if url is None:
        saved = _SAVED_FROM.search(text[:4096])
        url = saved.group("url").rstrip("-") if saved else None
    page = HtmlPage()
    doc = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True, deduplicate=False, config=_config(),
    )
    root = _tree(text)
    base = url
    if doc is not None:
        page.title = _clean(doc.title)
        page.author = _clean(doc.author)
        page.published = _timestamp(root, doc.date) if root is not None else doc.date
        canonical = _clean(doc.url)
        page.url = urljoin(url, canonical) if (canonical and url) else (canonical or url)
        host = host_of(page.url) or host_of(url)
        page.host = host
        sitename = _clean(doc.sitename)
        if sitename and fold(sitename) not in {fold(host or ""), fold(doc.hostname or "")} and "." not in sitename.strip("."):
            page.site_name = sitename
        paragraphs = [p for p in (_clean(line) for line in (doc.text or "").split("\n")) if p]
        base = page.url or url
    else:
        page.url, page.host = url, host_of(url)
        paragraphs = []
    if root is not None:
        page.related = related_links(root, base)
    page.paragraphs = _tidy_body(page, paragraphs)
    if page.author and page.site_name and fold(page.author) == fold(page.site_name):
        page.author = None  # the outlet, not a person
    return page


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _tree(text: str):
    import lxml.html

    try:
        return lxml.html.fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (ValueError, TypeError, lxml.etree.ParserError):  # empty or not HTML at all
        return None


def _tidy_body(page: HtmlPage, paragraphs: list[str]) -> list[str]:
    """Drop what the extractor kept around the text: the headline repeated on top, a
    dateline or byline line (read into place/author), an inline "read also" line, and
    anything from a related-articles header on."""
    title = fold(page.title or "")
    while paragraphs and title and fold(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]
    if paragraphs and _is_structured_byline(paragraphs[0]):
        b = parse_byline(paragraphs[0])
        page.place = page.place or b["place"]  # type: ignore[assignment]
        page.exclusive = bool(b["exclusive"])
        page.author = page.author or b["author"]  # type: ignore[assignment]
        paragraphs = paragraphs[1:]
    related = {fold(l.title) for l in page.related}
    out = []
    for p in paragraphs:
        if is_related_header(p):
            break
        head, sep, rest = p.partition(":")
        if sep and is_related_header(head) and (not rest.strip() or fold(rest) in related):
            continue  # an inline "اقرأ أيضا: <title>" line
        out.append(p)
    return out


def _is_structured_byline(line: str) -> bool:
    """A dateline/byline paragraph: short, no sentence end, and built as ``X - Y``,
    ``X (Y)`` or ``بقلم ...`` (an outlet-only line is not removed from a web page)."""
    from .pagedump import _SENTENCE_END

    if len(line.split()) > _BYLINE_MAX_WORDS or _SENTENCE_END.search(line):
        return False
    parts = split_byline(line)
    return len(parts) > 1 or bool(_AUTHOR_PREFIX.match(line))


# --- the related-articles block ---------------------------------------------------------

def related_links(root, base: str | None) -> list[RelatedLink]:
    """Links of the related-articles blocks, in page order, each URL once."""
    order = {el: i for i, el in enumerate(root.iter())}
    links: list[RelatedLink] = []
    seen: set[str] = set()
    own = normalize_url(base)

    def add(anchors) -> None:
        for a in anchors:
            link = _link(a, base)
            if link is None:
                continue
            key = normalize_url(link.url) or link.url
            if key in seen or key == own:
                continue
            seen.add(key)
            links.append(link)

    blocks = 0
    for header in _related_headers(root):
        anchors = _anchors_after(header, order)
        if anchors:
            blocks += 1
            add(anchors)
    if not blocks:  # no heading found: a block whose class or id says "related"
        for el in root.iter():
            if isinstance(el.tag, str) and _RELATED_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
                if not any(_RELATED_CLASS.search(f"{p.get('class', '')} {p.get('id', '')}") for p in el.iterancestors()):
                    add(el.iter("a"))
    return links[:_MAX_RELATED]


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _related_headers(root) -> list:
    """Innermost elements whose whole text is a related-articles header."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or el.tag == "a":
            continue
        text = _text(el)
        if not text or len(text) > 60 or not is_related_header(text):
            continue
        if any(isinstance(c.tag, str) and c.tag != "a" and is_related_header(_text(c)) for c in el.iterdescendants()):
            continue  # a descendant is the header itself
        if any(a in found for a in el.iterancestors()):
            continue
        found.append(el)
    return found


def _anchors_after(header, order: dict) -> list:
    """The links that follow ``header`` in its nearest container that has any, up to the
    next heading (another block starts there)."""
    start = order.get(header, 0)
    container = header
    for _ in range(4):
        container = container.getparent()
        if container is None or container.tag in ("body", "html"):
            return []
        anchors = []
        for el in container.iter():
            pos = order.get(el, -1)
            if pos <= start or header in el.iterancestors() or el is header:
                continue
            if el.tag in _HEADINGS and not any(p.tag == "a" for p in el.iterancestors()) and not el.xpath(".//a"):
                break  # the next block's heading
            if el.tag == "a" and el.get("href"):
                anchors.append(el)
        if anchors:
            return anchors
    return []


def _link(a, base: str | None) -> RelatedLink | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "whatsapp:")):
        return None
    url = urljoin(base, href) if base else href
    if any(s in url for s in _SHARE_HOSTS):
        return None
    title = _clean(_text(a)) or _clean(a.get("title"))
    if not title or len(title.split()) < 3 or is_related_header(title):
        return None  # "المزيد", an icon, the header itself
    return RelatedLink(title, url)


# --- dates ------------------------------------------------------------------------------

_TIME_META = ("article:published_time", "og:published_time", "datePublished", "pubdate", "publish-date", "date")


def _timestamp(root, day: str | None) -> str | None:
    """The page's publication time when the page gives one on the day trafilatura found
    (meta ``article:published_time``, JSON-LD ``datePublished``, ``<time datetime>``)."""
    if not day:
        return None
    candidates = []
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or ""
        if key in _TIME_META and el.get("content"):
            candidates.append(el.get("content"))
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates += re.findall(r'"datePublished"\s*:\s*"([^"]+)"', script.text)
    candidates += [t.get("datetime") for t in root.iter("time") if t.get("datetime")]
    for c in candidates:
        c = c.strip()
        if c.startswith(day) and len(c) > len(day):
            return c
    return day
