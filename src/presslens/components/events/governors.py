"""What one event says of another it governs: "ordered the release" is a release, "called
for sanctions" an accusation, "condemned the attack by the militia" an ACCUSE aimed at the
militia; the content of a demand, threat or refusal is carried by it, not coded twice.
"""

from __future__ import annotations

from spacy.tokens import Token

from presslens.components.events.found import HOSTILE_TYPES, FoundEvent
from presslens.components.events.lexicon import (
    CARRYING_VERBS,
    PURPOSE_GOVERNORS,
    STOPPING_VERBS,
    trigger_lexicon,
)
from presslens.components.events.roles import actor_like


def link_governors(events: list[FoundEvent]) -> None:
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
                    if asked and not any(c.dep_ in ("dobj", "dative") and actor_like(c)
                                         for c in governor.trigger_start.children):
                        # "advised the forces to leave": the forces are asked.
                        governor.targets = asked
                        break
                if event.targets and (not governor.targets or (
                        not actor_like(governor.targets[0])
                        and actor_like(event.targets[0]))):
                    governor.targets = event.targets
                break


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
    elif governor.trigger_start.lemma_ in PURPOSE_GOVERNORS and embedded.type in (
            "ACCUSE", "SUPPORT") and embedded.trigger_start.dep_ in ("xcomp", "advcl"):
        governor.type, governor.mode = embedded.type, embedded.mode


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
    # "condemned the attack and called on Baghdad to …": the party of a verb joined to the
    # condemnation is that verb's, not the condemned.
    joined = {t.i for c in word.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
              for t in c.subtree}
    own = [t for t in governor.targets if t.i not in inside and t.i not in joined
           and actor_like(t)]
    governor.targets = own or list(event.actors)
    return True


def restates_governor(event: FoundEvent) -> bool:
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


def same_act_once(events: list[FoundEvent]) -> list[FoundEvent]:
    """'An Israeli strike killed two fighters', 'the US strike that killed three members':
    an event noun that is the subject of a verb of the same type, or that a relative clause
    of such a verb qualifies, names the same act. One event per act, as the annotation
    guidelines have it: the verb is the trigger, the noun gives the mode ("aerial" for a
    drone strike), and the noun's actors, who carried it out, are the verb's."""
    dropped: set[int] = set()
    for noun_event in events:
        noun = noun_event.trigger_end
        if noun.pos_ != "NOUN":
            continue
        for verb_event in events:
            verb = verb_event.trigger_start
            if verb_event is noun_event or verb_event.type != noun_event.type or \
                    verb.pos_ != "VERB" or id(verb_event) in dropped:
                continue
            if noun.dep_ == "nsubj" and noun.head.i == verb.i or \
                    verb.dep_ == "relcl" and verb.head.i == noun.i:
                # The noun is the verb's subject (or the relative clause's): whoever
                # carried out the strike is the verb's actor.
                verb_event.actors = noun_event.actors or verb_event.actors
                verb_event.mode = noun_event.mode or verb_event.mode
                dropped.add(id(noun_event))
                break
    return [e for e in events if id(e) not in dropped]

