"""What the quote extractor knows of words: the word classes its decisions read
(``lexicons/quote_words.json``, each class with what it decides), the lists it shares with
other parts of presslens (unnamed sources, speakers' roles, titles, role synonyms, first
names) and the pronouns it resolves.

>>> "spokesperson" in SPOKESPERSONS, ROLE_ABBREVIATIONS["sen"]
(True, 'senator')
"""

from __future__ import annotations

from functools import cache
from typing import Any

from presslens.lexicons import lexicon_json, lexicon_lines


def _words(name: str) -> Any:
    return lexicon_json("quote_words.json")[name]["words"]


def _word_class(name: str) -> frozenset[str]:
    return frozenset(_words(name))


# What each class is for is written beside it in lexicons/quote_words.json.
STATEMENT_NOUNS = _word_class("statement_nouns")
OCCASION_NOUNS = _word_class("occasion_nouns")
STATE_NOUNS = _word_class("state_nouns")
TEXT_PARTS = _word_class("text_parts")
MINISTRY_PORTFOLIOS = _word_class("ministry_portfolios")
FAMILY_NOUNS = _word_class("family_nouns")
SPOKESPEOPLE = _word_class("spokespeople")
SPOKESPERSONS = _word_class("spokespersons")
PRESS_ROLES = _word_class("press_roles")
GOVERNMENT_NOUNS = _word_class("government_nouns")
NAMING_VERBS = _word_class("naming_verbs")
FINDING_NOUNS = _word_class("finding_nouns")
NORM_NOUNS = _word_class("norm_nouns")
ISSUING_VERBS = _word_class("issuing_verbs")
CLAUSE_VERBS = _word_class("clause_verbs")
SAYING_PREPOSITIONS = _word_class("saying_prepositions")
DAY_WORDS = _word_class("day_words")
PERSON_SOURCES = _word_class("person_sources")
PRIVATE_PERSONS = _word_class("private_persons")
UNNAMED = _word_class("unnamed")
PAIR_NOUNS = _word_class("pair_nouns")
BODY_NOUNS = _word_class("body_nouns")
ADDRESSEES = _word_class("addressees")
ABBREVIATIONS = _word_class("abbreviations")
ROLE_ABBREVIATIONS: dict[str, str] = dict(_words("role_abbreviations"))
TITLE_GENDER: dict[str, str] = dict(_words("title_genders"))

# Unnamed sources ("officials", "sources"), the nouns of speakers' roles and honorifics.
ANONYMOUS_HEADS = frozenset(lexicon_lines("anonymous_sources.txt"))
ROLE_NOUNS = frozenset(lexicon_lines("speaker_roles.txt"))
TITLES = frozenset(lexicon_lines("titles.txt"))

PRONOUNS_SINGULAR = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them", "their"}
PRONOUNS_FIRST = {"i", "we"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


@cache
def role_synonyms() -> dict[str, frozenset[str]]:
    """Role noun -> the nouns naming the same office (``lexicons/role_synonyms.txt``)."""
    table: dict[str, set[str]] = {}
    for line in lexicon_lines("role_synonyms.txt"):
        group = set(line.split())
        for word in group:
            table.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in table.items()}


@cache
def body_heads() -> frozenset[str]:
    """Head words of bodies named through a place ("the embassy", "police"): the entity
    repair's list, so the two agree on what a named body is."""
    return frozenset(lexicon_json("entity_repair.json").get("body_head_words", ()))


@cache
def first_name_genders() -> dict[str, str]:
    """First name -> "m" or "f" (``lexicons/first_names.tsv``; names given to both are
    left out)."""
    pairs = (line.split("\t") for line in lexicon_lines("first_names.tsv"))
    return {name: gender for name, gender in pairs if gender in ("m", "f")}
