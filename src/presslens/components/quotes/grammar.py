"""The parse read for speech: whether a token is a reporting verb of the lexicon (with its
particle: "called for"), which of its dependents holds what was said, who issued a
statement, and the shapes of clause the other modules test for ("as" clauses, clauses of
circumstance, descriptions that introduce someone).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from presslens.components.quotes.context import Context
from presslens.components.quotes.words import (
    ADDRESSEES,
    ANONYMOUS_HEADS,
    DAY_WORDS,
    ISSUING_VERBS,
    PERSON_SOURCES,
    PRIVATE_PERSONS,
    ROLE_NOUNS,
)
from presslens.components.speech_cues import ReportingVerb, mark_width, reporting_verbs

# How the parse hangs the adjective of "made clear that …" on the verb.
_PREDICATIVE = ("ccomp", "oprd", "acomp", "xcomp")


def reporting_verb(token: Token) -> ReportingVerb | None:
    """The lexicon entry of ``token`` as a reporting verb ("said", "called for"), or None."""
    if token.pos_ not in ("VERB", "AUX") and not (token.tag_.startswith("VB")) and \
            not _as_clause(token):
        return None
    doc = token.doc
    for entry in reporting_verbs().get(token.lemma_.lower(), ()):
        if entry.particle is None:
            return entry
        # "called for", "voiced alarm", "made (it) clear"
        # The particle follows the verb: "For his part, X called …" opens no demand.
        if any(c.dep_ in ("prt", "prep") and c.lower_ == entry.particle and c.i > token.i
               and not saying_circumstance(c)
               or c.dep_ == "dobj" and c.lemma_.lower() == entry.particle
               or c.dep_ in _PREDICATIVE and c.lower_ == entry.particle
               for c in token.children):
            return entry
        # "calling for the killers to be brought …": the parse can make the particle
        # the marker of the clause that follows.
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.lower_ == entry.particle and \
                following.dep_ == "mark" and following.head.head == token:
            return entry
    return None


def saying_circumstance(preposition: Token, *, place: bool = False) -> bool:
    """"called the strike a violation on Sunday": a preposition whose object is a time (or,
    with ``place``, a place) tells when or where the verb happened; it is neither the
    verb's particle ("called on Baghdad to …") nor part of what was said."""
    kinds = ("DATE", "TIME", "GPE", "LOC", "FAC") if place else ("DATE", "TIME")
    return any(c.dep_ == "pobj" and (c.ent_type_ in kinds or c.lower_ in DAY_WORDS)
               for c in preposition.children)


def relaying_tag(clause: Token) -> bool:
    """Whether a second clause the parse hung on a reporting verb is the tag of an outlet
    relaying the first ("Sudani said the strike was a violation, INA quoted him as saying"):
    a reporting verb after a comma, with its subject of its own and nothing reported after
    it."""
    doc = clause.doc
    opening = next((t.i for t in clause.subtree if not t.is_punct), clause.i)
    return (reporting_verb(clause) is not None and opening > 0
            and doc[opening - 1].text == ","
            and any(c.dep_ == "nsubj" and c.i < clause.i for c in clause.children)
            and not any(c.dep_ in ("ccomp", "dobj") and c.i > clause.i
                        and c.lemma_.lower() not in ("he", "she", "they", "him", "her", "them")
                        for c in clause.children))


