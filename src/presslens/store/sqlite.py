"""The SQLite store: every analysed article, its entities and items, and full-text search.

One file, WAL mode (readers never block the writer, and a killed writer leaves the last
committed batch intact), schema created and migrated by code (``PRAGMA user_version``),
one transaction per batch of articles.

``Store`` is assembled from one class per concern, each built on those it reads through:
``schema`` (migrations, the connection), ``articles`` (reading articles back), ``actors``
(actors by any spelling, the resolver), ``writing`` (batches, copies), ``corrections``
(merge, split), ``stories`` (story placements), ``queries`` (quotes, events, naming, the
timeline) and ``search`` (full-text search).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from presslens.errors import StoreError
from presslens.store.corrections import EntityCorrections
from presslens.store.queries import (
    ASSERTED,
    MAX_NAMING_WORDS,
    NAMING_LABELS,
    EventHit,
    ItemQueries,
    NamingRow,
    QuoteHit,
    naming_phrase,
)
from presslens.store.schema import ITEM_KINDS, MIGRATIONS, SCHEMA_VERSION
from presslens.store.search import SearchHit, TextSearch
from presslens.store.stories import StoryPlacements
from presslens.store.writing import WriteReport

__all__ = ["ASSERTED", "ITEM_KINDS", "MAX_NAMING_WORDS", "MIGRATIONS", "NAMING_LABELS",
           "SCHEMA_VERSION", "EventHit", "NamingRow", "QuoteHit",
           "SearchHit", "Store", "WriteReport", "naming_phrase"]


class Store(EntityCorrections, StoryPlacements, ItemQueries, TextSearch):
    """A presslens SQLite database.

    >>> with Store.open(":memory:") as store:  # doctest: +SKIP
    ...     store.add_articles(corpus.articles)
    """

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
                _when_unlocked(lambda: connection.execute("PRAGMA journal_mode = WAL"))
            connection.execute("PRAGMA synchronous = NORMAL")
            store = cls(connection, location)
            _when_unlocked(store.migrate)
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


# How long opening a store waits for a lock SQLite does not wait for itself.
LOCK_WAIT_SECONDS = 30.0


def _when_unlocked(step: Callable[[], object]) -> None:
    """Run ``step``, again while SQLite answers "database is locked". Its busy timeout does
    not cover every lock: processes that create one store at once and switch it to WAL get
    that answer at once. The steps retried are a pragma and the migrations, each migration
    in its own transaction, so running one again is safe."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.5)
