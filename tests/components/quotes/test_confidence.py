"""Quote confidence: present on every quote, ordered sensibly, and read back by eval."""

import json

import pytest

from presslens.components.quotes.confidence import default_threshold, quote_features
from presslens.eval.quotes import reliability
from tests.components.quotes.quote_helpers import quotes_of


def test_every_quote_has_a_confidence_between_0_and_1(nlp):
    text = ('"We will not accept foreign bases," Foreign Minister Layla Nasser said.\n\n'
            "Officials said the talks would resume, according to a local channel.")
    quotes = quotes_of(nlp, text)
    assert quotes
    assert all(0.0 <= q["confidence"] <= 1.0 for q in quotes)


def test_a_named_direct_speaker_is_surer_than_an_unresolved_pronoun(nlp):
    named = quotes_of(nlp, '"We will not accept foreign bases on our soil," Layla Nasser '
                           'said.')[0]
    pronoun = quotes_of(nlp, "It said that the bases would be closed within a year.")
    assert not pronoun or pronoun[0]["confidence"] < named["confidence"]


def test_default_threshold_is_shipped_with_the_model():
    assert 0.0 < default_threshold() < 1.0


def test_features_tell_how_the_speaker_was_found():
    quote = {"kind": "indirect", "cue": {"start": 3, "end": 7, "text": "said"},
             "cue_class": "neutral",
             "content": {"start": 8, "end": 30, "text": "the talks would resume"},
             "speaker": {"text": "He", "start": 0, "end": 2, "resolved_from": "pronoun"}}
    features = quote_features(quote, "He said the talks would resume", "PERSON")
    assert "found=pronoun" in features
    assert "type=PERSON" in features
    assert "speaker_before" in features


def test_reliability_bands_and_cumulative_rows():
    rows = dict((band, (count, right)) for band, count, right in reliability(
        [(0.95, True), (0.92, False), (0.6, True), (None, True)], (0.0, 0.9, 1.0)))
    assert rows["[0.90, 1.00]"] == (2, 0.5)
    assert rows[">= 0.00"] == (3, 2 / 3)


@pytest.mark.model
def test_eval_quotes_prints_a_blind_set_beside_dev_and_test(tmp_path, monkeypatch):
    import presslens.eval.quotes as quote_eval
    from tests.helpers import invoke

    dev = quote_eval.load_gold(split="dev")
    from presslens.eval.documents import load_document

    if load_document(dev[0]["doc"]) is None:
        pytest.skip("../shared/samples is not beside the checkout")
    blind = tmp_path / "gold.jsonl"
    blind.write_text(json.dumps({**dev[0], "split": "blind"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(quote_eval, "BLIND_GOLD", blind)
    result = invoke("eval", "quotes", "--polnear", "none")
    assert result.exit_code == 0, result.stderr
    assert "blind 1 articles" in result.stdout
    assert "blind P / R / F1" in result.stdout.replace("\n", " ") or "blind" in \
        result.stdout.split("Quote confidence")[1]
    assert ">= 0.90" in result.stdout


@pytest.mark.model
def test_eval_quotes_without_a_blind_set_says_nothing_of_it(tmp_path, monkeypatch):
    import presslens.eval.quotes as quote_eval
    from tests.helpers import invoke

    monkeypatch.setattr(quote_eval, "BLIND_GOLD", tmp_path / "absent.jsonl")
    result = invoke("eval", "quotes", "--polnear", "none")
    assert result.exit_code == 0, result.stderr
    assert "blind" not in result.stdout


def test_blind_speaker_fields_are_scored_where_annotated():
    from presslens.eval.quotes import field_scores, same_speaker
    from presslens.model import CorpusEntity

    entities = {i: CorpusEntity(i, name, "PERSON", [], 1, 1) for i, name in (
        ("biden", "Joe Biden"), ("kadhimi", "Mustafa al-Kadhimi"), ("rasool", "Yahya Rasool"),
        ("sudani", "Mohammed Shia al-Sudani"))}
    joint = {"speaker": {"name": "Joe Biden & Mustafa al-Kadhimi",
                         "speakers": ["Joe Biden", "Mustafa al-Kadhimi"]}, "reported_by": None}
    counts: dict = {}
    field_scores(joint, {"speaker": {"entity": "biden", "entities": ["biden", "kadhimi"]}},
                 entities, counts)
    field_scores(joint, {"speaker": {"entity": "biden"}}, entities, counts)
    assert counts["all joint speakers"] == [1, 1, 2]
    assert counts["reported by"] == [0, 0, 0]
    spokesperson = {"speaker": {"name": "Yahya Rasool",
                                "on_behalf_of": "Mohammed Shia al-Sudani"}}
    system = {"speaker": {"entity": "rasool", "on_behalf_of": {"entity": "sudani"}}}
    field_scores(spokesperson, system, entities, counts)
    assert counts["on behalf of"] == [1, 1, 1]
    assert same_speaker(spokesperson["speaker"], system["speaker"], entities)
    # Where the annotation predates on_behalf_of, the principal's name counts too.
    assert same_speaker({"name": "Mohammed Shia al-Sudani"},
                        {"entity": None, "on_behalf_of": {"entity": "sudani"}}, entities)
