"""What the parse says is not a date although the time grammar matched it: a month name used
as a verb or in a name, a four-digit number that counts, prices, codes, names ("Vision
2030"). The word lists are in ``lexicons/time_words.json``."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from presslens.components.timexes.context import Context
from presslens.components.timexes.words import time_words

_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent)")
# "(2053 Wednesday night, UTC)", "at 1430 GMT", "0600 hours": a clock time, not a year.
_CLOCK_AFTER = re.compile(r"\s*(?:hours\b|hrs\b|GMT\b|UTC\b|Z\b|local\s+time\b|"
                          r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)")


def month_is_date(m: re.Match[str], ctx: Context) -> bool:
    """Whether the month name of ``m`` (group ``m``) names a month: "may" the verb, "March"
    the verb and "April Glaspie" do not."""
    tokens = ctx.tokens_in(m.start("m"), m.end("m"))
    if not tokens:
        return False
    token = tokens[0]
    if token.tag_ == "MD" or token.pos_ in ("VERB", "AUX"):
        return False  # "may" the verb, "March" the verb
    if token.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT") and not m["rel"]:
        return False  # "April Glaspie", "June Medical Services"
    previous = ctx.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and not m["rel"] and (
            previous.tag_ in ("NNS", "NNPS", "PRP") or previous.lower_ == "will"):
        return False  # "Protesters March through …", "They may", "will march"
    if m["m"] == "May" and not m["rel"]:
        following = ctx.text[m.end("m"):m.end("m") + 12].lstrip()
        before = ctx.text[max(0, m.start("m") - 12):m.start("m")].rstrip().lower()
        # A sentence-initial "May" is a verb unless a preposition makes it a month.
        if token.is_sent_start and not before.endswith(("in", "of", "since", "until", "by")):
            return bool(re.match(r"\d", following))
    return True


def year_is_date(m: re.Match[str], ctx: Context) -> bool:
    """Whether the four digits of ``m`` (group ``y``) are a year: "2000 troops", "$2020",
    "1500 armoured vehicles" and "Vision 2030" are not."""
    before = ctx.text[max(0, m.start("y") - 3):m.start("y")]
    after = ctx.text[m.end("y"):m.end("y") + 12]
    if re.search(r"[$£€#№]\s*$|No\.\s*$", before) or _PERCENT_AFTER.match(after) \
            or _CLOCK_AFTER.match(ctx.text[m.end("y"):m.end("y") + 16]):
        return False
    if re.match(r"-\d", after) or re.search(r"\d[-/.]$", before):
        return False  # phone numbers, codes, ranges of counts
    tokens = ctx.tokens_in(m.start("y"), m.end("y"))
    if not tokens:
        return False
    token = tokens[-1]
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    between: Span | list[Token] = (ctx.doc[token.i + 1:token.head.i]
                                   if token.head.i > token.i else [])
    if token.dep_ == "nummod" and token.head.tag_ == "NNS" and all(
            t.pos_ == "ADJ" for t in between) and (token.i == 0 or ctx.doc[token.i - 1].tag_
                                                    not in ("DT", "PRP$", "POS")):
        return False  # "1500 armoured vehicles", but "the 1992 protests" is a year
    words = time_words()
    following = token.nbor(1) if token.i + 1 < len(ctx.doc) else None
    if following is not None and following.tag_ == "NNS" and \
            following.lower_ not in words["plurals_after_year"]:
        return False  # "2000 troops"
    if following is not None and following.lower_ in words["counted_after_number"]:
        return False
    preceding = token.nbor(-1) if token.i > 0 else None
    if preceding is not None and preceding.pos_ == "PROPN" and preceding.is_title and \
            preceding.lower_ not in words["months"] and preceding.ent_type_ != "DATE":
        return False  # "Vision 2030", "Euro 2020": names, not years
    if preceding is not None and preceding.lower_ in words["approximate_before_number"]:
        return following is not None and following.pos_ not in ("NOUN",)
    return True
