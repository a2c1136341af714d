"""What the event coder knows of words: the PLOVER trigger table
(``lexicons/plover_triggers.tsv``), the word classes its decisions read (verbs of intent,
nouns for people, words that make a "strike" a walk-out …) and the entity labels it treats
as parties, dates and places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from presslens.lexicons import lexicon_json, lexicon_lines


def _word_class(name: str) -> frozenset[str]:
    return frozenset(lexicon_json("event_words.json")[name]["words"])


# What each class is for is written beside it in lexicons/event_words.json.
INTENT_VERBS = _word_class("intent_verbs")
WILLINGNESS = _word_class("willingness")
LABOUR_WORDS = _word_class("labour_words")
PLANNING_VERBS = _word_class("planning_verbs")
THREAT_VERBS = _word_class("threat_verbs")
CONDITION_MARKS = _word_class("condition_marks")
PERMISSIONS = _word_class("permissions")
TIME_PREPOSITIONS = _word_class("time_prepositions")
PEOPLE_NOUNS = _word_class("people_nouns")
PERSON_ROLES = _word_class("person_roles")
PRIVATE_PEOPLE = _word_class("private_people")
WEAPON_NOUNS = _word_class("weapon_nouns")
BACKING_WORDS = _word_class("backing_words")
JUDGING_VERBS = _word_class("judging_verbs")
GENERAL_VERBS = _word_class("general_verbs")
NOT_EVENTS = _word_class("not_events")
RETREAT_WORDS = _word_class("retreat_words")
PLACE_PREPOSITIONS = _word_class("place_prepositions")
THING_NOUNS = _word_class("thing_nouns")
NOT_EVENT_HEADS = _word_class("not_event_heads")
NOT_PERFORMING_VERBS = _word_class("not_performing_verbs")
AGENTIVE_OF_NOUNS = _word_class("agentive_of_nouns")
ATTACK_STRIKE_WORDS = _word_class("attack_strike_words")
RESULT_STATES = _word_class("result_states")
FIGURATIVE_STRIKE_OBJECTS = _word_class("figurative_strike_objects")
LEADING_WORDS = _word_class("leading_words")
NEGATING_DETERMINERS = _word_class("negating_determiners")
REQUESTABLE = _word_class("requestable")
STOPPING_VERBS = _word_class("stopping_verbs")
CARRYING_VERBS = _word_class("carrying_verbs")
PURPOSE_GOVERNORS = _word_class("purpose_governors")
VERBAL_ATTACK = _word_class("verbal_attack")
SPEECH_VERBS = _word_class("speech_verbs")
AGREEMENT_NOUNS = _word_class("agreement_nouns")
MAKING_VERBS = _word_class("making_verbs")
QUANTITY_NOUNS = _word_class("quantity_nouns")
# Beside a place, not in it: "a depot near Karvan".
VICINITY_PREPOSITIONS = PLACE_PREPOSITIONS - {"in", "inside"}

# spaCy's entity labels of those who can act, of numbers and dates, and of places.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
DATE_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    words: tuple[str, ...]
    pos: str
    type: str
    mode: str | None


@cache
def trigger_lexicon() -> dict[tuple[str, str], list[TriggerEntry]]:
    """Trigger entries by (first lemma, part of speech), longest phrases first."""
    table: dict[tuple[str, str], list[TriggerEntry]] = {}
    for line in lexicon_lines("plover_triggers.tsv"):
        phrase, pos, event_type, *rest = line.split("\t")
        mode = rest[0].strip() if rest and rest[0].strip() else None
        words = tuple(phrase.split())
        entry = TriggerEntry(words, pos, event_type, mode)
        table.setdefault((words[0], pos), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: -len(e.words))
    return table


@cache
def trigger_first_words() -> frozenset[str]:
    """The words a trigger phrase can open with."""
    return frozenset(first for first, _pos in trigger_lexicon())
