"""What the routers share: the server's settings, the store opener, the bearer-token checks,
rendering (a page, or its data as JSON) and the error handlers.

``create_app`` puts one ``WebContext`` on ``app.state``; a route reaches it through the ``Web``
dependency, so that two applications over two stores never share anything.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens.params import BadValue, parse_date, parse_modalities, parse_tie_kinds
from presslens.resolve.knowledge import Knowledge
from presslens.service import queries
from presslens.settings import default_aliases_path
from presslens.store import Store
from presslens.web.display import jsonable

MAX_BODY_BYTES = 2_000_000
# Events shown: those of at least this confidence; unset, the default threshold.
MIN_CONFIDENCE = Query(None, ge=0.0, le=1.0)


class Settings(BaseModel):
    db_path: Path
    token: str | None = None
    host: str = "127.0.0.1"
    aliases: Path | None = None
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, ge=1)
    # Framing flags shown from this confidence unless a request asks (None: the calibrated
    # threshold).
    framing_min_confidence: float | None = Field(default=None, ge=0, le=1)


class AliasKnowledge:
    """The gazetteer and the alias table, read again when the table changes on disk (a merge
    or split made here, or by `presslens merge` while the server runs)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._knowledge: Knowledge | None = None

    def _stamp(self) -> tuple[int, int]:
        try:
            stat = self.path.stat()
        except OSError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def current(self) -> Knowledge:
        with self._lock:
            stamp = self._stamp()
            if self._knowledge is None or stamp != self._seen:
                self._knowledge, self._seen = Knowledge.load(self.path), stamp
            return self._knowledge

    def forget(self) -> None:
        with self._lock:
            self._knowledge = None


@dataclass(frozen=True, slots=True)
class WebContext:
    """One application's settings, templates and alias table."""

    settings: Settings
    templates: Environment
    aliases: AliasKnowledge = field(init=False)

    def __post_init__(self) -> None:
        path = self.settings.aliases or default_aliases_path(self.settings.db_path)
        object.__setattr__(self, "aliases", AliasKnowledge(path))

    @property
    def alias_table(self) -> Path:
        return self.aliases.path

    def current_knowledge(self) -> Knowledge:
        return self.aliases.current()

    def forget_knowledge(self) -> None:
        self.aliases.forget()

    def store(self) -> Store:
        return Store.open(self.settings.db_path)

    def render(self, template: str, data: dict[str, Any], status_code: int = 200,
               headers: dict[str, str] | None = None) -> HTMLResponse:
        # The page's own script and style carry a fresh nonce; nothing else inline may run,
        # so markup that slipped into an article's text could never execute. Scripts and
        # styles of the app's own origin are the vendored libraries under /static.
        nonce = secrets.token_urlsafe(16)
        html = self.templates.get_template(template).render(**data, csp_nonce=nonce)
        return HTMLResponse(html, status_code=status_code, headers={**(headers or {}),
                            "Content-Security-Policy": (
            f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; "
            f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")})

    def page(self, request: Request, template: str, data: dict[str, Any]) -> Any:
        if request.query_params.get("format") == "json":
            return JSONResponse(jsonable(data))
        return self.render(template, data)

    def shown_framing(self, min_confidence: float | None) -> float:
        """The confidence framing flags are shown from: the request's, the settings', else
        the threshold calibrated on the development articles."""
        return queries.framing_threshold(min_confidence, self.settings.framing_min_confidence)

    def network_graph(self, since: str | None, until: str | None, types: list[str] | None,
                      min_confidence: float | None = None,
                      modalities: list[str] | None = None) -> Any:
        since, until = parse_date("since", since), parse_date("until", until)
        kinds = parse_tie_kinds("type", types)
        wanted = parse_modalities("modality", modalities)
        with self.store() as opened:
            return queries.actor_network(opened, self.current_knowledge(), since=since,
                                         until=until, kinds=kinds,
                                         min_confidence=min_confidence,
                                         modalities=wanted).graph


@contextmanager
def actor_errors() -> Iterator[None]:
    """An actor named by an id or spelling no stored actor has is a 404; one that several
    have, a 409 that lists their ids."""
    try:
        yield
    except queries.UnknownActor as exc:
        raise HTTPException(404, str(exc)) from None
    except queries.AmbiguousActor as exc:
        raise HTTPException(409, str(exc)) from None


def web_context(request: Request) -> WebContext:
    context: WebContext = request.app.state.presslens
    return context


Web = Annotated[WebContext, Depends(web_context)]


def loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost",)


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:] if header.lower().startswith("bearer ") else None


def require_write(request: Request) -> None:
    settings = web_context(request).settings
    if not settings.token:
        raise HTTPException(403, "writes are disabled: start the server with "
                                 "PRESSLENS_TOKEN set")
    given = bearer(request) or ""
    if not hmac.compare_digest(given, settings.token):
        raise HTTPException(401, "a valid bearer token is required to write",
                            headers={"WWW-Authenticate": "Bearer"})


def require_read(request: Request) -> None:
    settings = web_context(request).settings
    if loopback(settings.host) or not settings.token:
        return
    if not hmac.compare_digest(bearer(request) or "", settings.token):
        raise HTTPException(401, "reads need the bearer token off loopback",
                            headers={"WWW-Authenticate": "Bearer"})


def wants_page(request: Request) -> bool:
    """Errors of the pages and the upload form are pages; those of the API are JSON."""
    path = request.url.path
    return not (path.startswith("/api/") or path.startswith("/static/")
                or path == "/openapi.json" or request.query_params.get("format") == "json")


async def bad_value(request: Request, exc: BadValue) -> Any:
    if wants_page(request):
        return web_context(request).render("web_message.html.j2", {
            "heading": "That value cannot be used", "message": str(exc)}, 422)
    return JSONResponse(exc.to_dict(), status_code=422)


async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
    headers = getattr(exc, "headers", None)
    if wants_page(request):
        return web_context(request).render("web_message.html.j2", {
            "heading": {401: "Not allowed", 403: "Not allowed", 404: "Not found",
                        413: "Too large"}.get(exc.status_code, "Cannot do that"),
            "message": str(exc.detail)}, exc.status_code, headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                        headers=headers)
