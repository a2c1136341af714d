"""Corpus runs that stream: read, drop copies, analyse (in this process, in N processes or
on a Dask cluster), resolve entities batch by batch, and hand each batch to its sinks.

Nothing here holds the corpus: articles flow through in batches of ``batch_size``, so memory
depends on the batch, the pipeline and the number of distinct actors, not on the number of
articles. The per-article step (``analyse_local``) is a pure function of the article; the
corpus-wide steps (duplicates, entity ids) run in the calling process, in input order, so a
run gives the same output however its analysis was spread out.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from spacy.language import Language

from presslens.analysis import apply_overrides, document_for
from presslens.ingest import RawArticle
from presslens.ingest.dedupe import DEFAULT_THRESHOLD, NearDuplicate, NearDuplicateIndex
from presslens.ingest.readers import InputSkipped, ReadResult
from presslens.model import ArticleAnalysis, CorpusEntity, InputProblem, Source
from presslens.resolve.entities import (
    EntityResolver,
    EntityTally,
    LocalCluster,
    outlet_of,
    resolve_articles,
)
from presslens.resolve.knowledge import Knowledge, gazetteer_only
from presslens.scratch import scratch_connection

if TYPE_CHECKING:
    from presslens.store.sqlite import Store

LocalResult = tuple[ArticleAnalysis, list[LocalCluster]]
# Articles sent to a worker process at a time, and chunks kept in flight per worker: enough
# to keep every worker busy, few enough that memory does not grow with the corpus. A chunk is
# at least one of spaCy's batches (16 documents in ``iter_analyses``): smaller ones starve its
# neural network layers, whose cost per document falls with the batch.
CHUNK_SIZE = 16
CHUNKS_IN_FLIGHT_PER_WORKER = 3
# Articles analysed at a time in this process: two batches, so that the per-chunk work
# (starting spaCy's pipe, the fallback net for failing articles) is paid less often.
LOCAL_CHUNK_SIZE = 32
# Articles analysed inside one spaCy memory zone (see ``VocabularyZones``).
ZONE_ARTICLES = 1024
# Lexemes the shared pipeline may add to its vocabulary, zone after zone, before a run
# replaces it by a new one (see ``VocabularyZones``).
LEXEMES_PER_PIPELINE = 40_000
# The articles the HTML report shows in full; the rest are in articles.jsonl.
REPORT_ARTICLES = 200
# Actors the run's report and summary show (entities.jsonl has them all).
REPORT_ENTITIES = 100


@dataclass(slots=True)
class Copy:
    """A near-identical copy of an analysed article: counted once, kept as a source."""

    article_id: str
    copy_of: str
    similarity: float
    source: Source

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.article_id, "copy_of": self.copy_of,
                "similarity": self.similarity, "source": self.source.to_dict()}


class Sink(Protocol):
    """Where resolved batches go: files, a store, or both."""

    def write(self, articles: list[ArticleAnalysis],
              resolver_changes: list[tuple[str, str, str | None]]) -> None: ...

    def add_copy(self, copy: Copy) -> None: ...


@dataclass(slots=True)
class RunOptions:
    batch_size: int = 64
    jobs: int = 1
    dask: str | None = None
    # Articles already in the store are not analysed again (ingest); None analyses all.
    skip_stored: Callable[[str], bool] | None = None
    near_duplicate_threshold: float | None = DEFAULT_THRESHOLD
    # Seconds a run may spend; past them no new article is started, what was analysed is
    # stored, and the rest is reported, for the next run to pick up. None: no budget.
    time_budget: float | None = None
    published: str | None = None
    outlet: str | None = None
    shard_dir: str | None = None
    # Articles per Dask task (None: distributed.SHARD_SIZE).
    shard_size: int | None = None
    # spaCy memory zones free a long run's strings; a zone is the whole process's, so a
    # server whose threads share one pipeline runs without them (its batches are small).
    memory_zones: bool = True


@dataclass(slots=True)
class RunTotals:
    """What a run did, for the summary: counts that stay small whatever the corpus size."""

    analysed: int = 0
    stored_before: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    # Articles that passed the duplicate checks, and of those, the ones left unanalysed
    # because the run's time budget was spent.
    to_analyse: int = 0
    over_budget: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    skipped: list[InputSkipped] = field(default_factory=list)
    outlets: Counter[str] = field(default_factory=Counter)
    # Distinct actors per outlet, counted by the tally when the run ends.
    outlet_entities: Counter[str] = field(default_factory=Counter)
    outlet_mentions: Counter[str] = field(default_factory=Counter)
    first_articles: list[ArticleAnalysis] = field(default_factory=list)
    # The entities.jsonl records are read from the tally one at a time
    # (``entities.iter_records()``); the most mentioned are kept for the report.
    entities: EntityTally | None = None
    top_entities: list[CorpusEntity] = field(default_factory=list)

    def count(self, article: ArticleAnalysis) -> None:
        outlet = outlet_of(article)
        self.analysed += 1
        self.outlets[outlet] += 1
        self.outlet_mentions[outlet] += sum(len(e.mentions) for e in article.entities)
        if len(self.first_articles) < REPORT_ARTICLES:
            self.first_articles.append(article)

    @property
    def entity_count(self) -> int:
        return len(self.entities) if self.entities is not None else 0

    @property
    def entity_mentions(self) -> int:
        return self.entities.mentions if self.entities is not None else 0

    def entity_records(self) -> Iterator[CorpusEntity]:
        """The ``entities.jsonl`` records, most mentioned first, one at a time."""
        return self.entities.iter_records() if self.entities is not None else iter(())


# -- the per-article step -----------------------------------------------------------------

_worker: dict[str, Any] = {}


def analyse_local(articles: Iterable[RawArticle], nlp: Language,
                  knowledge: Knowledge | None = None) -> Iterator[LocalResult | InputProblem]:
    """Each article's analysis with entities still local to it, in order; an article the
    pipeline fails on becomes an ``InputProblem`` and the others go on."""
    from presslens.analysis import analyze_doc, iter_analyses

    batch = list(articles)
    try:
        results: list[LocalResult | InputProblem] = list(
            iter_analyses(batch, nlp, knowledge=knowledge))
    except Exception:  # noqa: BLE001 - find the article at fault, one by one
        results = []
        for article in batch:
            try:
                doc = nlp(document_for(nlp, article))
                results.append(analyze_doc(article, doc, knowledge))
            except Exception as exc:  # noqa: BLE001 - reported by name, the batch goes on
                results.append(InputProblem(_where(article.source), f"analysis failed: "
                                            f"{type(exc).__name__}: {exc}"))
    yield from results


class VocabularyZones:
    """spaCy memory zones, each renewed after ``ZONE_ARTICLES`` articles, between chunks,
    and the pipeline they are opened on, itself renewed now and then.

    spaCy keeps every new string a Doc meets for the life of the process, so a stream of
    millions of articles would grow by its new words (names, numbers, misspellings) without
    end. Inside a memory zone the strings and lexemes added are freed when it closes. A zone
    per chunk costs about 5% of the analysis, as the next chunk builds the common words'
    lexemes and the tokenizer's cache again; a zone per thousand articles costs a
    thirty-second of that and still bounds memory. Safe only where one thread owns the
    pipeline and nothing made from a Doc outlives its chunk: the results are plain records.

    A zone frees a word but not its slot in the vocabulary's hash tables: spaCy's tables
    (preshed maps) mark the slot deleted, count it as filled, and double in size when live
    and deleted slots together fill them, so over a long run they double again and again
    with the new words met, by 8 MB, then 16, then 32 (measured: two million new words in
    zones of ten thousand). Without a pipeline from the caller, the zones use the process's
    shared pipeline and replace it by a new one (``nlp.renew_pipeline``, half a second)
    once it has added ``LEXEMES_PER_PIPELINE`` lexemes, which keeps those tables at the size
    the first few thousand articles give them. A caller's own pipeline is never replaced.
    """

    def __init__(self, nlp: Language | None = None) -> None:
        from presslens.nlp import load_pipeline

        self.renewable = nlp is None
        self.nlp: Language = nlp if nlp is not None else load_pipeline()
        self._lexemes_at_start = len(self.nlp.vocab)
        self._zone: AbstractContextManager[Any] | None = None
        self._count = 0

    def before_chunk(self, size: int) -> Language:
        """The pipeline to analyse the next ``size`` articles with."""
        if self._zone is not None and self._count + size > ZONE_ARTICLES:
            self.close()
            if self.renewable and \
                    len(self.nlp.vocab) - self._lexemes_at_start > LEXEMES_PER_PIPELINE:
                self._renew()
        if self._zone is None:
            self._zone = self.nlp.memory_zone()
            self._zone.__enter__()
            self._count = 0
        self._count += size
        return self.nlp

    def _renew(self) -> None:
        from presslens.nlp import renew_pipeline

        # Let go of the old pipeline first, so that renewing can free it.
        del self.nlp
        self.nlp = renew_pipeline()
        self._lexemes_at_start = len(self.nlp.vocab)

    def close(self) -> None:
        if self._zone is not None:
            zone, self._zone = self._zone, None
            zone.__exit__(None, None, None)


def _where(source: Source) -> str:
    return source.path or source.url or "(input)"


def _init_worker(knowledge: Knowledge | None) -> None:
    _worker["knowledge"] = knowledge
    # A worker process analyses chunks one at a time and nothing else, on the process's
    # shared pipeline (loaded here, as the worker starts).
    _worker["zones"] = VocabularyZones()


def _analyse_chunk(articles: list[RawArticle]
                   ) -> tuple[list[LocalResult | InputProblem], float]:
    """A chunk's results, and the worker's peak resident memory so far in MB."""
    import resource

    nlp = _worker["zones"].before_chunk(len(articles))
    results = list(analyse_local(articles, nlp, _worker["knowledge"]))
    return results, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _chunks(items: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    chunk: list[RawArticle] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_pool(jobs: int, knowledge: Knowledge | None) -> ProcessPoolExecutor:
    """``jobs`` worker processes, each with its own pipeline (loaded as it starts)."""
    import multiprocessing

    # forkserver: workers start clean, not as forks of a process with a progress thread.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                               initializer=_init_worker, initargs=(knowledge,))


def analyse_in_processes(articles: Iterable[RawArticle], jobs: int,
                         knowledge: Knowledge | None) -> Iterator[LocalResult | InputProblem]:
    """``analyse_local`` over ``jobs`` worker processes, results in input order, with a
    bounded number of chunks in flight so that reading never runs ahead of analysis."""
    pending: deque[Future[tuple[list[LocalResult | InputProblem], float]]] = deque()
    limit = jobs * CHUNKS_IN_FLIGHT_PER_WORKER

    def collect() -> list[LocalResult | InputProblem]:
        results, _ = pending.popleft().result()
        return results

    with worker_pool(jobs, knowledge) as pool:
        for chunk in _chunks(articles, CHUNK_SIZE):
            pending.append(pool.submit(_analyse_chunk, chunk))
            while len(pending) >= limit:
                yield from collect()
        while pending:
            yield from collect()


def analysed_stream(articles: Iterable[RawArticle], options: RunOptions, *,
                    nlp: Language | None, knowledge: Knowledge | None
                    ) -> Generator[LocalResult | InputProblem, None, None]:
    if options.dask:
        from presslens.distributed import analyse_on_dask

        yield from analyse_on_dask(articles, options.dask, knowledge=knowledge,
                                   shard_dir=options.shard_dir, shard_size=options.shard_size)
    elif options.jobs > 1:
        yield from analyse_in_processes(articles, options.jobs, knowledge)
    elif not options.memory_zones:
        from presslens.nlp import load_pipeline

        yield from analyse_local(articles, nlp or load_pipeline(), knowledge)
    else:
        zones = VocabularyZones(nlp)
        try:
            for chunk in _chunks(articles, LOCAL_CHUNK_SIZE):
                yield from analyse_local(chunk, zones.before_chunk(len(chunk)), knowledge)
        finally:
            zones.close()


# -- the corpus-wide steps ----------------------------------------------------------------

class _RunIndex:
    """The ids this run has met, and near-duplicate signatures, in a scratch SQLite file (or
    the store's own database for the signatures), so neither grows in memory."""

    def __init__(self, threshold: float | None, store_connection: sqlite3.Connection | None,
                 stored: Callable[[str], bool] | None) -> None:
        self._scratch_dir = tempfile.TemporaryDirectory(prefix="presslens-run-")
        self.connection = scratch_connection(os.path.join(self._scratch_dir.name, "run.db"))
        self.connection.execute("CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")
        self.stored = stored
        self.near: NearDuplicateIndex | None = None
        if threshold:
            self.near = NearDuplicateIndex(store_connection or self.connection,
                                           threshold=threshold)

    def first_time(self, article_id: str) -> bool:
        cursor = self.connection.execute("INSERT OR IGNORE INTO seen (id) VALUES (?)",
                                         (article_id,))
        return cursor.rowcount == 1

    def copy_of(self, article: RawArticle) -> NearDuplicate | None:
        if self.near is None:
            return None
        return self.near.check(article.id, article.text, live=self._live)

    def _live(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM seen WHERE id = ?", (article_id,))
        return row.fetchone() is not None or bool(self.stored and self.stored(article_id))

    def close(self) -> None:
        self.connection.close()
        self._scratch_dir.cleanup()


def _articles_to_analyse(results: Iterable[ReadResult], options: RunOptions, index: _RunIndex,
                         totals: RunTotals, sinks: list[Sink],
                         on_read: Callable[[ReadResult], None] | None) -> Iterator[RawArticle]:
    for result in results:
        if on_read is not None:
            on_read(result)
        if isinstance(result, InputProblem):
            totals.problems.append(result)
            continue
        if isinstance(result, InputSkipped):
            totals.skipped.append(result)
            continue
        article = apply_overrides(result, published=options.published, outlet=options.outlet)
        if options.skip_stored is not None and options.skip_stored(article.id):
            totals.stored_before += 1
            continue
        if not index.first_time(article.id):
            totals.duplicates += 1
            continue
        near = index.copy_of(article)
        if near is not None:
            totals.near_duplicates += 1
            copy = Copy(article.id, near.copy_of, near.similarity, article.source)
            for sink in sinks:
                sink.add_copy(copy)
            continue
        totals.to_analyse += 1
        yield article


def run_corpus(
    results: Iterable[ReadResult],
    sinks: list[Sink],
    options: RunOptions,
    *,
    nlp: Language | None = None,
    knowledge: Knowledge | None = None,
    resolver: EntityResolver | None = None,
    store_connection: sqlite3.Connection | None = None,
    on_read: Callable[[ReadResult], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunTotals:
    """Stream ``results`` (from ``read_inputs``) through analysis and into ``sinks``."""
    knowledge = knowledge or (resolver.knowledge if resolver else None) or gazetteer_only()
    resolver = resolver or EntityResolver(knowledge=knowledge)
    totals = RunTotals()
    tally = EntityTally(knowledge)
    index = _RunIndex(options.near_duplicate_threshold, store_connection, options.skip_stored)
    try:
        articles = _articles_to_analyse(results, options, index, totals, sinks, on_read)
        batch: list[LocalResult] = []
        started = time.monotonic()
        processed = 0
        stream = analysed_stream(articles, options, nlp=nlp, knowledge=knowledge)
        for item in stream:
            processed += 1
            if progress:
                progress(1)
            if isinstance(item, InputProblem):
                totals.problems.append(item)
                if on_read is not None:
                    on_read(item)
            else:
                batch.append(item)
                if len(batch) >= options.batch_size:
                    _flush(batch, resolver, sinks, totals, tally)
                    batch = []
            if options.time_budget and time.monotonic() - started > options.time_budget:
                stream.close()
                for _ in articles:  # the rest is counted, not analysed
                    pass
                totals.over_budget = totals.to_analyse - processed
                break
        if batch:
            _flush(batch, resolver, sinks, totals, tally)
        if totals.over_budget:
            problem = InputProblem(
                "(time budget)", f"the time budget of {options.time_budget:g} s was spent: "
                f"{totals.over_budget} article(s) were not analysed; run again to continue")
            totals.problems.append(problem)
            if on_read is not None:
                on_read(problem)
    finally:
        index.close()
    totals.entities = tally
    totals.top_entities = tally.records(limit=REPORT_ENTITIES)
    totals.outlet_entities = Counter(tally.outlet_counts())
    return totals


def _flush(batch: list[LocalResult], resolver: EntityResolver, sinks: list[Sink],
           totals: RunTotals, tally: EntityTally) -> None:
    resolved = resolve_articles(batch, resolver)
    changes = resolver.take_journal()
    for sink in sinks:
        sink.write(resolved, changes)
    for article in resolved:
        tally.add(article)
        totals.count(article)


# -- sinks --------------------------------------------------------------------------------

class FileSink:
    """``articles.jsonl`` and ``copies.jsonl`` written batch by batch into ``out_dir``."""

    def __init__(self, out_dir: str | os.PathLike[str],
                 min_confidence: float | None = None) -> None:
        from presslens.store.export import ARTICLES_FILE, COPIES_FILE

        # Framing flags below this confidence are left out of articles.jsonl (the store
        # keeps them all); None writes every flag.
        self.min_confidence = min_confidence
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.articles_path = self.out_dir / ARTICLES_FILE
        self.copies_path = self.out_dir / COPIES_FILE
        self._articles = self.articles_path.open("w", encoding="utf-8")
        self._copies = self.copies_path.open("w", encoding="utf-8")

    def write(self, articles: list[ArticleAnalysis],
              resolver_changes: list[tuple[str, str, str | None]]) -> None:
        for article in articles:
            if self.min_confidence is not None:
                article = article.with_framing_from(self.min_confidence)
            self._articles.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        self._articles.flush()

    def add_copy(self, copy: Copy) -> None:
        self._copies.write(json.dumps(copy.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._articles.close()
        self._copies.close()


class StoreSink:
    """Each batch in one store transaction; copies as they are found."""

    def __init__(self, store: Store, *, own_resolver: bool = False) -> None:
        self.store = store
        self.own_resolver = own_resolver
        self.added = 0
        self.already_stored = 0

    def write(self, articles: list[ArticleAnalysis],
              resolver_changes: list[tuple[str, str, str | None]]) -> None:
        # The resolver's changes are kept only by the store whose resolver made them.
        report = self.store.add_articles(articles, resolver_changes if self.own_resolver
                                         else ())
        self.added += report.added
        self.already_stored += report.already_stored

    def add_copy(self, copy: Copy) -> None:
        self.store.add_copy(copy.article_id, copy.copy_of, copy.similarity, copy.source)
