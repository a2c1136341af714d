"""Labels of actors and acts from ``lexicons/actor_labels.txt``: "occupation forces",
"Takfiri terrorists", "Iran-backed militias", "martyred", each with the ``side`` whose
vocabulary it is, and the same words applied to an act ("terrorist drone strike").

The technique tagger, tuned for PTC's spans, passes over most of the labels a naming table
needs; PTC's annotators leave most of them unmarked, so they are found here by the lexicon
and the parse, and get a label of their own, ``actor_label``.

>>> doc = nlp("Iran-backed militias fired.")  # doctest: +SKIP
>>> [doc[a:b + 1].text for a, b in actor_label_spans(doc)]  # doctest: +SKIP
['Iran-backed militias']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.attrs import LEMMA, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span, Token

from presslens.components.framing.actors import ACTOR_LABELS, labelled_actor
from presslens.components.framing.records import framing_record, framing_words, overlaps
from presslens.components.framing.spans import HYPHENS
from presslens.lexicons import lexicon_lines
from presslens.model import LABEL_TECHNIQUES

_WORD_LISTS = framing_words()

ACTOR_LABELS_LEXICON = "actor_labels.txt"
ACTOR_LABEL_SCORE = 0.6
# Entity types of names: a label word inside one is part of the name ("Islamic Resistance in
# Iraq", "Martyrs Square"), not a label.
_NAME_TYPES = {"PERSON", "ORG", "GPE", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}


@dataclass(frozen=True, slots=True)
class LabelTerms:
    """The actor-label lexicon, read for matching: one-word labels, two-word labels (head ->
    first word), hyphenated words ("arch-foe"), the "X-backed" suffixes and "pro-X"
    prefixes, each with its side, and the labels that apply only to nouns of persons and
    groups."""

    single: dict[str, str]
    pairs: dict[str, dict[str, str]]
    hyphenated: dict[str, str]
    suffixes: dict[str, str]
    prefixes: dict[str, str]
    actor_nouns_only: frozenset[str]

    def words(self) -> set[str]:
        return set(self.single) | set(self.pairs)


@cache
def actor_label_terms() -> LabelTerms:
    """The lexicon ``lexicons/actor_labels.txt``, parsed once."""
    single: dict[str, str] = {}
    pairs: dict[str, dict[str, str]] = {}
    hyphenated: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    restricted: set[str] = set()
    for line in lexicon_lines(ACTOR_LABELS_LEXICON):
        term, side, *flags = line.split("\t")
        if "actor_noun" in flags:
            restricted.add(term)
        if term.startswith("X-"):
            suffixes[term[2:]] = side
        elif term.endswith("-X"):
            prefixes[term[:-2]] = side
        elif "-" in term:
            hyphenated[term] = side
        elif " " in term:
            first, head = term.split()
            pairs.setdefault(head, {})[first] = side
        else:
            single[term] = side
    return LabelTerms(single, pairs, hyphenated, suffixes, prefixes, frozenset(restricted))


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A label's tokens ``first``..``last``, its side, and the tokens that name someone
    other than the labelled actor (the backer in "Iran-backed militias", the rival in
    "its arch-foe")."""

    first: int
    last: int
    side: str
    others: frozenset[int] = frozenset()


# Nouns of persons and groups, the only nouns an "actor noun" label applies to besides names.
ACTOR_HEAD_NOUNS = _WORD_LISTS["actor_head_nouns"]


def _written_words(doc: Doc) -> list[tuple[int, int]]:
    """Token runs of hyphenated written words ("Iran", "-", "backed"), as (first, last)."""
    # Read from arrays of ids and spacing flags, not token by token: most documents hold
    # no hyphen at all.
    strings = doc.vocab.strings
    hyphens = {strings[h] for h in HYPHENS if h in strings}
    if not len(doc) or not hyphens:
        return []
    orths, spaced = (column.tolist() for column in doc.to_array([ORTH, SPACY]).T)
    runs = []
    i = 0
    while i < len(orths):
        j = i
        while j + 2 < len(orths) and orths[j + 1] in hyphens and not spaced[j] \
                and not spaced[j + 1]:
            j += 2
        if j > i:
            runs.append((i, j))
        i = j + 1
    return runs


