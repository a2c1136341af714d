"""The corpus report: one self-contained HTML page over the store, readable offline.

Per story, the outlets side by side (title, lead, how each names the story's actors); the
timeline as a chart; the actor network as a picture; the naming tables of the most named
actors. Pictures are inline SVG drawn here, so the page needs no script and no network.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from presslens.model import ArticleAnalysis
from presslens.store.sqlite import Store
from presslens.store.tables import actor_network, corpus_tables
from presslens.story_store import read_stories
from presslens.temporal import parse_reference
from presslens.timeline import TimelineRow

CORPUS_REPORT_FILE = "corpus-report.html"
TYPE_COLOURS = {"ASSAULT": "#b91c1c", "COERCE": "#c2410c", "THREATEN": "#d97706",
                "SANCTION": "#a16207", "MOBILIZE": "#92400e", "PROTEST": "#7c3aed",
                "ACCUSE": "#db2777", "REJECT": "#be185d", "REQUEST": "#2563eb",
                "CONSULT": "#0891b2", "AGREE": "#059669", "SUPPORT": "#16a34a",
                "COOPERATE": "#15803d", "AID": "#0d9488", "CONCEDE": "#4d7c0f",
                "RETREAT": "#65a30d"}


def _lead(article: ArticleAnalysis, limit: int = 320) -> str:
    first = article.text.strip().split("\n\n")[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def timeline_svg(rows: list[TimelineRow], names: dict[str, str], width: int = 900) -> Markup:
    """Dated timeline rows as dots on a time axis, one line per row, coloured by type."""
    read = [(parse_reference(r.date) or _month_start(r.date), r) for r in rows]
    dated = [(d, r) for d, r in read if d is not None][:60]
    if not dated:
        return Markup("<p>No dated events.</p>")
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((last - first).days, 1)
    line_height, left, right = 18, 170, 20
    height = line_height * len(dated) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="timeline">',
             f'<text x="{left}" y="14" font-size="11">{first.isoformat()}</text>',
             f'<text x="{width - right}" y="14" font-size="11" text-anchor="end">'
             f'{last.isoformat()}</text>']
    for n, (day, row) in enumerate(sorted(dated, key=lambda item: item[0])):
        y = 30 + n * line_height
        x = left + (width - left - right) * (day - first).days / span
        colour = TYPE_COLOURS.get(row.type, "#555")
        actor = names.get(row.actor or "", row.actor or "?")
        target = names.get(row.target or "", row.target or "")
        label = html.escape(f"{row.date} {actor} {row.type} {target} "
                            f"({len(row.reports)} report(s))")
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" '
                     f'stroke="#eee"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="11" text-anchor="end">'
                     f'{html.escape(row.type)}</text>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y}" r="{3 + min(len(row.reports), 5)}" '
                     f'fill="{colour}"><title>{label}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _month_start(value: str | None) -> date | None:
    if value and len(value) == 7 and value[4] == "-":
        try:
            return date(int(value[:4]), int(value[5:]), 1)
        except ValueError:
            return None
    return None


def network_svg(graph: Any, size: int = 640, limit: int = 40, links: bool = False) -> Markup:
    """The actor network drawn with a seeded spring layout: circle size by weight of ties,
    lines by how often one acts on or speaks of the other."""
    import networkx as nx

    if graph.number_of_edges() == 0:
        return Markup("<p>No ties between actors.</p>")
    simple: nx.DiGraph[str] = nx.DiGraph()
    for source, target, data in graph.edges(data=True):
        weight = simple.get_edge_data(source, target, {}).get("weight", 0) + data["weight"]
        simple.add_edge(source, target, weight=weight)
    strength = Counter({n: sum(d["weight"] for *_, d in simple.edges(n, data=True))
                        + sum(d["weight"] for *_, d in simple.in_edges(n, data=True))
                        for n in simple})
    keep = {n for n, _ in strength.most_common(limit)}
    simple = simple.subgraph(keep).copy()
    positions = nx.spring_layout(simple, seed=13, k=1.5 / math.sqrt(max(len(simple), 1)))
    margin = 60

    def point(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return (margin + (x + 1) / 2 * (size - 2 * margin),
                margin + (y + 1) / 2 * (size - 2 * margin))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
             f'role="img" aria-label="actor network">']
    for source, target, data in simple.edges(data=True):
        (x1, y1), (x2, y2) = point(source), point(target)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="#94a3b8" stroke-width="{min(1 + data["weight"] / 2, 6):.1f}"/>')
    for node in simple:
        x, y = point(node)
        label = html.escape(str(graph.nodes[node].get("label", node)))
        radius = 4 + min(strength[node], 20) / 2
        shape = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#1e3a8a">'
                 f"<title>{label}</title></circle>"
                 f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}" font-size="11">{label}</text>')
        if links:  # in the web UI a node opens the actor's page
            shape = f'<a href="/entities/{html.escape(str(node))}">{shape}</a>'
        parts.append(shape)
    parts.append("</svg>")
    return Markup("".join(parts))


def build_corpus_report(store: Store, title: str = "presslens corpus report",
                        stories_shown: int = 12, actors_per_story: int = 4) -> str:
    articles = list(store.articles())
    entities = store.entities()
    names = {e.id: e.name for e in entities}
    tables = corpus_tables(articles, entities)
    by_id = {a.id: a for a in articles}
    stories = []
    for story in read_stories(store)[:stories_shown]:
        members = [by_id[i] for i in story.articles]
        mentions: Counter[str] = Counter()
        for article in members:
            mentions.update({e.id: len(e.mentions) for e in article.entities
                             if e.type in ("PERSON", "ORG", "GPE")})
        actors = [entity_id for entity_id, _ in mentions.most_common(actors_per_story)]
        naming = {entity_id: store.naming({entity_id}, limit_per_outlet=3)
                  for entity_id in actors}
        stories.append({
            "id": story.id,
            "articles": [{"outlet": a.source.outlet or "(unknown outlet)",
                          "published": a.source.published, "title": a.source.title,
                          "lead": _lead(a)} for a in members],
            "actors": [{"name": names.get(entity_id, entity_id),
                        "naming": {outlet: [r.phrase for r in rows]
                                   for outlet, rows in naming[entity_id].items()
                                   if outlet in {a.source.outlet for a in members}}}
                       for entity_id in actors],
        })
    timeline = store.timeline()
    top = Counter({e.id: e.mentions for e in entities if e.type in ("PERSON", "ORG", "GPE")})
    naming_tables = [{"name": names[entity_id], "id": entity_id,
                      "outlets": store.naming({entity_id}, limit_per_outlet=5)}
                     for entity_id, _ in top.most_common(6)]
    environment = Environment(loader=PackageLoader("presslens", "templates"),
                              autoescape=select_autoescape(["html", "j2"]))
    template = environment.get_template("corpus_report.html.j2")
    return template.render(
        title=title, generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        article_count=len(articles), outlet_count=len({a.source.outlet for a in articles}),
        stories=stories, timeline=timeline_svg(timeline, names),
        timeline_rows=timeline[:40], names=names,
        network=network_svg(actor_network(tables)), naming_tables=naming_tables,
        colours=TYPE_COLOURS)


def write_corpus_report(store: Store, out_dir: Path, title: str = "presslens corpus report"
                        ) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / CORPUS_REPORT_FILE
    partial = path.with_name(path.name + ".partial")
    partial.write_text(build_corpus_report(store, title), encoding="utf-8")
    partial.replace(path)
    return path
