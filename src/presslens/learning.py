"""Small linear models trained in this repository: multinomial logistic regression over
sparse binary features (and, for some, a few real-valued ones). Used for the event type
classifier, the event actor ranker and the framing models.

The models ship as NumPy archives (``.npz``: a ``features`` array of names, a ``weights``
matrix with one row per feature and one column per label, ``bias``, optional ``dense``, and a
JSON ``meta`` string for thresholds), read without pickle and only when first used. An
archive may hold several models under a prefix (``spans.weights``): the framing tagger ships
with the span scorer and the extender it was tuned with. Scoring adds the rows of the
features present in the order given, so a model scores to the last bit as it did when its
weights were written as JSON.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from operator import add
from pathlib import Path
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


def write_models(path: Path, models: dict[str, LinearClassifier],
                 meta: dict[str, Any] | None = None, *, weight_decimals: int = 3) -> None:
    """Write ``models`` (the main one under "", others under their prefix) and ``meta`` to
    one NumPy archive, with the rounding ``to_dict`` applies (three decimals for weights, or
    ``weight_decimals``; four for biases and dense rows), which keeps the archive small."""
    import numpy

    arrays: dict[str, Any] = {"meta": numpy.array(json.dumps(meta or {}, sort_keys=True))}
    for name, model in models.items():
        prefix = f"{name}." if name else ""
        features = sorted(model.weights)
        arrays[prefix + "labels"] = numpy.array(model.labels, dtype=str)
        arrays[prefix + "features"] = numpy.array(features, dtype=str)
        arrays[prefix + "weights"] = numpy.array(
            [[round(w, weight_decimals) for w in model.weights[f]] for f in features],
            dtype="float64").reshape(len(features), len(model.labels))
        arrays[prefix + "bias"] = numpy.array([round(b, 4) for b in model.bias], dtype="float64")
        if model.dense is not None:
            arrays[prefix + "dense"] = numpy.array(
                [[round(w, 4) for w in row] for row in model.dense], dtype="float64")
    with open(path, "wb") as handle:
        numpy.savez_compressed(handle, **arrays)


def read_models(name: str, directory: Traversable | None = None
                ) -> tuple[dict[str, LinearClassifier], dict[str, Any]] | None:
    """The models and the meta data of the archive ``name`` shipped in ``presslens/models``
    (or kept in ``directory``), or None if the file is absent."""
    import numpy

    path = (directory or resources.files("presslens.models")).joinpath(name)
    if not path.is_file():
        return None
    with path.open("rb") as handle, numpy.load(handle, allow_pickle=False) as archive:
        arrays = {key: archive[key] for key in archive.files}
    meta = json.loads(str(arrays.pop("meta", numpy.array("{}"))))
    models = {}
    for key in arrays:
        if not key.endswith("labels"):
            continue
        prefix = key[:-len("labels")]
        dense = arrays.get(prefix + "dense")
        models[prefix.rstrip(".")] = LinearClassifier(
            arrays[key].tolist(),
            dict(zip(arrays[prefix + "features"].tolist(), arrays[prefix + "weights"].tolist(),
                     strict=True)),
            arrays[prefix + "bias"].tolist(),
            dense.tolist() if dense is not None else None)
    return models, meta


def load_model(name: str, directory: Traversable | None = None) -> LinearClassifier | None:
    """The main model of an archive shipped in ``presslens/models`` (or kept in
    ``directory``), or None if the file is absent."""
    found = read_models(name, directory)
    return found[0][""] if found is not None else None


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
