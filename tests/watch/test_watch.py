"""presslens watch: feeds in, alerts out, against a local web site (nothing leaves
127.0.0.1). The analysis is a small fake injected in most tests; one end-to-end test runs
the real pipeline through the CLI."""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.cli import app as cli
from presslens.ingest.feeds import (
    FeedError,
    normalise_url,
    parse_feed,
    read_source_list,
)
from presslens.ingest.fetch import Fetcher, FetchError, FetchLimits
from presslens.model import ArticleAnalysis, ArticleEntity, Mention
from presslens.store import Store
from presslens.store.watch import WatchState
from presslens.watch import AlertOutbox, Watcher, WatchlistError, parse_watchlist
from presslens.watch.rounds import resolve_sources
from presslens.watch.watchlist import sentence_bounds
from tests.watch.site import Route, Site, atom, news_sitemap, page, rss, serving

DATE = "Tue, 04 Mar 2031 10:15:00 GMT"
# The fake analysis: actors found by their spellings, an ASSAULT wherever "shelled" is
# written, and a label wherever "occupation forces" is.
ACTORS = {"norvast": ("Norvast", "GPE", r"Norvast(?:ian)?|NORVAST"),
          "kavari-front": ("Kavari Front", "ORG", r"(?:the )?Kavari Front"),
          "arvid-lenk": ("Arvid Lenk", "PERSON", r"(?:General )?Arvid Lenk|Lenk")}


def fake_analysis(raw) -> ArticleAnalysis:
    text = raw.text
    entities = []
    for entity_id, (name, kind, pattern) in ACTORS.items():
        mentions = [Mention(m.start(), m.end(), m.group(), kind)
                    for m in re.finditer(pattern, text)]
        if mentions:
            entities.append(ArticleEntity(entity_id, name, kind, mentions))
    entities.sort(key=lambda e: e.mentions[0].start)
    events = []
    for number, match in enumerate(re.finditer(r"shelled", text)):
        before = [e for e in entities if e.mentions[0].start < match.start()]
        after = [e for e in entities if e.mentions[0].start > match.start()]
        left, right = sentence_bounds(text, match.start(), match.end())
        events.append({"id": f"{raw.id}-e{number}", "type": "ASSAULT",
                       "actor": before[0].id if before else None,
                       "target": after[0].id if after else None,
                       "trigger": {"start": match.start(), "end": match.end(),
                                   "text": match.group()},
                       "sentence": {"start": left, "end": right},
                       "date": None, "confidence": 0.9 if "heavily" in text else 0.4})
    framing = [{"start": m.start(), "end": m.end(), "text": m.group(), "label": "actor_label",
                "voice": "outlet", "entity": "norvast", "confidence": 0.8}
               for m in re.finditer(r"occupation forces", text)]
    return ArticleAnalysis(id=raw.id, source=raw.source, text=text, entities=entities,
                           events=events, framing=framing)


def fake_analyser(articles, sink, on_problem) -> None:
    for raw in articles:
        sink.write([fake_analysis(raw)], [])


