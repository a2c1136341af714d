"""Stored stories: placed as articles arrive, stable ids, an explicit full re-grouping."""

import numpy as np

from presslens.model import ArticleAnalysis, Source
from presslens.store import Store
from presslens.story_store import read_stories, regroup_stories, update_stories

HARVEST = " ".join(["Farmers brought in the wheat harvest early this year after a dry spring "
                    "and warned that grain prices would rise."] * 5)
STRIKE = " ".join(["Dock workers walked out at the port on Monday over pay and pensions, "
                   "halting container traffic for the day."] * 5)


def made(article_id, day, text):
    return ArticleAnalysis(article_id, Source(title=text.split(" and ")[0], published=day),
                           text)


def embedder(texts):
    """Two directions: harvest stories and port stories (no model needed here)."""
    return np.array([[1.0, 0.0] + [0.0] * 382 if "harvest" in t or "wheat" in t
                     else [0.0, 1.0] + [0.0] * 382 for t in texts], dtype=np.float32)


def memberships(store):
    return {frozenset(s.articles) for s in read_stories(store)}


def test_new_articles_join_stored_stories_and_ids_stay(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        store.add_articles([made("h1", "2024-05-01", HARVEST), made("p1", "2024-05-01", STRIKE),
                            made("h2", "2024-05-03", HARVEST)])
        assert update_stories(store, embedder=embedder) == 3
        before = {s.id: set(s.articles) for s in read_stories(store)}
        assert sorted(map(sorted, before.values())) == [["h1", "h2"], ["p1"]]
        store.add_articles([made("p2", "2024-05-20", STRIKE), made("gone", "2024-05-20",
                                                                   "Accept all cookies.")])
        assert update_stories(store, embedder=embedder) == 2
        assert update_stories(store, embedder=embedder) == 0  # nothing left to place
        after = {s.id: set(s.articles) for s in read_stories(store)}
        assert set(before) == set(after)  # no story renamed, none opened
        (port,) = [i for i, members in after.items() if "p1" in members]
        assert after[port] == {"p1", "p2"}
        assert "gone" not in set().union(*after.values())  # a near-empty text is in no story


def test_regrouping_gives_what_arrival_in_date_order_gives(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        for batch in ([made("h1", "2024-05-01", HARVEST)], [made("p1", "2024-05-02", STRIKE)],
                      [made("h2", "2024-05-09", HARVEST), made("p2", "2024-05-10", STRIKE)]):
            store.add_articles(batch)
            update_stories(store, embedder=embedder)
        incremental = {s.id: s.articles for s in read_stories(store)}
        vectors = store.article_vectors(["h1", "p1", "h2", "p2"])
        regroup_stories(store, embedder=lambda texts: 1 / 0)  # stored vectors are reused
        assert {s.id: s.articles for s in read_stories(store)} == incremental
        assert store.article_vectors(["h1", "p1", "h2", "p2"]) == vectors


def test_a_store_from_before_stories_migrates_and_its_articles_are_placed(tmp_path):
    import sqlite3

    from presslens.store import SCHEMA_VERSION

    path = tmp_path / "old.db"
    with Store.open(path) as store:
        store.add_articles([made("h1", "2024-05-01", HARVEST), made("h2", "2024-05-02",
                                                                    HARVEST)])
    connection = sqlite3.connect(path)
    connection.executescript("DROP TABLE story_articles; DROP TABLE article_vectors; "
                             f"PRAGMA user_version = {SCHEMA_VERSION - 1};")
    connection.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert read_stories(store) == []
        assert update_stories(store, embedder=embedder) == 2
        assert memberships(store) == {frozenset({"h1", "h2"})}


def test_articles_stored_without_the_model_wait_unplaced(tmp_path, monkeypatch):
    from presslens import story_store
    from presslens.embeddings import EmbeddingModelMissing

    def missing(texts):
        raise EmbeddingModelMissing("not installed")

    monkeypatch.setattr(story_store, "update_stories",
                        lambda store: story_store._place(store, store.unplaced_article_ids(),
                                                         missing, replace=False))
    with Store.open(tmp_path / "s.db") as store:
        store.add_articles([made("h1", "2024-05-01", HARVEST)])
        assert story_store.place_new_articles(store) == 0
        assert store.unplaced_article_ids() == ["h1"]
        assert update_stories(store, embedder=embedder) == 1
