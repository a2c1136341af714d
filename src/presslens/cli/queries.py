"""The commands that read the store: ``search``, ``quotes``, ``entities``, ``events``,
``timeline``, ``network``, ``naming`` and ``stories``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from presslens.cli.common import (
    DbOption,
    EventMinConfidenceOption,
    JsonOption,
    ModalityOption,
    command_settings,
    guarded,
    knowledge,
    out,
    require_store,
)
from presslens.params import (
    EVENT_TYPES,
    parse_choice,
    parse_date,
    parse_modalities,
    parse_tie_kinds,
)


@guarded
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find; SQLite FTS5 syntax works: "
                                         "\"exact phrase\", AND, OR, NOT, prefix*.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most matches to show.")] = 20,
) -> int:
    """Search the stored articles and show each match with a snippet.

    Examples:

      presslens search Kadhimi

      presslens search '"occupation forces" AND Iraq' --limit 5
    """
    from presslens.service.queries import search_articles
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        found = search_articles(store, query, limit=limit)
    if found.also_spelled:
        out.print(Text("Also searched for the actor's other spellings: "
                       + ", ".join(found.also_spelled), style="dim"))
    if not found.hits:
        out.print("No matches.")
        return 0
    for hit in found.hits:
        heading = hit.title or "(untitled)"
        meta = " · ".join(x for x in (hit.outlet, hit.published, hit.article_id) if x)
        line = Text("  ")
        for piece, matched in hit.parts:
            line.append(piece, style="bold yellow" if matched else None)
        out.print(Text(heading, style="bold"))
        out.print(Text("  " + meta, style="dim"))
        out.print(line)
        out.print()
    return 0


@guarded
def quotes_command(
    speaker: Annotated[str | None, typer.Option(
        "--speaker", "-s", help="Who said it: any spelling of a name, or words of the speaker "
        "as written (\"officials\").")] = None,
    about: Annotated[str | None, typer.Option(
        "--about", "-a", help="Words in what was said (SQLite FTS5 syntax works).")] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", help="direct, indirect or mixed.")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most quotes to show.")] = 50,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Show quotes at or above this confidence (default: the model's threshold, "
        "chosen for 90% precision; 0 shows all).")] = None,
) -> int:
    """List stored quotes with speaker, article, date and outlet.

    Examples:

      presslens quotes --speaker Kadhimi

      presslens quotes --about "occupation forces" --kind direct --min-confidence 0
    """
    from presslens.service.queries import QUOTE_KINDS, find_quotes
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    wanted_kind = parse_choice("--kind", kind, QUOTE_KINDS)
    with Store.open(settings.db_path) as store:
        shown = find_quotes(store, speaker=speaker, about=about, kind=wanted_kind,
                            limit=limit, min_confidence=min_confidence)
    threshold, hits = shown.min_confidence, shown.items
    if not hits:
        out.print("No quotes." + (f" (confidence >= {threshold:.2f}; --min-confidence 0 "
                                  "shows all)" if threshold > 0 else ""))
        return 0
    for hit in hits:
        who = hit.speaker_name or hit.speaker_text or "(unattributed)"
        if hit.speaker_text and hit.speaker_name and hit.speaker_text != hit.speaker_name:
            who += f" (as \"{hit.speaker_text}\")"
        if hit.anonymous:
            who += " [anonymous]"
        meta = " · ".join(x for x in (hit.outlet, hit.published, hit.title) if x)
        line = Text()
        line.append(who, style="bold")
        confidence = "" if hit.confidence is None else f", {hit.confidence:.2f}"
        line.append(f" {hit.cue or '—'} ({hit.kind}{confidence}): ", style="dim")
        line.append(" ".join(hit.content.split()))
        out.print(line)
        out.print(Text("  " + meta, style="dim"))
    return 0


@guarded
def entities_command(
    name: Annotated[str | None, typer.Option(
        "--name", help="Only actors with this name in any spelling (or in their name).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most actors to show.")] = 50,
) -> int:
    """List stored actors: id, name, type, spellings, articles, first and last seen.

    Examples:

      presslens entities

      presslens entities --name Kadhimi
    """
    from presslens.service.queries import list_actors
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    kb_ids = knowledge(settings).kb_ids()
    with Store.open(settings.db_path) as store:
        summaries = list_actors(store, name=name, limit=limit, kb_ids=kb_ids)
    if not summaries:
        out.print("No entities.")
        return 0
    for entity in summaries:
        seen = " to ".join(dict.fromkeys(d for d in (entity.first_seen, entity.last_seen)
                                         if d)) or "undated"
        line = Text()
        line.append(entity.name, style="bold")
        line.append(f"  {entity.id} · {entity.type} · {entity.articles} article(s), "
                    f"{entity.mentions} mention(s) · {seen}", style="dim")
        if entity.kb_id:
            line.append(f" · {entity.kb_id}", style="dim")
        out.print(line)
        out.print(Text("  spellings: " + ", ".join(entity.aliases)))
    return 0


@guarded
def timeline_command(
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Only events this actor takes part in (any spelling).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only events on or after this date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most rows to show.")] = 100,
    as_json: JsonOption = False,
    min_confidence: EventMinConfidenceOption = None,
    modality: ModalityOption = None,
) -> int:
    """One timeline of what happened across the corpus: an event told by several articles
    (same type, actor, target and dates) is one row with all its reports; differing dates
    stay visible. Asserted events at the default confidence unless asked otherwise.

    Examples:

      presslens timeline

      presslens timeline --actor Norvast --since 2031-02-01
    """
    from presslens.service.queries import timeline
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    wanted = parse_modalities("--modality", modality)
    with Store.open(settings.db_path) as store:
        shown = timeline(store, actor=actor, since=parse_date("--since", since),
                         min_confidence=min_confidence, modalities=wanted)
    threshold, rows, names = shown.min_confidence, shown.rows, shown.names
    if as_json:
        typer.echo(json.dumps([{
            "date": row.date, "type": row.type, "actor": row.actor, "target": row.target,
            "other_types": row.other_types, "other_dates": row.other_dates,
            "reports": [{"event": r.event_id, "article": r.article_id, "outlet": r.outlet,
                         "type": r.type, "date": r.date, "trigger": r.trigger,
                         "sentence": r.sentence} for r in row.reports]}
            for row in rows[:limit]], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        out.print("No events.")
        return 0
    out.print(Text(f"{', '.join(sorted(wanted))} events of confidence >= {threshold:.2f} "
                   "(--modality, --min-confidence 0 for more)", style="dim"))
    for row in rows[:limit]:
        line = Text()
        line.append(f"{row.date or 'undated':<11}", style="dim")
        line.append(names.get(row.actor or "", row.actor or "(unknown)"), style="bold")
        line.append(f" {row.type} ", style="red")
        line.append(names.get(row.target or "", row.target or "(no target)"))
        line.append(f"  · {len(row.reports)} report(s): {', '.join(row.outlets)}",
                    style="dim")
        out.print(line)
        if row.other_types or row.other_dates:
            notes = [f"also coded {', '.join(row.other_types)}"] if row.other_types else []
            notes += [f"also dated {', '.join(row.other_dates)}"] if row.other_dates else []
            out.print(Text("           disagreement: " + "; ".join(notes), style="yellow"))
        for report in row.reports if len(row.reports) > 1 else []:
            out.print(Text(f"           {report.outlet or '(unknown outlet)'} "
                           f"({report.date or 'undated'}): {report.sentence[:110]}",
                           style="dim"))
        if len(row.reports) == 1:
            out.print(Text(f"           {row.reports[0].sentence[:150]}", style="dim"))
    return 0


@guarded
def stories_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most stories to show.")] = 30,
    as_json: JsonOption = False,
    regroup: Annotated[bool, typer.Option(
        "--regroup", help="Forget the stored stories and group every article again.")] = False,
) -> int:
    """The stored stories: the same event or statement told by several outlets, days or weeks
    apart, in other words and spellings. `ingest` places each new article; articles stored
    before are placed now.

    Examples:

      presslens stories

      presslens stories --limit 5

      presslens stories --regroup
    """
    from presslens.service.queries import list_stories
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        stories = list_stories(store, limit=limit, place_new=True, regroup=regroup)
    if as_json:
        typer.echo(json.dumps([{"id": shown.story.id, "articles": [
            {"id": a.id, "outlet": a.source.outlet, "published": a.source.published,
             "title": a.source.title} for a in shown.articles]} for shown in stories],
            ensure_ascii=False, indent=1))
        return 0
    for shown in stories:
        story, members = shown.story, shown.articles
        dates = sorted(a.source.published for a in members if a.source.published)
        outlets = sorted({a.source.outlet or "(unknown outlet)" for a in members})
        span = f"{dates[0]} to {dates[-1]}" if dates else "undated"
        out.print(Text(f"{story.id}: {len(members)} article(s) · {span} · "
                       f"{', '.join(outlets)}", style="bold"))
        for article in members:
            out.print(Text(f"  {article.source.published or '':<10}  "
                           f"{article.source.outlet or '':<20}  "
                           f"{(article.source.title or '(untitled)')[:80]}"))
    return 0


@guarded
def network_command(
    since: Annotated[str | None, typer.Option(
        "--since", help="Only what is dated on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Only what is dated on or before this date.")] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", help="Only these event types (repeat; 'talks about' for quotes).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most ties to show.")] = 40,
    as_json: JsonOption = False,
    min_confidence: EventMinConfidenceOption = None,
    modality: ModalityOption = None,
) -> int:
    """The actor network: who acts on whom in events and who talks about whom in quotes,
    heaviest ties first (`export --format graphml` writes it for Gephi).

    Examples:

      presslens network --type ASSAULT --type THREATEN

      presslens network --since 2020-01-01 --json
    """
    import networkx as nx

    from presslens.service.queries import actor_network
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    wanted = parse_modalities("--modality", modality)
    since, until = parse_date("--since", since), parse_date("--until", until)
    kinds = parse_tie_kinds("--type", types)
    with Store.open(settings.db_path) as store:
        shown = actor_network(store, knowledge(settings), since=since, until=until,
                              kinds=kinds, min_confidence=min_confidence, modalities=wanted)
    graph, threshold = shown.graph, shown.min_confidence
    if as_json:
        typer.echo(json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False,
                              indent=1))
        return 0
    edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])[:limit]
    if not edges:
        out.print("No ties.")
        return 0
    out.print(Text(f"{', '.join(sorted(wanted))} events of confidence >= "
                   f"{threshold:.2f} (--modality, --min-confidence 0 for more)",
                   style="dim"))
    table = Table(title=f"Actor network: {graph.number_of_nodes()} actors, "
                  f"{graph.number_of_edges()} ties", title_justify="left")
    for column in ("Actor", "Tie", "Actor acted on or spoken of", "Weight", "First",
                   "Last"):
        table.add_column(column, justify="right" if column == "Weight" else "left")
    for source, target, data in edges:
        table.add_row(escape(graph.nodes[source].get("label", source)), data["kind"],
                      escape(graph.nodes[target].get("label", target)),
                      str(data["weight"]), data["first"], data["last"])
    out.print(table)
    return 0


@guarded
def naming_command(
    entity: Annotated[str, typer.Argument(help="The actor: an id or any spelling of a name.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most names per outlet.")] = 8,
    as_json: JsonOption = False,
) -> int:
    """How each outlet names an actor: names, descriptions and labels, with counts and an
    example sentence.

    Examples:

      presslens naming "United States"

      presslens naming daesh --limit 5
    """
    from presslens.service.queries import naming
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    with Store.open(settings.db_path) as store:
        named = naming(store, entity, limit_per_outlet=limit)
    chosen, table = named.actor, named.outlets
    if as_json:
        typer.echo(json.dumps({"entity": chosen.id, "name": chosen.name, "outlets": {
            outlet: [{"phrase": r.phrase, "count": r.count, "example": r.example}
                     for r in rows] for outlet, rows in table.items()}},
            ensure_ascii=False, indent=1))
        return 0
    out.print(Text(f"{chosen.name} ({chosen.id})", style="bold"))
    if not table:
        out.print("No names recorded.")
    for outlet, rows in table.items():
        out.print(Text(outlet, style="bold"))
        for row in rows:
            line = Text(f"  {row.count:>4}  ")
            line.append(row.phrase, style="yellow")
            out.print(line)
            out.print(Text(f"        {row.example[:160]}", style="dim"))
    return 0


@guarded
def events_command(
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Who acted: any spelling of a name.")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="Who was acted on: any spelling of a name.")] = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="A PLOVER type: ASSAULT, THREATEN, REQUEST, …")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only events on or after this date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most events to show.")] = 100,
    min_confidence: EventMinConfidenceOption = None,
) -> int:
    """List stored events with date, actor, type, target, how the text presents it, its
    confidence, outlet and the sentence; events below the default confidence are left out
    unless --min-confidence says otherwise.

    Examples:

      presslens events --actor "United States" --type ASSAULT

      presslens events --target Soleimani --min-confidence 0

      presslens events --since 2020-01-01
    """
    from presslens.service.queries import find_events
    from presslens.store import Store

    settings = command_settings(db)
    require_store(settings)
    wanted_type = parse_choice("--type", event_type, EVENT_TYPES, upper=True)
    with Store.open(settings.db_path) as store:
        shown = find_events(store, actor=actor, target=target, event_type=wanted_type,
                            since=parse_date("--since", since), limit=limit,
                            min_confidence=min_confidence)
    threshold, hits = shown.min_confidence, shown.items
    if not hits:
        out.print(f"No events. (Those of confidence >= {threshold:.2f} are shown; "
                  "--min-confidence 0 shows all.)")
        return 0
    for hit in hits:
        modality = hit.modality + (f" {hit.demanded_type}" if hit.demanded_type else "")
        flags = [f for f, on in ((modality, hit.modality != "asserted"),
                                 ("reported", bool(hit.reported_by))) if on]
        if hit.confidence is not None:
            flags.append(f"confidence {hit.confidence:.2f}")
        line = Text()
        line.append(f"{hit.date or 'undated'}  ", style="dim")
        line.append(hit.actor or "(unknown)", style="bold")
        line.append(f" {hit.type}" + (f"/{hit.mode}" if hit.mode else ""), style="red")
        line.append(f" {hit.target or '(no target)'}")
        if flags:
            line.append(f"  [{', '.join(flags)}]", style="yellow")
        out.print(line)
        out.print(Text(f"  {hit.sentence}", style="dim"))
        out.print(Text("  " + " · ".join(x for x in (hit.outlet, hit.title) if x),
                       style="dim"))
    return 0
