"""Corrections of the stored actors: merging two into one, splitting one by spelling."""

from __future__ import annotations

from typing import Any

from presslens.model import ArticleAnalysis, ArticleEntity
from presslens.store.actors import StoredActors
from presslens.store.schema import ITEM_KINDS
from presslens.store.writing import ArticleWriting


class EntityCorrections(ArticleWriting, StoredActors):
    """Merge and split stored actors, re-storing every article they touch."""

    def merge_entities(self, keep: str, drop: str) -> int:
        """Make ``drop`` the same actor as ``keep`` in every stored article (mentions, quote
        speakers, items); the number of articles changed."""
        if keep == drop:
            return 0

        def change(article: ArticleAnalysis) -> None:
            kept = next((e for e in article.entities if e.id == keep), None)
            entities = []
            for entity in article.entities:
                if entity.id != drop:
                    entities.append(entity)
                elif kept is not None:
                    kept.mentions = sorted([*kept.mentions, *entity.mentions],
                                           key=lambda m: (m.start, m.end))
                else:
                    entity.id = keep
                    entities.append(entity)
            article.entities = entities
            _replace_ids(article, {drop: keep})

        return self._rewrite(drop, change, gone=drop)

    def split_entity(self, entity_id: str, spelling: str, new_id: str) -> int:
        """Move the mentions of ``entity_id`` spelled like ``spelling`` (any transliteration)
        to a new actor ``new_id``; the number of articles changed."""
        from presslens.resolve.names import mention_key

        def change(article: ArticleAnalysis) -> None:
            entities = []
            for entity in article.entities:
                if entity.id != entity_id:
                    entities.append(entity)
                    continue
                wanted = mention_key(spelling, entity.type)
                moved = [m for m in entity.mentions if mention_key(m.text, entity.type) == wanted]
                kept = [m for m in entity.mentions if m not in moved]
                if kept:
                    entity.mentions = kept
                    entities.append(entity)
                if moved:
                    entities.append(ArticleEntity(new_id, spelling, entity.type, moved))
                    for quote in article.quotes:
                        speaker = quote.get("speaker") or {}
                        if speaker.get("entity") == entity_id and mention_key(
                                speaker.get("text") or "", entity.type) == wanted:
                            _replace_ids({"speaker": speaker}, {entity_id: new_id})
            article.entities = sorted(entities, key=lambda e: e.mentions[0].start)

        return self._rewrite(entity_id, change)

    def unused_entity_id(self, name: str) -> str:
        """An id for a new actor called ``name`` that no stored actor has: the slug of the
        name, numbered from 2 when it is taken (``saad-al-saadi-2``)."""
        from presslens.resolve.knowledge import entity_slug

        taken = {s.id for s in self.entity_summaries(limit=1_000_000)}
        base = entity_slug(name)
        entity_id, number = base, 1
        while entity_id in taken:
            number += 1
            entity_id = f"{base}-{number}"
        return entity_id

    def _rewrite(self, entity_id: str, change: Any, gone: str | None = None) -> int:
        """Re-store every article that mentions ``entity_id`` after ``change`` edits it."""
        rows = self.connection.execute(
            "SELECT DISTINCT a.id, a.ingested_at FROM article_entities ae "
            "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?", (entity_id,)
        ).fetchall()
        with self.transaction():
            for row in rows:
                article = self.article(row["id"])
                if article is None:
                    continue
                change(article)
                for table in ("quotes", "items", "mentions", "article_entities"):
                    self.connection.execute(f"DELETE FROM {table} WHERE article_id = ?",
                                            (article.id,))
                self.connection.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                self._insert_article(article, row["ingested_at"])
            if gone:
                self.connection.execute(
                    "DELETE FROM entities WHERE id = ? AND id NOT IN "
                    "(SELECT entity_id FROM article_entities)", (gone,))
            # The resolver's history no longer matches the corrected actors: the next
            # resolver learns them afresh from the store.
            self.connection.execute("DELETE FROM resolver_log")
        return len(rows)


def _replace_ids(record: Any, ids: dict[str, str]) -> Any:
    """Replace entity ids inside a stored record (quote speakers, event actors …) in place."""
    fields = {"entity", "entities", "actor", "actors", "target", "targets", "location"}
    items = record.items() if isinstance(record, dict) else []
    for key, value in list(items):
        if key in fields and isinstance(value, str):
            record[key] = ids.get(value, value)
        elif key in fields and isinstance(value, list):
            record[key] = list(dict.fromkeys(ids.get(v, v) if isinstance(v, str) else v
                                             for v in value))
        elif isinstance(value, (dict, list)):
            _replace_ids(value, ids)
    if isinstance(record, list):
        for value in record:
            _replace_ids(value, ids)
    if isinstance(record, ArticleAnalysis):
        for kind in ITEM_KINDS:
            _replace_ids(getattr(record, kind), ids)
    return record
