"""What a watch keeps in the store: each feed's fetch state, each entry met, the alerts.

The tables are created by the store's schema (migration 6 in ``store/sqlite.py``). Methods
here run single statements, each atomic on its own; a caller that needs several kept
together (an article's entries and alerts with the article) runs them inside the store's
transaction (``Store.add_articles(..., along=...)``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from presslens.store.search import fts_query
from presslens.store.sqlite import Store

# Entry states: an article stored from it; the same article as one stored (same URL,
# canonical URL or text); a near-identical copy kept as a source; a page that is not an
# article; a fetch or analysis that failed (tried again up to a limit).
ENTRY_STATES = ("stored", "duplicate", "copy", "skipped", "failed")


@dataclass(slots=True)
class FeedState:
    """One feed's fetch state."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_checked: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    failures: int = 0
    next_attempt: str | None = None
    requests: int = 0
    not_modified: int = 0


@dataclass(slots=True)
class EntryState:
    url: str
    feed: str
    canonical_url: str | None
    article_id: str | None
    status: str
    reason: str | None
    attempts: int
    fetched_at: str


@dataclass(slots=True)
class StoredAlert:
    id: int
    rule: str
    article_id: str
    created_at: str
    record: dict[str, Any]
    webhook: str | None
    webhook_attempts: int


