"""Small linear models trained in this repository: multinomial logistic regression over
sparse binary features, in pure Python so that nothing beyond the standard library is needed
to train or apply them. Used for the event type classifier and the framing techniques.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from operator import add
from typing import Any


@dataclass(slots=True)
class LinearClassifier:
    """Weights per feature and class; ``probabilities`` is a softmax over their sums.

    A model may also weigh a vector of real-valued features (``dense``: one row of class
    weights per vector component); models without one load and score as before."""

    labels: list[str]
    weights: dict[str, list[float]]
    bias: list[float]
    dense: list[list[float]] | None = None

    def probabilities(self, features: list[str],
                      vector: Sequence[float] | None = None) -> dict[str, float]:
        # map(add, ...) sums in the same order as a loop, so the figures are the same to the
        # last bit, at half the cost of a comprehension per feature.
        scores = list(self.bias)
        weights = self.weights
        for feature in features:
            row = weights.get(feature)
            if row is not None:
                scores = list(map(add, scores, row))
        if self.dense is not None and vector is not None:
            for value, row in zip(vector, self.dense, strict=False):
                if value:
                    scores = list(map(add, scores, [value * w for w in row]))
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def best(self, features: list[str],
             vector: Sequence[float] | None = None) -> tuple[str, float]:
        return max(self.probabilities(features, vector).items(), key=lambda kv: kv[1])

    def ranked(self, features: list[str],
               vector: Sequence[float] | None = None) -> list[tuple[str, float]]:
        """Labels from the likeliest down, with their probabilities."""
        return sorted(self.probabilities(features, vector).items(), key=lambda kv: -kv[1])

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "labels": self.labels, "bias": [round(b, 4) for b in self.bias],
            "weights": {f: [round(w, 3) for w in row] for f, row in self.weights.items()}}
        if self.dense is not None:
            data["dense"] = [[round(w, 4) for w in row] for row in self.dense]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearClassifier:
        return cls(data["labels"], data["weights"], data["bias"], data.get("dense"))


def load_model(name: str) -> LinearClassifier | None:
    """A model shipped in ``presslens/models``, or None if the file is absent."""
    path = resources.files("presslens.models").joinpath(name)
    if not path.is_file():
        return None
    return LinearClassifier.from_dict(json.loads(path.read_text(encoding="utf-8")))


def train(examples: list[tuple[list[str], str]], *, epochs: int = 20, rate: float = 0.3,
          l2: float = 1e-3, min_count: int = 2, seed: int = 13) -> LinearClassifier:
    """Fit by stochastic gradient descent on (features, label) pairs; deterministic for a
    given seed."""
    counts: dict[str, int] = {}
    for features, _ in examples:
        for feature in features:
            counts[feature] = counts.get(feature, 0) + 1
    kept = {f for f, n in counts.items() if n >= min_count}
    labels = sorted({label for _, label in examples})
    index = {label: i for i, label in enumerate(labels)}
    weights: dict[str, list[float]] = {f: [0.0] * len(labels) for f in sorted(kept)}
    model = LinearClassifier(labels, weights, [0.0] * len(labels))
    order = list(range(len(examples)))
    generator = random.Random(seed)
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
