"""Speakers given by a pronoun: "we" inside quoted words is who speaks them; "he", "she",
"they" and "it" point back to the previous speaker who fits, a subject in between, the body
the sentence before is about, or the latest fitting mention.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from presslens.components.quotes.bodies import (
    named_sides_before,
    subject_before,
    unnamed_group_before,
)
from presslens.components.quotes.context import Context
from presslens.components.quotes.mentions import fits, latest_mention
from presslens.components.quotes.names import named_in
from presslens.components.quotes.record import QuoteRecord
from presslens.components.quotes.speaker import Speaker
from presslens.components.quotes.speakers import unnamed_person
from presslens.components.quotes.text import paragraphs_between
from presslens.components.quotes.words import PRONOUNS_PLURAL


def quoting_speaker(ctx: Context, pronoun: Token, quotes: list[QuoteRecord],
                    previous: list[Speaker]) -> Speaker | None:
    """Who speaks the quoted words that hold a first-person pronoun: the speaker of the
    direct quote around it, else the last named speaker of the same paragraph."""
    for quote in reversed(quotes):
        content = quote["content"]
        if quote["kind"] == "direct" and content["start"] <= pronoun.idx < content["end"]:
            found: Speaker = quote["_speaker"]
            return found if found.clusters and found.head is not None and \
                found.head.i != pronoun.i else None
    paragraph = ctx.text.rfind("\n", 0, pronoun.idx)
    for speaker in reversed(previous):
        if speaker.head is None or speaker.head.idx <= paragraph:
            break
        if speaker.clusters and speaker.head.i < pronoun.i:
            return speaker
    return None


def pronoun_antecedent(ctx: Context, pronoun: Token, previous: list[Speaker]
                       ) -> Speaker | int | None:
    """The previous speaker when they fit the pronoun (news copy names a speaker, then
    goes on with "he said"), else the latest fitting mention."""
    plural = pronoun.lower_ in PRONOUNS_PLURAL
    # "It continued": a body, which English calls "it" as well as "they".
    body = plural or pronoun.lower_ in ("it", "its")
    # A nationality is "they" ("the Saudis"), never "it".
    wanted = ("ORG", "GPE", "NORP") if plural else ("ORG", "GPE") if body else ("PERSON",)
    if plural:
        sides = named_sides_before(ctx, pronoun, wanted)
        if sides:
            # "The United States and Iraq held talks. They said …": both speak.
            return Speaker(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun), sides,
                           head=pronoun)
    if body:
        # "The ministry condemned the raids. It said …": the body the sentence before is
        # about, over earlier speakers and bodies named in passing.
        subject = subject_before(ctx, pronoun, wanted)
        if subject is not None:
            return subject
    if plural:
        group = unnamed_group_before(ctx, pronoun)
        if group is not None:
            # "The militias blamed Washington for the strike. They said …": the militias,
            # unnamed, not Washington, the latest name.
            left, right = group.left_edge, group.right_edge
            return Speaker(ctx.text[left.idx:right.idx + len(right)], left.idx,
                           right.idx + len(right), [], None, head=group)
    if body and not plural:
        # "the US government expelled diplomats for what it said was …": the subject of
        # a clause that holds "it" is what it points back to.
        for ancestor in pronoun.ancestors:
            clause_subject = next((c for c in ancestor.children if c.dep_ == "nsubj"
                                   and c.i < pronoun.i and c.pos_ != "PRON"), None)
            if clause_subject is not None:
                index, _ = named_in(ctx, clause_subject)
                if index is not None and ctx.clusters[index].type in wanted:
                    return index
                break
    for back, speaker in enumerate(reversed(previous[-3:])):
        if speaker.head is None or speaker.head.i >= pronoun.i:
            continue
        if back == 0 and not body and unnamed_person(speaker) and \
                paragraphs_between(ctx.text, speaker.head.idx, pronoun.idx) <= 1:
            # "A government spokesman said … He added: …": the unnamed source goes on.
            return speaker
        if speaker.clusters:
            if ctx.clusters[speaker.clusters[0]].type in wanted and \
                    fits(ctx, speaker.clusters[0], pronoun):
                between = None if body else _subject_between(ctx, speaker.head, pronoun)
                return speaker if between is None or between in speaker.clusters \
                    else between
            continue
        is_plural = speaker.head.tag_ in ("NNS", "NNPS") or any(
            c.dep_ == "conj" for c in speaker.head.children)
        if plural and is_plural and speaker.head.pos_ != "PRON":
            return speaker
    return latest_mention(ctx, pronoun, wanted, pronoun=pronoun)


def _subject_between(ctx: Context, earlier: Token, pronoun: Token) -> int | None:
    """"Campbell was working on a sculpt. After the convention, he told …": a person
    who is the subject of a sentence of the pronoun's own paragraph, after the previous
    speaker and outside quoted words, is who the pronoun points back to; so is the subject
    of reported speech ("The Sun reported Cummings had been sick … his office said")."""
    paragraph = ctx.text.rfind("\n", 0, pronoun.idx)
    first = bisect_right(ctx.mention_starts, earlier.i)
    last = bisect_right(ctx.mention_starts, pronoun.i - 1)
    for position in range(last - 1, first - 1, -1):
        start, start_char, subject, index = ctx.mentions[position]
        if start_char <= paragraph:
            break
        if subject and ctx.clusters[index].type == "PERSON" and \
                start_char not in ctx.quoted and \
                fits(ctx, index, pronoun):
            return index
    return None
