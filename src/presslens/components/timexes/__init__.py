"""Time expressions: found in the text, normalised to TIMEX3 values against the article's
publication date (the document creation time, DCT).

``presslens_timexes`` writes ``doc._.timexes``: one contract record per expression with
``start``, ``end``, ``text``, ``type`` (DATE, TIME, DURATION, SET) and ``value``, plus
``mod`` (START, END, APPROX, …) where the text qualifies it and ``anchor``: what a relative
value was computed from (``dct``, an earlier timex id, or ``null`` for absolute values).
``span._.timexes`` gives the records inside any span, so ``sent._.timexes`` lists a
sentence's dates. A document that comes without a DCT is dated from what its text says
(``publication.py``), and ``doc._.dct``, ``doc._.dct_inferred`` and ``doc._.dct_evidence``
say so.

The grammar is a set of regular expressions over the text built from the word lists in
``lexicons/time_words.json``; the parse is used only to reject what is not a date ("may"
the verb, "Friday prayers", numbers that count things) and to read the tense that decides
whether "on Monday" is the Monday before or after the publication date.

The modules, by what they do: ``words`` (the word lists and their values), ``grammar`` (the
patterns and how they are run), ``normalise`` (what each match's value is), ``not_dates``
(what the parse rejects), ``tense`` (the clause tense), ``context`` (what normalising one
document reads), ``publication`` (the publication date a text allows). This module holds the
pure ``extract_timexes`` and the spaCy factory around it.

>>> doc = nlp.make_doc("The parliament voted on Wednesday.")  # doctest: +SKIP
>>> doc._.dct = "2020-01-10"  # doctest: +SKIP
>>> nlp(doc)._.timexes[0]["value"]  # doctest: +SKIP
'2020-01-08'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NotRequired, TypedDict

from spacy.language import Language
from spacy.tokens import Doc

from presslens.components import doc_text, register_extensions
from presslens.components.timexes.context import Context, Found
from presslens.components.timexes.grammar import grammar
from presslens.components.timexes.publication import PublicationDate, infer_publication_date
from presslens.temporal import parse_reference

register_extensions()


class TimexRecord(TypedDict):
    """One time expression as the output contract has it (``spec/``)."""

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: NotRequired[str]
    anchor: str | None


class _Mod(TypedDict, total=False):
    mod: str


@dataclass(frozen=True, slots=True)
class TimeReading:
    """A document's time expressions, and the publication date its text gave when it came
    without one (``None`` when it had one, or when the text bounds nothing; a window too wide
    to choose a day in has a ``date`` of ``None``)."""

    timexes: list[TimexRecord]
    inferred: PublicationDate | None = None


def read_time(doc: Doc) -> TimeReading:
    """The time expressions of ``doc``, read against ``doc._.dct``, or against the date its
    text allows when it has none. It writes nothing on the Doc.

    >>> import spacy
    >>> reading = read_time(spacy.blank("en")("The talks ended on Tuesday, March 3, 2020."))
    >>> [(t["text"], t["value"]) for t in reading.timexes], reading.inferred.date
    ([('Tuesday, March 3, 2020', '2020-03-03')], datetime.date(2020, 3, 3))
    """
    dct = parse_reference(doc._.dct)
    context = Context(doc, dct)
    found = grammar().find(context)
    inferred = None
    if dct is None:
        inferred = infer_publication_date(found, context)
        if inferred is not None and inferred.date is not None:
            found = grammar().find(Context(doc, inferred.date))
        elif inferred is not None and inferred.earliest is None and inferred.latest is None:
            inferred = None  # no clue bounded anything
    text = doc_text(doc)
    return TimeReading([timex_record(text, f, index) for index, f in enumerate(found, 1)],
                       inferred)


def extract_timexes(doc: Doc) -> list[TimexRecord]:
    """The time expressions of ``doc`` as contract records: what ``presslens_timexes`` puts
    on ``doc._.timexes``.

    >>> import spacy
    >>> doc = spacy.blank("en")("Talks resume in 2021, six months after the ceasefire.")
    >>> [(t["text"], t["type"], t["value"]) for t in extract_timexes(doc)]
    [('2021', 'DATE', '2021'), ('six months', 'DURATION', 'P6M')]
    """
    return read_time(doc).timexes


def timex_record(text: str, found: Found, index: int) -> TimexRecord:
    """The contract record of an expression found, the ``index``-th of its document."""
    # The contract's key order: ``mod``, when there is one, before ``anchor``.
    mod: _Mod = {"mod": found.mod} if found.mod else {}
    return {
        "id": f"t{index}",
        "start": found.start,
        "end": found.end,
        "text": text[found.start:found.end],
        "type": found.type,
        "value": found.value,
        **mod,
        "anchor": found.anchor if found.relative else None,
    }


@Language.factory("presslens_timexes",
                  assigns=["doc._.timexes", "doc._.dct", "doc._.dct_inferred",
                           "doc._.dct_evidence"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger()


class TimexTagger:
    """Finds and normalises the document's time expressions into ``doc._.timexes``, and
    records the publication date inferred for a document that came without one."""

    def __call__(self, doc: Doc) -> Doc:
        reading = read_time(doc)
        inferred = reading.inferred
        if inferred is not None:
            # A window without a date is still evidence: "written on or after 1965-03-18".
            if inferred.date is not None:
                doc._.dct = inferred.date.isoformat()
                doc._.dct_inferred = True
            doc._.dct_evidence = {
                "earliest": inferred.earliest and inferred.earliest.isoformat(),
                "latest": inferred.latest and inferred.latest.isoformat(),
                "clues": inferred.evidence()}
        doc._.timexes = reading.timexes
        return doc
