"""Political events: who did what to whom, when and where, coded in PLOVER.

``presslens_events`` runs after the entity, time and quote components and writes
``doc._.events``: one contract record per event with its PLOVER ``type`` and ``mode``, the
``trigger`` word(s), actor and target (as local entity clusters, turned into corpus ids by
the analysis, and as written), ``location``, ``date`` (a TIMEX3 value from the sentence),
``negated``, ``hypothetical`` and ``reported_by`` (the quote that carries the event).

Triggers are verbs and event nouns of ``lexicons/plover_triggers.tsv`` matched on the
dependency parse: a verb's subject acts on its object (or on the object of "against", "on",
"with" …; a passive turns them round, and with no "by" the country it happened in acts;
"is willing to", "a report accusing" pass the subject down; a dateline is never the actor);
an event noun takes its actor from a possessor, a modifier ("the US assassination", "a
Saudi-led strike") or "by", its target from "of", "on" or "against", and a noun that
qualifies another ("a mediation effort") takes that noun's roles. What someone says another
"must" do is that someone's REQUEST of the other.
Modality comes from the parse too: negation, modal verbs, conditions ("if", "in case"),
and verbs of intent or demand above the trigger make it hypothetical; an attack that someone
vows or threatens ("vowed to take up arms if …") is a THREATEN event by that someone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.attrs import DEP, LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_memo, doc_text, forget_memo, register_extensions
from presslens.components.events.role_ranker import (
    RoleRanker,
    actor_candidates,
    candidate_features,
    load_role_model,
)
from presslens.components.events.type_classifier import event_features, load_classifier
from presslens.event_confidence import confidence_features, load_confidence_model
from presslens.learning import LinearClassifier
from presslens.lexicons import lexicon_lines
from presslens.memo import trim_memo

register_extensions()

# Prepositions whose object is the one acted on: "protested against X", "called on X".
TARGET_PREPOSITIONS = {"against", "on", "upon", "with", "to", "at", "toward", "towards",
                       "into", "from", "over", "of", "for"}
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
# Cooperative acts: said of the future or willed, they are AGREE; refused, REJECT.
COOPERATIVE_TYPES = {"CONSULT", "AID", "COOPERATE", "CONCEDE", "RETREAT", "SUPPORT", "AGREE"}
# Triggers whose object event is what they act on: "suspended aid", "refused to meet".
GOVERNING_TYPES = {"REJECT", "REQUEST", "ACCUSE", "SANCTION", "AGREE", "THREATEN", "SUPPORT"}
# Verbs of planning: force planned is force threatened.
PLANNING_VERBS = {"plan", "intend", "prepare", "decide", "set", "go", "aim"}
# Of those, the ones that turn a hypothetical use of force into a threat.
THREAT_VERBS = {"vow", "threaten", "warn", "swear", "pledge", "promise"}
FORCE_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"}
MODES_OF_THREAT = {"ASSAULT": "violence", "COERCE": "coerce", "MOBILIZE": "violence",
                   "SANCTION": "sanction"}
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE", "REJECT", "ASSAULT"}
# Verbs whose object noun is an event they carry out: "carried out an attack".
LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "order", "authorize",
               "authorise", "make", "hold", "lead", "perpetrate", "commit", "begin", "start",
               "announce", "impose", "sign", "reach", "strike", "wage", "declare"}
CONDITION_MARKS = {"if", "unless", "should"}
# How far around a trigger its clause is searched for parties and places.
CLAUSE_WINDOW = 40
# What is granted when a right is conceded ("granted the agency permission to …").
PERMISSIONS = {"permission", "access", "approval", "right", "amnesty", "pardon", "leave",
               "clearance", "consent"}
TIME_PREPOSITIONS = {"after", "before", "since", "following", "during", "amid", "until",
                     "despite", "prior"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
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
DATE_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
# How sure the classifier must be to overrule the lexicon where the trigger word is general
# (it never overrules a word that says clearly what happened), and to code a verb the
# lexicon lacks.
CLASSIFIER_CONFIDENCE = 0.5
UNLISTED_CONFIDENCE = 0.6
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
PLACE_LABELS = {"GPE", "LOC", "FAC"}
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
# Verbs whose object is asked to do what their complement says ("advised the forces to
# leave"): the asking is a REQUEST of that object.
DEMAND_VERBS = {"urge", "ask", "advise", "tell", "call", "press", "demand", "implore",
                "encourage", "instruct", "request", "appeal", "exhort", "invite", "want"}


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


# Whether a lemma (by spaCy's id) opens a trigger phrase; bounded, as the vocabulary grows.
_OPENS_TRIGGER: dict[int, bool] = {}


def _possible_trigger_positions(doc: Doc) -> list[int]:
    """The tokens where ``_event_at`` can find an event: a lemma that opens a trigger
    phrase, or the word after one ("drone strike" is coded at "strike"). Read from one
    array of lemma ids, so that the other nine tokens in ten are never looked at."""
    if not len(doc):
        return []
    trim_memo(_OPENS_TRIGGER)
    first_words = _trigger_first_words()
    strings = doc.vocab.strings
    opens = []
    for key in doc.to_array(LEMMA).tolist():
        known = _OPENS_TRIGGER.get(key)
        if known is None:
            known = _OPENS_TRIGGER[key] = strings[key].lower() in first_words
        opens.append(known)
    return [i for i, flag in enumerate(opens) if flag or (i > 0 and opens[i - 1])]


def _match_phrase(token: Token, entry: TriggerEntry) -> Token | None:
    """The last token of ``entry``'s phrase starting at ``token``, or None. The later words
    must follow within a few tokens (articles and adjectives may come between: "engage in
    an open war", "take up arms")."""
    if len(entry.words) == 1:
        return token
    doc = token.doc
    position = token.i
    for word in entry.words[1:]:
        for step in range(1, 4):
            index = position + step
            if index >= len(doc):
                return None
            candidate = doc[index]
            if candidate.lemma_.lower() == word or candidate.lower_ == word:
                position = index
                break
            if candidate.pos_ not in ("DET", "ADJ", "ADV", "ADP", "PART", "PRON", "NUM"):
                return _match_dependent(token, entry)
        else:
            return _match_dependent(token, entry)
    return doc[position]


def _match_dependent(token: Token, entry: TriggerEntry) -> Token | None:
    """A verb phrase of two words whose second word is said after the verb's object:
    "found him guilty", "held Israel responsible". The verb alone is then the trigger."""
    if len(entry.words) != 2 or entry.pos != "VERB":
        return None
    word = entry.words[1]
    for child in token.children:
        if child.dep_ in ("acomp", "oprd", "ccomp", "xcomp", "advmod", "prt") and \
                child.lemma_.lower() == word:
            return token
        if child.dep_ == "dobj" and any(g.dep_ == "amod" and g.i > child.i and
                                        g.lemma_.lower() == word for g in child.children):
            return token  # the parser hangs "responsible" on the object
    return None


def _compound_trigger(token: Token) -> TriggerEntry | None:
    """A noun trigger written with its modifier: "drone strike", "air strike". Only the word
    right before is looked at (a degenerate parse can hang thousands of words on one)."""
    if token.i == 0:
        return None
    previous = token.doc[token.i - 1]
    if previous.dep_ != "compound" or previous.head.i != token.i:
        return None
    for entry in trigger_lexicon().get((previous.lemma_.lower(), "NOUN"), []):
        if entry.words == (previous.lemma_.lower(), token.lemma_.lower()):
            return entry
    return None


@dataclass(slots=True)
class FoundEvent:
    trigger_start: Token
    trigger_end: Token
    type: str
    mode: str | None
    actors: list[Token]
    targets: list[Token]
    negated: bool
    hypothetical: bool
    governor: Token | None = None
    # The event this one is the object or complement of ("refused to [meet]").
    embedded_in: FoundEvent | None = None
    # Whether a phrase of several words matched ("impose sanctions"): its type is clear.
    phrase: bool = False
    # The type of the act a REQUEST demands ("urged them to leave": RETREAT).
    demanded_type: str | None = None
    # Whether a condition ("if", "in case") or a plan rather than a modal makes it unreal.
    conditional: bool = False
    # The trained type classifier's probability for the type given (None where not asked).
    type_probability: float | None = None

    @property
    def head(self) -> Token:
        """The word the event hangs on: the noun of "drone strike", the verb of "call on"."""
        return self.trigger_end if self.trigger_end.pos_ in ("NOUN", "PROPN") else \
            self.trigger_start


def _subject(verb: Token) -> list[Token]:
    """The subject of ``verb``, inherited through "and" and through control ("vowed to
    attack": the one who vowed attacks; "is willing to withdraw": the one who is willing).
    A dateline the parser took for a subject ("BERLIN -- A court …") is passed over."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")
                    and not _dateline(c) and c.ent_type_ not in DATE_LABELS]
        if subjects:
            return _with_conjuncts(subjects[0])
        passive = [c for c in node.children if c.dep_ == "agent"]
        if passive:
            objects = [g for g in passive[0].children if g.dep_ == "pobj"]
            if objects:
                return _with_conjuncts(objects[0])
        if node.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and node.head is not node:
            node = node.head
            continue
        break
    return []


def _party(token: Token) -> bool:
    """Whether a role's head can be a party: someone who acts (a name, a pronoun, a common
    noun for people or bodies, a noun a name qualifies: "Daesh sleeper cells"), not a date
    nor a thing ("The agreement", "The bombing", "This road")."""
    if token.ent_type_ in DATE_LABELS:
        return False
    if token.pos_ != "NOUN" or _actor_like(token) or any(
            c.ent_type_ in ACTOR_LABELS and c.dep_ in ("compound", "poss", "amod", "nmod")
            for c in token.children):
        return True
    return token.lemma_.lower() not in THING_NOUNS


def _actor_like(token: Token) -> bool:
    """Whether a phrase's head names someone who can act or be acted on."""
    if token.ent_type_ in DATE_LABELS:
        return False
    return (token.ent_type_ in ACTOR_LABELS or token.lemma_.lower() in PEOPLE_NOUNS
            or token.tag_ == "PRP")


