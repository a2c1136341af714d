"""The ``presslens`` command line: a thin layer over ``presslens.analysis`` and the store."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from presslens.analysis import read_articles
from presslens.errors import PresslensError, UsageError
from presslens.ingest import InputSkipped, RawArticle
from presslens.ingest.readers import read_inputs
from presslens.model import Corpus, CorpusEntity, InputProblem
from presslens.params import EVENT_TYPES, parse_choice, parse_date, parse_tie_kinds
from presslens.report import write_report
from presslens.resolve.entities import mention_key
from presslens.resolve.knowledge import Knowledge, KnownActor, entity_slug, pin_actor
from presslens.runner import FileSink, RunOptions, RunTotals, StoreSink, run_corpus
from presslens.settings import Settings
from presslens.store import Store, write_analysis
from presslens.store.export import write_entities
from presslens.store.sqlite import EntitySummary

EXIT_INPUT_PROBLEMS = 1
EXIT_FAILURE = 2

app = typer.Typer(
    name="presslens",
    help=(
        "Who said what, who did what to whom and when, and how the outlet framed it.\n\n"
        "Examples:\n\n"
        "  presslens analyze articles/ --out analysis/\n\n"
        "  presslens ingest articles/ feed.jsonl\n\n"
        "  presslens search 'Kadhimi AND parliament'\n\n"
        "  presslens demo"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Inputs = Annotated[list[Path], typer.Argument(
    help="Files (.txt, .html, .htm, .jsonl) and folders of them, read recursively.",
    show_default=False)]
DbOption = Annotated[Path | None, typer.Option(
    "--db",
    help="SQLite store. Default: $PRESSLENS_DB, else ~/.local/share/presslens/presslens.db.",
    show_default=False)]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="Publication date (YYYY-MM-DD) for every input; wins over the copy's.")]
OutletOption = Annotated[str | None, typer.Option(
    "--outlet", help="Outlet name for every input; wins over what the copy says.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
MinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Only events of at least this confidence (0 shows all; default: the threshold "
    "chosen on the development articles, see docs/events.md).")]
ModalityOption = Annotated[list[str] | None, typer.Option(
    "--modality", help="Events presented so (repeat: asserted, negated, demanded, "
    "threatened, planned, hypothetical); default: asserted, what the text says happened.")]


def _event_threshold(value: float | None) -> float:
    from presslens.components.event_confidence import default_min_confidence

    return default_min_confidence() if value is None else value


def _modalities(values: list[str] | None) -> frozenset[str]:
    known = {"asserted", "negated", "demanded", "threatened", "planned", "hypothetical"}
    wanted = frozenset(v.lower() for v in values) if values else frozenset({"asserted"})
    if wanted - known:
        raise UsageError(f"--modality is one of {', '.join(sorted(known))}")
    return wanted
SplitOption = Annotated[str, typer.Option(
    "--split", help="Which annotated documents: dev, test, all, or blind (the frozen blind "
    "set, where the extractor has one).")]
MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-article-bytes", min=1,
    help="Largest article accepted, in bytes (default 5,000,000).")]


def _settings(db: Path | None = None, max_article_bytes: int | None = None,
              time_budget: float | None = None, min_confidence: float | None = None
              ) -> Settings:
    try:
        settings = Settings.from_env()
    except UsageError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILURE) from None
    return settings.with_overrides(db_path=db, max_article_bytes=max_article_bytes,
                                   time_budget=time_budget, framing_min_confidence=min_confidence)


def framing_threshold(settings: Settings) -> float:
    """The confidence from which framing flags are written: the user's, else the one
    calibrated on the development articles."""
    from presslens.components.framing_confidence import default_min_confidence

    chosen = settings.framing_min_confidence
    return default_min_confidence() if chosen is None else chosen


def _knowledge(settings: Settings) -> Knowledge:
    """The gazetteer and the analyst's alias table (if there is one yet)."""
    return Knowledge.load(settings.alias_table)


