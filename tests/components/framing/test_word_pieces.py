"""The word-piece scores that the framing tagger and span scorer add to their margins."""

import math

import numpy
import pytest

from presslens.components.framing import techniques as framing_techniques
from presslens.components.framing.word_pieces import PieceScores, piece_scores
from presslens.learning import LinearClassifier

VOCABULARY = ["[PAD]", "[UNK]", "the", "bar", "##bari", "##c", "thugs", ",", "-", "al"]


@pytest.fixture()
def table():
    return PieceScores(VOCABULARY, {
        "tagger": [0.0, -0.5, 0.1, 1.0, 2.0, 3.0, 4.0, 0.0, 0.2, 0.3],
        "scorer_run": [0.0, 0.0, -1.0, 0.5, 0.5, 0.5, 1.5, 0.0, 0.0, 0.0]})


def test_a_words_score_is_the_mean_of_its_pieces(table):
    rows = table.of_words(["Barbaric", "THUGS", "zzz", " ", ""])
    tagger = table.column("tagger")
    assert math.isclose(rows[0, tagger], (1.0 + 2.0 + 3.0) / 3)
    assert math.isclose(rows[1, tagger], 4.0)  # lower-cased as BERT's uncased model is
    assert rows[2, tagger] == -0.5  # unknown to the vocabulary: [UNK]
    assert rows[3].tolist() == rows[4].tolist() == [0.0, 0.0]  # no pieces at all


def test_document_scores_are_remembered_and_the_same_as_word_by_word(nlp, table):
    doc = nlp("The barbaric thugs, the thugs")
    first = table.of_doc(doc)
    assert first.shape == (len(doc), 2)
    assert first.tolist() == table.of_words([t.text for t in doc]).tolist()
    assert table.of_doc(doc).tolist() == first.tolist()  # from the memo
    assert table.of_doc(nlp("")).shape == (0, 2)


def test_word_margins_feed_the_tagger_and_the_span_scorer(nlp, table):
    doc = nlp("The barbaric thugs")
    tagger_margins, run_scores = framing_techniques.word_margins(doc, table)
    assert tagger_margins.tolist() == table.of_doc(doc)[:, table.column("tagger")].tolist()
    assert math.isclose(framing_techniques.run_margin(run_scores, 1, 2), (0.5 + 1.5) / 2)
    assert framing_techniques.run_margin(None, 0, 2) == 0.0
    assert framing_techniques.word_margins(doc, None) == (None, None)
    tagger = LinearClassifier(["I", "O"], {"w=thugs": [1.0, 0.0]}, [-1.0, 0.0])
    plain = framing_techniques.inside_probabilities(doc, tagger)
    added = framing_techniques.inside_probabilities(doc, tagger, word_margins=tagger_margins)
    for p, q, margin in zip(plain, added, tagger_margins, strict=True):
        assert math.isclose(math.log(q / (1 - q)) - math.log(p / (1 - p)), margin,
                            abs_tol=1e-9)


def test_neighbour_columns_shift_onto_the_next_and_previous_token(nlp):
    table = PieceScores(VOCABULARY, {"tagger": [0.0] * 10,
                                     "tagger_previous": [0, 0, 1.0, 0, 0, 0, 0, 0, 0, 0],
                                     "tagger_next": [0, 0, 0, 0, 0, 0, 5.0, 0, 0, 0]})
    doc = nlp("the thugs the")
    margins, run = framing_techniques.word_margins(doc, table)
    # "thugs" follows "the" (1.0); the first "the" precedes "thugs" (5.0).
    assert margins.tolist() == [5.0, 1.0, 0.0] and run is None


def test_the_shipped_table_matches_the_models_vocabulary():
    table = piece_scores()
    if table is None:
        pytest.skip("models trained without word pieces")
    assert {"tagger", "scorer_run"} <= set(table.names)
    # One column per technique the shipped classifier names, which it weighs through its
    # identity rows.
    _, techniques = framing_techniques._models()
    column = framing_techniques.TECHNIQUE_COLUMN
    assert {column + label for label in techniques.labels} <= set(table.names)
    assert techniques.dense == [[float(row == column) for column in range(len(techniques.labels))]
                                for row in range(len(techniques.labels))]
    assert numpy.isfinite(table.table).all()
    ids = table.tokenizer.encode("the", add_special_tokens=False).ids
    assert len(ids) == 1


def test_technique_columns_add_each_techniques_own_margin(nlp, monkeypatch):
    table = PieceScores(VOCABULARY, {
        "technique:doubt": [0.0] * 10,
        "technique:name_calling": [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 3.0, 0.0, 0.0, 0.0]})
    monkeypatch.setattr(framing_techniques, "piece_scores", lambda: table)
    doc = nlp("the barbaric thugs")
    labels = ["doubt", "name_calling"]
    start, end = doc[1].idx, len(doc.text)
    # The span's mean over its tokens: "barbaric" 1.0 and "thugs" 3.0.
    assert framing_techniques.technique_margins(doc, start, end, labels) == [0.0, 2.0]
    # With the classifier's identity rows each margin moves its own technique only: sparse
    # features that favour doubt are overruled by the words' meaning.
    classifier = LinearClassifier(labels, {"w=thugs": [1.0, 0.0]}, [0.0, 0.0],
                                  [[1.0, 0.0], [0.0, 1.0]])
    assert classifier.best(["w=thugs"])[0] == "doubt"
    margins = framing_techniques.technique_margins(doc, start, end, labels)
    assert classifier.best(["w=thugs"], margins)[0] == "name_calling"
    # A table without technique columns adds nothing.
    monkeypatch.setattr(framing_techniques, "piece_scores", lambda: PieceScores(VOCABULARY, {
        "tagger": [0.0] * 10}))
    assert framing_techniques.technique_margins(doc, start, end, labels) is None
