"""presslens spaCy components. Results live on ``Doc._`` extensions:

- ``doc._.entity_clusters``: the article's actors, each a list of mentions (``presslens_entities``)
- ``doc._.acronyms``: acronyms defined in the article and their expansions
- ``doc._.quotes``, ``doc._.timexes``, ``doc._.events``, ``doc._.framing``: contract records of
  the quote, time, event and framing components (empty until those components run)
- ``doc._.framing_summary``: the article's claim counts (``presslens_framing``)
- ``doc._.dct``, ``doc._.dct_inferred``, ``doc._.dct_evidence``: the reference date, set by
  the caller from the article's metadata or inferred from the text (``presslens_timexes``),
  with the window and clues it rests on
- ``doc._.dateline_day``: the month and day a dateline writes without a year ("TEHRAN, Dec. 2
  (IRNA) –"), set by the caller, as a clue to the publication date
- ``span._.timexes``: the time expressions inside a span

Every extension is declared here, once, so that the components talk only through them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = ("entity_clusters", "acronyms", "quotes", "timexes", "events", "framing",
                  "framing_summary", "dct", "dct_evidence", "dateline_day")


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


def doc_memo(doc: Doc, owner: str) -> dict[str, Any]:
    """A scratch table in which the component ``owner`` keeps what it works out once per
    document (sentence tables, scores per token); ``forget_memo`` drops it when the
    component is done, so that nothing of it stays on the Doc."""
    memo: dict[str, Any] = doc.user_data.setdefault(f"presslens_memo_{owner}", {})
    return memo


def forget_memo(doc: Doc, owner: str) -> None:
    doc.user_data.pop(f"presslens_memo_{owner}", None)


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


Models = TypeVar("Models")


class ModelFiles(Generic[Models]):
    """What a component that runs on trained model files does with them: it reads the ones
    shipped in ``presslens/models`` until ``from_disk`` gives it a folder of others, and
    ``to_disk`` (called by ``nlp.to_disk``) writes the files it runs on, so that a pipeline
    keeps the models it was run with."""

    def __init__(self, files: tuple[str, ...], read: Callable[[Traversable], Models],
                 what: str) -> None:
        self.files = files
        self.read = read
        self.what = what
        self.directory: Traversable = resources.files("presslens.models")

    def write(self, path: str | Path) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name in self.files:
            source = self.directory.joinpath(name)
            if source.is_file():
                (folder / name).write_bytes(source.read_bytes())

    def read_folder(self, path: str | Path) -> Models:
        folder = Path(path)
        if not folder.is_dir():
            raise FileNotFoundError(f"no {self.what} at {folder}: to_disk writes them")
        models = self.read(folder)
        self.directory = folder
        return models
