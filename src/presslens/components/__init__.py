"""presslens spaCy components. Results live on ``Doc._`` extensions:

- ``doc._.entity_clusters``: the article's actors, each a list of mentions (``presslens_entities``)
- ``doc._.acronyms``: acronyms defined in the article and their expansions
- ``doc._.quotes``, ``doc._.timexes``, ``doc._.events``, ``doc._.framing``: contract records of
  the quote, time, event and framing components (empty until those components run)
- ``doc._.framing_summary``: the article's claim counts (``presslens_framing``)
- ``doc._.dct``, ``doc._.dct_inferred``, ``doc._.dct_evidence``: the reference date, set by
  the caller from the article's metadata or inferred from the text (``presslens_timexes``),
  with the window and clues it rests on
- ``span._.timexes``: the time expressions inside a span

Every extension is declared here, once, so that the components talk only through them.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = ("entity_clusters", "acronyms", "quotes", "timexes", "events", "framing",
                  "framing_summary", "dct", "dct_evidence")


def timexes_within(doc: Doc, start: int, end: int) -> list[dict[str, Any]]:
    """The time expressions of ``doc`` that lie inside ``[start, end)``."""
    return [t for t in doc._.timexes or [] if t["start"] >= start and t["end"] <= end]


def _span_timexes(span: Span) -> list[dict[str, Any]]:
    return timexes_within(span.doc, span.start_char, span.end_char)


def register_extensions() -> None:
    """Declare the ``Doc._`` attributes every presslens component reads or writes."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            # A getter-free default of None: each component sets a fresh list or dict, so
            # no mutable default is ever shared between documents.
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("dct_inferred"):
        Doc.set_extension("dct_inferred", default=False)
    if not Span.has_extension("timexes"):
        Span.set_extension("timexes", getter=_span_timexes)


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
