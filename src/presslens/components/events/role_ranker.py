"""Which phrase of the sentence acts in an event the rules found no actor for: a small
trained ranker over the sentence's candidate parties.

Each candidate (a noun, name or pronoun heading a phrase in the trigger's sentence) is
described by how it stands to the trigger in the parse (its dependency, its head's, whether
the trigger governs it or it governs the trigger, which side it is on and how far, the
preposition it hangs on) and by what it is (entity type, pronoun); a logistic regression
(``presslens.learning``) gives the chance that it is the actor. Trained by
``scripts/train_event_roles.py`` on the development part of the public PLOVER sentences,
whose actors are marked; the weights ship as ``models/event_roles.npz``.
"""

from __future__ import annotations

import math
from functools import cache

from spacy.tokens import Token

from presslens.learning import LinearClassifier, load_model

MODEL_FILE = "event_roles.npz"
CANDIDATE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss", "attr",
                  "npadvmod", "dative", "compound"}
CANDIDATE_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
MOST_CANDIDATES = 8
WINDOW = 20


def actor_candidates(trigger: Token, people: frozenset[str]) -> list[Token]:
    """The phrases of ``trigger``'s sentence (within ``WINDOW`` words of it) that could be
    its actor, nearest first: heads of names, pronouns and nouns for people or bodies
    (``people``)."""
    doc = trigger.doc
    # The words around the trigger, up to its sentence's edges, without working out the
    # sentence itself (a long one costs a scan).
    start = trigger.i
    while start > 0 and trigger.i - start < WINDOW and not doc[start].is_sent_start:
        start -= 1
    end = trigger.i + 1
    while end < len(doc) and end - trigger.i < WINDOW and not doc[end].is_sent_start:
        end += 1
    found = []
    for token in doc[start:end]:
        if token.i == trigger.i or token.dep_ not in CANDIDATE_DEPS:
            continue
        if token.dep_ == "compound" and token.head.ent_type_ == token.ent_type_:
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "to" and \
                token.head.head.lower_ == "according":
            continue  # the source of the report, not a party to what it reports
        if token.ent_type_ in CANDIDATE_LABELS or token.tag_ == "PRP" or \
                token.lemma_.lower() in people:
            found.append(token)
    found.sort(key=lambda t: abs(t.i - trigger.i))
    return found[:MOST_CANDIDATES]


def candidate_features(trigger: Token, candidate: Token) -> list[str]:
    """Binary features of one candidate for the ranker."""
    distance = candidate.i - trigger.i
    bucket = "near" if abs(distance) <= 3 else "mid" if abs(distance) <= 10 else "far"
    side = "left" if distance < 0 else "right"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    relation = ("child" if candidate.head.i == trigger.i else
                "under" if trigger.is_ancestor(candidate) else
                "sibling" if candidate.head.i == trigger.head.i else
                "above" if candidate.is_ancestor(trigger) else "apart")
    preposition = candidate.head.lower_ if candidate.dep_ == "pobj" else "-"
    features = [
        f"dep={candidate.dep_}", f"rel={relation}", f"side={side}", f"dist={bucket}",
        f"dep_rel={candidate.dep_}|{relation}", f"dep_side={candidate.dep_}|{side}",
        f"prep={preposition}", f"prep_rel={preposition}|{relation}",
        f"ent={candidate.ent_type_ or '-'}", f"pron={candidate.tag_ == 'PRP'}",
        f"tpos={trigger.pos_}", f"tdep={trigger.dep_}", f"passive={passive}",
        f"passive_dep={passive}|{candidate.dep_}|{relation}",
        f"head_dep={candidate.head.dep_}|{candidate.dep_}",
    ]
    return features


class RoleRanker:
    """The two-class regression read as one margin per feature: an event without an actor
    asks it about several candidates, so a candidate costs a few dictionary look-ups."""

    def __init__(self, model: LinearClassifier) -> None:
        actor, other = model.labels.index("actor"), model.labels.index("other")
        self.margins = {f: row[actor] - row[other] for f, row in model.weights.items()}
        self.bias = model.bias[actor] - model.bias[other]

    def actor_probability(self, features: list[str]) -> float:
        margins = self.margins
        z = self.bias + sum(margins.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_role_model() -> RoleRanker | None:
    """The shipped ranker, or None if the model file is absent."""
    model = load_model(MODEL_FILE)
    return RoleRanker(model) if model is not None else None
