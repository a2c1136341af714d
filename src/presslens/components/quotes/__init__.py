"""Quotes and reported speech: who said what, with the cue and the speaker.

``presslens_quotes`` runs after ``presslens_entities`` and writes ``doc._.quotes``: one
contract record per quote (``kind`` direct, indirect or mixed; ``content``, ``cue`` and
speaker spans by character offsets), with the speaker linked to the article's entity
clusters. Three passes:

1. Direct quotes: quotation marks paired across the text (a quote that runs over several
   paragraphs reopens each paragraph with a mark), attributed to a reporting verb in the
   same sentence (``"…," X said``, ``X said: "…"``) or, for a paragraph that only continues
   a quote, to the previous speaker. Marks around a few words with no reporting verb are
   scare quotes, not quotes.
2. Reported speech: a reporting verb from ``lexicons/reporting_verbs.tsv`` with a subject and
   a complement (``X said that …``, ``X vowed to …``, ``…, sources said``, ``X, saying …``),
   and ``according to X``. A complement that contains quoted words is ``mixed``.
3. Speakers: named entities; pronouns resolved to the previous speaker or person;
   descriptions ("the cleric") linked to the person they describe; unnamed sources
   ("officials", "many") flagged ``anonymous``.

>>> doc = nlp('"Only resistance can expel them," the cleric said.')  # doctest: +SKIP
>>> doc._.quotes[0]["kind"]  # doctest: +SKIP
'direct'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text, register_extensions
from presslens.components.clusters import country_of_nationality
from presslens.components.quotes.confidence import quote_confidence
from presslens.components.quotes.speaker_ranker import (
    RANKINGS_KEY,
    ArticleFacts,
    anchor_kind,
    points_back,
    speaker_candidates,
    speaker_ranker,
)
from presslens.components.speech_cues import (
    ANY_MARK,
    CLOSING_MARKS,
    OPENING_MARKS,
    STRAIGHT_MARK,
    QuotedStretch,
    ReportingVerb,
    find_quoted_stretches,
    is_closing,
    is_opening,
    mark_width,
    reporting_verbs,
)
from presslens.lexicons import lexicon_json, lexicon_lines
from presslens.resolve.names import mention_key

register_extensions()

# A quoted stretch shorter than this with no reporting verb is a scare quote or a term.
MIN_DIRECT_TOKENS = 4
MIN_INDIRECT_TOKENS = 3
_PRONOUNS_SINGULAR = {"he", "she", "him", "her"}
_PRONOUNS_PLURAL = {"they", "them"}
_PRONOUNS_FIRST = {"i", "we"}
_STATEMENT_NOUNS = {"statement", "communique", "communiqué", "release", "report", "post",
                    "tweet", "letter", "message", "announcement", "declaration", "note",
                    "speech", "remark", "testimony"}
_SENTENCE_END = re.compile(r"[.!?]")
_FAMILY_NOUNS = {"father", "mother", "wife", "husband", "son", "daughter", "brother",
                 "sister", "widow", "uncle", "aunt", "cousin", "parent", "child"}
# Who speaks for someone else: their words are attributed to the one they speak for.
_SPOKESPEOPLE = {"office", "spokesman", "spokeswoman", "spokesperson", "statement",
                 "aide", "aides", "campaign", "team", "account"}
# People who speak for someone else: speakers of their own, on behalf of their principal.
_SPOKESPERSONS = {"spokesman", "spokeswoman", "spokesperson", "aide", "aides"}
# Who speaks for a state, besides its statements ("Saudi leaders", "the Iraqi government").
_GOVERNMENT_NOUNS = {"government", "leader", "leadership", "authority", "regime",
                     "administration"}
# Verbs that give something a name: quoted words that are their whole object are a quote
# ("called it an “illusion”"); "named" gives titles ("named it “Operation …”").
_NAMING_VERBS = {"call", "characterize", "characterise", "describe", "label", "dub", "brand",
                 "term", "refer", "deem"}
# Studies, models and records "suggest" and "indicate" findings, not speech.
_FINDING_NOUNS = {"study", "research", "work", "model", "data", "analysis", "finding",
                  "survey", "footage", "evidence", "result", "experiment", "simulation",
                  "database", "statistic", "measurement", "observation"}
# Rules and plans one acts "according to": no one speaks through them.
_NORM_NOUNS = {"convention", "law", "treaty", "constitution", "agreement", "charter", "act",
               "rule", "regulation", "protocol", "accord", "code", "principle", "plan",
               "schedule", "procedure", "guideline", "custom", "tradition"}
# Verbs of putting out a statement: its subject speaks through it.
_ISSUING_VERBS = {"issue", "release", "post", "publish", "put", "send", "share", "circulate",
                  "distribute", "tweet", "broadcast", "deliver", "read"}
# Prepositions that open when, where or how something was said ("said on Monday", "said
# in a statement", "told reporters at a news conference").
_SAYING_PREPOSITIONS = {"on", "in", "at", "during", "via", "through", "over", "late", "early",
                        "after", "earlier", "later"}
# Common nouns for who is urged or asked ("urged the government to ..."), besides people.
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "yesterday", "today", "tonight"}
_PERSON_SOURCES = {"official", "source", "spokesman", "spokeswoman", "spokesperson", "analyst",
                   "expert", "diplomat", "witness", "resident", "insider", "aide",
                   "representative", "commentator", "activist", "member", "lawmaker",
                   "legislator", "person", "individual", "eyewitness", "onlooker", "observer",
                   "critic", "local"}
# People described by who they are rather than by an office: an entity that modifies them
# ("a Texas teenager", "the McGill student") is where they are from, not who speaks.
_PRIVATE_PERSONS = {"teenager", "teen", "student", "man", "woman", "boy", "girl", "child",
                    "resident", "citizen", "local", "neighbor", "neighbour", "customer",
                    "passenger", "driver", "victim", "witness", "worker", "employee", "fan",
                    "voter", "parent", "veteran", "nurse", "doctor", "patient", "mother",
                    "father", "farmer", "shopper", "tourist", "protester", "homeowner"}
_UNNAMED = {"unnamed", "unidentified", "anonymous"}
# Two people spoken of together ("the pair called their bans …").
_PAIR_NOUNS = {"pair", "duo", "couple"}
# A body described by what it is ("the company said"): the company named just before.
_BODY_NOUNS = {"company", "firm", "group", "organisation", "organization", "corporation",
               "chain", "retailer", "business", "charity", "airline", "bank", "website",
               "site", "outlet", "newspaper", "paper", "agency", "channel", "broadcaster",
               "network", "militia", "movement", "faction", "coalition", "alliance", "bloc"}
_ROLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor",
                       "gen": "general", "pres": "president", "amb": "ambassador",
                       "supt": "superintendent", "insp": "inspector", "sgt": "sergeant",
                       "lt": "lieutenant", "col": "colonel", "capt": "captain"}
_ADDRESSEES = {"government", "people", "nation", "country", "side", "party", "parties",
               "community", "council", "authorities", "authority", "embassy", "court",
               "public", "citizens", "voters", "world", "leaders", "states", "countries"}


@cache
def _word_set(name: str) -> frozenset[str]:
    return frozenset(lexicon_lines(name))


@cache
def role_synonyms() -> dict[str, frozenset[str]]:
    """Role noun -> the nouns naming the same office (``lexicons/role_synonyms.txt``)."""
    table: dict[str, set[str]] = {}
    for line in lexicon_lines("role_synonyms.txt"):
        group = set(line.split())
        for word in group:
            table.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in table.items()}


@cache
def _body_heads() -> frozenset[str]:
    """Head words of bodies named through a place ("the embassy", "police"): the entity
    repair's list, so the two agree on what a named body is."""
    return frozenset(lexicon_json("entity_repair.json").get("body_head_words", ()))


@cache
def first_name_genders() -> dict[str, str]:
    """First name -> "m" or "f" (``lexicons/first_names.tsv``; names given to both are
    left out)."""
    pairs = (line.split("\t") for line in lexicon_lines("first_names.tsv"))
    return {name: gender for name, gender in pairs if gender in ("m", "f")}


_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_TITLE_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                 "miss": "f", "sir": "m", "lady": "f", "king": "m", "queen": "f",
                 "prince": "m", "princess": "f", "sheikh": "m", "sayed": "m", "sayyid": "m"}


_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to, as found in the parse."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    clusters: list[int] = field(default_factory=list)
    role: str | None = None
    anonymous: bool = False
    resolved_from: str | None = None
    head: Token | None = None
    # "The World Health Organisation chief": a person described through their body, who may
    # be named by the next attribution.
    described: bool = False
    # "the spokesperson for Prime Minister X": whom the speaker speaks for.
    on_behalf_of: Speaker | None = None
    # How the speaker was found ("subject", "pronoun", "description", …): read by the
    # confidence model.
    found_by: str = "subject"
    # The speaker a pronoun or continuation was resolved to, so that a later decision about
    # that speaker carries over.
    antecedent: Speaker | None = None

    def record(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "entity": None,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "anonymous": self.anonymous,
            "resolved_from": self.resolved_from,
            "_clusters": list(self.clusters),
        }
        if self.on_behalf_of is not None:
            found["on_behalf_of"] = self.on_behalf_of.reference()
        return found

    def reference(self) -> dict[str, Any]:
        """The speaker as a bare entity reference, for ``on_behalf_of`` and ``reported_by``."""
        return {"entity": None, "text": self.text, "start": self.start, "end": self.end,
                "_clusters": list(self.clusters)}

    def copy(self, resolved_from: str | None = None) -> Speaker:
        return Speaker(self.text, self.start, self.end, list(self.clusters), self.role,
                       self.anonymous, resolved_from or self.resolved_from, self.head,
                       self.described, self.on_behalf_of, self.found_by, self)


