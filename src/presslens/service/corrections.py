"""The analyst's corrections of actors, in the store and in the alias table.

A merge makes two stored actors one; a split moves the mentions of one spelling out of an
actor into a new one. Both are written to the stored articles at once and to the alias table,
so that later analyses resolve the same way and a later merge does not undo a split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from presslens.errors import UsageError
from presslens.resolve.knowledge import Knowledge, KnownActor, pin_actor
from presslens.service.queries import find_actor
from presslens.store import Store


@dataclass(frozen=True, slots=True)
class Correction:
    """What a merge or a split did: the actor kept (or split from), the other one, and the
    number of stored articles changed (0 when there was nothing to do)."""

    kept: str
    other: str
    articles_changed: int
    alias_table: Path


def merge_actors(store: Store, alias_table: Path, knowledge: Knowledge, keep: str,
                 other: str) -> Correction:
    """Make the actor ``other`` names one with the actor ``keep`` names (each an id or any
    spelling); ``kept`` is the id that stays."""
    kb_ids = knowledge.kb_ids()
    kept = find_actor(store, keep, kb_ids)
    merged = find_actor(store, other, kb_ids)
    if kept.id == merged.id:
        return Correction(kept.id, merged.id, 0, alias_table)
    changed = store.merge_entities(kept.id, merged.id)
    # A capital that stood for the country in some sentence is not one of its names.
    aliases = tuple(a for a in (*kept.aliases, kept.name, *merged.aliases, merged.name)
                    if knowledge.country_of_capital(a) is None)
    pin_actor(alias_table, KnownActor(kept.name, kept.type, aliases, kept.kb_id, kept.id))
    return Correction(kept.id, merged.id, changed, alias_table)


def split_actor(store: Store, alias_table: Path, entity: str, spelling: str) -> Correction:
    """Move the mentions of ``entity`` spelled like ``spelling`` (any transliteration) to a
    new actor; ``other`` is the new actor's id."""
    from presslens.resolve.entities import mention_key

    source = find_actor(store, entity)
    wanted = mention_key(spelling, source.type)
    if not any(mention_key(a, source.type) == wanted for a in source.aliases):
        raise UsageError(f"{source.id} has no mention spelled like {spelling!r}; "
                         f"its spellings: {', '.join(source.aliases)}")
    new_id = store.unused_entity_id(spelling)
    changed = store.split_entity(source.id, spelling, new_id)
    separated = KnownActor(spelling, source.type, (spelling,), entity_id=new_id)
    pin_actor(alias_table, separated, remove_from=source.name)
    return Correction(source.id, new_id, changed, alias_table)
