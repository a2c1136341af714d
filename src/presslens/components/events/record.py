"""An event as the contract's record: offsets of trigger and sentence, the phrases and
article clusters of its actors and targets, place, date and the quote that reports it; and
the facts the confidence model reads of it (``presslens.event_confidence``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, NotRequired, TypedDict

from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_memo, doc_text
from presslens.components.events.found import FoundEvent
from presslens.components.events.lexicon import (
    BACKING_WORDS,
    PEOPLE_NOUNS,
    PERSON_ROLES,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    PRIVATE_PEOPLE,
    trigger_lexicon,
)
from presslens.components.events.modality import event_modality
from presslens.components.events.roles import accompanying, clause_of, dateline_end_at
from presslens.components.events.type_classifier import ambiguous_trigger


class TriggerOffsets(TypedDict):
    start: int
    end: int
    text: str


class SentenceOffsets(TypedDict):
    start: int
    end: int


class EventRecord(TypedDict):
    """An event as ``doc._.events`` holds it: the contract's fields, with ``actor``,
    ``target`` and ``location`` left to the analysis, which resolves the private fields
    (``_actors``, ``_targets``, ``_location``: the article's cluster numbers; the character
    spans of the role phrases) into corpus ids and drops the rest."""

    id: str
    type: str
    mode: str | None
    actor: str | None
    actor_text: str | None
    target: str | None
    target_text: str | None
    location: str | None
    trigger: TriggerOffsets
    date: str | None
    negated: bool
    hypothetical: bool
    modality: str
    demanded_type: str | None
    reported_by: str | None
    sentence: SentenceOffsets
    _embedded: bool
    _actors: list[int]
    _targets: list[int]
    _location: int | None
    _actor_span: list[int] | None
    _target_span: list[int] | None
    # Set once the article's events are all known (their number per sentence counts).
    _confidence_facts: NotRequired[dict[str, Any]]
    # Absent where the confidence model is not shipped.
    confidence: NotRequired[float]


def confidence_facts(doc: Doc, event: FoundEvent, record: EventRecord,
                     events_in_sentence: int) -> dict[str, Any]:
    """What the confidence model reads of an event (see ``event_confidence``)."""
    clusters = doc._.entity_clusters or []
    head = event.head
    actor_span, target_span = record["_actor_span"], record["_target_span"]

    def types(numbers: list[int]) -> list[str]:
        return [clusters[n].type for n in numbers if n < len(clusters)]

    return {
        "type": event.type,
        "modality": record["modality"],
        "phrase": event.phrase,
        "ambiguous": ambiguous_trigger(event),
        "noun": head.pos_ in ("NOUN", "PROPN"),
        "unlisted": (head.lemma_.lower(), "VERB") not in trigger_lexicon() and
        (head.lemma_.lower(), "NOUN") not in trigger_lexicon() and not event.phrase,
        "type_probability": event.type_probability,
        "dep": head.dep_,
        "has_actor": bool(event.actors),
        "actor_types": types(record["_actors"]),
        "actor_pronoun": any(t.tag_ == "PRP" for t in event.actors[:1]),
        "actor_words": len(doc.char_span(actor_span[0], actor_span[1],
                                        alignment_mode="expand") or [])
        if actor_span else 0,
        "has_target": bool(event.targets),
        "target_types": types(record["_targets"]),
        "target_pronoun": any(t.tag_ == "PRP" for t in event.targets[:1]),
        "target_words": len(doc.char_span(target_span[0], target_span[1],
                                         alignment_mode="expand") or [])
        if target_span else 0,
        "reported": record["reported_by"] is not None,
        "sentence_words": len(doc.char_span(record["sentence"]["start"],
                                            record["sentence"]["end"],
                                            alignment_mode="expand") or []),
        "events_in_sentence": events_in_sentence,
    }


def event_record(doc: Doc, event: FoundEvent, index: int) -> EventRecord:
    """The contract record of an event (local cluster numbers still to be resolved)."""
    start = event.trigger_start.idx
    end = event.trigger_end.idx + len(event.trigger_end)
    sentence = event.trigger_start.sent
    actor_span = _phrase(event.actors)
    target_span = _phrase(event.targets)
    actors = _cluster_numbers(doc, event.actors)
    named_targets = _cluster_numbers(doc, event.targets)
    # An act aimed at its own actor is a misreading ("U.S. sanctions on the U.S., Europe …",
    # "President Trump deployed President Trump"): the actor is no target of its own act, and
    # a target that names no one else is dropped.
    targets = [n for n in named_targets if n not in actors]
    if named_targets and not targets:
        target_span = None
    modality = event_modality(event)
    return {
        "id": f"e{index}",
        "type": event.type,
        "mode": event.mode,
        "actor": None,
        "actor_text": actor_span.text if actor_span is not None else None,
        "target": None,
        "target_text": target_span.text if target_span is not None else None,
        "location": None,
        "trigger": {"start": start, "end": end, "text": doc_text(doc)[start:end]},
        "date": _date_of(sentence, start),
        "negated": modality == "negated",
        "hypothetical": event.hypothetical or modality not in ("asserted", "negated"),
        "modality": modality,
        "demanded_type": event.demanded_type if modality == "demanded" else None,
        "reported_by": _quote_at(doc, start),
        "sentence": {"start": sentence.start_char, "end": sentence.end_char},
        "_embedded": event.embedded_in is not None,
        "_actors": actors,
        "_targets": targets,
        "_location": _location_cluster(doc, sentence, event),
        "_actor_span": _char_span(actor_span),
        "_target_span": _char_span(target_span),
    }


def _phrase(tokens: list[Token]) -> Span | None:
    """The noun phrase of the first token, joined with its conjuncts: "Joe Biden and the
    Iraqi prime minister"."""
    if not tokens:
        return None
    doc = tokens[0].doc
    first = min(t.left_edge.i for t in tokens)
    dateline = dateline_end_at(tokens[0])
    if first <= dateline < min(t.i for t in tokens):
        first = dateline + 1  # "TIRANA, Albania (AP) -- Albania's parliament"
    last = max(_phrase_end(t) for t in tokens)
    return doc[first:last + 1]


