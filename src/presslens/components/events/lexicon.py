"""What the event coder knows of words: the PLOVER trigger table
(``lexicons/plover_triggers.tsv``), the word classes its decisions read (verbs of intent,
nouns for people, words that make a "strike" a walk-out …) and the entity labels it treats
as parties, dates and places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from presslens.lexicons import lexicon_lines

# Verbs above a trigger that make it wanted, planned or demanded rather than done.
INTENT_VERBS = {"vow", "threaten", "warn", "plan", "want", "demand", "urge", "call", "ask",
                "seek", "intend", "pledge", "promise", "swear", "try", "aim", "prepare",
                "propose", "decide", "hope", "expect", "push", "press", "request", "order",
                "need", "agree", "offer", "refuse", "reject", "deny", "fail", "cancel",
                "willing", "ready", "prepared", "eager", "able", "set", "due", "postpone"}


# Words of willingness: what follows them is an intent to cooperate (PLOVER AGREE).
WILLINGNESS = {"willing", "ready", "prepared", "eager", "agree", "offer", "promise", "pledge",
               "vow", "plan", "intend", "commit"}


# What makes a "strike" a walk-out rather than an attack.
LABOUR_WORDS = {"worker", "employee", "union", "wage", "pay", "salary", "teacher", "staff",
                "hunger", "general", "labour", "labor", "nurse", "doctor", "driver", "miner",
                "sit-in", "walkout", "picket", "contract"}


# Verbs of planning: force planned is force threatened.
PLANNING_VERBS = {"plan", "intend", "prepare", "decide", "set", "go", "aim"}


# Of those, the ones that turn a hypothetical use of force into a threat.
THREAT_VERBS = {"vow", "threaten", "warn", "swear", "pledge", "promise"}


CONDITION_MARKS = {"if", "unless", "should"}


# What is granted when a right is conceded ("granted the agency permission to …").
PERMISSIONS = {"permission", "access", "approval", "right", "amnesty", "pardon", "leave",
               "clearance", "consent"}


TIME_PREPOSITIONS = {"after", "before", "since", "following", "during", "amid", "until",
                     "despite", "prior"}


# Common nouns for those who act or are acted on, when no name is given.
PEOPLE_NOUNS = {"government", "authority", "force", "troop", "police", "army", "military",
                "rebel", "militant", "protester", "demonstrator", "worker", "people", "leader",
                "official", "president", "minister", "court", "regime", "parliament",
                "opposition", "refugee", "civilian", "soldier", "fighter", "group", "party",
                "state", "country", "nation", "administration", "side", "delegation", "union",
                "militia", "insurgent", "citizen", "resident", "activist", "journalist",
                "prisoner", "student", "employee", "ally", "neighbour", "neighbor", "cabinet",
                "ministry", "agency", "council", "committee", "commander", "envoy", "embassy",
                "company", "organization", "organisation", "movement", "coalition", "camp",
                "member", "lawmaker", "senator", "governor", "mayor", "prime", "king", "prince",
                "premier", "chief", "spokesman", "man", "woman", "child", "family",
                "community", "population", "public", "crowd", "mob", "unit", "brigade",
                "gunman", "assailant", "attacker", "bomber", "terrorist", "extremist",
                "faction", "cell", "jet", "warplane", "aircraft", "navy", "diplomat",
                "ambassador", "spokesperson", "spokeswoman", "inspector",
                "legislator", "mp", "resistance", "jihadist", "squad", "battalion"}


PEOPLE_FROZEN = frozenset(PEOPLE_NOUNS)


# Verbs of giving, sending, taking, holding and ending, whose type depends on what and why.
GENERAL_VERBS = {"give", "send", "grant", "provide", "receive", "call", "hold", "end", "leave",
                 "return", "release", "accept", "offer", "support", "back", "cut", "fire",
                 "strike", "block", "charge", "order", "press", "seize", "ban", "suspend",
                 "allow", "open", "close", "halt", "lift", "free", "host", "agree", "deal",
                 "agreement", "commit", "sign", "deliver", "supply"}


# Main verbs that tell of no political event by themselves.
NOT_EVENTS = {"say", "tell", "be", "have", "report", "add", "note", "write", "explain",
              "state", "describe", "quote", "cite", "believe", "think", "know", "see", "seem",
              "appear", "become", "remain", "include", "make", "take", "get", "go", "come",
              "show", "find", "read", "hear", "ask", "told", "claim", "insist", "argue"}


RETREAT_WORDS = {"withdraw", "withdrawal", "retreat", "pull", "pullout", "evacuate", "leave",
                 "disarm", "demobilize", "demobilise"}


PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "around", "off"}


VICINITY_PREPOSITIONS = PLACE_PREPOSITIONS - {"in", "inside"}


# Things that a parse may give as the subject of an act: "The agreement gives …", "This
# road helps Iran" (weapons and attacks may be: PLOVER codes "a car bomb killed" so).
THING_NOUNS = {"agreement", "deal", "accord", "treaty", "move", "decision", "road", "plan",
               "law", "bill", "report", "statement", "measure", "policy", "step",
               "resolution", "document", "letter", "program", "programme", "project", "route",
               "corridor", "money", "fund", "budget", "tactic", "development", "situation",
               "crisis", "rule", "system", "technology", "mechanism", "framework", "text"}


# Nouns that an event word only qualifies: a "war monitor" or an "aid worker" is no event.
NOT_EVENT_HEADS = {"monitor", "observer", "correspondent", "reporter", "crime", "criminal",
                   "zone", "room", "ship", "vessel", "plane", "helicopter", "game", "veteran",
                   "victim", "widow", "orphan", "toll", "site", "scene", "memorial",
                   "anniversary", "footage", "video", "story", "coverage", "museum", "hero",
                   "cabinet", "chest", "rhetoric", "budget", "worker", "agency", "group",
                   "organization", "organisation", "leader", "movement", "song", "poster",
                   "slogan", "chant", "novel", "film", "dog", "cry", "path", "correspondence"}


# Verbs whose object event someone else carried out: "condemned the attacks", "thwarted a
# plot", "reported the strike" tell nothing of who attacked.
NOT_PERFORMING_VERBS = {"condemn", "denounce", "deplore", "decry", "slam", "welcome", "praise",
                        "hail", "report", "confirm", "deny", "investigate", "mourn", "justify",
                        "defend", "blame", "recall", "remember", "mark", "commemorate",
                        "protest", "oppose", "witness", "survive", "fear", "prevent", "stop",
                        "halt", "thwart", "foil", "repel", "repulse", "describe", "call",
                        "claim", "expect", "predict", "warn", "criticize", "criticise",
                        "reject", "support", "back", "endorse", "applaud"}


# Attack nouns whose "of" names who attacks ("strikes of the resistance"), unlike "the
# killing of Soleimani".
AGENTIVE_OF_NOUNS = {"strike", "attack", "operation", "raid", "offensive", "assault",
                     "retaliation", "aggression", "incursion", "fire", "missile", "rocket"}


# What a "strike" is said to be when it is an attack, whatever else the sentence holds.
ATTACK_STRIKE_WORDS = {"air", "drone", "missile", "rocket", "retaliatory", "self-defense",
                       "self-defence", "defense", "defence", "military", "preemptive",
                       "pre-emptive", "precision", "surgical", "deadly", "artillery", "naval"}


# A verb's result state: "left a dozen dead" is no withdrawal.
RESULT_STATES = {"dead", "wounded", "injured", "homeless", "destitute", "stranded", "hungry"}


LEADING_WORDS = {"lead", "back", "sponsor", "support", "sponsored", "backed", "led"}


NEGATING_DETERMINERS = {"no", "none", "neither"}


REQUESTABLE = {"help", "assistance", "aid", "support", "asylum", "extradition", "release",
               "ceasefire", "truce", "talks", "meeting", "clarification", "explanation",
               "compensation", "permission", "approval", "protection", "refuge", "mediation",
               "guarantee", "apology", "withdrawal", "return", "intervention", "access"}


# Amending what a governor's type means by what it governs (PLOVER's reading).
STOPPING_VERBS = {"prohibit", "deny", "halt", "stop", "suspend", "cut", "end", "freeze",
                  "withhold", "block", "reduce"}


CARRYING_VERBS = {"approve", "offer", "express", "voice", "issue", "lodge", "register"}


PURPOSE_GOVERNORS = {"send", "dispatch", "deploy", "call", "visit"}


VERBAL_ATTACK = {"scathing", "verbal", "blistering", "stinging", "withering", "scathe"}


SPEECH_VERBS = {"say", "declare", "conclude", "announce", "insist", "stress", "state",
                "add", "reiterate", "write", "tell", "argue", "maintain"}


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
def _trigger_first_words() -> frozenset[str]:
    return frozenset(first for first, _pos in trigger_lexicon())
