"""The contract record of a quote as the passes find it, before ids, speakers and confidence
are settled.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from presslens.components.quotes.confidence import quote_confidence
from presslens.components.quotes.context import Context
from presslens.components.quotes.grammar import reporting_verb
from presslens.components.quotes.speaker import Speaker


def quote_record(ctx: Context, kind: str, doc: Doc, start: int, end: int, cue: Token | Span | None,
                 speaker: Speaker) -> dict[str, Any]:
    cue_record = None
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


def finish_records(ctx: Context, quotes: list[dict[str, Any]]) -> None:
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
            quote, ctx.text, ctx.clusters[clusters[0]].type if clusters else None)
