"""`presslens eval entities`: entity mentions and actor grouping against gold annotations.

Gold: ``tests/data/entities/gold.jsonl`` (see the README beside it). Scores:

- mentions, strict: the same span and the same type;
- mentions, span: the same span, any type;
- actors (B-cubed, MUC, CEAF-e and their mean, the CoNLL F1): over mentions found with the
  right span, whether the system puts two mentions under one corpus id exactly when the gold
  gives them one actor, across all documents: within-article grouping and cross-document
  resolution together. A mention's gold actor is what it refers to: its ``refers_to`` when a
  capital stands for a government ("Washington said" → United States), else its ``actor``;
- wrong merges: actors the system put under one id although the gold keeps them apart (one
  count per extra actor in a system entity), and which of the annotated hard negatives
  (``hard_negatives.jsonl``: Iraq/Iran, al-Saedi/al-Saadi, …) ended up merged;
- metonyms: of the gold mentions marked ``refers_to``, how many the system put under the
  entity of that country rather than the city's.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from presslens.analysis import analyze
from presslens.eval.documents import REPO_ROOT, annotated_articles, load_annotations
from presslens.eval.scoring import PRF, bcubed, ceaf_e, muc, prf

DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "entities" / "gold.jsonl"
DEFAULT_HARD_NEGATIVES = DEFAULT_GOLD.with_name("hard_negatives.jsonl")


@dataclass(slots=True)
class EntityScores:
    documents: int
    strict: PRF
    span: PRF
    actors: PRF
    muc: PRF = PRF(0.0, 0.0, 0.0)
    ceaf_e: PRF = PRF(0.0, 0.0, 0.0)
    wrong_merges: list[list[str]] = field(default_factory=list)
    hard_negatives: int = 0
    hard_negatives_merged: list[tuple[str, str]] = field(default_factory=list)
    metonyms: int = 0
    metonyms_resolved: int = 0
    by_type: dict[str, PRF] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


    @property
    def conll_f1(self) -> float:
        """The mean of MUC, B-cubed and CEAF-e F1, as the CoNLL-2012 shared task reported."""
        return (self.muc.f1 + self.actors.f1 + self.ceaf_e.f1) / 3


BLIND_GOLD = DEFAULT_GOLD.parents[1] / "blind" / "entities" / "gold.jsonl"


def load_gold(path: Path = DEFAULT_GOLD, split: str = "all") -> list[dict]:
    """The annotated documents of ``split``. ``blind`` is the frozen blind set
    (tests/data/blind/entities) with the two samples beside it, as the blind figures are
    reported."""
    if split == "blind":
        samples = [r for r in load_annotations(DEFAULT_GOLD, "all")
                   if r["doc"].startswith("shared:samples/")]
        return load_annotations(BLIND_GOLD, "all") + samples
    return load_annotations(path, split)


def hard_negatives_for(path: Path = DEFAULT_GOLD, split: str = "all") -> list[tuple[str, str]]:
    """The hard negatives beside a gold file (both sets' for ``blind``)."""
    if split == "blind":
        return load_hard_negatives(BLIND_GOLD.with_name("hard_negatives.jsonl")) + \
            load_hard_negatives()
    return load_hard_negatives(path.with_name("hard_negatives.jsonl"))


def load_hard_negatives(path: Path = DEFAULT_HARD_NEGATIVES) -> list[tuple[str, str]]:
    """Pairs of different actors that must never share an id."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [(row["a"], row["b"]) for row in rows]


def evaluate_entities(gold: list[dict], nlp: Language | None = None,
                      hard_negatives: list[tuple[str, str]] | None = None) -> EntityScores:
    """Analyse the gold documents together and score the entities found in them."""
    if hard_negatives is None:
        hard_negatives = load_hard_negatives()
    articles, kept, missing, stale = annotated_articles(gold)
    corpus = analyze(articles, nlp=nlp)
    by_id = {a.id: a for a in corpus.articles}

    gold_typed, system_typed = set(), set()
    gold_actor, system_actor = {}, {}
    metonyms: dict[tuple[str, int, int], str] = {}
    for record in kept:
        analysis = by_id[record["text_id"]]
        for m in record["mentions"]:
            gold_typed.add((record["text_id"], m["start"], m["end"], m["type"]))
            gold_actor[(record["text_id"], m["start"], m["end"])] = m.get("refers_to") or m["actor"]
            if m.get("refers_to"):
                metonyms[(record["text_id"], m["start"], m["end"])] = m["actor"]
        for entity in analysis.entities:
            for m in entity.mentions:
                if m.label == "NOMINAL":
                    continue  # descriptions are not annotated as names
                system_typed.add((analysis.id, m.start, m.end, entity.type))
                system_actor[(analysis.id, m.start, m.end)] = entity.id

    def untyped(items: set) -> set:
        return {item[:3] for item in items}

    # Which gold actors each system entity holds, over the mentions found with the right span.
    held: dict[str, set[str]] = defaultdict(set)
    for item, actor in gold_actor.items():
        if item in system_actor:
            held[system_actor[item]].add(actor)
    # A capital left with its city although it stood for the government is a metonym not
    # resolved (counted below), not two actors merged.
    literal_held: dict[str, set[str]] = defaultdict(set)
    for item, actor in gold_actor.items():
        if item in system_actor and item not in metonyms:
            literal_held[system_actor[item]].add(actor)
    merged_actors: dict[str, set[str]] = defaultdict(set)
    for item, actor in gold_actor.items():
        entity_id = system_actor.get(item)
        if entity_id is None:
            continue
        if item in metonyms and metonyms[item] in literal_held[entity_id]:
            continue
        merged_actors[entity_id].add(actor)
    wrong_merges = [sorted(actors) for actors in merged_actors.values() if len(actors) > 1]
    merged_pairs = [(a, b) for a, b in hard_negatives
                    if any(a in actors and b in actors for actors in merged_actors.values())]
    # A metonym is resolved when its mention sits with the country's own mentions (or, where
    # the country is never named, at least apart from the city's literal mentions).
    literal: dict[str, set[str]] = defaultdict(set)  # system id -> gold actors named literally
    for item, actor in gold_actor.items():
        if item in system_actor and item not in metonyms:
            literal[system_actor[item]].add(actor)
    named_countries = {a for actors in literal.values() for a in actors}
    resolved = 0
    for item, city in metonyms.items():
        entity_id = system_actor.get(item)
        if entity_id is None:
            continue
        country = gold_actor[item]
        if country in literal[entity_id] or (
                country not in named_countries and city not in literal[entity_id]):
            resolved += 1

    types = sorted({item[3] for item in gold_typed})
    return EntityScores(
        documents=len(kept),
        strict=prf(system_typed, gold_typed),
        span=prf(untyped(system_typed), untyped(gold_typed)),
        actors=bcubed(system_actor, gold_actor),
        muc=muc(system_actor, gold_actor),
        ceaf_e=ceaf_e(system_actor, gold_actor),
        wrong_merges=wrong_merges,
        hard_negatives=len(hard_negatives),
        hard_negatives_merged=merged_pairs,
        metonyms=len(metonyms),
        metonyms_resolved=resolved,
        by_type={t: prf({i for i in system_typed if i[3] == t},
                        {i for i in gold_typed if i[3] == t}) for t in types},
        missing=missing,
        stale=stale,
    )
