"""Writing an analysis to disk in the contract's files (``articles.jsonl``, ``entities.jsonl``)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from presslens.model import ArticleAnalysis, CorpusEntity

ARTICLES_FILE = "articles.jsonl"
ENTITIES_FILE = "entities.jsonl"
# Near-identical copies of analysed articles (syndicated wire copies), with their sources.
COPIES_FILE = "copies.jsonl"


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    """Write records one per line, atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    count = 0
    with partial.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    os.replace(partial, path)
    return count


def write_analysis(out_dir: str | os.PathLike[str], articles: Iterable[ArticleAnalysis],
                   entities: Iterable[CorpusEntity]) -> dict[str, Path]:
    """Write ``articles.jsonl`` and ``entities.jsonl`` into ``out_dir``; return their paths."""
    out = Path(out_dir)
    paths = {"articles": out / ARTICLES_FILE, "entities": out / ENTITIES_FILE}
    write_jsonl(paths["articles"], (a.to_dict() for a in articles))
    write_jsonl(paths["entities"], (e.to_dict() for e in entities))
    return paths


def write_entities(out_dir: str | os.PathLike[str], entities: Iterable[CorpusEntity]) -> Path:
    """Write ``entities.jsonl`` into ``out_dir``; return its path."""
    path = Path(out_dir) / ENTITIES_FILE
    write_jsonl(path, (e.to_dict() for e in entities))
    return path


def read_jsonl(path: str | os.PathLike[str]) -> list[dict]:
    """The records of a JSONL file written by ``write_jsonl``."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
