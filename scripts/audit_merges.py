"""List the actors that hold differing names across articles, for a person to check.

Wrong merges are the resolver's worst error (two people become one in every table), and an
annotated set holds too few to show where they come from. This script analyses the Wikinews
articles of ``../shared/data/wikinews`` that no blind set uses, as one corpus, and prints every
actor named in two or more articles under more than one spelling: most are one actor under
its spellings ("Qasem Soleimani", "Soleimani"); a wrong merge stands out ("John G. Roberts",
"Troy Roberts"). People whose full names disagree are listed first.

    .venv/bin/python scripts/audit_merges.py [--limit 200]
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


def blind_documents() -> set[str]:
    """The documents of every blind set, which this audit must not read."""
    names = set()
    for gold in (REPO / "tests" / "data" / "blind").glob("*/gold.jsonl"):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.add(json.loads(line).get("doc"))
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="how many actors to print")
    args = parser.parse_args()
    if not WIKINEWS.is_dir():
        print(f"{WIKINEWS} is not on this machine", file=sys.stderr)
        return 1
    csv.field_size_limit(sys.maxsize)
    blind = blind_documents()
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
