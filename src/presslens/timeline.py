"""One timeline for the corpus: the same event told by several articles is one row.

Only what the text asserts happened is on it (threats, demands, plans and denials are not).
Two reports are joined only when they agree on type, actor and target (corpus ids; a missing
one matches only a missing one) and both date the event themselves, on dates that agree: the
same day, days no more than ``MAX_DAYS_APART`` apart, or a coarser date ("2020-01") that
contains a finer one. An undated report (placed at its article's date, ``undated``) joins
nothing: two outlets telling of some strike on no stated day are not two reports of one.
A row keeps every report it joined with its outlet, article, words and date; its date is the
most precise one reported, and reports that date it differently stay visible as
disagreements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from presslens.event_confidence import modality_of
from presslens.temporal import granularity, parse_reference

MAX_DAYS_APART = 2
_PRECISION = {"day": 3, "week": 2, "month": 2, "quarter": 1, "season": 1, "year": 0}


@dataclass(slots=True)
class Report:
    event_id: str
    article_id: str
    outlet: str | None
    type: str
    date: str | None
    trigger: str
    sentence: str


@dataclass(slots=True)
class TimelineRow:
    date: str | None
    type: str
    actor: str | None
    target: str | None
    reports: list[Report] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({r.outlet or "(unknown outlet)" for r in self.reports})

    @property
    def other_types(self) -> list[str]:
        return sorted({r.type for r in self.reports} - {self.type})

    @property
    def other_dates(self) -> list[str]:
        return sorted({r.date for r in self.reports if r.date and r.date != self.date})


def _precision(value: str | None) -> int:
    return _PRECISION.get(granularity(value) or "", -1)


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    day_a, day_b = parse_reference(a), parse_reference(b)
    if day_a and day_b:
        return abs((day_a - day_b).days) <= MAX_DAYS_APART
    return a.startswith(b) or b.startswith(a)


def build_timeline(events: list[dict[str, Any]]) -> list[TimelineRow]:
    """Rows from event records that carry ``article_id``, ``outlet`` and ``sentence_text``;
    only asserted events are on a timeline of what happened."""
    rows: list[TimelineRow] = []
    undated: set[int] = set()
    happened = [e for e in events if modality_of(e) == "asserted"
                and (e.get("actor") or e.get("target"))]
    happened.sort(key=lambda e: (-_precision(e.get("date")), e.get("date") or ""))
    for event in happened:
        report = Report(event["id"], event["article_id"], event.get("outlet"), event["type"],
                        event.get("date"), event["trigger"]["text"],
                        event.get("sentence_text", ""))
        # An article tells an event once: two of its events are two events.
        row = None if event.get("undated") else next(
            (r for r in rows if id(r) not in undated and r.type == report.type
             and r.actor == event.get("actor") and r.target == event.get("target")
             and all(_dates_agree(x.date, report.date) for x in r.reports)
             and report.article_id not in {x.article_id for x in r.reports}), None)
        if row is None:
            rows.append(TimelineRow(report.date, report.type, event.get("actor"),
                                    event.get("target"), [report]))
            if event.get("undated"):
                undated.add(id(rows[-1]))
            continue
        row.reports.append(report)
        if _precision(report.date) > _precision(row.date):
            row.date = report.date
    rows.sort(key=lambda r: (r.date is None, _sortable(r.date), r.type))
    return rows


def _sortable(value: str | None) -> str:
    day = parse_reference(value)
    return day.isoformat() if isinstance(day, date) else (value or "")
