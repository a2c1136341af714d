"""Watch rounds: fetch every feed, find the entries not seen before, fetch and analyse their
pages as ``ingest`` does, store them with their feed, URL and fetch time, raise alerts.

An entry counts as seen by its URL, then (once its page is fetched) by the URL it
redirected to and its canonical URL, then by its text (the store's content id, and the
near-duplicate index). Its state is written in the transaction that stores its article,
so a round stopped anywhere (a signal, a kill) leaves every entry either fully done or not
done at all; the next round picks up the rest.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import zip_longest
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from presslens.errors import InputError, UsageError
from presslens.ingest import RawArticle, article_from_html
from presslens.ingest.encoding import decode_bytes
from presslens.ingest.feeds import (
    FeedContent,
    FeedEntry,
    FeedError,
    WatchedSource,
    canonical_url,
    is_web_url,
    normalise_url,
    parse_feed,
    read_source_list,
)
from presslens.ingest.fetch import Fetcher, FetchError, is_private_host
from presslens.model import ArticleAnalysis, InputProblem, Source
from presslens.runner import Copy, Sink, StoreSink
from presslens.store.sqlite import Store
from presslens.store.watch import WatchState
from presslens.story_store import place_new_articles
from presslens.watch.alerts import AlertOutbox, alert_record, utc_now
from presslens.watch.watchlist import MatchContext, Rule, match_rule

# A page that failed to fetch or analyse is tried in this many rounds, then left.
MAX_PAGE_ATTEMPTS = 3
# A failing feed is next tried after 1, 2, 4 ... minutes, at most six hours later.
BACKOFF_START = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
# Sitemaps a sitemap index may add to one round.
MAX_CHILD_SITEMAPS = 50
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}
MIN_EVERY_SECONDS = 60.0


def parse_every(text: str) -> float:
    """Seconds in a duration written ``90s``, ``15m``, ``2h`` or ``1d`` (a bare number is
    minutes); at least a minute, as polling a feed faster helps nobody.

    >>> parse_every("15m")
    900.0
    """
    match = DURATION.match(text)
    if match is None:
        raise UsageError(f"--every {text!r} is not a duration; write 90s, 15m, 2h or 1d")
    seconds = float(match.group(1)) * UNIT_SECONDS[(match.group(2) or "m").lower()]
    if seconds < MIN_EVERY_SECONDS:
        raise UsageError(f"--every {text!r} is shorter than a minute; feeds change slower "
                         "than that, and their servers count every request")
    return seconds


def resolve_sources(given: Iterable[str]) -> list[WatchedSource]:
    """The feeds named on the command line: URLs, and files that list URLs."""
    sources: list[WatchedSource] = []
    for item in given:
        if is_web_url(item):
            sources.append(WatchedSource(item, None, item))
        elif "://" in item:
            raise UsageError(f"{item}: only http(s) feeds and sitemaps can be watched")
        else:
            try:
                sources.extend(read_source_list(Path(item)))
            except InputError as exc:
                raise UsageError(str(exc)) from None
    unique = {normalise_url(s.url): s for s in reversed(sources)}
    return [s for s in sources if unique.get(normalise_url(s.url)) is s]


@dataclass(slots=True)
class PendingEntry:
    """A new entry whose page was fetched, waiting for its article to be stored."""

    url: str
    feed: str
    fetched_at: str
    canonical_url: str | None


@dataclass(slots=True)
class RoundReport:
    number: int = 0
    feeds: int = 0
    not_modified: int = 0
    backing_off: int = 0
    feed_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_entries: int = 0
    pages: int = 0
    stored: int = 0
    duplicates: int = 0
    copies: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False

    def summary(self) -> str:
        parts = [f"{self.feeds} feed(s) checked"]
        if self.not_modified:
            parts.append(f"{self.not_modified} unchanged (304)")
        if self.feed_errors:
            parts.append(f"{len(self.feed_errors)} failed")
        if self.backing_off:
            parts.append(f"{self.backing_off} waiting after failures")
        parts.append(f"{self.new_entries} new entr{'y' if self.new_entries == 1 else 'ies'}")
        parts.append(f"{self.stored} article(s) stored")
        if self.duplicates or self.copies:
            parts.append(f"{self.duplicates} already stored, {self.copies} near-identical "
                         "copies")
        if self.skipped or self.failed:
            parts.append(f"{len(self.skipped)} not articles, {len(self.failed)} failed")
        parts.append(f"{len(self.alerts)} alert(s)")
        return f"round {self.number}: " + ", ".join(parts) + (
            "; stopped early" if self.stopped else "")


class Analyser(Protocol):
    """Analyses articles and hands each batch to ``sink`` (``write`` and ``add_copy``)."""

    def __call__(self, articles: Iterable[RawArticle], sink: Sink,
                 on_problem: Callable[[InputProblem], None]) -> None: ...


def pipeline_analyser(store: Store, knowledge: Any = None, *, batch_size: int = 16,
                      near_duplicate_threshold: float | None = 0.8) -> Analyser:
    """The analysis ``ingest`` runs (spaCy pipeline, entity resolution against the store,
    near-identical copies), for a watch."""
    from presslens.runner import RunOptions, run_corpus

    def analyse(articles: Iterable[RawArticle], sink: Sink,
                on_problem: Callable[[InputProblem], None]) -> None:
        options = RunOptions(batch_size=batch_size, skip_stored=store.has_article,
                             near_duplicate_threshold=near_duplicate_threshold)

        def on_read(result: object) -> None:
            if isinstance(result, InputProblem):
                on_problem(result)

        run_corpus(articles, [sink], options, resolver=store.entity_resolver(knowledge),
                   store_connection=store.connection, on_read=on_read)

    return analyse


class WatchSink(StoreSink):
    """Stores a batch, and in the same transaction the entries it came from and the
    alerts its articles raise."""

    def __init__(self, store: Store, state: WatchState, rules: list[Rule],
                 pending: dict[str, list[PendingEntry]], report: RoundReport) -> None:
        super().__init__(store, own_resolver=True)
        self.state = state
        self.rules = rules
        self.pending = pending
        self.report = report

    def write(self, articles: list[ArticleAnalysis],
              resolver_changes: list[tuple[str, str, str | None]]) -> None:
        def along(added: list[ArticleAnalysis]) -> None:
            added_ids = {a.id for a in added}
            for article in articles:
                status = "stored" if article.id in added_ids else "duplicate"
                self._record(article.id, status, article.id)
            self._raise_alerts(added)

        result = self.store.add_articles(articles, resolver_changes if self.own_resolver
                                         else (), along=along)
        if result.added:
            place_new_articles(self.store)
        self.added += result.added
        self.already_stored += result.already_stored
        self.report.stored += result.added
        self.report.duplicates += result.already_stored

    def add_copy(self, copy: Copy) -> None:
        # Not one transaction with its entries: a copy whose entries were lost is found
        # again by the near-duplicate index next round, and kept once (INSERT OR IGNORE).
        super().add_copy(copy)
        self._record(copy.article_id, "copy", copy.copy_of)
        self.report.copies += 1

    def _record(self, article_id: str, status: str, stored_as: str) -> None:
        for entry in self.pending.pop(article_id, []):
            self.state.record_entry(entry.url, feed=entry.feed, status=status,
                                    fetched_at=entry.fetched_at, article_id=stored_as,
                                    canonical_url=entry.canonical_url)

    def _raise_alerts(self, added: list[ArticleAnalysis]) -> None:
        if not added or not self.rules:
            return
        names: dict[str, set[str]] = {}

        def actor_ids(name: str) -> set[str]:
            if name not in names:
                names[name] = set(self.store.entity_ids_named(name))
            return names[name]

        context = MatchContext(actor_ids, self.state.text_match)
        now = utc_now()
        for article in added:
            entries = self.state.entries(article.id)
            first = entries[0] if entries else None
            for rule in self.rules:
                evidence = match_rule(rule, article, context)
                if evidence is None:
                    continue
                record = alert_record(rule.name, article, evidence,
                                      feed=first.feed if first else None,
                                      fetched_at=first.fetched_at if first else None,
                                      raised_at=now)
                self.state.add_alert(rule.name, article.id, record, now=now,
                                     webhook=rule.webhook)


class Watcher:
    """Runs rounds over ``sources`` into ``store``.

    >>> watcher = Watcher(store, sources, fetcher=Fetcher(), rules=rules)  # doctest: +SKIP
    >>> watcher.run_round().summary()  # doctest: +SKIP
    """

    def __init__(self, store: Store, sources: list[WatchedSource], *, fetcher: Fetcher,
                 rules: list[Rule] | None = None, analyser: Analyser | None = None,
                 outbox: AlertOutbox | None = None,
                 stop: threading.Event | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 on_problem: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.state = WatchState(store)
        self.sources = sources
        self.fetcher = fetcher
        self.rules = rules or []
        self.analyser = analyser or pipeline_analyser(store)
        self.outbox = outbox or AlertOutbox(self.state)
        self.stop = stop or threading.Event()
        self.now = now
        self.on_problem = on_problem or (lambda line: None)
        self.rounds = 0
        self._private_feeds: dict[str, bool] = {}

    def _stamp(self) -> str:
        return self.now().isoformat(timespec="seconds")

    # -- a round ----------------------------------------------------------------------------

    def run_round(self) -> RoundReport:
        self.rounds += 1
        report = RoundReport(number=self.rounds)
        # Alerts a stopped or killed round kept but did not deliver go out first.
        self._deliver(report)
        entries = self._new_entries(report)
        pending: dict[str, list[PendingEntry]] = {}
        sink = WatchSink(self.store, self.state, self.rules, pending, report)
        articles = self._fetched_articles(entries, pending, report)

        def on_problem(problem: InputProblem) -> None:
            report.failed.append(str(problem))
            self.on_problem(f"error {problem}")

        if entries:  # nothing new: the pipeline is not even loaded
            self.analyser(articles, _DeliveringSink(sink, lambda: self._deliver(report)),
                          on_problem)
        if not self.stop.is_set():
            # Fetched but never stored: the analysis failed on it; tried again next round.
            for entry in (e for group in pending.values() for e in group):
                self._failed_entry(entry.url, entry.feed, "analysis failed", permanent=False)
        report.stopped = self.stop.is_set()
        self._deliver(report)
        return report

    def _deliver(self, report: RoundReport) -> None:
        delivery = self.outbox.deliver()
        report.alerts.extend(delivery.delivered)
        for line in delivery.webhook_failures:
            self.on_problem(f"error {line}")

    def _new_entries(self, report: RoundReport) -> list[tuple[WatchedSource, FeedEntry]]:
        found: dict[str, tuple[WatchedSource, FeedEntry]] = {}
        queue = list(self.sources)
        children = 0
        while queue and not self.stop.is_set():
            source = queue.pop(0)
            content = self._read_feed(source, report)
            if content is None:
                continue
            for child in content.sitemaps:
                if children < MAX_CHILD_SITEMAPS:
                    children += 1
                    queue.append(WatchedSource(child, source.outlet, source.url))
            # Pages that failed before are tried again even when the feed is unchanged
            # (a 304 lists nothing) or no longer lists them.
            retries = [FeedEntry(url) for url in
                       self.state.retryable(source.url, MAX_PAGE_ATTEMPTS)]
            for entry in [*content.entries, *retries]:
                key = normalise_url(entry.url)
                if key in found or not self._is_new(key):
                    continue
                found[key] = (source, entry)
        report.new_entries = len(found)
        return _by_host_in_turn(list(found.values()))

    def _is_new(self, url: str) -> bool:
        entry = self.state.entry(url)
        if entry is None:
            return True
        return entry.status == "failed" and entry.attempts < MAX_PAGE_ATTEMPTS

    def _read_feed(self, source: WatchedSource, report: RoundReport) -> FeedContent | None:
        state = self.state.feed(source.url)
        now = self.now()
        if state.next_attempt and state.next_attempt > now.isoformat(timespec="seconds"):
            report.backing_off += 1
            return None
        report.feeds += 1
        try:
            fetched = self.fetcher.get_feed(source.url, etag=state.etag,
                                            last_modified=state.last_modified)
            if fetched.not_modified:
                report.not_modified += 1
                content = FeedContent("unchanged")
            else:
                content = parse_feed(fetched.body, fetched.url, fetched.content_type)
        except (FetchError, FeedError) as exc:
            self._feed_failed(source, exc, report)
            return None
        self.state.feed_succeeded(source.url, now=self._stamp(), etag=fetched.etag,
                                  last_modified=fetched.last_modified,
                                  not_modified=fetched.not_modified)
        if content.warning:
            report.warnings.append(f"{source.url}: {content.warning}")
            self.on_problem(f"warning {source.url}: {content.warning}")
        return content

    def _feed_failed(self, source: WatchedSource, exc: Exception, report: RoundReport) -> None:
        reason = exc.reason if isinstance(exc, FetchError) else str(exc)
        previous = self.state.feed(source.url).failures
        delay = min(BACKOFF_START * (2 ** min(previous, 16)), BACKOFF_MAX)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after:
            delay = max(delay, min(timedelta(seconds=retry_after), BACKOFF_MAX))
        next_attempt = (self.now() + delay).isoformat(timespec="seconds")
        failures = self.state.feed_failed(source.url, now=self._stamp(), error=reason,
                                          next_attempt=next_attempt)
        line = (f"{source.url}: {reason} (failure {failures} in a row; next try after "
                f"{next_attempt})")
        report.feed_errors.append(line)
        self.on_problem(f"error {line}")

    def _fetched_articles(self, entries: list[tuple[WatchedSource, FeedEntry]],
                          pending: dict[str, list[PendingEntry]], report: RoundReport
                          ) -> Iterator[RawArticle]:
        """The new entries' articles, fetched one at a time as the analysis asks for them;
        none is started once a stop was asked for."""
        for source, entry in entries:
            if self.stop.is_set():
                return
            url = normalise_url(entry.url)
            fetched_at = self._stamp()
            try:
                page = self.fetcher.get_page(entry.url, private_ok=self._private(source.url))
                report.pages += 1
                html, encoding = _decode(page.body, page.charset)
                canonical = canonical_url(html, page.url)
                known = self.state.article_at(normalise_url(page.url),
                                              normalise_url(canonical) if canonical else "")
                if known is not None:
                    self.state.record_entry(url, feed=source.url, status="duplicate",
                                            fetched_at=fetched_at, article_id=known,
                                            canonical_url=normalise_url(canonical or page.url))
                    report.duplicates += 1
                    continue
                article = article_from_html(html, source=Source(
                    url=canonical or page.url, outlet=source.outlet or entry.outlet,
                    title=entry.title, published=entry.published, encoding=encoding))
            except FetchError as exc:
                self._failed_entry(url, source.url, exc.reason, permanent=exc.permanent)
                report.failed.append(f"{entry.url}: {exc.reason}")
                self.on_problem(f"error {entry.url}: {exc.reason}")
                continue
            except InputError as exc:
                self.state.record_entry(url, feed=source.url, status="skipped",
                                        fetched_at=fetched_at, reason=str(exc))
                report.skipped.append(f"{entry.url}: {exc}")
                self.on_problem(f"skipped {entry.url}: {exc}")
                continue
            # Where the page really is: its canonical URL, else where the redirects led.
            waiting = PendingEntry(url, source.url, fetched_at,
                                   normalise_url(canonical or page.url))
            if article.id in pending:  # the same text under another URL, this round
                pending[article.id].append(waiting)
                continue
            if self.store.has_article(article.id):
                self.state.record_entry(url, feed=source.url, status="duplicate",
                                        fetched_at=fetched_at, article_id=article.id,
                                        canonical_url=waiting.canonical_url)
                report.duplicates += 1
                continue
            pending[article.id] = [waiting]
            yield article

    def _private(self, feed: str) -> bool:
        host = urlsplit(feed).hostname or ""
        if host not in self._private_feeds:
            self._private_feeds[host] = is_private_host(host)
        return self._private_feeds[host]

    def _failed_entry(self, url: str, feed: str, reason: str, *, permanent: bool) -> None:
        entry = self.state.entry(url)
        attempts = MAX_PAGE_ATTEMPTS if permanent else (entry.attempts + 1 if entry else 1)
        self.state.record_entry(url, feed=feed, status="failed", fetched_at=self._stamp(),
                                reason=reason, attempts=attempts)

    # -- rounds until stopped ---------------------------------------------------------------

    def run(self, every: float | None, on_round: Callable[[RoundReport], None]) -> RoundReport:
        """One round (``every`` None), or rounds ``every`` seconds apart until stopped."""
        while True:
            report = self.run_round()
            on_round(report)
            if every is None or self.stop.is_set():
                return report
            if self.stop.wait(every):
                return report


class _DeliveringSink:
    """A sink that delivers the alerts of each batch as soon as it is stored."""

    def __init__(self, sink: WatchSink, deliver: Callable[[], None]) -> None:
        self.sink = sink
        self.deliver = deliver

    def write(self, articles: list[ArticleAnalysis],
              resolver_changes: list[tuple[str, str, str | None]]) -> None:
        self.sink.write(articles, resolver_changes)
        self.deliver()

    def add_copy(self, copy: Copy) -> None:
        self.sink.add_copy(copy)


def _decode(body: bytes, charset: str | None) -> tuple[str, str]:
    if charset:
        try:
            return body.decode(charset), charset.lower()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset header: detect from the bytes
    return decode_bytes(body)


def _by_host_in_turn(entries: list[tuple[WatchedSource, FeedEntry]]
                     ) -> list[tuple[WatchedSource, FeedEntry]]:
    """Entries taken from each host in turn, so that one host's rate limit does not hold
    up the others."""
    hosts: dict[str, list[tuple[WatchedSource, FeedEntry]]] = {}
    for item in entries:
        hosts.setdefault(urlsplit(item[1].url).netloc.lower(), []).append(item)
    return [item for group in zip_longest(*hosts.values()) for item in group
            if item is not None]


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event, on_first: Callable[[], None] | None = None
                    ) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the round finishes the article in hand); a second
    SIGINT interrupts at once. Handlers are restored on exit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        if on_first is not None:
            on_first()

    previous = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
