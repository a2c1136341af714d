"""How likely a quote is right: its content and its speaker both.

A logistic regression (``models/quote_confidence.npz``, trained by
``scripts/train_quote_confidence.py``) over what the record says of how the quote was found:
its kind and cue class, how the speaker was found (a name in the cue's subject, a pronoun, a
description, a continuation, none), how far the speaker stands from the quote and across how
many paragraphs, whether the source is anonymous, the speaker's entity type, the length of
the content. The weights are a few hundred numbers; scoring a quote is a sum and a sigmoid.

>>> quote_features({"kind": "direct", "cue": None, "cue_class": None,
...                 "content": {"start": 0, "end": 5, "text": "Yes."},
...                 "speaker": {"text": None}}, "Yes.", None)[:2]
['kind=direct', 'cue=none']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from presslens.learning import LinearClassifier, read_models

MODEL_FILE = "quote_confidence.npz"
# Used when the model file is absent (a checkout without models): every quote shown.
FALLBACK_THRESHOLD = 0.0
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


def quote_features(quote: Mapping[str, Any], text: str, entity_type: str | None) -> list[str]:
    """The binary features of one quote record (``entity_type``: the speaker's entity type,
    None when unnamed)."""
    speaker = quote.get("speaker") or {}
    content = quote["content"]
    cue = quote.get("cue")
    features = [f"kind={quote['kind']}",
                "cue=none" if cue is None else f"cue_class={quote.get('cue_class')}"]
    if cue is not None and cue["text"].lower().startswith("according"):
        features.append("cue=according")
    words = len(content["text"].split())
    features.append("words" + _bucket(words, (4, 8, 16, 32, 64)))
    if "\n" in content["text"]:
        features.append("content_crosses_line")
    written = (speaker.get("text") or "").strip()
    resolved = speaker.get("resolved_from")
    if not written:
        found = "none"
    elif written.lower() in _PRONOUNS:
        found = "pronoun"
    elif resolved:
        found = resolved
    else:
        found = "subject"
    features.append(f"found={found}")
    if resolved and found != resolved:
        features.append(f"resolved={resolved}")
    features.append(f"type={entity_type or 'none'}")
    features.append(f"found={found}&type={entity_type or 'none'}")
    features.append(f"kind={quote['kind']}&found={found}")
    if speaker.get("anonymous"):
        features.append("anonymous")
    if speaker.get("role"):
        features.append("role")
    if speaker.get("on_behalf_of"):
        features.append("on_behalf_of")
    if quote.get("reported_by"):
        features.append("reported_by")
    if len(written.split()) > 6:
        features.append("long_speaker_phrase")
    start = speaker.get("start")
    if start is not None:
        if content["start"] <= start < content["end"]:
            features.append("speaker_inside_content")
        else:
            gap = content["start"] - speaker["end"] if start < content["start"] \
                else start - content["end"]
            side = "before" if start < content["start"] else "after"
            features.append(f"speaker_{side}")
            features.append("gap" + _bucket(max(gap, 0), (3, 20, 60, 200)))
            low, high = sorted((start, content["start"]))
            features.append("paragraphs" + _bucket(text.count("\n", low, high), (1, 2, 3)))
    return features


@dataclass(frozen=True, slots=True)
class QuoteConfidence:
    """The confidence model and the threshold chosen with it."""

    model: LinearClassifier
    threshold: float


def read_confidence_model(directory: Traversable) -> QuoteConfidence | None:
    """The model kept in ``directory``, or None where its file is absent."""
    found = read_models(MODEL_FILE, directory)
    if found is None:
        return None
    models, meta = found
    return QuoteConfidence(models[""], float(meta.get("threshold", FALLBACK_THRESHOLD)))


@cache
def shipped_confidence_model() -> QuoteConfidence | None:
    return read_confidence_model(resources.files("presslens.models"))


def default_threshold() -> float:
    """The confidence at or above which faces show a quote (chosen on dev data for 0.90
    precision)."""
    shipped = shipped_confidence_model()
    return shipped.threshold if shipped is not None else FALLBACK_THRESHOLD


def quote_confidence(quote: Mapping[str, Any], text: str, entity_type: str | None,
                     confidence: QuoteConfidence | None) -> float | None:
    """P(content and speaker are both right) by ``confidence``, or None without one."""
    if confidence is None:
        return None
    features = quote_features(quote, text, entity_type)
    return round(confidence.model.probabilities(features)["right"], 3)
