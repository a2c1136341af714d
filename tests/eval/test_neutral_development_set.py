"""The neutral development set the framing gate learns from leaves out the controls it is
measured on."""

import pytest

from presslens.eval.documents import shared_dir
from presslens.eval.outlet_voice import (
    CONTROL_ARTICLES,
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
