"""Framing: loaded language, labels, doubt and unattributed claims, and whose voice they are in.

``presslens_framing`` runs after the quote component and writes ``doc._.framing``: one
contract record per span with its technique ``label``, a ``score`` and a ``voice`` (``quoted``
inside someone's quote, ``outlet`` in the article's own narration), plus ``entity`` (the
local cluster of the actor a label is applied to: "occupation forces" → the US forces) and the
``sentence``. ``doc._.framing_summary`` counts the claim sentences that are attributed and
those that are not.

Two families:

- The 14 techniques of the Propaganda Techniques Corpus, learned here: a token tagger finds
  the spans and a span classifier names the technique (``models/framing_tokens.npz`` and
  ``models/framing_techniques.npz``, trained by ``scripts/train_framing.py``).
- What a journalist checks first, by rule: ``scare_quotes`` (a term in quotation marks with
  no one saying it, "so-called …"), ``weasel_attribution`` (a claim pinned on "critics",
  "many", "sources", "it is believed") and ``unattributed_claim`` (a contested claim in the
  outlet's voice with no source).

A flag marks a technique in the text; it is not a verdict on the outlet.

The package's modules, one per thing decided: ``techniques`` (the trained tagger, span
scorer and technique classifier), ``features`` (what those models read), ``spans`` (where a
technique's span begins and ends), ``rules`` (scare quotes, weasel attributions,
unattributed claims), ``labels`` (labels of actors and acts from the lexicon), ``actors``
(whom a record is about), ``voice`` (the outlet's voice or a source's), ``confidence``
(calibrated confidence and the one-line explanation), ``word_pieces`` (the MiniLM word
scores) and ``records`` (the fields every record shares, and ``FramingSpan``, the typed flag
``extract_framing`` returns). This module holds ``extract_framing``, which puts them
together, and the spaCy component that calls it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from presslens.components import LOWERED_KEY, ModelFiles, forget_memo, register_extensions
from presslens.components.framing.confidence import confidence_of, explanation_of
from presslens.components.framing.features import valence_lexicon
from presslens.components.framing.gate import gated_flags
from presslens.components.framing.labels import act_label_records, actor_label_records
from presslens.components.framing.records import FramingSpan, framing_span
from presslens.components.framing.rules import (
    claim_records,
    opens_with_so_called,
    scare_quote_records,
    weasel_records,
)
from presslens.components.framing.techniques import (
    MODEL_FILES,
    FramingModels,
    read_framing_models,
    shipped_models,
    tagger_probabilities,
    technique_records,
)
from presslens.components.framing.voice import attributed_voice, forget_voice

__all__ = ["FramingSpan", "FramingTagger", "extract_framing", "make_framing_tagger"]

register_extensions()


def extract_framing(doc: Doc, models: FramingModels | None = None
                    ) -> tuple[list[FramingSpan], dict[str, Any]]:
    """The framing records of a parsed ``doc`` (after the entity and quote components), in
    text order with their ids, and the article's summary: its claim sentences that are
    attributed and those that are not. ``models``: the trained models and calibration (the
    shipped ones unless given). What is worked out on the way is dropped from the Doc, so
    that nothing of it outlives the call.

    >>> doc = nlp("Critics say the so-called reforms failed.")  # doctest: +SKIP
    >>> [r["label"] for r in extract_framing(doc)[0]]  # doctest: +SKIP
    ['weasel_attribution', 'scare_quotes']
    """
    if models is None:
        models = shipped_models()
    voices = attributed_voice(doc)
    records: list[dict[str, Any]] = []
    records += technique_records(doc, models)
    records += scare_quote_records(doc, voices)
    records += weasel_records(doc)
    claims, counts = claim_records(doc, voices, records)
    records += claims
    records += actor_label_records(doc, records)
    records += act_label_records(doc, records)
    for record in records:
        # A scare quote or "so-called" in reported speech is the outlet's wording, the label
        # "so-called" makes of a body as much as its scare quote.
        quoted = voices.quoted(record["start"], record["end"],
                               direct_only=record["label"] == "scare_quotes"
                               or opens_with_so_called(record["text"]))
        record["voice"] = "quoted" if quoted else "outlet"
        record["confidence"] = round(confidence_of(record, models.calibration), 3)
        record["explanation"] = explanation_of(record)
    if models.gate is not None:
        # The rules read wording; the gate reads the sentence around it (see ``gate``).
        inside = tagger_probabilities(doc, models)
        for record, features in gated_flags(doc, records, inside):
            rescored = models.gate.rescored(record, features)
            if rescored is not None:
                record["confidence"] = round(rescored[0], 3)
                record["basis"] = rescored[1]
                record["explanation"] = explanation_of(record)
    records.sort(key=lambda r: (r["start"], r["end"], r["label"]))
    for index, record in enumerate(records, 1):
        record["id"] = f"f{index}"
    forget_memo(doc, "framing")
    doc.user_data.pop(LOWERED_KEY, None)
    forget_voice(doc)
    return [framing_span(record) for record in records], {"claims": counts}


class FramingTagger:
    """The ``presslens_framing`` component: writes ``extract_framing``'s records to
    ``doc._.framing`` and its summary to ``doc._.framing_summary``. It runs on the models
    shipped in ``presslens/models`` (read on the first article) until ``from_disk`` gives
    it others; ``to_disk`` writes the model files it runs on."""

    def __init__(self) -> None:
        self.models: FramingModels | None = None
        self.files = ModelFiles(MODEL_FILES, read_framing_models, "framing models")

    def __call__(self, doc: Doc) -> Doc:
        doc._.framing, doc._.framing_summary = extract_framing(doc, self.models)
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        self.files.write(path)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> FramingTagger:
        self.models = self.files.read_folder(path)
        return self


@Language.factory(
    "presslens_framing",
    assigns=["doc._.framing", "doc._.framing_summary"],
    requires=["doc._.quotes", "doc._.entity_clusters", "token.dep", "token.pos",
              "token.lemma"],
)
def make_framing_tagger(nlp: Language, name: str) -> FramingTagger:
    valence_lexicon()  # read at pipeline build time, not on the first article
    return FramingTagger()
