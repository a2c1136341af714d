"""Stories: articles from different outlets that report the same event or statement.

Two articles are compared by what the analysis already knows and by their words:

- the actors they name (corpus-wide ids, so "Khadimi" and "al-Kadhimi" count as one), weighted
  by how rare an actor is in the corpus, as a cosine;
- their words, as TF-IDF cosine (scikit-learn), which joins retellings in other words;
- their dates: articles published more than ``WINDOW_DAYS`` apart are never one story.

Articles are joined greedily, most similar pair first, when their similarity reaches
``THRESHOLD`` against the story's articles on average (average linkage), so a story does not
drift from topic to topic through a chain of near neighbours. ``assign`` places a new article
into the stories already formed (incremental, as articles arrive).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from presslens.model import ArticleAnalysis
from presslens.temporal import parse_reference

# Chosen on the development stories (the demo corpus and half the Wikinews stories).
WINDOW_DAYS = 30
THRESHOLD = 0.15
WORD_WEIGHT = 0.7
EVENT_BONUS = 0.1
DAYS_SCALE = 7.0
# Entity types that carry a story (who and where); nationalities say little.
STORY_TYPES = {"PERSON", "ORG", "GPE", "FAC", "EVENT", "LOC"}


@dataclass(slots=True)
class Story:
    id: str
    articles: list[str] = field(default_factory=list)


def _actor_vectors(articles: list[ArticleAnalysis]) -> list[dict[str, float]]:
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
        vectors.append(_normalised(vector))
    return vectors


def _normalised(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _word_similarities(texts: list[str]) -> list[list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return [[1.0] * len(texts) for _ in texts]
    # Words in most articles of a large corpus say nothing of the story; in a handful of
    # articles that rule would leave no words at all.
    max_df = 0.5 if len(texts) >= 10 else 1.0
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1,
                                 max_df=max_df).fit_transform(texts)
    except ValueError:  # nothing but stop words
        return [[0.0] * len(texts) for _ in texts]
    return (matrix @ matrix.T).toarray().tolist()


def _day(article: ArticleAnalysis) -> date | None:
    return parse_reference(article.source.published)


def similarities(articles: list[ArticleAnalysis]) -> list[list[float]]:
    """Pairwise story similarity; 0 for articles too far apart in time."""
    actors = _actor_vectors(articles)
    words = _word_similarities([a.text for a in articles])
    days = [_day(a) for a in articles]
    events = [{(e["type"], e.get("actor"), e.get("target")) for e in a.events
               if e.get("actor") and e.get("target") and not e.get("hypothetical")}
              for a in articles]
    size = len(articles)
    table = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            if days[i] and days[j] and abs((days[i] - days[j]).days) > WINDOW_DAYS:
                continue
            value = WORD_WEIGHT * words[i][j] + (1 - WORD_WEIGHT) * _cosine(actors[i],
                                                                             actors[j])
            if events[i] & events[j]:
                value += EVENT_BONUS  # both tell the same act by the same actor
            if days[i] and days[j]:
                # A story is told within days; the same actors weeks later are another one.
                value /= 1 + abs((days[i] - days[j]).days) / DAYS_SCALE
            table[i][j] = table[j][i] = value
    return table


def group_stories(articles: list[ArticleAnalysis], threshold: float = THRESHOLD
                  ) -> list[Story]:
    """Stories of ``articles``, each a list of article ids, largest first."""
    table = similarities(articles)
    groups = [[i] for i in range(len(articles))]
    while True:
        best, pair = threshold, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                linkage = sum(table[i][j] for i in groups[a] for j in groups[b]) / (
                    len(groups[a]) * len(groups[b]))
                if linkage >= best:
                    best, pair = linkage, (a, b)
        if pair is None:
            break
        a, b = pair
        groups[a] += groups.pop(b)
    groups.sort(key=lambda g: (-len(g), min(g)))
    return [Story(f"s{n}", [articles[i].id for i in sorted(group)])
            for n, group in enumerate(groups, 1)]


def assign(stories: list[Story], known: list[ArticleAnalysis], new: list[ArticleAnalysis],
           threshold: float = THRESHOLD) -> list[Story]:
    """Place ``new`` articles into ``stories`` (formed over ``known``) as they arrive: each
    joins the story it is most similar to on average, if that reaches ``threshold``, else the
    new articles are grouped among themselves. Existing stories keep their ids."""
    articles = known + new
    table = similarities(articles)
    index = {a.id: i for i, a in enumerate(articles)}
    result = [Story(s.id, list(s.articles)) for s in stories]
    unplaced: list[ArticleAnalysis] = []
    for article in new:
        i = index[article.id]
        best, chosen = threshold, None
        for story in result:
            members = [index[a] for a in story.articles if a in index]
            if not members:
                continue
            linkage = sum(table[i][j] for j in members) / len(members)
            if linkage >= best:
                best, chosen = linkage, story
        if chosen is None:
            unplaced.append(article)
        else:
            chosen.articles.append(article.id)
    taken = len(result)
    for n, story in enumerate(group_stories(unplaced, threshold), 1):
        result.append(Story(f"s{taken + n}", story.articles))
    return result
