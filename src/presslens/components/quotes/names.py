"""Which entity a speaker phrase names: its head, a person in apposition or compound, the owner
of an office or a statement ("Erdogan's office"), a surname or a short name of someone named
in full before.
"""

from __future__ import annotations

from spacy.tokens import Token

from presslens.components.quotes.context import Context, mention_at
from presslens.components.quotes.grammar import phrase_tokens
from presslens.components.quotes.words import (
    PRIVATE_PERSONS,
    ROLE_NOUNS,
    SPOKESPEOPLE,
    SPOKESPERSONS,
    TITLES,
)
from presslens.resolve.names import mention_key


def counted_group(ctx: Context, head: Token, clusters: list[int]) -> bool:
    """"About 30 Senate Democrats": a group of a nationality or party counted out, not the
    body it names."""
    return head.tag_ in ("NNS", "NNPS") and len(clusters) == 1 and \
        ctx.clusters[clusters[0]].type == "NORP" and any(
            c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in ("many", "several"))
            for c in head.children)


def named_in(ctx: Context, member: Token) -> tuple[int | None, Token]:
    """The entity a speaker phrase names: its head, else a person in apposition or
    compound ("prayers leader Sayed Yasin al-Mousavi"), else an organisation compound."""
    if member.i in ctx.cluster_of:
        index = ctx.cluster_of[member.i]
        if ctx.clusters[index].type == "PERSON":
            return index, member
        # "Senior World Health Organization (WHO) official Peter Salama": the parse may
        # make the organisation the head; the person in the same phrase is the speaker.
        person = next((t for t in phrase_tokens(member) if t.i in ctx.cluster_of
                       and ctx.clusters[ctx.cluster_of[t.i]].type == "PERSON"), None)
        if person is not None:
            return ctx.cluster_of[person.i], person
        return index, member
    appositive_person = next(
        (t for c in member.subtree if c.dep_ == "appos" for t in phrase_tokens(c)
         if t.i in ctx.cluster_of
         and ctx.clusters[ctx.cluster_of[t.i]].type == "PERSON"), None)
    if appositive_person is not None:
        # "The spokesman for the Kremlin, Dmitry Peskov, said": the named person speaks.
        return ctx.cluster_of[appositive_person.i], appositive_person
    if member.lemma_.lower() in SPOKESPEOPLE - SPOKESPERSONS:
        # "Erdogan's office said", "the ministry's statement said": they speak as the
        # person or body they belong to. (A spokesperson is a speaker of their own, who
        # speaks on behalf of the principal: see ``speakers.principal_of``.)
        owner = owner_of(ctx, member)
        if owner is not None:
            return owner
    if member.text[:1].isupper() and (member.pos_ == "PROPN" or member.dep_ == "nsubj"):
        # "Chaput said": a surname the model did not tag, of a person named in full (the
        # parse may even take it for a verb, "Franken said").
        key = mention_key(member.text, "PERSON")
        owners = {i for i, c in enumerate(ctx.clusters) if c.type == "PERSON"
                  and c.key and c.key.split()[-1] == key}
        if len(owners) == 1:
            return owners.pop(), member
        # "Nigeria previously announced …": a country or body the model did not tag
        # here, spelled as the article names it elsewhere.
        words = [t for t in member.lefts if t.dep_ == "compound"] + [member]
        phrase = " ".join(t.text for t in words)
        for index, cluster in enumerate(ctx.clusters):
            if cluster.type in ("GPE", "ORG") and cluster.key and \
                    cluster.key == mention_key(phrase, cluster.type):
                return index, member
        # "The Mail reports" after "the Daily Mail": the last word of one organisation's
        # name, the way papers shorten theirs.
        key = mention_key(phrase, "ORG")
        owners = {i for i, c in enumerate(ctx.clusters) if c.type == "ORG" and key
                  and c.key and c.key.endswith(" " + key)}
        if len(owners) == 1:
            return owners.pop(), member
    if member.lemma_.lower() in ROLE_NOUNS or member.lower_ in TITLES:
        # "Former US Ambassador to the United Nations Nikki Haley": the parse hangs the
        # name on the title's last word; the name that closes the title is the speaker.
        last = max((t for t in member.subtree if not t.is_punct), key=lambda t: t.i)
        principal = owner_of(ctx, member) if member.lemma_.lower() in SPOKESPERSONS \
            else None
        if principal is not None and mention_at(ctx, principal[1]).start <= last.i:
            pass  # "the spokesperson for Prime Minister X": X is whom they speak for
        elif last.i > member.i and last.i in ctx.cluster_of and \
                ctx.clusters[ctx.cluster_of[last.i]].type == "PERSON":
            first = mention_at(ctx, last)[0]
            if first.i > 0 and first.nbor(-1).pos_ == "PROPN":
                return ctx.cluster_of[last.i], last
    candidates = [t for t in member.subtree if t.i in ctx.cluster_of and
                  (t.dep_ in ("appos", "compound") and t.head == member
                   or t.head.dep_ in ("appos", "compound") and t.head.head == member)]
    if member.lemma_.lower() in PRIVATE_PERSONS:
        # "a Texas teenager", "the McGill student", "a Biden voter": a name that modifies
        # such a noun says where they are from or whose side they take; only a name in
        # apposition names them.
        candidates = [t for t in candidates if "compound" not in (t.dep_, t.head.dep_)]
    for wanted in (("PERSON",), ("ORG", "GPE")):
        if wanted != ("PERSON",) and member.lemma_.lower() in PRIVATE_PERSONS:
            break  # "a Texas teenager": not Texas
        for token in candidates:
            if ctx.clusters[ctx.cluster_of[token.i]].type in wanted:
                return ctx.cluster_of[token.i], token
    return None, member


