"""Character-level reading of quotes and clauses: where an attribution before or after a
quotation starts and ends, whether a quotation carries on the one before, and the trimmed
offsets of a clause or a run of tokens.

>>> clause_end("the minister said. Later", 0), clause_start("He left. Mr. Ali said", 21)
(17, 9)
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from presslens.components import doc_text
from presslens.components.quotes.words import ABBREVIATIONS
from presslens.components.speech_cues import (
    ANY_MARK,
    CLOSING_MARKS,
    OPENING_MARKS,
    STRAIGHT_MARK,
    QuotedStretch,
    is_closing,
    is_opening,
    mark_width,
)

# A quoted stretch shorter than this with no reporting verb is a scare quote or a term.
MIN_DIRECT_TOKENS = 4
MIN_INDIRECT_TOKENS = 3
# An attribution is a few words: looking further only finds other sentences' verbs, and
# costs time on texts with no sentence ends.
MAX_ATTRIBUTION_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?]")


def count_words(span: Span, enough: int, spaces: bool = False) -> int:
    """The words of ``span`` that are not punctuation (nor spaces, unless ``spaces``),
    counted up to ``enough``: callers only ask whether there are that many."""
    count = 0
    for token in span:
        if not token.is_punct and (spaces or not token.is_space):
            count += 1
            if count >= enough:
                break
    return count


def outside_quote(complement: Token, stretch: QuotedStretch) -> int:
    """The words of the complement that lie outside the quoted stretch."""
    return sum(1 for t in complement.subtree
               if not t.is_punct and not (stretch.start <= t.idx < stretch.end))


def trim_clause(head: Token, excluded: frozenset[int] = frozenset()
                ) -> tuple[int | None, int]:
    """The character offsets of a clause without the words in ``excluded``, its opening
    "that" or conjunction and its closing punctuation; ``(None, 0)`` when nothing is left."""
    tokens = sorted((t for t in head.subtree if t.i not in excluded), key=lambda t: t.i)
    # A colon before a quotation hands the words on to the quotation: the reported clause
    # ends there ("indicated X was disappointed: “While we …”").
    for position, token in enumerate(tokens[:-1]):
        if token.text == ":" and mark_width(doc_text(token.doc), tokens[position + 1].idx) and \
                position > 0:
            tokens = tokens[:position]
            break
    while tokens and (tokens[0].dep_ == "mark" and
                      tokens[0].lower_ in ("that", "whether", "if", "for")
                      or tokens[0].dep_ == "cc" and tokens[0].is_sent_start  # "But …, X said"
                      or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct and
                      tokens[-1].text not in CLOSING_MARKS + STRAIGHT_MARK):
        tokens.pop()
    doc = head.doc
    return trim_tokens(doc[tokens[0].i: tokens[-1].i + 1]) if tokens else (None, 0)


def trim_tokens(span: Span) -> tuple[int | None, int]:
    """The character offsets of a run of tokens without the punctuation and spaces at its
    edges (quotation marks stay); ``(None, 0)`` when nothing is left."""
    tokens = [t for t in span]
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and \
            tokens[0].text not in OPENING_MARKS + STRAIGHT_MARK:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and \
            tokens[-1].text not in CLOSING_MARKS + STRAIGHT_MARK:
        tokens.pop()
    if not tokens:
        return None, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def clause_end(text: str, start: int) -> int:
    """Where the attribution after a closing mark ends: the sentence's end or a new quote."""
    limit = min(len(text), start + MAX_ATTRIBUTION_CHARS)
    i = start
    while i < limit:
        ch = text[i]
        if ch == "\n" or ch in OPENING_MARKS or (mark_width(text, i) and is_opening(text, i)):
            return i
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n\"”") and \
                not _abbreviation_before(text, i):
            return i
        i += 1
    return limit


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the stop at ``stop`` ends an abbreviation or an initial ("Robert S. Mueller"),
    not a sentence."""
    if text[stop] != ".":
        return False
    word_start = stop
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:stop]
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def clause_start(text: str, end: int) -> int:
    """Where the attribution before an opening mark starts: the sentence's start."""
    limit = max(0, end - MAX_ATTRIBUTION_CHARS)
    i = end - 1
    while i > limit:
        ch = text[i]
        if ch == "\n" or ch in CLOSING_MARKS or (mark_width(text, i) and
                                                 is_closing(text, i)):
            return i + 1
        if ch in ".!?" and text[i + 1: i + 2] == " " and not _abbreviation_before(text, i):
            return i + 2
        i -= 1
    return limit


def continues(text: str, previous_end: int, stretch: QuotedStretch) -> bool:
    """Whether a quoted stretch with no cue of its own carries on the previous quote: in the
    same paragraph after its attribution, or opening the next paragraph."""
    between = text[previous_end:stretch.start]
    paragraphs = between.count("\n\n")
    if paragraphs == 0:
        return len(between) < 200 and bool(_SENTENCE_END.search(between)) and \
            not _other_sentence_between(text, previous_end, stretch.start)
    return paragraphs <= 1 and stretch.paragraph_start


def _other_sentence_between(text: str, start: int, end: int) -> bool:
    """Whether more than the attribution lies between two quotations of a paragraph: a
    quotation of its own ('“A,” X said. The summit achieved “too little,” he added. “B”')
    or a sentence of the writer's ('“A,” she said, but he was drifting off. “B”')."""
    inner = text[start:end].strip(" " + OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK + "'`")
    if ANY_MARK.search(inner):
        return True
    stops = [m.start() for m in _SENTENCE_END.finditer(text, start, end)
             if not _abbreviation_before(text, m.start())
             and text[m.start() + 1: m.start() + 2] in (" ", "\n")]
    return len(stops) > 1


def attribution_sentence(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is only the rest of an attribution's sentence and the
    opening mark of the next quotation (' Mr. Dube said from his office. “'): one stop
    that ends a sentence (not an abbreviation's), no quotation mark, no line break."""
    body = text[start:end].rstrip(" " + OPENING_MARKS + STRAIGHT_MARK + "'`")
    if not 1 < len(body.strip()) <= 100 or "\n" in body or body[-1:] not in ".!?" or \
            ANY_MARK.search(body):
        return False
    stops = [m.start() for m in _SENTENCE_END.finditer(text, start, start + len(body))
             if not _abbreviation_before(text, m.start())]
    return len(stops) == 1


def paragraphs_between(text: str, start: int, end: int) -> int:
    """How many paragraph breaks lie between two offsets."""
    return text[start:end].count("\n\n")


def inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls in one of the ``ranges``."""
    return any(start <= position < end for start, end in ranges)
