"""The commands that give the store to others: ``serve`` (the web UI and HTTP API),
``report`` (one HTML page) and ``export`` (files for other tools)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from presslens.cli.common import (
    DbOption,
    EventMinConfidenceOption,
    command_settings,
    err,
    guarded,
    knowledge,
    out,
    require_store,
)
from presslens.errors import UsageError


@guarded
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> int:
    """Serve the web UI and the HTTP API over the store (OpenAPI docs at /docs). Writes need
    the bearer token in PRESSLENS_TOKEN; reads are open on loopback.

    Examples:

      presslens serve

      PRESSLENS_TOKEN=s3cret presslens serve --db monitoring.db --port 8080
    """
    import os

    import uvicorn

    from presslens.web.app import Settings as WebSettings
    from presslens.web.app import bind_socket, check_store, create_app

    settings = command_settings(db)
    require_store(settings)
    articles = check_store(settings.db_path)
    app_settings = WebSettings(db_path=settings.db_path,
                               token=os.environ.get("PRESSLENS_TOKEN") or None,
                               host=host, aliases=settings.alias_table
                               if settings.alias_table.exists() else None)
    if not app_settings.token:
        err.print("[yellow]note[/yellow] PRESSLENS_TOKEN is not set: the API is read-only")
    # Bound before the line is printed: a port in use is an error, not a false promise.
    listening = bind_socket(host, port)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"presslens: {articles} articles in {settings.db_path}; listening on "
              f"http://{shown}:{listening.getsockname()[1]}/ (API docs at /docs; "
              "Ctrl-C stops)")
    uvicorn.Server(uvicorn.Config(create_app(app_settings), log_level="warning")
                   ).run(sockets=[listening])
    return 0


@guarded
def report_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    db: DbOption = None,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = (
        "presslens corpus report"),
) -> int:
    """Write the corpus report: per story the outlets side by side with how each names the
    actors, the timeline chart, the actor network picture and the naming tables, in one
    HTML page readable offline.

    Examples:

      presslens report --out report/
    """
    from presslens.corpus_report import write_corpus_report
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        path = write_corpus_report(store, out_dir, title)
    out.print(f"Report: {path}")
    return 0


@guarded
def export_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="contract (articles.jsonl and entities.jsonl, as `analyze` "
        "writes them), or tables as jsonl, csv or parquet, or the actor network as graphml "
        "(with network.json for web views).")
    ] = "contract",
    since: Annotated[str | None, typer.Option(
        "--since", help="Network: only what is dated on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Network: only what is dated on or before this date.")] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", help="Network: only these event types (repeat; 'talks about' for quotes).")
    ] = None,
    db: DbOption = None,
    min_confidence: EventMinConfidenceOption = None,
) -> int:
    """Write the store out: the contract's files, flat tables (articles, entities, mentions,
    quotes, events, timexes, framing) for pandas, DuckDB or a spreadsheet, or the actor
    network for Gephi.

    Examples:

      presslens export --out dump/

      presslens export --out tables/ --format parquet

      presslens export --out graph/ --format graphml --type ASSAULT --since 2020-01-01
    """
    from presslens.event_confidence import is_shown
    from presslens.service.queries import event_threshold
    from presslens.store import Store, write_analysis
    from presslens.store.tables import FORMATS, corpus_tables, write_network, write_tables

    settings = command_settings(db)
    if fmt not in ("contract", *FORMATS):
        raise UsageError(f"--format is one of contract, {', '.join(FORMATS)}")
    with Store.open(settings.db_path) as store:
        articles = list(store.articles())
        entities = store.entities(knowledge(settings))
    if fmt == "contract":
        paths = write_analysis(out_dir, articles, entities)
        out.print(f"{len(articles)} articles: {paths['articles']}\n"
                  f"Entities: {paths['entities']}")
        return 0
    tables = corpus_tables(articles, entities)
    threshold = event_threshold(min_confidence)
    tables["events"] = [e for e in tables["events"] if is_shown(e, threshold)]
    if fmt == "graphml":
        wanted = {t if t == "talks about" else t.upper() for t in types} if types else None
        written = write_network(out_dir, tables, since=since, until=until, types=wanted)
        out.print(f"Actor network of {len(articles)} articles: "
                  f"{', '.join(str(p) for p in written)}")
        return 0
    for path in write_tables(out_dir, tables, fmt):
        out.print(str(path))
    return 0
