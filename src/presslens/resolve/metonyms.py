"""Capitals that stand for their governments: "Washington said" is the United States acting,
"in Washington" is the city.

A mention of a capital (from the gazetteer) is read as its country when the parse makes it
an agent: subject, possessor ("Washington's attempts"), object ("urged Tehran to …"), a
conjunct of one ("Baghdad and Washington said"), or the object of a preposition that takes
a party rather than a place ("talks with Washington", "sanctions against Tehran").
"""

from __future__ import annotations

from spacy.tokens import Span

from presslens.resolve.knowledge import Knowledge, KnownActor

_AGENT_DEPENDENCIES = {"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative"}
# Verbs whose object (or passive subject) is a place, whatever place it is: one visits,
# leaves or shells a city, not a government ("Qaani visited Baghdad", "rockets hit Baghdad",
# "Tehran was rocked by protests").
_PLACE_VERBS = frozenset({
    "visit", "tour", "leave", "enter", "reach", "flee", "evacuate", "storm", "shell", "bomb",
    "bombard", "rock", "hit", "strike", "besiege", "surround", "capture", "seize", "retake",
    "recapture", "overrun", "shake", "flood", "blanket", "paralyse", "paralyze", "engulf"})
# Prepositions whose object is a party to an action, not a location.
_PARTY_PREPOSITIONS = {"with", "against", "on", "by", "toward", "towards", "upon", "between"}


def is_metonymic(span: Span) -> bool:
    """Whether a place name in ``span`` acts as a political actor in its sentence."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_ in _PLACE_VERBS:
        return False
    if root.dep_ in _AGENT_DEPENDENCIES:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in _PARTY_PREPOSITIONS:
        return True
    return False


def government_of(span: Span, knowledge: Knowledge) -> KnownActor | None:
    """The country whose government a capital mention stands for, or None."""
    if span.label_ not in ("GPE", "LOC", "ORG", "PERSON"):
        return None
    country = knowledge.country_of_capital(span.text)
    if country is None or not is_metonymic(span):
        return None
    return country