@contextmanager
def _progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal (a count, when the total is not known in advance);
    silence when output goes to a file or pipe."""
    if not err.is_terminal or (total is not None and total < 2):
        yield lambda n: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


def _read(inputs: Iterable[Path], settings: Settings
          ) -> tuple[list[RawArticle], list[InputProblem], list[InputSkipped]]:
    articles, problems, skipped = read_articles(
        inputs, max_article_bytes=settings.max_article_bytes)
    if skipped:
        # Folders of articles carry notes, manifests and images: counted, not listed.
        kinds = Counter(Path(item.path).suffix.lower() or "(no extension)" for item in skipped)
        listing = ", ".join(f"{n} {suffix}" for suffix, n in sorted(kinds.items()))
        err.print(f"[dim]skipped {len(skipped)} file(s) that are not articles ({listing})[/dim]")
    for problem in problems:
        err.print(f"[red]error[/red] {escape(str(problem))}")
    for article in articles:
        for warning in article.warnings:
            where = article.source.path or "input"
            if article.source.line:
                where += f":{article.source.line}"
            err.print(f"[yellow]warning[/yellow] {escape(where)}: {escape(warning)}")
    return articles, problems, skipped


def _print_read(result: object) -> None:
    """Problems and warnings as the run meets them: a long run shows them as it goes."""
    if isinstance(result, InputProblem):
        err.print(f"[red]error[/red] {escape(str(result))}")
    elif isinstance(result, RawArticle):
        for warning in result.warnings:
            where = result.source.path or "input"
            if result.source.line:
                where += f":{result.source.line}"
            err.print(f"[yellow]warning[/yellow] {escape(where)}: {escape(warning)}")


def _print_skipped(skipped: list[InputSkipped]) -> None:
    if skipped:
        # Folders of articles carry notes, manifests and images: counted, not listed.
        files = [item for item in skipped if item.record is None]
        records = len(skipped) - len(files)
        if files:
            kinds = Counter(Path(item.path).suffix.lower() or "(no extension)"
                            for item in files)
            listing = ", ".join(f"{n} {suffix}" for suffix, n in sorted(kinds.items()))
            err.print(f"[dim]skipped {len(files)} file(s) that are not articles "
                      f"({listing})[/dim]")
        if records:
            err.print(f"[dim]skipped {records} web-archive record(s) that are not articles "
                      "(requests, redirects, images, pages without article text)[/dim]")


def _summary_table(totals: RunTotals) -> Table:
    table = Table(title="presslens analysis", title_justify="left")
    table.add_column("Outlet")
    table.add_column("Articles", justify="right")
    table.add_column("Entities", justify="right")
    table.add_column("Mentions", justify="right")
    for outlet, count in sorted(totals.outlets.items()):
        table.add_row(escape(outlet), str(count), str(totals.outlet_entities[outlet]),
                      str(totals.outlet_mentions[outlet]))
    table.add_section()
    table.add_row("All", str(totals.analysed), str(totals.entity_count),
                  str(totals.entity_mentions))
    return table


def _top_entities_table(entities: list[CorpusEntity], limit: int = 12) -> Table:
    table = Table(title="Most mentioned actors", title_justify="left")
    for column in ("Entity", "Type", "Articles", "Mentions", "Spellings"):
        table.add_column(column, justify="right" if column in ("Articles", "Mentions") else "left")
    for entity in entities[:limit]:
        spellings = ", ".join(entity.aliases[:5]) + (" …" if len(entity.aliases) > 5 else "")
        table.add_row(escape(entity.name), entity.type, str(entity.articles),
                      str(entity.mentions), escape(spellings))
    return table


def _run_options(settings: Settings, *, jobs: int | None, dask: str | None,
                 keep_near_duplicates: bool, published: str | None, outlet: str | None,
                 shard_dir: Path | None) -> RunOptions:
    if dask is not None and jobs is not None and jobs > 1:
        raise UsageError("give either --jobs or --dask, not both")
    return RunOptions(
        batch_size=settings.batch_size, jobs=jobs or settings.jobs, dask=dask,
        near_duplicate_threshold=None if keep_near_duplicates
        else settings.near_duplicate_threshold,
        time_budget=settings.time_budget, published=published, outlet=outlet,
        shard_dir=str(shard_dir) if shard_dir else None, shard_size=settings.shard_size)


def _run_analysis(inputs: list[Path], out_dir: Path, settings: Settings, *,
                  options: RunOptions, db: Path | None, title: str) -> int:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file; give a folder to write into")
    files = FileSink(out_dir, min_confidence=framing_threshold(settings))
    sinks: list = [files]
    store = Store.open(db) if db is not None else None
    stored = StoreSink(store) if store is not None else None
    if stored is not None:
        sinks.append(stored)
    try:
        with _progress(None, "Analysing") as advance:
            totals = run_corpus(
                read_inputs(inputs, max_article_bytes=settings.max_article_bytes), sinks,
                options, knowledge=_knowledge(settings), on_read=_print_read,
                store_connection=store.connection if store is not None else None,
                progress=advance)
    finally:
        files.close()
        if store is not None:
            store.close()
    entities_path = write_entities(out_dir, totals.entity_records())
    corpus = Corpus(articles=totals.first_articles, entities=totals.top_entities,
                    problems=totals.problems, duplicates=totals.duplicates)
    report = write_report(corpus, out_dir, title=title, article_count=totals.analysed,
                          entity_count=totals.entity_count,
                          near_duplicates=totals.near_duplicates, outlet_counts=totals.outlets)
    _print_skipped(totals.skipped)
    out.print(_summary_table(totals))
    if totals.top_entities:
        out.print(_top_entities_table(totals.top_entities))
    if totals.duplicates:
        out.print(f"{totals.duplicates} duplicate copies were analysed once.")
    if totals.near_duplicates:
        out.print(f"{totals.near_duplicates} near-identical copies (syndicated or re-posted) "
                  f"are kept as sources of the article analysed: {files.copies_path}")
    out.print(f"Articles: {files.articles_path}")
    out.print(f"Entities: {entities_path}")
    out.print(f"Report:   {report}")
    if stored is not None:
        out.print(f"Store:    {db} ({stored.added} added, {stored.already_stored} already there)")
    if totals.problems:
        rest = "everything else was analysed" if totals.analysed or totals.duplicates \
            or totals.stored_before else "nothing was analysed"
        err.print(f"[red]{len(totals.problems)} input(s) could not be read[/red]; {rest}.")
        return EXIT_INPUT_PROBLEMS
    return 0


JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Worker processes for the analysis (default 1, or "
    "$PRESSLENS_JOBS); the output is the same for any number.")]
DaskOption = Annotated[str | None, typer.Option(
    "--dask", help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786) or "
    "local:N for N local workers.")]
KeepCopiesOption = Annotated[bool, typer.Option(
    "--keep-near-duplicates", help="Analyse near-identical copies (syndicated wire copies) "
    "too, instead of keeping them as sources of the first.")]
MinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Write framing flags from this confidence "
    "(default: the threshold calibrated for 0.75 precision; 0 writes all).")]
TimeBudgetOption = Annotated[float | None, typer.Option(
    "--time-budget", min=1, help="Seconds the run may take; past them it stores what it has "
    "and reports the rest for the next run.")]


@app.command("analyze")
def analyze_command(
    inputs: Inputs,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for articles.jsonl, "
                                          "entities.jsonl, copies.jsonl and report.html.")],
    published: PublishedOption = None,
    outlet: OutletOption = None,
    db: Annotated[Path | None, typer.Option("--db", help="Also add the articles to this store.")
                  ] = None,
    max_article_bytes: MaxBytesOption = None,
    jobs: JobsOption = None,
    dask: DaskOption = None,
    keep_near_duplicates: KeepCopiesOption = False,
    time_budget: TimeBudgetOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Analyse articles and write articles.jsonl, entities.jsonl and report.html.

    Examples:

      presslens analyze ../shared/samples/*.txt --out out/

      presslens analyze page.html --published 2021-11-20 --outlet "Tasnim News Agency" -o out/

      presslens analyze crawl.warc.gz feed.jsonl.gz --jobs 4 -o out/

      presslens analyze shards/ --dask local:2 -o out/
    """
    def run() -> int:
        settings = _settings(max_article_bytes=max_article_bytes, time_budget=time_budget,
                             min_confidence=min_confidence)
        options = _run_options(settings, jobs=jobs, dask=dask, published=published,
                               outlet=outlet, keep_near_duplicates=keep_near_duplicates,
                               shard_dir=out_dir / "shards")
        return _run_analysis(inputs, out_dir, settings, options=options, db=db,
                             title="presslens analysis")

    raise typer.Exit(_guard(run))


@app.command("ingest")
def ingest_command(
    inputs: Inputs,
    db: DbOption = None,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    max_article_bytes: MaxBytesOption = None,
    jobs: JobsOption = None,
    dask: DaskOption = None,
    keep_near_duplicates: KeepCopiesOption = False,
    time_budget: TimeBudgetOption = None,
) -> None:
    """Analyse articles and add them to the store; articles already stored are skipped.

    A run stopped at any point (even kill -9) and started again finishes with the same store
    as a run never stopped: each batch is stored in one transaction.

    Examples:

      presslens ingest articles/

      presslens ingest feed.jsonl --db monitoring.db

      presslens ingest crawl.warc.gz --jobs 4
    """
    def run() -> int:
        settings = _settings(db, max_article_bytes, time_budget=time_budget)
        with Store.open(settings.db_path) as store:
            options = _run_options(settings, jobs=jobs, dask=dask, published=published,
                                   outlet=outlet, keep_near_duplicates=keep_near_duplicates,
                                   shard_dir=Path(store.path).parent / "presslens-shards")
            options.skip_stored = store.has_article
            sink = StoreSink(store, own_resolver=True)
            with _progress(None, "Ingesting") as advance:
                totals = run_corpus(
                    read_inputs(inputs, max_article_bytes=settings.max_article_bytes), [sink],
                    options, resolver=store.entity_resolver(_knowledge(settings)),
                    store_connection=store.connection, on_read=_print_read, progress=advance)
            total = store.count_articles()
            placed = _place_in_stories(store)
        _print_skipped(totals.skipped)
        out.print(f"{sink.added} articles added to {settings.db_path}; "
                  f"{totals.stored_before + totals.duplicates + sink.already_stored} were "
                  f"already stored; {total} in the store.")
        if totals.near_duplicates:
            out.print(f"{totals.near_duplicates} near-identical copies kept as sources of "
                      "the article analysed in their place.")
        if placed:
            out.print(f"{placed} article(s) placed in stories.")
        if totals.problems:
            rest = "everything else was stored" if total else "nothing was stored"
            err.print(f"[red]{len(totals.problems)} input(s) could not be read[/red]; "
                      f"{rest}.")
            return EXIT_INPUT_PROBLEMS
        return 0

    raise typer.Exit(_guard(run))


def _place_in_stories(store: Store) -> int:
    """Place newly stored articles in the stored stories; without the embedding model the
    articles stay stored and unplaced, and `presslens stories` places them later."""
    from presslens.embeddings import EmbeddingModelMissing
    from presslens.story_store import update_stories

    try:
        return update_stories(store)
    except EmbeddingModelMissing as exc:
        err.print(f"[yellow]Stories not updated: {exc}[/yellow]")
        return 0


