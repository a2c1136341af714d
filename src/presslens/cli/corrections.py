"""The analyst's corrections of actors: ``merge`` and ``split``, written to the store and to
the alias table so that later analyses resolve the same way."""

from __future__ import annotations

from typing import Annotated

import typer

from presslens.cli.common import (
    DbOption,
    command_settings,
    guarded,
    knowledge,
    one_entity,
    out,
    require_store,
)
from presslens.errors import UsageError
from presslens.resolve.knowledge import KnownActor, pin_actor


@guarded
def merge_command(
    keep: Annotated[str, typer.Argument(help="The actor to keep: an id or a name.")],
    other: Annotated[str, typer.Argument(help="The same actor under another id or name.")],
    db: DbOption = None,
) -> int:
    """Tell presslens two entities are one actor; the correction is written to the alias
    table, so later analyses resolve the same way.

    Examples:

      presslens merge mustafa-al-kadhimi khadimi

      presslens merge "Popular Mobilization Units" "Hashd al-Shaabi"
    """
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    known = knowledge(settings)
    with Store.open(settings.db_path) as store:
        kept = one_entity(store, keep, known.kb_ids())
        merged = one_entity(store, other, known.kb_ids())
        if kept.id == merged.id:
            out.print(f"{kept.id} and {other!r} are already one entity.")
            return 0
        changed = store.merge_entities(kept.id, merged.id)
    # A capital that stood for the country in some sentence is not one of its names.
    aliases = tuple(a for a in (*kept.aliases, kept.name, *merged.aliases, merged.name)
                    if known.country_of_capital(a) is None)
    pin_actor(settings.alias_table,
              KnownActor(kept.name, kept.type, aliases, kept.kb_id, kept.id))
    out.print(f"Merged {merged.id} into {kept.id} in {changed} article(s); "
              f"alias table: {settings.alias_table}")
    return 0


@guarded
def split_command(
    entity: Annotated[str, typer.Argument(help="The entity that wrongly holds two actors.")],
    spelling: Annotated[str, typer.Argument(
        help="The spelling that names the other actor; its mentions become a new entity.")],
    db: DbOption = None,
) -> int:
    """Separate an actor wrongly merged into another; written to the alias table, so the
    two stay apart in later analyses.

    Examples:

      presslens split mohammad-karim-al-saedi "Saad al-Saadi"
    """
    from presslens.resolve.entities import mention_key
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        source = one_entity(store, entity)
        wanted = mention_key(spelling, source.type)
        if not any(mention_key(a, source.type) == wanted for a in source.aliases):
            raise UsageError(f"{source.id} has no mention spelled like {spelling!r}; "
                             f"its spellings: {', '.join(source.aliases)}")
        new_id = store.unused_entity_id(spelling)
        changed = store.split_entity(source.id, spelling, new_id)
    separated = KnownActor(spelling, source.type, (spelling,), entity_id=new_id)
    pin_actor(settings.alias_table, separated, remove_from=source.name)
    out.print(f"Split {spelling!r} from {source.id} into {new_id} in {changed} "
              f"article(s); alias table: {settings.alias_table}")
    return 0
