"""A small trained classifier that reads the context of a coded event and gives its PLOVER
type, where the trigger lexicon alone is ambiguous ("called", "sent", "granted").

Multinomial logistic regression over sparse binary features of the event: the trigger's
lemma, the type the lexicon gave, the governing verb, the object, the trigger's
dependents and the content words of the sentence. Trained by ``scripts/train_event_types.py``
on the development part of the public PLOVER sentences (``../shared/data/events``); the
weights ship as ``models/event_types.npz`` (see the README there for data and licence).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from presslens.components import doc_memo
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
