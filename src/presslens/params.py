"""One rule for values a user types, in the CLI and the HTTP API alike: a value that cannot
be used is refused with a message naming the parameter and showing a good value, never
read as "nothing matches". The CLI turns ``BadValue`` into exit status 2, the API into 422.

>>> parse_date("--since", "2031-02")
'2031-02'
>>> try:
...     parse_date("--since", "yesterday")
... except BadValue as exc:
...     print(exc)
--since: 'yesterday' is not a date (YYYY-MM-DD, YYYY-MM or YYYY), e.g. 2031-02-14
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from presslens.errors import UsageError

DATE_EXAMPLE = "2031-02-14"
# The PLOVER event types a filter may name, and the network's tie between a speaker and
# whom they speak of.
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT")
TALKS_ABOUT = "talks about"
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class BadValue(UsageError):
    """A value given for ``parameter`` that cannot be used; ``example`` is one that can."""

    def __init__(self, parameter: str, value: object, expected: str, example: str) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        self.example = example
        super().__init__(f"{parameter}: {value!r} is not {expected}, e.g. {example}")

    def to_dict(self) -> dict[str, object]:
        """The error as the API answers it (HTTP 422)."""
        return {"detail": str(self), "parameter": self.parameter, "value": self.value,
                "expected": self.expected, "example": self.example}


def parse_date(parameter: str, value: str | None) -> str | None:
    """A date filter as stored dates compare with it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    (a real calendar date); empty means no filter.

    >>> parse_date("since", "2031-02-30")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    presslens.params.BadValue: since: '2031-02-30' is not a date
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    match = _PARTIAL_DATE.fullmatch(text)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
            return text
        except ValueError:
            pass
    raise BadValue(parameter, value, "a date (YYYY-MM-DD, YYYY-MM or YYYY)", DATE_EXAMPLE)


def parse_published(parameter: str, value: str | None) -> str | None:
    """A publication date in any full written form pages use ("4 March 2031",
    "2031-03-04T10:15Z"), as ``YYYY-MM-DD``; empty means unknown.

    >>> parse_published("published", "Tuesday, 4 March 2031")
    '2031-03-04'
    """
    from presslens.ingest.cleaning import parse_published as read_date

    if value is None or not value.strip():
        return None
    found = read_date(value)
    if found is None:
        raise BadValue(parameter, value, "a full date (day, month and year)", DATE_EXAMPLE)
    return found


def parse_choice(parameter: str, value: str | None, choices: Iterable[str], *,
                 upper: bool = False) -> str | None:
    """``value`` if it is one of ``choices`` (compared in upper case when ``upper``).

    >>> parse_choice("kind", "direct", ("direct", "indirect", "mixed"))
    'direct'
    """
    if value is None or not value.strip():
        return None
    options = list(choices)
    wanted = value.strip().upper() if upper else value.strip()
    if wanted not in options:
        raise BadValue(parameter, value, "one of " + ", ".join(options), options[0])
    return wanted


def parse_tie_kinds(parameter: str, values: Iterable[str] | None) -> set[str] | None:
    """Kinds of tie of the actor network: event types (any case) and "talks about"; none
    means every kind.

    >>> sorted(parse_tie_kinds("--type", ["assault", "talks about"]))
    ['ASSAULT', 'talks about']
    """
    kinds = set()
    for value in values or ():
        if value.strip().lower() == TALKS_ABOUT:
            kinds.add(TALKS_ABOUT)
        elif value.strip():
            kinds.add(str(parse_choice(parameter, value, (*EVENT_TYPES, TALKS_ABOUT),
                                       upper=True)))
    return kinds or None


# How a text presents an event (see docs/events.md); a timeline shows the asserted ones.
MODALITIES = ("asserted", "negated", "demanded", "threatened", "planned", "hypothetical")


def parse_modalities(parameter: str, values: Iterable[str] | None) -> frozenset[str]:
    """The event modalities asked for (any case); the asserted ones when none are.

    >>> sorted(parse_modalities("--modality", ["Demanded", "threatened"]))
    ['demanded', 'threatened']
    >>> parse_modalities("modality", None)
    frozenset({'asserted'})
    """
    wanted = {str(parse_choice(parameter, v.lower(), MODALITIES))
              for v in values or () if v.strip()}
    return frozenset(wanted or {"asserted"})
