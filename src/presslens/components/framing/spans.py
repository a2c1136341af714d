"""Where a technique's span begins and ends: the tagger's runs joined into candidate spans,
then trimmed, widened to whole words, to balanced quotation marks, or to the clause a run
stands for.

>>> bounds = whole_words(nlp("an anti-terror law"), 3, 3)  # doctest: +SKIP
>>> bounds  # doctest: +SKIP
(1, 3)
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import IS_PUNCT, POS, SENT_START
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from presslens.components import doc_memo, doc_text
from presslens.components.speech_cues import find_quoted_stretches

FUNCTION_POS = {"DET", "ADP", "AUX", "PART", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE",
                "X", "SYM"}
CONTENT_POS = {"ADJ", "NOUN", "VERB", "ADV", "PROPN", "INTJ"}


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


HYPHENS = {"-", "\u2010", "\u2011"}


def _joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` and the next one are parts of one written word ("anti", "-",
    "terror"; "al", "-", "Muhandis"): no space between them, and a hyphen or letters and
    digits on both sides of the join (not "Iran" + "'s", nor a word and its comma)."""
    if i + 1 >= len(doc) or doc[i].whitespace_:
        return False
    left, right = doc[i].text, doc[i + 1].text
    return (left in HYPHENS or right in HYPHENS
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


def quoted_stretches(doc: Doc) -> list[Any]:
    """The article's quotations as the quote component pairs their marks, paired once per
    document for the scare-quote rule and the span bounds."""
    cached = doc_memo(doc, "framing").get(_STRETCHES_KEY)
    if cached is None:
        cached = doc_memo(doc, "framing")[_STRETCHES_KEY] = find_quoted_stretches(doc_text(doc))
    return cached


def quotation_marks(doc: Doc) -> list[tuple[int, int]]:
    """The token positions of each quotation's opening and closing mark."""
    marks = []
    for stretch in quoted_stretches(doc):
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
    return without_edge_punctuation(doc, min(first, head.left_edge.i),
                                    max(last, head.right_edge.i), (first, last))


def without_edge_punctuation(doc: Doc, first: int, last: int,
                             keep: tuple[int, int] | None = None) -> tuple[int, int]:
    """Token bounds ``first``..``last`` without punctuation and spaces at either edge,
    never cutting into ``keep`` (a run inside them) and never to nothing."""
    inner_first, inner_last = keep if keep is not None else (last, first)
    while first < min(inner_first, last) and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > max(inner_last, first) and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return first, last


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
