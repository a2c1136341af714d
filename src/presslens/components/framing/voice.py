"""Whose voice a stretch of an article is in: the outlet's, or a source's.

A framing flag in the outlet's own voice says that the outlet framed the story; one on words
a source is reported to have said or written says nothing of the kind. The quote component
(``doc._.quotes``) finds quotations with their speakers; framing needs something simpler and
wider: every stretch credited to someone, whether or not a speaker could be named. Beside the
quote component's contents, this module credits:

- quotations of several words, and short ones after a headline or title word (no outlet
  narrates in its own voice between quotation marks);
- what follows a speaker and a colon (``Ryabkov: "…"``, ``The statement read: …``);
- the turns of an interview printed as a transcript, each paragraph opened by its speaker
  (``((WN)) …``, ``Q: … A: …``, ``Derakhshani: …``), when the article has several;
- sentences sourced with "according to", "quoted by" …, also at their end;
- statements, tweets and posts that a sentence reports as "read", "issued", "released" or
  "posted" (``"…," read the KRSC statement``);
- the content clause of a reporting verb (``the ministry said that …``, ``accused X of …``);
- a designation reported as someone's act (``was classified as a terrorist group by …``).

Two lists come back: ``direct`` (a source's own words: quotations and what follows a speaker's
colon) and ``attributed`` (``direct`` and everything reported as said). A scare quote or a
"so-called" inside reported speech is the outlet's choice of words (the source said it in
other words or another language), so scare quotes are quoted voice only inside ``direct``.

>>> doc = nlp('"It was a cowardly crime," read the statement.')  # doctest: +SKIP
>>> attributed_voice(doc).attributed  # doctest: +SKIP
[(0, 46)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text
from presslens.components.speech_cues import cues_speech, find_quoted_stretches, reporting_verbs
from presslens.lexicons import lexicon_json

ATTRIBUTION_CUES = "attribution_cues.json"
# A quotation this long is someone's words: the outlet holds a term at arm's length with one
# to four words ("advisory", "regime change"), never with a clause.
MIN_QUOTATION_WORDS = 5
# How long the part before a colon may be for it to name a speaker ("Ryabkov:", "The KRSC
# statement read:"); a longer one is a sentence of narration that happens to use a colon.
MAX_SPEAKER_TOKENS = 15


@dataclass(frozen=True, slots=True)
class Voices:
    """Character stretches in a source's voice (see the module docstring)."""

    direct: list[tuple[int, int]]
    attributed: list[tuple[int, int]]

    def quoted(self, start: int, end: int, direct_only: bool = False) -> bool:
        """Whether ``start``..``end`` lies inside one stretch of quoted voice."""
        spans = self.direct if direct_only else self.attributed
        return any(s <= start and end <= e for s, e in spans)

    def touches(self, start: int, end: int) -> bool:
        """Whether ``start``..``end`` overlaps any stretch of quoted voice."""
        return any(start < e and s < end for s, e in self.attributed)


@cache
def _cues() -> dict[str, frozenset[str]]:
    data = lexicon_json(ATTRIBUTION_CUES)
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


_VOICES_KEY = "presslens_framing_voices"


def attributed_voice(doc: Doc) -> Voices:
    """The stretches of ``doc`` in quoted voice, worked out once per document from
    ``doc._.quotes`` and the shapes listed in the module docstring."""
    cached = doc.user_data.get(_VOICES_KEY)
    if cached is not None:
        return cached
    text = doc_text(doc)
    direct: list[tuple[int, int]] = []
    attributed: list[tuple[int, int]] = []
    for quote in doc._.quotes or []:
        content = quote.get("content") or {}
        if content.get("start") is None:
            continue
        span = (content["start"], content["end"])
        attributed.append(span)
        if quote.get("kind") == "direct":
            direct.append(span)
    direct += _long_quotations(doc, text)
    direct += _after_speaker_colon(doc, text)
    direct += _transcript_turns(text)
    attributed += direct
    for sentence in doc.sents:
        attributed += _sourced_sentence(sentence)
        attributed += _reported_clauses(sentence)
    voices = Voices(merged_spans(direct), merged_spans(attributed))
    doc.user_data[_VOICES_KEY] = voices
    return voices


def forget_voice(doc: Doc) -> None:
    """Drop the per-document table once framing is done with the document."""
    doc.user_data.pop(_VOICES_KEY, None)


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans with those that overlap or touch joined, in order."""
    result: list[list[int]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return [(s, e) for s, e in result]


def _long_quotations(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Quotations of MIN_QUOTATION_WORDS words or more, and shorter ones a title word
    introduces (a headline, a slogan, a hashtag)."""
    titles = _cues()["title_words"]
    found = []
    for stretch in find_quoted_stretches(text):
        words = text[stretch.start:stretch.end].split()
        before = text[max(0, stretch.start - 40):stretch.start].lower().split()[-3:]
        if len(words) >= MIN_QUOTATION_WORDS or any(w.strip(",:;") in titles for w in before):
            found.append((stretch.start, stretch.end))
    return found


_COLON_MARKS = ('"', "“", "‘", "'", "«", "„")
# A paragraph opened by its speaker, as transcripts print interviews: "((Dorsa
# Derakhshani))", "Q:", "Answer:", "Keysers:". Bracketed tags are explicit; a name and a
# colon is a turn only in an article with several of them (one is a headline's shape).
_TURN = re.compile(r"(?m)^[ \t]*(?:\(\((?P<bracketed>[^()\n]{1,60})\)\)"
                   r"|\[(?P<square>[^\]\n]{1,60})\]"
                   r"|(?P<name>Q|A|Question|Answer|[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
                   r"[ \t]*:)[ \t]*(?=\S)")
