"""The event coder's models travel with a pipeline: ``to_disk`` writes the files it runs on,
``from_disk`` reads them back, and its config switches the trained parts off."""

import pytest

from presslens.components.events import (
    MODEL_FILES,
    EventCoder,
    extract_events,
    read_event_models,
)

TEXT = ("Norvastian jets bombed a depot near Karvan on Tuesday. The ministry urged Qaradin to "
        "withdraw its troops, and the rebels were attacked near the border.")


def test_the_coder_writes_its_models_and_reads_them_back(nlp, tmp_path):
    EventCoder().to_disk(tmp_path / "events")
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == sorted(MODEL_FILES)
    loaded = EventCoder().from_disk(tmp_path / "events")
    assert loaded.models is not None
    assert None not in (loaded.models.roles, loaded.models.types, loaded.models.confidence)
    with nlp.select_pipes(disable=["presslens_events"]):
        doc = nlp(TEXT)
    assert extract_events(doc, loaded.models) == extract_events(doc)
    # Without the confidence model's file the events come without a confidence.
    (tmp_path / "events" / "event_confidence.npz").unlink()
    bare = read_event_models(tmp_path / "events")
    assert bare.confidence is None
    assert all("confidence" not in e for e in extract_events(doc, bare))
    with pytest.raises(FileNotFoundError, match="to_disk writes them"):
        EventCoder().from_disk(tmp_path / "nothing")


def test_the_config_leaves_the_rules_alone(nlp):
    from presslens.nlp import build_pipeline

    rules_only = build_pipeline()
    rules_only.replace_pipe("presslens_events", "presslens_events",
                            config={"use_roles": False, "classify": False})
    coder = rules_only.get_pipe("presslens_events")
    assert (coder.use_roles, coder.classify) == (False, False)
    doc = rules_only(TEXT)
    assert [e["type"] for e in doc._.events]
    with nlp.select_pipes(disable=["presslens_events"]):
        parsed = nlp(TEXT)
    assert doc._.events == extract_events(parsed, use_roles=False, classify=False)

