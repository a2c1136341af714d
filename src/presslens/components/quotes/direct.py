"""Direct quotes: each quoted stretch with its cue, found before or after it in the same
sentence, in the sentence before, or as a naming verb's object; a label and a colon
("NAME:") with no verb; the continuation of a quote and a quotation that goes on with a
report of speech. Partial quotations inside reported speech are left to the reported pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Span, Token

from presslens.components.quotes.context import Context, Stretches, mention_at
from presslens.components.quotes.grammar import (
    addressee_like,
    complement_of,
    programme_title,
    reporting_verb,
)
from presslens.components.quotes.record import QuoteRecord, quote_record
from presslens.components.quotes.reported import reported_clause
from presslens.components.quotes.speaker import Speaker
from presslens.components.quotes.speakers import speaker_from_phrase, speaker_of
from presslens.components.quotes.subjects import subject_of
from presslens.components.quotes.text import (
    MIN_DIRECT_TOKENS,
    attribution_sentence,
    clause_end,
    clause_start,
    continues,
    count_words,
    outside_quote,
    trim_clause,
)
from presslens.components.quotes.words import NAMING_VERBS
from presslens.components.speech_cues import (
    ANY_MARK,
    CLOSING_MARKS,
    OPENING_MARKS,
    STRAIGHT_MARK,
    QuotedStretch,
    mark_width,
)

_WORD = re.compile(r"\w+")
# The fewest words a paragraph set off as a block quotation holds: a shorter one is a
# heading or a list's label.
MIN_BLOCK_WORDS = 6


def direct_quotes(ctx: Context, direct_cues: set[int]) -> list[QuoteRecord]:
    """The direct quotes of the quoted stretches, each with its cue and speaker; their cues
    are added to ``direct_cues`` so that the reported pass does not take them again."""
    doc = ctx.doc
    quotes: list[QuoteRecord] = []
    titles: list[QuotedStretch] = []
    for stretch in ctx.stretches:
        content = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            continue
        words = count_words(content, MIN_DIRECT_TOKENS)
        if _inside_reported_speech(ctx, content, stretch):
            continue  # a partial quote inside reported speech: the mixed pass has it
        if programme_title(content):
            titles.append(stretch)
            continue  # 'said on ABC's “This Week”', 'told “Fox and Friends”': a title
        naming_cue = _naming_cue(ctx, content, stretch)
        cue = naming_cue or _cue_around(ctx, stretch)
        if cue is not None and _inside_speaker(ctx, cue, stretch):
            # 'A woman described as a "former elected official" told …': quoted words in
            # the speaker's own phrase are a description, not what was said.
            continue
        if cue is not None and naming_cue is None and words >= 2 and \
                (held := _object_holding(ctx, cue, stretch)) is not None:
            if not quotes or held[0] >= quotes[-1]["content"]["end"]:
                # Later quotations of the same object are in it already.
                direct_cues.add(cue.i)
                quotes.append(quote_record(ctx, "mixed", *held, cue, speaker_of(ctx, cue)))
            continue
        if cue is not None and naming_cue is None and (
                words >= 2 or stretch.paragraph_start) and \
                (_partial_quotation(ctx, cue, content) or
                 _quotation_in_clause(ctx, cue, stretch)):
            # The reported-speech pass gives the whole clause, as mixed; the quotation
            # alone stands only if it does not.
            ctx.deferred.append(quote_record(ctx, "direct", stretch.start, stretch.end,
                                             cue, speaker_of(ctx, cue)))
            continue
        if cue is not None:
            if words < 2 and not stretch.paragraph_start and naming_cue is None:
                continue
            direct_cues.add(cue.i)
            record = quote_record(ctx, "direct", stretch.start, stretch.end, cue,
                                  speaker_of(ctx, cue))
            if quotes and quotes[-1]["cue"] is not None and \
                    quotes[-1]["cue"]["start"] == cue.idx:
                # '“A,” he said, “B.”': the quotation after the attribution carries on the
                # one before it, in one saying.
                record["_continues"] = quotes[-1]
            quotes.append(record)
        elif words >= 2 and (labelled := _colon_speaker(ctx, stretch)) is not None:
            # 'Foreign Minister Fuad Hussein: "No more foreign bases."': a name and a
            # colon give the quotation to the one named, with no verb.
            quotes.append(quote_record(ctx, "direct", stretch.start, stretch.end, None,
                                       labelled))
        elif words >= MIN_DIRECT_TOKENS and quotes and continues(
                _without_titles(ctx.text, titles, quotes[-1]["content"]["end"]),
                quotes[-1]["content"]["end"], stretch):
            # “A,” he said. “B.” — or a paragraph that only carries on the quote: the
            # previous speaker goes on talking.
            speaker = quotes[-1]["_speaker"].copy("continuation")
            record = quote_record(ctx, "direct", stretch.start, stretch.end, None, speaker)
            record["_continues"] = quotes[-1]
            quotes.append(record)
    return quotes


def _without_titles(text: str, titles: list[QuotedStretch], since: int) -> str:
    """The text with the programme titles after ``since`` blanked out, marks and all: '“A,”
    he said on “Meet the Press.” “B.”' — B continues A, the title is no quotation between
    them."""
    for title in titles:
        if title.start > since:
            start = title.start - (2 if text[title.start - 2: title.start] in ("''", "``")
                                   else 1)
            end = title.end + max(1, mark_width(text, title.end))
            # A stop inside the title ends the attribution's sentence: it stays.
            stop = "." if text[title.start: title.end].rstrip()[-1:] == "." else " "
            text = text[:start] + " " * (end - start - 1) + stop + text[end:]
    return text


def _partial_quotation(ctx: Context, cue: Token, content: Span) -> bool:
    """'described the sanctions as an attempt to “buy time” for …': quoted words inside
    the verb's own clause, after unquoted words of what was said, are part of a mixed
    quote, not a quote of their own."""
    first = content[0]
    if cue.i >= first.i or cue not in first.ancestors:
        return False
    opening = ctx.text[:first.idx].rstrip(" " + OPENING_MARKS + STRAIGHT_MARK + "'`")
    if not opening[-1:].isalnum():
        return False  # 'said, "…"' or 'said: "…"': the quotation opens its clause
    between = cue.doc[cue.i + 1: first.i]
    if any(t.text == ":" for t in between):
        return False
    said = [t for t in between if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
            and t.dep_ not in ("poss", "dative")]
    return len(said) >= 2


def _quotation_in_clause(ctx: Context, cue: Token, stretch: QuotedStretch) -> bool:
    """'“I held and hugged” grieving families before laying flowers, he said', 'Biden,
    Rubio said, had been in the Senate for “a thousand years”', 'But, Carson added, he did
    not support quarantines “willy-nilly.”': quoted words that are only part of the clause
    the verb reports, with unquoted words of it around them, belong to a mixed quote of
    that clause."""
    text = ctx.text
    before = text[:stretch.start].rstrip(" " + OPENING_MARKS + STRAIGHT_MARK + "'`")
    after = text[stretch.end:].lstrip(" " + CLOSING_MARKS + STRAIGHT_MARK + "'")
    # '“…,” the minister said': a quotation closed by its own stop or comma hands over to
    # its attribution, not to more words of a clause.
    closed = text[stretch.start:stretch.end].rstrip()[-1:] in (".", "!", "?", ",")
    if not before[-1:].isalnum() and (closed or not after[:1].isalnum()):
        return False  # 'said: “…”', '“…,” he said': the quotation is a clause of its own
    between = text[stretch.end: cue.idx] if cue.idx > stretch.end else \
        text[cue.idx: stretch.start]
    if ";" in between:
        return False  # 'Smith called it an “odd” case; Miller said …': another clause's verb
    report = reported_clause(ctx, cue)
    if report is None:
        return False
    start, end = report["content"]["start"], report["content"]["end"]
    if not (start <= stretch.start and stretch.end <= end + 1):
        return False
    if start > stretch.start - 2 and end < stretch.end + 2:
        return False  # the clause is the quotation itself
    outside = ctx.text[start: max(start, stretch.start - 1)] + " " + \
        ctx.text[min(end, stretch.end + 1): end]
    return len(_WORD.findall(outside)) >= 2


def _object_holding(ctx: Context, cue: Token, stretch: QuotedStretch
                    ) -> tuple[int, int] | None:
    """'stressing the need to bolster cybersecurity under “constant attack” from foreign
    powers', 'blamed police shootings on “implicit bias” against minorities': quoted words
    inside the noun object of a verb that reports no clause, with unquoted words of it
    around them, make the object and what goes with it one mixed quote, the speaker's
    words paraphrased with a few quoted. The start and end offsets, or None."""
    entry = reporting_verb(cue)
    if entry is None or "dobj" in entry.content_roles or cue.i > 0 and \
            cue.doc[cue.i - 1].lower_ == "what":
        return None  # verbs whose object is what was said have the reported pass
    obj = next((c for c in cue.rights if c.dep_ == "dobj" and not addressee_like(c)), None)
    if obj is None or obj.left_edge.idx > stretch.end or complement_of(ctx, cue) is not None:
        return None
    holder = next((c for c in cue.rights if c.left_edge.idx <= stretch.start - 1
                   and stretch.end <= c.right_edge.idx + len(c.right_edge)
                   and c.dep_ in ("dobj", "prep", "dative", "xcomp")), None)
    if holder is None:
        return None
    opening = stretch.start
    while opening > stretch.start - 2 and ctx.text[opening - 1] in OPENING_MARKS + \
            STRAIGHT_MARK + "'`":
        opening -= 1
    start = min(obj.left_edge.idx, opening)  # '“2,521 shooting incidents” in the city'
    last = holder.right_edge
    for child in cue.rights:
        # '… on “chronic understaffing” in the customs office': a phrase that runs on
        # from it, unless it tells when.
        if child.i > last.i and child.left_edge.i == last.i + 1 and child.dep_ == "prep" \
                and not any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            last = child.right_edge
    end = max(last.idx + len(last), stretch.end)
    while end > start and ctx.text[end - 1] in ".,;:":
        end -= 1
    if end < stretch.end + 2 and stretch.end < len(ctx.text):
        end = max(end, stretch.end + mark_width(ctx.text, stretch.end))
    outside = ctx.text[start: max(start, stretch.start - 1)] + " " + \
        ctx.text[min(end, stretch.end + 1): end]
    return (start, end) if len(_WORD.findall(outside)) >= 2 else None


def _colon_speaker(ctx: Context, stretch: QuotedStretch) -> Speaker | None:
    """The speaker of a quotation after "NAME:" or "NAME on TOPIC:" that opens its
    paragraph (a short label, no verb): the first person named there, else the first
    body."""
    doc = ctx.doc
    text = ctx.text
    opening = stretch.start - 1
    before = text[:opening].rstrip()
    if not before.endswith(":"):
        return None
    paragraph = before.rfind("\n") + 1
    # 'The vote is due. Said Ellis: “…”': a label that opens its paragraph, or an inverted
    # attribution that opens the last sentence before the colon.
    sentence_start = max(paragraph, clause_start(text, len(before) - 1))
    label = doc.char_span(sentence_start, len(before) - 1, alignment_mode="contract")
    if label is None or not 1 <= len(label) <= 12:
        return None
    inverted = _inverted_attribution(ctx, label)
    if inverted is not None:
        return inverted
    if sentence_start > paragraph or \
            any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in label):
        return None
    named = [t for t in label if t.i in ctx.cluster_of]
    person = next((t for t in named
                   if ctx.clusters[ctx.cluster_of[t.i]].type == "PERSON"), None)
    token = person or next((t for t in named if ctx.clusters[ctx.cluster_of[t.i]].type
                            in ("ORG", "GPE", "NORP")), None)
    if token is None:
        return None
    speaker = speaker_from_phrase(ctx, mention_at(ctx, token).root)
    speaker.found_by = "label"
    return speaker


# Verbs of saying that open an inverted attribution before a colon ("Added Hamoudi: …").
_INVERTING_VERBS = frozenset({"said", "says", "added", "adds", "continued", "explained",
                              "wrote", "writes", "noted", "warned", "replied", "answered",
                              "concluded", "insisted"})


def _inverted_attribution(ctx: Context, label: Span) -> Speaker | None:
    """'Added Hamoudi: “…”', 'Said Ellis: “…”': a verb of saying, then who said it, before
    the colon. "Said" is also a given name ("Said Jalili: …"): it is the verb only when the
    article names the one after it elsewhere without it."""
    first = label[0]
    rest = label[1:]
    if first.lower_ not in _INVERTING_VERBS or not 1 <= len(rest) <= 8:
        return None
    # The person the article names elsewhere by the name after the verb (the tagger may
    # take the verb for a first name: "Added Hamoudi", "Said Ellis").
    surname = rest[-1].lower_
    cluster = next((index for index, found in enumerate(ctx.clusters)
                    if found.type in ("PERSON", "ORG") and any(
                        m[-1].lower_ == surname and
                        (m.end <= label.start or m.start >= label.end) and
                        (m.start == 0 or m.doc[m.start - 1].text != first.text)
                        for m in found.mentions)), None) if len(rest) <= 3 else None
    if cluster is not None:
        return Speaker(text=rest.text, start=rest.start_char, end=rest.end_char,
                       clusters=[cluster], head=rest.root, found_by="label")
    if first.lower_ == "said":
        return None
    named = [t for t in rest if t.i in ctx.cluster_of]
    if named:
        speaker = speaker_from_phrase(ctx, mention_at(ctx, named[0]).root)
    elif rest.root.pos_ in ("NOUN", "PROPN"):
        speaker = speaker_from_phrase(ctx, rest.root)
    else:
        return None
    if speaker.start is not None and speaker.start < rest.start_char:
        # The tagger may take the verb for a first name ("Added Hamoudi").
        speaker.text, speaker.start, speaker.end = rest.text, rest.start_char, rest.end_char
    if speaker.role is not None and speaker.role.lower() == first.lower_:
        speaker.role = None
    speaker.found_by = "label"
    return speaker


def quotations_after_reports(ctx: Context, direct: list[QuoteRecord],
                             indirect: list[QuoteRecord]) -> list[QuoteRecord]:
    """'Suzanne Fortier said the University wants to ensure a safe space.¶¶“I would like
    to …”': a quotation with no cue of its own that opens the sentence right after a
    report of speech goes on with the reporter's words (cue ``null``)."""
    doc = ctx.doc
    taken = Stretches([(q["content"]["start"], q["content"]["end"])
                       for q in direct + indirect])
    reports = sorted((q["content"]["end"], q["content"]["start"], i)
                     for i, q in enumerate(indirect))
    ends = [r[0] for r in reports]
    found = []
    for stretch in ctx.stretches:
        if stretch.start in taken or stretch.start - 1 in taken:
            continue
        position = bisect_right(ends, stretch.start) - 1
        if position < 0:
            continue
        report = indirect[reports[position][2]]
        between = ctx.text[report["content"]["end"]: stretch.start]
        cue = report["cue"]
        # Only the end of the report's sentence and the opening mark between them, or its
        # attribution after a quotation of the report's ('The summit achieved “too
        # little,” he added on Twitter. “With this …”').
        attributed = cue is not None and report["content"]["end"] <= cue["start"] and \
            cue["end"] < stretch.start and report["kind"] == "mixed" and \
            attribution_sentence(ctx.text, report["content"]["end"], stretch.start)
        if not attributed and (stretch.start - report["content"]["end"] > 8 or not re.fullmatch(
                r"\s*[”\"’']?\s*[.!?]\s*[“\"‘']{0,2}", between)) or \
                between.count("\n\n") > 1:
            continue
        content = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if content is None or count_words(content, MIN_DIRECT_TOKENS, spaces=True) < \
                MIN_DIRECT_TOKENS or _cue_around(ctx, stretch) is not None:
            continue
        previous: Speaker = report["_speaker"]
        if previous.head is None or not (previous.clusters or previous.head.pos_ == "PRON"):
            continue
        speaker = previous.copy("continuation")
        record = quote_record(ctx, "direct", stretch.start, stretch.end, None, speaker)
        if attributed:
            # 'Farms are “barely breaking even,” Mr. Dube said. “Farming is …”': one saying
            # interrupted by its attribution, as '“A,” he said. “B.”' is.
            record["_continues"] = report
        found.append(record)
    return found


