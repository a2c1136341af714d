"""A presslens pipeline saved with ``nlp.to_disk`` loads with ``spacy.load`` and annotates
as the one it was saved from: every component writes what it runs on (the attribute table
its rules, the lemma table the lemmatizer's tables, the extractors their models)."""

import spacy

TEXT = ('"We will respond to any attack," Abu Fadak al-Mohammadawi said on Monday in '
        "Baghdad. Norvastian jets bombed a depot near Karvan on Tuesday. Critics say the "
        "so-called reforms failed.")


def test_a_saved_pipeline_loads_and_gives_the_same_annotations(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    for folder, name in (("presslens_attribute_table", "patterns.msgpack"),
                         ("presslens_lemma_table", "lookups/lookups.bin"),
                         ("presslens_events", "event_roles.npz"),
                         ("presslens_quotes", "quote_confidence.npz"),
                         ("presslens_framing", "framing_gate.npz")):
        assert (tmp_path / "pipeline" / folder / name).is_file(), (folder, name)
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    saved, again = nlp(TEXT), loaded(TEXT)
    assert [(t.pos_, t.lemma_, t.dep_, t.ent_type_) for t in saved] == \
        [(t.pos_, t.lemma_, t.dep_, t.ent_type_) for t in again]
    assert [c.name for c in saved._.entity_clusters] == \
        [c.name for c in again._.entity_clusters]
    for extension in ("timexes", "quotes", "events", "framing"):
        assert getattr(saved._, extension) == getattr(again._, extension), extension
