"""What each match of the time grammar normalises to: a TIMEX3 type and value, a ``mod``
where the text qualifies it, and what a relative value was read from (``anchor``). A handler
may also reject its match (``None``): "may" the verb, "Friday prayers", a year that counts
troops.

Relative values are read from the document creation time (the DCT) with the calendar
arithmetic of ``presslens.temporal``; the clause tense (``tense.py``) decides whether an
unmarked weekday or month lies before it or after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from presslens.components.timexes.context import Context, Found
from presslens.components.timexes.not_dates import month_is_date, year_is_date
from presslens.components.timexes.words import (
    SEASON,
    duration,
    is_time_unit,
    leading_number,
    month_number,
    number_value,
    time_words,
    unit_code,
    weekday_number,
)
from presslens.temporal import (
    easter,
    granularity,
    month_year,
    quarter_of,
    season_value,
    shift,
    shift_value,
    thanksgiving,
    week_value,
    weekday_date,
)

_TIME_ZONE = re.compile(r"[A-Z]{1,2}[SD]?T|GMT|UTC")

Handler = Callable[[re.Match[str], Context], Found | None]


class Normaliser:
    """The handlers of the grammar's patterns: each takes a match and the document's context
    and gives the ``Found`` it normalises to, or ``None`` to reject it."""

    # The grammar's patterns, by name: "two days after January 3" reads the date after it.
    patterns: list[tuple[str, re.Pattern[str], Handler]]

    def _iso(self, m: re.Match[str], ctx: Context) -> Found | None:
        try:
            value = date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            return None
        return Found(m.start(), m.end(), "DATE", value)

    def _full_date(self, m: re.Match[str], ctx: Context) -> Found | None:
        month = month_number(m["m1"] or m["m2"])
        day = leading_number(m["d1"] or m["d2"])
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
        agrees = None if not m["wd"] else day_date.weekday() == weekday_number(m["wd"])
        return Found(m.start(), m.end(), "DATE", day_date.isoformat(), relative=relative,
                     anchor="dct" if relative else None, weekday_agrees=agrees)

    def _month_year(self, m: re.Match[str], ctx: Context) -> Found | None:
        year = m["y"]
        if year.startswith(("'", "’")):
            year = ("19" if int(year[1:]) > 30 else "20") + year[1:]
        return Found(m.start(), m.end(), "DATE", f"{int(year):04d}-{month_number(m['m']):02d}")

    def _month(self, m: re.Match[str], ctx: Context) -> Found | None:
        if not month_is_date(m, ctx):
            return None
        month = month_number(m["m"])
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

    def _weekday(self, m: re.Match[str], ctx: Context) -> Found | None:
        following = ctx.text[m.end():m.end() + 24].lower()
        head = re.match(r"\s*(?:['’]s\s+)?([a-z]+)", following)
        if head and head[1] in time_words()["not_dates_after_weekday"] and not m["pod"]:
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
        value = weekday_date(ctx.dct, weekday_number(m["wd"]), direction)
        mod = {"early": "START", "late": "END"}.get(rel)
        if m["pod"]:
            return Found(m.start(), m.end(), "TIME", f"{value}T{self._pod(m['pod'])}", mod,
                         "dct", True)
        return Found(m.start(), m.end(), "DATE", value, mod, "dct", True)

    @staticmethod
    def _pod(word: str) -> str:
        return time_words()["parts_of_day"][word.lower()]

    def _deictic(self, m: re.Match[str], ctx: Context) -> Found | None:
        word = m["word"].lower()
        pod = m["pod"] or ("night" if word == "tonight" else None)
        kind = "TIME" if pod else "DATE"
        if ctx.dct is None:
            return Found(m.start(), m.end(), kind, None, relative=True)
        value = shift(ctx.dct, "D", time_words()["deictic_days"][word])
        mod = {"early": "START", "late": "END", "later": "END"}.get((m["rel"] or "").lower())
        if pod:
            value = f"{value}T{self._pod(pod)}"
        return Found(m.start(), m.end(), kind, value, mod, "dct", True)

    def _part_of_day(self, m: re.Match[str], ctx: Context) -> Found | None:
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

    def _clock(self, m: re.Match[str], ctx: Context) -> Found | None:
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
        day = self._day_after_clock(m, ctx, ctx.dct, start)
        return Found(start, end, "TIME", f"{day}{clock}", None, "dct", True)

    @staticmethod
    def _day_after_clock(m: re.Match[str], ctx: Context, dct: date, char: int) -> str:
        """The day a clock time names after it ("3 p.m. Friday", "noon tomorrow"), read
        from the DCT and the tense of the clause at ``char``; else the DCT itself."""
        day = dct.isoformat()
        if m["wd"]:
            word = m["wd"].lower()
            if word in time_words()["deictic_days"]:
                day = shift(dct, "D", time_words()["deictic_days"][word]) or day
            else:
                day = weekday_date(dct, weekday_number(m["wd"]), ctx.direction(char))
        return day

    def _noon(self, m: re.Match[str], ctx: Context) -> Found | None:
        if ctx.dct is None:
            return Found(m.start(), m.end(), "TIME", None, relative=True)
        day = self._day_after_clock(m, ctx, ctx.dct, m.start())
        return Found(m.start(), m.end(), "TIME", f"{day}T{self._pod(m['word'])}", None, "dct",
                     True)

    def _decade(self, m: re.Match[str], ctx: Context) -> Found | None:
        if m["y"]:
            decade = m["y"][:3]
        elif m["yy"]:
            decade = ("19" if int(m["yy"]) > 20 else "20") + m["yy"][0]
        else:
            decade = time_words()["decades"][m["word"].lower()]
        mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["mod"] or "").lower())
        return Found(m.start(), m.end(), "DATE", decade, mod)

    def _century(self, m: re.Match[str], ctx: Context) -> Found | None:
        ordinal = m["ord"].lower()
        number = time_words()["ordinals"].get(ordinal) or leading_number(ordinal)
        return Found(m.start(), m.end(), "DATE", f"{number - 1:02d}")

    def _quarter(self, m: re.Match[str], ctx: Context) -> Found | None:
        ordinal = time_words()["ordinals"][m["ord"].lower()]
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

    def _latest_quarter(self, ctx: Context) -> str | None:
        if ctx.reference_quarter:
            return ctx.reference_quarter
        if ctx.dct is None:
            return None
        # Reports speak of the last completed quarter.
        return shift(ctx.dct, "Q", -1)

    def _named_quarter(self, m: re.Match[str], ctx: Context) -> Found | None:
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

    def _year_ago(self, m: re.Match[str], ctx: Context) -> Found | None:
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        base = ctx.reference_quarter or f"{ctx.dct.year:04d}"
        return Found(m.start(), m.end(), "DATE", shift_value(base, "Y", -1), None, "reference",
                     True)

    def _year(self, m: re.Match[str], ctx: Context) -> Found | None:
        if not year_is_date(m, ctx):
            return None
        return Found(m.start(), m.end(), "DATE", m["y"])

    def _year_end(self, m: re.Match[str], ctx: Context) -> Found | None:
        if m["y"]:
            return Found(m.start(), m.end(), "DATE", m["y"], "END")
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, "END", relative=True)
        return Found(m.start(), m.end(), "DATE", f"{ctx.dct.year:04d}", "END", "dct", True)

    def _fiscal_year(self, m: re.Match[str], ctx: Context) -> Found | None:
        if ctx.dct is None:
            return Found(m.start(), m.end(), "DATE", None, relative=True)
        offset = {"last": -1, "previous": -1, "next": 1}.get((m["rel"] or "").strip().lower(), 0)
        return Found(m.start(), m.end(), "DATE", f"{ctx.dct.year + offset:04d}", None, "dct",
                     True)

    def _spelled_year(self, m: re.Match[str], ctx: Context) -> Found | None:
        numbers = time_words()["numbers"]
        year = 1900 + numbers[m["tens"].lower()] + (numbers[m["unit"].lower()] if m["unit"] else 0)
        return Found(m.start(), m.end(), "DATE", str(year))

    def _quantity(self, m: re.Match[str], ctx: Context) -> Found | None:
        if m["age"]:
            return None  # ages are not times
        unit = m["unit"]
        num_text = m["num"].lower()
        vague = num_text in time_words()["vague_numbers"] or re.sub(r"\s+", " ", num_text) in \
            time_words()["vague_numbers"]
        amount = None if vague else number_value(num_text)
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
        code = unit_code(unit)
        if code in ("Q",) and amount and rel in ("first", "past", "last", "next"):
            return Found(m.start(), m.end(), "DURATION", f"P{int(amount)}Q")
        return Found(m.start(), m.end(), "DURATION", duration(amount, unit))

    def _shifted(self, m: re.Match[str], ctx: Context, amount: float | None, unit: str,
                 direction: str) -> Found | None:
        sign = 1 if direction in ("later", "after", "from now", "hence") else -1
        start, end = m.start(), m.end()
        if direction in ("before", "after", "since"):
            # "two days after the attack": a date when the anchor has one, else a length.
            length_end = m.start("dir") - 1
            anchored = self._anchored(m, ctx, amount, unit, sign) if direction != "since" else None
            if anchored is not None:
                return anchored
            return Found(start, length_end, "DURATION", duration(amount, unit))
        if direction in ("earlier", "later") and unit_code(unit) not in ("Y", "DE", "CE"):
            # "three days later" measures from a time the text set earlier; TimeML codes
            # it as a length.
            return Found(start, end, "DURATION", duration(amount, unit))
        code = unit_code(unit)
        if is_time_unit(unit):
            code = "D"  # "three hours ago" is today's date at day granularity
            amount = 0 if amount is None else amount / {"H": 24, "M": 1440, "S": 86400}[
                unit_code(unit)]
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

    def _anchored(self, m: re.Match[str], ctx: Context, amount: float | None, unit: str,
                  sign: int) -> Found | None:
        """The date of "N units after/before X": X a date written right there, or an event
        ("the attack") dated earlier in the text."""
        if amount is None or is_time_unit(unit):
            return None
        code = "W" if unit_code(unit) == "WE" else unit_code(unit)
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

    def _date_at(self, ctx: Context, char: int) -> str | None:
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

    def _bare_plural(self, m: re.Match[str], ctx: Context) -> Found | None:
        rel = (m["rel"] or "").lower()
        unit = m["unit"]
        if rel in ("recent", "past") and not m.group(0).lower().startswith("the"):
            return Found(m.start(), m.end(), "DATE", "PAST_REF")
        if rel in ("coming", "upcoming"):
            return Found(m.start(), m.end(), "DATE", "FUTURE_REF")
        if rel in ("next", "following"):
            return Found(m.start(), m.end(), "DURATION", duration(None, unit))
        if rel in ("past", "last", "previous", "recent"):
            return Found(m.start(), m.end(), "DURATION", duration(None, unit))
        tokens = ctx.tokens_in(m.start("unit"), m.end("unit"))
        if tokens and tokens[0].dep_ in ("compound",):
            return None
        if m.group(0).lower().startswith("the "):
            return None  # "the years of war" names a period, not a length
        return Found(m.start(), m.end(), "DURATION", duration(None, unit))

    def _relative_unit(self, m: re.Match[str], ctx: Context) -> Found | None:
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
                   "the following") and unit not in ("weekend",) and unit not in SEASON:
            if rel in ("the following",):
                if ctx.reference:
                    value = shift_value(ctx.reference, unit_code(unit), 1)
                    return Found(m.start(), m.end(), "DATE", value, None, "reference", True)
                return None
            return Found(m.start(), m.end(), "DURATION", duration(1, unit))
        offset = {"this": 0, "current": 0, "the current": 0, "this coming": 1, "this past": -1,
                  "last": -1, "next": 1, "previous": -1, "the previous": -1, "past": -1,
                  "coming": 1, "following": 1, "the same": 0}.get(rel)
        if offset is None:
            return None
        if unit in SEASON.split("|"):
            season = time_words()["seasons"][unit]
            return Found(m.start(), m.end(), "DATE", season_value(ctx.dct, season, offset), mod,
                         "dct", True)
        if rel == "the same":
            if ctx.reference:
                return Found(m.start(), m.end(), "DATE", ctx.reference, mod, "reference", True)
            return None
        code = unit_code(unit)
        if code == "WE":
            return Found(m.start(), m.end(), "DATE", self._weekend(ctx, offset, m.start()), mod,
                         "dct", True)
        if code in ("2W", "S", "H") or (code == "M" and unit == "minute"):
            return None
        return Found(m.start(), m.end(), "DATE", shift(ctx.dct, code, offset), mod, "dct", True)

    @staticmethod
    def _weekend(ctx: Context, offset: int, char: int) -> str:
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

    def _the_unit(self, m: re.Match[str], ctx: Context) -> Found | None:
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
        season = time_words()["seasons"][unit]
        return Found(m.start(), m.end(), "DATE", season_value(ctx.dct, season, 0), None, "dct",
                     True)

    def _season_year(self, m: re.Match[str], ctx: Context) -> Found | None:
        season = time_words()["seasons"][m["s"].lower()]
        mod = {"early": "START", "late": "END", "mid": "MID"}.get((m["mod"] or "").lower())
        return Found(m.start(), m.end(), "DATE", f"{m['y']}-{season}", mod)

    def _reference(self, m: re.Match[str], ctx: Context) -> Found | None:
        word = re.sub(r"\s+", " ", m["word"].lower())
        if word == "now" and ctx.text[m.end():m.end() + 1] == "-":
            return None
        return Found(m.start(), m.end(), "DATE", time_words()["references"][word])

    def _set_adverb(self, m: re.Match[str], ctx: Context) -> Found | None:
        tokens = ctx.tokens_in(m.start(), m.end())
        if tokens and tokens[0].pos_ == "NOUN":
            return None  # "a daily", "the weekly" as newspapers
        return Found(m.start(), m.end(), "SET", time_words()["set_adverbs"][m["word"].lower()])

    def _set_every(self, m: re.Match[str], ctx: Context) -> Found | None:
        unit = m["unit"]
        lower = unit.lower()
        if lower in time_words()["weekdays"]:
            return Found(m.start(), m.end(), "SET", f"XXXX-WXX-{weekday_number(unit) + 1}")
        if lower in time_words()["months"]:
            return Found(m.start(), m.end(), "SET", f"XXXX-{month_number(unit):02d}")
        if lower in time_words()["parts_of_day"]:
            return Found(m.start(), m.end(), "SET", f"TXX{self._pod(lower)}")
        every_other = "other" in m.group(0).lower()
        return Found(m.start(), m.end(), "SET", duration(2 if every_other else 1, unit))

    def _set_times(self, m: re.Match[str], ctx: Context) -> Found | None:
        return Found(m.start(), m.end(), "SET", duration(1, m["unit"]))

    def _weekday_plural(self, m: re.Match[str], ctx: Context) -> Found | None:
        return Found(m.start("wd"), m.end(), "SET", f"XXXX-WXX-{weekday_number(m['wd']) + 1}")

    def _holiday(self, m: re.Match[str], ctx: Context) -> Found | None:
        rule = time_words()["holidays"][re.sub(r"\s+", " ", m["h"].lower())]
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
