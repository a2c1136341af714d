"""What the faces do to the store, written once: the web's writes take the same path as
``presslens ingest``.

``add_to_store`` reads nothing itself: it takes articles already read, leaves an article
already stored as it is, drops exact repeats within the batch, keeps a near-identical copy of
an article already stored (or earlier in the batch) as a source of that article instead of
analysing it again, analyses the rest with the store's actors, stores them and places them in
the stored stories. The API answers, in the order the articles came, with each one's record:
analysed now, stored before, or the copy it was found to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from presslens.ingest import RawArticle
from presslens.model import ArticleAnalysis
from presslens.resolve.knowledge import Knowledge
from presslens.runner import Copy, RunOptions, RunTotals, StoreSink, run_corpus
from presslens.store import Store
from presslens.story_store import place_new_articles


@dataclass(slots=True)
class AddedArticles:
    """What one write did: the articles analysed and stored, the copies kept as sources of
    an article already there, and the run's totals."""

    analysed: list[ArticleAnalysis] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    stored_before: list[ArticleAnalysis] = field(default_factory=list)
    totals: RunTotals | None = None

    def in_order(self, articles: list[RawArticle]) -> list[ArticleAnalysis | Copy]:
        """For each article given, its analysis (now or from before) or the copy it was
        found to be."""
        by_id: dict[str, ArticleAnalysis | Copy] = {
            a.id: a for a in [*self.stored_before, *self.analysed]}
        by_id.update({c.article_id: c for c in self.copies})
        return [by_id[a.id] for a in articles if a.id in by_id]


class _Collected:
    """A sink that keeps what a small write produced, for the answer."""

    def __init__(self, added: AddedArticles) -> None:
        self.added = added

    def write(self, articles: list[ArticleAnalysis],
              resolver_changes: list[tuple[str, str, str | None]]) -> None:
        self.added.analysed.extend(articles)

    def add_copy(self, copy: Copy) -> None:
        self.added.copies.append(copy)


def add_to_store(store: Store, articles: list[RawArticle],
                 knowledge: Knowledge | None = None) -> AddedArticles:
    """Store ``articles`` as ``presslens ingest`` would (see the module docstring)."""
    added = AddedArticles()
    stored_before = [a.id for a in articles if store.has_article(a.id)]
    added.totals = run_corpus(
        articles, [StoreSink(store, own_resolver=True), _Collected(added)],
        RunOptions(skip_stored=store.has_article),
        resolver=store.entity_resolver(knowledge), knowledge=knowledge,
        store_connection=store.connection)
    for article_id in dict.fromkeys(stored_before):
        record = store.article(article_id)
        if record is not None:
            added.stored_before.append(record)
    place_new_articles(store)
    return added