_PREPOSITIONAL_OBJECTS_KEY = "presslens_events_prepositional_objects"


def _objects_of(token: Token, preposition: str) -> list[Token]:
    """The objects of ``token``'s prepositions that are ``preposition``. A trigger is asked
    about each preposition in turn, so its objects are listed by preposition once per
    document."""
    table: dict[int, dict[str, list[Token]]] = doc_memo(token.doc, "events").setdefault(
        _PREPOSITIONAL_OBJECTS_KEY, {})
    by_preposition = table.get(token.i)
    if by_preposition is None:
        by_preposition = table[token.i] = {}
        for child in token.children:
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    by_preposition.setdefault(child.lower_, []).extend(objects)
    return by_preposition.get(preposition, [])


def _best_target(direct: list[Token], head: Token, preferred: tuple[str, ...] = (),
                 *, search_clause: bool = True) -> list[Token]:
    """The one acted on: a direct object that names an actor, else an actor after a
    preposition of the trigger ("sent aid to Afghanistan", "lifted the embargo on Cuba"),
    else one inside the object's own phrase ("support for Hungarian NGOs"), else the
    object itself."""
    direct = [t for t in direct if t.ent_type_ not in DATE_LABELS]
    for preposition in preferred:
        for token in _objects_of(head, preposition):
            if _actor_like(token):
                return _with_conjuncts(token)  # "discussed Iran's programme with Salman"
    for token in direct:
        if _actor_like(token) or any(
                t.ent_type_ in ACTOR_LABELS and t.dep_ in ("compound", "poss", "amod")
                for t in token.children):
            return _with_conjuncts(token)  # "Iran", "U.S. calls", "Iran's proposal"
    order = [*preferred, *(p for p in ("to", "for", "on", "against", "with", "from", "at",
                                       "into", "over", "toward", "towards", "upon", "of")
                           if p not in preferred)]
    for preposition in order:
        for token in _objects_of(head, preposition):
            if _actor_like(token):
                return _with_conjuncts(token)
    for token in direct:
        for preposition in (*order, "by"):
            for inner in _objects_of(token, preposition):
                if _actor_like(inner):
                    return _with_conjuncts(inner)
    named = [t for t in _clause(head) if t.i > head.i and t.ent_type_ in ACTOR_LABELS
             and t.dep_ not in ("compound", "amod", "poss") and t.head.ent_type_ != t.ent_type_
             and not _place_object(t)] if search_clause else []
    if named:
        return _with_conjuncts(named[0])
    if direct:
        return _with_conjuncts(direct[0])
    for preposition in order:
        found = [t for t in _objects_of(head, preposition) if t.ent_type_ not in DATE_LABELS]
        if found:
            return _with_conjuncts(found[0])
    return []


def _with_conjuncts(token: Token) -> list[Token]:
    tokens = [token]
    for child in token.children:
        if child.dep_ == "conj":
            tokens.extend(_with_conjuncts(child))
    return tokens


def _place_of(verb: Token) -> list[Token]:
    """A country or city the verb happens in ("was arrested in Niger")."""
    return [t for t in _objects_of(verb, "in") if t.ent_type_ == "GPE"][:1]


def _actors_of_event_noun(verb: Token) -> list[Token]:
    for noun in _objects_of(verb, "in"):
        lemma = noun.lemma_.lower()
        if (lemma, "NOUN") in trigger_lexicon() or lemma in AGENTIVE_OF_NOUNS:
            actors = [t for t in _noun_actors(noun) if not _dateline(t)]
            if actors:
                return actors
    return []


def _verb_roles(verb: Token, last: Token | None = None, words: tuple[str, ...] = ()
                ) -> tuple[list[Token], list[Token]]:
    """The actor and target of a verb trigger; ``last`` ends the trigger's phrase and
    ``words`` are its words, which are not what it acts on ("imposed [a curfew]",
    "withdraw [its troops]")."""
    last = last or verb
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        # No agent named: who carried out the event noun it happened in ("were targeted in a
        # drone strike authorized by Trump"), else the state where it was done ("was
        # arrested in Niger").
        actors = _with_conjuncts(agents[0]) if agents else (
            _actors_of_event_noun(verb) or _place_of(verb))
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return actors, (_with_conjuncts(patients[0]) if patients else [])
    actors = _subject(verb)
    if not actors and verb.dep_ in ("advcl", "acl", "relcl", "pcomp") and verb.head is not verb:
        # "…, criticizing President Meta": the one who does the main clause.
        head = verb.head if verb.dep_ != "pcomp" else verb.head.head
        actors = _subject(head) if head.pos_ in ("VERB", "AUX") else []
        if verb.dep_ in ("acl", "relcl") and not actors and _actor_like(verb.head):
            actors = [verb.head]  # "forces fighting in Syria"
        if verb.dep_ == "acl" and not actors and head.dep_ == "dobj" and \
                head.head.pos_ in ("VERB", "AUX"):
            # "put out a report accusing the army": the one who put out the report.
            actors = _subject(head.head)
    direct = [c for c in verb.children if c.dep_ in ("dative", "dobj")
              and not verb.i <= c.i <= last.i and c.lemma_.lower() not in words[1:]]
    # "found [the minister] guilty": the subject of the phrase's own second word.
    direct += [g for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp")
               and c.lemma_.lower() in words[1:] for g in c.children if g.dep_ == "nsubj"]
    particles = [g for c in verb.children if c.dep_ == "prt" for g in c.children
                 if g.dep_ == "pobj"]
    lemma = verb.lemma_.lower()
    preferred = ("from",) if lemma in ("withdraw", "retreat", "pull", "evacuate") else \
        ("with",) if lemma in ("discuss", "talk", "negotiate", "confer", "consult", "speak",
                               "meet", "agree", "cooperate", "sign") else ()
    return actors, _best_target(direct + particles, verb, preferred)


