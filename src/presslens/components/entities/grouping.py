"""Grouping one article's repaired mentions into actors: the same name in any
transliteration, a surname after the full name ("al-Kadhimi"), a group's last word after its
Arabic head word ("Nujaba" after "Harakat al-Nujaba"), an acronym after its expansion, a
body named without its place after the one branch the article names with a place.
``extract_entity_clusters(doc)`` is a pure function of a Doc whose mentions are repaired;
the component stores its clusters as ``doc._.entity_clusters``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from presslens.components.clusters import EntityCluster
from presslens.components.entities.repair import first_names
from presslens.lexicons import lexicon_json, lexicon_lines
from presslens.resolve.names import (
    family_name_first,
    initials,
    is_generic_key,
    is_standalone_form,
    mention_key,
    name_key,
    name_tokens,
    standalone_surname,
    vowel_variants,
)


@dataclass(frozen=True, slots=True)
class GroupingRules:
    """What grouping reads of ``lexicons/entity_repair.json`` and the first names: the
    model's labels as actor types, the known names by alias, and the Arabic head words of
    group names as keys."""

    label_map: dict[str, str]
    known_names: dict[str, str]
    first_names: frozenset[str]
    org_head_keys: frozenset[str]
    company_tail_keys: frozenset[str] = frozenset()
    demonym_keys: frozenset[str] = frozenset()
    # Given names by which figures of faith are called alone, and the honorifics before them.
    figure_name_keys: frozenset[str] = frozenset()
    figure_honorifics: frozenset[str] = frozenset()


@cache
def grouping_rules() -> GroupingRules:
    rules = lexicon_json("entity_repair.json")
    return GroupingRules(rules["label_map"],
                         {a.lower(): e["name"] for e in rules["known"] for a in e["aliases"]},
                         first_names(),
                         frozenset(name_key(w) for w in rules["org_head_words"]),
                         frozenset(name_key(w) for w in rules.get("company_tail_words", ())),
                         frozenset(name_key(line.split("\t")[0])
                                   for line in lexicon_lines("demonyms.tsv")),
                         frozenset(name_key(w) for w in rules.get("figure_names", ())),
                         frozenset(rules.get("figure_honorifics", ())))


def extract_entity_clusters(doc: Doc, rules: GroupingRules | None = None
                            ) -> list[EntityCluster]:
    """The article's actors, in order of first mention, from its repaired mentions
    (``doc.ents``) and the acronyms defined in it (``doc._.acronyms``)."""
    rules = rules or grouping_rules()
    acronyms: dict[str, str] = doc._.acronyms or {}
    clusters: dict[str, EntityCluster] = {}
    acronym_mentions: list[Span] = []
    for ent in doc.ents:
        etype = rules.label_map.get(ent.label_)
        if etype is None:
            continue
        if ent.text in acronyms:
            acronym_mentions.append(ent)
            continue
        known = rules.known_names.get(ent.text.lower())
        key = mention_key(known or ent.text, etype)
        if not key:
            continue
        cluster = clusters.setdefault(key, EntityCluster(name="", type=etype, key=key))
        cluster.mentions.append(ent)
        cluster.known = cluster.known or known is not None
        if known:
            cluster.name = known
    _attach_short_names(clusters, rules)
    for ent in acronym_mentions:
        full_key = name_key(rules.known_names.get(acronyms[ent.text].lower(),
                                                  acronyms[ent.text]))
        target = clusters.get(full_key)
        if target is None:
            target = clusters.setdefault(
                name_key(ent.text), EntityCluster("", rules.label_map[ent.label_],
                                                  name_key(ent.text)))
        target.mentions.append(ent)
    for cluster in clusters.values():
        cluster.mentions.sort(key=lambda s: s.start)
        cluster.type = _majority_type(cluster, rules.label_map)
        if not cluster.name:
            cluster.name = _display_name(cluster)
    return sorted(clusters.values(), key=lambda c: c.mentions[0].start)


class EntityGrouper:
    """The ``presslens_entities`` component: stores ``extract_entity_clusters``'s actors
    as ``doc._.entity_clusters``."""

    def __init__(self, nlp: Language, name: str = "presslens_entities") -> None:
        self.name = name
        self.rules = grouping_rules()

    def __call__(self, doc: Doc) -> Doc:
        doc._.entity_clusters = extract_entity_clusters(doc, self.rules)
        return doc


def _attach_short_names(clusters: dict[str, EntityCluster], rules: GroupingRules) -> None:
    """"al-Kadhimi" after "Mustafa al-Kadhimi"; "bin Salman" after "Mohammed bin Salman";
    "PMU" after "Popular Mobilization Units"."""
    long_clusters = [c for c in clusters.values() if not is_standalone_form(c.key)]
    for key in [k for k in clusters if is_standalone_form(k)]:
        candidates = _short_name_targets(clusters[key], key, long_clusters, rules)
        if len(candidates) == 1:
            (target,) = candidates.values()
            target.mentions.extend(clusters.pop(key).mentions)
    _attach_body_names(clusters)
    _attach_names_without_nationality(clusters, rules)


def _short_name_targets(short: EntityCluster, key: str, long_clusters: list[EntityCluster],
                        rules: GroupingRules) -> dict[int, EntityCluster]:
    """The clusters named in full that the short name ``key`` may stand for."""
    # The small model often tags a lone surname ORG or GPE ("Kermanzadeh said"); in an
    # article that names the person in full, the surname is the person.
    candidates = {
        id(c): c for c in long_clusters
        if c.type == "PERSON" and short.type != "NORP" and standalone_surname(c.key) == key
    }
    if " " in key:
        return candidates  # "bin Salman", "de Blasio": only the person of that name
    if short.type in ("PERSON", "ORG", "OTHER"):
        # "Xi" after "Xi Jinping", "Kim" after "Kim Jong Un": the family name comes first.
        candidates |= {
            id(c): c for c in long_clusters
            if c.type == "PERSON" and family_name_first(c.mentions[0].text) == key
        }
    if not candidates and short.type == "PERSON" and \
            short.mentions[0].text.lower() in rules.first_names and \
            key not in rules.figure_name_keys and not any(
                m.start > 0 and m.doc[m.start - 1].lower_.rstrip(".") in rules.figure_honorifics
                for m in short.mentions):
        # "Osama was killed" after "Osama bin Laden": a given name alone, after the one
        # person of the article who carries it, is that person (two who carry it: neither).
        # Not a name by which a prophet, imam or saint is called ("Imam Ali").
        first = short.mentions[0].start
        carriers = {id(c): c for c in long_clusters
                    if c.type == "PERSON" and c.key.split()[0] == key
                    and c.mentions[0].start < first}
        if len(carriers) == 1 and not any(
                c.type == "PERSON" and c.key.split()[0] == key and id(c) not in carriers
                for c in long_clusters):
            return carriers
    if not candidates and short.type in ("PERSON", "ORG", "OTHER") and \
            not short.known and short.mentions[0].text.lower() not in rules.first_names:
        # "Saree said" after "Yahya Sarea": the surname in another transliteration.
        candidates = {
            id(c): c for c in long_clusters
            if c.type == "PERSON" and vowel_variants(c.key.split()[-1], key)
        }
    if not candidates and short.type in ("ORG", "PERSON", "OTHER") and len(key) >= 4 \
            and not short.known:
        # "Nujaba" after "Harakat al-Nujaba": a group opened by an Arabic head word
        # ("movement", "brigades") is called by the word that follows it; a body known
        # by that word is another one ("Hezbollah" beside "Kataib Hezbollah"), and a
        # place is the place ("Quds" beside "Saraya al-Quds").
        candidates = {
            id(c): c for c in long_clusters
            if c.type == "ORG" and c.key.split()[0] in rules.org_head_keys
            and c.key.split()[-1] == key
        }
    if not candidates and short.type in ("ORG", "PERSON", "OTHER") and not short.known:
        # "Ford" after "Ford Motor Company", "Mahan" after "Mahan Air": a body called by
        # its own name without the words that say what kind of body it is.
        candidates = {
            id(c): c for c in long_clusters
            if c.type == "ORG" and c.key.split()[0] == key
            and all(w in rules.company_tail_keys for w in c.key.split()[1:])
        }
    if short.type in ("ORG", "OTHER") and short.mentions[0].text.isupper():
        candidates |= {
            id(c): c for c in long_clusters
            if c.type == "ORG" and initials(c.mentions[0].text) == short.mentions[0].text
        }
    return candidates


def _attach_names_without_nationality(clusters: dict[str, EntityCluster],
                                      rules: GroupingRules) -> None:
    """"Islamic Jihad" after "Palestinian Islamic Jihad": a body whose name opens with a
    nationality is also called without it, when the article names one such body."""
    for key in [k for k, c in clusters.items() if c.type == "ORG" and not c.known
                and len(k.split()) >= 2 and not is_generic_key(k)]:
        targets = [c for c in clusters.values() if c.type == "ORG" and c.key != key
                   and c.key.split()[0] in rules.demonym_keys
                   and " ".join(c.key.split()[1:]) == key]
        if len(targets) == 1:
            targets[0].mentions.extend(clusters.pop(key).mentions)


def _attach_body_names(clusters: dict[str, EntityCluster]) -> None:
    """"the US embassy" after "the US embassy in China": a body named without its
    place is the one branch of it the article names with a place."""
    branches = [c for c in clusters.values() if c.type == "ORG"
                and any(w in _BRANCH_LINKS for w in c.key.split()[1:])]
    if not branches:
        return
    for key in [k for k, c in clusters.items() if c.type == "ORG"]:
        targets = [c for c in branches if c.key.startswith(key + " ") and c.key in clusters
                   and c.key.split()[len(key.split())] in _BRANCH_LINKS]
        if len(targets) == 1:
            targets[0].mentions.extend(clusters.pop(key).mentions)


# "in", "to", "of" as ``name_key`` spells them: the words that join a body to its place.
_BRANCH_LINKS = frozenset(name_key(w) for w in ("in", "to", "of"))



def _majority_type(cluster: EntityCluster, label_map: dict[str, str]) -> str:
    # A full name the model called a person settles it: the small model often calls the
    # same surname ORG when it stands alone ("Orban replied").
    if not cluster.known and any(m.label_ == "PERSON" and len(m) > 1 and
                                 m[0].text[:1].isupper() for m in cluster.mentions):
        return "PERSON"
    counts = Counter(label_map.get(m.label_, "OTHER") for m in cluster.mentions)
    return counts.most_common(1)[0][0]


def _display_name(cluster: EntityCluster) -> str:
    """The fullest form used, without a leading title ("Mustafa al-Kadhimi")."""
    def score(span: Span) -> tuple[int, int]:
        return (len(name_tokens(span.text, strip_titles=cluster.type == "PERSON")),
                len(span.text))

    best = max(cluster.mentions, key=score)
    if cluster.type != "PERSON":
        return best.text
    words = best.text.split()
    stripped = name_tokens(best.text, strip_titles=True)
    # Drop the title words the key dropped, keeping the name as written.
    while len(words) > 1 and name_tokens(words[0]) and name_tokens(words[0])[0] not in stripped:
        words.pop(0)
    return " ".join(words)

