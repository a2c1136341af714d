"""The publication date an undated article's text allows, and the clues it rests on."""

from datetime import date

import pytest

from presslens.components.timexes.publication import (
    LAST_DAY,
    DateClue,
    choose_date,
    dated_event_clues,
    dateline_clue,
    office_clues,
)


def _clue(kind, first, last, start=0):
    return DateClue(kind, "x", start, start + 1, ((first, last),))


def test_the_latest_reported_day_in_the_window_is_the_date():
    chosen = choose_date([_clue("reported date", date(2020, 3, 3), LAST_DAY),
                          _clue("reported date", date(2020, 3, 5), LAST_DAY, 5),
                          _clue("office holder", date(2017, 1, 20), date(2021, 1, 20), 9)])
    assert chosen.date == date(2020, 3, 5)
    assert (chosen.earliest, chosen.latest) == (date(2020, 3, 5), date(2021, 1, 20))


def test_a_dateline_day_is_the_date_where_the_window_holds_it_once():
    # "TEHRAN, Dec. 2 (IRNA) –" and a term ending in 2021-08: the only December 2 in the
    # window that opens with a day reported in 2020.
    chosen = choose_date([dateline_clue("Dec. 2", 12, 2),
                          _clue("reported date", date(2020, 3, 1), LAST_DAY, 4),
                          _clue("office holder", date(2013, 8, 3), date(2021, 8, 3), 9)])
    assert chosen.date == date(2020, 12, 2)
    assert (chosen.earliest, chosen.latest) == (date(2020, 12, 2), date(2020, 12, 2))
    assert chosen.evidence()[0] == {
        "clue": "dateline day", "text": "Dec. 2", "start": None, "end": None,
        "source": "dateline", "month_day": "--12-02", "earliest": None, "latest": None,
        "used": True}


def test_a_dateline_day_days_after_the_last_reported_day_is_in_its_year():
    chosen = choose_date([dateline_clue("Jan. 5", 1, 5),
                          _clue("reported date", date(2019, 12, 31), LAST_DAY, 4)])
    assert chosen.date == date(2020, 1, 5)
    assert (chosen.earliest, chosen.latest) == (date(2020, 1, 5), None)


def test_a_dateline_day_long_after_the_last_reported_day_dates_nothing():
    # A day reported in March and a dateline of December: the text may be of that year or
    # of any later one.
    chosen = choose_date([dateline_clue("Dec. 2", 12, 2),
                          _clue("reported date", date(2020, 3, 1), LAST_DAY, 4)])
    assert chosen.date is None
    assert chosen.earliest == date(2020, 12, 2)


def test_a_dateline_day_before_a_closing_date_line_is_its_last_match():
    chosen = choose_date([dateline_clue("Feb. 29", 2, 29),
                          _clue("closing date line", date(1900, 1, 1), date(2023, 5, 1), 9)])
    assert chosen.date == date(2020, 2, 29)  # the last leap year before the stamp


def test_a_window_years_wide_is_reported_without_a_date():
    # "President Obama" and a full date of 2013: written between 2013 and 2017, but a date
    # chosen in four years would misplace every "on Friday" of the text.
    chosen = choose_date([_clue("reported date", date(2013, 1, 17), LAST_DAY),
                          _clue("office holder", date(2009, 1, 20), date(2017, 1, 20), 9)])
    assert chosen.date is None
    assert (chosen.earliest, chosen.latest) == (date(2013, 1, 17), date(2017, 1, 20))


def test_a_date_line_closing_the_text_bounds_it_and_is_the_date():
    # NYT's print stamp, "Friday, December 4, 2015." on the last line: written on or before.
    chosen = choose_date([_clue("reported year", date(2013, 1, 1), LAST_DAY),
                          _clue("closing date line", date(1900, 1, 1), date(2015, 12, 4), 9)])
    assert chosen.date == date(2015, 12, 4)
    assert chosen.latest == date(2015, 12, 4)


def test_a_deadline_ahead_makes_the_latest_consistent_day_the_date():
    chosen = choose_date([_clue("reported date", date(2020, 1, 3), LAST_DAY),
                          _clue("dated event", date(2021, 1, 1), date(2021, 12, 31), 4),
                          _clue("deadline", date(1900, 1, 1), date(2021, 12, 31), 8)])
    assert chosen.date == date(2021, 12, 31)


def test_a_clue_that_contradicts_stronger_ones_is_left_out_and_said_so():
    chosen = choose_date([_clue("reported date", date(2020, 3, 1), LAST_DAY),
                          _clue("office holder", date(2009, 1, 20), date(2017, 1, 20), 5),
                          _clue("deadline", date(1900, 1, 1), date(2020, 6, 30), 9)])
    assert chosen.date == date(2020, 3, 1)
    assert [c.used for c in chosen.clues] == [True, False, True]


def test_a_window_open_on_one_side_dates_nothing():
    assert choose_date([_clue("dated event", date(2020, 1, 3), LAST_DAY)]).date is None
    # The latest full date alone: often a birth, an anniversary or an earlier event.
    assert choose_date([_clue("reported date", date(1965, 3, 18), LAST_DAY)]).date is None


