"""How far to trust a rule's flag in the outlet's voice, read from the shape of its sentence.

The rules for scare quotes, weasel attributions and unattributed claims fire on wording; in a
plain report the same wording is often innocent: a present-tense description of a new
species or a black hole, a holiday's name in quotation marks ("Super Tuesday"), "reportedly"
on a verifiable detail of an event. ``models/framing_gate.npz`` holds a logistic regression
per label for claims and scare quotes (trained by ``scripts/train_framing_gate.py`` on the
development articles' judged flags, with every outlet-voice flag of a development set of
neutral Wikinews reports as a wrong one) that reads what the rule saw and what surrounds it
(``gate_features``: the rule, the kind of article, the sentence's length, tense and subject,
whether it holds numbers, dates, names, charged words and whom they judge, a modal or a
first person, how much the technique tagger reads it as a technique, its place in the
article, and for quoted terms the marks' context) and gives the probability that the flag is
right; its out-of-fold scores on those articles were mapped to the share right (an isotonic
map kept as knots), which is the flag's ``confidence``. No word of the sentence is a
feature: the model learns what kind of sentence the rules mistake, not a list of words. A
weasel hedge is not rescored by a model but by a judgement (``plain_hedge``): one on a plain
detail of a calm report takes the confidence such hedges had on the same articles.

>>> position_band(0.1), position_band(0.5), position_band(0.9)
('opening', 'middle', 'closing')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text
from presslens.components.framing.actors import ACTOR_LABELS
from presslens.components.framing.features import valences
from presslens.components.framing.records import framing_words
from presslens.components.framing.rules import (
    LOADED_TECHNIQUES,
    PTC_TECHNIQUES,
    article_band,
    claim_basis,
)
from presslens.learning import LinearClassifier, read_models

GATE_MODEL = "framing_gate.npz"
# The labels whose outlet-voice flags the gate reads: the rules that read wording alone. The
# model rescores the first two; a weasel flag is judged by whether it hedges a claim.
MODEL_LABELS = frozenset({"unattributed_claim", "scare_quotes"})
GATED_LABELS = MODEL_LABELS | {"weasel_attribution"}
# "so-called" distances the writer from a term by its meaning, whatever the sentence: it never
# fired on the neutral reports, so they hold no evidence against it, and it keeps the table's
# confidence.
UNGATED_BASES = frozenset({"scare_quotes:so_called"})
# How charged a word must be (VADER's scale) to count as evaluative here, as for the claim rule.
CHARGED = 2.0
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_FIRST_PERSON = frozenset({"we", "our", "us", "you", "your", "i", "my"})
_MODALS = frozenset({"should", "must", "ought", "need"})
_NUMERIC = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"})
_DATED = frozenset({"DATE", "TIME"})
_NAMING = frozenset({"as", "called", "dubbed", "named", "nicknamed", "titled", "known",
                     "term", "word", "phrase", "slogan", "hashtag", "campaign"})


def plain_hedge(features: list[str]) -> bool:
    """Whether a weasel flag hedges a plain detail of a calm report: its article narrates
    calmly (``band=calm``) and its sentence, hedge aside, makes no claim by the claim rule
    (``hedged_claim=none``). Wire copy credits details it has from other reports so
    ("the plane reportedly carried 150 people"); the hedge frames nothing of the outlet's."""
    return "band=calm" in features and "hedged_claim=none" in features


@dataclass(slots=True)
class Calibrated:
    """One label's model and its calibration knots (score → share right)."""

    model: LinearClassifier
    knots_x: list[float]
    knots_y: list[float]

    def confidence(self, features: list[str]) -> float:
        """The calibrated probability that a flag with these features is right."""
        score = self.model.probabilities(features)["right"]
        return interpolate(score, self.knots_x, self.knots_y)


