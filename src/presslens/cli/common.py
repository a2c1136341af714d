"""What every command shares: the consoles, the exit codes, the option types, the one error
guard, and the settings, knowledge and store a command starts from."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, ParamSpec

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from presslens.errors import PresslensError, UsageError
from presslens.resolve.knowledge import Knowledge
from presslens.settings import Settings

EXIT_INPUT_PROBLEMS = 1
EXIT_FAILURE = 2

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
FramingMinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Write framing flags from this confidence "
    "(default: the threshold calibrated for 0.75 precision; 0 writes all).")]
EventMinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Only events of at least this confidence (0 shows all; default: the threshold "
    "chosen on the development articles, see docs/events.md).")]
ModalityOption = Annotated[list[str] | None, typer.Option(
    "--modality", help="Events presented so (repeat: asserted, negated, demanded, "
    "threatened, planned, hypothetical); default: asserted, what the text says happened.")]
SplitOption = Annotated[str, typer.Option(
    "--split", help="Which annotated documents: dev, test, all, or blind (the frozen blind "
    "set, where the extractor has one).")]
MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-article-bytes", min=1,
    help="Largest article accepted, in bytes (default 5,000,000).")]

P = ParamSpec("P")


def guarded(command: Callable[P, int]) -> Callable[P, None]:
    """A command that returns its exit code; errors presslens raises on purpose become one
    clear line on stderr and exit code 2, not a trace (see ``exit_code``).

    ``presslens.cli`` registers the guarded function itself:
    ``app.command("search")(search_command)`` after ``@guarded def search_command(...)``.
    """
    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        raise typer.Exit(exit_code(lambda: command(*args, **kwargs)))

    return run


def exit_code(run: Callable[[], int]) -> int:
    """The exit code of ``run``, or of the error it raised, said in one line.

    >>> def no_store() -> int:
    ...     raise UsageError("no store at none.db")
    >>> exit_code(no_store)
    2
    """
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


def command_settings(db: Path | None = None, max_article_bytes: int | None = None,
                     time_budget: float | None = None, min_confidence: float | None = None
                     ) -> Settings:
    """The settings from the environment, with the command's options on top."""
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
    from presslens.service.queries import framing_threshold as shown_from

    return shown_from(settings.framing_min_confidence)


def knowledge(settings: Settings) -> Knowledge:
    """The gazetteer and the analyst's alias table (if there is one yet)."""
    return Knowledge.load(settings.alias_table)


def require_store(settings: Settings) -> None:
    """Reading commands need a store that exists: opening would create an empty one."""
    if not settings.db_path.exists():
        raise UsageError(f"no store at {settings.db_path}; add articles with "
                         "`presslens ingest` first")


@contextmanager
def progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal (a count, when the total is not known in advance);
    silence when output goes to a file or pipe."""
    if not err.is_terminal or (total is not None and total < 2):
        yield lambda n: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def demo_corpus_path() -> Path:
    """The folder of the bundled, invented demo corpus."""
    return Path(str(resources.files("presslens").joinpath("demo", "corpus")))