def _hyphenated_labels(doc: Doc, terms: LabelTerms) -> list[LabelMatch]:
    """Labels written as one hyphenated word: "arch-foe", "Iran-backed", "pro-Iran". The
    named part of a pattern ("Iran") is the backer, not the labelled actor."""
    found = []
    for first, last in _written_words(doc):
        written = _hyphenated_term(doc[first:last + 1].text.lower(), terms)
        parts = [t for t in doc[first:last + 1] if t.text not in HYPHENS]
        if written is not None:
            # "its arch-foe Iran", "Israel's arch-enemy": the possessor is the rival.
            others = frozenset(t.i for c in doc[last].children if c.dep_ == "poss"
                               for t in c.subtree)
            found.append(LabelMatch(first, _label_head(doc, first, last),
                                    terms.hyphenated[written], others))
            continue
        tail, head = parts[-1].lower_, parts[0].lower_
        if tail in terms.suffixes and len(parts) >= 2 and _names_someone(parts[:-1]):
            found.append(LabelMatch(first, _label_head(doc, first, last), terms.suffixes[tail],
                                    frozenset(t.i for t in parts[:-1])))
        elif head in terms.prefixes and len(parts) >= 2 and _names_someone(parts[1:]):
            found.append(LabelMatch(first, _label_head(doc, first, last), terms.prefixes[head],
                                    frozenset(t.i for t in parts[1:])))
    return found


def _hyphenated_term(written: str, terms: LabelTerms) -> str | None:
    """The lexicon's hyphenated label that ``written`` (lower case) is, in the singular or
    the plural ("arch-foes", "neo-Nazis"); None where it is none."""
    if written in terms.hyphenated:
        return written
    if written.endswith("s") and written[:-1] in terms.hyphenated:
        return written[:-1]
    return None


def _names_someone(tokens: list[Token]) -> bool:
    return all(t.pos_ == "PROPN" or t.ent_type_ or t.text[:1].isupper() for t in tokens)


# How far after a hyphenated label the noun it qualifies may stand ("pro-Iran armed
# groups": two words on).
_LABEL_NOUN_REACH = 3


def _label_head(doc: Doc, first: int, last: int) -> int:
    """The last token of a hyphenated label and the noun after it that it qualifies
    ("Iran-backed militias", "pro-Iran armed groups", "Iran-aligned Shiite factions"), where
    that noun is no name and names no act; the words between must all qualify the noun."""
    noun = doc[last].head
    if doc[last].dep_ in ("amod", "compound") and last < noun.i <= last + _LABEL_NOUN_REACH \
            and noun.pos_ == "NOUN" and not noun.ent_type_ and not _names_an_act(noun) and \
            all(doc[i].head.i == noun.i and doc[i].dep_ in ("amod", "compound")
                for i in range(last + 1, noun.i)):
        return noun.i
    following = last + 1
    if following < len(doc) and doc[following].pos_ == "NOUN" and \
            not doc[following].ent_type_ and not _names_an_act(doc[following]):
        return following
    return last


def _inside_name(token: Token, terms: LabelTerms) -> bool:
    """Whether a token is part of a name ("Islamic Resistance in Iraq"), not of an entity
    the model took for a name that is only a label ("the Zionist regime")."""
    if token.ent_type_ not in _NAME_TYPES:
        return False
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            words = [t.lower_ for t in entity if t.lower_ not in ("the", "-")]
            return not (" ".join(words[-2:]) in _label_pairs(terms) or
                        (len(words) == 1 and words[0] in terms.single))
    return True


def _label_pairs(terms: LabelTerms) -> set[str]:
    return {f"{first} {head}" for head, firsts in terms.pairs.items() for first in firsts}