@app.command("watch")
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
) -> None:
    """Watch feeds: fetch new articles, analyse and store them, and raise alerts.

    Alerts are printed as JSON lines on stdout; progress and problems go to stderr.

    Examples:

      presslens watch https://www.presstv.ir/rss.xml --db monitoring.db --once

      presslens watch feeds.txt --every 15m --watchlist rules.toml --alerts alerts.jsonl
    """
    def run() -> int:
        from presslens.ingest.fetch import DEFAULT_USER_AGENT, Fetcher, FetchLimits
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
        settings = _settings(db, max_article_bytes)
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
                    store, _knowledge(settings), near_duplicate_threshold=settings.
                    near_duplicate_threshold),
                on_problem=lambda line: err.print(escape(line)))
            err.print(f"watching {len(watched)} source(s) into {settings.db_path} with "
                      f"{len(rules)} rule(s)")
            with stop_on_signals(watcher.stop, lambda: err.print(
                    "stopping after the article in hand (Ctrl-C again to stop now)")):
                report = watcher.run(interval, lambda r: err.print(escape(r.summary())))
            outbox.close()
        return EXIT_INPUT_PROBLEMS if report.feed_errors and not report.stopped else 0

    raise typer.Exit(_guard(run))


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find; SQLite FTS5 syntax works: "
                                         "\"exact phrase\", AND, OR, NOT, prefix*.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most matches to show.")] = 20,
) -> None:
    """Search the stored articles and show each match with a snippet.

    Examples:

      presslens search Kadhimi

      presslens search '"occupation forces" AND Iraq' --limit 5
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            hits = store.search(query, limit=limit)
            expansion = store.name_expansion(query)
        if expansion:
            out.print(Text("Also searched for the actor's other spellings: "
                           + ", ".join(expansion), style="dim"))
        if not hits:
            out.print("No matches.")
            return 0
        for hit in hits:
            heading = hit.title or "(untitled)"
            meta = " · ".join(x for x in (hit.outlet, hit.published, hit.article_id) if x)
            line = Text("  ")
            for piece, matched in hit.parts:
                line.append(piece, style="bold yellow" if matched else None)
            out.print(Text(heading, style="bold"))
            out.print(Text("  " + meta, style="dim"))
            out.print(line)
            out.print()
        return 0

    raise typer.Exit(_guard(run))


@app.command("quotes")
def quotes_command(
    speaker: Annotated[str | None, typer.Option(
        "--speaker", "-s", help="Who said it: any spelling of a name, or words of the speaker "
        "as written (\"officials\").")] = None,
    about: Annotated[str | None, typer.Option(
        "--about", "-a", help="Words in what was said (SQLite FTS5 syntax works).")] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", help="direct, indirect or mixed.")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most quotes to show.")] = 50,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Show quotes at or above this confidence (default: the model's threshold, "
        "chosen for 90% precision; 0 shows all).")] = None,
) -> None:
    """List stored quotes with speaker, article, date and outlet.

    Examples:

      presslens quotes --speaker Kadhimi

      presslens quotes --about "occupation forces" --kind direct --min-confidence 0
    """
    from presslens.components.quote_confidence import default_threshold

    settings = _settings(db)
    threshold = default_threshold() if min_confidence is None else min_confidence

    def run() -> int:
        _require_store(settings)
        if kind and kind not in ("direct", "indirect", "mixed"):
            err.print("[red]error[/red] --kind is one of direct, indirect, mixed")
            return EXIT_FAILURE
        with Store.open(settings.db_path) as store:
            hits = store.quotes(speaker=speaker, about=about, kind=kind, limit=limit,
                                min_confidence=threshold)
        if not hits:
            out.print("No quotes." + (f" (confidence >= {threshold:.2f}; --min-confidence 0 "
                                      "shows all)" if threshold > 0 else ""))
            return 0
        for hit in hits:
            who = hit.speaker_name or hit.speaker_text or "(unattributed)"
            if hit.speaker_text and hit.speaker_name and hit.speaker_text != hit.speaker_name:
                who += f" (as \"{hit.speaker_text}\")"
            if hit.anonymous:
                who += " [anonymous]"
            meta = " · ".join(x for x in (hit.outlet, hit.published, hit.title) if x)
            line = Text()
            line.append(who, style="bold")
            confidence = "" if hit.confidence is None else f", {hit.confidence:.2f}"
            line.append(f" {hit.cue or '—'} ({hit.kind}{confidence}): ", style="dim")
            line.append(" ".join(hit.content.split()))
            out.print(line)
            out.print(Text("  " + meta, style="dim"))
        return 0

    raise typer.Exit(_guard(run))


@app.command("entities")
def entities_command(
    name: Annotated[str | None, typer.Option(
        "--name", help="Only actors with this name in any spelling (or in their name).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most actors to show.")] = 50,
) -> None:
    """List stored actors: id, name, type, spellings, articles, first and last seen.

    Examples:

      presslens entities

      presslens entities --name Kadhimi
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        kb_ids = _knowledge(settings).kb_ids()
        with Store.open(settings.db_path) as store:
            summaries = store.entity_summaries(name, limit=limit, kb_ids=kb_ids)
        if not summaries:
            out.print("No entities.")
            return 0
        for entity in summaries:
            seen = " to ".join(dict.fromkeys(d for d in (entity.first_seen, entity.last_seen)
                                             if d)) or "undated"
            line = Text()
            line.append(entity.name, style="bold")
            line.append(f"  {entity.id} · {entity.type} · {entity.articles} article(s), "
                        f"{entity.mentions} mention(s) · {seen}", style="dim")
            if entity.kb_id:
                line.append(f" · {entity.kb_id}", style="dim")
            out.print(line)
            out.print(Text("  spellings: " + ", ".join(entity.aliases)))
        return 0

    raise typer.Exit(_guard(run))


def _one_entity(store: Store, reference: str, kb_ids: dict[str, str] | None = None
                ) -> EntitySummary:
    """The stored actor an analyst means by an id or a name; an error if none or several."""
    summaries = {s.id: s for s in store.entity_summaries(limit=1_000_000, kb_ids=kb_ids)}
    if reference in summaries:
        return summaries[reference]
    named = [summaries[i] for i in store.entity_ids_named(reference) if i in summaries]
    if len(named) == 1:
        return named[0]
    if not named:
        raise UsageError(f"no stored entity is called {reference!r}; see `presslens entities`")
    choices = ", ".join(s.id for s in named)
    raise UsageError(f"{reference!r} names several entities ({choices}); give an id")


@app.command("merge")
def merge_command(
    keep: Annotated[str, typer.Argument(help="The actor to keep: an id or a name.")],
    other: Annotated[str, typer.Argument(help="The same actor under another id or name.")],
    db: DbOption = None,
) -> None:
    """Tell presslens two entities are one actor; the correction is written to the alias
    table, so later analyses resolve the same way.

    Examples:

      presslens merge mustafa-al-kadhimi khadimi

      presslens merge "Popular Mobilization Units" "Hashd al-Shaabi"
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        knowledge = _knowledge(settings)
        with Store.open(settings.db_path) as store:
            kept = _one_entity(store, keep, knowledge.kb_ids())
            merged = _one_entity(store, other, knowledge.kb_ids())
            if kept.id == merged.id:
                out.print(f"{kept.id} and {other!r} are already one entity.")
                return 0
            changed = store.merge_entities(kept.id, merged.id)
        # A capital that stood for the country in some sentence is not one of its names.
        aliases = tuple(a for a in (*kept.aliases, kept.name, *merged.aliases, merged.name)
                        if knowledge.country_of_capital(a) is None)
        pin_actor(settings.alias_table,
                  KnownActor(kept.name, kept.type, aliases, kept.kb_id, kept.id))
        out.print(f"Merged {merged.id} into {kept.id} in {changed} article(s); "
                  f"alias table: {settings.alias_table}")
        return 0

    raise typer.Exit(_guard(run))


@app.command("split")
def split_command(
    entity: Annotated[str, typer.Argument(help="The entity that wrongly holds two actors.")],
    spelling: Annotated[str, typer.Argument(
        help="The spelling that names the other actor; its mentions become a new entity.")],
    db: DbOption = None,
) -> None:
    """Separate an actor wrongly merged into another; written to the alias table, so the
    two stay apart in later analyses.

    Examples:

      presslens split mohammad-karim-al-saedi "Saad al-Saadi"
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            source = _one_entity(store, entity)
            wanted = mention_key(spelling, source.type)
            if not any(mention_key(a, source.type) == wanted for a in source.aliases):
                raise UsageError(f"{source.id} has no mention spelled like {spelling!r}; "
                                 f"its spellings: {', '.join(source.aliases)}")
            taken = {s.id for s in store.entity_summaries(limit=1_000_000)}
            new_id = entity_slug(spelling)
            number = 1
            while new_id in taken:
                number += 1
                new_id = f"{entity_slug(spelling)}-{number}"
            changed = store.split_entity(source.id, spelling, new_id)
        separated = KnownActor(spelling, source.type, (spelling,), entity_id=new_id)
        pin_actor(settings.alias_table, separated, remove_from=source.name)
        out.print(f"Split {spelling!r} from {source.id} into {new_id} in {changed} "
                  f"article(s); alias table: {settings.alias_table}")
        return 0

    raise typer.Exit(_guard(run))


