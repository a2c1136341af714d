"""`presslens eval stories`: grouping articles into stories against labelled stories.

Gold: ``tests/data/stories/gold.jsonl`` (the demo corpus's stories and Wikinews articles that
follow stories over days; see the README beside it). The labelled articles of a split are
analysed together and grouped; B-cubed precision, recall and F1 compare the groups with the
labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language

from presslens.eval.documents import REPO_ROOT
from presslens.eval.scoring import PRF, bcubed
from presslens.stories import group_stories

DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "stories" / "gold.jsonl"


@dataclass(slots=True)
class StoryScores:
    articles: int
    stories: int
    found: int
    bcubed: PRF
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def evaluate_stories(records: list[dict], nlp: Language | None = None,
                     threshold: float | None = None) -> StoryScores:
    from presslens.analysis import analyze
    from presslens.eval.documents import annotated_articles

    articles, kept, missing, stale = annotated_articles(records)
    corpus = analyze(articles, nlp=nlp)
    gold = {article.id: record["story"] for article, record in zip(articles, kept, strict=True)}
    stories = group_stories(corpus.articles) if threshold is None else \
        group_stories(corpus.articles, threshold)
    system = {article_id: story.id for story in stories for article_id in story.articles}
    return StoryScores(len(gold), len(set(gold.values())), len(stories),
                       bcubed(system, gold), missing, stale)
