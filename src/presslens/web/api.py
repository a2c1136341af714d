"""The JSON API under ``/api/``: articles to analyse and store, and every query of the store.

Writes (``POST /api/articles``) need the bearer token given at start-up and go through
``presslens.service.add_to_store``, the path ``presslens ingest`` takes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from presslens.components.quotes.confidence import default_threshold
from presslens.ingest import article_from_record
from presslens.params import EVENT_TYPES, parse_choice, parse_date, parse_published
from presslens.service import add_to_store
from presslens.store.watch import WatchState
from presslens.story_store import read_stories
from presslens.web.deps import MIN_CONFIDENCE, Web, require_read, require_write
from presslens.web.display import article_summary, event_threshold, jsonable

MAX_BATCH = 50
QUOTE_KINDS = ("direct", "indirect", "mixed")

# /docs groups the JSON API apart from the pages (HTML, or JSON with ?format=json).
router = APIRouter(tags=["API"])


class ArticleIn(BaseModel):
    """An article to analyse: text or HTML, and what is known about it."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


@router.post("/api/articles", dependencies=[Depends(require_write)])
def post_articles(web: Web, body: ArticleIn | list[ArticleIn]) -> Any:
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
    with web.store() as opened:
        added = add_to_store(opened, raw, web.knowledge)
    # A near-identical copy of a stored article is kept as its source, as ingest keeps
    # it, and answered as such ({"id", "copy_of", "similarity", "source"}).
    records = [item.to_dict() for item in added.in_order(raw)]
    return records if isinstance(body, list) else records[0]


@router.get("/api/articles", dependencies=[Depends(require_read)])
def list_articles(web: Web, outlet: str | None = None, entity: str | None = None,
                  since: str | None = None, until: str | None = None,
                  limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                  ) -> dict[str, Any]:
    """Articles, newest first, filtered by outlet, entity (any spelling), date range
    (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``)."""
    since, until = parse_date("since", since), parse_date("until", until)
    with web.store() as opened:
        ids = set(opened.entity_ids_named(entity)) if entity else None
        rows = [article_summary(a) for a in opened.articles()
                if (not outlet or a.source.outlet == outlet)
                and (ids is None or ids & {e.id for e in a.entities})
                and (not since or (a.source.published or "") >= since)
                and (not until or (a.source.published or "9999")[:len(until)] <= until)]
    rows.sort(key=lambda r: r["published"] or "", reverse=True)
    return {"total": len(rows), "offset": offset, "items": rows[offset:offset + limit]}


@router.get("/api/articles/{article_id}", dependencies=[Depends(require_read)])
def get_article(web: Web, article_id: str, min_confidence: float | None = Query(None, ge=0, le=1)
                ) -> dict[str, Any]:
    with web.store() as opened:
        article = opened.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return article.with_framing_from(web.shown_framing(min_confidence)).to_dict()


@router.get("/api/entities", dependencies=[Depends(require_read)])
def list_entities(web: Web, name: str | None = None, type: str | None = None,  # noqa: A002
                  limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                  ) -> dict[str, Any]:
    with web.store() as opened:
        rows = [s for s in opened.entity_summaries(name, limit=1_000_000)
                if not type or s.type == type.upper()]
    return {"total": len(rows), "offset": offset,
            "items": [jsonable(r) for r in rows[offset:offset + limit]]}


@router.get("/api/quotes", dependencies=[Depends(require_read)])
def list_quotes(web: Web, speaker: str | None = None, about: str | None = None,
                kind: str | None = None, limit: int = Query(50, ge=1, le=500),
                min_confidence: float | None = Query(None, ge=0.0, le=1.0)
                ) -> dict[str, Any]:
    kind = parse_choice("kind", kind, QUOTE_KINDS)
    # At or above the model's default threshold unless asked otherwise (0: all).
    threshold = default_threshold() if min_confidence is None else min_confidence
    with web.store() as opened:
        rows = opened.quotes(speaker=speaker, about=about, kind=kind, limit=limit,
                             min_confidence=threshold)
    return {"min_confidence": threshold, "items": [jsonable(r) for r in rows]}


@router.get("/api/events", dependencies=[Depends(require_read)])
def list_events(web: Web, actor: str | None = None, type: str | None = None,  # noqa: A002
                since: str | None = None, limit: int = Query(100, ge=1, le=1000),
                min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
    type = parse_choice("type", type, EVENT_TYPES, upper=True)  # noqa: A001
    since = parse_date("since", since)
    threshold = event_threshold(min_confidence)
    with web.store() as opened:
        rows = opened.events(actor=actor, event_type=type, since=since, limit=limit,
                             min_confidence=threshold)
    return {"min_confidence": threshold, "items": [jsonable(r) for r in rows]}


@router.get("/api/stories", dependencies=[Depends(require_read)])
def list_stories(web: Web, limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    with web.store() as opened:
        articles = list(opened.articles())
        stories = read_stories(opened)
    by_id = {a.id: a for a in articles}
    return {"items": [{"id": s.id, "articles": [article_summary(by_id[i]) for i in s.articles]}
                      for s in stories[:limit]]}


@router.get("/api/timeline", dependencies=[Depends(require_read)])
def timeline(web: Web, actor: str | None = None, since: str | None = None,
             limit: int = Query(200, ge=1, le=2000),
             min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
    since = parse_date("since", since)
    threshold = event_threshold(min_confidence)
    with web.store() as opened:
        rows = opened.timeline(actor=actor, since=since, min_confidence=threshold)
    return {"events": "asserted", "min_confidence": threshold, "items": [
        jsonable(r) | {"outlets": r.outlets, "other_types": r.other_types,
                        "other_dates": r.other_dates} for r in rows[:limit]]}


@router.get("/api/naming/{entity_id}", dependencies=[Depends(require_read)])
def naming(web: Web, entity_id: str) -> dict[str, Any]:
    with web.store() as opened:
        table = opened.naming({entity_id})
    return {"entity": entity_id, "outlets": jsonable(table)}


@router.get("/api/network", dependencies=[Depends(require_read)])
def network(web: Web, since: str | None = None, until: str | None = None,
            type: Annotated[list[str] | None, Query()] = None,  # noqa: A002
            min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
    import networkx as nx

    graph = web.network_graph(since, until, type, min_confidence)
    return nx.node_link_data(graph, edges="links")


@router.get("/api/search", dependencies=[Depends(require_read)])
def search(web: Web, q: str, limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    with web.store() as opened:
        hits = opened.search(q, limit=limit)
    return {"items": [jsonable(h) for h in hits]}


@router.get("/api/alerts", dependencies=[Depends(require_read)])
def list_alerts(web: Web, rule: str | None = None, since: str | None = None,
                until: str | None = None, limit: int = Query(50, ge=1, le=500),
                offset: int = Query(0, ge=0)) -> dict[str, Any]:
    """Alerts raised by `presslens watch`, newest first, by rule and date raised."""
    since, until = parse_date("since", since), parse_date("until", until)
    with web.store() as opened:
        total, items = WatchState(opened).alerts(rule=rule, since=since, until=until,
                                                 limit=limit, offset=offset)
    return {"total": total, "offset": offset, "items": items}


@router.get("/api/feeds", dependencies=[Depends(require_read)])
def list_feeds(web: Web) -> dict[str, Any]:
    """The feeds `presslens watch` reads: fetch state, failures, entries by state."""
    with web.store() as opened:
        return {"items": WatchState(opened).feed_health()}
