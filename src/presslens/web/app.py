"""The HTTP API and web UI over the store: a thin FastAPI layer over ``analyze`` and ``Store``.

Reads are open when the server listens on loopback; writes (``POST /api/articles``) need the
bearer token given at start-up (``PRESSLENS_TOKEN``), and are refused when none was given.
Every page is also JSON: ``?format=json`` on any page returns what it shows.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens.components.quote_confidence import default_threshold
from presslens.event_confidence import is_shown, modality_of
from presslens.ingest import article_from_record
from presslens.model import ArticleAnalysis
from presslens.params import (
    EVENT_TYPES,
    BadValue,
    parse_choice,
    parse_date,
    parse_published,
    parse_tie_kinds,
)
from presslens.resolve.knowledge import Knowledge
from presslens.service import add_to_store
from presslens.store import Store
from presslens.store.watch import WatchState
from presslens.story_store import read_stories
from presslens.web.evidence import ArticleCache, evidence, explain_label, shorten, span_href

MAX_BODY_BYTES = 2_000_000
# Events shown: those of at least this confidence; unset, the default threshold.
MIN_CONFIDENCE = Query(None, ge=0.0, le=1.0)
MAX_BATCH = 50
STATIC_DIR = Path(__file__).resolve().parent / "static"
QUOTE_KINDS = ("direct", "indirect", "mixed")


class ArticleIn(BaseModel):
    """An article to analyse: text or HTML, and what is known about it."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class Settings(BaseModel):
    db_path: Path
    token: str | None = None
    host: str = "127.0.0.1"
    aliases: Path | None = None
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, ge=1)
    # Framing flags shown from this confidence unless a request asks (None: the calibrated
    # threshold).
    framing_min_confidence: float | None = Field(default=None, ge=0, le=1)


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


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost",)


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
    # /docs is served below from the package's own copy of Swagger UI: the default page loads
    # it from a CDN, which the pages' policy forbids and an offline analyst cannot reach.
    app = FastAPI(title="presslens", description="Who said what, who did what to whom and "
                  "when, and how the outlet framed it.", version="1", docs_url=None,
                  redoc_url=None)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    templates = Environment(loader=PackageLoader("presslens", "templates"),
                            autoescape=select_autoescape(["html", "j2"]))
    templates.filters["shorten"] = shorten
    templates.filters["script_json"] = _script_json
    templates.globals["explain_label"] = explain_label
    knowledge = Knowledge.load(settings.aliases) if settings.aliases else None

    def store() -> Store:
        return Store.open(settings.db_path)

    def bearer(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        return header[7:] if header.lower().startswith("bearer ") else None

    def require_write(request: Request) -> None:
        if not settings.token:
            raise HTTPException(403, "writes are disabled: start the server with "
                                     "PRESSLENS_TOKEN set")
        given = bearer(request) or ""
        if not hmac.compare_digest(given, settings.token):
            raise HTTPException(401, "a valid bearer token is required to write",
                                headers={"WWW-Authenticate": "Bearer"})

    def require_read(request: Request) -> None:
        if _loopback(settings.host) or not settings.token:
            return
        if not hmac.compare_digest(bearer(request) or "", settings.token):
            raise HTTPException(401, "reads need the bearer token off loopback",
                                headers={"WWW-Authenticate": "Bearer"})

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

    def render(template: str, data: dict[str, Any], status_code: int = 200,
               headers: dict[str, str] | None = None) -> HTMLResponse:
        # The page's own script and style carry a fresh nonce; nothing else inline may run,
        # so markup that slipped into an article's text could never execute. Scripts and
        # styles of the app's own origin are the vendored libraries under /static.
        nonce = secrets.token_urlsafe(16)
        html = templates.get_template(template).render(**data, csp_nonce=nonce)
        return HTMLResponse(html, status_code=status_code, headers={**(headers or {}),
                            "Content-Security-Policy": (
            f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; "
            f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")})

    def page(request: Request, template: str, data: dict[str, Any]) -> Any:
        if request.query_params.get("format") == "json":
            return JSONResponse(_jsonable(data))
        return render(template, data)

    def wants_page(request: Request) -> bool:
        """Errors of the pages and the upload form are pages; those of the API are JSON."""
        path = request.url.path
        return not (path.startswith("/api/") or path.startswith("/static/")
                    or path == "/openapi.json" or request.query_params.get("format") == "json")

    @app.exception_handler(BadValue)
    async def bad_value(request: Request, exc: BadValue) -> Any:
        if wants_page(request):
            return render("web_message.html.j2", {"heading": "That value cannot be used",
                                                  "message": str(exc)}, 422)
        return JSONResponse(exc.to_dict(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        headers = getattr(exc, "headers", None)
        if wants_page(request):
            return render("web_message.html.j2", {
                "heading": {401: "Not allowed", 403: "Not allowed", 404: "Not found",
                            413: "Too large"}.get(exc.status_code, "Cannot do that"),
                "message": str(exc.detail)}, exc.status_code, headers)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=headers)

    # -- API ---------------------------------------------------------------------------------

    @app.post("/api/articles", dependencies=[Depends(require_write)])
    def post_articles(body: ArticleIn | list[ArticleIn]) -> Any:
        """Analyse and store one article (or a list of up to 50); returns the records.
        A ``published`` that is not a date is refused (422), not dropped."""
        items = body if isinstance(body, list) else [body]
        if len(items) > MAX_BATCH:
            raise HTTPException(413, f"at most {MAX_BATCH} articles per request")
        raw = []
        for number, item in enumerate(items):
            where = f"[{number}]." if isinstance(body, list) else ""
            if not (item.text or item.html):
                raise HTTPException(422, "each article needs text or html")
            record = item.model_dump(exclude_none=True)
            if item.published is not None:
                record["published"] = parse_published(f"{where}published", item.published)
            try:
                raw.append(article_from_record(record))
            except Exception as exc:  # a record that cannot become an article
                raise HTTPException(422, f"cannot read the article: {exc}") from exc
        with store() as opened:
            added = add_to_store(opened, raw, knowledge)
        # A near-identical copy of a stored article is kept as its source, as ingest keeps
        # it, and answered as such ({"id", "copy_of", "similarity", "source"}).
        records = [item.to_dict() for item in added.in_order(raw)]
        return records if isinstance(body, list) else records[0]

    @app.get("/api/articles", dependencies=[Depends(require_read)])
    def list_articles(outlet: str | None = None, entity: str | None = None,
                      since: str | None = None, until: str | None = None,
                      limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                      ) -> dict[str, Any]:
        """Articles, newest first, filtered by outlet, entity (any spelling), date range
        (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``)."""
        since, until = parse_date("since", since), parse_date("until", until)
        with store() as opened:
            ids = set(opened.entity_ids_named(entity)) if entity else None
            rows = [_summary(a) for a in opened.articles()
                    if (not outlet or a.source.outlet == outlet)
                    and (ids is None or ids & {e.id for e in a.entities})
                    and (not since or (a.source.published or "") >= since)
                    and (not until or (a.source.published or "9999")[:len(until)] <= until)]
        rows.sort(key=lambda r: r["published"] or "", reverse=True)
        return {"total": len(rows), "offset": offset, "items": rows[offset:offset + limit]}

    def shown_framing(min_confidence: float | None) -> float:
        """The confidence framing flags are shown from: the request's, the settings', else
        the threshold calibrated on the development articles."""
        from presslens.components.framing.confidence import default_min_confidence

        for chosen in (min_confidence, settings.framing_min_confidence):
            if chosen is not None:
                return chosen
        return default_min_confidence()

    @app.get("/api/articles/{article_id}", dependencies=[Depends(require_read)])
    def get_article(article_id: str, min_confidence: float | None = Query(None, ge=0, le=1)
                    ) -> dict[str, Any]:
        with store() as opened:
            article = opened.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return article.with_framing_from(shown_framing(min_confidence)).to_dict()

    @app.get("/api/entities", dependencies=[Depends(require_read)])
    def list_entities(name: str | None = None, type: str | None = None,  # noqa: A002
                      limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                      ) -> dict[str, Any]:
        with store() as opened:
            rows = [s for s in opened.entity_summaries(name, limit=1_000_000)
                    if not type or s.type == type.upper()]
        return {"total": len(rows), "offset": offset,
                "items": [_jsonable(r) for r in rows[offset:offset + limit]]}

    @app.get("/api/quotes", dependencies=[Depends(require_read)])
    def list_quotes(speaker: str | None = None, about: str | None = None,
                    kind: str | None = None, limit: int = Query(50, ge=1, le=500),
                    min_confidence: float | None = Query(None, ge=0.0, le=1.0)
                    ) -> dict[str, Any]:
        kind = parse_choice("kind", kind, QUOTE_KINDS)
        # At or above the model's default threshold unless asked otherwise (0: all).
        threshold = default_threshold() if min_confidence is None else min_confidence
        with store() as opened:
            rows = opened.quotes(speaker=speaker, about=about, kind=kind, limit=limit,
                                 min_confidence=threshold)
        return {"min_confidence": threshold, "items": [_jsonable(r) for r in rows]}

    @app.get("/api/events", dependencies=[Depends(require_read)])
    def list_events(actor: str | None = None, type: str | None = None,  # noqa: A002
                    since: str | None = None, limit: int = Query(100, ge=1, le=1000),
                    min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
        type = parse_choice("type", type, EVENT_TYPES, upper=True)  # noqa: A001
        since = parse_date("since", since)
        threshold = _threshold(min_confidence)
        with store() as opened:
            rows = opened.events(actor=actor, event_type=type, since=since, limit=limit,
                                 min_confidence=threshold)
        return {"min_confidence": threshold, "items": [_jsonable(r) for r in rows]}

    @app.get("/api/stories", dependencies=[Depends(require_read)])
    def list_stories(limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
        with store() as opened:
            articles = list(opened.articles())
            stories = read_stories(opened)
        by_id = {a.id: a for a in articles}
        return {"items": [{"id": s.id, "articles": [_summary(by_id[i]) for i in s.articles]}
                          for s in stories[:limit]]}

    @app.get("/api/timeline", dependencies=[Depends(require_read)])
    def timeline(actor: str | None = None, since: str | None = None,
                 limit: int = Query(200, ge=1, le=2000),
                 min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
        since = parse_date("since", since)
        threshold = _threshold(min_confidence)
        with store() as opened:
            rows = opened.timeline(actor=actor, since=since, min_confidence=threshold)
        return {"events": "asserted", "min_confidence": threshold, "items": [
            _jsonable(r) | {"outlets": r.outlets, "other_types": r.other_types,
                            "other_dates": r.other_dates} for r in rows[:limit]]}

    @app.get("/api/naming/{entity_id}", dependencies=[Depends(require_read)])
    def naming(entity_id: str) -> dict[str, Any]:
        with store() as opened:
            table = opened.naming({entity_id})
        return {"entity": entity_id, "outlets": _jsonable(table)}

    def network_graph(since: str | None, until: str | None, types: list[str] | None,
                      min_confidence: float | None = None) -> Any:
        from presslens.store.tables import actor_network, corpus_tables

        since, until = parse_date("since", since), parse_date("until", until)
        kinds = parse_tie_kinds("type", types)
        with store() as opened:
            tables = corpus_tables(opened.articles(), opened.entities())
        return actor_network(tables, since=since, until=until, types=kinds,
                             min_confidence=_threshold(min_confidence))

    @app.get("/api/network", dependencies=[Depends(require_read)])
    def network(since: str | None = None, until: str | None = None,
                type: Annotated[list[str] | None, Query()] = None,  # noqa: A002
                min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
        import networkx as nx

        graph = network_graph(since, until, type, min_confidence)
        return nx.node_link_data(graph, edges="links")

    @app.get("/api/search", dependencies=[Depends(require_read)])
    def search(q: str, limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
        with store() as opened:
            hits = opened.search(q, limit=limit)
        return {"items": [_jsonable(h) for h in hits]}

    @app.get("/api/alerts", dependencies=[Depends(require_read)])
    def list_alerts(rule: str | None = None, since: str | None = None,
                    until: str | None = None, limit: int = Query(50, ge=1, le=500),
                    offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Alerts raised by `presslens watch`, newest first, by rule and date raised."""
        since, until = parse_date("since", since), parse_date("until", until)
        with store() as opened:
            total, items = WatchState(opened).alerts(rule=rule, since=since, until=until,
                                                     limit=limit, offset=offset)
        return {"total": total, "offset": offset, "items": items}

    @app.get("/api/feeds", dependencies=[Depends(require_read)])
    def list_feeds() -> dict[str, Any]:
        """The feeds `presslens watch` reads: fetch state, failures, entries by state."""
        with store() as opened:
            return {"items": WatchState(opened).feed_health()}

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        """The OpenAPI documentation, drawn by the vendored Swagger UI."""
        return render("web_docs.html.j2", {})

    # -- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def home(request: Request) -> Any:
        with store() as opened:
            articles = list(opened.articles())
            entities = opened.entity_summaries(limit=20)
            stored = read_stories(opened)[:20]
        by_id = {a.id: a for a in articles}
        stories = [{"id": s.id, "articles": [_summary(by_id[i]) for i in s.articles]}
                   for s in stored]
        outlets = Counter(a.source.outlet or "(unknown outlet)" for a in articles)
        return page(request, "web_home.html.j2", {
            "total": len(articles),
            "articles": sorted((_summary(a) for a in articles),
                               key=lambda r: r["published"] or "", reverse=True)[:50],
            "entities": [_jsonable(e) for e in entities], "stories": stories,
            "outlets": dict(outlets.most_common()), "can_write": bool(settings.token)})

    @app.get("/articles/{article_id}", response_class=HTMLResponse,
             dependencies=[Depends(require_read)])
    def article_page(request: Request, article_id: str, at: str | None = None,
                     min_confidence: float | None = MIN_CONFIDENCE) -> Any:
        with store() as opened:
            article = opened.article(article_id)
            names = {s.id: s.name for s in opened.entity_summaries(limit=1_000_000)}
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        target = _span_parameter("at", at, len(article.text))
        # Each kind of item from its own default threshold, or all from the one asked for.
        article = article.with_framing_from(shown_framing(min_confidence))
        threshold = default_threshold() if min_confidence is None else min_confidence
        article.quotes = [q for q in article.quotes
                          if q.get("confidence") is None or q["confidence"] >= threshold]
        quotes = [q | {"evidence": evidence(article, q["content"]["start"],
                                            q["content"]["end"], None, q),
                       "speaker_name": _speaker(q, names)} for q in article.quotes]
        events = [e | {"evidence": evidence(article, e["trigger"]["start"],
                                            e["trigger"]["end"], e.get("sentence"), e)}
                  for e in article.events if is_shown(e, _threshold(min_confidence))]
        framing = [f | {"evidence": evidence(article, f["start"], f["end"],
                                             f.get("sentence"), f),
                        "explained": explain_label(f["label"])} for f in article.framing]
        return page(request, "web_article.html.j2", {
            "article": article.to_dict(), "summary": _summary(article),
            "body": annotated_text(article, names, target, _threshold(min_confidence)),
            "names": names, "quotes": quotes, "events": events, "framing": framing,
            "at": target})

    @app.get("/entities/{entity_id}", response_class=HTMLResponse,
             dependencies=[Depends(require_read)])
    def entity_page(request: Request, entity_id: str) -> Any:
        with store() as opened:
            summaries = opened.entity_summaries(limit=1_000_000)
            names = {s.id: s.name for s in summaries}
            found = [s for s in summaries if s.id == entity_id]
            if not found:
                raise HTTPException(404, f"no entity {entity_id}")
            entity = found[0]
            naming_table = opened.naming({entity_id})
            threshold = default_threshold()
            quotes_by = [q for q in opened.quotes(speaker=entity_id, limit=200,
                                                  min_confidence=threshold)
                         if q.speaker_entity == entity_id]
            quotes_about = [q for q in opened.quotes(about=f'"{entity.name}"', limit=100,
                                                     min_confidence=threshold)
                            if q.speaker_entity != entity_id]
            events = opened.events(limit=100_000)
            timeline_rows = opened.timeline(actor=entity_id)
            cache = ArticleCache(opened)
            names_events = [e for e in events if entity_id in (e.actor, e.target)
                            or entity.name in (e.actor, e.target)][:100]
            data = {
                "entity": _jsonable(entity), "naming": _jsonable(naming_table),
                "quotes": [_jsonable(q) | {"evidence": cache.quote(q.article_id, q.quote_id)}
                           for q in quotes_by],
                "quotes_about": [_jsonable(q) | {"evidence": cache.quote(q.article_id,
                                                                         q.quote_id)}
                                 for q in quotes_about],
                "events": [_jsonable(e) | {"evidence": cache.event(e.article_id, e.event_id)}
                           for e in names_events],
                "timeline": [_timeline_row(r, cache, names) for r in timeline_rows[:50]]}
        return page(request, "web_entity.html.j2", data)

    @app.get("/stories/{story_id}", response_class=HTMLResponse,
             dependencies=[Depends(require_read)])
    def story_page(request: Request, story_id: str) -> Any:
        with store() as opened:
            articles = list(opened.articles())
            stories = {s.id: s for s in read_stories(opened)}
            if story_id not in stories:
                raise HTTPException(404, f"no story {story_id}")
            by_id = {a.id: a for a in articles}
            members = [by_id[i] for i in stories[story_id].articles]
            mentions: Counter[str] = Counter()
            for article in members:
                mentions.update({e.id: len(e.mentions) for e in article.entities
                                 if e.type in ("PERSON", "ORG", "GPE")})
            names = {s.id: s.name for s in opened.entity_summaries(limit=1_000_000)}
            outlets_here = {a.source.outlet for a in members}
            naming_rows = {
                names.get(entity_id, entity_id): {
                    outlet or "(unknown outlet)": [r.phrase for r in rows]
                    for outlet, rows in opened.naming({entity_id}, 4).items()
                    if outlet in outlets_here}
                for entity_id, _ in mentions.most_common(5)}
        return page(request, "web_story.html.j2", {
            "story": story_id,
            "articles": [_summary(a) | {
                "quotes": [{"text": shorten(q["content"]["text"], 160),
                            "speaker": _speaker(q, names),
                            "href": span_href(a.id, q["content"]["start"],
                                              q["content"]["end"])}
                           for q in a.quotes[:4]],
                "lead": shorten(a.text.strip().split("\n\n")[0], 400)}
                for a in members],
            "naming": naming_rows})

    @app.get("/timeline", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def timeline_page(request: Request, actor: str | None = None, since: str | None = None,
                      until: str | None = None, type: str | None = None,  # noqa: A002
                      outlet: str | None = None,
                      min_confidence: float | None = MIN_CONFIDENCE) -> Any:
        since, until = parse_date("since", since), parse_date("until", until)
        wanted_type = parse_choice("type", type, EVENT_TYPES, upper=True)
        with store() as opened:
            rows = opened.timeline(actor=actor or None, since=since,
                                   min_confidence=_threshold(min_confidence))
            names = {s.id: s.name for s in opened.entity_summaries(limit=1_000_000)}
            every_outlet = sorted({o for r in rows for o in r.outlets})
            if until:
                rows = [r for r in rows if r.date and r.date[:len(until)] <= until]
            if wanted_type:
                rows = [r for r in rows if wanted_type in (r.type, *r.other_types)]
            if outlet:
                rows = [r for r in rows if outlet in r.outlets]
            cache = ArticleCache(opened)
            shown = [_timeline_row(r, cache, names) for r in rows[:300]]
        from presslens.corpus_report import TYPE_COLOURS

        chart = [{"index": n, "day": _day_of(r["date"]), "date": r["date"] or "undated",
                  "type": r["type"], "actor": r["actor_name"], "target": r["target_name"],
                  "reports": len(r["reports"]), "outlets": r["outlets"],
                  "colour": TYPE_COLOURS.get(r["type"], "#555")}
                 for n, r in enumerate(shown)]
        return page(request, "web_timeline.html.j2", {
            "actor": actor or "", "since": since or "", "until": until or "",
            "type": wanted_type or "", "outlet": outlet or "", "types": EVENT_TYPES,
            "outlets": every_outlet, "rows": shown, "total": len(rows), "chart": chart})

    @app.get("/network", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def network_page(request: Request, since: str | None = None, until: str | None = None,
                     type: str | None = None,  # noqa: A002
                     min_confidence: float | None = MIN_CONFIDENCE) -> Any:
        graph = network_graph(since, until, type.split(",") if type else None, min_confidence)
        edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])
        nodes = [{"id": n, "label": d.get("label", n), "type": d.get("type") or "OTHER",
                  "mentions": d.get("mentions", 0)} for n, d in graph.nodes(data=True)]
        links = [{"source": a, "target": b, "kind": d["kind"], "weight": d["weight"],
                  "first": d["first"], "last": d["last"]} for a, b, d in edges]
        from presslens.corpus_report import TYPE_COLOURS

        return page(request, "web_network.html.j2", {
            "since": since or "", "until": until or "", "type": type or "",
            "graph": {"nodes": nodes, "links": links},
            "kind_colours": TYPE_COLOURS | {"talks about": "#64748b"},
            "edges": [{"source": graph.nodes[a].get("label", a), "source_id": a,
                       "target": graph.nodes[b].get("label", b), "target_id": b, **d}
                      for a, b, d in edges[:60]]})

    @app.get("/alerts", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def alerts_page(request: Request, rule: str = "", since: str = "", until: str = "",
                    offset: int = Query(0, ge=0)) -> Any:
        parse_date("since", since), parse_date("until", until)
        with store() as opened:
            state = WatchState(opened)
            total, items = state.alerts(rule=rule or None, since=since or None,
                                        until=until or None, limit=100, offset=offset)
            rules = state.alert_rules()
            feeds = state.feed_health()
        return page(request, "web_alerts.html.j2", {
            "rule": rule, "since": since, "until": until, "rules": rules, "total": total,
            "offset": offset, "alerts": items, "feeds": feeds})

    @app.get("/search", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def search_page(request: Request, q: str = "") -> Any:
        hits = []
        if q.strip():
            with store() as opened:
                cache = ArticleCache(opened)
                for hit in opened.search(q, limit=50):
                    matched = next((p for p, m in hit.parts if m), "")
                    hits.append(_jsonable(hit) | {
                        "evidence": cache.words(hit.article_id, matched.split())})
        return page(request, "web_search.html.j2", {"q": q, "hits": hits})

    @app.post("/upload", response_class=HTMLResponse)
    async def upload(request: Request) -> Any:
        """The upload box: pasted text or an HTML file, with the write token."""
        form = await request.form(max_files=1, max_fields=8,
                                  max_part_size=settings.max_body_bytes)
        token = str(form.get("token") or "")
        if not settings.token or not hmac.compare_digest(token, settings.token):
            raise HTTPException(401, "the write token is needed to add articles")
        text = str(form.get("text") or "")
        upload_file = form.get("file")
        data = b""
        # A browser sends the file field even when no file was chosen: an empty part with
        # an empty file name. Only a file with content is an upload.
        if isinstance(upload_file, UploadFile):
            data = await upload_file.read()
            if len(data) > settings.max_body_bytes:
                raise HTTPException(413, "file too large")
        if data.strip() and text.strip():
            raise HTTPException(422, "either paste a text or choose an HTML file, not both")
        record: dict[str, Any] = {
            "outlet": str(form.get("outlet") or "") or None,
            "published": parse_published("published", str(form.get("published") or ""))}
        if data.strip():
            record["html"] = data.decode("utf-8", errors="replace")
        elif text.strip():
            record["text"] = text
        else:
            raise HTTPException(422, "paste a text or choose an HTML file")
        try:
            raw = article_from_record({k: v for k, v in record.items() if v})
        except Exception as exc:  # a file that is not an article
            raise HTTPException(422, f"cannot read the article: {exc}") from exc
        with store() as opened:
            added = add_to_store(opened, [raw], knowledge)
        if added.copies:
            copy = added.copies[0]
            return render("web_message.html.j2", {
                "heading": "Already stored",
                "message": f"This text is a near-identical copy (similarity "
                           f"{copy.similarity:.2f}) of a stored article; it is kept as one of "
                           "that article's sources.",
                "link": f"/articles/{copy.copy_of}", "link_text": "Open the article"}, 200)
        article_id = added.analysed[0].id if added.analysed else raw.id
        return render("web_message.html.j2", {
            "heading": "Analysed", "message": f"“{raw.source.title}” is analysed and stored."
            if raw.source.title else "The article is analysed and stored.",
            "link": f"/articles/{article_id}", "link_text": "Open the article"}, 201)

    # /docs groups the JSON API apart from the pages (HTML, or JSON with ?format=json).
    for route in app.routes:
        if isinstance(route, APIRoute):
            route.tags = ["API"] if route.path.startswith("/api/") else [
                "pages: HTML, or JSON with ?format=json"]
    return app


def _span_parameter(parameter: str, value: str | None, length: int) -> tuple[int, int] | None:
    """``START-END`` offsets of a span in a text of ``length`` characters."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end) <= length:
        return int(start), int(end)
    raise BadValue(parameter, value, f"a span START-END inside the text (0 to {length})",
                   "120-134")


def _day_of(value: str | None) -> str | None:
    """The first day a date value of the timeline covers ("2031-W19" is a Monday), for the
    chart; None for what has no calendar date."""
    import re
    from datetime import date

    from presslens.temporal import parse_reference

    day = parse_reference(value)
    if day is not None:
        return day.isoformat()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})|-W(\d{2}))?", value or "")
    try:
        if match and match[3]:
            return date.fromisocalendar(int(match[1]), int(match[3]), 1).isoformat()
        if match:
            return date(int(match[1]), int(match[2] or 1), 1).isoformat()
    except ValueError:
        return None
    return None


def _script_json(value: Any) -> Markup:
    """``value`` as JSON to embed in a ``<script type="application/json">``: no ``<``, ``>``
    or ``&`` survive, so article text inside can never close the element."""
    import json

    text = json.dumps(_jsonable(value), ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


def _speaker(quote: dict[str, Any], names: dict[str, str]) -> str:
    """Who said it, by the resolved name where there is one ("Harzan", not "he")."""
    speaker = quote.get("speaker") or {}
    return names.get(speaker.get("entity") or "") or speaker.get("text") or "unattributed"


def _timeline_row(row: Any, cache: ArticleCache, names: dict[str, str] | None = None
                  ) -> dict[str, Any]:
    first = row.reports[0] if row.reports else None
    names = names or {}
    return _jsonable(row) | {
        "outlets": row.outlets, "other_types": row.other_types, "other_dates": row.other_dates,
        "actor_name": names.get(row.actor or "", row.actor or "?"),
        "target_name": names.get(row.target or "", row.target or ""),
        "evidence": cache.event(first.article_id, first.event_id) if first else None}


def _threshold(value: float | None) -> float:
    from presslens.event_confidence import default_min_confidence

    return default_min_confidence() if value is None else value


def _summary(article: ArticleAnalysis) -> dict[str, Any]:
    source = article.source
    # An article without a title is told from the others by its first words.
    heading = source.title or "(untitled) " + shorten(article.text.strip().split("\n")[0], 70)
    return {"id": article.id, "title": source.title, "heading": heading,
            "outlet": source.outlet,
            "published": source.published, "url": source.url,
            "quotes": len(article.quotes), "events": len(article.events),
            "framing": len(article.framing)}


def _jsonable(value: Any) -> Any:
    """Dataclasses, dicts and lists of them as plain JSON values."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Markup):
        return str(value)
    return value


LAYERS = ("entity", "quote", "timex", "event", "framing")


def annotated_text(article: ArticleAnalysis, names: dict[str, str],
                   target: tuple[int, int] | None = None,
                   min_confidence: float = 0.0) -> Markup:
    """The article text as HTML with every layer marked: entities, quotes (speaker on
    hover), time expressions, event triggers and framing spans, each in its own style, and
    ``target`` (a span a link pointed at) as ``<mark id="at">``. Marks that overlap are
    nested by opening and closing tags at character boundaries; each mark can be reached
    with Tab and opened with Enter."""
    text = article.text
    opens: dict[int, list[tuple[int, int, str]]] = {}

    def mark(start: int, end: int, layer: str, title: str, extra: str = "") -> None:
        if not 0 <= start < end <= len(text):
            return
        tag = (f'<span class="mk {layer}{(" " + extra) if extra else ""}" tabindex="0" '
               f'data-start="{start}" data-end="{end}" title="{escape(title)}">')
        opens.setdefault(start, []).append((end, 1, tag))

    if target is not None:
        opens.setdefault(target[0], []).append((target[1], 0, '<mark id="at" class="at">'))
    for entity in article.entities:
        for mention in entity.mentions:
            mark(mention.start, mention.end, "entity",
                 f"{names.get(entity.id, entity.name)} ({entity.type})")
    for quote in article.quotes:
        content = quote["content"]
        mark(content["start"], content["end"], "quote",
             f"quote by {_speaker(quote, names)} ({quote.get('kind')})")
    for timex in article.timexes:
        mark(timex["start"], timex["end"], "timex",
             f"time: {timex['text']} = {timex.get('value')}")
    for event in article.events:
        if not is_shown(event, min_confidence):
            continue
        trigger = event["trigger"]
        actor = names.get(event.get("actor") or "", event.get("actor_text") or "someone")
        target_name = names.get(event.get("target") or "", event.get("target_text") or "")
        how = modality_of(event)
        mark(trigger["start"], trigger["end"], "event",
             f"event {event['type']}: {actor} → {target_name}".rstrip(" →")
             + (f" ({how})" if how != "asserted" else "")
             + (f", confidence {event['confidence']:.2f}"
                if event.get("confidence") is not None else ""))
    for item in article.framing:
        explained = explain_label(item["label"])
        labelled = names.get(item.get("entity") or "")
        voice = "the outlet's own words" if item.get("voice") == "outlet" else \
            "in a quote" if item.get("voice") == "quoted" else item.get("voice") or ""
        mark(item["start"], item["end"], "framing",
             f"{explained['name']}{' of ' + labelled if labelled else ''} ({voice}): "
             f"{explained['means']}".rstrip(": "), item["label"])
    parts: list[str] = []
    stack: list[tuple[int, str]] = []
    for position, character in enumerate(text):
        while stack and stack[-1][0] == position:
            parts.append(stack.pop()[1])
        # Longest first, and the linked-to span outside the marks that start with it.
        for end, _, tag in sorted(opens.get(position, []), key=lambda item: (-item[0],
                                                                              item[1])):
            # An inner span that would outlive the span around it ends with it.
            end = min(end, stack[-1][0]) if stack else end
            parts.append(tag)
            stack.append((end, "</mark>" if tag.startswith("<mark") else "</span>"))
        parts.append("<br>" if character == "\n" else str(escape(character)))
    parts.extend(closing for _, closing in reversed(stack))
    return Markup("".join(parts))