@dataclass(slots=True)
class Gate:
    """A model per label of ``MODEL_LABELS`` and the confidence of a plain hedge
    (``plain_hedge``), measured on the same articles."""

    models: dict[str, Calibrated]
    plain_hedge: float

    def rescored(self, record: dict[str, Any], features: list[str]
                 ) -> tuple[float, str] | None:
        """A gated flag's confidence and basis, or None where the table's stand: the model
        of its label rescores a claim or a scare quote; a weasel flag keeps its confidence
        unless it is a plain hedge (basis ``…|plain``); a basis of ``UNGATED_BASES`` keeps the
        table's."""
        basis = record.get("basis") or record["label"]
        model = self.models.get(record["label"])
        if model is not None and basis not in UNGATED_BASES:
            return model.confidence(features), basis
        if record["label"] == "weasel_attribution" and plain_hedge(features):
            return self.plain_hedge, f"{basis}|plain"
        return None


def interpolate(value: float, xs: list[float], ys: list[float]) -> float:
    """Linear interpolation between knots, flat beyond the ends; the value itself without
    knots."""
    import numpy

    return float(numpy.interp(value, xs, ys)) if xs else value


def read_gate(directory: Traversable | None = None) -> Gate | None:
    """The gate kept in ``directory`` (the shipped one by default), or None where absent."""
    found = read_models(GATE_MODEL, directory or resources.files("presslens.models"))
    if found is None:
        return None
    models, meta = found
    return Gate({label: Calibrated(model, [float(x) for x in meta["knots"][label][0]],
                                   [float(y) for y in meta["knots"][label][1]])
                 for label, model in models.items()}, float(meta["plain_hedge"]))


def position_band(share: float) -> str:
    """How far into the article a flag stands (a share of its characters) as a feature value:
    the opening fifth, the middle, the closing fifth."""
    return "opening" if share < 0.2 else "middle" if share < 0.8 else "closing"


@dataclass(slots=True)
class ArticleContext:
    """What the gate reads of the whole article, worked out once per article."""

    band: str
    density: str
    paragraph_starts: list[int]
    techniques: list[tuple[int, int, str, float]]
    inside: list[float]


def _band(value: float, steps: tuple[float, ...]) -> int:
    return sum(value >= step for step in steps)


def article_context(doc: Doc, band: str, found: list[dict[str, Any]],
                    techniques: Collection[str], inside: list[float]) -> ArticleContext:
    """The article's kind (``band``), a finer step of its technique density, where its
    paragraphs begin, its technique records (``found`` of the labels in ``techniques``) and
    the tagger's probabilities."""
    text = doc_text(doc)
    words = sum(1 for t in doc if t.is_alpha) or 1
    kept = [(r["start"], r["end"], r["label"], float(r.get("score") or 0.0)) for r in found
            if r["label"] in techniques]
    density = 100 * len(kept) / words
    step = "d0" if not kept else "d1" if density < 0.35 else "d2" if density < 0.7 else \
        "d3" if density < 1.4 else "d4"
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    return ArticleContext(band, step, starts, kept, inside)


def _subject_kind(sentence: Span) -> str:
    subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and
                t.head == sentence.root]
    if not subjects:
        return "none"
    token = subjects[0]
    if token.ent_type_ in ACTOR_LABELS:
        return "actor"
    if token.ent_type_:
        return "entity"
    if token.pos_ == "PRON":
        return "we" if token.lower_ in _FIRST_PERSON else "pronoun"
    if token.pos_ == "PROPN":
        return "proper"
    return "common"


@cache
def _actor_nouns() -> frozenset[str]:
    words = framing_words()
    return frozenset(words["actor_head_nouns"] | words["group_nouns"] | words["state_nouns"])


def _is_actor(token: Token) -> bool:
    """Whether a word names an actor: a named person, group or state, a noun of persons,
    groups or state power, or a noun one of those owns or modifies ("Obama's zealotry",
    "Iran's regime")."""
    if token.ent_type_ in ACTOR_LABELS or token.lemma_.lower() in _actor_nouns():
        return True
    return any(c.dep_ in ("poss", "compound", "amod") and
               (c.ent_type_ in ACTOR_LABELS or c.lemma_.lower() in _actor_nouns())
               for c in token.children)


