"""Writing articles to the store: ``presslens ingest`` and the web's writes take this one
path.

``add_to_store`` reads nothing itself: it takes articles already read (a stream of them for
``ingest``, which keeps no records in memory; a short list for the web, which answers with
them), leaves an article
already stored as it is, drops exact repeats within the batch, keeps a near-identical copy of
an article already stored (or earlier in the batch) as a source of that article instead of
analysing it again, analyses the rest with the store's actors, stores them and places them in
the stored stories. The API answers, in the order the articles came, with each one's record:
analysed now, stored before, or the copy it was found to be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from presslens.ingest import RawArticle
from presslens.ingest.readers import ReadResult
from presslens.model import ArticleAnalysis
from presslens.resolve.knowledge import Knowledge
from presslens.runner import Copy, RunOptions, RunTotals, Sink, StoreSink, run_corpus
from presslens.store import Store
from presslens.story_store import place_new_articles


@dataclass(slots=True)
class AddedArticles:
    """What one write did: the articles analysed and stored, the copies kept as sources of
    an article already there, and the run's totals."""

    analysed: list[ArticleAnalysis] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    stored_before: list[ArticleAnalysis] = field(default_factory=list)
    totals: RunTotals = field(default_factory=RunTotals)
    # Articles written, and articles the store already held when their batch came.
    added: int = 0
    already_stored: int = 0

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


def add_to_store(store: Store, articles: Iterable[ReadResult],
                 knowledge: Knowledge | None = None, *, options: RunOptions | None = None,
                 keep_records: bool = True,
                 place: Callable[[Store], object] | None = place_new_articles,
                 on_read: Callable[[ReadResult], None] | None = None,
                 progress: Callable[[int], None] | None = None) -> AddedArticles:
    """Store ``articles`` as ``presslens ingest`` does (see the module docstring).

    ``keep_records`` keeps the records analysed, copied and stored before, for an answer;
    ``place`` puts the new articles in the stored stories (None leaves that to the caller);
    ``on_read`` and ``progress`` are the runner's callbacks."""
    added = AddedArticles()
    # Without options this is a face's small write: the server's threads share one pipeline.
    options = options or RunOptions(memory_zones=False)
    options.skip_stored = store.has_article
    given: list[str] = []
    sink = StoreSink(store, own_resolver=True)
    sinks: list[Sink] = [sink]
    if keep_records:
        articles = list(articles)
        given = [a.id for a in articles if isinstance(a, RawArticle)]
        sinks.append(_Collected(added))
    added.totals = run_corpus(
        articles, sinks, options, resolver=store.entity_resolver(knowledge),
        knowledge=knowledge, store_connection=store.connection, on_read=on_read,
        progress=progress)
    added.added, added.already_stored = sink.added, sink.already_stored
    # Read after the run, not before: another writer may store the same article meanwhile,
    # and the run then skips it as stored.
    done = {a.id for a in added.analysed} | {c.article_id for c in added.copies}
    for article_id in dict.fromkeys(given):
        if article_id not in done and (record := store.article(article_id)) is not None:
            added.stored_before.append(record)
    if place is not None:
        place(store)
    return added
