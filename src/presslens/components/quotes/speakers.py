"""The speaker a cue's subject gives: the names in the phrase (every speaker of a joint
declaration), the text nearest the quote, the role, whether the source is unnamed, and whom a
spokesperson speaks for (``on_behalf_of``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from presslens.components.quotes.context import Context, mention_at
from presslens.components.quotes.descriptions import (
    described_person,
    given_the_role,
    renamed_subject,
    role_holder_before,
)
from presslens.components.quotes.names import counted_group, named_in, owner_of
from presslens.components.quotes.speaker import Speaker
from presslens.components.quotes.subjects import subject_of
from presslens.components.quotes.words import (
    ADDRESSEES,
    ANONYMOUS_HEADS,
    BODY_NOUNS,
    FINDING_NOUNS,
    GOVERNMENT_NOUNS,
    PERSON_SOURCES,
    PRESS_ROLES,
    PRIVATE_PERSONS,
    ROLE_NOUNS,
    SPOKESPEOPLE,
    SPOKESPERSONS,
    STATEMENT_NOUNS,
    TITLES,
    UNNAMED,
)
from presslens.components.speech_cues import mark_width


def speaker_of(ctx: Context, cue: Token) -> Speaker:
    """The speaker a cue gives: its subject's phrase, or an empty ``Speaker`` when it has none."""
    subject = subject_of(ctx, cue)
    if subject is None:
        return Speaker()
    return speaker_from_phrase(ctx, subject)


def speaker_from_phrase(ctx: Context, head: Token) -> Speaker:
    """The speaker a noun phrase gives: the entities it names (all of them for a joint
    subject), its text nearest the quote, the role, whether it is unnamed and whom a
    spokesperson speaks for."""
    members = [head] + [c for c in head.subtree if c.dep_ == "conj" and c.head == head]
    if head.tag_ == "NNS" and head.lemma_.lower() in ROLE_NOUNS:
        # "The foreign ministers of Saudi Arabia and Iran said": the countries or bodies
        # joined after "of" speak together, each through its holder of the office.
        owners = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"
                  for t in [p, *(g for g in p.subtree if g.dep_ == "conj")]
                  if t.i in ctx.cluster_of]
        if len(owners) > 1:
            members = owners
    clusters: list[int] = []
    named: list[Token] = []
    role_head: Token | None = None
    for member in members:
        index, token = named_in(ctx, member)
        if index is None and len(members) > 1 and \
                member.lemma_.lower() in ROLE_NOUNS:
            # "Biden and the Iraqi prime minister said in a joint statement": each
            # speaker of a joint declaration, a description as well as a name.
            index = described_person(ctx, member, exclude=frozenset(clusters))
            token = member
        if index is not None and index not in clusters:
            clusters.append(index)
            named.append(token)
            if token is not member:
                role_head = member  # "Baghdad Friday prayers leader Sayed Yasin al-Mousavi"
    if named and len(members) == 1 and not (
            role_head is head and named[0].i < head.i
            and ctx.clusters[clusters[0]].type != "PERSON"):
        # The speaker as written nearest: the name itself; but the whole phrase where the
        # name only says whose or where the speaker is ("the Florida senator", "a Pentagon
        # spokesman").
        mention = mention_at(ctx, named[0])
        start, end = mention.start_char, mention.end_char
    else:
        tokens = [t for t in head.subtree
                  if not any(a.dep_ in ("appos", "acl", "relcl", "prep") and t in a.subtree
                             for a in head.children)]
        tokens = [t for t in tokens if not t.is_punct or t.text in ("'", "’", "-")] or [head]
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    role = role_of(ctx, head, exclude=mention_at(ctx, named[0]) if named else None)
    if role is None and role_head is not None:
        role = role_head.text
    if role and all(w.lower().strip(".") in TITLES for w in role.split()):
        role = None  # "Sayed": an honorific, not a role
    speaker = Speaker(ctx.text[start:end], start, end, clusters, role, head=head)
    if len(members) == 1 and role_head is head and clusters and \
            ctx.clusters[clusters[0]].type != "PERSON" and \
            head.lemma_.lower() in ROLE_NOUNS:
        # "The World Health Organisation chief said", "Niger's president said": the
        # person the article describes so, before or in the next attribution.
        person = described_person(ctx, head)
        if person is not None:
            speaker.clusters = [person]
            speaker.resolved_from = "description"
        else:
            speaker.described = True
    # "Reports said" is an unnamed source; "the WHO's situation report said" is the WHO's,
    # found when the speakers are resolved.
    if not clusters and head.pos_ != "PRON" and (
            head.lower_ in ANONYMOUS_HEADS or head.lemma_.lower() in ANONYMOUS_HEADS) and \
            not (head.lemma_.lower() in STATEMENT_NOUNS
                 and any(c.dep_ == "poss" for c in head.children)):
        holder = role_holder_before(ctx, head) if len(members) == 1 else None
        if holder is None and len(members) == 1 and head.lemma_.lower() in ROLE_NOUNS:
            # "Salceda said … The lawmaker said": the one the sentence before was about,
            # where no one was given the role by name.
            holder = renamed_subject(ctx, head)
        if holder is not None:
            speaker.clusters = [holder]
            speaker.resolved_from = "description"
        else:
            speaker.anonymous = True
    if len(members) == 1 and head.pos_ in ("NOUN", "PROPN") and (
            any(c.lower_ in UNNAMED for c in head.children if c.dep_ == "amod")
            or counted_group(ctx, head, clusters)):
        # "An unnamed former congressional aide", "About 30 Senate Democrats": an
        # unnamed source or a group counted out, not the body named in the phrase.
        speaker.clusters = []
        speaker.anonymous = True
    if len(members) == 1:
        speaker.on_behalf_of = principal_of(ctx, head)
        if speaker.on_behalf_of is not None and speaker.role is None and \
                head.lemma_.lower() in SPOKESPERSONS:
            words = sorted([head] + [t for c in head.lefts if c.dep_ in ("amod", "compound")
                                     for t in c.subtree], key=lambda t: t.i)
            speaker.role = ctx.text[words[0].idx: head.idx + len(head.text)]
        if speaker.on_behalf_of is not None and not clusters and \
                not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            # "The military spokesperson for X said", after "Y, the military
            # spokesperson for X": the person given that role before.
            person = described_person(ctx,
                head, exclude=frozenset(speaker.on_behalf_of.clusters))
            if person is not None:
                speaker.clusters = [person]
                speaker.resolved_from = "description"
        elif speaker.on_behalf_of is None and not speaker.clusters and \
                head.lemma_.lower() in SPOKESPERSONS and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            # "The military spokesperson for the prime minister said", after "Yehia Rasool,
            # the military spokesperson for …", where the principal is only described.
            person = given_the_role(ctx, head)
            if person is not None:
                speaker.clusters = [person]
                speaker.resolved_from = "description"
    return speaker


