"""Where stored articles sit in stories, and the embeddings that placed them."""

from __future__ import annotations

from presslens.store.schema import StoreConnection


class StoryPlacements(StoreConnection):
    """Stories kept as articles arrive: placements in order, and each article's embedding."""

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