def _inside_speaker(ctx: Context, cue: Token, stretch: QuotedStretch) -> bool:
    subject = subject_of(ctx, cue)
    if subject is None or subject.i > cue.i:
        return False
    # A name the parse made the sentence's root holds everything: its mention is the phrase.
    tokens = list(mention_at(ctx, subject) if subject.dep_ == "ROOT" else subject.subtree)
    return tokens[0].idx < stretch.start and stretch.end <= tokens[-1].idx + len(
        tokens[-1].text) + 1


def _inside_reported_speech(ctx: Context, content: Span, stretch: QuotedStretch) -> bool:
    """Whether quoted words sit inside the complement of a reporting verb that also holds
    unquoted words (said that American presence served to "watch Iran")."""
    opening = stretch.start - 1
    while opening > 0 and ctx.text[opening] not in OPENING_MARKS + STRAIGHT_MARK + "`'":
        opening -= 1
    lead = ctx.text[clause_start(ctx.text, opening): opening].strip()
    if not lead:
        return False  # a quotation that opens its sentence is no partial quote
    for token in content:
        for ancestor in token.ancestors:
            if reporting_verb(ancestor) is None:
                continue
            if lead.endswith(":") and ancestor.idx >= stretch.end:
                # 'For example: “…,” he told CNN': the words before the colon lead in to
                # a quotation attributed after it; they are not part of what was said.
                continue
            complement = complement_of(ctx, ancestor)
            if complement is not None and (complement == token or
                                           complement in token.ancestors) and \
                    outside_quote(complement, stretch) >= 2:
                return True
        break  # the first word's ancestors decide: the others share them
    return False


