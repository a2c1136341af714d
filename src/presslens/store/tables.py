"""The analysis as flat tables and as a graph, for pandas, DuckDB, spreadsheets and Gephi.

``corpus_tables`` turns analysed articles into one list of rows per table (articles,
entities, mentions, quotes, events, timexes, framing); ``write_tables`` writes them as JSON
lines, CSV or Parquet; ``actor_network`` builds the actor graph (who acts on whom in events,
who talks about whom in quotes) and ``write_graphml`` writes it for Gephi.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from presslens.event_confidence import is_shown, modality_of
from presslens.model import ArticleAnalysis, CorpusEntity

TABLES = ("articles", "entities", "mentions", "quotes", "events", "timexes", "framing")
FORMATS = ("jsonl", "csv", "parquet", "graphml")


def corpus_tables(articles: Iterable[ArticleAnalysis], entities: Iterable[CorpusEntity]
                  ) -> dict[str, list[dict[str, Any]]]:
    """One list of flat rows per table; every row names its article."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    entities = list(entities)
    known = {e.id: e for e in entities}

    def name(entity_id: str | None) -> str | None:
        return known[entity_id].name if entity_id in known else None

    def kind(entity_id: str | None) -> str | None:
        return known[entity_id].type if entity_id in known else None

    for entity in entities:
        tables["entities"].append({
            "id": entity.id, "name": entity.name, "type": entity.type,
            "aliases": " | ".join(entity.aliases), "articles": entity.articles,
            "mentions": entity.mentions, "kb_id": entity.kb_id, "country": entity.country})
    for article in articles:
        source = article.source
        claims = (article.summary or {}).get("claims", {})
        tables["articles"].append({
            "id": article.id, "outlet": source.outlet, "title": source.title,
            "published": source.published, "published_inferred": source.published_inferred,
            "url": source.url, "path": source.path, "characters": len(article.text),
            "entities": len(article.entities), "quotes": len(article.quotes),
            "events": len(article.events), "framing": len(article.framing),
            "claims_attributed": claims.get("attributed"),
            "claims_unattributed": claims.get("unattributed")})
        for found in article.entities:
            for mention in found.mentions:
                tables["mentions"].append({
                    "article_id": article.id, "entity_id": found.id, "start": mention.start,
                    "end": mention.end, "text": mention.text, "label": mention.label})
        for quote in article.quotes:
            speaker = quote.get("speaker") or {}
            tables["quotes"].append({
                "id": quote["id"], "article_id": article.id, "kind": quote.get("kind"),
                "speaker_entity": speaker.get("entity"), "speaker_text": speaker.get("text"),
                "anonymous": bool(speaker.get("anonymous")),
                "cue": (quote.get("cue") or {}).get("text"),
                "content": quote["content"]["text"], "start": quote["content"]["start"],
                "end": quote["content"]["end"], "outlet": source.outlet,
                "published": source.published})
        for event in article.events:
            sentence = event.get("sentence") or event["trigger"]
            # A flat event table in the manner of GDELT's: one row per event with who, whom,
            # what, when, where, and the source with the sentence as evidence.
            tables["events"].append({
                "id": event["id"], "article_id": article.id, "type": event["type"],
                "mode": event.get("mode"), "actor": event.get("actor"),
                "actor_name": name(event.get("actor")), "actor_type": kind(event.get("actor")),
                "target_name": name(event.get("target")),
                "target_type": kind(event.get("target")),
                "location_name": name(event.get("location")), "url": source.url,
                "sentence": " ".join(article.text[sentence["start"]:sentence["end"]].split()),
                "actors": " | ".join(event.get("actors") or []),
                "actor_text": event.get("actor_text"), "target": event.get("target"),
                "targets": " | ".join(event.get("targets") or []),
                "target_text": event.get("target_text"), "location": event.get("location"),
                "date": event.get("date"), "negated": bool(event.get("negated")),
                "hypothetical": bool(event.get("hypothetical")),
                "modality": modality_of(event), "demanded_type": event.get("demanded_type"),
                "confidence": event.get("confidence"),
                "reported_by": event.get("reported_by"), "trigger": event["trigger"]["text"],
                "start": event["trigger"]["start"], "end": event["trigger"]["end"],
                "outlet": source.outlet, "published": source.published})
        for timex in article.timexes:
            tables["timexes"].append({
                "id": f"{article.id}:{timex.get('id', '')}", "article_id": article.id,
                "type": timex["type"], "value": timex.get("value"), "mod": timex.get("mod"),
                "anchor": timex.get("anchor"), "text": timex["text"], "start": timex["start"],
                "end": timex["end"]})
        for item in article.framing:
            tables["framing"].append({
                "id": item.get("id"), "article_id": article.id, "label": item["label"],
                "voice": item.get("voice"), "score": item.get("score"),
                "entity": item.get("entity"), "text": item["text"], "start": item["start"],
                "end": item["end"], "outlet": source.outlet})
    return tables


