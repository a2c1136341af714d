"""Which phrase of the sentence acts in an event the rules found no actor for, and which is
acted on: two small trained rankers over the sentence's candidate parties.

Each candidate (a noun, name or pronoun heading a phrase in the trigger's sentence) is
described by how it stands to the trigger in the parse (its dependency, its head's, whether
the trigger governs it or it governs the trigger, which side it is on and how far, the
preposition it hangs on) and by what it is (entity type, pronoun); a logistic regression
(``presslens.learning``) gives the chance that it is the actor. Trained by
``scripts/train_event_roles.py`` on the development part of the public PLOVER sentences,
whose actors are marked; the weights ship as ``models/event_roles.npz``.

The target ranker reads the same description of a candidate and, besides, whether the rules
chose it and what kind of word it is (a name, a noun for people, a pronoun or a thing), so
that it learns where the rules' choice of what was acted on is to be trusted ("failed to
reach agreement on Harzan's disarmament, in which Keshal had offered to mediate" is about
Harzan, not the mediator the rules took as the first name after the trigger). It is kept in
the same archive under "targets".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from importlib.resources.abc import Traversable

from spacy.tokens import Token

from presslens.learning import LinearClassifier, read_models

MODEL_FILE = "event_roles.npz"
TARGETS = "targets"
CANDIDATE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss", "attr",
                  "npadvmod", "dative", "compound"}
CANDIDATE_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
MOST_CANDIDATES = 8
WINDOW = 20


def _window(trigger: Token) -> tuple[int, int]:
    """The words around the trigger, up to its sentence's edges, without working out the
    sentence itself (a long one costs a scan)."""
    doc = trigger.doc
    start = trigger.i
    while start > 0 and trigger.i - start < WINDOW and not doc[start].is_sent_start:
        start -= 1
    end = trigger.i + 1
    while end < len(doc) and end - trigger.i < WINDOW and not doc[end].is_sent_start:
        end += 1
    return start, end


def _may_take_part(token: Token, trigger: Token) -> bool:
    """Whether a word heads a phrase that could take part in the trigger's event: not the
    trigger, not a word inside a name, not the source of an "according to"."""
    if token.i == trigger.i or token.dep_ not in CANDIDATE_DEPS:
        return False
    if token.dep_ == "compound" and token.head.ent_type_ == token.ent_type_:
        return False
    # The source of a report is no party to what it reports.
    return not (token.dep_ == "pobj" and token.head.lower_ == "to"
                and token.head.head.lower_ == "according")


def _names_party(token: Token, people: frozenset[str]) -> bool:
    return token.ent_type_ in CANDIDATE_LABELS or token.tag_ == "PRP" or \
        token.lemma_.lower() in people


def actor_candidates(trigger: Token, people: frozenset[str]) -> list[Token]:
    """The phrases of ``trigger``'s sentence (within ``WINDOW`` words of it) that could be
    its actor, nearest first: heads of names, pronouns and nouns for people or bodies
    (``people``)."""
    start, end = _window(trigger)
    found = [t for t in trigger.doc[start:end]
             if _may_take_part(t, trigger) and _names_party(t, people)]
    found.sort(key=lambda t: abs(t.i - trigger.i))
    return found[:MOST_CANDIDATES]


def target_candidates(trigger: Token, actors: list[Token], chosen: list[Token],
                      people: frozenset[str], is_act: Callable[[Token], bool]
                      ) -> list[Token]:
    """The phrases that could be what ``trigger``'s event acts on, the rules' choice
    (``chosen``) first, then the parties named around the trigger and the trigger's own
    objects, nearest first, never a word inside the actors' phrases. An act named as the
    object is no party to the event ("condemned the attacks on Erbil" acts on no one the
    text names; ``is_act``)."""
    start, end = _window(trigger)
    acting = [(a.left_edge.i, a.right_edge.i) for a in actors]
    picked = {t.i for t in chosen}
    found = []
    for token in trigger.doc[start:end]:
        if token.i == trigger.i or any(low <= token.i <= high for low, high in acting):
            continue
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # "Prime Minister Qais al-Mardumi": the name heads the phrase
        if token.i in picked or (_may_take_part(token, trigger) and (
                _names_party(token, people) or (
                    token.head.i == trigger.i and token.dep_ in ("dobj", "nsubjpass")
                    and token.pos_ in ("NOUN", "PROPN") and not is_act(token)))):
            found.append(token)
    found.sort(key=lambda t: (t.i not in picked, abs(t.i - trigger.i)))
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


def target_features(trigger: Token, candidate: Token, chosen: list[Token], has_actor: bool,
                    people: frozenset[str]) -> list[str]:
    """Binary features of one candidate for the target ranker: the actor ranker's, whether
    the rules chose it, and what kind of word it is."""
    picked = candidate.i in {t.i for t in chosen}
    kind = ("name" if candidate.ent_type_ else "people" if candidate.lemma_.lower() in people
            else "pronoun" if candidate.tag_ == "PRP" else "thing")
    preposition = candidate.head.lower_ if candidate.dep_ == "pobj" else "-"
    return [*candidate_features(trigger, candidate), f"chosen={picked}",
            f"chosen_dep={picked}|{candidate.dep_}", f"kind={kind}",
            f"chosen_kind={picked}|{kind}",
            f"ent_prep={candidate.ent_type_ or '-'}|{preposition}",
            f"has_actor={has_actor}", f"trigger_dep={trigger.lemma_.lower()}|{candidate.dep_}"]


class RoleRanker:
    """A two-class regression read as one margin per feature: an event asks it about
    several candidates, so a candidate costs a few dictionary look-ups. ``label`` is the
    role it scores ("actor" or "target")."""

    def __init__(self, model: LinearClassifier, label: str = "actor") -> None:
        role, other = model.labels.index(label), model.labels.index("other")
        self.margins = {f: row[role] - row[other] for f, row in model.weights.items()}
        self.bias = model.bias[role] - model.bias[other]

    def probability(self, features: list[str]) -> float:
        margins = self.margins
        z = self.bias + sum(margins.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def role_rankers(directory: Traversable | None = None
                 ) -> tuple[RoleRanker | None, RoleRanker | None]:
    """The actor and target rankers of the archive shipped in ``presslens/models`` (or kept
    in ``directory``); None for one that is absent."""
    found = read_models(MODEL_FILE, directory)
    if found is None:
        return None, None
    models = found[0]
    actors = RoleRanker(models[""]) if "" in models else None
    targets = RoleRanker(models[TARGETS], "target") if TARGETS in models else None
    return actors, targets


@cache
def load_role_models() -> tuple[RoleRanker | None, RoleRanker | None]:
    """The shipped rankers, read once."""
    return role_rankers()