class WatchState:
    """The watch tables of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.connection = store.connection

    # -- feeds ------------------------------------------------------------------------------

    def feed(self, url: str) -> FeedState:
        row = self.connection.execute("SELECT * FROM watch_feeds WHERE url = ?",
                                      (url,)).fetchone()
        return FeedState(**dict(row)) if row is not None else FeedState(url)

    def feeds(self) -> list[FeedState]:
        rows = self.connection.execute("SELECT * FROM watch_feeds ORDER BY url")
        return [FeedState(**dict(row)) for row in rows]

    def feed_health(self) -> list[dict[str, Any]]:
        """Every feed watched, failing ones first: its state and its entries by state."""
        counts: dict[str, dict[str, int]] = {}
        for row in self.connection.execute(
                "SELECT feed, status, count(*) FROM watch_entries GROUP BY feed, status"):
            counts.setdefault(row[0], {})[row[1]] = row[2]
        feeds = sorted(self.feeds(), key=lambda f: (-f.failures, f.url))
        return [asdict(feed) | {"entries": counts.get(feed.url, {})} for feed in feeds]

    def feed_succeeded(self, url: str, *, now: str, etag: str | None,
                       last_modified: str | None, not_modified: bool) -> None:
        # A 304 may omit the validators: the ones the feed last gave stay in use.
        self.connection.execute(
            "INSERT INTO watch_feeds (url, etag, last_modified, last_checked, last_success, "
            "failures, requests, not_modified) VALUES (?, ?, ?, ?, ?, 0, 1, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = coalesce(excluded.etag, etag), "
            "last_modified = coalesce(excluded.last_modified, last_modified), "
            "last_checked = excluded.last_checked, last_success = excluded.last_success, "
            "last_error = NULL, failures = 0, next_attempt = NULL, requests = requests + 1, "
            "not_modified = not_modified + excluded.not_modified",
            (url, etag, last_modified, now, now, int(not_modified)))

    def feed_failed(self, url: str, *, now: str, error: str, next_attempt: str) -> int:
        """Count one more failure in a row; returns how many there have been."""
        self.connection.execute(
            "INSERT INTO watch_feeds (url, last_checked, last_error, failures, next_attempt, "
            "requests) VALUES (?, ?, ?, 1, ?, 1) ON CONFLICT (url) DO UPDATE SET "
            "last_checked = excluded.last_checked, last_error = excluded.last_error, "
            "failures = failures + 1, next_attempt = excluded.next_attempt, "
            "requests = requests + 1", (url, now, error, next_attempt))
        return self.feed(url).failures

    def set_next_attempt(self, url: str, next_attempt: str) -> None:
        self.connection.execute("UPDATE watch_feeds SET next_attempt = ? WHERE url = ?",
                                (next_attempt, url))

    # -- entries ----------------------------------------------------------------------------

    def entry(self, url: str) -> EntryState | None:
        row = self.connection.execute("SELECT * FROM watch_entries WHERE url = ?",
                                      (url,)).fetchone()
        return EntryState(**dict(row)) if row is not None else None

    def article_at(self, *urls: str) -> str | None:
        """The article already stored from any of ``urls`` (as entry or canonical URL)."""
        for url in dict.fromkeys(u for u in urls if u):
            row = self.connection.execute(
                "SELECT article_id FROM watch_entries WHERE (url = ? OR canonical_url = ?) "
                "AND article_id IS NOT NULL AND status IN ('stored', 'duplicate', 'copy') "
                "LIMIT 1", (url, url)).fetchone()
            if row is not None:
                return str(row[0])
        return None

    def record_entry(self, url: str, *, feed: str, status: str, fetched_at: str,
                     article_id: str | None = None, canonical_url: str | None = None,
                     reason: str | None = None, attempts: int | None = None) -> None:
        if status not in ENTRY_STATES:
            raise ValueError(f"unknown entry state {status!r}")
        self.connection.execute(
            "INSERT INTO watch_entries (url, feed, canonical_url, article_id, status, reason, "
            "attempts, fetched_at) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 1), ?) "
            "ON CONFLICT (url) DO UPDATE SET feed = excluded.feed, "
            "canonical_url = excluded.canonical_url, article_id = excluded.article_id, "
            "status = excluded.status, reason = excluded.reason, "
            "attempts = coalesce(?, attempts + 1), fetched_at = excluded.fetched_at",
            (url, feed, canonical_url, article_id, status, reason, attempts, fetched_at,
             attempts))

    def retryable(self, feed: str, max_attempts: int) -> list[str]:
        """URLs of ``feed`` whose page failed fewer than ``max_attempts`` times."""
        rows = self.connection.execute(
            "SELECT url FROM watch_entries WHERE feed = ? AND status = 'failed' "
            "AND attempts < ? ORDER BY fetched_at", (feed, max_attempts))
        return [str(row[0]) for row in rows]

    def entries(self, article_id: str) -> list[EntryState]:
        rows = self.connection.execute(
            "SELECT * FROM watch_entries WHERE article_id = ? ORDER BY fetched_at, url",
            (article_id,))
        return [EntryState(**dict(row)) for row in rows]

    def entry_counts(self) -> dict[str, int]:
        rows = self.connection.execute(
            "SELECT status, count(*) FROM watch_entries GROUP BY status")
        return {str(row[0]): int(row[1]) for row in rows}

    # -- alerts -----------------------------------------------------------------------------

    def add_alert(self, rule: str, article_id: str, record: dict[str, Any], *, now: str,
                  webhook: str | None) -> bool:
        """Keep an alert; False if this rule already alerted on this article."""
        cursor = self.connection.execute(
            "INSERT OR IGNORE INTO alerts (rule, article_id, created_at, record, webhook) "
            "VALUES (?, ?, ?, ?, ?)",
            (rule, article_id, now, json.dumps(record, ensure_ascii=False), webhook))
        return cursor.rowcount == 1

    def undelivered(self) -> list[StoredAlert]:
        rows = self.connection.execute(
            "SELECT * FROM alerts WHERE delivered_at IS NULL ORDER BY id")
        return [_alert(row) for row in rows]

    def mark_delivered(self, alert_id: int, now: str) -> None:
        self.connection.execute("UPDATE alerts SET delivered_at = ? WHERE id = ?",
                                (now, alert_id))

    def pending_webhooks(self, max_attempts: int) -> list[StoredAlert]:
        rows = self.connection.execute(
            "SELECT * FROM alerts WHERE webhook IS NOT NULL AND webhook_done_at IS NULL "
            "AND webhook_attempts < ? ORDER BY id", (max_attempts,))
        return [_alert(row) for row in rows]

    def webhook_tried(self, alert_id: int, *, attempts: int, now: str,
                      error: str | None) -> None:
        self.connection.execute(
            "UPDATE alerts SET webhook_attempts = webhook_attempts + ?, webhook_error = ?, "
            "webhook_done_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END WHERE id = ?",
            (attempts, error, error, now, alert_id))

    def alerts(self, *, rule: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50, offset: int = 0
               ) -> tuple[int, list[dict[str, Any]]]:
        """Alerts, newest first, by rule and by the date they were raised (``since`` and
        ``until`` are ISO dates or their prefixes, both ends included); with the total."""
        conditions, parameters = [], []
        if rule:
            conditions.append("rule = ?")
            parameters.append(rule)
        if since:
            conditions.append("created_at >= ?")
            parameters.append(since)
        if until:
            conditions.append("substr(created_at, 1, length(?)) <= ?")
            parameters.extend([until, until])
        where = " AND ".join(conditions) or "1"
        total = int(self.connection.execute(f"SELECT count(*) FROM alerts WHERE {where}",
                                            parameters).fetchone()[0])
        rows = self.connection.execute(
            f"SELECT * FROM alerts WHERE {where} ORDER BY created_at DESC, id DESC "
            "LIMIT ? OFFSET ?", (*parameters, limit, offset))
        items = []
        for row in rows:
            alert = _alert(row)
            items.append(alert.record | {"alert_id": alert.id,
                                         "webhook_error": row["webhook_error"]})
        return total, items

    def alert_rules(self) -> list[str]:
        return [str(row[0]) for row in self.connection.execute(
            "SELECT DISTINCT rule FROM alerts ORDER BY rule")]

    # -- full-text evidence -----------------------------------------------------------------

    def text_match(self, article_id: str, query: str) -> tuple[str, int, int] | None:
        """Where ``query`` (FTS5 syntax, or plain words) first matches a stored article:
        ("title" or "text", start, end) in that field, or None if it does not match."""
        if not query.split():
            return None
        fts = fts_query(self.connection, "articles_fts", query)
        try:
            row = self.connection.execute(
                "SELECT highlight(articles_fts, 0, char(2), char(3)) AS title, "
                "highlight(articles_fts, 1, char(2), char(3)) AS text FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid = "
                "(SELECT rowid FROM articles WHERE id = ?)", (fts, article_id)).fetchone()
        except sqlite3.OperationalError:
            return None
        if row is None:
            return None
        # The first marked stretch of the body, else of the title (a match may be a NOT
        # query, with nothing marked: the article's start stands for it).
        for field in ("text", "title"):
            marked = row[field] or ""
            start = marked.find("\x02")
            if start >= 0:
                end = marked.find("\x03", start)
                return field, start, end - 1
        return "text", 0, 0


def _alert(row: sqlite3.Row) -> StoredAlert:
    return StoredAlert(row["id"], row["rule"], row["article_id"], row["created_at"],
                       json.loads(row["record"]), row["webhook"], row["webhook_attempts"])
