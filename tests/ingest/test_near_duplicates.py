"""Near-identical copies (syndicated wire copy, re-posts) found by MinHash, with the index in
an in-memory SQLite database."""

import sqlite3

import pytest

from presslens.ingest.dedupe import MIN_WORDS, NearDuplicateIndex, shingles, signature

WIRE = ("The militia said on Sunday that its fighters had withdrawn from three villages north "
        "of the city after two days of talks with tribal elders, who had asked for the roads to "
        "be reopened before the harvest. Officials in the provincial capital welcomed the move "
        "but said the checkpoints would stay in place until the army had inspected every road.")
OTHER = ("A new hospital opened in the port city on Monday, the health ministry said, with two "
         "hundred beds, four operating theatres and a ward for children that doctors had "
         "requested for years. The building was paid for by a fund of local merchants, and the "
         "ministry will pay its staff for the first five years of its service.")


@pytest.fixture
def index():
    return NearDuplicateIndex(sqlite3.connect(":memory:"))


def test_shingles_fold_case_and_accents_and_need_enough_words():
    words = " ".join(f"word{i}" for i in range(MIN_WORDS))
    assert shingles("Café RÉSUMÉ " + words) == shingles("cafe resume " + words)
    assert shingles(" ".join(["word"] * (MIN_WORDS - 1))) == set()
    assert signature("A headline and a line.") is None


def test_a_repost_with_a_new_head_and_tail_is_a_copy_of_the_first(index):
    assert index.check("wire", WIRE) is None
    copy = index.check("repost", "BREAKING: " + WIRE + " Read more.")
    assert copy is not None and copy.copy_of == "wire" and copy.article_id == "repost"
    assert copy.similarity >= index.threshold
    assert index.check("hospital", OTHER) is None


def test_a_copy_of_an_article_that_was_never_stored_is_kept_as_new(index):
    index.check("cut-off", WIRE)
    assert index.check("again", WIRE, live=lambda article_id: article_id != "cut-off") is None
    # The dead entry is gone, and the text is indexed under its new id.
    assert index.check("third", WIRE).copy_of == "again"


def test_a_threshold_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(sqlite3.connect(":memory:"), threshold=0)
