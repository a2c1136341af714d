"""Calendar arithmetic on TIMEX3 values: the reference date, shifts by calendar units, and
the granularity a value is written at.

Values follow TimeML: ``2020``, ``2020-01``, ``2020-01-03``, ``2020-W02``, ``2020-Q1``,
``2020-SU``, ``2020-01-03TNI``, ``2020-01-03T14:30``, decades ``202`` and centuries ``20``.

>>> shift(date(2020, 1, 8), "D", -1)
'2020-01-07'
>>> weekday_date(date(2020, 1, 8), 2, "past")  # a Wednesday on a Wednesday is that day
'2020-01-08'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# TIMEX3 season codes by month; winter belongs to the year its January is in.
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                   8: "SU", 9: "FA", 10: "FA", 11: "FA"}
SEASON_ORDER = ("WI", "SP", "SU", "FA")

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q(\d)$")
_YEAR_VALUE = re.compile(r"^(\d{4})$")


def parse_reference(value: str | None) -> date | None:
    """The calendar day of an ISO date or date-time string, or None."""
    if not value:
        return None
    match = _DAY_VALUE.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no valid day in {year}-{month}")


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift(reference: date, unit: str, amount: int) -> str | None:
    """The value ``amount`` units from ``reference`` at that unit's granularity.

    >>> shift(date(2020, 1, 8), "Y", -1), shift(date(2020, 1, 8), "Q", -1)
    ('2019', '2019-Q4')
    """
    if unit == "D":
        return (reference + timedelta(days=amount)).isoformat()
    if unit == "W":
        return week_value(reference + timedelta(weeks=amount))
    if unit == "M":
        return add_months(reference, amount).isoformat()[:7]
    if unit == "Q":
        moved = add_months(reference, 3 * amount)
        return f"{moved.year:04d}-Q{quarter_of(moved)}"
    if unit == "Y":
        return f"{reference.year + amount:04d}"
    if unit == "DE":
        return f"{(reference.year + 10 * amount) // 10:03d}"
    if unit == "CE":
        return f"{(reference.year + 100 * amount) // 100:02d}"
    return None


def shift_value(value: str, unit: str, amount: int) -> str | None:
    """A calendar value moved by ``amount`` units, keeping its own granularity where it is
    coarser than the unit ("1989-Q3" a year earlier is "1988-Q3")."""
    quarter = _QUARTER_VALUE.match(value)
    if quarter:
        months = {"Y": 12, "Q": 3}.get(unit)
        if months is None:
            return None
        moved = add_months(date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1), months * amount)
        return f"{moved.year:04d}-Q{quarter_of(moved)}"
    year = _YEAR_VALUE.match(value)
    if year and unit == "Y":
        return f"{int(year[1]) + amount:04d}"
    month = _MONTH_VALUE.match(value)
    if month and unit in ("Y", "M"):
        months = amount * (12 if unit == "Y" else 1)
        moved = add_months(date(int(month[1]), int(month[2]), 1), months)
        return moved.isoformat()[:7]
    day = parse_reference(value)
    if day is not None:
        return shift(day, unit, amount)
    return None


def weekday_date(reference: date, weekday: int, direction: str) -> str:
    """The date of ``weekday`` (Monday 0) nearest ``reference`` in ``direction``.

    ``past`` and ``future`` include the reference day itself (news narration says "on
    Wednesday" of the day it is published); ``last`` and ``next`` exclude it.
    """
    delta = weekday - reference.weekday()
    if direction == "past":
        delta = delta - 7 if delta > 0 else delta
    elif direction == "last":
        delta = delta - 7 if delta >= 0 else delta
    elif direction == "future":
        delta = delta + 7 if delta < 0 else delta
    elif direction == "next":
        delta = delta + 7 if delta <= 0 else delta
    return (reference + timedelta(days=delta)).isoformat()


def month_year(reference: date, month: int, direction: str, day: int | None = None) -> int:
    """The year of a month (and day) written without one, read from ``reference``.

    ``last`` and ``next`` take the occurrence strictly before or after the reference month
    (or day); otherwise the nearest occurrence wins ("Nov. 17" in a late-October story is
    the coming one, "June" the past one) among those the tense allows: a past-tense clause
    reaches at most into the next month (reports say "said it will pay Nov. 17").
    """
    written = (month, day or 1)
    current = (reference.month, reference.day if day else 1)
    if direction == "last":
        return reference.year - (1 if written >= current else 0)
    if direction == "next":
        return reference.year + (1 if written <= current else 0)
    best_year, best_distance = reference.year, None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        distance = (year * 12 + month) - (reference.year * 12 + reference.month)
        if day is None and distance == 0:
            return year
        if direction == "past" and distance > 1:
            continue  # "voted in January", written in November: the January before
        if direction == "future" and distance < 0:
            continue
        if best_distance is None or abs(distance) < abs(best_distance):
            best_year, best_distance = year, distance
    return best_year


def season_value(reference: date, season: str, offset: int) -> str:
    """The season ``offset`` seasons of that name from the one containing ``reference``
    (offset -1: "last fall", the most recent fall before the current season)."""
    if offset == 0:
        winter_ahead = reference.month == 12 and season == "WI"
        return f"{reference.year + winter_ahead:04d}-{season}"
    current = SEASON_OF_MONTH[reference.month]
    year = reference.year + (1 if reference.month == 12 else 0)
    position = SEASON_ORDER.index(current)
    target = SEASON_ORDER.index(season)
    if offset < 0:
        year -= 1 if target >= position else 0
        year += offset + 1
    elif offset > 0:
        year += 1 if target <= position else 0
        year += offset - 1
    return f"{year:04d}-{season}"


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def granularity(value: str | None) -> str | None:
    """How precise a DATE value is: day, week, month, quarter, season, year, or None."""
    if not value:
        return None
    if parse_reference(value):
        return "day"
    if _MONTH_VALUE.match(value):
        return "month"
    if _QUARTER_VALUE.match(value):
        return "quarter"
    if _YEAR_VALUE.match(value):
        return "year"
    if re.match(r"^\d{4}-W\d{2}", value):
        return "week"
    if re.match(r"^\d{4}-(SP|SU|FA|WI)$", value):
        return "season"
    return None