LEADING_WORDS = {"lead", "back", "sponsor", "support", "sponsored", "backed", "led"}


def _noun_actors(noun: Token) -> list[Token]:
    """Who acts in an event noun: its possessor ("Iran's support"), a name before it ("the
    US assassination", "a Saudi-led strike"), an agent ("authorized by Trump", "by Y")."""
    actors: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod")
                                    and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")):
            actors.append(child)
        elif child.dep_ == "amod" and child.lemma_.lower() in LEADING_WORDS:
            # "a Saudi-led strike", "US-backed forces"
            actors.extend(g for g in child.children if g.dep_ in ("npadvmod", "compound",
                                                                  "amod", "nmod")
                          and (g.ent_type_ in ACTOR_LABELS or g.pos_ == "PROPN"))
        elif child.dep_ == "acl":
            # "a drone strike authorized by Donald Trump"
            actors.extend(t for agent in child.children if agent.dep_ == "agent"
                          for g in agent.children if g.dep_ == "pobj"
                          for t in _with_conjuncts(g))
    actors.extend(t for by in _objects_of(noun, "by") for t in _with_conjuncts(by))
    return actors


def _noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    actors = _noun_actors(noun)
    if not actors and noun.lemma_.lower() in AGENTIVE_OF_NOUNS:
        # "strikes of the resistance": the resistance strikes.
        actors = [t for t in _objects_of(noun, "of") if _actor_like(t)][:1]
        actors = _with_conjuncts(actors[0]) if actors else []
    preferred = ("on", "against", "to", "with", "at", "upon") if actors and \
        noun.lemma_.lower() in AGENTIVE_OF_NOUNS else \
        ("on", "against", "of", "to", "with", "at", "upon")
    targets = _best_target([], noun, preferred, search_clause=False)
    if actors and targets and {t.i for t in targets} & {t.i for t in actors}:
        targets = []
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        # "the Chinese government's assistance package", "a mediation effort between X
        # and Y", "peacekeeping troops": the noun it qualifies carries the roles.
        host = noun.head
        actors = actors or _noun_actors(host) or ([host] if _actor_like(host) else [])
        targets = targets or _best_target(
            [], host, ("on", "against", "between", "to", "with", "at", "upon", "of"),
            search_clause=False)
        noun = host
    if not actors and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") \
            and _performs_its_object(noun.head):
        # "X launched an investigation into Y", "X issued an ultimatum to Y".
        actors = _subject(noun.head)
        if not targets:
            targets = _best_target([], noun.head, search_clause=False)
    elif not actors and noun.dep_ == "pobj" and noun.head.lower_ in ("on", "in", "into") and \
            noun.head.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("nsubjpass", "auxpass") for c in noun.head.head.children):
        actors = _subject(noun.head.head)  # "went on strike", "in a meeting with"
    return actors, targets


def _performs_its_object(verb: Token) -> bool:
    """Whether the subject of ``verb`` carries out the event its object names: who
    "launched an attack" attacked; who "condemned the attack" or "called for sanctions"
    did not."""
    return verb.lemma_.lower() not in NOT_PERFORMING_VERBS


def _clause(head: Token, window: int = CLAUSE_WINDOW) -> list[Token]:
    """The words ``head`` governs within ``window`` words of it, in order: a clause, bounded
    so that a degenerate parse (thousands of words under one) costs no more than a real one."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    first = max(left, head.i - window)
    last = min(right, head.i + window)
    if first == left and last == right:
        # The whole subtree lies in the window: walk it rather than test every word.
        return sorted(head.subtree, key=lambda t: t.i)
    return [doc[i] for i in range(first, last + 1) if i == head.i or head.is_ancestor(doc[i])]


def _party_in_clause(head: Token, actors: list[Token]) -> list[Token]:
    """A named party acted on somewhere in the trigger's clause, when the trigger's object
    is a thing ("lifted a ban on girls entering the temple", "signed a pact with the
    Taliban"): the first name after the trigger that is not the actor."""
    acting = {t.i for actor in actors for t in _clause(actor)}
    for token in _clause(head):
        if token.i <= head.i or token.i in acting or token.ent_type_ not in ACTOR_LABELS:
            continue
        if token.dep_ in ("compound", "amod") and token.head.ent_type_ == token.ent_type_:
            continue
        if _place_object(token):
            continue
        return _with_conjuncts(token)
    return []


def _place_object(token: Token) -> bool:
    """"a depot near Karvan", "at the airport": a place beside which something happened is
    not the party it happened to ("in Gaza" may be: PLOVER codes the country an act is done
    in as its target when no one else is named)."""
    node = token
    while node.dep_ in ("compound", "conj", "appos") and node.head is not node:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in VICINITY_PREPOSITIONS


def _refers_back(noun: Token) -> bool:
    """"Two days after the attack", "justified the strike": an event named again with "the"
    or "this" and no actor or target of its own is a reference to one already told, not a
    new event."""
    own = [c for c in noun.children if c.dep_ in ("poss", "prep", "compound", "amod", "acl",
                                                  "nummod")
           and (c.dep_ != "amod" or c.ent_type_)]
    if own:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in TIME_PREPOSITIONS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
               for c in noun.children) and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


DATELINE_DASHES = {"-", "--", "—", "–", ":"}


def _dateline_end(sentence: Span) -> int:
    """The index of the dash that closes a sentence's dateline ("KABUL (Pajhwok) -",
    "BERLIN --", "Tehran, March 15, IRNA -"), or -1 where the sentence has none. A dateline
    is a few capitalised names, a date or an agency in brackets before a dash."""
    first = sentence[0] if len(sentence) else None
    if first is None or first.pos_ != "PROPN" or not first.text[:1].isupper():
        return -1
    marked = first.is_upper and len(first.text) > 2
    for token in sentence[1:9]:
        if token.text in DATELINE_DASHES:
            return token.i if marked else -1
        if token.text == "(" or token.ent_type_ == "DATE":
            marked = True
        elif not (token.pos_ in ("PROPN", "PUNCT", "NUM") or token.is_upper):
            return -1
    return -1


def _dateline(token: Token) -> bool:
    """"KABUL (Pajhwok) -", "BERLIN -": whether a word lies in a dateline (the parser
    often takes the place for a subject)."""
    return token.i <= _dateline_end(token.sent)


