"""Framing: loaded language, labels, doubt and unattributed claims, and whose voice they are in.

``presslens_framing`` runs after the quote component and writes ``doc._.framing``: one
contract record per span with its technique ``label``, a ``score`` and a ``voice`` (``quoted``
inside someone's quote, ``outlet`` in the article's own narration), plus ``entity`` (the
local cluster of the actor a label is applied to: "occupation forces" → the US forces) and the
``sentence``. ``doc._.framing_summary`` counts the claim sentences that are attributed and
those that are not.

Two families:

- The 14 techniques of the Propaganda Techniques Corpus, learned here: a token tagger finds
  the spans and a span classifier names the technique (``models/framing_tokens.npz`` and
  ``models/framing_techniques.npz``, trained by ``scripts/train_framing.py``).
- What a journalist checks first, by rule: ``scare_quotes`` (a term in quotation marks with
  no one saying it, "so-called …"), ``weasel_attribution`` (a claim pinned on "critics",
  "many", "sources", "it is believed") and ``unattributed_claim`` (a contested claim in the
  outlet's voice with no source).

A flag marks a technique in the text; it is not a verdict on the outlet.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_TITLE, LEMMA, LOWER, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from presslens.components import (
    LOWERED_KEY,
    doc_lowered,
    doc_memo,
    doc_text,
    forget_memo,
    register_extensions,
)
from presslens.components.clusters import country_of_nationality
from presslens.components.framing.confidence import confidence_of, explanation_of
from presslens.components.framing.voice import Voices, attributed_voice, forget_voice
from presslens.components.speech_cues import find_quoted_stretches
from presslens.components.framing.word_pieces import PieceScores, piece_scores
from presslens.learning import LinearClassifier, load_model, read_models
from presslens.lexicons import lexicon_lines
from presslens.memo import trim_memo
from presslens.model import LABEL_TECHNIQUES

register_extensions()

TOKEN_MODEL = "framing_tokens.npz"
TECHNIQUE_MODEL = "framing_techniques.npz"
# How sure the tagger must be that a token is part of a technique's span, unless the model
# file names the threshold its training chose.
SPAN_THRESHOLD = 0.5
MAX_SCARE_QUOTE_WORDS = 4
# Width of spaCy's contextual token vectors (en_core_web_sm's tok2vec).
TENSOR_WIDTH = 96
# How many figures about the tagger's confidence open a candidate's vector (the run's, its
# sentence's and its article's), before the run's and the sentence's mean contextual vectors.
RUN_STATS = 13
# A technique span is reported only when tagger and classifier together are this sure: an
# analyst is better served by fewer, surer flags (set a priori, not tuned on held-out data).
MIN_TECHNIQUE_SCORE = 0.4
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
FUNCTION_POS = {"DET", "ADP", "AUX", "PART", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE",
                "X", "SYM"}
CONTENT_POS = {"ADJ", "NOUN", "VERB", "ADV", "PROPN", "INTJ"}
# Vague sources of a claim ("critics say", "it is believed").
_IMPERSONAL = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|"
    r"it\s+is\s+(?:widely\s+|generally\s+|now\s+)?(?:believed|thought|said|reported|"
    r"alleged|claimed|feared|understood|rumou?red)|according\s+to\s+(?:some\s+|unnamed\s+|"
    r"media\s+|press\s+)?(?:reports|sources|observers|experts|analysts|critics))\b",
    re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso[-\s]called\b", re.IGNORECASE)
# Vague sources and what they are said to do ("many have questioned", "critics say").
VAGUE_SOURCES = {"many", "some", "critics", "observers", "analysts", "experts", "sources",
                 "others", "commentators", "skeptics", "sceptics", "people", "insiders",
                 "pundits", "detractors", "opponents", "reports"}
VAGUE_VERBS = {"say", "claim", "question", "believe", "argue", "suggest", "note", "fear",
               "warn", "doubt", "allege", "think", "suspect", "insist", "contend", "wonder",
               "speculate", "point", "charge", "worry", "maintain", "assert", "tell"}
# Opinions held by no one in particular: "is widely regarded as", "is said to", "a group
# believed to be linked to"; with no "by" naming who holds them.
OPINION_PARTICIPLES = {"regarded", "believed", "thought", "considered", "said", "reported",
                       "alleged", "rumoured", "rumored", "suspected", "understood", "feared"}
# Verbs that claim to know an actor's aims, the commonest unattributed claims of intent.
INTENT_CLAIMS = {"seek", "aim", "attempt", "try", "plot", "intend", "want", "strive", "scheme",
                 "conspire", "plan", "use", "exploit", "manipulate"}
_WORD = re.compile(r"\w+")
# Words after which quoted words are someone's words, not the outlet's distance.
SAYING_WORDS = {"said", "says", "say", "called", "calls", "call", "termed", "dubbed",
                "chanted", "chanting", "chant", "described", "labelled", "labeled", "named",
                "branded", "wrote", "tweeted", "stated", "told", "declared", "shouted",
                "shouting", "as", "words", "slogan", "slogans", "phrase", "ask", "asked",
                "nicknamed", "known", "styled", "titled", "entitled", "reads", "read"}


_SENTENCES_KEY = "presslens_framing_sentences"


def _sentence_bounds(doc: Doc, char: int) -> tuple[int, int] | None:
    """The character bounds of the sentence holding ``char``. The sentences are listed once
    per document: asking spaCy for a span's sentence walks the whole document each time,
    which made an article of thousands of short quotes quadratic."""
    cached = doc_memo(doc, "framing").get(_SENTENCES_KEY)
    if cached is None:
        bounds = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
        cached = ([b[0] for b in bounds], bounds)
        doc_memo(doc, "framing")[_SENTENCES_KEY] = cached
    starts, bounds = cached
    index = bisect_right(starts, char) - 1
    return bounds[index] if index >= 0 else None


def token_features(doc: Doc, i: int) -> list[str]:
    """Features of one token for the span tagger: its words and neighbours, and (where the
    model knows them) the sentiment lexicon's valence of the token, its neighbours and head,
    and how charged its sentence is."""
    token = doc[i]
    previous = doc[i - 1].lower_ if i > 0 else "<s>"
    following = doc[i + 1].lower_ if i + 1 < len(doc) else "</s>"
    features = [
        f"w={token.lower_}", f"l={token.lemma_.lower()}", f"p={token.pos_}",
        f"wp={token.lemma_.lower()}|{token.pos_}", f"w-1={previous}", f"w+1={following}",
        f"d={token.dep_}", f"e={token.ent_type_ or '-'}", f"cap={token.is_title}",
        f"h={token.head.lemma_.lower()}", f"bi={previous}|{token.lower_}",
    ]
    _, buckets, sentence = _valence(doc)
    features += [f"v={buckets[i]}", f"v-1={buckets[i - 1] if i > 0 else '<s>'}",
                 f"v+1={buckets[i + 1] if i + 1 < len(doc) else '</s>'}",
                 f"vh={buckets[token.head.i]}", sentence[i]]
    return features


# The valence lexicon of VADER (Hutto and Gilbert 2014; the vaderSentiment package, MIT
# licence): about 7,200 English words rated from -4 (most negative) to +4. It tells the
# tagger and the span scorer that a word is charged even where the 300 training articles
# never used it.
VALENCE_LEXICON = "vader_lexicon.txt"
_VALENCE_KEY = "presslens_framing_valence"


@cache
def valence_lexicon() -> dict[str, float]:
    """Word → mean valence, read once from the installed vaderSentiment package (no
    download); its emoticons and other non-words are left out."""
    from importlib import resources

    text = resources.files("vaderSentiment").joinpath(VALENCE_LEXICON).read_text(
        encoding="utf-8")
    lexicon = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].replace("-", "").replace("'", "").isalpha():
            lexicon[parts[0].lower()] = float(parts[1])
    return lexicon


def valence_bucket(value: float | None) -> str:
    """A valence as a feature value: sign and magnitude ("n3" for -2.6), "-" for none."""
    if value is None:
        return "-"
    size = abs(value)
    return ("n" if value < 0 else "p") + ("1" if size < 1 else "2" if size < 2 else
                                          "3" if size < 3 else "4")


# Valence per (lower-case form, lemma) of spaCy's integer ids, kept across documents.
_VALENCE_MEMO: dict[tuple[int, int], float | None] = {}


def _valence(doc: Doc, sentences: list[tuple[int, int]] | None = None
             ) -> tuple[list[float | None], list[str], list[str]]:
    """Each token's valence (its lower-case form in the lexicon, else its lemma), its bucket,
    and its sentence's feature (how many lexicon words, the strongest valence): worked out
    once per document from spaCy's arrays."""
    cached = doc_memo(doc, "framing").get(_VALENCE_KEY)
    if cached is not None and len(cached[0]) == len(doc):
        return cached
    lexicon = valence_lexicon()
    strings = doc.vocab.strings
    values: list[float | None] = []
    if len(doc):
        columns = doc.to_array([LOWER, LEMMA]).tolist()
        for lower, lemma in columns:
            key = (lower, lemma)
            if key not in _VALENCE_MEMO:
                value = lexicon.get(strings[lower])
                _VALENCE_MEMO[key] = value if value is not None else \
                    lexicon.get(strings[lemma].lower())
            values.append(_VALENCE_MEMO[key])
        trim_memo(_VALENCE_MEMO)
    buckets = [valence_bucket(value) for value in values]
    sentence_features: list[str] = []
    for first, last in _sentence_runs(sentences if sentences is not None
                                      else token_sentences(doc)):
        charged = [abs(v) for v in values[first:last] if v is not None]
        feature = f"vs={min(4, len(charged))}|{min(3, int(max(charged, default=0)))}"
        sentence_features += [feature] * (last - first)
    cached = doc_memo(doc, "framing")[_VALENCE_KEY] = (values, buckets, sentence_features)
    return cached


