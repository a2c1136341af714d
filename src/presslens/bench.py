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
    parse_seconds: float = 0.0
    timex_seconds: float = 0.0
    framing_seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.analyse_seconds if self.analyse_seconds else 0.0

    @property
    def timex_share_of_parse(self) -> float:
        """Time expression tagging as a share of spaCy's own parsing time."""
        return self.timex_seconds / self.parse_seconds if self.parse_seconds else 0.0

    @property
    def framing_share_of_parse(self) -> float:
        """Framing as a share of spaCy's own parsing time."""
        return self.framing_seconds / self.parse_seconds if self.parse_seconds else 0.0

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
    parse_seconds, timex_seconds = component_times(articles, nlp, "presslens_timexes")
    _, framing_seconds = component_times(articles, nlp, "presslens_framing")
    return BenchResult(
        articles=len(articles) * repeat,
        characters=sum(len(a.text) for a in articles) * repeat,
        load_seconds=load_seconds,
        analyse_seconds=analyse_seconds,
        parse_seconds=parse_seconds,
        timex_seconds=timex_seconds,
        framing_seconds=framing_seconds,
    )


def component_times(articles: list[RawArticle], nlp: Language, component: str
                    ) -> tuple[float, float]:
    """Seconds spaCy's own components take to parse ``articles``, and seconds ``component``
    then takes on the parsed documents."""
    from presslens.nlp import spacy_components

    started = time.perf_counter()
    with nlp.select_pipes(enable=spacy_components(nlp)):
        docs = list(nlp.pipe(a.text for a in articles))
    parse_seconds = time.perf_counter() - started
    tagger = nlp.get_pipe(component)
    started = time.perf_counter()
    for doc in docs:
        tagger(doc)
    return parse_seconds, time.perf_counter() - started
