"""``watch``: follow feeds, store what is new, and raise alerts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from presslens.cli.common import (
    EXIT_INPUT_PROBLEMS,
    DbOption,
    MaxBytesOption,
    command_settings,
    err,
    guarded,
    knowledge,
)
from presslens.errors import UsageError


@guarded
def watch_command(
    sources: Annotated[list[str], typer.Argument(
        help="RSS or Atom feed URLs, news sitemap URLs, or text files listing them (one URL "
        "a line, optionally followed by the outlet's name).", show_default=False)],
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit (for cron).")
                    ] = False,
    every: Annotated[str | None, typer.Option(
        "--every", help="Run a round every DURATION (90s, 15m, 2h) until stopped.")] = None,
    watchlist: Annotated[Path | None, typer.Option(
        "--watchlist", help="TOML file of alert rules.")] = None,
    alerts: Annotated[Path | None, typer.Option(
        "--alerts", help="Append each alert to this file as a JSON line.")] = None,
    user_agent: Annotated[str | None, typer.Option(
        "--user-agent", help="Who is asking, sent with every request (add a contact).")
                          ] = None,
    host_interval: Annotated[float, typer.Option(
        "--host-interval", min=0.5, help="Seconds between two requests to one host (a "
        "longer robots.txt Crawl-delay wins).")] = 2.0,
    max_article_bytes: MaxBytesOption = None,
) -> int:
    """Watch feeds: fetch new articles, analyse and store them, and raise alerts.

    Alerts are printed as JSON lines on stdout; progress and problems go to stderr.

    Examples:

      presslens watch https://www.presstv.ir/rss.xml --db monitoring.db --once

      presslens watch feeds.txt --every 15m --watchlist rules.toml --alerts alerts.jsonl
    """
    from presslens.ingest.fetch import DEFAULT_USER_AGENT, Fetcher, FetchLimits
    from presslens.store import Store
    from presslens.store.watch import WatchState
    from presslens.watch import (
        AlertOutbox,
        Watcher,
        load_watchlist,
        parse_every,
        pipeline_analyser,
        resolve_sources,
        stop_on_signals,
    )

    if once == (every is not None):
        raise UsageError("give either --once or --every DURATION")
    interval = parse_every(every) if every is not None else None
    rules = load_watchlist(watchlist) if watchlist is not None else []
    watched = resolve_sources(sources)
    settings = command_settings(db, max_article_bytes)
    agent = user_agent or DEFAULT_USER_AGENT
    with Store.open(settings.db_path) as store, Fetcher(
            user_agent=agent, limits=FetchLimits(
                min_interval=host_interval,
                max_page_bytes=settings.max_article_bytes)) as fetcher:
        outbox = AlertOutbox(WatchState(store), alerts_path=alerts, user_agent=agent,
                             on_alert=lambda a: print(
                                 json.dumps(a, ensure_ascii=False), flush=True))
        watcher = Watcher(
            store, watched, fetcher=fetcher, rules=rules, outbox=outbox,
            analyser=pipeline_analyser(
                store, knowledge(settings), near_duplicate_threshold=settings.
                near_duplicate_threshold),
            on_problem=lambda line: err.print(escape(line)))
        err.print(f"watching {len(watched)} source(s) into {settings.db_path} with "
                  f"{len(rules)} rule(s)")
        with stop_on_signals(watcher.stop, lambda: err.print(
                "stopping after the article in hand (Ctrl-C again to stop now)")):
            report = watcher.run(interval, lambda r: err.print(escape(r.summary())))
        outbox.close()
    return EXIT_INPUT_PROBLEMS if report.feed_errors and not report.stopped else 0