@app.command("timeline")
def timeline_command(
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Only events this actor takes part in (any spelling).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only events on or after this date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most rows to show.")] = 100,
    as_json: JsonOption = False,
    min_confidence: MinConfidenceOption = None,
    modality: ModalityOption = None,
) -> None:
    """One timeline of what happened across the corpus: an event told by several articles
    (same type, actor, target and dates) is one row with all its reports; differing dates
    stay visible. Asserted events at the default confidence unless asked otherwise.

    Examples:

      presslens timeline

      presslens timeline --actor Norvast --since 2031-02-01
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            threshold = _event_threshold(min_confidence)
            wanted = _modalities(modality)
            rows = store.timeline(actor=actor, since=parse_date("--since", since),
                                  min_confidence=threshold, modalities=wanted)
            names = {s.id: s.name for s in store.entity_summaries(limit=1_000_000)}
        if as_json:
            typer.echo(json.dumps([{
                "date": row.date, "type": row.type, "actor": row.actor, "target": row.target,
                "other_types": row.other_types, "other_dates": row.other_dates,
                "reports": [{"event": r.event_id, "article": r.article_id, "outlet": r.outlet,
                             "type": r.type, "date": r.date, "trigger": r.trigger,
                             "sentence": r.sentence} for r in row.reports]}
                for row in rows[:limit]], ensure_ascii=False, indent=1))
            return 0
        if not rows:
            out.print("No events.")
            return 0
        out.print(Text(f"{', '.join(sorted(wanted))} events of confidence >= {threshold:.2f} "
                       "(--modality, --min-confidence 0 for more)", style="dim"))
        for row in rows[:limit]:
            line = Text()
            line.append(f"{row.date or 'undated':<11}", style="dim")
            line.append(names.get(row.actor, row.actor or "(unknown)"), style="bold")
            line.append(f" {row.type} ", style="red")
            line.append(names.get(row.target, row.target or "(no target)"))
            line.append(f"  · {len(row.reports)} report(s): {', '.join(row.outlets)}",
                        style="dim")
            out.print(line)
            if row.other_types or row.other_dates:
                notes = [f"also coded {', '.join(row.other_types)}"] if row.other_types else []
                notes += [f"also dated {', '.join(row.other_dates)}"] if row.other_dates else []
                out.print(Text("           disagreement: " + "; ".join(notes), style="yellow"))
            for report in row.reports if len(row.reports) > 1 else []:
                out.print(Text(f"           {report.outlet or '(unknown outlet)'} "
                               f"({report.date or 'undated'}): {report.sentence[:110]}",
                               style="dim"))
            if len(row.reports) == 1:
                out.print(Text(f"           {row.reports[0].sentence[:150]}", style="dim"))
        return 0

    raise typer.Exit(_guard(run))


@app.command("stories")
def stories_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most stories to show.")] = 30,
    as_json: JsonOption = False,
    regroup: Annotated[bool, typer.Option(
        "--regroup", help="Forget the stored stories and group every article again.")] = False,
) -> None:
    """The stored stories: the same event or statement told by several outlets, days or weeks
    apart, in other words and spellings. `ingest` places each new article; articles stored
    before are placed now.

    Examples:

      presslens stories

      presslens stories --limit 5

      presslens stories --regroup
    """
    from presslens.story_store import read_stories, regroup_stories, update_stories

    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            if regroup:
                regroup_stories(store)
            else:
                update_stories(store)
            stories = read_stories(store)
            by_id = {i: store.article(i) for story in stories[:limit] for i in story.articles}
        if as_json:
            typer.echo(json.dumps([{"id": story.id, "articles": [
                {"id": i, "outlet": by_id[i].source.outlet, "published":
                 by_id[i].source.published, "title": by_id[i].source.title}
                for i in story.articles]} for story in stories[:limit]], ensure_ascii=False,
                indent=1))
            return 0
        for story in stories[:limit]:
            members = [by_id[i] for i in story.articles]
            dates = sorted(a.source.published for a in members if a.source.published)
            outlets = sorted({a.source.outlet or "(unknown outlet)" for a in members})
            span = f"{dates[0]} to {dates[-1]}" if dates else "undated"
            out.print(Text(f"{story.id}: {len(members)} article(s) · {span} · "
                           f"{', '.join(outlets)}", style="bold"))
            for article in members:
                out.print(Text(f"  {article.source.published or '':<10}  "
                               f"{article.source.outlet or '':<20}  "
                               f"{(article.source.title or '(untitled)')[:80]}"))
        return 0

    raise typer.Exit(_guard(run))


@app.command("network")
def network_command(
    since: Annotated[str | None, typer.Option(
        "--since", help="Only what is dated on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Only what is dated on or before this date.")] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", help="Only these event types (repeat; 'talks about' for quotes).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most ties to show.")] = 40,
    as_json: JsonOption = False,
    min_confidence: MinConfidenceOption = None,
    modality: ModalityOption = None,
) -> None:
    """The actor network: who acts on whom in events and who talks about whom in quotes,
    heaviest ties first (`export --format graphml` writes it for Gephi).

    Examples:

      presslens network --type ASSAULT --type THREATEN

      presslens network --since 2020-01-01 --json
    """
    import networkx as nx

    from presslens.store.tables import actor_network, corpus_tables

    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            tables = corpus_tables(store.articles(), store.entities(_knowledge(settings)))
        threshold, modalities = _event_threshold(min_confidence), _modalities(modality)
        graph = actor_network(tables, since=parse_date("--since", since),
                              until=parse_date("--until", until),
                              types=parse_tie_kinds("--type", types),
                              min_confidence=threshold, modalities=modalities)
        if as_json:
            typer.echo(json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False,
                                  indent=1))
            return 0
        edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])[:limit]
        if not edges:
            out.print("No ties.")
            return 0
        out.print(Text(f"{', '.join(sorted(modalities))} events of confidence >= "
                       f"{threshold:.2f} (--modality, --min-confidence 0 for more)",
                       style="dim"))
        table = Table(title=f"Actor network: {graph.number_of_nodes()} actors, "
                      f"{graph.number_of_edges()} ties", title_justify="left")
        for column in ("Actor", "Tie", "Actor acted on or spoken of", "Weight", "First",
                       "Last"):
            table.add_column(column, justify="right" if column == "Weight" else "left")
        for source, target, data in edges:
            table.add_row(escape(graph.nodes[source].get("label", source)), data["kind"],
                          escape(graph.nodes[target].get("label", target)),
                          str(data["weight"]), data["first"], data["last"])
        out.print(table)
        return 0

    raise typer.Exit(_guard(run))


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
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

    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
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

    raise typer.Exit(_guard(run))


@app.command("report")
def report_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    db: DbOption = None,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = (
        "presslens corpus report"),
) -> None:
    """Write the corpus report: per story the outlets side by side with how each names the
    actors, the timeline chart, the actor network picture and the naming tables, in one
    HTML page readable offline.

    Examples:

      presslens report --out report/
    """
    from presslens.corpus_report import write_corpus_report

    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            path = write_corpus_report(store, out_dir, title)
        out.print(f"Report: {path}")
        return 0

    raise typer.Exit(_guard(run))


@app.command("naming")
def naming_command(
    entity: Annotated[str, typer.Argument(help="The actor: an id or any spelling of a name.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most names per outlet.")] = 8,
    as_json: JsonOption = False,
) -> None:
    """How each outlet names an actor: names, descriptions and labels, with counts and an
    example sentence.

    Examples:

      presslens naming "United States"

      presslens naming daesh --limit 5
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        with Store.open(settings.db_path) as store:
            chosen = _one_entity(store, entity)
            table = store.naming({chosen.id}, limit_per_outlet=limit)
        if as_json:
            typer.echo(json.dumps({"entity": chosen.id, "name": chosen.name, "outlets": {
                outlet: [{"phrase": r.phrase, "count": r.count, "example": r.example}
                         for r in rows] for outlet, rows in table.items()}},
                ensure_ascii=False, indent=1))
            return 0
        out.print(Text(f"{chosen.name} ({chosen.id})", style="bold"))
        if not table:
            out.print("No names recorded.")
        for outlet, rows in table.items():
            out.print(Text(outlet, style="bold"))
            for row in rows:
                line = Text(f"  {row.count:>4}  ")
                line.append(row.phrase, style="yellow")
                out.print(line)
                out.print(Text(f"        {row.example[:160]}", style="dim"))
        return 0

    raise typer.Exit(_guard(run))


