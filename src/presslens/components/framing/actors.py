"""Whom a framing record is about: the actor a label is applied to, and the subject of an
unattributed claim, as the local entity cluster (``doc._.entity_clusters``) that names them.

>>> doc = nlp("US occupation forces withdrew.")  # doctest: +SKIP
>>> doc._.entity_clusters[labelled_actor(doc[0:3])].name  # doctest: +SKIP
'United States'
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from presslens.components import doc_memo
from presslens.components.clusters import country_of_nationality
from presslens.components.framing.records import framing_words

_WORD_LISTS = framing_words()

# Entity types of actors: the subject of a claim, the noun an actor label qualifies.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}

# Dependents that leave the labelled noun phrase: "coalition [to fight Daesh]", "commander
# Soleimani [in Baghdad]", "terrorists [and their masters]" name other actors than the label's.
_OUTSIDE_PHRASE = {"prep", "agent", "acl", "relcl", "advcl", "conj", "cc", "punct"}
_NOUN_POS = ("NOUN", "PROPN")
_MODIFIER_DEPS = ("amod", "compound", "nmod", "appos")


def labelled_actor(span: Span | None, others: frozenset[int] = frozenset()) -> int | None:
    """The local entity cluster of the actor a label is applied to: a named actor in the
    noun phrase the labelled words head ("US occupation forces"), else in the noun phrase
    they modify ("the terrorist US army", "commander General Qassem Soleimani", and an
    apposition: "Soleimani, the legendary commander"); the one nearest the phrase's head
    where it names several. A verb labels its subject ("Soleimani was martyred"). Words that
    head no noun phrase label what they name. ``others``: tokens naming someone else than
    the labelled actor (the backer in "Iran-backed militias")."""
    if span is None or not len(span):
        return None
    head = span.root
    if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "compound"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            positions = {t.i for s in subjects for t in s.subtree} - others
            return _nearest_cluster(span.doc, positions, subjects[0].i)
    while True:
        if head.pos_ in _NOUN_POS:
            phrase = set(_noun_phrase(head)) - others
            found = _nearest_cluster(span.doc, phrase, head.i) \
                if len(phrase) <= 12 else None
            if found is not None:
                return _as_state(span.doc, found, head, span.root)
        if head.dep_ not in _MODIFIER_DEPS or head.head.pos_ not in _NOUN_POS or \
                head.head is head:
            break
        head = head.head
    following = _named_right_after(span, others)
    if following is not None:
        return following
    if span.root.pos_ in _NOUN_POS:
        return None
    return _nearest_cluster(span.doc, set(range(span.start, span.end)) - others, span.root.i)


# Nouns for a state's power: a nationality on one stands for the state ("the Iranian regime",
# "Norvastian occupation forces") where the article names the country.
_STATE_NOUNS = _WORD_LISTS["state_nouns"]


def _as_state(doc: Doc, cluster: int, head: Token, label: Token) -> int:
    """The country a nationality stands for where the label or the noun the nationality
    qualifies is a noun of state power ("the Iranian regime", and "Iranian regime
    oppression", where the nationality qualifies the oppression)."""
    if head.lemma_.lower() in _STATE_NOUNS or label.lemma_.lower() in _STATE_NOUNS:
        country = country_of_nationality(doc._.entity_clusters or [], cluster)
        if country is not None:
            return country
    return cluster


def _named_right_after(span: Span, others: frozenset[int]) -> int | None:
    """The actor named right after a label the parse left without one: "the terror group
    Hezbollah fired …", parsed as a group that a clause about Hezbollah qualifies."""
    after = span.end
    doc = span.doc
    while after < len(doc) and doc[after].dep_ in ("compound", "amod") and \
            doc[after].i not in _named_mentions(doc):
        after += 1  # "the terror group [the] Islamic Jihad"
    owner = _named_mentions(doc).get(after)
    if owner is None or after in others or owner[1] != after:
        return None
    return owner[0]


def _noun_phrase(head: Token) -> list[int]:
    """The token positions of the noun phrase ``head`` heads, without the prepositional
    phrases (but "of"), clauses and coordinated nouns hanging off it."""
    # "terrorists of Daesh": members of what "of" names are labelled with it; "the regime
    # in Tehran": a state's power is named by the capital it sits in.
    positions, stack = [head.i], [c for c in head.children if c.dep_ not in _OUTSIDE_PHRASE
                                  or (c.dep_ == "prep" and c.lower_ == "of")
                                  or (c.dep_ == "prep" and c.lower_ == "in"
                                      and head.lemma_.lower() in _STATE_NOUNS
                                      and any(g.ent_type_ == "GPE" for g in c.children))]
    while stack:
        token = stack.pop()
        positions.append(token.i)
        stack += [c for c in token.children if c.dep_ not in _OUTSIDE_PHRASE]
    return sorted(positions)


def _nearest_cluster(doc: Doc, positions: set[int], head: int) -> int | None:
    """The cluster with a named mention among ``positions``, nearest the token ``head``
    (the lower cluster number between two as near)."""
    owners = _named_mentions(doc)
    best: tuple[int, int] | None = None
    for i in positions:
        owner = owners.get(i)
        if owner is None:
            continue
        number, start, end = owner
        distance = 0 if start <= head < end else min(abs(start - head), abs(end - 1 - head))
        if best is None or (distance, number) < best:
            best = (distance, number)
    return best[1] if best else None


_MENTIONS_KEY = "presslens_framing_mentions"


def _named_mentions(doc: Doc) -> dict[int, tuple[int, int, int]]:
    """Each token of a named mention: (its cluster's number, the mention's token bounds),
    listed once per document, as an article can hold many labels and many mentions."""
    owners = doc_memo(doc, "framing").get(_MENTIONS_KEY)
    if owners is None:
        owners = {}
        for number, cluster in enumerate(doc._.entity_clusters or []):
            for mention in cluster.mentions:
                if mention.label_ != "NOMINAL":
                    for i in range(mention.start, mention.end):
                        owners.setdefault(i, (number, mention.start, mention.end))
        doc_memo(doc, "framing")[_MENTIONS_KEY] = owners
    return owners


def subject_actor(sentence: Span) -> int | None:
    """The local entity cluster of the sentence's first subject that names an actor, the
    actor an unattributed claim is about; None where no subject does."""
    subjects = [t for t in sentence if t.dep_ == "nsubj" and t.ent_type_ in ACTOR_LABELS]
    if not subjects:
        return None
    token = subjects[0]
    return _cluster_in(sentence.doc, token.idx, token.idx + len(token))


def _cluster_in(doc: Doc, start: int, end: int) -> int | None:
    for number, cluster in enumerate(doc._.entity_clusters or []):
        for mention in cluster.mentions:
            if mention.start_char < end and start < mention.end_char and \
                    mention.label_ != "NOMINAL":
                return number
    return None
