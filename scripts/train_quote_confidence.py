"""Train the quote confidence model (presslens/models/quote_confidence.npz).

Runs the pipeline over the dev split of tests/data/quotes/gold.jsonl (the test split and any
blind set are never read here) and over the first PolNeAR training articles in
../shared/data/quotes, marks each quote it finds right (its content matches an annotated
quote, token F1 >= 0.5, and its speaker is the annotated one: the same actor on our
annotations, a span overlapping the annotated source on PolNeAR, which leaves pronouns
unresolved) or wrong, and fits a scikit-learn logistic regression over the features of
``presslens.components.quotes.confidence.quote_features``, its L2 strength chosen by 5-fold
cross-validation. The cross-validated probabilities of the dev quotes give the reliability
table printed; the default threshold is the lowest confidence at which the quotes at or above
it, dev and PolNeAR together (the rules were written on the dev articles, so dev alone is
optimistic), are at least 90% right. The weights are written as a small JSON file read without
scikit-learn.

    .venv/bin/python scripts/train_quote_confidence.py [POLNEAR_ARTICLES]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from presslens.analysis import analyze
from presslens.components.quotes.confidence import quote_features
from presslens.eval.documents import annotated_articles
from presslens.eval.quotes import (
    load_gold,
    match_spans,
    merged_continuations,
    polnear_dir,
    read_brat,
    reliability,
    same_speaker,
    source_matches,
)
from presslens.ingest import RawArticle
from presslens.learning import LinearClassifier, write_models
from presslens.model import Source
from presslens.nlp import load_pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / \
    "quote_confidence.npz"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
TARGET_PRECISION = 0.90


def gold_examples(nlp) -> list[tuple[list[str], bool]]:
    articles, kept, _, _ = annotated_articles(load_gold(split="dev"))
    corpus = analyze(articles, nlp=nlp)
    by_id = {a.id: a for a in corpus.articles}
    entities = {e.id: e for e in corpus.entities}
    examples = []
    for record in kept:
        analysis = by_id[record["text_id"]]
        gold = record["quotes"]
        right = {i for i, j in match_spans(
            [(q["content"]["start"], q["content"]["end"]) for q in analysis.quotes],
            [(q["content"]["start"], q["content"]["end"]) for q in gold], analysis.text)
            if same_speaker(gold[j]["speaker"], analysis.quotes[i]["speaker"], entities)}
        for i, quote in enumerate(analysis.quotes):
            entity = entities.get(quote["speaker"].get("entity") or "")
            examples.append((quote_features(quote, analysis.text,
                                            entity.type if entity else None), i in right))
    return examples


def polnear_examples(nlp, limit: int) -> list[tuple[list[str], bool]]:
    folder = polnear_dir() / "train"
    if not (folder / "text").is_dir() or limit <= 0:
        return []
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))[:limit]
    articles, gold = [], []
    for name in names:
        annotations = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if annotations:
            articles.append(RawArticle(text=(folder / "text" / f"{name}.txt").read_text(
                encoding="utf-8"), source=Source(path=name)))
            gold.append(read_brat(annotations[0]))
    corpus = analyze(articles, nlp=nlp)
    by_id = {a.id: a for a in corpus.articles}
    entities = {e.id: e for e in corpus.entities}
    examples = []
    for article, relations in zip(articles, gold, strict=True):
        analysis = by_id[article.id]
        quotes, contents = merged_continuations(analysis.quotes)
        right = set()
        for i, j in match_spans(contents, [r.content for r in relations], analysis.text):
            if source_matches(analysis.text, relations[j].source, quotes[i]["speaker"]):
                right.add(i)
        for i, quote in enumerate(quotes):
            entity = entities.get(quote["speaker"].get("entity") or "")
            examples.append((quote_features(quote, analysis.text,
                                            entity.type if entity else None), i in right))
    return examples


def main() -> int:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    nlp = load_pipeline()
    dev = gold_examples(nlp)
    extra = polnear_examples(nlp, limit)
    examples = dev + extra
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in features} for features, _ in examples])
    y = numpy.array([int(right) for _, right in examples])
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=13)
    best = None
    for c in C_GRID:
        probabilities = cross_val_predict(LogisticRegression(C=c, max_iter=2000), x, y,
                                          cv=folds, method="predict_proba")[:, 1]
        loss = -numpy.mean(y * numpy.log(probabilities + 1e-9)
                           + (1 - y) * numpy.log(1 - probabilities + 1e-9))
        print(f"C={c}: cross-validated log loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, probabilities)
    _, c, probabilities = best
    dev_judged = [(float(p), bool(r)) for p, r in zip(probabilities[:len(dev)], y[:len(dev)],
                                                       strict=True)]
    print(f"chosen C={c}; {len(dev)} dev quotes ({sum(y[:len(dev)])} right), "
          f"{len(extra)} PolNeAR quotes ({sum(y[len(dev):])} right)")
    for band, count, right in reliability(dev_judged):
        print(f"  dev {band:>16}  {count:4d} quotes  {right:.3f} right")
    pooled = [(float(p), bool(r)) for p, r in zip(probabilities, y, strict=True)]
    for band, count, right in reliability(pooled):
        print(f"  all {band:>16}  {count:4d} quotes  {right:.3f} right")
    # The rules were written on the dev articles, so their quotes are right more often than
    # an unseen article's: the threshold is read off all the cross-validated quotes, dev and
    # PolNeAR training articles together.
    threshold = 0.0
    for candidate in numpy.arange(0.0, 1.0, 0.05):
        shown = [r for p, r in pooled if p >= candidate]
        if shown and sum(shown) / len(shown) >= TARGET_PRECISION:
            threshold = float(round(candidate, 2))
            break
    print(f"default threshold {threshold}")
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    names = vectorizer.get_feature_names_out()
    # Two-class softmax with the second class at zero: the sigmoid of the fitted score.
    classifier = LinearClassifier(
        ["right", "wrong"],
        {str(name): [round(float(w), 4), 0.0]
         for name, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-4},
        [round(float(model.intercept_[0]), 4), 0.0])
    write_models(OUT, {"": classifier},
                 {"threshold": threshold, "C": c,
                  "trained_on": {"dev_quotes": len(dev), "polnear_train_quotes": len(extra)}},
                 weight_decimals=4)
    print(f"wrote {OUT} ({len(classifier.weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
