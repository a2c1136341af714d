"""The framing gate: the rules' claims and scare quotes rescored from their sentence's shape,
and weasel hedges on a plain detail of a calm report kept below the default threshold."""

from importlib import resources

import pytest

from presslens.analysis import analyze
from presslens.components.framing.confidence import default_min_confidence
from presslens.components.framing.gate import (
    GATE_MODEL,
    interpolate,
    plain_hedge,
    read_gate,
)
from presslens.learning import read_models

CALM_REPORT = (
    "A passenger plane landed safely in Lisbon on Monday after a bird struck one of its "
    "engines shortly after take-off from Porto.\n\n"
    "The aircraft reportedly carried 150 passengers and six crew members when it turned "
    "back over the Atlantic coast.\n\n"
    "The airline said the engine would be inspected before the plane flies again.")

HEDGED_CLAIM = (
    "The brutal regime reportedly tortured hundreds of peaceful protesters in its prisons "
    "last year.\n\n"
    "The ministry of justice has not answered questions about the prisons.")

SCIENCE_REPORT = (
    "Astronomers working with the Chandra X-ray Observatory announced on Tuesday the "
    "discovery of a black hole about 1,500 light-years from Earth.\n\n"
    "This newly discovered black hole does not have an accretion disk, which makes it "
    "remarkably difficult to observe with ordinary telescopes.\n\n"
    "The team measured its mass at about nine times that of the Sun.")

PRIMARY_REPORT = (
    "Voters in fourteen states cast ballots on \"Super Tuesday\", the busiest day of the "
    "presidential primary season, election officials in Texas and California said.\n\n"
    "Polls closed at 8 p.m. local time in most states.")


def outlet_flags(nlp, text, label):
    (article,) = analyze([text], nlp=nlp).articles
    return [f for f in article.framing if f["label"] == label and f["voice"] == "outlet"]


def test_the_shipped_gate_is_honest_on_cross_validation():
    found = read_models(GATE_MODEL, resources.files("presslens.models"))
    assert found is not None
    models, meta = found
    assert set(models) == {"unattributed_claim", "scare_quotes"}
    for point, tally in meta["cross_validation"].items():
        right, shown = (int(n) for n in tally.split("/"))
        # Of the gated development flags at or above c (gates fitted without their
        # article), at least c were right.
        assert shown == 0 or right / shown >= float(point), point
    gate = read_gate()
    assert gate is not None and gate.plain_hedge < default_min_confidence()
    for calibrated in gate.models.values():
        assert calibrated.knots_x == sorted(calibrated.knots_x)
        assert calibrated.knots_y == sorted(calibrated.knots_y)


def test_interpolation_is_flat_beyond_the_knots_and_linear_between():
    assert interpolate(0.0, [0.2, 0.6], [0.1, 0.5]) == 0.1
    assert interpolate(0.9, [0.2, 0.6], [0.1, 0.5]) == 0.5
    assert interpolate(0.4, [0.2, 0.6], [0.1, 0.5]) == pytest.approx(0.3)


def test_a_plain_hedge_needs_a_calm_article_and_no_claim():
    assert plain_hedge(["band=calm", "hedged_claim=none"])
    assert not plain_hedge(["band=charged", "hedged_claim=none"])
    assert not plain_hedge(["band=calm", "hedged_claim=evaluative"])


def test_a_hedge_on_a_detail_of_a_calm_report_is_kept_below_the_threshold(nlp):
    (hedge,) = [f for f in outlet_flags(nlp, CALM_REPORT, "weasel_attribution")
                if f["text"] == "reportedly"]
    assert hedge["basis"] == "weasel_attribution:impersonal|plain"
    assert hedge["confidence"] < default_min_confidence()
    assert "calm report" in hedge["explanation"]


def test_a_hedge_that_carries_a_claim_is_shown(nlp):
    (hedge,) = [f for f in outlet_flags(nlp, HEDGED_CLAIM, "weasel_attribution")
                if f["text"] == "reportedly"]
    assert not hedge["basis"].endswith("|plain")
    assert hedge["confidence"] >= default_min_confidence()


def test_a_description_in_a_science_report_is_not_shown_as_a_claim(nlp):
    # The rule still raises the claim (it is kept in the store); the gate hides it.
    claims = outlet_flags(nlp, SCIENCE_REPORT, "unattributed_claim")
    assert [f["text"][:30] for f in claims] == ["This newly discovered black ho"]
    assert claims[0]["confidence"] < default_min_confidence()


def test_a_name_in_quotation_marks_is_not_shown_as_a_scare_quote(nlp):
    quotes = outlet_flags(nlp, PRIMARY_REPORT, "scare_quotes")
    assert [f["text"] for f in quotes] == ['"Super Tuesday"']
    assert quotes[0]["confidence"] < default_min_confidence()


def test_so_called_keeps_the_calibration_tables_confidence(nlp):
    # The gate rescores claims and quoted terms from their sentence; "so-called" never fired
    # on the neutral reports, so they hold no evidence against it and the gate leaves it.
    from presslens.components.framing.confidence import calibration

    quotes = outlet_flags(nlp, "The so-called peace plan was drafted without the "
                               "Palestinians, who were never consulted about it.",
                          "scare_quotes")
    (so_called,) = [f for f in quotes if f["basis"] == "scare_quotes:so_called"]
    assert so_called["confidence"] == round(
        calibration()["buckets"]["scare_quotes:so_called"], 3)


def test_the_gate_reads_no_word_of_the_sentence(nlp):
    from presslens.analysis import document_for
    from presslens.components.framing.gate import gated_flags
    from presslens.components.framing.techniques import shipped_models, tagger_probabilities
    from presslens.ingest.readers import article_from_text

    doc = nlp(document_for(nlp, article_from_text(HEDGED_CLAIM)))
    gated = gated_flags(doc, doc._.framing, tagger_probabilities(doc, shipped_models()))
    assert gated
    words = {t.lower_ for t in doc if t.is_alpha and len(t) > 3}
    for _, features in gated:
        for feature in features:
            assert not words & set(feature.replace("=", " ").replace(":", " ").split()), \
                feature