def _phrase_end(token: Token) -> int:
    """Where a noun phrase ends: its last word before a clause or a comma hangs on it, and
    never inside the name it is part of."""
    end = token.i
    doc = token.doc
    while token.ent_type_ and end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1  # "The Islamic Resistance in Iraq": the name goes on through its "in"
    for child in token.children:
        if child.i > token.i and child.dep_ in ("compound", "flat", "amod", "nummod", "poss",
                                                "case", "prep", "appos"):
            if child.dep_ == "prep" and child.lower_ not in ("of",):
                continue
            end = max(end, child.right_edge.i)
    return end


def _char_span(span: Span | None) -> list[int] | None:
    return [span.start_char, span.end_char] if span is not None else None


def _cluster_numbers(doc: Doc, tokens: list[Token]) -> list[int]:
    """The article's entity clusters that the role's phrases name, in order; "he" and "she"
    are the person last named before them (within the two sentences before)."""
    numbers: list[int] = []
    for token in tokens:
        if token.lower_ in ("he", "she", "him", "her") and token.tag_ == "PRP":
            number = _cluster_before(doc, token, "PERSON", _own_subject(doc, token))
            if number is not None and number not in numbers:
                numbers.append(number)
            continue
        if token.lower_ in ("they", "them") and token.tag_ == "PRP":
            numbers.extend(n for n in _named_pair_before(doc, token) if n not in numbers)
            continue
        described = _described_speaker(doc, token)
        if described is not None:
            # "the secretary general of X held the US responsible, Akram al-Kaabi said":
            # the person the quote layer found the description stands for.
            if described not in numbers:
                numbers.append(described)
            continue
        if _body_description(token):
            # "Saree said the group targeted a ship": the body named last before it.
            number = _cluster_before(doc, token, "ORG")
            if number is not None and number not in numbers:
                numbers.append(number)
            continue
        named = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and c.ent_type_ in ("PERSON", "ORG", "")]
        if named and not token.ent_type_ and token.lemma_.lower() in PEOPLE_NOUNS:
            # "a State Department spokesperson, Morgan Ortagus": the one named speaks, not
            # the body the title names.
            token = named[0]
        if not token.ent_type_ and token.lemma_.lower() in PRIVATE_PEOPLE:
            continue  # "a Cheltenham man": the town is where he is from, not who acts
        if _backer(token, token.head.head):
            continue  # "Iran" of "Iran-backed militias" chosen alone: the backer again
        span = doc[token.left_edge.i:_phrase_end(token) + 1]
        number = _cluster_in(doc, span.start_char, span.end_char, token)
        if number is not None and number not in numbers:
            numbers.append(number)
    return numbers


