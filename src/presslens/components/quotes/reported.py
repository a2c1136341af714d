"""Reported speech and its content span: the clause a reporting verb reports (its complement,
the sentence it closes, what follows its colon) and "according to X", trimmed of the saying's
own circumstances, of other acts and relative clauses that report speech of their own, and
kept inside the cue's paragraph.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from presslens.components.quotes.context import Context, Stretches, sentence_bounds
from presslens.components.quotes.grammar import (
    addressee_like,
    circumstance,
    complement_of,
    coordinated_sentence,
    coordinated_start,
    detached_predicate,
    issuer_of,
    programme_title,
    relaying_tag,
    reporting_verb,
    saying_circumstance,
)
from presslens.components.quotes.record import QuoteRecord, quote_record
from presslens.components.quotes.speakers import may_speak, speaker_from_phrase, speaker_of
from presslens.components.quotes.text import (
    MIN_INDIRECT_TOKENS,
    count_words,
    inside,
    trim_clause,
    trim_tokens,
)
from presslens.components.quotes.words import (
    CLAUSE_VERBS,
    DAY_WORDS,
    FINDING_NOUNS,
    NORM_NOUNS,
    OCCASION_NOUNS,
    SAYING_PREPOSITIONS,
    STATEMENT_NOUNS,
)
from presslens.components.speech_cues import (
    CLOSING_MARKS,
    OPENING_MARKS,
    STRAIGHT_MARK,
    mark_width,
    reporting_verbs,
)

_WORD_RE = re.compile(r"\w+")
# "The debate promised to be …", "threatens to become …": a thing that promises to be
# something says nothing.
_BEING_VERBS = frozenset({"be", "become", "prove", "remain"})
# Tags of a finite verb or its auxiliary: a clause with a subject of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# What carries a clause on after an interrupting "according to X," (a verb, its complement
# or adverb), not a new clause with a subject of its own or a conjunction.
_CLAUSE_GOES_ON = frozenset({"VERB", "AUX", "ADP", "ADV", "ADJ", "PART"})


def reported_speech(ctx: Context, direct_cues: set[int], covered: Stretches
                    ) -> list[QuoteRecord]:
    """The quotes of reported speech: each cue of the lexicon, or "according to", that no
    direct quote has taken, with the content it reports."""
    doc = ctx.doc
    quotes = []
    for token in _cue_candidates(doc):
        if token.i in direct_cues or token.idx in covered:
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and \
                doc[token.i + 1].lower_ == "to":
            quote = _according_to(ctx, token)
        elif reporting_verb(token) is not None:
            quote = reported_clause(ctx, token)
        elif token.lemma_.lower() in _CHARACTERIZING_VERBS:
            quote = characterization(ctx, token)
        else:
            quote = None
        if quote is not None:
            quotes.append(quote)
    return quotes


def _cue_candidates(doc: Doc) -> list[Token]:
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
              and strings[int(h)].lower() in reporting_verbs()]
    wanted += [int(strings[lemma]) for lemma in _CHARACTERIZING_VERBS
               if lemma in strings]
    mask = numpy.isin(table[:, 0], numpy.array(wanted, dtype=table.dtype))
    if "according" in strings:
        mask |= table[:, 1] == strings["according"]
    return [doc[int(i)] for i in numpy.flatnonzero(mask)]


# Verbs that characterize what they name by a second object ("called the crisis the worst
# in the world", "branded the strike an act of terrorism"); "describe" reports its object
# through the lexicon already.
_CHARACTERIZING_VERBS = frozenset({"call", "brand", "label", "term", "dub"})


def characterization(ctx: Context, cue: Token) -> QuoteRecord | None:
    """'The UN called the resulting crisis the worst in the world': a speaker's
    characterization of something, given in the writer's words, is reported speech whose
    content is the thing and what it was called. Words in quotation marks are the direct
    pass's ('called it an “illusion”'); a passive or a participle ("a group called X")
    names, it does not report."""
    if cue.pos_ != "VERB" or any(c.dep_ in ("neg", "auxpass", "nsubjpass")
                                 for c in cue.children) or \
            not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    thing = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if thing is None:
        return None
    called = next((c for c in cue.children if c.i > thing.i and (
        c.dep_ in ("oprd", "dobj") or c.dep_ == "prep" and c.lower_ == "as")), None)
    if called is None or (called.dep_ == "prep" and not any(
            g.dep_ == "pobj" for g in called.children)):
        return None
    last = called.right_edge
    for after in cue.rights:
        # "called the crisis the worst in the world": the parse hangs the rest of the
        # characterization on the verb; not the time or place of the saying.
        if after.i == last.i + 1 and after.dep_ == "prep" and \
                not saying_circumstance(after, place=True):
            last = after.right_edge
    start, end = thing.left_edge.idx, last.idx + len(last.text)
    if any(start <= s.end and s.start <= end for s in ctx.stretches):
        return None
    speaker = speaker_of(ctx, cue)
    if speaker.head is None or not may_speak(speaker):
        return None
    span_start, span_end = trim_tokens(ctx.doc[thing.left_edge.i: last.i + 1])
    if span_start is None:
        return None
    return quote_record(ctx, "indirect", span_start, span_end, cue, speaker)


def reported_clause(ctx: Context, cue: Token) -> QuoteRecord | None:
    """The quote of the clause a reporting verb reports, as the reported pass reads it;
    None when it reports none."""
    doc = ctx.doc
    if any(c.dep_ == "neg" for c in cue.children):
        return None  # "did not say he had ordered it": no speech is reported
    if _imperative(cue):
        return None  # "Mr. Trump, tell me what you are going to do": asked, not said
    complement = complement_of(ctx, cue)
    if complement is not None and _asks_anonymity(cue, complement):
        return None
    if complement is None and _closes_sentence(ctx, cue):
        return _sentence_before(ctx, cue)
    if complement is None and not (cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":"):
        return _interrupting_attribution(ctx, cue) or _misread_clause(ctx, cue)
    if complement is None or (cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":"):
        # "RT reports: …": the colon hands on the rest of the paragraph, whatever the
        # parse made of its first sentence.
        return _after_colon(ctx, cue) or (
            None if complement is None else _complement_clause(ctx, cue, complement))
    return _complement_clause(ctx, cue, complement)


def _imperative(cue: Token) -> bool:
    """"Tell me what you will do", "Mr. Trump, tell me …", '"Melania, tell your story"': a
    verb of saying in the imperative asks someone to speak; no one is reported speaking.
    The parse takes the name addressed for the subject; a subject set off by a comma before
    a bare verb is that name."""
    if cue.tag_ != "VB" or cue.dep_ not in ("ROOT", "conj") or any(
            c.dep_ in ("aux", "auxpass") for c in cue.children):
        return False
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    return all(s.pos_ in ("PROPN", "NOUN") and s.i < cue.i and cue.doc[cue.i - 1].text == ","
               for s in subjects)


# "who asked not to be named", "requested not to be identified": the terms a source gave,
# which the reporter tells, not something the source said.
_ANONYMITY_VERBS = frozenset({"name", "identify", "quote", "cite", "disclose", "reveal"})


def _report_joined_after(ctx: Context, cue: Token) -> Token | None:
    """The clause joined by ", and" to an attribution that follows the clause it reports,
    with a subject of its own and no saying of its own: the rest of the report."""
    doc = ctx.doc
    for clause in cue.rights:
        if clause.dep_ != "conj" or clause.pos_ not in ("VERB", "AUX") or \
                reporting_verb(clause) is not None or \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            continue
        first = clause.left_edge.i
        if first >= 2 and doc[first - 1].lower_ == "and" and doc[first - 2].text == "," and \
                clause.sent.start == cue.sent.start and \
                ctx.text.find("\n", cue.idx, clause.idx) < 0:
            return clause
    return None


def _asks_anonymity(cue: Token, complement: Token) -> bool:
    return cue.lemma_.lower() in ("ask", "request", "insist", "demand") and \
        complement.dep_ == "xcomp" and complement.lemma_.lower() in _ANONYMITY_VERBS and \
        any(c.dep_ == "neg" for c in complement.children)


def _complement_clause(ctx: Context, cue: Token, complement: Token) -> QuoteRecord | None:
    doc = ctx.doc
    relayed = _relayed_report(ctx, cue, complement)
    if relayed is not None:
        # "The Mail reports that health workers have recorded …, the WHO said": the WHO
        # said what the Mail reports, not that the Mail reports it.
        complement = relayed
    speaker = speaker_of(ctx, cue)
    if speaker.head is None or speaker.head.lemma_.lower() in FINDING_NOUNS:
        return None
    entry = reporting_verb(cue)
    if entry is not None and (entry.particle or complement.dep_ == "xcomp" and
                              complement.lemma_.lower() in _BEING_VERBS) and \
            not may_speak(speaker):
        # "the decision points to …", "the plan calls for …", "the debate promised to be a
        # crucial moment": no one speaks.
        return None
    if complement.i < cue.i and any(c.dep_ == "dobj" and not addressee_like(c)
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
            start, end = trim_tokens(doc[attribution[-1].i + 1: sentence.end])
        elif before and not after:
            start, end = trim_tokens(doc[sentence.start: attribution[0].i])  # "…, X said."
        else:
            start, end = trim_tokens(sentence)
        if start is None:
            return None
        kind = _kind(ctx, start, end, whole=True)
        return quote_record(ctx, kind, start, end, cue, speaker)
    excluded = _other_acts(complement, cue)
    if complement in cue.ancestors:  # the attribution is inside the clause it reports
        excluded |= {t.i for t in cue.subtree}
    elif complement.i > cue.i and complement.left_edge.i < cue.i:
        # "fires, which state media said were under control": the relative pronoun the
        # reported clause hangs on stands before the verb and is not what was said.
        excluded |= set(range(complement.left_edge.i, cue.i))
    excluded |= _reporting_relatives(ctx, complement, cue)
    for sibling in cue.rights:
        if sibling.dep_ == "ccomp" and sibling.i > complement.i and \
                (opening := coordinated_start(sibling)) is not None:
            # "… mishandled the investigation and Democrats accused …": the writer's next
            # sentence, its subject included, is not what was said.
            excluded |= set(range(opening.i, sibling.right_edge.i + 1))
    excluded |= _trailing_asides(complement, cue, ctx.quoted)
    occasion = _occasion_of_saying(complement)
    excluded |= occasion
    # The occasion told (on the noun or on the verb) shows a thing announced of two words is
    # a report: "denied the report at a news conference".
    told_occasion = bool(occasion) or complement.i > cue.i and any(
        occasion_phrase(c) for c in cue.rights if c.i > complement.i)
    if complement.left_edge.i <= speaker.head.i <= complement.right_edge.i < cue.i:
        # "…, the US embassy in Beijing said": a subject the parse hung inside the
        # reported clause is not part of it.
        excluded |= set(range(speaker.head.left_edge.i, speaker.head.right_edge.i + 1))
    start, end = trim_clause(complement, frozenset(excluded))
    joined = _report_joined_after(ctx, cue) if complement.i < cue.i else None
    if start is not None and joined is not None:
        # "Three fighters were killed, the ministry said on Sunday, and two more were
        # wounded": the attribution stands inside one report of two clauses.
        end = max(end, trim_clause(joined)[1])
    if start is not None and complement.i > cue.i:
        start = _after_saying_circumstances(ctx, complement, start)
        subject = _subject_read_as_object(cue, complement)
        if subject is not None:
            start = min(start, subject.left_edge.idx)
    if start is not None and complement.i > cue.i:
        # "urged the formation of an alliance to expel …", "told … that waterboarding is
        # 'peanuts,' compared to …": what follows the complement in the verb's clause
        # belongs to what was said.
        colon = next((t.i for t in cue.rights if t.i > complement.i and t.text == ":"),
                     len(doc))
        later = [t for c in cue.rights if complement.i < c.i < colon and not c.is_punct
                 and (c.dep_ not in ("cc", "conj", "npadvmod", "tmod")
                      or _quoted_conjunct(ctx, c))
                 and not (circumstance(c) and not _gives_reason(c))
                 and not occasion_phrase(c)  # "denied the report at a news conference"
                 # "…, identifying one of them as X", 'was "unfair," noting that …':
                 # another act of the speaker's.
                 and not (c.dep_ == "advcl" and c.tag_ == "VBG" and _after_comma(c))
                 # "…, INA quoted him as saying": who relays it, not what was said.
                 and not (c.dep_ == "ccomp" and relaying_tag(c))
                 and not (c.dep_ == "ccomp" and coordinated_sentence(c))
                 and not (c.dep_ == "ccomp" and detached_predicate(c))
                 and not _writers_comment(c)
                 for t in c.subtree]
        if later:
            last = max(later, key=lambda t: t.i)
            # "announced new curbs on imports at a briefing in Baghdad": the occasion
            # closing the words after the complement is where it was said.
            closing = next((t for t in later if t.right_edge.i == last.i
                            and occasion_phrase(t)), None)
            if closing is not None:
                told_occasion = True
                last = max((t for t in later if t.i < closing.i), key=lambda t: t.i,
                           default=None) or complement
            end = max(end, last.idx + len(last.text))
    if start is None or joined is None and inside(speaker.head.idx, [(start, end)]):
        return None
    if cue.dep_ == "ccomp" and _relayed_report(ctx, cue.head, cue) is not None:
        # … and what the Mail reports includes whom it has it from.
        first, stop = sentence_bounds(ctx, cue)
        last = max((t for t in doc[first:stop] if not t.is_punct and not t.is_space),
                   key=lambda t: t.i)
        end = max(end, last.idx + len(last.text))
    start = _after_programme_title(ctx, start, end)
    for stretch in ctx.stretches:
        if stretch.start == start:
            # '“I held and hugged” grieving families …, he said': a quotation that opens
            # the clause keeps its opening mark.
            start = _before_opening_mark(ctx.text, start)
    end = _with_closing_quotation(ctx, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    # "urged him to reconsider", "called for his dismissal", "announced the measure at the
    # briefing": a complement of two words is still what was urged or announced.
    needed = 2 if complement.dep_ == "xcomp" or told_occasion or (
        entry is not None and entry.particle and entry.verb_class == "directive") \
        else MIN_INDIRECT_TOKENS
    if span is None or count_words(span, needed, spaces=True) < needed:
        return None
    kind = _kind(ctx, start, end)
    record = quote_record(ctx, kind, start, end, cue, speaker)
    tag = next((c for c in cue.rights if c.dep_ == "ccomp" and c.i > complement.i
                and relaying_tag(c)), None)
    if tag is not None and record is not None:
        relay = speaker_of(ctx, tag)
        if relay.head is not None:
            record["_reported_by"] = relay
    return record


def _gives_reason(clause: Token) -> bool:
    """"said that claim smacked of hypocrisy, because Democrats have …": a reason after
    what was said is the speaker's argument for it."""
    return any(c.dep_ == "mark" and c.lower_ == "because" for c in clause.children)


