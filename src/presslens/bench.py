"""Throughput figures for `presslens bench`: a benchmark to read, never a timed test."""

from __future__ import annotations

import time
from dataclasses import dataclass

from spacy.language import Language

from presslens.analysis import analyze
from presslens.ingest import RawArticle


@dataclass(frozen=True, slots=True)
class BenchResult:
    articles: int
    characters: int
    load_seconds: float
    analyse_seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.analyse_seconds if self.analyse_seconds else 0.0

    @property
    def characters_per_second(self) -> float:
        return self.characters / self.analyse_seconds if self.analyse_seconds else 0.0


def run_bench(articles: list[RawArticle], *, repeat: int = 3,
              nlp: Language | None = None) -> BenchResult:
    """Analyse ``articles`` ``repeat`` times (after one warm-up pass) and time it."""
    started = time.perf_counter()
    if nlp is None:
        from presslens.nlp import build_pipeline

        nlp = build_pipeline()
    load_seconds = time.perf_counter() - started
    analyze(articles[:2], nlp=nlp)  # warm-up: first-call allocations are not throughput
    started = time.perf_counter()
    for _ in range(repeat):
        analyze(articles, nlp=nlp)
    analyse_seconds = time.perf_counter() - started
    return BenchResult(
        articles=len(articles) * repeat,
        characters=sum(len(a.text) for a in articles) * repeat,
        load_seconds=load_seconds,
        analyse_seconds=analyse_seconds,
    )
