"""Time expressions: found in the text, normalised to TIMEX3 values against the article's
publication date (the document creation time, DCT).

``presslens_timexes`` writes ``doc._.timexes``: one contract record per expression with
``start``, ``end``, ``text``, ``type`` (DATE, TIME, DURATION, SET) and ``value``, plus
``mod`` (START, END, APPROX, …) where the text qualifies it and ``anchor``: what a relative
value was computed from (``dct``, an earlier timex id, or ``null`` for absolute values).
``span._.timexes`` gives the records inside any span, so ``sent._.timexes`` lists a
sentence's dates.

The grammar is a set of regular expressions over the text built from the word lists in
``lexicons/time_words.json``; the parse is used only to reject what is not a date ("may"
the verb, "Friday prayers", numbers that count things) and to read the tense that decides
whether "on Monday" is the Monday before or after the publication date.

>>> doc = nlp.make_doc("The parliament voted on Wednesday.")  # doctest: +SKIP
>>> doc._.dct = "2020-01-10"  # doctest: +SKIP
>>> nlp(doc)._.timexes[0]["value"]  # doctest: +SKIP
'2020-01-08'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text, register_extensions
from presslens.components.timexes.publication import (
    FIRST_DAY,
    LAST_DAY,
    DateClue,
    PublicationDate,
    choose_date,
    dated_event_clues,
    office_clues,
)
from presslens.lexicons import lexicon_json
from presslens.temporal import (
    easter,
    granularity,
    month_year,
    parse_reference,
    quarter_of,
    season_value,
    shift,
    shift_value,
    thanksgiving,
    week_value,
    weekday_date,
)

register_extensions()


@cache
def _words() -> dict[str, Any]:
    return lexicon_json("time_words.json")


def _alternatives(words: list[str] | dict[str, Any] | set[str], *, capital: bool = False) -> str:
    """A regex alternation of ``words``, longest first, with flexible spaces."""
    forms = sorted(set(words), key=len, reverse=True)
    if capital:
        forms = [w[0].upper() + w[1:] for w in forms]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate: a pattern's match and what it normalises to."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    # Whether the value was read from another time (the DCT or an earlier expression).
    relative: bool = False
    # For a date written with its weekday: whether the two agree (None when no weekday).
    weekday_agrees: bool | None = None


class _Context:
    """What normalising one document needs: its text, parse, DCT and reference times."""

    def __init__(self, doc: Doc, dct: date | None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.dct = dct
        self._token_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self._words: set[str] | None = None
        # The last DATE value written so far, for "a year earlier", "the quarter".
        self.reference: str | None = None
        self.reference_quarter: str | None = None
        # Expressions normalised so far, in text order.
        self.found: list[Found] = []

    def words(self) -> set[str]:
        """The text's runs of letters, lower-cased, as the grammar's case-insensitive
        patterns see them (Python's re also matches dotted and dotless I as "i", the long s
        as "s", the Kelvin sign as "k")."""
        if self._words is None:
            folded = self.text.translate(_CASE_FOLDS).lower()
            self._words = set(_LETTER_RUN.findall(folded))
        return self._words

    def event_date(self, noun: str, before: int) -> str | None:
        """The day-precise date of the event "the attack" refers back to: a dated sentence
        just before that names it, else the nearest dated sentence just before (the
        event was told there in other words: "a drone strike"), else any earlier dated
        sentence that names it."""
        if not self.doc.has_annotation("SENT_START"):
            return None
        earlier = [sent for sent in self.doc.sents if sent.start_char < before]
        earlier.reverse()

        def dated(sent: Span) -> str | None:
            for found in reversed(self.found):
                if sent.start_char <= found.start and found.end <= min(sent.end_char, before) \
                        and granularity(found.value) == "day":
                    return found.value
            return None

        def names(sent: Span) -> bool:
            return any(t.pos_ == "NOUN" and t.lemma_.lower() == noun for t in sent)

        nearby = earlier[:3]
        for sent in nearby:
            if names(sent) and dated(sent):
                return dated(sent)
        for sent in nearby:
            if dated(sent):
                return dated(sent)
        for sent in earlier[3:]:
            if names(sent) and dated(sent):
                return dated(sent)
        return None

    def token_at(self, char: int) -> Token | None:
        if not self._token_starts:
            return None
        index = bisect_right(self._token_starts, char) - 1
        return self.doc[max(index, 0)]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        first = bisect_right(self._token_starts, start) - 1
        tokens = []
        for token in self.doc[max(first, 0):]:
            if token.idx >= end:
                break
            if token.idx + len(token) > start:
                tokens.append(token)
        return tokens

    def direction(self, char: int) -> str:
        """``future`` or ``past`` when the clause around ``char`` is marked for tense, else
        ``unmarked`` (news narrates what happened: an unmarked weekday is the one just
        gone, an unmarked month the nearest)."""
        if _FUTURE_BEFORE.search(self.text[max(0, char - 24):char]):
            return "future"
        token = self.token_at(char)
        if token is None:
            return "past"
        return _clause_tense(token)


_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
# Verbs whose object or complement lies ahead in any tense: "planned a rally on Saturday",
# "plans to visit on Monday", "has scheduled a news conference Thursday".
_FUTURE_GOVERNORS = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "hope",
                     "aim", "want", "promise", "threaten", "vow", "pledge", "slate", "mean"}
_FUTURE_BEFORE = re.compile(r"(?i:as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than|starting|"
                            r"beginning|from|due(?:\s+(?:in|on|by|before))?|"
                            r"(?:scheduled|planned|set|expected|slated)\s+(?:for|in|on))"
                            r"\s+(?:on\s+)?$")


def _clause_tense(token: Token) -> str:
    """The tense of the clause a time expression modifies, for weekday and month reading."""
    if token.dep_ == "poss" or token.head.dep_ == "poss":
        return "past"  # "Wednesday's ruling": an event already reported
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    for _ in range(3):
        children = list(verb.children)
        auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in _FUTURE_AUX for c in auxiliaries):
            return "future"
        if verb.lemma_ in _FUTURE_GOVERNORS:
            return "future"
        if verb.tag_ == "VB" and any(c.lower_ == "to" for c in auxiliaries) and (
                verb.head.lemma_ in _FUTURE_GOVERNORS or verb.head.lower_ in ("due", "going")):
            return "future"
        modal = [c for c in auxiliaries if c.tag_ == "MD" and c.lower_ != "could"]
        if modal:
            perfect = any(c.lemma_ == "have" for c in auxiliaries)
            return "past" if perfect else "future"  # "would travel Thursday"
        if verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in auxiliaries):
            return "future"  # "is meeting on Monday"
        if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in auxiliaries):
            return "past"
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return "unmarked"


# --- the grammar -----------------------------------------------------------------------

_MONTH_FULL = ("January|February|March|April|May|June|July|August|September|October|November"
               "|December")
_MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.(?!\w))"
_WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)(?![\d,.]\d)"
_UNIT_SINGULAR = ("second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade"
                  "|century|millennium")
_UNIT = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
         r"|quarters?|years?|decades?|century|centuries|millennium|millennia)")
_SEASON = "spring|summer|fall|autumn|winter"
_PART_OF_DAY = "morning|afternoon|evening|night"
_TIME_ZONE = re.compile(r"[A-Z]{1,2}[SD]?T|GMT|UTC")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent)")
_LETTER_RUN = re.compile("[a-z]+")
_CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_B = r"(?<!\w)"  # a word starts here
_E = r"(?![\w-])"  # a word ends here


def _number_pattern() -> str:
    words = _words()["numbers"]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = "one|two|three|four|five|six|seven|eight|nine"
    compound = rf"(?:{tens})[-\s](?:{units})"
    return rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|{compound}|{_alternatives(words)})"


def _vague_pattern() -> str:
    return _alternatives(_words()["vague_numbers"])


def _number_value(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text.endswith(" 1/2"):
        whole = _number_value(text[:-4])
        return None if whole is None else whole + 0.5
    try:
        return float(text)
    except ValueError:
        pass
    numbers = _words()["numbers"]
    if text in numbers:
        return float(numbers[text])
    parts = re.split(r"[-\s]", text)
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return float(numbers[parts[0]] + numbers[parts[1]])
    return None


def _unit_code(unit: str) -> str:
    unit = unit.lower()
    if unit in ("centuries",):
        return "CE"
    if unit in ("millennia",):
        return "ML"
    return _words()["units"][unit.rstrip("s") if unit not in ("weekends",) else "weekend"]


def _is_time_unit(unit: str) -> bool:
    return unit.lower().rstrip("s") in _words()["time_units"]


def _duration(amount: float | None, unit: str) -> str:
    code = _unit_code(unit)
    prefix = "PT" if _is_time_unit(unit) else "P"
    if code == "WE":
        return "P2D" if amount in (None, 1) else f"P{int(2 * amount)}D"
    if code == "2W":
        code, amount = "W", 2 * (amount or 1)
    if code == "DE" and amount is not None:
        code, amount = "Y", 10 * amount
    if amount is None:
        return f"{prefix}X{code}"
    if amount != int(amount):
        # "2 1/2 years" is P2Y6M: the whole units, then the rest in the next smaller unit.
        time_unit = prefix == "PT"
        smaller = {("Y", False): ("M", 12, ""), ("M", False): ("D", 30, ""),
                   ("W", False): ("D", 7, ""), ("D", False): ("H", 24, "T"),
                   ("H", True): ("M", 60, ""), ("M", True): ("S", 60, "")}.get((code, time_unit))
        if smaller:
            rest = (amount - int(amount)) * smaller[1]
            if rest == int(rest):
                whole = f"{int(amount)}{code}" if int(amount) else ""
                return f"{prefix}{whole}{smaller[2]}{int(rest)}{smaller[0]}"
    return f"{prefix}{int(amount)}{code}"


def _month_number(text: str) -> int:
    return _words()["months"][text.lower().rstrip(".")]


def _weekday_number(text: str) -> int:
    return _words()["weekdays"][text.lower()]


def _leading_number(text: str) -> int:
    """The number a day or an ordinal begins with ("21st" is 21); the patterns that read
    them have matched digits there."""
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"no digits at the start of {text!r}")
    return int(digits[0])


Handler = Callable[[re.Match[str], _Context], Found | None]


class Grammar:
    """The patterns, compiled once, each with the function that normalises its matches."""

    def __init__(self) -> None:
        words = _words()
        number = _number_pattern()
        vague = _vague_pattern()
        modifiers = _alternatives(words["modifiers"])
        references = _alternatives(words["references"])
        holidays = _alternatives(words["holidays"], capital=True)
        set_adverbs = _alternatives(words["set_adverbs"])
        ordinal = _alternatives(words["ordinals"])
        rel = ("this coming|this past|the past|the coming|the current|the previous|"
               "the following|the next|the last|the same|this|last|next|past|coming|"
               "current|previous|following|earlier this|later this|early this|late this|"
               "early last|late last|early next|late next")
        self.modifier_before = re.compile(rf"(?i:{_B}(?P<mod>{modifiers}))[\s-]+$")
        self.patterns: list[tuple[str, re.Pattern[str], Handler]] = [
            ("iso", re.compile(rf"{_B}(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d){_E}"),
             self._iso),
            ("full_date", re.compile(
                rf"{_B}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?i:the\s+)?(?P<d1>{_DAY})\s+(?:of\s+)?"
                rf"(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}))"
                rf"(?:,?\s+(?P<y>{_YEAR})|(?P<rely>\s+(?i:this|last|next)\s+year))?{_E}"),
             self._full_date),
            ("month_year", re.compile(
                rf"{_B}(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d){_E}"), self._month_year),
            ("month", re.compile(
                rf"{_B}(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?"
                rf"(?P<m>{_MONTH_FULL}|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.){_E}"
                rf"(?P<rely>\s+(?i:this|last|next)\s+year)?"), self._month),
            ("weekday", re.compile(
                rf"{_B}(?:(?P<rel>(?i:last|next|this\s+coming|this\s+past|this|early|late|"
                rf"earlier|later))\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<pod>{_PART_OF_DAY}))?{_E}"),
             self._weekday),
            ("deictic", re.compile(
                rf"(?i:{_B}(?:(?P<rel>earlier|later|late|early)\s+)?(?P<word>today|yesterday|"
                rf"tomorrow|tonight)(?:\s+(?P<pod>{_PART_OF_DAY}))?{_E})"), self._deictic),
            ("part_of_day", re.compile(
                rf"(?i:{_B}(?P<rel>this|last|yesterday|tomorrow|that)\s+(?P<pod>{_PART_OF_DAY}){_E})"),
             self._part_of_day),
            ("clock", re.compile(
                rf"{_B}(?:(?i:at|around|about)\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*"
                rf"(?P<ap>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm))(?!\w)"
                rf"(?:\s+(?P<tz>[A-Z]{{2,4}}))?(?:\s+(?P<wd>{_WEEKDAY}|(?i:today|yesterday|tomorrow)))?"),
             self._clock),
            ("noon", re.compile(
                rf"(?i:{_B}(?P<word>noon|midnight))(?:\s+(?P<wd>{_WEEKDAY}|(?i:today|yesterday|tomorrow)))?{_E}"),
             self._noon),
            ("decade", re.compile(
                rf"{_B}(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[-\s]+)?"
                rf"(?:(?P<y>1[5-9]\d0|20\d0)s|['’](?P<yy>\d0)s|(?P<word>(?i:twenties|thirties|forties|"
                rf"fifties|sixties|seventies|eighties|nineties))){_E}"), self._decade),
            ("century", re.compile(
                rf"(?i:{_B}(?:the\s+)?(?P<ord>{ordinal}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+centur(?:y|ies){_E})"),
             self._century),
            ("quarter", re.compile(
                rf"(?i:{_B}(?:the\s+|its\s+|a\s+)?(?:(?P<y>{_YEAR})\s+|(?P<rel>this|last|next)\s+year['’]s\s+)?"
                rf"(?:fiscal[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+"
                rf"(?P<unit>quarter|half)(?:\s+(?:of\s+)?(?P<y2>{_YEAR}))?{_E})"), self._quarter),
            ("named_quarter", re.compile(
                rf"(?i:{_B}the\s+(?P<rel>latest|current|past|last|previous|same|year-ago|"
                rf"year-earlier|comparable\s+year-ago|comparable\s+year-earlier|year-ago\s+(?:{ordinal})|"
                rf"year-earlier\s+(?:{ordinal})|(?P<y>{_YEAR}))\s+(?P<unit>quarter|period){_E})"),
             self._named_quarter),
            ("year_ago_adj", re.compile(rf"(?i:{_B}(?:year-ago|year-earlier){_E})"),
             self._year_ago),
            ("year_end", re.compile(
                rf"(?i:{_B}(?:(?:(?P<y>{_YEAR})\s+)?year[-\s]end|year['’]s\s+end){_E})"),
             self._year_end),
            ("fiscal_year", re.compile(
                rf"(?i:{_B}(?:the\s+)?(?P<rel>current\s+|latest\s+|last\s+|next\s+|previous\s+|this\s+)?"
                rf"fiscal\s+year{_E})"), self._fiscal_year),
            ("spelled_year", re.compile(
                rf"(?i:{_B}nineteen[-\s](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                rf"ninety)(?:[-\s](?P<unit>one|two|three|four|five|six|seven|eight|nine))?{_E})"),
             self._spelled_year),
            ("year", re.compile(
                rf"{_B}(?:(?i:fiscal|the\s+year|calendar|the\s+fiscal\s+year)\s+)?(?P<y>{_YEAR}){_E}"),
             self._year),
            ("quantity", re.compile(
                rf"(?i:{_B}(?:the\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|"
                rf"final|remaining|recent|initial|better\s+part\s+of\s+the)\s+)?"
                rf"(?P<num>{number}|{vague})[-\s]+(?:(?:more|additional|straight|consecutive|"
                rf"full|long)\s+)?(?P<unit>{_UNIT})(?P<half>\s+and\s+a\s+half)?"
                rf"(?P<age>[-\s]+old)?"
                rf"(?:\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|previously|"
                rf"prior|since))?{_E})"), self._quantity),
            ("bare_plural", re.compile(
                rf"(?i:{_B}(?:the\s+)?(?:(?P<rel>past|coming|recent|next|last|following|previous|"
                rf"upcoming)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|"
                rf"centuries){_E})"), self._bare_plural),
            ("relative_unit", re.compile(
                rf"(?i:{_B}(?P<rel>{rel})\s+(?P<unit>{_UNIT_SINGULAR}|{_SEASON}){_E})"),
             self._relative_unit),
            ("the_unit", re.compile(
                rf"(?i:{_B}the\s+(?P<unit>year|week|weekend|month|quarter|{_SEASON}){_E})"),
             self._the_unit),
            ("season", re.compile(
                rf"(?i:{_B}(?:(?P<mod>early|late|mid)[-\s]+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))){_E}"),
             self._season_year),
            ("reference", re.compile(rf"(?i:{_B}(?P<word>{references}){_E})"), self._reference),
            ("set_adverb", re.compile(rf"(?i:{_B}(?P<word>{set_adverbs}){_E})"), self._set_adverb),
            ("set_every", re.compile(
                rf"{_B}(?i:every|each)\s+(?:(?i:other)\s+)?(?P<unit>(?i:{_UNIT_SINGULAR})|{_WEEKDAY}"
                rf"|{_MONTH_FULL}|(?i:{_PART_OF_DAY})){_E}"), self._set_every),
            ("set_times", re.compile(
                rf"(?i:{_B}(?:once|twice|three\s+times|several\s+times|\d+\s+times)\s+(?:a|an|per|every)"
                rf"\s+(?P<unit>{_UNIT_SINGULAR}){_E})"), self._set_times),
            ("weekday_plural", re.compile(rf"{_B}(?:(?i:on)\s+)?(?P<wd>{_WEEKDAY})s{_E}"),
             self._weekday_plural),
            ("holiday", re.compile(rf"{_B}(?P<h>{holidays})(?:\s+(?P<y>{_YEAR}))?{_E}"),
             self._holiday),
        ]
        # Words every match of a pattern holds, whole, so that a document without any of
        # them is not scanned by the pattern at all: scanning an article costs a pattern the
        # same whether it matches or not, and most patterns are rare.
        months = ("january february march april may june july august september october "
                  "november december jan feb mar apr jun jul aug sep sept oct nov dec").split()
        weekdays = "monday tuesday wednesday thursday friday saturday sunday".split()
        singular, seasons = _UNIT_SINGULAR.split("|"), _SEASON.split("|")
        units = [*singular, *(f"{w}s" for w in singular if w not in ("century", "millennium")),
                 "centuries", "millennia"]
        self.required_words: dict[str, frozenset[str]] = {
            name: frozenset(needed) for name, needed in (
                ("full_date", months), ("month_year", months), ("month", months),
                ("weekday", weekdays), ("weekday_plural", [f"{w}s" for w in weekdays]),
                ("deictic", ["today", "yesterday", "tomorrow", "tonight"]),
                ("part_of_day", ["morning", "afternoon", "evening", "night"]),
                # "3pm", "3 a.m.": the letters after the hour
                ("clock", ["am", "pm", "m"]),
                ("noon", ["noon", "midnight"]),
                # "the 1990s", "the '90s": the s after the digits
                ("decade", ["s", "twenties", "thirties", "forties", "fifties", "sixties",
                            "seventies", "eighties", "nineties"]),
                ("century", ["century", "centuries"]),
                ("quarter", ["quarter", "half"]),
                ("named_quarter", ["quarter", "period"]),
                ("year_ago_adj", ["ago", "earlier"]),
                ("year_end", ["end"]),
                ("fiscal_year", ["fiscal"]),
                ("spelled_year", ["nineteen"]),
                ("season", _SEASON.split("|")),
                ("set_adverb", [w.lower() for w in words["set_adverbs"]]),
                ("set_every", ["every", "each"]),
                ("set_times", ["once", "twice", "times"]),
                ("holiday", [_LETTER_RUN.findall(h.lower())[0] for h in words["holidays"]]),
                # The unit word ends every quantity ("three days", "a couple of weeks");
                # _UNIT is these words, singular and plural.
                ("quantity", units),
                ("bare_plural", [w for w in units if w.endswith("s")]),
                ("relative_unit", [*singular, *seasons]),
                ("the_unit", ["year", "week", "weekend", "month", "quarter", *seasons]),
                # "the near future", "these days": each reference ends on one of these
                ("reference", [_LETTER_RUN.findall(r.lower())[-1] for r in words["references"]]),
            )}

    # -- handlers: a match and the context to a Found, or None to reject ------------------

    def _iso(self, m: re.Match[str], ctx: _Context) -> Found | None:
        try:
            value = date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            return None
        return Found(m.start(), m.end(), "DATE", value)

    def _full_date(self, m: re.Match[str], ctx: _Context) -> Found | None:
        month = _month_number(m["m1"] or m["m2"])
        day = _leading_number(m["d1"] or m["d2"])
        if m["y"]:
            year, relative = int(m["y"]), False
        elif ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        elif m["rely"]:
            offset = {"this": 0, "last": -1, "next": 1}[m["rely"].split()[0].lower()]
            year, relative = ctx.dct.year + offset, True
        else:
            year = month_year(ctx.dct, month, ctx.direction(m.start()), day)
            relative = True
        try:
            day_date = date(year, month, day)
        except ValueError:
            return None
        agrees = None if not m["wd"] else day_date.weekday() == _weekday_number(m["wd"])
        return Found(m.start(), m.end(), "DATE", day_date.isoformat(), relative=relative,
                     anchor="dct" if relative else None, weekday_agrees=agrees)

    def _month_year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        year = m["y"]
        if year.startswith(("'", "’")):
            year = ("19" if int(year[1:]) > 30 else "20") + year[1:]
        return Found(m.start(), m.end(), "DATE", f"{int(year):04d}-{_month_number(m['m']):02d}")

    def _month(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if not self._month_is_date(m, ctx):
            return None
        month = _month_number(m["m"])
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        if m["rely"]:
            offset = {"this": 0, "last": -1, "next": 1}[m["rely"].split()[0].lower()]
            year = ctx.dct.year + offset
        else:
            rel = (m["rel"] or "").lower().split()
            direction = {"last": "last", "next": "next", "past": "past", "coming": "future"}.get(
                rel[-1] if rel else "", "")
            if rel == ["this"]:
                year = ctx.dct.year
            else:
                year = month_year(ctx.dct, month, direction or ctx.direction(m.start()))
        return Found(m.start(), m.end(), "DATE", f"{year:04d}-{month:02d}", relative=True,
                     anchor="dct")

    def _month_is_date(self, m: re.Match[str], ctx: _Context) -> bool:
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

    def _weekday(self, m: re.Match[str], ctx: _Context) -> Found | None:
        following = ctx.text[m.end():m.end() + 24].lower()
        head = re.match(r"\s*(?:['’]s\s+)?([a-z]+)", following)
        if head and head[1] in _words()["not_dates_after_weekday"] and not m["pod"]:
            return None  # "Friday prayers", "the Friday prayers leader"
        if ctx.dct is None:
            return Found(m.start(), m.end(), "TIME" if m["pod"] else "DATE", None, relative=True)
        rel = (m["rel"] or "").lower()
        direction = {"last": "last", "next": "next", "this coming": "future",
                     "this past": "past"}.get(rel)
        if direction is None:
            direction = "future" if ctx.direction(m.start("wd")) == "future" else "past"
            if rel == "this":
                direction = "future" if direction == "future" else "past"
        value = weekday_date(ctx.dct, _weekday_number(m["wd"]), direction)
        mod = {"early": "START", "late": "END"}.get(rel)
        if m["pod"]:
            return Found(m.start(), m.end(), "TIME", f"{value}T{self._pod(m['pod'])}", mod,
                         "dct", True)
        return Found(m.start(), m.end(), "DATE", value, mod, "dct", True)

    @staticmethod
    def _pod(word: str) -> str:
        return _words()["parts_of_day"][word.lower()]

    def _deictic(self, m: re.Match[str], ctx: _Context) -> Found | None:
        word = m["word"].lower()
        pod = m["pod"] or ("night" if word == "tonight" else None)
        kind = "TIME" if pod else "DATE"
        if ctx.dct is None:
            return Found(m.start(), m.end(), kind, None, relative=True)
        value = shift(ctx.dct, "D", _words()["deictic_days"][word])
        mod = {"early": "START", "late": "END", "later": "END"}.get((m["rel"] or "").lower())
        if pod:
            value = f"{value}T{self._pod(pod)}"
        return Found(m.start(), m.end(), kind, value, mod, "dct", True)

    def _part_of_day(self, m: re.Match[str], ctx: _Context) -> Found | None:
        rel = m["rel"].lower()
        if rel == "that":
            return None  # anaphoric: no reference day is known reliably
        if ctx.dct is None:
            return Found(m.start(), m.end(), "TIME", None, relative=True)
        offset = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[rel]
        pod = m["pod"].lower()
        if rel == "last" and pod != "night":
            return None
        value = f"{shift(ctx.dct, 'D', offset)}T{self._pod(pod)}"
        return Found(m.start(), m.end(), "TIME", value, None, "dct", True)

    def _clock(self, m: re.Match[str], ctx: _Context) -> Found | None:
        hour = int(m["h"])
        if hour > 12 or hour == 0:
            return None
        if m["ap"].lower().startswith("p") and hour != 12:
            hour += 12
        elif m["ap"].lower().startswith("a") and hour == 12:
            hour = 0
        clock = f"T{hour:02d}:{m['mi'] or '00'}"
        end = m.end()
        if m["tz"] and not _TIME_ZONE.fullmatch(m["tz"]):
            end = m.start("tz") - 1 if not m["wd"] else end
        start = m.start("h") if m.group(0)[:1].isalpha() else m.start()
        if ctx.dct is None:
            return Found(start, end, "TIME", None, relative=True)
        day = ctx.dct.isoformat()
        if m["wd"]:
            word = m["wd"].lower()
            if word in _words()["deictic_days"]:
                day = shift(ctx.dct, "D", _words()["deictic_days"][word]) or day
            else:
                day = weekday_date(ctx.dct, _weekday_number(m["wd"]), ctx.direction(start))
        return Found(start, end, "TIME", f"{day}{clock}", None, "dct", True)

    def _noon(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if ctx.dct is None:
            return Found(m.start(), m.end(), "TIME", None, relative=True)
        day = ctx.dct.isoformat()
        if m["wd"]:
            word = m["wd"].lower()
            if word in _words()["deictic_days"]:
                day = shift(ctx.dct, "D", _words()["deictic_days"][word]) or day
            else:
                day = weekday_date(ctx.dct, _weekday_number(m["wd"]), ctx.direction(m.start()))
        return Found(m.start(), m.end(), "TIME", f"{day}T{self._pod(m['word'])}", None, "dct",
                     True)

    def _decade(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if m["y"]:
            decade = m["y"][:3]
        elif m["yy"]:
            decade = ("19" if int(m["yy"]) > 20 else "20") + m["yy"][0]
        else:
            tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                    "eighties", "nineties"].index(m["word"].lower()) + 2
            decade = f"19{tens}"
        mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["mod"] or "").lower())
        return Found(m.start(), m.end(), "DATE", decade, mod)

    def _century(self, m: re.Match[str], ctx: _Context) -> Found | None:
        ordinal = m["ord"].lower()
        number = _words()["ordinals"].get(ordinal) or _leading_number(ordinal)
        return Found(m.start(), m.end(), "DATE", f"{number - 1:02d}")

    def _quarter(self, m: re.Match[str], ctx: _Context) -> Found | None:
        ordinal = _words()["ordinals"][m["ord"].lower()]
        half = m["unit"].lower() == "half"
        if half and ordinal > 2 or ordinal > 4:
            return None
        code = f"H{ordinal}" if half else f"Q{ordinal}"
        year_text = m["y"] or m["y2"]
        if year_text:
            return Found(m.start(), m.end(), "DATE", f"{year_text}-{code}")
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        if m["rel"]:
            year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        else:
            current = (ctx.dct.month - 1) // (6 if half else 3) + 1
            year = ctx.dct.year
            if ctx.direction(m.start()) == "past" and ordinal > current:
                year -= 1
        return Found(m.start(), m.end(), "DATE", f"{year:04d}-{code}", None, "dct", True)

    def _latest_quarter(self, ctx: _Context) -> str | None:
        if ctx.reference_quarter:
            return ctx.reference_quarter
        if ctx.dct is None:
            return None
        # Reports speak of the last completed quarter.
        return shift(ctx.dct, "Q", -1)

    def _named_quarter(self, m: re.Match[str], ctx: _Context) -> Found | None:
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        if m["y"]:
            latest = self._latest_quarter(ctx)
            quarter = latest[-2:] if latest else "QX"
            return Found(m.start(), m.end(), "DATE", f"{m['y']}-{quarter}")
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        if rel == "current":
            return Found(m.start(), m.end(), "DATE", f"{ctx.dct.year:04d}-Q{quarter_of(ctx.dct)}",
                         None, "dct", True)
        latest = self._latest_quarter(ctx)
        if latest is None:
            return None
        if "year" in rel:
            return Found(m.start(), m.end(), "DATE", shift_value(latest, "Y", -1), None,
                         "reference", True)
        elif rel in ("previous", "past", "last") and m["unit"].lower() == "quarter":
            value = shift_value(latest, "Q", -1) if ctx.reference_quarter else latest
        else:
            value = latest
        return Found(m.start(), m.end(), "DATE", value, None, "dct", True)

    def _year_ago(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        base = ctx.reference_quarter or f"{ctx.dct.year:04d}"
        return Found(m.start(), m.end(), "DATE", shift_value(base, "Y", -1), None, "reference",
                     True)

    def _year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if not self._year_is_date(m, ctx):
            return None
        return Found(m.start(), m.end(), "DATE", m["y"])

    def _year_is_date(self, m: re.Match[str], ctx: _Context) -> bool:
        before = ctx.text[max(0, m.start("y") - 3):m.start("y")]
        after = ctx.text[m.end("y"):m.end("y") + 12]
        if re.search(r"[$£€#№]\s*$|No\.\s*$", before) or _PERCENT_AFTER.match(after):
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
        following = token.nbor(1) if token.i + 1 < len(ctx.doc) else None
        if following is not None and following.tag_ == "NNS" and following.lower_ not in (
                "elections", "olympics", "games", "polls", "talks", "protests"):
            return False  # "2000 troops"
        if following is not None and following.lower_ in ("feet", "metres", "meters", "km",
                                                          "kilometres", "miles", "people"):
            return False
        preceding = token.nbor(-1) if token.i > 0 else None
        if preceding is not None and preceding.pos_ == "PROPN" and preceding.is_title and \
                preceding.lower_ not in _words()["months"] and preceding.ent_type_ != "DATE":
            return False  # "Vision 2030", "Euro 2020": names, not years
        if preceding is not None and preceding.lower_ in ("about", "some", "nearly", "almost",
                                                          "over", "than", "roughly"):
            return following is not None and following.pos_ not in ("NOUN",)
        return True

    def _year_end(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if m["y"]:
            return Found(m.start(), m.end(), "DATE", m["y"], "END")
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, "END", relative=True)
        return Found(m.start(), m.end(), "DATE", f"{ctx.dct.year:04d}", "END", "dct", True)

    def _fiscal_year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        offset = {"last": -1, "previous": -1, "next": 1}.get((m["rel"] or "").strip().lower(), 0)
        return Found(m.start(), m.end(), "DATE", f"{ctx.dct.year + offset:04d}", None, "dct",
                     True)

    def _spelled_year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        numbers = _words()["numbers"]
        year = 1900 + numbers[m["tens"].lower()] + (numbers[m["unit"].lower()] if m["unit"] else 0)
        return Found(m.start(), m.end(), "DATE", str(year))

    def _quantity(self, m: re.Match[str], ctx: _Context) -> Found | None:
        if m["age"]:
            return None  # ages are not times
        unit = m["unit"]
        num_text = m["num"].lower()
        vague = num_text in _words()["vague_numbers"] or re.sub(r"\s+", " ", num_text) in \
            _words()["vague_numbers"]
        amount = None if vague else _number_value(num_text)
        if amount is not None and m["half"]:
            amount += 0.5
        if amount is not None and amount > 10000:
            return None
        if unit.lower() in ("second", "seconds") and num_text in ("a", "an", "one"):
            return None  # "a second term"
        if unit.lower().startswith("quarter") and num_text in ("a", "one"):
            return None  # "a quarter of the votes"
        direction = (m["dir"] or "").lower()
        rel = (m["rel"] or "").lower()
        if direction in ("ago", "earlier", "later", "before", "after", "from now", "hence",
                         "previously", "prior", "since"):
            return self._shifted(m, ctx, amount, unit, direction)
        if rel == "recent" and vague:
            return Found(m.start(), m.end(), "DATE", "PAST_REF")
        code = _unit_code(unit)
        if code in ("Q",) and amount and rel in ("first", "past", "last", "next"):
            return Found(m.start(), m.end(), "DURATION", f"P{int(amount)}Q")
        return Found(m.start(), m.end(), "DURATION", _duration(amount, unit))

    def _shifted(self, m: re.Match[str], ctx: _Context, amount: float | None, unit: str,
                 direction: str) -> Found | None:
        sign = 1 if direction in ("later", "after", "from now", "hence") else -1
        start, end = m.start(), m.end()
        if direction in ("before", "after", "since"):
            # "two days after the attack": a date when the anchor has one, else a length.
            length_end = m.start("dir") - 1
            anchored = self._anchored(m, ctx, amount, unit, sign) if direction != "since" else None
            if anchored is not None:
                return anchored
            return Found(start, length_end, "DURATION", _duration(amount, unit))
        if direction in ("earlier", "later") and _unit_code(unit) not in ("Y", "DE", "CE"):
            # "three days later" measures from a time the text set earlier; TimeML codes
            # it as a length.
            return Found(start, end, "DURATION", _duration(amount, unit))
        code = _unit_code(unit)
        if _is_time_unit(unit):
            code = "D"  # "three hours ago" is today's date at day granularity
            amount = 0 if amount is None else amount / {"H": 24, "M": 1440, "S": 86400}[
                _unit_code(unit)]
        if ctx.dct is None:
            return Found(start, end, "DATE", None, relative=True)
        if amount is None:
            return Found(start, end, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        steps = int(round(amount))
        if code == "WE":
            code = "W"
        if code == "Y" and ctx.reference_quarter and steps == 1:
            # In a quarterly report "a year ago" is the same quarter a year before.
            value = shift_value(ctx.reference_quarter, "Y", sign)
            return Found(start, end, "DATE", value, None, "reference", True)
        if direction in ("earlier", "later", "previously", "prior") and ctx.reference:
            value = shift_value(ctx.reference, code, sign * steps)
            return Found(start, end, "DATE", value, None, "reference", True)
        return Found(start, end, "DATE", shift(ctx.dct, code, sign * steps), None, "dct", True)

    def _anchored(self, m: re.Match[str], ctx: _Context, amount: float | None, unit: str,
                  sign: int) -> Found | None:
        """The date of "N units after/before X": X a date written right there, or an event
        ("the attack") dated earlier in the text."""
        if amount is None or _is_time_unit(unit):
            return None
        code = "W" if _unit_code(unit) == "WE" else _unit_code(unit)
        rest = ctx.text[m.end():m.end() + 80]
        anchor_match = re.match(r"\s*(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)", rest)
        if anchor_match is None:
            return None
        steps = sign * int(round(amount))
        anchor_word = anchor_match[1]
        written = self._date_at(ctx, m.end() + anchor_match.start(1))
        if written:
            value = shift_value(written, code, steps)
            if value:
                return Found(m.start(), m.end(), "DATE", value, None, "timex", True)
            return None
        anchor_start = m.end() + anchor_match.start(1)
        anchor_tokens = ctx.tokens_in(anchor_start, anchor_start + len(anchor_word))
        if not anchor_tokens or anchor_tokens[0].pos_ != "NOUN":
            return None
        event_date = ctx.event_date(anchor_tokens[0].lemma_.lower(), m.start())
        if event_date is None:
            return None
        value = shift_value(event_date, code, steps)
        return Found(m.start(), m.end(), "DATE", value, None, "event", True) if value else None

    def _date_at(self, ctx: _Context, char: int) -> str | None:
        """The day-precise value of a date written at ``char``, if one is."""
        for _name, pattern, handler in self.patterns:
            if _name not in ("full_date", "iso", "weekday", "deictic", "month_year"):
                continue
            match = pattern.match(ctx.text, char)
            if match:
                found = handler(match, ctx)
                if found and found.value and granularity(found.value) in ("day", "month"):
                    return found.value
        return None

    def _bare_plural(self, m: re.Match[str], ctx: _Context) -> Found | None:
        rel = (m["rel"] or "").lower()
        unit = m["unit"]
        if rel in ("recent", "past") and not m.group(0).lower().startswith("the"):
            return Found(m.start(), m.end(), "DATE", "PAST_REF")
        if rel in ("coming", "upcoming"):
            return Found(m.start(), m.end(), "DATE", "FUTURE_REF")
        if rel in ("next", "following"):
            return Found(m.start(), m.end(), "DURATION", _duration(None, unit))
        if rel in ("past", "last", "previous", "recent"):
            return Found(m.start(), m.end(), "DURATION", _duration(None, unit))
        tokens = ctx.tokens_in(m.start("unit"), m.end("unit"))
        if tokens and tokens[0].dep_ in ("compound",):
            return None
        if m.group(0).lower().startswith("the "):
            return None  # "the years of war" names a period, not a length
        return Found(m.start(), m.end(), "DURATION", _duration(None, unit))

    def _relative_unit(self, m: re.Match[str], ctx: _Context) -> Found | None:
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        unit = m["unit"].lower()
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        mod = None
        words = rel.split()
        if words[0] in ("early", "late", "earlier", "later"):
            mod = {"early": "START", "late": "END"}.get(words[0])
            words = words[1:]
        rel = " ".join(words)
        if rel in ("the past", "the coming", "the next", "the last", "past", "coming",
                   "the following") and unit not in ("weekend",) and unit not in _SEASON:
            if rel in ("the following",):
                if ctx.reference:
                    value = shift_value(ctx.reference, _unit_code(unit), 1)
                    return Found(m.start(), m.end(), "DATE", value, None, "reference", True)
                return None
            return Found(m.start(), m.end(), "DURATION", _duration(1, unit))
        offset = {"this": 0, "current": 0, "the current": 0, "this coming": 1, "this past": -1,
                  "last": -1, "next": 1, "previous": -1, "the previous": -1, "past": -1,
                  "coming": 1, "following": 1, "the same": 0}.get(rel)
        if offset is None:
            return None
        if unit in _SEASON.split("|"):
            season = _words()["seasons"][unit]
            return Found(m.start(), m.end(), "DATE", season_value(ctx.dct, season, offset), mod,
                         "dct", True)
        if rel == "the same":
            if ctx.reference:
                return Found(m.start(), m.end(), "DATE", ctx.reference, mod, "reference", True)
            return None
        code = _unit_code(unit)
        if code == "WE":
            return Found(m.start(), m.end(), "DATE", self._weekend(ctx, offset, m.start()), mod,
                         "dct", True)
        if code in ("2W", "S", "H") or (code == "M" and unit == "minute"):
            return None
        return Found(m.start(), m.end(), "DATE", shift(ctx.dct, code, offset), mod, "dct", True)

    @staticmethod
    def _weekend(ctx: _Context, offset: int, char: int) -> str:
        """The weekend meant: "this weekend" or "the weekend" is the one just past in
        narration of past events and the coming one in the future tense."""
        assert ctx.dct is not None
        if offset < 0:
            saturday = weekday_date(ctx.dct, 5, "last")
        elif offset > 0:
            saturday = weekday_date(ctx.dct, 5, "next")
        else:
            saturday = weekday_date(ctx.dct, 5, ctx.direction(char))
        return f"{week_value(date.fromisoformat(saturday))}-WE"

    def _the_unit(self, m: re.Match[str], ctx: _Context) -> Found | None:
        unit = m["unit"].lower()
        before = ctx.text[max(0, m.start() - 20):m.start()].lower()
        if ctx.dct is None:
            return None
        if unit == "year":
            if re.search(r"(?:earlier|later|during|throughout|rest of|end of|in)\s+$", before):
                return Found(m.start(), m.end(), "DATE", f"{ctx.dct.year:04d}", None, "dct", True)
            return Found(m.start(), m.end(), "DURATION", "P1Y")
        if unit == "quarter":
            latest = self._latest_quarter(ctx)
            return Found(m.start(), m.end(), "DATE", latest, None, "dct", True) if latest else None
        if unit == "week":
            return Found(m.start(), m.end(), "DATE", shift(ctx.dct, "W", 0), None, "dct", True)
        if unit == "weekend":
            return Found(m.start(), m.end(), "DATE", self._weekend(ctx, 0, m.start()), None,
                         "dct", True)
        if unit == "month":
            return Found(m.start(), m.end(), "DATE", shift(ctx.dct, "M", 0), None, "dct", True)
        season = _words()["seasons"][unit]
        return Found(m.start(), m.end(), "DATE", season_value(ctx.dct, season, 0), None, "dct",
                     True)

    def _season_year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        season = _words()["seasons"][m["s"].lower()]
        mod = {"early": "START", "late": "END", "mid": "MID"}.get((m["mod"] or "").lower())
        return Found(m.start(), m.end(), "DATE", f"{m['y']}-{season}", mod)

    def _reference(self, m: re.Match[str], ctx: _Context) -> Found | None:
        word = re.sub(r"\s+", " ", m["word"].lower())
        if word == "now" and ctx.text[m.end():m.end() + 1] == "-":
            return None
        return Found(m.start(), m.end(), "DATE", _words()["references"][word])

    def _set_adverb(self, m: re.Match[str], ctx: _Context) -> Found | None:
        tokens = ctx.tokens_in(m.start(), m.end())
        if tokens and tokens[0].pos_ == "NOUN":
            return None  # "a daily", "the weekly" as newspapers
        return Found(m.start(), m.end(), "SET", _words()["set_adverbs"][m["word"].lower()])

    def _set_every(self, m: re.Match[str], ctx: _Context) -> Found | None:
        unit = m["unit"]
        lower = unit.lower()
        if lower in _words()["weekdays"]:
            return Found(m.start(), m.end(), "SET", f"XXXX-WXX-{_weekday_number(unit) + 1}")
        if lower in _words()["months"]:
            return Found(m.start(), m.end(), "SET", f"XXXX-{_month_number(unit):02d}")
        if lower in _words()["parts_of_day"]:
            return Found(m.start(), m.end(), "SET", f"TXX{self._pod(lower)}")
        every_other = "other" in m.group(0).lower()
        return Found(m.start(), m.end(), "SET", _duration(2 if every_other else 1, unit))

    def _set_times(self, m: re.Match[str], ctx: _Context) -> Found | None:
        return Found(m.start(), m.end(), "SET", _duration(1, m["unit"]))

    def _weekday_plural(self, m: re.Match[str], ctx: _Context) -> Found | None:
        return Found(m.start("wd"), m.end(), "SET", f"XXXX-WXX-{_weekday_number(m['wd']) + 1}")

    def _holiday(self, m: re.Match[str], ctx: _Context) -> Found | None:
        rule = _words()["holidays"][re.sub(r"\s+", " ", m["h"].lower())]
        if m["y"]:
            year = int(m["y"])
        elif ctx.dct is not None:
            year = ctx.dct.year
            if rule not in ("easter", "thanksgiving"):
                month, day_number = (int(part) for part in rule.split("-"))
                year = month_year(ctx.dct, month, ctx.direction(m.start()), day_number)
            elif ctx.direction(m.start()) == "past" and ctx.dct.month < 11:
                year -= 1 if rule == "thanksgiving" or ctx.dct.month < 3 else 0
        else:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        if rule == "easter":
            day = easter(year)
        elif rule == "thanksgiving":
            day = thanksgiving(year)
        else:
            month, day_number = (int(part) for part in rule.split("-"))
            day = date(year, month, day_number)
        return Found(m.start(), m.end(), "DATE", day.isoformat(), relative=not m["y"],
                     anchor=None if m["y"] else "dct")

    # -- running the grammar ---------------------------------------------------------------

    def candidates(self, ctx: _Context) -> Iterator[tuple[int, int, str, re.Match[str], Handler]]:
        present = ctx.words()
        for name, pattern, handler in self.patterns:
            required = self.required_words.get(name)
            if required is not None and required.isdisjoint(present):
                continue
            for match in pattern.finditer(ctx.text):
                yield match.start(), match.end(), name, match, handler

    def find(self, ctx: _Context) -> list[Found]:
        """Non-overlapping expressions, longest first where matches overlap, normalised in
        text order so that anaphoric ones read the expressions before them."""
        chosen: list[tuple[int, int, re.Match[str], Handler]] = []
        taken: list[tuple[int, int]] = []
        ordered = sorted(self.candidates(ctx), key=lambda c: (-(c[1] - c[0]), c[0]))
        for start, end, _name, match, handler in ordered:
            if any(start < e and s < end for s, e in taken):
                continue
            chosen.append((start, end, match, handler))
            taken.append((start, end))
        found: list[Found] = []
        for _start, _end, match, handler in sorted(chosen, key=lambda c: c[0]):
            result = handler(match, ctx)
            if result is None or result.end <= result.start:
                continue
            result = self._with_modifier(result, ctx)
            found.append(result)
            ctx.found.append(result)
            if result.type == "DATE" and granularity(result.value):
                ctx.reference = result.value
                if granularity(result.value) == "quarter" and result.anchor != "reference":
                    ctx.reference_quarter = result.value
        return found

    def _with_modifier(self, found: Found, ctx: _Context) -> Found:
        before = ctx.text[max(0, found.start - 24):found.start]
        m = self.modifier_before.search(before)
        if not m:
            return found
        phrase = re.sub(r"\s+", " ", m["mod"].lower())
        starts_with_the = ctx.text[found.start:found.start + 4].lower() == "the "
        if phrase in ("over", "some", "under", "about", "around") and (
                starts_with_the or found.type not in ("DURATION",)):
            return found  # "over the past year": the preposition, not a bound
        mod = _words()["modifiers"][phrase]
        start = found.start - (len(before) - m.start())
        return replace(found, start=start, mod=found.mod or mod)


@cache
def grammar() -> Grammar:
    return Grammar()


_DEADLINE_BEFORE = re.compile(r"(?i:by|until|till|before|no\s+later\s+than|deadline\s+of)\s+$")
# "the deadline currently stands at October 31": a date the sentence calls a deadline.
_DEADLINE_NAMED = re.compile(r"(?i:\bdeadline\b[^.;:!?]{0,30}\b(?:at|on|of|is|was|for)\s+$)")


def _in_infinitive(ctx: _Context, char: int) -> bool:
    """Whether the date belongs to a to-infinitive ("enough to start trading on July 1"):
    something meant or possible, which bounds the publication date neither way."""
    token = ctx.token_at(char)
    for _ in range(8):
        if token is None or token.head is token:
            return False
        if token.pos_ in ("VERB", "AUX"):
            if token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                          for c in token.children):
                return True
            if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
                return False  # a finite verb: the clause has its own tense
        token = token.head
    return False


def _written_date_clues(found: list[Found], ctx: _Context) -> list[DateClue]:
    """The dates written in full in the text, as bounds of its publication date: a reported
    day lies on or before it, a deadline or a plan ("by December 31, 2021", "will vote on
    …") after it. A date whose written weekday contradicts it ("Tuesday, January 8, 2020" was
    a Wednesday) is a typo somewhere and is not trusted."""
    clues = []
    for f in found:
        if f.type != "DATE" or f.relative or f.weekday_agrees is False:
            continue
        day = parse_reference(f.value) if granularity(f.value) == "day" else None
        text = ctx.text[f.start:f.end]
        ahead = (_DEADLINE_BEFORE.search(ctx.text[max(0, f.start - 20):f.start])
                 or _DEADLINE_NAMED.search(ctx.text[max(0, f.start - 60):f.start])
                 or ctx.direction(f.start) == "future")
        if day is not None and not ahead and _in_infinitive(ctx, f.start):
            continue
        if day is not None and ahead:
            clues.append(DateClue("deadline", text, f.start, f.end, ((FIRST_DAY, day),)))
        elif day is not None:
            clues.append(DateClue("reported date", text, f.start, f.end, ((day, LAST_DAY),)))
        elif (granularity(f.value) == "year" and f.value and f.value.isdigit()
              and ctx.direction(f.start) == "past"):
            # A bare year bounds the date only in a clause in the past tense: business news
            # writes "in 1990" of forecasts as often as of results.
            first = date(int(f.value), 1, 1)
            clues.append(DateClue("reported year", text, f.start, f.end, ((first, LAST_DAY),)))
    return clues


def infer_publication_date(found: list[Found], ctx: _Context) -> PublicationDate | None:
    """The publication date the text allows: every clue it gives, met (publication_date)."""
    sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents] \
        if ctx.doc.has_annotation("SENT_START") else [(0, len(ctx.text))]
    clues = (_written_date_clues(found, ctx) + office_clues(ctx.text)
             + dated_event_clues(ctx.text, sentences))
    return choose_date(clues)


@Language.factory("presslens_timexes")
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger()


class TimexTagger:
    """Finds and normalises the document's time expressions into ``doc._.timexes``."""

    def __call__(self, doc: Doc) -> Doc:
        dct = parse_reference(doc._.dct)
        context = _Context(doc, dct)
        found = grammar().find(context)
        if dct is None:
            inferred = infer_publication_date(found, context)
            if inferred is not None and inferred.date is not None:
                doc._.dct = inferred.date.isoformat()
                doc._.dct_inferred = True
                doc._.dct_evidence = {
                    "earliest": inferred.earliest and inferred.earliest.isoformat(),
                    "latest": inferred.latest and inferred.latest.isoformat(),
                    "clues": inferred.evidence()}
                found = grammar().find(_Context(doc, inferred.date))
        text = doc_text(doc)
        doc._.timexes = [self._record(text, f, index) for index, f in enumerate(found, 1)]
        return doc

    @staticmethod
    def _record(text: str, found: Found, index: int) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": f"t{index}",
            "start": found.start,
            "end": found.end,
            "text": text[found.start:found.end],
            "type": found.type,
            "value": found.value,
        }
        if found.mod:
            record["mod"] = found.mod
        record["anchor"] = found.anchor if found.relative else None
        return record