def _with_closing_quotation(ctx: Context, start: int, end: int) -> int:
    """'the deal was "dead."': the quotation that closes the clause (and its closing mark)
    belongs to it even where the parse or the trimming left its stop or mark outside."""
    for stretch in ctx.stretches:
        if start <= stretch.start < end < stretch.end + 2:
            end = stretch.end + mark_width(ctx.text, stretch.end) \
                if stretch.end < len(ctx.text) else stretch.end
    return end


def _after_comma(token: Token) -> bool:
    """Whether the phrase of ``token`` follows a comma, or a closing mark right after one
    ('the deal was "unfair," noting …')."""
    first = token.left_edge
    if first.i == 0:
        return False
    before = first.nbor(-1)
    if before.is_quote and before.i > 0 and before.nbor(-1).text == ",":
        return True
    return before.text == ","


def _quoted_conjunct(ctx: Context, conjunct: Token) -> bool:
    """'said he had received offers, but “the offers were for uses I did not like”': a
    clause the parse joins to the verb of saying with "but" or "and", opening with a
    quotation and reporting nothing of its own, goes on with what was said."""
    if conjunct.dep_ != "conj" or reporting_verb(conjunct) is not None or \
            conjunct.pos_ not in ("VERB", "AUX"):
        return False
    words = [t for t in conjunct.subtree if t.dep_ != "cc" and not t.is_space]
    return bool(words) and words[0].is_quote and \
        words[0].idx + len(words[0].text) in ctx.quoted


