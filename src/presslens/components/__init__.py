"""presslens spaCy components. Results live on ``Doc._`` extensions:

- ``doc._.entity_clusters``: the article's actors, each a list of mentions (``presslens_entities``)
- ``doc._.acronyms``: acronyms defined in the article and their expansions
- ``doc._.quotes``, ``doc._.timexes``, ``doc._.events``, ``doc._.framing``: contract records of
  the quote, time, event and framing components (empty until those components run)
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("entity_clusters", "acronyms", "quotes", "timexes", "events", "framing")


def register_extensions() -> None:
    """Declare the ``Doc._`` attributes every presslens component reads or writes."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            # A getter-free default of None: each component sets a fresh list or dict, so
            # no mutable default is ever shared between documents.
            Doc.set_extension(name, default=None)


register_extensions()


LOWERED_KEY = "presslens_lowered_text"
_TEXT_KEY = "presslens_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token again each time it is
    asked, so asking once per quote, event or flag made hostile articles quadratic."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def doc_lowered(doc: Doc) -> str:
    """``doc_text(doc).lower()``, built once per document: the framing features count a
    phrase's recurrences in it for every candidate span."""
    lowered = doc.user_data.get(LOWERED_KEY)
    if lowered is None:
        lowered = doc.user_data[LOWERED_KEY] = doc_text(doc).lower()
    return lowered


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the string a Doc was made from as its text: spaCy's tokenizer loses no
    character, so ``text`` is what ``doc.text`` would build again."""
    doc.user_data[_TEXT_KEY] = text
    return doc
