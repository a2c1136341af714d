"""The contract record of a quote as the passes find it, before ids, speakers and confidence
are settled.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from spacy.tokens import Span, Token

from presslens.components.quotes.confidence import quote_confidence
from presslens.components.quotes.context import Context
from presslens.components.quotes.grammar import reporting_verb
from presslens.components.quotes.models import shipped_quote_models
from presslens.components.quotes.speaker import Speaker


class Offsets(TypedDict):
    """A stretch of the text by character offsets, with the text itself."""

    start: int
    end: int
    text: str


class QuoteRecord(TypedDict):
    """One quote as the output contract has it (``spec/``), and, while the passes work, what
    they leave for one another: the ``Speaker`` found, the quote a continuation continues
    and who relays it (dropped by ``finish_records``)."""

    id: str
    kind: str
    content: Offsets
    cue: Offsets | None
    cue_class: str | None
    speaker: dict[str, Any]
    continues: NotRequired[str]
    reported_by: NotRequired[dict[str, Any]]
    confidence: NotRequired[float | None]
    _speaker: NotRequired[Speaker]
    _continues: NotRequired[QuoteRecord]
    _reported_by: NotRequired[Speaker]


def quote_record(ctx: Context, kind: str, start: int, end: int, cue: Token | Span | None,
                 speaker: Speaker) -> QuoteRecord:
    """The record of a quote found: ``kind``, ``content`` and ``cue`` by character offsets,
    the cue's class, the speaker (and the ``Speaker`` itself, for the later passes)."""
    cue_record: Offsets | None = None
    if cue is not None:
        cue_start = cue.idx if isinstance(cue, Token) else cue.start_char
        cue_end = cue_start + len(cue.text)
        cue_record = {"start": cue_start, "end": cue_end, "text": ctx.text[cue_start:cue_end]}
    entry = reporting_verb(cue) if isinstance(cue, Token) else None
    return {
        "id": "",
        "kind": kind,
        "content": {"start": start, "end": end, "text": ctx.text[start:end]},
        "cue": cue_record,
        "cue_class": entry.verb_class if entry else ("neutral" if cue is not None else None),
        "speaker": speaker.record(),
        "_speaker": speaker,
    }


def finish_records(ctx: Context, quotes: list[QuoteRecord]) -> None:
    """Number the quotes found, in text order, and settle what refers to other records:
    the quote a continuation continues, who relays a quote, and each quote's confidence."""
    for number, quote in enumerate(quotes, start=1):
        quote["id"] = f"q{number}"
    for quote in quotes:
        continued = quote.pop("_continues", None)
        if continued is not None:
            quote["continues"] = continued["id"]
        quote.pop("_speaker", None)
        relay = quote.pop("_reported_by", None)
        if relay is not None:
            quote["reported_by"] = relay.reference()
        clusters = quote["speaker"]["_clusters"]
        quote["confidence"] = quote_confidence(
            quote, ctx.text, ctx.clusters[clusters[0]].type if clusters else None,
            (ctx.models or shipped_quote_models()).confidence)
