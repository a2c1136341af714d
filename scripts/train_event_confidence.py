"""Train the event confidence model (presslens/models/event_confidence.npz).

Codes the development articles of tests/data/events/gold.jsonl (the test split and any blind
set are never read here), judges every coded event against the gold (a gold event whose
trigger overlaps, of the same type, with the same actors and targets: right; else wrong),
and fits a logistic regression from the coder's facts about each event to that judgement.
Its scores are calibrated by an isotonic regression fitted on out-of-fold scores (folds by
article, so an article's events never score themselves), made monotone and shrunk toward
the base rate where a bin holds few events, so that the shipped confidence does not promise
more than the held-out folds gave.

    .venv/bin/python scripts/train_event_confidence.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from presslens.eval.documents import annotated_articles, load_annotations
from presslens.eval.events import (
    DEFAULT_GOLD,
    _overlaps,
    choose_event,
    events_dir,
    judge_events,
    load_coded_sentences,
    scored_type,
)
from presslens.event_confidence import (
    FEATURE_NAMES,
    ConfidenceModel,
    confidence_features,
)
from presslens.nlp import load_pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / \
    "event_confidence.npz"
C_GRID = (0.03, 0.1, 0.3, 1.0)
# Pseudo-events at the base rate added to each calibration bin: a bin of three events that
# were all right says less than one of thirty.
PRIOR_WEIGHT = 4.0
SENTENCE_WEIGHT = 0.3
TARGET_PRECISION = 0.80
# A share right measured on fewer events than this, about one per development article, is
# too uncertain to choose the default threshold by.
MIN_SHOWN = 20


def examples(nlp) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, right, article index) of every event coded in the dev articles."""
    records = load_annotations(DEFAULT_GOLD, "dev")
    judged = judge_events(records, nlp)
    right = {(j.article_id, j.record["trigger"]["start"], j.record["type"]): j.right
             for j in judged.judged}
    articles, _kept, _missing, _stale = annotated_articles(records)
    rows, labels, groups = [], [], []
    for number, (doc, article) in enumerate(
            nlp.pipe(((a.text, a) for a in articles), as_tuples=True)):
        for event in doc._.events:
            key = (article.id, event["trigger"]["start"], event["type"])
            if key not in right:
                raise SystemExit(f"event {key} was coded differently by the analysis")
            rows.append(confidence_features(event["_confidence_facts"]))
            labels.append(right[key])
            groups.append(number)
    return np.array(rows), np.array(labels, dtype=float), np.array(groups)


def sentence_examples(nlp) -> tuple[np.ndarray, np.ndarray]:
    """(features, right) of the event each development PLOVER sentence's marked actor and
    target take part in: right when its type is the gold's and its actor and target
    phrases overlap the marked ones. The sentences' other events are not judged."""
    folder = events_dir()
    if folder is None:
        return np.zeros((0, len(FEATURE_NAMES))), np.zeros(0)
    sentences = load_coded_sentences(folder, "dev")
    rows, labels = [], []
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        chosen = choose_event(list(doc._.events), sentence)
        if chosen is None:
            continue
        rows.append(confidence_features(chosen["_confidence_facts"]))
        labels.append(scored_type(chosen["type"]) == sentence.type
                      and _overlaps(chosen.get("_actor_span"), sentence.source)
                      and _overlaps(chosen.get("_target_span"), sentence.target))
    return np.array(rows), np.array(labels, dtype=float)


def fit(features: np.ndarray, labels: np.ndarray, extra: tuple[np.ndarray, np.ndarray],
        c: float) -> LogisticRegression:
    """A regression on the articles' events and the sentences' (which count for less: they
    are single sentences from another kind of text)."""
    weights = np.concatenate([np.ones(len(labels)), np.full(len(extra[1]), SENTENCE_WEIGHT)])
    return LogisticRegression(C=c, max_iter=2000).fit(
        np.vstack([features, extra[0]]), np.concatenate([labels, extra[1]]),
        sample_weight=weights)


