"""The publication date an undated article's own text allows, with the clues it rests on.

An article that came without a date still says when it was written: the dates it reports
(it was written on or after the last of them), the deadlines it looks ahead to (before
them), the office holders it names as current or as "former" (inside or after their terms:
``lexicons/office_terms.tsv``), and the dated events it places in time ("last year's
assassination of ..." of an event in ``lexicons/dated_events.json``). Each clue allows a set
of days; the publication date lies where they all meet. A clue that contradicts the stronger
ones before it is left out and said so, since one typo must not empty the window.

A date is chosen only where the text narrows it: in a window of a year at most, in one
closed by a date line at the text's end (the page's own stamp), or where the latest day
reported is written with its weekday, which news style keeps for days within a week of the
writing. It is the latest reported day in the window (news is written on or just after the
last day it reports); without one, the last day before the deadline the text looks ahead to,
which is the latest date consistent with every clue; else the window's first day, since the
end of a term of office bounds an article only loosely (an article naming "President Trump"
may be four years older than the term's end). A window open on one side ("on or after March
18, 1965") or years wide is reported without a date: a guessed reference date would
misplace every relative date of the article.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from presslens.components.timexes.context import Context, Found
from presslens.components.timexes.tense import in_infinitive
from presslens.components.timexes.words import time_words
from presslens.lexicons import lexicon_json, lexicon_lines
from presslens.temporal import granularity, parse_reference

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
Interval = tuple[date, date]
# The widest window a date is chosen in: a year. Wider or open windows are reported without
# a date; on the development texts, the latest full date of a text whose window is open
# above was more than a year before its publication in over half of them (birth dates,
# anniversaries, earlier events).
WIDEST_GUESS_DAYS = 366

# How much each kind of clue is trusted when two disagree, strongest first. A dateline's
# month and day ("TEHRAN, Dec. 2 (IRNA) –") is the outlet's own stamp, so it comes first.
CLUE_STRENGTH = ("dateline day", "closing date line", "reported date", "deadline", "dated event",
                 "office holder", "former office holder", "reported year")
_FORMER = re.compile(r"(?i:\b(?:former|then|ex|late|erstwhile|outgoing|previous|past)[\s-]+)$")
# A word before the title that makes it another office, or "-elect" after it: no holder.
# An acting or interim holder stands in, outside the term the table lists.
_SUBORDINATE = "|".join([*lexicon_lines("subordinate_titles.txt"), "acting", "interim"])
_OTHER_OFFICE = re.compile(rf"(?i:\b(?:{_SUBORDINATE})[\s-]+)$")
_ELECT = re.compile(r"(?i:[\w. ]{0,40}?-elect\b)")
# "a President Trump would ...", "the would-be president": a holder imagined, not in office.
_IMAGINED = re.compile(r"(?i:\b(?:a|an|would-be|future|potential|possible)\s+)$")
# "If President Trump wins", "once Obama is former president Obama": a holder imagined or
# to come, the subject of a clause of condition or time. Only right after its conjunction:
# "if the House votes to impeach President Trump" names the holder in office.
_CONDITIONAL = re.compile(r"(?i:\b(?:if|once|unless)\s+(?:[\w’'-]+\s+){0,3})$")
# Function words a Title Case headline capitalises: never part of a name.
_HEADLINE_WORDS = r"(?:On|Of|To|For|And|Or|The|In|At|By|With|From|Says|Said|Is|Was|Vs)"
# A reported day at most this many days before a dateline's month and day places the
# dateline in the year that follows it: news is written on, or within days of, the last day
# it reports (the rule that keeps a weekday in a date, see ``DateClue.weekday``).
DATELINE_RECENT_DAYS = 7
_YEARS_AGO = re.compile(r"(?i:\b(last|this|(?P<n>two|three|four|five|\d)\s+years?\s+ago))")


@dataclass(frozen=True, slots=True)
class DateClue:
    """One thing the text says that bounds its publication date."""

    kind: str
    text: str
    start: int
    end: int
    allowed: tuple[Interval, ...]
    used: bool = True
    # A day written with its weekday ("Sunday, January 5, 2020"): news style keeps the
    # weekday for days within a week of the writing, so such a day is a recent one.
    weekday: bool = False
    # The clue is read from the dateline, which the cleaning took out of the text: it has no
    # span in the text.
    in_dateline: bool = False

    def to_dict(self) -> dict:
        if self.in_dateline:
            first = self.allowed[0][0]
            return {"clue": self.kind, "text": self.text, "start": None, "end": None,
                    "source": "dateline", "month_day": f"--{first:%m-%d}",
                    "earliest": None, "latest": None, "used": self.used}
        first = min(a for a, _ in self.allowed)
        last = max(b for _, b in self.allowed)
        return {"clue": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "earliest": None if first == FIRST_DAY else first.isoformat(),
                "latest": None if last == LAST_DAY else last.isoformat(), "used": self.used}


@dataclass(slots=True)
class PublicationDate:
    """The date chosen, the window every clue used allows, and the clues."""

    # datetime.date, because inside the class body ``date`` names the field.
    date: datetime.date | None
    earliest: datetime.date | None
    latest: datetime.date | None
    clues: list[DateClue] = field(default_factory=list)

    def evidence(self) -> list[dict]:
        return [clue.to_dict() for clue in self.clues]


def intersect(a: tuple[Interval, ...], b: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The days two unions of intervals share.

    >>> intersect(((date(2020, 1, 1), date(2020, 12, 31)),), ((date(2020, 6, 1), LAST_DAY),))
    ((datetime.date(2020, 6, 1), datetime.date(2020, 12, 31)),)
    """
    out = [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b if max(x0, y0) <= min(x1, y1)]
    return tuple(sorted(out))


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    office: str
    pattern: re.Pattern[str]
    start: date
    end: date