def test_office_holders_current_and_former():
    clues = office_clues("Former US president Donald Trump called President Joe Biden.")
    former, current = clues
    assert former.kind == "former office holder"
    assert former.allowed[0] == (date(2021, 1, 20), date(2025, 1, 19))
    assert current.kind == "office holder" and current.text == "President Joe Biden"


def test_last_years_assassination_dates_the_article_to_the_next_year():
    text = "Anger has grown since last year's assassination of General Qassem Soleimani."
    (clue,) = dated_event_clues(text, [(0, len(text))])
    assert clue.allowed == ((date(2021, 1, 1), date(2021, 12, 31)),)
    assert text[clue.start:clue.end] == clue.text


@pytest.mark.model
def test_the_undated_samples_are_dated_within_the_window_their_text_allows(samples):
    from presslens import analyze_paths

    corpus = analyze_paths([str(p) for p in samples])
    by_outlet = {a.source.outlet: a for a in corpus.articles}
    tasnim = by_outlet["Tasnim News Agency"].source
    # Biden in office, "last year's assassination" of January 2020, a deadline of
    # December 31, 2021 ahead: 2021, not the 2020-01-03 the text also names.
    assert tasnim.published_inferred and tasnim.published.startswith("2021")
    assert tasnim.published_evidence["earliest"] >= "2021-01-20"
    assert tasnim.published_evidence["latest"] == "2021-12-31"
    text = by_outlet["Tasnim News Agency"].text
    for clue in tasnim.published_evidence["clues"]:
        assert text[clue["start"]:clue["end"]] == clue["text"]
    presstv = by_outlet["Press TV"].source
    # Kadhimi as prime minister (from May 2020) and Trump as president (until January 2021).
    assert "2020-05-07" <= presstv.published <= "2021-01-20"


def test_other_offices_and_the_elect_are_no_holders():
    for text in ["Vice President Joe Biden visited Kyiv.", "President-elect Joe Biden spoke.",
                 "Deputy Prime Minister Naftali Bennett said so."]:
        assert office_clues(text) == [], text


@pytest.mark.parametrize("text", [
    # A date the sentence names as a deadline, in the present tense.
    "Talks on the border deal failed in Geneva on March 2, 2023. After that, the deadline "
    "currently stands at June 30, 2023.",
    # A date inside a to-infinitive: something meant, not something that happened.
    "The trade commissioner met ministers in Accra on March 2, 2023 and said the rules were "
    "enough to start trading on June 30, 2023.",
])
def test_dates_ahead_never_become_the_last_reported_day(nlp, text):
    doc = nlp(text)
    # June 30 as a reported day would move the window's start to it.
    assert doc._.dct_evidence["earliest"] == "2023-03-02"
    assert doc._.dct in (None, "2023-03-02")


@pytest.mark.parametrize(("text", "kinds"), [
    # An imagined holder: "a President Trump" in copy of 2016.
    ("He anticipated what a President Trump would face.", []),
    ("Analysts weighed the prospects of a would-be President Donald Trump.", []),
    ("President Joe Biden spoke.", ["office holder"]),
    # A holder in a clause of condition, or one still to come.
    ("If President Trump wins the nomination, the party splits.", []),
    ("The party must change, especially once Obama is former president Obama.", []),
    ("President Trump said on Monday he would visit Baghdad.", ["office holder"]),
    # A Title Case headline: "On" is no middle name.
    ("CNN President On Trump: We Do Not Pay Candidates", []),
    ("President Barack Hussein Obama signed the bill.", ["office holder"]),
])
def test_an_imagined_office_holder_is_no_holder(text, kinds):
    assert [c.kind for c in office_clues(text)] == kinds


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    # A year naming a thing: the race, the budget, the model of that year may lie ahead.
    ("The 2016 Republican field was split on ethanol, Senator Joni Ernst said on March 2, "
     "2015.", "2015-03-02", None),
    # The far end of a span of years may lie ahead.
    ("Congress voted on March 2, 2015 for a delay from 2018 to 2020.", "2015-03-02", None),
    # A day since which something holds lies behind, whatever the tense.
    ("For the first time since June 25, 2007, his name will not appear on the list.",
     "2007-06-25", None),
    # "for" a day: when something is meant to happen, which may lie either side.
    ("On March 2, 2016, the party called a referendum for June 5, 2016.", "2016-03-02", None),
    # A deadline named in another clause is not this day's: the amendment died on it.
    ("Despite an extension of the deadline, the amendment died, on June 30, 1982.",
     "1982-06-30", None),
    # A clock time in a bracket is no year.
    ("A quake struck at 4:53 a.m. on Thursday (2053 Wednesday night, UTC) on March 2, "
     "2019.", "2019-03-02", None),
])
def test_the_window_reads_years_and_days_as_the_sentence_means_them(nlp, text, earliest, latest):
    evidence = nlp(text)._.dct_evidence
    assert (evidence["earliest"], evidence["latest"]) == (earliest, latest)


def test_a_date_alone_on_the_last_line_closes_the_window(nlp):
    doc = nlp("Golf courses closed across the country in 2014, the foundation said.\n\n"
              "Friday, December 4, 2015.")
    assert doc._.dct == "2015-12-04" and doc._.dct_inferred
    assert doc._.dct_evidence["latest"] == "2015-12-04"
