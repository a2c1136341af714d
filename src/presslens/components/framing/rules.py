"""What a journalist checks first, by rule: ``scare_quotes`` (a term in quotation marks with
no one saying it, "so-called …"), ``weasel_attribution`` (a claim pinned on "critics",
"many", "sources", "it is believed") and ``unattributed_claim`` (a contested claim in the
outlet's voice with no source), with the count of claim sentences that are attributed and
that are not.

>>> bool(_IMPERSONAL.search("It is widely believed that the talks failed."))
True
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import Any

from spacy.attrs import IS_ALPHA, LOWER
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_memo, doc_text
from presslens.components.framing.actors import ACTOR_LABELS, labelled_actor, subject_actor
from presslens.components.framing.features import WORD, valences
from presslens.components.framing.labels import (
    ACTOR_LABEL_SCORE,
    actor_label_terms,
    is_actor_noun,
)
from presslens.components.framing.records import (
    framing_record,
    framing_words,
    overlaps,
    without_overlaps,
)
from presslens.components.framing.spans import quoted_stretches
from presslens.components.framing.voice import Voices

_WORD_LISTS = framing_words()

MAX_SCARE_QUOTE_WORDS = 4

# Vague sources of a claim ("critics say", "it is believed").
_IMPERSONAL = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|"
    r"it\s+is\s+(?:widely\s+|generally\s+|now\s+)?(?:believed|thought|said|reported|"
    r"alleged|claimed|feared|understood|rumou?red)|according\s+to\s+(?:some\s+|unnamed\s+|"
    r"media\s+|press\s+)?(?:reports|sources|observers|experts|analysts|critics))\b",
    re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso[-\s]called\b", re.IGNORECASE)
# "So-called" before a body or a group labels it; no camp owns the word.
SO_CALLED_SIDE = "other"
# Vague sources and what they are said to do ("many have questioned", "critics say").
VAGUE_SOURCES = _WORD_LISTS["vague_sources"]
VAGUE_VERBS = _WORD_LISTS["vague_verbs"]
# Opinions held by no one in particular: "is widely regarded as", "is said to", "a group
# believed to be linked to"; with no "by" naming who holds them.
OPINION_PARTICIPLES = _WORD_LISTS["opinion_participles"]
# Verbs that claim to know an actor's aims, the commonest unattributed claims of intent.
INTENT_CLAIMS = _WORD_LISTS["intent_verbs"]

# Words after which quoted words are someone's words, not the outlet's distance.
SAYING_WORDS = _WORD_LISTS["saying_words"]


def _positions_of(doc: Doc, words: frozenset[str] | set[str]) -> list[int]:
    """The tokens whose lower-case form is one of ``words``, read from one array of ids."""
    wanted = {doc.vocab.strings.add(word) for word in words}
    return [i for i, key in enumerate(doc.to_array(LOWER).tolist()) if key in wanted]


# Verbs that name or blame with someone's own term ("termed these encounters “unsafe”",
# "blamed unnamed “infiltrators”"): a quoted term in their sentence is that someone's.
NAMING_VERBS = _WORD_LISTS["naming_verbs"]


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
    # A naming verb between the sentence's start and the quotation, looked up in the
    # article's list of them: walking the sentence for each quotation made an article of
    # thousands of short quotations in one sentence quadratic.
    starts, naming = _sentence_starts_and_naming_verbs(doc)
    sentence_start = starts[bisect_right(starts, span.start) - 1] if starts else 0
    first = bisect_left(naming, sentence_start)
    return first < len(naming) and naming[first] < span.start


_NAMING_KEY = "presslens_framing_naming_verbs"


def _sentence_starts_and_naming_verbs(doc: Doc) -> tuple[list[int], list[int]]:
    """The token index where each sentence starts, and those of the naming verbs, in order
    (listed once per article)."""
    memo = doc_memo(doc, "framing")
    found = memo.get(_NAMING_KEY)
    if found is None:
        found = memo[_NAMING_KEY] = (
            [s.start for s in doc.sents] if len(doc) else [],
            [t.i for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in NAMING_VERBS])
    return found


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
    values = valences(sentence.doc)[0]
    labels = actor_label_terms().words()
    for token in sentence:
        value = values[token.i]
        if token.pos_ in ("ADJ", "ADV") and value is not None and \
                abs(value) >= EVALUATIVE_VALENCE and not token.ent_type_ and \
                token.lemma_.lower() not in labels:
            return "evaluative"
    if overlaps(loaded, sentence.start_char, sentence.end_char):
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
    # Counted on the array of flags: walking the tokens made a Python object of each.
    words = int(doc.to_array([IS_ALPHA]).sum()) or 1
    techniques = sum(1 for r in found if r["label"] in PTC_TECHNIQUES)
    return "charged" if 100 * techniques / words >= CHARGED_ARTICLE else "calm"


# The technique records whose wording makes a narrated sentence a claim (``loaded``).
LOADED_TECHNIQUES = frozenset({"loaded_language", "name_calling", "doubt", "exaggeration",
                               "appeal_to_fear", "causal_oversimplification"})
PTC_TECHNIQUES = {"loaded_language", "name_calling", "repetition", "doubt", "exaggeration",
                   "appeal_to_fear", "flag_waving", "causal_oversimplification",
                   "appeal_to_authority", "slogans", "whataboutism", "black_and_white",
                   "thought_terminating_cliche", "bandwagon"}


def scare_quote_records(doc: Doc, voices: Voices) -> list[dict[str, Any]]:
    """Terms in quotation marks that no one is quoted as saying, and "so-called …". A
    short quotation inside reported speech is either the speaker's term ('said the
    attack was "cowardly"', as wire copy quotes) or the outlet's distance from it
    ('declared that the mission will move to an "advisory" role', as state media
    write): it has a basis of its own, calibrated apart."""
    records = []
    labels: list[dict[str, Any]] = []
    text = doc_text(doc)
    for stretch in quoted_stretches(doc):
        words = WORD.findall(text[stretch.start:stretch.end])
        if not words or len(words) > MAX_SCARE_QUOTE_WORDS:
            continue
        if overlaps(voices.direct, stretch.start, stretch.end):
            continue  # someone's own words (a partial quote), not a term held at arm's length
        before = [w.lower() for w in WORD.findall(text[max(0, stretch.start - 50):
                                                        stretch.start])][-5:]
        if any(w in SAYING_WORDS for w in before):
            continue  # "termed them “unsafe”", "chanting “Death to America”"
        if _partial_quotation(doc, text, stretch.start, stretch.end, words):
            continue
        start, end = max(0, stretch.start - 1), min(len(text), stretch.end + 1)
        reported = voices.quoted(stretch.start, stretch.end)
        records.append(framing_record(doc, start, end, "scare_quotes", 0.9,
                                      labelled_actor(doc.char_span(
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
        closing = _closing_mark_of(doc, span.end, phrase_end)
        if closing != phrase_end:
            phrase_end = closing
            if closing + 1 < len(doc) and doc[closing + 1].pos_ == "NOUN" and \
                    is_actor_noun(doc[closing + 1]):
                phrase_end += 1  # the so-called “Steadfast Shield” coalition
        named = [t for t in doc[span.end:phrase_end + 1] if not t.is_punct]
        end = doc[phrase_end].idx + len(doc[phrase_end])
        actor = labelled_actor(doc[span.start:phrase_end + 1])
        records.append(framing_record(doc, match.start(), end, "scare_quotes", 0.9, actor,
                                      basis="so_called"))
        if named and is_actor_noun(named[-1]):
            # "the so-called international coalition", "the so-called Office of Financial
            # Enforcement": the distance is also a label of the body, which every side's
            # outlets use of the other's ("other" in lexicons/actor_labels.txt); the label's
            # record is the one the naming tables read.
            label = framing_record(doc, match.start(), end, "actor_label", ACTOR_LABEL_SCORE,
                                   actor, basis=SO_CALLED_SIDE if actor is not None
                                   else f"{SO_CALLED_SIDE}|unnamed")
            label["side"] = SO_CALLED_SIDE
            labels.append(label)
    return without_overlaps(records) + labels


def opens_with_so_called(text: str) -> bool:
    """Whether a flag's words open with "so-called": its scare quote, or the label it makes
    of a body."""
    return _SO_CALLED.match(text) is not None


# How many words a quoted name after "so-called" may run to ("the so-called “Office of
# Financial Enforcement”").
_QUOTED_NAME_TOKENS = 10


def _closing_mark_of(doc: Doc, first: int, last: int) -> int:
    """``last``, or the closing quotation mark of a name that "so-called" puts in quotation
    marks and the words from ``first`` to ``last`` open but do not close."""
    opened = [t.i for t in doc[first:last + 1] if t.text in ("“", '"')]
    if not opened or any(t.text in ("”", '"') for t in doc[opened[-1] + 1:last + 1]):
        return last
    for token in doc[last + 1:opened[-1] + _QUOTED_NAME_TOKENS]:
        if token.text in ("”", '"'):
            return token.i
        if token.text in (".", ";") or token.is_space:
            break
    return last


def weasel_records(doc: Doc) -> list[dict[str, Any]]:
    records = []
    for quote in doc._.quotes or []:
        speaker = quote.get("speaker") or {}
        cue = quote.get("cue")
        if not speaker.get("anonymous") or speaker.get("start") is None:
            continue
        start, end = speaker["start"], speaker["end"]
        if cue and abs(cue["start"] - end) < 40:
            start, end = min(start, cue["start"]), max(end, cue["end"])
        records.append(framing_record(doc, start, end, "weasel_attribution", 0.8,
                                      basis="unnamed_speaker"))
    for match in _IMPERSONAL.finditer(doc_text(doc)):
        records.append(framing_record(doc, match.start(), match.end(),
                                      "weasel_attribution", 0.8, basis="impersonal"))
    for token in (doc[i] for i in _positions_of(doc, VAGUE_SOURCES)):
        # "Many have questioned", "critics say", "some experts argue"
        if token.dep_ == "nsubj" and \
                token.head.lemma_.lower() in VAGUE_VERBS and not any(
                    c.ent_type_ or c.pos_ == "PROPN" for c in token.children):
            start = token.left_edge.idx
            end = token.head.idx + len(token.head)
            if end > start:
                records.append(framing_record(doc, start, end, "weasel_attribution", 0.7,
                                              basis="vague_source"))
    for token in (doc[i] for i in _positions_of(doc, OPINION_PARTICIPLES)):
        span = _agentless_opinion(token)
        if span is not None:
            records.append(framing_record(doc, *span, "weasel_attribution", 0.7,
                                          basis="agentless_opinion"))
    return without_overlaps(records)


def claim_records(doc: Doc, voices: Voices, found: list[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Claim sentences: attributed when someone says them (a quote or reported speech
    covers them); unattributed when the outlet's own narration loads an actor or claims
    to know its aims."""
    counts = {"attributed": 0, "unattributed": 0}
    records = []
    loaded = [(r["start"], r["end"]) for r in found if r["label"] in LOADED_TECHNIQUES]
    band = article_band(doc, found)
    weasels = [(r["start"], r["end"]) for r in found if r["label"] == "weasel_attribution"]
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        if voices.touches(start, end):
            counts["attributed"] += 1
            continue
        if overlaps(weasels, start, end):
            counts["attributed"] += 1  # a vague source is a source
            continue
        basis = claim_basis(sentence, loaded)
        if basis is None:
            continue
        basis = f"{basis}|{band}"
        counts["unattributed"] += 1
        text = doc_text(doc)[start:end]
        stripped_end = start + len(text.rstrip())
        records.append(framing_record(doc, start, stripped_end, "unattributed_claim", 0.6,
                                      subject_actor(sentence), basis))
    return records, counts
