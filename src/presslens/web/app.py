"""The HTTP API and web UI over the store: a thin FastAPI layer over ``analyze`` and ``Store``.

Reads are open when the server listens on loopback; writes (``POST /api/articles``) need the
bearer token given at start-up (``PRESSLENS_TOKEN``), and are refused when none was given.
Every page is also JSON: ``?format=json`` on any page returns what it shows.

``create_app`` assembles the application: the JSON API (``web/api.py``), the pages
(``web/pages.py``), and what they share (``web/deps.py``: settings, the token checks, the
store, rendering, the error handlers).
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens.params import BadValue
from presslens.store import Store
from presslens.web import api, pages
from presslens.web.deps import Settings, WebContext, bad_value, http_error
from presslens.web.display import script_json
from presslens.web.evidence import explain_label, shorten

__all__ = ["STATIC_DIR", "BodyLimit", "Settings", "bind_socket", "check_store", "create_app"]

STATIC_DIR = Path(__file__).resolve().parent / "static"


# Sent with every response that does not set its own.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` is refused with 413, whether or not
    it declared its length. The application is told the client left, and whatever it then
    tries to answer is dropped."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0
        started = False
        refused = False

        async def counted_receive() -> dict:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes and not started:
                    refused = True
                    await JSONResponse(
                        {"detail": f"request body over {self.max_bytes} bytes"},
                        status_code=413)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def tracked_send(message: dict) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except Exception:
            if not refused:
                raise


def check_store(path: Path) -> int:
    """Open the store and read it once, so that a server never starts over a file it cannot
    read (every page would fail); the number of articles. Raises ``StoreError``."""
    import sqlite3

    from presslens.errors import StoreError

    with Store.open(path) as opened:
        try:
            return opened.count_articles()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the store {path}: {exc}") from None


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket for the server (``port`` 0 takes a free one); ``OSError`` when the
    address is taken or not this machine's."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(2048)
    except OSError as exc:
        listening.close()
        raise OSError(exc.errno, f"cannot listen on {host}:{port}: {exc.strerror}") from None
    listening.set_inheritable(True)
    return listening


def create_app(settings: Settings) -> FastAPI:
    """The application; ``presslens serve`` runs it with uvicorn."""
    # /docs is served by the pages' router from the package's own copy of Swagger UI: the
    # default page loads it from a CDN, which the pages' policy forbids and an offline
    # analyst cannot reach.
    app = FastAPI(title="presslens", description="Who said what, who did what to whom and "
                  "when, and how the outlet framed it.", version="1", docs_url=None,
                  redoc_url=None)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    templates = Environment(loader=PackageLoader("presslens", "templates"),
                            autoescape=select_autoescape(["html", "j2"]))
    templates.filters["shorten"] = shorten
    templates.filters["script_json"] = script_json
    templates.globals["explain_label"] = explain_label
    app.state.presslens = WebContext(settings, templates)

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_body_bytes:
            return JSONResponse({"detail": f"request body over {settings.max_body_bytes} "
                                           "bytes"}, status_code=413)
        response = await call_next(request)
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        return response

    # A body sent without a length (chunked) is counted as it arrives.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.exception_handler(BadValue)(bad_value)
    app.exception_handler(StarletteHTTPException)(http_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
