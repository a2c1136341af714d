"""Reading stored articles back exactly as they were analysed, and fingerprints of the
whole store."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from presslens.model import ArticleAnalysis, ArticleEntity, Mention, Source
from presslens.store.schema import ITEM_KINDS, StoreConnection


class StoredArticles(StoreConnection):
    """The stored articles, read back."""

    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    # What a run decides, table by table (ingest times and row ids aside).
    _CONTENT_QUERIES = {
        "articles": "SELECT id, source, text, title, outlet, published, summary FROM articles",
        "entities": "SELECT id, name, type FROM entities",
        "article_entities": "SELECT article_id, seq, entity_id, name, type FROM "
                            "article_entities",
        "mentions": 'SELECT article_id, entity_id, start, "end", text, label FROM mentions',
        "items": "SELECT article_id, kind, seq, record FROM items",
        "quotes": "SELECT id, article_id, kind, speaker_entity, speaker_text, content, start, "
                  '"end" FROM quotes',
        "copies": "SELECT id, copy_of, similarity, source FROM copies",
        "resolver_log": "SELECT seq, entity_id, entity_type, key FROM resolver_log",
    }

    def digest(self) -> dict[str, str]:
        """A fingerprint of each table's contents, independent of the order rows were
        written in: two stores with equal digests hold the same analysis."""
        digests = {}
        for table, query in self._CONTENT_QUERIES.items():
            rows = sorted(json.dumps(list(row), ensure_ascii=False)
                          for row in self.connection.execute(query))
            digest = hashlib.sha256()
            for row in rows:
                digest.update(row.encode("utf-8") + b"\n")
            digests[table] = f"{len(rows)}:{digest.hexdigest()[:16]}"
        return digests

    def integrity(self) -> str:
        """SQLite's own check of the database file: ``ok`` or what is wrong."""
        return str(self.connection.execute("PRAGMA integrity_check").fetchone()[0])

    def count_articles(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> Iterator[ArticleAnalysis]:
        """Every stored article, in the order it was stored."""
        rows = self.connection.execute("SELECT id FROM articles ORDER BY rowid")
        for (article_id,) in rows.fetchall():
            article = self.article(article_id)
            if article is not None:
                yield article

    def article(self, article_id: str) -> ArticleAnalysis | None:
        """One stored article, exactly as it was analysed."""
        row = self.connection.execute(
            "SELECT id, source, text, summary FROM articles WHERE id = ?",
            (article_id,)).fetchone()
        if row is None:
            return None
        entities = []
        for entity_row in self.connection.execute(
            "SELECT entity_id, name, type FROM article_entities WHERE article_id = ? "
            "ORDER BY seq", (article_id,)
        ):
            mentions = [
                Mention(m["start"], m["end"], m["text"], m["label"])
                for m in self.connection.execute(
                    'SELECT start, "end", text, label FROM mentions '
                    'WHERE article_id = ? AND entity_id = ? ORDER BY start, "end"',
                    (article_id, entity_row["entity_id"]),
                )
            ]
            entities.append(ArticleEntity(entity_row["entity_id"], entity_row["name"],
                                          entity_row["type"], mentions))
        items: dict[str, list[dict[str, Any]]] = {kind: [] for kind in ITEM_KINDS}
        for item in self.connection.execute(
            "SELECT kind, record FROM items WHERE article_id = ? ORDER BY kind, seq",
            (article_id,),
        ):
            items[item["kind"]].append(json.loads(item["record"]))
        return ArticleAnalysis(
            id=row["id"], source=Source.from_dict(json.loads(row["source"])), text=row["text"],
            entities=entities, summary=json.loads(row["summary"] or "{}"), **items,
        )
