"""Calendar arithmetic on TIMEX3 values at the edges: month ends, year ends, ISO weeks,
values too coarse for the unit asked, and the granularity each form of value is written at."""

from datetime import date

import pytest

from presslens.temporal import (
    add_months,
    easter,
    granularity,
    parse_reference,
    shift,
    shift_value,
    thanksgiving,
    week_value,
)


@pytest.mark.parametrize("day, months, moved", [
    (date(2020, 1, 31), 1, date(2020, 2, 29)),  # a leap year's February
    (date(2019, 1, 31), 1, date(2019, 2, 28)),
    (date(2020, 3, 31), -1, date(2020, 2, 29)),
    (date(2020, 12, 15), 1, date(2021, 1, 15)),  # across the year's end
])
def test_a_month_later_is_clamped_to_the_end_of_a_shorter_month(day, months, moved):
    assert add_months(day, months) == moved


def test_the_first_days_of_january_can_belong_to_the_last_iso_week_of_the_year_before():
    assert week_value(date(2021, 1, 1)) == "2020-W53"
    assert shift(date(2020, 12, 31), "W", 1) == "2021-W01"


def test_decades_and_centuries_are_written_as_their_leading_digits():
    assert shift(date(2020, 1, 8), "DE", -1) == "201"
    assert shift(date(2020, 1, 8), "CE", 1) == "21"
    assert shift(date(2020, 1, 8), "fortnight", 1) is None


def test_a_value_shifts_at_its_own_precision_or_not_at_all():
    assert shift_value("1989-Q1", "Q", -1) == "1988-Q4"
    assert shift_value("2020-03", "M", -3) == "2019-12"
    # A quarter moved by a month, or a year by a month, has no value of its own precision.
    assert shift_value("1989-Q3", "M", 1) is None
    assert shift_value("2020", "M", 1) is None
    # A day with a part of the day keeps to the day.
    assert shift_value("2020-01-03TNI", "D", 1) == "2020-01-04"


@pytest.mark.parametrize("value, precision", [
    ("2020-01-03", "day"), ("2020-01-03TNI", "day"), ("2020-01", "month"),
    ("2020-Q1", "quarter"), ("2020", "year"), ("2020-W02", "week"), ("2020-SU", "season"),
    ("202", None), ("PRESENT_REF", None), (None, None),
])
def test_granularity_of_each_form_of_value(value, precision):
    assert granularity(value) == precision


def test_a_reference_must_be_a_real_calendar_day():
    assert parse_reference("2020-02-28T10:00") == date(2020, 2, 28)
    assert parse_reference("2020-02-30") is None
    assert parse_reference("2020-02") is None


def test_movable_holidays():
    assert [easter(2024), easter(2025)] == [date(2024, 3, 31), date(2025, 4, 20)]
    assert [thanksgiving(2024), thanksgiving(2025)] == [date(2024, 11, 28), date(2025, 11, 27)]
