"""Speakers given by a description ("the cleric", "the MP", "the statement"): the person the
article gave that role, under any of its names, and the description that introduces someone
named by the next quote ("the secretary general of …" then "Akram al-Kaabi wrote").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from presslens.components.quotes.context import Context
from presslens.components.quotes.grammar import introduces_someone
from presslens.components.quotes.names import named_in
from presslens.components.quotes.record import QuoteRecord
from presslens.components.quotes.speaker import Speaker
from presslens.components.quotes.text import paragraphs_between
from presslens.components.quotes.words import (
    FAMILY_NOUNS,
    MINISTRY_PORTFOLIOS,
    PRIVATE_PERSONS,
    ROLE_ABBREVIATIONS,
    ROLE_NOUNS,
    STATEMENT_NOUNS,
    role_synonyms,
)
from presslens.lexicons import lexicon_lines


def described_person(ctx: Context, head: Token, exclude: frozenset[int] = frozenset()
                     ) -> int | None:
    """The latest person named before ``head`` whose role, as the article gives it,
    holds the noun ("AU trade and industry commissioner Albert Muchanga" for "the
    commissioner")."""
    lemma = head.lemma_.lower()
    best: tuple[int, int] | None = None
    for index, cluster in enumerate(ctx.clusters):
        if cluster.type != "PERSON" or cluster.mentions[0].start >= head.i or \
                index in exclude:
            continue
        if lemma in context_of(ctx, index):
            latest = max(m.start for m in cluster.mentions if m.start < head.i)
            if best is None or latest > best[0]:
                best = (latest, index)
    return best[1] if best else None


def renamed_subject(ctx: Context, head: Token) -> int | None:
    """"Joey Salceda filed a bill. Salceda said … The lawmaker said …": a definite role noun
    opening the sentence after one about a single named person, who was given no role of
    another name, is that person; None otherwise."""
    if head.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the"
                                    for c in head.children):
        return None
    subject = _previous_subject(ctx, head)
    return subject if subject is not None and not _given_a_role(ctx, subject) else None


def _sole_holder(ctx: Context, head: Token, *, at_mention: bool) -> int | None:
    """The one person named before ``head`` whose role holds its noun under any of its names,
    as given right at a mention (``at_mention``: a title before the name, an apposition
    after it) or anywhere near one; None when no one or several are. With two lawmakers
    named, "the lawmaker" is for the reader to tell apart."""
    lemma = head.lemma_.lower()
    words = role_synonyms().get(lemma, frozenset({lemma}))
    holders = [index for index, cluster in enumerate(ctx.clusters)
               if cluster.type == "PERSON" and cluster.mentions[0].start < head.i and (
                   any(m.start < head.i and words & _role_words(m) for m in cluster.mentions)
                   if at_mention else words & context_of(ctx, index))]
    return holders[0] if len(holders) == 1 else None


def role_holder_before(ctx: Context, head: Token) -> int | None:
    """The person named before "the lawmaker" with that office under any of its names
    ("MP Ali Rezaei … The lawmaker said"): a definite, singular role noun that the
    anonymous-source list would otherwise read as an unnamed source."""
    if head.tag_ != "NN" or head.lemma_.lower() not in ROLE_NOUNS or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    return _sole_holder(ctx, head, at_mention=False)


def given_the_role(ctx: Context, head: Token) -> int | None:
    """The one person named before ``head`` who was given its role right at a mention (the
    title before the name, or the apposition after it: "Yehia Rasool, the military
    spokesperson for …"), not a person merely near the role's words (the prime minister
    that spokesperson speaks for)."""
    return _sole_holder(ctx, head, at_mention=True)


