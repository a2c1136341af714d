"""Nominal mentions: "the premier" and "the Iraqi prime minister" as mentions of the person
the article names with that title ("Prime Minister Mustafa al-Kadhimi").

A person's role is read from the title words written before one of their names; a later or
earlier description ("the" + optional adjectives + the role) becomes a mention of that
person when exactly one person in the article holds the role. Nominal mentions carry the
label ``NOMINAL``: they are not names, so they never become spellings of an actor.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.attrs import IDX, LOWER
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text
from presslens.lexicons import lexicon_lines
from presslens.memo import trim_memo
from presslens.model import Mention

NOMINAL = "NOMINAL"
# The same office under another word.
_SYNONYMS = {"premier": "prime minister", "pm": "prime minister"}


@cache
def _role_words() -> frozenset[str]:
    return frozenset(lexicon_lines("speaker_roles.txt"))


@cache
def _title_words() -> frozenset[str]:
    return frozenset(lexicon_lines("titles.txt")) | _role_words()


def _title_before(doc: Doc, start: int) -> str | None:
    """The title written right before a name starting at token ``start`` ("Prime
    Minister"), lower case, if it ends in a role word."""
    words: list[Token] = []
    index = start - 1
    while index >= 0 and doc[index].lower_ in _title_words() and doc[index].is_alpha:
        words.insert(0, doc[index])
        index -= 1
    while words and words[-1].lower_ not in _role_words():
        words.pop()
    if not words:
        return None
    return " ".join(w.lower_ for w in words)


# Whether a lower-cased word (by spaCy's id) is a role word; bounded, as the vocabulary grows.
_IS_ROLE: dict[int, bool] = {}


def _role_positions(doc: Doc) -> list[int]:
    """The token positions of the article's role words: without one no description can name
    a person."""
    trim_memo(_IS_ROLE)
    strings, roles = doc.vocab.strings, _role_words()
    positions = []
    for position, key in enumerate(doc.to_array(LOWER).tolist()):
        known = _IS_ROLE.get(key)
        if known is None:
            known = _IS_ROLE[key] = strings[key] in roles
        if known:
            positions.append(position)
    return positions


def _chunks_around(doc: Doc, positions: list[int]) -> Iterator[Span]:
    """spaCy's noun chunks of the sentences holding a word at ``positions``, in order: the
    same chunks ``doc.noun_chunks`` gives there (a parse tree, and so a chunk, never crosses
    a sentence), without walking the sentences no description can come from."""
    # A public attribute of spaCy's Doc that its type hints (doc.pyi) leave out.
    iterator = doc.noun_chunks_iterator  # type: ignore[attr-defined]
    done = -1
    for position in positions:
        if position < done:
            continue
        sentence = doc[position].sent
        done = sentence.end
        for start, end, label in iterator(sentence):
            yield Span(doc, start, end, label=label)


def _seat_words(tokens: Span | list[Token]) -> set[str]:
    """The words that name where an office sits ("Turkish", "Kurdistan Region", "US"): proper
    nouns and names of places, peoples and bodies, title words aside."""
    return {t.lower_ for t in tokens if t.is_alpha and t.lower_ not in _title_words()
            and (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "LOC", "ORG"))}


def _words_before(doc: Doc, end: int) -> list[Token]:
    """The two words at most written right before token ``end``, up to any punctuation."""
    words: list[Token] = []
    index = end - 1
    while index >= 0 and len(words) < 2 and doc[index].is_alpha:
        words.insert(0, doc[index])
        index -= 1
    return words


def _office(phrase: str) -> str:
    phrase = phrase.lower()
    return _SYNONYMS.get(phrase, phrase)


def nominal_mentions(doc: Doc, person_clusters: dict[int, list[Mention]]
                     ) -> dict[int, list[Mention]]:
    """New ``NOMINAL`` mentions per cluster index, for clusters of people given with their
    mentions."""
    text = doc_text(doc)
    starts = {start: i for i, start in enumerate(doc.to_array(IDX).tolist())}
    holders: dict[str, set[int]] = {}
    # The places or bodies written before a holder's title ("Turkish" President Erdogan).
    seats: dict[int, set[str]] = {}
    # Where each named mention ends, for a description set beside it ("…, the president").
    cluster_ending_at: dict[int, int] = {}
    for index, mentions in person_clusters.items():
        for mention in mentions:
            cluster_ending_at[mention.end] = index
            token = starts.get(mention.start)
            title = _title_before(doc, token) if token is not None else None
            if title and token is not None:
                holders.setdefault(_office(title), set()).add(index)
                # "Prime Minister" also makes "the minister".
                holders.setdefault(title.split()[-1], set()).add(index)
                seats.setdefault(index, set()).update(
                    _seat_words(_words_before(doc, token - len(title.split()))))
    roles = _role_positions(doc) if holders else []
    if not roles:
        return {}
    named = {(m.start, m.end) for mentions in person_clusters.values() for m in mentions}
    found: dict[int, list[Mention]] = {}
    for chunk in _chunks_around(doc, roles):
        if chunk[0].lower_ != "the" or any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON"
                                           for t in chunk):
            continue
        following = doc[chunk.end] if chunk.end < len(doc) else None
        if following is not None and following.ent_type_ == "PERSON":
            continue  # "the prime minister Mustafa al-Kadhimi": the title of a name
        words = [t.lower_ for t in chunk[1:] if t.pos_ in ("NOUN", "PROPN", "ADJ")
                 and t.lower_ in _title_words()]
        if not words or chunk.root.lower_ not in _role_words():
            continue
        office = _office(" ".join(words))
        if chunk.start >= 2 and doc[chunk.start - 1].text == "," \
                and chunk.root.dep_ == "appos" and chunk.root.head.i == chunk.start - 2:
            # "Nechirvan Barzani, the Kurdistan Region president": the description says who
            # the name beside it is, and is no one else's.
            beside = cluster_ending_at.get(doc[chunk.start - 2].idx + len(doc[chunk.start - 2]))
            if beside is not None:
                if (chunk.start_char, chunk.end_char) not in named:
                    found.setdefault(beside, []).append(Mention(
                        chunk.start_char, chunk.end_char,
                        text[chunk.start_char:chunk.end_char], NOMINAL))
                continue
        people = holders.get(office)
        # "the minister" for a "Prime Minister": the head word alone names the office only
        # when no other role word makes it another one ("the secretary general" is no
        # "General").
        if not people and not any(w in _role_words() for w in words if w != chunk.root.lower_):
            people = holders.get(_office(chunk.root.lower_))
        if not people or len(people) != 1:
            continue
        (index,) = people
        seat = _seat_words(chunk[1:])
        if seat and seats.get(index) and not seat & seats[index]:
            continue  # "the Kurdistan Region president" is not "Turkish President Erdogan"
        start, end = chunk.start_char, chunk.end_char
        if (start, end) in named:
            continue
        found.setdefault(index, []).append(Mention(start, end, text[start:end], NOMINAL))
    return found