def _subject_read_as_object(cue: Token, complement: Token) -> Token | None:
    """"Rappler reported three malls in Davao City were damaged": the parse made the
    reported clause's subject the verb's object, and left the clause without one. The
    object right before a finite clause with no subject is that clause's subject."""
    if cue.lemma_ == "tell" or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark")
                                   for c in complement.children):
        return None
    if not any(v.tag_ in _FINITE for v in (complement, *complement.children)
               if v is complement or v.dep_ in ("aux", "auxpass")):
        return None
    found = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < complement.i),
                 None)
    if found is None or addressee_like(found) or found.right_edge.i + 1 != \
            complement.left_edge.i:
        return None
    return found


def _after_programme_title(ctx: Context, start: int, end: int) -> int:
    """'said on NBC's “Meet the Press” that she would …', parsed with the title as the
    verb's clause: what was said starts after the title (and its "that")."""
    for stretch in ctx.stretches:
        if not stretch.start - 2 <= start <= stretch.start or stretch.end >= end:
            continue
        title = ctx.doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if title is None or not programme_title(title):
            continue
        rest = ctx.doc.char_span(stretch.end, end, alignment_mode="expand")
        words = [t for t in rest or () if not t.is_punct and not t.is_space]
        if words and words[0].lower_ == "that" and words[0].dep_ == "mark":
            words = words[1:]
        if len(words) >= MIN_INDIRECT_TOKENS:
            return _before_opening_mark(ctx.text, words[0].idx) \
                if mark_width(ctx.text, words[0].idx - 1) else words[0].idx
    return start


