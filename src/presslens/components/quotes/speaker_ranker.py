"""Who a speaking pronoun or description points back to, ranked by a model.

The quote rules are exact when a name is the subject of the cue ("Ali said"). When the
subject is a pronoun ("he said") or a definite description ("the ministry said", "the MP
said"), they pick one antecedent by hand-written preferences. This module lists the
candidates such a speaker can point back to — the actors named before the quote or in its
sentence, and the earlier speakers without a name ("a PMF commander") — describes each by
where and how it is mentioned, and scores them with a logistic regression
(``models/speaker_ranker.npz``, trained by ``scripts/train_speaker_ranker.py``). The quote
component lets it overrule the rules only when told to (``QuoteExtractor.rank_speakers``;
docs/quotes.md gives the figures that keep it off).

>>> anchor_kind(None, frozenset())
'none'
>>> bucket(3, (1, 2, 4))
'<4'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import Any, Protocol

import numpy as np
from spacy.tokens import Span, Token

from presslens.learning import LinearClassifier, read_models

MODEL_FILE = "speaker_ranker.npz"
_DEFINITE = {"the", "this", "that"}
# Where a Doc keeps the candidates of each ranked speaker when the quote component is told
# to collect them (``QuoteExtractor.collect_rankings``): the training script reads them.
RANKINGS_KEY = "presslens_speaker_rankings"
# Candidates come from this many sentences back, and from every earlier speaker of the last
# few quotes however far.
WINDOW_SENTENCES = 10
RECENT_SPEAKERS = 3
_PRONOUN_KINDS = {"he": "he", "him": "he", "she": "she", "her": "she", "they": "they",
                  "them": "they", "it": "it"}
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_DISTANCE_EDGES = (1, 2, 3, 5, 8)
_TOKEN_EDGES = (10, 30, 80, 200)


class Positions(Protocol):
    """Stretches of text a character offset may fall in (``context.Stretches``)."""

    def __contains__(self, position: int, /) -> bool: ...


class EarlierSpeaker(Protocol):
    """What the ranker reads of an earlier quote's speaker (``speaker.Speaker``)."""

    clusters: list[int]
    head: Token | None
    anonymous: bool


@dataclass(slots=True)
class Candidate:
    """One actor a speaker may point back to: an entity cluster, or an earlier speaker the
    article does not name (``cluster`` None, ``speaker`` set)."""

    cluster: int | None
    mention: Span | None = None
    speaker: Any = None
    features: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArticleFacts:
    """What the quote extractor knows of the article, as the ranker needs it."""

    clusters: Sequence[Any]
    text: str
    sentence_starts: list[int]
    quoted: Positions
    contents: Positions
    verbs: Container[str]
    role_nouns: frozenset[str]
    gender: Callable[[int], str | None]
    context_of: Callable[[int], frozenset[str]]


def bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


def anchor_kind(head: Token | None, role_nouns: Container[str]) -> str:
    """What the speaker phrase is: a pronoun ("he", "she", "they", "it"), a role noun
    ("role": "the minister"), another noun ("noun": "the ministry", "the statement"), or
    "none"."""
    if head is None:
        return "none"
    if head.pos_ == "PRON":
        return _PRONOUN_KINDS.get(head.lower_, "other_pronoun")
    if head.lemma_.lower() in role_nouns:
        return "role"
    return "noun"


def points_back(head: Token, kind: str) -> bool:
    """Whether a speaker phrase points back to someone named before: a third-person
    pronoun, or a definite description of one ("the minister", "the ministry", not "a
    senior cleric" or "researchers", who are new and unnamed).

    A first-person pronoun is the quoted speaker's own and stays with the rules."""
    if kind in ("he", "she", "they", "it"):
        return True
    if kind not in ("role", "noun") or head.tag_ in ("NNS", "NNPS"):
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def _sentence_of(facts: ArticleFacts, token_index: int) -> int:
    return bisect_right(facts.sentence_starts, token_index) - 1


def _mention_role(mention: Span, facts: ArticleFacts) -> str:
    """The grammatical role of a mention: the subject of a reporting verb or of another
    verb, an object, inside a prepositional phrase, an appositive, a possessor."""
    root = mention.root
    dep = root.dep_
    if dep in _SUBJECT_DEPS:
        return "speech_subject" if root.head.lemma_.lower() in facts.verbs else "subject"
    if dep in ("dobj", "dative", "attr", "oprd"):
        return "object"
    if dep == "pobj":
        return "pobj_by" if root.head.lower_ == "by" else "pobj"
    if dep == "appos":
        return "appositive"
    if dep == "poss":
        return "possessor"
    if dep in ("compound", "nmod", "amod"):
        # "Iraqi officials", "the Pentagon spokesman": the name modifies the speaker.
        return "modifier"
    if dep == "conj":
        return "conjunct"
    return "other"