def _named_antecedent(token: Token) -> Token:
    """A pronoun subject of a clause reported by someone named: "Obama said he would lift
    the embargo": he is Obama; "Erdogan expressed his support": his is Erdogan's."""
    if token.tag_ == "PRP$" and token.lower_ in ("his", "her", "its", "their", "our"):
        node = token.head
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ == "nsubj" and c.tag_ != "PRP"]
            if subjects:
                return subjects[0]
            if node.head is node:
                break
            node = node.head
        return token
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head  # "the bloc, which led the campaign": the bloc
    if token.tag_ != "PRP" or token.lower_ not in ("he", "she", "it", "they", "we", "i"):
        return token
    node = token.head
    for _ in range(4):
        if node.dep_ in ("ccomp", "xcomp", "advcl", "conj") and node.head is not node:
            node = node.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.tag_ != "PRP"]
            if subjects:
                return subjects[0]
        else:
            break
    return token


NEGATING_DETERMINERS = {"no", "none", "neither"}


def _negated(token: Token) -> bool:
    """Whether the text says the event did not happen: "did not attack", "will never
    become a threat" (the noun's verb is negated), "No homes were struck" (nothing was)."""
    node = token
    for _ in range(3):
        children = list(node.children)
        if any(c.dep_ == "neg" for c in children):
            return True
        if node.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubjpass", "nsubj") and (c.lower_ in NEGATING_DETERMINERS or any(
                    g.dep_ == "det" and g.lower_ in NEGATING_DETERMINERS for g in c.children))
                for c in children):
            return True
        if node.head is not node and (
                node.dep_ == "xcomp" or (node.pos_ == "NOUN" and node.dep_ in ("attr", "dobj"))):
            node = node.head
            continue
        break
    return False


def _ambiguous(event: FoundEvent) -> bool:
    """Whether the trigger's word alone leaves the type open: general verbs of giving,
    sending, taking and ending, or a word the lexicon lists under several types."""
    if event.phrase:
        return False
    lemma = event.head.lemma_.lower()
    if lemma in GENERAL_VERBS:
        return True
    types = {e.type for pos in ("VERB", "NOUN") for e in trigger_lexicon().get((lemma, pos), [])}
    return len(types) > 1


def _states_condition(token: Token) -> bool:
    """Whether a clause is a condition: "if …", "unless …", "in case …"."""
    return any((c.dep_ == "mark" and c.lower_ in CONDITION_MARKS) or (
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "case" for g in c.children))
        for c in token.children)


def _modality(token: Token) -> tuple[bool, Token | None, bool]:
    """Whether the event at ``token`` is hypothetical, the verb of intent above it, and
    whether a condition ("if", "in case", "unless") makes it so."""
    node = token
    modal_seen = False
    conditional = False
    for _ in range(4):
        children = list(node.children)
        if _states_condition(node) or any(c.dep_ == "advcl" and _states_condition(c)
                                          for c in children):
            # "is willing to withdraw … if": the will is still there above the condition.
            conditional = modal_seen = True
        auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(c.tag_ == "MD" for c in auxiliaries) and not any(
                c.lemma_ == "have" for c in auxiliaries):
            modal_seen = True
        head = node.head
        if head is node:
            break
        if node.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "advcl", "acl", "relcl") and \
                head.lemma_ in INTENT_VERBS:
            return True, head, conditional
        if node.dep_ in ("pobj", "prep", "dobj", "compound", "amod", "conj"):
            node = head
            continue
        break
    return modal_seen, None, conditional