def _evaluates_actor(token: Token) -> bool:
    """Whether a charged word judges an actor: an adjective on an actor noun or predicated
    of an actor subject, a noun that is an actor or owned by one, a verb whose subject or
    object is one."""
    head = token.head
    if token.pos_ == "ADJ":
        if token.dep_ == "amod":
            return _is_actor(head)
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(_is_actor(s) for s in subjects)
    if token.pos_ == "NOUN":
        return _is_actor(token) or token.dep_ == "attr" and any(
            _is_actor(c) for c in head.children if c.dep_ == "nsubj")
    if token.pos_ == "VERB":
        return any(_is_actor(c) for c in token.children
                   if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
    return token.pos_ == "ADV" and _evaluates_actor(head) if head is not token else False


def _length_band(words: int) -> str:
    return "w<12" if words < 12 else "w<25" if words < 25 else "w<40" if words < 40 else "w40"


def sentence_features(sentence: Span) -> list[str]:
    """The sentence's shape: length, the root's tense and kind, its subject, negation, and
    whether it holds numbers, dates, named actors, charged adjectives or adverbs, a modal, a
    first or second person."""
    doc = sentence.doc
    values = valences(doc)[0]
    root = sentence.root
    words = sum(1 for t in sentence if t.is_alpha)
    features = [_length_band(words), f"root={root.tag_}",
                f"root_pos={root.pos_}", f"subject={_subject_kind(sentence)}"]
    if any(c.dep_ == "neg" for c in root.children):
        features.append("negated")
    if root.lemma_ == "be" or any(c.dep_ == "attr" for c in root.children):
        features.append("copula")
    entities = {t.ent_type_ for t in sentence if t.ent_type_}
    if entities & _NUMERIC or any(t.like_num for t in sentence):
        features.append("number")
    if entities & _DATED:
        features.append("date")
    if entities & ACTOR_LABELS:
        features.append("named_actor")
    charged = [values[t.i] for t in sentence
               if t.pos_ in ("ADJ", "ADV") and values[t.i] is not None
               and abs(values[t.i] or 0.0) >= CHARGED and not t.ent_type_]
    features.append(f"charged={min(2, len(charged))}")
    # Charged words that judge an actor ("the despotic mullahs", "Obama's zealotry") against
    # those that describe a thing ("positively-charged particles", "a villainous faction"
    # in a wrestling plot).
    judging = [t for t in sentence if t.pos_ in ("ADJ", "ADV", "NOUN", "VERB")
               and values[t.i] is not None and abs(values[t.i] or 0.0) >= CHARGED
               and not t.ent_type_]
    on_actor = sum(1 for t in judging if _evaluates_actor(t))
    features.append(f"judges_actor={min(2, on_actor)}")
    if len(judging) > on_actor:
        features.append("judges_thing")
    if any(abs(values[t.i] or 0.0) >= 3.0 for t in judging):
        features.append("strongly_charged")
    if any((v or 0.0) < 0 for v in charged):
        features.append("charged_negative")
    if any((v or 0.0) > 0 for v in charged):
        features.append("charged_positive")
    if any(t.tag_ == "MD" and t.lower_ in _MODALS for t in sentence):
        features.append("modal")
    if any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in sentence):
        features.append("first_person")
    if any(t.tag_ in ("JJS", "RBS") for t in sentence):
        features.append("superlative")
    names = sum(1 for t in sentence if t.ent_iob_ == "B")
    features.append(f"entities={min(3, names)}")
    adjectives = sum(1 for t in sentence if t.pos_ == "ADJ")
    features.append(f"adjectives={min(2, 10 * adjectives // max(words, 1))}")
    if any(t.dep_ == "auxpass" for t in sentence):
        features.append("passive")
    if any(t.is_quote for t in sentence):
        features.append("quotation_mark")
    return features


def _quote_features(doc: Doc, record: dict[str, Any]) -> list[str]:
    """For a term in quotation marks: how many words, whether capitalised as a name, what
    stands before it (a determiner, a naming word) and whether a noun follows."""
    text = doc_text(doc)
    inner = text[record["start"] + 1:record["end"] - 1]
    words = inner.split()
    features = [f"q_words={min(3, len(words))}"]
    if words and all(w[:1].isupper() for w in words):
        features.append("q_capitalised")
    if any(ch.isdigit() for ch in inner):
        features.append("q_digit")
    span = doc.char_span(record["start"], record["end"], alignment_mode="expand")
    if span is None:
        return features
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None:
        if before.pos_ == "DET":
            features.append("q_after_determiner")
        if before.lower_ in _NAMING:
            features.append("q_after_naming")
        if before.is_sent_start or before.is_punct and before.i == span.sent.start:
            features.append("q_sentence_start")
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        features.append("q_before_noun")
    inside = [t for t in span if t.is_alpha]
    if inside and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "DET") for t in inside):
        features.append("q_nominal")
    values = valences(doc)[0]
    if any(values[t.i] is not None and abs(values[t.i] or 0.0) >= 1.0 for t in inside):
        features.append("q_valenced")
    return features


