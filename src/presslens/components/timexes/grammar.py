"""The grammar of time expressions: regular expressions over the text built from the word
lists of ``lexicons/time_words.json``, each pattern with the handler that normalises its
matches (``normalise.py``), and how they are run: the longest match wins where two overlap,
and the matches are normalised in text order, so that "a year earlier" reads the date before
it.

A pattern is not run over a text that lacks every word its matches hold (``required_words``):
scanning an article costs a pattern the same whether it matches or not, and most patterns are
rare.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from presslens.components.timexes.context import LETTER_RUN, Context, Found
from presslens.components.timexes.normalise import Handler, Normaliser
from presslens.components.timexes.words import SEASON, alternatives, time_words
from presslens.temporal import granularity

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
_PART_OF_DAY = "morning|afternoon|evening|night"
_B = r"(?<!\w)"  # a word starts here
_E = r"(?![\w-])"  # a word ends here


def _number_pattern() -> str:
    words = time_words()["numbers"]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = "one|two|three|four|five|six|seven|eight|nine"
    compound = rf"(?:{tens})[-\s](?:{units})"
    return rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|{compound}|{alternatives(words)})"


def _vague_pattern() -> str:
    return alternatives(time_words()["vague_numbers"])


class Grammar(Normaliser):
    """The patterns, compiled once, each with the function that normalises its matches."""

    def __init__(self) -> None:
        words = time_words()
        number = _number_pattern()
        vague = _vague_pattern()
        modifiers = alternatives(words["modifiers"])
        references = alternatives(words["references"])
        holidays = alternatives(words["holidays"], capital=True)
        set_adverbs = alternatives(words["set_adverbs"])
        ordinal = alternatives(words["ordinals"])
        decades = alternatives(words["decades"])
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
                rf"(?:(?P<y>1[5-9]\d0|20\d0)s|['’](?P<yy>\d0)s|(?P<word>(?i:{decades}))){_E}"),
             self._decade),
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
                rf"(?i:{_B}(?P<rel>{rel})\s+(?P<unit>{_UNIT_SINGULAR}|{SEASON}){_E})"),
             self._relative_unit),
            ("the_unit", re.compile(
                rf"(?i:{_B}the\s+(?P<unit>year|week|weekend|month|quarter|{SEASON}){_E})"),
             self._the_unit),
            ("season", re.compile(
                rf"(?i:{_B}(?:(?P<mod>early|late|mid)[-\s]+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))){_E}"),
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
        months = list(words["months"])
        weekdays = "monday tuesday wednesday thursday friday saturday sunday".split()
        singular, seasons = _UNIT_SINGULAR.split("|"), SEASON.split("|")
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
                ("decade", ["s", *words["decades"]]),
                ("century", ["century", "centuries"]),
                ("quarter", ["quarter", "half"]),
                ("named_quarter", ["quarter", "period"]),
                ("year_ago_adj", ["ago", "earlier"]),
                ("year_end", ["end"]),
                ("fiscal_year", ["fiscal"]),
                ("spelled_year", ["nineteen"]),
                ("season", SEASON.split("|")),
                ("set_adverb", [w.lower() for w in words["set_adverbs"]]),
                ("set_every", ["every", "each"]),
                ("set_times", ["once", "twice", "times"]),
                ("holiday", [LETTER_RUN.findall(h.lower())[0] for h in words["holidays"]]),
                # The unit word ends every quantity ("three days", "a couple of weeks");
                # _UNIT is these words, singular and plural.
                ("quantity", units),
                ("bare_plural", [w for w in units if w.endswith("s")]),
                ("relative_unit", [*singular, *seasons]),
                ("the_unit", ["year", "week", "weekend", "month", "quarter", *seasons]),
                # "the near future", "these days": each reference ends on one of these
                ("reference", [LETTER_RUN.findall(r.lower())[-1] for r in words["references"]]),
            )}


    def candidates(self, ctx: Context) -> Iterator[tuple[int, int, str, re.Match[str], Handler]]:
        present = ctx.words()
        for name, pattern, handler in self.patterns:
            required = self.required_words.get(name)
            if required is not None and required.isdisjoint(present):
                continue
            for match in pattern.finditer(ctx.text):
                yield match.start(), match.end(), name, match, handler

    def find(self, ctx: Context) -> list[Found]:
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

    def _with_modifier(self, found: Found, ctx: Context) -> Found:
        before = ctx.text[max(0, found.start - 24):found.start]
        m = self.modifier_before.search(before)
        if not m:
            return found
        phrase = re.sub(r"\s+", " ", m["mod"].lower())
        starts_with_the = ctx.text[found.start:found.start + 4].lower() == "the "
        if phrase in ("over", "some", "under", "about", "around") and (
                starts_with_the or found.type not in ("DURATION",)):
            return found  # "over the past year": the preposition, not a bound
        mod = time_words()["modifiers"][phrase]
        start = found.start - (len(before) - m.start())
        return replace(found, start=start, mod=found.mod or mod)


@cache
def grammar() -> Grammar:
    return Grammar()
