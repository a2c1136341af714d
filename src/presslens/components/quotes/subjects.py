"""Who the subject of a reporting verb is, where the parse hides it: the agent of a passive,
the antecedent of a relative pronoun, the issuer of a statement, the subject of the verb a
participle or a second verb hangs on, a phrase the parse took for an apposition, and never a
date or a heading of the paragraph before.
"""

from __future__ import annotations

from spacy.tokens import Token

from presslens.components.quotes.bodies import subject_before
from presslens.components.quotes.context import Context, sentence_bounds
from presslens.components.quotes.grammar import complement_of, issuer_of, reporting_verb
from presslens.components.quotes.names import owner_of
from presslens.components.quotes.words import (
    CLAUSE_VERBS,
    DAY_WORDS,
    OCCASION_NOUNS,
    SPOKESPERSONS,
    STATEMENT_NOUNS,
    TEXT_PARTS,
)
from presslens.components.speech_cues import CLOSING_MARKS, OPENING_MARKS, STRAIGHT_MARK

# Verbs that relay someone's words "as saying" ("quoted X as saying", "cited X as saying").
_RELAYING_VERBS = frozenset({"quote", "cite"})


def quoted_as_saying(cue: Token) -> Token | None:
    """The verb that relays ``cue`` in "X quoted Y as saying …", or None."""
    preposition = cue.head
    if cue.dep_ not in ("pcomp", "pobj") or preposition.lower_ != "as" or \
            preposition.head is preposition:
        return None
    verb = preposition.head
    return verb if verb.lemma_.lower() in _RELAYING_VERBS else None


def relaying_passive(verb: Token) -> bool:
    """Whether ``verb`` is "was quoted … as saying", with the one quoted as its subject."""
    return verb.lemma_.lower() in _RELAYING_VERBS and any(
        c.dep_ == "nsubjpass" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(
            g.dep_ in ("pcomp", "pobj") and g.lemma_.lower() == "say" for g in c.children)
        for c in verb.children)