def _label_candidates(doc: Doc, words: frozenset[str] | set[str]) -> list[Token]:
    """The tokens whose lemma or lower-case form (plural too) is one of ``words``, read from
    one array of ids: the article's other tokens are never looked at one by one."""
    strings = doc.vocab.strings
    lemmas = {strings.add(word) for word in words}
    forms = lemmas | {strings.add(word + suffix) for word in words for suffix in ("s", "es")}
    columns = doc.to_array([LEMMA, LOWER]).tolist()
    return [doc[i] for i, (lemma, lower) in enumerate(columns)
            if lemma in lemmas or lower in forms]


def actor_label_matches(doc: Doc) -> list[LabelMatch]:
    """The lexicon's labels in ``doc``: the label word with the evaluative adjectives before
    it ("despotic mullahs", "hardline ruling regime") and, where it modifies a noun, that
    noun ("terrorist groups", "Takfiri outfit", "Iran-backed militias"); verbs of the
    lexicon too ("martyred", "occupying"). Overlapping matches ("Takfiri terrorists") are
    joined."""
    terms = actor_label_terms()
    matches = _hyphenated_labels(doc, terms)
    taken = {i for m in matches for i in range(m.first, m.last + 1)}
    for token in _label_candidates(doc, terms.words()):
        if token.i in taken or _inside_name(token, terms):
            continue
        lemma = _singular(token, terms)
        form = token.lower_
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "change":
            continue  # "regime change" names a policy, however the parser reads "change"
        verb_label = token.pos_ in ("VERB", "AUX") and form in terms.single
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") and not verb_label:
            continue
        first = last = token.i
        side = None
        if lemma in terms.pairs and token.i > 0:
            side = terms.pairs[lemma].get(doc[token.i - 1].lemma_.lower())
            if side is not None:
                first = token.i - 1
        if side is None:
            side = terms.single.get(form if verb_label else lemma)
            if side is None:
                continue
        modified = _modified_noun(token)
        if modified is None and token.dep_ == "amod" and token.head.pos_ == "PROPN" and \
                token.head.i == token.i + 1:
            modified = token.head  # "moderate Republicans": a party's or people's name
        if (form if verb_label else lemma) in terms.actor_nouns_only and (
                modified is None or not is_actor_noun(modified)):
            continue
        # "terrorist", "criminal" are adjectives even where the tagger calls them nouns.
        actor_noun = token.pos_ in ("NOUN", "PROPN") and not lemma.endswith(("ist", "al"))
        if modified is not None and _names_an_act(modified) and (
                not actor_noun or modified.lemma_.lower() == "change"):
            # "criminal activities", "jihadist attacks", "criminal and social justice" label
            # acts and ideas, and "regime change" is a policy's name; "regime oppression"
            # still calls a government a regime.
            continue
        if token.dep_ in ("amod", "compound") and token.head.i == token.i + 1 and (
                (token.head.pos_ == "NOUN" and not token.head.ent_type_
                 and not _names_an_act(token.head))
                or (lemma in terms.actor_nouns_only and token.head.ent_type_ == "NORP")):
            last = token.head.i
        head = doc[last]
        while first > 0 and doc[first - 1].pos_ == "ADJ" and doc[first - 1].dep_ == "amod" \
                and doc[first - 1].head.i == head.i and not doc[first - 1].ent_type_:
            first -= 1
        if lemma in _SHARED_LABELS and side != "iran_axis" and \
                _names_iran_axis_target(modified if modified is not None else head):
            # "the Israeli regime", "the terrorist US army": Iranian state media's use of the
            # word every camp throws at the other's states.
            side = "iran_axis"
        matches.append(LabelMatch(first, last, side))
    matches.sort(key=lambda m: (m.first, m.last))
    joined: list[LabelMatch] = []
    for match in matches:
        if joined and joined[-1].first <= match.first <= joined[-1].last + 1:
            previous = joined[-1]
            joined[-1] = LabelMatch(previous.first, max(previous.last, match.last),
                                    previous.side, previous.others | match.others)
        else:
            joined.append(match)
    return joined