_SENTENCE_STARTS_KEY = "presslens_events_sentence_starts"


def _own_subject(doc: Doc, pronoun: Token) -> frozenset[int]:
    """"Pryce thanked him": the clusters an object pronoun cannot stand for, those named
    in the subject of its own verb (English says "himself" for that one)."""
    if pronoun.lower_ not in ("him", "her") or pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return frozenset()
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return frozenset()
    start = subject.left_edge.idx
    end = subject.right_edge.idx + len(subject.right_edge)
    return frozenset(n for n, c in enumerate(doc._.entity_clusters or [])
                     if any(start <= m.start_char and m.end_char <= end for m in c.mentions))


def _cluster_before(doc: Doc, token: Token, cluster_type: str,
                    not_these: frozenset[int] = frozenset()) -> int | None:
    """The cluster of the type (a person, a body) mentioned last before ``token``, in its
    sentence or the two before it, other than ``not_these``."""
    starts = doc_memo(doc, "events").get(_SENTENCE_STARTS_KEY)
    if starts is None:
        starts = doc_memo(doc, "events")[_SENTENCE_STARTS_KEY] = [s.start_char for s in doc.sents]
    before = bisect_right(starts, token.idx)
    earliest = starts[before - 3] if before >= 3 else 0
    best: tuple[int, int] | None = None
    for number, cluster in enumerate(doc._.entity_clusters or []):
        if cluster.type != cluster_type or number in not_these:
            continue
        for mention in cluster.mentions:
            if earliest <= mention.start_char and mention.end_char <= token.idx and (
                    best is None or mention.start_char > best[0]):
                best = (mention.start_char, number)
    return best[1] if best else None


# Nouns by which an article calls a body it has named ("the group said", "the militia").
_BODY_NOUNS = frozenset({"group", "militia", "movement", "organisation", "organization",
                         "faction", "alliance", "coalition"})


def _body_description(token: Token) -> bool:
    """"the group", "the militia": a definite noun of one body with nothing that names it
    ("the militias" are a kind, not the one named before)."""
    return token.lemma_.lower() in _BODY_NOUNS and token.tag_ == "NN" and \
        not token.ent_type_ and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in ("compound", "amod", "poss", "prep", "appos", "nmod") for c in token.children)


def _named_pair_before(doc: Doc, token: Token) -> list[int]:
    """"Soleimani and Muhandis were killed. They were targeted …": "they" is the names
    joined by "and" (or "along with") last before it, in its sentence or the one before."""
    sentence = token.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for i in range(token.i - 1, start - 1, -1):
        candidate = doc[i]
        if candidate.dep_ == "conj" or not candidate.ent_type_:
            continue
        joined = [t for t in candidate.children if t.dep_ == "conj" and t.ent_type_]
        # "X, along with Y": the phrase hangs on X, or on the event X is "of".
        joined += [t for t in accompanying(candidate) if t.ent_type_]
        if candidate.dep_ == "pobj" and candidate.head.lower_ == "of":
            joined += [t for t in accompanying(candidate.head.head)
                       if t.ent_type_ and t.i > candidate.i]
        if not joined:
            continue
        found = []
        for member in (candidate, *joined):
            span = doc[member.left_edge.i:_phrase_end(member) + 1]
            number = _cluster_in(doc, span.start_char, span.end_char, member)
            if number is not None and number not in found:
                found.append(number)
        if len(found) > 1:
            return found
    return []