def _cue_around(ctx: Context, stretch: QuotedStretch) -> Token | None:
    """The reporting verb of a quotation: after it in the same sentence, or before it."""
    doc = ctx.doc
    text = ctx.text
    before_start = clause_start(text, stretch.start - 1)
    before = doc.char_span(before_start, max(before_start, stretch.start - 1),
                           alignment_mode="contract")
    before_cue = _first_cue(ctx, before, require_subject=True, last=True) \
        if before is not None else None
    if before_cue is not None and _reports_before(ctx, before_cue, stretch):
        # "indicated the United States was disappointed: “…,” she said": the verb
        # before reports a clause of its own; the quotation's cue is after it.
        before_cue = None
    after_end = clause_end(text, stretch.end + 1)
    after = doc.char_span(stretch.end + 1, after_end, alignment_mode="contract")
    if before_cue is not None and text[:stretch.start - 1].rstrip().endswith(":"):
        # "X said: “…”" — the colon hands the quote to X, unless the quotation closes on a
        # comma and names its own speaker ('the WHO noted the need to act: “…,” said
        # Tedros'): then the colon only introduces it.
        closing = _first_cue(ctx, after, require_subject=True) \
            if after is not None and text[stretch.start:stretch.end].rstrip().endswith(",") \
            else None
        if closing is not None and (complement := complement_of(ctx, closing)) is not None \
                and complement.i > closing.i:
            # 'Peabody said: “…,” adding that its value quadrupled': a verb after the
            # quotation that reports a clause of its own goes on with a saying of its own.
            closing = None
        return closing or before_cue
    if after is not None:
        cue = _first_cue(ctx, after, require_subject=False)
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
            complement = complement_of(ctx, cue)
            if complement is not None and complement.dep_ == "ccomp" and \
                    complement.idx > cue.idx:
                cue = None
        # '… said on Friday "I can do it." Trump also said that he would …': a verb of
        # the next sentence that reports a clause of its own is not this quotation's cue.
        if cue is not None and _reports_own_clause(cue, ends_sentence):
            cue = None
        if cue is not None and ends_sentence and \
                text[stretch.end + 1: cue.idx].strip(" \"”’'")[:1].isupper():
            complement = complement_of(ctx, cue)
            if complement is not None and complement.i > cue.i and \
                    complement.dep_ in ("ccomp", "xcomp"):
                cue = None
        if cue is not None:
            return cue
    return before_cue or _cue_of_previous_sentence(ctx, stretch)