# Label words every camp aims at the other's states, and the words naming the states Iranian
# state media aim them at (``lexicons/framing_words.json``).
_SHARED_LABELS = _WORD_LISTS["shared_labels"]
_IRAN_AXIS_TARGETS = _WORD_LISTS["iran_axis_targets"]
# How many words of a label's noun phrase are read for the state it names.
_PHRASE_WORDS = 12


def _names_iran_axis_target(head: Token) -> bool:
    """Whether the noun phrase a label heads or qualifies names Israel or the United States
    ("the Israeli regime", "the terrorist US army", "the regime in Washington")."""
    phrase = list(head.subtree)
    return len(phrase) <= _PHRASE_WORDS and any(
        t.lower_ in _IRAN_AXIS_TARGETS for t in phrase if t.i != head.i)


def _singular(token: Token, terms: LabelTerms) -> str:
    """The lexicon's form of a label word: its lemma, or, where the lemmatizer keeps a
    capitalised plural as it is ("Takfiris", "Mullahs"), the word less its plural ending."""
    lemma = token.lemma_.lower()
    if lemma in terms.single or lemma in terms.pairs:
        return lemma
    for ending in ("es", "s"):
        if lemma.endswith(ending) and (stem := lemma[:-len(ending)]) and (
                stem in terms.single or stem in terms.pairs):
            return stem
    return lemma


def act_label_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans (first, last) of the lexicon's label words applied to an act rather than
    an actor, from the label word to the act's noun ("terrorist drone strike", "criminal
    aggression"): loaded language about the act, not a label of anyone."""
    terms = actor_label_terms()
    spans: list[tuple[int, int]] = []
    for token in _label_candidates(doc, set(terms.single)):
        if token.pos_ not in ("ADJ", "NOUN") or _inside_name(token, terms) or \
                token.lemma_.lower() in terms.actor_nouns_only:
            continue
        modified = _modified_noun(token)
        # "terrorist drone strike": the parser hangs the label on "drone", a compound of
        # the act's noun.
        while modified is not None and modified.dep_ == "compound" and \
                modified.head.pos_ == "NOUN" and modified.head.i > modified.i:
            modified = modified.head
        if modified is None or modified.i < token.i or not _names_an_act(modified) or \
                modified.lemma_.lower() == "change" or modified.i - token.i > 3:
            continue
        if not spans or token.i > spans[-1][1]:
            spans.append((token.i, modified.i))
    return spans


def actor_label_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans (first, last) of the lexicon's labels (see ``actor_label_matches``)."""
    return [(m.first, m.last) for m in actor_label_matches(doc)]


def is_actor_noun(noun: Token) -> bool:
    """Whether a noun names or stands for an actor: a name, or a noun of persons or groups."""
    return noun.pos_ == "PROPN" or noun.ent_type_ in ACTOR_LABELS or \
        noun.lemma_.lower() in ACTOR_HEAD_NOUNS


# Nouns of acts, proceedings and ideas that a label word can modify without labelling an
# actor ("terrorist attacks", "criminal charges", "regime change"), beside the abstract
# suffixes below; and the nouns of organisations that carry those suffixes all the same.
_ACT_NOUNS = _WORD_LISTS["act_nouns"]
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ity", "ance", "ence", "ism")
_GROUP_NOUNS = _WORD_LISTS["group_nouns"]


