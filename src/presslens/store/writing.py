"""Writing batches of analysed articles (each in one transaction, with the entity
resolver's journal) and near-identical copies kept as sources."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from presslens.errors import StoreError
from presslens.model import ArticleAnalysis, Source
from presslens.store.articles import StoredArticles
from presslens.store.schema import ITEM_KINDS


@dataclass(slots=True)
class WriteReport:
    added: int = 0
    already_stored: int = 0


class ArticleWriting(StoredArticles):
    """Batches of articles and copies, written all or nothing."""

    def add_articles(self, articles: Iterable[ArticleAnalysis],
                     resolver_changes: Iterable[tuple[str, str, str | None]] = (),
                     *, along: Callable[[list[ArticleAnalysis]], None] | None = None
                     ) -> WriteReport:
        """Store a batch of analysed articles in one transaction; stored ones are skipped.
        ``resolver_changes`` (``EntityResolver.take_journal()``) are kept with the batch;
        ``along`` is called with the articles added, inside the transaction, so that what
        it writes (a watch's entries and alerts) is kept with them or not at all."""
        report = WriteReport()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.transaction():
                added = []
                for article in articles:
                    if self.has_article(article.id):
                        report.already_stored += 1
                        continue
                    self._insert_article(article, now)
                    added.append(article)
                    report.added += 1
                self.connection.executemany(
                    "INSERT INTO resolver_log (entity_id, entity_type, key) VALUES (?, ?, ?)",
                    list(resolver_changes))
                if along is not None:
                    along(added)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write to the store {self.path} (nothing of this batch "
                             f"was written): {exc}") from None
        return report

    def add_copy(self, copy_id: str, copy_of: str, similarity: float, source: Source) -> None:
        """Keep a near-identical copy of ``copy_of`` as one more source of it."""
        try:
            with self.transaction():
                self.connection.execute(
                    "INSERT OR IGNORE INTO copies (id, copy_of, similarity, source, outlet, "
                    "published) VALUES (?, ?, ?, ?, ?, ?)",
                    (copy_id, copy_of, similarity,
                     json.dumps(source.to_dict(), ensure_ascii=False), source.outlet,
                     source.published))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None

    def copies(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """The copies kept for one article (or all), as ``copies.jsonl`` records."""
        query = "SELECT id, copy_of, similarity, source FROM copies"
        params: tuple[str, ...] = ()
        if article_id is not None:
            query += " WHERE copy_of = ?"
            params = (article_id,)
        rows = self.connection.execute(query + " ORDER BY copy_of, id", params)
        return [{"id": r["id"], "copy_of": r["copy_of"], "similarity": r["similarity"],
                 "source": json.loads(r["source"])} for r in rows]

    def _insert_article(self, article: ArticleAnalysis, now: str) -> None:
        source = article.source
        self.connection.execute(
            "INSERT INTO articles (id, source, text, title, outlet, published, ingested_at, "
            "summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, json.dumps(source.to_dict(), ensure_ascii=False), article.text,
             source.title, source.outlet, source.published, now,
             json.dumps(article.summary, ensure_ascii=False)),
        )
        for seq, entity in enumerate(article.entities):
            self.connection.execute(
                "INSERT OR IGNORE INTO entities (id, name, type) VALUES (?, ?, ?)",
                (entity.id, entity.name, entity.type),
            )
            self.connection.execute(
                "INSERT INTO article_entities (article_id, seq, entity_id, name, type) "
                "VALUES (?, ?, ?, ?, ?)",
                (article.id, seq, entity.id, entity.name, entity.type),
            )
            self.connection.executemany(
                'INSERT INTO mentions (article_id, entity_id, start, "end", text, label) '
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(article.id, entity.id, m.start, m.end, m.text, m.label)
                 for m in entity.mentions],
            )
        self.connection.executemany(
            "INSERT OR IGNORE INTO quotes (id, article_id, kind, cue, speaker_entity, "
            'speaker_text, anonymous, content, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(q["id"], article.id, q["kind"], (q.get("cue") or {}).get("text"),
              q["speaker"].get("entity"), q["speaker"].get("text"),
              int(bool(q["speaker"].get("anonymous"))), q["content"]["text"],
              q["content"]["start"], q["content"]["end"]) for q in article.quotes],
        )
        for kind in ITEM_KINDS:
            self.connection.executemany(
                "INSERT INTO items (article_id, kind, seq, record) VALUES (?, ?, ?, ?)",
                [(article.id, kind, seq, json.dumps(item, ensure_ascii=False))
                 for seq, item in enumerate(getattr(article, kind))],
            )
