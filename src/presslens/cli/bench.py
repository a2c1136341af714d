"""``bench``: how fast presslens analyses on this machine, and what each part costs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from presslens.cli.analyze import print_read, print_skipped
from presslens.cli.common import (
    EXIT_FAILURE,
    EXIT_INPUT_PROBLEMS,
    command_settings,
    demo_corpus_path,
    err,
    guarded,
    out,
)

if TYPE_CHECKING:
    from presslens.ingest import InputSkipped, RawArticle
    from presslens.model import InputProblem
    from presslens.settings import Settings


@guarded
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
) -> int:
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

    settings = command_settings()
    if inputs and articles is None and write_corpus is None:
        chosen, problems, _ = read_for_bench(inputs, settings)
        chosen = distinct(chosen)
    else:
        problems = []
        pool = paragraph_pool([demo_corpus_path(), *(inputs or [])])
        count = articles or 300
        if write_corpus is not None:
            written = write_jsonl(generate(count, pool, seed=seed), write_corpus)
            out.print(f"{written} articles written to {write_corpus}")
            return 0
        chosen = distinct(list(generate(count, pool, seed=seed)))
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
    stories_rows(table, chosen, stories, seed)
    table.add_row("peak memory (this process)", f"{result.peak_rss_mb:,.0f} MB")
    out.print(table)
    return EXIT_INPUT_PROBLEMS if problems else 0


def stories_rows(table: Table, articles: list[RawArticle], count: int, seed: int) -> None:
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


def distinct(articles: list[RawArticle]) -> list[RawArticle]:
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


def read_for_bench(inputs: Iterable[Path], settings: Settings
                   ) -> tuple[list[RawArticle], list[InputProblem], list[InputSkipped]]:
    """The articles of ``inputs``; what could not be read or was skipped is said on stderr,
    as ``analyze`` says it."""
    from presslens.analysis import read_articles

    articles, problems, skipped = read_articles(
        inputs, max_article_bytes=settings.max_article_bytes)
    print_skipped(skipped)
    for result in (*problems, *articles):
        print_read(result)
    return articles, problems, skipped
