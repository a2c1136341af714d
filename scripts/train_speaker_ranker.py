"""Train the speaker ranker (presslens/models/speaker_ranker.npz).

The quote component lists, for each quote whose speaker is a pronoun or a definite
description, the actors it may point back to, each with its features
(``presslens.components.quotes.speaker_ranker.speaker_candidates``). Examples come from:

- real ones: those quotes in the dev split of tests/data/quotes/gold.jsonl (the test split
  and any blind set are never read), a candidate right when it is the annotated speaker;
- hidden names: quotes whose speaker is a name in the cue's subject and right (the annotated
  speaker on our articles; a span overlapping the annotated source in the first PolNeAR
  training articles, ../shared/data/quotes/polnear/train, never its dev part), listed as if
  the name were not there, its own mention left out;
- names written as pronouns: the same articles parsed again with each such bare name ("Ruiz
  said") written "he" or "she" where the name was given before; the rules resolve the
  pronoun as they would in any article, so these show where the rules and the ranker differ.
  PolNeAR leaves pronoun sources unresolved, so this is how it can teach the ranker.

A scikit-learn logistic regression scores each candidate; the rules' own choice is one of
its features. Its L2 strength is chosen by 5-fold cross-validation (the folds split the
articles) on the accuracy of the best-scored candidate. The cross-validated scores of the
examples where the rules chose fix when the ranker may overrule them: ``margin`` (how much
likelier its choice must be than the rules' antecedent) and ``floor`` (how likely its choice
must be where the rules found none), the most speakers right, ties to the most cautious.
The weights are written as a NumPy archive (``presslens.learning.write_models``).
Deterministic: the same data give the same file.

    .venv/bin/python scripts/train_speaker_ranker.py [POLNEAR_ARTICLES] [--cache DIR]
        [--report-polnear-dev]

POLNEAR_ARTICLES defaults to 300. ``--cache DIR`` keeps what each parse gave, keyed by the
text, for the next run. ``--report-polnear-dev`` also scores the rules and the fitted ranker on
PolNeAR's dev articles with their names written as pronouns in the same way: held out,
never fitted on.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from presslens.analysis import document_for
from presslens.components.quotes.speaker_ranker import RANKINGS_KEY, model_features
from presslens.eval.documents import annotated_articles
from presslens.eval.quotes import load_gold, match_spans, polnear_dir, read_brat
from presslens.ingest import RawArticle
from presslens.learning import LinearClassifier, write_models
from presslens.model import Source
from presslens.nlp import load_pipeline
from presslens.resolve.entities import mention_key

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / "speaker_ranker.npz"
C_GRID = (0.03, 0.1, 0.3, 1.0)
FOLDS = 5
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01)
FLOORS = (0.3, 0.5, 0.7, 0.9, 1.01)
# Bump when the candidates or their features change, so that a cache is not reused.
FEATURES_VERSION = "2"


# An example: (document group, candidate features, the right candidates — None standing for
# "no antecedent" where the speaker is unnamed —, the rules' candidate, whether the rules
# chose for this very phrase: real pronouns and descriptions, and names written as pronouns).
Example = tuple[str, list[list[str]], set[int | None], int | None, bool]
# An article with names written as pronouns: (document group, the article, the contents of the
# quotes they speak with their annotated speaker).
Hidden = tuple[str, RawArticle, list[tuple[tuple[int, int], str]]]


def _names_cluster(name: str, cluster: Any) -> bool:
    """Whether an annotated speaker name names this entity cluster (any spelling, or a
    person's surname), as ``eval.quotes.names_actor`` does for corpus actors."""
    wanted = mention_key(name, "PERSON")
    if not wanted:
        return False
    last = wanted.split()[-1]
    keys = {mention_key(m.text, cluster.type) for m in cluster.mentions} | \
        {mention_key(m.text, "PERSON") for m in cluster.mentions} | \
        {mention_key(cluster.name, "PERSON")}
    return wanted in keys or (len(last) > 3 and any(k.split()[-1:] == [last] for k in keys if k))


def _parsed(nlp, articles: list[RawArticle], cache: Path | None) -> list[dict[str, Any]]:
    """For each article: its rankings, its quotes' speaker spans and its clusters' names
    and mentions — all the training reads, cached by text when ``cache`` is given."""
    results: list[dict[str, Any] | None] = []
    todo = []
    for article in articles:
        key = hashlib.sha256((FEATURES_VERSION + article.text).encode()).hexdigest()[:20]
        path = cache / f"{key}.pkl" if cache else None
        if path is not None and path.is_file():
            results.append(pickle.loads(path.read_bytes()))
        else:
            results.append(None)
            todo.append((len(results) - 1, article, path))
    if not todo:
        return results  # type: ignore[return-value]
    stream = ((document_for(nlp, article), (i, path)) for i, article, path in todo)
    for doc, (i, path) in nlp.pipe(stream, as_tuples=True, batch_size=8):
        clusters = [{"name": c.name, "type": c.type,
                     "mentions": [m.text for m in c.mentions]} for c in doc._.entity_clusters]
        found = {"rankings": doc.user_data.get(RANKINGS_KEY, []), "clusters": clusters,
                 "speakers": {(q["content"]["start"], q["content"]["end"]):
                              (q["speaker"].get("start"), q["speaker"].get("end"))
                              for q in doc._.quotes}}
        results[i] = found
        if path is not None:
            path.write_bytes(pickle.dumps(found))
    return results  # type: ignore[return-value]


class _Cluster:
    def __init__(self, data: dict[str, Any]) -> None:
        self.name, self.type = data["name"], data["type"]
        self.mentions = [_Text(t) for t in data["mentions"]]


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


def _positives(candidates: list, clusters: list[_Cluster], names: list[str]
               ) -> set[int | None]:
    """The candidates that are the annotated speaker; for an unnamed one, an earlier
    unnamed speaker or no antecedent at all (None)."""
    if not names:
        return {None} | {j for j, (c, _) in enumerate(candidates) if c is None}
    return {j for j, (c, _) in enumerate(candidates)
            if c is not None and _names_cluster(names[0], clusters[c])}


def gold_examples(nlp, cache: Path | None) -> tuple[list[Example], list[Hidden]]:
    articles, kept, _, _ = annotated_articles(load_gold(split="dev"))
    examples: list[Example] = []
    hidden: list[Hidden] = []
    for article, record, parsed in zip(articles, kept, _parsed(nlp, articles, cache),
                                       strict=True):
        clusters = [_Cluster(c) for c in parsed["clusters"]]
        rankings = parsed["rankings"]
        gold = record["quotes"]
        matches = dict(match_spans([tuple(r["content"]) for r in rankings],
                                   [(q["content"]["start"], q["content"]["end"]) for q in gold],
                                   article.text))
        confirmed = []
        for i, ranking in enumerate(rankings):
            if i not in matches:
                continue
            names = [n.strip() for n in (gold[matches[i]]["speaker"].get("name") or "")
                     .split("&") if n.strip()]
            candidates = ranking["candidates"]
            if ranking["masked"]:
                truth = ranking["truth"]
                if not names or not _names_cluster(names[0], clusters[truth]):
                    continue  # the rules' own speaker is wrong here: no hidden-name example
                positives: set[int | None] = {
                    j for j, (c, _) in enumerate(candidates) if c == truth}
                confirmed.append((ranking, names[0]))
                examples.append((article.id, [f for _, f in candidates], positives, None,
                                 False))
            else:
                examples.append((article.id, [f for _, f in candidates],
                                 _positives(candidates, clusters, names), ranking["rule"], True))
        hidden += _hideable(article, confirmed)
    return examples, hidden


def _hideable(article: RawArticle, confirmed: list[tuple[dict[str, Any], str]]) -> list[Hidden]:
    """The article with each bare name that speaks, and was named before, written as "he"
    or "she" instead; and where each such quote's content now stands."""
    chosen = sorted(
        ((ranking, name) for ranking, name in confirmed
         if ranking["bare"] and ranking["kind"] in ("he", "she") and any(
             c == ranking["truth"] for c, _ in ranking["candidates"])),
        key=lambda item: item[0]["speaker"][0])
    if not chosen:
        return []
    text, pieces, at, shifts = article.text, [], 0, []
    for ranking, _ in chosen:
        start, end = ranking["speaker"]
        if start < at:
            continue
        before = text[:start].rstrip(" ")
        pronoun = ranking["kind"]
        if not before or before[-1] in ".!?\n\"“”":
            pronoun = pronoun.capitalize()
        pieces += [text[at:start], pronoun]
        shifts.append((start, end, len(pronoun) - (end - start)))
        at = end
    pieces.append(text[at:])
    new_text = "".join(pieces)

    def moved(offset: int) -> int:
        return offset + sum(delta for start, _, delta in shifts if start < offset)

    spans = []
    for ranking, name in chosen:
        start, end = ranking["content"]
        if any(start < s < end for s, _, _ in shifts):
            continue
        spans.append(((moved(start), moved(end)), name))
    return [(article.id, RawArticle(text=new_text, source=Source(path=article.id + "-hidden")),
             spans)]


def hidden_examples(nlp, hidden: list[Hidden], cache: Path | None) -> list[Example]:
    """The rules and the ranker on the articles whose names were written as pronouns: the
    annotated speaker is known, and so is what the rules made of the pronoun."""
    examples: list[Example] = []
    parsed_all = _parsed(nlp, [article for _, article, _ in hidden], cache)
    for (group, article, spans), parsed in zip(hidden, parsed_all, strict=True):
        clusters = [_Cluster(c) for c in parsed["clusters"]]
        rankings = [r for r in parsed["rankings"] if not r["masked"]]
        for i, j in match_spans([tuple(r["content"]) for r in rankings],
                                [span for span, _ in spans], article.text):
            ranking = rankings[i]
            if ranking["kind"] not in ("he", "she"):
                continue
            candidates = ranking["candidates"]
            examples.append((group, [f for _, f in candidates],
                             _positives(candidates, clusters, [spans[j][1]]), ranking["rule"],
                             True))
    return examples


def polnear_examples(nlp, limit: int | None, cache: Path | None, split: str = "train"
                     ) -> tuple[list[Example], list[Hidden]]:
    folder = polnear_dir() / split
    if not (folder / "text").is_dir() or limit is not None and limit <= 0:
        return [], []
    articles, gold = [], []
    for name in sorted(p.stem for p in (folder / "text").glob("*.txt"))[:limit]:
        annotations = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if annotations:
            articles.append(RawArticle(text=(folder / "text" / f"{name}.txt").read_text(
                encoding="utf-8"), source=Source(path=name)))
            gold.append(read_brat(annotations[0]))
    examples: list[Example] = []
    hidden: list[Hidden] = []
    for article, relations, parsed in zip(articles, gold, _parsed(nlp, articles, cache),
                                          strict=True):
        rankings = [r for r in parsed["rankings"] if r["masked"]]
        matches = match_spans([tuple(r["content"]) for r in rankings],
                              [r.content for r in relations], article.text)
        confirmed = []
        for i, j in matches:
            ranking, source = rankings[i], relations[j].source
            start, end = ranking["speaker"]
            if source is None or start is None or not (start < source[1] and source[0] < end):
                continue  # only speakers PolNeAR confirms
            candidates = ranking["candidates"]
            positives: set[int | None] = {
                k for k, (c, _) in enumerate(candidates) if c == ranking["truth"]}
            examples.append(("polnear:" + article.id, [f for _, f in candidates], positives,
                             None, False))
            confirmed.append((ranking, article.text[start:end]))
        hidden += [("polnear:" + group, changed, spans)
                   for group, changed, spans in _hideable(article, confirmed)]
    return examples, hidden


def _design(examples: list[Example], vectorizer: DictVectorizer, fit: bool):
    rows = [{f: 1 for f in features} for _, candidates, _, _, _ in examples
            for features in candidates]
    x = vectorizer.fit_transform(rows) if fit else vectorizer.transform(rows)
    y = numpy.array([int(k in positives) for _, candidates, positives, _, _ in examples
                     for k in range(len(candidates))])
    return x, y


def _probabilities_by_example(examples: list[Example], probabilities) -> list[list[float]]:
    out, position = [], 0
    for _, candidates, _, _, _ in examples:
        out.append([float(p) for p in probabilities[position: position + len(candidates)]])
        position += len(candidates)
    return out


def cross_validated(examples: list[Example], c: float, also: list[Example] = ()
                    ) -> list[list[float]]:
    """Each example's candidate scores (those of ``examples``, then of ``also``) by a model
    fitted on ``examples`` of the other folds; the folds split the articles."""
    groups = sorted({e[0] for e in examples})
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    every = list(examples) + list(also)
    out: list[list[float] | None] = [None] * len(every)
    for fold in range(FOLDS):
        wanted = [i for i, e in enumerate(every) if fold_of.get(e[0], fold) == fold]
        vectorizer = DictVectorizer()
        x, y = _design([e for e in examples if fold_of[e[0]] != fold], vectorizer, True)
        model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
        chosen = [every[i] for i in wanted]
        hx, _ = _design(chosen, vectorizer, False)
        for i, p in zip(wanted, _probabilities_by_example(
                chosen, model.predict_proba(hx)[:, 1]), strict=True):
            out[i] = p
    return out  # type: ignore[return-value]


def _top_right(example: Example, probabilities: list[float]) -> bool:
    return bool(probabilities) and int(numpy.argmax(probabilities)) in example[2]


def _gated_choice(example: Example, probabilities: list[float], margin: float, floor: float
                  ) -> int | None:
    """The candidate taken under a margin and a floor (as ``SpeakerRanker.choose``)."""
    rule = example[3]
    if not probabilities or rule is not None and "type=UNNAMED" in example[1][rule]:
        return rule
    best = int(numpy.argmax(probabilities))
    if rule is None:
        return best if probabilities[best] >= floor else None
    if best != rule and probabilities[best] - probabilities[rule] >= margin:
        return best
    return rule


def main() -> int:
    arguments = sys.argv[1:]
    cache = None
    if "--cache" in arguments:
        at = arguments.index("--cache")
        cache = Path(arguments[at + 1])
        cache.mkdir(parents=True, exist_ok=True)
        del arguments[at: at + 2]
    report = "--report-polnear-dev" in arguments
    arguments = [a for a in arguments if a != "--report-polnear-dev"]
    limit = int(arguments[0]) if arguments else 300
    nlp = load_pipeline()
    component = nlp.get_pipe("presslens_quotes")
    component.collect_rankings = True
    component.rank_speakers = False  # examples as the rules alone leave them
    dev, dev_hidden = gold_examples(nlp, cache)
    polnear, polnear_hidden = polnear_examples(nlp, limit, cache)
    examples = dev + polnear + hidden_examples(nlp, dev_hidden + polnear_hidden, cache)
    examples = [(group, model_features(features, rule if ruled else None), right, rule, ruled)
                for group, features, right, rule, ruled in examples]
    examples.sort(key=lambda e: (e[0], e[1]))  # the same order whatever the cache held
    usable = [e for e in examples if any(p is not None for p in e[2])]
    ruled = [e for e in examples if e[4]]
    print(f"{len(examples)} examples: {len(dev)} dev, {len(polnear)} PolNeAR hidden names, "
          f"{len(ruled)} where the rules chose (real pronouns and descriptions of dev, names "
          f"written as pronouns); {len(usable)} with the speaker among the candidates")
    best = None
    for c in C_GRID:
        scored = cross_validated(usable, c)
        accuracy = numpy.mean([_top_right(e, p) for e, p in zip(usable, scored, strict=True)])
        ruled_accuracy = numpy.mean([_top_right(e, p) for e, p in zip(usable, scored, strict=True)
                                     if e[4]])
        print(f"C={c}: cross-validated accuracy {accuracy:.3f} "
              f"(where the rules chose {ruled_accuracy:.3f})")
        if best is None or accuracy > best[0]:
            best = (accuracy, c, scored)
    _, c, scored = best
    # Every example where the rules chose, scored by models that did not see its article.
    unscored = [e for e in ruled if not any(p is not None for p in e[2])]
    held = dict(zip((id(e) for e in usable + unscored),
                    scored + cross_validated(usable, c, unscored)[len(usable):], strict=True))
    judged = [(e, held[id(e)]) for e in ruled]
    rules_right = sum(1 for e, _ in judged if e[3] in e[2])
    ranker_right = sum(1 for e, p in judged if _top_right(e, p))
    print(f"where the rules chose: the rules right {rules_right} of {len(judged)}, "
          f"the ranker's best {ranker_right}")
    gate = None
    for margin in MARGINS:
        for floor in FLOORS:
            right = sum(1 for e, p in judged if _gated_choice(e, p, margin, floor) in e[2])
            # Ties go to the most cautious setting.
            key = (right, margin, floor)
            if gate is None or key > gate:
                gate = key
    right, margin, floor = gate
    for part, test in (("dev", lambda e: not e[0].startswith("polnear:")),
                       ("PolNeAR", lambda e: e[0].startswith("polnear:"))):
        rows = [(e, p) for e, p in judged if test(e)]
        print(f"  {part}: rules {sum(1 for e, _ in rows if e[3] in e[2])}, rules overruled "
              f"{sum(1 for e, p in rows if _gated_choice(e, p, margin, floor) in e[2])} "
              f"of {len(rows)}")
    print(f"rules overruled at margin {margin}, floor {floor}: {right} of {len(judged)} "
          f"right (rules alone {rules_right})")
    vectorizer = DictVectorizer()
    x, y = _design(usable, vectorizer, True)
    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    names = vectorizer.get_feature_names_out()
    # Two labels with the second at zero: the softmax is the sigmoid of the fitted score.
    ranker = LinearClassifier(
        ["right", "wrong"],
        {str(name): [float(w), 0.0] for name, w in zip(names, model.coef_[0], strict=True)
         if abs(w) >= 5e-4},
        [float(model.intercept_[0]), 0.0])
    write_models(OUT, {"": ranker}, {
        "margin": margin, "floor": floor, "C": c,
        "trained_on": {"candidates_right": len(usable), "rules_chose": len(ruled)}})
    print(f"wrote {OUT} ({len(ranker.weights)} features)")
    if report:
        # Held out: PolNeAR's dev articles, never fitted on, with their confirmed bare-name
        # speakers written as pronouns; the rules and the shipped ranker each resolve them.
        _, hidden = polnear_examples(nlp, None, cache, split="dev")
        held_out = [(g, model_features(f, rule), p, rule, True)
                    for g, f, p, rule, _ in hidden_examples(nlp, hidden, cache)]
        hx, _ = _design(held_out, vectorizer, False)
        rules_right = ranker_right = 0
        for e, p in zip(held_out, _probabilities_by_example(
                held_out, model.predict_proba(hx)[:, 1]), strict=True):
            rules_right += e[3] in e[2]
            ranker_right += _gated_choice(e, p, margin, floor) in e[2]
        print(f"PolNeAR dev (held out), names written as pronouns: rules right {rules_right}, "
              f"with the ranker {ranker_right}, of {len(held_out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
