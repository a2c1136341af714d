"""A local web site for the watch tests: feeds, sitemaps, pages and broken cases, served by
http.server on 127.0.0.1 (a random port) in a thread; every request is recorded."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    # Seconds to wait before answering (a server that hangs).
    delay: float = 0.0
    # Bytes to stream with no declared length (a page without end), in 64 KB chunks.
    stream_bytes: int = 0
    # Called with the request before it is answered (to send a signal, say).
    before: Callable[[Request], None] | None = None


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[Request], Route]] = {}
        self.requests: list[Request] = []
        self.streamed = 0
        self.base = ""

    def add(self, path: str, body: str | bytes = b"", **options: object) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str, method: str = "GET") -> int:
        return sum(1 for r in self.requests if r.path == path and r.method == method)

    def page_hits(self) -> list[str]:
        return [r.path for r in self.requests if r.path.startswith("/news/")]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._answer("POST")

        def _answer(self, method: str) -> None:
            length = int(self.headers.get("content-length") or 0)
            request = Request(method, self.path, {k.lower(): v for k, v in
                                                  self.headers.items()},
                              self.rfile.read(length) if length else b"")
            site.requests.append(request)
            route = site.routes.get(self.path.split("?")[0])
            if callable(route):
                route = route(request)
            if route is None:
                route = Route(b"not here", status=404, content_type="text/plain")
            if route.before is not None:
                route.before(request)
            if route.delay:
                time.sleep(route.delay)
            if route.etag and request.headers.get("if-none-match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.stream_bytes:
                self.end_headers()
                chunk = b"<p>" + b"x" * 65_530 + b"</p>"
                with contextlib.suppress(OSError):
                    while site.streamed < route.stream_bytes:
                        self.wfile.write(chunk)
                        site.streamed += len(chunk)
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(route.body)

    return Handler


@contextlib.contextmanager
def serving(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    # Shutdown waits for the serving loop to poll: a short poll ends each test sooner.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[tuple[str, str, str]], title: str = "Test feed") -> str:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<pubDate>{d}</pubDate></item>" for link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title>{body}</channel></rss>")


def atom(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/>'
                   f"<id>{escape(link)}</id><updated>{d}</updated></entry>"
                   for link, t, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom test</title>{body}</feed>")


def news_sitemap(items: list[tuple[str, str, str]], publication: str = "Test Wire") -> str:
    body = "".join(
        f"<url><loc>{escape(link)}</loc><news:news><news:publication><news:name>"
        f"{escape(publication)}</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{d}</news:publication_date>"
        f"<news:title>{escape(t)}</news:title></news:news></url>" for link, t, d in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{body}</urlset>")


def page(title: str, paragraphs: list[str], canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{escape(title)}</title>{link}</head><body>"
            f"<article><h1>{escape(title)}</h1>{body}</article></body></html>")
