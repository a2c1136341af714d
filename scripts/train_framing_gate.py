"""Train the gate that rescores the framing rules' outlet-voice flags (scare quotes, weasel
attributions, unattributed claims) from the shape of their sentence.

Examples: every outlet-voice flag of these rules on the development split of
``tests/data/framing``, right or wrong by the compatible-kind rule of
``presslens.eval.outlet_voice``, and every outlet-voice flag of them on the neutral
development set (``neutral_development_articles``: the Wikinews reports that are neither the
100 controls nor in any blind set), each a wrong one, as a neutral report frames nothing in
its own voice. The controls, the test split and the blind sets are never read. A logistic
regression (scikit-learn, L2 strength by cross-validation over articles) is fitted on the
features of ``presslens.components.framing.gate``; its out-of-fold scores are mapped to the
share right by an isotonic regression whose steps are pulled towards the base rate, and that
map is the flag's confidence. The script also reports the figures of the whole pipeline
(the calibration table's confidence for the other flags) by nested cross-validation: dev
precision at the default threshold, the neutral development rate and whether the confidence
is honest (of the flags at or above c, at least c right).

    PYTHONPATH=src .venv/bin/python scripts/train_framing_gate.py [--cache flags.json]

Writes ``src/presslens/models/framing_gate.npz``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from presslens.components.framing.confidence import default_min_confidence
from presslens.components.framing.gate import (
    GATE_MODEL,
    GATED_LABELS,
    MODEL_LABELS,
    UNGATED_BASES,
    gated_flags,
    interpolate,
    plain_hedge,
)
from presslens.components.framing.techniques import shipped_models, tagger_probabilities
from presslens.eval.outlet_voice import (
    development_gold,
    flag_is_right,
    flag_kind,
    neutral_development_articles,
    ptc_development_gold,
)
from presslens.learning import LinearClassifier, write_models

MODELS = Path(__file__).resolve().parent.parent / "src" / "presslens" / "models"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
PRIOR_WEIGHT = 4.0
# The share of the (weighted) examples that come from neutral reports.
NEUTRAL_SHARE = 1 / 3
CHECK_POINTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def collect(ptc_articles: int) -> list[dict[str, Any]]:
    """Every outlet-voice flag of the development articles and the neutral development set:
    its article, source, label, basis, the calibration table's confidence, whether it is
    right (None: not judged) and, for the gated rules, the gate's features."""
    from presslens.analysis import document_for
    from presslens.eval.documents import load_document
    from presslens.nlp import load_pipeline

    nlp = load_pipeline()
    # The flags are read as the rules and the table give them, not as a shipped gate would.
    nlp.get_pipe("presslens_framing").models = replace(shipped_models(), gate=None)
    gold = development_gold("dev")
    annotated = set(gold)
    gold.update(ptc_development_gold(ptc_articles, annotated))
    items: list[tuple[str, str, Any, Any]] = []
    for ref, (spans, kinds) in gold.items():
        article = load_document(ref)
        if article is not None:
            # "dev": annotated for the rules; "ptc": only PTC's techniques.
            items.append((ref, "dev" if ref in annotated else "ptc", article, (spans, kinds)))
    for article in neutral_development_articles():
        items.append((article.source.url or article.id, "neutral", article, None))
    flags: list[dict[str, Any]] = []
    for number, (ref, source, article, judged) in enumerate(items, 1):
        doc = nlp(document_for(nlp, article))
        records = doc._.framing or []
        inside = tagger_probabilities(doc, shipped_models())
        features = {id(record): f for record, f in gated_flags(doc, records, inside)}
        words = len(article.text.split())
        before = len(flags)
        for record in records:
            if record.get("voice") != "outlet":
                continue
            if judged is None:
                right: bool | None = False
            else:
                spans, kinds = judged
                kind = flag_kind(record["label"])
                known = kind in kinds or record["label"] in kinds
                right = flag_is_right(record, spans) if known else None
            flags.append({"doc": ref, "source": source, "label": record["label"],
                          "basis": record.get("basis") or record["label"],
                          "confidence": float(record.get("confidence") or 0.0),
                          "right": right, "features": features.get(id(record)),
                          "words": words, "text": record["text"][:300]})
        if len(flags) == before:  # an article with no flag still counts its words
            flags.append({"doc": ref, "source": source, "label": None, "basis": None,
                          "confidence": 0.0, "right": None, "features": None,
                          "words": words})
        if number % 20 == 0:
            print(f"  {number}/{len(items)} articles read", flush=True)
    return flags


def fit(rows: list[dict[str, int]], labels: np.ndarray, weights: np.ndarray, c: float
        ) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, labels, sample_weight=weights)
    return vectorizer, model


