"""Scorers, the gold entity annotations, and the entity figures they give."""

import pytest

from presslens.eval.documents import load_document
from presslens.eval.entities import DEFAULT_GOLD, evaluate_entities, load_gold
from presslens.eval.scoring import bcubed, prf


def test_prf_counts():
    score = prf({("a", 1), ("b", 2)}, {("a", 1), ("c", 3), ("d", 4)})
    assert (score.true_positives, score.predicted, score.gold) == (1, 2, 3)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)
    assert prf(set(), set()).f1 == 0.0


def test_bcubed_penalises_merges_and_splits():
    gold = {"m1": "A", "m2": "A", "m3": "B"}
    assert bcubed({"m1": 1, "m2": 1, "m3": 2}, gold).f1 == 1.0
    merged = bcubed({"m1": 1, "m2": 1, "m3": 1}, gold)
    assert merged.recall == 1.0 and merged.precision < 1.0
    split = bcubed({"m1": 1, "m2": 2, "m3": 3}, gold)
    assert split.precision == 1.0 and split.recall < 1.0


def test_gold_spans_are_their_text():
    checked = 0
    for record in load_gold(DEFAULT_GOLD):
        article = load_document(record["doc"])
        if article is None:
            continue  # a ../shared document on a machine without ../shared
        assert article.id == record["text_id"], f"{record['doc']}: text changed since annotated"
        ends = 0
        for mention in record["mentions"]:
            assert article.text[mention["start"]:mention["end"]] == mention["text"]
            assert mention["start"] >= ends
            ends = mention["end"]
        checked += 1
    assert checked >= 4  # the demo documents are always there


@pytest.mark.parametrize("split, strict_floor", [("dev", 0.88), ("test", 0.80)])
def test_entity_figures_do_not_regress(nlp, split, strict_floor):
    scores = evaluate_entities(load_gold(DEFAULT_GOLD, split), nlp=nlp)
    if scores.missing:
        pytest.skip("../shared is not beside the checkout: figures are not comparable")
    assert not scores.stale
    assert scores.strict.f1 >= strict_floor
    # Two actors merged into one is the error an analyst must never see.
    assert scores.actors.precision >= 0.98