@app.command("export")
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
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Write the store out: the contract's files, flat tables (articles, entities, mentions,
    quotes, events, timexes, framing) for pandas, DuckDB or a spreadsheet, or the actor
    network for Gephi.

    Examples:

      presslens export --out dump/

      presslens export --out tables/ --format parquet

      presslens export --out graph/ --format graphml --type ASSAULT --since 2020-01-01
    """
    from presslens.components.event_confidence import is_shown
    from presslens.store.tables import FORMATS, corpus_tables, write_network, write_tables

    settings = _settings(db)

    def run() -> int:
        if fmt not in ("contract", *FORMATS):
            raise UsageError(f"--format is one of contract, {', '.join(FORMATS)}")
        with Store.open(settings.db_path) as store:
            articles = list(store.articles())
            entities = store.entities(_knowledge(settings))
        if fmt == "contract":
            paths = write_analysis(out_dir, articles, entities)
            out.print(f"{len(articles)} articles: {paths['articles']}\n"
                      f"Entities: {paths['entities']}")
            return 0
        tables = corpus_tables(articles, entities)
        threshold = _event_threshold(min_confidence)
        tables["events"] = [e for e in tables["events"] if is_shown(e, threshold)]
        if fmt == "graphml":
            wanted = {t if t == "talks about" else t.upper() for t in types} if types else None
            paths = write_network(out_dir, tables, since=since, until=until, types=wanted)
            out.print(f"Actor network of {len(articles)} articles: "
                      f"{', '.join(str(p) for p in paths)}")
            return 0
        for path in write_tables(out_dir, tables, fmt):
            out.print(str(path))
        return 0

    raise typer.Exit(_guard(run))


def demo_corpus_path() -> Path:
    """The folder of the bundled, invented demo corpus."""
    return Path(str(resources.files("presslens").joinpath("demo", "corpus")))


@app.command("demo")
def demo_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where to write the analysis.")
                       ] = Path("presslens-demo"),
) -> None:
    """Analyse the bundled demo corpus (an invented world) and store it beside the output.

    Example:

      presslens demo --out /tmp/demo
    """
    settings = _settings()
    corpus_dir = demo_corpus_path()
    out.print(f"Demo corpus: {corpus_dir} (fiction: see MANIFEST.md there)")
    db = out_dir / "presslens.db"
    options = _run_options(settings, jobs=None, dask=None, keep_near_duplicates=False,
                           published=None, outlet=None, shard_dir=None)
    code = _guard(lambda: _run_analysis([corpus_dir], out_dir, settings, options=options,
                                        db=db, title="presslens demo"))
    if code == 0:
        out.print(f"Try: presslens search --db {db} \"drone strike\"\n"
                  f"     presslens quotes --db {db} --speaker Mardoumi\n"
                  f"     presslens events --db {db} --type ASSAULT\n"
                  f"     presslens entities --db {db} --name Qinnawi")
    raise typer.Exit(code)


eval_app = typer.Typer(
    help="Measure the extractors against annotated data and print precision, recall and F1.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


def _write_errors(path: Path | None, errors: list[dict]) -> None:
    """An evaluation's errors, one JSON object per line, for inspection."""
    if path is not None:
        with path.open("w", encoding="utf-8") as handle:
            for error in errors:
                handle.write(json.dumps(error, ensure_ascii=False) + "\n")


def _report_unscored(missing: list[str], stale: list[str]) -> None:
    """Annotated documents an evaluation could not score, and why."""
    for ref in missing:
        err.print(f"[yellow]skipped[/yellow] {escape(ref)}: source not on this machine")
    for ref in stale:
        err.print(f"[red]stale[/red] {escape(ref)}: the cleaned text changed since it "
                  "was annotated")


@eval_app.command("entities")
def eval_entities_command(
    gold: Annotated[Path | None, typer.Option(
        "--gold", help="Gold annotations (default: tests/data/entities/gold.jsonl).")] = None,
    split: SplitOption = "all",
) -> None:
    """Entity mentions (strict and span-only) and actor grouping (B-cubed) against gold.

    Examples:

      presslens eval entities

      presslens eval entities --split test

      presslens eval entities --split blind    # the frozen blind set and the two samples
    """
    from presslens.eval.entities import (
        DEFAULT_GOLD,
        evaluate_entities,
        hard_negatives_for,
        load_gold,
    )

    def run() -> int:
        records = load_gold(gold or DEFAULT_GOLD, split)
        scores = evaluate_entities(records,
                                   hard_negatives=hard_negatives_for(gold or DEFAULT_GOLD, split))
        table = Table(title=f"Entities: {scores.documents} documents ({split})",
                      title_justify="left")
        for column in ("Measure", "Precision", "Recall", "F1", "Gold"):
            table.add_column(column, justify="left" if column == "Measure" else "right")
        table.add_row("mentions, strict", *scores.strict.row(), str(scores.strict.gold))
        table.add_row("mentions, span", *scores.span.row(), str(scores.span.gold))
        table.add_row("actors, B-cubed", *scores.actors.row(), str(scores.actors.gold))
        table.add_row("actors, MUC", *scores.muc.row(), "")
        table.add_row("actors, CEAF-e", *scores.ceaf_e.row(), "")
        table.add_row("actors, CoNLL F1", "", "", f"{scores.conll_f1:.3f}", "")
        table.add_section()
        for entity_type, score in scores.by_type.items():
            table.add_row(f"  {entity_type}", *score.row(), str(score.gold))
        out.print(table)
        out.print(f"wrong merges: {len(scores.wrong_merges)} entities hold more than one "
                  f"gold actor; hard negatives merged: {len(scores.hard_negatives_merged)} "
                  f"of {scores.hard_negatives}; capitals standing for governments resolved: "
                  f"{scores.metonyms_resolved} of {scores.metonyms}")
        # The blind set's errors are not listed: it confirms figures, it is not worked on.
        for actors in scores.wrong_merges if split != "blind" else []:
            out.print(f"  merged: {escape(' + '.join(actors))}")
        for a, b in scores.hard_negatives_merged if split != "blind" else []:
            out.print(f"  [red]hard negative merged[/red]: {escape(a)} + {escape(b)}")
        _report_unscored(scores.missing, scores.stale)
        return EXIT_FAILURE if scores.stale else 0

    raise typer.Exit(_guard(run))