def description_antecedent(ctx: Context, head: Token, previous: list[Speaker]
                           ) -> int | None:
    """The person, or the speaker of a statement, a description points back to: "the
    statement" is the last named speaker's, "the cleric" the person the article gave that
    role (under any of its names), else the person mentioned most."""
    lemma = head.lemma_.lower()
    if lemma in STATEMENT_NOUNS:
        issuer = _issuer_before(ctx, head)
        if issuer is not None:
            return issuer
        for speaker in reversed(previous):
            if speaker.clusters:
                return speaker.clusters[0]
        return None
    # The person whose role, as the article gave it, contains the noun ("the cleric"):
    # one given it right at a mention ("Sen. Al Franken") before one merely near it.
    # The same office under another name counts ("Lawmaker X … the MP").
    words = role_synonyms().get(lemma, frozenset({lemma}))
    found: tuple[int, int, int] | None = None
    for index, cluster in enumerate(ctx.clusters):
        if cluster.type != "PERSON" or cluster.mentions[0].start >= head.i:
            continue
        if words & context_of(ctx, index):
            close = int(any(words & _role_words(m) for m in cluster.mentions
                            if m.start < head.i))
            candidate = (close, -index, index)
            if found is None or candidate > found:
                found = candidate
    if found is not None:
        return found[2]
    if lemma in FAMILY_NOUNS:
        return None  # "the mother": only the article's own wording can tell whose
    subject = _previous_subject(ctx, head)
    if subject is not None and not _given_a_role(ctx, subject):
        # Only for someone the article gave no other role: "Deputy Minister Pavel Orlov
        # told reporters … The region's governor said" is someone else.
        return subject
    if any(child.i < head.i and (child.dep_ in ("amod", "compound")
                                 or (child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN")))
           for child in head.children):
        # "the foreign minister", "Chelyabinsk's governor" name one office: when no person
        # was given it, the person mentioned most (a US attorney) is a guess, and usually
        # someone else.
        return None
    return _most_mentioned(ctx, head, ("PERSON",))


def _issuer_before(ctx: Context, head: Token) -> int | None:
    """"The Times said Cook provided a written statement … '…,' the statement said": the
    one who gave, issued or released a document of that kind, in the sentence or the two
    before, is whose it is."""
    doc = ctx.doc
    sentence = head.sent
    first = sentence.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    lemma = head.lemma_.lower()
    for token in reversed(doc[first:head.i]):
        if token.lemma_.lower() != lemma or token.dep_ != "dobj" or \
                any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            index, _ = named_in(ctx, subject)
            if index is not None:
                return index
    return None


def _previous_subject(ctx: Context, head: Token) -> int | None:
    """"Hillary Clinton wants D.C. to become a state. The Democratic frontrunner wrote …":
    a description that opens the sentence after one about a single named person, as the
    subject of its main verb, is that person under another name."""
    sentence = head.sent
    if sentence.start == 0 or head.dep_ not in ("nsubj", "nsubjpass") or \
            head.head != sentence.root:
        return None
    before = ctx.doc[sentence.start - 1].sent
    people = {ctx.cluster_of[t.i] for t in before if t.i in ctx.cluster_of
              and ctx.clusters[ctx.cluster_of[t.i]].type == "PERSON"}
    if len(people) != 1 or paragraphs_between(ctx.text, before.start_char,
                                              head.idx) > 1:
        return None
    subject = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass")
                    and t.head == before.root), None)
    if subject is None:
        return None
    index, _ = named_in(ctx, subject)
    return index if index in people else None


def context_of(ctx: Context, index: int) -> frozenset[str]:
    """The words around a person's mentions, where an article gives their role."""
    if index not in ctx.role_contexts:
        ctx.role_contexts[index] = frozenset(
            word for mention in ctx.clusters[index].mentions
            for word in _context_words(mention))
    return ctx.role_contexts[index]


def _given_a_role(ctx: Context, index: int) -> bool:
    """Whether the article gives a person any role at their mentions, a lesser office
    ("Deputy Minister Pavel Orlov") included."""
    return any(token.lemma_.lower() in ROLE_NOUNS and not _other_party(token, mention)
               for mention in ctx.clusters[index].mentions
               for token in _role_window(mention))


def _most_mentioned(ctx: Context, token: Token, types: tuple[str, ...]) -> int | None:
    """The actor of the given types mentioned most often before ``token``."""
    counts = [(sum(1 for m in c.mentions if m.start < token.i), -c.mentions[0].start, i)
              for i, c in enumerate(ctx.clusters) if c.type in types]
    counts = [c for c in counts if c[0] > 0]
    return max(counts)[2] if counts else None


