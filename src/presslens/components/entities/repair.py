"""Repairing the small model's named entities with the rules of ``lexicons/entity_repair.json``:
known groups the model mislabels, organisations recognised by their head or final words,
labels glued to names, a leading "the", names the model split, people known by a first name,
and acronyms defined in the text. ``EntityRepair.repaired(doc)`` gives the repaired mentions
and acronyms without touching the Doc; the component sets them as ``doc.ents`` and
``doc._.acronyms``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import srsly
from rapidfuzz.distance import OSA, Levenshtein
from spacy.attrs import IDX
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from presslens.components import doc_text
from presslens.lexicons import lexicon_json, lexicon_lines
from presslens.resolve.names import (
    HONOURED_BY_GIVEN_NAME,
    initials,
    is_romanised_given_name,
)

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
# A short name written as a word ("Phivolcs", "Unicef", "Nato").
_SHORT_NAME = re.compile(r"^[A-Z][a-z]{3,9}$")
_STRIP_EDGE = {"the", "The", "'s", "’s", "'", "’", "-", "–", "—", ",", ".", ":", ";", "(", ")"}


def _capitalised(doc: Doc) -> list[int]:
    """The tokens that open with a capital letter, read from the text at each token's
    offset: the name rules look at no other word, and most words are not capitalised."""
    text = doc_text(doc)
    return [i for i, start in enumerate(doc.to_array(IDX).tolist()) if text[start].isupper()]


_APOSTROPHES_OUT = str.maketrans("", "", "'’‘`ʾʿʼ")


def _plain(word: str) -> str:
    return word.lower().translate(_APOSTROPHES_OUT)


@cache
def _person_roles() -> frozenset[str]:
    """Nouns of a person's office or function ("spokesman", "minister", "director")."""
    synonyms = {w for line in lexicon_lines("role_synonyms.txt") for w in line.split()}
    return frozenset(lexicon_lines("speaker_roles.txt")) | synonyms


@cache
def first_names() -> frozenset[str]:
    """The given names of ``lexicons/first_names.tsv``, read once for every component."""
    return frozenset(line.split("\t")[0] for line in lexicon_lines("first_names.tsv"))



