"""What the framing modules share: a record's fields, its sentence, how overlapping records
give way to one another, and the word lists of ``lexicons/framing_words.json``.

>>> overlaps([(0, 5), (10, 20)], 4, 8)
True
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import Any, Literal, NotRequired, TypedDict, cast

from spacy.tokens import Doc

from presslens.components import doc_memo, doc_text
from presslens.lexicons import lexicon_json

FRAMING_WORDS = "framing_words.json"


class SentenceOffsets(TypedDict):
    start: int
    end: int


class FramingSpan(TypedDict):
    """One framing flag as ``extract_framing`` returns it and ``doc._.framing`` holds it:
    the contract's fields (``spec/``: the span, ``label``, ``voice``, ``score``, the
    calibrated ``confidence`` and a one-line ``explanation``), the rule that raised it
    (``basis``), the side whose vocabulary a label belongs to, and ``_entity``, the labelled
    actor's local cluster, which the analysis turns into ``entity`` and then drops."""

    id: str
    start: int
    end: int
    text: str
    label: str
    score: float
    entity: str | None
    sentence: SentenceOffsets | None
    basis: str
    voice: Literal["outlet", "quoted"]
    confidence: float
    explanation: str
    side: NotRequired[str]
    _entity: int | None


# The fields every flag has once ``extract_framing`` has settled its voice, confidence,
# explanation and id (the rules build plain dicts, filled in as they go).
_SPAN_FIELDS = frozenset(FramingSpan.__annotations__) - {"side"}


def framing_span(record: dict[str, Any]) -> FramingSpan:
    """``record`` as a typed flag, once every field the contract needs is filled in; a
    record that lacks one is a bug in a rule, said at once rather than in the output."""
    missing = sorted(_SPAN_FIELDS - record.keys())
    if missing:
        raise ValueError(f"a framing record lacks {', '.join(missing)}: {record!r}")
    if record["voice"] not in ("outlet", "quoted"):
        raise ValueError(f"a framing record's voice is outlet or quoted: {record!r}")
    return cast(FramingSpan, record)

_SENTENCES_KEY = "presslens_framing_sentences"


def _sentence_bounds(doc: Doc, char: int) -> tuple[int, int] | None:
    """The character bounds of the sentence holding ``char``. The sentences are listed once
    per document: asking spaCy for a span's sentence walks the whole document each time,
    which made an article of thousands of short quotes quadratic."""
    cached = doc_memo(doc, "framing").get(_SENTENCES_KEY)
    if cached is None:
        bounds = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
        cached = ([b[0] for b in bounds], bounds)
        doc_memo(doc, "framing")[_SENTENCES_KEY] = cached
    starts, bounds = cached
    index = bisect_right(starts, char) - 1
    return bounds[index] if index >= 0 else None


def framing_record(doc: Doc, start: int, end: int, label: str, score: float,
                   entity: int | None = None, basis: str | None = None) -> dict[str, Any]:
    """A framing record of the characters ``start``..``end``: its ``basis`` is the label,
    or ``label:basis`` for a rule that raises the label for more than one reason; ``_entity``
    (the labelled actor's local cluster) is read by the analysis and left out of the
    contract's record."""
    sentence = _sentence_bounds(doc, start)
    return {"start": start, "end": end, "text": doc_text(doc)[start:end], "label": label,
            "score": round(score, 3), "entity": None,
            "sentence": {"start": sentence[0], "end": sentence[1]} if sentence else None,
            "basis": f"{label}:{basis}" if basis else label, "_entity": entity}


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``..``end`` overlaps any of ``spans`` (character bounds)."""
    return any(start < e and s < end for s, e in spans)


def without_overlaps(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records that overlap none kept before them, the earliest and then the longest
    first."""
    kept: list[dict[str, Any]] = []
    for record in sorted(records, key=lambda r: (r["start"], -r["end"])):
        if kept and record["start"] < kept[-1]["end"]:
            continue
        kept.append(record)
    return kept


@cache
def framing_words() -> dict[str, frozenset[str]]:
    """The word lists of ``lexicons/framing_words.json`` (vague sources, naming verbs, nouns
    of actors, acts and state power …) by name, each as a set."""
    return {key: frozenset(words) for key, words in lexicon_json(FRAMING_WORDS).items()
            if isinstance(words, list)}
