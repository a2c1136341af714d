"""A small trained classifier that reads the context of a coded event and gives its PLOVER
type, where the trigger lexicon alone is ambiguous ("called", "sent", "granted").

Multinomial logistic regression over sparse binary features of the event: the trigger's
lemma, the type the lexicon gave, the governing verb, the object, the trigger's
dependents and the content words of the sentence. Trained by ``scripts/train_event_types.py``
on the development part of the public PLOVER sentences (``../shared/data/events``); the
weights ship as ``models/event_types.json`` (see the README there for data and licence).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

CONTENT_POS = {"VERB", "NOUN", "ADJ"}
MODEL_FILE = "event_types.json"


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
    for token in trigger.sent:
        if token.pos_ in CONTENT_POS and token.ent_type_ == "" and not token.is_stop:
            features.append(f"w={token.lemma_.lower()}")
    return sorted(set(features))


@dataclass(slots=True)
class TypeClassifier:
    labels: list[str]
    weights: dict[str, list[float]]
    bias: list[float]

    def probabilities(self, features: list[str]) -> dict[str, float]:
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        return {"labels": self.labels, "bias": [round(b, 4) for b in self.bias],
                "weights": {f: [round(w, 4) for w in row] for f, row in self.weights.items()}}


@cache
def load_classifier() -> TypeClassifier | None:
    """The shipped classifier, or None if the model file is absent."""
    path = resources.files("presslens.models").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return TypeClassifier(data["labels"], data["weights"], data["bias"])


def train(examples: list[tuple[list[str], str]], *, epochs: int = 20, rate: float = 0.3,
          l2: float = 1e-3, min_count: int = 2) -> TypeClassifier:
    """Fit the classifier by stochastic gradient descent on (features, label) pairs."""
    import random

    counts: dict[str, int] = {}
    for features, _ in examples:
        for feature in features:
            counts[feature] = counts.get(feature, 0) + 1
    kept = {f for f, n in counts.items() if n >= min_count}
    labels = sorted({label for _, label in examples})
    index = {label: i for i, label in enumerate(labels)}
    weights: dict[str, list[float]] = {f: [0.0] * len(labels) for f in sorted(kept)}
    model = TypeClassifier(labels, weights, [0.0] * len(labels))
    order = list(range(len(examples)))
    generator = random.Random(13)
    for epoch in range(epochs):
        generator.shuffle(order)
        step = rate / (1 + epoch * 0.2)
        for i in order:
            features, label = examples[i]
            features = [f for f in features if f in kept]
            probabilities = model.probabilities(features)
            for j, name in enumerate(labels):
                gradient = probabilities[name] - (1.0 if index[label] == j else 0.0)
                model.bias[j] -= step * gradient
                for feature in features:
                    row = weights[feature]
                    row[j] -= step * (gradient + l2 * row[j])
    return model
