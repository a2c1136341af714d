"""The ``presslens`` command line: a thin face over the analysis and the store.

One module per group of commands; this one only assembles them, in the order ``--help`` lists
them. Each command module imports what is heavy inside its commands, so that ``--help`` and
``version`` start fast.
"""

from __future__ import annotations

import typer

from presslens.cli import analyze, bench, corrections, outputs, queries, watch
from presslens.cli.common import demo_corpus_path, out
from presslens.cli.evaluate import eval_app

__all__ = ["app", "demo_corpus_path", "main"]

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


def version_command() -> None:
    """Print the presslens version."""
    from presslens import __version__

    out.print(__version__)


for name, command in (
    ("analyze", analyze.analyze_command),
    ("ingest", analyze.ingest_command),
    ("watch", watch.watch_command),
    ("search", queries.search_command),
    ("quotes", queries.quotes_command),
    ("entities", queries.entities_command),
    ("merge", corrections.merge_command),
    ("split", corrections.split_command),
    ("timeline", queries.timeline_command),
    ("stories", queries.stories_command),
    ("network", queries.network_command),
    ("serve", outputs.serve_command),
    ("report", outputs.report_command),
    ("naming", queries.naming_command),
    ("export", outputs.export_command),
    ("demo", analyze.demo_command),
    ("bench", bench.bench_command),
    ("events", queries.events_command),
    ("version", version_command),
):
    app.command(name)(command)
app.add_typer(eval_app, name="eval")


def main() -> None:
    app()
