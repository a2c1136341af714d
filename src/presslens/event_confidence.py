"""How far a coded event can be trusted: a calibrated probability that its type, actor and
target are all right.

A logistic regression over a few numbers the event coder knows about each event (is the
trigger a phrase, a general word or one the lexicon lists under several types; is it a verb
or a noun, the main verb or deep in a clause; were an actor and a target found, are they
named entities and of which kind, or pronouns; how the text presents the act; the type
classifier's probability), its scores mapped through an isotonic calibration fitted on
out-of-fold predictions, so that of events given confidence c about c are right. Trained by
``scripts/train_event_confidence.py`` on the development articles of
``tests/data/events/gold.jsonl``; the arrays ship as ``models/event_confidence.npz`` (see
the README there) and are read once, when the first event is scored.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import numpy as np

MODEL_FILE = "event_confidence.npz"
# Where the model file gives none.
DEFAULT_THRESHOLD = 0.8

FEATURE_NAMES = (
    "phrase", "ambiguous", "noun", "unlisted", "type_probability", "root", "embedded_clause",
    "has_actor", "actor_named", "actor_person", "actor_state", "actor_pronoun", "actor_long",
    "has_target", "target_named", "target_pronoun", "target_long", "asserted", "negated",
    "demanded", "threatened", "unreal", "reported", "assault", "speech_act",
    "sentence_length", "events_in_sentence",
)

STATE_TYPES = {"GPE", "NORP"}
SPEECH_ACT_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "CONSULT"}


def confidence_features(facts: dict[str, Any]) -> list[float]:
    """The model's inputs, in ``FEATURE_NAMES`` order, from what the coder knows of an
    event (``facts``: see ``components.events.record.confidence_facts``).

    >>> len(confidence_features({"type": "ASSAULT", "modality": "asserted"}))
    27
    """
    modality = facts.get("modality") or "asserted"
    actor_types = facts.get("actor_types") or []
    target_types = facts.get("target_types") or []
    probability = facts.get("type_probability")
    values = {
        "phrase": facts.get("phrase", False),
        "ambiguous": facts.get("ambiguous", False),
        "noun": facts.get("noun", False),
        "unlisted": facts.get("unlisted", False),
        "type_probability": 0.5 if probability is None else probability,
        "root": facts.get("dep") == "ROOT",
        "embedded_clause": facts.get("dep") in ("relcl", "acl", "advcl", "pcomp", "amod"),
        "has_actor": facts.get("has_actor", False),
        "actor_named": bool(actor_types),
        "actor_person": "PERSON" in actor_types,
        "actor_state": bool(STATE_TYPES & set(actor_types)),
        "actor_pronoun": facts.get("actor_pronoun", False),
        "actor_long": (facts.get("actor_words") or 0) > 6,
        "has_target": facts.get("has_target", False),
        "target_named": bool(target_types),
        "target_pronoun": facts.get("target_pronoun", False),
        "target_long": (facts.get("target_words") or 0) > 6,
        "asserted": modality == "asserted",
        "negated": modality == "negated",
        "demanded": modality == "demanded",
        "threatened": modality == "threatened",
        "unreal": modality in ("planned", "hypothetical"),
        "reported": facts.get("reported", False),
        "assault": facts.get("type") == "ASSAULT",
        "speech_act": facts.get("type") in SPEECH_ACT_TYPES,
        "sentence_length": math.log1p(facts.get("sentence_words") or 0) / 5,
        "events_in_sentence": min(facts.get("events_in_sentence") or 1, 6) / 6,
    }
    return [float(values[name]) for name in FEATURE_NAMES]


class ConfidenceModel:
    """Logistic scores mapped through an isotonic calibration (piecewise linear)."""

    def __init__(self, weights: np.ndarray, bias: float, calibration_x: np.ndarray,
                 calibration_y: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.weights = weights
        self.bias = bias
        self.calibration_x = calibration_x
        self.calibration_y = calibration_y
        # The confidence from which faces show events, chosen on the development articles.
        self.threshold = threshold

    def score(self, features: list[float]) -> float:
        """The raw logistic probability."""
        z = float(np.dot(self.weights, np.asarray(features))) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def calibrated(self, score: float) -> float:
        """A raw score mapped to the share of events right, rounded to two places."""
        value = float(np.interp(score, self.calibration_x, self.calibration_y))
        return round(min(1.0, max(0.0, value)), 2)

    def confidence(self, features: list[float]) -> float:
        """The calibrated probability that the event is right."""
        return self.calibrated(self.score(features))

    def confidences(self, rows: list[list[float]]) -> list[float]:
        """``confidence`` of many events at once."""
        z = np.clip(np.asarray(rows) @ self.weights + self.bias, -30.0, 30.0)
        values = np.interp(1.0 / (1.0 + np.exp(-z)), self.calibration_x, self.calibration_y)
        return [round(float(v), 2) for v in np.clip(values, 0.0, 1.0)]

    def save(self, path: Any) -> None:
        np.savez(path, weights=self.weights, bias=np.array([self.bias]),
                 calibration_x=self.calibration_x, calibration_y=self.calibration_y,
                 threshold=np.array([self.threshold]), feature_names=np.array(FEATURE_NAMES))


@cache
def load_confidence_model() -> ConfidenceModel | None:
    """The shipped model, or None where the file is absent or was made for other features."""
    return read_confidence_model(resources.files("presslens.models"))


def read_confidence_model(directory: Traversable) -> ConfidenceModel | None:
    """The model kept in ``directory``, or None where the file is absent or was made for
    other features."""
    path = directory.joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with path.open("rb") as handle, np.load(handle) as arrays:
        if tuple(str(n) for n in arrays["feature_names"]) != FEATURE_NAMES:
            return None
        return ConfidenceModel(arrays["weights"].astype(float), float(arrays["bias"][0]),
                               arrays["calibration_x"].astype(float),
                               arrays["calibration_y"].astype(float),
                               float(arrays["threshold"][0]) if "threshold" in arrays.files
                               else DEFAULT_THRESHOLD)


def default_min_confidence() -> float:
    """The confidence from which events are shown unless the user asks otherwise."""
    model = load_confidence_model()
    return model.threshold if model is not None else 0.0


def is_shown(event: dict[str, Any], min_confidence: float) -> bool:
    """Whether an event record is shown at ``min_confidence`` (a record stored before
    events had a confidence is shown)."""
    confidence = event.get("confidence")
    return confidence is None or confidence >= min_confidence


def modality_of(event: dict[str, Any]) -> str:
    """An event record's modality, read from the old flags where a stored record has none."""
    if event.get("modality"):
        return event["modality"]
    if event.get("negated"):
        return "negated"
    return "hypothetical" if event.get("hypothetical") else "asserted"