class EventCoder:
    """Codes the events of a parsed document into ``doc._.events``."""

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        records = [self.record(doc, event, index) for index, event in enumerate(found, 1)]
        model = load_confidence_model() if records else None
        per_sentence = Counter(r["sentence"]["start"] for r in records)
        for event, record in zip(found, records, strict=True):
            record["_confidence_facts"] = self.confidence_facts(
                doc, event, record, per_sentence[record["sentence"]["start"]])
        if model is not None:
            # One product for the article's events: numpy's cost is per call, not per row.
            scores = model.confidences([confidence_features(r["_confidence_facts"])
                                        for r in records])
            for record, confidence in zip(records, scores, strict=True):
                record["confidence"] = confidence
        doc._.events = records
        forget_memo(doc, "events")
        return doc

    def find(self, doc: Doc, *, classify: bool = True, use_roles: bool = True
             ) -> list[FoundEvent]:
        """The document's events; ``classify`` lets the trained classifier settle the type
        where it is confident the lexicon's reading is wrong, ``use_roles`` the trained
        ranker name an actor where the rules found none."""
        events = self._rule_events(doc)
        ranker = load_role_model() if use_roles else None
        if ranker is not None:
            for event in events:
                if not event.actors and event.head.pos_ in ("VERB", "AUX"):
                    event.actors = _ranked_actor(event, ranker)
        classifier = load_classifier() if classify else None
        if classifier is not None:
            events = [self._classified(event, classifier) for event in events]
            events += self._unlisted_events(doc, events, classifier)
            events.sort(key=lambda e: e.trigger_start.i)
        return events

    @staticmethod
    def _unlisted_events(doc: Doc, events: list[FoundEvent], classifier: LinearClassifier
                         ) -> list[FoundEvent]:
        """An event told with a verb the lexicon lacks: the main verb of a sentence with no
        listed trigger, when one actor acts on another and the classifier is sure."""
        covered = {e.trigger_start.sent.start for e in events}
        found = []
        for sentence in doc.sents:
            root = sentence.root
            if sentence.start in covered or root.pos_ != "VERB" or \
                    root.lemma_.lower() in NOT_EVENTS:
                continue
            actors, targets = _verb_roles(root)
            if not actors or not targets or not _actor_like(actors[0]) or \
                    not _actor_like(targets[0]):
                continue
            probabilities = classifier.probabilities(event_features(root, None))
            label, probability = max(probabilities.items(), key=lambda kv: kv[1])
            if probability < UNLISTED_CONFIDENCE:
                continue
            if label == "YIELD":
                label = "RETREAT" if root.lemma_.lower() in RETREAT_WORDS else "CONCEDE"
            hypothetical, governor, _ = _modality(root)
            found.append(FoundEvent(root, root, label, None, actors, targets,
                                    _negated(root), hypothetical, governor,
                                    type_probability=probability))
        return found

    @staticmethod
    def _classified(event: FoundEvent, classifier: LinearClassifier) -> FoundEvent:
        if event.type == "THREATEN" and event.hypothetical:
            return event  # a vow of force is a threat whatever the words
        probabilities = classifier.probabilities(
            event_features(event.head, event.type, event.governor))
        label, probability = max(probabilities.items(), key=lambda kv: kv[1])
        current = "YIELD" if event.type in ("CONCEDE", "RETREAT") else event.type
        event.type_probability = probabilities.get(current, 0.0)
        if label == current or probability < CLASSIFIER_CONFIDENCE or not _ambiguous(event):
            return event
        event.type_probability = probability
        if label == "YIELD":
            label = "RETREAT" if event.head.lemma_.lower() in RETREAT_WORDS else "CONCEDE"
        event.type, event.mode = label, None
        return event

    def _rule_events(self, doc: Doc) -> list[FoundEvent]:
        events: list[FoundEvent] = []
        used: set[int] = set()
        for i in _possible_trigger_positions(doc):
            if i in used:
                continue
            event = self._event_at(doc[i])
            if event is None:
                continue
            used.update(range(event.trigger_start.i, event.trigger_end.i + 1))
            events.append(event)
        self._link_governors(events)
        events = [self._reading(e) for e in self._threats(events)]
        return [e for e in events if not _restates_governor(e)]

    @staticmethod
    def _link_governors(events: list[FoundEvent]) -> None:
        """Mark events that are the object or complement of another event's trigger, and
        let a governor without a target take the embedded event's ("agreed to release the
        prisoners": the prisoners are what the agreement is about)."""
        by_token = {}
        for event in events:
            for i in range(event.trigger_start.i, event.trigger_end.i + 1):
                by_token[i] = event
        for event in events:
            head = event.trigger_end if event.trigger_end.pos_ == "NOUN" else \
                event.trigger_start
            node = head
            for _ in range(3):
                if node.head is node or node.dep_ not in (
                        "xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "nsubjpass",
                        "compound", "advcl"):
                    break
                node = node.head
                governor = by_token.get(node.i)
                if governor is not None and governor is not event:
                    event.embedded_in = governor
                    _retype_governor(governor, event)
                    event.hypothetical = event.hypothetical or governor.type in (
                        "REQUEST", "REJECT", "THREATEN", "AGREE")
                    if _aims_at_perpetrator(governor, event, head):
                        break
                    if governor.type == "REQUEST" and event.type != "REQUEST":
                        governor.demanded_type = governor.demanded_type or event.type
                        asked = [t for t in event.actors
                                 if t.i not in {a.i for a in governor.actors}
                                 and head.dep_ in ("ccomp", "xcomp")]
                        if asked and not any(c.dep_ in ("dobj", "dative") and _actor_like(c)
                                             for c in governor.trigger_start.children):
                            # "advised the forces to leave": the forces are asked.
                            governor.targets = asked
                            break
                    if event.targets and (not governor.targets or (
                            not _actor_like(governor.targets[0])
                            and _actor_like(event.targets[0]))):
                        governor.targets = event.targets
                    break

    @staticmethod
    def _reading(event: FoundEvent) -> FoundEvent:
        event = EventCoder._read_modality(event)
        if event.type == "REQUEST" and event.demanded_type is None:
            demanded = _demanded_act(event.trigger_start)
            event.demanded_type = demanded
        return event

    @staticmethod
    def _read_modality(event: FoundEvent) -> FoundEvent:
        """PLOVER's reading of modality: an intent to cooperate is AGREE, a refusal REJECT,
        what someone says another must do a REQUEST."""
        governor = event.governor
        embedded = event.embedded_in
        demand = _demanded(event)
        if demand is not None:
            return demand
        if event.type in COOPERATIVE_TYPES - {"AGREE"}:
            willed = governor is not None and governor.lemma_ in WILLINGNESS
            modal = event.hypothetical and governor is None and embedded is None and \
                _future_or_modal(event.trigger_start)
            if event.negated and (modal or willed or embedded is None):
                return _retyped(event, "REJECT")
            if (willed or modal) and (embedded is None or embedded.type == "AGREE"):
                return _retyped(event, "AGREE")
        if event.type == "AGREE" and event.negated:
            return _retyped(event, "REJECT")
        if event.type == "AGREE" and _agreed_on_text(event.trigger_start):
            # "agreed on the draft text of a deal", "agreed to the approach": an agreement
            # reached, which PLOVER codes as SUPPORT.
            return FoundEvent(event.trigger_start, event.trigger_end, "SUPPORT", None,
                              event.actors, event.targets, False, event.hypothetical,
                              event.governor, event.embedded_in, event.phrase)
        if event.type in FORCE_TYPES and not event.negated and event.actors and (
                (embedded is None and _future_or_modal(event.trigger_start)) or
                (governor is not None and governor.lemma_ in PLANNING_VERBS
                 and governor.pos_ in ("VERB", "AUX", "ADJ"))):
            # Force announced for the future ("will extend the curfew", "plans to impose
            # restrictions") is a threat until it happens.
            return FoundEvent(event.trigger_start, event.trigger_end, "THREATEN",
                              MODES_OF_THREAT[event.type], event.actors, event.targets,
                              False, True, event.governor, event.embedded_in, event.phrase)
        return event

    def _event_at(self, token: Token) -> FoundEvent | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "LAW",
                                                         "PERSON", "GPE", "NORP"):
            return None  # "Ceasefire Violations Committee", "Popular Mobilization Units"
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            pos = "VERB"
        elif token.pos_ in ("NOUN", "PROPN"):
            pos = "NOUN"
        else:
            return None
        entry, end = None, token
        if pos == "NOUN":
            entry = _compound_trigger(token)
            if entry is not None:
                return self._build(token.doc[token.i - 1], token, entry, pos)
            if token.i + 1 < len(token.doc) and _compound_trigger(token.doc[token.i + 1]):
                return None  # "war" of "war games": the pair is coded at its second word
        for candidate in trigger_lexicon().get((lemma, pos), []):
            last = _match_phrase(token, candidate)
            if last is not None:
                entry, end = candidate, last
                break
        if entry is None:
            return None
        if not _is_event_here(token, entry, pos):
            return None
        if lemma == "strike" and pos == "NOUN" and entry.type == "ASSAULT":
            entry = _kind_of_strike(token, entry)
        if lemma in ("grant", "give") and any(c.lemma_.lower() in PERMISSIONS
                                              for c in token.children):
            entry = TriggerEntry(entry.words, entry.pos, "CONCEDE", None)
        if pos == "NOUN" and any(c.dep_ == "compound" and c.i == token.i + 1
                                 for c in token.head.children if token.head is not token):
            return None  # "strike" in "strike force"
        if pos == "NOUN" and _refers_back(token):
            return None
        return self._build(token, end, entry, pos)

    def _build(self, start: Token, end: Token, entry: TriggerEntry, pos: str
               ) -> FoundEvent | None:
        head = end if pos == "NOUN" else start
        actors, targets = _verb_roles(start, end, entry.words) if pos == "VERB" else \
            _noun_roles(head)
        if len(entry.words) > 1 and pos == "VERB" and not targets:
            # "call on X to …", "pulled out of X": the object of the phrase's last word.
            objects = [g for g in end.children if g.dep_ in ("pobj", "dobj")]
            if objects:
                targets = _with_conjuncts(objects[0])
        if entry.type == "MOBILIZE" and any(t.lemma_.lower().startswith("peacekeep")
                                            for t in head.sent):
            entry = TriggerEntry(entry.words, entry.pos, "AID", "peacekeeping")
        if entry.type == "ASSAULT" and pos == "NOUN" and any(
                c.lower_ in _VERBAL_ATTACK for c in head.children):
            entry = TriggerEntry(entry.words, entry.pos, "ACCUSE", None)
        if not targets or not _actor_like(targets[0]):
            targets = _party_in_clause(head, actors) or targets
        if len(actors) > 1 and entry.type in SYMMETRIC_TYPES and not (
                targets and _actor_like(targets[0])):
            # "Pakistan and Afghanistan agreed to share information": each with the other.
            actors, targets = actors[:1], actors[1:]
        actors = [_named_antecedent(t) for t in actors if not _dateline(t)]
        things = [t for t in actors if not _party(t)]
        actors = [t for t in actors if _party(t)]
        targets = [t for t in targets if t.ent_type_ not in DATE_LABELS]
        if things and not actors and pos == "VERB" and entry.words[0] in GENERAL_VERBS:
            return None  # "The agreement gives Norvast wide powers": no one gave anything
        hypothetical, governor, conditional = _modality(head)
        if conditional and entry.type in FORCE_TYPES:
            # "would engage in an open war in case …": force held out under a condition.
            entry = TriggerEntry(entry.words, entry.pos, "THREATEN", MODES_OF_THREAT[entry.type])
        return FoundEvent(start, end, entry.type, entry.mode, actors, targets,
                          _negated(head), hypothetical, governor, None, len(entry.words) > 1,
                          conditional=conditional)

    @staticmethod
    def _threats(events: list[FoundEvent]) -> list[FoundEvent]:
        """A use of force that someone vows or threatens is that someone's THREATEN event,
        and the vow itself is not a second event."""
        result: list[FoundEvent] = []
        absorbed: set[int] = set()
        for event in events:
            governor = event.governor
            if governor is None and event.embedded_in is not None:
                governor = event.embedded_in.trigger_start
            threat = event.type in FORCE_TYPES or (event.type == "THREATEN" and
                                                   event.embedded_in is not None)
            if threat and governor is not None and governor.lemma_ in THREAT_VERBS:
                absorbed.add(governor.i)
                mode = MODES_OF_THREAT.get(event.type, event.mode)
                result.append(FoundEvent(
                    governor, governor, "THREATEN", mode,
                    _subject(governor) or event.actors, event.targets, event.negated, True))
            else:
                result.append(event)
        return [e for e in result
                if not (e.trigger_start.i in absorbed and e.type != "THREATEN")]

    @staticmethod
    def confidence_facts(doc: Doc, event: FoundEvent, record: dict[str, Any],
                         events_in_sentence: int) -> dict[str, Any]:
        """What the confidence model reads of an event (see ``event_confidence``)."""
        clusters = doc._.entity_clusters or []
        head = event.head
        actor_span, target_span = record["_actor_span"], record["_target_span"]

        def types(numbers: list[int]) -> list[str]:
            return [clusters[n].type for n in numbers if n < len(clusters)]

        return {
            "type": event.type,
            "modality": record["modality"],
            "phrase": event.phrase,
            "ambiguous": _ambiguous(event),
            "noun": head.pos_ in ("NOUN", "PROPN"),
            "unlisted": (head.lemma_.lower(), "VERB") not in trigger_lexicon() and
            (head.lemma_.lower(), "NOUN") not in trigger_lexicon() and not event.phrase,
            "type_probability": event.type_probability,
            "dep": head.dep_,
            "has_actor": bool(event.actors),
            "actor_types": types(record["_actors"]),
            "actor_pronoun": any(t.tag_ == "PRP" for t in event.actors[:1]),
            "actor_words": len(doc.char_span(actor_span[0], actor_span[1],
                                            alignment_mode="expand") or [])
            if actor_span else 0,
            "has_target": bool(event.targets),
            "target_types": types(record["_targets"]),
            "target_pronoun": any(t.tag_ == "PRP" for t in event.targets[:1]),
            "target_words": len(doc.char_span(target_span[0], target_span[1],
                                             alignment_mode="expand") or [])
            if target_span else 0,
            "reported": record["reported_by"] is not None,
            "sentence_words": len(doc.char_span(record["sentence"]["start"],
                                                record["sentence"]["end"],
                                                alignment_mode="expand") or []),
            "events_in_sentence": events_in_sentence,
        }

    def record(self, doc: Doc, event: FoundEvent, index: int) -> dict[str, Any]:
        """The contract record of an event (local cluster numbers still to be resolved)."""
        start = event.trigger_start.idx
        end = event.trigger_end.idx + len(event.trigger_end)
        sentence = event.trigger_start.sent
        actor_span = _phrase(event.actors)
        target_span = _phrase(event.targets)
        modality = event_modality(event)
        return {
            "id": f"e{index}",
            "type": event.type,
            "mode": event.mode,
            "actor": None,
            "actor_text": actor_span.text if actor_span is not None else None,
            "target": None,
            "target_text": target_span.text if target_span is not None else None,
            "location": None,
            "trigger": {"start": start, "end": end, "text": doc_text(doc)[start:end]},
            "date": _date_of(sentence, start),
            "negated": modality == "negated",
            "hypothetical": event.hypothetical or modality not in ("asserted", "negated"),
            "modality": modality,
            "demanded_type": event.demanded_type if modality == "demanded" else None,
            "reported_by": _quote_at(doc, start),
            "sentence": {"start": sentence.start_char, "end": sentence.end_char},
            "_embedded": event.embedded_in is not None,
            "_actors": _cluster_numbers(doc, event.actors),
            "_targets": _cluster_numbers(doc, event.targets),
            "_location": _location_cluster(doc, sentence, event),
            "_actor_span": _char_span(actor_span),
            "_target_span": _char_span(target_span),
        }


