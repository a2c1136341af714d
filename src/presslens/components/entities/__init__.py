"""Entity mentions: repairing the small model's NER, and grouping mentions into actors.

Two components, added after spaCy's ``ner``:

``presslens_entity_repair``
    A rule layer over the statistical NER, driven by ``lexicons/entity_repair.json``:
    known groups the model mislabels ("Asa'ib Ahl al-Haq" as PERSON, "Daesh" as GPE),
    organisations recognised by their Arabic head words ("Harakat ...", "Kata'ib ...") or
    English final words ("... Movement"), labels glued to names ("Daesh Takfiri" -> "Daesh"),
    leading "the", and acronyms defined in the text ("Popular Mobilization Units (PMU)").

``presslens_entities``
    Groups the repaired mentions of one article into actors (``doc._.entity_clusters``):
    the same name in any transliteration, a surname after the full name ("al-Kadhimi"),
    an acronym after its expansion.

The package's modules: ``repair`` (``EntityRepair``: its ``repaired(doc)`` gives the
repaired mentions and acronyms without touching the Doc) and ``grouping``
(``extract_entity_clusters(doc)``, a pure function of a Doc whose mentions are repaired).
This module holds the two spaCy factories.

>>> nlp = presslens.load_pipeline()  # doctest: +SKIP
>>> [c.name for c in nlp("Mustafa al-Kadhimi met ... al-Kadhimi said")._.entity_clusters]
... # doctest: +SKIP
['Mustafa al-Kadhimi']
"""

from __future__ import annotations

from spacy.language import Language

from presslens.components import register_extensions
from presslens.components.entities.grouping import (
    EntityGrouper,
    GroupingRules,
    extract_entity_clusters,
    grouping_rules,
)
from presslens.components.entities.repair import EntityRepair, defines_acronym, first_names

__all__ = ["EntityGrouper", "EntityRepair", "GroupingRules", "defines_acronym",
           "extract_entity_clusters", "first_names", "grouping_rules", "make_entity_grouper",
           "make_entity_repair"]

register_extensions()


@Language.factory("presslens_entity_repair", assigns=["doc.ents", "doc._.acronyms"],
                  requires=["doc.ents", "token.pos"])
def make_entity_repair(nlp: Language, name: str) -> EntityRepair:
    return EntityRepair(nlp, name)


@Language.factory("presslens_entities", assigns=["doc._.entity_clusters"],
                  requires=["doc.ents", "doc._.acronyms"])
def make_entity_grouper(nlp: Language, name: str) -> EntityGrouper:
    return EntityGrouper(nlp, name)