@app.command("bench")
def bench_command(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="Articles to benchmark on (default: articles generated from the demo corpus).",
        show_default=False)] = None,
    articles: Annotated[int | None, typer.Option(
        "--articles", "-n", min=1, help="Articles to generate from the paragraphs of the "
        "demo corpus and of INPUTS (default 300; 2,000 or more for stable figures).")] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Also run the analysis in this many processes.")] = 1,
    write_corpus: Annotated[Path | None, typer.Option(
        "--write-corpus", help="Write the generated articles to this JSONL(.gz) file and "
        "stop, for timing other commands on them.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generator.")] = 0,
    stories: Annotated[int, typer.Option(
        "--stories", min=0, help="Also time grouping this many synthetic articles into "
        "stories (e.g. 100000).")] = 0,
) -> None:
    """Throughput on this machine: bare spaCy, the full analysis, each component's share,
    the sentence embedding stories need, and (with --stories) grouping at scale.

    Without --articles, INPUTS are benchmarked as they are; with it (or without INPUTS), that
    many articles are generated from real paragraphs (the demo corpus and INPUTS).

    Examples:

      presslens bench --articles 2000

      presslens bench --articles 2000 --jobs 2

      presslens bench ../shared/samples

      presslens bench ../shared/data/quotes -n 100000 --write-corpus big.jsonl.gz

      presslens bench --stories 100000
    """
    from presslens.bench import run_bench
    from presslens.bench_corpus import generate, paragraph_pool, write_jsonl

    settings = _settings()

    def run() -> int:
        if inputs and articles is None and write_corpus is None:
            chosen, problems, _ = _read(inputs, settings)
            chosen = _distinct(chosen)
        else:
            problems = []
            pool = paragraph_pool([demo_corpus_path(), *(inputs or [])])
            count = articles or 300
            if write_corpus is not None:
                written = write_jsonl(generate(count, pool, seed=seed), write_corpus)
                out.print(f"{written} articles written to {write_corpus}")
                return 0
            chosen = _distinct(list(generate(count, pool, seed=seed)))
        if not chosen:
            err.print("[red]error[/red] no articles to benchmark")
            return EXIT_FAILURE
        result = run_bench(chosen, jobs=jobs,
                           step=lambda what: err.print(f"[dim]measuring {what} ...[/dim]"))
        table = Table(title=f"presslens bench: {result.articles} articles, "
                      f"{result.tokens:,} tokens, {result.characters:,} characters",
                      title_justify="left")
        table.add_column("Measure")
        table.add_column("Value", justify="right")
        table.add_row("(a) bare spaCy en_core_web_sm, articles / s",
                      f"{result.bare_articles_per_second:.2f}")
        table.add_row("(a) bare spaCy, tokens / s", f"{result.bare_tokens_per_second:,.0f}")
        table.add_row("(b) full analysis, 1 process, articles / s",
                      f"{result.articles_per_second:.2f}")
        table.add_row("(b) full analysis, tokens / s", f"{result.tokens_per_second:,.0f}")
        table.add_row("(b) / (a)", f"{result.ratio_to_bare:.2f}")
        table.add_section()
        for name in result.component_seconds:
            table.add_row(f"(c) {name}, share of (a)", f"{result.share_of_bare(name):.1%}")
        table.add_section()
        if result.jobs > 1:
            table.add_row(f"(b) in {result.jobs} processes, articles / s",
                          f"{result.jobs_articles_per_second:.2f}")
            table.add_row(f"speed-up of {result.jobs} processes over 1",
                          f"{result.jobs_speedup:.2f}")
            table.add_row("peak memory of a worker process",
                          f"{result.workers_peak_rss_mb:,.0f} MB")
            table.add_row(f"start of {result.jobs} workers (not in their rate)",
                          f"{result.jobs_start_seconds:.1f} s")
        table.add_row("pipeline load", f"{result.load_seconds:.1f} s")
        _bench_stories(table, chosen, stories, seed)
        table.add_row("peak memory (this process)", f"{result.peak_rss_mb:,.0f} MB")
        out.print(table)
        return EXIT_INPUT_PROBLEMS if problems else 0

    raise typer.Exit(_guard(run))


def _bench_stories(table: Table, articles: list[RawArticle], count: int, seed: int) -> None:
    """Rows for stories: embedding cost per article (paid once, at ingest) and, when
    ``count``, grouping that many synthetic articles."""
    from presslens.bench_corpus import paragraph_pool
    from presslens.bench_stories import time_embedding, time_grouping
    from presslens.embeddings import EmbeddingModelMissing
    from presslens.stories import LEAD_WORDS

    table.add_section()
    leads = [" ".join(a.text.split()[:LEAD_WORDS]) for a in articles[:256]]
    try:
        err.print("[dim]measuring the stories' sentence embedding ...[/dim]")
        embedded, seconds = time_embedding(leads)
        table.add_row("(d) MiniLM embedding of title and lead, articles / s",
                      f"{embedded / seconds:.1f}" if seconds else "-")
    except EmbeddingModelMissing:
        table.add_row("(d) MiniLM embedding", "model not installed")
    if count:
        err.print(f"[dim]grouping {count:,} synthetic articles into stories ...[/dim]")
        grouped = time_grouping(count, paragraph_pool([demo_corpus_path()]), seed=seed)
        table.add_row(f"(e) stories: features of {grouped.articles:,} articles",
                      f"{grouped.features_seconds:.1f} s")
        table.add_row(f"(e) stories: grouping {grouped.articles:,} articles",
                      f"{grouped.grouping_seconds:.1f} s")
        table.add_row("(e) stories found / made", f"{grouped.stories_found:,} / "
                      f"{grouped.stories_made:,}")


def _distinct(articles: list[RawArticle]) -> list[RawArticle]:
    """The articles without exact or near-identical copies, so that every measurement
    analyses the same texts."""
    import sqlite3

    from presslens.ingest.dedupe import NearDuplicateIndex

    index = NearDuplicateIndex(sqlite3.connect(":memory:", isolation_level=None))
    seen: set[str] = set()
    kept = []
    for article in articles:
        if article.id not in seen and index.check(article.id, article.text) is None:
            kept.append(article)
        seen.add(article.id)
    return kept


@eval_app.command("quotes")
def eval_quotes_command(
    gold: Annotated[Path | None, typer.Option(
        "--gold", help="Gold annotations (default: tests/data/quotes/gold.jsonl).")] = None,
    split: SplitOption = "all",
    polnear: Annotated[str, typer.Option(
        "--polnear", help="PolNeAR part to score too (dev or train), or 'none'.")] = "dev",
    peer: Annotated[bool, typer.Option(
        "--peer/--no-peer", help="Also score textacy's direct-quotation extractor.")] = False,
) -> None:
    """Quotes and speakers against the team's annotations, and PolNeAR speech attributions.

    Examples:

      presslens eval quotes

      presslens eval quotes --split test --polnear none --peer
    """
    from presslens.eval.quotes import (
        BLIND_GOLD,
        DEFAULT_GOLD,
        evaluate_polnear,
        evaluate_quotes,
        load_gold,
        reliability,
    )

    extractors = ["presslens", "textacy"] if peer else ["presslens"]

    def run() -> int:
        if peer:
            try:
                import textacy  # noqa: F401
            except ImportError:
                raise UsageError("--peer compares with textacy, one of the test tools: "
                                 "install them with `bash scripts/setup.sh --test`") from None
        # Dev and test side by side, and the blind set beside them when it is there.
        parts = [(split, gold or DEFAULT_GOLD)] if split != "all" else \
            [("dev", gold or DEFAULT_GOLD), ("test", gold or DEFAULT_GOLD)]
        if split == "all" and gold is None and BLIND_GOLD.is_file():
            parts.append(("blind", BLIND_GOLD))
        columns = [(part, name) for part, _ in parts for name in extractors]
        scores = {}
        for part, path in parts:
            records = load_gold(path, part)
            for name in extractors:
                scores[(part, name)] = evaluate_quotes(records, extractor=name)
        table = Table(title="Quotes: " + ", ".join(
            f"{part} {scores[(part, 'presslens')].documents} articles, "
            f"{scores[(part, 'presslens')].content.gold} quotes" for part, _ in parts),
            title_justify="left")
        table.add_column("Measure")
        for part, name in columns:
            table.add_column(f"{part} {name if peer else ''} P / R / F1".replace("  ", " "),
                             justify="right")
        rows = [("quote (content)", lambda sc: sc.content),
                ("quote + speaker", lambda sc: sc.with_speaker)]
        rows += [(f"  {kind}, + speaker", lambda sc, k=kind: sc.by_kind[k])
                 for kind in ("direct", "indirect", "mixed")]
        first = scores[(parts[0][0], "presslens")]
        rows.append((f"quote + speaker, confidence >= {first.threshold:.2f}",
                     lambda sc: sc.shown))
        labels = dict.fromkeys(label for sc in scores.values() for label in sc.fields)
        rows += [(f"  matched: {label}", lambda sc, k=label: sc.fields.get(k))
                 for label in labels]
        for label, pick in rows:
            table.add_row(label, *(" / ".join(pick(scores[c]).row()) if pick(scores[c])
                                   else "—" for c in columns))
        out.print(table)
        calibration = Table(title="Quote confidence: quotes (fraction right) by band",
                            title_justify="left")
        calibration.add_column("Confidence")
        for part, _ in parts:
            calibration.add_column(part, justify="right")
        bands = {part: reliability(scores[(part, "presslens")].judged) for part, _ in parts}
        for position, (band, _, _) in enumerate(bands[parts[0][0]]):
            calibration.add_row(band, *(f"{bands[p][position][1]} ({bands[p][position][2]:.3f})"
                                        for p, _ in parts))
        out.print(calibration)
        for part, _ in parts:
            _report_unscored(scores[(part, "presslens")].missing,
                             scores[(part, "presslens")].stale)
        if polnear != "none":
            results = {name: evaluate_polnear(polnear, extractor=name) for name in extractors}
            if results["presslens"] is None:
                err.print("[yellow]skipped[/yellow] PolNeAR: ../shared/data/quotes is absent")
            else:
                pn = results["presslens"]
                table = Table(title=f"PolNeAR {polnear}: {pn.relations} speech attributions "
                              f"in {pn.documents} articles", title_justify="left")
                table.add_column("Measure")
                for name in extractors:
                    table.add_column(f"{name} P / R / F1", justify="right")
                for label, attribute in (("content", "content"), ("content + source", "source"),
                                         ("content + cue", "cue")):
                    table.add_row(label, *(" / ".join(getattr(results[n], attribute).row())
                                           for n in extractors))
                out.print(table)
        return EXIT_FAILURE if any(scores[(p, "presslens")].stale for p, _ in parts) else 0

    raise typer.Exit(_guard(run))


