"""Alerts: built from a rule's match, kept in the store, then delivered.

Delivery works from the store as an outbox: an alert is kept in the same transaction as
its article, and delivered afterwards (a line appended to the alerts file and printed,
then a webhook POST where the rule has one). An alert whose delivery was cut short (the
process killed in between) is delivered by the next round, so none is lost; the store's
unique key on (rule, article) means none is raised twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from presslens.model import ArticleAnalysis
from presslens.store.watch import StoredAlert, WatchState

# Webhook POSTs per alert: a few now (with short pauses), the rest in later rounds.
WEBHOOK_TRIES_PER_ROUND = 3
WEBHOOK_MAX_ATTEMPTS = 6
WEBHOOK_PAUSES = (1.0, 3.0)
WEBHOOK_TIMEOUT = 10.0


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def alert_record(rule: str, article: ArticleAnalysis, evidence: list[dict[str, Any]], *,
                 feed: str | None, fetched_at: str | None, raised_at: str) -> dict[str, Any]:
    """The alert as written to the alerts file, the API and webhooks."""
    source = article.source
    return {"rule": rule, "article_id": article.id, "url": source.url,
            "outlet": source.outlet, "title": source.title, "published": source.published,
            "feed": feed, "fetched_at": fetched_at, "raised_at": raised_at,
            "evidence": evidence}


@dataclass(slots=True)
class DeliveryReport:
    delivered: list[dict[str, Any]] = field(default_factory=list)
    webhook_failures: list[str] = field(default_factory=list)


class AlertOutbox:
    """Delivers the store's undelivered alerts: to ``alerts_path`` (JSON lines, appended),
    to ``on_alert`` (the CLI prints them), and to the rules' webhooks."""

    def __init__(self, state: WatchState, *, alerts_path: Path | None = None,
                 on_alert: Callable[[dict[str, Any]], None] | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 user_agent: str | None = None) -> None:
        self.state = state
        self.alerts_path = alerts_path
        if alerts_path is not None:
            # A file that cannot be appended to is an error now, before anything is fetched.
            alerts_path.parent.mkdir(parents=True, exist_ok=True)
            alerts_path.open("a", encoding="utf-8").close()
        self.on_alert = on_alert
        self.sleep = sleep
        headers = {"User-Agent": user_agent} if user_agent else {}
        self._client = httpx.Client(timeout=WEBHOOK_TIMEOUT, follow_redirects=False,
                                    transport=transport, headers=headers, trust_env=False)

    def close(self) -> None:
        self._client.close()

    def deliver(self) -> DeliveryReport:
        report = DeliveryReport()
        pending = self.state.undelivered()
        if pending and self.alerts_path is not None:
            with self.alerts_path.open("a", encoding="utf-8") as handle:
                for alert in pending:
                    handle.write(json.dumps(alert.record, ensure_ascii=False) + "\n")
                handle.flush()
        for alert in pending:
            self.state.mark_delivered(alert.id, utc_now())
            if self.on_alert is not None:
                self.on_alert(alert.record)
            report.delivered.append(alert.record)
        for alert in self.state.pending_webhooks(WEBHOOK_MAX_ATTEMPTS):
            error = self._post(alert)
            if error:
                report.webhook_failures.append(
                    f"webhook {alert.webhook} for rule {alert.rule!r}, article "
                    f"{alert.article_id}: {error}")
        return report

    def _post(self, alert: StoredAlert) -> str | None:
        """POST one alert, a few tries; the error of the last, or None once it is taken."""
        assert alert.webhook is not None
        tries = min(WEBHOOK_TRIES_PER_ROUND, WEBHOOK_MAX_ATTEMPTS - alert.webhook_attempts)
        error: str | None = None
        made = 0
        for attempt in range(tries):
            if attempt:
                self.sleep(WEBHOOK_PAUSES[min(attempt - 1, len(WEBHOOK_PAUSES) - 1)])
            made += 1
            try:
                response = self._client.post(alert.webhook, json=alert.record)
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                continue
            if 200 <= response.status_code < 300:
                error = None
                break
            error = f"HTTP {response.status_code}"
            if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                break  # the receiver refuses it: trying again sends the same thing
        left = WEBHOOK_MAX_ATTEMPTS - alert.webhook_attempts - made
        if error and left > 0:
            error += f" (will try again next round, {left} attempt(s) left)"
        elif error:
            error += " (given up)"
        self.state.webhook_tried(alert.id, attempts=made, now=utc_now(), error=error)
        return error
