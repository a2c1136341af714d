"""The output of `presslens analyze` keeps to ../shared/spec, and every span is its text."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from presslens.analysis import analyze, read_articles
from presslens.errors import InputError
from presslens.store import read_jsonl


def assert_spans_are_their_text(article: dict) -> int:
    text = article["text"]
    spans = [m for e in article["entities"] for m in e["mentions"]]
    spans += article["timexes"] + article["framing"]
    spans += [q["content"] for q in article["quotes"]] + [e["trigger"] for e in article["events"]]
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"], span
    return len(spans)


@pytest.fixture(scope="module")
def sample_output(samples, tmp_path_factory):
    out = tmp_path_factory.mktemp("analysis")
    done = subprocess.run(
        [sys.executable, "-m", "presslens", "analyze", *map(str, samples), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out, done


@pytest.mark.model
def test_sample_analysis_validates_against_the_spec(sample_output, spec_dir):
    out, _ = sample_output
    for name, schema in (("articles.jsonl", "article.schema.json"),
                         ("entities.jsonl", "entity.schema.json")):
        validator = Draft202012Validator(json.loads((spec_dir / schema).read_text()))
        records = read_jsonl(out / name)
        assert records
        for record in records:
            errors = [e.message for e in validator.iter_errors(record)]
            assert not errors, errors


@pytest.mark.model
def test_entity_ids_in_articles_are_in_entities_jsonl(sample_output):
    out, _ = sample_output
    ids = {e["id"] for e in read_jsonl(out / "entities.jsonl")}
    for article in read_jsonl(out / "articles.jsonl"):
        assert {e["id"] for e in article["entities"]} <= ids


@pytest.mark.model
def test_sample_spans_are_their_text(sample_output):
    out, _ = sample_output
    assert sum(assert_spans_are_their_text(a) for a in read_jsonl(out / "articles.jsonl")) > 100


@pytest.mark.model
def test_sample_metadata_and_entities(sample_output):
    out, done = sample_output
    articles = {a["source"]["outlet"]: a for a in read_jsonl(out / "articles.jsonl")}
    assert articles["Tasnim News Agency"]["source"]["dateline"] == "TEHRAN (Tasnim) –"
    assert articles["Press TV"]["source"]["tags"][0] == "Iraq"
    entities = {e["id"]: e for e in read_jsonl(out / "entities.jsonl")}
    kadhimi = entities["mustafa-al-kadhimi"]
    assert {"Khadimi", "Khadhimi", "Mustafa Al-Kadhimi", "Mustafa al-Kadhimi"} <= set(
        kadhimi["aliases"])
    assert kadhimi["articles"] == 2
    assert entities["daesh"]["type"] == "ORG"
    assert entities["asaib-ahl-al-haq"]["type"] == "ORG"
    assert (out / "report.html").exists()
    assert "Report:" in done.stdout


def test_demo_corpus_spans_are_their_text(demo_dir, nlp):
    articles, problems, _ = read_articles([demo_dir], max_article_bytes=5_000_000)
    assert not problems, problems
    corpus = analyze(articles, nlp=nlp)
    assert len(corpus.articles) >= 30
    for article in corpus.articles:
        assert_spans_are_their_text(article.to_dict())


SENTENCES = [
    "“Only resistance can expel them,” Sayed Yasin al-Mousavi said.",
    "Khadimi’s cabinet was approved by parliament on Wednesday.",
    "The Deash Takfiri outfit attacked the PMU near Baghdad.",
    "Fadel Jaber, a member of Sadeqoun coalition, told al-Maalomah that …",
    "TEHRAN (Tasnim) – Iraqi political groups urged the formation of an alliance.",
    "The Popular Mobilization Units (PMU) said the PMU would respond.",
]
JUNK = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SENTENCES), JUNK), min_size=1, max_size=8),
       st.sampled_from(["\n\n", " ", "\n", "\r\n", "\u200b "]))
def test_spans_are_their_text_for_any_mix_of_text(nlp, parts, separator):
    text = separator.join(parts)
    if not text.strip():
        return
    try:
        corpus = analyze([text], nlp=nlp)
    except InputError:  # nothing but boilerplate: refused by name, not analysed
        return
    for article in corpus.articles:
        assert_spans_are_their_text(article.to_dict())
