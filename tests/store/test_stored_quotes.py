"""Quotes in the store and its faces: joint speakers and principals are found by name, and
the confidence threshold hides the doubtful unless asked for all."""

import json

import pytest

from presslens.analysis import analyze
from presslens.components.quotes.confidence import default_threshold
from presslens.store import Store
from tests.helpers import invoke

JOINT = ("US President Joe Biden met Iraqi Prime Minister Mustafa al-Kadhimi at the White "
         "House on Monday.\n\n"
         "Biden and the Iraqi prime minister said in a joint statement that the combat "
         "mission would end by the close of the year.\n\n"
         "The military spokesperson for Prime Minister Kamal Darwish said the attack would "
         "be investigated by a joint committee.")


@pytest.fixture()
def stored(tmp_path, nlp):
    corpus = analyze([JOINT], nlp=nlp)
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        store.add_articles(corpus.articles)
    return path, corpus


def test_a_joint_speaker_and_a_principal_are_found_by_name(stored):
    path, _ = stored
    with Store.open(path) as store:
        kadhimi = store.quotes(speaker="Kadhimi")
        assert [q.content for q in kadhimi] == [
            "the combat mission would end by the close of the year"]
        darwish = store.quotes(speaker="Kamal Darwish")
        assert [q.speaker_text for q in darwish] == ["The military spokesperson"]


def test_min_confidence_hides_and_zero_shows_all(stored):
    path, corpus = stored
    confidences = [q["confidence"] for q in corpus.articles[0].quotes]
    with Store.open(path) as store:
        everything = store.quotes(min_confidence=0)
        assert len(everything) == len(confidences)
        assert all(q.confidence is not None for q in everything)
        top = max(confidences)
        above = store.quotes(min_confidence=top)
        assert {q.confidence for q in above} == {top}
        assert store.quotes(min_confidence=1.0) == [] or top == 1.0


def test_cli_min_confidence_option(stored):
    path, corpus = stored
    shown_by_default = sum(q["confidence"] >= default_threshold()
                           for q in corpus.articles[0].quotes)
    everything = invoke("quotes", "--min-confidence", "0", "--db", path)
    assert everything.exit_code == 0, everything.stderr
    assert everything.stdout.count("(indirect") == len(corpus.articles[0].quotes)
    default = invoke("quotes", "--db", path)
    assert default.stdout.count("(indirect") == shown_by_default
    assert invoke("quotes", "--min-confidence", "2", "--db", path).exit_code == 2


def test_api_min_confidence_parameter(stored):
    from fastapi.testclient import TestClient

    from presslens.web.app import Settings, create_app

    path, corpus = stored
    app = create_app(Settings(db_path=path))
    client = TestClient(app)
    everything = client.get("/api/quotes", params={"min_confidence": 0}).json()
    assert len(everything["items"]) == len(corpus.articles[0].quotes)
    default = client.get("/api/quotes").json()
    assert default["min_confidence"] == default_threshold()
    assert all(item["confidence"] >= default_threshold() for item in default["items"])
    assert json.dumps(default)