def event_modality(event: FoundEvent) -> str:
    """How the text presents the act: ``asserted`` (it happened), ``negated`` (it did not),
    ``demanded`` (a REQUEST: someone asks for it), ``threatened`` (a THREATEN),
    ``planned`` (announced for the future, intended, promised) or ``hypothetical``
    (conditional, possible, modal)."""
    if event.negated:
        return "negated"
    if event.type == "THREATEN":
        return "threatened"
    if event.type == "REQUEST":
        return "demanded"
    if not event.hypothetical:
        return "asserted"
    if event.conditional:
        return "hypothetical"
    governor = event.governor
    if governor is not None and governor.lemma_.lower() in PLANNING_VERBS | WILLINGNESS:
        return "planned"
    if event.type == "AGREE" or any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall")
            for c in event.trigger_start.children):
        return "planned"
    return "hypothetical"


ROLE_CONFIDENCE = 0.7


def _ranked_actor(event: FoundEvent, ranker: RoleRanker) -> list[Token]:
    """The candidate the trained ranker is sure acts in an event with no actor from the
    rules (never one of its targets)."""
    head = event.head
    verb = head.head.head if head.dep_ == "pobj" else head.head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubjpass", "pobj") and \
            not _performs_its_object(verb):
        return []  # who condemns or reports an attack did not carry it out
    governor = event.embedded_in
    if governor is not None and governor.type in ("ACCUSE", "REQUEST", "SUPPORT", "REJECT"):
        return []
    # Nor anyone inside the phrase of what was acted on ("the visit by Pryce was cancelled").
    taken = [(t.left_edge.i, t.right_edge.i) for t in event.targets] + [
        (c.left_edge.i, c.right_edge.i) for c in head.children if c.dep_ == "nsubjpass"]
    best, best_score = None, ROLE_CONFIDENCE
    for candidate in actor_candidates(head, PEOPLE_FROZEN):
        if any(low <= candidate.i <= high for low, high in taken) or _dateline(candidate):
            continue
        score = ranker.actor_probability(candidate_features(head, candidate))
        if score >= best_score:
            best, best_score = candidate, score
    return [_named_antecedent(best)] if best is not None else []


def _kind_of_strike(token: Token, entry: TriggerEntry) -> TriggerEntry:
    """A "strike" is a walk-out when the text says so ("went on strike", "a general strike",
    workers and wages around it), else an attack: "a self-defense strike" or "an air
    strike" is an attack whatever else the sentence holds, and the sentence's other words
    count only as nouns ("the army's general staff" is no labour)."""
    modifiers = {c.lower_ for c in token.children}
    if modifiers & ATTACK_STRIKE_WORDS:
        return entry
    labour = bool(modifiers & LABOUR_WORDS) or (
        token.dep_ == "pobj" and token.head.lower_ == "on") or any(
        t.lemma_.lower() in LABOUR_WORDS and t.pos_ == "NOUN" and t.lower_ != "general"
        for t in token.sent)
    if labour:
        return TriggerEntry(entry.words, entry.pos, "PROTEST", "strike")
    return entry


