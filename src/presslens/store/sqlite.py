"""The SQLite store: every analysed article, its entities and items, and full-text search.

One file, WAL mode (readers never block the writer, and a killed writer leaves the last
committed batch intact), schema created and migrated by code (``PRAGMA user_version``),
one transaction per batch of articles.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from presslens.errors import StoreError
from presslens.model import (
    LABEL_RECORDS,
    ArticleAnalysis,
    ArticleEntity,
    CorpusEntity,
    Mention,
    Source,
)
from presslens.resolve.entities import EntityResolver, corpus_entities
from presslens.resolve.knowledge import Knowledge, gazetteer_only
from presslens.timeline import TimelineRow

ITEM_KINDS = ("quotes", "timexes", "events", "framing")
# What the timeline and the network show by default: what the text says happened.
ASSERTED = frozenset({"asserted"})
# Framing spans that name an actor (a label, a term held at a distance), for naming tables:
# the records the framing component gives the actor they label.
NAMING_LABELS = LABEL_RECORDS
MAX_NAMING_WORDS = 6

# Each entry moves the schema from version i to i + 1; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE entities (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        kb_id TEXT
    );
    CREATE TABLE article_entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    );
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE TABLE items (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('quotes', 'timexes', 'events', 'framing')),
        seq INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, kind, seq)
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """,
    # 2: quotes as rows of their own, so that "who said what" is a query, with a full-text
    # index over what was said and who said it.
    """
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        cue TEXT,
        speaker_entity TEXT,
        speaker_text TEXT,
        anonymous INTEGER NOT NULL DEFAULT 0,
        content TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity);
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content, speaker_text, content='quotes', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, content, speaker_text)
        VALUES (new.rowid, new.content, new.speaker_text);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_text)
        VALUES ('delete', old.rowid, old.content, old.speaker_text);
    END;
    INSERT INTO quotes (id, article_id, kind, cue, speaker_entity, speaker_text, anonymous,
                        content, start, "end")
    SELECT json_extract(record, '$.id'), article_id, json_extract(record, '$.kind'),
           json_extract(record, '$.cue.text'), json_extract(record, '$.speaker.entity'),
           json_extract(record, '$.speaker.text'),
           coalesce(json_extract(record, '$.speaker.anonymous'), 0),
           json_extract(record, '$.content.text'), json_extract(record, '$.content.start'),
           json_extract(record, '$.content.end')
    FROM items WHERE kind = 'quotes';
    """,
    # 3: article-level figures of the components (claim sentences attributed or not).
    """
    ALTER TABLE articles ADD COLUMN summary TEXT;
    """,
    # 4: near-identical copies (syndicated wire copies) kept as sources of the article
    # analysed in their place, and the near-duplicate index beside the articles.
    """
    CREATE TABLE copies (
        id TEXT PRIMARY KEY,
        copy_of TEXT NOT NULL,
        similarity REAL NOT NULL,
        source TEXT NOT NULL,
        outlet TEXT,
        published TEXT
    );
    CREATE INDEX copies_copy_of ON copies(copy_of);
    """,
    # 5: the entity resolver's changes of state, kept with each batch, so that a run resumed
    # after a crash continues from the state an uninterrupted run had.
    """
    CREATE TABLE resolver_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity_id TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        key TEXT
    );
    """,
    # 6: watching feeds (presslens watch): each feed's fetch state, the entries met, and
    # the alerts raised, one per rule and article (see store/watch.py).
    """
    CREATE TABLE watch_feeds (
        url TEXT PRIMARY KEY NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_checked TEXT,
        last_success TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT,
        requests INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE watch_entries (
        url TEXT PRIMARY KEY NOT NULL,
        feed TEXT NOT NULL,
        canonical_url TEXT,
        article_id TEXT,
        status TEXT NOT NULL,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        fetched_at TEXT NOT NULL
    );
    CREATE INDEX watch_entries_canonical ON watch_entries(canonical_url);
    CREATE INDEX watch_entries_article ON watch_entries(article_id);
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        rule TEXT NOT NULL,
        article_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        record TEXT NOT NULL,
        delivered_at TEXT,
        webhook TEXT,
        webhook_attempts INTEGER NOT NULL DEFAULT 0,
        webhook_done_at TEXT,
        webhook_error TEXT,
        UNIQUE (rule, article_id)
    );
    CREATE INDEX alerts_created ON alerts(created_at);
    """,
    # 7: stories kept as articles arrive (story_id NULL: looked at, a near-empty text in no
    # story), and each article's title-and-lead embedding, so placing new articles never
    # recomputes the old ones'.
    """
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT,
        seq INTEGER NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE article_vectors (
        article_id TEXT PRIMARY KEY NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        vector BLOB NOT NULL
    );
    """,
)


SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(slots=True)
class SearchHit:
    """One article matching a search, with a snippet; ``[`` and ``]`` mark the matches."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float
    parts: list[tuple[str, bool]]

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> SearchHit:
        # The snippet comes marked with STX/ETX, characters no article text keeps.
        parts = []
        for i, piece in enumerate(re.split(r"[\x02\x03]", " ".join(row["snippet"].split()))):
            if piece:
                parts.append((piece, i % 2 == 1))
        snippet = "".join(f"[{p}]" if matched else p for p, matched in parts)
        return cls(row["id"], row["title"], row["outlet"], row["published"], snippet,
                   -float(row["score"]), parts)


@dataclass(slots=True)
class WriteReport:
    added: int = 0
    already_stored: int = 0


class Store:
    """A presslens SQLite database.

    >>> with Store.open(":memory:") as store:  # doctest: +SKIP
    ...     store.add_articles(corpus.articles)
    """

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating and migrating if needed) the store at ``path``."""
        location = str(path)
        try:
            if location != ":memory:":
                Path(location).expanduser().parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(location, isolation_level=None, timeout=30)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA busy_timeout = 30000")
            if location != ":memory:":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            store = cls(connection, location)
            store.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {location}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot create the store {location}: {exc.strerror or exc}"
                             ) from None
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring the schema to ``SCHEMA_VERSION``; each step in its own transaction."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this presslens "
                f"({SCHEMA_VERSION}); upgrade presslens to open it"
            )
        while version < SCHEMA_VERSION:
            with self.transaction():
                # Read again inside the write lock: another process may have migrated.
                version = self.schema_version
                if version >= SCHEMA_VERSION:
                    break
                for statement in _split_sql(MIGRATIONS[version]):
                    self.connection.execute(statement)
                version += 1
                self.connection.execute(f"PRAGMA user_version = {version}")

    def transaction(self) -> _Transaction:
        return _Transaction(self.connection)

    # -- writing --------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

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

    # -- corrections ------------------------------------------------------------------------

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

    def entity_summaries(self, name: str | None = None, limit: int = 50,
                         kb_ids: dict[str, str] | None = None) -> list[EntitySummary]:
        """Stored actors, most mentioned first: spellings, article count, first and last
        seen (publication dates), knowledge-base id; only those named ``name`` if given."""
        ids = set(self.entity_ids_named(name)) if name else None
        rows = self.connection.execute(
            "SELECT e.id, e.name, e.type, e.kb_id, count(DISTINCT m.article_id) AS articles, "
            "count(*) AS mentions, json_group_array(DISTINCT m.text) AS aliases, "
            "min(a.published) AS first_seen, max(a.published) AS last_seen "
            "FROM entities e JOIN mentions m ON m.entity_id = e.id AND m.label != 'NOMINAL' "
            "JOIN articles a ON a.id = m.article_id GROUP BY e.id "
            "ORDER BY mentions DESC, e.id"
        ).fetchall()
        summaries = []
        for row in rows:
            if ids is not None and row["id"] not in ids and (
                    not name or name.lower() not in row["name"].lower()):
                continue
            summaries.append(EntitySummary(
                row["id"], row["name"], row["type"], sorted(json.loads(row["aliases"])),
                row["articles"], row["mentions"], row["first_seen"], row["last_seen"],
                row["kb_id"] or (kb_ids or {}).get(row["id"])))
            if len(summaries) >= limit:
                break
        return summaries

    # -- reading --------------------------------------------------------------------------

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

    def story_members(self) -> list[tuple[str, str]]:
        """(story id, article id) of every placed article, stories in order of opening and
        articles in order of placement."""
        rows = self.connection.execute(
            "SELECT story_id, article_id FROM story_articles WHERE story_id IS NOT NULL "
            "ORDER BY seq")
        return [(story, article) for story, article in rows.fetchall()]

    def unplaced_article_ids(self) -> list[str]:
        """Stored articles not yet looked at for stories."""
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) "
            "ORDER BY rowid")
        return [article_id for (article_id,) in rows.fetchall()]

    def placed_ids_published_between(self, first: str, last: str) -> list[str]:
        """Articles in a story published from ``first`` to ``last`` (ISO dates, inclusive),
        and the undated ones."""
        rows = self.connection.execute(
            "SELECT a.id FROM articles a JOIN story_articles s ON s.article_id = a.id "
            "WHERE s.story_id IS NOT NULL AND (a.published IS NULL "
            "OR substr(a.published, 1, 10) BETWEEN ? AND ?) ORDER BY s.seq", (first, last))
        return [article_id for (article_id,) in rows.fetchall()]

    def place_in_stories(self, placements: list[tuple[str, str | None]],
                         vectors: dict[str, bytes], *, replace: bool = False) -> None:
        """Record (article id, story id or None) in one transaction, with new embeddings;
        ``replace`` forgets every earlier placement first (a full re-grouping)."""
        with self.transaction():
            if replace:
                self.connection.execute("DELETE FROM story_articles")
            start = self.connection.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM story_articles").fetchone()[0]
            self.connection.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id, seq) "
                "VALUES (?, ?, ?)",
                [(a, s, start + n) for n, (a, s) in enumerate(placements, 1)])
            self.connection.executemany(
                "INSERT OR REPLACE INTO article_vectors (article_id, vector) VALUES (?, ?)",
                list(vectors.items()))

    def article_vectors(self, article_ids: list[str]) -> dict[str, bytes]:
        """Stored embeddings (raw float32 bytes) of those of ``article_ids`` that have one."""
        found: dict[str, bytes] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            rows = self.connection.execute(
                "SELECT article_id, vector FROM article_vectors WHERE article_id IN "
                f"({','.join('?' * len(chunk))})", chunk)
            found.update({a: bytes(v) for a, v in rows.fetchall()})
        return found

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

    def entities(self, knowledge: Knowledge | None = None) -> list[CorpusEntity]:
        """The corpus-wide entity records of everything stored (as in ``entities.jsonl``)."""
        return corpus_entities(self.articles(), knowledge or gazetteer_only())

    def _known_entities(self) -> list[CorpusEntity]:
        """Every stored actor with every spelling it was mentioned by (counts left at 1)."""
        rows = self.connection.execute(
            "SELECT e.id, e.name, e.type, json_group_array(DISTINCT m.text) AS aliases "
            "FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id "
            "AND m.label != 'NOMINAL' GROUP BY e.id"
        )
        return [CorpusEntity(row["id"], row["name"], row["type"],
                             [a for a in json.loads(row["aliases"] or "[]") if a], 1, 1)
                for row in rows]

    def entity_resolver(self, knowledge: Knowledge | None = None) -> EntityResolver:
        """A resolver that knows every stored actor, so new batches reuse their ids.

        It is the resolver the store's batches left behind (replayed from their journal),
        so that a run resumed after a crash resolves as an uninterrupted one would; actors
        stored without a journal (older stores, corrections) are learnt from the store."""
        knowledge = knowledge or gazetteer_only()
        changes = self.connection.execute(
            "SELECT entity_id, entity_type, key FROM resolver_log ORDER BY seq")
        resolver = EntityResolver.replay(((r[0], r[1], r[2]) for r in changes), knowledge)
        for entity in self._known_entities():
            if not resolver.knows(entity.id):
                resolver.learn(entity)
        return resolver

    def quotes(self, *, speaker: str | None = None, about: str | None = None,
               kind: str | None = None, limit: int = 50,
               min_confidence: float = 0.0) -> list[QuoteHit]:
        """Stored quotes, newest article first: by speaker (any spelling of a name, or the
        speaker as written; one of several joint speakers, or the principal a spokesperson
        speaks for), by what was said (FTS5 syntax), by kind, at or above a confidence
        (quotes stored without one always pass)."""
        conditions: list[str] = []
        parameters: list[str | float] = []
        if speaker:
            ids = self.entity_ids_named(speaker) or self._people_by_surname(speaker)
            clause = "q.speaker_text LIKE ? ESCAPE '\\'"
            literal = speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parameters.append(f"%{literal}%")
            if ids:
                marks = ",".join("?" * len(ids))
                clause += f" OR q.speaker_entity IN ({marks})"
                parameters.extend(ids)
                # The quotes table holds one speaker; the stored record holds them all.
                clause += (" OR EXISTS (SELECT 1 FROM items i, json_each(i.record, "
                           f"'$.speaker.entities') j WHERE {_QUOTE_RECORD_MATCH} AND "
                           f"j.value IN ({marks}))"
                           f" OR EXISTS (SELECT 1 FROM {_QUOTE_RECORD} AND json_extract("
                           f"i.record, '$.speaker.on_behalf_of.entity') IN ({marks}))")
                parameters.extend(ids + ids)
            conditions.append(f"({clause})")
        if min_confidence > 0:
            conditions.append(f"NOT EXISTS (SELECT 1 FROM {_QUOTE_RECORD} AND "
                              "json_extract(i.record, '$.confidence') < ?)")
            parameters.append(min_confidence)
        if kind:
            conditions.append("q.kind = ?")
            parameters.append(kind)
        if about:
            conditions.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            # What was said, not who said it: --speaker is for that.
            parameters.append(f"content : ({_fts_query(self.connection, 'quotes_fts', about)})")
        where = " AND ".join(conditions) or "1"
        rows = self.connection.execute(
            "SELECT q.*, a.title, a.outlet, a.published, e.name AS entity_name, "
            f"(SELECT json_extract(i.record, '$.confidence') FROM {_QUOTE_RECORD}) "
            "AS confidence "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities e ON e.id = q.speaker_entity "
            f"WHERE {where} ORDER BY a.published DESC, a.rowid DESC, q.start LIMIT ?",
            (*parameters, limit),
        ).fetchall()
        return [QuoteHit(r["id"], r["article_id"], r["kind"], r["cue"], r["speaker_entity"],
                         r["entity_name"], r["speaker_text"], bool(r["anonymous"]),
                         r["content"], r["title"], r["outlet"], r["published"],
                         r["confidence"]) for r in rows]

    def events(self, *, actor: str | None = None, event_type: str | None = None,
               since: str | None = None, limit: int = 100,
               min_confidence: float | None = None) -> list[EventHit]:
        """Stored events, by date: acted by ``actor`` (any spelling), of a PLOVER type, on or
        after ``since`` (the event's date, else its article's publication date), of at least
        ``min_confidence`` (by default the threshold chosen on the development articles)."""
        from presslens.event_confidence import (
            default_min_confidence,
            is_shown,
            modality_of,
        )

        threshold = default_min_confidence() if min_confidence is None else min_confidence
        actor_ids = set(self.entity_ids_named(actor)) if actor else None
        rows = self.connection.execute(
            "SELECT i.record, a.id AS article_id, a.text, a.outlet, a.published, a.title "
            "FROM items i JOIN articles a ON a.id = i.article_id WHERE i.kind = 'events' "
            "ORDER BY a.published, a.rowid, i.seq"
        ).fetchall()
        names = {row["id"]: row["name"] for row in self.connection.execute(
            "SELECT id, name FROM entities")}
        hits = []
        for row in rows:
            event = json.loads(row["record"])
            actors = event.get("actors") or ([event["actor"]] if event.get("actor") else [])
            if actor_ids is not None and not actor_ids & set(actors):
                continue
            if event_type and event["type"] != event_type.upper():
                continue
            if not is_shown(event, threshold):
                continue
            when = event.get("date") if (event.get("date") or "")[:1].isdigit() else None
            when = when or row["published"]
            if since and (not when or when < since):
                continue
            sentence = event.get("sentence") or {}
            text = row["text"][sentence.get("start", event["trigger"]["start"]):
                               sentence.get("end", event["trigger"]["end"])]
            target = event.get("target")
            hits.append(EventHit(
                event["id"], row["article_id"], event["type"], event.get("mode"), when,
                names.get(event.get("actor"), event.get("actor_text")),
                names.get(target, event.get("target_text")) if target else
                event.get("target_text"),
                event["trigger"]["text"], " ".join(text.split()), bool(event.get("negated")),
                bool(event.get("hypothetical")), event.get("reported_by"), row["outlet"],
                row["title"], event.get("confidence"), modality_of(event),
                event.get("demanded_type")))
        hits.sort(key=lambda h: (h.date is None, h.date or "", h.article_id))
        return hits[:limit]

    def naming(self, entity_ids: set[str], limit_per_outlet: int = 8
               ) -> dict[str, list[NamingRow]]:
        """How each outlet names the actors ``entity_ids``: every way it was written (names,
        the phrases of events' actors and targets, quote speakers, labels framing attaches
        to it), with counts and an example sentence, most frequent first."""
        from collections import Counter

        counts: dict[str, Counter[str]] = {}
        examples: dict[tuple[str, str], str] = {}

        counted: set[tuple[str, str, int]] = set()

        def note(outlet: str | None, phrase: str | None, text: str, start: int) -> None:
            phrase = naming_phrase(phrase)
            if not phrase:
                return
            # One use in the text is counted once, whether a mention, an event's actor and a
            # quote's speaker all read it: the sentence and the phrase identify the use.
            sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
            use = (text[:64], phrase, sentence_start)
            if use in counted:
                return
            counted.add(use)
            outlet = outlet or "(unknown outlet)"
            counts.setdefault(outlet, Counter())[phrase] += 1
            if (outlet, phrase) not in examples:
                left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
                right = min((i for i in (text.find(". ", start), text.find("\n", start))
                             if i >= 0), default=len(text))
                examples[(outlet, phrase)] = " ".join(text[left:right + 1].split())

        marks = ",".join("?" * len(entity_ids))
        for row in self.connection.execute(
                f"SELECT m.text, m.start, a.outlet, a.text AS body FROM mentions m "
                f"JOIN articles a ON a.id = m.article_id WHERE m.entity_id IN ({marks})",
                tuple(entity_ids)):
            note(row["outlet"], row["text"], row["body"], row["start"])
        for row in self.connection.execute(
                "SELECT i.kind, i.record, a.outlet, a.text AS body FROM items i "
                "JOIN articles a ON a.id = i.article_id WHERE i.kind IN ('events', 'quotes', "
                "'framing')"):
            record = json.loads(row["record"])
            if row["kind"] == "events":
                for role in ("actor", "target"):
                    if record.get(role) in entity_ids:
                        note(row["outlet"], record.get(f"{role}_text"), row["body"],
                             record["trigger"]["start"])
            elif row["kind"] == "quotes":
                speaker = record.get("speaker") or {}
                if speaker.get("entity") in entity_ids and speaker.get("start") is not None:
                    note(row["outlet"], speaker.get("text"), row["body"], speaker["start"])
            elif record.get("entity") in entity_ids and record.get("label") in NAMING_LABELS \
                    and len((record.get("text") or "").split()) <= MAX_NAMING_WORDS:
                note(row["outlet"], record.get("text"), row["body"], record["start"])
        table: dict[str, list[NamingRow]] = {}
        for outlet in sorted(counts):
            table[outlet] = [NamingRow(phrase, n, examples[(outlet, phrase)])
                             for phrase, n in counts[outlet].most_common(limit_per_outlet)]
        return table

    def timeline(self, *, actor: str | None = None, since: str | None = None,
                 min_confidence: float | None = None,
                 modalities: frozenset[str] = ASSERTED) -> list[TimelineRow]:
        """The corpus's events as one timeline (see ``presslens.timeline``): by default the
        asserted events at or above the default confidence threshold."""
        from presslens.event_confidence import (
            default_min_confidence,
            is_shown,
            modality_of,
        )
        from presslens.timeline import build_timeline

        threshold = default_min_confidence() if min_confidence is None else min_confidence
        actor_ids = set(self.entity_ids_named(actor)) if actor else None
        events = []
        for row in self.connection.execute(
                "SELECT i.record, a.id AS article_id, a.outlet, a.published, a.text FROM items i "
                "JOIN articles a ON a.id = i.article_id WHERE i.kind = 'events'"):
            event = json.loads(row["record"])
            if not is_shown(event, threshold) or modality_of(event) not in modalities:
                continue
            if not (event.get("date") or "")[:1].isdigit():
                # Placed at its article's date, but undated: it joins no other report.
                event["date"] = row["published"]
                event["undated"] = True
            if since and (not event.get("date") or event["date"] < since):
                continue
            if actor_ids is not None and not actor_ids & {event.get("actor"),
                                                          event.get("target")}:
                continue
            sentence = event.get("sentence") or event["trigger"]
            event.update(article_id=row["article_id"], outlet=row["outlet"],
                         sentence_text=" ".join(row["text"][sentence["start"]:
                                                            sentence["end"]].split()))
            events.append(event)
        return build_timeline(events)

    def _people_by_surname(self, name: str) -> list[str]:
        """Ids of stored people whose name ends with the single word ``name`` ("Kadhimi"
        for "Mustafa al-Kadhimi"): a speaker is often looked up as the copy calls them."""
        from presslens.resolve.names import mention_key

        wanted = mention_key(name, "PERSON")
        if not wanted or " " in wanted:
            return []
        return [entity.id for entity in self._known_entities() if entity.type == "PERSON"
                and any(mention_key(n, "PERSON").split()[-1:] == [wanted]
                        for n in [entity.name, *entity.aliases])]

    def entity_ids_named(self, name: str) -> list[str]:
        """Ids of stored actors that ``name`` names in any spelling: one of their spellings
        has its key, its loose key (other short vowels: "Hizballah"), or it is the surname
        of a person ("Suleimani" for "Qasem Soleimani")."""
        from presslens.resolve.names import loose_name_key, mention_key

        wanted = {mention_key(name, "PERSON"), mention_key(name, "ORG")}
        wanted_loose = {loose_name_key(key) for key in wanted}
        found = []
        for entity in self._known_entities():
            keys = {mention_key(n, entity.type) for n in [entity.name, *entity.aliases]}
            surnames = {k.split()[-1] for k in keys if entity.type == "PERSON" and " " in k}
            loose = {loose_name_key(k) for k in keys | surnames}
            if keys & wanted or surnames & wanted or loose & wanted_loose:
                found.append(entity.id)
        return found

    def spellings_of(self, name: str) -> list[str]:
        """Every stored spelling of the actors ``name`` names (see ``entity_ids_named``)."""
        ids = set(self.entity_ids_named(name))
        spellings = {alias for entity in self._known_entities() if entity.id in ids
                     for alias in [entity.name, *entity.aliases]}
        return sorted(spellings)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles matching ``query`` (SQLite FTS5 syntax; plain words also work), best first."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, char(2), char(3), ' … ', 16) AS snippet, "
            "bm25(articles_fts) AS score "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?"
        )
        if not query.split():
            return []
        spellings = self.name_expansion(query)
        fts = " OR ".join(_fts_phrase(s) for s in [query, *spellings]) if spellings else \
            _fts_query(self.connection, "articles_fts", query)
        rows = self.connection.execute(sql, (fts, limit)).fetchall()
        return [SearchHit.from_row(r) for r in rows]

    def name_expansion(self, query: str) -> list[str]:
        """The other spellings a search for ``query`` also looks for: when the query is a
        plain name (no search syntax) of stored actors, every spelling they were seen by
        ("Khadimi" also finds "Kadhimi" and "Mustafa al-Kadhimi")."""
        words = query.split()
        if not words or len(words) > 5 or _FTS_SYNTAX.search(query):
            return []
        wanted = " ".join(words).casefold()
        return [s for s in self.spellings_of(query) if s.casefold() != wanted]


