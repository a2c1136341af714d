"""Resolution of the speakers the phrase alone does not name, quote by quote in text order:
pronouns, descriptions, offices, pairs and bodies, a pronoun joined to a name, nationalities
for their country and short names for the full one; the speaker ranker where asked; and the
descriptions that introduce a person named further on.
"""

from __future__ import annotations

from functools import partial

from spacy.tokens import Token

from presslens.components.quotes.bodies import (
    body_before,
    country_for_nationality,
    latest_pair,
    named_body,
)
from presslens.components.quotes.context import Context, Stretches
from presslens.components.quotes.descriptions import (
    context_of,
    description_antecedent,
    link_cataphoric_descriptions,
)
from presslens.components.quotes.grammar import introduces_someone
from presslens.components.quotes.mentions import gender_of
from presslens.components.quotes.models import shipped_quote_models
from presslens.components.quotes.names import full_name, named_in
from presslens.components.quotes.pronouns import pronoun_antecedent, quoting_speaker
from presslens.components.quotes.record import QuoteRecord
from presslens.components.quotes.speaker import Speaker
from presslens.components.quotes.speaker_ranker import (
    RANKINGS_KEY,
    ArticleFacts,
    anchor_kind,
    points_back,
    speaker_candidates,
)
from presslens.components.quotes.words import (
    BODY_NOUNS,
    PAIR_NOUNS,
    PRONOUNS_FIRST,
    PRONOUNS_PLURAL,
    PRONOUNS_SINGULAR,
    ROLE_NOUNS,
    SPOKESPEOPLE,
    SPOKESPERSONS,
    STATEMENT_NOUNS,
    body_heads,
)
from presslens.components.speech_cues import reporting_verbs


def resolve_speakers(ctx: Context, quotes: list[QuoteRecord]) -> None:
    """Settle the speaker of each quote, in text order, where its phrase does not name them
    (a pronoun, a description, an office, a pair, a body), and write it to the record."""
    # People named inside someone's own words are rarely who "he" points back to; those
    # named in reported speech ("PBS revealed that the prince accepted …") often are.
    ctx.quoted = Stretches(ctx.stretch_ranges
                           + [(q["content"]["start"], q["content"]["end"])
                              for q in quotes if q["kind"] == "direct"])
    ctx.contents = Stretches(sorted((q["content"]["start"], q["content"]["end"])
                                    for q in quotes))
    facts = ArticleFacts(
        ctx.clusters, ctx.text, ctx.sentence_starts, ctx.quoted, ctx.contents,
        reporting_verbs(), ROLE_NOUNS, partial(gender_of, ctx), partial(context_of, ctx))
    previous: list[Speaker] = []
    for number, quote in enumerate(quotes):
        speaker: Speaker = quote["_speaker"]
        head = speaker.head
        # A speaker found by another speaker's words, or a cluster number.
        antecedent: Speaker | int | None
        unresolved = head is not None and not speaker.clusters and not speaker.anonymous
        if unresolved and head is not None:
            word = head.lower_
            if head.pos_ == "PRON" and word in PRONOUNS_FIRST and head.idx in ctx.quoted:
                # '… said "So we told the president we needed the government open."':
                # "we" inside someone's words is who speaks them.
                antecedent = quoting_speaker(ctx,
                    head, quotes[max(0, number - 20): number], previous)
                if antecedent is not None:
                    speaker.clusters = list(antecedent.clusters)
                    speaker.role = speaker.role or antecedent.role
                    speaker.resolved_from = "pronoun"
            elif head.pos_ == "PRON" and (word in PRONOUNS_SINGULAR | PRONOUNS_PLURAL
                                          or word == "it"):
                antecedent = pronoun_antecedent(ctx, head, previous)
                if isinstance(antecedent, Speaker):
                    speaker.clusters = list(antecedent.clusters)
                    speaker.anonymous = antecedent.anonymous
                    speaker.role = speaker.role or antecedent.role
                    speaker.resolved_from = "pronoun"
                    speaker.antecedent = antecedent
                elif antecedent is not None:
                    speaker.clusters = [antecedent]
                    speaker.resolved_from = "pronoun"
            elif head.lemma_.lower() in STATEMENT_NOUNS and (owner := next(
                    (c for c in head.children if c.dep_ == "poss"), None)) is not None:
                # "Its statement said", "Haig's LinkedIn page says", "CNN's projections":
                # a document speaks for whose it is.
                if owner.pos_ == "PRON":
                    found = pronoun_antecedent(ctx, owner, previous)
                    if isinstance(found, Speaker):
                        found = found.clusters[0] if found.clusters else None
                else:
                    found, _ = named_in(ctx, owner)
                    if found is None and owner.pos_ == "NOUN" and \
                            owner.lemma_.lower() in ROLE_NOUNS:
                        # "the judge's statement": the person the article gave that role.
                        found = description_antecedent(ctx, owner, previous)
                if found is not None:
                    speaker.clusters = [found]
                    speaker.resolved_from = "pronoun" if owner.pos_ == "PRON" else "description"
            elif head.pos_ in ("NOUN", "PROPN") and head.tag_ != "NNS" and \
                    not introduces_someone(head) and (
                    head.lemma_.lower() in ROLE_NOUNS
                    or head.lemma_.lower() in STATEMENT_NOUNS):
                antecedent = description_antecedent(ctx, head, previous)
                if antecedent is not None:
                    speaker.clusters = [antecedent]
                    speaker.resolved_from = "description"
            elif head.lemma_.lower() in SPOKESPEOPLE - SPOKESPERSONS and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
                # "his office said": the office speaks as the one "his" points back to.
                owner = next(c for c in head.children if c.dep_ == "poss")
                antecedent = pronoun_antecedent(ctx, owner, previous)
                if isinstance(antecedent, Speaker):
                    antecedent = antecedent.clusters[0] if antecedent.clusters else None
                if antecedent is not None:
                    speaker.clusters = [antecedent]
                    speaker.resolved_from = "pronoun"
            elif head.lemma_.lower() in PAIR_NOUNS and not introduces_someone(head):
                pair = latest_pair(ctx, head)
                if len(pair) == 2:
                    speaker.clusters = pair
                    speaker.resolved_from = "description"
            elif head.pos_ == "NOUN" and not introduces_someone(head) and (
                    head.tag_ != "NNS" or head.lemma_.lower() in body_heads()):
                # "police revealed": a mass noun the tagger calls plural is still one body.
                antecedent = named_body(ctx, head)
                if antecedent is None and head.lemma_.lower() in BODY_NOUNS:
                    antecedent = body_before(ctx, head, previous)
                if antecedent is not None:
                    speaker.clusters = [antecedent]
                    speaker.resolved_from = "description"
        if head is not None and (unresolved and ctx.rank_speakers or ctx.collect_rankings):
            _rank_speaker(ctx, facts, quote, speaker, head, previous, unresolved)
        if head is not None and speaker.clusters and head.pos_ == "PRON" and \
                head.lower_ in PRONOUNS_SINGULAR and any(
                    c.dep_ == "conj" for c in head.children):
            # "Both he and the county's commissioner Stephen Mold urged …": the pronoun
            # speaks too.
            antecedent = pronoun_antecedent(ctx, head, previous)
            if isinstance(antecedent, Speaker):
                antecedent = antecedent.clusters[0] if antecedent.clusters else None
            if antecedent is not None and antecedent not in speaker.clusters:
                speaker.clusters.insert(0, antecedent)
        country_for_nationality(ctx, speaker)
        speaker.clusters = list(dict.fromkeys(full_name(ctx, i) for i in speaker.clusters))
        if speaker.on_behalf_of is None and len(speaker.clusters) == 1:
            # "Carter's press secretary, Peter Cook, told …" then "Cook said": a
            # spokesperson goes on speaking for the one the article said they speak for.
            speaker.on_behalf_of = next(
                (p.on_behalf_of for p in reversed(previous)
                 if p.on_behalf_of is not None and p.clusters == speaker.clusters), None)
        quote["speaker"] = speaker.record()
        previous.append(speaker)
    link_cataphoric_descriptions(ctx, quotes)