def _previous_index(previous: Sequence[EarlierSpeaker], candidate: Candidate) -> int | None:
    """How many quotes back the candidate last spoke (0: the previous quote), or None."""
    for back, speaker in enumerate(reversed(previous)):
        if candidate.cluster is not None and candidate.cluster in speaker.clusters:
            return back
        if candidate.speaker is not None and speaker is candidate.speaker:
            return back
    return None


def speaker_candidates(facts: ArticleFacts, anchor: Token, content: tuple[int, int],
                       previous: Sequence[EarlierSpeaker], kind: str | None = None,
                       skip: tuple[int, int] | None = None) -> list[Candidate]:
    """The candidates a speaker phrase at ``anchor`` (its head) may point back to, each with
    its features; ``content`` is the quote's own words, where its speaker is not named;
    ``kind`` overrides what the anchor is read as (``anchor_kind``) and ``skip`` is a stretch
    of text whose mentions are left out (a name hidden to make a training example)."""
    doc = anchor.doc
    anchor_sentence = _sentence_of(facts, anchor.i)
    horizon = facts.sentence_starts[max(0, anchor_sentence - WINDOW_SENTENCES)]
    sentence_end = facts.sentence_starts[anchor_sentence + 1] \
        if anchor_sentence + 1 < len(facts.sentence_starts) else len(doc)
    latest: dict[int, Span] = {}
    counts: dict[int, int] = {}
    for index, cluster in enumerate(facts.clusters):
        for mention in cluster.mentions:
            if mention.start >= sentence_end or anchor.i in range(mention.start, mention.end):
                continue
            if content[0] <= mention.start_char < content[1]:
                continue  # a quote's own words do not name who speaks them
            if skip is not None and skip[0] <= mention.start_char < skip[1]:
                continue
            if mention.start < anchor.i:
                counts[index] = counts.get(index, 0) + 1
            if mention.start < horizon:
                continue
            best = latest.get(index)
            # The latest mention before the anchor, else the first after it in its sentence.
            if best is None or (mention.start < anchor.i and
                                (best.start > anchor.i or mention.start > best.start)):
                latest[index] = mention
    candidates = [Candidate(index, mention) for index, mention in latest.items()]
    listed = set(latest)
    for speaker in list(previous)[-RECENT_SPEAKERS:]:
        for index in speaker.clusters:
            if index not in listed:
                candidates.append(Candidate(index, None))
                listed.add(index)
        if not speaker.clusters and speaker.head is not None and speaker.head.pos_ != "PRON" \
                and speaker.head.i < anchor.i:
            candidates.append(Candidate(None, None, speaker))
    kind = kind or anchor_kind(anchor, facts.role_nouns)
    by_recency = sorted(((c.mention.start, id(c)) for c in candidates if c.mention is not None),
                        reverse=True)
    rank_of = {key: rank for rank, (_, key) in enumerate(by_recency)}
    most = max(counts.values(), default=0)
    lemma = anchor.lemma_.lower()
    for candidate in candidates:
        candidate.features = _features(facts, candidate, anchor, kind, lemma, previous,
                                       rank_of.get(id(candidate)), counts, most)
    return candidates