def _modified_noun(token: Token) -> Token | None:
    """The noun a modifier qualifies, through a run of conjoined modifiers ("criminal and
    social justice"), or None where ``token`` modifies no noun."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in ("amod", "compound") and token.head.pos_ == "NOUN":
        return token.head
    return None


def _names_an_act(noun: Token) -> bool:
    """Whether a noun names an act, a proceeding or an idea rather than an actor."""
    lemma = noun.lemma_.lower()
    if lemma in _GROUP_NOUNS:
        return False
    return lemma in _ACT_NOUNS or lemma.endswith(_ABSTRACT_SUFFIXES) or (
        len(lemma) > 5 and lemma.endswith("ing"))


def actor_label_records(doc: Doc, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``actor_label`` records: labels of ``lexicons/actor_labels.txt`` applied to a
    named actor ("occupation forces" of the US, "Takfiri terrorists" of Daesh, the
    militia of "an Iran-backed militia"), each with the ``side`` whose vocabulary it
    is. The technique tagger, tuned for PTC's spans, passes over most of the labels a
    naming table needs; these are not PTC's name calling (its annotators leave most of
    them unmarked), so they have a label of their own. Where a technique record already
    covers a label, both are kept: the technique record for PTC's figures, with the
    label's side, and the label's record, which alone names the actor ("Zionist" tagged as
    name calling does not hide "the Zionist regime" as a label of Israel); a scare quote
    covering one keeps it as it is."""
    scare = [(r["start"], r["end"]) for r in found if r["label"] == "scare_quotes"]
    techniques = [r for r in found if r["label"] in LABEL_TECHNIQUES]
    records: list[dict[str, Any]] = []
    for match in actor_label_matches(doc):
        first, last = match.first, match.last
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        if overlaps(scare, start, end):
            continue
        actor = labelled_actor(doc[first:last + 1], match.others)
        covering = [r for r in techniques if r["start"] < end and start < r["end"]]
        for record in covering:
            record["side"] = match.side
        if actor is not None:
            # The label's own record names the actor; a technique record over the same
            # words stays for PTC's figures but is not counted for it twice.
            for record in covering:
                record["_entity"] = None
            basis = match.side
        elif _labels_people(doc[first:last + 1]):
            # "Iran-backed militias fired", "the occupation forces arrested five men",
            # "climate deniers blocked the bill": the label frames a group the text does
            # not name; it is the outlet's word all the same, kept with no actor.
            basis = f"{match.side}|unnamed"
        else:
            continue
        record = framing_record(doc, start, end, "actor_label", ACTOR_LABEL_SCORE, actor,
                                basis=basis)
        record["side"] = match.side
        records.append(record)
    return records


def _labels_people(span: Span) -> bool:
    """Whether a label with no named actor is applied to persons or groups: its head is a
    noun of persons or groups ("militias", "activists", "forces"), the noun of a two-word
    label ("climate deniers"), a nationality or party ("moderate Republicans"), a label
    word that is a noun of persons itself ("terrorists", "mercenaries", "the regime"), or a
    verb whose subject is a person ("two fighters were martyred")."""
    terms = actor_label_terms()
    head = span.root
    if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "compound"):
        return any(c.dep_ in ("nsubj", "nsubjpass") and (
            c.lemma_.lower() in ACTOR_HEAD_NOUNS or c.tag_ == "PRP")
            for c in head.children)
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = _singular(head, terms)
    if lemma in ACTOR_HEAD_NOUNS or lemma in terms.pairs or head.ent_type_ == "NORP":
        return True  # "militias", "climate deniers", "moderate Republicans"
    if _hyphenated_term(span.text.lower(), terms) is not None:
        return True  # "anti-gunners", "never-Trumpers": the hyphenated word is the noun
    return lemma in terms.single and lemma not in terms.actor_nouns_only and \
        not lemma.endswith(("al", "ing"))


def act_label_records(doc: Doc, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``loaded_language`` records for the lexicon's labels applied to acts ("terrorist
    drone strike"), where no other record covers them."""
    taken = [(r["start"], r["end"]) for r in found if r["label"] != "unattributed_claim"]
    records = []
    for first, last in act_label_spans(doc):
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        if not overlaps(taken, start, end):
            records.append(framing_record(doc, start, end, "loaded_language", 0.6,
                                          basis="label_on_act"))
    return records