@cache
def office_terms() -> tuple[OfficeTerm, ...]:
    terms = []
    for line in lexicon_lines("office_terms.tsv"):
        # A holder still in office has no end: the line then has four fields.
        office, titles, names, start, end = (line.split("\t") + [""])[:5]
        # Titles in any case ("former US president Donald Trump"), names as written.
        # Up to two more name words between title and name ("President Barack Hussein
        # Obama"), never a capitalised function word of a headline ("CNN President On Trump").
        pattern = re.compile(rf"\b(?i:{titles})\s+(?:(?!{_HEADLINE_WORDS}\s)[A-Z][\w.'’\-]*\s+)"
                             rf"{{0,2}}?(?:{names})\b")
        terms.append(OfficeTerm(office, pattern, date.fromisoformat(start),
                                date.fromisoformat(end) if end else LAST_DAY))
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class DatedEvent:
    name: str
    day: date
    names: re.Pattern[str]
    words: re.Pattern[str]


@cache
def dated_events() -> tuple[DatedEvent, ...]:
    events = []
    for item in lexicon_json("dated_events.json")["events"]:
        names = "|".join(re.escape(n) for n in item["names"])
        words = "|".join(re.escape(w) for w in item["words"])
        events.append(DatedEvent(item["name"], date.fromisoformat(item["date"]),
                                 re.compile(rf"(?i:\b(?:{names}))"),
                                 re.compile(rf"(?i:\b(?:{words})\b)")))
    return tuple(events)


def office_clues(text: str) -> list[DateClue]:
    """Office holders named with their title: inside their term, or after it when "former".

    >>> [c.kind for c in office_clues("former US president Donald Trump met President Biden")]
    ['former office holder', 'office holder']
    """
    clues: list[DateClue] = []
    by_span: dict[tuple[int, int], list[tuple[OfficeTerm, bool]]] = {}
    for term in office_terms():
        for match in term.pattern.finditer(text):
            before = text[max(0, match.start() - 20):match.start()]
            if _OTHER_OFFICE.search(before) or _ELECT.match(text, match.start()) \
                    or _IMAGINED.search(before) \
                    or _CONDITIONAL.search(text[max(0, match.start() - 40):match.start()]):
                continue  # "Vice President Joe Biden", "President-elect Biden", "a President
                # Trump": not the office held
            former = bool(_FORMER.search(before))
            by_span.setdefault((match.start(), match.end()), []).append((term, former))
    for (start, end), terms in sorted(by_span.items()):
        former = terms[0][1]
        office = terms[0][0].office
        # Every term of this holder of this office: a second term makes "former" two gaps.
        spans = sorted((t.start, t.end) for t, _ in terms if t.office == office)
        if former:
            allowed: list[Interval] = []
            for index, (_, term_end) in enumerate(spans):
                gap_end = spans[index + 1][0] - timedelta(days=1) if index + 1 < len(spans) \
                    else LAST_DAY
                if term_end < gap_end:
                    allowed.append((term_end, gap_end))
            kind = "former office holder"
        else:
            allowed = spans
            kind = "office holder"
        if allowed:
            clues.append(DateClue(kind, text[start:end], start, end, tuple(allowed)))
    return clues


