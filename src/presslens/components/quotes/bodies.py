"""Speakers that are bodies: an organisation described by what it is ("the company", "the
embassy") or by the subject of the sentence before ("The ministry condemned … It said"), a
pair named together, and a government speaking through its nationality ("Saudi leaders").
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from presslens.components.clusters import country_of_nationality
from presslens.components.quotes.context import Context
from presslens.components.quotes.mentions import gender_of, latest_mention
from presslens.components.quotes.names import named_in
from presslens.components.quotes.speaker import Speaker
from presslens.components.quotes.text import paragraphs_between
from presslens.components.quotes.words import (
    ANONYMOUS_HEADS,
    BODY_NOUNS,
    GOVERNMENT_NOUNS,
    ROLE_NOUNS,
    STATE_NOUNS,
    STATEMENT_NOUNS,
)


def _subject_of_sentence_before(ctx: Context, pronoun: Token,
                                deps: tuple[str, ...] = ("nsubj", "nsubjpass")) -> Token | None:
    """The subject of the main verb of the sentence before the pronoun's, in the same
    paragraph and outside quoted words, or None."""
    position = bisect_right(ctx.sentence_starts, pronoun.i) - 1
    if position < 1:
        return None
    doc = pronoun.doc
    first, stop = ctx.sentence_starts[position - 1], ctx.sentence_starts[position]
    if "\n" in ctx.text[doc[first].idx: pronoun.idx]:
        return None
    root = next((t for t in doc[first:stop] if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in deps), None) \
        if root is not None else None
    if subject is None or subject.pos_ == "PRON" or subject.idx in ctx.quoted:
        return None
    return subject


def subject_before(ctx: Context, pronoun: Token, types: tuple[str, ...]) -> int | None:
    """The body that is the subject of the sentence before the pronoun's, in the same
    paragraph: named ("Kataib Hezbollah denied …") or described ("the militia vowed …"
    after "the Kataib Hezbollah militia")."""
    subject = _subject_of_sentence_before(ctx, pronoun)
    if subject is None:
        return None
    index, _ = named_in(ctx, subject)
    if index is None and subject.pos_ == "NOUN":
        index = state_of(ctx, subject)
    if index is None and subject.pos_ == "NOUN":
        index = named_body(ctx, subject)
    if index is not None and ctx.clusters[index].type in types:
        return index
    return None


def named_sides_before(ctx: Context, pronoun: Token, types: tuple[str, ...]) -> list[int]:
    """The bodies joined by "and" as the subject of the sentence before ("The United States
    and Iraq held talks on Monday. They said …"): "they" is both; empty unless two or more
    are named and all are of ``types``."""
    subject = _subject_of_sentence_before(ctx, pronoun)
    if subject is None or not any(c.dep_ == "conj" for c in subject.children):
        return []
    members, sides = [subject], []
    for member in members:  # the subject and its conjuncts, "A, B and C"
        members.extend(c for c in member.children if c.dep_ == "conj")
        index, _ = named_in(ctx, member)
        if index is None or ctx.clusters[index].type not in types:
            return []
        if index not in sides:
            sides.append(index)
    return sides if len(sides) > 1 else []


def unnamed_group_before(ctx: Context, pronoun: Token) -> Token | None:
    """The unnamed group of people or bodies that is the subject of the sentence before the
    pronoun's, in the same paragraph ("The militias blamed Washington …", "Iraqi
    resistance groups have vowed …"), or None."""
    subject = _subject_of_sentence_before(ctx, pronoun, ("nsubj",))
    if subject is None or subject.pos_ != "NOUN" or subject.tag_ != "NNS" or \
            any(c.dep_ == "conj" for c in subject.children) or \
            subject.lemma_.lower() not in BODY_NOUNS | ANONYMOUS_HEADS | ROLE_NOUNS:
        return None
    index, _ = named_in(ctx, subject)
    return subject if index is None and named_body(ctx, subject) is None else None


def latest_pair(ctx: Context, token: Token) -> list[int]:
    """"Ms Geller … and Mr Spencer … On their blogs the pair called …": the two people
    last named together, joined by "and", outside quoted words, within six sentences."""
    before = bisect_right(ctx.sentence_starts, token.i)
    horizon = ctx.sentence_starts[before - 6] if before >= 6 else 0
    for position in range(bisect_right(ctx.mention_starts, token.i - 1) - 1, -1, -1):
        start, start_char, _, index = ctx.mentions[position]
        if start < horizon:
            break
        if ctx.clusters[index].type != "PERSON" or start_char in ctx.quoted:
            continue
        root = ctx.mention_of[start].root
        if root.dep_ != "conj":
            continue
        partner = ctx.cluster_of.get(root.head.i)
        if partner is not None and partner != index and \
                ctx.clusters[partner].type == "PERSON":
            return [partner, index]
    return []


def body_before(ctx: Context, head: Token, previous: list[Speaker]) -> int | None:
    """"Whataburger told Fox News … “…,” the company said": a company or group
    described by what it is is the body that spoke just before, else the latest
    organisation named."""
    if previous and previous[-1].clusters and previous[-1].head is not None and \
            paragraphs_between(ctx.text, previous[-1].head.idx, head.idx) <= 1:
        index = previous[-1].clusters[0]
        cluster = ctx.clusters[index]
        if cluster.type == "ORG" or (cluster.type == "PERSON" and " " not in cluster.key
                                     and gender_of(ctx, index) is None):
            return index
    return latest_mention(ctx, head, ("ORG",))


def named_body(ctx: Context, head: Token) -> int | None:
    """"The embassy said" after "the US Embassy in London": the latest organisation
    named before whose name holds the noun."""
    lemma = head.lemma_.lower()
    best: tuple[int, int] | None = None
    for index, cluster in enumerate(ctx.clusters):
        if cluster.type != "ORG":
            continue
        for mention in cluster.mentions:
            # The noun in the name, or right after it ("the Kataib Hezbollah militia").
            after = head.doc[mention.end] if mention.end < len(head.doc) else None
            if mention.start < head.i and (
                    any(t.lemma_.lower() == lemma for t in mention)
                    or after is not None and after.i != head.i
                    and after.lemma_.lower() == lemma) \
                    and (best is None or mention.start > best[0]):
                best = (mention.start, index)
    return best[1] if best else None


def state_of(ctx: Context, noun: Token) -> int | None:
    """"The government of Burundi", "the authorities of Iraq": the state (or the body, as
    "the government of the Kurdistan Region") named after "of" that a noun for the whole of
    a state's power (``state_nouns``) stands for, or None; "the leader of" a country is
    someone else."""
    if noun.lemma_.lower() not in STATE_NOUNS:
        return None
    # The model often tags a state it does not know ("American Samoa") as an organisation.
    return next((ctx.cluster_of[o.i] for p in noun.rights
                 if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj" and o.i in ctx.cluster_of
                 and ctx.clusters[ctx.cluster_of[o.i]].type in ("GPE", "ORG")), None)


def country_for_nationality(ctx: Context, speaker: Speaker) -> None:
    """"The Turkish statement", "Saudi leaders": a government speaking through its
    nationality is the country, when the article names it ("Turkey"); so is a government
    "of" a country the article names."""
    head = speaker.head
    if head is not None and not speaker.clusters:
        state = state_of(ctx, head)
        if state is not None:
            speaker.clusters = [state]
            speaker.resolved_from = "description"
            return
    if head is not None and not speaker.clusters and \
            head.lemma_.lower() in STATEMENT_NOUNS | GOVERNMENT_NOUNS:
        # "the Saudi government said": the nationality word the model tagged alone.
        speaker.clusters = [ctx.cluster_of[c.i] for c in head.children
                            if c.dep_ in ("amod", "compound") and c.i in ctx.cluster_of
                            and ctx.clusters[ctx.cluster_of[c.i]].type == "NORP"][:1]
    if head is None or len(speaker.clusters) != 1 or \
            ctx.clusters[speaker.clusters[0]].type != "NORP" or \
            head.lemma_.lower() not in STATEMENT_NOUNS | GOVERNMENT_NOUNS:
        return
    country = country_of_nationality(ctx.clusters, speaker.clusters[0])
    if country is not None:
        speaker.clusters = [country]
        speaker.resolved_from = "description"
