"""The trained models the quote component runs on, and where they are kept: the confidence
model (``quote_confidence.npz``) and the speaker ranker (``speaker_ranker.npz``). The
component reads the shipped ones until ``from_disk`` gives it others."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from presslens.components.quotes.confidence import MODEL_FILE as CONFIDENCE_FILE
from presslens.components.quotes.confidence import (
    QuoteConfidence,
    read_confidence_model,
    shipped_confidence_model,
)
from presslens.components.quotes.speaker_ranker import MODEL_FILE as RANKER_FILE
from presslens.components.quotes.speaker_ranker import SpeakerRanker, read_speaker_ranker

# The files a quote component's models are kept in (``to_disk`` writes them).
MODEL_FILES = (CONFIDENCE_FILE, RANKER_FILE)


@dataclass(frozen=True, slots=True)
class QuoteModels:
    """The confidence model (None: quotes come without a confidence) and the speaker ranker
    (None: the rules' speakers stand)."""

    confidence: QuoteConfidence | None
    speakers: SpeakerRanker | None


def read_quote_models(directory: Traversable) -> QuoteModels:
    """The models kept in ``directory`` (as ``QuoteExtractor.to_disk`` writes them)."""
    return QuoteModels(read_confidence_model(directory), read_speaker_ranker(directory))


@cache
def shipped_quote_models() -> QuoteModels:
    """The models shipped in ``presslens/models``, read once (the confidence model is the
    one the faces read their default threshold from)."""
    return QuoteModels(shipped_confidence_model(),
                       read_speaker_ranker(resources.files("presslens.models")))
