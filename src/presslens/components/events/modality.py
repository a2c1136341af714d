"""How the text presents an event: negated, hypothetical, conditional, planned, demanded or
threatened, and PLOVER's readings of them (an intent to cooperate is AGREE, a refusal
REJECT, force vowed or announced a THREATEN, what one says another must do a REQUEST).
"""

from __future__ import annotations

from spacy.tokens import Token

from presslens.components.events.found import (
    COOPERATIVE_TYPES,
    FORCE_TYPES,
    MODES_OF_THREAT,
    FoundEvent,
)
from presslens.components.events.lexicon import (
    CONDITION_MARKS,
    INTENT_VERBS,
    NEGATING_DETERMINERS,
    PLANNING_VERBS,
    SPEECH_VERBS,
    THREAT_VERBS,
    WILLINGNESS,
    trigger_lexicon,
)
from presslens.components.events.roles import subject_of


def is_negated(token: Token) -> bool:
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


def _states_condition(token: Token) -> bool:
    """Whether a clause is a condition: "if …", "unless …", "in case …"."""
    return any((c.dep_ == "mark" and c.lower_ in CONDITION_MARKS) or (
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "case" for g in c.children))
        for c in token.children)


def modal_reading(token: Token) -> tuple[bool, Token | None, bool]:
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


def read_threats(events: list[FoundEvent]) -> list[FoundEvent]:
    """A use of force that someone vows or threatens is that someone's THREATEN event,
    and the vow itself is not a second event."""
    result: list[FoundEvent] = []
    # The threats made of vows, by the position of the vowing word: the vow found as an
    # event of its own ("threatened" is a THREATEN trigger too) gives way to the threat
    # that carries what is threatened.
    vows = {e.trigger_start.i: e for e in events}
    made_at: dict[int, FoundEvent] = {}
    for event in events:
        governor = event.governor
        if governor is None and event.embedded_in is not None:
            governor = event.embedded_in.trigger_start
        threat = event.type in FORCE_TYPES or (event.type == "THREATEN" and
                                               event.embedded_in is not None)
        if threat and governor is not None and governor.lemma_ in THREAT_VERBS:
            if governor.i in made_at:
                # "vowed to attack and destroy the base": one threat, on whom any act names.
                earlier = made_at[governor.i]
                earlier.targets = earlier.targets or event.targets
                continue
            mode = MODES_OF_THREAT.get(event.type, event.mode)
            # The one the vow is addressed to is threatened ("warned the envoy that it would
            # expel him", "threatened the United States with retaliation"); else whom the
            # act names ("threatened to attack the embassy").
            vow = vows.get(governor.i)
            vow_targets = vow.targets if vow is not None else []
            addressed = [t for t in vow_targets if t.head.i == governor.i
                         and t.dep_ in ("dobj", "dative")]
            made = FoundEvent(governor, governor, "THREATEN", mode,
                              subject_of(governor) or event.actors or (vow.actors if vow else []),
                              vow_targets if addressed else event.targets or vow_targets,
                              event.negated, True)
            made_at[governor.i] = made
            result.append(made)
        else:
            result.append(event)
    return [e for e in result
            if e.trigger_start.i not in made_at or e is made_at[e.trigger_start.i]]


def plover_reading(event: FoundEvent) -> FoundEvent:
    """The event as PLOVER reads its modality, a demand with the type of the act it asks for."""
    event = _read_modality(event)
    if event.type == "REQUEST" and event.demanded_type is None:
        demanded = _demanded_act(event.trigger_start)
        event.demanded_type = demanded
    return event


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
    speakers = subject_of(speech)
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
