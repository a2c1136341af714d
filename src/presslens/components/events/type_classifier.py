"""A small trained classifier that reads the context of a coded event and gives its PLOVER
type, where the trigger lexicon alone is ambiguous ("called", "sent", "granted").

Multinomial logistic regression over sparse binary features of the event: the trigger's
lemma, the type the lexicon gave, the governing verb, the object, the trigger's
dependents and the content words of the sentence. Trained by ``scripts/train_event_types.py``
on the development part of the public PLOVER sentences (``../shared/data/events``); the
weights ship as ``models/event_types.npz`` (see the README there for data and licence).

Here too are the coder's two uses of it: settling the type where the trigger word is general
or listed under several types, and coding a main verb the lexicon lacks when one party acts
on another and the classifier is sure.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from presslens.components import doc_memo
from presslens.components.events.found import FoundEvent
from presslens.components.events.lexicon import (
    GENERAL_VERBS,
    NOT_EVENTS,
    RETREAT_WORDS,
    trigger_lexicon,
)
from presslens.components.events.modality import is_negated, modal_reading
from presslens.components.events.roles import actor_like, verb_roles
from presslens.learning import LinearClassifier, load_model

CONTENT_POS = {"VERB", "NOUN", "ADJ"}
MODEL_FILE = "event_types.npz"


def event_features(trigger: Token, rule_type: str | None, governor: Token | None = None
                   ) -> list[str]:
    """Binary features of an event for the type classifier."""
    features = [f"t={trigger.lemma_.lower()}", f"r={rule_type or 'NONE'}"]
    if rule_type:
        features.append(f"tr={trigger.lemma_.lower()}|{rule_type}")
    if governor is not None:
        features.append(f"g={governor.lemma_.lower()}")
    head = trigger.head
    if head is not trigger:
        features.append(f"h={head.lemma_.lower()}")
    for child in trigger.children:
        if child.pos_ in CONTENT_POS or child.dep_ in ("prep", "prt", "neg"):
            features.append(f"c={child.dep_}:{child.lemma_.lower()}")
            if child.dep_ in ("dobj", "attr", "xcomp", "ccomp"):
                features.append(f"o={child.lemma_.lower()}")
                features.extend(f"oc={g.lemma_.lower()}" for g in child.children
                                if g.pos_ in CONTENT_POS)
    features.extend(_sentence_words(trigger))
    return sorted(set(features))


SENTENCE_WORDS_KEY = "presslens_event_sentence_words"


def _sentence_words(trigger: Token) -> list[str]:
    """The content words of the trigger's sentence, listed once per sentence: a sentence
    often holds several events."""
    doc = trigger.doc
    sentence = trigger.sent
    table = doc_memo(doc, "events").setdefault(SENTENCE_WORDS_KEY, {})
    words = table.get(sentence.start)
    if words is None:
        words = table[sentence.start] = [
            f"w={token.lemma_.lower()}" for token in sentence
            if token.pos_ in CONTENT_POS and token.ent_type_ == "" and not token.is_stop]
    return words


@cache
def load_classifier() -> LinearClassifier | None:
    """The shipped classifier, or None if the model file is absent."""
    return load_model(MODEL_FILE)


# How sure the classifier must be to overrule the lexicon where the trigger word is general
# (it never overrules a word that says clearly what happened), and to code a verb the
# lexicon lacks.
CLASSIFIER_CONFIDENCE = 0.5


UNLISTED_CONFIDENCE = 0.6


def ambiguous_trigger(event: FoundEvent) -> bool:
    """Whether the trigger's word alone leaves the type open: general verbs of giving,
    sending, taking and ending, or a word the lexicon lists under several types."""
    if event.phrase:
        return False
    lemma = event.head.lemma_.lower()
    if lemma in GENERAL_VERBS:
        return True
    types = {e.type for pos in ("VERB", "NOUN") for e in trigger_lexicon().get((lemma, pos), [])}
    return len(types) > 1


def classify_type(event: FoundEvent, classifier: LinearClassifier) -> FoundEvent:
    """The event with the classifier's type where it is sure and the trigger word leaves
    the type open; its probability for the type kept is recorded either way."""
    if event.type == "THREATEN" and event.hypothetical:
        return event  # a vow of force is a threat whatever the words
    probabilities = classifier.probabilities(
        event_features(event.head, event.type, event.governor))
    label, probability = max(probabilities.items(), key=lambda kv: kv[1])
    current = "YIELD" if event.type in ("CONCEDE", "RETREAT") else event.type
    event.type_probability = probabilities.get(current, 0.0)
    if label == current or probability < CLASSIFIER_CONFIDENCE or not ambiguous_trigger(event):
        return event
    event.type_probability = probability
    if label == "YIELD":
        label = "RETREAT" if event.head.lemma_.lower() in RETREAT_WORDS else "CONCEDE"
    event.type, event.mode = label, None
    return event


def unlisted_events(doc: Doc, events: list[FoundEvent], classifier: LinearClassifier
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
        actors, targets = verb_roles(root)
        if not actors or not targets or not actor_like(actors[0]) or \
                not actor_like(targets[0]):
            continue
        probabilities = classifier.probabilities(event_features(root, None))
        label, probability = max(probabilities.items(), key=lambda kv: kv[1])
        if probability < UNLISTED_CONFIDENCE:
            continue
        if label == "YIELD":
            label = "RETREAT" if root.lemma_.lower() in RETREAT_WORDS else "CONCEDE"
        hypothetical, governor, _ = modal_reading(root)
        found.append(FoundEvent(root, root, label, None, actors, targets,
                                is_negated(root), hypothetical, governor,
                                type_probability=probability))
    return found