def out_of_fold(features: np.ndarray, labels: np.ndarray, groups: np.ndarray, c: float,
                extra: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    scores = np.zeros(len(labels))
    for group in np.unique(groups):
        held = groups == group
        model = fit(features[~held], labels[~held], extra, c)
        scores[held] = model.predict_proba(features[held])[:, 1]
    return scores


def log_loss(scores: np.ndarray, labels: np.ndarray) -> float:
    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    return float(-np.mean(labels * np.log(clipped) + (1 - labels) * np.log(1 - clipped)))


def shrunk_calibration(scores: np.ndarray, labels: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
    """An isotonic map from score to share right, each step pulled toward the base rate
    by ``PRIOR_WEIGHT`` pseudo-events, as (x, y) knots for linear interpolation."""
    isotonic = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    fitted = isotonic.fit_transform(scores, labels)
    base = labels.mean()
    knots_x, knots_y = [], []
    for value in np.unique(fitted):
        members = fitted == value
        count = members.sum()
        shrunk = (labels[members].sum() + PRIOR_WEIGHT * base) / (count + PRIOR_WEIGHT)
        knots_x.extend([scores[members].min(), scores[members].max()])
        knots_y.extend([shrunk, shrunk])
    order = np.argsort(knots_x, kind="stable")
    x, y = np.array(knots_x)[order], np.maximum.accumulate(np.array(knots_y)[order])
    return x, y


def default_threshold(confidence: np.ndarray, labels: np.ndarray) -> float:
    """The lowest confidence at which the events shown (at least ``MIN_SHOWN``) are
    ``TARGET_PRECISION`` right out of fold; where no confidence reaches it, the one whose
    events are most often right."""
    candidates = sorted(set(np.round(confidence, 2)))
    best, best_precision = candidates[-1], -1.0
    for value in candidates:
        shown = labels[confidence >= value]
        if len(shown) < MIN_SHOWN:
            break
        if shown.mean() >= TARGET_PRECISION:
            return float(value)
        if shown.mean() > best_precision:
            best, best_precision = value, shown.mean()
    return float(best)


def main() -> int:
    nlp = load_pipeline()
    features, labels, groups = examples(nlp)
    if labels.sum() < 5:
        print("too few right events in the dev articles to train on", file=sys.stderr)
        return 1
    print(f"{len(labels)} events, {int(labels.sum())} right, {len(np.unique(groups))} articles")
    extra = sentence_examples(nlp)
    print(f"{len(extra[1])} PLOVER sentences, {int(extra[1].sum())} right")
    best_c, best_loss = C_GRID[0], float("inf")
    for c in C_GRID:
        loss = log_loss(out_of_fold(features, labels, groups, c, extra), labels)
        print(f"C={c:g}: out-of-fold log loss {loss:.4f}")
        if loss < best_loss:
            best_c, best_loss = c, loss
    scores = out_of_fold(features, labels, groups, best_c, extra)
    ranked = labels[np.argsort(-scores, kind="stable")]
    print("out-of-fold share right of the best-scored events: " + ", ".join(
        f"top {k} {ranked[:k].mean():.3f}" for k in (25, 50, 100, 200) if k <= len(ranked)))
    x, y = shrunk_calibration(scores, labels)
    final = fit(features, labels, extra, best_c)
    model = ConfidenceModel(final.coef_[0].astype(float), float(final.intercept_[0]), x, y)
    held_out = np.array([model.calibrated(s) for s in scores])
    model.threshold = default_threshold(held_out, labels)
    print(f"default threshold {model.threshold:.2f}: out-of-fold precision "
          f"{labels[held_out >= model.threshold].mean():.3f} of "
          f"{int((held_out >= model.threshold).sum())} events")
    model.save(OUT)
    for name, weight in sorted(zip(FEATURE_NAMES, final.coef_[0], strict=True),
                               key=lambda p: -abs(p[1]))[:10]:
        print(f"  {name:<20} {weight:+.3f}")
    print(f"C={best_c:g}, {len(x) // 2} calibration steps -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
