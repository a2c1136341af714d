"""Story figures for `presslens bench`: what embedding costs per article, and how long grouping
takes on a large synthetic corpus.

Embedding is paid once per article, when it is stored (``ingest``); grouping reads the stored
vectors. The synthetic corpus stands in for a year of monitoring: stories of a few to a few dozen
articles spread over days to weeks, each with its own actors, topic paragraph and direction in
embedding space, plus actors every story shares (the president, the country). Its vectors are
drawn around each story's direction, so grouping is timed without the model; the model's cost is
measured apart, on real text.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from presslens.model import ArticleAnalysis, ArticleEntity, Mention, Source

DIMENSIONS = 384
YEAR_START = date(2024, 1, 1)


@dataclass(slots=True)
class StoryBench:
    articles: int
    stories_made: int
    stories_found: int
    features_seconds: float
    grouping_seconds: float

    @property
    def seconds(self) -> float:
        return self.features_seconds + self.grouping_seconds


def synthetic_corpus(count: int, pool: list[str], *, seed: int = 0
                     ) -> tuple[list[ArticleAnalysis], np.ndarray, int]:
    """``count`` articles in stories, their embeddings, and how many stories were made."""
    rng = random.Random(seed)
    vectors = np.random.default_rng(seed)
    articles: list[ArticleAnalysis] = []
    rows: list[np.ndarray] = []
    common = [f"common-{n}" for n in range(20)]
    story = 0
    while len(articles) < count:
        story += 1
        size = min(count - len(articles), rng.choice([1, 2, 3, 5, 8, 13, 21, 34]))
        first_day = rng.randrange(365)
        length = rng.choice([2, 7, 21, 60])
        direction = vectors.standard_normal(DIMENSIONS)
        direction /= np.linalg.norm(direction)
        actors = [f"s{story}-actor-{n}" for n in range(3)]
        topic = rng.choice(pool)
        for n in range(size):
            text = "\n\n".join([topic, *rng.sample(pool, 4)])
            names = rng.sample(actors, 2) + rng.sample(common, 1)
            entities = [ArticleEntity(name, name, "PERSON", [Mention(0, 1, text[:1], "PERSON")])
                        for name in names]
            day = YEAR_START + timedelta(days=first_day + rng.randrange(length))
            articles.append(ArticleAnalysis(
                f"syn-{story}-{n}", Source(title=topic[:60], published=day.isoformat(),
                                           outlet=f"Outlet {n % 7}"), text, entities))
            noisy = direction + 0.06 * vectors.standard_normal(DIMENSIONS)
            rows.append(noisy / np.linalg.norm(noisy))
    return articles, np.vstack(rows).astype(np.float32), story


def time_grouping(count: int, pool: list[str], *, seed: int = 0) -> StoryBench:
    """Group ``count`` synthetic articles and time it: features (TF-IDF, actor weights), then
    the grouping pass."""
    from presslens.stories import Features, Grouper, _stories

    articles, embeddings, made = synthetic_corpus(count, pool, seed=seed)
    started = time.perf_counter()
    features = Features.of(articles, embeddings=embeddings)
    built = time.perf_counter()
    grouper = Grouper(features)
    grouper.place_all(range(len(articles)))
    done = time.perf_counter()
    return StoryBench(len(articles), made, len(_stories(features, grouper.story_of)),
                      built - started, done - built)


def time_embedding(texts: list[str]) -> tuple[int, float]:
    """(texts embedded, seconds) for the title-and-lead embeddings of ``texts``, the model's
    load not counted."""
    from presslens.embeddings import MiniLM

    model = MiniLM.load()
    started = time.perf_counter()
    model.encode(texts)
    return len(texts), time.perf_counter() - started