def gated_flags(doc: Doc, records: list[dict[str, Any]], inside: list[float]
                ) -> list[tuple[dict[str, Any], list[str]]]:
    """The article's rule flags in the outlet's voice that the gate rescores, each with its
    features (``records``: all the article's framing records, voices set; ``inside``: the
    technique tagger's probability per token, ``techniques.tagger_probabilities``)."""
    gated = [r for r in records if r["label"] in GATED_LABELS and r.get("voice") == "outlet"]
    if not gated:
        return []
    context = article_context(doc, article_band(doc, records), records, PTC_TECHNIQUES,
                              inside)
    return [(record, gate_features(doc, record, context)) for record in gated]


def gate_features(doc: Doc, record: dict[str, Any], context: ArticleContext) -> list[str]:
    """What the gate reads of one rule flag: the rule and the kind of article, the
    sentence's shape, its place in the article, the techniques in it, and for a scare quote
    the marks' context."""
    basis = (record.get("basis") or record["label"]).partition("|")[0]
    features = [f"rule={basis}", f"label={record['label']}", f"band={context.band}",
                f"rule_band={basis}|{context.band}", f"density={context.density}",
                f"label_density={record['label']}|{context.density}"]
    bounds = record.get("sentence")
    sentence = doc.char_span(bounds["start"], bounds["end"], alignment_mode="expand") \
        if bounds else None
    if sentence is not None and len(sentence):
        sentence = sentence[0].sent
        features += [f"{record['label']}:{f}" for f in sentence_features(sentence)]
        around = context.inside[sentence.start:sentence.end]
        if around:
            # How much the sentence reads like the PTC articles' techniques to the tagger.
            features.append(f"tagger_max={_band(max(around), (0.3, 0.5, 0.7, 0.85))}")
            mean = sum(around) / len(around)
            features.append(f"tagger_mean={_band(mean, (0.1, 0.2, 0.3, 0.45))}")
        features.append(f"{record['label']}:{valences(doc)[2][sentence.start]}")
        inside_sentence = [(label, score) for start, end, label, score in context.techniques
                           if start < sentence.end_char and sentence.start_char < end]
        features += [f"technique={label}" for label in sorted({t for t, _ in
                                                               inside_sentence})]
        if not inside_sentence:
            features.append("technique=none")
        else:
            # How sure the technique model is of the surest record in the sentence.
            best = max(score for _, score in inside_sentence)
            features.append(f"technique_score={_band(best, (0.5, 0.6, 0.7, 0.8))}")
            features.append(f"techniques={min(3, len(inside_sentence))}")
    # The lead paragraph, and how far into the article by characters: how a text is cut
    # into paragraphs varies between sources (one sentence a line in some), so the place
    # is read from the characters, not from the paragraph count.
    paragraph = bisect_right(context.paragraph_starts, record["start"]) - 1
    features.append("lead_paragraph" if paragraph <= 1 else "later_paragraph")
    features.append(f"place={position_band(record['start'] / max(1, len(doc_text(doc))))}")
    if record["label"] == "scare_quotes" and not basis.endswith("so_called"):
        features += _quote_features(doc, record)
    if record["label"] == "weasel_attribution":
        hedge = record["text"].lower().split()
        features.append(f"hedge_words={min(3, len(hedge))}")
        if sentence is not None and len(sentence):
            # Whether the hedge carries a claim the outlet would otherwise be making.
            loaded = [(start, end) for start, end, label, _ in context.techniques
                      if label in LOADED_TECHNIQUES]
            features.append(f"hedged_claim={claim_basis(sentence, loaded) or 'none'}")
    return features