def _before_opening_mark(text: str, start: int) -> int:
    """The offset of the quotation mark (one or two characters: “, ", '') before ``start``."""
    position = start
    while position > max(0, start - 2) and text[position - 1] in OPENING_MARKS + STRAIGHT_MARK \
            + "'`":
        position -= 1
    return position


def _after_saying_circumstances(ctx: Context, complement: Token, start: int) -> int:
    """"Baghdad said on Monday it will …", "said in a statement late on Tuesday no force
    would …", "reported, citing a source, that …": words between the verb and the reported
    clause's subject that tell when, where, how or on whose word the saying happened are
    the saying's, not what was said."""
    doc = ctx.doc
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
        if token.dep_ == "prep" and token.lower_ in SAYING_PREPOSITIONS:
            circumstance.update(t.i for t in token.subtree)
        elif token.lower_ in ("citing", "quoting"):
            # "reported, citing an informed source, that …": whom the report rests on.
            circumstance.update(t.i for t in doc[token.i: token.right_edge.i + 1])
    if any(start <= s.start < subject.left_edge.idx for s in ctx.stretches):
        return start  # a quotation opens before the subject: all of it was said
    if all(t.i in circumstance or t.is_punct or t.is_space or t.ent_type_ in ("DATE", "TIME")
           or t.lower_ in DAY_WORDS or t.lower_ == "that"
           or t.dep_ in ("advmod", "npadvmod", "tmod") and t.pos_ in ("ADV", "NOUN", "PROPN")
           for t in tokens):
        return subject.left_edge.idx
    return start


def within_paragraph(ctx: Context, quote: QuoteRecord) -> bool:
    """Keep reported speech inside the paragraph of its cue (the parser knows no
    paragraphs, and a heading or a paragraph without a final stop runs into the next):
    the content is cut at the paragraph's edges unless a quotation crosses them. False
    when too little is left, or only a quotation the direct pass has."""
    text = ctx.text
    content = quote["content"]
    anchor = quote["cue"]["start"] if quote["cue"] else content["start"]
    first = text.rfind("\n", 0, anchor) + 1
    last = text.find("\n", anchor)
    last = len(text) if last < 0 else last
    for stretch in ctx.stretches:
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
            any(s.start - 1 <= start and end <= s.end + 1 for s in ctx.stretches):
        return False
    quote["content"] = {"start": start, "end": end, "text": text[start:end]}
    quote["kind"] = _kind(ctx, start, end)
    return True


