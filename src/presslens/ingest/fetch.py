"""A polite, bounded HTTP fetcher for feeds and article pages.

Polite: robots.txt is obeyed (``urllib.robotparser``, its Crawl-delay included), requests to
one host are spaced by a minimum interval, feeds are asked for with their last ETag and
Last-Modified so an unchanged feed costs a 304 and no body, and every request says who is
asking (the user agent). Bounded: each request has connect, read and total time limits,
bodies are streamed and dropped at a size limit (a 100 MB page is never held), and
redirects are followed by hand, at most ``max_redirects`` of them, with loops refused.

Every failure is a ``FetchError`` whose message names the URL and the reason in one line.
The clock and the sleep are injectable, so that rate limits are tested by counting, not by
waiting.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import httpx

from presslens.errors import PresslensError


def _version() -> str:
    try:
        return metadata.version("presslens")
    except metadata.PackageNotFoundError:
        return "dev"


USER_AGENT_NAME = "presslens"
DEFAULT_USER_AGENT = (f"{USER_AGENT_NAME}/{_version()} "
                      "(news monitoring feed reader; obeys robots.txt)")
FEED_TYPES = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
              "text/xml;q=0.9, */*;q=0.5")
PAGE_TYPES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK_BYTES = 65_536
# A robots.txt is a few kilobytes; Google reads at most 500 KiB of one.
ROBOTS_MAX_BYTES = 500_000
# An unreachable robots.txt (5xx, timeout) counts as "disallow all" for this long (RFC 9309).
ROBOTS_RETRY_SECONDS = 600.0
ROBOTS_CACHE_SECONDS = 86_400.0


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """The bounds of every request."""

    # Seconds to connect, and between two reads of the body.
    timeout: float = 20.0
    # Seconds one whole request may take, body included (a server that drips bytes).
    total_time: float = 60.0
    max_page_bytes: int = 5_000_000
    max_feed_bytes: int = 10_000_000
    max_redirects: int = 5
    # Seconds between two requests to the same host; a longer Crawl-delay wins.
    min_interval: float = 2.0


class FetchError(PresslensError):
    """A request that failed: the message names the URL and why."""

    def __init__(self, url: str, reason: str, *, status: int | None = None,
                 retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retry_after = retry_after
        # Trying again later will not help (404, 410, refused by robots.txt, not a page).
        self.permanent = permanent


@dataclass(slots=True)
class Fetched:
    """A response: the URL it came from after redirects, and its body (empty for a 304)."""

    url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return None


@dataclass(slots=True)
class FetchCounts:
    """Requests made, by kind, for the round's summary and for tests."""

    requests: int = 0
    robots: int = 0
    not_modified: int = 0
    waited: float = 0.0
    by_host: dict[str, int] = field(default_factory=dict)


