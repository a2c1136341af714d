"""The HTML pages (each also JSON with ``?format=json``), the upload box and ``/docs``."""

from __future__ import annotations

import hmac
from collections import Counter
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from presslens.event_confidence import is_shown
from presslens.ingest import article_from_record
from presslens.params import EVENT_TYPES, parse_choice, parse_date, parse_published
from presslens.service import queries
from presslens.service.queries import event_threshold, quote_threshold
from presslens.service.writes import add_to_store
from presslens.store.watch import WatchState
from presslens.web.deps import MIN_CONFIDENCE, Web, require_read
from presslens.web.display import (
    annotated_text,
    article_summary,
    day_of,
    jsonable,
    span_parameter,
    speaker_name,
    timeline_row,
)
from presslens.web.evidence import ArticleCache, evidence, explain_label, shorten, span_href

# /docs groups the pages apart from the JSON API.
router = APIRouter(tags=["pages: HTML, or JSON with ?format=json"])


@router.get("/docs", include_in_schema=False)
def docs(web: Web) -> Any:
    """The OpenAPI documentation, drawn by the vendored Swagger UI."""
    return web.render("web_docs.html.j2", {})


@router.get("/", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def home(request: Request, web: Web) -> Any:
    with web.store() as opened:
        articles = list(opened.articles())
        entities = queries.list_actors(opened, limit=20)
        stored = queries.list_stories(opened, limit=20)
    stories = [{"id": s.story.id, "articles": [article_summary(a) for a in s.articles]}
               for s in stored]
    outlets = Counter(a.source.outlet or "(unknown outlet)" for a in articles)
    return web.page(request, "web_home.html.j2", {
        "total": len(articles),
        "articles": sorted((article_summary(a) for a in articles),
                           key=lambda r: r["published"] or "", reverse=True)[:50],
        "entities": [jsonable(e) for e in entities], "stories": stories,
        "outlets": dict(outlets.most_common()), "can_write": bool(web.settings.token)})


@router.get("/articles/{article_id}", response_class=HTMLResponse,
         dependencies=[Depends(require_read)])
def article_page(request: Request, web: Web, article_id: str, at: str | None = None,
                 min_confidence: float | None = MIN_CONFIDENCE) -> Any:
    with web.store() as opened:
        article = opened.article(article_id)
        names = queries.actor_names(opened)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    target = span_parameter("at", at, len(article.text))
    # Each kind of item from its own default threshold, or all from the one asked for.
    article = article.with_framing_from(web.shown_framing(min_confidence))
    threshold = quote_threshold(min_confidence)
    article.quotes = [q for q in article.quotes
                      if q.get("confidence") is None or q["confidence"] >= threshold]
    quotes = [q | {"evidence": evidence(article, q["content"]["start"],
                                        q["content"]["end"], None, q),
                   "speaker_name": speaker_name(q, names)} for q in article.quotes]
    events = [e | {"evidence": evidence(article, e["trigger"]["start"],
                                        e["trigger"]["end"], e.get("sentence"), e)}
              for e in article.events if is_shown(e, event_threshold(min_confidence))]
    framing = [f | {"evidence": evidence(article, f["start"], f["end"],
                                         f.get("sentence"), f),
                    "explained": explain_label(f["label"])} for f in article.framing]
    return web.page(request, "web_article.html.j2", {
        "article": article.to_dict(), "summary": article_summary(article),
        "body": annotated_text(article, names, target, event_threshold(min_confidence)),
        "names": names, "quotes": quotes, "events": events, "framing": framing,
        "at": target})


@router.get("/entities/{entity_id}", response_class=HTMLResponse,
         dependencies=[Depends(require_read)])
def entity_page(request: Request, web: Web, entity_id: str) -> Any:
    with web.store() as opened:
        # Every actor once, for their names and this one's record.
        actors = {a.id: a for a in queries.list_actors(opened, limit=queries.EVERY_ACTOR)}
        if entity_id not in actors:
            raise HTTPException(404, f"no entity {entity_id}")
        names = {a.id: a.name for a in actors.values()}
        entity = actors[entity_id]
        naming_table = queries.naming(opened, entity).outlets
        quotes_by = [q for q in queries.find_quotes(opened, speaker=entity_id, limit=200).items
                     if q.speaker_entity == entity_id]
        quotes_about = [q for q in queries.find_quotes(opened, about=f'"{entity.name}"',
                                                       limit=100).items
                        if q.speaker_entity != entity_id]
        events = opened.events(limit=100_000)
        timeline_rows = queries.timeline(opened, actor=entity_id, names=names).rows
        cache = ArticleCache(opened)
        names_events = [e for e in events if entity_id in (e.actor, e.target)
                        or entity.name in (e.actor, e.target)][:100]
        data = {
            "entity": jsonable(entity), "naming": jsonable(naming_table),
            "quotes": [jsonable(q) | {"evidence": cache.quote(q.article_id, q.quote_id)}
                       for q in quotes_by],
            "quotes_about": [jsonable(q) | {"evidence": cache.quote(q.article_id,
                                                                     q.quote_id)}
                             for q in quotes_about],
            "events": [jsonable(e) | {"evidence": cache.event(e.article_id, e.event_id)}
                       for e in names_events],
            "timeline": [timeline_row(r, cache, names) for r in timeline_rows[:50]]}
    return web.page(request, "web_entity.html.j2", data)


@router.get("/stories/{story_id}", response_class=HTMLResponse,
         dependencies=[Depends(require_read)])
def story_page(request: Request, web: Web, story_id: str) -> Any:
    with web.store() as opened:
        stories = {s.story.id: s for s in queries.list_stories(opened, limit=1_000_000)}
        if story_id not in stories:
            raise HTTPException(404, f"no story {story_id}")
        members = stories[story_id].articles
        mentions: Counter[str] = Counter()
        for article in members:
            mentions.update({e.id: len(e.mentions) for e in article.entities
                             if e.type in ("PERSON", "ORG", "GPE")})
        names = queries.actor_names(opened)
        outlets_here = {a.source.outlet for a in members}
        naming_rows = {
            names.get(entity_id, entity_id): {
                outlet or "(unknown outlet)": [r.phrase for r in rows]
                for outlet, rows in opened.naming({entity_id}, 4).items()
                if outlet in outlets_here}
            for entity_id, _ in mentions.most_common(5)}
    return web.page(request, "web_story.html.j2", {
        "story": story_id,
        "articles": [article_summary(a) | {
            "quotes": [{"text": shorten(q["content"]["text"], 160),
                        "speaker": speaker_name(q, names),
                        "href": span_href(a.id, q["content"]["start"],
                                          q["content"]["end"])}
                       for q in a.quotes[:4]],
            "lead": shorten(a.text.strip().split("\n\n")[0], 400)}
            for a in members],
        "naming": naming_rows})


@router.get("/timeline", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def timeline_page(request: Request, web: Web, actor: str | None = None, since: str | None = None,
                  until: str | None = None, type: str | None = None,  # noqa: A002
                  outlet: str | None = None,
                  min_confidence: float | None = MIN_CONFIDENCE) -> Any:
    since, until = parse_date("since", since), parse_date("until", until)
    wanted_type = parse_choice("type", type, EVENT_TYPES, upper=True)
    with web.store() as opened:
        shown_rows = queries.timeline(opened, actor=actor or None, since=since,
                                      min_confidence=min_confidence)
        rows, names = shown_rows.rows, shown_rows.names
        every_outlet = sorted({o for r in rows for o in r.outlets})
        if until:
            rows = [r for r in rows if r.date and r.date[:len(until)] <= until]
        if wanted_type:
            rows = [r for r in rows if wanted_type in (r.type, *r.other_types)]
        if outlet:
            rows = [r for r in rows if outlet in r.outlets]
        cache = ArticleCache(opened)
        shown = [timeline_row(r, cache, names) for r in rows[:300]]
    from presslens.corpus_report import TYPE_COLOURS

    chart = [{"index": n, "day": day_of(r["date"]), "date": r["date"] or "undated",
              "type": r["type"], "actor": r["actor_name"], "target": r["target_name"],
              "reports": len(r["reports"]), "outlets": r["outlets"],
              "colour": TYPE_COLOURS.get(r["type"], "#555")}
             for n, r in enumerate(shown)]
    return web.page(request, "web_timeline.html.j2", {
        "actor": actor or "", "since": since or "", "until": until or "",
        "type": wanted_type or "", "outlet": outlet or "", "types": EVENT_TYPES,
        "outlets": every_outlet, "rows": shown, "total": len(rows), "chart": chart})


@router.get("/network", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def network_page(request: Request, web: Web, since: str | None = None, until: str | None = None,
                 type: str | None = None,  # noqa: A002
                 min_confidence: float | None = MIN_CONFIDENCE) -> Any:
    graph = web.network_graph(since, until, type.split(",") if type else None, min_confidence)
    edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])
    nodes = [{"id": n, "label": d.get("label", n), "type": d.get("type") or "OTHER",
              "mentions": d.get("mentions", 0)} for n, d in graph.nodes(data=True)]
    links = [{"source": a, "target": b, "kind": d["kind"], "weight": d["weight"],
              "first": d["first"], "last": d["last"]} for a, b, d in edges]
    from presslens.corpus_report import TYPE_COLOURS

    return web.page(request, "web_network.html.j2", {
        "since": since or "", "until": until or "", "type": type or "",
        "graph": {"nodes": nodes, "links": links},
        "kind_colours": TYPE_COLOURS | {"talks about": "#64748b"},
        "edges": [{"source": graph.nodes[a].get("label", a), "source_id": a,
                   "target": graph.nodes[b].get("label", b), "target_id": b, **d}
                  for a, b, d in edges[:60]]})


@router.get("/alerts", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def alerts_page(request: Request, web: Web, rule: str = "", since: str = "", until: str = "",
                offset: int = Query(0, ge=0)) -> Any:
    parse_date("since", since), parse_date("until", until)
    with web.store() as opened:
        state = WatchState(opened)
        total, items = state.alerts(rule=rule or None, since=since or None,
                                    until=until or None, limit=100, offset=offset)
        rules = state.alert_rules()
        feeds = state.feed_health()
    return web.page(request, "web_alerts.html.j2", {
        "rule": rule, "since": since, "until": until, "rules": rules, "total": total,
        "offset": offset, "alerts": items, "feeds": feeds})


@router.get("/search", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def search_page(request: Request, web: Web, q: str = "") -> Any:
    hits = []
    if q.strip():
        with web.store() as opened:
            cache = ArticleCache(opened)
            for hit in queries.search_articles(opened, q, limit=50).hits:
                matched = next((p for p, m in hit.parts if m), "")
                hits.append(jsonable(hit) | {
                    "evidence": cache.words(hit.article_id, matched.split())})
    return web.page(request, "web_search.html.j2", {"q": q, "hits": hits})


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, web: Web) -> Any:
    """The upload box: pasted text or an HTML file, with the write token."""
    form = await request.form(max_files=1, max_fields=8,
                              max_part_size=web.settings.max_body_bytes)
    token = str(form.get("token") or "")
    if not web.settings.token or not hmac.compare_digest(token, web.settings.token):
        raise HTTPException(401, "the write token is needed to add articles")
    text = str(form.get("text") or "")
    upload_file = form.get("file")
    data = b""
    # A browser sends the file field even when no file was chosen: an empty part with
    # an empty file name. Only a file with content is an upload.
    if isinstance(upload_file, UploadFile):
        data = await upload_file.read()
        if len(data) > web.settings.max_body_bytes:
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
    with web.store() as opened:
        added = add_to_store(opened, [raw], web.current_knowledge())
    if added.copies:
        copy = added.copies[0]
        return web.render("web_message.html.j2", {
            "heading": "Already stored",
            "message": f"This text is a near-identical copy (similarity "
                       f"{copy.similarity:.2f}) of a stored article; it is kept as one of "
                       "that article's sources.",
            "link": f"/articles/{copy.copy_of}", "link_text": "Open the article"}, 200)
    article_id = added.analysed[0].id if added.analysed else raw.id
    return web.render("web_message.html.j2", {
        "heading": "Analysed", "message": f"“{raw.source.title}” is analysed and stored."
        if raw.source.title else "The article is analysed and stored.",
        "link": f"/articles/{article_id}", "link_text": "Open the article"}, 201)
