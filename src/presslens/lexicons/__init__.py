"""Word lists, patterns and tables that components read: data, kept out of the code."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def lexicon_text(name: str) -> str:
    """The raw text of the lexicon file ``name`` shipped in this package."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def lexicon_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a one-entry-per-line lexicon."""
    lines = (line.strip() for line in lexicon_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def lexicon_json(name: str) -> Any:
    """A JSON lexicon, parsed once per process."""
    return json.loads(lexicon_text(name))
