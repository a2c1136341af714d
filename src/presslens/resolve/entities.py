"""Corpus-wide entity ids: one id per actor, whatever the article and the spelling.

Each article's components group its mentions into local clusters; ``EntityResolver`` gives
every cluster a corpus-wide id, reusing the id of an actor already seen under any spelling
of its name (``name_key``), or a surname-only form that names exactly one known person.
The resolver can be seeded with the entities of a store, so that batches ingested on
different days share ids.

The resolver's keys and the running counts behind ``entities.jsonl`` grow with the number
of distinct actors a corpus names, which for a stream of millions of articles is millions:
both live in a private SQLite database on disk (``_scratch_database``) whose page cache is
all they hold in memory, so that memory stays flat however many actors a run meets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from rapidfuzz.distance import Levenshtein

from presslens.model import ArticleAnalysis, ArticleEntity, CorpusEntity, Mention
from presslens.resolve.knowledge import Knowledge, entity_slug
from presslens.resolve.names import (
    LOOSE_MIN_LETTERS,
    consonant_skeleton,
    distinct_names,
    given_names_agree,
    is_generic_key,
    is_given_name,
    is_standalone_form,
    loose_name_key,
    mention_key,
    name_tokens,
    standalone_surname,
    vowel_dropped,
    vowel_variants,
)
from presslens.resolve.state_bodies import STATE_BODY_MARK
from presslens.scratch import scratch_connection

# Places and peoples have settled English spellings: two that differ in their vowels are two
# places ("Colombia" and "Columbia", "Tunisia" and "Tennessee"), so only people and bodies,
# whose Arabic and Persian names outlets transliterate each their own way, match loosely.
_LOOSE_TYPES = {"PERSON", "ORG"}
# Types whose names are interchangeable across a label error of the model (a person tagged
# ORG in one article); a nationality (NORP) is never the country or person of the same name.
_CROSS_TYPE_OK = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "OTHER"}
_CROSS_TYPES_SQL = ", ".join(f"'{t}'" for t in sorted(_CROSS_TYPE_OK))
# Marks a word kept as written, not as a name key: no name key holds "=".
SPELLING_MARK = "="
# Marks a person's full name written as one run of letters (``_joined_key``): no name key
# holds "+".
JOINED_MARK = "+"
# Marks a person's given names and surname skeleton (``_skeleton_key``): no name key holds "~".
SKELETON_MARK = "~"


def _short_vowel_opening(a: str, b: str) -> bool:
    """Whether two opening letters can be one short vowel: keys keep an opening "e" for the
    given names it tells apart ("Eli", "Ali"), while inside a loose match of a surname it is
    the fatha some outlets write "a" ("Erekat", "Areikat") or the kasra others write "i"
    ("Eslami", "Islami")."""
    return "e" in (a, b) and {a, b} <= {"a", "e", "i"}


def _skeleton_key(key: str) -> str | None:
    """A person's given names with the consonants of their surname ("aiman zvhr"), the
    index under which a surname written with one vowel fewer is found ("Zawahri" for
    Zawahiri); None for a one-word key or a short surname. What it finds is compared
    letter by letter (``vowel_dropped``): Hassan and Hussein share a skeleton and stay two."""
    words = key.split()
    if len(words) < 2 or len(words[-1]) < 6:
        return None
    return SKELETON_MARK + " ".join([*words[:-1], consonant_skeleton(words[-1])])


def _joined_key(key: str) -> str | None:
    """A person's full-name key with its words run together, for the names outlets write
    joined or apart ("Mohammad Reza Aref" / "Mohammadreza Aref", "Amir-Abdollahian" /
    "Amirabdollahian", "Abdul Latif" / "Abdullatif"); None for a one-word key. A letter that
    ends one word and opens the next is written once, as the folds write a doubled letter
    inside a word; the words are not folded again, so a spelling with a key of its own
    (``lexicons/name_spellings.tsv``) keeps it."""
    words = key.split()
    if len(words) < 2:
        return None
    joined = words[0]
    for word in words[1:]:
        joined += word[1:] if joined[-1] == word[0] else word
    return JOINED_MARK + joined


def _scratch_database(schema: str) -> sqlite3.Connection:
    """A private SQLite database on disk (see ``presslens.scratch``) holding ``schema``, in
    one open write transaction."""
    connection = scratch_connection()
    connection.executescript(schema)
    connection.execute("BEGIN")
    return connection


@dataclass(slots=True)
class LocalCluster:
    """One actor in one article before resolution: plain data, safe to send between processes."""

    name: str
    type: str
    key: str
    mentions: list[Mention]
    known: bool = False
    mention_keys: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "key": self.key,
                "mentions": [m.to_dict() for m in self.mentions], "known": self.known,
                "mention_keys": self.mention_keys}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LocalCluster:
        return cls(data["name"], data["type"], data["key"],
                   [Mention.from_dict(m) for m in data["mentions"]], bool(data["known"]),
                   list(data["mention_keys"]))


def _loose_key(key: str, entity_type: str) -> str | None:
    """The loose key a name is also matched by, or None where there is none: a lone word
    of a person (a surname may be anyone's), a name with no word long enough, or a state
    body's key (its state is an id: "iran" and "iraq" are never one)."""
    if key.startswith(STATE_BODY_MARK):
        return None
    words = key.split()
    if entity_type not in _LOOSE_TYPES or (entity_type == "PERSON" and len(words) < 2):
        return None
    if not any(len(w) >= LOOSE_MIN_LETTERS - (entity_type == "PERSON")
               for w in words[1 if entity_type == "PERSON" else 0:]):
        return None
    return loose_name_key(key, person=entity_type == "PERSON")


class EntityResolver:
    """Assigns corpus-wide ids to local clusters; remembers every key it has seen.

    >>> resolver = EntityResolver()
    >>> a = resolver.resolve(LocalCluster("Qasem Suleimani", "PERSON", "", []))
    >>> a == resolver.resolve(LocalCluster("Qassem Soleimani", "PERSON", "", []))
    True
    """

    _SCHEMA = """
        CREATE TABLE types (entity_id TEXT PRIMARY KEY, type TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE by_type_key (type TEXT, key TEXT, entity_id TEXT NOT NULL,
                                  PRIMARY KEY (type, key)) WITHOUT ROWID;
        CREATE TABLE by_key (key TEXT, entity_id TEXT, PRIMARY KEY (key, entity_id))
            WITHOUT ROWID;
        CREATE TABLE by_surname (key TEXT, entity_id TEXT, PRIMARY KEY (key, entity_id))
            WITHOUT ROWID;
        CREATE TABLE by_loose_key (type TEXT, key TEXT, entity_id TEXT,
                                   PRIMARY KEY (type, key, entity_id)) WITHOUT ROWID;
        CREATE TABLE by_spelling (key TEXT, entity_id TEXT, PRIMARY KEY (key, entity_id))
            WITHOUT ROWID;
    """

    def __init__(self, known: Iterable[CorpusEntity] = (),
                 knowledge: Knowledge | None = None, *, journal: bool = False) -> None:
        self.knowledge = knowledge
        # Every key under which an actor was seen: (type, key) -> the first id registered,
        # key -> ids, lone surname -> ids of people, id -> type.
        self._tables = _scratch_database(self._SCHEMA)
        # Every change of state, in order, as (entity id, type, key or None for the type
        # alone): a store keeps it with each batch, so that a resumed run continues from
        # exactly the state an uninterrupted run had (see ``replay``).
        self.journal: list[tuple[str, str, str | None]] | None = [] if journal else None
        for entity in known:
            self.learn(entity)

    def _one(self, sql: str, *parameters: str) -> tuple | None:
        return self._tables.execute(sql, parameters).fetchone()

    def _insert(self, sql: str, *parameters: str) -> bool:
        """Run an INSERT OR IGNORE; whether it added a row."""
        return self._tables.execute(sql, parameters).rowcount == 1

    def _capital_of(self, alias: str, entity_id: str) -> bool:
        country = self.knowledge.country_of_capital(alias) if self.knowledge else None
        return country is not None and country.id == entity_id

    def resolve(self, cluster: LocalCluster) -> str:
        """The corpus id of ``cluster``'s actor, minted if it is new."""
        keys = self._keys_of(cluster)
        pinned = self.knowledge.pinned_actor(keys) if self.knowledge else None
        if pinned is not None:
            # The analyst's alias table decides, before any matching by spelling.
            self._declare(pinned.id, pinned.type)
            self._register(pinned.id, pinned.type, set(keys))
            return pinned.id
        # A kind of body ("Parliament", "the Supreme Court") is another body in every
        # article: its name is neither looked up nor remembered.
        keys = [key for key in keys if not is_generic_key(key)]
        spellings = self._spellings_of(cluster, keys)
        entity_id = self._find(cluster.type, keys) if keys else None
        if entity_id is not None and spellings and not self._spelled_alike(entity_id, spellings):
            entity_id = self._written_so(spellings, cluster.type)
        if entity_id is None:
            entity_id = self._mint(cluster.type, cluster.name or cluster.key)
            self._declare(entity_id, cluster.type)
        self._register(entity_id, cluster.type, set(keys) | spellings)
        return entity_id

    def _spellings_of(self, cluster: LocalCluster, keys: list[str]) -> set[str]:
        """The words, as written, of an actor named only by a lone surname that several
        known people carry ("Kani", "Ghani" and "Qaani" beside Ali Bagheri Kani, Ashraf
        Ghani and Esmail Qaani), each marked with "="; empty for any other actor.

        Such a mention is one of those people, which one unknown, so it joins no one of
        them; it may join another such lone mention, and does so only written the same way:
        the spelling folds, which join outlets' spellings of one name, would otherwise make
        one actor of every man whose surname folds alike."""
        if not keys or any(" " in key for key in keys) or not any(
                self._surname_of_several(key) for key in keys):
            return set()
        words = set()
        for text in [cluster.name] + [m.text for m in cluster.mentions if m.label != "NOMINAL"]:
            tokens = name_tokens(text, strip_titles=True)
            if len(tokens) == 1:
                words.add(SPELLING_MARK + tokens[0])
        return words

    def _surname_of_several(self, key: str) -> bool:
        return len(self._tables.execute(
            "SELECT entity_id FROM by_surname WHERE key = ? LIMIT 2", (key,)).fetchall()) > 1

    def _written_so(self, spellings: set[str], entity_type: str) -> str | None:
        """The one actor of a compatible type recorded under one of these spellings."""
        types = sorted(_CROSS_TYPE_OK) if entity_type in _CROSS_TYPE_OK else [entity_type]
        rows = self._tables.execute(
            "SELECT DISTINCT s.entity_id FROM by_spelling AS s JOIN types AS t USING "
            f"(entity_id) WHERE s.key IN ({', '.join('?' * len(spellings))}) "
            f"AND t.type IN ({', '.join('?' * len(types))}) LIMIT 2",
            [*sorted(spellings), *types]).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def _spelled_alike(self, entity_id: str, spellings: set[str]) -> bool:
        """Whether a known actor was written one of these ways, or was never recorded by
        its spelling (an actor named before it met an ambiguous surname)."""
        known = {row[0] for row in self._tables.execute(
            "SELECT key FROM by_spelling WHERE entity_id = ?", (entity_id,))}
        return not known or bool(known & spellings)

    def _declare(self, entity_id: str, entity_type: str) -> None:
        if not self._insert("INSERT OR IGNORE INTO types VALUES (?, ?)", entity_id,
                            entity_type):
            return
        if self.journal is not None:
            self.journal.append((entity_id, entity_type, None))

    def take_journal(self) -> list[tuple[str, str, str | None]]:
        """The changes since the last call, for the store to keep with the batch."""
        if self.journal is None:
            return []
        taken, self.journal = self.journal, []
        return taken

    @classmethod
    def replay(cls, changes: Iterable[tuple[str, str, str | None]],
               knowledge: Knowledge | None = None) -> EntityResolver:
        """The resolver whose journal was ``changes``: the same state, change by change."""
        resolver = cls(knowledge=knowledge)
        for entity_id, entity_type, key in changes:
            if key is None:
                resolver._declare(entity_id, entity_type)
            else:
                resolver._register(entity_id, entity_type, {key})
        resolver.journal = []
        return resolver

    def knows(self, entity_id: str) -> bool:
        return self._one("SELECT 1 FROM types WHERE entity_id = ?", entity_id) is not None

    def learn(self, entity: CorpusEntity) -> None:
        """Register a known actor under its name and every spelling it was seen by."""
        self._declare(entity.id, entity.type)
        # A capital that stood for this country ("Washington said") is not its name: the
        # city keeps its own entity.
        aliases = [a for a in entity.aliases if not self._capital_of(a, entity.id)]
        self._register(entity.id, entity.type,
                       {mention_key(alias, entity.type) for alias in [entity.name, *aliases]})

    def _keys_of(self, cluster: LocalCluster) -> list[str]:
        keys = [cluster.key or mention_key(cluster.name, cluster.type)]
        keys += cluster.mention_keys or [
            mention_key(m.text, cluster.type) for m in cluster.mentions]
        # Fullest names first: they identify an actor better than a surname does.
        return sorted({k for k in keys if k}, key=lambda k: (-len(k.split()), k))

    def _full_names(self, entity_id: str) -> list[str]:
        return [row[0] for row in self._tables.execute(
            "SELECT key FROM by_key WHERE entity_id = ? AND key LIKE '% %'", (entity_id,))]

    def _same_person(self, entity_id: str, full_names: list[str]) -> bool:
        """Whether a known actor can be the person of ``full_names``: it has no full name
        of its own, or one whose surname and given name agree with one of these."""
        known = self._full_names(entity_id)
        return not known or not full_names or any(
            given_names_agree(a, b) for a in known for b in full_names)

    def _same_body(self, entity_id: str, body_names: list[str]) -> bool:
        """Whether a known body met by a one-word name (an acronym, a short name) can be the
        body these full names name: it has no full name of its own, or one of these. The
        Islamic Republic of Iran (IRI) is not the Islamic Resistance in Iraq (IRI), nor
        Lebanon's Internal Security Forces the Iraqi Security Forces (ISF)."""
        if not body_names:
            return True
        known = self._full_names(entity_id)
        if not known or set(known) & set(body_names):
            return True
        # The same name spelled another way ("National Defence Front", "National Defense
        # Front"): a letter or two apart.
        return any(Levenshtein.distance(a, b) <= max(2, len(a) // 10)
                   for a in known for b in body_names)

    def _find(self, entity_type: str, keys: list[str]) -> str | None:
        """The known actor the keys name, fullest first. A person's full name that matched no
        one is never attached to someone else by a surname or a looser spelling when the two
        given names differ: "Troy Roberts" is not John G. Roberts."""
        full_names = [k for k in keys if " " in k] if entity_type == "PERSON" else []
        body_names = [k for k in keys if " " in k] if entity_type != "PERSON" else []
        for key in keys:
            row = self._one("SELECT entity_id FROM by_type_key WHERE type = ? AND key = ?",
                            entity_type, key)
            if row is not None and (key in full_names or self._same_person(row[0], full_names)) \
                    and (" " in key or self._same_body(row[0], body_names)):
                return row[0]
        # The same full name with its words joined or split otherwise: the letters, in order,
        # are the evidence, so the given names are not compared ("Mohammadreza" is
        # "Mohammad Reza").
        for name in full_names:
            row = self._one("SELECT entity_id FROM by_type_key WHERE type = ? AND key = ?",
                            entity_type, _joined_key(name) or "")
            if row is not None:
                return row[0]
        if entity_type in ("PERSON", "ORG"):
            # A lone surname ("Pryce", or "Pryce" mistagged ORG) names a person only when
            # one known person carries it; short ones ("Nur") are too often something else.
            for key in keys:
                if is_standalone_form(key) and len(key) >= 4 and not is_given_name(key):
                    people = self._tables.execute(
                        "SELECT entity_id FROM by_surname WHERE key = ? LIMIT 2",
                        (key,)).fetchall()
                    if len(people) == 1 and self._same_person(people[0][0], full_names):
                        return people[0][0]
        # A full name spelled another way in its given name only ("Esmail Haniyeh" for
        # Ismail Haniyeh): the one known person of that surname whose full name agrees.
        for name in full_names:
            surname = standalone_surname(name)
            people = self._tables.execute(
                "SELECT entity_id FROM by_surname WHERE key = ? LIMIT 2", (surname,)).fetchall()
            if len(people) == 1 and self._full_names(people[0][0]) and \
                    self._same_person(people[0][0], [name]):
                return people[0][0]
        # The same name with other short vowels ("Hizballah", "Abu Baqer al-Saidi"), when
        # exactly one known actor of the type carries it that way.
        for key in keys:
            loose = _loose_key(key, entity_type)
            if loose is None:
                continue
            rows = self._tables.execute(
                "SELECT entity_id FROM by_loose_key WHERE type = ? AND key = ? LIMIT 2",
                (entity_type, loose)).fetchall()
            if len(rows) == 1 and self._same_ends(rows[0][0], key, loose, entity_type) \
                    and self._same_person(rows[0][0], full_names):
                return rows[0][0]
        # A surname written with one vowel fewer after the same given names ("Ayman
        # al-Zawahri" for Ayman al-Zawahiri), when one known person carries that skeleton.
        for name in full_names:
            skeleton = _skeleton_key(name)
            if skeleton is None:
                continue
            rows = self._tables.execute(
                "SELECT entity_id FROM by_loose_key WHERE type = ? AND key = ? LIMIT 2",
                (entity_type, skeleton)).fetchall()
            # The given names alike, word for word: a check stricter than ``_same_person``,
            # which wants one surname.
            if len(rows) == 1 and any(
                    other.split()[:-1] == name.split()[:-1]
                    and vowel_dropped(other.split()[-1], name.split()[-1])
                    for other in self._all_keys(rows[0][0])):
                return rows[0][0]
        if entity_type in _CROSS_TYPE_OK:
            for key in keys:
                others = self._tables.execute(
                    "SELECT k.entity_id FROM by_key AS k JOIN types AS t USING (entity_id) "
                    f"WHERE k.key = ? AND t.type IN ({_CROSS_TYPES_SQL}) LIMIT 2",
                    (key,)).fetchall()
                if len(others) == 1 and len(key) > 3 and \
                        self._same_person(others[0][0], full_names):
                    return others[0][0]
        return None

    def _same_ends(self, entity_id: str, key: str, loose: str, entity_type: str) -> bool:
        """Whether a loose match keeps each word's first and last letters: transliterations
        differ in the inner, unstressed vowels ("Hezbollah", "Hizballah"), while "Latino" and
        "Latina" are two words."""
        def same_ends(a: str, b: str) -> bool:
            words_a, words_b = a.split(), b.split()
            if entity_type == "PERSON" and len(words_a) > 1 and words_a[:-1] == words_b[:-1] \
                    and vowel_variants(words_a[-1], words_b[-1]):
                # One given name and a surname whose final vowel one outlet writes otherwise
                # ("Yahya Saree", "Yahya Sarea"): the given name tells the person.
                return True
            return len(words_a) == len(words_b) and all(
                x[-1] == y[-1] and (x[0] == y[0] or _short_vowel_opening(x[0], y[0]))
                and not distinct_names(x, y)
                for x, y in zip(words_a, words_b, strict=True))

        return any(_loose_key(other, entity_type) == loose and same_ends(other, key)
                   for other in self._all_keys(entity_id))

    def _all_keys(self, entity_id: str) -> list[str]:
        return [row[0] for row in self._tables.execute(
            "SELECT key FROM by_key WHERE entity_id = ?", (entity_id,))]

    def _register(self, entity_id: str, entity_type: str, keys: set[str]) -> None:
        # Sorted: the journal, and so a replay, must not depend on set order.
        for key in sorted(keys):
            if not key or is_generic_key(key):
                continue
            if key.startswith(SPELLING_MARK):
                # A lone surname as written (``_spellings_of``): compared, never looked up.
                changed = self._insert("INSERT OR IGNORE INTO by_spelling VALUES (?, ?)", key,
                                       entity_id)
            elif entity_type == "PERSON" and is_standalone_form(key):
                # A lone surname may belong to several people: kept apart, used when unique.
                changed = self._insert("INSERT OR IGNORE INTO by_surname VALUES (?, ?)", key,
                                       entity_id)
            else:
                # Each insert runs: the first id registered under (type, key) keeps it.
                changed = self._insert("INSERT OR IGNORE INTO by_type_key VALUES (?, ?, ?)",
                                       entity_type, key, entity_id)
                changed = self._insert("INSERT OR IGNORE INTO by_key VALUES (?, ?)", key,
                                       entity_id) or changed
                if entity_type == "PERSON":
                    changed = self._insert("INSERT OR IGNORE INTO by_surname VALUES (?, ?)",
                                           standalone_surname(key) or key, entity_id) or changed
                    joined = _joined_key(key)
                    if joined is not None:
                        # Derived from the key: a replay of the journal registers it again.
                        self._insert("INSERT OR IGNORE INTO by_type_key VALUES (?, ?, ?)",
                                     entity_type, joined, entity_id)
                    skeleton = _skeleton_key(key)
                    if skeleton is not None:
                        # Several people may share one: kept in the loose table, used when
                        # one person holds it.
                        self._insert("INSERT OR IGNORE INTO by_loose_key VALUES (?, ?, ?)",
                                     entity_type, skeleton, entity_id)
                loose = _loose_key(key, entity_type)
                if loose is not None:
                    self._insert("INSERT OR IGNORE INTO by_loose_key VALUES (?, ?, ?)",
                                 entity_type, loose, entity_id)
            if changed and self.journal is not None:
                self.journal.append((entity_id, entity_type, key))

    def _mint(self, entity_type: str, name: str) -> str:
        # No type in the id: the type is a vote over mentions and may change as the corpus
        # grows, while an id must not.
        base = entity_slug(name)
        entity_id, n = base, 1
        while self.knows(entity_id):
            n += 1
            entity_id = f"{base}-{n}"
        return entity_id


def resolve_articles(
    articles: list[tuple[ArticleAnalysis, list[LocalCluster]]],
    resolver: EntityResolver | None = None,
) -> list[ArticleAnalysis]:
    """Fill each article's ``entities`` with corpus-wide ids.

    Clusters are resolved fullest name first, across all articles, so that the ids do not
    depend on the order of the articles in the batch.
    """
    resolver = resolver or EntityResolver()
    order = sorted(
        ((i, j) for i, (_, clusters) in enumerate(articles) for j in range(len(clusters))),
        key=lambda ij: _resolution_order(articles[ij[0]][1][ij[1]]),
    )
    ids: dict[tuple[int, int], str] = {ij: resolver.resolve(articles[ij[0]][1][ij[1]])
                                       for ij in order}
    resolved = []
    for i, (analysis, clusters) in enumerate(articles):
        by_id: dict[str, ArticleEntity] = {}
        for j, cluster in enumerate(clusters):
            entity_id = ids[(i, j)]
            if entity_id in by_id:
                by_id[entity_id].mentions.extend(cluster.mentions)
            else:
                by_id[entity_id] = ArticleEntity(entity_id, cluster.name, cluster.type,
                                                 list(cluster.mentions))
        for entity in by_id.values():
            entity.mentions.sort(key=lambda m: (m.start, m.end))
        cluster_ids = [ids[(i, j)] for j in range(len(clusters))]
        for quote in analysis.quotes:
            _link_speaker(quote, cluster_ids)
        for event in analysis.events:
            _link_event(event, cluster_ids)
        for item in analysis.framing:
            local = item.pop("_entity", None) or []
            item["entity"] = cluster_ids[local[0]] if local and local[0] < len(cluster_ids) \
                else None
        analysis.entities = sorted(by_id.values(), key=lambda e: e.mentions[0].start)
        resolved.append(analysis)
    return resolved


def _link_speaker(quote: dict, cluster_ids: list[str]) -> None:
    """Replace a quote speaker's local cluster numbers by corpus-wide entity ids."""
    speaker = quote.get("speaker") or {}
    local = speaker.pop("_clusters", None)
    if local is None:
        return
    entities = [cluster_ids[j] for j in local if j < len(cluster_ids)]
    speaker["entity"] = entities[0] if entities else None
    if len(entities) > 1:
        speaker["entities"] = entities
    # Whom a spokesperson speaks for, and the outlet a quote is relayed through: the same
    # entity references as the speaker's own.
    for part in (speaker.get("on_behalf_of"), quote.get("reported_by")):
        if isinstance(part, dict) and "_clusters" in part:
            numbers = part.pop("_clusters")
            linked = [cluster_ids[j] for j in numbers if j < len(cluster_ids)]
            part["entity"] = linked[0] if linked else None


def _link_event(event: dict, cluster_ids: list[str]) -> None:
    """Replace an event's local cluster numbers by corpus-wide entity ids."""
    for role, plural, local_key in (("actor", "actors", "_actors"),
                                    ("target", "targets", "_targets"),
                                    ("location", None, "_location")):
        local = event.pop(local_key, None)
        if local is None:
            continue
        entities = list(dict.fromkeys(cluster_ids[j] for j in local if j < len(cluster_ids)))
        event[role] = entities[0] if entities else None
        if plural and len(entities) > 1:
            event[plural] = entities


def _resolution_order(cluster: LocalCluster) -> tuple[int, int, str, str, str]:
    key = cluster.key or mention_key(cluster.name, cluster.type)
    # The name decides between spellings of one key, so the minted id does not depend on
    # which article came first.
    return (-len(key.split()), 0 if cluster.known else 1, cluster.type, key, cluster.name)


def _country_of_demonym(name: str, entity_type: str, knowledge: Knowledge | None) -> str | None:
    if entity_type != "NORP" or knowledge is None:
        return None
    country = knowledge.demonyms.get(mention_key(name, "NORP"))
    return country.id if country else None


def outlet_of(article: ArticleAnalysis) -> str:
    """The outlet an article is counted under in a run's summary."""
    return article.source.outlet or "(unknown outlet)"


class EntityTally:
    """Running counts behind the ``entities.jsonl`` records: fed article by article, so that
    a corpus streamed in batches needs memory for neither its articles nor its actors (the
    counts are kept in a scratch database, see ``_scratch_database``)."""

    _SCHEMA = """
        CREATE TABLE names (entity_id TEXT, name TEXT, n INTEGER NOT NULL,
                            PRIMARY KEY (entity_id, name)) WITHOUT ROWID;
        CREATE TABLE types (entity_id TEXT, type TEXT, n INTEGER NOT NULL,
                            PRIMARY KEY (entity_id, type)) WITHOUT ROWID;
        CREATE TABLE aliases (entity_id TEXT, alias TEXT, PRIMARY KEY (entity_id, alias))
            WITHOUT ROWID;
        CREATE TABLE counts (entity_id TEXT PRIMARY KEY, mentions INTEGER NOT NULL,
                             articles INTEGER NOT NULL);
        CREATE INDEX counts_order ON counts (mentions DESC, entity_id);
        CREATE TABLE outlets (outlet TEXT, entity_id TEXT, PRIMARY KEY (outlet, entity_id))
            WITHOUT ROWID;
    """

    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self.knowledge = knowledge
        self._tables = _scratch_database(self._SCHEMA)
        self.mentions = 0

    def add(self, article: ArticleAnalysis) -> None:
        tables = self._tables
        tables.executemany("INSERT OR IGNORE INTO outlets VALUES (?, ?)",
                           [(outlet_of(article), entity.id) for entity in article.entities])
        for entity in article.entities:
            mentions = len(entity.mentions)
            self.mentions += mentions
            tables.execute("INSERT INTO names VALUES (?, ?, 1) "
                           "ON CONFLICT DO UPDATE SET n = n + 1", (entity.id, entity.name))
            tables.execute("INSERT INTO types VALUES (?, ?, ?) "
                           "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                           (entity.id, entity.type, mentions))
            # Descriptions ("the premier") are mentions, not names.
            tables.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?)",
                               [(entity.id, text) for text in
                                {m.text for m in entity.mentions if m.label != "NOMINAL"}])
            tables.execute("INSERT INTO counts VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET "
                           "mentions = mentions + excluded.mentions, articles = articles + 1",
                           (entity.id, mentions))

    def outlet_counts(self) -> dict[str, int]:
        """How many distinct actors each outlet named."""
        return dict(self._tables.execute(
            "SELECT outlet, count(*) FROM outlets GROUP BY outlet").fetchall())

    def __len__(self) -> int:
        return self._tables.execute("SELECT count(*) FROM counts").fetchone()[0]

    def iter_records(self) -> Iterator[CorpusEntity]:
        """The records, most mentioned first (ties by id), one at a time."""
        kb_ids = self.knowledge.kb_ids() if self.knowledge else {}
        tables = self._tables
        cursor = tables.execute("SELECT entity_id, mentions, articles FROM counts "
                                "ORDER BY mentions DESC, entity_id")
        while rows := cursor.fetchmany(1000):
            for entity_id, mentions, articles in rows:
                # A name with a capital letter ("foreign ministry" is how wire style writes
                # the Iranian Foreign Ministry after "Iran's"), then the most frequent, the
                # longest, the greatest; the same for the type, weighed by mentions.
                name = tables.execute(
                    "SELECT name FROM names WHERE entity_id = ? ORDER BY name GLOB '*[A-Z]*' "
                    "DESC, n DESC, length(name) DESC, name DESC LIMIT 1",
                    (entity_id,)).fetchone()[0]
                entity_type = tables.execute(
                    "SELECT type FROM types WHERE entity_id = ? ORDER BY n DESC, type DESC "
                    "LIMIT 1", (entity_id,)).fetchone()[0]
                aliases = {row[0] for row in tables.execute(
                    "SELECT alias FROM aliases WHERE entity_id = ?", (entity_id,))}
                yield CorpusEntity(
                    id=entity_id, name=name, type=entity_type,
                    aliases=sorted(aliases | {name}), articles=articles, mentions=mentions,
                    kb_id=kb_ids.get(entity_id),
                    country=_country_of_demonym(name, entity_type, self.knowledge))

    def records(self, limit: int | None = None) -> list[CorpusEntity]:
        """The records, most mentioned first; the first ``limit`` of them if given."""
        records = self.iter_records()
        if limit is not None:
            return list(islice(records, limit))
        return list(records)


def corpus_entities(articles: Iterable[ArticleAnalysis],
                    knowledge: Knowledge | None = None) -> list[CorpusEntity]:
    """The ``entities.jsonl`` records of the actors mentioned in ``articles``, with the
    knowledge-base id of those the gazetteer or the alias table knows.

    Used both right after analysis and when exporting a store, so the two always agree.
    """
    tally = EntityTally(knowledge)
    for article in articles:
        tally.add(article)
    return tally.records()
