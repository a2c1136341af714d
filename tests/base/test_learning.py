"""The small linear models: scoring, the shipped archive format, and training."""

import math

import pytest

from presslens.learning import LinearClassifier, load_model, read_models, train, write_models


@pytest.fixture
def model():
    return LinearClassifier(["A", "B"], {"x": [1.0, 0.0], "y": [0.0, 2.0]}, [0.0, 0.0],
                            dense=[[0.5, -0.5]])


def test_probabilities_are_a_softmax_over_the_features_present(model):
    assert model.probabilities([]) == {"A": 0.5, "B": 0.5}
    p = model.probabilities(["x", "a feature the model never saw"])
    assert math.isclose(p["A"], 1 / (1 + math.exp(-1)))
    assert math.isclose(sum(p.values()), 1.0)
    assert model.best(["y"])[0] == "B"
    assert [label for label, _ in model.ranked(["x"])] == ["A", "B"]


def test_a_dense_vector_adds_its_weighted_components(model):
    without = model.probabilities(["x"])["A"]
    with_vector = model.probabilities(["x"], [2.0])["A"]
    assert math.isclose(with_vector, 1 / (1 + math.exp(-3)))
    assert with_vector > without
    # A model without dense weights ignores a vector.
    plain = LinearClassifier(["A", "B"], {"x": [1.0, 0.0]}, [0.0, 0.0])
    assert plain.probabilities(["x"], [2.0]) == plain.probabilities(["x"])


def test_an_archive_holds_several_models_rounded_as_written_and_its_meta(tmp_path, model):
    extender = LinearClassifier(["A", "B"], {"x": [1.23456, 0.0]}, [0.123456, 0.0])
    write_models(tmp_path / "m.npz", {"": model, "spans": extender}, {"threshold": 0.4})
    models, meta = read_models("m.npz", tmp_path)
    assert meta == {"threshold": 0.4}
    assert models[""] == model
    assert models["spans"].weights == {"x": [1.235, 0.0]}
    assert models["spans"].bias == [0.1235, 0.0]
    assert load_model("m.npz", tmp_path) == model
    assert load_model("absent.npz", tmp_path) is None


def test_training_learns_separable_labels_and_drops_rare_features():
    examples = [(["red", "round"], "apple")] * 2 + [(["yellow", "long"], "banana")] * 2 + \
        [(["once"], "apple")]
    trained = train(examples)
    assert trained.labels == ["apple", "banana"]
    assert "once" not in trained.weights  # seen fewer than min_count times
    assert trained.best(["red"])[0] == "apple" and trained.best(["long"])[0] == "banana"
    assert train(examples) == trained  # deterministic for one seed