REQUESTABLE = {"help", "assistance", "aid", "support", "asylum", "extradition", "release",
               "ceasefire", "truce", "talks", "meeting", "clarification", "explanation",
               "compensation", "permission", "approval", "protection", "refuge", "mediation",
               "guarantee", "apology", "withdrawal", "return", "intervention", "access"}


def _is_event_here(token: Token, entry: TriggerEntry, pos: str) -> bool:
    """Whether a trigger word tells of an event where it stands: not a participle used as
    an adjective ("Iran-backed groups", "the occupying forces"), not a noun that only
    qualifies another ("a war monitor"), not "left a dozen dead", and "sought" only where
    something is asked for ("sought help from Cairo", not "sought to interfere")."""
    lemma = token.lemma_.lower()
    if pos == "VERB" and token.dep_ == "amod" and len(entry.words) == 1:
        return False
    if pos == "NOUN" and token.dep_ == "compound" and token.head is not token and \
            token.head.lemma_.lower() in NOT_EVENT_HEADS:
        return False
    if lemma == "leave" and any(
            c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and (
                c.lower_ in RESULT_STATES or c.pos_ == "ADJ") for c in token.children):
        return False
    if lemma == "seek" and pos == "VERB":
        asked = any(_actor_like(t) for t in _objects_of(token, "from"))
        wanted = any(c.dep_ == "dobj" and c.lemma_.lower() in REQUESTABLE
                     for c in token.children)
        return asked or wanted
    return True


# Amending what a governor's type means by what it governs (PLOVER's reading).
STOPPING_VERBS = {"prohibit", "deny", "halt", "stop", "suspend", "cut", "end", "freeze",
                  "withhold", "block", "reduce"}
CARRYING_VERBS = {"approve", "offer", "express", "voice", "issue", "lodge", "register"}
_PURPOSE_GOVERNORS = {"send", "dispatch", "deploy", "call", "visit"}
_VERBAL_ATTACK = {"scathing", "verbal", "blistering", "stinging", "withering", "scathe"}


def _retype_governor(governor: FoundEvent, embedded: FoundEvent) -> None:
    """"Pledged support" is SUPPORT, "called for sanctions" ACCUSE, "sent experts to
    investigate" the investigation, "accepted the demands" a concession, "ordered the
    release" a release, "ordered them jailed" the jailing."""
    lemma = governor.trigger_start.lemma_.lower()
    if lemma == "order" and embedded.type not in ("REQUEST",):
        governor.type, governor.mode = embedded.type, embedded.mode
        embedded.type = "RESTATED"
    elif lemma in ("accept", "approve", "grant", "meet") and embedded.type == "REQUEST" and \
            embedded.trigger_end.pos_ == "NOUN":
        governor.type, governor.mode = "CONCEDE", None
    elif lemma in STOPPING_VERBS and embedded.type == "AID":
        governor.type, governor.mode = "SANCTION", None  # "prohibited all aid to the rebels"
    elif lemma in CARRYING_VERBS and embedded.trigger_end.pos_ == "NOUN" and \
            embedded.head.dep_ in ("dobj", "conj"):
        # "approved the extradition", "offered scathing criticism", "expressed condemnation"
        governor.type, governor.mode = embedded.type, embedded.mode
        embedded.type = "RESTATED"
    elif governor.type == "SUPPORT" and embedded.type == "AID" and \
            embedded.trigger_end.pos_ == "NOUN":
        governor.type, governor.mode = "AID", embedded.mode  # "supported economic assistance"
    elif governor.type == "AGREE" and embedded.type == "SUPPORT":
        governor.type, governor.mode = "SUPPORT", None
    elif governor.type == "REQUEST" and embedded.trigger_end.pos_ == "NOUN" and (
            embedded.type in ("ACCUSE", "SANCTION")
            or embedded.head.lemma_.lower() in ("sanction", "embargo")):
        # "called for sanctions against X": PLOVER reads the call as an accusation.
        governor.type, governor.mode = "ACCUSE", None
    elif governor.trigger_start.lemma_ in _PURPOSE_GOVERNORS and embedded.type in (
            "ACCUSE", "SUPPORT") and embedded.trigger_start.dep_ in ("xcomp", "advcl"):
        governor.type, governor.mode = embedded.type, embedded.mode


HOSTILE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "PROTEST"}


def _aims_at_perpetrator(governor: FoundEvent, event: FoundEvent, head: Token) -> bool:
    """A condemnation is the condemner's ACCUSE aimed at whoever carried out what is
    condemned ("condemned the attack by the militia on the airport": the militia), never at
    its victims; with no perpetrator named, at no one."""
    if governor.type != "ACCUSE" or event.type not in HOSTILE_TYPES or \
            event.trigger_end.pos_ != "NOUN":
        return False
    word = governor.head
    pos = "VERB" if word.pos_ in ("VERB", "AUX") else "NOUN"
    if not any(e.type == "ACCUSE" for e in trigger_lexicon().get((word.lemma_.lower(), pos), [])):
        return False  # "called for sanctions against X" accuses X, the sanctions' target
    inside = {t.i for t in head.subtree}
    own = [t for t in governor.targets if t.i not in inside and _actor_like(t)]
    governor.targets = own or list(event.actors)
    return True


def _demanded_act(trigger: Token) -> str | None:
    """The type of the act a REQUEST verb asks for when its complement was not coded as an
    event: the lexicon's type of the complement's verb or object noun."""
    for child in trigger.children:
        if child.dep_ in ("xcomp", "ccomp", "dobj") or (
                child.dep_ == "prep" and child.lower_ == "for"):
            node = child if child.dep_ != "prep" else next(
                (g for g in child.children if g.dep_ == "pobj"), None)
            if node is None:
                continue
            pos = "VERB" if node.pos_ in ("VERB", "AUX") else "NOUN"
            entries = trigger_lexicon().get((node.lemma_.lower(), pos), [])
            if entries and entries[0].type != "REQUEST":
                return entries[0].type
    return None


def _restates_governor(event: FoundEvent) -> bool:
    """Whether an event is only the content of a demand, threat, promise or refusal ("urged
    the government to [release] them"), or the noun that restates its verb ("killed … in an
    [airstrike]"): the governing event carries it."""
    governor = event.embedded_in
    if event.type == "RESTATED":
        return True
    if governor is None:
        return False
    if governor.type in ("REQUEST", "THREATEN", "AGREE", "REJECT"):
        return True
    if event.trigger_end.pos_ == "NOUN" and governor.type == event.type and \
            event.head.dep_ == "pobj":
        governor.mode = governor.mode or event.mode
        if not governor.actors and event.actors:
            governor.actors = event.actors
        return True
    return False


SPEECH_VERBS = {"say", "declare", "conclude", "announce", "insist", "stress", "state",
                "add", "reiterate", "write", "tell", "argue", "maintain"}


def _demanded(event: FoundEvent) -> FoundEvent | None:
    """"Russia said Sudan must return the helicopter": the speaker requests it of the one who
    must, whatever the deed."""
    if event.type == "REQUEST" or event.trigger_start.pos_ not in ("VERB", "AUX"):
        return None
    node = event.trigger_start
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ == "must" for c in node.children):
            break
        if node.dep_ not in ("xcomp", "acomp") or node.head is node:
            return None
        node = node.head
    else:
        return None
    speech = node.head
    if node.dep_ != "ccomp" or speech.lemma_.lower() not in SPEECH_VERBS:
        return None
    speakers = _subject(speech)
    if not speakers:
        return None
    return FoundEvent(event.trigger_start, event.trigger_end, "REQUEST", None, speakers,
                      event.actors or event.targets, event.negated, event.hypothetical,
                      event.governor, event.embedded_in, event.phrase,
                      demanded_type=event.type)