def speaks_for_others(noun: Token) -> bool:
    """Whether a noun names someone who speaks for another: a spokesperson, or a press
    office ("press secretary", "media officer")."""
    lemma = noun.lemma_.lower()
    return lemma in SPOKESPERSONS or lemma in PRESS_ROLES and any(
        c.dep_ in ("compound", "amod") and c.lower_ in ("press", "media")
        for c in noun.children)


def principal_of(ctx: Context, head: Token) -> Speaker | None:
    """Whom a spokesperson speaks for: "the military spokesperson for Prime Minister X",
    "Pentagon spokesman John Kirby", "Yahya Rasool, the spokesperson for X"."""
    nouns = [head] + [c for c in head.children if c.dep_ in ("appos", "compound")]
    for noun in nouns:
        if not speaks_for_others(noun):
            continue
        owner = owner_of(ctx, noun)
        if owner is None:
            continue
        index, token = owner
        mention = mention_at(ctx, token)
        return Speaker(mention.text, mention.start_char, mention.end_char, [index],
                       head=token)
    after = head.right_edge.i + 1
    if head.lemma_.lower() in SPOKESPERSONS and after in ctx.cluster_of and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in head.children):
        # "A spokesperson for the EU's foreign policy chief Kaja Kallas", the name parsed
        # apart from the title before it: the one named is whom it speaks for.
        token = ctx.doc[after]
        mention = mention_at(ctx, token)
        return Speaker(mention.text, mention.start_char, mention.end_char,
                       [ctx.cluster_of[after]], head=token)
    return None


def role_of(ctx: Context, head: Token, exclude: Span | None = None) -> str | None:
    """"Fadel Jaber, a member of Sadeqoun coalition" -> "a member of Sadeqoun coalition";
    "US President Donald Trump" -> "US President"."""
    excluded = set(range(exclude.start, exclude.end)) if exclude is not None else set()
    for child in head.children:
        if child.dep_ == "appos" and not child.like_num and \
                child.idx not in ctx.quoted and \
                not mark_width(ctx.text, child.left_edge.idx):  # "Maria Lopez, 34, a nurse"
            tokens = [t for t in child.subtree if t.i not in excluded]
            if tokens:
                return ctx.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]
    modifiers = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
    # Not words of a quotation the parse hung on the name ('"…," the cleric X said').
    floor = max((end for _, end in ctx.stretch_ranges if end <= head.idx), default=-1)
    tokens = sorted({t for m in modifiers for t in m.subtree
                     if t.i not in excluded and t.idx > floor and not t.is_punct},
                    key=lambda t: t.i)
    while tokens and tokens[0].dep_ == "det":
        tokens.pop(0)
    if tokens and head.pos_ == "PROPN":
        return ctx.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]
    return None


def may_speak(speaker: Speaker) -> bool:
    """Whether a speaker phrase can be someone who speaks: named, a pronoun, or a noun
    of the person, source, statement or government lexicons, or of people described by
    who they are ("protesters", "the family")."""
    head = speaker.head
    if speaker.clusters or speaker.anonymous or head is None or head.pos_ != "NOUN":
        return True
    lemma = head.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma in ANONYMOUS_HEADS or \
        lemma in STATEMENT_NOUNS or lemma in SPOKESPEOPLE or lemma in GOVERNMENT_NOUNS \
        or lemma in ADDRESSEES or lemma in BODY_NOUNS or lemma in PRIVATE_PERSONS


def unnamed_person(speaker: Speaker) -> bool:
    """Whether a speaker is one person the article does not name ("a government
    spokesman", "the researcher")."""
    head = speaker.head
    if speaker.clusters and not speaker.described or head is None or \
            head.pos_ != "NOUN" or head.tag_ != "NN" or \
            any(c.dep_ == "conj" for c in head.children):
        return False
    lemma = head.lemma_.lower()
    return lemma not in STATEMENT_NOUNS and lemma not in FINDING_NOUNS and (
        lemma in ROLE_NOUNS or (speaker.anonymous and lemma in PERSON_SOURCES))
