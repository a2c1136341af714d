"""Relaying: an "according to" whose clause is itself an attribution tells who relays the
quotes it holds (``reported_by``), and is no quote of its own; "X quoted Y as saying …"
gives Y's words, relayed by X.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.components.quotes.context import Context
from presslens.components.quotes.record import Offsets, QuoteRecord
from presslens.components.quotes.speakers import speaker_from_phrase, speaker_of
from presslens.components.quotes.subjects import quoted_as_saying, relaying_passive
from presslens.components.quotes.words import (
    ANONYMOUS_HEADS,
    BODY_NOUNS,
    ROLE_NOUNS,
    SPOKESPEOPLE,
    STATEMENT_NOUNS,
)


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
        if not any(q["cue"] is not None and _main_verb_at(doc, q["cue"]["start"], joined=False)
                   for q in inner):
            # "According to an FBI summary, an aide sent an email …, and both told
            # investigators they knew nothing": the clause is more than the attribution
            # joined to it, and stays the source's quote while relaying the one inside.
            kept.append(quote)
        for relayed in inner:
            relayed["_reported_by"] = quote["_speaker"]
            if relayed["content"]["start"] < cue["start"] < relayed["content"]["end"]:
                # "The official said the deal was close, according to a statement …": what
                # was said ends before its relay.
                _end_content_at(doc.text, relayed, cue["start"])
    return kept


def _main_verb_at(doc: Doc, offset: int, *, joined: bool = True) -> bool:
    """Whether the token at ``offset`` is its sentence's main verb (or, with ``joined``,
    one joined to it)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    while joined and token.dep_ == "conj":
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
        # "Tasnim reported, citing an informed source, that …", '"…," IRNA quoted the
        # commander as saying': the one cited or quoted speaks, relayed by the one that
        # reported (the cue's own speaker, else the subject of the verb of quoting).
        cited = _cited_source(ctx.doc, cue["start"], quote["content"]["start"]) or (
            _quoted_one(span.root) if span is not None else None)
        if cited is not None:
            source = speaker_from_phrase(ctx, cited)
            if source.head is not None:
                relay = quote["_speaker"]
                if relay.head is None and span is not None:
                    relay = speaker_of(ctx, span.root)
                if relay.head is not None:
                    quote["_reported_by"] = relay
                quote["_speaker"] = source
                continue
        verb = quoted_as_saying(span.root) if span is not None else None
        if verb is None and span is not None and relaying_passive(span.root):
            verb = span.root  # '"…," the minister was quoted by IRNA as saying'
        if verb is not None:
            agent = next((g for c in verb.children if c.dep_ == "agent"
                          for g in c.children if g.dep_ == "pobj"), None)
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            if agent is not None:
                relay = speaker_from_phrase(ctx, agent)
            elif not passive:
                relay = speaker_of(ctx, verb)
            else:
                continue  # "was quoted as saying": by no one named
            if relay.head is not None:
                quote["_reported_by"] = relay


def _quoted_one(verb: Token) -> Token | None:
    """The object of an active "X quoted Y as saying" whose cue is the verb of quoting
    itself (the quotation stands before it), or None."""
    if verb.lemma_.lower() not in ("quote", "cite") or \
            any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    saying = any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.lemma_.lower() == "say" for g in c.children) for c in verb.children)
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return quoted if saying else None


def _cited_source(doc: Doc, after: int, before: int) -> Token | None:
    """The object of "citing" or "quoting" from a cue to what it reports ("reported, citing
    an informed source, that …"; the cue may be the participle itself), or None."""
    span = doc.char_span(after, before, alignment_mode="contract")
    if span is None:
        return None
    for token in span:
        if token.lower_ in ("citing", "quoting"):
            cited = next((c for c in token.children if c.dep_ == "dobj"), None)
            # Someone who speaks ("citing Kim's ability to …" gives a reason, not a source).
            if cited is not None and (
                    cited.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                    or cited.lemma_.lower() in ANONYMOUS_HEADS | ROLE_NOUNS | SPOKESPEOPLE
                    | STATEMENT_NOUNS | BODY_NOUNS):
                return cited
    return None


# Verbs by which an outlet relays what someone said ("…, IRNA reported"), besides
# "according to".
_RELAYING_REPORTS = frozenset({"report"})


