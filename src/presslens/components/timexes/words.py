"""The words of time expressions, from ``lexicons/time_words.json``, and the TIMEX3 values
they stand for: numbers, units, durations, months and weekdays.

>>> duration(2.5, "years"), duration(None, "months"), duration(1, "weekend")
('P2Y6M', 'PXM', 'P2D')
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from presslens.lexicons import lexicon_json

SEASON = "spring|summer|fall|autumn|winter"


@cache
def time_words() -> dict[str, Any]:
    return lexicon_json("time_words.json")


def alternatives(words: list[str] | dict[str, Any] | set[str], *, capital: bool = False) -> str:
    """A regex alternation of ``words``, longest first, with flexible spaces."""
    forms = sorted(set(words), key=len, reverse=True)
    if capital:
        forms = [w[0].upper() + w[1:] for w in forms]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


def number_value(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text.endswith(" 1/2"):
        whole = number_value(text[:-4])
        return None if whole is None else whole + 0.5
    try:
        return float(text)
    except ValueError:
        pass
    numbers = time_words()["numbers"]
    if text in numbers:
        return float(numbers[text])
    parts = re.split(r"[-\s]", text)
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return float(numbers[parts[0]] + numbers[parts[1]])
    return None


def unit_code(unit: str) -> str:
    unit = unit.lower()
    if unit in ("centuries",):
        return "CE"
    if unit in ("millennia",):
        return "ML"
    return time_words()["units"][unit.rstrip("s") if unit not in ("weekends",) else "weekend"]


def is_time_unit(unit: str) -> bool:
    return unit.lower().rstrip("s") in time_words()["time_units"]


def duration(amount: float | None, unit: str) -> str:
    code = unit_code(unit)
    prefix = "PT" if is_time_unit(unit) else "P"
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


def month_number(text: str) -> int:
    return time_words()["months"][text.lower().rstrip(".")]


def weekday_number(text: str) -> int:
    return time_words()["weekdays"][text.lower()]


def leading_number(text: str) -> int:
    """The number a day or an ordinal begins with ("21st" is 21); the patterns that read
    them have matched digits there."""
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"no digits at the start of {text!r}")
    return int(digits[0])