@eval_app.command("dates")
def eval_dates_command(
    split: SplitOption = "all",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every wrong or undated document here as JSON lines.")] = None,
) -> None:
    """Publication dates inferred from the text, with the true date hidden.

    Wikinews articles (2019: dev, 2020: test) and the TimeML documents: how many the text
    dates at all, how often the window it allows holds the true date, and how close the date
    chosen in it is.

    Examples:

      presslens eval dates --split dev
    """
    from presslens.eval.publication_dates import (
        CLOSE_DAYS,
        evaluate_publication_dates,
        timeml_texts,
        wikinews_texts,
    )

    def run() -> int:
        table = Table(title=f"Publication dates inferred with the true date hidden ({split})",
                      title_justify="left")
        for column in ("Documents", "Texts", "Date line right", "Dated", "Window holds",
                       "Exact day", f"Within {CLOSE_DAYS} days"):
            table.add_column(column, justify="left" if column == "Documents" else "right")
        misses: list[dict] = []
        for name, texts in (("Wikinews", wikinews_texts(split)),
                            ("TimeML", timeml_texts(split))):
            if not texts:
                err.print(f"[yellow]skipped[/yellow] {name}: not on this machine")
                continue
            scores = evaluate_publication_dates(texts)
            dated = max(scores.dated, 1)
            table.add_row(name, str(scores.documents),
                          f"{scores.date_lines_right}/{scores.date_lines}", str(scores.dated),
                          f"{scores.window_holds / dated:.3f}", f"{scores.exact / dated:.3f}",
                          f"{scores.close / dated:.3f}")
            misses += scores.misses
        out.print(table)
        out.print("A date line above the body is checked, then hidden from the inference. "
                  "Window holds, exact and close are shares of the dated texts; a text that "
                  "gives no date, no deadline and no dated clue is left undated.")
        _write_errors(errors, misses)
        return 0

    raise typer.Exit(_guard(run))


@eval_app.command("time")
def eval_time_command(
    split: SplitOption = "all",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every miss, spurious and wrong value here as JSON lines.")
    ] = None,
) -> None:
    """Time expressions against TimeML (TempEval-3 TBAQ-cleaned, 256 news documents).

    Prints TempEval-3 figures: strict and relaxed extraction, type and value accuracy over
    relaxed matches, value F1, per type, and spurious expressions per 10,000 words.

    Examples:

      presslens eval time

      presslens eval time --split test --errors time-errors.jsonl
    """
    from presslens.eval.time import evaluate_time, load_timeml, timeml_dir

    def run() -> int:
        folder = timeml_dir()
        if folder is None:
            err.print("[yellow]skipped[/yellow] ../shared/data/timeml/tbaq-cleaned is absent")
            return 0
        documents = load_timeml(folder, split)
        scores = evaluate_time(documents)
        table = Table(title=f"Time expressions: {scores.documents} TimeML documents ({split}), "
                      f"{scores.relaxed.gold} TIMEX3", title_justify="left")
        for column in ("Measure", "Precision", "Recall", "F1"):
            table.add_column(column, justify="left" if column == "Measure" else "right")
        table.add_row("extent, strict", *scores.strict.row())
        table.add_row("extent, relaxed", *scores.relaxed.row())
        table.add_row("value F1", "", "", f"{scores.value_f1:.3f}")
        table.add_section()
        for timex_type, (score, value_accuracy) in scores.per_type.items():
            table.add_row(f"  {timex_type} ({score.gold}), value acc. {value_accuracy:.3f}",
                          *score.row())
        out.print(table)
        out.print(f"type accuracy {scores.type_accuracy:.3f} · value accuracy "
                  f"{scores.value_accuracy:.3f} · spurious per 10,000 words "
                  f"{scores.false_positives_per_10k_words:.1f}")
        _write_errors(errors, scores.errors)
        return 0

    raise typer.Exit(_guard(run))


