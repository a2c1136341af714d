"""Whether a nationality word in an actor's phrase stands for the actor.

"Iraqi resistance groups have vowed …", "a Kurdish opposition party condemned …": the
nationality qualifies a body of people of that nationality, and the actor is that body, not
the state or the nationality as a whole. Coding such an event to "Iraqi" put the resistance's
threats on Iraq's row of every table. A noun of state power ("the Iraqi government",
"Iranian drones") keeps the nationality as the actor: the component that coded the event
decided that much, and this rule only takes it away for the nouns of
``lexicons/nationality_heads.json``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from presslens.lexicons import lexicon_json


@cache
def group_heads() -> frozenset[str]:
    return frozenset(lexicon_json("nationality_heads.json")["group"])


def names_a_group_of_the_nationality(doc: Doc, start: int | None, end: int | None) -> bool:
    """Whether the phrase at ``start:end`` is a body of people that a nationality only
    qualifies ("Iraqi resistance groups"), judged by the lemma of the phrase's head.

    >>> import spacy
    >>> names_a_group_of_the_nationality(spacy.blank("en")("x"), None, None)
    False
    """
    if start is None or end is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root
    lemma = (head.lemma_ or head.text).lower()
    return lemma in group_heads() or head.text.lower().rstrip("s") in group_heads()