def _rank_speaker(ctx: Context, facts: ArticleFacts, quote: QuoteRecord,
                  speaker: Speaker, head: Token, previous: list[Speaker], unresolved: bool
                  ) -> None:
    """Where the speaker is a pronoun or a description, let the speaker ranker overrule
    the rules' antecedent when it is surer of another by its margin
    (``components/speaker_ranker``).
    When collecting, named subjects are kept as examples too, the name hidden: what the
    ranker would have chosen had the article written "he" or "it" there."""
    doc = ctx.doc
    content = (quote["content"]["start"], quote["content"]["end"])
    if unresolved:
        kind = anchor_kind(head, ROLE_NOUNS)
        if not points_back(head, kind) or head.idx in ctx.quoted:
            return
        skip = None
    elif speaker.clusters and speaker.resolved_from is None and head.pos_ != "PRON" and \
            speaker.start is not None and speaker.end is not None:
        index = speaker.clusters[0]
        kind = ("she" if gender_of(ctx, index) == "f" else "he") \
            if ctx.clusters[index].type == "PERSON" else "it"
        skip = (speaker.start, speaker.end)
    else:
        return
    candidates = speaker_candidates(facts, head, content, previous, kind, skip)
    rule = next((i for i, c in enumerate(candidates)
                 if c.cluster is not None and c.cluster in speaker.clusters[:1]
                 or c.speaker is not None and c.speaker is speaker.antecedent), None)
    if ctx.collect_rankings:
        doc.user_data.setdefault(RANKINGS_KEY, []).append({
            "content": content, "masked": not unresolved, "kind": kind, "rule": rule,
            "speaker": (speaker.start, speaker.end),
            # A bare name ("Ruiz said") that a pronoun could stand in for.
            "bare": not unresolved and (speaker.start, speaker.end) == (
                min(t.idx for t in head.subtree),
                max(t.idx + len(t) for t in head.subtree)),
            "candidates": [(c.cluster, c.features) for c in candidates],
            "truth": speaker.clusters[0] if not unresolved else None})
    # An unnamed source who goes on ("A PMF commander told … He said") keeps the rules'.
    ranker = (ctx.models or shipped_quote_models()).speakers if unresolved and \
        ctx.rank_speakers and not speaker.anonymous else None
    choice = ranker.choose(candidates, rule) if ranker is not None else None
    if choice is None:
        return
    if speaker.antecedent is not None and speaker.role == speaker.antecedent.role:
        speaker.role = None  # the role came with the antecedent the ranker set aside
    if choice.cluster is not None:
        speaker.clusters = [choice.cluster]
        speaker.anonymous = False
        speaker.antecedent = None
    else:
        speaker.clusters = list(choice.speaker.clusters)
        speaker.anonymous = choice.speaker.anonymous
        speaker.role = speaker.role or choice.speaker.role
        speaker.antecedent = choice.speaker
    speaker.resolved_from = "pronoun" if head.pos_ == "PRON" else "description"
