"""The records of the output contract: their JSON shape both ways, and what they say about
themselves."""

from presslens.model import (
    NEAR_EMPTY_WORDS,
    ArticleAnalysis,
    ArticleEntity,
    CorpusEntity,
    InputProblem,
    Mention,
    Source,
    prose_words,
)

TEXT = "Saad al-Saadi said the talks failed."


def _article(**fields) -> ArticleAnalysis:
    return ArticleAnalysis(
        id="a1", text=TEXT,
        source=Source(path="in/a.txt", outlet="Press TV", published="2031-02-14",
                      published_inferred=True, tags=["Iraq"], line=3),
        entities=[ArticleEntity("saad-al-saadi", "Saad al-Saadi", "PERSON",
                                [Mention(0, 13, "Saad al-Saadi", "PERSON")])],
        **fields)


def test_an_article_comes_back_from_its_json_unchanged():
    article = _article(summary={"claims": {"attributed": 1, "unattributed": 0}})
    assert ArticleAnalysis.from_dict(article.to_dict()) == article
    mention = article.entities[0].mentions[0]
    assert TEXT[mention.start:mention.end] == mention.text


def test_a_record_of_an_older_version_reads_with_defaults():
    old = {"id": "a1", "text": TEXT, "source": {"title": "T", "tags": None},
           "entities": [{"id": "x", "mentions": [{"start": 0, "end": 4, "text": "Saad"}]}]}
    article = ArticleAnalysis.from_dict(old)
    assert article.source.tags == [] and article.source.published_inferred is False
    assert article.entities[0].type == "OTHER" and article.entities[0].mentions[0].label == "OTHER"
    assert article.quotes == [] and article.summary == {}


def test_only_framing_flags_below_the_threshold_are_dropped():
    flags = [{"label": "doubt", "confidence": 0.9}, {"label": "doubt", "confidence": 0.2},
             {"label": "scare_quotes"}]
    article = _article(framing=flags)
    shown = article.with_framing_from(0.5)
    assert shown.framing == [flags[0], flags[2]]
    assert article.framing == flags  # the original is left as it was


def test_a_text_of_too_few_words_is_near_empty():
    assert _article().near_empty
    words = " ".join(["word"] * NEAR_EMPTY_WORDS)
    assert not ArticleAnalysis(id="a2", source=Source(), text=words).near_empty
    # Numbers and one-letter words are not prose.
    assert prose_words("In 2031 a 5 x 3 grid") == 2


def test_a_corpus_entity_writes_optional_fields_only_when_known():
    entity = CorpusEntity("iraqi", "Iraqi", "NORP", ["Iraqis"], 2, 5, country="iraq")
    record = entity.to_dict()
    assert record["country"] == "iraq" and "first_seen" not in record
    assert CorpusEntity.from_dict(record) == entity


def test_a_problem_names_its_line_when_it_has_one():
    assert str(InputProblem("feed.jsonl", "not JSON", line=7)) == "feed.jsonl:7: not JSON"
    assert str(InputProblem("a.txt", "empty")) == "a.txt: empty"
