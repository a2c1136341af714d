"""One timeline: reports of one event joined only when they agree, disagreements kept."""

from presslens.timeline import build_timeline


def event(event_id, article, outlet, date, actor="us", target="iran", kind="ASSAULT", **extra):
    return {"id": event_id, "article_id": article, "outlet": outlet, "date": date,
            "actor": actor, "target": target, "type": kind,
            "trigger": {"start": 0, "end": 6, "text": "strike"}, "sentence_text": "…", **extra}


def test_reports_of_one_event_are_one_row_dated_by_the_most_precise():
    rows = build_timeline([
        event("a:e1", "a", "Noor", "2020-01"),
        event("b:e1", "b", "Meridian", "2020-01-03"),
        event("c:e2", "c", "Patriot", "2020-01-04"),
    ])
    (row,) = rows
    assert row.date == "2020-01-03"
    assert row.outlets == ["Meridian", "Noor", "Patriot"]
    assert row.other_dates == ["2020-01", "2020-01-04"]  # disagreements stay visible
    assert [r.event_id for r in row.reports] == ["b:e1", "c:e2", "a:e1"]  # what it joined


def test_another_type_actor_or_target_is_another_row():
    rows = build_timeline([
        event("a:e1", "a", "Noor", "2020-01-03"),
        event("b:e1", "b", "Meridian", "2020-01-03", kind="COERCE"),
        event("b:e2", "b", "Meridian", "2020-01-03", actor="iran", target="us"),
        event("c:e1", "c", "Patriot", "2020-01-03", target="iraq"),
        event("d:e1", "d", "Patriot", "2020-03-09"),
    ])
    assert [len(r.reports) for r in rows] == [1, 1, 1, 1, 1]


def test_undated_reports_join_nothing():
    rows = build_timeline([
        event("a:e1", "a", "Noor", "2020-01-03", undated=True),
        event("b:e1", "b", "Meridian", "2020-01-03", undated=True),
        event("c:e1", "c", "Patriot", "2020-01-03"),
        event("d:e1", "d", "Patriot", None),
        event("e:e1", "e", "Noor", None),
    ])
    assert all(len(r.reports) == 1 for r in rows) and len(rows) == 5


def test_threats_denials_demands_and_two_events_of_one_article():
    rows = build_timeline([
        event("a:e1", "a", "Noor", "2020-01-03", hypothetical=True),
        event("a:e2", "a", "Noor", "2020-01-03", negated=True),
        event("a:e3", "a", "Noor", "2020-01-03", modality="demanded", kind="REQUEST"),
        event("a:e4", "a", "Noor", "2020-01-03", modality="threatened", kind="THREATEN"),
        event("b:e1", "b", "Meridian", "2020-01-05"),
        event("b:e2", "b", "Meridian", "2020-01-05"),
    ])
    assert [len(r.reports) for r in rows] == [1, 1]