def owner_of(ctx: Context, member: Token) -> tuple[int, Token] | None:
    """The person or body a noun belongs to ("Erdogan's office", "a spokesman for the
    ministry", "the spokesperson for Prime Minister X"). The nearest word first: "Iran's
    Foreign Ministry spokesman" speaks for the ministry, which belongs to Iran."""
    for child in sorted(member.children, key=lambda c: abs(c.i - member.i)):
        owner = child if child.dep_ in ("poss", "amod", "compound") else next(
            (c for c in child.children if c.dep_ == "pobj"),
            None) if child.dep_ == "prep" and child.lower_ in ("for", "of") else None
        if owner is None and child.dep_ == "prep" and child.lower_ in ("for", "of") and \
                not any(True for _ in child.children):
            # The parse can leave "for" dangling and make the name a second subject of
            # the verb: the first name after it.
            named = [t for t in member.doc[child.i + 1: child.i + 10]
                     if t.i in ctx.cluster_of]
            owner = next((t for t in named
                          if ctx.clusters[ctx.cluster_of[t.i]].type == "PERSON"),
                         named[0] if named else None)
        if owner is None:
            continue
        if owner.i in ctx.cluster_of:
            return ctx.cluster_of[owner.i], owner
        if child.dep_ == "prep":
            index, token = named_in(ctx, owner)
            if index is not None:
                return index, token
    return None


def full_name(ctx: Context, index: int) -> int:
    """"Tedros said", "Lu said" after "Tedros Adhanom Ghebreyesus", "Lu Kang": a
    single name that opens exactly one person's full name, given before, is that
    person."""
    cluster = ctx.clusters[index]
    key = cluster.key
    if cluster.type != "PERSON" or not key or " " in key:
        return index
    first = cluster.mentions[0].start
    owners = [i for i, c in enumerate(ctx.clusters) if c.type == "PERSON" and i != index
              and len(c.key.split()) > 1 and c.key.split()[0] == key
              and c.mentions[0].start < first]
    return owners[0] if len(owners) == 1 else index