@dataclass(slots=True)
class Examples:
    """Judged flags as rows of features, labels, weights and article groups."""

    flags: list[dict[str, Any]]
    rows: list[dict[str, int]]
    labels: np.ndarray
    weights: np.ndarray
    groups: np.ndarray

    @classmethod
    def of(cls, flags: list[dict[str, Any]]) -> Examples:
        neutral = np.array([f["source"] == "neutral" for f in flags])
        # The neutral flags weigh as much in all as the development flags: the confidence is
        # that of a stream where half of what the rules raise comes from plain reports.
        ratio = (len(flags) - neutral.sum()) / max(1, neutral.sum())
        return cls(flags, [{feature: 1 for feature in f["features"]} for f in flags],
                   np.array([float(f["right"]) for f in flags]),
                   np.where(neutral, NEUTRAL_SHARE / (1 - NEUTRAL_SHARE) * ratio, 1.0),
                   np.array([f["doc"] for f in flags]))

    def part(self, index: np.ndarray) -> Examples:
        return Examples.of([self.flags[i] for i in index])


def out_of_fold(data: Examples, c: float) -> np.ndarray:
    scores = np.zeros(len(data.labels))
    for train, held in GroupKFold(n_splits=FOLDS).split(data.rows, data.labels, data.groups):
        vectorizer, model = fit([data.rows[i] for i in train], data.labels[train],
                                data.weights[train], c)
        scores[held] = model.predict_proba(
            vectorizer.transform([data.rows[i] for i in held]))[:, 1]
    return scores


