"""Finding the article an annotation refers to, without copying public texts into the repo.

Annotations name their document by reference:

- ``shared:samples/presstv-us-forces-expelled.txt``: a file under ``../shared``
- ``wikinews:https://en.wikinews.org//wiki/...``: a row of ``../shared/data/wikinews/*.csv``
- ``demo:noor/2031-03-05-drone-strike.txt`` (``#3`` for line 3 of a JSONL file): the demo corpus
- ``polnear:train/text/nyt_2016-04-21_crucial-wins-for-clinton-and-tr.txt``: a PolNeAR article
  under ``../shared/data/quotes/polnear``, dated and credited by its file name
"""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path
from typing import Any

from presslens.ingest import RawArticle, article_from_record, read_inputs

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    """``$PRESSLENS_SHARED``, else the ``shared`` folder beside the repository."""
    return Path(os.environ.get("PRESSLENS_SHARED") or REPO_ROOT.parent / "shared")


def demo_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "demo" / "corpus"


@cache
def _wikinews_rows(folder: str) -> dict[str, dict[str, str]]:
    csv.field_size_limit(1 << 30)
    rows: dict[str, dict[str, str]] = {}
    for path in sorted(Path(folder).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row["url"]] = row
    return rows


def wikinews_article(row: dict[str, str]) -> RawArticle:
    """A Wikinews CSV row as an article (outlet Wikinews, dated by the row)."""
    return article_from_record({"text": row["text"], "title": row["title"], "url": row["url"],
                                "published": row["date"], "outlet": "Wikinews"})


# PolNeAR names each article OUTLET_DATE_SLUG.txt; its first line is the headline.
POLNEAR_OUTLETS = {"breitbart": "Breitbart", "huff-post": "Huffington Post",
                   "nyt": "New York Times", "politico": "Politico",
                   "usa-today": "USA Today", "wash-post": "Washington Post",
                   "west-journal": "Western Journalism"}


def polnear_article(path: Path) -> RawArticle:
    """A PolNeAR text file as an article: headline, outlet and date from the file itself."""
    outlet, published, _ = path.stem.split("_", 2)
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return article_from_record({"text": body.strip(), "title": title.strip(),
                                "published": published,
                                "outlet": POLNEAR_OUTLETS.get(outlet, outlet)})


def load_document(ref: str) -> RawArticle | None:
    """The article ``ref`` names, or None when its source is not on this machine."""
    kind, _, rest = ref.partition(":")
    if kind == "wikinews":
        rows = _wikinews_rows(str(shared_dir() / "data" / "wikinews"))
        return wikinews_article(rows[rest]) if rest in rows else None
    if kind == "polnear":
        path = shared_dir() / "data" / "quotes" / "polnear" / rest
        return polnear_article(path) if path.is_file() else None
    if kind in ("shared", "demo"):
        base = shared_dir() if kind == "shared" else demo_dir()
        relative, _, line = rest.partition("#")
        path = base / relative
        if not path.exists():
            return None
        wanted = int(line) if line else None
        for result in read_inputs([path]):
            if isinstance(result, RawArticle) and result.source.line == wanted:
                return result
        return None
    raise ValueError(f"unknown document reference {ref!r}")


def load_annotations(path: Path, split: str = "all") -> list[dict]:
    """The records of an annotation file (JSONL), those of one split or all."""
    import json

    with Path(path).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split == "all" or r.get("split") == split]


def annotated_articles(records: list[dict]
                       ) -> tuple[list[RawArticle], list[dict], list[str], list[str]]:
    """The articles annotations point at: (articles, their records, references whose source
    is not on this machine, references whose cleaned text changed since annotation)."""
    articles, kept, missing, stale = [], [], [], []
    for record in records:
        article = load_document(record["doc"])
        if article is None:
            missing.append(record["doc"])
        elif record.get("text_id") is not None and article.id != record["text_id"]:
            stale.append(record["doc"])  # offsets no longer hold
        else:
            articles.append(article)
            kept.append(record)
    return articles, kept, missing, stale


def analysed_annotations(records: list[dict], nlp: Any = None
                         ) -> tuple[Any, dict[str, Any], list[dict], list[str], list[str]]:
    """Analyse the articles annotations point at, together: (the corpus, its articles by
    content id, the records that could be scored, missing references, stale references)."""
    from presslens.analysis import analyze

    articles, kept, missing, stale = annotated_articles(records)
    corpus = analyze(articles, nlp=nlp)
    return corpus, {a.id: a for a in corpus.articles}, kept, missing, stale