class FakeClock:
    """Monotonic time that moves only when the fetcher sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def story(n: int, extra: str = "") -> list[str]:
    return [f"Story {n}: officials in the capital said on Tuesday that talks on the "
            f"border crossings would resume next week after a pause of several months. "
            f"{extra}",
            f"The statement number {n} was read out by a spokesman, who gave no further "
            "details about the delegations or the venue of the meetings."]


@pytest.fixture
def site():
    with serving(Site()) as running:
        running.add("/robots.txt", "User-agent: *\nDisallow: /private/\n",
                    content_type="text/plain")
        yield running


def feed_of(site: Site, numbers: list[int]) -> str:
    return rss([(site.url(f"/news/{n}"), f"Story {n}", DATE) for n in numbers])


def add_pages(site: Site, numbers: list[int], extra: dict[int, str] | None = None) -> None:
    for n in numbers:
        site.add(f"/news/{n}", page(f"Story {n}", story(n, (extra or {}).get(n, ""))))


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "watch.db") as opened:
        yield opened


def watcher_for(store, site_or_urls, *, rules="", clock=None, now=None, alerts=None,
                **limits):
    urls = site_or_urls if isinstance(site_or_urls, list) else [site_or_urls.url("/feed.xml")]
    clock = clock or FakeClock()
    fetcher = Fetcher(limits=FetchLimits(**({"timeout": 2.0} | limits)), clock=clock,
                      sleep=clock.sleep)
    lines: list[str] = []
    outbox = AlertOutbox(WatchState(store), alerts_path=alerts, sleep=lambda s: None)
    watcher = Watcher(store, resolve_sources(urls), fetcher=fetcher,
                      rules=parse_watchlist(rules) if rules else [],
                      analyser=fake_analyser, outbox=outbox, on_problem=lines.append,
                      now=now or (lambda: datetime.now(UTC)))
    watcher.lines = lines  # type: ignore[attr-defined]
    return watcher


# -- parsing --------------------------------------------------------------------------------

def test_feeds_and_sitemaps_are_read_into_entries():
    base = "http://127.0.0.1:9/feed.xml"
    entries = parse_feed(rss([("/news/1?utm_source=rss", "One", DATE)]).encode(), base).entries
    assert entries[0].url == "http://127.0.0.1:9/news/1?utm_source=rss"
    assert entries[0].published == "2031-03-04" and entries[0].title == "One"
    assert normalise_url(entries[0].url) == "http://127.0.0.1:9/news/1"
    assert parse_feed(atom([("http://h.example/a", "A", "2031-03-05T08:00:00Z")]).encode(),
                      base).entries[0].published == "2031-03-05"
    sitemap = parse_feed(news_sitemap([("http://h.example/b", "B", "2031-03-06")],
                                      "Tasnim").encode(), base)
    assert sitemap.kind == "sitemap"
    assert sitemap.entries[0].outlet == "Tasnim News Agency"
    index = parse_feed(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       b"<sitemap><loc>/news-1.xml</loc></sitemap></sitemapindex>", base)
    assert index.sitemaps == ["http://127.0.0.1:9/news-1.xml"]
    for broken, reason in ((b"<html><body>Not a feed</body></html>", "HTML page"),
                           (b"<<<garbage", "not a readable feed"), (b"", "empty"),
                           (b'<?xml version="1.0"?><nothing/>', "not a readable feed")):
        with pytest.raises(FeedError, match=reason):
            parse_feed(broken, base)


def test_source_lists_name_outlets_and_bad_lines(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# state media\nhttps://www.presstv.ir/rss.xml  PressTV\n\n"
                       "https://h.example/sitemap.xml\n", encoding="utf-8")
    sources = read_source_list(listing)
    assert [(s.url, s.outlet) for s in sources] == [
        ("https://www.presstv.ir/rss.xml", "Press TV"), ("https://h.example/sitemap.xml", None)]
    listing.write_text("https://a.example/rss\nftp://b.example/feed\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"feeds.txt:2: not an http\(s\) URL"):
        read_source_list(listing)


# -- rounds ---------------------------------------------------------------------------------

def test_only_new_entries_are_fetched_and_unchanged_feeds_cost_a_304(site, store):
    add_pages(site, [1, 2, 3])
    site.add("/feed.xml", feed_of(site, [1, 2]), content_type="application/rss+xml",
             etag='"v1"')
    watcher = watcher_for(store, site)
    first = watcher.run_round()
    assert (first.new_entries, first.stored) == (2, 2)
    assert sorted(site.page_hits()) == ["/news/1", "/news/2"]

    site.add("/feed.xml", feed_of(site, [3, 1, 2]), content_type="application/rss+xml",
             etag='"v2"')
    second = watcher.run_round()
    assert (second.new_entries, second.stored) == (1, 1)
    assert sorted(site.page_hits()) == ["/news/1", "/news/2", "/news/3"]
    assert site.requests[-2].headers.get("if-none-match") == '"v1"'

    third = watcher.run_round()
    assert (third.not_modified, third.new_entries, third.stored) == (1, 0, 0)
    assert len(site.page_hits()) == 3
    state = WatchState(store).feed(site.url("/feed.xml"))
    assert (state.requests, state.not_modified, state.etag) == (3, 1, '"v2"')
    entry = WatchState(store).entry(site.url("/news/3"))
    assert entry.status == "stored" and entry.feed == site.url("/feed.xml")
    article = store.article(entry.article_id)
    assert article.source.url == site.url("/news/3") and article.source.title == "Story 3"
    assert article.source.published == "2031-03-04"
    # The robots.txt of the host was read once for all of it.
    assert site.hits("/robots.txt") == 1


def test_the_same_article_under_another_url_or_a_canonical_url_is_not_stored_twice(site, store):
    add_pages(site, [1])
    site.add("/news/1-amp", page("Story 1", story(1), canonical=site.url("/news/1")))
    site.add("/news/1-copy", page("Story 1", story(1)))
    site.add("/feed.xml", feed_of(site, [1]), content_type="application/rss+xml")
    site.add("/other.xml", rss([(site.url("/news/1-amp"), "Story 1", DATE),
                                (site.url("/news/1-copy?utm_medium=x"), "Story 1", DATE)]),
             content_type="application/rss+xml")
    watcher = watcher_for(store, [site.url("/feed.xml"), site.url("/other.xml")])
    report = watcher.run_round()
    assert report.stored == 1 and report.duplicates == 2
    assert store.count_articles() == 1
    state = WatchState(store)
    assert state.entry(site.url("/news/1-amp")).status == "duplicate"
    assert state.entry(site.url("/news/1-copy")).article_id == \
        state.entry(site.url("/news/1")).article_id


def test_robots_txt_is_obeyed(site, store):
    add_pages(site, [1])
    site.add("/private/2", page("Story 2", story(2)))
    site.add("/feed.xml", rss([(site.url("/news/1"), "One", DATE),
                               (site.url("/private/2"), "Two", DATE)]),
             content_type="application/rss+xml")
    watcher = watcher_for(store, site)
    report = watcher.run_round()
    assert report.stored == 1
    assert site.hits("/private/2") == 0
    assert any("disallowed by robots.txt" in line for line in report.failed)
    # Refused for good: not asked again next round.
    assert WatchState(store).entry(site.url("/private/2")).attempts == 3
    site.add("/robots.txt", "User-agent: presslens\nDisallow: /\n", content_type="text/plain")
    fetcher = Fetcher(clock=FakeClock())
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        fetcher.get_feed(site.url("/feed.xml"))
    assert site.hits("/feed.xml") == 1


def test_an_unreachable_robots_txt_forbids_and_a_missing_one_allows(site):
    site.add("/robots.txt", "down", status=503, content_type="text/plain")
    site.add("/feed.xml", rss([]), content_type="application/rss+xml")
    clock = FakeClock()
    with pytest.raises(FetchError, match=r"robots.txt cannot be read \(HTTP 503") as error:
        Fetcher(clock=clock, sleep=clock.sleep).get_feed(site.url("/feed.xml"))
    assert not error.value.permanent and site.hits("/feed.xml") == 0
    del site.routes["/robots.txt"]
    assert Fetcher(clock=clock, sleep=clock.sleep).get_feed(site.url("/feed.xml")).status == 200


def test_requests_to_one_host_are_spaced_and_crawl_delay_wins(site):
    for n in range(4):
        site.add(f"/p{n}", "ok", content_type="text/plain")
    clock = FakeClock()
    fetcher = Fetcher(limits=FetchLimits(min_interval=2.0), clock=clock, sleep=clock.sleep)
    for n in range(4):
        fetcher.get_feed(site.url(f"/p{n}"))
    # robots.txt, then four requests: each waits for the one before.
    assert fetcher.counts.requests == 5
    assert clock.sleeps == [2.0, 2.0, 2.0, 2.0]
    # Another host (the same server by another name) has its own turn.
    fetcher.get_feed(site.url("/p0").replace("127.0.0.1", "localhost"))
    assert clock.sleeps == [2.0, 2.0, 2.0, 2.0, 2.0]  # only its robots.txt, then the page

    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 7\n", content_type="text/plain")
    clock = FakeClock()
    slow = Fetcher(limits=FetchLimits(min_interval=2.0), clock=clock, sleep=clock.sleep)
    slow.get_feed(site.url("/p1"))
    slow.get_feed(site.url("/p2"))
    assert clock.sleeps == [2.0, 7.0]


def test_broken_sources_are_named_in_one_line_and_the_others_go_on(site, store):
    add_pages(site, [1])
    site.add("/feed.xml", feed_of(site, [1]), content_type="application/rss+xml")
    site.add("/malformed.xml", b"<rss><channel><item><title>unclosed", content_type="text/xml")
    site.add("/html.xml", "<!doctype html><html><body>Welcome</body></html>")
    site.add("/500.xml", "oops", status=500, content_type="text/plain")
    site.add("/slow.xml", rss([]), delay=1.5, content_type="application/rss+xml")
    site.add("/loop1.xml", "", status=302, headers={"Location": "/loop2.xml"})
    site.add("/loop2.xml", "", status=302, headers={"Location": "/loop1.xml"})
    site.add("/huge.xml", stream_bytes=100_000_000, content_type="application/rss+xml")
    broken = ["/malformed.xml", "/missing.xml", "/500.xml", "/slow.xml", "/html.xml",
              "/loop1.xml", "/huge.xml"]
    urls = [site.url(p) for p in broken] + [site.url("/feed.xml")]
    now = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)
    clock = {"now": now}
    watcher = watcher_for(store, urls, now=lambda: clock["now"], timeout=0.5,
                          max_feed_bytes=1_000_000)
    report = watcher.run_round()
    assert report.stored == 1
    assert len(report.feed_errors) == len(broken)
    for path, reason in zip(broken, ("not a readable feed", "HTTP 404", "HTTP 500",
                                     "timed out", "HTML page", "redirect loop",
                                     "over the 1.0 MB limit"), strict=True):
        line = next(line for line in report.feed_errors if site.url(path) in line)
        assert reason in line and "\n" not in line, line
    # The 100 MB body was cut at the limit: what the server got out is the limit plus what
    # the loopback socket's buffers took before the client hung up.
    assert site.streamed < 25_000_000
    assert sum(1 for line in watcher.lines if line.startswith("error")) == len(broken)
    client = TestClient(_web_app(store))
    health = client.get("/api/feeds").json()["items"]
    assert [f["failures"] for f in health] == [1] * len(broken) + [0]
    assert health[-1]["entries"] == {"stored": 1}
    assert "HTTP 500" in client.get("/alerts").text

    # Next round: the broken feeds wait their backoff, the good one is read.
    clock["now"] = now + timedelta(seconds=30)
    asked = len(site.requests)
    again = watcher.run_round()
    assert again.backing_off == len(broken) and again.feeds == 1
    assert [r.path for r in site.requests[asked:]] == ["/feed.xml"]
    # After the backoff they are tried again; a second failure doubles the wait.
    clock["now"] = now + timedelta(minutes=2)
    third = watcher.run_round()
    assert third.feeds == len(broken) + 1
    state = WatchState(store).feed(site.url("/500.xml"))
    assert state.failures == 2
    assert state.next_attempt == (clock["now"] + timedelta(minutes=2)).isoformat()


def test_a_page_that_fails_is_tried_again_then_left(site, store):
    # The feed is unchanged after the first round (304s): the failed page is retried all
    # the same.
    site.add("/feed.xml", feed_of(site, [1, 2]), content_type="application/rss+xml",
             etag='"same"')
    add_pages(site, [1])
    site.add("/news/2", "busy", status=503, content_type="text/plain")
    watcher = watcher_for(store, site)
    reports = [watcher.run_round() for _ in range(4)]
    assert [r.not_modified for r in reports] == [0, 1, 1, 1]
    assert site.hits("/news/2") == 3 and site.hits("/news/1") == 1
    site.add("/news/2", page("Story 2", story(2)))
    assert watcher.run_round().stored == 0  # three tries were all it gets
    site.add("/news/3", b"%PDF-1.4", content_type="application/pdf")
    site.add("/news/4", page("Menu", ["Home", "Contact"]))
    site.add("/feed.xml", feed_of(site, [3, 4]), content_type="application/rss+xml")
    report = watcher.run_round()
    assert any("not a web page (application/pdf)" in line for line in report.failed)
    assert any("no article text" in line for line in report.skipped)
    watcher.run_round()
    assert site.hits("/news/3") == 1 and site.hits("/news/4") == 1


# -- watchlists and alerts ------------------------------------------------------------------

RULES = """
[[rule]]
name = "Norvast"
actor = "NORVAST"

