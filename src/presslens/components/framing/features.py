"""The features the framing models read: of each token for the span tagger, of each
candidate run for the span scorer, of each span for the technique classifier, and of each
run's clause for the extension model. ``scripts/train_framing.py`` trains on the same
functions, so that training and run time see the same figures.

The valence lexicon of VADER tells every model how charged a word is:

>>> valence_bucket(-2.6)
'n3'
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span

from presslens.components import doc_lowered, doc_memo, doc_text
from presslens.components.framing.spans import without_edge_punctuation
from presslens.memo import trim_memo

# Width of spaCy's contextual token vectors (en_core_web_sm's tok2vec).
TENSOR_WIDTH = 96
# How many figures about the tagger's confidence open a candidate's vector (the run's, its
# sentence's and its article's), before the run's and the sentence's mean contextual vectors.
RUN_STATS = 13

WORD = re.compile(r"\w+")


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
    _, buckets, sentence = valences(doc)
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


def valences(doc: Doc, sentences: list[tuple[int, int]] | None = None
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
    values = valences(doc)[0]
    charged = [v for v in values[first:last + 1] if v is not None]
    negative, positive = any(v < 0 for v in charged), any(v > 0 for v in charged)
    around = [abs(v) for v in values[sentence[0]:sentence[1]] if v is not None]
    return [f"vmax={valence_bucket(max(charged, key=abs)) if charged else '-'}",
            f"vn={min(3, len(charged))}",
            "vsign=" + ("np" if negative and positive else "n" if negative else
                        "p" if positive else "-"),
            f"vsn={min(4, len(around))}", f"vsmax={min(4, int(max(around, default=0)))}"]


def contextual_vectors(doc: Doc) -> Any:
    """spaCy's contextual token vectors (``doc.tensor``, one row per token from the shared
    tok2vec, computed by the parse anyway), or zeros where a document has none."""
    import numpy

    tensor = getattr(doc, "tensor", None)
    if tensor is None or getattr(tensor, "shape", (0,))[0] != len(doc) or \
            len(tensor.shape) != 2 or tensor.shape[1] != TENSOR_WIDTH:
        return numpy.zeros((len(doc), TENSOR_WIDTH), dtype="float32")
    return numpy.asarray(tensor, dtype="float32")


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
    article = article or article_stats(doc, inside, threshold)
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


def article_stats(doc: Doc, inside: list[float], threshold: float) -> tuple[float, float]:
    """How dense in techniques the tagger reads the whole article: its mean probability
    over the tokens, and the share of tokens that reach ``threshold``."""
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
        features.append(f"wcnt={min(5, word_count(lowered, phrase))}")
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
        features.append(f"rcnt={min(6, word_count(lowered, root.lower_))}")
    if sentence_start == 0:
        features.append("title")
    return features


_WORD_CHAR = re.compile(r"\w")


def word_count(lowered: str, phrase: str) -> int:
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
    words = [w.lower() for w in WORD.findall(text[start:end])]
    features = [f"w={w}" for w in words]
    features += [f"bi={a}|{b}" for a, b in zip(words, words[1:], strict=False)]
    if words:
        features += [f"first={words[0]}", f"last={words[-1]}"]
    length = len(words)
    bucket = "1" if length <= 1 else "2" if length == 2 else "4" if length <= 4 else \
        "8" if length <= 8 else "16" if length <= 16 else "long"
    features.append(f"len={bucket}")
    before = [w.lower() for w in WORD.findall(text[max(0, start - 40):start])][-3:]
    after = [w.lower() for w in WORD.findall(text[end:end + 40])][:3]
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


def extension_features(doc: Doc, first: int, last: int, extended: tuple[int, int],
                       sentence: tuple[int, int], vector: Any, score: float) -> Any:
    """Features for deciding whether a chosen run stands for its clause (``extension_of``):
    the tagger's confidence over run, sentence and article and the sentence's mean
    contextual vector (parts of ``candidate_features``' vector), how much of its sentence
    the run covers, the sentence's length, the span scorer's score and how much longer the
    clause is than the run."""
    import numpy

    words_first, words_last = without_edge_punctuation(doc, sentence[0], sentence[1] - 1)
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
