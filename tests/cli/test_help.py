"""Every command of the command line, found by walking the app rather than listed by hand,
answers --help with its usage and examples: a command module left out of the assembly, or a
command whose options Typer cannot read, fails here. And the help comes without loading
spaCy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import presslens.cli
from presslens.cli import app

runner = CliRunner()


def command_words(command, words=()):
    """The words that call every command below ``command`` (``("eval", "quotes")``)."""
    for name, sub in getattr(command, "commands", {}).items():
        yield (*words, name)
        yield from command_words(sub, (*words, name))


COMMANDS = list(command_words(typer.main.get_command(app)))
# A group lists its commands; printing the version needs no example.
WITHOUT_EXAMPLES = {("eval",), ("version",)}


def test_every_group_of_commands_is_assembled():
    called = {" ".join(words) for words in COMMANDS}
    for group in (["analyze", "ingest", "demo"], ["watch"], ["search", "quotes", "entities",
                  "events", "timeline", "network", "naming", "stories"], ["merge", "split"],
                  ["serve", "report", "export"], ["bench"], ["eval entities", "eval quotes",
                  "eval dates", "eval time", "eval events", "eval framing", "eval stories"],
                  ["version"]):
        assert set(group) <= called, group


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_answers_help(words):
    result = runner.invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: presslens {' '.join(words)} " in result.output
    if words not in WITHOUT_EXAMPLES:
        assert "Example" in result.output


def test_a_command_that_is_not_there_is_a_usage_error():
    result = runner.invoke(app, ["analyse"])
    assert result.exit_code == 2
    assert "No such command 'analyse'" in result.output


@pytest.mark.parametrize(("words", "says"), [
    (["events"], "Only events of at least this confidence"),
    (["timeline"], "Only events of at least this confidence"),
    (["network"], "Only events of at least this confidence"),
    (["export"], "Only events of at least this confidence"),
    (["analyze"], "Write framing flags from this confidence"),
    (["eval", "framing"], "Write framing flags from this confidence"),
])
def test_min_confidence_says_what_it_filters(words, says):
    # Both options once shared one name, and the framing text was shown for events too.
    result = runner.invoke(app, [*words, "--help"], terminal_width=200)
    assert says in " ".join(result.output.split())


def test_the_command_line_loads_no_spacy_until_a_command_needs_it():
    # Commands import what loads the pipeline inside themselves: --help and version take a
    # quarter of a second instead of one and a half.
    sources = Path(presslens.cli.__file__).parents[2]
    probe = ("import sys, presslens.cli; print(sorted(m for m in "
             "('spacy', 'numpy', 'networkx', 'uvicorn') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(sources)}, check=True)
    assert done.stdout.strip() == "[]"


def test_eval_prints_its_tables_with_and_without_markdown():
    from typer.testing import CliRunner

    from presslens.cli import app

    for args in (["eval", "stories", "--help"], ["eval", "--markdown", "stories", "--help"]):
        assert CliRunner().invoke(app, args).exit_code == 0
    from rich.table import Table

    from presslens.cli import evaluate

    table = Table(title="T")
    table.add_column("a")
    table.add_row("1")
    with evaluate.out.capture() as captured:
        evaluate.show(table)
    assert "1" in captured.get()
