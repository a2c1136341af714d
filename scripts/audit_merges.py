"""List the actors that hold differing names across articles, for a person to check.

Wrong merges are the resolver's worst error (two people become one in every table), and an
annotated set holds too few to show where they come from. This script analyses the articles of
one source in ``../shared/data`` that no blind set uses (Wikinews reports, the partisan PTC
articles, or PolNeAR's political news), as one corpus, and prints every actor named in two or
more articles under more than one spelling: most are one actor under
its spellings ("Qasem Soleimani", "Soleimani"); a wrong merge stands out ("John G. Roberts",
"Troy Roberts"). People whose full names disagree are listed first.

    .venv/bin/python scripts/audit_merges.py [--source wikinews|ptc|polnear] [--limit 200]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from presslens.analysis import analyze
from presslens.errors import PresslensError
from presslens.ingest import article_from_record
from presslens.resolve.names import given_names_agree, mention_key

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews"
SHARED = REPO.parent / "shared"
# Each folder source: its folder, the files in it, and the reference the annotation files
# give one of them (relative to the folder the reference is resolved from).
FOLDERS = {"ptc": (SHARED / "data" / "framing" / "ptc-train" / "articles", "*.txt",
                   "shared:", SHARED),
           "polnear": (SHARED / "data" / "quotes" / "polnear", "**/*.txt", "polnear:",
                       SHARED / "data" / "quotes" / "polnear")}


def blind_documents() -> set[str]:
    """The documents of every blind set, which this audit must not read."""
    names = set()
    for gold in (REPO / "tests" / "data" / "blind").glob("*/gold.jsonl"):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.add(json.loads(line).get("doc"))
    return names


def wikinews_articles(blind: set[str]) -> list:
    csv.field_size_limit(sys.maxsize)
    articles = []
    for path in sorted(WIKINEWS.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if f"wikinews:{row['url']}" in blind:
                    continue
                try:
                    articles.append(article_from_record(
                        {"text": row["text"], "title": row["title"], "url": row["url"]}))
                except PresslensError:
                    continue  # a row that is all boilerplate
    return articles


def folder_articles(source: str, blind: set[str]) -> list:
    """The articles of a folder source that no blind set names, read as the evaluation
    reads them (``load_document``)."""
    from presslens.eval.documents import load_document

    folder, pattern, prefix, root = FOLDERS[source]
    articles = []
    for path in sorted(folder.glob(pattern)):
        ref = prefix + path.relative_to(root).as_posix()
        if ref in blind:
            continue
        try:
            article = load_document(ref)
        except (PresslensError, ValueError):
            continue
        if article is not None:
            articles.append(article)
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="how many actors to print")
    parser.add_argument("--source", choices=["wikinews", "ptc", "polnear"],
                        default="wikinews", help="which articles to read")
    args = parser.parse_args()
    blind = blind_documents()
    articles = wikinews_articles(blind) if args.source == "wikinews" else \
        folder_articles(args.source, blind)
    if not articles:
        print(f"no {args.source} articles on this machine", file=sys.stderr)
        return 1
    corpus = analyze(articles)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    documents: dict[str, set[str]] = defaultdict(set)
    types: dict[str, str] = {}
    for article in corpus.articles:
        for entity in article.entities:
            types[entity.id] = entity.type
            for mention in entity.mentions:
                if mention.label != "NOMINAL":
                    names[entity.id][mention.text] += 1
                    documents[entity.id].add(article.id)

    def disagreeing(entity_id: str) -> bool:
        full = {mention_key(n, "PERSON") for n in names[entity_id]}
        full = [k for k in full if " " in k]
        return any(not given_names_agree(a, b) for a in full for b in full)

    shown = [e for e in names if len(names[e]) > 1 and len(documents[e]) > 1]
    shown.sort(key=lambda e: (not (types[e] == "PERSON" and disagreeing(e)), -len(names[e]), e))
    print(f"{len(corpus.articles)} articles, {len(shown)} actors under several names")
    for entity_id in shown[:args.limit]:
        flag = "!" if types[entity_id] == "PERSON" and disagreeing(entity_id) else " "
        spellings = ", ".join(f"{n} ({c})" for n, c in names[entity_id].most_common(8))
        print(f"{flag} {entity_id} [{types[entity_id]}, {len(documents[entity_id])} articles]: "
              f"{spellings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