def _agreed_on_text(verb: Token) -> bool:
    """Whether "agree" is said of something agreed on ("agreed on the text", "agreed to the
    plan") rather than of a deed to come ("agreed to withdraw")."""
    if verb.lemma_.lower() != "agree" or verb.pos_ != "VERB" or _future_or_modal(verb):
        return False
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") and any(
        g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children) for c in verb.children)


def _future_or_modal(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "wo")
               for c in token.children)


def _retyped(event: FoundEvent, event_type: str) -> FoundEvent:
    return FoundEvent(event.trigger_start, event.trigger_end, event_type,
                      event.type.lower() if event_type == "AGREE" else event.mode,
                      event.actors, event.targets, False if event_type == "REJECT" else
                      event.negated, event.hypothetical, event.governor, event.embedded_in)


def _phrase(tokens: list[Token]) -> Span | None:
    """The noun phrase of the first token, joined with its conjuncts: "Joe Biden and the
    Iraqi prime minister"."""
    if not tokens:
        return None
    doc = tokens[0].doc
    first = min(t.left_edge.i for t in tokens)
    dateline = _dateline_end(tokens[0].sent)
    if first <= dateline < min(t.i for t in tokens):
        first = dateline + 1  # "TIRANA, Albania (AP) -- Albania's parliament"
    last = max(_phrase_end(t) for t in tokens)
    return doc[first:last + 1]


def _phrase_end(token: Token) -> int:
    """Where a noun phrase ends: its last word before a clause or a comma hangs on it."""
    end = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ in ("compound", "flat", "amod", "nummod", "poss",
                                                "case", "prep", "appos"):
            if child.dep_ == "prep" and child.lower_ not in ("of",):
                continue
            end = max(end, child.right_edge.i)
    return end


def _char_span(span: Span | None) -> list[int] | None:
    return [span.start_char, span.end_char] if span is not None else None


def _cluster_numbers(doc: Doc, tokens: list[Token]) -> list[int]:
    """The article's entity clusters that the role's phrases name, in order; "he" and "she"
    are the person last named before them (within the two sentences before)."""
    numbers: list[int] = []
    for token in tokens:
        if token.lower_ in ("he", "she", "him", "her") and token.tag_ == "PRP":
            number = _person_before(doc, token)
            if number is not None and number not in numbers:
                numbers.append(number)
            continue
        if token.lower_ in ("they", "them") and token.tag_ == "PRP":
            numbers.extend(n for n in _named_pair_before(doc, token) if n not in numbers)
            continue
        named = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and c.ent_type_ in ("PERSON", "ORG", "")]
        if named and not token.ent_type_ and token.lemma_.lower() in PEOPLE_NOUNS:
            # "a State Department spokesperson, Morgan Ortagus": the one named speaks, not
            # the body the title names.
            token = named[0]
        span = doc[token.left_edge.i:_phrase_end(token) + 1]
        number = _cluster_in(doc, span.start_char, span.end_char, token)
        if number is not None and number not in numbers:
            numbers.append(number)
    return numbers


_SENTENCE_STARTS_KEY = "presslens_events_sentence_starts"


def _person_before(doc: Doc, token: Token) -> int | None:
    """The cluster of the nearest person mentioned before ``token`` in its sentence or the
    two before it."""
    starts = doc_memo(doc, "events").get(_SENTENCE_STARTS_KEY)
    if starts is None:
        starts = doc_memo(doc, "events")[_SENTENCE_STARTS_KEY] = [s.start_char for s in doc.sents]
    before = bisect_right(starts, token.idx)
    earliest = starts[before - 3] if before >= 3 else 0
    best: tuple[int, int] | None = None
    for number, cluster in enumerate(doc._.entity_clusters or []):
        if cluster.type != "PERSON":
            continue
        for mention in cluster.mentions:
            if earliest <= mention.start_char and mention.end_char <= token.idx and (
                    best is None or mention.start_char > best[0]):
                best = (mention.start_char, number)
    return best[1] if best else None


def _named_pair_before(doc: Doc, token: Token) -> list[int]:
    """"Soleimani and Muhandis were killed. They were targeted …": "they" is the names
    joined by "and" last before it, in its sentence or the one before."""
    sentence = token.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for i in range(token.i - 1, start - 1, -1):
        candidate = doc[i]
        if candidate.dep_ == "conj" or not candidate.ent_type_ or candidate.ent_iob_ != "B" \
                and candidate.head.i != candidate.i:
            continue
        joined = [t for t in candidate.children if t.dep_ == "conj" and t.ent_type_]
        if not joined:
            continue
        found = []
        for member in (candidate, *joined):
            span = doc[member.left_edge.i:_phrase_end(member) + 1]
            number = _cluster_in(doc, span.start_char, span.end_char, member)
            if number is not None and number not in found:
                found.append(number)
        if len(found) > 1:
            return found
    return []


def _cluster_in(doc: Doc, start: int, end: int, head: Token) -> int | None:
    best = None
    for number, cluster in enumerate(doc._.entity_clusters or []):
        for mention in cluster.mentions:
            if mention.start_char >= start and mention.end_char <= end:
                holds_head = mention.start <= head.i < mention.end
                if holds_head:
                    return number
                if best is None or mention.start_char < best[0]:
                    best = (mention.start_char, number)
    return best[1] if best else None


def _location_cluster(doc: Doc, sentence: Span, event: FoundEvent) -> int | None:
    """A place named in the trigger's clause after "in", "at", "near" …"""
    head = event.trigger_end if event.trigger_end.pos_ == "NOUN" else event.trigger_start
    clause: set[int] | None = None
    objects = _prepositional_object_positions(doc)
    for i in objects[bisect_left(objects, sentence.start):bisect_left(objects, sentence.end)]:
        token = doc[i]
        if token.head.lower_ in PLACE_PREPOSITIONS and token.ent_type_ in PLACE_LABELS:
            # The clause is worked out only for a sentence that names a place at all.
            clause = clause if clause is not None else {t.i for t in _clause(head)}
            if i in clause:
                return _cluster_in(doc, token.idx, token.idx + len(token), token)
    return None


_POBJ_POSITIONS_KEY = "presslens_events_pobj_positions"


def _prepositional_object_positions(doc: Doc) -> list[int]:
    """The positions of the article's prepositional objects, read once from the parse."""
    positions = doc_memo(doc, "events").get(_POBJ_POSITIONS_KEY)
    if positions is None:
        pobj = doc.vocab.strings.add("pobj")
        positions = doc_memo(doc, "events")[_POBJ_POSITIONS_KEY] = [
            i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep == pobj] \
            if len(doc) else []
    return positions


def _date_of(sentence: Span, trigger_start: int) -> str | None:
    """The value of the sentence's date nearest the trigger (days and months before years)."""
    dated = [t for t in sentence._.timexes
             if t["type"] in ("DATE", "TIME") and t["value"] and t["value"][:1].isdigit()]
    if not dated:
        return None
    nearest = min(dated, key=lambda t: abs(t["start"] - trigger_start))
    return nearest["value"]


def _quote_at(doc: Doc, char: int) -> str | None:
    for quote in doc._.quotes or []:
        content = quote["content"]
        if content["start"] <= char < content["end"]:
            return quote["id"]
    return None


@Language.factory("presslens_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder()