def _reports_own_clause(cue: Token, ends_sentence: bool) -> bool:
    """'“Motive a mystery,” by P. Willon: Federal investigators said that the person
    …', '“… is now there.” Mr Salama said Mbandaka's location raised …': a verb after
    a quotation that reports a clause of its own, opened by "that" or, after a
    quotation that ends its sentence, with a subject of its own, is not the quotation's
    cue."""
    if ends_sentence and cue.dep_ == "parataxis" and cue.head.i > cue.i:
        return True  # the parse hangs the verb on the clause after it that it reports
    if cue.dep_ == "relcl" and any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return True  # 'cited “Obama-Clinton” policies, which he said had harmed …'
    return any(c.dep_ == "ccomp" and c.i > cue.i and any(
        d.i > cue.i and (d.dep_ == "mark" and d.lower_ == "that"
                         or ends_sentence and d.dep_ in ("nsubj", "nsubjpass"))
        for d in c.children) for c in cue.children)


def _reports_before(ctx: Context, cue: Token, stretch: QuotedStretch) -> bool:
    """Whether the verb reports a clause of its own before the quotation ("indicated the
    government was disappointed: “…,” she said"): the quotation has its own cue."""
    complement = complement_of(ctx, cue)
    if complement is None or complement.i < cue.i or complement.dep_ != "ccomp":
        return False
    start, end = trim_clause(complement)
    return start is not None and end < stretch.start - 1