def dated_event_clues(text: str, sentences: list[tuple[int, int]]) -> list[DateClue]:
    """Known events the text names: it was written after them, and in the year a relative
    reference gives ("last year's assassination of ...": the year after the event).

    >>> text = "Protests grew since last year's assassination of Qassem Soleimani."
    >>> clue = dated_event_clues(text, [(0, len(text))])[0]
    >>> clue.to_dict()["earliest"], clue.to_dict()["latest"]
    ('2021-01-01', '2021-12-31')
    """
    clues = []
    for start, end in sentences:
        sentence = text[start:end]
        for event in dated_events():
            named = event.names.search(sentence)
            word = event.words.search(sentence)
            if not named or not word:
                continue
            first, last = event.day, LAST_DAY
            near = sentence[max(0, word.start() - 40):word.end() + 40]
            relative = _YEARS_AGO.search(near)
            if relative:
                if relative["n"]:
                    years = int(time_words()["numbers"].get(relative["n"].lower())
                                or relative["n"])
                elif relative[1].lower() == "last":
                    years = 1
                else:
                    years = 0
                year = event.day.year + years
                first, last = max(first, date(year, 1, 1)), date(year, 12, 31)
            clue_start = start + min(named.start(), word.start())
            clue_end = start + max(named.end(), word.end())
            clues.append(DateClue("dated event", text[clue_start:clue_end], clue_start,
                                  clue_end, ((first, last),)))
    return clues


def choose_date(clues: list[DateClue]) -> PublicationDate | None:
    """Meet the clues, strongest first, leaving out any that would empty the window."""
    if not clues:
        return None
    ordered = sorted(clues, key=lambda c: (CLUE_STRENGTH.index(c.kind), c.start))
    window: tuple[Interval, ...] = ((FIRST_DAY, LAST_DAY),)
    kept: list[DateClue] = []
    for clue in ordered:
        narrowed = intersect(window, clue.allowed)
        if narrowed:
            window = narrowed
            kept.append(clue)
        else:
            kept.append(replace(clue, used=False))
    earliest, latest = window[0][0], window[-1][1]
    if any(c.used and c.in_dateline for c in kept):
        return _dateline_date(window, kept)
    reported = [c for c in kept if c.used and c.kind == "reported date"
                and any(a <= c.allowed[0][0] <= b for a, b in window)]
    inside = [c.allowed[0][0] for c in reported]
    recent = [c.allowed[0][0] for c in reported if c.weekday]
    deadline_bound = any(c.used and c.kind == "deadline" and c.allowed[-1][1] == latest
                         for c in kept)
    closing_line = any(c.used and c.kind == "closing date line" and c.allowed[-1][1] == latest
                       for c in kept)
    narrow = (earliest != FIRST_DAY and latest != LAST_DAY
              and (latest - earliest).days <= WIDEST_GUESS_DAYS)
    if closing_line or narrow:
        if inside:
            chosen = max(inside)
        elif closing_line or deadline_bound:
            chosen = latest
        else:
            chosen = earliest
    elif recent and max(recent) == max(inside):
        chosen = max(recent)  # the latest day reported is written as a recent one
    else:
        # A window open on one side ("on or after March 18, 1965", the one full date of an
        # obituary) or years wide ("President Obama": 2009 to 2017) is reported, but holds
        # no date worth reading the article's "on Friday" from.
        chosen = None
    return PublicationDate(
        chosen, None if earliest == FIRST_DAY else earliest,
        None if latest == LAST_DAY else latest,
        sorted(kept, key=lambda c: c.start))


def dateline_clue(text: str, month: int, day: int) -> DateClue:
    """The month and day of a dateline without a year: the text was published on that day of
    some year (February 29 of a leap year)."""
    days = []
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        try:
            days.append(date(year, month, day))
        except ValueError:  # February 29 outside a leap year
            continue
    return DateClue("dateline day", text, 0, 0, tuple((d, d) for d in days), in_dateline=True)


def _dateline_date(window: tuple[Interval, ...], kept: list[DateClue]) -> PublicationDate:
    """The date where a dateline gives the month and day: the one day of that month and day
    the other clues allow; else the first after the latest day the text reports, where that
    is within ``DATELINE_RECENT_DAYS``; else the latest before a date line closing the
    text. The window is bounded only by the other clues."""
    days = [first for first, _ in window]
    others = [c for c in kept if c.used and not c.in_dateline]
    bounded_below = any(min(a for a, _ in c.allowed) > FIRST_DAY for c in others)
    bounded_above = any(max(b for _, b in c.allowed) < LAST_DAY for c in others)
    reported = [c.allowed[0][0] for c in others if c.kind == "reported date"]
    chosen = None
    if len(days) == 1:
        chosen = days[0]
    elif any(c.kind == "closing date line" for c in others):
        chosen = days[-1]
    elif reported and (days[0] - max(reported)).days <= DATELINE_RECENT_DAYS:
        chosen = days[0]
    return PublicationDate(chosen, days[0] if bounded_below else None,
                           days[-1] if bounded_above else None,
                           sorted(kept, key=lambda c: c.start))