[[rule]]
name = "attacks by Norvast"
actor = "Norvast"
event_type = "assault"
min_confidence = 0.8

[[rule]]
name = "occupation label"
label = "occupation forces"

[[rule]]
name = "talks"
query = '"border crossings" AND Kavari'

[[rule]]
name = "wire"
outlet = "Test Wire"
"""


def test_alerts_carry_evidence_and_are_never_repeated(site, store, tmp_path):
    extra = {1: "Norvast shelled positions of the Kavari Front heavily overnight.",
             2: "Norvastian occupation forces shelled a village, the Kavari Front said.",
             3: "Nothing else happened."}
    add_pages(site, [1, 2, 3], extra)
    site.add("/feed.xml", feed_of(site, [1, 2, 3]), content_type="application/rss+xml")
    alerts_file = tmp_path / "alerts.jsonl"
    watcher = watcher_for(store, site, rules=RULES, alerts=alerts_file)
    report = watcher.run_round()
    lines = [json.loads(line) for line in alerts_file.read_text().splitlines()]
    assert lines == report.alerts
    fired = {(a["rule"], a["url"].rsplit("/", 1)[1]) for a in lines}
    assert fired == {("Norvast", "1"), ("Norvast", "2"), ("attacks by Norvast", "1"),
                     ("occupation label", "2"), ("talks", "1"), ("talks", "2")}
    for alert in lines:
        article = store.article(alert["article_id"])
        assert alert["title"] and alert["published"] == "2031-03-04"
        assert alert["feed"] == site.url("/feed.xml") and alert["fetched_at"]
        for evidence in alert["evidence"]:
            span, sentence = evidence["span"], evidence["sentence"]
            assert article.text[span["start"]:span["end"]] == span["text"]
            assert article.text[sentence["start"]:sentence["end"]] == sentence["text"]
            assert sentence["start"] <= span["start"] <= span["end"] <= sentence["end"]
    attack = next(a for a in lines if a["rule"] == "attacks by Norvast")
    assert attack["evidence"][0]["span"]["text"] == "shelled"
    assert attack["evidence"][0]["sentence"]["text"].startswith("Norvast shelled")
    talks = next(a for a in lines if a["rule"] == "talks")
    assert talks["evidence"][0]["span"]["text"].lower() in ("border crossings", "kavari")

    # A second round and a re-delivery raise nothing again.
    assert watcher.run_round().alerts == []
    assert not WatchState(store).add_alert("Norvast", lines[0]["article_id"], {}, now="x",
                                           webhook=None)
    assert len(alerts_file.read_text().splitlines()) == len(lines)

    # The same alerts through the API and the page, filtered by rule and date.
    client = TestClient(_web_app(store))
    listed = client.get("/api/alerts", params={"rule": "talks"}).json()
    assert listed["total"] == 2 and {a["rule"] for a in listed["items"]} == {"talks"}
    today = datetime.now(UTC).date().isoformat()
    assert client.get("/api/alerts", params={"since": today}).json()["total"] == 6
    assert client.get("/api/alerts", params={"until": "2000-01-01"}).json()["total"] == 0
    html = client.get("/alerts", params={"rule": "attacks by Norvast"}).text
    assert "<mark>shelled</mark>" in html and "Story 1" in html
    assert client.get("/alerts", params={"format": "json"}).json()["total"] == 6


def test_a_wire_outlet_rule_and_a_sitemap_source(site, store):
    add_pages(site, [5])
    site.add("/sitemap.xml", news_sitemap([(site.url("/news/5"), "Story 5", "2031-03-06")]),
             content_type="application/xml")
    watcher = watcher_for(store, [site.url("/sitemap.xml")], rules=RULES)
    report = watcher.run_round()
    assert [a["rule"] for a in report.alerts] == ["wire"]
    assert report.alerts[0]["outlet"] == "Test Wire"
    assert report.alerts[0]["published"] == "2031-03-06"


def test_webhooks_get_the_alert_with_bounded_retries(site, store):
    add_pages(site, [1], {1: "Norvast said so."})
    site.add("/feed.xml", feed_of(site, [1]), content_type="application/rss+xml")
    answers = iter([500, 500, 200])
    site.routes["/hook"] = lambda request: Route(b"", status=next(answers, 200))
    site.routes["/dead-hook"] = lambda request: Route(b"", status=503)
    rules = (f'[[rule]]\nname = "n"\nactor = "Norvast"\nwebhook = "{site.url("/hook")}"\n'
             f'[[rule]]\nname = "d"\nactor = "Norvast"\nwebhook = "{site.url("/dead-hook")}"\n')
    watcher = watcher_for(store, site, rules=rules)
    watcher.run_round()
    posts = [r for r in site.requests if r.path == "/hook"]
    assert len(posts) == 3 and json.loads(posts[-1].body)["rule"] == "n"
    for _ in range(3):
        watcher.run_round()
    assert site.hits("/dead-hook", "POST") == 6  # three a round, six in all, then left
    assert site.hits("/hook", "POST") == 3
    assert any("given up" in line for line in watcher.lines)


@pytest.mark.parametrize("text, expected", [
    ("[[rule]\nname = 'x'", r"rules.toml: not valid TOML: .*line 1"),
    ("[[rule]]\nname = 'x'\nactr = 'Norvast'\n", r"rules.toml:3: rule 1, key 'actr': unknown"),
    ("[[rule]]\nname = 'a'\nactor = 'N'\n\n[[rule]]\nname = 'x'\nevent_type = 'BOMB'\n",
     r"rules.toml:7: rule 2, key 'event_type': unknown PLOVER type 'BOMB'"),
    ("[[rule]]\nname = 'x'\nactor = 'N'\nmin_confidence = 0.5\n",
     r"rules.toml:4: .*give event_type or label"),
    ("[[rule]]\nname = 'x'\n", r"rules.toml:2: .*has no condition"),
    ("[[rule]]\nname = 'x'\nquery = 'a'\nwebhook = 'file:///etc/passwd'\n",
     r"rules.toml:4: .*not an http\(s\) URL"),
    ("title = 'mine'\n[[rule]]\nname = 'x'\nquery = 'a'\n", r"rules.toml:1: unknown key 'title'"),
])
def test_a_bad_watchlist_is_refused_before_anything_is_fetched(site, tmp_path, text, expected):
    rules = tmp_path / "rules.toml"
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(WatchlistError, match=expected):
        parse_watchlist(text, "rules.toml")
    site.add("/feed.xml", rss([]), content_type="application/rss+xml")
    result = CliRunner().invoke(cli, ["watch", site.url("/feed.xml"), "--db",
                                      str(tmp_path / "w.db"), "--once", "--watchlist",
                                      str(rules)])
    assert result.exit_code == 2
    assert str(rules) in result.stderr and "error" in result.stderr
    assert site.requests == []


def test_cli_options_are_checked(tmp_path):
    runner = CliRunner()
    for arguments, message in (([], "either --once or --every"),
                               (["--once", "--every", "15m"], "either --once or --every"),
                               (["--every", "5s"], "shorter than a minute"),
                               (["--every", "soon"], "not a duration")):
        result = runner.invoke(cli, ["watch", "http://127.0.0.1:9/feed.xml", "--db",
                                     str(tmp_path / "w.db"), *arguments])
        assert result.exit_code == 2 and message in result.stderr, result.stderr
    result = runner.invoke(cli, ["watch", str(tmp_path / "none.txt"), "--once", "--db",
                                 str(tmp_path / "w.db")])
    assert result.exit_code == 2 and "none.txt" in result.stderr


@pytest.mark.slow
def test_a_stop_signal_finishes_the_article_in_hand_and_exits_0(site, tmp_path, monkeypatch):
    import presslens.watch

    monkeypatch.setattr(presslens.watch, "pipeline_analyser", lambda *a, **k: fake_analyser)
    add_pages(site, [1, 2, 3])
    site.routes["/news/2"].before = lambda request: os.kill(os.getpid(), signal.SIGTERM)
    site.add("/feed.xml", feed_of(site, [1, 2, 3]), content_type="application/rss+xml")
    db = tmp_path / "w.db"

    def must_not_die(signum, frame):
        raise AssertionError("SIGTERM reached the default handler")

    previous = signal.signal(signal.SIGTERM, must_not_die)
    try:
        result = CliRunner().invoke(cli, ["watch", site.url("/feed.xml"), "--db", str(db),
                                          "--once", "--host-interval", "0.5"])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code == 0, result.stderr
    assert "stopping after the article in hand" in result.stderr
    assert site.page_hits() == ["/news/1", "/news/2"]
    with Store.open(db) as opened:
        assert opened.count_articles() == 2
        assert WatchState(opened).entry(site.url("/news/3")) is None
    # The next round takes up the rest.
    site.routes["/news/2"].before = None
    result = CliRunner().invoke(cli, ["watch", site.url("/feed.xml"), "--db", str(db),
                                      "--once", "--host-interval", "0.5"])
    assert result.exit_code == 0, result.stderr
    assert site.page_hits() == ["/news/1", "/news/2", "/news/3"]


def _web_app(store):
    from presslens.web.app import Settings, create_app

    return create_app(Settings(db_path=Path(store.path)))


# -- end to end, with the real pipeline -----------------------------------------------------

DEMO_PAGES = ("dhafir-standard/2031-02-12-keshal-strike-zavran-militia-chain.html",
              "dhafir-standard/2031-02-14-keshal-vote-zavran-fingerprints.html",
              "keshal-courier/2031-04-17-what-kermanzadeh-brought-to-keshal.html")


@pytest.mark.model
def test_watch_end_to_end_through_the_cli(site, tmp_path, demo_dir):
    for number, name in enumerate(DEMO_PAGES):
        site.add(f"/news/{number}", (demo_dir / name).read_bytes())
    # A syndicated copy of the first page, a few words changed.
    first = (demo_dir / DEMO_PAGES[0]).read_text(encoding="utf-8")
    site.add("/news/copy", first.replace("early on Tuesday", "early on Tuesday morning"))
    links = [f"/news/{n}" for n in range(len(DEMO_PAGES))] + ["/news/copy"]
    site.add("/feed.xml", rss([(site.url(link), f"Demo {link}", DATE) for link in links]),
             content_type="application/rss+xml", etag='"demo-1"')
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "Zavran"\nactor = "Zavran"\n\n'
                     '[[rule]]\nname = "militias"\nquery = "militia*"\n', encoding="utf-8")
    db, alerts = tmp_path / "w.db", tmp_path / "alerts.jsonl"
    arguments = ["watch", site.url("/feed.xml"), "--db", str(db), "--once", "--watchlist",
                 str(rules), "--alerts", str(alerts), "--host-interval", "0.5"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.stderr
    with Store.open(db) as opened:
        assert opened.count_articles() == len(DEMO_PAGES)
        articles = {a.id: a for a in opened.articles()}
        state = WatchState(opened)
        copy, original = state.entry(site.url("/news/copy")), state.entry(site.url("/news/0"))
        assert copy.status == "copy" and copy.article_id == original.article_id
        assert [c["copy_of"] for c in opened.copies()] == [original.article_id]
    assert "1 near-identical copies" in result.stderr
    written = [json.loads(line) for line in alerts.read_text().splitlines()]
    printed = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert written == printed
    assert {a["rule"] for a in written} == {"Zavran", "militias"}
    for alert in written:
        text = articles[alert["article_id"]].text
        for evidence in alert["evidence"]:
            span = evidence["span"]
            assert text[span["start"]:span["end"]] == span["text"]
    zavran = [a for a in written if a["rule"] == "Zavran"]
    assert zavran and all("Zavran" in a["evidence"][0]["span"]["text"] for a in zavran)
    pages_before = len(site.page_hits())

    again = CliRunner().invoke(cli, arguments)
    assert again.exit_code == 0, again.stderr
    assert len(site.page_hits()) == pages_before
    assert site.requests[-1].headers.get("if-none-match") == '"demo-1"'
    assert "1 unchanged (304)" in again.stderr and again.stdout.strip() == ""
    assert len(alerts.read_text().splitlines()) == len(written)


def test_every_runs_rounds_until_stopped(site, store):
    add_pages(site, [1])
    site.add("/feed.xml", feed_of(site, [1]), content_type="application/rss+xml", etag='"1"')
    watcher = watcher_for(store, site)
    seen = []

    def on_round(report):
        seen.append(report)
        if len(seen) == 3:
            watcher.stop.set()

    last = watcher.run(0.01, on_round)
    assert [r.number for r in seen] == [1, 2, 3] and last is seen[-1]
    assert [r.stored for r in seen] == [1, 0, 0] and seen[2].not_modified == 1
    # A stop asked for during a wait ends it at once, however long it is.
    threading.Timer(0.2, watcher.stop.set).start()
    watcher.stop.clear()
    started = time.monotonic()
    watcher.run(3600.0, lambda report: None)
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_sigterm_between_rounds_ends_the_process_with_0(site, tmp_path):
    import subprocess
    import sys

    site.add("/feed.xml", rss([]), content_type="application/rss+xml")
    process = subprocess.Popen(
        [sys.executable, "-m", "presslens", "watch", site.url("/feed.xml"), "--db",
         str(tmp_path / "w.db"), "--every", "1h"], stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if line.startswith("round 1") or not line:
                break
        assert any(line.startswith("round 1") for line in lines), lines
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_watch_has_help_with_examples():
    result = CliRunner().invoke(cli, ["watch", "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout and "--every" in result.stdout


def test_a_redirected_entry_is_known_by_where_it_led(site, store):
    add_pages(site, [1])
    site.add("/short/1", "", status=301, headers={"Location": "/news/1"})
    site.add("/feed.xml", feed_of(site, [1]), content_type="application/rss+xml")
    watcher = watcher_for(store, site)
    watcher.run_round()
    site.add("/feed.xml", rss([(site.url("/short/1"), "Story 1", DATE)]),
             content_type="application/rss+xml")
    report = watcher.run_round()
    assert report.duplicates == 1 and store.count_articles() == 1
    assert WatchState(store).entry(site.url("/short/1")).status == "duplicate"


def test_an_alerts_file_that_cannot_be_written_stops_before_fetching(site, tmp_path):
    site.add("/feed.xml", rss([]), content_type="application/rss+xml")
    result = CliRunner().invoke(cli, ["watch", site.url("/feed.xml"), "--db",
                                      str(tmp_path / "w.db"), "--once", "--alerts",
                                      str(tmp_path)])
    assert result.exit_code == 2 and str(tmp_path) in result.stderr
    assert site.requests == []


def test_a_page_on_a_private_address_is_refused_unless_the_feed_is_private_too(
        site, monkeypatch):
    import presslens.ingest.fetch

    site.add("/news/1", page("Story 1", story(1)))
    site.add("/out", "", status=302, headers={"Location": site.url("/news/1")})
    clock = FakeClock()
    fetcher = Fetcher(clock=clock, sleep=clock.sleep)
    with pytest.raises(FetchError, match="private or loopback address") as refused:
        fetcher.get_page(site.url("/news/1"))
    assert refused.value.permanent and site.requests == []
    assert fetcher.get_page(site.url("/news/1"), private_ok=True).status == 200
    # A public page (here: "localhost" taken for one) that redirects into the private
    # network is refused at that hop.
    monkeypatch.setattr(presslens.ingest.fetch, "is_private_host",
                        lambda host: host == "127.0.0.1")
    with pytest.raises(FetchError, match="private or loopback address"):
        fetcher.get_page(site.url("/out").replace("127.0.0.1", "localhost"))
    assert site.hits("/news/1") == 1


@pytest.mark.parametrize("seed", [b"", b'<rss version="2.0"><channel><item><link>',
                                  b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                  b"<url><loc>http://[broken/</loc></url></urlset>"])
def test_feed_parsing_never_fails_but_with_a_feed_error(seed):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.binary(max_size=400))
    def check(tail):
        try:
            content = parse_feed(seed + tail, "http://127.0.0.1:9/feed.xml")
        except FeedError:
            return
        assert all(entry.url.startswith("http") for entry in content.entries)

    check()
    broken = parse_feed(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
                        b"<loc>http://[broken/</loc></url></urlset>", "http://127.0.0.1:9/")
    assert broken.entries == [] and broken.skipped == 1