def _cue_of_previous_sentence(ctx: Context, stretch: QuotedStretch) -> Token | None:
    """"McGurk also criticized the decision via Twitter. “The statement …”": a sentence
    that only tells of a speech act (its object, if any, a target rather than what was
    said) hands the quotation that follows it to its speaker."""
    doc = ctx.doc
    text = ctx.text
    before = text[:stretch.start - 1].rstrip(" ")
    if _paragraph_ends_on_colon(before):
        # 'He said:¶¶“We have a situation …”': a paragraph that ends on the colon of its
        # saying introduces the quotation that opens the next.
        before = before.rstrip()
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
    if reporting_verb(root) is None or subject_of(ctx, root) is None:
        return None
    complement = complement_of(ctx, root)
    # A clause before the verb is the parse reaching back into another sentence.
    return root if complement is None or complement.dep_ == "dobj" or \
        complement.i < root.i else None


def _paragraph_ends_on_colon(before: str) -> bool:
    """Whether the text before a paragraph (``before``, with the break) ends its last
    paragraph on a colon, one paragraph break away."""
    stripped = before.rstrip()
    return stripped.endswith(":") and before[len(stripped):].count("\n") == 2 and \
        before[len(stripped):].strip(" \n") == ""


def block_quotations(ctx: Context, direct_cues: set[int]) -> list[QuoteRecord]:
    """'The governor added:¶¶It's typical of her. She knows nothing …': a paragraph whose
    last sentence is a saying with a subject, no complement and a final colon introduces
    the next paragraph, set off as a block without quotation marks, as what was said (a
    quotation that opens the paragraph with a mark is the direct pass's)."""
    doc = ctx.doc
    text = ctx.text
    found: list[QuoteRecord] = []
    for colon in re.finditer(r":[ \t]*\n[ \t]*\n[ \t]*", text):
        start = colon.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        paragraph = text[start:end].rstrip()
        end = start + len(paragraph)
        if not paragraph or mark_width(text, start) or ANY_MARK.match(paragraph) or \
                len(_WORD.findall(paragraph)) < MIN_BLOCK_WORDS or \
                not paragraph.endswith((".", "!", "?", "…")):
            continue
        stop = doc.char_span(colon.start(), colon.start() + 1, alignment_mode="expand")
        if stop is None:
            continue
        root = stop[0].head
        sentence_start = max(root.sent.start_char, text.rfind("\n", 0, colon.start()) + 1)
        if root.i in direct_cues or reporting_verb(root) is None or \
                subject_of(ctx, root) is None or complement_of(ctx, root) is not None or \
                ANY_MARK.search(text, sentence_start, colon.start()) is not None:
            continue
        direct_cues.add(root.i)
        found.append(quote_record(ctx, "direct", start, end, root, speaker_of(ctx, root)))
    return found


def _naming_cue(ctx: Context, content: Span, stretch: QuotedStretch) -> Token | None:
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
    naming = verb.lemma_.lower() in NAMING_VERBS or (
        head.head.lower_ == "as" and reporting_verb(verb) is not None)
    if not naming or verb.pos_ != "VERB" or subject_of(ctx, verb) is None:
        return None
    outside = [t for t in head.subtree if not t.is_punct
               and not (stretch.start <= t.idx < stretch.end)]
    return verb if all(t.dep_ == "det" for t in outside) else None


def _first_cue(ctx: Context, span: Span, *, require_subject: bool, last: bool = False
               ) -> Token | None:
    tokens = list(span)
    for token in reversed(tokens) if last else tokens:
        entry = reporting_verb(token)
        if entry is None:
            continue
        if require_subject and subject_of(ctx, token) is None:
            continue
        if "xcomp" not in entry.content_roles and any(
                c.dep_ == "xcomp" and c.idx not in ctx.quoted for c in token.children):
            # "continued to push a line": the verb tells of another act. An imperative
            # the parse hangs on the verb from inside a quotation ('“A,” she said, “Keep
            # going.”') is what was said.
            continue
        return token
    return None