def _relayed_report(ctx: Context, cue: Token, complement: Token) -> Token | None:
    """For "A reports that B, C said." (the verb closing the sentence, its complement a
    report that opens it): the clause B that C said, else None."""
    if complement.i > cue.i or complement.dep_ != "ccomp" or \
            reporting_verb(complement) is None or not _closes_sentence(ctx, cue):
        return None
    subject = next((c for c in complement.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i > sentence_bounds(ctx, cue)[0] + 1:
        return None
    inner = next((c for c in complement.children if c.dep_ == "ccomp" and c.i > complement.i
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
                 None)
    return inner


def _closes_sentence(ctx: Context, cue: Token) -> bool:
    """Whether the verb and its subject close their sentence after a comma ("But when
    they opened the doors they found five tanks, Ragan said."), whatever the parse made
    of the clause before."""
    entry = reporting_verb(cue)
    if entry is None or "ccomp" not in entry.content_roles:
        return False
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.right_edge.i != cue.i - 1 or subject.left_edge.i < 1:
        return False
    comma = cue.doc[subject.left_edge.i - 1]
    first = sentence_bounds(ctx, cue)[0]
    if comma.text != "," or comma.i - 3 < first:
        return False
    # What stands before is a clause of its own, not a participle ("Refusing to give up
    # power, Mugabe agreed to a deal …"), and nothing after the verb holds a clause.
    if not any(t.tag_ in _FINITE for t in cue.doc[first: comma.i]):
        return False
    return all((c.is_punct or c.is_space or c.dep_ in ("prep", "npadvmod", "advmod"))
               and not any(t.pos_ in ("VERB", "AUX") for t in c.subtree)
               for c in cue.rights)


def _sentence_before(ctx: Context, cue: Token) -> QuoteRecord | None:
    doc = ctx.doc
    subject = next(c for c in cue.children if c.dep_ == "nsubj")
    tokens = doc[sentence_bounds(ctx, cue)[0]: subject.left_edge.i - 1]
    # An opening mark stays: '“I held and hugged” grieving families …, he said'.
    first = next((t.i for t in tokens if t.dep_ != "cc" and not t.is_space and (
        not t.is_punct or t.text in OPENING_MARKS + STRAIGHT_MARK)), None)
    if first is None:
        return None
    start, end = trim_tokens(doc[first: subject.left_edge.i - 1])
    speaker = speaker_of(ctx, cue)
    if start is None or speaker.head is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len([t for t in span if not t.is_punct]) < MIN_INDIRECT_TOKENS:
        return None
    kind = _kind(ctx, start, end, whole=True)
    return quote_record(ctx, kind, start, end, cue, speaker)


def _interrupting_attribution(ctx: Context, cue: Token) -> QuoteRecord | None:
    """'These employees, Stumpf explained in the hearing, were “well-paid,” making …': an
    attribution set off by commas inside the sentence it reports, which the parse made the
    main clause; the whole sentence is what was said, as where the parse sees it."""
    doc = ctx.doc
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if cue.lemma_.lower() not in CLAUSE_VERBS or subject is None or subject.i > cue.i:
        return None
    first, stop = sentence_bounds(ctx, cue)
    opening = subject.left_edge.i - 1
    # The attribution's own words end at the first comma after the verb.
    closing = next((t.i for t in doc[cue.i + 1: stop] if t.text == ","), stop)
    if opening <= first or doc[opening].text != "," or closing >= stop - 2:
        return None
    before = [t for t in doc[first: opening] if not t.is_punct and not t.is_space]
    after = doc[closing + 1: stop]
    if not before or not any(t.pos_ in ("VERB", "AUX") and t.tag_ in _FINITE
                             for t in after):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.children):
        return None  # the verb has what it reports after all
    speaker = speaker_of(ctx, cue)
    start, end = trim_tokens(doc[first: stop])
    if speaker.head is None or start is None:
        return None
    kind = _kind(ctx, start, end, whole=True)
    return quote_record(ctx, kind, start, end, cue, speaker)


# Verbs of saying whose object is never the one spoken to: a noun the parse makes their
# object ("said many of the examples …") is the start of what was said.
_NO_ADDRESSEE = frozenset({"say", "add", "claim", "insist", "argue", "contend", "maintain",
                           "assert", "note", "stress", "acknowledge", "admit", "concede",
                           "allege", "state"})


# Words that open a clause of cause, time or condition: such a clause inside an object is
# no clause of what was said ("as" is left out: the parse also hangs the reported verb on it).
_ADJUNCT_MARKS = frozenset({"because", "since", "after", "before", "when", "while", "if",
                            "unless", "although", "though", "until", "once", "whereas"})


def _misread_clause(ctx: Context, cue: Token) -> QuoteRecord | None:
    """"Manny Gomez said seeing so many police officers at Pride was a welcome sight",
    "He said the worst of it is over": a verb of saying whose clause the parse made an
    object or a participle reports the words after it when they hold a verb with a subject
    of its own."""
    if cue.lemma_.lower() not in CLAUSE_VERBS:
        return None
    rights = [c for c in cue.rights if (c.dep_ in ("dobj", "xcomp", "attr", "oprd") or
                                        # "said after the convention he would not …"
                                        c.dep_ == "advcl" and not any(
                                            m.dep_ == "mark" for m in c.children))
              # "tell Halvering that …": the object of "tell" is the one told; "say" and
              # its kind take no one told ("said many of the examples … failed to …").
              and not (c.dep_ == "dobj" and (
                  c.pos_ == "PRON" or cue.lemma_ == "tell" or
                  cue.lemma_.lower() not in _NO_ADDRESSEE and addressee_like(c)))]
    if not rights:
        rights = _clause_on_circumstance(cue)
    if not rights:
        return None
    # Between the verb and the clause only the saying's own time, place or manner ("tweeted
    # in the early morning hours that …"); anything else is another construction.
    circumstances = {t.i for c in cue.children if c.dep_ in ("prep", "npadvmod", "advmod", "tmod")
                     and cue.i < c.i < rights[0].left_edge.i for t in c.subtree}
    if any(i not in circumstances for i in range(cue.i + 1, rights[0].left_edge.i)):
        return None
    first, last = rights[0].left_edge, rights[0].right_edge
    if first.lower_ == "that":
        if first.i >= last.i:
            return None  # "said that" and nothing after it
        first = cue.doc[first.i + 1]
    tokens = cue.doc[first.i: last.i + 1]
    # A clause of its own, not a relative clause that describes a thing said ("suggested
    # a scenario in which …"); the clause the parse hung on the saying's occasion ("said
    # in a statement that US forces struck …") is the one reported.
    # Nor a clause of cause or time inside the object ("added the additional week, known
    # as … because the days overlapped …").
    if not any(t.dep_ in ("nsubj", "nsubjpass") and t.tag_ not in ("WDT", "WP")
               and (t.head.dep_ not in ("relcl", "acl") or t.head == rights[0])
               and not (t.head.dep_ == "advcl" and t.head != rights[0]
                        and any(m.dep_ == "mark" and m.lower_ in _ADJUNCT_MARKS
                                for m in t.head.children))
               and any(v.tag_ in _FINITE for v in (t.head, *t.head.children))
               for t in tokens):
        return None
    speaker = speaker_of(ctx, cue)
    if speaker.head is None or first.i <= speaker.head.i <= last.i:
        return None
    start, end = trim_clause(rights[0], _other_acts(rights[0], cue))
    if start is None:
        return None
    if ctx.text.startswith("that ", start):
        start += len("that ")
    start = _after_saying_circumstances(ctx, rights[0], start)
    kind = _kind(ctx, start, end)
    return quote_record(ctx, kind, start, end, cue, speaker)


def _clause_on_circumstance(cue: Token) -> list[Token]:
    """'said in one of a series of Twitter messages that the truck was carrying arms',
    'predicted at the last debate that they will lose': the parse hangs the clause on the
    last noun of the saying's place or occasion, as a relative clause; its "that" is a
    conjunction (not the clause's subject or object), and it has a subject of its own."""
    for child in cue.rights:
        if child.dep_ != "prep":
            continue
        for token in child.subtree:
            first = token.left_edge
            if token.dep_ in ("relcl", "acl") and first.lower_ == "that" and \
                    first.dep_ == "mark" and first.head == token and any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP")
                        for c in token.children):
                return [token]
    return []


def _after_colon(ctx: Context, cue: Token) -> QuoteRecord | None:
    """"RT reports: Refugees in Europe are …": what follows the colon, to the end of
    the paragraph, is what was said."""
    doc = ctx.doc
    after = cue.i + 1
    if after >= len(doc) or doc[after].text != ":" or after + 1 >= len(doc):
        return None
    if mark_width(ctx.text, doc[after + 1].idx):
        return None  # a quotation: the direct pass has it
    speaker = speaker_of(ctx, cue)
    if speaker.head is None:
        return None
    line_start = doc[after + 1].idx
    end = ctx.text.find("\n", line_start)
    end = len(ctx.text) if end < 0 else end
    span = doc.char_span(line_start, end, alignment_mode="contract")
    if span is None or len(span) < MIN_INDIRECT_TOKENS:
        return None
    start, end = trim_tokens(span)
    if start is None:
        return None
    kind = _kind(ctx, start, end, whole=True)
    return quote_record(ctx, kind, start, end, cue, speaker)


def _name_set_beside(doc: Doc, source: Token) -> Token:
    """The person named between commas right after a description ("according to the El Paso
    mayor, Dee Margo, police …"), which the parser often leaves unattached: the speaker is
    that person, not the city named inside the description."""
    if source.pos_ != "NOUN" or source.i + 2 >= len(doc) or doc[source.i + 1].text != ",":
        return source
    name = next((e for e in doc.ents if e.start == source.i + 2 and e.label_ == "PERSON"), None)
    if name is None or name.end >= len(doc) or doc[name.end].text != ",":
        return source
    return name[-1]


def _according_to(ctx: Context, according: Token) -> QuoteRecord | None:
    doc = ctx.doc
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        # "according to show insiders", parsed with "show" as a verb: its object.
        verb = next((c for c in to.children if c.dep_ == "pcomp"), None)
        source = next((c for c in verb.children if c.dep_ == "dobj"), verb) \
            if verb is not None else None
    if source is None or source.lemma_.lower() in NORM_NOUNS:
        return None  # "according to the Vienna Convention": in keeping with it
    if source.lemma_.lower() in FINDING_NOUNS:
        # "according to a Reuters survey", "an analysis by Lily Batchelder": a finding
        # someone named made speaks for them; "according to camera footage" is evidence.
        issuer = issuer_of(source)
        if issuer is not None:
            source = issuer
        elif not any(t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") for t in source.subtree):
            return None
    # "according to a statement issued by the Office of ...": the issuer speaks.
    if source.lemma_.lower() in STATEMENT_NOUNS:
        source = issuer_of(source) or source
    source = _name_set_beside(doc, source)
    # "According to Kurdistan Region Prime Minister Masrour Barzani": the parse may end the
    # source at the place and hang the titled name on "according" apart.
    source = next((c for c in according.children if c.dep_ == "pobj"
                   and c.ent_type_ == "PERSON" and c.left_edge.i == source.right_edge.i + 1),
                  source)
    sentence = according.sent
    phrase_tokens = sorted(set(according.subtree) | set(to.subtree) | {according},
                           key=lambda t: t.i)
    first, last = phrase_tokens[0].i, phrase_tokens[-1].i
    if first <= sentence.start + 1 and last >= sentence.end - 2:
        # "According to host Rush Limbaugh, the move reeks of “fear”", parsed with what
        # was said hanging on the source: the phrase ends at the comma after the source.
        comma = next((t.i for t in doc[source.i + 1: sentence.end] if t.text == ","), None)
        if comma is not None:
            last = comma
    if first > sentence.start + 1 and doc[first - 1].text == ",":
        # "One child was, according to the fire service, among the dead": the parse may hang
        # the rest of the clause on "according"; the phrase ends at the comma after its
        # source.
        comma = next((t.i for t in doc[source.right_edge.i + 1: last + 1] if t.text == ","),
                     None)
        if comma is not None:
            last = comma - 1
    if doc[last].text == "," and last > first:
        last -= 1  # the source's apposition took the comma that closes the phrase
    resume = _after_appositive(doc, last + 1, sentence.end)
    # 'marked “confidential,” according to …': the comma may sit inside the closing mark.
    after_comma = doc[first - 1].text == "," or doc[first - 1].is_quote and \
        first > 1 and doc[first - 2].text == ","
    if first <= sentence.start + 1:
        body = doc[last + 1: sentence.end]
    elif after_comma and resume is not None and \
            _subordinate_before(doc, sentence.start, first - 1):
        # "While most were marked “confidential,” according to an official, two were
        # marked “secret”", "…, because, according to Trump, the media would …": what
        # stands before is a subordinate clause or a conjunction; the source's words are
        # the clause after it.
        body = doc[resume: sentence.end]
    elif doc[first - 1].text == "," and resume is not None and (
            doc[resume].pos_ in _CLAUSE_GOES_ON or not any(
                t.pos_ in ("VERB", "AUX") for t in doc[sentence.start: first])):
        # "Zimbabwe, according to CNN, was once called …", "One child was, according to
        # the fire service, among the dead", "At the heart of it, according to Ross, a
        # former envoy, was a decision …", "One Sunday in 2001, according to a book, she
        # called …": the phrase interrupts the clause it reports, which is the whole
        # sentence.
        body = doc[sentence.start: sentence.end]
    elif doc[first - 1].text == "," and resume is None and last + 1 < sentence.end and \
            doc[last + 1].tag_ in _FINITE and not any(
                t.tag_ in _FINITE for t in doc[sentence.start: first]):
        # "Rescuers, working …, according to the emergencies ministry recovered ten
        # survivors": the comma that should close the phrase is missing, and the clause's
        # verb comes right after the source; the phrase still interrupts the whole sentence.
        body = doc[sentence.start: sentence.end]
    else:
        body = doc[sentence.start: first]
    start, end = trim_tokens(body)
    if start is None:
        return None
    end = _with_closing_quotation(ctx, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len([t for t in span if not t.is_punct]) < MIN_INDIRECT_TOKENS:
        return None
    cue_span = doc[according.i: according.i + 2]
    speaker = speaker_from_phrase(ctx, source)
    kind = _kind(ctx, start, end, whole=True)
    return quote_record(ctx, kind, start, end, cue_span, speaker)


# Words that open a clause leaning on another ("While most were marked …, according to X,
# two were …") or join the next clause to the one before ("…, because, according to X, …").
_SUBORDINATORS = frozenset({"while", "although", "though", "whereas", "because", "since",
                            "if", "when", "as", "but", "and", "so"})


def _after_appositive(doc: Doc, comma: int, stop: int) -> int | None:
    """The first token after the comma that closes an "according to X" phrase, passing over
    an apposition set off by commas after the source ("according to Ross, a former envoy,
    was …"); None when the sentence does not go on after a comma."""
    if comma + 1 >= stop or doc[comma].text != ",":
        return None
    following = comma + 1
    if doc[following].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
        closing = next((t.i for t in doc[following: min(stop, following + 10)]
                        if t.text == ","), None)
        if closing is not None and closing + 1 < stop and not any(
                t.pos_ in ("VERB", "AUX") for t in doc[following: closing]):
            return closing + 1
    return following


def _subordinate_before(doc: Doc, start: int, comma: int) -> bool:
    words = [t for t in doc[start: comma] if not t.is_punct and not t.is_space]
    return bool(words) and (words[0].lower_ in _SUBORDINATORS and words[0].dep_ in (
        "mark", "advmod", "cc") or len(words) > 1 and words[-1].lower_ in _SUBORDINATORS
        and words[-1].pos_ in ("SCONJ", "CCONJ"))


def _reporting_relatives(ctx: Context, complement: Token, cue: Token) -> frozenset[int]:
    """A relative clause that closes the reported clause after a comma and reports speech
    of its own ("he may declare an emergency, which he said would allow him to act"): it
    is a quote of its own, not part of this one."""
    doc = cue.doc
    start = doc[max(cue.i, complement.left_edge.i)].idx
    if ctx.text.find(", wh", start, doc[complement.right_edge.i].idx) < 0:
        return frozenset()
    excluded: set[int] = set()
    for token in complement.subtree:
        if token.dep_ != "relcl" or token.i <= cue.i or \
                reporting_verb(token) is None:
            continue
        first = token.left_edge
        if first.i > 0 and first.nbor(-1).text == "," and first.tag_ in ("WDT", "WP"):
            excluded.update(range(first.i - 1, token.right_edge.i + 1))
    return frozenset(excluded)


# Subordinators of a clause that tells what went on while something was said ("pledged to
# fight on -- even as Clinton closed in on the nomination").
_WHILE_MARKS = frozenset({"as", "while", "whereas"})
_ASIDE_BREAKS = frozenset({",", "—", "–", "--", "-"})
_DASHES = frozenset({"—", "–", "--"})
# Nouns by which a writer comments on what was said, after a dash ("— a claim that …").
_COMMENT_NOUNS = frozenset({"remark", "claim", "comment", "assertion", "allegation",
                            "accusation", "charge", "statement", "move", "step", "stance"})
# Participles of acts that go with a saying without being what was said ("…, citing a
# precedent", "…, referring to the debate"), besides the reporting verbs ("…, adding that").
_CITING_VERBS = frozenset({"cite", "refer", "quote"})


def _trailing_asides(complement: Token, cue: Token, quoted: Stretches) -> frozenset[int]:
    """Words that close the reported clause after a comma or a dash and tell the writer's
    background rather than what was said: a relative clause on its last noun ("since
    January, when the group launched …", "Trump, who leads in delegates"), a clause of
    what went on meanwhile ("— even as Clinton closed in …"), a participle of another act
    ("…, noting that …", "…, citing a precedent") or the writer's word on the saying after a
    dash ("— a claim that …"). An aside holding quoted words stays: they are the
    speaker's."""
    doc = cue.doc
    words = [t for t in complement.subtree if not t.is_punct and not t.is_space]
    if not words or complement.i < cue.i:
        return frozenset()
    last = max(t.i for t in words)
    excluded: set[int] = set()
    for token in complement.subtree:
        first = token.left_edge
        if token.i <= cue.i or first.i <= complement.left_edge.i or \
                token.right_edge.i < last or not (doc[first.i - 1].text in _ASIDE_BREAKS
                                                  or _after_comma(token)):
            continue
        marks = [c for c in token.children if c.dep_ == "mark"]
        meanwhile = any(m.lower_ in ("while", "whereas") or m.lower_ == "as" and m.i > 0
                        and m.nbor(-1).lower_ == "even" for m in marks)
        another_act = token.tag_ == "VBG" and not marks and (
            reporting_verb(token) is not None or token.lemma_.lower() in _CITING_VERBS)
        # "… “not for the calendar” — a remark that, if accurate, suggests …": the writer's
        # word on the saying.
        comment = _writers_comment(token)
        if not (token.dep_ == "relcl" and first.tag_ in ("WDT", "WP", "WP$", "WRB")
                or token.dep_ == "advcl" and (meanwhile or another_act) or comment):
            continue
        aside = range(first.i - 1, token.right_edge.i + 1)
        if any(doc[i].idx in quoted for i in aside) and not (
                another_act and reporting_verb(token) is not None):
            # Quoted words in it are the speaker's: the aside was said too, unless it
            # reports them itself ('…, stating that they are “socially liberal”').
            break
        excluded.update(aside)
        break  # the outermost aside: what follows it is part of it
    return frozenset(excluded)


def _occasion_of_saying(complement: Token) -> frozenset[int]:
    """The closing "at the daily briefing" of a thing announced: the parse hangs it on the
    noun (or a noun inside it), but it is where the saying took place."""
    if complement.pos_ not in ("NOUN", "PROPN"):
        return frozenset()
    last = complement.right_edge.i
    for phrase in complement.subtree:
        if phrase.i > complement.i and phrase.right_edge.i == last and occasion_phrase(phrase):
            return frozenset(range(phrase.i, last + 1))
    return frozenset()


def occasion_phrase(phrase: Token) -> bool:
    """"at a news conference", "during the daily briefing": where a saying took place."""
    return phrase.dep_ == "prep" and phrase.lower_ in ("at", "during", "in") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in OCCASION_NOUNS for o in phrase.children)


def _writers_comment(phrase: Token) -> bool:
    """"… “not for the calendar” — a remark that, if accurate, suggests …": a noun of
    comment on the saying after a dash is the writer's word on it."""
    first = phrase.left_edge
    return phrase.pos_ == "NOUN" and phrase.lemma_.lower() in _COMMENT_NOUNS and \
        first.i > 0 and phrase.doc[first.i - 1].text in _DASHES


# Conjunctions that set another source's words against the first's ("…, while X noted …").
_CONTRASTING = frozenset({"while", "whereas", "whilst"})


def _other_acts(complement: Token, cue: Token) -> frozenset[int]:
    """Words of the complement's subtree that tell another act of the speaker, joined by
    "and" in the cue's own verb form rather than its head's: "said that 13 countries
    were boosting measures and said …", "urged the embassy to reconsider and spoke with
    …"."""
    excluded: set[int] = set()
    for token in complement.subtree:
        # Only after the cue: in "A launched … and struck …, the Pentagon said" both
        # verbs are what was said.
        if token.dep_ == "conj" and token.pos_ == "VERB" and token.i not in excluded and \
                token.i > cue.i and token.tag_ != token.head.tag_ and token.tag_ == cue.tag_ \
                and not any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
            # ("stressed that she signed nothing and that no payment was marked …": a
            # clause with its own "that" is a second thing said, whatever its verb form.)
            excluded.update(t.i for t in token.subtree)
        elif token.dep_ == "conj" and token.i > cue.i and token.i not in excluded and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")
                for c in token.children):
            # "hackers who officials say are tied to Moscow and who claimed the attack":
            # a second relative clause on the noun is the writer's, not what was said.
            first = token.left_edge
            if first.i > 0 and first.nbor(-1).dep_ == "cc":
                first = first.nbor(-1)  # and the "and" that joins it
            excluded.update(range(first.i, token.right_edge.i + 1))
        elif (token.dep_ == "conj" or token.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _CONTRASTING for c in token.children)) and \
                token.i > cue.i and token.i not in excluded and \
                reporting_verb(token) is not None and \
                any(c.dep_ == "nsubj" and (c.ent_type_ or c.pos_ == "PROPN")
                    for c in token.children) and \
                any(c.dep_ in ("ccomp", "dobj", "dative") for c in token.children):
            # "said the strikes were a violation, and the MP Ali Rezaei told state TV that
            # …", "told MSNBC he "was a great man," while President Trump noted his …":
            # another attribution, with its own named source, joined to what was said.
            first = token.left_edge
            if first.i > 0 and first.nbor(-1).dep_ == "cc":
                first = first.nbor(-1)
            excluded.update(range(first.i, token.right_edge.i + 1))
    return frozenset(excluded)


def _kind(ctx: Context, start: int, end: int, *, whole: bool = False) -> str:
    """"mixed" when reported speech from ``start`` to ``end`` holds a quotation (one that
    opens in it, or with ``whole`` one that lies in it entirely), else "indirect"."""
    if whole:
        return "mixed" if any(start <= s.start and s.end <= end for s in ctx.stretches) \
            else "indirect"
    return "mixed" if any(start <= s.start < end for s in ctx.stretches) else "indirect"