# Where a phrase written for an actor stops being its name or description: a clause, an
# apposition, a bracket ("US occupation forces responsible for the upsurge in ...", "The prime
# minister (Mustafa Al-Kadhimi").
_NAMING_PHRASE_END = re.compile(
    r"\s*(?:[(,;:]|\s(?:who|which|that|whose|responsible|accused|blamed|behind|after|"
    r"during|across|in\s+the\s+wake)\b)", re.IGNORECASE)


def naming_phrase(phrase: str | None) -> str | None:
    """The name or short description at the head of a phrase written for an actor, or None
    when even that is longer than a description (``MAX_NAMING_WORDS``).

    >>> naming_phrase("US occupation forces responsible for the upsurge in attacks")
    'US occupation forces'
    >>> naming_phrase("The prime minister (Mustafa Al-Kadhimi")
    'The prime minister'
    """
    if not phrase:
        return None
    phrase = " ".join(phrase.split())
    end = _NAMING_PHRASE_END.search(phrase)
    if end and end.start() > 0:
        phrase = phrase[:end.start()]
    phrase = phrase.strip(" .\"'“”‘’")
    if not phrase or len(phrase.split()) > MAX_NAMING_WORDS:
        return None
    return phrase


@dataclass(slots=True)
class QuoteHit:
    """One stored quote with its speaker and the article it comes from."""

    quote_id: str
    article_id: str
    kind: str
    cue: str | None
    speaker_entity: str | None
    speaker_name: str | None
    speaker_text: str | None
    anonymous: bool
    content: str
    title: str | None
    outlet: str | None
    published: str | None
    confidence: float | None = None


