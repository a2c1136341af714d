"""Queries of what the components found: quotes by speaker or content, events, how each
outlet names an actor, and the corpus's timeline."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from presslens.model import LABEL_RECORDS
from presslens.store.actors import StoredActors
from presslens.store.search import fts_query
from presslens.timeline import TimelineRow

# What the timeline and the network show by default: what the text says happened.
ASSERTED = frozenset({"asserted"})
# Framing spans that name an actor (a label, a term held at a distance), for naming tables:
# the records the framing component gives the actor they label.
NAMING_LABELS = LABEL_RECORDS
MAX_NAMING_WORDS = 6


class ItemQueries(StoredActors):
    """Quotes, events, naming tables and the timeline of the stored articles."""

    def quotes(self, *, speaker: str | None = None, about: str | None = None,
               kind: str | None = None, limit: int = 50,
               min_confidence: float = 0.0) -> list[QuoteHit]:
        """Stored quotes, newest article first: by speaker (any spelling of a name, or the
        speaker as written; one of several joint speakers, or the principal a spokesperson
        speaks for), by what was said (FTS5 syntax), by kind, at or above a confidence
        (quotes stored without one always pass)."""
        conditions: list[str] = []
        parameters: list[str | float] = []
        if speaker:
            ids = self.entity_ids_named(speaker) or self._people_by_surname(speaker)
            clause = "q.speaker_text LIKE ? ESCAPE '\\'"
            literal = speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parameters.append(f"%{literal}%")
            if ids:
                marks = ",".join("?" * len(ids))
                clause += f" OR q.speaker_entity IN ({marks})"
                parameters.extend(ids)
                # The quotes table holds one speaker; the stored record holds them all.
                clause += (" OR EXISTS (SELECT 1 FROM items i, json_each(i.record, "
                           f"'$.speaker.entities') j WHERE {_QUOTE_RECORD_MATCH} AND "
                           f"j.value IN ({marks}))"
                           f" OR EXISTS (SELECT 1 FROM {_QUOTE_RECORD} AND json_extract("
                           f"i.record, '$.speaker.on_behalf_of.entity') IN ({marks}))")
                parameters.extend(ids + ids)
            conditions.append(f"({clause})")
        if min_confidence > 0:
            conditions.append(f"NOT EXISTS (SELECT 1 FROM {_QUOTE_RECORD} AND "
                              "json_extract(i.record, '$.confidence') < ?)")
            parameters.append(min_confidence)
        if kind:
            conditions.append("q.kind = ?")
            parameters.append(kind)
        if about:
            conditions.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            # What was said, not who said it: --speaker is for that.
            parameters.append(f"content : ({fts_query(self.connection, 'quotes_fts', about)})")
        where = " AND ".join(conditions) or "1"
        rows = self.connection.execute(
            "SELECT q.*, a.title, a.outlet, a.published, e.name AS entity_name, "
            f"(SELECT json_extract(i.record, '$.confidence') FROM {_QUOTE_RECORD}) "
            "AS confidence "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities e ON e.id = q.speaker_entity "
            f"WHERE {where} ORDER BY a.published DESC, a.rowid DESC, q.start LIMIT ?",
            (*parameters, limit),
        ).fetchall()
        return [QuoteHit(r["id"], r["article_id"], r["kind"], r["cue"], r["speaker_entity"],
                         r["entity_name"], r["speaker_text"], bool(r["anonymous"]),
                         r["content"], r["title"], r["outlet"], r["published"],
                         r["confidence"]) for r in rows]

    def events(self, *, actor: str | None = None, event_type: str | None = None,
               since: str | None = None, limit: int = 100,
               min_confidence: float | None = None,
               target: str | None = None) -> list[EventHit]:
        """Stored events, by date: acted by ``actor`` and on ``target`` (any spelling; one of
        several actors or targets counts), of a PLOVER type, on or after ``since`` (the
        event's date, else its article's publication date), of at least ``min_confidence``
        (by default the threshold chosen on the development articles)."""
        from presslens.event_confidence import (
            default_min_confidence,
            is_shown,
            modality_of,
        )

        threshold = default_min_confidence() if min_confidence is None else min_confidence
        actor_ids = set(self.entity_ids_named(actor)) if actor else None
        target_ids = set(self.entity_ids_named(target)) if target else None
        rows = self.connection.execute(
            "SELECT i.record, a.id AS article_id, a.text, a.outlet, a.published, a.title "
            "FROM items i JOIN articles a ON a.id = i.article_id WHERE i.kind = 'events' "
            "ORDER BY a.published, a.rowid, i.seq"
        ).fetchall()
        names = {row["id"]: row["name"] for row in self.connection.execute(
            "SELECT id, name FROM entities")}
        hits = []
        for row in rows:
            event = json.loads(row["record"])
            actors = event.get("actors") or ([event["actor"]] if event.get("actor") else [])
            if actor_ids is not None and not actor_ids & set(actors):
                continue
            targets = event.get("targets") or ([event["target"]] if event.get("target") else [])
            if target_ids is not None and not target_ids & set(targets):
                continue
            if event_type and event["type"] != event_type.upper():
                continue
            if not is_shown(event, threshold):
                continue
            when = event.get("date") if (event.get("date") or "")[:1].isdigit() else None
            when = when or row["published"]
            if since and (not when or when < since):
                continue
            sentence = event.get("sentence") or {}
            text = row["text"][sentence.get("start", event["trigger"]["start"]):
                               sentence.get("end", event["trigger"]["end"])]
            target = event.get("target")
            hits.append(EventHit(
                event["id"], row["article_id"], event["type"], event.get("mode"), when,
                names.get(event.get("actor"), event.get("actor_text")),
                names.get(target, event.get("target_text")) if target else
                event.get("target_text"),
                event["trigger"]["text"], " ".join(text.split()), bool(event.get("negated")),
                bool(event.get("hypothetical")), event.get("reported_by"), row["outlet"],
                row["title"], event.get("confidence"), modality_of(event),
                event.get("demanded_type")))
        hits.sort(key=lambda h: (h.date is None, h.date or "", h.article_id))
        return hits[:limit]

    def naming(self, entity_ids: set[str], limit_per_outlet: int = 8
               ) -> dict[str, list[NamingRow]]:
        """How each outlet names the actors ``entity_ids``: every way it was written (names,
        the phrases of events' actors and targets, quote speakers, labels framing attaches
        to it), with counts and an example sentence, most frequent first."""
        from collections import Counter

        counts: dict[str, Counter[str]] = {}
        examples: dict[tuple[str, str], str] = {}

        counted: set[tuple[str, str, int]] = set()

        def note(outlet: str | None, phrase: str | None, text: str, start: int) -> None:
            phrase = naming_phrase(phrase)
            if not phrase:
                return
            # One use in the text is counted once, whether a mention, an event's actor and a
            # quote's speaker all read it: the sentence and the phrase identify the use.
            sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
            use = (text[:64], phrase, sentence_start)
            if use in counted:
                return
            counted.add(use)
            outlet = outlet or "(unknown outlet)"
            counts.setdefault(outlet, Counter())[phrase] += 1
            if (outlet, phrase) not in examples:
                left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
                right = min((i for i in (text.find(". ", start), text.find("\n", start))
                             if i >= 0), default=len(text))
                examples[(outlet, phrase)] = " ".join(text[left:right + 1].split())

        marks = ",".join("?" * len(entity_ids))
        for row in self.connection.execute(
                f"SELECT m.text, m.start, a.outlet, a.text AS body FROM mentions m "
                f"JOIN articles a ON a.id = m.article_id WHERE m.entity_id IN ({marks})",
                tuple(entity_ids)):
            note(row["outlet"], row["text"], row["body"], row["start"])
        for row in self.connection.execute(
                "SELECT i.kind, i.record, a.outlet, a.text AS body FROM items i "
                "JOIN articles a ON a.id = i.article_id WHERE i.kind IN ('events', 'quotes', "
                "'framing')"):
            record = json.loads(row["record"])
            if row["kind"] == "events":
                for role in ("actor", "target"):
                    if record.get(role) in entity_ids:
                        note(row["outlet"], record.get(f"{role}_text"), row["body"],
                             record["trigger"]["start"])
            elif row["kind"] == "quotes":
                speaker = record.get("speaker") or {}
                if speaker.get("entity") in entity_ids and speaker.get("start") is not None:
                    note(row["outlet"], speaker.get("text"), row["body"], speaker["start"])
            elif record.get("entity") in entity_ids and record.get("label") in NAMING_LABELS \
                    and len((record.get("text") or "").split()) <= MAX_NAMING_WORDS:
                note(row["outlet"], record.get("text"), row["body"], record["start"])
        table: dict[str, list[NamingRow]] = {}
        for outlet in sorted(counts):
            table[outlet] = [NamingRow(phrase, n, examples[(outlet, phrase)])
                             for phrase, n in counts[outlet].most_common(limit_per_outlet)]
        return table

    def timeline(self, *, actor: str | None = None, since: str | None = None,
                 min_confidence: float | None = None,
                 modalities: frozenset[str] = ASSERTED) -> list[TimelineRow]:
        """The corpus's events as one timeline (see ``presslens.timeline``): by default the
        asserted events at or above the default confidence threshold."""
        from presslens.event_confidence import (
            default_min_confidence,
            is_shown,
            modality_of,
        )
        from presslens.timeline import build_timeline

        threshold = default_min_confidence() if min_confidence is None else min_confidence
        actor_ids = set(self.entity_ids_named(actor)) if actor else None
        events = []
        for row in self.connection.execute(
                "SELECT i.record, a.id AS article_id, a.outlet, a.published, a.text FROM items i "
                "JOIN articles a ON a.id = i.article_id WHERE i.kind = 'events'"):
            event = json.loads(row["record"])
            if not is_shown(event, threshold) or modality_of(event) not in modalities:
                continue
            if not (event.get("date") or "")[:1].isdigit():
                # Placed at its article's date, but undated: it joins no other report.
                event["date"] = row["published"]
                event["undated"] = True
            if since and (not event.get("date") or event["date"] < since):
                continue
            if actor_ids is not None and not actor_ids & {event.get("actor"),
                                                          event.get("target")}:
                continue
            sentence = event.get("sentence") or event["trigger"]
            event.update(article_id=row["article_id"], outlet=row["outlet"],
                         sentence_text=" ".join(row["text"][sentence["start"]:
                                                            sentence["end"]].split()))
            events.append(event)
        return build_timeline(events)


# Where a phrase written for an actor stops being its name or description: a clause, an
# apposition, a bracket ("US occupation forces responsible for the upsurge in ...", "The prime
# minister (Mustafa Al-Kadhimi").
_NAMING_PHRASE_END = re.compile(
    r"\s*(?:[(,;:]|\s(?:who|which|that|whose|responsible|accused|blamed|behind|after|"
    r"during|across|in\s+the\s+wake)\b)", re.IGNORECASE)


def naming_phrase(phrase: str | None) -> str | None:
    """The name or short description at the head of a phrase written for an actor, or None
    when even that is longer than a description (``MAX_NAMING_WORDS``).

    >>> naming_phrase("US occupation forces responsible for the upsurge in attacks")
    'US occupation forces'
    >>> naming_phrase("The prime minister (Mustafa Al-Kadhimi")
    'The prime minister'
    """
    if not phrase:
        return None
    phrase = " ".join(phrase.split())
    end = _NAMING_PHRASE_END.search(phrase)
    if end and end.start() > 0:
        phrase = phrase[:end.start()]
    phrase = phrase.strip(" .\"'“”‘’")
    if not phrase or len(phrase.split()) > MAX_NAMING_WORDS:
        return None
    return phrase


@dataclass(slots=True)
class QuoteHit:
    """One stored quote with its speaker and the article it comes from."""

    quote_id: str
    article_id: str
    kind: str
    cue: str | None
    speaker_entity: str | None
    speaker_name: str | None
    speaker_text: str | None
    anonymous: bool
    content: str
    title: str | None
    outlet: str | None
    published: str | None
    confidence: float | None = None


# The stored record of quote row ``q`` (for what its columns leave out: joint speakers,
# principals, confidence), as a FROM clause with its condition.
_QUOTE_RECORD_MATCH = ("i.article_id = q.article_id AND i.kind = 'quotes' AND "
                       "json_extract(i.record, '$.id') = q.id")
_QUOTE_RECORD = f"items i WHERE {_QUOTE_RECORD_MATCH}"


@dataclass(frozen=True, slots=True)
class NamingRow:
    """One way an outlet names an actor."""

    phrase: str
    count: int
    example: str


@dataclass(frozen=True, slots=True)
class EventHit:
    """One stored event as `presslens events` shows it."""

    event_id: str
    article_id: str
    type: str
    mode: str | None
    date: str | None
    actor: str | None
    target: str | None
    trigger: str
    sentence: str
    negated: bool
    hypothetical: bool
    reported_by: str | None
    outlet: str | None
    title: str | None
    confidence: float | None = None
    modality: str = "asserted"
    demanded_type: str | None = None