def complement_of(ctx: Context, cue: Token) -> Token | None:
    """The dependent of a reporting verb that holds what was said: its clause, its object,
    the clause a particle opens ("called for …"), or the clause the verb interrupts."""
    entry = reporting_verb(cue)
    if entry is None:
        return None
    if entry.particle:
        noun = next((c for c in cue.children if c.dep_ == "dobj"
                     and c.lemma_.lower() == entry.particle), None)
        if noun is not None:
            # "voiced alarm that plague behaved …": the clause the noun holds.
            return next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        adjective = next((c for c in cue.children if c.dep_ in _PREDICATIVE
                          and c.lower_ == entry.particle), None)
        if adjective is not None:
            # "made it clear that Iraq would not take sides": the clause may hang on the
            # adjective; "made clear that …" hangs it on the verb, after the adjective.
            held = next((c for c in adjective.children if c.dep_ in ("advcl", "ccomp")
                         and any(m.dep_ == "mark" and m.lower_ == "that"
                                 for m in c.children)), None)
            return held or next((c for c in cue.children if c.dep_ == "ccomp"
                                 and c.i > adjective.i), None)
    found: dict[str, Token] = {}
    for child in cue.children:
        # The last clause is usually what was said, unless it is a quotation the parse
        # hung on the verb after the reported clause ("indicated X was disappointed:
        # “While we …”").
        if child.dep_ in entry.content_roles and not (
                child.dep_ in found and (_opens_quotation(ctx, child)
                                         or relaying_tag(child)
                                         or coordinated_sentence(child)
                                         or _clause_fragment(child, found[child.dep_]))):
            found[child.dep_] = child
    if entry.particle and "ccomp" not in found:
        # "calling for the killers to be brought to justice": the particle opens the
        # clause as its marker.
        for child in cue.children:
            if child.dep_ in ("advcl", "ccomp") and child.i > cue.i and any(
                    c.dep_ == "mark" and c.lower_ == entry.particle for c in child.children):
                return child
    if "ccomp" in found:
        return found["ccomp"]
    if "xcomp" not in found and cue.lemma_.lower() in _PROPOSING_VERBS:
        # "proposes allowing parents to deduct …", "mentioned refinancing student loans":
        # the gerund is what was proposed or mentioned.
        gerund = next((c for c in cue.children if c.dep_ in ("xcomp", "dobj")
                       and c.tag_ == "VBG" and c.i > cue.i and any(
                           d.dep_ in ("dobj", "ccomp", "prep", "nsubj") for d in c.children)),
                      None)
        if gerund is not None:
            return gerund
    if "xcomp" in found:
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        # "urged the government to act": the object is who was urged; "urged the
        # formation of an alliance to expel …": the object is what was urged.
        if obj is not None and "dobj" in entry.content_roles and \
                not addressee_like(obj):
            return obj
        return found["xcomp"]
    if "dobj" in found:
        if found["dobj"].lower_ == "what":
            # "what the United States described as abnormal sound": the words it was
            # described with are what was said.
            return next((g for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"
                         for g in c.children if g.dep_ == "pobj"), None)
        return found["dobj"]
    if entry.particle and "dobj" in entry.content_roles:  # "called for the formation"
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ == entry.particle and child.i > cue.i:
                # "talked of being cast in a pilot": a gerund clause is the object too.
                return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")),
                            None)
    # "Tedros said Wednesday the death toll stood at 207": the parse can hang the
    # reported clause on the day, as a relative clause.
    if "ccomp" in entry.content_roles:
        for child in cue.rights:
            if child.dep_ in ("npadvmod", "tmod") and child.lower_ in DAY_WORDS:
                clause = next((c for c in child.children if c.dep_ == "relcl"), None)
                if clause is not None:
                    return clause
        # "told a meeting of Pacific leaders that few people understood …": the parse can
        # hang the reported clause on the addressee, as a relative clause; "that" is then
        # its marker and the clause has a subject of its own, as no relative clause does.
        addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if addressee is not None:
            for clause in addressee.subtree:
                if clause.dep_ == "relcl" and clause.i > addressee.i and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) \
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                    return clause
    # "…, sources said": the parser often makes the reported clause the head.
    if cue.dep_ in ("parataxis",) and "ccomp" in entry.content_roles:
        return cue.head
    # "As Roll Call has reported, Trump was in the tower": the clause the "as" clause
    # modifies is what was reported.
    if _as_clause(cue) and "ccomp" in entry.content_roles:
        return cue.head
    return None