# How many speaker-opened paragraphs make an article a transcript.
MIN_TURNS = 3


def _transcript_turns(text: str) -> list[tuple[int, int]]:
    """The turns of an interview printed as a transcript, each without its speaker tag and
    running to the next tag (an answer may take several paragraphs; the last turn ends with
    its paragraph), when the article has at least MIN_TURNS tags and two speakers or more."""
    tags = [(m["bracketed"] or m["square"] or m["name"], m.start(), m.end())
            for m in _TURN.finditer(text)]
    if len(tags) < MIN_TURNS or len({s.strip().lower() for s, _, _ in tags}) < 2:
        return []
    turns = []
    for index, (_, _, start) in enumerate(tags):
        if index + 1 < len(tags):
            end = tags[index + 1][1]
        else:
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            turns.append((start, end))
    return turns


def _after_speaker_colon(doc: Doc, text: str) -> list[tuple[int, int]]:
    """What follows a speaker's colon, to the end of its paragraph: ``Ryabkov: "…"`` (a
    named speaker and a quotation mark), ``The statement read: …`` and ``Fox News reports:
    …`` (a reporting verb or a statement noun before the colon). A named place before a colon
    without a quotation after it is a headline's shape ("Iraq: attacks increase"), the
    outlet's own."""
    cues = _cues()
    verbs = cues["statement_verbs"] | reporting_verbs().keys()
    found: list[tuple[int, int]] = []
    if ":" not in doc.vocab.strings or not len(doc):
        return found
    # The colons, found in the array of ids: most tokens are no colon.
    colons = (doc.to_array([ORTH]) == doc.vocab.strings[":"]).nonzero()[0].tolist()
    for index in colons:
        token = doc[index]
        if token.i + 1 >= len(doc):
            continue
        sentence = token.sent
        left = doc[sentence.start:token.i]
        if not len(left) or len(left) > MAX_SPEAKER_TOKENS:
            continue
        start = token.idx + 1
        while start < len(text) and text[start] in " \t":
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end <= start:
            continue
        opens_quotation = text.startswith(_COLON_MARKS, start)
        reports = any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs for t in left) \
            or any(t.lemma_.lower() in cues["statement_nouns"] for t in left)
        named = any(t.ent_type_ in cues["speaker_colon_types"] for t in left)
        if reports or (named and opens_quotation):
            found.append((start, end))
    return found


def _sourced_sentence(sentence: Span) -> list[tuple[int, int]]:
    """The whole sentence where it names its source: "according to", "quoted by" …, or a
    statement it reports as read, issued, released or posted."""
    cues = _cues()
    lowered = sentence.text.lower()
    whole = [(sentence.start_char, sentence.end_char)]
    if any(phrase in lowered for phrase in cues["source_phrases"]):
        return whole
    nouns, verbs = cues["statement_nouns"], cues["statement_verbs"]
    for token in sentence:
        if token.lemma_.lower() not in nouns or token.pos_ not in ("NOUN", "PROPN"):
            continue
        head = token.head
        # "read the KRSC statement", "the statement said", "in a statement", "a statement
        # issued by the ministry"
        if token.dep_ in ("nsubj", "nsubjpass", "dobj") and head.lemma_.lower() in verbs:
            return whole
        if token.dep_ == "pobj" and head.lower_ in ("in", "on", "via", "through") and \
                any(c.dep_ in ("det", "poss") for c in token.children):
            return whole
        if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in verbs
               for c in token.children):
            return whole
    return []


def _reported_clauses(sentence: Span) -> list[tuple[int, int]]:
    """The content of reported speech the sentence holds: a reporting verb's clause ("said
    that …", "accused Washington of seeking …") and a designation credited to an agent
    ("was classified as … by the United States")."""
    verbs = reporting_verbs()
    # Verbs of a designation reported as someone's act ("classified as a terrorist group by").
    designations = _cues()["designation_verbs"]
    found = []
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        if lemma in verbs and _has_speaker(token) and cues_speech(
                lemma, {c.lower_ for c in token.children}):
            for child in token.children:
                if child.dep_ == "ccomp":
                    found.append(_subtree_chars(child))
                elif child.dep_ == "prep" and child.lower_ in ("of", "for", "about"):
                    found += [_subtree_chars(c) for c in child.children
                              if c.dep_ in ("pcomp", "pobj")]
        if lemma in designations and token.tag_ == "VBN" and _designated_by(token):
            found.append(_subtree_chars(token))
    return found


def _designated_by(verb: Token) -> bool:
    """Whether a designation names who made it: an agent, or a "by" the parser hung on
    what it was designated ("was designated a terrorist organization by the State
    Department")."""
    return any(c.dep_ == "agent" or (c.dep_ in ("dobj", "oprd", "attr") and any(
        g.dep_ == "prep" and g.lower_ == "by" for g in c.children)) for c in verb.children)


def _has_speaker(verb: Token) -> bool:
    """Whether a reporting verb has someone saying it: a subject other than an expletive
    "it" ("it is said" names no one), or an agent."""
    return any(child.dep_ in ("nsubj", "agent") and not (
        child.dep_ == "nsubj" and child.lower_ == "it") for child in verb.children)


def _subtree_chars(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)
