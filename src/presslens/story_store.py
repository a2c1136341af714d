"""Stories kept in the store: placed as articles arrive, read by every face.

``update_stories`` places each stored article not yet looked at into the stored stories, or
opens a new one, with the same pass as :func:`presslens.stories.group_stories` (in date order;
an article is compared with the stored articles within ``WINDOW_DAYS`` of it). A story's id is
taken from the article that opened it, so ids never change as articles join.
``regroup_stories`` forgets the stored stories and places every article again.

    >>> with Store.open("presslens.db") as store:  # doctest: +SKIP
    ...     update_stories(store)
    ...     stories = read_stories(store)
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from presslens.model import ArticleAnalysis
from presslens.store import Store
from presslens.stories import (
    WINDOW_DAYS,
    Embedder,
    Features,
    Grouper,
    Story,
    arrival_order,
    lead,
)
from presslens.temporal import parse_reference

DIMENSIONS = 384


def read_stories(store: Store) -> list[Story]:
    """The stored stories, largest first (ties: the earlier opened first)."""
    members: dict[str, list[str]] = {}
    for story, article in store.story_members():
        members.setdefault(story, []).append(article)
    stories = [Story(story, articles) for story, articles in members.items()]
    stories.sort(key=lambda s: -len(s.articles))
    return stories


def update_stories(store: Store, *, embedder: Embedder | None = None) -> int:
    """Place the stored articles not yet in a story; returns how many were looked at."""
    return _place(store, store.unplaced_article_ids(), embedder, replace=False)


def place_new_articles(store: Store) -> int:
    """``update_stories`` for the faces that store articles as a side effect (the web API,
    watched feeds): without the embedding model installed, the articles stay stored and
    unplaced, and the next ``ingest`` or ``presslens stories`` places them."""
    from presslens.embeddings import EmbeddingModelMissing

    try:
        return update_stories(store)
    except EmbeddingModelMissing:
        return 0


def regroup_stories(store: Store, *, embedder: Embedder | None = None) -> int:
    """Group every stored article again from scratch (stored embeddings are reused)."""
    everything = [a for (a,) in store.connection.execute("SELECT id FROM articles")]
    return _place(store, everything, embedder, replace=True)


def _place(store: Store, new_ids: list[str], embedder: Embedder | None, *,
           replace: bool) -> int:
    if not new_ids:
        if replace:
            store.place_in_stories([], {}, replace=True)
        return 0
    new = [a for a in map(store.article, new_ids) if a is not None]
    known_ids = [] if replace else _neighbours(store, new)
    known = [a for a in map(store.article, known_ids) if a is not None]
    articles = known + new
    stored = store.article_vectors([a.id for a in articles])
    missing = [a for a in articles if a.id not in stored]
    fresh: dict[str, bytes] = {}
    if missing:
        if embedder is None:
            from presslens.embeddings import embed
            embedder = embed
        vectors = embedder([lead(a) for a in missing])
        fresh = {a.id: np.asarray(v, dtype=np.float32).tobytes()
                 for a, v in zip(missing, vectors, strict=True)}
    matrix = np.vstack([np.frombuffer(stored.get(a.id) or fresh[a.id], dtype=np.float32)
                        for a in articles]) if articles else np.zeros((0, DIMENSIONS))
    features = Features.of(articles, embeddings=matrix)
    by_article = {article: story for story, article in store.story_members()}
    placed = {i: by_article[a.id] for i, a in enumerate(known) if a.id in by_article}
    grouper = Grouper(features, placed)
    new_indices = range(len(known), len(articles))
    grouper.place_all(new_indices)
    placements = [(features.ids[i], grouper.story_of.get(i))
                  for i in arrival_order(features, new_indices)]
    store.place_in_stories(placements, fresh, replace=replace)
    return len(placements)


def _neighbours(store: Store, new: list[ArticleAnalysis]) -> list[str]:
    """Placed articles that new ones may join: those within the window of their dates."""
    days = [d for d in (parse_reference(a.source.published) for a in new) if d]
    if not days:
        first, last = date.min, date.max
    else:
        window = timedelta(days=WINDOW_DAYS)
        first, last = min(days) - window, max(days) + window
    return store.placed_ids_published_between(first.isoformat(), last.isoformat())
