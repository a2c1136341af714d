"""The commands that analyse articles: ``analyze`` (to files), ``ingest`` (into the store)
and ``demo`` (the bundled corpus, both ways)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from presslens.cli.common import (
    EXIT_INPUT_PROBLEMS,
    DbOption,
    FramingMinConfidenceOption,
    Inputs,
    MaxBytesOption,
    OutletOption,
    PublishedOption,
    command_settings,
    demo_corpus_path,
    err,
    framing_threshold,
    guarded,
    knowledge,
    out,
    progress,
)
from presslens.errors import UsageError

if TYPE_CHECKING:
    from presslens.ingest import InputSkipped
    from presslens.model import CorpusEntity
    from presslens.runner import RunOptions, RunTotals
    from presslens.settings import Settings
    from presslens.store import Store

JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Worker processes for the analysis (default 1, or "
    "$PRESSLENS_JOBS); the output is the same for any number.")]
DaskOption = Annotated[str | None, typer.Option(
    "--dask", help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786) or "
    "local:N for N local workers.")]
KeepCopiesOption = Annotated[bool, typer.Option(
    "--keep-near-duplicates", help="Analyse near-identical copies (syndicated wire copies) "
    "too, instead of keeping them as sources of the first.")]
TimeBudgetOption = Annotated[float | None, typer.Option(
    "--time-budget", min=1, help="Seconds the run may take; past them it stores what it has "
    "and reports the rest for the next run.")]


@guarded
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
    min_confidence: FramingMinConfidenceOption = None,
) -> int:
    """Analyse articles and write articles.jsonl, entities.jsonl and report.html.

    Examples:

      presslens analyze ../shared/samples/*.txt --out out/

      presslens analyze page.html --published 2021-11-20 --outlet "Tasnim News Agency" -o out/

      presslens analyze crawl.warc.gz feed.jsonl.gz --jobs 4 -o out/

      presslens analyze shards/ --dask local:2 -o out/
    """
    settings = command_settings(max_article_bytes=max_article_bytes, time_budget=time_budget,
                                min_confidence=min_confidence)
    options = run_options(settings, jobs=jobs, dask=dask, published=published, outlet=outlet,
                          keep_near_duplicates=keep_near_duplicates,
                          shard_dir=out_dir / "shards")
    return run_analysis(inputs, out_dir, settings, options=options, db=db,
                        title="presslens analysis")


@guarded
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
) -> int:
    """Analyse articles and add them to the store; articles already stored are skipped.

    A run stopped at any point (even kill -9) and started again finishes with the same store
    as a run never stopped: each batch is stored in one transaction.

    Examples:

      presslens ingest articles/

      presslens ingest feed.jsonl --db monitoring.db

      presslens ingest crawl.warc.gz --jobs 4
    """
    from presslens.ingest.readers import read_inputs
    from presslens.service.writes import add_to_store
    from presslens.store import Store

    settings = command_settings(db, max_article_bytes, time_budget=time_budget)
    with Store.open(settings.db_path) as store:
        options = run_options(settings, jobs=jobs, dask=dask, published=published,
                              outlet=outlet, keep_near_duplicates=keep_near_duplicates,
                              shard_dir=Path(store.path).parent / "presslens-shards")
        with progress(None, "Ingesting") as advance:
            added = add_to_store(
                store, read_inputs(inputs, max_article_bytes=settings.max_article_bytes),
                knowledge(settings), options=options, keep_records=False, place=None,
                on_read=print_read, progress=advance)
        total = store.count_articles()
        placed = place_in_stories(store)
    totals = added.totals
    print_skipped(totals.skipped)
    out.print(f"{added.added} articles added to {settings.db_path}; "
              f"{totals.stored_before + totals.duplicates + added.already_stored} were "
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


@guarded
def demo_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where to write the analysis.")
                       ] = Path("presslens-demo"),
) -> int:
    """Analyse the bundled demo corpus (an invented world) and store it beside the output.

    Example:

      presslens demo --out /tmp/demo
    """
    settings = command_settings()
    corpus_dir = demo_corpus_path()
    out.print(f"Demo corpus: {corpus_dir} (fiction: see MANIFEST.md there)")
    db = out_dir / "presslens.db"
    options = run_options(settings, jobs=None, dask=None, keep_near_duplicates=False,
                          published=None, outlet=None, shard_dir=None)
    code = run_analysis([corpus_dir], out_dir, settings, options=options, db=db,
                        title="presslens demo")
    if code == 0:
        out.print(f"Try: presslens search --db {db} \"drone strike\"\n"
                  f"     presslens quotes --db {db} --speaker Mardoumi\n"
                  f"     presslens events --db {db} --type ASSAULT\n"
                  f"     presslens entities --db {db} --name Qinnawi")
    return code


def run_options(settings: Settings, *, jobs: int | None, dask: str | None,
                keep_near_duplicates: bool, published: str | None, outlet: str | None,
                shard_dir: Path | None) -> RunOptions:
    """How a run analyses: the settings, with the command's options on top."""
    from presslens.runner import RunOptions

    if dask is not None and jobs is not None and jobs > 1:
        raise UsageError("give either --jobs or --dask, not both")
    return RunOptions(
        batch_size=settings.batch_size, jobs=jobs or settings.jobs, dask=dask,
        near_duplicate_threshold=None if keep_near_duplicates
        else settings.near_duplicate_threshold,
        time_budget=settings.time_budget, published=published, outlet=outlet,
        shard_dir=str(shard_dir) if shard_dir else None, shard_size=settings.shard_size)


def run_analysis(inputs: list[Path], out_dir: Path, settings: Settings, *,
                 options: RunOptions, db: Path | None, title: str) -> int:
    """Analyse ``inputs`` into ``out_dir`` (and the store ``db``, if given), print what was
    done, and return the exit code."""
    from presslens.ingest.readers import read_inputs
    from presslens.model import Corpus
    from presslens.report import write_report
    from presslens.runner import FileSink, StoreSink, run_corpus
    from presslens.store import Store
    from presslens.store.export import write_entities

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file; give a folder to write into")
    files = FileSink(out_dir, min_confidence=framing_threshold(settings))
    sinks: list = [files]
    store = Store.open(db) if db is not None else None
    stored = StoreSink(store) if store is not None else None
    if stored is not None:
        sinks.append(stored)
    try:
        with progress(None, "Analysing") as advance:
            totals = run_corpus(
                read_inputs(inputs, max_article_bytes=settings.max_article_bytes), sinks,
                options, knowledge=knowledge(settings), on_read=print_read,
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
    print_skipped(totals.skipped)
    out.print(summary_table(totals))
    if totals.top_entities:
        out.print(top_entities_table(totals.top_entities))
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


def print_read(result: object) -> None:
    """Problems and warnings as the run meets them: a long run shows them as it goes."""
    from presslens.ingest import RawArticle
    from presslens.model import InputProblem

    if isinstance(result, InputProblem):
        err.print(f"[red]error[/red] {escape(str(result))}")
    elif isinstance(result, RawArticle):
        for warning in result.warnings:
            where = result.source.path or "input"
            if result.source.line:
                where += f":{result.source.line}"
            err.print(f"[yellow]warning[/yellow] {escape(where)}: {escape(warning)}")


def print_skipped(skipped: list[InputSkipped]) -> None:
    """How many inputs were passed over as not articles, by kind."""
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


def summary_table(totals: RunTotals) -> Table:
    """Articles, entities and mentions of a run, per outlet and in all."""
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


def top_entities_table(entities: list[CorpusEntity], limit: int = 12) -> Table:
    """The actors mentioned most, with their spellings."""
    table = Table(title="Most mentioned actors", title_justify="left")
    for column in ("Entity", "Type", "Articles", "Mentions", "Spellings"):
        table.add_column(column, justify="right" if column in ("Articles", "Mentions") else "left")
    for entity in entities[:limit]:
        spellings = ", ".join(entity.aliases[:5]) + (" …" if len(entity.aliases) > 5 else "")
        table.add_row(escape(entity.name), entity.type, str(entity.articles),
                      str(entity.mentions), escape(spellings))
    return table


def place_in_stories(store: Store) -> int:
    """Place newly stored articles in the stored stories; without the embedding model the
    articles stay stored and unplaced, and `presslens stories` places them later."""
    from presslens.embeddings import EmbeddingModelMissing
    from presslens.story_store import update_stories

    try:
        return update_stories(store)
    except EmbeddingModelMissing as exc:
        err.print(f"[yellow]Stories not updated: {exc}[/yellow]")
        return 0