def link_cataphoric_descriptions(ctx: Context, quotes: list[QuoteRecord]) -> None:
    """"the secretary general of X held …" then "Akram al-Kaabi wrote": the description
    introduces the person named by the next quote."""
    lede_end = ctx.text.find("\n\n")
    for i, quote in enumerate(quotes):
        speaker: Speaker = quote["_speaker"]
        if not speaker.clusters and not speaker.anonymous and speaker.head is not None \
                and speaker.head.idx < lede_end and introduces_someone(speaker.head) and \
                speaker.head.lemma_.lower() in PRIVATE_PERSONS:
            # "A Texas teenager who supports Trump says …": a lede introduces its
            # subject by description and names them further on, as a speaker.
            # Of the people quoted further on, the one the article names first: a lede's
            # subject is named before the others it quotes, if not quoted first.
            after = speaker.head.right_edge.i
            named = min((q["_speaker"].clusters[0] for q in quotes[i + 1:]
                         if q["_speaker"].clusters and q["_speaker"].resolved_from is None
                         and ctx.clusters[q["_speaker"].clusters[0]].type == "PERSON"
                         and ctx.clusters[q["_speaker"].clusters[0]].mentions[0].start
                         > after),
                        key=lambda index: ctx.clusters[index].mentions[0].start,
                        default=None)
            if named is not None:
                speaker.clusters = [named]
                speaker.resolved_from = "description"
                quote["speaker"] = speaker.record()
            continue
        if (speaker.clusters and not speaker.described) or speaker.anonymous or \
                speaker.head is None or speaker.head.pos_ == "PRON" or \
                speaker.head.lemma_.lower() not in ROLE_NOUNS:
            continue
        # The next attribution by someone else ("The WHO chief said … but warned …" then
        # "…, WHO Director-General Tedros told reporters").
        following: Speaker = next(
            (q["_speaker"] for q in quotes[i + 1: i + 4]
             if q["_speaker"].head is None or q["_speaker"].head.i != speaker.head.i),
            Speaker())
        # Only a person named as a speaker in their own right: not one found through a
        # pronoun, nor one first named inside what was said ("identifying one of the
        # dead as X").
        cluster = ctx.clusters[following.clusters[0]] if following.clusters else None
        if cluster is not None and following.head is not None and \
                following.resolved_from is None and cluster.type == "PERSON" and \
                not _holds_another_office(ctx, following.clusters[0], speaker.head) and \
                cluster.mentions[0].start > speaker.head.i and \
                cluster.mentions[0].start_char not in ctx.contents and \
                paragraphs_between(ctx.text, speaker.head.idx, following.head.idx) <= 2:
            speaker.clusters = [following.clusters[0]]
            speaker.resolved_from = "description"
            quote["speaker"] = speaker.record()
        elif speaker.described and speaker.clusters and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in speaker.head.children):
            # "A PMF commander told Rudaw": an unnamed source from that body.
            words = sorted([speaker.head] + [t for c in speaker.head.lefts
                                             if c.dep_ in ("amod", "compound", "nmod")
                                             for t in c.subtree], key=lambda t: t.i)
            speaker.role = speaker.role or ctx.text[
                words[0].idx: speaker.head.idx + len(speaker.head.text)]
            start = speaker.head.left_edge.idx
            speaker.text = ctx.text[start: speaker.head.idx + len(speaker.head.text)]
            speaker.start, speaker.end = start, start + len(speaker.text)
            speaker.clusters = []
            speaker.anonymous = True
            quote["speaker"] = speaker.record()
    for quote in quotes:
        # "He said" after a speaker decided on above speaks as that speaker does.
        speaker = quote["_speaker"]
        antecedent = speaker.antecedent
        if antecedent is not None and (antecedent.clusters != speaker.clusters or
                                       antecedent.anonymous != speaker.anonymous):
            speaker.clusters = list(antecedent.clusters)
            speaker.anonymous = antecedent.anonymous
            speaker.role = speaker.role or antecedent.role
            quote["speaker"] = speaker.record()


# "Deputy Governor Oleg Klimov" is no governor: the office under these words is another.
_SUBORDINATE = frozenset(lexicon_lines("subordinate_titles.txt"))


# Role nouns loose enough to name any office's holder ("the chief", "the official").
_LOOSE_ROLES = frozenset({"chief", "head", "leader", "official", "source", "aide"})


