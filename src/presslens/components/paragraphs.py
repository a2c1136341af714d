"""Paragraph breaks are sentence boundaries.

The parser of the small English model runs a caption, a sub-heading or a line without a final
stop into the sentence of the next paragraph ("A photo of the base near Erbil airport\\n\\nThe
strike killed two people"), and every extractor then reads one sentence where the article
has two: the caption's place becomes the strike's subject. Set before the parser, a sentence
start after each paragraph break is kept by it (spaCy's parser respects boundaries already
set), so no sentence crosses a paragraph.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAK = "\n\n"


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Make the first word after each paragraph break start a sentence.

    >>> import spacy
    >>> doc = mark_paragraph_starts(spacy.blank("en")("A caption\\n\\nThe story."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['A', 'The']
    """
    if doc.has_annotation("DEP"):
        return doc  # parsed already (a Doc run through the pipeline twice): boundaries set
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and (PARAGRAPH_BREAK in before.text
                                   or PARAGRAPH_BREAK in before.whitespace_):
            token.is_sent_start = True
    return doc


@Language.factory("presslens_paragraph_breaks")
def make_paragraph_breaks(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return mark_paragraph_starts