class Fetcher:
    """Fetches URLs politely and within limits; one per watch (it keeps robots.txt and the
    hosts' turns between rounds).

    >>> with Fetcher() as fetcher:  # doctest: +SKIP
    ...     feed = fetcher.get("https://example.org/rss.xml", etag='"abc"')
    """

    def __init__(self, *, user_agent: str = DEFAULT_USER_AGENT,
                 limits: FetchLimits | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.user_agent = user_agent
        self.limits = limits or FetchLimits()
        self.clock = clock
        self.sleep = sleep
        self.counts = FetchCounts()
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, float]] = {}
        self._robots_errors: dict[str, str] = {}
        self._client = httpx.Client(
            headers={"User-Agent": user_agent}, follow_redirects=False, transport=transport,
            timeout=httpx.Timeout(self.limits.timeout), trust_env=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- the public calls -------------------------------------------------------------------

    def get_feed(self, url: str, *, etag: str | None = None,
                 last_modified: str | None = None) -> Fetched:
        """A feed or sitemap, asked for conditionally: a 304 comes back with no body."""
        headers = {"Accept": FEED_TYPES}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        fetched = self._get(url, headers, self.limits.max_feed_bytes)
        if fetched.not_modified:
            self.counts.not_modified += 1
        return fetched

    def get_page(self, url: str, *, private_ok: bool = False) -> Fetched:
        """An article page; anything but HTML is refused (a PDF, an image).

        A feed is the analyst's choice, but the links in it are the publisher's: unless
        ``private_ok`` (the feed itself is on a private network), a page on a loopback,
        private or link-local address is refused, so that a hostile feed cannot make the
        watch read an internal service (a cloud metadata endpoint, an admin page) into
        the store."""
        fetched = self._get(url, {"Accept": PAGE_TYPES}, self.limits.max_page_bytes,
                            private_ok=private_ok)
        kind = (fetched.content_type or "").split(";")[0].strip().lower()
        if kind and kind not in HTML_TYPES:
            raise FetchError(fetched.url, f"not a web page ({kind})", status=fetched.status,
                             permanent=True)
        return fetched

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent fetch ``url``."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots, expires = self._robots.get(origin, (None, -1.0))
        if expires < self.clock():
            robots, lifetime = self._read_robots(origin)
            self._robots[origin] = (robots, self.clock() + lifetime)
        if robots is None:  # robots.txt unreachable: assume nothing may be fetched
            return False
        return robots.can_fetch(self.user_agent, url)

    # -- the work ---------------------------------------------------------------------------

    def _get(self, url: str, headers: dict[str, str], max_bytes: int, *,
             private_ok: bool = True) -> Fetched:
        seen = {url}
        current = url
        for _ in range(self.limits.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(url, f"redirected to a URL that is not http(s): {current}",
                                 permanent=True)
            if not private_ok and is_private_host(urlsplit(current).hostname or ""):
                raise FetchError(current, "on a private or loopback address; a page a "
                                 "public feed links to must be public", permanent=True)
            if not self.allowed(current):
                parts = urlsplit(current)
                unreachable = self._robots_errors.get(f"{parts.scheme}://{parts.netloc}")
                if unreachable:
                    raise FetchError(current, f"its site's robots.txt cannot be read "
                                     f"({unreachable}); nothing is fetched from the site "
                                     "until it can")
                raise FetchError(current, "disallowed by robots.txt", permanent=True)
            fetched, location = self._request(current, headers, max_bytes)
            if location is None:
                return fetched
            following = urljoin(current, location)
            if following in seen:
                raise FetchError(url, f"redirect loop (back to {following})")
            seen.add(following)
            current = following
        raise FetchError(url, f"more than {self.limits.max_redirects} redirects")

    def _request(self, url: str, headers: dict[str, str], max_bytes: int
                 ) -> tuple[Fetched, str | None]:
        self._wait_turn(url)
        self.counts.requests += 1
        host = urlsplit(url).netloc
        self.counts.by_host[host] = self.counts.by_host.get(host, 0) + 1
        started = self.clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {status} redirect without a Location")
                    return Fetched(url, status), location
                if status == 304:
                    return Fetched(url, 304, etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified")), None
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {response.reason_phrase}".strip(),
                                     status=status, permanent=status in (404, 410),
                                     retry_after=_retry_after(response.headers))
                body = self._read_body(url, response, max_bytes, started)
                return Fetched(url, status, body, response.headers.get("content-type"),
                               response.headers.get("etag"),
                               response.headers.get("last-modified")), None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out (no answer within {self.limits.timeout:g} s)"
                             ) from None
        except httpx.TooManyRedirects:  # not raised with follow_redirects=False; kept safe
            raise FetchError(url, "too many redirects") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}" if str(exc)
                             else type(exc).__name__) from None

    def _read_body(self, url: str, response: httpx.Response, max_bytes: int,
                   started: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"{_size(int(declared))} declared, over the "
                             f"{_size(max_bytes)} limit; not downloaded", permanent=True)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, f"over the {_size(max_bytes)} limit; stopped reading",
                                 permanent=True)
            if self.clock() - started > self.limits.total_time:
                raise FetchError(url, f"took longer than {self.limits.total_time:g} s; "
                                 "stopped reading")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        wait = self._next_turn.get(host, float("-inf")) - self.clock()
        if wait > 0:
            self.counts.waited += wait
            self.sleep(wait)
        self._next_turn[host] = self.clock() + self._interval(url)

    def _interval(self, url: str) -> float:
        parts = urlsplit(url)
        robots, _ = self._robots.get(f"{parts.scheme}://{parts.netloc}", (None, 0.0))
        delay = robots.crawl_delay(self.user_agent) if robots is not None else None
        try:
            return max(self.limits.min_interval, float(delay or 0))
        except (TypeError, ValueError):
            return self.limits.min_interval

    def _read_robots(self, origin: str) -> tuple[urllib.robotparser.RobotFileParser | None,
                                                 float]:
        """The parsed robots.txt of ``origin`` and how long to keep it (RFC 9309: a
        missing one (4xx) allows everything, an unreachable one (5xx, no answer) nothing)."""
        robots = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        self.counts.robots += 1
        try:
            fetched, location = self._request(origin + "/robots.txt", {"Accept": "text/plain"},
                                              ROBOTS_MAX_BYTES)
            hops = 0
            while location is not None and hops < self.limits.max_redirects:
                hops += 1
                fetched, location = self._request(urljoin(fetched.url, location),
                                                  {"Accept": "text/plain"}, ROBOTS_MAX_BYTES)
            if location is not None:
                robots.parse([])
                return robots, ROBOTS_CACHE_SECONDS
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                robots.parse([])
                return robots, ROBOTS_CACHE_SECONDS
            self._robots_errors[origin] = exc.reason
            return None, ROBOTS_RETRY_SECONDS
        self._robots_errors.pop(origin, None)
        text = fetched.body.decode("utf-8", errors="replace")
        robots.parse(text.splitlines())
        return robots, ROBOTS_CACHE_SECONDS


def is_private_host(host: str) -> bool:
    """Whether ``host`` is, or resolves to, an address that is not on the public internet
    (loopback, private, link-local, reserved).

    >>> is_private_host("127.0.0.1"), is_private_host("10.1.2.3")
    (True, True)
    """
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False  # unresolvable: the request itself will fail and say so
        # TCP over IPv4 or IPv6: the address is a string ("fe80::1%eth0" with a zone).
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return any(not address.is_global for address in addresses)


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
