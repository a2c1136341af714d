"""spaCy's rule lemmatizer, applied by table lookup.

The English model's ``lemmatizer`` works out a token's lemma from its form, part of speech
and morphology, and remembers the answer per combination of the three; but it visits every
token as a Python ``Token`` object, reads the three values and writes the lemma back one
token at a time, which costs about a fourteenth of the model's whole time per article.
``LemmaTable`` reads the three values of a whole document as one array, asks the model's
own lemmatizer only for combinations it has not met, and writes the lemmas back as one
array: the same lemmas at a fraction of the cost. A lemmatizer in another mode (lookup
tables, or a subclass with its own ``lemmatize``) is kept as it is (see ``use_lemma_table``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from presslens.memo import trim_memo

# A list, the one sequence spaCy's hints for Doc.to_array name.
_READ = [ORTH, POS, MORPH, LEMMA]
LEMMATIZER = "lemmatizer"


def applies_to(lemmatizer: Lemmatizer) -> bool:
    """Whether the lemmatizer's answer depends only on form, part of speech and morphology,
    as the rule mode's does: its own cache is keyed on those three."""
    rule_lemmatize = getattr(type(lemmatizer), "rule_lemmatize", None)
    bound = getattr(lemmatizer.lemmatize, "__func__", None)
    return lemmatizer.mode == "rule" and bound is not None and bound is rule_lemmatize


class LemmaTable:
    """The lemmas of a rule lemmatizer, one lookup per distinct (form, tag, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        # (form, part of speech, morphology) -> the lemma. Its string id is a hash of the
        # text and stays the same, but the string store forgets strings added inside a
        # memory zone (``runner.VocabularyZones``), so the text is kept too and each lemma a
        # document uses is added to the store again, once per document.
        self._memo: dict[tuple[int, int, int], tuple[int, str]] = {}

    def _lemma(self, doc: Doc, index: int, key: tuple[int, int, int]) -> tuple[int, str]:
        lemma = self._memo.get(key)
        if lemma is None:
            text = self.lemmatizer.lemmatize(doc[index])[0]
            lemma = (self.vocab.strings.add(text), text)
            trim_memo(self._memo)
            self._memo[key] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        rows = doc.to_array(_READ)
        overwrite = self.lemmatizer.overwrite
        lemmas = rows[:, 3].copy()
        used: set[str] = set()
        for index, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            # As spaCy's lemmatizer: a lemma set upstream (the attribute rules' "gonna" ->
            # "go") is kept unless the lemmatizer overwrites.
            if overwrite or lemma == 0:
                lemmas[index], text = self._lemma(doc, index, (orth, pos, morph))
                used.add(text)
        add = self.vocab.strings.add
        for text in used:
            add(text)
        column = numpy.ascontiguousarray(lemmas.reshape(-1, 1), dtype="uint64")
        doc.from_array([LEMMA], cast(Any, column))  # spaCy's hints name thinc's Ints2d
        return doc

    def pipe(self, docs, batch_size: int = 128):  # type: ignore[no-untyped-def]
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        """Write the lemmatizer's tables, so that a saved pipeline loads with them."""
        self.lemmatizer.to_disk(path, exclude=exclude)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> LemmaTable:
        self.lemmatizer.from_disk(path, exclude=exclude)
        self._memo.clear()
        return self


@Language.factory("presslens_lemma_table")
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    if LEMMATIZER in nlp.pipe_names:
        return LemmaTable(cast(Lemmatizer, nlp.get_pipe(LEMMATIZER)))
    # A saved pipeline being loaded: the language's own rule lemmatizer, whose tables come
    # with from_disk.
    lemmatizer = nlp.create_pipe(LEMMATIZER, config={"mode": "rule"})
    return LemmaTable(cast(Lemmatizer, lemmatizer))


def use_lemma_table(nlp: Language) -> Language:
    """Put the table in the place of the model's rule lemmatizer; leave any other kind."""
    if LEMMATIZER not in nlp.pipe_names or not applies_to(
            cast(Lemmatizer, nlp.get_pipe(LEMMATIZER))):
        return nlp
    nlp.add_pipe("presslens_lemma_table", after=LEMMATIZER)
    nlp.remove_pipe(LEMMATIZER)
    return nlp
