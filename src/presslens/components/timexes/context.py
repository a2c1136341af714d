"""What the time grammar reads and writes while it normalises one document: the candidate
expressions (``Found``) and the document's ``Context`` (text, parse, DCT, and the reference
times anaphoric expressions read from)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text
from presslens.components.timexes.tense import direction
from presslens.temporal import granularity

LETTER_RUN = re.compile("[a-z]+")
_CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate: a pattern's match and what it normalises to."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    # Whether the value was read from another time (the DCT or an earlier expression).
    relative: bool = False
    # For a date written with its weekday: whether the two agree (None when no weekday).
    weekday_agrees: bool | None = None


class Context:
    """What normalising one document needs: its text, parse, DCT and reference times."""

    def __init__(self, doc: Doc, dct: date | None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.dct = dct
        self._token_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self._words: set[str] | None = None
        # The last DATE value written so far, for "a year earlier", "the quarter".
        self.reference: str | None = None
        self.reference_quarter: str | None = None
        # Expressions normalised so far, in text order.
        self.found: list[Found] = []

    def words(self) -> set[str]:
        """The text's runs of letters, lower-cased, as the grammar's case-insensitive
        patterns see them (Python's re also matches dotted and dotless I as "i", the long s
        as "s", the Kelvin sign as "k")."""
        if self._words is None:
            folded = self.text.translate(_CASE_FOLDS).lower()
            self._words = set(LETTER_RUN.findall(folded))
        return self._words

    def event_date(self, noun: str, before: int) -> str | None:
        """The day-precise date of the event "the attack" refers back to: a dated sentence
        just before that names it, else the nearest dated sentence just before (the
        event was told there in other words: "a drone strike"), else any earlier dated
        sentence that names it."""
        if not self.doc.has_annotation("SENT_START"):
            return None
        earlier = [sent for sent in self.doc.sents if sent.start_char < before]
        earlier.reverse()

        def dated(sent: Span) -> str | None:
            for found in reversed(self.found):
                if sent.start_char <= found.start and found.end <= min(sent.end_char, before) \
                        and granularity(found.value) == "day":
                    return found.value
            return None

        def names(sent: Span) -> bool:
            return any(t.pos_ == "NOUN" and t.lemma_.lower() == noun for t in sent)

        nearby = earlier[:3]
        for sent in nearby:
            if names(sent) and dated(sent):
                return dated(sent)
        for sent in nearby:
            if dated(sent):
                return dated(sent)
        for sent in earlier[3:]:
            if names(sent) and dated(sent):
                return dated(sent)
        return None

    def token_at(self, char: int) -> Token | None:
        if not self._token_starts:
            return None
        index = bisect_right(self._token_starts, char) - 1
        return self.doc[max(index, 0)]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        first = bisect_right(self._token_starts, start) - 1
        tokens = []
        for token in self.doc[max(first, 0):]:
            if token.idx >= end:
                break
            if token.idx + len(token) > start:
                tokens.append(token)
        return tokens

    def direction(self, char: int) -> str:
        """The tense of the clause around ``char``: ``future``, ``past`` or ``unmarked``."""
        return direction(self.text, char, self.token_at(char))
