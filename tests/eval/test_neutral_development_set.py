"""The neutral development set the framing gate learns from leaves out the controls it is
measured on."""

import pytest

from presslens.eval.documents import load_annotations, shared_dir
from presslens.eval.outlet_voice import (
    CONTROL_ARTICLES,
    FRAMING_GOLD,
    control_articles,
    neutral_development_articles,
)


@pytest.mark.skipif(not (shared_dir() / "data" / "wikinews").is_dir(),
                    reason="../shared/data/wikinews is absent")
def test_the_neutral_development_set_leaves_out_the_controls():
    controls = {a.source.url for a in control_articles()}
    development = [a.source.url for a in neutral_development_articles()]
    assert len(controls) == CONTROL_ARTICLES
    assert development and len(set(development)) == len(development)
    assert not controls & set(development)


@pytest.mark.skipif(not (shared_dir() / "data" / "wikinews").is_dir(),
                    reason="../shared/data/wikinews is absent")
def test_neither_neutral_set_holds_a_report_annotated_for_framing():
    # A report with framing gold is judged by it: its hedges are not all wrong.
    annotated = {r["doc"].removeprefix("wikinews:") for r in load_annotations(FRAMING_GOLD)
                 if r["doc"].startswith("wikinews:")}
    assert annotated
    assert not annotated & {a.source.url for a in neutral_development_articles()}
    assert not annotated & {a.source.url for a in control_articles()}
