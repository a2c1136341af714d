"""One rule for bad values: a clear message naming the parameter and a good value (the CLI's
exit 2 is tested in tests/cli/test_bad_values.py, the API's 422 in tests/web)."""

import pytest

from presslens.params import BadValue, parse_choice, parse_date, parse_published


@pytest.mark.parametrize("value", ["2031", "2031-02", "2031-02-14", " 2031-02-14 "])
def test_dates_a_filter_accepts(value):
    assert parse_date("since", value) == value.strip()


@pytest.mark.parametrize("value", ["yesterday", "2031-13", "2031-02-30", "14/02/2031",
                                   "2031-2-1", "20310214", "2031-02-14T10:00"])
def test_dates_a_filter_refuses_name_the_parameter_and_a_good_value(value):
    with pytest.raises(BadValue) as caught:
        parse_date("--since", value)
    message = str(caught.value)
    assert message.startswith("--since:") and repr(value) in message
    assert "2031-02-14" in message and caught.value.to_dict()["parameter"] == "--since"


def test_no_value_is_no_filter():
    assert parse_date("since", None) is None and parse_date("since", "  ") is None
    assert parse_published("published", "") is None
    assert parse_choice("kind", None, ("direct",)) is None


def test_publication_dates_in_written_forms():
    assert parse_published("published", "Tuesday, 4 March 2031") == "2031-03-04"
    with pytest.raises(BadValue, match="published: 'yesterday-ish'"):
        parse_published("published", "yesterday-ish")


def test_kinds_of_tie():
    from presslens.params import parse_tie_kinds

    assert parse_tie_kinds("type", None) is None and parse_tie_kinds("type", [" "]) is None
    assert parse_tie_kinds("type", ["Talks About", "threaten"]) == {"talks about", "THREATEN"}
    with pytest.raises(BadValue, match="type: 'talk'"):
        parse_tie_kinds("type", ["talk"])


def test_choices():
    assert parse_choice("type", "assault", ("ASSAULT", "AID"), upper=True) == "ASSAULT"
    with pytest.raises(BadValue, match="one of ASSAULT, AID, e.g. ASSAULT"):
        parse_choice("type", "bombing", ("ASSAULT", "AID"), upper=True)
