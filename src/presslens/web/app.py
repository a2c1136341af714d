"""The HTTP API and web UI over the store: a thin FastAPI layer over ``analyze`` and ``Store``.

Reads are open when the server listens on loopback; writes (``POST /api/articles``) need the
bearer token given at start-up (``PRESSLENS_TOKEN``), and are refused when none was given.
Every page is also JSON: ``?format=json`` on any page returns what it shows.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel, Field

from presslens.analysis import analyze
from presslens.ingest import article_from_record
from presslens.model import ArticleAnalysis
from presslens.resolve.knowledge import Knowledge
from presslens.store import Store
from presslens.story_store import read_stories

MAX_BODY_BYTES = 2_000_000
MAX_BATCH = 50


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


def create_app(settings: Settings) -> FastAPI:
    """The application; ``presslens serve`` runs it with uvicorn."""
    app = FastAPI(title="presslens", description="Who said what, who did what to whom and "
                  "when, and how the outlet framed it.", version="1")
    templates = Environment(loader=PackageLoader("presslens", "templates"),
                            autoescape=select_autoescape(["html", "j2"]))
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

    def page(request: Request, template: str, data: dict[str, Any]) -> Any:
        if request.query_params.get("format") == "json":
            return JSONResponse(_jsonable(data))
        # The page's own script and style carry a fresh nonce; nothing else may run, so
        # markup that slipped into an article's text could never execute.
        nonce = secrets.token_urlsafe(16)
        html = templates.get_template(template).render(**data, csp_nonce=nonce)
        return HTMLResponse(html, headers={"Content-Security-Policy": (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")})

    # -- API ---------------------------------------------------------------------------------

    @app.post("/api/articles", dependencies=[Depends(require_write)])
    def post_articles(body: ArticleIn | list[ArticleIn]) -> Any:
        """Analyse and store one article (or a list of up to 50); returns the records."""
        items = body if isinstance(body, list) else [body]
        if len(items) > MAX_BATCH:
            raise HTTPException(413, f"at most {MAX_BATCH} articles per request")
        raw = []
        for item in items:
            if not (item.text or item.html):
                raise HTTPException(422, "each article needs text or html")
            try:
                raw.append(article_from_record(item.model_dump(exclude_none=True)))
            except Exception as exc:  # a record that cannot become an article
                raise HTTPException(422, f"cannot read the article: {exc}") from exc
        with store() as opened:
            resolver = opened.entity_resolver(knowledge)
            corpus = analyze(raw, resolver=resolver, knowledge=knowledge)
            opened.add_articles(corpus.articles, resolver.take_journal())
        records = [a.to_dict() for a in corpus.articles]
        return records if isinstance(body, list) else records[0]

    @app.get("/api/articles", dependencies=[Depends(require_read)])
    def list_articles(outlet: str | None = None, entity: str | None = None,
                      since: str | None = None, until: str | None = None,
                      limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                      ) -> dict[str, Any]:
        """Articles, newest first, filtered by outlet, entity (any spelling), date range."""
        with store() as opened:
            ids = set(opened.entity_ids_named(entity)) if entity else None
            rows = [_summary(a) for a in opened.articles()
                    if (not outlet or a.source.outlet == outlet)
                    and (ids is None or ids & {e.id for e in a.entities})
                    and (not since or (a.source.published or "") >= since)
                    and (not until or (a.source.published or "9999") <= until)]
        rows.sort(key=lambda r: r["published"] or "", reverse=True)
        return {"total": len(rows), "offset": offset, "items": rows[offset:offset + limit]}

    @app.get("/api/articles/{article_id}", dependencies=[Depends(require_read)])
    def get_article(article_id: str) -> dict[str, Any]:
        with store() as opened:
            article = opened.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return article.to_dict()

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
                    kind: str | None = None, limit: int = Query(50, ge=1, le=500)
                    ) -> dict[str, Any]:
        with store() as opened:
            rows = opened.quotes(speaker=speaker, about=about, kind=kind, limit=limit)
        return {"items": [_jsonable(r) for r in rows]}

    @app.get("/api/events", dependencies=[Depends(require_read)])
    def list_events(actor: str | None = None, type: str | None = None,  # noqa: A002
                    since: str | None = None, limit: int = Query(100, ge=1, le=1000)
                    ) -> dict[str, Any]:
        with store() as opened:
            rows = opened.events(actor=actor, event_type=type, since=since, limit=limit)
        return {"items": [_jsonable(r) for r in rows]}

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
                 limit: int = Query(200, ge=1, le=2000)) -> dict[str, Any]:
        with store() as opened:
            rows = opened.timeline(actor=actor, since=since)
        return {"items": [_jsonable(r) | {"outlets": r.outlets, "other_types": r.other_types,
                                          "other_dates": r.other_dates}
                          for r in rows[:limit]]}

    @app.get("/api/naming/{entity_id}", dependencies=[Depends(require_read)])
    def naming(entity_id: str) -> dict[str, Any]:
        with store() as opened:
            table = opened.naming({entity_id})
        return {"entity": entity_id, "outlets": _jsonable(table)}

    @app.get("/api/network", dependencies=[Depends(require_read)])
    def network(since: str | None = None, until: str | None = None,
                type: Annotated[list[str] | None, Query()] = None  # noqa: A002
                ) -> dict[str, Any]:
        import networkx as nx

        from presslens.store.tables import actor_network, corpus_tables

        with store() as opened:
            tables = corpus_tables(opened.articles(), opened.entities())
        wanted = {t if t == "talks about" else t.upper() for t in type} if type else None
        graph = actor_network(tables, since=since, until=until, types=wanted)
        return nx.node_link_data(graph, edges="links")

    @app.get("/api/search", dependencies=[Depends(require_read)])
    def search(q: str, limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
        with store() as opened:
            hits = opened.search(q, limit=limit)
        return {"items": [_jsonable(h) for h in hits]}

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
            "articles": sorted((_summary(a) for a in articles),
                               key=lambda r: r["published"] or "", reverse=True)[:50],
            "entities": [_jsonable(e) for e in entities], "stories": stories,
            "outlets": dict(outlets.most_common())})

    @app.get("/articles/{article_id}", response_class=HTMLResponse,
             dependencies=[Depends(require_read)])
    def article_page(request: Request, article_id: str) -> Any:
        with store() as opened:
            article = opened.article(article_id)
            names = {s.id: s.name for s in opened.entity_summaries(limit=1_000_000)}
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return page(request, "web_article.html.j2", {
            "article": article.to_dict(), "summary": _summary(article),
            "body": annotated_text(article, names), "names": names})

    @app.get("/entities/{entity_id}", response_class=HTMLResponse,
             dependencies=[Depends(require_read)])
    def entity_page(request: Request, entity_id: str) -> Any:
        with store() as opened:
            found = [s for s in opened.entity_summaries(limit=1_000_000) if s.id == entity_id]
            if not found:
                raise HTTPException(404, f"no entity {entity_id}")
            entity = found[0]
            naming_table = opened.naming({entity_id})
            quotes_by = [q for q in opened.quotes(speaker=entity_id, limit=200)
                         if q.speaker_entity == entity_id]
            quotes_about = [q for q in opened.quotes(about=f'"{entity.name}"', limit=100)
                            if q.speaker_entity != entity_id]
            events = opened.events(limit=100_000)
            timeline_rows = opened.timeline(actor=entity_id)
        names_events = [e for e in events if entity_id in (e.actor, e.target)
                        or entity.name in (e.actor, e.target)]
        return page(request, "web_entity.html.j2", {
            "entity": _jsonable(entity), "naming": _jsonable(naming_table),
            "quotes": [_jsonable(q) for q in quotes_by],
            "quotes_about": [_jsonable(q) for q in quotes_about],
            "events": [_jsonable(e) for e in names_events[:100]],
            "timeline": [_jsonable(r) | {"outlets": r.outlets} for r in timeline_rows[:50]]})

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
                    outlet: [r.phrase for r in rows]
                    for outlet, rows in opened.naming({entity_id}, 4).items()
                    if outlet in outlets_here}
                for entity_id, _ in mentions.most_common(5)}
        return page(request, "web_story.html.j2", {
            "story": story_id,
            "articles": [_summary(a) | {"quotes": a.quotes[:4], "lead":
                                        a.text.strip().split("\n\n")[0][:400]}
                         for a in members],
            "naming": naming_rows})

    @app.get("/timeline", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def timeline_page(request: Request, actor: str | None = None, since: str | None = None,
                      until: str | None = None) -> Any:
        from presslens.corpus_report import timeline_svg

        with store() as opened:
            rows = opened.timeline(actor=actor or None, since=since or None)
            names = {s.id: s.name for s in opened.entity_summaries(limit=1_000_000)}
        if until:
            rows = [r for r in rows if r.date and r.date[:len(until)] <= until]
        return page(request, "web_timeline.html.j2", {
            "actor": actor or "", "since": since or "", "until": until or "", "names": names,
            "chart": timeline_svg(rows, names),
            "rows": [_jsonable(r) | {"outlets": r.outlets, "other_types": r.other_types,
                                     "other_dates": r.other_dates} for r in rows[:300]]})

    @app.get("/network", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def network_page(request: Request, since: str | None = None, until: str | None = None,
                     type: str | None = None) -> Any:  # noqa: A002
        from presslens.corpus_report import network_svg
        from presslens.store.tables import actor_network, corpus_tables

        with store() as opened:
            tables = corpus_tables(opened.articles(), opened.entities())
        wanted = {t.strip() if t.strip() == "talks about" else t.strip().upper()
                  for t in type.split(",")} if type else None
        graph = actor_network(tables, since=since or None, until=until or None, types=wanted)
        edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])[:60]
        return page(request, "web_network.html.j2", {
            "since": since or "", "until": until or "", "type": type or "",
            "picture": network_svg(graph, links=True),
            "edges": [{"source": graph.nodes[a].get("label", a), "source_id": a,
                       "target": graph.nodes[b].get("label", b), "target_id": b, **d}
                      for a, b, d in edges]})

    @app.get("/search", response_class=HTMLResponse, dependencies=[Depends(require_read)])
    def search_page(request: Request, q: str = "") -> Any:
        hits = []
        if q.strip():
            with store() as opened:
                hits = [_jsonable(h) for h in opened.search(q, limit=50)]
        return page(request, "web_search.html.j2", {"q": q, "hits": hits})

    @app.post("/upload", response_class=HTMLResponse)
    async def upload(request: Request) -> Any:
        """The upload box: pasted text or an HTML file, with the write token."""
        form = await request.form(max_files=1, max_fields=8,
                                  max_part_size=settings.max_body_bytes)
        token = str(form.get("token") or "")
        if not settings.token or not hmac.compare_digest(token, settings.token):
            raise HTTPException(401, "the write token is needed to add articles")
        record: dict[str, Any] = {"outlet": str(form.get("outlet") or "") or None,
                                  "published": str(form.get("published") or "") or None}
        upload_file = form.get("file")
        if upload_file is not None and hasattr(upload_file, "read"):
            data = await upload_file.read()
            if len(data) > settings.max_body_bytes:
                raise HTTPException(413, "file too large")
            record["html"] = data.decode("utf-8", errors="replace")
        elif str(form.get("text") or "").strip():
            record["text"] = str(form.get("text"))
        else:
            raise HTTPException(422, "paste a text or choose an HTML file")
        try:
            raw = article_from_record({k: v for k, v in record.items() if v})
        except Exception as exc:  # a file that is not an article
            raise HTTPException(422, f"cannot read the article: {exc}") from exc
        with store() as opened:
            resolver = opened.entity_resolver(knowledge)
            corpus = analyze([raw], resolver=resolver, knowledge=knowledge)
            opened.add_articles(corpus.articles, resolver.take_journal())
        article_id = corpus.articles[0].id if corpus.articles else raw.id
        return HTMLResponse(f'<p>Analysed. <a href="/articles/{escape(article_id)}">Open the '
                            "article</a>.</p>", status_code=201)

    return app


def _summary(article: ArticleAnalysis) -> dict[str, Any]:
    source = article.source
    return {"id": article.id, "title": source.title, "outlet": source.outlet,
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


def annotated_text(article: ArticleAnalysis, names: dict[str, str]) -> Markup:
    """The article text as HTML with every layer marked: entities, quotes (speaker on
    hover), time expressions, event triggers and framing spans, each in its own style.
    Marks that overlap are nested by opening and closing tags at character boundaries."""
    text = article.text
    opens: dict[int, list[tuple[int, str]]] = {}

    def mark(start: int, end: int, layer: str, title: str, extra: str = "") -> None:
        if not 0 <= start < end <= len(text):
            return
        tag = (f'<span class="mk {layer}{(" " + extra) if extra else ""}" '
               f'data-start="{start}" title="{escape(title)}">')
        opens.setdefault(start, []).append((end, tag))

    for entity in article.entities:
        for mention in entity.mentions:
            mark(mention.start, mention.end, "entity",
                 f"{names.get(entity.id, entity.name)} ({entity.type})")
    for quote in article.quotes:
        speaker = quote.get("speaker") or {}
        who = names.get(speaker.get("entity") or "", speaker.get("text") or "unattributed")
        content = quote["content"]
        mark(content["start"], content["end"], "quote", f"{who} ({quote.get('kind')})")
    for timex in article.timexes:
        mark(timex["start"], timex["end"], "timex", f"{timex['type']} {timex.get('value')}")
    for event in article.events:
        trigger = event["trigger"]
        mark(trigger["start"], trigger["end"], "event",
             f"{event['type']}: {names.get(event.get('actor') or '', event.get('actor_text'))}"
             f" → {names.get(event.get('target') or '', event.get('target_text'))}")
    for item in article.framing:
        mark(item["start"], item["end"], "framing", f"{item['label']} ({item.get('voice')})",
             item["label"])
    parts: list[str] = []
    stack: list[int] = []
    for position, character in enumerate(text):
        while stack and stack[-1] == position:
            parts.append("</span>")
            stack.pop()
        for end, tag in sorted(opens.get(position, []), key=lambda item: -item[0]):
            # An inner span that would outlive the span around it ends with it.
            end = min(end, stack[-1]) if stack else end
            parts.append(tag)
            stack.append(end)
        parts.append("<br>" if character == "\n" else str(escape(character)))
    parts.extend("</span>" for _ in stack)
    return Markup("".join(parts))