def _has_read_as_is(cue: Token) -> bool:
    """"He's said he'll fight": the parse reads the contracted "has" as the "is" of a
    passive; a passive of saying never takes a clause with a subject of its own ("he is
    said to have", never "he is said he will")."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in cue.children) \
        and any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass")
                                         for g in c.children) for c in cue.children)


def subject_of(ctx: Context, cue: Token) -> Token | None:
    """Who speaks through a reporting verb: its subject, or where the parse hides one (the
    agent of a passive, the antecedent of "who", the issuer of a statement, the subject of
    the verb it hangs on); None when no one does."""
    if relaying_passive(cue):
        # '"…," the minister was quoted by IRNA as saying': the one quoted speaks.
        return next(c for c in cue.children if c.dep_ == "nsubjpass")
    if any(c.dep_ == "auxpass" for c in cue.children) and not _has_read_as_is(cue):
        # "This report was published by X", "he was told that …": the subject of a
        # passive is what was said or who heard it; the speaker is the agent, if any.
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) \
            if agent is not None else None
    # A date or a time never speaks ("said Tuesday" parsed with the day as subject).
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.ent_type_ not in ("DATE", "TIME") and c.lower_ not in DAY_WORDS
                and (c.lower_ != "it" or _it_speaks(ctx, c, cue))]
    if len(subjects) > 1:
        # "Niger's president Mahamadou Issoufou said": the parse can give the verb two
        # subjects, the description and the name; the named person speaks.
        # '“My reaction, that was outrageous,” the strategist said': a subject the parse
        # found inside the quotation is a word of it.
        # 'Nothing the president said "…," the senator said': a subject whose phrase holds
        # the quotation is not who says it.
        subjects.sort(key=lambda c: (c.idx in ctx.quoted,
                                     any(t.idx in ctx.quoted for t in c.subtree),
                                     c.i not in ctx.cluster_of))
        spokesperson = next((c for c in subjects if c.lemma_.lower() in SPOKESPERSONS
                             and (owner_of(ctx, c) is not None or any(
                                 o.left_edge.i == c.right_edge.i + 1 for o in subjects))),
                            None)
        if spokesperson is not None:
            # "The spokesperson for Prime Minister X said", "A spokesperson for the EU's
            # foreign policy chief Kaja Kallas said", parsed with X as a second subject:
            # the spokesperson speaks, for X.
            subjects = [spokesperson]
    for child in subjects:
        child = _whole_of_part(child)
        if child.lemma_.lower() in STATEMENT_NOUNS:
            # "A report made public by Spencer Boudreau concluded …": who issued it.
            issuer = issuer_of(child)
            if issuer is not None:
                return issuer
        if child.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
            # "Keith Vaz, chairman of the committee, who had called for …": the relative
            # pronoun stands for the noun the clause hangs on (a person, for "who"); "a
            # letter he released that says …": a document speaks for who issued it.
            antecedent = _relative_antecedent(ctx, cue.head, child.lower_ == "who")
            if antecedent.lemma_.lower() in STATEMENT_NOUNS:
                return issuer_of(antecedent) or antecedent
            return antecedent
        return _subject_in_paragraph(ctx, child, cue)
    if cue.dep_ == "acl" and cue.tag_ in ("VBD", "VBN") and cue.head.dep_ == "ROOT" and \
            cue.head.pos_ == "PROPN" and cue.head.ent_type_ in ("PERSON", "ORG") and \
            cue.i > 0 and cue.nbor(-1).text == ",":
        # '“…,” Nate Silver, the polling guru who founded the site, tweeted on Wednesday':
        # the parse found no verb for the sentence and made the name its root; the verb of
        # saying after the name's apposition is the name's.
        return cue.head
    # "calls by officials asking the United States to …": the noun the participle
    # modifies is who asks.
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
        if cue.head.lemma_.lower() in STATEMENT_NOUNS:
            return issuer_of(cue.head) or cue.head
        if cue.head.lemma_.lower() in OCCASION_NOUNS:
            # '"…," she said at a news conference announcing that …': who held it.
            return _holder_of(ctx, cue.head)
        return cue.head
    quoted = quoted_as_saying(cue)
    if quoted is not None:
        # "IRNA quoted the minister as saying …", "the minister was quoted (by IRNA) as
        # saying …": the minister speaks; IRNA relays.
        return next((c for c in quoted.children if c.dep_ in ("dobj", "nsubjpass")), None)
    detached = _detached_subject(cue)
    if detached is not None:
        return detached
    if cue.lemma_.lower() == "read":
        # '"…," read the statement issued by the presidency': the parse takes the
        # statement for the object of the inverted verb.
        document = next((c for c in cue.rights if c.dep_ == "dobj"
                         and c.lemma_.lower() in STATEMENT_NOUNS), None)
        if document is not None:
            return issuer_of(document) or document
    if cue.tag_ == "VBG" and cue.i > 0 and cue.nbor(-1).text == ",":
        # "a tweet by Igor Sadikov, a student, saying: …": who wrote the tweet.
        first = max(sentence_bounds(ctx, cue)[0], cue.i - 40)
        for token in reversed(cue.doc[first: cue.i]):
            if token.lemma_.lower() in STATEMENT_NOUNS:
                issuer = issuer_of(token)
                if issuer is not None:
                    return issuer
                break
    # "X, saying …" and "X said … and added …": the subject is the head verb's. A past
    # participle is passive ("Asked by a reporter, X replied"): its subject is not the
    # speaker.
    if cue.head is not cue and (cue.dep_ == "conj" or (
            cue.dep_ in ("advcl", "xcomp") and cue.tag_ == "VBG")):
        return subject_of(ctx, _reporting_ancestor(ctx, cue) or cue.head)
    if _carried_on_saying(cue):
        # "went on to say that …", "continued to call for …": the one who goes on speaks.
        return subject_of(ctx, cue.head)
    # "Obama responded by saying …", "began by saying …", "After saying …, she was
    # whisked off": the one who does the act the preposition ties the saying to speaks.
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.lower_ in _BY_WHOM and \
            cue.lemma_.lower() in CLAUSE_VERBS and \
            cue.head.head is not cue.head and cue.head.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ == "auxpass" for c in cue.head.head.children):
        return subject_of(ctx, cue.head.head)
    return None


def _holder_of(ctx: Context, occasion: Token) -> Token | None:
    """Who holds a news conference, briefing or rally: the subject of the verb it is the
    occasion ("said at a news conference") or the object ("held a briefing") of."""
    verb = occasion.head.head if occasion.dep_ == "pobj" and occasion.head.dep_ == "prep" \
        else occasion.head if occasion.dep_ == "dobj" else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb is occasion:
        return None
    return subject_of(ctx, verb)


def _whole_of_part(subject: Token) -> Token:
    """The document a "part of" subject is a piece of ("Part of the judge's statement read:
    …"), else the subject itself."""
    if subject.lemma_.lower() not in TEXT_PARTS:
        return subject
    whole = next((o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"), None)
    return whole if whole is not None and whole.lemma_.lower() in STATEMENT_NOUNS else subject


# Verbs whose infinitive goes on with their subject's own act: "went on to say", "continued
# to call for", "began to describe". Verbs of will or refusal ("wants to say", "declined to
# say") are left out: what they govern was not said.
_CARRYING_ON = frozenset({"continue", "begin", "start", "proceed", "resume"})


def _carried_on_saying(cue: Token) -> bool:
    """Whether ``cue`` is the infinitive of a verb of carrying on ("went on to say"), itself
    neither negated nor a passive."""
    head = cue.head
    if head is cue or cue.dep_ not in ("xcomp", "advcl") or cue.tag_ != "VB" or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) or \
            head.pos_ not in ("VERB", "AUX") or \
            any(c.dep_ in ("neg", "auxpass") for c in head.children):
        return False
    lemma = head.lemma_.lower()
    if lemma == "go":
        return any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == "on" and c.i < cue.i
                   for c in head.children)
    return lemma in _CARRYING_ON


# Prepositions that tie a saying to another act of the same person ("responded by saying").
_BY_WHOM = frozenset({"by", "after", "before", "while", "in", "without"})


# Verbs whose "it" is a dummy subject even with an object ("it took three years", "it makes
# sense").
_DUMMY_VERBS = frozenset({"be", "take", "make", "cost", "seem", "appear", "have", "get"})
# How a quotation attributed after it ends: '"…," it said'.
# (The doubled ASCII mark closes quotations in some wire and newspaper copy: ",'' it said".)
_AFTER_QUOTATION = tuple(f",{mark}" for mark in (*CLOSING_MARKS, STRAIGHT_MARK, "''"))


def _it_speaks(ctx: Context, pronoun: Token, cue: Token) -> bool:
    """"It continued: “…”", "for what it said was Cuba's failure": "it" speaks when a
    quotation follows its verb after a colon, or in a free relative; elsewhere it is too
    often a document or a dummy subject."""
    if pronoun.i > 0 and pronoun.nbor(-1).lower_ == "what":
        return True
    if 0 < pronoun.i < cue.i and ctx.text[:pronoun.idx].rstrip().endswith(_AFTER_QUOTATION):
        return True  # '"…," it said': after a quotation "it" is the body that spoke
    if pronoun.i == cue.i - 1 and pronoun.i > 0 and pronoun.nbor(-1).text == "," and \
            cue.i + 1 < len(cue.doc) and cue.nbor(1).text == ",":
        return True  # "The average benefit, it says, would be $300": no dummy is set off so
    if cue.lemma_.lower() not in _DUMMY_VERBS and any(
            c.dep_ == "dobj" for c in cue.children) and any(
            c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > cue.i and
            c.nbor(-1).text == "," and reporting_verb(c) is not None for c in cue.children):
        # "It attacked Trump, saying he …": a body that acts on someone and says why; a
        # dummy "it" takes no object of an act ("it took years" is no saying's).
        return True
    complement = complement_of(ctx, cue)
    first = sentence_bounds(ctx, cue)[0]
    if pronoun.i <= first + 1 and first > 0 and complement is not None and \
            complement.i > cue.i and _document_before(ctx, cue.doc[first - 1]):
        # "The city sent a cease-and-desist letter on Thursday. It says the campaign …":
        # the document the sentence before is about speaks.
        return True
    if pronoun.i <= sentence_bounds(ctx, cue)[0] + 1 and cue.tag_ in ("VBD", "VBZ") and \
            complement is not None and complement.dep_ == "ccomp" and \
            complement.i > cue.i and subject_before(ctx, pronoun, ("ORG", "GPE")) is not None:
        # "The ministry condemned the raids. It said …": a body the sentence before
        # is about speaks.
        return True
    # 'It continued: “…”', 'It added, “…”': a quotation right after the verb.
    return cue.i + 1 < len(cue.doc) and cue.nbor(1).text in (":", ",") and \
        ctx.text[cue.nbor(1).idx + 1: cue.nbor(1).idx + 3].lstrip()[:1] in \
        OPENING_MARKS + STRAIGHT_MARK


def _document_before(ctx: Context, last: Token) -> bool:
    """Whether the sentence ending at ``last`` has a statement, letter or report as its
    subject or object, outside quoted words."""
    first = sentence_bounds(ctx, last)[0]
    return any(t.lemma_.lower() in STATEMENT_NOUNS and t.dep_ in ("nsubj", "dobj", "nsubjpass")
               and t.idx not in ctx.quoted for t in last.doc[first: last.i + 1])


def _detached_subject(cue: Token) -> Token | None:
    """'In a statement following that accusation, Franken's office said …', '…
    dating from 2017, the US embassy in Beijing said': the parse can hang the noun
    phrase right before a finite verb on the phrase before it, as an apposition, and
    leave the verb without a subject; that phrase is the subject."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i < 2 or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cue.children):
        return None
    doc = cue.doc
    token = doc[cue.i - 1]
    while token.dep_ != "appos" and token.head.i != token.i and \
            token.head.right_edge.i == cue.i - 1 and token.head.i < cue.i:
        token = token.head
    first = token.left_edge.i
    if token.dep_ != "appos" or token.right_edge.i != cue.i - 1 or \
            token.pos_ not in ("NOUN", "PROPN") or first < 1 or doc[first - 1].text != ",":
        return None
    return token


def _relative_antecedent(ctx: Context, noun: Token, person: bool) -> Token:
    """The noun a relative clause describes; for "who", the person named up the chain of
    appositions and prepositions the parse may have hung the clause on instead."""
    if not person:
        return noun
    token = noun
    for _ in range(6):
        if token.i in ctx.cluster_of and \
                ctx.clusters[ctx.cluster_of[token.i]].type == "PERSON":
            return token
        if token.dep_ not in ("pobj", "prep", "appos", "compound") or token.head is token:
            break
        token = token.head
    return noun


def _reporting_ancestor(ctx: Context, cue: Token) -> Token | None:
    """"said that 13 countries were boosting … and said …", "noted that no refugee wants
    …, adding that …": the parse often hangs the second reporting verb on a verb of the
    first one's complement; the speaker is the first reporting verb's subject."""
    if reporting_verb(cue.head) is not None:
        return None
    for ancestor in cue.head.ancestors:
        if reporting_verb(ancestor) is not None:
            complement = complement_of(ctx, ancestor)
            if complement is not None and (complement == cue.head
                                           or complement in cue.head.ancestors):
                return ancestor
            return None
    return None


def _subject_in_paragraph(ctx: Context, subject: Token, cue: Token) -> Token:
    """The parser knows no paragraphs: after a heading line it can make a word of the
    heading the subject of the next paragraph's verb. The subject is then the first noun
    of the cue's own paragraph that hangs on a word outside it."""
    if subject.i > cue.i:
        return subject
    paragraph_start = ctx.text.rfind("\n\n", subject.idx, cue.idx)
    if paragraph_start < 0:
        return subject
    doc = cue.doc
    for token in doc[subject.i + 1: cue.i]:
        if token.idx > paragraph_start and token.head.idx < paragraph_start and \
                token.pos_ in ("NOUN", "PROPN", "PRON"):
            return token
    return subject
