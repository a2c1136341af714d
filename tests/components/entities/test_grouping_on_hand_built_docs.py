"""Grouping mentions into actors is a pure function of the repaired mentions: tested on
Docs built by hand, with no model."""

from presslens.components.entities import extract_entity_clusters


def test_spellings_of_one_name_are_one_actor_in_order_of_first_mention(build):
    doc = build(["Kadhimi/PROPN/NNP/nsubj/1/PERSON", "met/VERB/VBD/ROOT/1/meet",
                 "Iraqis/PROPN/NNPS/dobj/1/NORP", "in/ADP/IN/prep/1",
                 "Baghdad/PROPN/NNP/pobj/3/GPE",
                 "and/CCONJ/CC/cc/1", "Khadimi/PROPN/NNP/conj/1/PERSON", "spoke/VERB/VBD/conj/1"])
    clusters = extract_entity_clusters(doc)
    assert [(c.name, c.type, len(c.mentions)) for c in clusters] == [
        ("Kadhimi", "PERSON", 2), ("Iraqis", "NORP", 1), ("Baghdad", "GPE", 1)]
    assert doc._.entity_clusters == []  # nothing is set on the Doc


def test_an_acronym_defined_in_the_text_joins_its_expansion(build):
    doc = build(["PMU/PROPN/NNP/nsubj/1/ORG", "fought/VERB/VBD/ROOT/1/fight"],
                acronyms={"PMU": "Popular Mobilization Units"})
    (cluster,) = extract_entity_clusters(doc)
    assert cluster.type == "ORG" and [m.text for m in cluster.mentions] == ["PMU"]
