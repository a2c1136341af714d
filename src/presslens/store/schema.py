"""The store's schema: the migrations that create it, version by version, and the
connection every part of the ``Store`` is built on (``PRAGMA user_version``, one transaction
per batch)."""

from __future__ import annotations

import sqlite3

from presslens.errors import StoreError

# The kinds of item the items table keeps, one JSON record a row.
ITEM_KINDS = ("quotes", "timexes", "events", "framing")


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


class StoreConnection:
    """The open database and its schema; the parts of ``Store`` build on it."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

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
