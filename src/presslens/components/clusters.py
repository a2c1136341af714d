"""The article's actors as the entity components leave them on ``doc._.entity_clusters``,
and what the other components ask of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from presslens.resolve.names import mention_key


@dataclass(slots=True)
class EntityCluster:
    """One actor in one article: its mentions (spaCy spans), display name, type and key."""

    name: str
    type: str
    key: str
    mentions: list[Span] = field(default_factory=list)
    known: bool = False


def country_of_nationality(clusters: list[EntityCluster], index: int) -> int | None:
    """The cluster of the country an article names for the nationality cluster ``index``
    ("Turkish" -> "Turkey", "Saudi" -> "Saudi Arabia"), or None: the nationality's key and
    the country's share their first four letters."""
    if clusters[index].type != "NORP":
        return None
    nationality = mention_key(clusters[index].name, "NORP")
    for number, cluster in enumerate(clusters):
        country = cluster.key
        if cluster.type == "GPE" and len(nationality) >= 5 and len(country) >= 4 and \
                nationality[:4] == country[:4]:
            return number
    return None
