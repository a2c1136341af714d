"""Stories: articles that report the same event or statement, or its continuation.

Two articles are close when

- their **title and lead** mean the same thing: cosine of MiniLM sentence embeddings
  (:mod:`presslens.embeddings`), which joins retellings in other words and languages of
  paraphrase that share few words;
- they name the same **actors** (corpus-wide ids, so "Khadimi" and "al-Kadhimi" count as one),
  weighted by how rare an actor is, as a cosine: two articles about Clinton say little, two about
  Guccifer say much;
- they share **words** (TF-IDF cosine, scikit-learn) and **events** (the same act by the same
  actor on the same target).

Time is a soft prior, not a wall: a pair's closeness is scaled by
``TIME_FLOOR + (1 - TIME_FLOOR) / (1 + days / DAYS_SCALE)``, which halves it in about two weeks
but never takes more than 70% away, and an article is compared with a story through the
story's members closest to it. A story that keeps getting articles (no gap over
``WINDOW_DAYS``) can so run for months through its follow-ups, while two articles on the same
people months apart with nothing in between stay apart.

Grouping is one pass over the articles in date order: each joins the story whose best
``LINK_MEMBERS`` members are closest to it on average, when that reaches ``THRESHOLD``, or opens a
new story. The same pass places new articles into stored stories as they arrive (:class:`Grouper`),
so grouping everything again gives what arriving in date order gives. Candidates are found by
blocking: only articles within ``WINDOW_DAYS`` of each other are compared, and of those only the
``CANDIDATES`` nearest by embedding, which keeps 100,000 articles within minutes.

Near-empty texts (failed scrapes, cookie walls, a headline and a line: fewer than
``presslens.model.NEAR_EMPTY_WORDS`` words) are no article to group:
``ArticleAnalysis.near_empty`` flags them, and they are kept out of stories.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from presslens.model import ArticleAnalysis
from presslens.temporal import parse_reference

# Chosen on the development half of the weeks set (tests/data/stories/dev.jsonl) only.
THRESHOLD = 0.22
EMBED_WEIGHT = 0.6
WORD_WEIGHT = 0.2
ACTOR_WEIGHT = 0.2
EVENT_BONUS = 0.1
DAYS_SCALE = 10.0
TIME_FLOOR = 0.3
LINK_MEMBERS = 3
WINDOW_DAYS = 60
CANDIDATES = 40
LEAD_WORDS = 60
# Entity types that carry a story (who and where); nationalities say little.
STORY_TYPES = {"PERSON", "ORG", "GPE", "FAC", "EVENT", "LOC"}

Embedder = Callable[[list[str]], np.ndarray]


@dataclass(slots=True)
class Story:
    id: str
    articles: list[str] = field(default_factory=list)


def lead(article: ArticleAnalysis) -> str:
    """Title and first ``LEAD_WORDS`` words: where a news article says what happened."""
    words = (article.text or "").split()[:LEAD_WORDS]
    title = article.source.title or ""
    return f"{title}. {' '.join(words)}" if title else " ".join(words)


def _day(article: ArticleAnalysis) -> int | None:
    day: date | None = parse_reference(article.source.published)
    return day.toordinal() if day else None


def _actor_vectors(articles: Sequence[ArticleAnalysis]) -> list[dict[str, float]]:
    document_frequency: Counter[str] = Counter()
    counts = []
    for article in articles:
        mentions = Counter({e.id: len(e.mentions) for e in article.entities
                            if e.type in STORY_TYPES})
        counts.append(mentions)
        document_frequency.update(mentions.keys())
    total = len(articles)
    vectors = []
    for mentions in counts:
        # Smoothed IDF (+1, as scikit-learn's): an actor all articles share still counts.
        vector = {entity: (1 + math.log(n))
                  * (1 + math.log((1 + total) / (1 + document_frequency[entity])))
                  for entity, n in mentions.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors.append({k: v / norm for k, v in vector.items()} if norm else {})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _word_matrix(texts: list[str]) -> Any:  # a scipy CSR matrix: scipy has no type hints
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Words in most articles of a large corpus say nothing of the story; in a handful of
    # articles that rule would leave no words at all.
    max_df = 0.5 if len(texts) >= 10 else 1.0
    try:
        return TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1,
                               max_df=max_df, dtype=np.float32).fit_transform(texts).tocsr()
    except ValueError:  # nothing but stop words
        return csr_matrix((len(texts), 1), dtype=np.float32)


def _events(article: ArticleAnalysis) -> frozenset[tuple]:
    return frozenset((e["type"], e.get("actor"), e.get("target")) for e in article.events
                     if e.get("actor") and e.get("target") and not e.get("hypothetical"))


@dataclass
class Features:
    """What closeness is computed from, one row per article."""

    ids: list[str]
    days: list[int | None]
    embeddings: np.ndarray
    words: Any  # the TF-IDF rows, a scipy CSR matrix
    actors: list[dict[str, float]]
    events: list[frozenset[tuple]]
    empty: list[bool]

    @classmethod
    def of(cls, articles: Sequence[ArticleAnalysis], embedder: Embedder | None = None,
           embeddings: np.ndarray | None = None) -> Features:
        """Features of ``articles``; ``embeddings`` when already computed (stored)."""
        if embeddings is None:
            if embedder is None:
                from presslens.embeddings import embed
                embedder = embed
            embeddings = embedder([lead(a) for a in articles])
        return cls([a.id for a in articles], [_day(a) for a in articles],
                   np.asarray(embeddings, dtype=np.float32),
                   _word_matrix([a.text or "" for a in articles]), _actor_vectors(articles),
                   [_events(a) for a in articles], [a.near_empty for a in articles])

    def __post_init__(self) -> None:
        self.words.sort_indices()
        self._day_array = np.array([np.nan if d is None else d for d in self.days])

    def word_closeness(self, i: int, others: np.ndarray) -> np.ndarray:
        """TF-IDF cosine of ``i`` with each of ``others``, straight from the CSR arrays: a
        scipy product per article costs more in setting up than in arithmetic."""
        matrix = self.words
        pointers, indices, data = matrix.indptr, matrix.indices, matrix.data
        own = indices[pointers[i]:pointers[i + 1]]
        if not len(own) or not len(others):
            return np.zeros(len(others), dtype=np.float32)
        own_values = data[pointers[i]:pointers[i + 1]]
        starts, ends = pointers[others], pointers[others + 1]
        lengths = ends - starts
        if not lengths.sum():
            return np.zeros(len(others), dtype=np.float32)
        rows = np.repeat(np.arange(len(others)), lengths)
        flat = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)])
        position = np.searchsorted(own, indices[flat])
        position[position == len(own)] = 0
        shared = own[position] == indices[flat]
        products = np.where(shared, data[flat] * own_values[position], 0.0)
        return np.bincount(rows, weights=products, minlength=len(others)).astype(np.float32)

    def closeness(self, i: int, others: np.ndarray) -> np.ndarray:
        """Closeness of article ``i`` to each of ``others`` (indices), time prior included."""
        if not len(others):
            return np.zeros(0, dtype=np.float32)
        embedded = self.embeddings[others] @ self.embeddings[i]
        words = self.word_closeness(i, others)
        actors = np.array([_cosine(self.actors[i], self.actors[j]) for j in others])
        events = np.array([bool(self.events[i] & self.events[j]) for j in others])
        value = (EMBED_WEIGHT * embedded + WORD_WEIGHT * words + ACTOR_WEIGHT * actors
                 + EVENT_BONUS * events)
        if self.days[i] is not None:
            # An undated neighbour is taken as the same day: nothing says otherwise.
            gaps = np.nan_to_num(np.abs(self._day_array[others] - self.days[i]))
            value = value * (TIME_FLOOR + (1.0 - TIME_FLOOR) / (1.0 + gaps / DAYS_SCALE))
        return value


def arrival_order(features: Features, indices: Sequence[int]) -> list[int]:
    """Date order (undated last), ties by id: the order that makes grouping deterministic."""
    return sorted(indices, key=lambda i: (features.days[i] is None, features.days[i] or 0,
                                          features.ids[i]))


class Grouper:
    """Places articles into stories one by one in arrival order (see the module docstring).

    ``stories`` maps an article index to its story id for the articles already placed, so a
    grouper can continue stored stories.
    """

    def __init__(self, features: Features, placed: dict[int, str] | None = None,
                 threshold: float = THRESHOLD) -> None:
        self.features = features
        self.threshold = threshold
        self.story_of: dict[int, str] = dict(placed or {})
        self._dated: list[tuple[int, int]] = sorted(
            (day, i) for i in self.story_of if (day := features.days[i]) is not None)
        self._undated: list[int] = sorted(i for i in self.story_of
                                          if features.days[i] is None)

    def _window(self, day: int | None) -> np.ndarray:
        if day is None:  # an undated article is compared with the latest ones
            near = [j for _, j in self._dated[-CANDIDATES * 50:]]
        else:
            low = bisect.bisect_left(self._dated, (day - WINDOW_DAYS, -1))
            high = bisect.bisect_right(self._dated, (day + WINDOW_DAYS, len(self.features.ids)))
            near = [j for _, j in self._dated[low:high]]
        return np.array(near + self._undated[-CANDIDATES:], dtype=np.int64)

    def place_all(self, indices: Sequence[int]) -> None:
        """Place ``indices`` in arrival order, one day at a time: the articles of a day are
        compared with their window in one matrix product (what keeps 100,000 articles fast),
        and with the same day's articles placed before them."""
        embeddings = self.features.embeddings
        order = arrival_order(self.features, indices)
        start = 0
        while start < len(order):
            day = self.features.days[order[start]]
            end = start + 1
            while end < len(order) and day is not None and self.features.days[order[end]] == day:
                end += 1
            today = order[start:end]
            window = self._window(day)
            scores = embeddings[today] @ embeddings[window].T
            for k, i in enumerate(today):
                # Near-empty texts of the day are in no story: nothing to join.
                earlier = np.array([j for j in today[:k] if j in self.story_of],
                                   dtype=np.int64)
                self.place(i, np.concatenate([window, earlier]),
                           np.concatenate([scores[k], embeddings[earlier] @ embeddings[i]]))
            start = end

    def place(self, i: int, window: np.ndarray | None = None,
              cheap: np.ndarray | None = None) -> str | None:
        """Put article ``i`` in a story (returned), or None for a near-empty text.
        ``window`` and ``cheap`` (its embedding closeness to ``i``), when given, are the
        placed articles to compare with."""
        features = self.features
        if features.empty[i]:
            return None
        if window is None or cheap is None:
            window = self._window(features.days[i])
            cheap = features.embeddings[window] @ features.embeddings[i]
        chosen = None
        if len(window):
            # Blocking: the nearest by embedding only, then full closeness for those.
            if len(window) > CANDIDATES:
                keep = np.argpartition(-cheap, CANDIDATES)[:CANDIDATES]
                window = window[np.sort(keep)]
            values = features.closeness(i, window)
            by_story: dict[str, list[float]] = {}
            for j, value in zip(window.tolist(), values.tolist(), strict=True):
                by_story.setdefault(self.story_of[j], []).append(value)
            best = self.threshold
            for story, found in sorted(by_story.items()):
                found.sort(reverse=True)
                link = sum(found[:LINK_MEMBERS]) / min(LINK_MEMBERS, len(found))
                if link >= best:
                    best, chosen = link, story
        story = chosen or story_id(features.ids[i])
        self.story_of[i] = story
        day = features.days[i]
        if day is None:
            self._undated.append(i)
        else:
            bisect.insort(self._dated, (day, i))
        return story