def _clause_fragment(clause: Token, earlier: Token) -> bool:
    """'noted that both were referring to studies … adjusted for those still enrolled in
    education': a later clause with no subject and no marker of its own, after an earlier
    clause that has a subject, is not the clause reported: a piece of it the parse cut off,
    or a comment of the writer's (``detached_predicate``)."""
    def has(token: Token, roles: tuple[str, ...]) -> bool:
        return any(c.dep_ in roles for c in token.children)

    return earlier.i < clause.i and has(earlier, ("nsubj", "nsubjpass")) and \
        not has(clause, ("nsubj", "nsubjpass", "mark"))


def detached_predicate(clause: Token) -> bool:
    """'… that the text was “…” — a remark that, if accurate, suggests …': a clause with no
    subject and no marker after a comma or a dash is the writer's comment whose subject the
    parse lost, not more of what was said (``_clause_fragment`` with no break is)."""
    first = clause.left_edge
    return first.i > 0 and clause.doc[first.i - 1].is_punct and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children)


# Verbs whose gerund object is what was said ("suggested looking at …").
_PROPOSING_VERBS = frozenset({"suggest", "propose", "mention", "recommend", "advocate"})


def coordinated_sentence(clause: Token) -> bool:
    """'Republicans said they were convinced … and Democrats accused the GOP …': a second
    clause after "and" or "but" with a subject of its own is a sentence of the writer's
    that the parse hung on the verb, not more of what was said."""
    return coordinated_start(clause) is not None


def coordinated_start(clause: Token) -> Token | None:
    """The "and" or "but" that opens a coordinated sentence (``coordinated_sentence``),
    its subject included even where the parse joined that subject to the noun before."""
    doc = clause.doc
    first = clause.left_edge
    if first.i == 0 or any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    before = doc[first.i - 1]
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        # The parse may take the clause's subject for a noun joined to the object before.
        if before.dep_ != "conj" or before.pos_ not in ("NOUN", "PROPN", "PRON") or \
                before.left_edge.i == 0:
            return None
        before = doc[before.left_edge.i - 1]
    return before if before.dep_ == "cc" and before.lower_ in ("and", "but") else None


def _opens_quotation(ctx: Context, clause: Token) -> bool:
    first = min(clause.subtree, key=lambda t: t.i)
    return first.idx in ctx.quoted or bool(mark_width(ctx.text, first.idx))


def addressee_like(token: Token) -> bool:
    """Whether an object is someone spoken to or urged ("urged the government to …") rather
    than what was said."""
    lemma = token.lemma_.lower()
    return (token.pos_ == "PRON" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or lemma in ANONYMOUS_HEADS or lemma in ROLE_NOUNS
            or lemma in ADDRESSEES or lemma in PRIVATE_PERSONS
            or lemma in PERSON_SOURCES)  # "urging students to vote"


def _as_clause(token: Token) -> bool:
    """"As The Daily Mail notes, …": a clause opened by "as" with a subject of its own (the
    parse may take its verb for a plural noun)."""
    return token.dep_ == "advcl" and token.head.i > token.i and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in token.children) and any(
        c.dep_ == "nsubj" for c in token.children)


