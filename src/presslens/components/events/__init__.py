"""Political events: who did what to whom, when and where, coded in PLOVER.

``presslens_events`` runs after the entity, time and quote components and writes
``doc._.events``: one contract record per event with its PLOVER ``type`` and ``mode``, the
``trigger`` word(s), actor and target (as local entity clusters, turned into corpus ids by
the analysis, and as written), ``location``, ``date`` (a TIMEX3 value from the sentence),
``negated``, ``hypothetical`` and ``reported_by`` (the quote that carries the event).

Triggers are verbs and event nouns of ``lexicons/plover_triggers.tsv`` matched on the
dependency parse: a verb's subject acts on its object (or on the object of "against", "on",
"with" …; a passive turns them round, and with no "by" the country it happened in acts;
"is willing to", "a report accusing" pass the subject down; a dateline is never the actor);
an event noun takes its actor from a possessor, a modifier ("the US assassination", "a
Saudi-led strike") or "by", its target from "of", "on" or "against", and a noun that
qualifies another ("a mediation effort") takes that noun's roles. What someone says another
"must" do is that someone's REQUEST of the other.
Modality comes from the parse too: negation, modal verbs, conditions ("if", "in case"),
and verbs of intent or demand above the trigger make it hypothetical; an attack that someone
vows or threatens ("vowed to take up arms if …") is a THREATEN event by that someone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from presslens.components import ModelFiles, forget_memo, register_extensions
from presslens.components.events.found import FoundEvent
from presslens.components.events.governors import (
    link_governors,
    restates_governor,
    same_act_once,
)
from presslens.components.events.lexicon import PEOPLE_NOUNS
from presslens.components.events.modality import event_modality, plover_reading, read_threats
from presslens.components.events.record import EventRecord, confidence_facts, event_record
from presslens.components.events.role_ranker import MODEL_FILE as ROLES_FILE
from presslens.components.events.role_ranker import RoleRanker, load_role_models, role_rankers
from presslens.components.events.roles import ranked_actor, ranked_target
from presslens.components.events.triggers import event_at, possible_trigger_positions
from presslens.components.events.type_classifier import MODEL_FILE as TYPES_FILE
from presslens.components.events.type_classifier import (
    classify_type,
    load_classifier,
    unlisted_events,
)
from presslens.event_confidence import MODEL_FILE as CONFIDENCE_FILE
from presslens.event_confidence import (
    ConfidenceModel,
    confidence_features,
    load_confidence_model,
    read_confidence_model,
)
from presslens.learning import LinearClassifier, load_model

__all__ = ["PEOPLE_NOUNS", "EventCoder", "EventModels", "EventRecord", "event_modality",
           "extract_events", "find_events", "make_event_coder", "read_event_models"]

register_extensions()

# The files an event coder's models are kept in (``to_disk`` writes them).
MODEL_FILES = (ROLES_FILE, TYPES_FILE, CONFIDENCE_FILE)


@dataclass(frozen=True, slots=True)
class EventModels:
    """The trained models the coder runs on: the actor and target rankers, the type
    classifier and the confidence model (each None where its file is absent: the rules
    alone, no confidence)."""

    roles: RoleRanker | None
    types: LinearClassifier | None
    confidence: ConfidenceModel | None
    targets: RoleRanker | None = None


@cache
def shipped_event_models() -> EventModels:
    """The models shipped in ``presslens/models``, read once."""
    actors, targets = load_role_models()
    return EventModels(actors, load_classifier(), load_confidence_model(), targets)


def read_event_models(directory: Traversable) -> EventModels:
    """The models kept in ``directory`` (as ``EventCoder.to_disk`` writes them)."""
    actors, targets = role_rankers(directory)
    return EventModels(actors, load_model(TYPES_FILE, directory),
                       read_confidence_model(directory), targets)


def extract_events(doc: Doc, models: EventModels | None = None, *, use_roles: bool = True,
                   classify: bool = True, rank_targets: bool = False) -> list[EventRecord]:
    """The contract records of the events in a parsed ``doc`` (whose entity, time and quote
    components have run), each with its calibrated ``confidence``. It sets nothing on the
    Doc: the factory's component stores them as ``doc._.events``.

    >>> doc = load_pipeline()("Norvastian jets bombed a depot.")  # doctest: +SKIP
    >>> [event["type"] for event in extract_events(doc)]  # doctest: +SKIP
    ['ASSAULT']
    """
    models = models or shipped_event_models()
    found = find_events(doc, models, classify=classify, use_roles=use_roles,
                        rank_targets=rank_targets)
    records = [event_record(doc, event, index) for index, event in enumerate(found, 1)]
    model = models.confidence if records else None
    per_sentence = Counter(r["sentence"]["start"] for r in records)
    for event, record in zip(found, records, strict=True):
        record["_confidence_facts"] = confidence_facts(
            doc, event, record, per_sentence[record["sentence"]["start"]])
    if model is not None:
        # One product for the article's events: numpy's cost is per call, not per row.
        scores = model.confidences([confidence_features(r["_confidence_facts"])
                                    for r in records])
        for record, confidence in zip(records, scores, strict=True):
            record["confidence"] = confidence
    forget_memo(doc, "events")
    return records


def find_events(doc: Doc, models: EventModels | None = None, *, classify: bool = True,
                use_roles: bool = True, rank_targets: bool = False) -> list[FoundEvent]:
    """The document's events; ``classify`` lets the trained classifier settle the type
    where it is confident the lexicon's reading is wrong, ``use_roles`` the trained
    ranker name an actor where the rules found none, and ``rank_targets`` the target
    ranker replace what the rules found acted on where it is sure they chose wrong. The
    target ranker is off by default: it lifts the PLOVER sentences' triples, but on whole
    annotated articles the events it changes are less often right (docs/events.md)."""
    models = models or shipped_event_models()
    events = _rule_events(doc)
    ranker = models.roles if use_roles else None
    if ranker is not None:
        for event in events:
            if not event.actors and event.head.pos_ in ("VERB", "AUX"):
                event.actors = ranked_actor(event, ranker)
    target_ranker = models.targets if rank_targets else None
    if target_ranker is not None:
        # What a governing event says of the act it governs ("condemned the attack by …")
        # is read by the governors' rules, not ranked.
        governing = {id(e.embedded_in) for e in events if e.embedded_in is not None}
        for event in events:
            if id(event) not in governing:
                event.targets = ranked_target(event, target_ranker)
    classifier = models.types if classify else None
    if classifier is not None:
        events = [classify_type(event, classifier) for event in events]
        events += unlisted_events(doc, events, classifier)
        events.sort(key=lambda e: e.trigger_start.i)
    return events


def _rule_events(doc: Doc) -> list[FoundEvent]:
    """The events the lexicon and the parse find, each read for what governs it."""
    events: list[FoundEvent] = []
    used: set[int] = set()
    for i in possible_trigger_positions(doc):
        if i in used:
            continue
        event = event_at(doc[i])
        if event is None:
            continue
        used.update(range(event.trigger_start.i, event.trigger_end.i + 1))
        events.append(event)
    link_governors(events)
    events = [plover_reading(e) for e in read_threats(events)]
    return same_act_once([e for e in events if not restates_governor(e)])


class EventCoder:
    """Codes the events of a parsed document into ``doc._.events``. It runs on the models
    shipped in ``presslens/models`` until ``from_disk`` gives it others; ``to_disk`` writes
    the model files it runs on. ``rank_targets`` switches the target ranker on;
    ``use_roles`` and ``classify`` (the factory's config) switch
    the actor ranker and the type classifier off, leaving the rules alone."""

    def __init__(self, use_roles: bool = True, classify: bool = True,
                 rank_targets: bool = False) -> None:
        self.use_roles = use_roles
        self.rank_targets = rank_targets
        self.classify = classify
        self.models: EventModels | None = None
        self.files = ModelFiles(MODEL_FILES, read_event_models, "event models")

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc, self.models, use_roles=self.use_roles,
                                      rank_targets=self.rank_targets,
                                      classify=self.classify)
        return doc

    def find(self, doc: Doc, *, classify: bool = True, use_roles: bool = True
             ) -> list[FoundEvent]:
        """The document's events before they become records (see ``find_events``): what
        the training scripts read."""
        return find_events(doc, self.models, classify=classify, use_roles=use_roles)

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        self.files.write(path)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> EventCoder:
        self.models = self.files.read_folder(path)
        return self

    def record(self, doc: Doc, event: FoundEvent, index: int) -> EventRecord:
        """The contract record of an event (see ``event_record``)."""
        return event_record(doc, event, index)


@Language.factory(
    "presslens_events",
    default_config={"use_roles": True, "classify": True, "rank_targets": False},
    assigns=["doc._.events"],
    requires=["token.lemma", "token.pos", "token.tag", "token.dep", "token.ent_type",
              "doc.sents", "doc._.entity_clusters", "doc._.timexes", "doc._.quotes"],
)
def make_event_coder(nlp: Language, name: str, use_roles: bool, classify: bool,
                     rank_targets: bool
                     ) -> EventCoder:
    return EventCoder(use_roles=use_roles, classify=classify, rank_targets=rank_targets)