_DEADLINE_BEFORE = re.compile(r"(?i:by|until|till|before|no\s+later\s+than|deadline\s+of)\s+$")
# "the deadline currently stands at October 31": a date the sentence calls a deadline.
# Not across a comma: "Despite an extension of the deadline, the amendment died, on June 30,
# 1982" tells what happened on the day.
_DEADLINE_NAMED = re.compile(r"(?i:\bdeadline\b[^.,;:!?]{0,30}\b(?:at|on|of|is|was|for)\s+$)")
# "a referendum called for June 5", "premiums rose for 2016": the day or year something is
# meant for, which may lie either side of the writing.
_MEANT_FOR = re.compile(r"(?i:\bfor\s+$)")
# The far end of a span of years ("from 2018 to 2020", "between 2015 and 2019") may lie ahead.
_RANGE_END = re.compile(r"(?i:(?:\b(?:to|through|until|till|thru)|[-\u2013\u2014]|"
                        r"\bbetween\s+\S+\s+and)\s*$)")
# "for the first time since June 25, 2007, … won't appear": a day since which something holds
# lies behind the writing, whatever the tense of the clause.
_SINCE = re.compile(r"(?i:\bsince\s+$)")
# A date alone on the text's last line: the page's own stamp (a print date, "updated"), so
# the text was published on or before it.
_CLOSING_LINE = re.compile(r"\n[ \t]*$")


def written_date_clues(found: list[Found], ctx: Context) -> list[DateClue]:
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
        if day is not None and _closing_line(ctx.text, f):
            clues.append(DateClue("closing date line", text, f.start, f.end,
                                  ((FIRST_DAY, day),)))
            continue
        if _MEANT_FOR.search(ctx.text[max(0, f.start - 10):f.start]):
            continue
        since = _SINCE.search(ctx.text[max(0, f.start - 12):f.start])
        ahead = not since and bool(
            _DEADLINE_BEFORE.search(ctx.text[max(0, f.start - 20):f.start])
            or _DEADLINE_NAMED.search(ctx.text[max(0, f.start - 60):f.start])
            or ctx.direction(f.start) == "future")
        if day is not None and not ahead and in_infinitive(ctx.token_at(f.start)):
            continue
        if day is not None and ahead:
            clues.append(DateClue("deadline", text, f.start, f.end, ((FIRST_DAY, day),)))
        elif day is not None:
            clues.append(DateClue("reported date", text, f.start, f.end, ((day, LAST_DAY),),
                                  weekday=f.weekday_agrees is True))
        elif (granularity(f.value) == "year" and f.value and f.value.isdigit()
              and (since or ctx.direction(f.start) == "past") and not _names_a_thing(ctx, f)
              and not _RANGE_END.search(ctx.text[max(0, f.start - 20):f.start])):
            # A bare year bounds the date only in a clause in the past tense: business news
            # writes "in 1990" of forecasts as often as of results.
            first = date(int(f.value), 1, 1)
            clues.append(DateClue("reported year", text, f.start, f.end, ((first, LAST_DAY),)))
    return clues


def _closing_line(text: str, f: Found) -> bool:
    """Whether the date stands alone on the text's last line ("Friday, December 4, 2015.")."""
    line_start = text.rfind("\n", 0, f.start) + 1
    return (line_start > 0 and not text[line_start:f.start].strip()
            and not text[f.end:].strip(" \t\n."))


def _names_a_thing(ctx: Context, f: Found) -> bool:
    """Whether a bare year modifies the noun after it ("the 2016 race", "a 2016 mandate"): it
    names the election, budget or model by its year, which may lie ahead of the writing."""
    token = ctx.token_at(f.start)
    return (token is not None and token.dep_ in ("nummod", "compound", "amod", "npadvmod")
            and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN", "ADJ"))


def infer_publication_date(found: list[Found], ctx: Context) -> PublicationDate | None:
    """The publication date the text allows: every clue it gives, met."""
    sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents] \
        if ctx.doc.has_annotation("SENT_START") else [(0, len(ctx.text))]
    clues = (written_date_clues(found, ctx) + office_clues(ctx.text)
             + dated_event_clues(ctx.text, sentences))
    stamp = ctx.doc._.dateline_day
    if stamp:
        clues.append(dateline_clue(stamp["text"], stamp["month"], stamp["day"]))
    return choose_date(clues)
