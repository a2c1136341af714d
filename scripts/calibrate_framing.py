"""Calibrate the framing flags' confidence and choose the threshold the faces show them from.

Reads only development data: the development split of ``tests/data/framing`` (gold.jsonl and
labels.jsonl) and PTC articles of the development part (ids not ending in 0 or 5). Every
outlet-voice flag is judged by the compatible-kind rule of ``presslens.eval.outlet_voice``.
A flag's confidence is the share of right flags of its bucket (its rule; for a learned
technique, its technique and band of the model's score), pulled towards its label's share and
that towards the share of all flags (``PRIOR_WEIGHT`` pseudo-flags each), so a bucket with few
flags is not trusted on a few lucky hits. The threshold is the lowest confidence at which the
flags shown, with confidences from tables fitted without their own article (leave one article
out), were right at least ``TARGET_PRECISION`` of the time, as they were at every higher
threshold. Writes
``src/presslens/models/framing_confidence.json``. The flags are those the rules raise before
the gate of ``scripts/train_framing_gate.py`` rescores them: run that script after this one.

    PYTHONPATH=src .venv/bin/python scripts/calibrate_framing.py [--ptc-articles 60]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from presslens.components.framing.confidence import confidence_bucket
from presslens.eval.outlet_voice import JudgedFlag, judged_development_flags

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "presslens" / "models" / \
    "framing_confidence.json"
PRIOR_WEIGHT = 8.0
TARGET_PRECISION = 0.75
MIN_SHOWN = 10
SCORE_BANDS = [0.4, 0.6]
CHECK_POINTS = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]


def bucket_of(flag: JudgedFlag) -> str:
    return confidence_bucket({"label": flag.label, "basis": flag.basis, "score": flag.score},
                             SCORE_BANDS)


def fit(flags: list[JudgedFlag]) -> dict:
    """The calibration table of ``flags`` (judged ones only)."""
    judged = [f for f in flags if f.right is not None]
    overall = (sum(f.right for f in judged) + 1) / (len(judged) + 2)
    by_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_bucket: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    labels_of: dict[str, str] = {}
    for flag in judged:
        for table, key in ((by_label, flag.label), (by_bucket, bucket_of(flag))):
            table[key][0] += flag.right
            table[key][1] += 1
        labels_of[bucket_of(flag)] = flag.label
    labels = {label: (right + PRIOR_WEIGHT * overall) / (count + PRIOR_WEIGHT)
              for label, (right, count) in by_label.items()}
    # Rules whose figures depend on the kind of article (a claim in a calm report or in
    # commentary) are pooled per label and kind of article as well; a rule goes to its pool.
    by_band: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for flag in judged:
        band = bucket_of(flag).partition("|")[2]
        if band:
            by_band[f"{flag.label}|{band}"][0] += flag.right
            by_band[f"{flag.label}|{band}"][1] += 1
    bands = {key: (right + PRIOR_WEIGHT * labels[key.partition("|")[0]]) /
             (count + PRIOR_WEIGHT) for key, (right, count) in by_band.items()}

    def prior(bucket: str) -> float:
        band = bucket.partition("|")[2]
        label = labels_of[bucket]
        return bands[f"{label}|{band}"] if band else labels[label]

    buckets = {bucket: (right + PRIOR_WEIGHT * prior(bucket)) / (count + PRIOR_WEIGHT)
               for bucket, (right, count) in by_bucket.items()}
    return {"buckets": {k: round(v, 3) for k, v in sorted(buckets.items())},
            "bands": {k: round(v, 3) for k, v in sorted(bands.items())},
            "labels": {k: round(v, 3) for k, v in sorted(labels.items())},
            "overall": round(overall, 3), "score_bands": SCORE_BANDS,
            "counts": {k: v for k, v in sorted(by_bucket.items())}}


def cross_validated(flags: list[JudgedFlag]) -> list[tuple[float, bool]]:
    """Each judged flag's confidence from a table fitted without its article."""
    from presslens.components.framing.confidence import confidence_of

    result = []
    for doc in sorted({f.doc for f in flags}):
        table = fit([f for f in flags if f.doc != doc])
        for flag in flags:
            if flag.doc == doc and flag.right is not None:
                record = {"label": flag.label, "basis": flag.basis, "score": flag.score}
                result.append((confidence_of(record, table), flag.right))
    return result


def precision_from(pairs: list[tuple[float, bool]], threshold: float) -> tuple[float, int]:
    shown = [right for confidence, right in pairs if confidence >= threshold]
    return (sum(shown) / len(shown) if shown else 0.0), len(shown)


def ungated_pipeline() -> Any:
    """The pipeline with the framing gate switched off: the table calibrates the rules'
    flags as they raise them; ``scripts/train_framing_gate.py``, run after this script,
    rescores some of them."""
    from dataclasses import replace

    from presslens.components.framing.techniques import shipped_models
    from presslens.nlp import load_pipeline

    nlp = load_pipeline()
    nlp.get_pipe("presslens_framing").models = replace(shipped_models(), gate=None)
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ptc-articles", type=int, default=60)
    args = parser.parse_args()
    flags = judged_development_flags("dev", ungated_pipeline(), args.ptc_articles)
    pairs = cross_validated(flags)
    # The lowest confidence from which every higher threshold (with enough flags to tell)
    # keeps the target too: precision is not monotone in the threshold on a few articles.
    candidates = sorted({c for c, _ in pairs})
    threshold = 1.0
    for candidate in reversed(candidates):
        precision, shown = precision_from(pairs, candidate)
        if shown < MIN_SHOWN:
            continue
        if precision < TARGET_PRECISION:
            break
        threshold = candidate
    table = fit(flags)
    table["threshold"] = threshold
    table["cross_validation"] = {
        f"{point:g}": dict(zip(("precision", "flags"),
                               (round(v, 3) for v in precision_from(pairs, point)), strict=True))
        for point in sorted({*CHECK_POINTS, threshold})}
    table["data"] = {"articles": len({f.doc for f in flags}),
                     "judged_flags": sum(f.right is not None for f in flags),
                     "ptc_articles": args.ptc_articles}
    OUTPUT.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: table[k] for k in ("threshold", "cross_validation", "data")},
                     indent=1))


if __name__ == "__main__":
    main()