def _features(facts: ArticleFacts, candidate: Candidate, anchor: Token, kind: str, lemma: str,
              previous: Sequence[EarlierSpeaker], rank: int | None, counts: dict[int, int],
              most: int) -> list[str]:
    if candidate.cluster is not None:
        cluster = facts.clusters[candidate.cluster]
        entity_type = cluster.type
    else:
        cluster, entity_type = None, "UNNAMED"
    features = [f"type={entity_type}", f"anchor={kind}&type={entity_type}"]
    if entity_type in _PLACE_TYPES:
        features.append(f"anchor={kind}&place")
    if entity_type == "PERSON" and kind in _PRONOUN_GENDER:
        gender = facts.gender(candidate.cluster) if candidate.cluster is not None else None
        agreement = "unknown" if gender is None else \
            "match" if gender == _PRONOUN_GENDER[kind] else "clash"
        features.append(f"gender={agreement}")
    back = _previous_index(previous, candidate)
    features.append("spoke=" + ("never" if back is None else "last" if back == 0 else "before"))
    features.append(f"anchor={kind}&spoke={'never' if back is None else min(back, 2)}")
    mention = candidate.mention
    if mention is None:
        features.append("not_in_window")
        return features
    sentences = _sentence_of(facts, anchor.i) - _sentence_of(facts, mention.start)
    features.append("sentences" + bucket(max(sentences, 0), _DISTANCE_EDGES))
    features.append(f"anchor={kind}&sentences" + bucket(max(sentences, 0), (1, 2, 4)))
    if mention.start > anchor.i:
        features.append("after_anchor")
    features.append("tokens" + bucket(abs(anchor.i - mention.start), _TOKEN_EDGES))
    low, high = sorted((mention.start_char, anchor.idx))
    features.append("same_paragraph" if "\n" not in facts.text[low:high] else "other_paragraph")
    role = _mention_role(mention, facts)
    features.append(f"role={role}")
    features.append(f"anchor={kind}&role={role}")
    if mention.start_char in facts.quoted:
        features.append("in_quotation")
    elif mention.start_char in facts.contents:
        features.append("in_reported_speech")
    features.append("recency" + bucket(rank or 0, (1, 2, 3, 5)))
    features.append(f"anchor={kind}&recency" + bucket(rank or 0, (1, 2, 3)))
    mentions = counts.get(candidate.cluster, 0) if candidate.cluster is not None else 0
    features.append("mentions" + bucket(mentions, (1, 2, 4, 8)))
    if mentions and mentions == most:
        features.append("most_mentioned")
    context = facts.context_of(candidate.cluster) \
        if candidate.cluster is not None and entity_type == "PERSON" else frozenset()
    if context & facts.role_nouns:
        features.append("has_role")
    if kind in ("role", "noun") and lemma in context:
        features.append("described_so")
    if kind in ("role", "noun") and lemma in {t.lemma_.lower() for t in mention}:
        features.append("named_with_anchor_word")  # "the ministry" after "the Foreign Ministry"
    return features


# Pairs of feature families whose joint values the ranker weighs: whether a speaker of an
# earlier quote who fits the pronoun's gender (or does not) is still who it points back to.
_PAIRED = (("spoke=", "gender="),)


def model_features(features: list[list[str]], rule: int | None) -> list[list[str]]:
    """What the model reads of each candidate: its features, the pairs of ``_PAIRED``, and
    the rules' own choice marked (the ranker learns how far to trust the rules for each kind
    of phrase and candidate)."""
    rows = []
    for number, row in enumerate(features):
        row = list(row)
        for left, right in _PAIRED:
            row += [f"{a}&{b}" for a in row if a.startswith(left)
                    for b in row if b.startswith(right)]
        if number == rule:
            kinds = [f for f in row if f.startswith("anchor=") and "&type=" in f]
            row += ["rules_choice"] + [f"rules_choice&{f}" for f in kinds]
        rows.append(row)
    return rows


@dataclass(slots=True)
class SpeakerRanker:
    """A logistic regression over candidate features (two labels, "right" and "wrong"), and
    when to prefer its choice to the rules': ``margin``, how much more likely its best
    candidate must be than the rules' antecedent, and ``floor``, how likely it must be
    where the rules found none."""

    model: LinearClassifier
    margin: float
    floor: float

    def probabilities(self, features: Sequence[list[str]]) -> list[float]:
        """P(candidate is the speaker) for each candidate's features, each on its own."""
        return [self.model.probabilities(row)["right"] for row in features]

    def choose(self, candidates: Sequence[Candidate], rule_choice: int | None
               ) -> Candidate | None:
        """The candidate to take over the rules' (``rule_choice``: its index among the
        candidates, None when the rules found none or one outside them), or None to keep
        the rules'."""
        if not candidates or rule_choice is not None and candidates[rule_choice].cluster is None:
            # "A police spokesman said … He added": an unnamed speaker who goes on is the
            # rules' to keep; no name stands to be found.
            return None
        probabilities = self.probabilities(
            model_features([c.features for c in candidates], rule_choice))
        best = int(np.argmax(probabilities))
        if rule_choice is None:
            return candidates[best] if probabilities[best] >= self.floor else None
        if best != rule_choice and probabilities[best] - probabilities[rule_choice] >= self.margin:
            return candidates[best]
        return None


def read_speaker_ranker(directory: Traversable) -> SpeakerRanker | None:
    """The ranker kept in ``directory``; None when its file is absent."""
    found = read_models(MODEL_FILE, directory)
    if found is None:
        return None
    models, meta = found
    return SpeakerRanker(models[""], float(meta["margin"]), float(meta["floor"]))

