"""The stored actors: summaries, every spelling, lookup by any spelling, and the entity
resolver a new batch continues with."""

from __future__ import annotations

import json

from presslens.model import CorpusEntity
from presslens.resolve.entities import EntityResolver, corpus_entities
from presslens.resolve.knowledge import Knowledge, gazetteer_only
from presslens.store.articles import StoredArticles


class StoredActors(StoredArticles):
    """The actors of the stored articles."""

    def entity_summaries(self, name: str | None = None, limit: int = 50,
                         kb_ids: dict[str, str] | None = None) -> list[CorpusEntity]:
        """Stored actors, most mentioned first: spellings, article count, first and last
        seen (publication dates), knowledge-base id; only those named ``name`` if given."""
        ids = set(self.entity_ids_named(name)) if name else None
        rows = self.connection.execute(
            "SELECT e.id, e.name, e.type, e.kb_id, count(DISTINCT m.article_id) AS articles, "
            "count(*) AS mentions, json_group_array(DISTINCT m.text) AS aliases, "
            "min(a.published) AS first_seen, max(a.published) AS last_seen "
            "FROM entities e JOIN mentions m ON m.entity_id = e.id AND m.label != 'NOMINAL' "
            "JOIN articles a ON a.id = m.article_id GROUP BY e.id "
            "ORDER BY mentions DESC, e.id"
        ).fetchall()
        summaries = []
        for row in rows:
            if ids is not None and row["id"] not in ids and (
                    not name or name.lower() not in row["name"].lower()):
                continue
            summaries.append(CorpusEntity(
                row["id"], row["name"], row["type"], sorted(json.loads(row["aliases"])),
                row["articles"], row["mentions"],
                kb_id=row["kb_id"] or (kb_ids or {}).get(row["id"]),
                first_seen=row["first_seen"], last_seen=row["last_seen"]))
            if len(summaries) >= limit:
                break
        return summaries

    def entities(self, knowledge: Knowledge | None = None) -> list[CorpusEntity]:
        """The corpus-wide entity records of everything stored (as in ``entities.jsonl``)."""
        return corpus_entities(self.articles(), knowledge or gazetteer_only())

    def _known_entities(self) -> list[CorpusEntity]:
        """Every stored actor with every spelling it was mentioned by (counts left at 1)."""
        rows = self.connection.execute(
            "SELECT e.id, e.name, e.type, json_group_array(DISTINCT m.text) AS aliases "
            "FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id "
            "AND m.label != 'NOMINAL' GROUP BY e.id"
        )
        return [CorpusEntity(row["id"], row["name"], row["type"],
                             [a for a in json.loads(row["aliases"] or "[]") if a], 1, 1)
                for row in rows]

    def entity_resolver(self, knowledge: Knowledge | None = None) -> EntityResolver:
        """A resolver that knows every stored actor, so new batches reuse their ids.

        It is the resolver the store's batches left behind (replayed from their journal),
        so that a run resumed after a crash resolves as an uninterrupted one would; actors
        stored without a journal (older stores, corrections) are learnt from the store."""
        knowledge = knowledge or gazetteer_only()
        changes = self.connection.execute(
            "SELECT entity_id, entity_type, key FROM resolver_log ORDER BY seq")
        resolver = EntityResolver.replay(((r[0], r[1], r[2]) for r in changes), knowledge)
        for entity in self._known_entities():
            if not resolver.knows(entity.id):
                resolver.learn(entity)
        return resolver

    def _people_by_surname(self, name: str) -> list[str]:
        """Ids of stored people whose name ends with the single word ``name`` ("Kadhimi"
        for "Mustafa al-Kadhimi"): a speaker is often looked up as the copy calls them."""
        from presslens.resolve.names import mention_key

        wanted = mention_key(name, "PERSON")
        if not wanted or " " in wanted:
            return []
        return [entity.id for entity in self._known_entities() if entity.type == "PERSON"
                and any(mention_key(n, "PERSON").split()[-1:] == [wanted]
                        for n in [entity.name, *entity.aliases])]

    def entity_ids_named(self, name: str) -> list[str]:
        """Ids of stored actors that ``name`` names in any spelling: one of their spellings
        has its key, its loose key (other short vowels: "Hizballah"), or it is the surname
        of a person ("Suleimani" for "Qasem Soleimani")."""
        from presslens.resolve.names import loose_name_key, mention_key

        wanted = {mention_key(name, "PERSON"), mention_key(name, "ORG")}
        wanted_loose = {loose_name_key(key) for key in wanted}
        found = []
        for entity in self._known_entities():
            keys = {mention_key(n, entity.type) for n in [entity.name, *entity.aliases]}
            surnames = {k.split()[-1] for k in keys if entity.type == "PERSON" and " " in k}
            loose = {loose_name_key(k) for k in keys | surnames}
            if keys & wanted or surnames & wanted or loose & wanted_loose:
                found.append(entity.id)
        return found

    def spellings_of(self, name: str) -> list[str]:
        """Every stored spelling of the actors ``name`` names (see ``entity_ids_named``)."""
        ids = set(self.entity_ids_named(name))
        spellings = {alias for entity in self._known_entities() if entity.id in ids
                     for alias in [entity.name, *entity.aliases]}
        return sorted(spellings)
