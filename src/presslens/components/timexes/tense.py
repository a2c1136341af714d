"""The tense of the clause a time expression sits in, read from the parse: whether "on
Monday" is the Monday before the publication date or the one after, and which year an
unmarked month belongs to.

A clause is ``future`` when an auxiliary ("will", "'ll", a modal other than "could") or a
verb that looks ahead ("plans to visit", "scheduled a meeting", "is meeting") governs it,
``past`` when its verb is in the past tense or a possessive makes the date an event already
reported ("Wednesday's ruling"), and ``unmarked`` otherwise: news narrates what happened.
The word lists are in ``lexicons/time_words.json``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from presslens.components.timexes.words import time_words

# A phrase just before a date that puts it ahead whatever the verb's tense: "as early as
# Tuesday", "starting Monday", "scheduled for March".
_FUTURE_BEFORE = re.compile(r"(?i:as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than|starting|"
                            r"beginning|from|due(?:\s+(?:in|on|by|before))?|"
                            r"(?:scheduled|planned|set|expected|slated)\s+(?:for|in|on))"
                            r"\s+(?:on\s+)?$")


@cache
def _future_auxiliaries() -> frozenset[str]:
    return frozenset(time_words()["future_auxiliaries"])


@cache
def _future_governors() -> frozenset[str]:
    return frozenset(time_words()["future_governors"])


def direction(text: str, char: int, token: Token | None) -> str:
    """``future`` or ``past`` when the clause around ``char`` (whose token is ``token``) is
    marked for tense, else ``unmarked`` (news narrates what happened: an unmarked weekday is
    the one just gone, an unmarked month the nearest).

    >>> direction("The talks resume as early as ", 29, None)
    'future'
    """
    if _FUTURE_BEFORE.search(text[max(0, char - 24):char]):
        return "future"
    if token is None:
        return "past"
    return clause_tense(token)


def clause_tense(token: Token) -> str:
    """The tense of the clause a time expression modifies, for weekday and month reading."""
    if token.dep_ == "poss" or token.head.dep_ == "poss":
        return "past"  # "Wednesday's ruling": an event already reported
    governors = _future_governors()
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    for _ in range(3):
        children = list(verb.children)
        auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in _future_auxiliaries() for c in auxiliaries):
            return "future"
        if verb.lemma_ in governors:
            return "future"
        if verb.tag_ == "VB" and any(c.lower_ == "to" for c in auxiliaries) and (
                verb.head.lemma_ in governors or verb.head.lower_ in ("due", "going")):
            return "future"
        modal = [c for c in auxiliaries if c.tag_ == "MD" and c.lower_ != "could"]
        if modal:
            perfect = any(c.lemma_ == "have" for c in auxiliaries)
            return "past" if perfect else "future"  # "would travel Thursday"
        if verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in auxiliaries):
            return "future"  # "is meeting on Monday"
        if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in auxiliaries):
            return "past"
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return "unmarked"


def in_infinitive(token: Token | None) -> bool:
    """Whether ``token`` belongs to a to-infinitive ("enough to start trading on July 1"):
    something meant or possible, which bounds the publication date neither way."""
    for _ in range(8):
        if token is None or token.head is token:
            return False
        if token.pos_ in ("VERB", "AUX"):
            if token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                          for c in token.children):
                return True
            if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
                return False  # a finite verb: the clause has its own tense
        token = token.head
    return False