def story_id(founding_article: str) -> str:
    """A story is named after the article that opened it, so its id never changes."""
    return "s-" + founding_article[:12]


def _stories(features: Features, story_of: dict[int, str]) -> list[Story]:
    members: dict[str, list[int]] = {}
    for i in arrival_order(features, list(story_of)):
        members.setdefault(story_of[i], []).append(i)
    stories = [Story(s, [features.ids[i] for i in m]) for s, m in members.items()]
    stories.sort(key=lambda s: -len(s.articles))  # stable: ties stay in order of opening
    return stories


def group_stories(articles: list[ArticleAnalysis], threshold: float = THRESHOLD, *,
                  embedder: Embedder | None = None,
                  embeddings: np.ndarray | None = None) -> list[Story]:
    """Stories of ``articles``, each a list of article ids in date order, largest first.
    Near-empty texts are in no story."""
    features = Features.of(articles, embedder, embeddings)
    grouper = Grouper(features, threshold=threshold)
    grouper.place_all(range(len(articles)))
    return _stories(features, grouper.story_of)


def assign(stories: list[Story], known: list[ArticleAnalysis], new: list[ArticleAnalysis],
           threshold: float = THRESHOLD, *, embedder: Embedder | None = None) -> list[Story]:
    """Place ``new`` articles into ``stories`` (formed over ``known``) as they arrive: each
    joins the closest story or opens one. Existing stories keep their ids."""
    articles = known + new
    features = Features.of(articles, embedder)
    index = {a.id: i for i, a in enumerate(articles)}
    placed = {index[a]: s.id for s in stories for a in s.articles if a in index}
    grouper = Grouper(features, placed, threshold)
    grouper.place_all(range(len(known), len(articles)))
    return _stories(features, grouper.story_of)
