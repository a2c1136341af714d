"""Feeds in: RSS and Atom feeds, news sitemaps, and lists of them, read into entries.

An entry is what a feed says about one article: its URL, and where given a title, a
publication date and the outlet's name. Parsing is pure (bytes in, entries out); fetching
is ``presslens.ingest.fetch``.

RSS and Atom are parsed by feedparser, which copes with the many dialects and the broken
markup feeds are served with. A news sitemap (sitemaps.org with Google's ``news:``
extension) is plain XML and is read with lxml, entities and network access turned off.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html

from presslens.errors import InputError
from presslens.ingest.cleaning import parse_published
from presslens.ingest.outlets import outlet_from_name

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Query parameters that mark where a reader came from, not which article it is: two URLs
# that differ only by them are the same page.
TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|"
                                 r"at_medium|at_campaign|rss|ref|from|feature)$", re.I)
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype html|<html)", re.I | re.S)


class FeedError(InputError):
    """A feed or sitemap that cannot be read as one; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article a feed lists."""

    url: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class FeedContent:
    """What one feed document holds: entries, and for a sitemap index, more sitemaps."""

    kind: str  # "rss", "atom", "sitemap" or "sitemap index"
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    # Entries passed over (no usable link), and what a lenient parse had to forgive.
    skipped: int = 0
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class WatchedSource:
    """A feed or sitemap to watch, with the outlet name its articles get (if given)."""

    url: str
    outlet: str | None = None
    # Where it was listed ("sources.txt:3"), for messages.
    origin: str | None = None


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> FeedContent:
    """The entries of an RSS or Atom feed or a news sitemap (the format is read from the
    document, not trusted from the server's Content-Type).

    >>> parse_feed(b'<rss version="2.0"><channel><item><link>/a</link></item></channel></rss>',
    ...            "http://example.org/feed").entries[0].url
    'http://example.org/a'
    """
    if not data.strip():
        raise FeedError("empty response (no feed)")
    if HTML_START.match(data[:2048]):
        raise FeedError(f"not a feed: the server sent an HTML page ({content_type or 'no type'})")
    root = _xml_root(data)
    if root is not None and etree.QName(root).namespace == SITEMAP_NS:
        return _parse_sitemap(root, url)
    return _parse_syndication(data, url, content_type)


def _xml_root(data: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             recover=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _parse_sitemap(root: etree._Element, url: str) -> FeedContent:
    name = etree.QName(root).localname
    if name == "sitemapindex":
        locations = [_text(node) for node in root.iterfind(f"{{{SITEMAP_NS}}}sitemap/"
                                                           f"{{{SITEMAP_NS}}}loc")]
        children = [_absolute(url, loc) for loc in locations if loc]
        return FeedContent("sitemap index", sitemaps=[c for c in children if c])
    if name != "urlset":
        raise FeedError(f"not a sitemap: the root element is <{name}>")
    content = FeedContent("sitemap")
    for node in root.iterfind(f"{{{SITEMAP_NS}}}url"):
        loc = _text(node.find(f"{{{SITEMAP_NS}}}loc"))
        link = _absolute(url, loc) if loc else None
        if link is None:
            content.skipped += 1
            continue
        news = node.find(f"{{{NEWS_NS}}}news")
        title = published = outlet = None
        if news is not None:
            title = _text(news.find(f"{{{NEWS_NS}}}title"))
            date = _text(news.find(f"{{{NEWS_NS}}}publication_date"))
            published = parse_published(date) if date else None
            outlet = _text(news.find(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name"))
        if published is None:
            modified = _text(node.find(f"{{{SITEMAP_NS}}}lastmod"))
            published = parse_published(modified) if modified else None
        content.entries.append(FeedEntry(link, title, published,
                                         outlet_from_name(outlet) if outlet else None))
    return content


def _parse_syndication(data: bytes, url: str, content_type: str | None) -> FeedContent:
    # feedparser resolves relative links against the document's location.
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's own faults on hostile bytes
        raise FeedError(f"not a readable feed: {type(exc).__name__}: {exc}") from None
    version = parsed.get("version") or ""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries and (problem is not None or not version):
        reason = _xml_problem(problem) if problem is not None else "no RSS or Atom elements"
        raise FeedError(f"not a readable feed: {reason}")
    content = FeedContent("atom" if version.startswith("atom") else "rss")
    if problem is not None and not _harmless(problem):
        content.warning = f"malformed feed, read leniently: {_xml_problem(problem)}"
    for item in parsed.entries:
        link = _entry_link(item, url)
        if link is None:
            content.skipped += 1
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = (datetime.fromtimestamp(calendar.timegm(stamp), UTC).date().isoformat()
                     if isinstance(stamp, time.struct_time) else None)
        title = " ".join((item.get("title") or "").split()) or None
        # A feed's title ("Top News - PressTV") is no outlet name: the page names its own.
        content.entries.append(FeedEntry(link, title, published))
    if problem is not None and content.warning and not content.entries:
        raise FeedError(f"not a readable feed: {_xml_problem(problem)}")
    return content


def _entry_link(item: feedparser.FeedParserDict, base: str) -> str | None:
    candidates = [item.get("link")]
    candidates += [link.get("href") for link in item.get("links") or []
                   if link.get("rel", "alternate") == "alternate"]
    for candidate in candidates:
        link = _absolute(base, candidate) if isinstance(candidate, str) else None
        if link:
            return link
    return None


def _harmless(problem: Exception) -> bool:
    # A feed served as text/plain or with a charset that differs from its XML declaration
    # is read correctly all the same.
    return type(problem).__name__ in ("CharacterEncodingOverride", "NonXMLContentType")


def _xml_problem(problem: Exception) -> str:
    text = " ".join(str(problem).split()) or type(problem).__name__
    line = getattr(problem, "getLineNumber", None)
    return f"{text} (line {line()})" if callable(line) and line() else text


def _text(node: etree._Element | None) -> str | None:
    if node is None or node.text is None:
        return None
    return " ".join(node.text.split()) or None


def _absolute(base: str, link: str) -> str | None:
    """``link`` made absolute against ``base``, if that gives a web URL."""
    try:
        return _web_url(urljoin(base, link.strip()))
    except ValueError:  # "http://[broken": no URL at all
        return None


def _web_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def normalise_url(url: str) -> str:
    """The form of a URL two listings of one page share: scheme and host in lower case,
    default port, fragment and tracking parameters dropped.

    >>> normalise_url("HTTPS://News.Example.org:443/a?utm_source=rss&id=4#top")
    'https://news.example.org/a?id=4'
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    if port and (parts.scheme.lower(), port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMETERS.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def canonical_url(html: str, base: str) -> str | None:
    """The page's own ``<link rel="canonical">``, absolute, if it names a web URL."""
    head = html[:200_000]  # the link sits in <head>; a huge page is not parsed whole for it
    try:
        document = lxml_html.document_fromstring(head)
    except (etree.ParserError, ValueError):
        return None
    for link in document.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return _absolute(base, link.get("href"))
    return None


def is_web_url(text: str) -> bool:
    """Whether a SOURCE argument is a URL (else it is a file listing URLs)."""
    return _web_url(text) is not None


def read_source_list(path: Path) -> list[WatchedSource]:
    """The sources a text file lists: one URL a line, optionally followed by the outlet's
    name; blank lines and ``#`` comments are ignored.

    A line that does not start with an http(s) URL is an error naming the file and line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the list of sources: "
                         f"{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the list of sources is not UTF-8 text") from None
    sources = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url, _, outlet = line.partition(" ")
        if "\t" in url:
            url, _, outlet = line.partition("\t")
        if not is_web_url(url):
            raise InputError(f"{path}:{number}: not an http(s) URL: {url!r}")
        outlet = " ".join(outlet.split())
        sources.append(WatchedSource(url, outlet_from_name(outlet) if outlet else None,
                                     f"{path}:{number}"))
    if not sources:
        raise InputError(f"{path}: lists no feed or sitemap URL")
    return sources
