"""Every event carries a calibrated confidence, and the judging of whole events."""

import math

import pytest

from presslens.eval.events import JudgedArticles, JudgedEvent
from presslens.event_confidence import (
    FEATURE_NAMES,
    confidence_features,
    default_min_confidence,
    is_shown,
    load_confidence_model,
    modality_of,
)


def test_every_event_has_a_confidence(nlp):
    doc = nlp("Norvastian jets bombed a depot near Karvan on Tuesday. The ministry said it "
              "would never accept the deal, and urged Qaradin to withdraw its troops.")
    assert doc._.events
    for event in doc._.events:
        assert 0.0 <= event["confidence"] <= 1.0
        assert len(confidence_features(event["_confidence_facts"])) == len(FEATURE_NAMES)


def test_the_model_ranks_a_named_attack_above_a_bare_noun():
    model = load_confidence_model()
    assert model is not None
    named = confidence_features({"type": "ASSAULT", "modality": "asserted", "has_actor": True,
                                 "actor_types": ["GPE"], "has_target": True,
                                 "target_types": ["PERSON"], "type_probability": 0.9,
                                 "dep": "ROOT"})
    bare = confidence_features({"type": "THREATEN", "modality": "threatened", "noun": True,
                                "type_probability": 0.2, "dep": "pobj"})
    assert model.confidence(named) > model.confidence(bare)
    assert model.confidences([named, bare]) == [model.confidence(named),
                                                model.confidence(bare)]
    assert 0.0 < default_min_confidence() <= 1.0


def test_shown_and_modality_of_old_records():
    assert is_shown({"confidence": None}, 0.9) and not is_shown({"confidence": 0.2}, 0.3)
    assert modality_of({"negated": True}) == "negated"
    assert modality_of({"hypothetical": True}) == "hypothetical"
    assert modality_of({"modality": "demanded", "hypothetical": True}) == "demanded"


def judged(confidence, right, gold=None):
    return JudgedEvent("a", {"confidence": confidence}, gold, right, right)


def test_scores_and_reliability_count_each_gold_event_once():
    gold_one, gold_two = {"id": 1}, {"id": 2}
    articles = JudgedArticles([judged(0.9, True, gold_one), judged(0.85, False, gold_two),
                               judged(0.1, False), judged(0.5, True, gold_two)], 4, 1)
    everything = articles.scores()
    assert (everything.true_positives, everything.predicted, everything.gold) == (2, 4, 4)
    top = articles.scores(0.8)
    assert (top.true_positives, top.predicted) == (1, 2)
    bins = {(low, high): (count, share) for low, high, count, share in articles.reliability()}
    assert bins[(0.8, 1.0)] == (2, 0.5)
    assert bins[(0.0, 0.1)][0] == 0 and math.isnan(bins[(0.0, 0.1)][1])


def test_confidence_is_calibrated_on_the_development_articles(nlp):
    from presslens.eval.documents import load_annotations
    from presslens.eval.events import DEFAULT_GOLD, events_dir, judge_events

    if events_dir() is None:
        pytest.skip("../shared/data is not beside the checkout")
    articles = judge_events(load_annotations(DEFAULT_GOLD, "dev"), nlp)
    if not articles.documents:
        pytest.skip("the annotated articles' sources are absent")
    for threshold in (0.1, 0.2, default_min_confidence()):
        shown = articles.shown(threshold)
        if len(shown) >= 10:
            # Of events at confidence >= c about c are right (in-sample: a little slack).
            assert sum(j.right for j in shown) / len(shown) >= threshold - 0.05


def test_the_trust_table_puts_a_blind_split_beside_dev_and_test():
    from presslens.eval.events import trust_rows

    dev = JudgedArticles([judged(0.5, True, {"id": 1}), judged(0.05, False)], 2, 1)
    test = JudgedArticles([judged(0.45, False, {"id": 2})], 3, 1)
    blind = JudgedArticles([judged(0.5, True, {"id": 3})], 1, 1,
                           modality_pairs=[("asserted", "asserted"), ("demanded", "asserted")])
    rows = trust_rows({"dev": dev, "test": test, "blind": blind}, 0.4)
    assert all(len(row) == 4 for row in rows)
    by_label = {row[0]: row[1:] for row in rows}
    assert by_label["shown (confidence >= 0.40): events"] == ("1", "1", "1")
    assert by_label["modality agreement (matched events)"] == ("-", "-", "0.50")
    assert by_label["confidence 0.4-0.6 (n: share right)"] == ("1: 1.00", "1: 0.00", "1: 1.00")