@app.command("events")
def events_command(
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Who acted: any spelling of a name.")] = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="A PLOVER type: ASSAULT, THREATEN, REQUEST, …")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only events on or after this date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most events to show.")] = 100,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List stored events with date, actor, type, target, how the text presents it, its
    confidence, outlet and the sentence; events below the default confidence are left out
    unless --min-confidence says otherwise.

    Examples:

      presslens events --actor "United States" --type ASSAULT

      presslens events --since 2020-01-01
    """
    settings = _settings(db)

    def run() -> int:
        _require_store(settings)
        wanted_type = parse_choice("--type", event_type, EVENT_TYPES, upper=True)
        with Store.open(settings.db_path) as store:
            threshold = _event_threshold(min_confidence)
            hits = store.events(actor=actor, event_type=wanted_type,
                                since=parse_date("--since", since), limit=limit,
                                min_confidence=threshold)
        if not hits:
            out.print(f"No events. (Those of confidence >= {threshold:.2f} are shown; "
                      "--min-confidence 0 shows all.)")
            return 0
        for hit in hits:
            modality = hit.modality + (f" {hit.demanded_type}" if hit.demanded_type else "")
            flags = [f for f, on in ((modality, hit.modality != "asserted"),
                                     ("reported", bool(hit.reported_by))) if on]
            if hit.confidence is not None:
                flags.append(f"confidence {hit.confidence:.2f}")
            line = Text()
            line.append(f"{hit.date or 'undated'}  ", style="dim")
            line.append(hit.actor or "(unknown)", style="bold")
            line.append(f" {hit.type}" + (f"/{hit.mode}" if hit.mode else ""), style="red")
            line.append(f" {hit.target or '(no target)'}")
            if flags:
                line.append(f"  [{', '.join(flags)}]", style="yellow")
            out.print(line)
            out.print(Text(f"  {hit.sentence}", style="dim"))
            out.print(Text("  " + " · ".join(x for x in (hit.outlet, hit.title) if x),
                           style="dim"))
        return 0

    raise typer.Exit(_guard(run))


@eval_app.command("events")
def eval_events_command(
    split: SplitOption = "test",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every wrongly typed sentence here as JSON lines.")] = None,
) -> None:
    """PLOVER event coding on the public PLOVER sentences: type accuracy and macro-F1 given
    the marked actor and target, and end-to-end triple accuracy; then precision on the
    team's annotated articles.

    Examples:

      presslens eval events

      presslens eval events --split dev --errors event-errors.jsonl
    """
    from presslens.eval.documents import load_annotations
    from presslens.eval.events import DEFAULT_GOLD as ARTICLES_GOLD
    from presslens.eval.events import (
        evaluate_annotated,
        evaluate_events,
        events_dir,
        load_coded_sentences,
    )

    def run() -> int:
        folder = events_dir()
        if folder is None:
            err.print("[yellow]skipped[/yellow] ../shared/data/events is absent")
            return 0
        scores = evaluate_events(load_coded_sentences(folder, split))
        table = Table(title=f"Events: {scores.sentences} PLOVER sentences ({split})",
                      title_justify="left")
        for column in ("Measure", "Value"):
            table.add_column(column, justify="left" if column == "Measure" else "right")
        table.add_row("type accuracy (marks given)", f"{scores.type_accuracy:.3f}")
        table.add_row("type macro-F1 (marks given)", f"{scores.macro_f1:.3f}")
        table.add_row("triple accuracy (end to end)", f"{scores.triple_accuracy:.3f}")
        for corpus, (count, type_accuracy, triple) in scores.by_corpus.items():
            table.add_row(f"  {corpus} ({count}): type / triple",
                          f"{type_accuracy:.3f} / {triple:.3f}")
        table.add_section()
        for label, (precision, recall, f1, gold) in scores.per_type.items():
            table.add_row(f"  {label} ({gold}) P / R / F1",
                          f"{precision:.2f} / {recall:.2f} / {f1:.2f}")
        out.print(table)
        _write_errors(errors, scores.errors)
        annotated = evaluate_annotated(load_annotations(ARTICLES_GOLD, split))
        table = Table(title=f"Events in {annotated.documents} annotated articles ({split}), "
                      f"{annotated.events.gold} events", title_justify="left")
        for column in ("Measure", "Precision", "Recall", "F1"):
            table.add_column(column, justify="left" if column == "Measure" else "right")
        table.add_row("event (sentence and type)", *annotated.events.row())
        table.add_row("event + actor", *annotated.with_actor.row())
        table.add_row("ASSAULT events", *annotated.attacks.row())
        out.print(table)
        _report_unscored(annotated.missing, annotated.stale)
        out.print(_event_trust_table())
        return 0

    raise typer.Exit(_guard(run))


def _event_trust_table() -> Table:
    """Events judged whole (type, actor and target right) on every annotated split, and how
    far their confidence can be trusted."""
    from presslens.components.event_confidence import default_min_confidence
    from presslens.eval.events import judged_splits, trust_rows

    splits = judged_splits()
    table = Table(title="Events judged whole: type, actor and target", title_justify="left")
    table.add_column("Measure", justify="left")
    for split in splits:
        table.add_column(split, justify="right")
    for row in trust_rows(splits, default_min_confidence()):
        table.add_row(*row)
    return table


@eval_app.command("framing")
def eval_framing_command(
    split: SplitOption = "test",
    blind: Annotated[bool, typer.Option(
        "--blind", help="Also score the frozen blind set (tests/data/blind/framing).")] = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Framing: persuasion-technique spans and techniques on held-out articles of the
    Propaganda Techniques Corpus, scare quotes, weasel attributions and unattributed
    claims on the team's annotated articles, and the outlet-voice figures: precision of
    the flags shown (from the calibrated threshold), label recall, and flags per 1,000
    words of neutral Wikinews reports.

    Examples:

      presslens eval framing

      presslens eval framing --split dev

      presslens eval framing --blind
    """
    from presslens.eval.documents import load_annotations
    from presslens.eval.framing import (
        BOOTSTRAP_ROUNDS,
        LABELS_GOLD,
        evaluate_labelled_actors,
        evaluate_ptc,
        load_ptc,
        ptc_dir,
    )
    from presslens.eval.framing import DEFAULT_GOLD as FRAMING_GOLD
    from presslens.eval.framing import evaluate_annotated as evaluate_framing_articles

    def run() -> int:
        folder = ptc_dir()
        if folder is None:
            err.print("[yellow]skipped[/yellow] ../shared/data/framing is absent")
        else:
            scores = evaluate_ptc(load_ptc(folder, split))
            table = Table(title=f"Techniques: {scores.articles} PTC articles ({split})",
                          title_justify="left")
            for column in ("Measure", "Precision", "Recall", "F1"):
                table.add_column(column, justify="left" if column == "Measure" else "right")
            table.add_row("span identification (partial overlap)",
                          *scores.span_identification.row())
            table.add_row("technique on gold spans (micro-F1)", "", "",
                          f"{scores.technique_micro_f1:.3f}")
            table.add_section()
            for label, score in scores.per_technique.items():
                table.add_row(f"  {label} ({score.gold})", *score.row())
            out.print(table)
            low, high = scores.span_f1_interval
            out.print(f"span F1, 95% interval over the articles (bootstrap, "
                      f"{BOOTSTRAP_ROUNDS:,} resamples): {low:.3f} to {high:.3f}")
        annotated = evaluate_framing_articles(load_annotations(FRAMING_GOLD, split))
        table = Table(title=f"Framing in {annotated.documents} annotated articles ({split})",
                      title_justify="left")
        for column in ("Label", "Precision", "Recall", "F1", "Gold"):
            table.add_column(column, justify="left" if column == "Label" else "right")
        for label, score in annotated.per_label.items():
            table.add_row(label, *score.row(), str(score.gold))
        out.print(table)
        system_share, gold_share = annotated.claim_share
        out.print(f"unattributed share of claim sentences: presslens {system_share:.2f}, "
                  f"annotators {gold_share:.2f}")
        _report_unscored(annotated.missing, annotated.stale)
        labels = evaluate_labelled_actors(load_annotations(LABELS_GOLD, split))
        attachment, counts = labels.attachment, labels.counts
        out.print(f"actor a label is applied to, in {labels.documents} annotated articles: "
                  f"precision {attachment.precision:.3f}, recall {attachment.recall:.3f}, "
                  f"F1 {attachment.f1:.3f} ({counts['found']} of {counts['gold']} gold "
                  f"labels found, {counts['named']} given an actor, {counts['right']} the "
                  "right one)")
        on_gold, label_records = counts["label_records_on_gold"], counts["label_records"]
        out.print(f"actor_label records on a gold label: {on_gold} of {label_records} "
                  f"(precision {on_gold / label_records if label_records else 0.0:.3f})")
        _report_unscored(labels.missing, labels.stale)
        from presslens.eval.outlet_voice import outlet_voice_lines

        threshold = framing_threshold(_settings(min_confidence=min_confidence))
        for line in outlet_voice_lines(split, threshold, blind=blind):
            out.print(escape(line))
        return 0

    raise typer.Exit(_guard(run))


@eval_app.command("stories")
def eval_stories_command(
    small: Annotated[bool, typer.Option(
        "--small", help="The small first set (demo corpus and Wikinews, dev and test) "
        "instead of the weeks set.")] = False,
) -> None:
    """Grouping articles into stories against labelled stories (B-cubed), presslens beside
    two plain baselines (TF-IDF and MiniLM embeddings, average linkage) on the same articles:
    the weeks set's dev half and its frozen blind half.

    Examples:

      presslens eval stories

      presslens eval stories --small
    """
    from presslens.eval.documents import load_annotations
    from presslens.eval.stories import (
        BLIND_GOLD,
        DEFAULT_GOLD,
        DEV_GOLD,
        METHODS,
        evaluate_stories,
    )

    sets = ([("dev", DEFAULT_GOLD, "dev"), ("test", DEFAULT_GOLD, "test")] if small
            else [("dev", DEV_GOLD, "all"), ("blind", BLIND_GOLD, "all")])

    def run() -> int:
        scores = {name: evaluate_stories(load_annotations(path, split), methods=METHODS)
                  for name, path, split in sets}
        table = Table(title="Stories, B-cubed: " + "; ".join(
            f"{name} {s.articles} articles in {s.stories} stories"
            for name, s in scores.items()), title_justify="left")
        for column in ("Method", "Set", "Precision", "Recall", "F1", "Stories found"):
            table.add_column(column, justify="left" if column in ("Method", "Set")
                             else "right")
        for method in METHODS:
            for name, s in scores.items():
                found, prf = s.by_method[method]
                table.add_row(method, name, *prf.row(), str(found))
            table.add_section()
        out.print(table)
        for s in scores.values():
            _report_unscored(s.missing, s.stale)
        return 0

    raise typer.Exit(_guard(run))


@app.command("version")
def version_command() -> None:
    """Print the presslens version."""
    from presslens import __version__

    out.print(__version__)


def _require_store(settings: Settings) -> None:
    """Reading commands need a store that exists: opening would create an empty one."""
    if not settings.db_path.exists():
        raise UsageError(f"no store at {settings.db_path}; add articles with "
                         "`presslens ingest` first")


def _guard(run: Callable[[], int]) -> int:
    """Run a command; errors presslens raises on purpose become one clear line, not a trace."""
    try:
        return run()
    except PresslensError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        return EXIT_FAILURE
    except sqlite3.Error as exc:  # a store fault no layer below turned into a message
        err.print(f"[red]error[/red] the store cannot be used: {escape(str(exc))}")
        return EXIT_FAILURE
    except OSError as exc:  # an output folder or store that cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(f"[red]error[/red] {escape(where + (exc.strerror or str(exc)))}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        err.print("interrupted; batches already committed are kept")
        return 130


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
