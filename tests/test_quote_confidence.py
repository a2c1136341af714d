"""Quote confidence: present on every quote, ordered sensibly, and read back by eval."""

from tests.test_quotes_component import quotes_of

from presslens.components.quote_confidence import default_threshold, quote_features
from presslens.eval.quotes import reliability


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