def _sentence_runs(sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The distinct sentences of a per-token table, in order."""
    runs: list[tuple[int, int]] = []
    for bounds in sentences:
        if not runs or runs[-1] != bounds:
            runs.append(bounds)
    return runs


def valence_features(doc: Doc, first: int, last: int, sentence: tuple[int, int]) -> list[str]:
    """The span scorer's lexicon features of a run: its strongest valence, how many charged
    words it holds and of which sign, and the same for its sentence."""
    values = _valence(doc)[0]
    charged = [v for v in values[first:last + 1] if v is not None]
    negative, positive = any(v < 0 for v in charged), any(v > 0 for v in charged)
    around = [abs(v) for v in values[sentence[0]:sentence[1]] if v is not None]
    return [f"vmax={valence_bucket(max(charged, key=abs)) if charged else '-'}",
            f"vn={min(3, len(charged))}",
            "vsign=" + ("np" if negative and positive else "n" if negative else
                        "p" if positive else "-"),
            f"vsn={min(4, len(around))}", f"vsmax={min(4, int(max(around, default=0)))}"]


def _tensor(doc: Doc) -> Any:
    """spaCy's contextual token vectors (``doc.tensor``, one row per token from the shared
    tok2vec, computed by the parse anyway), or zeros where a document has none."""
    import numpy

    tensor = getattr(doc, "tensor", None)
    if tensor is None or getattr(tensor, "shape", (0,))[0] != len(doc) or \
            len(tensor.shape) != 2 or tensor.shape[1] != TENSOR_WIDTH:
        return numpy.zeros((len(doc), TENSOR_WIDTH), dtype="float32")
    return numpy.asarray(tensor, dtype="float32")


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
    _, buckets, sentence_features = _valence(doc, sentences)
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


def candidate_features(doc: Doc, first: int, last: int, inside: list[float], tensor: Any,
                       threshold: float, sentences: list[tuple[int, int]],
                       article: tuple[float, float] | None = None
                       ) -> tuple[list[str], Any]:
    """Features of a candidate span (tokens ``first``..``last``) for the span scorer, which
    decides whether the tagger's run is a technique at all: its words and edges, the
    tagger's confidence over the run, its sentence and the whole article (how dense in
    techniques the article reads), the valence lexicon's view of run and sentence, and the
    mean contextual vectors of run and sentence."""
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    sentence = sentences[first]
    run = inside[first:last + 1]
    article = article or _article_stats(doc, inside, threshold)
    length = last - first + 1
    highest, mean, sure, sentence_vector = _sentence_stats(doc, inside, tensor, threshold,
                                                           sentence)
    summary = [max(run), sum(run) / length, min(run), inside[first], inside[last],
              math.log(length), highest, mean,
              length / max(1, sentence[1] - sentence[0]),
              sum(p >= 0.5 for p in run) / length,
              math.log(1 + sure), article[0], article[1]]
    import numpy

    # sum / count is what ``mean`` computes, without its per-call bookkeeping.
    vector = numpy.concatenate([numpy.asarray(summary, dtype="float32"),
                                tensor[first:last + 1].sum(0) / length, sentence_vector])
    features = span_features(doc, start, end)
    features += [f"pos0={doc[first].pos_}", f"posL={doc[last].pos_}"]
    features += valence_features(doc, first, last, sentence)
    return features, vector


_SENTENCE_STATS_KEY = "presslens_framing_sentence_stats"


def _sentence_stats(doc: Doc, inside: list[float], tensor: Any, threshold: float,
                    sentence: tuple[int, int]) -> tuple[float, float, int, Any]:
    """The tagger's highest and mean probability over a sentence, how many of its tokens
    reach ``threshold``, and its mean contextual vector: worked out once per sentence, as a
    sentence holds several candidate runs."""
    cached = doc_memo(doc, "framing").get(_SENTENCE_STATS_KEY)
    if cached is None or cached[0] is not inside or cached[1] is not tensor or \
            cached[2] != threshold:
        cached = doc_memo(doc, "framing")[_SENTENCE_STATS_KEY] = (inside, tensor, threshold, {})
    table: dict[tuple[int, int], tuple[float, float, int, Any]] = cached[3]
    stats = table.get(sentence)
    if stats is None:
        around = inside[sentence[0]:sentence[1]]
        stats = table[sentence] = (max(around), sum(around) / len(around),
                                   sum(p >= threshold for p in around),
                                   tensor[sentence[0]:sentence[1]].sum(0) / len(around))
    return stats


def token_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Each token's sentence as token bounds, listed in one pass over the document."""
    table: list[tuple[int, int]] = []
    if not len(doc):
        return table
    sents = doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") \
        else [doc[:]]
    for sent in sents:
        table += [(sent.start, sent.end)] * (sent.end - sent.start)
    return table


def _article_stats(doc: Doc, inside: list[float], threshold: float) -> tuple[float, float]:
    if not inside:
        return 0.0, 0.0
    return sum(inside) / len(inside), sum(p >= threshold for p in inside) / len(inside)