def _holds_another_office(ctx: Context, index: int, description: Token) -> bool:
    """Whether the article gave the person ``index`` an office at a mention that is not the
    description's ("Iranian President X" is not "the Iraqi foreign minister"); a loose one
    ("Friday prayers leader X" for "a senior cleric") contradicts nothing."""
    lemma = description.lemma_.lower()
    if lemma in _LOOSE_ROLES:
        return False
    given = {word for mention in ctx.clusters[index].mentions
             for word in _role_words(mention)
             if word in ROLE_NOUNS and word not in _LOOSE_ROLES}
    words = role_synonyms().get(lemma, frozenset({lemma}))
    return bool(given) and not words & (given | context_of(ctx, index))


def _held_roles(tokens: Span) -> list[str]:
    """The lemmas of ``tokens``, less a role noun right after a word that makes it another
    office ("deputy governor")."""
    return [token.lemma_.lower() for token in _held_role_tokens(tokens)]


def _held_role_tokens(tokens: Span) -> list[Token]:
    kept = []
    for token in tokens:
        previous = token.nbor(-1).lower_ if token.i > 0 else ""
        if previous in _SUBORDINATE and token.lemma_.lower() in ROLE_NOUNS:
            continue
        kept.append(token)
    return kept


def _role_window(mention: Span) -> Span:
    doc = mention.doc
    # Within the mention's sentence: the next sentence's "Chelyabinsk's governor" is no
    # role given to the deputy minister named just before it.
    sentence = mention.sent
    return doc[max(sentence.start, mention.start - 6): min(sentence.end, mention.end + 12)]


def _context_words(mention: Span) -> list[str]:
    window = _role_window(mention)
    # "one lawmaker called Trump …": a role noun that is another party to a verb the
    # person takes part in is someone else's.
    # (Only nouns can be roles: the parse is walked for them alone.)
    words = [token.lemma_.lower() for token in _held_role_tokens(window)
             if token.pos_ not in ("NOUN", "PROPN") or not _other_party(token, mention)]
    pairs = list(zip(words, words[1:], strict=False))
    # "Prime Minister X" is the premier; a foreign or defence minister is not.
    premier = ["premier"] if ("prime", "minister") in pairs else []
    # "Foreign Secretary Marcelo Ebrard" is the foreign minister; a press secretary or a
    # secretary general is no minister.
    minister = ["minister"] if any(b == "secretary" and a in MINISTRY_PORTFOLIOS
                                   for a, b in pairs) else []
    return words + premier + minister + [ROLE_ABBREVIATIONS[w.rstrip(".")] for w in words
                                         if w.rstrip(".") in ROLE_ABBREVIATIONS]


def _other_party(token: Token, mention: Span) -> bool:
    """Whether ``token`` is an argument of a verb, other than "be", that governs the
    mention through another ("one lawmaker called Trump …", "a lawmaker is calling for
    Trump to be banned"); not when one noun phrase holds both ("Prime Minister Viktor
    Orban", "X, a lawmaker")."""
    if token.i in range(mention.start, mention.end):
        return False

    def verbs_up_to(word: Token, stop: Token) -> tuple[list[int], bool]:
        """The verbs above ``word`` (the first three), and whether ``stop`` is above it."""
        found: list[int] = []
        for ancestor in word.ancestors:
            if ancestor.i == stop.i:
                return found, True
            if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_ != "be":
                found.append(ancestor.i)
                if len(found) > 2:
                    break
        return found, False

    mention_verbs, token_above = verbs_up_to(mention.root, token)
    token_verbs, mention_above = verbs_up_to(token, mention.root)
    if token_above:
        return bool(mention_verbs)
    if mention_above:
        return bool(token_verbs)
    return bool(token_verbs) and token_verbs[0] in mention_verbs


def _role_words(mention: Span) -> set[str]:
    """The words that give a person's role right at a mention: the title before the name
    ("Sen. Al Franken", "Health Minister X") or the apposition after it ("X, a senator")."""
    doc = mention.doc
    words = [w.rstrip(".") for w in _held_roles(doc[max(0, mention.start - 3): mention.end])]
    if mention.end < len(doc) and doc[mention.end].text == ",":
        for token in doc[mention.end + 1: mention.end + 6]:
            if token.is_punct:
                break  # the apposition ends at the next comma
            words.append(token.lemma_.lower().rstrip("."))
    return set(words) | {ROLE_ABBREVIATIONS[w] for w in words if w in ROLE_ABBREVIATIONS}
