"""The JSON API under ``/api/``: articles to analyse and store, corrections of actors, and
every query of the store.

Each route reads its parameters and answers what a function of ``presslens.service`` returns,
the one the matching CLI command calls. Writes (``POST /api/articles``, the merges and splits
of actors) need the bearer token given at start-up; articles go through
``presslens.service.writes.add_to_store``, the path ``presslens ingest`` takes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from presslens.ingest import article_from_record
from presslens.params import (
    EVENT_TYPES,
    parse_choice,
    parse_date,
    parse_modalities,
    parse_published,
)
from presslens.service import queries
from presslens.service.corrections import Correction, merge_actors, split_actor
from presslens.service.writes import add_to_store
from presslens.store.watch import WatchState
from presslens.web.deps import MIN_CONFIDENCE, Web, actor_errors, require_read, require_write
from presslens.web.display import article_summary, jsonable

MAX_BATCH = 50

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
        added = add_to_store(opened, raw, web.current_knowledge())
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
        rows = [article_summary(a) for a in queries.list_articles(
            opened, outlet=outlet, actor=entity, since=since, until=until)]
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
        rows = queries.list_actors(opened, name=name, entity_type=type,
                                   limit=queries.EVERY_ACTOR)
    return {"total": len(rows), "offset": offset,
            "items": [jsonable(r) for r in rows[offset:offset + limit]]}


@router.get("/api/quotes", dependencies=[Depends(require_read)])
def list_quotes(web: Web, speaker: str | None = None, about: str | None = None,
                kind: str | None = None, limit: int = Query(50, ge=1, le=500),
                min_confidence: float | None = Query(None, ge=0.0, le=1.0)
                ) -> dict[str, Any]:
    kind = parse_choice("kind", kind, queries.QUOTE_KINDS)
    with web.store() as opened:
        shown = queries.find_quotes(opened, speaker=speaker, about=about, kind=kind,
                                    limit=limit, min_confidence=min_confidence)
    return {"min_confidence": shown.min_confidence, "items": [jsonable(r) for r in shown.items]}


@router.get("/api/events", dependencies=[Depends(require_read)])
def list_events(web: Web, actor: str | None = None, target: str | None = None,
                type: str | None = None,  # noqa: A002
                since: str | None = None, limit: int = Query(100, ge=1, le=1000),
                min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
    type = parse_choice("type", type, EVENT_TYPES, upper=True)  # noqa: A001
    since = parse_date("since", since)
    with web.store() as opened:
        shown = queries.find_events(opened, actor=actor, target=target, event_type=type,
                                    since=since, limit=limit,
                                    min_confidence=min_confidence)
    return {"min_confidence": shown.min_confidence, "items": [jsonable(r) for r in shown.items]}


@router.get("/api/stories", dependencies=[Depends(require_read)])
def list_stories(web: Web, limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    with web.store() as opened:
        stories = queries.list_stories(opened, limit=limit)
    return {"items": [{"id": s.story.id, "articles": [article_summary(a) for a in s.articles]}
                      for s in stories]}


@router.get("/api/timeline", dependencies=[Depends(require_read)])
def timeline(web: Web, actor: str | None = None, since: str | None = None,
             limit: int = Query(200, ge=1, le=2000),
             modality: Annotated[list[str] | None, Query()] = None,
             min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
    """One row per event however many articles tell it; asserted events unless
    ``modality`` (repeated) asks for others."""
    since = parse_date("since", since)
    wanted = parse_modalities("modality", modality)
    with web.store() as opened:
        shown = queries.timeline(opened, actor=actor, since=since,
                                 min_confidence=min_confidence, modalities=wanted)
    return {"events": ", ".join(sorted(shown.modalities)),
            "min_confidence": shown.min_confidence, "items": [
                jsonable(r) | {"outlets": r.outlets, "other_types": r.other_types,
                               "other_dates": r.other_dates} for r in shown.rows[:limit]]}


@router.get("/api/naming/{entity}", dependencies=[Depends(require_read)])
def naming(web: Web, entity: str, limit: int = Query(8, ge=1, le=100)) -> dict[str, Any]:
    """How each outlet names an actor, given by id or any spelling of a name (404 when no
    actor has it, 409 when several do)."""
    with web.store() as opened, actor_errors():
        named = queries.naming(opened, entity, limit_per_outlet=limit)
    return {"entity": named.actor.id, "name": named.actor.name,
            "outlets": jsonable(named.outlets)}


@router.get("/api/network", dependencies=[Depends(require_read)])
def network(web: Web, since: str | None = None, until: str | None = None,
            type: Annotated[list[str] | None, Query()] = None,  # noqa: A002
            modality: Annotated[list[str] | None, Query()] = None,
            min_confidence: float | None = MIN_CONFIDENCE) -> dict[str, Any]:
    import networkx as nx

    graph = web.network_graph(since, until, type, min_confidence, modality)
    return nx.node_link_data(graph, edges="links")


@router.get("/api/search", dependencies=[Depends(require_read)])
def search(web: Web, q: str, limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    with web.store() as opened:
        found = queries.search_articles(opened, q, limit=limit)
    return {"also_spelled": found.also_spelled, "items": [jsonable(h) for h in found.hits]}


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


class MergeIn(BaseModel):
    """Two stored actors that are one: each an id or any spelling of a name."""

    keep: str
    other: str


class SplitIn(BaseModel):
    """An actor that wrongly holds two, and the spelling that names the other one."""

    entity: str
    spelling: str


def correction_answer(done: Correction) -> dict[str, Any]:
    return {"kept": done.kept, "other": done.other, "articles_changed": done.articles_changed}


@router.post("/api/entities/merge", dependencies=[Depends(require_write)])
def merge_entities(web: Web, body: MergeIn) -> dict[str, Any]:
    """Make two stored actors one, as `presslens merge` does: in every stored article and in
    the alias table, so later analyses resolve the same way."""
    with web.store() as opened, actor_errors():
        done = merge_actors(opened, web.alias_table, web.current_knowledge(), body.keep,
                            body.other)
    web.forget_knowledge()
    return correction_answer(done)


@router.post("/api/entities/split", dependencies=[Depends(require_write)])
def split_entity(web: Web, body: SplitIn) -> dict[str, Any]:
    """Move the mentions of one spelling out of an actor into a new one, as `presslens split`
    does; ``other`` is the new actor's id."""
    with web.store() as opened, actor_errors():
        done = split_actor(opened, web.alias_table, body.entity, body.spelling)
    web.forget_knowledge()
    return correction_answer(done)
