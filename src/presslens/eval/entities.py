"""`presslens eval entities`: entity mentions and actor grouping against gold annotations.

Gold: ``tests/data/entities/gold.jsonl`` (see the README beside it). Scores:

- mentions, strict: the same span and the same type;
- mentions, span: the same span, any type;
- actors (B-cubed): over mentions found with the right span, whether the system puts two
  mentions under one corpus id exactly when the gold gives them one actor, across all
  documents: within-article grouping and cross-document resolution together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from presslens.analysis import analyze
from presslens.eval.documents import REPO_ROOT, annotated_articles, load_annotations
from presslens.eval.scoring import PRF, bcubed, prf

DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "entities" / "gold.jsonl"


@dataclass(slots=True)
class EntityScores:
    documents: int
    strict: PRF
    span: PRF
    actors: PRF
    by_type: dict[str, PRF] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def load_gold(path: Path = DEFAULT_GOLD, split: str = "all") -> list[dict]:
    return load_annotations(path, split)


def evaluate_entities(gold: list[dict], nlp: Language | None = None) -> EntityScores:
    """Analyse the gold documents together and score the entities found in them."""
    articles, kept, missing, stale = annotated_articles(gold)
    corpus = analyze(articles, nlp=nlp)
    by_id = {a.id: a for a in corpus.articles}

    gold_typed, system_typed = set(), set()
    gold_actor, system_actor = {}, {}
    for record in kept:
        analysis = by_id[record["text_id"]]
        for m in record["mentions"]:
            gold_typed.add((record["text_id"], m["start"], m["end"], m["type"]))
            gold_actor[(record["text_id"], m["start"], m["end"])] = m["actor"]
        for entity in analysis.entities:
            for m in entity.mentions:
                system_typed.add((analysis.id, m.start, m.end, entity.type))
                system_actor[(analysis.id, m.start, m.end)] = entity.id

    def untyped(items: set) -> set:
        return {item[:3] for item in items}

    types = sorted({item[3] for item in gold_typed})
    return EntityScores(
        documents=len(kept),
        strict=prf(system_typed, gold_typed),
        span=prf(untyped(system_typed), untyped(gold_typed)),
        actors=bcubed(system_actor, gold_actor),
        by_type={t: prf({i for i in system_typed if i[3] == t},
                        {i for i in gold_typed if i[3] == t}) for t in types},
        missing=missing,
        stale=stale,
    )