def log_loss(scores: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> float:
    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    losses = labels * np.log(clipped) + (1 - labels) * np.log(1 - clipped)
    return float(-np.sum(weights * losses) / np.sum(weights))


def shrunk_calibration(scores: np.ndarray, labels: np.ndarray, weights: np.ndarray
                       ) -> tuple[list[float], list[float]]:
    """An isotonic map from score to (weighted) share right, each step pulled toward the
    base rate by ``PRIOR_WEIGHT`` pseudo-flags, as (x, y) knots for linear interpolation."""
    isotonic = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    fitted = isotonic.fit_transform(scores, labels, sample_weight=weights)
    base = float(np.sum(weights * labels) / np.sum(weights))
    knots_x, knots_y = [], []
    for value in np.unique(fitted):
        members = fitted == value
        right = float(np.sum(weights[members] * labels[members]))
        shrunk = (right + PRIOR_WEIGHT * base) / (float(np.sum(weights[members])) + PRIOR_WEIGHT)
        knots_x += [float(scores[members].min()), float(scores[members].max())]
        knots_y += [shrunk, shrunk]
    order = np.argsort(knots_x, kind="stable")
    x = [knots_x[i] for i in order]
    y = np.maximum.accumulate(np.array(knots_y)[order]).tolist()
    return [round(v, 4) for v in x], [round(v, 4) for v in y]


def plain_hedge_confidence(flags: list[dict[str, Any]]) -> float:
    """The weighted share right of plain hedges (``gate.plain_hedge``), pulled towards the
    share of all weasel flags by ``PRIOR_WEIGHT`` pseudo-flags."""
    if not flags:
        return 0.0
    data = Examples.of(flags)
    plain = np.array([plain_hedge(f["features"]) for f in flags])
    base = float(np.sum(data.weights * data.labels) / np.sum(data.weights))
    right = float(np.sum(data.weights[plain] * data.labels[plain]))
    return (right + PRIOR_WEIGHT * base) / (float(np.sum(data.weights[plain])) + PRIOR_WEIGHT)


def train(data: Examples) -> tuple[LinearClassifier, list[float], list[float], float]:
    """The gate fitted on ``data`` (judged claim and scare-quote flags), its knots and C."""
    losses = {c: log_loss(out_of_fold(data, c), data.labels, data.weights) for c in C_GRID}
    c = min(losses, key=lambda value: losses[value])
    knots_x, knots_y = shrunk_calibration(out_of_fold(data, c), data.labels, data.weights)
    vectorizer, model = fit(data.rows, data.labels, data.weights, c)
    weights = {name: [float(w), 0.0] for name, w
               in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 5e-4}
    return (LinearClassifier(["right", "wrong"], weights, [float(model.intercept_[0]), 0.0]),
            knots_x, knots_y, c)


def nested(modelled: list[dict[str, Any]], hedges: list[dict[str, Any]]
           ) -> dict[int, float]:
    """Each judged gated flag's confidence (by ``id``) from its label's gate trained without
    its article's fold, its C and calibration chosen inside the other folds; a weasel flag
    keeps the table's confidence unless it is a plain hedge."""
    result: dict[int, float] = {}
    for label in MODEL_LABELS:
        flags = [f for f in modelled if f["label"] == label]
        data = Examples.of(flags)
        for train_part, held in GroupKFold(n_splits=FOLDS).split(data.rows, data.labels,
                                                                 data.groups):
            gate, x, y, _ = train(data.part(train_part))
            for i in held:
                score = gate.probabilities(flags[i]["features"])["right"]
                result[id(flags[i])] = interpolate(score, x, y)
    docs = sorted({f["doc"] for f in hedges})
    for fold in range(FOLDS):
        held_docs = set(docs[fold::FOLDS])
        value = plain_hedge_confidence([f for f in hedges if f["doc"] not in held_docs])
        for flag in hedges:
            if flag["doc"] in held_docs and plain_hedge(flag["features"]):
                result[id(flag)] = value
    return result


def report(flags: list[dict[str, Any]], cross: dict[int, float],
           threshold: float) -> dict[str, Any]:
    """Dev precision and the neutral development rate at ``threshold`` before and after, each
    gated flag at its nested cross-validated confidence, the others at the table's; and of
    the gated development flags at or above each confidence, how many were right."""

    def after(flag: dict[str, Any]) -> float:
        return cross.get(id(flag), flag["confidence"]) if flag["label"] else 0.0

    dev = [f for f in flags if f["source"] == "dev" and f["right"] is not None and f["label"]]
    words = sum({f["doc"]: f["words"] for f in flags if f["source"] == "neutral"}.values())
    out: dict[str, Any] = {}
    for name, value in (("before", lambda f: f["confidence"]), ("after", after)):
        shown = [f for f in dev if value(f) >= threshold]
        neutral = [f for f in flags if f["source"] == "neutral" and f["label"]
                   and value(f) >= threshold]
        per_kind: dict[str, list[int]] = {}
        for f in shown:
            tally = per_kind.setdefault(f["label"], [0, 0])
            tally[0] += f["right"]
            tally[1] += 1
        per_label: dict[str, int] = {}
        for f in neutral:
            per_label[f["label"]] = per_label.get(f["label"], 0) + 1
        out[name] = {"dev_precision": f"{sum(f['right'] for f in shown)}/{len(shown)}",
                     "dev_per_kind": {k: f"{r}/{n}" for k, (r, n) in sorted(per_kind.items())},
                     "neutral_per_1000": round(1000 * len(neutral) / max(words, 1), 2),
                     "neutral_flags": per_label}
    gated_dev = [(cross[id(f)], f["right"]) for f in dev if id(f) in cross]
    out["gated_dev_flags_at_or_above"] = {
        f"{point:g}": f"{sum(r for v, r in gated_dev if v >= point)}/"
                      f"{sum(1 for v, _ in gated_dev if v >= point)}"
        for point in sorted({*CHECK_POINTS, round(threshold, 3)})}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ptc-articles", type=int, default=60)
    parser.add_argument("--cache", type=Path, help="read the flags from / write them to "
                        "this JSON file, so that a second run needs no parsing")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        flags = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        flags = collect(args.ptc_articles)
        if args.cache:
            args.cache.write_text(json.dumps(flags), encoding="utf-8")
    judged = [f for f in flags if f["label"] in GATED_LABELS and f["right"] is not None
              and f["features"] is not None]
    modelled = [f for f in judged if f["label"] in MODEL_LABELS
                and f["basis"] not in UNGATED_BASES]
    hedges = [f for f in judged if f["label"] == "weasel_attribution"]
    print(f"{len(modelled)} judged claim and scare-quote flags, "
          f"{sum(f['right'] for f in modelled)} right, "
          f"{sum(f['source'] == 'neutral' for f in modelled)} from neutral reports; "
          f"{len(hedges)} weasel flags, {sum(plain_hedge(f['features']) for f in hedges)} "
          f"plain hedges")
    cross = nested(modelled, hedges)
    figures = report(flags, cross, default_min_confidence())
    print(json.dumps(figures, indent=1))
    models, knots, strengths = {}, {}, {}
    for label in sorted(MODEL_LABELS):
        gate, knots_x, knots_y, c = train(Examples.of([f for f in modelled
                                                       if f["label"] == label]))
        models[label], knots[label], strengths[label] = gate, (knots_x, knots_y), c
        print(f"{label}: C={c}, {len(gate.weights)} weights")
    plain = plain_hedge_confidence(hedges)
    write_models(MODELS / GATE_MODEL, models, {
        "knots": knots, "C": strengths, "plain_hedge": round(plain, 3),
        "neutral_share": round(NEUTRAL_SHARE, 3), "examples": len(modelled),
        "cross_validation": figures["gated_dev_flags_at_or_above"],
        "nested_figures": {k: figures["after"][k] for k in ("dev_precision",
                                                            "neutral_per_1000")},
        "right": int(sum(f["right"] for f in modelled)),
        "articles": len({f["doc"] for f in modelled})})
    print(f"plain hedge {plain:.3f}; written to {MODELS / GATE_MODEL}")


if __name__ == "__main__":
    main()
