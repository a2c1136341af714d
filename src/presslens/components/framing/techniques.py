"""The 14 techniques of the Propaganda Techniques Corpus, as the trained models find them.

A token tagger (``models/framing_tokens.npz``) gives each token its probability of lying
inside a technique's span; the tagger's runs become candidate spans (``spans``), a span
scorer decides which of them is a technique at all, an extension model whether a run stands
for its clause, and a classifier (``models/framing_techniques.npz``) names the technique.
All are linear models (``presslens.learning``) trained by ``scripts/train_framing.py`` on
the features of ``features``; the word-piece table (``word_pieces``) adds what the MiniLM
embeddings know of words the training articles never used. The models are read on first
use, once per process.

>>> technique_of(nlp("They are barbaric."), 9, 17)  # doctest: +SKIP
'name_calling'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_TITLE, LEMMA, LOWER, POS
from spacy.tokens import Doc

from presslens.components import doc_lowered, doc_memo, doc_text
from presslens.components.framing.actors import labelled_actor
from presslens.components.framing.confidence import CONFIDENCE_MODEL, calibration, read_calibration
from presslens.components.framing.features import (
    article_stats,
    candidate_features,
    contextual_vectors,
    extension_features,
    span_features,
    technique_features,
    token_sentences,
    valences,
    word_count,
)
from presslens.components.framing.gate import GATE_MODEL, Gate, read_gate
from presslens.components.framing.records import framing_record
from presslens.components.framing.spans import (
    assemble_spans,
    balanced_quotes,
    extension_of,
    quotation_marks,
    trimmed_run,
    whole_words,
)
from presslens.components.framing.word_pieces import (
    PIECES_MODEL,
    PieceScores,
    piece_scores,
    read_piece_scores,
)
from presslens.learning import LinearClassifier, load_model, read_models
from presslens.memo import trim_memo
from presslens.model import LABEL_TECHNIQUES

TOKEN_MODEL = "framing_tokens.npz"
TECHNIQUE_MODEL = "framing_techniques.npz"
# How sure the tagger must be that a token is part of a technique's span, unless the model
# file names the threshold its training chose.
SPAN_THRESHOLD = 0.5

# A technique span is reported only when tagger and classifier together are this sure: an
# analyst is better served by fewer, surer flags (set a priori, not tuned on held-out data).
MIN_TECHNIQUE_SCORE = 0.4


def inside_probabilities(doc: Doc, tagger: LinearClassifier,
                         sentences: list[tuple[int, int]] | None = None,
                         word_margins: Any = None) -> list[float]:
    """The tagger's probability that each token lies inside a technique's span: the same
    figure as ``tagger.probabilities(token_features(doc, i))["I"]``, at a fraction of the
    cost. The tagger is binary, so each feature has one margin (the ``I`` row less the ``O``
    row). The features are read as spaCy's integer ids in one array, and the summed margin of
    each distinct combination of ids is looked up once (and remembered across documents)
    instead of building sixteen strings for every token. ``sentences``: each token's
    sentence (``token_sentences``), where the caller has it. ``word_margins``: what the
    word-piece scores add to each token's margin (see ``word_margins``), where the model has
    them."""
    import numpy

    count = len(doc)
    if not count:
        return []
    margins, bias = _margins(id(tagger), tagger)
    memo = _feature_memo(id(tagger))
    strings = doc.vocab.strings
    columns = doc.to_array([LOWER, LEMMA, POS, DEP, ENT_TYPE, IS_TITLE, HEAD])
    lowers, lemmas, tags, deps, ents, titles = (columns[:, k].tolist() for k in range(6))
    # HEAD is kept as the head's offset from the token, in unsigned form.
    offsets = columns[:, 6].astype("int64").tolist()
    heads = [lemmas[i + offset] for i, offset in enumerate(offsets)]
    previous = [None, *lowers[:-1]]
    following = [*lowers[1:], None]
    _, buckets, sentence_features = valences(doc, sentences)
    head_buckets = [buckets[i + offset] for i, offset in enumerate(offsets)]
    valence_keys = list(zip(["<s>", *buckets[:-1]], [*buckets[1:], "</s>"], head_buckets,
                            sentence_features, strict=True))

    def word(key: int | None, edge: str) -> str:
        return edge if key is None else strings[key]

    def lemma(key: int) -> str:
        return strings[key].lower()

    def weight(feature: str) -> float:
        return margins.get(feature, 0.0)

    def own(key: tuple[int, ...]) -> float:
        lower, lemma_key, tag, dep, ent, title, bucket = key
        return (weight(f"w={strings[lower]}") + weight(f"l={lemma(lemma_key)}")
                + weight(f"p={strings[tag]}") + weight(f"wp={lemma(lemma_key)}|{strings[tag]}")
                + weight(f"d={strings[dep]}") + weight(f"e={strings[ent] or '-'}")
                + weight(f"cap={bool(title)}") + weight(f"v={bucket}"))

    # The features fall into five groups by what they depend on: the token alone, the word
    # before it (with the token, for the bigram), the word after, the head, and the
    # valences around the token (its neighbours', its head's, its sentence's).
    groups: list[tuple[str, list[Any], Callable[[Any], float]]] = [
        ("own", list(zip(lowers, lemmas, tags, deps, ents, titles, buckets, strict=True)),
         own),
        ("before", list(zip(previous, lowers, strict=True)),
         lambda k: weight(f"w-1={word(k[0], '<s>')}")
         + weight(f"bi={word(k[0], '<s>')}|{strings[k[1]]}")),
        ("after", following, lambda k: weight(f"w+1={word(k, '</s>')}")),
        ("head", heads, lambda k: weight(f"h={lemma(k)}")),
        ("valence", valence_keys,
         lambda k: weight(f"v-1={k[0]}") + weight(f"v+1={k[1]}") + weight(f"vh={k[2]}")
         + weight(k[3])),
    ]
    scores = numpy.full(count, bias, dtype="float64")
    if word_margins is not None:
        scores += word_margins
    for kind, keys, margin in groups:
        known = memo.setdefault(kind, {})
        for key in set(keys).difference(known):
            known[key] = margin(key)
        scores += numpy.fromiter(map(known.__getitem__, keys), dtype="float64", count=count)
        trim_memo(known)  # a stream of millions of articles keeps meeting new words
    clipped = numpy.clip(scores, -30.0, 30.0)
    return (1.0 / (1.0 + numpy.exp(-clipped))).tolist()


def word_margins(doc: Doc, pieces: PieceScores | None) -> tuple[Any, Any]:
    """What the word-piece table adds to the tagger's margin of each token (its own word's
    score, and its neighbours' where the table has those columns), and each token's score
    for the span scorer (averaged over a run by ``run_margin``); None for either the table
    lacks."""
    import numpy

    if pieces is None or not len(doc):
        return None, None
    scores = _piece_table_scores(doc, pieces)
    tagger = None
    own = pieces.column("tagger")
    if own is not None:
        tagger = scores[:, own].copy()
        before, after = pieces.column("tagger_previous"), pieces.column("tagger_next")
        if before is not None:
            tagger[1:] += scores[:-1, before]
        if after is not None:
            tagger[:-1] += scores[1:, after]
    run = pieces.column("scorer_run")
    return tagger, (numpy.ascontiguousarray(scores[:, run]) if run is not None else None)


def run_margin(run_scores: Any, first: int, last: int) -> float:
    """The span scorer's word-piece margin of the run ``first``..``last``: the mean of its
    tokens' scores, as the scorer was trained on the run's mean word vector."""
    if run_scores is None:
        return 0.0
    return float(run_scores[first:last + 1].mean())


# Margins remembered per tagger and feature kind, keyed by spaCy's integer ids.
_FEATURE_MEMO: dict[int, dict[str, dict[Any, float]]] = {}


def _feature_memo(key: int) -> dict[str, dict[Any, float]]:
    return _FEATURE_MEMO.setdefault(key, {})


_MARGINS: dict[int, tuple[dict[str, float], float]] = {}
_DENSE: dict[int, Any] = {}


def _binary_probability(model: LinearClassifier, features: list[str], vector: Any,
                        extra: float = 0.0) -> float:
    """``model.probabilities(features, vector)["I"]`` for a binary model, the dense part as
    one dot product; ``extra`` is added to the margin (the word pieces' share)."""
    import numpy

    margins, bias = _margins(id(model), model)
    if id(model) not in _DENSE:
        inside, outside = model.labels.index("I"), model.labels.index("O")
        _DENSE[id(model)] = numpy.asarray([row[inside] - row[outside]
                                           for row in model.dense or []], dtype="float32")
    dense = _DENSE[id(model)]
    score = bias + extra + sum(margins.get(f, 0.0) for f in features)
    if len(dense):
        score += float(numpy.dot(dense, vector[:len(dense)]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


# The models whose margins are cached, kept alive so that no other model can take their
# id() (the caches' key) after one is dropped.
_CACHED_MODELS: dict[int, LinearClassifier] = {}


def _margins(key: int, tagger: LinearClassifier) -> tuple[dict[str, float], float]:
    if key not in _MARGINS:
        _CACHED_MODELS[key] = tagger
        inside, outside = tagger.labels.index("I"), tagger.labels.index("O")
        _MARGINS[key] = ({f: row[inside] - row[outside] for f, row in tagger.weights.items()},
                         tagger.bias[inside] - tagger.bias[outside])
    return _MARGINS[key]


@cache
def _models() -> tuple[LinearClassifier | None, LinearClassifier | None]:
    return load_model(TOKEN_MODEL), load_model(TECHNIQUE_MODEL)


@cache
def _token_config() -> dict[str, Any]:
    """What the token model file holds besides the tagger: the tagger's threshold for
    candidate runs and, where training fitted one, the span scorer and its threshold."""
    return _config_of(read_models(TOKEN_MODEL))


def _config_of(found: tuple[dict[str, LinearClassifier], dict[str, Any]] | None
               ) -> dict[str, Any]:
    if found is None:
        return {}
    models, meta = found
    return {"threshold": float(meta.get("threshold", SPAN_THRESHOLD)),
            "spans": models.get("spans"),
            "span_threshold": float(meta.get("span_threshold", 0.5)),
            "extension": models.get("extension"),
            "extension_threshold": float(meta.get("extension_threshold", 1.0)),
            "trim_threshold": float(meta.get("trim_threshold", 0.0))}


@dataclass(frozen=True, slots=True)
class FramingModels:
    """The trained models of the framing component and the table that calibrates its
    confidence, read from one directory (``MODEL_FILES``; a file that is absent leaves its
    part out, as in a checkout trained without it)."""

    tokens: LinearClassifier | None
    techniques: LinearClassifier | None
    config: dict[str, Any]
    pieces: PieceScores | None
    calibration: dict[str, Any]
    # Rescores the rules' outlet-voice flags (``gate``); None leaves the table's confidence.
    gate: Gate | None = None

    @property
    def sentence_aware(self) -> bool:
        """Whether the technique classifier reads ``technique_features`` (a model trained
        before they existed knows only ``span_features``)."""
        return _sentence_aware(self.techniques)


MODEL_FILES = (TOKEN_MODEL, TECHNIQUE_MODEL, PIECES_MODEL, CONFIDENCE_MODEL, GATE_MODEL)


@cache
def shipped_models() -> FramingModels:
    """The models shipped in ``presslens/models``, read once per process on first use."""
    tokens, techniques = _models()
    return FramingModels(tokens, techniques, _token_config(), piece_scores(), calibration(),
                         read_gate())


def read_framing_models(directory: Traversable) -> FramingModels:
    """The models kept in ``directory`` (as ``FramingTagger.to_disk`` writes them)."""
    return FramingModels(load_model(TOKEN_MODEL, directory),
                         load_model(TECHNIQUE_MODEL, directory),
                         _config_of(read_models(TOKEN_MODEL, directory)),
                         read_piece_scores(directory), read_calibration(directory),
                         read_gate(directory))


# Whether each technique classifier reads sentence features, by id() of a model kept alive
# in _CACHED_MODELS: the answer scans every feature name once.
_SENTENCE_AWARE: dict[int, bool] = {}


def _sentence_aware(techniques: LinearClassifier | None) -> bool:
    if techniques is None:
        return False
    key = id(techniques)
    if key not in _SENTENCE_AWARE:
        _CACHED_MODELS[key] = techniques
        _SENTENCE_AWARE[key] = any(f.startswith("sw=") for f in techniques.weights)
    return _SENTENCE_AWARE[key]


def technique_of(doc: Doc, start: int, end: int,
                 sentence: tuple[int, int] | None = None) -> str:
    """The technique the classifier gives a span, or ``loaded_language`` without a model."""
    return _ranked_techniques(doc, start, end, shipped_models(), sentence)[0][0]


def _ranked_techniques(doc: Doc, start: int, end: int, models: FramingModels,
                       sentence: tuple[int, int] | None = None) -> list[tuple[str, float]]:
    techniques = models.techniques
    if techniques is None:
        return [("loaded_language", 1.0)]
    # A model trained before technique_features existed knows only span_features.
    features = technique_features(doc, start, end, sentence) if models.sentence_aware \
        else span_features(doc, start, end)
    return techniques.ranked(features, _piece_margins(doc, start, end, techniques.labels,
                                                      models.pieces))


TECHNIQUE_COLUMN = "technique:"


def technique_margins(doc: Doc, start: int, end: int, labels: list[str]) -> list[float] | None:
    """What the word pieces add to each technique's score of the span ``start``..``end``
    (characters): the mean over its tokens of the piece table's column for that technique,
    as the classifier was trained on the span's mean word vector; None where the table has
    no such columns (the classifier then weighs no vector)."""
    return _piece_margins(doc, start, end, labels, piece_scores())


def _piece_margins(doc: Doc, start: int, end: int, labels: list[str],
                   pieces: PieceScores | None) -> list[float] | None:
    if pieces is None or pieces.column(TECHNIQUE_COLUMN + labels[0]) is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return [0.0] * len(labels)
    columns = [pieces.column(TECHNIQUE_COLUMN + label) for label in labels]
    scores = _piece_table_scores(doc, pieces)[span.start:span.end]
    return [float(scores[:, column].mean()) for column in columns]


_PIECE_SCORES_KEY = "presslens_framing_piece_scores"


def _piece_table_scores(doc: Doc, pieces: PieceScores) -> Any:
    """The piece table's scores of every token of ``doc``, computed once per document for
    the tagger, the span scorer and the technique classifier."""
    cached = doc_memo(doc, "framing").get(_PIECE_SCORES_KEY)
    if cached is None or cached[0] is not pieces or len(cached[1]) != len(doc):
        cached = doc_memo(doc, "framing")[_PIECE_SCORES_KEY] = (pieces, pieces.of_doc(doc))
    return cached[1]


def _repeated(doc: Doc, start: int, end: int) -> bool:
    """Repetition is a phrase said again and again, not a common word seen twice. A
    hyphenated word is one word ("anti-terror" once is no phrase repeated), and only whole
    words count ("anti-terror" is not in "anti-terrorism")."""
    phrase = doc_text(doc)[start:end].strip().lower()
    count = word_count(doc_lowered(doc), phrase)
    return count >= (2 if len(phrase.split()) >= 2 else 4)


def _without_repeats(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per span: two runs of a clause can both stand for it; the surer stays."""
    kept: dict[tuple[int, int], dict[str, Any]] = {}
    for record in records:
        key = (record["start"], record["end"])
        if key not in kept or record["score"] > kept[key]["score"]:
            kept[key] = record
    return list(kept.values())


_INSIDE_KEY = "presslens_framing_inside"


def tagger_probabilities(doc: Doc, models: FramingModels) -> list[float]:
    """Each token's probability of lying inside a technique's span, as ``technique_records``
    worked it out for this Doc (or now, where it has not run); empty without a tagger."""
    cached = doc_memo(doc, "framing").get(_INSIDE_KEY)
    if cached is not None and len(cached) == len(doc):
        return list(cached)
    if models.tokens is None:
        return []
    return inside_probabilities(doc, models.tokens, token_sentences(doc),
                                word_margins(doc, models.pieces)[0])


def technique_records(doc: Doc, models: FramingModels | None = None) -> list[dict[str, Any]]:
    """The records of the 14 techniques in ``doc``, found by ``models`` (the shipped ones
    unless given)."""
    if models is None:
        models = shipped_models()
    tokens, techniques = models.tokens, models.techniques
    if tokens is None or techniques is None:
        return []
    sentences = token_sentences(doc)
    tagger_margins, run_scores = word_margins(doc, models.pieces)
    inside = inside_probabilities(doc, tokens, sentences, tagger_margins)
    doc_memo(doc, "framing")[_INSIDE_KEY] = inside
    config = models.config
    scorer, threshold = config.get("spans"), config.get("threshold", SPAN_THRESHOLD)
    tensor = contextual_vectors(doc) if scorer is not None else None
    article = article_stats(doc, inside, threshold)
    records = []
    marks = quotation_marks(doc) if scorer is not None else []
    for first, last in assemble_spans(doc, inside, threshold):
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        if scorer is not None:
            # The span scorer, chosen on cross-validated span F1, decides whether the run
            # is a technique at all; the classifier only names it.
            features, vector = candidate_features(doc, first, last, inside, tensor,
                                                  threshold, sentences, article)
            score = _binary_probability(scorer, features, vector,
                                        run_margin(run_scores, first, last))
            if score < config["span_threshold"]:
                continue
            # The label's actor is read from the tagged words, not from the clause the
            # run is widened to, which can hold other actors.
            labelled = doc[first:last + 1]
            widened = _extended(doc, first, last, sentences[first], vector, score,
                                config)
            if widened == (first, last):
                first, last = trimmed_run(doc, inside, first, last,
                                          config["trim_threshold"])
            else:
                first, last = widened
            first, last = balanced_quotes(doc, *whole_words(doc, first, last),
                                          sentences[first], marks)
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
        else:
            score = max(inside[first:last + 1])
            labelled = doc[first:last + 1]
        ranked = _ranked_techniques(doc, start, end, models, sentences[first])
        label, probability = ranked[0]
        if label == "repetition" and not _repeated(doc, start, end) and len(ranked) > 1:
            label, probability = ranked[1]  # a technique, though not repetition
        if scorer is None:
            score *= probability
            if score < MIN_TECHNIQUE_SCORE:
                continue
        entity = labelled_actor(labelled) if label in LABEL_TECHNIQUES else None
        records.append(framing_record(doc, start, end, label, score, entity))
    return _without_repeats(records)


def _extended(doc: Doc, first: int, last: int, sentence: tuple[int, int], vector: Any,
              score: float, config: dict[str, Any]) -> tuple[int, int]:
    """The run, or the clause it stands for where the extension model (chosen on
    cross-validated span F1) says so."""
    model = config.get("extension")
    if model is None:
        return first, last
    extended = extension_of(doc, first, last)
    if extended == (first, last):
        return first, last
    features = extension_features(doc, first, last, extended, sentence, vector, score)
    if _binary_probability(model, [], features) < config["extension_threshold"]:
        return first, last
    return extended