def write_tables(out_dir: Path, tables: dict[str, list[dict[str, Any]]], fmt: str
                 ) -> list[Path]:
    """Write each table as ``<name>.<fmt>`` in ``out_dir``; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tables.items():
        path = out_dir / f"{name}.{fmt}"
        partial = path.with_name(path.name + ".partial")
        columns = list(rows[0]) if rows else []
        if fmt == "jsonl":
            with partial.open("w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            with partial.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(rows), partial)
        else:
            raise ValueError(f"unknown table format {fmt!r}")
        partial.replace(path)
        paths.append(path)
    return paths


def actor_network(tables: dict[str, list[dict[str, Any]]], *, since: str | None = None,
                  until: str | None = None, types: set[str] | None = None,
                  min_confidence: float = 0.0,
                  modalities: frozenset[str] = frozenset({"asserted"})) -> Any:
    """The actor graph: an edge from actor to target per kind of event (weight = how many
    events), and from speaker to each actor named in what they said ("talks about");
    ``since``/``until`` keep what is dated inside the range, ``types`` the event types (and
    "talks about") wanted; by default only asserted events, those of at least
    ``min_confidence``. An event of another modality asked for makes its own kind of edge
    ("THREATEN (threatened)")."""
    import networkx as nx

    def wanted(kind: str, when: str | None) -> bool:
        if types is not None and kind.split(" (")[0] not in types:
            return False
        if not (since or until):
            return True
        if not when:
            return False
        return not (since and when < since) and not (until and when[:len(until)] > until)

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for entity in tables["entities"]:
        graph.add_node(entity["id"], label=entity["name"], type=entity["type"],
                       articles=entity["articles"], mentions=entity["mentions"])
    weights: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(source: str | None, target: str | None, kind: str, date: str | None) -> None:
        if not source or not target or source == target or source not in graph or \
                target not in graph or not wanted(kind, date):
            return
        edge = weights.setdefault((source, target, kind), {"weight": 0, "first": date,
                                                          "last": date})
        edge["weight"] += 1
        if date:
            edge["first"] = min(filter(None, (edge["first"], date)))
            edge["last"] = max(filter(None, (edge["last"], date)))

    for event in tables["events"]:
        modality = event.get("modality") or modality_of(event)
        if modality not in modalities or not is_shown(event, min_confidence):
            continue
        kind = event["type"] + (f" ({modality})" if modality != "asserted" else "")
        add(event["actor"], event["target"], kind, event["date"] or event["published"])
    mentions_by_article: dict[str, list[dict[str, Any]]] = {}
    for mention in tables["mentions"]:
        mentions_by_article.setdefault(mention["article_id"], []).append(mention)
    for quote in tables["quotes"]:
        for mention in mentions_by_article.get(quote["article_id"], []):
            if quote["start"] <= mention["start"] and mention["end"] <= quote["end"]:
                add(quote["speaker_entity"], mention["entity_id"], "talks about",
                    quote["published"])
    for (source, target, kind), data in weights.items():
        graph.add_edge(source, target, kind=kind, weight=data["weight"],
                       first=data["first"] or "", last=data["last"] or "")
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def write_network(out_dir: Path, tables: dict[str, list[dict[str, Any]]], **filters: Any
                  ) -> list[Path]:
    """The actor network as ``network.graphml`` (Gephi) and ``network.json`` (node-link JSON
    for a web view), with the same filters as ``actor_network``."""
    import networkx as nx

    graph = actor_network(tables, **filters)
    out_dir.mkdir(parents=True, exist_ok=True)
    graphml = out_dir / "network.graphml"
    partial = graphml.with_name(graphml.name + ".partial")
    nx.write_graphml(graph, partial)
    partial.replace(graphml)
    data = nx.node_link_data(graph, edges="links")
    node_link = out_dir / "network.json"
    partial = node_link.with_name(node_link.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(node_link)
    return [graphml, node_link]
