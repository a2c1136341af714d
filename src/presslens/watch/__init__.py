"""Watching feeds: rounds that fetch new articles, analyse and store them, and raise the
alerts a watchlist asks for."""

from presslens.watch.alerts import AlertOutbox, alert_record
from presslens.watch.rounds import (
    RoundReport,
    Watcher,
    parse_every,
    pipeline_analyser,
    resolve_sources,
    stop_on_signals,
)
from presslens.watch.watchlist import Rule, WatchlistError, load_watchlist, parse_watchlist

__all__ = ["AlertOutbox", "RoundReport", "Rule", "Watcher", "WatchlistError", "alert_record",
           "load_watchlist", "parse_every", "parse_watchlist", "pipeline_analyser",
           "resolve_sources", "stop_on_signals"]
