"""What the reading commands and the API ask of the store.

Each function takes an open store and values the face has already read from its options or
query string (dates checked, choices known), applies the defaults both faces share — items
are shown from the confidence calibrated on the development articles unless the user asks
for another; a timeline and a network hold what the text says happened unless other
modalities are asked for — and returns records. An actor is named by its id or by any
spelling of its name; ``find_actor`` says which, or why none or several.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from presslens.errors import UsageError
from presslens.store.queries import ASSERTED

if TYPE_CHECKING:
    from presslens.model import ArticleAnalysis, CorpusEntity
    from presslens.resolve.knowledge import Knowledge
    from presslens.store import SearchHit, Store
    from presslens.store.queries import EventHit, NamingRow, QuoteHit
    from presslens.story_store import Story
    from presslens.timeline import TimelineRow

Item = TypeVar("Item")

QUOTE_KINDS = ("direct", "indirect", "mixed")
# All the actors of a store, for a lookup or a table of names: far more than any corpus holds.
EVERY_ACTOR = 1_000_000


# --- what is shown by default -----------------------------------------------------------


def quote_threshold(chosen: float | None) -> float:
    """The confidence from which quotes are shown: the user's, else the threshold chosen on
    the development articles for 90% precision."""
    from presslens.components.quotes.confidence import default_threshold

    return default_threshold() if chosen is None else chosen


def event_threshold(chosen: float | None) -> float:
    """The confidence from which events are shown: the user's, else the calibrated one."""
    from presslens.event_confidence import default_min_confidence

    return default_min_confidence() if chosen is None else chosen


def framing_threshold(*chosen: float | None) -> float:
    """The confidence from which framing flags are shown: the first given of ``chosen`` (a
    request's, then a setting's), else the one calibrated for 0.75 precision."""
    from presslens.components.framing.confidence import default_min_confidence

    for value in chosen:
        if value is not None:
            return value
    return default_min_confidence()


@dataclass(frozen=True, slots=True)
class Shown(Generic[Item]):
    """Items of at least ``min_confidence``, as a face lists them."""

    min_confidence: float
    items: list[Item]


# --- actors -----------------------------------------------------------------------------


class UnknownActor(UsageError):
    """No stored actor has the id or any spelling an analyst gave."""


class AmbiguousActor(UsageError):
    """A name that several stored actors share: the analyst must give an id."""

    def __init__(self, reference: str, choices: list[str]) -> None:
        self.choices = choices
        super().__init__(f"{reference!r} names several entities ({', '.join(choices)}); "
                         "give an id")


def find_actor(store: Store, reference: str, kb_ids: dict[str, str] | None = None
               ) -> CorpusEntity:
    """The stored actor an analyst means by an id or a name in any spelling; an error that
    says what to do if none or several are meant."""
    actors = {a.id: a for a in store.entity_summaries(limit=EVERY_ACTOR, kb_ids=kb_ids)}
    if reference in actors:
        return actors[reference]
    named = [actors[i] for i in store.entity_ids_named(reference) if i in actors]
    if len(named) == 1:
        return named[0]
    if not named:
        raise UnknownActor(f"no stored entity is called {reference!r}; see `presslens "
                           "entities`")
    raise AmbiguousActor(reference, [a.id for a in named])


def list_actors(store: Store, *, name: str | None = None, entity_type: str | None = None,
                kb_ids: dict[str, str] | None = None, limit: int = 50) -> list[CorpusEntity]:
    """Stored actors, most mentioned first: those ``name`` names in any spelling, of
    ``entity_type`` (PERSON, ORG, GPE, …) if given."""
    wanted = entity_type.upper() if entity_type else None
    actors = store.entity_summaries(name, limit=EVERY_ACTOR if wanted else limit,
                                    kb_ids=kb_ids)
    return [a for a in actors if wanted is None or a.type == wanted][:limit]


def actor_names(store: Store) -> dict[str, str]:
    """Every stored actor's display name by id, to print ids as names."""
    return {a.id: a.name for a in store.entity_summaries(limit=EVERY_ACTOR)}


@dataclass(frozen=True, slots=True)
class Naming:
    """How each outlet names one actor."""

    actor: CorpusEntity
    outlets: dict[str, list[NamingRow]]


def naming(store: Store, reference: str | CorpusEntity, *, limit_per_outlet: int = 8
           ) -> Naming:
    """How each outlet names the actor ``reference`` means (an id or any spelling), or
    the actor itself where the caller has found it already."""
    actor = find_actor(store, reference) if isinstance(reference, str) else reference
    return Naming(actor, store.naming({actor.id}, limit_per_outlet=limit_per_outlet))


# --- articles and stories ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Search:
    """Articles matching a search, and the other spellings of a name it also looked for."""

    hits: list[SearchHit]
    also_spelled: list[str] = field(default_factory=list)


