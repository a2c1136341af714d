"""Full-text search of the stored articles (FTS5, diacritics folded), with a name searched
in every spelling its actors were seen by."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from presslens.store.actors import StoredActors


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


class TextSearch(StoredActors):
    """Search over title and text."""

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
        fts = " OR ".join(fts_phrase(s) for s in [query, *spellings]) if spellings else \
            fts_query(self.connection, "articles_fts", query)
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


_FTS_SYNTAX = re.compile(r'["*():^]|\b(?:AND|OR|NOT|NEAR)\b')


def fts_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: its words in order, quotes doubled."""
    return '"' + " ".join(text.replace('"', '""').split()) + '"'


def fts_query(connection: sqlite3.Connection, table: str, query: str) -> str:
    """``query`` if it is valid FTS5 syntax, else its words searched literally (a stray
    quote or operator in what a user typed is not an error)."""
    query = query.replace("\x00", " ")  # FTS5 reads a NUL as the end of the query
    try:
        connection.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,))
        return query
    except sqlite3.OperationalError:
        return " ".join('"' + w.replace('"', '""') + '"' for w in query.split()) or '""'