class QuoteExtractor:
    """Finds quotes and their speakers; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "presslens_quotes") -> None:
        self.name = name
        self.verbs = reporting_verbs()
        self.anonymous_heads = _word_set("anonymous_sources.txt")
        self.role_nouns = _word_set("speaker_roles.txt")
        self.titles = _word_set("titles.txt")
        # Whether the speaker ranker may overrule the rules' antecedent of a pronoun or a
        # description (off: on the annotated articles it is no better than the rules, see
        # docs/quotes.md), and whether to keep its candidates in the Doc for training.
        self.rank_speakers = False
        self.collect_rankings = False

    # -- driver ---------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self._cluster_of = {
            token.i: index
            for index, cluster in enumerate(doc._.entity_clusters or [])
            for mention in cluster.mentions for token in mention
        }
        self._clusters = doc._.entity_clusters or []
        self._mention_of = {token.i: mention for cluster in self._clusters
                            for mention in cluster.mentions for token in mention}
        self._contexts: dict[int, frozenset[str]] = {}
        found: list[dict[str, Any]] = []
        direct_cues: set[int] = set()
        # Doc.text joins every token on each call: read it once per document.
        self._text = doc_text(doc)
        stretches = find_quoted_stretches(self._text)
        self._stretch_ranges = [(s.start, s.end) for s in stretches]
        self._stretches = list(stretches)
        self._quoted = Stretches(self._stretch_ranges)
        self._sentence_starts = [sentence.start for sentence in doc.sents]
        self._mentions = sorted(
            (m.start, m.start_char, int(m.root.dep_ in ("nsubj", "nsubjpass")), index)
            for index, cluster in enumerate(self._clusters) for m in cluster.mentions)
        self._mention_starts = [m[0] for m in self._mentions]
        self._deferred: list[dict[str, Any]] = []
        direct = self._direct_quotes(doc, stretches, direct_cues)
        covered = Stretches([(q["content"]["start"], q["content"]["end"]) for q in direct])
        indirect = self._reported_speech(doc, stretches, direct_cues, covered)
        indirect = [q for q in indirect if self._within_paragraph(q, stretches)]
        indirect = self._relayed_attributions(doc, direct, indirect)
        reported = Stretches([(q["content"]["start"], q["content"]["end"]) for q in indirect])
        direct += [q for q in self._deferred if q["content"]["start"] not in reported]
        indirect += self._quotations_after_reports(doc, stretches, direct, indirect)
        found = sorted(direct + indirect, key=lambda q: q["content"]["start"])
        self._resolve_speakers(doc, found)
        for number, quote in enumerate(found, start=1):
            quote["id"] = f"q{number}"
        for quote in found:
            continued = quote.pop("_continues", None)
            if continued is not None:
                quote["continues"] = continued["id"]
            quote.pop("_speaker", None)
            relay = quote.pop("_reported_by", None)
            if relay is not None:
                quote["reported_by"] = relay.reference()
            clusters = quote["speaker"]["_clusters"]
            quote["confidence"] = quote_confidence(
                quote, self._text, self._clusters[clusters[0]].type if clusters else None)
        doc._.quotes = found
        return doc

    # -- direct quotes --------------------------------------------------------------------

    def _direct_quotes(self, doc: Doc, stretches: list[QuotedStretch],
                       direct_cues: set[int]) -> list[dict[str, Any]]:
        quotes: list[dict[str, Any]] = []
        for stretch in stretches:
            content = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
            if content is None or len(content) == 0:
                continue
            words = _count_words(content, MIN_DIRECT_TOKENS)
            if self._inside_reported_speech(content, stretch):
                continue  # a partial quote inside reported speech: the mixed pass has it
            naming_cue = self._naming_cue(content, stretch)
            cue = naming_cue or self._cue_around(doc, stretch)
            if cue is not None and self._inside_speaker(cue, stretch):
                # 'A woman described as a "former elected official" told …': quoted words in
                # the speaker's own phrase are a description, not what was said.
                continue
            if cue is not None and naming_cue is None and (
                    words >= 2 or stretch.paragraph_start) and \
                    self._partial_quotation(cue, content):
                # The reported-speech pass gives the whole clause, as mixed; the quotation
                # alone stands only if it does not.
                self._deferred.append(self._record("direct", doc, stretch.start, stretch.end,
                                                   cue, self._speaker_of(cue)))
                continue
            if cue is not None:
                if words < 2 and not stretch.paragraph_start and naming_cue is None:
                    continue
                direct_cues.add(cue.i)
                quotes.append(self._record("direct", doc, stretch.start, stretch.end, cue,
                                           self._speaker_of(cue)))
            elif words >= 2 and (labelled := self._colon_speaker(doc, stretch)) is not None:
                # 'Foreign Minister Fuad Hussein: "No more foreign bases."': a name and a
                # colon give the quotation to the one named, with no verb.
                quotes.append(self._record("direct", doc, stretch.start, stretch.end, None,
                                           labelled))
            elif words >= MIN_DIRECT_TOKENS and quotes and _continues(
                    self._text, quotes[-1]["content"]["end"], stretch):
                # “A,” he said. “B.” — or a paragraph that only carries on the quote: the
                # previous speaker goes on talking.
                speaker = quotes[-1]["_speaker"].copy("continuation")
                record = self._record("direct", doc, stretch.start, stretch.end, None, speaker)
                record["_continues"] = quotes[-1]
                quotes.append(record)
        return quotes

    def _partial_quotation(self, cue: Token, content: Span) -> bool:
        """'described the sanctions as an attempt to “buy time” for …': quoted words inside
        the verb's own clause, after unquoted words of what was said, are part of a mixed
        quote, not a quote of their own."""
        first = content[0]
        if cue.i >= first.i or cue not in first.ancestors:
            return False
        opening = self._text[:first.idx].rstrip(" " + OPENING_MARKS + STRAIGHT_MARK + "'`")
        if not opening[-1:].isalnum():
            return False  # 'said, "…"' or 'said: "…"': the quotation opens its clause
        between = cue.doc[cue.i + 1: first.i]
        if any(t.text == ":" for t in between):
            return False
        said = [t for t in between if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
                and t.dep_ not in ("poss", "dative")]
        return len(said) >= 2

    def _colon_speaker(self, doc: Doc, stretch: QuotedStretch) -> Speaker | None:
        """The speaker of a quotation after "NAME:" or "NAME on TOPIC:" that opens its
        paragraph (a short label, no verb): the first person named there, else the first
        body."""
        text = self._text
        opening = stretch.start - 1
        before = text[:opening].rstrip()
        if not before.endswith(":"):
            return None
        paragraph = before.rfind("\n") + 1
        label = doc.char_span(paragraph, len(before) - 1, alignment_mode="contract")
        if label is None or not 1 <= len(label) <= 12 or \
                any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in label):
            return None
        named = [t for t in label if t.i in self._cluster_of]
        person = next((t for t in named
                       if self._clusters[self._cluster_of[t.i]].type == "PERSON"), None)
        token = person or next((t for t in named if self._clusters[self._cluster_of[t.i]].type
                                in ("ORG", "GPE", "NORP")), None)
        if token is None:
            return None
        speaker = self._speaker_from_phrase(self._mention_at(token).root)
        speaker.found_by = "label"
        return speaker

    def _quotations_after_reports(self, doc: Doc, stretches: list[QuotedStretch],
                                  direct: list[dict[str, Any]], indirect: list[dict[str, Any]]
                                  ) -> list[dict[str, Any]]:
        """'Suzanne Fortier said the University wants to ensure a safe space.¶¶“I would like
        to …”': a quotation with no cue of its own that opens the sentence right after a
        report of speech goes on with the reporter's words (cue ``null``)."""
        taken = Stretches([(q["content"]["start"], q["content"]["end"])
                           for q in direct + indirect])
        reports = sorted((q["content"]["end"], q["content"]["start"], i)
                         for i, q in enumerate(indirect))
        ends = [r[0] for r in reports]
        found = []
        for stretch in stretches:
            if stretch.start in taken or stretch.start - 1 in taken:
                continue
            position = bisect_right(ends, stretch.start) - 1
            if position < 0:
                continue
            report = indirect[reports[position][2]]
            if stretch.start - report["content"]["end"] > 8:
                continue
            between = self._text[report["content"]["end"]: stretch.start]
            # Only the end of the report's sentence and the opening mark between them.
            if not re.fullmatch(r"\s*[”\"’']?\s*[.!?]\s*[“\"‘']{0,2}", between) or \
                    between.count("\n\n") > 1:
                continue
            content = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
            if content is None or _count_words(content, MIN_DIRECT_TOKENS, spaces=True) < \
                    MIN_DIRECT_TOKENS or self._cue_around(doc, stretch) is not None:
                continue
            previous: Speaker = report["_speaker"]
            if previous.head is None or not (previous.clusters or previous.head.pos_ == "PRON"):
                continue
            speaker = previous.copy("continuation")
            found.append(self._record("direct", doc, stretch.start, stretch.end, None, speaker))
        return found

    def _inside_speaker(self, cue: Token, stretch: QuotedStretch) -> bool:
        subject = self._subject(cue)
        if subject is None or subject.i > cue.i:
            return False
        tokens = list(subject.subtree)
        return tokens[0].idx < stretch.start and stretch.end <= tokens[-1].idx + len(
            tokens[-1].text) + 1

    def _inside_reported_speech(self, content: Span, stretch: QuotedStretch) -> bool:
        """Whether quoted words sit inside the complement of a reporting verb that also holds
        unquoted words (said that American presence served to "watch Iran")."""
        opening = stretch.start - 1
        while opening > 0 and self._text[opening] not in OPENING_MARKS + STRAIGHT_MARK + "`'":
            opening -= 1
        if not self._text[_clause_start(self._text, opening): opening].strip():
            return False  # a quotation that opens its sentence is no partial quote
        for token in content:
            for ancestor in token.ancestors:
                if self._reporting_verb(ancestor) is None:
                    continue
                complement = self._complement(ancestor)
                if complement is not None and (complement == token or
                                               complement in token.ancestors) and \
                        _outside_quote(complement, stretch) >= 2:
                    return True
            break  # the first word's ancestors decide: the others share them
        return False

    def _cue_around(self, doc: Doc, stretch: QuotedStretch) -> Token | None:
        """The reporting verb of a quotation: after it in the same sentence, or before it."""
        text = self._text
        before_start = _clause_start(text, stretch.start - 1)
        before = doc.char_span(before_start, max(before_start, stretch.start - 1),
                               alignment_mode="contract")
        before_cue = self._first_cue(before, require_subject=True, last=True) \
            if before is not None else None
        if before_cue is not None and self._reports_before(before_cue, stretch):
            # "indicated the United States was disappointed: “…,” she said": the verb
            # before reports a clause of its own; the quotation's cue is after it.
            before_cue = None
        if before_cue is not None and text[:stretch.start - 1].rstrip().endswith(":"):
            return before_cue  # "X said: “…”" — the colon hands the quote to X
        after_end = _clause_end(text, stretch.end + 1)
        after = doc.char_span(stretch.end + 1, after_end, alignment_mode="contract")
        if after is not None:
            cue = self._first_cue(after, require_subject=False)
            # "… said on TV, “A.” Charles told the Daily Mail, “B.”": an attribution that
            # hands a quotation on belongs to the next one when this one has its own cue or
            # ends its sentence.
            hands_on = after_end < len(text) and bool(mark_width(text, after_end)) and \
                text[stretch.end + 1: after_end].rstrip().endswith((",", ":"))
            ends_sentence = text[:stretch.end].rstrip()[-1:] in (".", "!", "?")
            if cue is not None and hands_on and (before_cue is not None or ends_sentence):
                cue = None
            # "gave its “deepest sympathies” and said immunity cases were …": a verb joined
            # to the clause that holds the quotation, reporting a clause of its own, is not
            # this quotation's cue.
            if cue is not None and cue.dep_ == "conj" and cue.head.idx < stretch.start:
                complement = self._complement(cue)
                if complement is not None and complement.dep_ == "ccomp" and \
                        complement.idx > cue.idx:
                    cue = None
            # '… said on Friday "I can do it." Trump also said that he would …': a verb of
            # the next sentence that reports a clause of its own is not this quotation's cue.
            if cue is not None and self._reports_own_clause(cue, ends_sentence):
                cue = None
            if cue is not None and ends_sentence and \
                    text[stretch.end + 1: cue.idx].strip(" \"”’'")[:1].isupper():
                complement = self._complement(cue)
                if complement is not None and complement.i > cue.i and \
                        complement.dep_ in ("ccomp", "xcomp"):
                    cue = None
            if cue is not None:
                return cue
        return before_cue or self._cue_of_previous_sentence(doc, stretch)

    def _reports_own_clause(self, cue: Token, ends_sentence: bool) -> bool:
        """'“Motive a mystery,” by P. Willon: Federal investigators said that the person
        …', '“… is now there.” Mr Salama said Mbandaka's location raised …': a verb after
        a quotation that reports a clause of its own, opened by "that" or, after a
        quotation that ends its sentence, with a subject of its own, is not the quotation's
        cue."""
        if ends_sentence and cue.dep_ == "parataxis" and cue.head.i > cue.i:
            return True  # the parse hangs the verb on the clause after it that it reports
        return any(c.dep_ == "ccomp" and c.i > cue.i and any(
            d.i > cue.i and (d.dep_ == "mark" and d.lower_ == "that"
                             or ends_sentence and d.dep_ in ("nsubj", "nsubjpass"))
            for d in c.children) for c in cue.children)

    def _reports_before(self, cue: Token, stretch: QuotedStretch) -> bool:
        """Whether the verb reports a clause of its own before the quotation ("indicated the
        government was disappointed: “…,” she said"): the quotation has its own cue."""
        complement = self._complement(cue)
        if complement is None or complement.i < cue.i or complement.dep_ != "ccomp":
            return False
        start, end = _trim_clause(complement)
        return start is not None and end < stretch.start - 1

    def _cue_of_previous_sentence(self, doc: Doc, stretch: QuotedStretch) -> Token | None:
        """"McGurk also criticized the decision via Twitter. “The statement …”": a sentence
        that only tells of a speech act (its object, if any, a target rather than what was
        said) hands the quotation that follows it to its speaker."""
        text = self._text
        before = text[:stretch.start - 1].rstrip(" ")
        if not before.endswith((".", ":")) or stretch.start - 1 - len(before) > 2:
            return None
        token = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if token is None:
            return None
        root = token[0].head  # the final stop hangs on its sentence's main verb
        sentence_start = max(root.sent.start_char, text.rfind("\n", 0, len(before)) + 1)
        # (``before`` ends on a stop, so no doubled mark can straddle its end.)
        if ANY_MARK.search(text, sentence_start, len(before)) is not None:
            return None  # “A,” said X. “B.”: B carries on A, the continuation pass has it
        if self._reporting_verb(root) is None or self._subject(root) is None:
            return None
        complement = self._complement(root)
        # A clause before the verb is the parse reaching back into another sentence.
        return root if complement is None or complement.dep_ == "dobj" or \
            complement.i < root.i else None

    def _naming_cue(self, content: Span, stretch: QuotedStretch) -> Token | None:
        """"called it an “illusion”", "characterized the attack as “a serious violation …”":
        quoted words that are the whole object of a naming verb are the speaker's words."""
        heads = [t for t in content if not (content.start <= t.head.i < content.end)
                 and not t.is_punct and not t.is_space]
        if len(heads) > 1 and all(t.head == heads[0].head and t.dep_ == heads[0].dep_
                                  for t in heads):
            heads = heads[-1:]  # "called it “a non-starter”": the parse splits the word
        if len(heads) != 1:
            return None
        head = heads[0]
        verb = head.head
        if head.dep_ == "pobj" and verb.lower_ == "as":
            verb = verb.head
        elif head.dep_ == "appos" and verb.dep_ == "dobj":
            verb = verb.head  # "called Mohammad's admission a “political maneuver”"
        elif head.dep_ not in ("oprd", "dobj"):
            return None
        naming = verb.lemma_.lower() in _NAMING_VERBS or (
            head.head.lower_ == "as" and self._reporting_verb(verb) is not None)
        if not naming or verb.pos_ != "VERB" or self._subject(verb) is None:
            return None
        outside = [t for t in head.subtree if not t.is_punct
                   and not (stretch.start <= t.idx < stretch.end)]
        return verb if all(t.dep_ == "det" for t in outside) else None

    def _first_cue(self, span: Span, *, require_subject: bool, last: bool = False
                   ) -> Token | None:
        tokens = list(span)
        for token in reversed(tokens) if last else tokens:
            entry = self._reporting_verb(token)
            if entry is None:
                continue
            if require_subject and self._subject(token) is None:
                continue
            if "xcomp" not in entry.content_roles and any(
                    c.dep_ == "xcomp" for c in token.children):
                continue  # "continued to push a line": the verb tells of another act
            return token
        return None

    # -- reported speech ------------------------------------------------------------------

    def _reported_speech(self, doc: Doc, stretches: list[QuotedStretch], direct_cues: set[int],
                         covered: Stretches) -> list[dict[str, Any]]:
        quotes = []
        for token in self._cue_candidates(doc):
            if token.i in direct_cues or token.idx in covered:
                continue
            if token.lower_ == "according" and token.i + 1 < len(doc) and \
                    doc[token.i + 1].lower_ == "to":
                quote = self._according_to(doc, token, stretches)
            elif self._reporting_verb(token) is not None:
                quote = self._reporting_clause(doc, token, stretches)
            else:
                quote = None
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _cue_candidates(self, doc: Doc) -> list[Token]:
        """The tokens that may be cues: a lemma of the lexicon, or "according". The lemmas
        are read as one array and each distinct lemma looked up once, so the whole doc is
        not walked token by token in Python."""
        if not len(doc):
            return []
        table = doc.to_array([LEMMA, LOWER])
        strings = doc.vocab.strings
        # StringStore takes a hash as well as a string, which its type hints leave out.
        wanted = [int(h) for h in numpy.unique(table[:, 0])
                  if int(h) in strings  # type: ignore[operator]
                  and strings[int(h)].lower() in self.verbs]
        mask = numpy.isin(table[:, 0], numpy.array(wanted, dtype=table.dtype))
        if "according" in strings:
            mask |= table[:, 1] == strings["according"]
        return [doc[int(i)] for i in numpy.flatnonzero(mask)]

    def _reporting_clause(self, doc: Doc, cue: Token, stretches: list[QuotedStretch]
                          ) -> dict[str, Any] | None:
        if any(c.dep_ == "neg" for c in cue.children):
            return None  # "did not say he had ordered it": no speech is reported
        complement = self._complement(cue)
        if complement is None and self._closes_sentence(cue):
            return self._sentence_before(doc, cue, stretches)
        if complement is None or (cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":"):
            # "RT reports: …": the colon hands on the rest of the paragraph, whatever the
            # parse made of its first sentence.
            return self._after_colon(doc, cue, stretches) or (
                None if complement is None else self._complement_clause(doc, cue, complement,
                                                                        stretches))
        return self._complement_clause(doc, cue, complement, stretches)

    def _complement_clause(self, doc: Doc, cue: Token, complement: Token,
                           stretches: list[QuotedStretch]) -> dict[str, Any] | None:
        relayed = self._relayed_report(cue, complement)
        if relayed is not None:
            # "The Mail reports that health workers have recorded …, the WHO said": the WHO
            # said what the Mail reports, not that the Mail reports it.
            complement = relayed
        speaker = self._speaker_of(cue)
        if speaker.head is None or speaker.head.lemma_.lower() in _FINDING_NOUNS:
            return None
        entry = self._reporting_verb(cue)
        if entry is not None and entry.particle and not self._may_speak(speaker):
            return None  # "the decision points to …", "the plan calls for …": no one speaks
        if complement.i < cue.i and any(c.dep_ == "dobj" and not self._addressee_like(c)
                                        for c in cue.children):
            return None  # "…, he told the truth …": a verb with its own object
        if cue.dep_ == "parataxis" and complement == cue.head:
            # "At one point, she said, she was considering …": the attribution sits inside
            # the sentence it reports, and the whole sentence is what was said.
            attribution = sorted(cue.subtree, key=lambda t: t.i)
            sentence = cue.sent
            before = [t for t in doc[sentence.start: attribution[0].i] if not t.is_punct]
            after = [t for t in doc[attribution[-1].i + 1: sentence.end]
                     if not t.is_punct and not t.is_space]
            if before and before[-1].tag_ in ("WDT", "WP") and after:
                # "fighters which, the statement said, European nations refused to …": what
                # was said is the relative clause the attribution interrupts.
                start, end = _trim_tokens(doc[attribution[-1].i + 1: sentence.end])
            elif before and not after:
                start, end = _trim_tokens(doc[sentence.start: attribution[0].i])  # "…, X said."
            else:
                start, end = _trim_tokens(sentence)
            if start is None:
                return None
            kind = "mixed" if any(start <= s.start and s.end <= end for s in stretches) \
                else "indirect"
            return self._record(kind, doc, start, end, cue, speaker)
        excluded = self._other_acts(complement, cue)
        if complement in cue.ancestors:  # the attribution is inside the clause it reports
            excluded |= {t.i for t in cue.subtree}
        elif complement.i > cue.i and complement.left_edge.i < cue.i:
            # "fires, which state media said were under control": the relative pronoun the
            # reported clause hangs on stands before the verb and is not what was said.
            excluded |= set(range(complement.left_edge.i, cue.i))
        excluded |= self._reporting_relatives(complement, cue)
        if complement.left_edge.i <= speaker.head.i <= complement.right_edge.i < cue.i:
            # "…, the US embassy in Beijing said": a subject the parse hung inside the
            # reported clause is not part of it.
            excluded |= set(range(speaker.head.left_edge.i, speaker.head.right_edge.i + 1))
        start, end = _trim_clause(complement, frozenset(excluded))
        if start is not None and complement.i > cue.i:
            start = self._after_saying_circumstances(doc, complement, start)
        if start is not None and complement.i > cue.i:
            # "urged the formation of an alliance to expel …", "told … that waterboarding is
            # 'peanuts,' compared to …": what follows the complement in the verb's clause
            # belongs to what was said.
            colon = next((t.i for t in cue.rights if t.i > complement.i and t.text == ":"),
                         len(doc))
            later = [t for c in cue.rights if complement.i < c.i < colon and not c.is_punct
                     and c.dep_ not in ("cc", "conj", "npadvmod", "tmod")
                     and not _circumstance(c)
                     # "…, identifying one of them as X": another act of the speaker's.
                     and not (c.dep_ == "advcl" and c.tag_ == "VBG"
                              and c.i > 0 and c.nbor(-1).text == ",")
                     for t in c.subtree]
            if later:
                last = max(later, key=lambda t: t.i)
                end = max(end, last.idx + len(last.text))
        if start is None or _inside(speaker.head.idx, [(start, end)]):
            return None
        if cue.dep_ == "ccomp" and self._relayed_report(cue.head, cue) is not None:
            # … and what the Mail reports includes whom it has it from.
            first, stop = self._sentence_bounds(cue)
            last = max((t for t in doc[first:stop] if not t.is_punct and not t.is_space),
                       key=lambda t: t.i)
            end = max(end, last.idx + len(last.text))
        for stretch in stretches:
            # 'the deal was "dead."': the quotation (and its closing mark) belongs to the
            # clause even where the parse left the last mark outside.
            if start <= stretch.start < end < stretch.end + 2:
                end = stretch.end + mark_width(self._text, stretch.end) \
                    if stretch.end < len(self._text) else stretch.end
        span = doc.char_span(start, end, alignment_mode="expand")
        # "urged him to reconsider": a complement of two words is still what was urged.
        needed = 2 if complement.dep_ == "xcomp" else MIN_INDIRECT_TOKENS
        if span is None or _count_words(span, needed, spaces=True) < needed:
            return None
        kind = "mixed" if any(start <= s.start < end for s in stretches) else "indirect"
        return self._record(kind, doc, start, end, cue, speaker)

    def _relayed_attributions(self, doc: Doc, direct: list[dict[str, Any]],
                              indirect: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """'"We will expel them," the cleric said on Friday, according to PressTV': an
        "according to" whose clause is itself an attribution (its main verb a cue) tells
        who relays it, not a quote of its own; the quotes it holds get ``reported_by``.
        ("Protesters blocked the road, demanding jobs, according to officials" stays the
        officials' quote: its main verb is no cue.)"""
        kept = []
        for quote in indirect:
            cue = quote["cue"]
            if cue is None or not cue["text"].lower().startswith("according"):
                kept.append(quote)
                continue
            start, end = quote["content"]["start"], quote["content"]["end"]
            inner = [q for q in direct + indirect if q is not quote and q["cue"] is not None
                     and start <= q["cue"]["start"] < end
                     and self._main_verb_at(doc, q["cue"]["start"])]
            if not inner:
                kept.append(quote)
                continue
            for relayed in inner:
                relayed["_reported_by"] = quote["_speaker"]
        return kept

    def _main_verb_at(self, doc: Doc, offset: int) -> bool:
        """Whether the token at ``offset`` is its sentence's main verb (or one joined to
        it)."""
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        while token.dep_ == "conj":
            token = token.head
        return token.dep_ == "ROOT"

    def _after_saying_circumstances(self, doc: Doc, complement: Token, start: int) -> int:
        """"Baghdad said on Monday it will …", "said in a statement late on Tuesday no force
        would …": words between the verb and the reported clause's subject that tell when,
        where or how the saying happened are the saying's, not what was said."""
        subject = next((c for c in complement.children
                        if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None or subject.left_edge.idx <= start:
            return start
        first = doc.char_span(start, start + 1, alignment_mode="expand")
        if first is None:
            return start
        tokens = doc[first.start: subject.left_edge.i]
        circumstance: set[int] = set()
        for token in tokens:
            if token.dep_ == "prep" and token.lower_ in _SAYING_PREPOSITIONS:
                circumstance.update(t.i for t in token.subtree)
        if any(start <= s.start < subject.left_edge.idx for s in self._stretches):
            return start  # a quotation opens before the subject: all of it was said
        if all(t.i in circumstance or t.is_punct or t.is_space or t.ent_type_ in ("DATE", "TIME")
               or t.lower_ in _DAY_WORDS or t.lower_ == "that"
               or t.dep_ in ("advmod", "npadvmod", "tmod") and t.pos_ in ("ADV", "NOUN", "PROPN")
               for t in tokens):
            return subject.left_edge.idx
        return start

    def _within_paragraph(self, quote: dict[str, Any], stretches: list[QuotedStretch]
                          ) -> bool:
        """Keep reported speech inside the paragraph of its cue (the parser knows no
        paragraphs, and a heading or a paragraph without a final stop runs into the next):
        the content is cut at the paragraph's edges unless a quotation crosses them. False
        when too little is left, or only a quotation the direct pass has."""
        text = self._text
        content = quote["content"]
        anchor = quote["cue"]["start"] if quote["cue"] else content["start"]
        first = text.rfind("\n", 0, anchor) + 1
        last = text.find("\n", anchor)
        last = len(text) if last < 0 else last
        for stretch in stretches:
            # A quotation that runs over the paragraph's edge widens it.
            if stretch.start <= first <= stretch.end and content["start"] < first:
                first = min(first, stretch.start)
            if stretch.start <= last <= stretch.end and content["end"] > last:
                last = max(last, stretch.end + mark_width(text, stretch.end)
                           if stretch.end < len(text) else stretch.end)
        start, end = max(content["start"], first), min(content["end"], last)
        if (start, end) == (content["start"], content["end"]):
            return True
        while start < end and (text[start].isspace() or text[start] in ",;:—–-" or
                               text[start] in CLOSING_MARKS):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
            end -= 1
        if len(_WORD_RE.findall(text, start, end)) < MIN_INDIRECT_TOKENS or \
                any(s.start - 1 <= start and end <= s.end + 1 for s in stretches):
            return False
        quote["content"] = {"start": start, "end": end, "text": text[start:end]}
        quote["kind"] = "mixed" if any(start <= s.start < end for s in stretches) \
            else "indirect"
        return True

    def _sentence_bounds(self, token: Token) -> tuple[int, int]:
        """The token range of ``token``'s sentence, found by bisection (``Token.sent`` walks
        the sentence on each call)."""
        position = bisect_right(self._sentence_starts, token.i)
        end = self._sentence_starts[position] if position < len(self._sentence_starts) \
            else len(token.doc)
        return self._sentence_starts[position - 1], end

    def _relayed_report(self, cue: Token, complement: Token) -> Token | None:
        """For "A reports that B, C said." (the verb closing the sentence, its complement a
        report that opens it): the clause B that C said, else None."""
        if complement.i > cue.i or complement.dep_ != "ccomp" or \
                self._reporting_verb(complement) is None or not self._closes_sentence(cue):
            return None
        subject = next((c for c in complement.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.left_edge.i > self._sentence_bounds(cue)[0] + 1:
            return None
        inner = next((c for c in complement.children if c.dep_ == "ccomp" and c.i > complement.i
                      and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
                     None)
        return inner

    def _closes_sentence(self, cue: Token) -> bool:
        """Whether the verb and its subject close their sentence after a comma ("But when
        they opened the doors they found five tanks, Ragan said."), whatever the parse made
        of the clause before."""
        entry = self._reporting_verb(cue)
        if entry is None or "ccomp" not in entry.content_roles:
            return False
        subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.right_edge.i != cue.i - 1 or subject.left_edge.i < 1:
            return False
        comma = cue.doc[subject.left_edge.i - 1]
        if comma.text != "," or comma.i - 3 < self._sentence_bounds(cue)[0]:
            return False
        return all(c.is_punct or c.is_space or c.dep_ in ("prep", "npadvmod", "advmod")
                   for c in cue.rights)

    def _sentence_before(self, doc: Doc, cue: Token, stretches: list[QuotedStretch]
                         ) -> dict[str, Any] | None:
        subject = next(c for c in cue.children if c.dep_ == "nsubj")
        tokens = doc[self._sentence_bounds(cue)[0]: subject.left_edge.i - 1]
        first = next((t.i for t in tokens if t.dep_ != "cc" and not t.is_punct
                      and not t.is_space), None)
        if first is None:
            return None
        start, end = _trim_tokens(doc[first: subject.left_edge.i - 1])
        speaker = self._speaker_of(cue)
        if start is None or speaker.head is None:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len([t for t in span if not t.is_punct]) < MIN_INDIRECT_TOKENS:
            return None
        kind = "mixed" if any(start <= s.start and s.end <= end for s in stretches) else \
            "indirect"
        return self._record(kind, doc, start, end, cue, speaker)

    def _after_colon(self, doc: Doc, cue: Token, stretches: list[QuotedStretch]
                     ) -> dict[str, Any] | None:
        """"RT reports: Refugees in Europe are …": what follows the colon, to the end of
        the paragraph, is what was said."""
        after = cue.i + 1
        if after >= len(doc) or doc[after].text != ":" or after + 1 >= len(doc):
            return None
        if mark_width(self._text, doc[after + 1].idx):
            return None  # a quotation: the direct pass has it
        speaker = self._speaker_of(cue)
        if speaker.head is None:
            return None
        line_start = doc[after + 1].idx
        end = self._text.find("\n", line_start)
        end = len(self._text) if end < 0 else end
        span = doc.char_span(line_start, end, alignment_mode="contract")
        if span is None or len(span) < MIN_INDIRECT_TOKENS:
            return None
        start, end = _trim_tokens(span)
        if start is None:
            return None
        kind = "mixed" if any(start <= s.start and s.end <= end for s in stretches) else \
            "indirect"
        return self._record(kind, doc, start, end, cue, speaker)

    def _according_to(self, doc: Doc, according: Token, stretches: list[QuotedStretch]
                      ) -> dict[str, Any] | None:
        to = doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None or source.lemma_.lower() in _FINDING_NOUNS | _NORM_NOUNS:
            return None  # "according to the Vienna Convention": in keeping with it
        # "according to a statement issued by the Office of ...": the issuer speaks.
        if source.lemma_.lower() in _STATEMENT_NOUNS:
            source = _issuer(source) or source
        sentence = according.sent
        phrase_tokens = sorted(set(according.subtree) | set(to.subtree) | {according},
                               key=lambda t: t.i)
        first, last = phrase_tokens[0].i, phrase_tokens[-1].i
        if first <= sentence.start + 1:
            body = doc[last + 1: sentence.end]
        else:
            body = doc[sentence.start: first]
        start, end = _trim_tokens(body)
        if start is None:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len([t for t in span if not t.is_punct]) < MIN_INDIRECT_TOKENS:
            return None
        cue_span = doc[according.i: according.i + 2]
        speaker = self._speaker_from_phrase(source)
        kind = "mixed" if any(start <= s.start and s.end <= end for s in stretches) else \
            "indirect"
        return self._record(kind, doc, start, end, cue_span, speaker)

    # -- parse helpers --------------------------------------------------------------------

    def _reporting_verb(self, token: Token) -> ReportingVerb | None:
        if token.pos_ not in ("VERB", "AUX") and not (token.tag_.startswith("VB")) and \
                not _as_clause(token):
            return None
        doc = token.doc
        for entry in self.verbs.get(token.lemma_.lower(), ()):
            if entry.particle is None:
                return entry
            # "called for", "voiced alarm"
            if any(c.dep_ in ("prt", "prep") and c.lower_ == entry.particle
                   or c.dep_ == "dobj" and c.lemma_.lower() == entry.particle
                   for c in token.children):
                return entry
            # "calling for the killers to be brought …": the parse can make the particle
            # the marker of the clause that follows.
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and following.lower_ == entry.particle and \
                    following.dep_ == "mark" and following.head.head == token:
                return entry
        return None

    def _complement(self, cue: Token) -> Token | None:
        entry = self._reporting_verb(cue)
        if entry is None:
            return None
        if entry.particle:
            noun = next((c for c in cue.children if c.dep_ == "dobj"
                         and c.lemma_.lower() == entry.particle), None)
            if noun is not None:
                # "voiced alarm that plague behaved …": the clause the noun holds.
                return next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        found: dict[str, Token] = {}
        for child in cue.children:
            # The last clause is usually what was said, unless it is a quotation the parse
            # hung on the verb after the reported clause ("indicated X was disappointed:
            # “While we …”").
            if child.dep_ in entry.content_roles and not (
                    child.dep_ in found and self._opens_quotation(child)):
                found[child.dep_] = child
        if entry.particle and "ccomp" not in found:
            # "calling for the killers to be brought to justice": the particle opens the
            # clause as its marker.
            for child in cue.children:
                if child.dep_ in ("advcl", "ccomp") and child.i > cue.i and any(
                        c.dep_ == "mark" and c.lower_ == entry.particle for c in child.children):
                    return child
        if "ccomp" in found:
            return found["ccomp"]
        if "xcomp" in found:
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            # "urged the government to act": the object is who was urged; "urged the
            # formation of an alliance to expel …": the object is what was urged.
            if obj is not None and "dobj" in entry.content_roles and \
                    not self._addressee_like(obj):
                return obj
            return found["xcomp"]
        if "dobj" in found:
            if found["dobj"].lower_ == "what":
                # "what the United States described as abnormal sound": the words it was
                # described with are what was said.
                return next((g for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"
                             for g in c.children if g.dep_ == "pobj"), None)
            return found["dobj"]
        if entry.particle and "dobj" in entry.content_roles:  # "called for the formation"
            for child in cue.children:
                if child.dep_ == "prep" and child.lower_ == entry.particle:
                    # "talked of being cast in a pilot": a gerund clause is the object too.
                    return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")),
                                None)
        # "Tedros said Wednesday the death toll stood at 207": the parse can hang the
        # reported clause on the day, as a relative clause.
        if "ccomp" in entry.content_roles:
            for child in cue.rights:
                if child.dep_ in ("npadvmod", "tmod") and child.lower_ in _DAY_WORDS:
                    clause = next((c for c in child.children if c.dep_ == "relcl"), None)
                    if clause is not None:
                        return clause
        # "…, sources said": the parser often makes the reported clause the head.
        if cue.dep_ in ("parataxis",) and "ccomp" in entry.content_roles:
            return cue.head
        # "As Roll Call has reported, Trump was in the tower": the clause the "as" clause
        # modifies is what was reported.
        if _as_clause(cue) and "ccomp" in entry.content_roles:
            return cue.head
        return None

    def _reporting_relatives(self, complement: Token, cue: Token) -> frozenset[int]:
        """A relative clause that closes the reported clause after a comma and reports speech
        of its own ("he may declare an emergency, which he said would allow him to act"): it
        is a quote of its own, not part of this one."""
        doc = cue.doc
        start = doc[max(cue.i, complement.left_edge.i)].idx
        if self._text.find(", wh", start, doc[complement.right_edge.i].idx) < 0:
            return frozenset()
        excluded: set[int] = set()
        for token in complement.subtree:
            if token.dep_ != "relcl" or token.i <= cue.i or \
                    self._reporting_verb(token) is None:
                continue
            first = token.left_edge
            if first.i > 0 and first.nbor(-1).text == "," and first.tag_ in ("WDT", "WP"):
                excluded.update(range(first.i - 1, token.right_edge.i + 1))
        return frozenset(excluded)

    def _opens_quotation(self, clause: Token) -> bool:
        first = min(clause.subtree, key=lambda t: t.i)
        return first.idx in self._quoted or bool(mark_width(self._text, first.idx))

    def _other_acts(self, complement: Token, cue: Token) -> frozenset[int]:
        """Words of the complement's subtree that tell another act of the speaker, joined by
        "and" in the cue's own verb form rather than its head's: "said that 13 countries
        were boosting measures and said …", "urged the embassy to reconsider and spoke with
        …"."""
        excluded: set[int] = set()
        for token in complement.subtree:
            # Only after the cue: in "A launched … and struck …, the Pentagon said" both
            # verbs are what was said.
            if token.dep_ == "conj" and token.pos_ == "VERB" and token.i not in excluded and \
                    token.i > cue.i and token.tag_ != token.head.tag_ and token.tag_ == cue.tag_:
                excluded.update(t.i for t in token.subtree)
        return frozenset(excluded)

    def _addressee_like(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return (token.pos_ == "PRON" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or lemma in self.anonymous_heads or lemma in self.role_nouns
                or lemma in _ADDRESSEES or lemma in _PRIVATE_PERSONS
                or lemma in _PERSON_SOURCES)  # "urging students to vote"

    def _subject(self, cue: Token) -> Token | None:
        if any(c.dep_ == "auxpass" for c in cue.children):
            # "This report was published by X", "he was told that …": the subject of a
            # passive is what was said or who heard it; the speaker is the agent, if any.
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) \
                if agent is not None else None
        # A date or a time never speaks ("said Tuesday" parsed with the day as subject).
        subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.ent_type_ not in ("DATE", "TIME") and c.lower_ not in _DAY_WORDS
                    and (c.lower_ != "it" or self._it_speaks(c, cue))]
        if len(subjects) > 1:
            # "Niger's president Mahamadou Issoufou said": the parse can give the verb two
            # subjects, the description and the name; the named person speaks.
            subjects.sort(key=lambda c: c.i not in self._cluster_of)
            spokesperson = next((c for c in subjects if c.lemma_.lower() in _SPOKESPERSONS
                                 and self._owner_of(c) is not None), None)
            if spokesperson is not None:
                # "The spokesperson for Prime Minister X said", parsed with X as a second
                # subject: the spokesperson speaks, for X.
                subjects = [spokesperson]
        for child in subjects:
            if child.lemma_.lower() in _STATEMENT_NOUNS:
                # "A report made public by Spencer Boudreau concluded …": who issued it.
                issuer = _issuer(child)
                if issuer is not None:
                    return issuer
            if child.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
                # "Keith Vaz, chairman of the committee, who had called for …": the relative
                # pronoun stands for the noun the clause hangs on (a person, for "who"); "a
                # letter he released that says …": a document speaks for who issued it.
                antecedent = self._relative_antecedent(cue.head, child.lower_ == "who")
                if antecedent.lemma_.lower() in _STATEMENT_NOUNS:
                    return _issuer(antecedent) or antecedent
                return antecedent
            return self._subject_in_paragraph(child, cue)
        # "calls by officials asking the United States to …": the noun the participle
        # modifies is who asks.
        if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
            if cue.head.lemma_.lower() in _STATEMENT_NOUNS:
                return _issuer(cue.head) or cue.head
            return cue.head
        detached = self._detached_subject(cue)
        if detached is not None:
            return detached
        if cue.lemma_.lower() == "read":
            # '"…," read the statement issued by the presidency': the parse takes the
            # statement for the object of the inverted verb.
            document = next((c for c in cue.rights if c.dep_ == "dobj"
                             and c.lemma_.lower() in _STATEMENT_NOUNS), None)
            if document is not None:
                return _issuer(document) or document
        if cue.tag_ == "VBG" and cue.i > 0 and cue.nbor(-1).text == ",":
            # "a tweet by Igor Sadikov, a student, saying: …": who wrote the tweet.
            first = max(self._sentence_bounds(cue)[0], cue.i - 40)
            for token in reversed(cue.doc[first: cue.i]):
                if token.lemma_.lower() in _STATEMENT_NOUNS:
                    issuer = _issuer(token)
                    if issuer is not None:
                        return issuer
                    break
        # "X, saying …" and "X said … and added …": the subject is the head verb's. A past
        # participle is passive ("Asked by a reporter, X replied"): its subject is not the
        # speaker.
        if cue.head is not cue and (cue.dep_ == "conj" or (
                cue.dep_ in ("advcl", "xcomp") and cue.tag_ == "VBG")):
            return self._subject(self._reporting_ancestor(cue) or cue.head)
        return None

    def _it_speaks(self, pronoun: Token, cue: Token) -> bool:
        """"It continued: “…”", "for what it said was Cuba's failure": "it" speaks when a
        quotation follows its verb after a colon, or in a free relative; elsewhere it is too
        often a document or a dummy subject."""
        if pronoun.i > 0 and pronoun.nbor(-1).lower_ == "what":
            return True
        complement = self._complement(cue)
        if pronoun.i <= self._sentence_bounds(cue)[0] + 1 and cue.tag_ in ("VBD", "VBZ") and \
                complement is not None and complement.dep_ == "ccomp" and \
                complement.i > cue.i and self._subject_before(pronoun, ("ORG", "GPE")) is not None:
            # "The ministry condemned the raids. It said …": a body the sentence before
            # is about speaks.
            return True
        return cue.i + 1 < len(cue.doc) and cue.nbor(1).text == ":" and \
            self._text[cue.nbor(1).idx + 1: cue.nbor(1).idx + 3].lstrip()[:1] in \
            OPENING_MARKS + STRAIGHT_MARK

    def _detached_subject(self, cue: Token) -> Token | None:
        """'In a statement following that accusation, Franken's office said …', '…
        dating from 2017, the US embassy in Beijing said': the parse can hang the noun
        phrase right before a finite verb on the phrase before it, as an apposition, and
        leave the verb without a subject; that phrase is the subject."""
        if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i < 2 or \
                any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cue.children):
            return None
        doc = cue.doc
        token = doc[cue.i - 1]
        while token.dep_ != "appos" and token.head.i != token.i and \
                token.head.right_edge.i == cue.i - 1 and token.head.i < cue.i:
            token = token.head
        first = token.left_edge.i
        if token.dep_ != "appos" or token.right_edge.i != cue.i - 1 or \
                token.pos_ not in ("NOUN", "PROPN") or first < 1 or doc[first - 1].text != ",":
            return None
        return token

    def _relative_antecedent(self, noun: Token, person: bool) -> Token:
        """The noun a relative clause describes; for "who", the person named up the chain of
        appositions and prepositions the parse may have hung the clause on instead."""
        if not person:
            return noun
        token = noun
        for _ in range(6):
            if token.i in self._cluster_of and \
                    self._clusters[self._cluster_of[token.i]].type == "PERSON":
                return token
            if token.dep_ not in ("pobj", "prep", "appos", "compound") or token.head is token:
                break
            token = token.head
        return noun

    def _reporting_ancestor(self, cue: Token) -> Token | None:
        """"said that 13 countries were boosting … and said …", "noted that no refugee wants
        …, adding that …": the parse often hangs the second reporting verb on a verb of the
        first one's complement; the speaker is the first reporting verb's subject."""
        if self._reporting_verb(cue.head) is not None:
            return None
        for ancestor in cue.head.ancestors:
            if self._reporting_verb(ancestor) is not None:
                complement = self._complement(ancestor)
                if complement is not None and (complement == cue.head
                                               or complement in cue.head.ancestors):
                    return ancestor
                return None
        return None

    def _subject_in_paragraph(self, subject: Token, cue: Token) -> Token:
        """The parser knows no paragraphs: after a heading line it can make a word of the
        heading the subject of the next paragraph's verb. The subject is then the first noun
        of the cue's own paragraph that hangs on a word outside it."""
        if subject.i > cue.i:
            return subject
        paragraph_start = self._text.rfind("\n\n", subject.idx, cue.idx)
        if paragraph_start < 0:
            return subject
        doc = cue.doc
        for token in doc[subject.i + 1: cue.i]:
            if token.idx > paragraph_start and token.head.idx < paragraph_start and \
                    token.pos_ in ("NOUN", "PROPN", "PRON"):
                return token
        return subject

    def _speaker_of(self, cue: Token) -> Speaker:
        subject = self._subject(cue)
        if subject is None:
            return Speaker()
        return self._speaker_from_phrase(subject)

    def _speaker_from_phrase(self, head: Token) -> Speaker:
        members = [head] + [c for c in head.subtree if c.dep_ == "conj" and c.head == head]
        clusters: list[int] = []
        named: list[Token] = []
        role_head: Token | None = None
        for member in members:
            index, token = self._named_in(member)
            if index is None and len(members) > 1 and \
                    member.lemma_.lower() in self.role_nouns:
                # "Biden and the Iraqi prime minister said in a joint statement": each
                # speaker of a joint declaration, a description as well as a name.
                index = self._described_person(member, exclude=frozenset(clusters))
                token = member
            if index is not None and index not in clusters:
                clusters.append(index)
                named.append(token)
                if token is not member:
                    role_head = member  # "Baghdad Friday prayers leader Sayed Yasin al-Mousavi"
        if named and len(members) == 1:
            # The speaker as written nearest: the name itself.
            mention = self._mention_at(named[0])
            start, end = mention.start_char, mention.end_char
        else:
            tokens = [t for t in head.subtree
                      if not any(a.dep_ in ("appos", "acl", "relcl", "prep") and t in a.subtree
                                 for a in head.children)]
            tokens = [t for t in tokens if not t.is_punct or t.text in ("'", "’", "-")] or [head]
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        role = self._role_of(head, exclude=self._mention_at(named[0]) if named else None)
        if role is None and role_head is not None:
            role = role_head.text
        if role and all(w.lower().strip(".") in self.titles for w in role.split()):
            role = None  # "Sayed": an honorific, not a role
        speaker = Speaker(self._text[start:end], start, end, clusters, role, head=head)
        if len(members) == 1 and role_head is head and clusters and \
                self._clusters[clusters[0]].type != "PERSON" and \
                head.lemma_.lower() in self.role_nouns:
            # "The World Health Organisation chief said", "Niger's president said": the
            # person the article describes so, before or in the next attribution.
            person = self._described_person(head)
            if person is not None:
                speaker.clusters = [person]
                speaker.resolved_from = "description"
            else:
                speaker.described = True
        if not clusters and head.pos_ != "PRON" and (
                head.lower_ in self.anonymous_heads or head.lemma_.lower() in self.anonymous_heads):
            speaker.anonymous = True
        if len(members) == 1 and head.pos_ in ("NOUN", "PROPN") and (
                any(c.lower_ in _UNNAMED for c in head.children if c.dep_ == "amod")
                or self._counted_group(head, clusters)):
            # "An unnamed former congressional aide", "About 30 Senate Democrats": an
            # unnamed source or a group counted out, not the body named in the phrase.
            speaker.clusters = []
            speaker.anonymous = True
        if len(members) == 1:
            speaker.on_behalf_of = self._principal(head)
            if speaker.on_behalf_of is not None and speaker.role is None and \
                    head.lemma_.lower() in _SPOKESPERSONS:
                words = sorted([head] + [t for c in head.lefts if c.dep_ in ("amod", "compound")
                                         for t in c.subtree], key=lambda t: t.i)
                speaker.role = self._text[words[0].idx: head.idx + len(head.text)]
            if speaker.on_behalf_of is not None and not clusters and \
                    not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
                # "The military spokesperson for X said", after "Y, the military
                # spokesperson for X": the person given that role before.
                person = self._described_person(
                    head, exclude=frozenset(speaker.on_behalf_of.clusters))
                if person is not None:
                    speaker.clusters = [person]
                    speaker.resolved_from = "description"
        return speaker

    def _counted_group(self, head: Token, clusters: list[int]) -> bool:
        return head.tag_ in ("NNS", "NNPS") and len(clusters) == 1 and \
            self._clusters[clusters[0]].type == "NORP" and any(
                c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in ("many", "several"))
                for c in head.children)

    def _named_in(self, member: Token) -> tuple[int | None, Token]:
        """The entity a speaker phrase names: its head, else a person in apposition or
        compound ("prayers leader Sayed Yasin al-Mousavi"), else an organisation compound."""
        if member.i in self._cluster_of:
            index = self._cluster_of[member.i]
            if self._clusters[index].type == "PERSON":
                return index, member
            # "Senior World Health Organization (WHO) official Peter Salama": the parse may
            # make the organisation the head; the person in the same phrase is the speaker.
            person = next((t for t in _phrase_tokens(member) if t.i in self._cluster_of
                           and self._clusters[self._cluster_of[t.i]].type == "PERSON"), None)
            if person is not None:
                return self._cluster_of[person.i], person
            return index, member
        appositive_person = next(
            (t for c in member.subtree if c.dep_ == "appos" for t in _phrase_tokens(c)
             if t.i in self._cluster_of
             and self._clusters[self._cluster_of[t.i]].type == "PERSON"), None)
        if appositive_person is not None:
            # "The spokesman for the Kremlin, Dmitry Peskov, said": the named person speaks.
            return self._cluster_of[appositive_person.i], appositive_person
        if member.lemma_.lower() in _SPOKESPEOPLE - _SPOKESPERSONS:
            # "Erdogan's office said", "the ministry's statement said": they speak as the
            # person or body they belong to. (A spokesperson is a speaker of their own, who
            # speaks on behalf of the principal: see ``_principal``.)
            owner = self._owner_of(member)
            if owner is not None:
                return owner
        if member.text[:1].isupper() and (member.pos_ == "PROPN" or member.dep_ == "nsubj"):
            # "Chaput said": a surname the model did not tag, of a person named in full (the
            # parse may even take it for a verb, "Franken said").
            key = mention_key(member.text, "PERSON")
            owners = {i for i, c in enumerate(self._clusters) if c.type == "PERSON"
                      and c.key and c.key.split()[-1] == key}
            if len(owners) == 1:
                return owners.pop(), member
            # "Nigeria previously announced …": a country or body the model did not tag
            # here, spelled as the article names it elsewhere.
            words = [t for t in member.lefts if t.dep_ == "compound"] + [member]
            phrase = " ".join(t.text for t in words)
            for index, cluster in enumerate(self._clusters):
                if cluster.type in ("GPE", "ORG") and cluster.key and \
                        cluster.key == mention_key(phrase, cluster.type):
                    return index, member
            # "The Mail reports" after "the Daily Mail": the last word of one organisation's
            # name, the way papers shorten theirs.
            key = mention_key(phrase, "ORG")
            owners = {i for i, c in enumerate(self._clusters) if c.type == "ORG" and key
                      and c.key and c.key.endswith(" " + key)}
            if len(owners) == 1:
                return owners.pop(), member
        if member.lemma_.lower() in self.role_nouns or member.lower_ in self.titles:
            # "Former US Ambassador to the United Nations Nikki Haley": the parse hangs the
            # name on the title's last word; the name that closes the title is the speaker.
            last = max((t for t in member.subtree if not t.is_punct), key=lambda t: t.i)
            principal = self._owner_of(member) if member.lemma_.lower() in _SPOKESPERSONS \
                else None
            if principal is not None and self._mention_at(principal[1]).start <= last.i:
                pass  # "the spokesperson for Prime Minister X": X is whom they speak for
            elif last.i > member.i and last.i in self._cluster_of and \
                    self._clusters[self._cluster_of[last.i]].type == "PERSON":
                first = self._mention_at(last)[0]
                if first.i > 0 and first.nbor(-1).pos_ == "PROPN":
                    return self._cluster_of[last.i], last
        candidates = [t for t in member.subtree if t.i in self._cluster_of and
                      (t.dep_ in ("appos", "compound") and t.head == member
                       or t.head.dep_ in ("appos", "compound") and t.head.head == member)]
        if member.lemma_.lower() in _PRIVATE_PERSONS:
            # "a Texas teenager", "the McGill student", "a Biden voter": a name that modifies
            # such a noun says where they are from or whose side they take; only a name in
            # apposition names them.
            candidates = [t for t in candidates if "compound" not in (t.dep_, t.head.dep_)]
        for wanted in (("PERSON",), ("ORG", "GPE")):
            if wanted != ("PERSON",) and member.lemma_.lower() in _PRIVATE_PERSONS:
                break  # "a Texas teenager": not Texas
            for token in candidates:
                if self._clusters[self._cluster_of[token.i]].type in wanted:
                    return self._cluster_of[token.i], token
        return None, member

    def _owner_of(self, member: Token) -> tuple[int, Token] | None:
        """The person or body a noun belongs to ("Erdogan's office", "a spokesman for the
        ministry", "the spokesperson for Prime Minister X")."""
        for child in member.children:
            owner = child if child.dep_ in ("poss", "amod", "compound") else next(
                (c for c in child.children if c.dep_ == "pobj"),
                None) if child.dep_ == "prep" and child.lower_ in ("for", "of") else None
            if owner is None and child.dep_ == "prep" and child.lower_ in ("for", "of") and \
                    not any(True for _ in child.children):
                # The parse can leave "for" dangling and make the name a second subject of
                # the verb: the first name after it.
                named = [t for t in member.doc[child.i + 1: child.i + 10]
                         if t.i in self._cluster_of]
                owner = next((t for t in named
                              if self._clusters[self._cluster_of[t.i]].type == "PERSON"),
                             named[0] if named else None)
            if owner is None:
                continue
            if owner.i in self._cluster_of:
                return self._cluster_of[owner.i], owner
            if child.dep_ == "prep":
                index, token = self._named_in(owner)
                if index is not None:
                    return index, token
        return None

    def _principal(self, head: Token) -> Speaker | None:
        """Whom a spokesperson speaks for: "the military spokesperson for Prime Minister X",
        "Pentagon spokesman John Kirby", "Yahya Rasool, the spokesperson for X"."""
        nouns = [head] + [c for c in head.children if c.dep_ in ("appos", "compound")]
        for noun in nouns:
            if noun.lemma_.lower() not in _SPOKESPERSONS:
                continue
            owner = self._owner_of(noun)
            if owner is None:
                continue
            index, token = owner
            mention = self._mention_at(token)
            return Speaker(mention.text, mention.start_char, mention.end_char, [index],
                           head=token)
        return None

    def _described_person(self, head: Token, exclude: frozenset[int] = frozenset()
                          ) -> int | None:
        """The latest person named before ``head`` whose role, as the article gives it,
        holds the noun ("AU trade and industry commissioner Albert Muchanga" for "the
        commissioner")."""
        lemma = head.lemma_.lower()
        best: tuple[int, int] | None = None
        for index, cluster in enumerate(self._clusters):
            if cluster.type != "PERSON" or cluster.mentions[0].start >= head.i or \
                    index in exclude:
                continue
            if lemma in self._context_of(index):
                latest = max(m.start for m in cluster.mentions if m.start < head.i)
                if best is None or latest > best[0]:
                    best = (latest, index)
        return best[1] if best else None

    def _full_name(self, index: int) -> int:
        """"Tedros said", "Lu said" after "Tedros Adhanom Ghebreyesus", "Lu Kang": a
        single name that opens exactly one person's full name, given before, is that
        person."""
        cluster = self._clusters[index]
        key = cluster.key
        if cluster.type != "PERSON" or not key or " " in key:
            return index
        first = cluster.mentions[0].start
        owners = [i for i, c in enumerate(self._clusters) if c.type == "PERSON" and i != index
                  and len(c.key.split()) > 1 and c.key.split()[0] == key
                  and c.mentions[0].start < first]
        return owners[0] if len(owners) == 1 else index

    def _mention_at(self, token: Token) -> Span:
        """The entity mention holding ``token`` (the token alone for an untagged surname)."""
        return self._mention_of.get(token.i) or token.doc[token.i: token.i + 1]

    def _role_of(self, head: Token, exclude: Span | None = None) -> str | None:
        """"Fadel Jaber, a member of Sadeqoun coalition" -> "a member of Sadeqoun coalition";
        "US President Donald Trump" -> "US President"."""
        excluded = set(range(exclude.start, exclude.end)) if exclude is not None else set()
        for child in head.children:
            if child.dep_ == "appos" and not child.like_num and \
                    child.idx not in self._quoted and \
                    not mark_width(self._text, child.left_edge.idx):  # "Maria Lopez, 34, a nurse"
                tokens = [t for t in child.subtree if t.i not in excluded]
                if tokens:
                    return self._text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]
        modifiers = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
        # Not words of a quotation the parse hung on the name ('"…," the cleric X said').
        floor = max((end for _, end in self._stretch_ranges if end <= head.idx), default=-1)
        tokens = sorted({t for m in modifiers for t in m.subtree
                         if t.i not in excluded and t.idx > floor and not t.is_punct},
                        key=lambda t: t.i)
        while tokens and tokens[0].dep_ == "det":
            tokens.pop(0)
        if tokens and head.pos_ == "PROPN":
            return self._text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]
        return None

    def _record(self, kind: str, doc: Doc, start: int, end: int, cue: Token | Span | None,
                speaker: Speaker) -> dict[str, Any]:
        cue_record = None
        if cue is not None:
            cue_start = cue.idx if isinstance(cue, Token) else cue.start_char
            cue_end = cue_start + len(cue.text)
            cue_record = {"start": cue_start, "end": cue_end, "text": self._text[cue_start:cue_end]}
        entry = self._reporting_verb(cue) if isinstance(cue, Token) else None
        return {
            "id": "",
            "kind": kind,
            "content": {"start": start, "end": end, "text": self._text[start:end]},
            "cue": cue_record,
            "cue_class": entry.verb_class if entry else ("neutral" if cue is not None else None),
            "speaker": speaker.record(),
            "_speaker": speaker,
        }

    # -- pronouns and descriptions --------------------------------------------------------

    def _resolve_speakers(self, doc: Doc, quotes: list[dict[str, Any]]) -> None:
        # People named inside someone's own words are rarely who "he" points back to; those
        # named in reported speech ("PBS revealed that the prince accepted …") often are.
        self._quoted = Stretches(self._stretch_ranges
                                 + [(q["content"]["start"], q["content"]["end"])
                                    for q in quotes if q["kind"] == "direct"])
        self._contents = Stretches(sorted((q["content"]["start"], q["content"]["end"])
                                          for q in quotes))
        self._facts = ArticleFacts(
            self._clusters, self._text, self._sentence_starts, self._quoted, self._contents,
            self.verbs, self.role_nouns, self._gender, self._context_of)
        previous: list[Speaker] = []
        for number, quote in enumerate(quotes):
            speaker: Speaker = quote["_speaker"]
            head = speaker.head
            # A speaker found by another speaker's words, or a cluster number.
            antecedent: Speaker | int | None
            unresolved = head is not None and not speaker.clusters and not speaker.anonymous
            if unresolved and head is not None:
                word = head.lower_
                if head.pos_ == "PRON" and word in _PRONOUNS_FIRST and head.idx in self._quoted:
                    # '… said "So we told the president we needed the government open."':
                    # "we" inside someone's words is who speaks them.
                    antecedent = self._quoting_speaker(
                        head, quotes[max(0, number - 20): number], previous)
                    if antecedent is not None:
                        speaker.clusters = list(antecedent.clusters)
                        speaker.role = speaker.role or antecedent.role
                        speaker.resolved_from = "pronoun"
                elif head.pos_ == "PRON" and (word in _PRONOUNS_SINGULAR | _PRONOUNS_PLURAL
                                              or word == "it"):
                    antecedent = self._pronoun_antecedent(doc, head, previous)
                    if isinstance(antecedent, Speaker):
                        speaker.clusters = list(antecedent.clusters)
                        speaker.anonymous = antecedent.anonymous
                        speaker.role = speaker.role or antecedent.role
                        speaker.resolved_from = "pronoun"
                        speaker.antecedent = antecedent
                    elif antecedent is not None:
                        speaker.clusters = [antecedent]
                        speaker.resolved_from = "pronoun"
                elif head.pos_ in ("NOUN", "PROPN") and head.tag_ != "NNS" and \
                        not _introduces_someone(head) and (
                        head.lemma_.lower() in self.role_nouns
                        or head.lemma_.lower() in _STATEMENT_NOUNS):
                    antecedent = self._description_antecedent(doc, head, previous)
                    if antecedent is not None:
                        speaker.clusters = [antecedent]
                        speaker.resolved_from = "description"
                elif head.lemma_.lower() in _SPOKESPEOPLE - _SPOKESPERSONS and any(
                        c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
                    # "his office said": the office speaks as the one "his" points back to.
                    owner = next(c for c in head.children if c.dep_ == "poss")
                    antecedent = self._pronoun_antecedent(doc, owner, previous)
                    if isinstance(antecedent, Speaker):
                        antecedent = antecedent.clusters[0] if antecedent.clusters else None
                    if antecedent is not None:
                        speaker.clusters = [antecedent]
                        speaker.resolved_from = "pronoun"
                elif head.lemma_.lower() in _PAIR_NOUNS and not _introduces_someone(head):
                    pair = self._latest_pair(head)
                    if len(pair) == 2:
                        speaker.clusters = pair
                        speaker.resolved_from = "description"
                elif head.pos_ == "NOUN" and not _introduces_someone(head) and (
                        head.tag_ != "NNS" or head.lemma_.lower() in _body_heads()):
                    # "police revealed": a mass noun the tagger calls plural is still one body.
                    antecedent = self._named_body(head)
                    if antecedent is None and head.lemma_.lower() in _BODY_NOUNS:
                        antecedent = self._body_before(head, previous)
                    if antecedent is not None:
                        speaker.clusters = [antecedent]
                        speaker.resolved_from = "description"
            if head is not None and (unresolved and self.rank_speakers or self.collect_rankings):
                self._rank_speaker(doc, quote, speaker, head, previous, unresolved)
            if head is not None and speaker.clusters and head.pos_ == "PRON" and \
                    head.lower_ in _PRONOUNS_SINGULAR and any(
                        c.dep_ == "conj" for c in head.children):
                # "Both he and the county's commissioner Stephen Mold urged …": the pronoun
                # speaks too.
                antecedent = self._pronoun_antecedent(doc, head, previous)
                if isinstance(antecedent, Speaker):
                    antecedent = antecedent.clusters[0] if antecedent.clusters else None
                if antecedent is not None and antecedent not in speaker.clusters:
                    speaker.clusters.insert(0, antecedent)
            self._country_for_nationality(speaker)
            speaker.clusters = list(dict.fromkeys(self._full_name(i) for i in speaker.clusters))
            quote["speaker"] = speaker.record()
            previous.append(speaker)
        self._link_cataphoric_descriptions(quotes)

    def _rank_speaker(self, doc: Doc, quote: dict[str, Any], speaker: Speaker, head: Token,
                      previous: list[Speaker], unresolved: bool) -> None:
        """Where the speaker is a pronoun or a description, let the speaker ranker overrule
        the rules' antecedent when it is surer of another by its margin
        (``components/speaker_ranker``).
        When collecting, named subjects are kept as examples too, the name hidden: what the
        ranker would have chosen had the article written "he" or "it" there."""
        content = (quote["content"]["start"], quote["content"]["end"])
        if unresolved:
            kind = anchor_kind(head, self.role_nouns)
            if not points_back(head, kind) or head.idx in self._quoted:
                return
            skip = None
        elif speaker.clusters and speaker.resolved_from is None and head.pos_ != "PRON" and \
                speaker.start is not None and speaker.end is not None:
            index = speaker.clusters[0]
            kind = ("she" if self._gender(index) == "f" else "he") \
                if self._clusters[index].type == "PERSON" else "it"
            skip = (speaker.start, speaker.end)
        else:
            return
        candidates = speaker_candidates(self._facts, head, content, previous, kind, skip)
        rule = next((i for i, c in enumerate(candidates)
                     if c.cluster is not None and c.cluster in speaker.clusters[:1]
                     or c.speaker is not None and c.speaker is speaker.antecedent), None)
        if self.collect_rankings:
            doc.user_data.setdefault(RANKINGS_KEY, []).append({
                "content": content, "masked": not unresolved, "kind": kind, "rule": rule,
                "speaker": (speaker.start, speaker.end),
                # A bare name ("Ruiz said") that a pronoun could stand in for.
                "bare": not unresolved and (speaker.start, speaker.end) == (
                    min(t.idx for t in head.subtree),
                    max(t.idx + len(t) for t in head.subtree)),
                "candidates": [(c.cluster, c.features) for c in candidates],
                "truth": speaker.clusters[0] if not unresolved else None})
        # An unnamed source who goes on ("A PMF commander told … He said") keeps the rules'.
        ranker = speaker_ranker() if unresolved and self.rank_speakers and \
            not speaker.anonymous else None
        choice = ranker.choose(candidates, rule) if ranker is not None else None
        if choice is None:
            return
        if speaker.antecedent is not None and speaker.role == speaker.antecedent.role:
            speaker.role = None  # the role came with the antecedent the ranker set aside
        if choice.cluster is not None:
            speaker.clusters = [choice.cluster]
            speaker.anonymous = False
            speaker.antecedent = None
        else:
            speaker.clusters = list(choice.speaker.clusters)
            speaker.anonymous = choice.speaker.anonymous
            speaker.role = speaker.role or choice.speaker.role
            speaker.antecedent = choice.speaker
        speaker.resolved_from = "pronoun" if head.pos_ == "PRON" else "description"

    def _quoting_speaker(self, pronoun: Token, quotes: list[dict[str, Any]],
                         previous: list[Speaker]) -> Speaker | None:
        """Who speaks the quoted words that hold a first-person pronoun: the speaker of the
        direct quote around it, else the last named speaker of the same paragraph."""
        for quote in reversed(quotes):
            content = quote["content"]
            if quote["kind"] == "direct" and content["start"] <= pronoun.idx < content["end"]:
                found: Speaker = quote["_speaker"]
                return found if found.clusters and found.head is not None and \
                    found.head.i != pronoun.i else None
        paragraph = self._text.rfind("\n", 0, pronoun.idx)
        for speaker in reversed(previous):
            if speaker.head is None or speaker.head.idx <= paragraph:
                break
            if speaker.clusters and speaker.head.i < pronoun.i:
                return speaker
        return None

    def _pronoun_antecedent(self, doc: Doc, pronoun: Token, previous: list[Speaker]
                            ) -> Speaker | int | None:
        """The previous speaker when they fit the pronoun (news copy names a speaker, then
        goes on with "he said"), else the latest fitting mention."""
        plural = pronoun.lower_ in _PRONOUNS_PLURAL
        # "It continued": a body, which English calls "it" as well as "they".
        body = plural or pronoun.lower_ == "it"
        # A nationality is "they" ("the Saudis"), never "it".
        wanted = ("ORG", "GPE", "NORP") if plural else ("ORG", "GPE") if body else ("PERSON",)
        if body:
            # "The ministry condemned the raids. It said …": the body the sentence before is
            # about, over earlier speakers and bodies named in passing.
            subject = self._subject_before(pronoun, wanted)
            if subject is not None:
                return subject
        if body and not plural:
            # "the US government expelled diplomats for what it said was …": the subject of
            # a clause that holds "it" is what it points back to.
            for ancestor in pronoun.ancestors:
                clause_subject = next((c for c in ancestor.children if c.dep_ == "nsubj"
                                       and c.i < pronoun.i and c.pos_ != "PRON"), None)
                if clause_subject is not None:
                    index, _ = self._named_in(clause_subject)
                    if index is not None and self._clusters[index].type in wanted:
                        return index
                    break
        for back, speaker in enumerate(reversed(previous[-3:])):
            if speaker.head is None or speaker.head.i >= pronoun.i:
                continue
            if back == 0 and not body and self._unnamed_person(speaker) and \
                    _paragraphs_between(self._text, speaker.head.idx, pronoun.idx) <= 1:
                # "A government spokesman said … He added: …": the unnamed source goes on.
                return speaker
            if speaker.clusters:
                if self._clusters[speaker.clusters[0]].type in wanted and \
                        self._fits(speaker.clusters[0], pronoun):
                    between = None if body else self._subject_between(speaker.head, pronoun)
                    return speaker if between is None or between in speaker.clusters \
                        else between
                continue
            is_plural = speaker.head.tag_ in ("NNS", "NNPS") or any(
                c.dep_ == "conj" for c in speaker.head.children)
            if plural and is_plural and speaker.head.pos_ != "PRON":
                return speaker
        return self._latest_mention(pronoun, wanted, pronoun=pronoun)

    def _subject_before(self, pronoun: Token, types: tuple[str, ...]) -> int | None:
        """The body that is the subject of the sentence before the pronoun's, in the same
        paragraph: named ("Kataib Hezbollah denied …") or described ("the militia vowed …"
        after "the Kataib Hezbollah militia")."""
        position = bisect_right(self._sentence_starts, pronoun.i) - 1
        if position < 1:
            return None
        doc = pronoun.doc
        first, stop = self._sentence_starts[position - 1], self._sentence_starts[position]
        if "\n" in self._text[doc[first].idx: pronoun.idx]:
            return None
        root = next((t for t in doc[first:stop] if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
            if root is not None else None
        if subject is None or subject.pos_ == "PRON" or subject.idx in self._quoted:
            return None
        index, _ = self._named_in(subject)
        if index is None and subject.pos_ == "NOUN":
            index = self._named_body(subject)
        if index is not None and self._clusters[index].type in types:
            return index
        return None

    def _subject_between(self, earlier: Token, pronoun: Token) -> int | None:
        """"Campbell was working on a sculpt. After the convention, he told …": a person
        who is the subject of a sentence of the pronoun's own paragraph, after the previous
        speaker and outside anyone's words, is who the pronoun points back to."""
        paragraph = self._text.rfind("\n", 0, pronoun.idx)
        first = bisect_right(self._mention_starts, earlier.i)
        last = bisect_right(self._mention_starts, pronoun.i - 1)
        for position in range(last - 1, first - 1, -1):
            start, start_char, subject, index = self._mentions[position]
            if start_char <= paragraph:
                break
            if subject and self._clusters[index].type == "PERSON" and \
                    start_char not in self._quoted and start_char not in self._contents and \
                    self._fits(index, pronoun):
                return index
        return None

    def _may_speak(self, speaker: Speaker) -> bool:
        """Whether a speaker phrase can be someone who speaks: named, a pronoun, or a noun
        of the person, source, statement or government lexicons."""
        head = speaker.head
        if speaker.clusters or speaker.anonymous or head is None or head.pos_ != "NOUN":
            return True
        lemma = head.lemma_.lower()
        return lemma in self.role_nouns or lemma in self.anonymous_heads or \
            lemma in _STATEMENT_NOUNS or lemma in _SPOKESPEOPLE or lemma in _GOVERNMENT_NOUNS \
            or lemma in _ADDRESSEES or lemma in _BODY_NOUNS

    def _unnamed_person(self, speaker: Speaker) -> bool:
        """Whether a speaker is one person the article does not name ("a government
        spokesman", "the researcher")."""
        head = speaker.head
        if speaker.clusters and not speaker.described or head is None or \
                head.pos_ != "NOUN" or head.tag_ != "NN" or \
                any(c.dep_ == "conj" for c in head.children):
            return False
        lemma = head.lemma_.lower()
        return lemma not in _STATEMENT_NOUNS and lemma not in _FINDING_NOUNS and (
            lemma in self.role_nouns or (speaker.anonymous and lemma in _PERSON_SOURCES))

    def _latest_pair(self, token: Token) -> list[int]:
        """"Ms Geller … and Mr Spencer … On their blogs the pair called …": the two people
        last named together, joined by "and", outside quoted words, within six sentences."""
        before = bisect_right(self._sentence_starts, token.i)
        horizon = self._sentence_starts[before - 6] if before >= 6 else 0
        for position in range(bisect_right(self._mention_starts, token.i - 1) - 1, -1, -1):
            start, start_char, _, index = self._mentions[position]
            if start < horizon:
                break
            if self._clusters[index].type != "PERSON" or start_char in self._quoted:
                continue
            root = self._mention_of[start].root
            if root.dep_ != "conj":
                continue
            partner = self._cluster_of.get(root.head.i)
            if partner is not None and partner != index and \
                    self._clusters[partner].type == "PERSON":
                return [partner, index]
        return []

    def _body_before(self, head: Token, previous: list[Speaker]) -> int | None:
        """"Whataburger told Fox News … “…,” the company said": a company or group
        described by what it is is the body that spoke just before, else the latest
        organisation named."""
        if previous and previous[-1].clusters and previous[-1].head is not None and \
                _paragraphs_between(self._text, previous[-1].head.idx, head.idx) <= 1:
            index = previous[-1].clusters[0]
            cluster = self._clusters[index]
            if cluster.type == "ORG" or (cluster.type == "PERSON" and " " not in cluster.key
                                         and self._gender(index) is None):
                return index
        return self._latest_mention(head, ("ORG",))

    def _named_body(self, head: Token) -> int | None:
        """"The embassy said" after "the US Embassy in London": the latest organisation
        named before whose name holds the noun."""
        lemma = head.lemma_.lower()
        best: tuple[int, int] | None = None
        for index, cluster in enumerate(self._clusters):
            if cluster.type != "ORG":
                continue
            for mention in cluster.mentions:
                # The noun in the name, or right after it ("the Kataib Hezbollah militia").
                after = head.doc[mention.end] if mention.end < len(head.doc) else None
                if mention.start < head.i and (
                        any(t.lemma_.lower() == lemma for t in mention)
                        or after is not None and after.i != head.i
                        and after.lemma_.lower() == lemma) \
                        and (best is None or mention.start > best[0]):
                    best = (mention.start, index)
        return best[1] if best else None

    def _country_for_nationality(self, speaker: Speaker) -> None:
        """"The Turkish statement", "Saudi leaders": a government speaking through its
        nationality is the country, when the article names it ("Turkey")."""
        head = speaker.head
        if head is not None and not speaker.clusters and \
                head.lemma_.lower() in _STATEMENT_NOUNS | _GOVERNMENT_NOUNS:
            # "the Saudi government said": the nationality word the model tagged alone.
            speaker.clusters = [self._cluster_of[c.i] for c in head.children
                                if c.dep_ in ("amod", "compound") and c.i in self._cluster_of
                                and self._clusters[self._cluster_of[c.i]].type == "NORP"][:1]
        if head is None or len(speaker.clusters) != 1 or \
                self._clusters[speaker.clusters[0]].type != "NORP" or \
                head.lemma_.lower() not in _STATEMENT_NOUNS | _GOVERNMENT_NOUNS:
            return
        country = country_of_nationality(self._clusters, speaker.clusters[0])
        if country is not None:
            speaker.clusters = [country]
            speaker.resolved_from = "description"

    def _description_antecedent(self, doc: Doc, head: Token, previous: list[Speaker]
                                ) -> int | None:
        lemma = head.lemma_.lower()
        if lemma in _STATEMENT_NOUNS:
            for speaker in reversed(previous):
                if speaker.clusters:
                    return speaker.clusters[0]
            return None
        # The person whose role, as the article gave it, contains the noun ("the cleric"):
        # one given it right at a mention ("Sen. Al Franken") before one merely near it.
        # The same office under another name counts ("Lawmaker X … the MP").
        words = role_synonyms().get(lemma, frozenset({lemma}))
        found: tuple[int, int, int] | None = None
        for index, cluster in enumerate(self._clusters):
            if cluster.type != "PERSON" or cluster.mentions[0].start >= head.i:
                continue
            if words & self._context_of(index):
                close = int(any(words & _role_words(m) for m in cluster.mentions
                                if m.start < head.i))
                candidate = (close, -index, index)
                if found is None or candidate > found:
                    found = candidate
        if found is not None:
            return found[2]
        if lemma in _FAMILY_NOUNS:
            return None  # "the mother": only the article's own wording can tell whose
        return self._most_mentioned(head, ("PERSON",))

    def _context_of(self, index: int) -> frozenset[str]:
        """The words around a person's mentions, where an article gives their role."""
        if index not in self._contexts:
            self._contexts[index] = frozenset(
                word for mention in self._clusters[index].mentions
                for word in _context_words(mention))
        return self._contexts[index]

    def _latest_mention(self, token: Token, types: tuple[str, ...],
                        within_sentences: int = 6, pronoun: Token | None = None) -> int | None:
        """The actor a pronoun or description most likely points back to: the latest
        fitting mention outside quoted words, a grammatical subject or a person whose gender
        is known to fit the pronoun before any other."""
        before = bisect_right(self._sentence_starts, token.i)
        horizon = self._sentence_starts[before - within_sentences] \
            if before >= within_sentences else 0
        best: tuple[int, int, int] | None = None
        last = bisect_right(self._mention_starts, token.i - 1)
        for position in range(last - 1, -1, -1):
            start, start_char, subject, index = self._mentions[position]
            if start < horizon:
                break
            if best is not None and best[0] == (2 if pronoun is not None else 1):
                break  # the latest fitting subject is found; earlier mentions cannot beat it
            if self._clusters[index].type not in types or start_char in self._quoted or (
                    pronoun is not None and not self._fits(index, pronoun)):
                continue
            # A person the pronoun's gender is known to fit beats one whose gender is unknown.
            known = int(pronoun is not None and self._gender(index) is not None)
            candidate = (known + subject, start, index)
            if best is None or candidate[0] > best[0]:
                best = candidate
        return best[2] if best else None

    def _gender(self, index: int) -> str | None:
        """"m" or "f" for a person whose first name or title tells, else None."""
        names = first_name_genders()
        for mention in self._clusters[index].mentions:
            doc = mention.doc
            before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
            if before in _TITLE_GENDER:
                return _TITLE_GENDER[before]
            for token in mention:
                word = token.lower_
                if word in _TITLE_GENDER:
                    return _TITLE_GENDER[word]
                if word in names:
                    return names[word]
        return None

    def _fits(self, index: int, pronoun: Token) -> bool:
        wanted = _PRONOUN_GENDER.get(pronoun.lower_)
        if wanted is None or self._clusters[index].type != "PERSON":
            return True
        gender = self._gender(index)
        return gender is None or gender == wanted

    def _most_mentioned(self, token: Token, types: tuple[str, ...]) -> int | None:
        """The actor of the given types mentioned most often before ``token``."""
        counts = [(sum(1 for m in c.mentions if m.start < token.i), -c.mentions[0].start, i)
                  for i, c in enumerate(self._clusters) if c.type in types]
        counts = [c for c in counts if c[0] > 0]
        return max(counts)[2] if counts else None

    def _link_cataphoric_descriptions(self, quotes: list[dict[str, Any]]) -> None:
        """"the secretary general of X held …" then "Akram al-Kaabi wrote": the description
        introduces the person named by the next quote."""
        lede_end = self._text.find("\n\n")
        for i, quote in enumerate(quotes):
            speaker: Speaker = quote["_speaker"]
            if not speaker.clusters and not speaker.anonymous and speaker.head is not None \
                    and speaker.head.idx < lede_end and _introduces_someone(speaker.head) and \
                    speaker.head.lemma_.lower() in _PRIVATE_PERSONS:
                # "A Texas teenager who supports Trump says …": a lede introduces its
                # subject by description and names them further on, as a speaker.
                # Of the people quoted further on, the one the article names first: a lede's
                # subject is named before the others it quotes, if not quoted first.
                after = speaker.head.right_edge.i
                named = min((q["_speaker"].clusters[0] for q in quotes[i + 1:]
                             if q["_speaker"].clusters and q["_speaker"].resolved_from is None
                             and self._clusters[q["_speaker"].clusters[0]].type == "PERSON"
                             and self._clusters[q["_speaker"].clusters[0]].mentions[0].start
                             > after),
                            key=lambda index: self._clusters[index].mentions[0].start,
                            default=None)
                if named is not None:
                    speaker.clusters = [named]
                    speaker.resolved_from = "description"
                    quote["speaker"] = speaker.record()
                continue
            if (speaker.clusters and not speaker.described) or speaker.anonymous or \
                    speaker.head is None or speaker.head.pos_ == "PRON" or \
                    speaker.head.lemma_.lower() not in self.role_nouns:
                continue
            # The next attribution by someone else ("The WHO chief said … but warned …" then
            # "…, WHO Director-General Tedros told reporters").
            following: Speaker = next(
                (q["_speaker"] for q in quotes[i + 1: i + 4]
                 if q["_speaker"].head is None or q["_speaker"].head.i != speaker.head.i),
                Speaker())
            # Only a person named as a speaker in their own right: not one found through a
            # pronoun, nor one first named inside what was said ("identifying one of the
            # dead as X").
            cluster = self._clusters[following.clusters[0]] if following.clusters else None
            if cluster is not None and following.head is not None and \
                    following.resolved_from is None and cluster.type == "PERSON" and \
                    cluster.mentions[0].start > speaker.head.i and \
                    cluster.mentions[0].start_char not in self._contents and \
                    _paragraphs_between(self._text, speaker.head.idx, following.head.idx) <= 2:
                speaker.clusters = [following.clusters[0]]
                speaker.resolved_from = "description"
                quote["speaker"] = speaker.record()
            elif speaker.described and speaker.clusters and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in speaker.head.children):
                # "A PMF commander told Rudaw": an unnamed source from that body.
                words = sorted([speaker.head] + [t for c in speaker.head.lefts
                                                 if c.dep_ in ("amod", "compound", "nmod")
                                                 for t in c.subtree], key=lambda t: t.i)
                speaker.role = speaker.role or self._text[
                    words[0].idx: speaker.head.idx + len(speaker.head.text)]
                start = speaker.head.left_edge.idx
                speaker.text = self._text[start: speaker.head.idx + len(speaker.head.text)]
                speaker.start, speaker.end = start, start + len(speaker.text)
                speaker.clusters = []
                speaker.anonymous = True
                quote["speaker"] = speaker.record()
        for quote in quotes:
            # "He said" after a speaker decided on above speaks as that speaker does.
            speaker = quote["_speaker"]
            antecedent = speaker.antecedent
            if antecedent is not None and (antecedent.clusters != speaker.clusters or
                                           antecedent.anonymous != speaker.anonymous):
                speaker.clusters = list(antecedent.clusters)
                speaker.anonymous = antecedent.anonymous
                speaker.role = speaker.role or antecedent.role
                quote["speaker"] = speaker.record()


def _as_clause(token: Token) -> bool:
    """"As The Daily Mail notes, …": a clause opened by "as" with a subject of its own (the
    parse may take its verb for a plural noun)."""
    return token.dep_ == "advcl" and token.head.i > token.i and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in token.children) and any(
        c.dep_ == "nsubj" for c in token.children)


def _circumstance(clause: Token) -> bool:
    """"announced his resignation …, as calls for it mount": a clause opened by a
    subordinator tells when or why the speaker spoke, not what was said."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("as", "while", "because", "after", "before", "when",
                                          "since", "although", "though")
        for c in clause.children)


def _count_words(span: Span, enough: int, spaces: bool = False) -> int:
    """The words of ``span`` that are not punctuation (nor spaces, unless ``spaces``),
    counted up to ``enough``: callers only ask whether there are that many."""
    count = 0
    for token in span:
        if not token.is_punct and (spaces or not token.is_space):
            count += 1
            if count >= enough:
                break
    return count


def _issuer(statement: Token) -> Token | None:
    """Who issued a statement, report or post: the agent of "by" in its phrase ("a report
    made public by X", "a tweet by X")."""
    for child in statement.subtree:
        if child.dep_ == "agent" or (child.lower_ == "by" and child.dep_ == "prep"):
            issuer = next((c for c in child.children if c.dep_ == "pobj"), None)
            if issuer is not None:
                return issuer
    if statement.dep_ == "dobj" and statement.head.lemma_.lower() in _ISSUING_VERBS:
        # "The ministry issued a statement saying …": who issued, released or posted it.
        verb = statement.head
        while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without prepositional phrases and clauses."""
    found = [head]
    for child in head.children:
        if child.dep_ in ("compound", "appos", "nmod", "amod", "npadvmod", "poss", "punct"):
            found.extend(_phrase_tokens(child))
    return found


def _introduces_someone(head: Token) -> bool:
    """"A senior Iraqi cleric", "the secretary general of Iraq's Nujaba": a description that
    introduces a person (named later), not one that points back to a person named before."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    qualified = any(c.dep_ in ("prep", "appos", "acl", "relcl") for c in head.children)
    return indefinite or qualified


def _context_words(mention: Span) -> list[str]:
    doc = mention.doc
    window = doc[max(0, mention.start - 6): min(len(doc), mention.end + 12)]
    words = [t.lemma_.lower() for t in window]
    return words + [_ROLE_ABBREVIATIONS[w.rstrip(".")] for w in words
                    if w.rstrip(".") in _ROLE_ABBREVIATIONS]


def _role_words(mention: Span) -> set[str]:
    """The words that give a person's role right at a mention: the title before the name
    ("Sen. Al Franken", "Health Minister X") or the apposition after it ("X, a senator")."""
    doc = mention.doc
    words = [t.lemma_.lower().rstrip(".") for t in doc[max(0, mention.start - 3): mention.end]]
    if mention.end < len(doc) and doc[mention.end].text == ",":
        for token in doc[mention.end + 1: mention.end + 6]:
            if token.is_punct:
                break  # the apposition ends at the next comma
            words.append(token.lemma_.lower().rstrip("."))
    return set(words) | {_ROLE_ABBREVIATIONS[w] for w in words if w in _ROLE_ABBREVIATIONS}


def _outside_quote(complement: Token, stretch: QuotedStretch) -> int:
    return sum(1 for t in complement.subtree
               if not t.is_punct and not (stretch.start <= t.idx < stretch.end))


def _trim_clause(head: Token, excluded: frozenset[int] = frozenset()
                 ) -> tuple[int | None, int]:
    tokens = sorted((t for t in head.subtree if t.i not in excluded), key=lambda t: t.i)
    # A colon before a quotation hands the words on to the quotation: the reported clause
    # ends there ("indicated X was disappointed: “While we …”").
    for position, token in enumerate(tokens[:-1]):
        if token.text == ":" and mark_width(doc_text(token.doc), tokens[position + 1].idx) and \
                position > 0:
            tokens = tokens[:position]
            break
    while tokens and (tokens[0].dep_ == "mark" and
                      tokens[0].lower_ in ("that", "whether", "if", "for")
                      or tokens[0].dep_ == "cc" and tokens[0].is_sent_start  # "But …, X said"
                      or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct and
                      tokens[-1].text not in CLOSING_MARKS + STRAIGHT_MARK):
        tokens.pop()
    doc = head.doc
    return _trim_tokens(doc[tokens[0].i: tokens[-1].i + 1]) if tokens else (None, 0)


def _trim_tokens(span: Span) -> tuple[int | None, int]:
    tokens = [t for t in span]
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and \
            tokens[0].text not in OPENING_MARKS + STRAIGHT_MARK:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and \
            tokens[-1].text not in CLOSING_MARKS + STRAIGHT_MARK:
        tokens.pop()
    if not tokens:
        return None, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# An attribution is a few words: looking further only finds other sentences' verbs, and
# costs time on texts with no sentence ends.
MAX_ATTRIBUTION_CHARS = 300


def _clause_end(text: str, start: int) -> int:
    """Where the attribution after a closing mark ends: the sentence's end or a new quote."""
    limit = min(len(text), start + MAX_ATTRIBUTION_CHARS)
    i = start
    while i < limit:
        ch = text[i]
        if ch == "\n" or ch in OPENING_MARKS or (mark_width(text, i) and is_opening(text, i)):
            return i
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n\"”") and \
                not _abbreviation_before(text, i):
            return i
        i += 1
    return limit


# Words whose abbreviation ends with a stop inside a sentence ("Mr. Obama said").
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col",
                  "sgt", "capt", "prof", "jr", "sr", "rev", "hon", "no", "vs"}


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the stop at ``stop`` ends an abbreviation or an initial ("Robert S. Mueller"),
    not a sentence."""
    if text[stop] != ".":
        return False
    word_start = stop
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:stop]
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _clause_start(text: str, end: int) -> int:
    """Where the attribution before an opening mark starts: the sentence's start."""
    limit = max(0, end - MAX_ATTRIBUTION_CHARS)
    i = end - 1
    while i > limit:
        ch = text[i]
        if ch == "\n" or ch in CLOSING_MARKS or (mark_width(text, i) and
                                                   is_closing(text, i)):
            return i + 1
        if ch in ".!?" and text[i + 1: i + 2] == " " and not _abbreviation_before(text, i):
            return i + 2
        i -= 1
    return limit


def _continues(text: str, previous_end: int, stretch: QuotedStretch) -> bool:
    """Whether a quoted stretch with no cue of its own carries on the previous quote: in the
    same paragraph after its attribution, or opening the next paragraph."""
    between = text[previous_end:stretch.start]
    paragraphs = between.count("\n\n")
    if paragraphs == 0:
        return len(between) < 200 and bool(_SENTENCE_END.search(between))
    return paragraphs <= 1 and stretch.paragraph_start


def _paragraphs_between(text: str, start: int, end: int) -> int:
    return text[start:end].count("\n\n")


class Stretches:
    """Disjoint character ranges with a logarithmic membership test: articles can hold
    hundreds of quotes, and every token and mention is checked against them."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


@Language.factory("presslens_quotes")
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name)
