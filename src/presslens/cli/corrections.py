"""The analyst's corrections of actors: ``merge`` and ``split``, written to the store and to
the alias table so that later analyses resolve the same way."""

from __future__ import annotations

from typing import Annotated

import typer

from presslens.cli.common import DbOption, command_settings, guarded, knowledge, out, require_store


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
    from presslens.service.corrections import merge_actors
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        done = merge_actors(store, settings.alias_table, knowledge(settings), keep, other)
    if done.kept == done.other:
        out.print(f"{done.kept} and {other!r} are already one entity.")
        return 0
    out.print(f"Merged {done.other} into {done.kept} in {done.articles_changed} article(s); "
              f"alias table: {done.alias_table}")
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
    from presslens.service.corrections import split_actor
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        done = split_actor(store, settings.alias_table, entity, spelling)
    out.print(f"Split {spelling!r} from {done.kept} into {done.other} in "
              f"{done.articles_changed} article(s); alias table: {done.alias_table}")
    return 0
