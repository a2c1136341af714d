"""The HTML report of an analysis: one self-contained page an analyst can open or send."""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from presslens.model import ArticleAnalysis, Corpus

REPORT_FILE = "report.html"


def highlight_entities(article: ArticleAnalysis) -> Markup:
    """The article text as HTML with every entity mention marked, the rest escaped."""
    marks = sorted(
        ((m.start, m.end, e.id, e.type) for e in article.entities for m in e.mentions),
        key=lambda mark: (mark[0], -mark[1]),
    )
    text = article.text
    parts: list[str] = []
    cursor = 0
    for start, end, entity_id, entity_type in marks:
        if start < cursor:
            continue  # mentions never overlap; guard against a bad record anyway
        parts.append(str(escape(text[cursor:start])))
        parts.append(
            f'<mark class="ent {escape(entity_type.lower())}" title="{escape(entity_id)}">'
            f"{escape(text[start:end])}</mark>"
        )
        cursor = end
    parts.append(str(escape(text[cursor:])))
    paragraphs = "".join(parts).split("\n\n")
    return Markup("".join(f"<p>{p}</p>" for p in paragraphs))


def render_report(corpus: Corpus, *, title: str = "presslens analysis",
                  article_count: int | None = None, near_duplicates: int = 0,
                  outlet_counts: Counter[str] | None = None,
                  entity_count: int | None = None) -> str:
    """The report page; ``corpus.articles`` may be the first articles of a larger run of
    ``article_count``, which the page then says, and ``corpus.entities`` the most mentioned
    of ``entity_count``."""
    env = Environment(loader=PackageLoader("presslens", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("report.html.j2")
    outlets = outlet_counts or Counter(a.source.outlet or "(unknown outlet)"
                                       for a in corpus.articles)
    return template.render(
        title=title,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        corpus=corpus,
        article_count=len(corpus.articles) if article_count is None else article_count,
        entity_count=len(corpus.entities) if entity_count is None else entity_count,
        near_duplicates=near_duplicates,
        outlets=outlets.most_common(),
        entities=corpus.entities[:100],
        highlight=highlight_entities,
    )


def write_report(corpus: Corpus, out_dir: str | os.PathLike[str], **kwargs: Any) -> Path:
    path = Path(out_dir) / REPORT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(corpus, **kwargs), encoding="utf-8")
    return path
