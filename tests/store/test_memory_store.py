"""The store on records written by hand, in an in-memory database: no pipeline, no file."""

import pytest

from presslens.model import ArticleAnalysis, ArticleEntity, Mention, Source
from presslens.store import Store

FIRST = "Qasem Soleimani said the convoy would leave. “We will not stay,” Soleimani said."
SECOND = "Officials said Qassem Suleimani had met the envoy in the capital."


def _span(text: str, words: str, after: int = 0) -> dict:
    start = text.index(words, after)
    return {"start": start, "end": start + len(words), "text": words}


def _quote(quote_id, text, speaker, entity, content, kind, confidence=None, after=0):
    speaker_span = _span(text, speaker, after)
    record = {"id": quote_id, "kind": kind, "speaker": {"entity": entity, **speaker_span},
              "cue": _span(text, "said", speaker_span["end"]),
              "content": _span(text, content)}
    if confidence is not None:
        record["confidence"] = confidence
    return record


def _mention(text, words, after=0):
    span = _span(text, words, after)
    return Mention(span["start"], span["end"], words, "PERSON")


ARTICLES = [
    ArticleAnalysis(
        id="a1", text=FIRST,
        source=Source(title="Convoy", outlet="Press TV", published="2020-01-02"),
        entities=[ArticleEntity("qasem-soleimani", "Qasem Soleimani", "PERSON",
                                [_mention(FIRST, "Qasem Soleimani"),
                                 _mention(FIRST, "Soleimani", FIRST.index("”"))])],
        quotes=[_quote("q1", FIRST, "Qasem Soleimani", "qasem-soleimani",
                       "the convoy would leave", "indirect", confidence=0.9),
                _quote("q2", FIRST, "Soleimani", "qasem-soleimani", "We will not stay,",
                       "direct", confidence=0.3, after=FIRST.index("”"))]),
    ArticleAnalysis(
        id="a2", text=SECOND,
        source=Source(title="Envoy", outlet="IRNA", published="2020-01-03"),
        entities=[ArticleEntity("qasem-soleimani", "Qassem Suleimani", "PERSON",
                                [_mention(SECOND, "Qassem Suleimani")])],
        quotes=[_quote("q3", SECOND, "Officials", None,
                       "Qassem Suleimani had met the envoy in the capital", "indirect")]),
]


@pytest.fixture
def store():
    with Store.open(":memory:") as opened:
        opened.add_articles(ARTICLES)
        yield opened


def test_articles_come_back_as_they_were_stored(store):
    assert store.count_articles() == 2
    assert store.has_article("a1") and not store.has_article("a9")
    assert store.article("a1").to_dict() == ARTICLES[0].to_dict()
    assert store.article("a9") is None


def test_search_marks_the_words_found_and_finds_every_spelling_of_a_stored_name(store):
    (hit,) = store.search("envoy")
    assert hit.article_id == "a2" and "[envoy]" in hit.snippet
    found = store.search("Suleimani")
    assert {h.article_id for h in found} == {"a1", "a2"}
    assert any("[Qasem Soleimani]" in h.snippet for h in found)
    assert store.search("   ") == []


def test_quotes_by_speaker_in_any_spelling_by_kind_and_by_what_was_said(store):
    assert [q.quote_id for q in store.quotes(speaker="Suleimani")] == ["q1", "q2"]
    assert [q.quote_id for q in store.quotes(kind="direct")] == ["q2"]
    assert [q.quote_id for q in store.quotes(about="convoy")] == ["q1"]
    (hit,) = store.quotes(about="convoy")
    assert (hit.speaker_name, hit.outlet, hit.confidence) == ("Qasem Soleimani", "Press TV", 0.9)


def test_a_confidence_floor_hides_doubtful_quotes_and_keeps_those_without_one(store):
    # Newest article first; q3 was stored without a confidence.
    assert [q.quote_id for q in store.quotes(min_confidence=0.5)] == ["q3", "q1"]