class EntityRepair:
    """Rule layer that corrects NER labels and boundaries; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "presslens_entity_repair",
                 rules: dict[str, Any] | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self._configure(rules if rules is not None else lexicon_json("entity_repair.json"))

    def _configure(self, rules: dict[str, Any]) -> None:
        self.rules = rules
        self.label_map: dict[str, str] = rules["label_map"]
        self.org_heads = frozenset(rules["org_head_words"])
        self.org_finals = frozenset(rules["org_final_words"])
        self.org_following = frozenset(rules["org_following_words"])
        self.descriptors = frozenset(rules["descriptor_words"])
        self.prefixes = frozenset(rules.get("prefix_words", ()))
        self.place_prepositions = frozenset(rules.get("place_prepositions", ()))
        self.org_inner = frozenset(rules.get("org_inner_words", ()))
        self.joining_particles = frozenset(rules.get("name_joining_particles", ()))
        self.body_heads = frozenset(rules.get("body_head_words", ()))
        self.branch_heads = frozenset(rules.get("branch_head_words", ()))
        self.place_bodies = frozenset(rules.get("place_body_words", ()))
        self.org_kinds = frozenset(rules.get("org_kind_words", ()))
        self.place_kinds = frozenset(rules.get("place_kind_words", ()))
        self.titles = frozenset(lexicon_lines("titles.txt"))
        self.department_words = frozenset(lexicon_lines("department_words.txt"))
        self.first_names = first_names()
        self.person_roles = _person_roles()
        self.known_by_alias: dict[str, dict[str, Any]] = {}
        # Acronyms match case-sensitively ("UN" is not "un"), other names case-insensitively.
        self.matcher_lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher_orth = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.single_word_aliases: dict[str, dict[str, Any]] = {}
        for entry in rules["known"] + _outlet_entries(rules):
            for alias in entry["aliases"]:
                self.known_by_alias[alias.lower()] = entry
                pattern = self.nlp.make_doc(alias)
                matcher = self.matcher_orth if _ACRONYM.match(alias) else self.matcher_lower
                matcher.add(entry["name"], [pattern])
                if len(pattern) == 1 and len(alias) >= 5 and not _ACRONYM.match(alias):
                    self.single_word_aliases[alias.lower()] = entry
        # The openings of known names "X in <place>" ("islamic resistance"): such a body is
        # named by its country, and "X in <another place>" is another body of the kind.
        self.named_in_places = frozenset(alias.split(" in ", 1)[0]
                                         for alias in self.known_by_alias if " in " in alias)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents, doc._.acronyms = self.repaired(doc)
        return doc

    def repaired(self, doc: Doc) -> tuple[list[Span], dict[str, str]]:
        """The repaired mentions of a Doc the model's ``ner`` has run on, in order, and
        the acronyms the text defines (acronym -> expansion); the Doc is left as it is."""
        spans = _with_given_name_before(
            self._join_split_names([self._trim(ent) for ent in doc.ents]), self.first_names)
        spans = [_with_hyphenated_syllables(self._relabel(s)) for s in spans if s is not None]
        longest_from: dict[int, int] = {}
        for span in spans:
            longest_from[span.start] = max(longest_from.get(span.start, 0), span.end)
        # A known name that opens a longer name the model found ("United States Embassy")
        # leaves that name alone.
        capitalised = _capitalised(doc)
        known = [k for k in self._known_spans(doc, capitalised)
                 if longest_from.get(k.start, 0) <= k.end
                 # "Kataeb Hezbollah": a known name closing a name opened by an Arabic
                 # word for a body is part of that other body's name.
                 and not any(s.start < k.start and k.end <= s.end and s.label_ == "ORG"
                             and _plain(doc[s.start].text) in self.org_heads for s in spans)]
        known += self._headed_org_names(doc, spans, capitalised) + \
            self._first_name_people(doc, spans, capitalised) + \
            self._described_people(doc, spans, capitalised) + \
            self._names_of_a_kind(doc, spans, capitalised)
        taken = {i for s in known for i in range(s.start, s.end)}
        spans = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        spans = self._demonyms(filter_spans(known + spans))
        spans = self._body_names(doc, spans)
        spans, acronyms = self._acronyms(doc, spans)
        spans = _surnames_of_people_named(doc, spans, capitalised)
        spans = [s for s in (_after_anti_or_pro(s) for s in spans) if s is not None]
        return sorted(spans, key=lambda s: s.start), acronyms

    def _trim(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        doc = ent.doc
        if ent.label_ in ("ORG", "GPE", "NORP", "FAC", "WORK_OF_ART") and \
                self._titled_person(ent):
            # "warned Brigadier General Abolfazl Shekarchi": ranks before a given name are
            # a person's titles, whatever the model took the whole for.
            ent = Span(doc, start, end, label="PERSON")
        while start < end and (doc[start].text in _STRIP_EDGE or doc[start].is_space
                               or (doc[start].lower_ in self.prefixes and start + 1 < end
                                   and doc[start + 1].text == "-")):
            start += 1
        # "World Health Organization (WHO": the model runs a name into the bracket that
        # defines its acronym; the acronym is a mention of its own.
        opening = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
        if opening is not None and not any(doc[i].text == ")" for i in range(opening, end)):
            end = opening
        while end > start and (doc[end - 1].text in _STRIP_EDGE or doc[end - 1].is_space):
            end -= 1
        # "Daesh Takfiri": the label is framing, not part of the name.
        while end - start > 1 and _plain(doc[end - 1].text) in self.descriptors:
            end -= 1
        # "Qaradin's National Defence Front": the name is what the possessive governs.
        for i in range(end - 2, start, -1):
            if doc[i].text in ("'s", "’s"):
                start = i + 1
                break
        # "Sayed Yasin al-Mousavi", "Imam Khomeini": titles are not part of a person's name.
        if ent.label_ == "PERSON":
            # A title word joined to the next by a hyphen is part of the name: "Amir" of
            # "Amir-Abdollahian" is no emir.
            while end - start > 1 and _plain(doc[start].text).rstrip(".") in self.titles \
                    and not (doc[start].whitespace_ == ""
                             and doc[start + 1].text in ("-", "‐", "–")):
                start += 1
            if end - start == 1 and start > ent.start and \
                    _plain(doc[start - 1].text) in HONOURED_BY_GIVEN_NAME and \
                    _plain(doc[start].text) in self.first_names:
                # "Imam Hussein", "Prophet Muhammad": a figure known by title and given
                # name; the given name alone would be anyone's ("Fuad Hussein").
                start -= 1
            # "Secretary of State Mike Pompeo": the department belongs to the title.
            if start > ent.start and end - start > 3 and doc[start].lower_ == "of":
                start += 1
            if self._after_title_of(doc, start):
                while end - start > 2 and _plain(doc[start].text) in self.department_words:
                    start += 1
        if all(_plain(t.text) in self.department_words for t in doc[start:end]) and (
                self._after_title_of(doc, start)
                or (end < len(doc) and _plain(doc[end].text) in self.titles)):
            return None  # "State" of "Secretary of State", "Defense" of "Defense Secretary"
        if start >= end or all(_plain(t.text) in self.descriptors for t in doc[start:end]):
            return None
        if end - start == 1 and _plain(doc[start].text) in self.titles:
            return None  # "Sultan", "President" on their own name nobody
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label=ent.label_)

    def _titled_person(self, ent: Span) -> bool:
        """Whether a span is titles followed by a person's name: a common given name after
        them, then capitalised words, none of which names a kind of body ("Sheikh Zayed
        Mosque" stays a place)."""
        words = [_plain(t.text).rstrip(".") for t in ent]
        titles = 0
        while titles < len(words) - 2 and words[titles] in self.titles:
            titles += 1
        rest = ent[titles:]
        return titles > 0 and words[titles] in self.first_names and \
            all(t.text[:1].isupper() or t.text == "-" or _plain(t.text) in ("al", "el", "bin")
                for t in rest) and \
            not any(w in self.org_finals or w in self.org_heads or w in self.place_kinds
                    or w in self.org_kinds for w in words[titles:])

    def _after_title_of(self, doc: Doc, start: int) -> bool:
        """Whether token ``start`` follows a title and "of" ("Secretary of State")."""
        return start >= 2 and doc[start - 1].lower_ == "of" and \
            _plain(doc[start - 2].text) in self.titles

    def _relabel(self, span: Span) -> Span:
        if span.label_ == "WORK_OF_ART" and len(span) > 1 and \
                _plain(span[0].text).rstrip(".") in self.titles and span[-1].text.istitle():
            # '"…," Mayor de Blasio said': a title and a name after a quotation, which the
            # model takes for the quotation's title. The title is not the name.
            start = span.start
            while start < span.end - 1 and _plain(span.doc[start].text).rstrip(".") in self.titles:
                start += 1
            return Span(span.doc, start, span.end, label="PERSON")
        if span.label_ in ("PERSON", "ORG") and self._is_place_after_preposition(span):
            return Span(span.doc, span.start, span.end, label="GPE")
        if span.label_ not in ("PERSON", "GPE", "LOC", "NORP", "FAC"):
            return span
        words = [_plain(t.text) for t in span]
        is_org = words[0] in self.org_heads or any(w in self.org_heads for w in words[1:2])
        is_org = is_org or (len(words) > 1 and words[-1] in self.org_finals)
        # "Dhafir Centre for Regional Studies", "Bank of England"
        is_org = is_org or any(w in self.org_inner and nxt in ("for", "of")
                               for w, nxt in zip(words, words[1:], strict=False))
        if not is_org and span.label_ in ("PERSON", "LOC", "FAC"):
            is_org = self._followed_by_org_word(span)
        if is_org and span.label_ != "ORG":
            return Span(span.doc, span.start, span.end, label="ORG")
        return span

    def _join_split_names(self, spans: list[Span | None]) -> list[Span]:
        """Rejoin a name the model cut in two: "Abu Muntadhar" + "Al Qinawi", or a first
        or last name it took for a place ("Karim" GPE + "Haddad" PERSON)."""
        joined: list[Span] = []
        named = Counter(s.text for s in spans if s is not None)
        for span in (s for s in spans if s is not None):
            if joined:
                before = joined[-1]
                doc = span.doc
                adjacent = before.end == span.start and doc[before.end - 1].whitespace_
                if (before.label_ == "PERSON" == span.label_ and span.start == before.end + 1
                        and doc[before.end].text in ("'", "’")
                        and not doc[before.end - 1].whitespace_
                        and not doc[before.end - 1].text.lower().endswith("s")
                        and doc[before.end].whitespace_):
                    # "Mohammed Shia' al-Sudani": an ayn or hamza that ends a word is written
                    # as an apostrophe, where the model ends the name (after an "s" it is
                    # the possessive: "Abbas' envoy").
                    joined[-1] = Span(doc, before.start, span.end, label="PERSON")
                    continue
                if adjacent and (_plain(span[0].text) in self.joining_particles
                                 or _plain(before[0].text) in ("abu", "umm")):
                    if "PERSON" in (before.label_, span.label_):
                        joined[-1] = Span(doc, before.start, span.end, label="PERSON")
                        continue
                if (adjacent and span.label_ == "PERSON" and len(before) == 1
                        and before.label_ in ("GPE", "ORG", "LOC")
                        and before[0].text.istitle()
                        and before[0].text.lower() not in self.known_by_alias):
                    joined[-1] = Span(doc, before.start, span.end, label="PERSON")
                    continue
                if (adjacent and before.label_ == "PERSON" and len(before) > 1 and len(span) == 1
                        and span.label_ in ("GPE", "ORG", "LOC") and span[0].is_alpha
                        and span[0].text.istitle()
                        and span[0].text.lower() not in self.known_by_alias
                        and named[span.text] == 1):
                    # "Health Minister Oly Ilunga Kalenga": a third name the model took for a
                    # place. A place named right after a full name, and nowhere else in the
                    # article, is rarer than a name in three parts.
                    joined[-1] = Span(doc, before.start, span.end, label="PERSON")
                    continue
            joined.append(span)
        return joined

    def _demonyms(self, spans: list[Span]) -> list[Span]:
        """A name that is another name plus a demonym ending ("Qaradini" beside "Qaradin",
        "Norvastians" beside "Norvast") is a nationality, and the other name a country."""
        single = {s.text: s for s in spans if len(s) == 1 and s.text[:1].isupper()}
        demonyms: set[str] = set()
        places: set[str] = set()
        for text in single:
            for ending in ("ians", "ian", "is", "i", "ese", "ish"):
                base = text[: -len(ending)]
                if text.endswith(ending) and len(base) >= 4 and base in single:
                    demonyms.add(text)
                    places.add(base)
        fixed = []
        for span in spans:
            if span.text in demonyms and span.label_ in ("PERSON", "ORG", "GPE"):
                span = Span(span.doc, span.start, span.end, label="NORP")
            elif span.text in places and span.label_ in ("PERSON", "ORG", "NORP"):
                span = Span(span.doc, span.start, span.end, label="GPE")
            fixed.append(span)
        return fixed

    def _body_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Bodies named through a place: "the US embassy in Beijing", "San Antonio police",
        "the US Mission in China". The small model tags the place ("US") or the name without
        its branch ("US Mission"), and then two embassies of one country are one actor and
        "the embassy said" has nothing to point back to."""
        by_start = {s.start: s for s in spans}
        absorbed: set[int] = set()
        result = []
        for span in sorted(spans, key=lambda s: s.start):
            if span.start in absorbed:
                continue
            end, label = span.end, span.label_
            word = _plain(doc[end].text) if end < len(doc) else ""
            if word and label in ("GPE", "NORP") and end not in by_start \
                    and doc[end - 1].whitespace_ \
                    and (word in self.place_bodies if doc[end].is_lower
                         else word in self.body_heads) \
                    and (label == "GPE" or word in self.branch_heads):
                end, label = end + 1, "ORG"
            if label == "ORG":
                end = self._name_through_preposition(doc, span.start, end, by_start)
            if (end, label) != (span.end, span.label_):
                absorbed.update(s for s in range(span.end, end) if s in by_start)
                span = Span(doc, span.start, end, label=label)
            result.append(span)
        return result

    def _name_through_preposition(self, doc: Doc, start: int, end: int,
                                  by_start: dict[int, Span]) -> int:
        """Where an organisation's name ending at ``end`` goes on through a preposition and
        the name after it: "Foreign Ministry of Iraq", "US Embassy in London", and names the
        model ended on the preposition itself ("Mission to" + "the United Nations")."""
        dangling = end - 1 > start and doc[end - 1].lower_ in ("of", "to", "in", "on", "for")
        if dangling:
            head, preposition, after = _plain(doc[end - 2].text), doc[end - 1].lower_, end
        elif end + 1 < len(doc):
            head, preposition, after = _plain(doc[end - 1].text), doc[end].lower_, end + 1
        else:
            return end
        if after < len(doc) and doc[after].lower_ == "the":
            after += 1
        name = by_start.get(after)
        if name is None or name.label_ not in ("GPE", "LOC", "ORG", "FAC"):
            return end
        if dangling or (preposition == "of" and head in self.body_heads) or (
                preposition in ("in", "to") and head in self.branch_heads):
            return name.end
        if preposition == "in" and not dangling and name.label_ in ("GPE", "LOC") and \
                doc[start:end].text.lower() in self.named_in_places:
            # "The Islamic Resistance in Lebanon": a kind of body known to be named by its
            # country ("Islamic Resistance in Iraq"), here in another one.
            return name.end
        return end

    def _is_place_after_preposition(self, span: Span) -> bool:
        """"in Qaradin", "across Harzan": a one-word name where only a place can stand."""
        doc = span.doc
        if len(span) != 1 or span.start == 0:
            return False
        after = doc[span.end].text if span.end < len(doc) else ""
        return (doc[span.start - 1].lower_ in self.place_prepositions
                and after not in ("'s", "’s", "'", "’"))

    def _followed_by_org_word(self, span: Span) -> bool:
        doc = span.doc
        i = span.end
        while i < len(doc) and _plain(doc[i].text) in self.descriptors:
            i += 1
        return i < len(doc) and doc[i].is_lower and doc[i].text in self.org_following

    def _headed_org_names(self, doc: Doc, spans: list[Span],
                          capitalised: list[int]) -> list[Span]:
        """Capitalised names opened by an Arabic organisation word ("Saraya Awliya al-Dam")
        that the model missed or cut short."""
        covered = {i: s for s in spans for i in range(s.start, s.end)}
        found = []
        for token in (doc[i] for i in capitalised):
            if (_plain(token.text) not in self.org_heads
                    or (token.i in covered and covered[token.i].label_ == "ORG")):
                continue
            end = token.i + 1
            while (end < len(doc) and _continues_name(doc, end)
                   and _plain(doc[end].text) not in self.titles
                   and (end not in covered or covered[end].label_ == "ORG")):
                end += 1
            while end > token.i + 1 and not doc[end - 1].text[:1].isalpha():
                end -= 1
            if end > token.i + 1:
                found.append(Span(doc, token.i, end, label="ORG"))
        return found

    def _names_of_a_kind(self, doc: Doc, spans: list[Span],
                         capitalised: list[int]) -> list[Span]:
        """"the Rumble bar", "the Wagner group": proper names the model left untagged that
        modify a common noun for a kind of organisation, after "the", name one."""
        covered = {i for s in spans for i in range(s.start, s.end)}
        found = []
        for i in capitalised:
            token = doc[i]
            if i == 0 or i in covered or doc[i - 1].lower_ != "the" or token.pos_ != "PROPN":
                continue
            end = i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and end not in covered:
                end += 1
            if end < len(doc) and doc[end].is_lower and doc[end].lemma_ in self.org_kinds \
                    and all(t.head.i == end or (i <= t.head.i < end and t.dep_ == "compound")
                            for t in doc[i:end]):
                found.append(Span(doc, i, end, label="ORG"))
        return found

    def _first_name_people(self, doc: Doc, spans: list[Span],
                           capitalised: list[int]) -> list[Span]:
        """"official Peter Salama", "Mr Salama": a known first name or a Mr/Ms title before
        capitalised words is a person, whatever the model called those words."""
        people = {i for s in spans if s.label_ == "PERSON" for i in range(s.start, s.end)}
        found = []
        for token in (doc[i] for i in capitalised):
            word = token.lower_
            titled = word.rstrip(".") in ("mr", "mrs", "ms", "dr")
            if token.i in people or not (titled or word in self.first_names):
                continue
            start = token.i + 1 if titled else token.i
            end = token.i + 1
            while end < len(doc) and (doc[end].text[:1].isupper() and doc[end].is_alpha
                                      or doc[end].lower_ in ("al", "bin", "de", "van", "von")
                                      or (doc[end].text == "-" and not doc[end - 1].whitespace_)):
                if doc[end].lower_ in self.titles and end > start:
                    break
                end += 1
            while end > start and not doc[end - 1].text[:1].isalpha():
                end -= 1
            if end - start >= (1 if titled else 2) and not any(
                    i in people for i in range(start, end)):
                found.append(Span(doc, start, end, label="PERSON"))
        return found

    def _described_people(self, doc: Doc, spans: list[Span],
                          capitalised: list[int]) -> list[Span]:
        """"Tomasz Kubiak, a fire service spokesman, told …": two or three capitalised
        words the model left untagged, set off by a description of a person's office, are
        a person."""
        upper = set(capitalised)
        found = []
        for start in capitalised:
            if start - 1 in upper and doc[start - 1].is_alpha:
                continue  # inside a run
            end = start
            while end < len(doc) and end in upper and doc[end].is_alpha \
                    and doc[end].pos_ == "PROPN":
                end += 1
            words = [_plain(t.text) for t in doc[start:end]]
            if not 2 <= len(words) <= 3 or any(
                    w in self.titles or w in self.org_heads for w in words):
                continue
            # A name the model found in part ("Kubiak" alone, as ORG) gives way; one it
            # found whole, or one running past these words, stays.
            if any(s.start < end and start < s.end and (
                    s.start < start or s.end > end or s.label_ == "PERSON") for s in spans):
                continue
            if end + 2 >= len(doc) or doc[end].text != "," or \
                    doc[end + 1].lower_ not in ("a", "an", "the"):
                continue
            for index in range(end + 2, min(end + 9, len(doc))):
                if doc[index].is_punct:
                    break
                if doc[index].pos_ == "NOUN" and doc[index].lower_ in self.person_roles:
                    found.append(Span(doc, start, end, label="PERSON"))
                    break
        return found

    def _known_spans(self, doc: Doc, capitalised: list[int]) -> list[Span]:
        found = []
        for matcher in (self.matcher_lower, self.matcher_orth):
            for _match_id, start, end in matcher(doc):
                entry = self.known_by_alias.get(doc[start:end].text.lower())
                label = entry["type"] if entry else "ORG"
                found.append(Span(doc, start, end, label=label))
        # A misspelling of a one-word known name with two letters swapped ("Deash"), the
        # commonest typo in hand-typed copy; other edits are too likely to be another name.
        for token in (doc[i] for i in capitalised):
            word = token.text.lower()
            if len(word) < 5 or word in self.single_word_aliases:
                continue
            for alias, entry in self.single_word_aliases.items():
                if OSA.distance(word, alias) == 1 and Levenshtein.distance(word, alias) == 2:
                    found.append(Span(doc, token.i, token.i + 1, label=entry["type"]))
                    break
        return filter_spans(found)

    def _acronyms(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], dict[str, str]]:
        """Acronyms defined as "Long Name (LN)" become mentions wherever they recur."""
        acronyms: dict[str, tuple[str, str]] = {}
        by_start = {s.start: s for s in spans}
        for span in spans:
            after = span.end
            if not (after + 2 < len(doc) and doc[after].text == "("
                    and doc[after + 2].text == ")"):
                continue
            short = doc[after + 1].text
            if (_ACRONYM.match(short) and defines_acronym(span.text, short)) or (
                    span.label_ == "ORG" and _SHORT_NAME.match(short)
                    and abbreviates(span.text, short)):
                acronyms[doc[after + 1].text] = (span.text, span.label_)
        if not acronyms:
            return spans, {}
        added = []
        for token in doc:
            if token.text in acronyms and token.i not in by_start:
                if not any(s.start <= token.i < s.end for s in spans):
                    added.append(Span(doc, token.i, token.i + 1, label=acronyms[token.text][1]))
        return spans + added, {acr: full for acr, (full, _) in acronyms.items()}

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "rules.json", self.rules)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> EntityRepair:
        self._configure(json.loads((Path(path) / "rules.json").read_text(encoding="utf-8")))
        return self



def _after_anti_or_pro(span: Span) -> Span | None:
    """A name the model found after "anti-" or "pro-": "anti-Semite" names no Semites (the
    word means one who hates Jews), and "Anti-Defamation League" is one name, which the
    model cut at the hyphen; "anti-Iran" still names Iran."""
    doc = span.doc
    start = span.start
    if start < 2 or doc[start - 1].text != "-" or doc[start - 1].whitespace_ or \
            doc[start - 2].whitespace_ or doc[start - 2].lower_ not in ("anti", "pro"):
        return span
    if span.text.lower().startswith("semit"):
        return None
    if doc[start - 2].text[:1].isupper() and span.label_ == "ORG":
        return Span(doc, start - 2, span.end, label=span.label_)
    return span


def _surnames_of_people_named(doc: Doc, spans: list[Span], capitalised: list[int]
                              ) -> list[Span]:
    """"The Baltimore Sun reported Cummings had been sick" after "Elijah Cummings": a lone
    capitalised word the model left untagged, after a person named in full whose last word
    it is, is that person again (one sense per article). Only where one full name has that
    last word, and the word is never tagged as something else here."""
    if not spans:
        return spans
    people: dict[str, int] = {}  # last word -> where the first full name ends
    others: set[str] = set()
    owners: dict[str, set[str]] = {}
    for span in spans:
        last = span[-1].text
        if span.label_ == "PERSON" and len(span) >= 2 and last[:1].isupper() and \
                last.isalpha():
            people.setdefault(last, span.end)
            owners.setdefault(last, set()).add(span.text)
        elif len(span) == 1 and span.label_ != "PERSON":
            others.add(span.text)
    # One full name only: with two ("Elijah Cummings", "Elijah E. Cummings") grouping
    # cannot tell which the lone word joins, and it would stand as an actor of its own.
    surnames = {last: end for last, end in people.items()
                if last not in others and len(owners[last]) == 1}
    if not surnames:
        return spans
    tagged = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for i in capitalised:
        token = doc[i]
        end = surnames.get(token.text)
        if end is None or i < end or i in tagged or token.pos_ != "PROPN":
            continue
        # A word of a longer name ("Cummings Center") is not the person alone.
        if i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha or \
                i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha and \
                not doc[i - 1].is_sent_start:
            continue
        added.append(Span(doc, i, i + 1, label="PERSON"))
    return spans + added if added else spans


def defines_acronym(name: str, acronym: str) -> bool:
    """Whether "NAME (ACRONYM)" defines the acronym: its letters are the name's initials,
    in order or not, since parties keep the acronym of their name in their own language
    ("Democratic Party of Iranian Kurdistan (KDPI)", "Kurdistan Free Life Party (PJAK)",
    "Kurdistan Freedom Party (PAK)", from Parti Azadi Kurdistan).

    >>> defines_acronym("Democratic Party of Iranian Kurdistan", "KDPI")
    True
    >>> defines_acronym("Kurdistan Freedom Party", "PAK")
    True
    >>> defines_acronym("Islamic Revolutionary Guard Corps", "AFP")
    False
    """
    letters = initials(name)
    if letters.startswith(acronym[:2]):
        return True
    shared = sum(1 for ch in acronym.upper() if ch in letters)
    return len(letters) >= 2 and shared * 3 >= len(acronym) * 2 and acronym[:1] in letters


def abbreviates(name: str, short: str) -> bool:
    """Whether a short name written as a word is made of the openings of the name's words,
    in order ("Phivolcs": PHIlippine VOLCanology Seismology; "Nato": North Atlantic Treaty
    Organization), starting with the first word.

    >>> abbreviates("Philippine Institute of Volcanology and Seismology", "Phivolcs")
    True
    >>> abbreviates("Ministry of Defence", "Mossad")
    False
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    target = short.lower()

    @cache
    def rest(position: int, word: int) -> bool:
        if position == len(target):
            return True
        for index in range(word, len(words)):
            candidate = words[index]
            length = 1
            while length <= len(candidate) and position + length <= len(target) and \
                    candidate[:length] == target[position:position + length]:
                if rest(position + length, index + 1):
                    return True
                length += 1
            if word == 0:
                return False  # the short name opens with the name's first word
        return False

    return bool(words) and rest(0, 0)


def _outlet_entries(rules: dict[str, Any]) -> list[dict[str, Any]]:
    """The news outlets of ``lexicons/outlets.json`` as known organisations: they are
    sources ("RT reports: …") that the small model often leaves untagged."""
    known = {alias.lower() for entry in rules["known"] for alias in entry["aliases"]}
    entries = []
    for outlet in lexicon_json("outlets.json")["outlets"]:
        name = outlet["name"]
        aliases = [name] + ([name[4:]] if name.startswith("The ") else [])
        aliases = [a for a in aliases if a.lower() not in known]
        if aliases:
            entries.append({"name": aliases[-1], "type": "ORG", "aliases": aliases})
    return entries



# Words that open the part of an Arabic name that says whose son or daughter one is.
_NASAB = frozenset({"bin", "ibn", "bint", "ben"})


def _with_given_name_before(spans: list[Span], given_names: frozenset[str]) -> list[Span]:
    """"Hamza bin Ladin" tagged from "bin": a person's name that opens with bin or ibn
    takes the known given name written just before it, which the model left out (else
    "bin Ladin" is read as the father's name, and another man)."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    extended = []
    for span in spans:
        start = span.start
        if span.label_ == "PERSON" and _plain(span[0].text) in _NASAB and start > 0:
            before = span.doc[start - 1]
            if before.i not in taken and before.text[:1].isupper() and \
                    before.lower_ in given_names:
                span = Span(span.doc, start - 1, span.end, label="PERSON")
        extended.append(span)
    return extended


def _with_hyphenated_syllables(span: Span) -> Span:
    """A person's name with the rest of its last hyphenated word: the model stops "Moon
    Jae-in" at "Moon Jae" and "Ban Ki-moon" at "Ban Ki". Only a romanised syllable joins
    ("Jae-in", never "Trump-backed"), and only a name of two words or more."""
    doc = span.doc
    end = span.end
    if span.label_ != "PERSON" or len(span) < 2 or not span[-1].text[:1].isupper():
        return span
    if end + 1 < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text in ("-", "‐") \
            and doc[end].whitespace_ == "" and doc[end + 1].is_lower \
            and is_romanised_given_name(doc[end + 1].text):
        return Span(doc, span.start, end + 2, label=span.label_)
    return span


def _continues_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` still belongs to a transliterated name: "Ahl", "al", "-", "Haq"."""
    token = doc[i]
    if token.text in ("-", "'", "’"):
        return doc[i - 1].whitespace_ == "" and i + 1 < len(doc)
    if token.text.lower() in ("al", "el", "ad", "bin", "ibn", "abu", "wa"):
        return True
    return token.text[:1].isupper() and token.pos_ == "PROPN" and doc[i - 1].text not in ".!?"