def technique_features(doc: Doc, start: int, end: int,
                       sentence: tuple[int, int] | None = None) -> list[str]:
    """Features of a span for the technique classifier: the span's own (``span_features``),
    its lemmas and opening parts of speech, how much of its sentence it covers, how often
    the phrase recurs in the article, and the other content words of its sentence (doubt,
    fear and oversimplification are told by the clause around the words as much as by them)."""
    text = doc_text(doc)
    lowered = doc_lowered(doc)
    features = span_features(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        if sentence is None:
            sentence = token_sentences(doc)[span.start]
        first, last = sentence
        features += [f"sw={t.lemma_.lower()}" for t in doc[first:last]
                     if t.is_alpha and not t.is_stop and not span.start <= t.i < span.end]
        features += [f"l={t.lemma_.lower()}" for t in span if t.is_alpha]
        features.append("pos=" + "_".join(t.pos_ for t in span[:3]))
        features.append(f"root={span.root.dep_}")
        features.append(f"sentcover={min(4, int(4 * len(span) / max(1, last - first)))}")
        features += _shape_features(span, first, lowered)
    phrase = text[start:end].strip().lower()
    features.append(f"cnt={min(5, lowered.count(phrase)) if phrase else 0}")
    if phrase:
        features.append(f"wcnt={min(5, _word_count(lowered, phrase))}")
    return features


# Fine-grained tags that tell exaggeration (superlatives, numbers), doubt (modals, wh-words)
# and the like from loaded language.
CUE_TAGS = {"JJS", "RBS", "JJR", "RBR", "CD", "MD", "UH", "PRP", "WP", "WRB"}


def _shape_features(span: Span, sentence_start: int, lowered: str) -> list[str]:
    """What the span's head is and does (name-calling labels an actor with a noun phrase,
    loaded language colours with an adjective or verb), the entities in it, how often its
    head word recurs in the article (repetition), and whether it is in the headline."""
    root = span.root
    features = [f"rpos={root.pos_}", f"rtag={root.tag_}"]
    features += [f"t={t.tag_}" for t in span if t.tag_ in CUE_TAGS]
    features += [f"ent={t.ent_type_}" for t in span if t.ent_type_]
    if not span.start <= root.head.i < span.end:
        features += [f"hd={root.head.lemma_.lower()}", f"hdpos={root.head.pos_}"]
    if root.left_edge.i >= span.start and root.right_edge.i < span.end:
        features.append("whole")
    if root.lower_.isalpha():
        features.append(f"rcnt={min(6, _word_count(lowered, root.lower_))}")
    if sentence_start == 0:
        features.append("title")
    return features


_WORD_CHAR = re.compile(r"\w")


def _word_count(lowered: str, phrase: str) -> int:
    """How often ``phrase`` occurs in ``lowered`` as whole words ("war" not in "warning"):
    the count of ``(?<!\\w)phrase(?!\\w)``, found with ``str.find`` (a regex per phrase
    scanned the whole article twice for every span)."""
    if not phrase:
        return len(re.findall(r"(?<!\w)(?!\w)", lowered))
    count, size, position = 0, len(phrase), lowered.find(phrase)
    while position >= 0:
        end = position + size
        if (position == 0 or not _WORD_CHAR.match(lowered, position - 1)) and \
                not _WORD_CHAR.match(lowered, end):
            count += 1
            position = lowered.find(phrase, end)
        else:
            position = lowered.find(phrase, position + 1)
    return count


def span_features(doc: Doc, start: int, end: int) -> list[str]:
    """Features of a character span for the technique classifier."""
    text = doc_text(doc)
    words = [w.lower() for w in _WORD.findall(text[start:end])]
    features = [f"w={w}" for w in words]
    features += [f"bi={a}|{b}" for a, b in zip(words, words[1:], strict=False)]
    if words:
        features += [f"first={words[0]}", f"last={words[-1]}"]
    length = len(words)
    bucket = "1" if length <= 1 else "2" if length == 2 else "4" if length <= 4 else \
        "8" if length <= 8 else "16" if length <= 16 else "long"
    features.append(f"len={bucket}")
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 40):start])][-3:]
    after = [w.lower() for w in _WORD.findall(text[end:end + 40])][:3]
    features += [f"b={w}" for w in before] + [f"a={w}" for w in after]
    span_text = text[start:end].strip().lower()
    if span_text and len(span_text) > 3 and doc_lowered(doc).count(span_text) > 1:
        features.append("repeated")
    if text[max(0, start - 1):start] in "\"“'‘" and start > 0:
        features.append("quoted")
    if "!" in text[start:end + 1]:
        features.append("exclaim")
    if "?" in text[start:end + 1]:
        features.append("question")
    letters = [c for c in text[start:end] if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.5:
        features.append("caps")
    return features


@cache
def _models() -> tuple[LinearClassifier | None, LinearClassifier | None]:
    return load_model(TOKEN_MODEL), load_model(TECHNIQUE_MODEL)


@cache
def _token_config() -> dict[str, Any]:
    """What the token model file holds besides the tagger: the tagger's threshold for
    candidate runs and, where training fitted one, the span scorer and its threshold."""
    found = read_models(TOKEN_MODEL)
    if found is None:
        return {}
    models, meta = found
    return {"threshold": float(meta.get("threshold", SPAN_THRESHOLD)),
            "spans": models.get("spans"),
            "span_threshold": float(meta.get("span_threshold", 0.5)),
            "extension": models.get("extension"),
            "extension_threshold": float(meta.get("extension_threshold", 1.0)),
            "trim_threshold": float(meta.get("trim_threshold", 0.0))}


def trimmed_run(doc: Doc, inside: list[float], first: int, last: int,
                threshold: float) -> tuple[int, int]:
    """A kept run without the words at its edges that the tagger gives less than
    ``threshold`` (a run is joined from every word above the low candidate threshold, and
    its weakest edges are more often outside the annotated span than in it), nor the
    function words then left at an edge; the run itself where none of its words reaches
    ``threshold`` or no content word would be left."""
    if max(inside[first:last + 1]) < threshold:
        return first, last
    new_first, new_last = first, last
    while new_first < new_last and (inside[new_first] < threshold
                                    or doc[new_first].pos_ in FUNCTION_POS):
        new_first += 1
    while new_last > new_first and (inside[new_last] < threshold
                                    or doc[new_last].pos_ in FUNCTION_POS):
        new_last -= 1
    # A cut never splits a written word: "anti-terror" loses all of "anti-" or none of it.
    while new_first > first and _joined(doc, new_first - 1):
        new_first -= 1
    while new_last < last and _joined(doc, new_last):
        new_last += 1
    if any(doc[k].pos_ in CONTENT_POS for k in range(new_first, new_last + 1)):
        return new_first, new_last
    return first, last


_HYPHENS = {"-", "\u2010", "\u2011"}


def _joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` and the next one are parts of one written word ("anti", "-",
    "terror"; "al", "-", "Muhandis"): no space between them, and a hyphen or letters and
    digits on both sides of the join (not "Iran" + "'s", nor a word and its comma)."""
    if i + 1 >= len(doc) or doc[i].whitespace_:
        return False
    left, right = doc[i].text, doc[i + 1].text
    return (left in _HYPHENS or right in _HYPHENS
            or (left[-1:].isalnum() and right[:1].isalnum()))


MAX_QUOTE_REACH = 12


def balanced_quotes(doc: Doc, first: int, last: int, sentence: tuple[int, int],
                    marks: list[tuple[int, int]]) -> tuple[int, int]:
    """Token bounds widened so that a quotation opened in the span closes in it and one
    closed in it opens in it, where the other mark is in the same sentence within
    MAX_QUOTE_REACH tokens; a span that stops half-way through a quoted phrase ('served to
    “watch') shows the reader half a quotation. ``marks`` are the token positions of each
    quotation's opening and closing marks (``quotation_marks``)."""
    for opening, closing in marks:
        if opening < sentence[0] or closing >= sentence[1]:
            continue
        if first <= opening <= last < closing and closing - last <= MAX_QUOTE_REACH:
            last = closing
        elif opening < first <= closing <= last and first - opening <= MAX_QUOTE_REACH:
            first = opening
    return first, last


_STRETCHES_KEY = "presslens_framing_quoted_stretches"


def _quoted_stretches(doc: Doc) -> list[Any]:
    """The article's quotations as the quote component pairs their marks, paired once per
    document for the scare-quote rule and the span bounds."""
    cached = doc_memo(doc, "framing").get(_STRETCHES_KEY)
    if cached is None:
        cached = doc_memo(doc, "framing")[_STRETCHES_KEY] = find_quoted_stretches(doc_text(doc))
    return cached


def quotation_marks(doc: Doc) -> list[tuple[int, int]]:
    """The token positions of each quotation's opening and closing mark."""
    marks = []
    for stretch in _quoted_stretches(doc):
        inner = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if inner is None or not len(inner) or inner.start == 0 or inner.end >= len(doc):
            continue
        if doc[inner.start - 1].is_punct and doc[inner.end].is_punct:
            marks.append((inner.start - 1, inner.end))
    return marks


def whole_words(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Token bounds ``first``..``last`` widened to whole written words, so that a span
    never starts or ends inside a hyphenated word or a name the tokenizer split."""
    while first > 0 and _joined(doc, first - 1):
        first -= 1
    while _joined(doc, last):
        last += 1
    return first, last


def extension_of(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """The clause a run may stand for: the run and the subtree of the word its root
    depends on (the whole sentence where the run holds the sentence's root), without
    punctuation at its edges. Doubt, fear and oversimplification are annotated as clauses,
    where the tagger marks only their most charged words."""
    head = doc[first:last + 1].root.head
    return _without_edge_punctuation(doc, min(first, head.left_edge.i),
                                     max(last, head.right_edge.i), (first, last))


def _without_edge_punctuation(doc: Doc, first: int, last: int,
                              keep: tuple[int, int] | None = None) -> tuple[int, int]:
    """Token bounds ``first``..``last`` without punctuation and spaces at either edge,
    never cutting into ``keep`` (a run inside them) and never to nothing."""
    inner_first, inner_last = keep if keep is not None else (last, first)
    while first < min(inner_first, last) and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > max(inner_last, first) and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return first, last


def extension_features(doc: Doc, first: int, last: int, extended: tuple[int, int],
                       sentence: tuple[int, int], vector: Any, score: float) -> Any:
    """Features for deciding whether a chosen run stands for its clause (``extension_of``):
    the tagger's confidence over run, sentence and article and the sentence's mean
    contextual vector (parts of ``candidate_features``' vector), how much of its sentence
    the run covers, the sentence's length, the span scorer's score and how much longer the
    clause is than the run."""
    import numpy

    words_first, words_last = _without_edge_punctuation(doc, sentence[0], sentence[1] - 1)
    run_chars = doc[last].idx + len(doc[last]) - doc[first].idx
    clause_chars = doc[extended[1]].idx + len(doc[extended[1]]) - doc[extended[0]].idx
    shape = [(last - first + 1) / (words_last - words_first + 1),
             math.log(sentence[1] - sentence[0]), score,
             math.log(clause_chars / max(1, run_chars))]
    return numpy.concatenate([numpy.asarray(vector[:RUN_STATS], dtype="float32"),
                              numpy.asarray(vector[RUN_STATS + TENSOR_WIDTH:
                                                   RUN_STATS + 2 * TENSOR_WIDTH],
                                            dtype="float32"),
                              numpy.asarray(shape, dtype="float32")])


def _threshold() -> float:
    return _token_config().get("threshold", SPAN_THRESHOLD)


def technique_of(doc: Doc, start: int, end: int,
                 sentence: tuple[int, int] | None = None) -> str:
    """The technique the classifier gives a span, or ``loaded_language`` without a model."""
    return _ranked_techniques(doc, start, end, sentence)[0][0]


def _ranked_techniques(doc: Doc, start: int, end: int,
                       sentence: tuple[int, int] | None = None) -> list[tuple[str, float]]:
    _, techniques = _models()
    if techniques is None:
        return [("loaded_language", 1.0)]
    # A model trained before technique_features existed knows only span_features.
    features = technique_features(doc, start, end, sentence) if _sentence_aware() \
        else span_features(doc, start, end)
    return techniques.ranked(features, technique_margins(doc, start, end, techniques.labels))


TECHNIQUE_COLUMN = "technique:"


def technique_margins(doc: Doc, start: int, end: int, labels: list[str]) -> list[float] | None:
    """What the word pieces add to each technique's score of the span ``start``..``end``
    (characters): the mean over its tokens of the piece table's column for that technique,
    as the classifier was trained on the span's mean word vector; None where the table has
    no such columns (the classifier then weighs no vector)."""
    pieces = piece_scores()
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


@cache
def _sentence_aware() -> bool:
    _, techniques = _models()
    return techniques is not None and any(f.startswith("sw=") for f in techniques.weights)


def assemble_spans(doc: Doc, inside: list[float], threshold: float) -> list[tuple[int, int]]:
    """Token spans (first, last) of runs the tagger marks; one unmarked word between two
    marked ones joins them; a span neither starts nor ends on a function word and holds a
    content word (the small model's "the", "in", "'s" are never a technique by themselves)."""
    count = len(doc)
    if not count:
        return []
    # Read from spaCy's arrays: the loop visits every token of the article.
    columns = doc.to_array([IS_PUNCT, SENT_START, POS]).tolist()
    punct = [row[0] == 1 for row in columns]
    opens = [row[1] == 1 for row in columns]
    function = [row[2] in _FUNCTION_POS_IDS for row in columns]
    content = [row[2] in _CONTENT_POS_IDS for row in columns]
    spans = []
    i = 0
    while i < count:
        if inside[i] < threshold or punct[i]:
            i += 1
            continue
        j = i
        while j + 1 < count and not opens[j + 1] and (
                inside[j + 1] >= threshold or (j + 2 < count and inside[j + 2] >= threshold
                                               and not opens[j + 2])):
            j += 1
        first, last = i, j
        while first <= last and function[first]:
            first += 1
        while last >= first and function[last]:
            last -= 1
        if first <= last and any(content[k] for k in range(first, last + 1)):
            spans.append((first, last))
        i = j + 1
    return spans


_FUNCTION_POS_IDS = frozenset(POS_IDS[name] for name in FUNCTION_POS)
_CONTENT_POS_IDS = frozenset(POS_IDS[name] for name in CONTENT_POS)


def _repeated(doc: Doc, start: int, end: int) -> bool:
    """Repetition is a phrase said again and again, not a common word seen twice. A
    hyphenated word is one word ("anti-terror" once is no phrase repeated), and only whole
    words count ("anti-terror" is not in "anti-terrorism")."""
    phrase = doc_text(doc)[start:end].strip().lower()
    count = _word_count(doc_lowered(doc), phrase)
    return count >= (2 if len(phrase.split()) >= 2 else 4)


def _positions_of(doc: Doc, words: frozenset[str] | set[str]) -> list[int]:
    """The tokens whose lower-case form is one of ``words``, read from one array of ids."""
    wanted = {doc.vocab.strings.add(word) for word in words}
    return [i for i, key in enumerate(doc.to_array(LOWER).tolist()) if key in wanted]


# Verbs that name or blame with someone's own term ("termed these encounters “unsafe”",
# "blamed unnamed “infiltrators”"): a quoted term in their sentence is that someone's.
NAMING_VERBS = {"term", "call", "describe", "brand", "dub", "label", "blame", "name",
                "refer", "characterize", "characterise", "denounce", "condemn"}


def _partial_quotation(doc: Doc, text: str, start: int, end: int, words: list[str]) -> bool:
    """Whether a short quotation is a fragment of someone's words rather than a term held at
    arm's length: it closes a sentence of its own (“a first step.”, “is not unlimited.”) or
    holds a verb of its own,
    breaks off or carries a comma (a chant: “No, no to Norvast”, "Death to…"), is a title in
    capitals ("Victory Will Be Yours."), or its sentence names or blames someone with it."""
    inner = text[start:end]
    if "…" in inner or "..." in inner:
        return True
    if len(words) >= 2 and (inner.rstrip()[-1:] in ".!?" or "," in inner):
        return True
    if len(words) >= 3 and all(w[:1].isupper() for w in words):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if len(words) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in span):
        return True  # a clause ("broken into two pieces") is a source's words, not a term
    sentence = span.sent
    return any(t.lemma_.lower() in NAMING_VERBS and t.pos_ == "VERB"
               for t in doc[sentence.start:span.start])


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


class FramingTagger:
    """Finds framing spans and counts attributed and unattributed claim sentences."""

    def __call__(self, doc: Doc) -> Doc:
        voices = attributed_voice(doc)
        records: list[dict[str, Any]] = []
        techniques = self._techniques(doc)
        records += techniques
        records += self._scare_quotes(doc, voices)
        records += self._weasels(doc)
        claims, counts = self._claims(doc, voices, records)
        records += claims
        records += self._actor_labels(doc, records)
        records += self._act_labels(doc, records)
        for record in records:
            # A scare quote or "so-called" in reported speech is the outlet's wording.
            quoted = voices.quoted(record["start"], record["end"],
                                   direct_only=record["label"] == "scare_quotes")
            record["voice"] = "quoted" if quoted else "outlet"
            record["confidence"] = round(confidence_of(record), 3)
            record["explanation"] = explanation_of(record)
        records.sort(key=lambda r: (r["start"], r["end"], r["label"]))
        for index, record in enumerate(records, 1):
            record["id"] = f"f{index}"
        doc._.framing = records
        doc._.framing_summary = {"claims": counts}
        forget_memo(doc, "framing")
        doc.user_data.pop(LOWERED_KEY, None)
        forget_voice(doc)
        return doc

    def _record(self, doc: Doc, start: int, end: int, label: str, score: float,
                entity: int | None = None, basis: str | None = None) -> dict[str, Any]:
        sentence = _sentence_bounds(doc, start)
        return {"start": start, "end": end, "text": doc_text(doc)[start:end], "label": label,
                "score": round(score, 3), "entity": None,
                "sentence": {"start": sentence[0], "end": sentence[1]} if sentence else None,
                "basis": f"{label}:{basis}" if basis else label, "_entity": entity}

    def _techniques(self, doc: Doc) -> list[dict[str, Any]]:
        """Technique records."""
        tokens, techniques = _models()
        if tokens is None or techniques is None:
            return []
        sentences = token_sentences(doc)
        tagger_margins, run_scores = word_margins(doc, piece_scores())
        inside = inside_probabilities(doc, tokens, sentences, tagger_margins)
        config = _token_config()
        scorer, threshold = config.get("spans"), config.get("threshold", SPAN_THRESHOLD)
        tensor = _tensor(doc) if scorer is not None else None
        article = _article_stats(doc, inside, threshold)
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
                widened = self._extended(doc, first, last, sentences[first], vector, score,
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
            ranked = _ranked_techniques(doc, start, end, sentences[first])
            label, probability = ranked[0]
            if label == "repetition" and not _repeated(doc, start, end) and len(ranked) > 1:
                label, probability = ranked[1]  # a technique, though not repetition
            if scorer is None:
                score *= probability
                if score < MIN_TECHNIQUE_SCORE:
                    continue
            entity = _labelled_actor(labelled) if label in LABEL_TECHNIQUES else None
            records.append(self._record(doc, start, end, label, score, entity))
        return _without_repeats(records)

    @staticmethod
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

    def _actor_labels(self, doc: Doc, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``actor_label`` records: labels of ``lexicons/actor_labels.txt`` applied to a
        named actor ("occupation forces" of the US, "Takfiri terrorists" of Daesh, the
        militia of "an Iran-backed militia"), each with the ``side`` whose vocabulary it
        is. The technique tagger, tuned for PTC's spans, passes over most of the labels a
        naming table needs; these are not PTC's name calling (its annotators leave most of
        them unmarked), so they have a label of their own. Where a technique record already
        covers a label it keeps it (PTC's figures count it) and takes the label's side, and
        its actor where it had none; a scare quote covering one keeps it as it is."""
        scare = [(r["start"], r["end"]) for r in found if r["label"] == "scare_quotes"]
        techniques = [r for r in found if r["label"] in LABEL_TECHNIQUES]
        records: list[dict[str, Any]] = []
        for match in actor_label_matches(doc):
            first, last = match.first, match.last
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            if _overlaps(scare, start, end):
                continue
            actor = _labelled_actor(doc[first:last + 1], match.others)
            covering = [r for r in techniques if r["start"] < end and start < r["end"]]
            for record in covering:
                record["side"] = match.side
                if record["_entity"] is None:
                    record["_entity"] = actor
            if actor is not None and not covering:
                record = self._record(doc, start, end, "actor_label", ACTOR_LABEL_SCORE, actor,
                                      basis=match.side)
                record["side"] = match.side
                records.append(record)
        return records

    def _act_labels(self, doc: Doc, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``loaded_language`` records for the lexicon's labels applied to acts ("terrorist
        drone strike"), where no other record covers them."""
        taken = [(r["start"], r["end"]) for r in found if r["label"] != "unattributed_claim"]
        records = []
        for first, last in act_label_spans(doc):
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            if not _overlaps(taken, start, end):
                records.append(self._record(doc, start, end, "loaded_language", 0.6,
                                            basis="label_on_act"))
        return records

    def _scare_quotes(self, doc: Doc, voices: Voices) -> list[dict[str, Any]]:
        """Terms in quotation marks that no one is quoted as saying, and "so-called …". A
        short quotation inside reported speech is either the speaker's term ('said the
        attack was "cowardly"', as wire copy quotes) or the outlet's distance from it
        ('declared that the mission will move to an "advisory" role', as state media
        write): it has a basis of its own, calibrated apart."""
        records = []
        text = doc_text(doc)
        for stretch in _quoted_stretches(doc):
            words = _WORD.findall(text[stretch.start:stretch.end])
            if not words or len(words) > MAX_SCARE_QUOTE_WORDS:
                continue
            if _overlaps(voices.direct, stretch.start, stretch.end):
                continue  # someone's own words (a partial quote), not a term held at arm's length
            before = [w.lower() for w in _WORD.findall(text[max(0, stretch.start - 50):
                                                            stretch.start])][-5:]
            if any(w in SAYING_WORDS for w in before):
                continue  # "termed them “unsafe”", "chanting “Death to America”"
            if _partial_quotation(doc, text, stretch.start, stretch.end, words):
                continue
            start, end = max(0, stretch.start - 1), min(len(text), stretch.end + 1)
            reported = voices.quoted(stretch.start, stretch.end)
            records.append(self._record(doc, start, end, "scare_quotes", 0.9,
                                        _labelled_actor(doc.char_span(
                                            start, end, alignment_mode="expand")),
                                        basis="in_reported_speech" if reported
                                        else "quotation_marks"))
        for match in _SO_CALLED.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            last = span[-1]
            phrase_end = last.i
            for token in doc[last.i + 1:last.i + 6]:
                if token.pos_ in ("NOUN", "PROPN", "ADJ", "PUNCT") and token.text not in ",.;":
                    phrase_end = token.i
                    if token.pos_ in ("NOUN", "PROPN") and (
                            token.i + 1 >= len(doc) or doc[token.i + 1].pos_ not in
                            ("NOUN", "PROPN")):
                        break
                else:
                    break
            end = doc[phrase_end].idx + len(doc[phrase_end])
            records.append(self._record(doc, match.start(), end, "scare_quotes", 0.9,
                                        _labelled_actor(doc[span.start:phrase_end + 1]),
                                        basis="so_called"))
        return _without_overlaps(records)

    def _weasels(self, doc: Doc) -> list[dict[str, Any]]:
        records = []
        for quote in doc._.quotes or []:
            speaker = quote.get("speaker") or {}
            cue = quote.get("cue")
            if not speaker.get("anonymous") or speaker.get("start") is None:
                continue
            start, end = speaker["start"], speaker["end"]
            if cue and abs(cue["start"] - end) < 40:
                start, end = min(start, cue["start"]), max(end, cue["end"])
            records.append(self._record(doc, start, end, "weasel_attribution", 0.8,
                                        basis="unnamed_speaker"))
        for match in _IMPERSONAL.finditer(doc_text(doc)):
            records.append(self._record(doc, match.start(), match.end(),
                                        "weasel_attribution", 0.8, basis="impersonal"))
        for token in (doc[i] for i in _positions_of(doc, VAGUE_SOURCES)):
            # "Many have questioned", "critics say", "some experts argue"
            if token.dep_ == "nsubj" and \
                    token.head.lemma_.lower() in VAGUE_VERBS and not any(
                        c.ent_type_ or c.pos_ == "PROPN" for c in token.children):
                start = token.left_edge.idx
                end = token.head.idx + len(token.head)
                if end > start:
                    records.append(self._record(doc, start, end, "weasel_attribution", 0.7,
                                                basis="vague_source"))
        for token in (doc[i] for i in _positions_of(doc, OPINION_PARTICIPLES)):
            span = _agentless_opinion(token)
            if span is not None:
                records.append(self._record(doc, *span, "weasel_attribution", 0.7,
                                            basis="agentless_opinion"))
        return _without_overlaps(records)

    def _claims(self, doc: Doc, voices: Voices, found: list[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """Claim sentences: attributed when someone says them (a quote or reported speech
        covers them); unattributed when the outlet's own narration loads an actor or claims
        to know its aims."""
        counts = {"attributed": 0, "unattributed": 0}
        records = []
        loaded = [(r["start"], r["end"]) for r in found
                  if r["label"] in ("loaded_language", "name_calling", "doubt", "exaggeration",
                                    "appeal_to_fear", "causal_oversimplification")]
        band = article_band(doc, found)
        weasels = [(r["start"], r["end"]) for r in found if r["label"] == "weasel_attribution"]
        for sentence in doc.sents:
            start, end = sentence.start_char, sentence.end_char
            if voices.touches(start, end):
                counts["attributed"] += 1
                continue
            if _overlaps(weasels, start, end):
                counts["attributed"] += 1  # a vague source is a source
                continue
            basis = claim_basis(sentence, loaded)
            if basis is None:
                continue
            basis = f"{basis}|{band}"
            counts["unattributed"] += 1
            text = doc_text(doc)[start:end]
            stripped_end = start + len(text.rstrip())
            records.append(self._record(doc, start, stripped_end, "unattributed_claim", 0.6,
                                        _subject_actor(sentence), basis))
        return records, counts


ACTOR_LABELS_LEXICON = "actor_labels.txt"
ACTOR_LABEL_SCORE = 0.6
# Entity types of names: a label word inside one is part of the name ("Islamic Resistance in
# Iraq", "Martyrs Square"), not a label.
_NAME_TYPES = {"PERSON", "ORG", "GPE", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}


@dataclass(frozen=True, slots=True)
class LabelTerms:
    """The actor-label lexicon, read for matching: one-word labels, two-word labels (head ->
    first word), hyphenated words ("arch-foe"), the "X-backed" suffixes and "pro-X"
    prefixes, each with its side, and the labels that apply only to nouns of persons and
    groups."""

    single: dict[str, str]
    pairs: dict[str, dict[str, str]]
    hyphenated: dict[str, str]
    suffixes: dict[str, str]
    prefixes: dict[str, str]
    actor_nouns_only: frozenset[str]

    def words(self) -> set[str]:
        return set(self.single) | set(self.pairs)


@cache
def actor_label_terms() -> LabelTerms:
    """The lexicon ``lexicons/actor_labels.txt``, parsed once."""
    single: dict[str, str] = {}
    pairs: dict[str, dict[str, str]] = {}
    hyphenated: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    restricted: set[str] = set()
    for line in lexicon_lines(ACTOR_LABELS_LEXICON):
        term, side, *flags = line.split("\t")
        if "actor_noun" in flags:
            restricted.add(term)
        if term.startswith("X-"):
            suffixes[term[2:]] = side
        elif term.endswith("-X"):
            prefixes[term[:-2]] = side
        elif "-" in term:
            hyphenated[term] = side
        elif " " in term:
            first, head = term.split()
            pairs.setdefault(head, {})[first] = side
        else:
            single[term] = side
    return LabelTerms(single, pairs, hyphenated, suffixes, prefixes, frozenset(restricted))


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A label's tokens ``first``..``last``, its side, and the tokens that name someone
    other than the labelled actor (the backer in "Iran-backed militias", the rival in
    "its arch-foe")."""

    first: int
    last: int
    side: str
    others: frozenset[int] = frozenset()


# Nouns of persons and groups, the only nouns an "actor noun" label applies to besides names.
ACTOR_HEAD_NOUNS = {"rebel", "cleric", "leader", "faction", "group", "camp", "wing",
                    "president", "politician", "candidate", "government", "official",
                    "lawmaker", "islamist", "opposition", "militant", "fighter", "regime",
                    "conservative", "reformist", "mullah", "ayatollah", "commander", "cabinet",
                    "party", "movement", "ally", "minister", "judiciary", "force", "militia",
                    "activist", "preacher", "imam", "organization", "organisation", "member",
                    "supporter", "element", "figure", "voice", "bloc", "coalition", "student"}


def _written_words(doc: Doc) -> list[tuple[int, int]]:
    """Token runs of hyphenated written words ("Iran", "-", "backed"), as (first, last)."""
    runs = []
    i = 0
    while i < len(doc):
        j = i
        while j + 2 < len(doc) and doc[j + 1].text in _HYPHENS and not doc[j].whitespace_ \
                and not doc[j + 1].whitespace_:
            j += 2
        if j > i:
            runs.append((i, j))
        i = j + 1
    return runs


def _hyphenated_labels(doc: Doc, terms: LabelTerms) -> list[LabelMatch]:
    """Labels written as one hyphenated word: "arch-foe", "Iran-backed", "pro-Iran". The
    named part of a pattern ("Iran") is the backer, not the labelled actor."""
    found = []
    for first, last in _written_words(doc):
        written = doc[first:last + 1].text.lower()
        parts = [t for t in doc[first:last + 1] if t.text not in _HYPHENS]
        if written in terms.hyphenated:
            # "its arch-foe Iran", "Israel's arch-enemy": the possessor is the rival.
            others = frozenset(t.i for c in doc[last].children if c.dep_ == "poss"
                               for t in c.subtree)
            found.append(LabelMatch(first, _label_head(doc, first, last),
                                    terms.hyphenated[written], others))
            continue
        tail, head = parts[-1].lower_, parts[0].lower_
        if tail in terms.suffixes and len(parts) >= 2 and _names_someone(parts[:-1]):
            found.append(LabelMatch(first, _label_head(doc, first, last), terms.suffixes[tail],
                                    frozenset(t.i for t in parts[:-1])))
        elif head in terms.prefixes and len(parts) >= 2 and _names_someone(parts[1:]):
            found.append(LabelMatch(first, _label_head(doc, first, last), terms.prefixes[head],
                                    frozenset(t.i for t in parts[1:])))
    return found


def _names_someone(tokens: list[Token]) -> bool:
    return all(t.pos_ == "PROPN" or t.ent_type_ or t.text[:1].isupper() for t in tokens)


def _label_head(doc: Doc, first: int, last: int) -> int:
    """The last token of a hyphenated label and the noun right after it that it qualifies
    ("Iran-backed militias"), where that noun is no name and names no act."""
    following = last + 1
    if following < len(doc) and doc[following].pos_ == "NOUN" and \
            not doc[following].ent_type_ and not _names_an_act(doc[following]):
        return following
    return last


def _inside_name(token: Token, terms: LabelTerms) -> bool:
    """Whether a token is part of a name ("Islamic Resistance in Iraq"), not of an entity
    the model took for a name that is only a label ("the Zionist regime")."""
    if token.ent_type_ not in _NAME_TYPES:
        return False
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            words = [t.lower_ for t in entity if t.lower_ not in ("the", "-")]
            return not (" ".join(words[-2:]) in _label_pairs(terms) or
                        (len(words) == 1 and words[0] in terms.single))
    return True


def _label_pairs(terms: LabelTerms) -> set[str]:
    return {f"{first} {head}" for head, firsts in terms.pairs.items() for first in firsts}


def _label_candidates(doc: Doc, words: frozenset[str] | set[str]) -> list[Token]:
    """The tokens whose lemma or lower-case form (plural too) is one of ``words``, read from
    one array of ids: the article's other tokens are never looked at one by one."""
    strings = doc.vocab.strings
    lemmas = {strings.add(word) for word in words}
    forms = lemmas | {strings.add(word + suffix) for word in words for suffix in ("s", "es")}
    columns = doc.to_array([LEMMA, LOWER]).tolist()
    return [doc[i] for i, (lemma, lower) in enumerate(columns)
            if lemma in lemmas or lower in forms]


def actor_label_matches(doc: Doc) -> list[LabelMatch]:
    """The lexicon's labels in ``doc``: the label word with the evaluative adjectives before
    it ("despotic mullahs", "hardline ruling regime") and, where it modifies a noun, that
    noun ("terrorist groups", "Takfiri outfit", "Iran-backed militias"); verbs of the
    lexicon too ("martyred", "occupying"). Overlapping matches ("Takfiri terrorists") are
    joined."""
    terms = actor_label_terms()
    matches = _hyphenated_labels(doc, terms)
    taken = {i for m in matches for i in range(m.first, m.last + 1)}
    for token in _label_candidates(doc, terms.words()):
        if token.i in taken or _inside_name(token, terms):
            continue
        lemma = token.lemma_.lower()
        form = token.lower_
        verb_label = token.pos_ in ("VERB", "AUX") and form in terms.single
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") and not verb_label:
            continue
        first = last = token.i
        side = None
        if lemma in terms.pairs and token.i > 0:
            side = terms.pairs[lemma].get(doc[token.i - 1].lemma_.lower())
            if side is not None:
                first = token.i - 1
        if side is None:
            side = terms.single.get(form if verb_label else lemma)
            if side is None:
                continue
        modified = _modified_noun(token)
        if (form if verb_label else lemma) in terms.actor_nouns_only and (
                modified is None or not _is_actor_noun(modified)):
            continue
        # "terrorist", "criminal" are adjectives even where the tagger calls them nouns.
        actor_noun = token.pos_ in ("NOUN", "PROPN") and not lemma.endswith(("ist", "al"))
        if modified is not None and _names_an_act(modified) and (
                not actor_noun or modified.lemma_.lower() == "change"):
            # "criminal activities", "jihadist attacks", "criminal and social justice" label
            # acts and ideas, and "regime change" is a policy's name; "regime oppression"
            # still calls a government a regime.
            continue
        if token.dep_ in ("amod", "compound") and token.head.i == token.i + 1 and \
                token.head.pos_ == "NOUN" and not token.head.ent_type_ and \
                not _names_an_act(token.head):
            last = token.head.i
        head = doc[last]
        while first > 0 and doc[first - 1].pos_ == "ADJ" and doc[first - 1].dep_ == "amod" \
                and doc[first - 1].head.i == head.i and not doc[first - 1].ent_type_:
            first -= 1
        matches.append(LabelMatch(first, last, side))
    matches.sort(key=lambda m: (m.first, m.last))
    joined: list[LabelMatch] = []
    for match in matches:
        if joined and joined[-1].first <= match.first <= joined[-1].last + 1:
            previous = joined[-1]
            joined[-1] = LabelMatch(previous.first, max(previous.last, match.last),
                                    previous.side, previous.others | match.others)
        else:
            joined.append(match)
    return joined


def act_label_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans (first, last) of the lexicon's label words applied to an act rather than
    an actor, from the label word to the act's noun ("terrorist drone strike", "criminal
    aggression"): loaded language about the act, not a label of anyone."""
    terms = actor_label_terms()
    spans: list[tuple[int, int]] = []
    for token in _label_candidates(doc, set(terms.single)):
        if token.pos_ not in ("ADJ", "NOUN") or _inside_name(token, terms) or \
                token.lemma_.lower() in terms.actor_nouns_only:
            continue
        modified = _modified_noun(token)
        # "terrorist drone strike": the parser hangs the label on "drone", a compound of
        # the act's noun.
        while modified is not None and modified.dep_ == "compound" and \
                modified.head.pos_ == "NOUN" and modified.head.i > modified.i:
            modified = modified.head
        if modified is None or modified.i < token.i or not _names_an_act(modified) or \
                modified.lemma_.lower() == "change" or modified.i - token.i > 3:
            continue
        if not spans or token.i > spans[-1][1]:
            spans.append((token.i, modified.i))
    return spans


def actor_label_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans (first, last) of the lexicon's labels (see ``actor_label_matches``)."""
    return [(m.first, m.last) for m in actor_label_matches(doc)]


def _is_actor_noun(noun: Token) -> bool:
    return noun.pos_ == "PROPN" or noun.ent_type_ in ACTOR_LABELS or \
        noun.lemma_.lower() in ACTOR_HEAD_NOUNS


# Nouns of acts, proceedings and ideas that a label word can modify without labelling an
# actor ("terrorist attacks", "criminal charges", "regime change"), beside the abstract
# suffixes below; and the nouns of organisations that carry those suffixes all the same.
_ACT_NOUNS = {"act", "attack", "activity", "plot", "crime", "strike", "violence", "campaign",
              "threat", "charge", "case", "trial", "probe", "complaint", "referral", "offense",
              "offence", "fraud", "conduct", "behavior", "behaviour", "scheme", "change",
              "history", "justice", "statute", "record", "past", "nature", "propaganda",
              "rhetoric", "agenda", "tactic", "method", "plan", "policy", "war", "incident",
              "event", "matter", "summary", "list", "version", "vision", "neglect", "tie",
              "link", "support", "money", "law", "court", "code", "enterprise", "nexus"}
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ity", "ance", "ence", "ism")
_GROUP_NOUNS = {"organization", "organisation", "administration", "coalition", "opposition",
                "association", "federation", "nation", "delegation", "corporation",
                "institution", "foundation", "movement", "government", "establishment",
                "authority", "community", "entity", "majority", "minority", "alliance",
                "resistance", "faction"}


def _modified_noun(token: Token) -> Token | None:
    """The noun a modifier qualifies, through a run of conjoined modifiers ("criminal and
    social justice"), or None where ``token`` modifies no noun."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in ("amod", "compound") and token.head.pos_ == "NOUN":
        return token.head
    return None


def _names_an_act(noun: Token) -> bool:
    """Whether a noun names an act, a proceeding or an idea rather than an actor."""
    lemma = noun.lemma_.lower()
    if lemma in _GROUP_NOUNS:
        return False
    return lemma in _ACT_NOUNS or lemma.endswith(_ABSTRACT_SUFFIXES) or (
        len(lemma) > 5 and lemma.endswith("ing"))


def _agentless_opinion(token: Token) -> tuple[int, int] | None:
    """The character span of an agentless passive of opinion ("is widely regarded",
    "believed" in "a group believed to be linked to"), or None: the participle must hold a
    judgement about something (an infinitive, "as …", or a that-clause) and name no holder."""
    if token.tag_ != "VBN" or any(c.dep_ == "agent" for c in token.children):
        return None
    doc = token.doc
    following = doc[token.i + 1:token.i + 3]
    # "regarded as", "said that", "believed to be" (an infinitive, not "reported to the police")
    judges = any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")
                 for c in token.children) or (len(following) > 0 and following[0].lower_ in (
                     "as", "that")) or (len(following) > 1 and following[0].lower_ == "to"
                                        and following[1].tag_ == "VB")
    auxiliaries = [c for c in token.children if c.dep_ == "auxpass"]
    if not judges or not (auxiliaries or token.dep_ == "acl") or \
            any(c.dep_ in ("aux", "nsubj") for c in token.children) and not auxiliaries:
        return None
    first = min([token, *auxiliaries], key=lambda t: t.i)
    return first.idx, token.idx + len(token)


CLAIM_CUES = "claim_cues.json"
# How charged an adjective or adverb must be (VADER's scale, -4 to +4) for the outlet's use of
# it to make a narrated sentence evaluative: "brutal", "notorious", "dangerous", not "safe",
# "special" or "lowest", which plain reports use of facts.
EVALUATIVE_VALENCE = 2.0


@cache
def _claim_cues() -> dict[str, Any]:
    from presslens.lexicons import lexicon_json

    data = lexicon_json(CLAIM_CUES)
    return {"stance": re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data["stance_words"])
                                 + r")\b"),
            "causal": re.compile(r"\b(?:" + "|".join(re.escape(w)
                                                     for w in data["causal_phrases"]) + r")\b"),
            "background": frozenset(data["background_verbs"])}


def claim_basis(sentence: Span, loaded: list[tuple[int, int]]) -> str | None:
    """Why a narrated sentence is a contested claim, or None where it is not one: it claims
    to know a named actor's aims (``intent``: "Riyadh has long sought to interfere …"),
    asserts a cause or motive (``cause``: "in a bid to", "under the pretext"), presents a
    judgement as fact (``stance``: "clearly", "in fact"), evaluates in the outlet's words
    (``evaluative``: a strongly charged adjective or adverb) or holds a technique record of
    loaded wording (``loaded``). Words the technique tagger only leans towards reading as
    loaded are no claim: neutral reports are full of them. Questions and verifiable background
    (votes, appointments, visits, deployments: "Khadimi's cabinet was approved by parliament
    on Wednesday") are not claims unless they assert aims, causes or a stance; an actor
    label in an event report does not make it a claim."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < 6 or sentence.text.rstrip().rstrip("\"'”’").endswith("?"):
        return None
    for token in sentence:
        if token.lemma_.lower() in INTENT_CLAIMS and token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.ent_type_ in ACTOR_LABELS for c in token.children):
            return "intent"
    lexicon = _claim_cues()
    lowered = sentence.text.lower()
    if lexicon["causal"].search(lowered):
        return "cause"
    if lexicon["stance"].search(lowered):
        return "stance"
    if sentence.root.lemma_.lower() in lexicon["background"]:
        return None
    values = _valence(sentence.doc)[0]
    labels = actor_label_terms().words()
    for token in sentence:
        value = values[token.i]
        if token.pos_ in ("ADJ", "ADV") and value is not None and \
                abs(value) >= EVALUATIVE_VALENCE and not token.ent_type_ and \
                token.lemma_.lower() not in labels:
            return "evaluative"
    if _overlaps(loaded, sentence.start_char, sentence.end_char):
        return "loaded"
    return None


# Technique records per 100 words from which an article reads as charged: a neutral report
# (Wikinews) has a few at most, partisan commentary several (set from the development
# articles' spread, not tuned on held-out data).
CHARGED_ARTICLE = 0.7


def article_band(doc: Doc, found: list[dict[str, Any]]) -> str:
    """``charged`` or ``calm``: how dense the article is in learned technique records. A
    claim's confidence is calibrated per band, as the same sentence shape is a claim more
    often in commentary than in a plain report."""
    words = sum(1 for t in doc if t.is_alpha) or 1
    techniques = sum(1 for r in found if r["label"] in _PTC_TECHNIQUES)
    return "charged" if 100 * techniques / words >= CHARGED_ARTICLE else "calm"


_PTC_TECHNIQUES = {"loaded_language", "name_calling", "repetition", "doubt", "exaggeration",
                   "appeal_to_fear", "flag_waving", "causal_oversimplification",
                   "appeal_to_authority", "slogans", "whataboutism", "black_and_white",
                   "thought_terminating_cliche", "bandwagon"}


# Dependents that leave the labelled noun phrase: "coalition [to fight Daesh]", "commander
# Soleimani [in Baghdad]", "terrorists [and their masters]" name other actors than the label's.
_OUTSIDE_PHRASE = {"prep", "agent", "acl", "relcl", "advcl", "conj", "cc", "punct"}
_NOUN_POS = ("NOUN", "PROPN")
_MODIFIER_DEPS = ("amod", "compound", "nmod", "appos")


def _labelled_actor(span: Span | None, others: frozenset[int] = frozenset()) -> int | None:
    """The local entity cluster of the actor a label is applied to: a named actor in the
    noun phrase the labelled words head ("US occupation forces"), else in the noun phrase
    they modify ("the terrorist US army", "commander General Qassem Soleimani", and an
    apposition: "Soleimani, the legendary commander"); the one nearest the phrase's head
    where it names several. A verb labels its subject ("Soleimani was martyred"). Words that
    head no noun phrase label what they name. ``others``: tokens naming someone else than
    the labelled actor (the backer in "Iran-backed militias")."""
    if span is None or not len(span):
        return None
    head = span.root
    if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "compound"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            positions = {t.i for s in subjects for t in s.subtree} - others
            return _nearest_cluster(span.doc, positions, subjects[0].i)
    while True:
        if head.pos_ in _NOUN_POS:
            phrase = set(_noun_phrase(head)) - others
            found = _nearest_cluster(span.doc, phrase, head.i) \
                if len(phrase) <= 12 else None
            if found is not None:
                return _as_state(span.doc, found, head, span.root)
        if head.dep_ not in _MODIFIER_DEPS or head.head.pos_ not in _NOUN_POS or \
                head.head is head:
            break
        head = head.head
    if span.root.pos_ in _NOUN_POS:
        return None
    return _nearest_cluster(span.doc, set(range(span.start, span.end)) - others, span.root.i)


# Nouns for a state's power: a nationality on one stands for the state ("the Iranian regime",
# "Norvastian occupation forces") where the article names the country.
_STATE_NOUNS = {"regime", "government", "force", "army", "troop", "military", "authority",
                "administration", "leadership", "dictatorship", "junta", "mullah", "occupier",
                "invader", "aggressor"}


def _as_state(doc: Doc, cluster: int, head: Token, label: Token) -> int:
    """The country a nationality stands for where the label or the noun the nationality
    qualifies is a noun of state power ("the Iranian regime", and "Iranian regime
    oppression", where the nationality qualifies the oppression)."""
    if head.lemma_.lower() in _STATE_NOUNS or label.lemma_.lower() in _STATE_NOUNS:
        country = country_of_nationality(doc._.entity_clusters or [], cluster)
        if country is not None:
            return country
    return cluster


def _noun_phrase(head: Token) -> list[int]:
    """The token positions of the noun phrase ``head`` heads, without the prepositional
    phrases (but "of"), clauses and coordinated nouns hanging off it."""
    # "terrorists of Daesh": members of what "of" names are labelled with it.
    positions, stack = [head.i], [c for c in head.children if c.dep_ not in _OUTSIDE_PHRASE
                                  or (c.dep_ == "prep" and c.lower_ == "of")]
    while stack:
        token = stack.pop()
        positions.append(token.i)
        stack += [c for c in token.children if c.dep_ not in _OUTSIDE_PHRASE]
    return sorted(positions)


def _nearest_cluster(doc: Doc, positions: set[int], head: int) -> int | None:
    """The cluster with a named mention among ``positions``, nearest the token ``head``
    (the lower cluster number between two as near)."""
    owners = _named_mentions(doc)
    best: tuple[int, int] | None = None
    for i in positions:
        owner = owners.get(i)
        if owner is None:
            continue
        number, start, end = owner
        distance = 0 if start <= head < end else min(abs(start - head), abs(end - 1 - head))
        if best is None or (distance, number) < best:
            best = (distance, number)
    return best[1] if best else None


_MENTIONS_KEY = "presslens_framing_mentions"


def _named_mentions(doc: Doc) -> dict[int, tuple[int, int, int]]:
    """Each token of a named mention: (its cluster's number, the mention's token bounds),
    listed once per document, as an article can hold many labels and many mentions."""
    owners = doc_memo(doc, "framing").get(_MENTIONS_KEY)
    if owners is None:
        owners = {}
        for number, cluster in enumerate(doc._.entity_clusters or []):
            for mention in cluster.mentions:
                if mention.label_ != "NOMINAL":
                    for i in range(mention.start, mention.end):
                        owners.setdefault(i, (number, mention.start, mention.end))
        doc_memo(doc, "framing")[_MENTIONS_KEY] = owners
    return owners


def _subject_actor(sentence: Span) -> int | None:
    subjects = [t for t in sentence if t.dep_ == "nsubj" and t.ent_type_ in ACTOR_LABELS]
    if not subjects:
        return None
    token = subjects[0]
    return _cluster_in(sentence.doc, token.idx, token.idx + len(token))


def _cluster_in(doc: Doc, start: int, end: int) -> int | None:
    for number, cluster in enumerate(doc._.entity_clusters or []):
        for mention in cluster.mentions:
            if mention.start_char < end and start < mention.end_char and \
                    mention.label_ != "NOMINAL":
                return number
    return None


def _without_repeats(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per span: two runs of a clause can both stand for it; the surer stays."""
    kept: dict[tuple[int, int], dict[str, Any]] = {}
    for record in records:
        key = (record["start"], record["end"])
        if key not in kept or record["score"] > kept[key]["score"]:
            kept[key] = record
    return list(kept.values())


def _without_overlaps(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for record in sorted(records, key=lambda r: (r["start"], -r["end"])):
        if kept and record["start"] < kept[-1]["end"]:
            continue
        kept.append(record)
    return kept


@Language.factory("presslens_framing")
def make_framing_tagger(nlp: Language, name: str) -> FramingTagger:
    valence_lexicon()  # read at pipeline build time, not on the first article
    return FramingTagger()