def search_articles(store: Store, query: str, *, limit: int = 20) -> Search:
    """Stored articles matching ``query`` (SQLite FTS5 syntax; a name also finds its other
    spellings), best first."""
    return Search(store.search(query, limit=limit), store.name_expansion(query))


def list_articles(store: Store, *, outlet: str | None = None, actor: str | None = None,
                  since: str | None = None, until: str | None = None
                  ) -> list[ArticleAnalysis]:
    """Stored articles, newest first: of ``outlet``, naming ``actor`` (any spelling),
    published inside ``since``/``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    ids = set(store.entity_ids_named(actor)) if actor else None
    articles = [a for a in store.articles()
                if (not outlet or a.source.outlet == outlet)
                and (ids is None or ids & {e.id for e in a.entities})
                and (not since or (a.source.published or "") >= since)
                and (not until or (a.source.published or "9999")[:len(until)] <= until)]
    articles.sort(key=lambda a: a.source.published or "", reverse=True)
    return articles


@dataclass(frozen=True, slots=True)
class StoryArticles:
    """A story and its articles, in the order the story holds them."""

    story: Story
    articles: list[ArticleAnalysis]


def list_stories(store: Store, *, limit: int = 50, place_new: bool = False,
                 regroup: bool = False) -> list[StoryArticles]:
    """The stored stories, largest first, with their articles. ``place_new`` first places
    the articles not yet in a story; ``regroup`` groups every article again."""
    from presslens.story_store import read_stories, regroup_stories, update_stories

    if regroup:
        regroup_stories(store)
    elif place_new:
        update_stories(store)
    stories = read_stories(store)[:limit]
    # Every member of a story is a stored article: the store keeps them together.
    return [StoryArticles(story, [a for i in story.articles
                                  if (a := store.article(i)) is not None])
            for story in stories]


# --- what was said and done -------------------------------------------------------------


def find_quotes(store: Store, *, speaker: str | None = None, about: str | None = None,
                kind: str | None = None, limit: int = 50,
                min_confidence: float | None = None) -> Shown[QuoteHit]:
    """Stored quotes by speaker (any spelling, or the speaker as written), words of what was
    said and kind, from the default confidence unless ``min_confidence`` is given."""
    if kind is not None and kind not in QUOTE_KINDS:
        raise UsageError(f"a quote's kind is one of {', '.join(QUOTE_KINDS)}, not {kind!r}")
    threshold = quote_threshold(min_confidence)
    return Shown(threshold, store.quotes(speaker=speaker, about=about, kind=kind,
                                         limit=limit, min_confidence=threshold))


def find_events(store: Store, *, actor: str | None = None, target: str | None = None,
                event_type: str | None = None, since: str | None = None, limit: int = 100,
                min_confidence: float | None = None) -> Shown[EventHit]:
    """Stored events by actor and target (any spelling), PLOVER type and date, from the
    default confidence unless ``min_confidence`` is given."""
    threshold = event_threshold(min_confidence)
    return Shown(threshold, store.events(actor=actor, target=target, event_type=event_type,
                                         since=since, limit=limit, min_confidence=threshold))


@dataclass(frozen=True, slots=True)
class Timeline:
    """The corpus's timeline as shown: which events it holds, its rows, and actors' names."""

    min_confidence: float
    modalities: frozenset[str]
    rows: list[TimelineRow]
    names: dict[str, str]


def timeline(store: Store, *, actor: str | None = None, since: str | None = None,
             min_confidence: float | None = None, modalities: frozenset[str] = ASSERTED,
             names: dict[str, str] | None = None) -> Timeline:
    """One timeline of what happened across the stored articles: an event several articles
    tell is one row with all its reports. ``names``: the actors' names by id, where the
    caller has them already (else they are read)."""
    threshold = event_threshold(min_confidence)
    rows = store.timeline(actor=actor, since=since, min_confidence=threshold,
                          modalities=modalities)
    return Timeline(threshold, modalities, rows,
                    names if names is not None else actor_names(store))


@dataclass(frozen=True, slots=True)
class Network:
    """The actor network as shown, and which events its ties count."""

    graph: Any  # a networkx.MultiDiGraph; networkx is imported only when a network is asked
    min_confidence: float
    modalities: frozenset[str]


def actor_network(store: Store, knowledge: Knowledge | None = None, *,
                  since: str | None = None, until: str | None = None,
                  kinds: set[str] | None = None, min_confidence: float | None = None,
                  modalities: frozenset[str] = ASSERTED) -> Network:
    """Who acts on whom in events and who talks about whom in quotes, between ``since``
    and ``until``, ties of ``kinds`` (event types and "talks about"; None: all)."""
    from presslens.store.tables import actor_network as network_of
    from presslens.store.tables import corpus_tables

    threshold = event_threshold(min_confidence)
    tables = corpus_tables(store.articles(), store.entities(knowledge))
    graph = network_of(tables, since=since, until=until, types=kinds,
                       min_confidence=threshold, modalities=modalities)
    return Network(graph, threshold, modalities)
