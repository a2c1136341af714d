"""The figures tables the docs mark as generated are what `presslens eval --markdown` prints.

A block in ``docs/*.md`` between ``<!-- generated: presslens eval --markdown ARGS -->`` and
``<!-- end generated -->`` holds the tables that command prints; this test runs it and
compares, so a change of an extractor that moves its figures must move the docs with it.
"""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from tests.helpers import REPO, SHARED

DOCS = REPO / "docs"
_BLOCK = re.compile(r"<!-- generated: presslens (eval --markdown [^>]*?) -->\n(.*?)"
                    r"<!-- end generated -->", re.S)


def _blocks() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(DOCS.glob("*.md")):
        for match in _BLOCK.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, match[1].strip(), match[2]))
    return found


def _tables(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.startswith(("|", "**"))]


def test_the_docs_hold_generated_blocks():
    assert {name for name, _, _ in _blocks()} >= {"entities.md", "time.md"}


@pytest.mark.model
@pytest.mark.parametrize(("doc", "command", "block"), _blocks(),
                         ids=[f"{d}:{c}" for d, c, _ in _blocks()])
def test_a_generated_block_is_what_the_command_prints(doc, command, block):
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not beside the checkout")
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.exit_code == 0, result.output
    assert _tables(result.stdout) == _tables(block), (
        f"docs/{doc} no longer shows what `presslens {command}` prints; paste its output")
