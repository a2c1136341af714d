"""A corpus of any size for benchmarks: new articles made of the paragraphs of real ones.

Each generated article takes 8 to 16 paragraphs drawn at random from a pool (the bundled
demo corpus, plus any articles given), news length (about 2,500 characters, 500 tokens), so
its sentences are the real thing for the parser and the components; two articles share a
paragraph or two at most, so no two are near-identical and every one is analysed.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from presslens.ingest import RawArticle
from presslens.ingest.readers import read_inputs
from presslens.model import Source

MIN_PARAGRAPH_WORDS = 15
# About 2,500 characters: the length at which bare spaCy parses some 11-14 articles a second
# on one core, as news articles go.
DEFAULT_PARAGRAPHS = (8, 16)


def paragraph_pool(sources: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Every paragraph of at least 15 words in the articles under ``sources``."""
    pool: list[str] = []
    for result in read_inputs(sources):
        if isinstance(result, RawArticle):
            pool.extend(p.strip() for p in result.text.split("\n\n")
                        if len(p.split()) >= MIN_PARAGRAPH_WORDS)
    return pool


def generate(count: int, pool: list[str], *, seed: int = 0,
             paragraphs: tuple[int, int] = DEFAULT_PARAGRAPHS,
             numbered: bool = False) -> Iterator[RawArticle]:
    """``count`` articles of ``paragraphs`` (least, most) paragraphs each from ``pool``;
    ``numbered`` ends each with a line of its own number, so that even articles of one
    paragraph are all different texts."""
    if not pool:
        raise ValueError("no paragraphs to build articles from")
    rng = random.Random(seed)
    least, most = paragraphs
    first_day = date(2020, 1, 1)
    for number in range(count):
        size = min(len(pool), rng.randint(least, most))
        body = "\n\n".join(rng.sample(pool, size))
        if numbered:
            body += f"\n\nItem {number + 1} of this collection."
        published = (first_day + timedelta(days=rng.randrange(730))).isoformat()
        yield RawArticle(body, Source(title=f"Generated article {number + 1}",
                                      outlet=f"Outlet {rng.randrange(12) + 1}",
                                      published=published))


def write_jsonl(articles: Iterable[RawArticle], path: str | os.PathLike[str]) -> int:
    """Write articles as a JSONL input file (gzip'd when the name ends in .gz)."""
    import gzip

    target = Path(path)
    opener = gzip.open if target.name.endswith(".gz") else open
    written = 0
    with opener(target, "wt", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({"text": article.text, "title": article.source.title,
                                     "outlet": article.source.outlet,
                                     "published": article.source.published},
                                    ensure_ascii=False) + "\n")
            written += 1
    return written
