"""Relaying: an "according to" whose clause is itself an attribution tells who relays the
quotes it holds (``reported_by``), and is no quote of its own; "X quoted Y as saying …"
gives Y's words, relayed by X.
"""

from __future__ import annotations

from spacy.tokens import Doc

from presslens.components.quotes.context import Context
from presslens.components.quotes.record import QuoteRecord
from presslens.components.quotes.speakers import speaker_of
from presslens.components.quotes.subjects import quoted_as_saying


def relayed_attributions(doc: Doc, direct: list[QuoteRecord],
                         indirect: list[QuoteRecord]) -> list[QuoteRecord]:
    """'"We will expel them," the cleric said on Friday, according to PressTV': an
    "according to" whose clause is itself an attribution (its main verb a cue) tells
    who relays it, not a quote of its own; the quotes it holds get ``reported_by``.
    ("Protesters blocked the road, demanding jobs, according to officials" stays the
    officials' quote: its main verb is no cue.)"""
    kept = []
    for quote in indirect:
        cue = quote["cue"]
        if cue is None or not cue["text"].lower().startswith("according"):
            kept.append(quote)
            continue
        start, end = quote["content"]["start"], quote["content"]["end"]
        inner = [q for q in direct + indirect if q is not quote and q["cue"] is not None
                 and start <= q["cue"]["start"] < end
                 and _main_verb_at(doc, q["cue"]["start"])]
        if not inner:
            kept.append(quote)
            continue
        for relayed in inner:
            relayed["_reported_by"] = quote["_speaker"]
    return kept


def _main_verb_at(doc: Doc, offset: int) -> bool:
    """Whether the token at ``offset`` is its sentence's main verb (or one joined to
    it)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ == "ROOT"


def relayed_as_saying(ctx: Context, quotes: list[QuoteRecord]) -> None:
    """'IRNA quoted the minister as saying that …': the minister's words (the cue is
    "saying", whose speaker ``subject_of`` makes the one quoted) get ``reported_by``, the
    outlet that quoted him."""
    for quote in quotes:
        cue = quote["cue"]
        if cue is None or "_reported_by" in quote:
            continue
        span = ctx.doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
        verb = quoted_as_saying(span.root) if span is not None else None
        if verb is not None:
            relay = speaker_of(ctx, verb)
            if relay.head is not None:
                quote["_reported_by"] = relay