def relayed_reports(ctx: Context, quotes: list[QuoteRecord]) -> list[QuoteRecord]:
    """'Baghaei said the sanctions had failed, IRNA reported', '"…," Baghaei said,
    according to IRNA', 'Araghchi said, "…" IRNA reported.': a report or an "according
    to" that holds someone's attribution, runs on from it, or repeats its words relays that
    quote (``reported_by``); one that runs on from it, repeats it or is an "according to"
    is no quote of its own, and a quote whose content ran on into the relaying words ends
    before them."""
    doc = ctx.doc
    dropped: set[int] = set()
    for relay in quotes:
        cue = relay["cue"]
        if cue is None or not _relays(doc, cue):
            continue
        start, end = relay["content"]["start"], relay["content"]["end"]
        relay_head = relay["_speaker"].head
        attribution = min(cue["start"], relay_head.left_edge.idx) \
            if relay_head is not None else cue["start"]
        for quote in quotes:
            inner = quote["cue"]
            if quote is relay or inner is None or id(quote) in dropped or _relays(doc, inner):
                continue
            q_start, q_end = quote["content"]["start"], quote["content"]["end"]
            holds = start <= inner["start"] < end and _attributes_at(doc, inner["start"], cue)
            runs_on = q_start < attribution < q_end and inner["start"] < attribution
            repeats = inner["start"] < start and inner["start"] < cue["start"] and \
                min(end, q_end) - max(start, q_start) >= (end - start) / 2
            if not (holds or runs_on or repeats):
                continue
            if runs_on:
                _end_content_at(ctx.text, quote, attribution)
            if repeats:
                _unquote_whole_quotation(ctx, quote)
            quote.setdefault("_reported_by", relay["_speaker"])
            # "According to an FBI summary, an aide sent an email …, and both told
            # investigators …": an attribution only joined to the clause leaves the rest of
            # it the source's own quote.
            joined = holds and _main_verb_at(doc, inner["start"]) and \
                not _main_verb_at(doc, inner["start"], joined=False)
            # '"…," Khazali told supporters, Tasnim reported': a report tagged on after the
            # attribution it holds relays it, as "according to" does.
            tagged = holds and cue["start"] >= end and not joined
            if runs_on or repeats or tagged or cue["text"].lower().startswith("according") \
                    and not joined:
                dropped.add(id(relay))
            # "NPR reported that the prime minister recommended …": the report holds an
            # attribution of its own and is a quote at its level of nesting, as the
            # annotation guidelines have it.
    return [q for q in quotes if id(q) not in dropped]


def _relays(doc: Doc, cue: Offsets) -> bool:
    if cue["text"].lower().startswith("according"):
        return True
    span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
    return span is not None and span.root.lemma_.lower() in _RELAYING_REPORTS


def _attributes_at(doc: Doc, offset: int, relay_cue: Offsets) -> bool:
    """Whether the cue at ``offset`` attributes a clause of the relayed sentence: its main
    verb, an attribution set into it ('…, Baghaei said, according to IRNA'), or the clause
    the relaying verb reports ('X said …, the state news agency reported')."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    relaying = doc.char_span(relay_cue["start"], relay_cue["end"], alignment_mode="expand")
    return span is not None and (
        _main_verb_at(doc, offset) or span[0].dep_ == "parataxis"
        or (relaying is not None and span[0].head.i == relaying.root.i))


def _end_content_at(text: str, quote: QuoteRecord, stop: int) -> None:
    end = stop
    while end > quote["content"]["start"] and text[end - 1] in " ,;–—-":
        end -= 1
    quote["content"] = {"start": quote["content"]["start"], "end": end,
                        "text": text[quote["content"]["start"]:end]}


def _unquote_whole_quotation(ctx: Context, quote: QuoteRecord) -> None:
    """'Araghchi said, "We will respond." IRNA reported.': a reported clause that is a whole
    quotation is that quotation, a direct quote without its marks."""
    stretch = next((s for s in ctx.stretches if quote["content"]["start"] <= s.start
                    and s.end <= quote["content"]["end"]), None)
    if stretch is None or quote["kind"] != "mixed" or \
            ctx.text[quote["content"]["start"]:stretch.start].strip(" \"“”'‘’") or \
            ctx.text[stretch.end:quote["content"]["end"]].strip(" \"“”'‘’"):
        return
    quote["kind"] = "direct"
    quote["content"] = {"start": stretch.start, "end": stretch.end,
                        "text": ctx.text[stretch.start:stretch.end]}
