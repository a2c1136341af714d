"""Where an event is told: the words and phrases of the trigger table found on the parse
("drone strike", "found him guilty", "engage in an open war"), the uses of those words that
tell of no event ("Iran-backed groups", "a war monitor", "two days after the attack"), and
the candidate event each trigger gives with its roles and modality.
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from presslens.components.events.found import (
    FORCE_TYPES,
    MODES_OF_THREAT,
    SYMMETRIC_TYPES,
    FoundEvent,
)
from presslens.components.events.lexicon import (
    AGREEMENT_NOUNS,
    ATTACK_STRIKE_WORDS,
    DATE_LABELS,
    FIGURATIVE_STRIKE_OBJECTS,
    GENERAL_VERBS,
    LABOUR_WORDS,
    MAKING_VERBS,
    NOT_EVENT_HEADS,
    PERMISSIONS,
    REQUESTABLE,
    RESULT_STATES,
    TIME_PREPOSITIONS,
    VERBAL_ATTACK,
    WEAPON_NOUNS,
    TriggerEntry,
    trigger_first_words,
    trigger_lexicon,
)
from presslens.components.events.modality import is_negated, modal_reading
from presslens.components.events.roles import (
    actor_like,
    can_be_party,
    in_dateline,
    named_antecedent,
    noun_roles,
    objects_of,
    party_in_clause,
    verb_roles,
    with_conjuncts,
)
from presslens.memo import trim_memo

# Whether a lemma (by spaCy's id) opens a trigger phrase; bounded, as the vocabulary grows.
_OPENS_TRIGGER: dict[int, bool] = {}


def possible_trigger_positions(doc: Doc) -> list[int]:
    """The tokens where ``event_at`` can find an event: a lemma that opens a trigger
    phrase, or the word after one ("drone strike" is coded at "strike"). Read from one
    array of lemma ids, so that the other nine tokens in ten are never looked at."""
    if not len(doc):
        return []
    trim_memo(_OPENS_TRIGGER)
    first_words = trigger_first_words()
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
                if entry.pos == "NOUN" and candidate.pos_ in ("VERB", "AUX") and \
                        candidate.tag_ != "VBZ":
                    # "drones struck": a subject and its verb, no "drone strike" ("air
                    # strikes" the parse may read as a verb in the third person is one)
                    return None
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


def event_at(token: Token) -> FoundEvent | None:
    """The event whose trigger starts at ``token``, if one does."""
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
            return _build(token.doc[token.i - 1], token, entry, pos)
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
    if pos == "NOUN" and (_refers_back(token) or _names_an_agreement(token)):
        return None
    return _build(token, end, entry, pos)


def _build(start: Token, end: Token, entry: TriggerEntry, pos: str
           ) -> FoundEvent | None:
    head = end if pos == "NOUN" else start
    actors, targets = verb_roles(start, end, entry.words) if pos == "VERB" else \
        noun_roles(head)
    if len(entry.words) > 1 and pos == "VERB" and not targets:
        # "call on X to …", "pulled out of X": the object of the phrase's last word.
        objects = [g for g in end.children if g.dep_ in ("pobj", "dobj")]
        if objects:
            targets = with_conjuncts(objects[0])
    if entry.type == "MOBILIZE" and any(t.lemma_.lower().startswith("peacekeep")
                                        for t in head.sent):
        entry = TriggerEntry(entry.words, entry.pos, "AID", "peacekeeping")
    if entry.type == "ASSAULT" and pos == "NOUN" and any(
            c.lower_ in VERBAL_ATTACK for c in head.children):
        entry = TriggerEntry(entry.words, entry.pos, "ACCUSE", None)
    if not targets or not actor_like(targets[0]):
        targets = party_in_clause(head, actors) or targets
    if len(actors) > 1 and entry.type in SYMMETRIC_TYPES and not (
            targets and actor_like(targets[0])):
        # "Pakistan and Afghanistan agreed to share information": each with the other.
        actors, targets = actors[:1], actors[1:]
    actors = [named_antecedent(t) for t in actors if not in_dateline(t)]
    things = [t for t in actors if not can_be_party(t)]
    actors = [t for t in actors if can_be_party(t)]
    targets = [t for t in targets if t.ent_type_ not in DATE_LABELS]
    if things and not actors and pos == "VERB" and entry.words[0] in GENERAL_VERBS:
        return None  # "The agreement gives Norvast wide powers": no one gave anything
    hypothetical, governor, conditional = modal_reading(head)
    if conditional and entry.type in FORCE_TYPES:
        # "would engage in an open war in case …": force held out under a condition.
        entry = TriggerEntry(entry.words, entry.pos, "THREATEN", MODES_OF_THREAT[entry.type])
    return FoundEvent(start, end, entry.type, entry.mode, actors, targets,
                      is_negated(head), hypothetical, governor, None, len(entry.words) > 1,
                      conditional=conditional)


def _is_event_here(token: Token, entry: TriggerEntry, pos: str) -> bool:
    """Whether a trigger word tells of an event where it stands: not a participle used as
    an adjective ("Iran-backed groups", "the occupying forces"), not a noun that only
    qualifies another ("a war monitor"), not "left a dozen dead" or "struck a tone", and
    "sought" only where something is asked for ("sought help from Cairo", not "sought to
    interfere")."""
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
    if lemma == "strike" and pos == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in FIGURATIVE_STRIKE_OBJECTS
            for c in token.children):
        return False  # "struck a more cautious tone"
    if lemma == "hit" and pos == "VERB":
        # "Iranian missiles hit a US base", "the base was hit by rockets": an attack only
        # where a weapon hits ("hit a record", "hit by sanctions" are not).
        hitters = [c for c in token.children if c.dep_ == "nsubj"] + [
            g for c in token.children if c.dep_ == "agent" for g in c.children
            if g.dep_ == "pobj"]
        return any(h.lemma_.lower() in WEAPON_NOUNS for h in hitters)
    if lemma == "seek" and pos == "VERB":
        asked = any(actor_like(t) for t in objects_of(token, "from"))
        wanted = any(c.dep_ == "dobj" and c.lemma_.lower() in REQUESTABLE
                     for c in token.children)
        return asked or wanted
    return True


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


def _names_an_agreement(noun: Token) -> bool:
    """"Withdrew from the nuclear deal", "the accord is dead", "under the agreement": an
    agreement named as a thing that exists is no event; one is told being made ("signed a
    deal", "reached an agreement", "the accord was sealed"), which the phrase entries of the
    lexicon and this exception keep."""
    if noun.lemma_.lower() not in AGREEMENT_NOUNS:
        return False
    head = noun.head
    return not (noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in MAKING_VERBS)


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