# The stored record of quote row ``q`` (for what its columns leave out: joint speakers,
# principals, confidence), as a FROM clause with its condition.
_QUOTE_RECORD_MATCH = ("i.article_id = q.article_id AND i.kind = 'quotes' AND "
                       "json_extract(i.record, '$.id') = q.id")
_QUOTE_RECORD = f"items i WHERE {_QUOTE_RECORD_MATCH}"


_FTS_SYNTAX = re.compile(r'["*():^]|\b(?:AND|OR|NOT|NEAR)\b')


def _fts_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: its words in order, quotes doubled."""
    return '"' + " ".join(text.replace('"', '""').split()) + '"'


def _fts_query(connection: sqlite3.Connection, table: str, query: str) -> str:
    """``query`` if it is valid FTS5 syntax, else its words searched literally (a stray
    quote or operator in what a user typed is not an error)."""
    query = query.replace("\x00", " ")  # FTS5 reads a NUL as the end of the query
    try:
        connection.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,))
        return query
    except sqlite3.OperationalError:
        return " ".join('"' + w.replace('"', '""') + '"' for w in query.split()) or '""'


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


@dataclass(frozen=True, slots=True)
class NamingRow:
    """One way an outlet names an actor."""

    phrase: str
    count: int
    example: str


@dataclass(frozen=True, slots=True)
class EventHit:
    """One stored event as `presslens events` shows it."""

    event_id: str
    article_id: str
    type: str
    mode: str | None
    date: str | None
    actor: str | None
    target: str | None
    trigger: str
    sentence: str
    negated: bool
    hypothetical: bool
    reported_by: str | None
    outlet: str | None
    title: str | None
    confidence: float | None = None
    modality: str = "asserted"
    demanded_type: str | None = None


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One stored actor as `presslens entities` shows it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    kb_id: str | None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception: all of a batch or none."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.connection.execute("COMMIT")
        elif self.connection.in_transaction:
            # SQLite may have rolled back already (a full disk does): nothing left to undo.
            self.connection.execute("ROLLBACK")


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script; trigger bodies keep their inner semicolons."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
