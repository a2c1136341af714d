"""Quotes and reported speech: who said what, with the cue and the speaker.

``presslens_quotes`` runs after ``presslens_entities`` and writes ``doc._.quotes``: one
contract record per quote (``kind`` direct, indirect or mixed; ``content``, ``cue`` and
speaker spans by character offsets), with the speaker linked to the article's entity
clusters. Three passes:

1. Direct quotes: quotation marks paired across the text (a quote that runs over several
   paragraphs reopens each paragraph with a mark), attributed to a reporting verb in the
   same sentence (``"…," X said``, ``X said: "…"``) or, for a paragraph that only continues
   a quote, to the previous speaker. Marks around a few words with no reporting verb are
   scare quotes, not quotes.
2. Reported speech: a reporting verb from ``lexicons/reporting_verbs.tsv`` with a subject and
   a complement (``X said that …``, ``X vowed to …``, ``…, sources said``, ``X, saying …``),
   and ``according to X``. A complement that contains quoted words is ``mixed``.
3. Speakers: named entities; pronouns resolved to the previous speaker or person;
   descriptions ("the cleric") linked to the person they describe; unnamed sources
   ("officials", "many") flagged ``anonymous``.

The package's modules, one per thing decided: ``direct`` (quotations and their cues),
``reported`` (reported speech and its content span), ``relaying`` (``reported_by``),
``subjects`` and ``speakers`` (who a cue's subject is, and the speaker it gives: names,
roles, ``on_behalf_of``), ``names``, ``descriptions``, ``bodies``, ``pronouns`` and
``mentions`` (what a phrase names or points back to), ``resolution`` (the speakers settled
quote by quote), ``record`` (the records), ``grammar`` and ``text`` (the parse and the
characters read for speech), ``words`` (the word lists), ``context`` (one call's view of the
document), ``confidence`` and ``speaker_ranker`` (the trained models). This module holds the
pure ``extract_quotes`` and the spaCy component that calls it.

>>> doc = nlp('"Only resistance can expel them," the cleric said.')  # doctest: +SKIP
>>> doc._.quotes[0]["kind"]  # doctest: +SKIP
'direct'
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from presslens.components import ModelFiles, register_extensions
from presslens.components.quotes.context import Context, Stretches, read_context
from presslens.components.quotes.direct import (
    block_quotations,
    direct_quotes,
    quotations_after_reports,
)
from presslens.components.quotes.models import (
    MODEL_FILES,
    QuoteModels,
    read_quote_models,
)
from presslens.components.quotes.record import QuoteRecord, finish_records
from presslens.components.quotes.relaying import (
    relayed_as_saying,
    relayed_attributions,
    relayed_reports,
)
from presslens.components.quotes.reported import reported_speech, within_paragraph
from presslens.components.quotes.resolution import resolve_speakers
from presslens.components.speech_cues import mark_width

__all__ = ["QuoteExtractor", "QuoteModels", "QuoteRecord", "extract_quotes",
           "make_quote_extractor", "read_quote_models"]

register_extensions()


def extract_quotes(doc: Doc, models: QuoteModels | None = None, *,
                   rank_speakers: bool = False, collect_rankings: bool = False
                   ) -> list[QuoteRecord]:
    """The contract records of the quotes of a parsed ``doc`` (whose entity components have
    run), in text order with their ids and calibrated ``confidence``. It sets nothing on the
    Doc: the factory's component stores them as ``doc._.quotes``. ``models``: the trained
    models (the shipped ones unless given). ``rank_speakers`` lets the speaker ranker
    overrule the rules' antecedent of a pronoun or description; ``collect_rankings`` keeps
    its candidates in ``doc.user_data`` for training.

    >>> doc = nlp('"Only resistance can expel them," the cleric said.')  # doctest: +SKIP
    >>> [(q["kind"], q["speaker"]["text"]) for q in extract_quotes(doc)]  # doctest: +SKIP
    [('direct', 'the cleric')]
    """
    ctx = read_context(doc, rank_speakers=rank_speakers, collect_rankings=collect_rankings,
                       models=models)
    direct_cues: set[int] = set()
    direct = direct_quotes(ctx, direct_cues)
    direct += block_quotations(ctx, direct_cues)
    covered = Stretches([(q["content"]["start"], q["content"]["end"]) for q in direct])
    indirect = reported_speech(ctx, direct_cues, covered)
    indirect = [q for q in indirect if within_paragraph(ctx, q)]
    indirect = relayed_attributions(doc, direct, indirect)
    indirect = _without_whole_quotations(ctx.text, indirect, direct + ctx.deferred)
    indirect = [part for quote in indirect for part in _joined_quotations(ctx, quote)]
    direct = _outside_mixed_quotes(direct, indirect)
    reported = Stretches([(q["content"]["start"], q["content"]["end"]) for q in indirect])
    direct += [q for q in ctx.deferred if q["content"]["start"] not in reported]
    indirect += quotations_after_reports(ctx, direct, indirect)
    found = relayed_reports(ctx, sorted(direct + indirect, key=lambda q: q["content"]["start"]))
    relayed_as_saying(ctx, found)
    resolve_speakers(ctx, found)
    finish_records(ctx, found)
    return found


def _outside_mixed_quotes(direct: list[QuoteRecord], reported: list[QuoteRecord]
                          ) -> list[QuoteRecord]:
    """The direct quotes less those a mixed quote holds whole while their own attribution
    lies outside it: 'said in a statement that the results "reflect the desire for a strong
    state," and called on all blocs to talk' is one saying, the clause with its quotation,
    not also a quotation of "called". A quotation attributed inside the mixed quote ('X
    said, "…" IRNA reported') is relayed, not repeated, and stays."""
    mixed = [(q["content"]["start"], q["content"]["end"], q["content"]["text"])
             for q in reported if q["kind"] == "mixed"]

    def held(quote: QuoteRecord, start: int, end: int, text: str) -> bool:
        cue, content = quote["cue"], quote["content"]
        if not (start <= content["start"] and content["end"] <= end + 2) or cue is None \
                or start <= cue["start"] < end:
            return False
        # More than the quotation and its marks: a clause of the speaker's around it.
        around = text[:content["start"] - start] + text[content["end"] - start:]
        return any(ch.isalnum() for ch in around)

    return [q for q in direct if not any(held(q, *stretch) for stretch in mixed)]


def _without_whole_quotations(text: str, reported: list[QuoteRecord],
                              direct: list[QuoteRecord]) -> list[QuoteRecord]:
    """The reported clauses less those that are nothing but one quotation attributed after
    it: in 'Nothing the president said "will assuage people's fears," the senator said' the
    parse hangs the quotation on the first "said", but it is the senator's."""
    # '"…," the senator said': a comma closes the quotation before its attribution.
    attributed_after = {(q["content"]["start"], q["content"]["end"]) for q in direct
                        if q["cue"] is not None and q["cue"]["start"] >= q["content"]["end"]
                        and (q["content"]["text"].endswith(",") or text[
                            q["content"]["end"]:q["cue"]["start"]].lstrip("\"”’' ")[:1] == ",")}

    def inner(quote: QuoteRecord) -> tuple[int, int] | None:
        start, end = quote["content"]["start"], quote["content"]["end"]
        opening = mark_width(text, start)
        closing = next((w for w in (2, 1) if end - w > start and
                        mark_width(text, end - w) == w), 0)
        return (start + opening, end - closing) if opening and closing else None

    return [q for q in reported
            if not (q["kind"] == "mixed" and inner(q) in attributed_after)]


# What may stand between quotations joined into one reported clause: marks, spaces, commas
# and "and".
_JOINING = re.compile(r"[\s,\"'“”‘’]*(?:and[\s\"'“”‘’]*)?")


def _joined_quotations(ctx: Context, quote: QuoteRecord) -> list[QuoteRecord]:
    """'quoted Tim Manning as saying "A" and "B"': a reported clause that is nothing but
    quotations joined by "and" is each quotation, as a direct quote sharing the cue; after
    a colon, one that is nothing but one quotation ('said: "A,"') is that quotation."""
    start, end = quote["content"]["start"], quote["content"]["end"]
    if quote["kind"] != "mixed":
        return [quote]
    inside = [s for s in ctx.stretches if start < s.start and s.end < end]
    bounds = [start, *(b for s in inside for b in (s.start, s.end)), end]
    gaps = [ctx.text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    after_colon = ctx.text[:start].rstrip().endswith(":")
    if len(inside) < (1 if after_colon else 2) or \
            not all(_JOINING.fullmatch(gap) for gap in gaps):
        return [quote]
    return [{**quote, "kind": "direct",
             "content": {"start": s.start, "end": s.end, "text": ctx.text[s.start:s.end]}}
            for s in inside]


class QuoteExtractor:
    """The ``presslens_quotes`` component: writes ``extract_quotes``'s records to
    ``doc._.quotes``. It keeps nothing of a document between calls. It runs on the models
    shipped in ``presslens/models`` until ``from_disk`` gives it others; ``to_disk`` writes
    the model files it runs on."""

    def __init__(self, nlp: Language, name: str = "presslens_quotes",
                 rank_speakers: bool = False) -> None:
        self.name = name
        # Whether the speaker ranker may overrule the rules' antecedent of a pronoun or a
        # description (off by default: on the annotated articles it is no better than the
        # rules, see docs/quotes.md), and whether to keep its candidates for training.
        self.rank_speakers = rank_speakers
        self.collect_rankings = False
        self.models: QuoteModels | None = None
        self.files = ModelFiles(MODEL_FILES, read_quote_models, "quote models")

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, self.models, rank_speakers=self.rank_speakers,
                                      collect_rankings=self.collect_rankings)
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        self.files.write(path)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> QuoteExtractor:
        self.models = self.files.read_folder(path)
        return self


@Language.factory(
    "presslens_quotes",
    default_config={"rank_speakers": False},
    assigns=["doc._.quotes"],
    requires=["token.lemma", "token.pos", "token.tag", "token.dep", "token.ent_type",
              "doc.sents", "doc._.entity_clusters"],
)
def make_quote_extractor(nlp: Language, name: str, rank_speakers: bool) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, rank_speakers=rank_speakers)