def _cluster_in(doc: Doc, start: int, end: int, head: Token) -> int | None:
    best = None
    for number, cluster in enumerate(doc._.entity_clusters or []):
        for mention in cluster.mentions:
            if mention.start_char >= start and mention.end_char <= end:
                holds_head = mention.start <= head.i < mention.end
                if holds_head:
                    return number
                if _backer(doc[mention.start], head):
                    continue
                if best is None or mention.start_char < best[0]:
                    best = (mention.start_char, number)
    return best[1] if best else None


def _backer(token: Token, head: Token) -> bool:
    """Whether ``token`` names who backs the phrase's group ("Iran" in "Iran-backed
    militias", "US" in "US-allied Kurdish fighters"): a word on its way up to the head is
    a participle of backing."""
    node = token
    while node.head.i != node.i and node.i != head.i:
        if node.head.i != head.i and node.head.lemma_.lower() in BACKING_WORDS and \
                node.head.dep_ in ("amod", "compound"):
            return True
        node = node.head
    return False


def _location_cluster(doc: Doc, sentence: Span, event: FoundEvent) -> int | None:
    """A place named in the trigger's clause after "in", "at", "near" …"""
    head = event.trigger_end if event.trigger_end.pos_ == "NOUN" else event.trigger_start
    clause: set[int] | None = None
    objects = _prepositional_object_positions(doc)
    for i in objects[bisect_left(objects, sentence.start):bisect_left(objects, sentence.end)]:
        token = doc[i]
        if token.head.lower_ in PLACE_PREPOSITIONS and token.ent_type_ in PLACE_LABELS:
            # The clause is worked out only for a sentence that names a place at all.
            clause = clause if clause is not None else {t.i for t in clause_of(head)}
            if i in clause:
                return _cluster_in(doc, token.idx, token.idx + len(token), token)
    return None


_POBJ_POSITIONS_KEY = "presslens_events_pobj_positions"


def _prepositional_object_positions(doc: Doc) -> list[int]:
    """The positions of the article's prepositional objects, read once from the parse."""
    positions = doc_memo(doc, "events").get(_POBJ_POSITIONS_KEY)
    if positions is None:
        pobj = doc.vocab.strings.add("pobj")
        positions = doc_memo(doc, "events")[_POBJ_POSITIONS_KEY] = [
            i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep == pobj] \
            if len(doc) else []
    return positions


def _date_of(sentence: Span, trigger_start: int) -> str | None:
    """The value of the sentence's date nearest the trigger (days and months before years)."""
    dated = [t for t in sentence._.timexes
             if t["type"] in ("DATE", "TIME") and t["value"] and t["value"][:1].isdigit()]
    if not dated:
        return None
    nearest = min(dated, key=lambda t: abs(t["start"] - trigger_start))
    return nearest["value"]


def _described_speaker(doc: Doc, token: Token) -> int | None:
    """The person a speaker's description at ``token`` was resolved to by the quote layer
    ("the secretary general" of a group, named in the next quote; "the lawmaker" after a
    sentence about him): a description, not a name, so that the events and the quotes of
    one phrase name one person."""
    # A singular noun of a person's office: "protesters" or "the administration" resolved to
    # a person by the quote layer stand for more than one.
    if token.tag_ != "NN" or token.ent_type_ or token.lemma_.lower() not in PERSON_ROLES:
        return None
    for quote in doc._.quotes or []:
        speaker = quote["speaker"]
        clusters = speaker.get("_clusters") or []
        if speaker.get("resolved_from") == "description" and len(clusters) == 1 and \
                speaker.get("start") is not None and \
                speaker["start"] <= token.idx < speaker["end"] and \
                doc._.entity_clusters[clusters[0]].type == "PERSON":
            return int(clusters[0])
    return None


def _quote_at(doc: Doc, char: int) -> str | None:
    for quote in doc._.quotes or []:
        content = quote["content"]
        if content["start"] <= char < content["end"]:
            return quote["id"]
    return None
