"""Train the framing models (presslens/models/framing_tokens.json, framing_techniques.json).

Reads the development part of the Propaganda Techniques Corpus in ../shared/data/framing
(article ids not ending in 0 or 5; the held-out part is never read here), parses it with
spaCy's own components, and fits two logistic regressions: a token tagger (is this token
inside a technique's span?) and a span classifier (which technique?). The span threshold
is chosen on a fifth of the development articles held apart for it, then both models are
refitted on all of them. Seeded, so a rerun gives the same weights.

    .venv/bin/python scripts/train_framing.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from presslens.components.framing import assemble_spans, span_features, token_features
from presslens.eval.framing import load_ptc, merged, partial_overlap, ptc_dir
from presslens.learning import LinearClassifier, train
from presslens.nlp import load_pipeline, spacy_components

MODELS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models"
SEED = 13
PRUNE_BELOW = 0.4


def token_examples(articles, docs):
    examples = []
    for article, doc in zip(articles, docs, strict=True):
        spans = merged((s.start, s.end) for s in article.spans)
        for token in doc:
            inside = any(s < token.idx + len(token) and token.idx < e for s, e in spans)
            examples.append((token_features(doc, token.i), "I" if inside else "O"))
    return examples


def span_examples(articles, docs):
    return [(span_features(doc, s.start, s.end), s.label)
            for article, doc in zip(articles, docs, strict=True) for s in article.spans]


def predicted_spans(model: LinearClassifier, doc, threshold: float):
    inside = [model.probabilities(token_features(doc, i)).get("I", 0.0) for i in range(len(doc))]
    return [(doc[first].idx, doc[last].idx + len(doc[last]))
            for first, last in assemble_spans(doc, inside, threshold)]


def main() -> int:
    folder = ptc_dir()
    if folder is None:
        print("../shared/data/framing is not beside the checkout", file=sys.stderr)
        return 1
    articles = load_ptc(folder, "dev")
    nlp = load_pipeline()
    with nlp.select_pipes(enable=spacy_components(nlp)):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    # Choose the tagger's threshold on a fifth of the development articles.
    tune = [i for i in range(len(articles)) if i % 5 == 0]
    fit = [i for i in range(len(articles)) if i % 5 != 0]
    tagger = train(token_examples([articles[i] for i in fit], [docs[i] for i in fit]),
                   epochs=6, min_count=5, seed=SEED)
    best = (0.0, 0.5)
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        sums = [0.0, 0.0, 0, 0]
        for i in tune:
            p, r, ns, ng = partial_overlap(merged(predicted_spans(tagger, docs[i], threshold)),
                                           merged((s.start, s.end) for s in articles[i].spans))
            sums = [sums[0] + p, sums[1] + r, sums[2] + ns, sums[3] + ng]
        precision = sums[0] / sums[2] if sums[2] else 0.0
        recall = sums[1] / sums[3] if sums[3] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"threshold {threshold}: span F1 {f1:.3f} (P {precision:.3f} R {recall:.3f})")
        best = max(best, (f1, threshold))
    tagger = train(token_examples(articles, docs), epochs=6, min_count=5, seed=SEED)
    techniques = train(span_examples(articles, docs), epochs=20, min_count=2, seed=SEED)
    for name, model in (("framing_tokens.json", tagger), ("framing_techniques.json", techniques)):
        # Features whose weights barely move a decision are dropped: the files stay small.
        model.weights = {f: row for f, row in model.weights.items()
                         if max(abs(w) for w in row) >= PRUNE_BELOW}
        data = model.to_dict()
        if name == "framing_tokens.json":
            data["threshold"] = best[1]
        (MODELS / name).write_text(json.dumps(data, separators=(",", ":"), sort_keys=True)
                                   + "\n", encoding="utf-8")
        print(f"{name}: {len(model.weights)} features")
    print(f"span threshold {best[1]} (tuning F1 {best[0]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