def circumstance(clause: Token) -> bool:
    """"announced his resignation …, as calls for it mount": a clause opened by a
    subordinator tells when or why the speaker spoke, not what was said."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("as", "while", "because", "after", "before", "when",
                                          "since", "although", "though")
        for c in clause.children)


# Verbs of passing someone's statement on: their agent relays it, it did not issue it.
CARRYING_VERBS = frozenset({"carry", "broadcast", "air", "relay", "televise"})


def issuer_of(statement: Token) -> Token | None:
    """Who issued a statement, report or post: the agent of "by" in its phrase ("a report
    made public by X", "a tweet by X"), "from" on the noun itself ("the statement from
    the Security Council read: …"), the subject of a relative clause of issuing ("a speech
    she delivered"), or the subject of the verb that issued it."""
    # "By" on the noun or on a participle that puts it out ("issued on Sunday by …"), never
    # inside what it says ("a statement agreeing the issue should be decided by Congress").
    putting_out = [statement, *(c for c in statement.children
                                if c.dep_ == "acl" and c.tag_ != "VBG")]
    for child in sorted((c for head in putting_out for c in head.children), key=lambda c: c.i):
        if child.head.lemma_.lower() in CARRYING_VERBS:
            continue  # "a statement carried by state media": the outlet only relays it
        if child.dep_ == "agent" or (child.lower_ == "by" and child.dep_ == "prep") or (
                child.lower_ == "from" and child.dep_ == "prep" and child.head == statement):
            issuer = next((c for c in child.children if c.dep_ == "pobj"), None)
            if issuer is not None:
                return issuer
    for clause in statement.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() in ISSUING_VERBS and not any(
                c.dep_ == "dobj" for c in clause.children):
            # "a speech Mrs. Clinton delivered at New York University": who delivered it.
            subject = next((c for c in clause.children if c.dep_ == "nsubj"
                            and c.tag_ not in ("WP", "WDT")), None)
            if subject is not None:
                return subject
    if statement.dep_ == "dobj" and statement.head.lemma_.lower() in ISSUING_VERBS:
        # "The ministry issued a statement saying …": who issued, released or posted it.
        verb = statement.head
        while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without prepositional phrases and clauses."""
    found = [head]
    for child in head.children:
        if child.dep_ in ("compound", "appos", "nmod", "amod", "npadvmod", "poss", "punct"):
            found.extend(phrase_tokens(child))
    return found


def introduces_someone(head: Token) -> bool:
    """"A senior Iraqi cleric", "the secretary general of Iraq's Nujaba": a description that
    introduces a person (named later), not one that points back to a person named before."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    qualified = any(c.dep_ in ("prep", "appos", "acl", "relcl") for c in head.children)
    return indefinite or qualified


# Prepositions that open where or to whom something was said ("said on", "told … during
# an appearance on", "in an interview with", "on this week's episode of"): a title in
# quotation marks after them is a programme or a publication, not words said.
_PLACE_PREPOSITIONS = frozenset({"on", "to", "in", "at", "during", "with", "of"})


def programme_title(content: Span) -> bool:
    """'said on ABC's “This Week With George Stephanopoulos” that he would …', 'told “Fox
    and Friends,” reminding …': quoted words in title case, the object of a preposition of
    place or the one told, name a programme or a publication; the sentence's cue reports
    something else."""
    words = [t for t in content if t.is_alpha]
    if not words or len(words) > 8 or not all(
            t.is_title or t.is_upper or len(t) <= 3 and t.is_lower for t in words) or \
            not words[0].is_title and not words[0].is_upper:
        return False
    before = next((t for t in reversed(content.doc[max(0, content.start - 3): content.start])
                   if not t.is_punct), None)
    if before is not None and before.tag_ == "POS" and before.head.pos_ == "PROPN" and \
            before.head.ent_type_ in ("ORG", "PERSON", "GPE", "") and \
            before.head.head.lower_ in _PLACE_PREPOSITIONS:
        return True  # 'said on CBS's “Face the Nation”', whatever the parse made of it
    if before is not None and before.pos_ == "ADP" and before.lower_ in ("on", "to") and \
            all(t.is_quote or t.is_space for t in content.doc[before.i + 1: content.start]):
        return True  # 'he said on “Meet the Press.”': right after the preposition
    if before is not None and before.tag_ == "POS" and before.i > 0 and \
            before.nbor(-1).dep_ == "pobj" and before.nbor(-1).head.lower_ in _PLACE_PREPOSITIONS:
        # 'Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. X said …': the
        # parse hung the possessive elsewhere, but its owner is the place the words were said.
        return True
    heads = [t for t in content if not (content.start <= t.head.i < content.end)
             and not t.is_punct and not t.is_space]
    if not heads:
        return False
    head = heads[0]  # the parse may split a title: its first part decides
    if head.dep_ == "pobj":
        return head.head.lower_ in _PLACE_PREPOSITIONS
    return head.dep_ in ("dative", "dobj") and head.head.lemma_.lower() == "tell" and \
        any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in head.head.children) or \
        head.dep_ == "dative"
