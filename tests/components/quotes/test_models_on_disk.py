"""The quote component's models travel with it: ``to_disk`` writes the files it runs on,
``from_disk`` reads them back, and its config lets the speaker ranker overrule the rules."""

import pytest

from presslens.components.quotes import QuoteExtractor, extract_quotes, read_quote_models
from presslens.components.quotes.models import MODEL_FILES

TEXT = ('"We will respond to any attack," Abu Fadak al-Mohammadawi said on Monday. '
        "The ministry said the talks would resume next week.")


def test_the_component_writes_its_models_and_reads_them_back(nlp, tmp_path):
    component = nlp.get_pipe("presslens_quotes")
    component.to_disk(tmp_path / "quotes")
    assert sorted(p.name for p in (tmp_path / "quotes").iterdir()) == sorted(MODEL_FILES)
    loaded = QuoteExtractor(nlp).from_disk(tmp_path / "quotes")
    assert loaded.models is not None and loaded.models.confidence is not None
    with nlp.select_pipes(disable=["presslens_quotes", "presslens_events",
                                   "presslens_framing"]):
        doc = nlp(TEXT)
    assert extract_quotes(doc, loaded.models) == extract_quotes(doc)
    # Without the confidence model's file the quotes come without a confidence.
    (tmp_path / "quotes" / "quote_confidence.npz").unlink()
    bare = read_quote_models(tmp_path / "quotes")
    assert bare.confidence is None and bare.speakers is not None
    assert [q["confidence"] for q in extract_quotes(doc, bare)] == [None, None]
    with pytest.raises(FileNotFoundError, match="to_disk writes them"):
        QuoteExtractor(nlp).from_disk(tmp_path / "nothing")


def test_the_config_turns_the_speaker_ranker_on(nlp):
    from presslens.nlp import build_pipeline

    pipeline = build_pipeline()
    assert pipeline.get_pipe("presslens_quotes").rank_speakers is False
    pipeline.replace_pipe("presslens_quotes", "presslens_quotes",
                          config={"rank_speakers": True})
    assert pipeline.get_pipe("presslens_quotes").rank_speakers is True
    assert pipeline(TEXT)._.quotes
