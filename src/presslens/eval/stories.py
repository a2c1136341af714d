"""`presslens eval stories`: grouping articles into stories against labelled stories.

Gold: the weeks set, ``tests/data/stories/dev.jsonl`` (development) and
``tests/data/blind/stories/gold.jsonl`` (frozen, never tuned on), and the small first set
``tests/data/stories/gold.jsonl``; see the READMEs beside them. The labelled articles of one set
are analysed together and grouped; B-cubed precision, recall and F1 compare the groups with the
labels. A text labelled ``"empty"`` belongs to no story: it is its own singleton on both sides.

Two plain baselines run on the same articles, each with a threshold fixed before any
evaluation and never changed:

- ``tfidf``: TF-IDF cosine of the full texts (scikit-learn, English stop words, sublinear tf),
  average-linkage agglomerative clustering, joined while the average similarity is at least
  ``TFIDF_THRESHOLD`` (0.25);
- ``minilm``: cosine of all-MiniLM-L6-v2 embeddings of title and lead, the same average
  linkage, at least ``MINILM_THRESHOLD`` (0.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.language import Language

from presslens.eval.documents import REPO_ROOT
from presslens.eval.scoring import PRF, bcubed
from presslens.stories import group_stories, lead

DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "stories" / "gold.jsonl"
DEV_GOLD = REPO_ROOT / "tests" / "data" / "stories" / "dev.jsonl"
BLIND_GOLD = REPO_ROOT / "tests" / "data" / "blind" / "stories" / "gold.jsonl"
# Fixed before the baselines were first run; never tuned.
TFIDF_THRESHOLD = 0.25
MINILM_THRESHOLD = 0.5
METHODS = ("presslens", "tfidf", "minilm")


@dataclass(slots=True)
class StoryScores:
    articles: int
    stories: int
    found: int
    bcubed: PRF
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    by_method: dict[str, tuple[int, PRF]] = field(default_factory=dict)


def average_linkage(similarity: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels by average-linkage agglomeration on a similarity matrix, merging while
    the average similarity of two clusters is at least ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering

    if len(similarity) < 2:
        return list(range(len(similarity)))
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - threshold)
    return model.fit_predict(distance).tolist()


def tfidf_baseline(texts: list[str], threshold: float = TFIDF_THRESHOLD) -> list[int]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return average_linkage((matrix @ matrix.T).toarray(), threshold)


def minilm_baseline(embeddings: np.ndarray, threshold: float = MINILM_THRESHOLD) -> list[int]:
    return average_linkage(embeddings @ embeddings.T, threshold)


def evaluate_stories(records: list[dict], nlp: Language | None = None,
                     threshold: float | None = None, methods: tuple[str, ...] = ("presslens",)
                     ) -> StoryScores:
    """Scores of presslens (and of the ``methods`` named) on the articles of ``records``."""
    from presslens.analysis import analyze
    from presslens.embeddings import embed
    from presslens.eval.documents import annotated_articles

    articles, kept, missing, stale = annotated_articles(records)
    corpus = analyze(articles, nlp=nlp)
    analysed = corpus.articles
    gold = {a.id: (f"empty:{a.id}" if r.get("empty") else r["story"])
            for a, r in zip(articles, kept, strict=True)}
    embeddings = embed([lead(a) for a in analysed])
    found: dict[str, dict[str, str]] = {}
    for method in methods:
        if method == "presslens":
            stories = group_stories(analysed, embeddings=embeddings) if threshold is None \
                else group_stories(analysed, threshold, embeddings=embeddings)
            system = {a: s.id for s in stories for a in s.articles}
            # A near-empty text is in no story: on its own.
            found[method] = {a.id: system.get(a.id, f"alone:{a.id}") for a in analysed}
        else:
            labels = tfidf_baseline([a.text for a in analysed]) if method == "tfidf" \
                else minilm_baseline(embeddings)
            found[method] = {a.id: str(label) for a, label in zip(analysed, labels, strict=True)}
    by_method = {m: (len(set(s.values())), bcubed(s, gold)) for m, s in found.items()}
    first = by_method[methods[0]]
    return StoryScores(len(gold), len(set(gold.values())), first[0], first[1], missing, stale,
                       by_method)
