"""The time tagger: one short invented article per shape the time issue lists."""

from datetime import date

import pytest

from presslens.analysis import analyze
from presslens.ingest import article_from_text
from presslens.temporal import month_year, season_value, shift, shift_value, weekday_date


def timexes_of(nlp, text, dct="2021-11-18"):
    """(text, type, value) of every expression, after checking each span's offsets."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    doc = nlp(doc)
    for timex in doc._.timexes:
        assert text[timex["start"]:timex["end"]] == timex["text"]
    return [(t["text"], t["type"], t["value"]) for t in doc._.timexes]


def value_of(nlp, text, phrase, dct="2021-11-18"):
    found = {t: v for t, _, v in timexes_of(nlp, text, dct)}
    assert phrase in found, (phrase, found)
    return found[phrase]


# 2021-11-18 is a Thursday.

def test_absolute_dates(nlp):
    text = ("The deadline is December 31, 2021. They were killed on January 3, 2020. "
            "The statement came on July 26. Daesh rose in 2014 and lost Mosul in March 2013, "
            "a defeat unthinkable in the 2010s.")
    found = timexes_of(nlp, text)
    assert ("December 31, 2021", "DATE", "2021-12-31") in found
    assert ("January 3, 2020", "DATE", "2020-01-03") in found
    assert ("July 26", "DATE", "2021-07-26") in found
    assert ("2014", "DATE", "2014") in found
    assert ("March 2013", "DATE", "2013-03") in found
    assert ("the 2010s", "DATE", "201") in found


def test_weekdays_are_read_from_the_publication_date_and_the_tense(nlp):
    text = "Parliament voted on Wednesday. On Thursday the cleric spoke. They will meet on Monday."
    assert value_of(nlp, text, "Wednesday") == "2021-11-17"  # the Wednesday just gone
    assert value_of(nlp, text, "Thursday") == "2021-11-18"  # published that very day
    assert value_of(nlp, text, "Monday") == "2021-11-22"  # future tense: the coming one


def test_relative_years_months_and_weeks(nlp):
    text = ("Anger has grown since last year's assassination. This year the talks stalled. "
            "The strike came earlier in January. Attacks rose over the past week, and more "
            "are feared in the coming days. Troops must leave by the end of the current year.")
    found = {t: (ty, v) for t, ty, v in timexes_of(nlp, text)}
    assert found["last year"] == ("DATE", "2020")
    assert found["This year"] == ("DATE", "2021")
    assert found["January"] == ("DATE", "2021-01")
    assert found["the past week"] == ("DURATION", "P1W")
    assert found["the coming days"][1] in ("PXD", "FUTURE_REF")
    assert found["the end of the current year"] == ("DATE", "2021")


def test_end_of_year_carries_a_modifier(nlp):
    doc = nlp.make_doc("Troops must leave by the end of the current year.")
    doc._.dct = "2021-11-18"
    (timex,) = nlp(doc)._.timexes
    assert timex["mod"] == "END" and timex["anchor"] == "dct"


def test_two_days_after_the_attack_is_anchored_to_the_attack(nlp):
    text = ("They were killed in a drone strike near the airport on January 3, 2020. "
            "Two days after the attack, lawmakers voted to expel foreign troops.")
    doc = nlp.make_doc(text)
    doc._.dct = "2021-11-18"
    timexes = nlp(doc)._.timexes
    anchored = [t for t in timexes if t["text"].startswith("Two days")]
    assert anchored and anchored[0]["value"] == "2020-01-05"
    assert anchored[0]["anchor"] == "event"


def test_types_durations_sets_and_references(nlp):
    text = ("The mandate was extended for six months. Talks lasted two days. Inspectors visit "
            "every week and the militia patrols daily. The crisis is now acute; it began "
            "recently and will end in the future. Talks went on for months. "
            "The vote is at 3 p.m. tomorrow.")
    found = {t: (ty, v) for t, ty, v in timexes_of(nlp, text)}
    assert found["six months"] == ("DURATION", "P6M")
    assert found["two days"] == ("DURATION", "P2D")
    assert found["months"] == ("DURATION", "PXM")
    assert found["every week"] == ("SET", "P1W")
    assert found["daily"] == ("SET", "P1D")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["recently"] == ("DATE", "PAST_REF")
    assert found["the future"] == ("DATE", "FUTURE_REF")
    assert found["3 p.m. tomorrow"] == ("TIME", "2021-11-19T15:00")


@pytest.mark.parametrize("text", [
    "The talks may resume soon, officials said.",
    "May God protect the nation, the cleric said.",
    "Thousands will march on the embassy.",
    "Protesters March through the capital.",
    "The army deployed 2000 troops and 1500 armoured vehicles.",
    "Baghdad Friday prayers leader Sayed Yasin al-Mousavi spoke to worshippers.",
    "He led the Friday prayers in Najaf.",
    "The plan, called Vision 2030, was unveiled.",
    "Oil rose 2.5% to $1999 a tonne, or 2021 dollars per lot.",
])
def test_no_false_dates(nlp, text):
    assert timexes_of(nlp, text) == []


def test_may_the_month_is_still_a_date(nlp):
    assert value_of(nlp, "Elections are due in May.", "May") == "2022-05"


def test_span_extension_gives_each_sentence_its_timexes(nlp):
    doc = nlp.make_doc("The vote came on Wednesday. Nothing happened in 2019.")
    doc._.dct = "2021-11-18"
    doc = nlp(doc)
    first, second = list(doc.sents)
    assert [t["text"] for t in first._.timexes] == ["Wednesday"]
    assert [t["text"] for t in second._.timexes] == ["2019"]


def test_missing_publication_date_is_inferred_and_marked(nlp):
    text = ("BAGHDAD – Iraq's parliament voted on Sunday, January 5, 2020 to expel US troops. "
            "The strike of January 3, 2020 killed the general. Troops must leave by "
            "December 31, 2021.")
    corpus = analyze([text], nlp=nlp)
    (article,) = corpus.articles
    assert article.source.published == "2020-01-05"  # the deadline is not the date
    assert article.source.published_inferred is True


def test_extract_timexes_writes_nothing_and_gives_what_the_component_writes(nlp):
    """The pure function and the factory agree, inference included, and only the factory
    writes on the Doc."""
    from presslens.components.timexes import extract_timexes, read_time
    from presslens.nlp import spacy_components

    text = ("Iraq's parliament voted on Sunday, January 5, 2020 to expel US troops, who "
            "must leave by December 31, 2021. Lawmakers will meet again on Tuesday.")
    with nlp.select_pipes(enable=spacy_components(nlp)):
        doc = nlp(text)
    records = extract_timexes(doc)
    reading = read_time(doc)
    assert doc._.timexes is None and doc._.dct is None and doc._.dct_inferred is False
    assert reading.timexes == records
    assert reading.inferred is not None and reading.inferred.date == date(2020, 1, 5)
    nlp.get_pipe("presslens_timexes")(doc)
    assert doc._.timexes == records
    assert (doc._.dct, doc._.dct_inferred) == ("2020-01-05", True)
    assert {t["text"]: t["value"] for t in records}["Tuesday"] == "2020-01-07"


def test_given_publication_date_wins(nlp):
    text = "The strike of January 3, 2020 killed the general. On Wednesday lawmakers met."
    corpus = analyze([text], nlp=nlp, published="2020-01-09")
    (article,) = corpus.articles
    assert article.source.published == "2020-01-09"
    assert article.source.published_inferred is False
    values = {t["text"]: t["value"] for t in article.timexes}
    assert values["Wednesday"] == "2020-01-08"


def test_dateline_date_dates_an_undated_article(nlp):
    article = article_from_text("BAGHDAD, Jan. 8, 2020 (Xinhua) – Lawmakers met on Tuesday "
                                "to debate the presence of foreign troops in the country.")
    corpus = analyze([article], nlp=nlp)
    (analysed,) = corpus.articles
    assert analysed.source.published == "2020-01-08"
    assert analysed.source.published_inferred is True
    assert {t["text"]: t["value"] for t in analysed.timexes}["Tuesday"] == "2020-01-07"


def test_a_dateline_month_and_day_is_placed_in_the_year_the_text_allows(nlp):
    # IRNA's shape: the day in the dateline, no year; the year from the day the text reports
    # two days before it. Relative days are then read from the whole date.
    article = article_from_text(
        "TEHRAN, Dec. 2 (IRNA) – The foreign ministry spokesman on Monday condemned the "
        "killing of the physicist on November 30, 2020, and said the country would respond.")
    (analysed,) = analyze([article], nlp=nlp).articles
    assert analysed.source.dateline == "TEHRAN, Dec. 2 (IRNA) –"
    assert analysed.source.published == "2020-12-02"
    assert analysed.source.published_inferred is True
    stamp = analysed.source.published_evidence["clues"][0]
    assert (stamp["clue"], stamp["text"], stamp["source"], stamp["start"]) == (
        "dateline day", "Dec. 2", "dateline", None)
    assert {t["text"]: t["value"] for t in analysed.timexes}["Monday"] == "2020-11-30"


def test_a_dateline_month_and_day_alone_dates_nothing_in_a_window_of_years(nlp):
    # "President Hassan Rouhani": 2013 to 2021, eight second days of December.
    article = article_from_text(
        "TEHRAN, Dec. 2 (IRNA) – President Hassan Rouhani on Wednesday said the country "
        "would respond to the assassination.")
    (analysed,) = analyze([article], nlp=nlp).articles
    assert analysed.source.published is None
    window = analysed.source.published_evidence
    assert (window["earliest"], window["latest"]) == ("2013-12-02", "2020-12-02")


def test_relative_values_stay_empty_without_any_date(nlp):
    (timex,) = timexes_of(nlp, "Lawmakers met on Tuesday to debate the motion.", dct=None)
    assert timex == ("Tuesday", "DATE", None)


def test_calendar_arithmetic():
    assert shift(date(2020, 1, 8), "W", -1) == "2020-W01"
    assert shift_value("1989-Q3", "Y", -1) == "1988-Q3"
    assert weekday_date(date(2021, 11, 18), 3, "last") == "2021-11-11"
    assert weekday_date(date(2021, 11, 18), 3, "next") == "2021-11-25"
    assert month_year(date(1989, 10, 27), 11, "unmarked", 17) == 1989  # "Nov. 17": upcoming
    assert month_year(date(2021, 11, 18), 1, "past") == 2021  # "voted in January"
    assert season_value(date(1999, 4, 10), "FA", -1) == "1998-FA"


@pytest.mark.model
def test_timeml_figures_meet_the_target():
    from presslens.eval.time import evaluate_time, load_timeml, timeml_dir

    folder = timeml_dir()
    if folder is None:
        pytest.skip("../shared/data/timeml is not beside the checkout")
    scores = evaluate_time(load_timeml(folder, "test"))
    assert scores.relaxed.f1 >= 0.88
    assert scores.value_f1 >= 0.78


@pytest.mark.parametrize("text", [
    "On Monday, January 5, 2020 at 3 a.m. EST, and again at 10pm on Mondays.",
    "In the late 1990s and the '80s, in the nineteenth century, in fiscal year 2019.",
    "The second quarter, the same period a year earlier, year-end, nineteen eighty-four.",
    "Last spring 2019, weekly, every Tuesday, twice a week, on Christmas Eve and Nowruz.",
    "MİDNIGHT on the ſecond half of 2020, TODAY, tonıght, at noon Friday, the 2020-03-05.",
    "Nothing here tells a time at all, only words.",
])
def test_patterns_skipped_for_missing_words_would_have_found_nothing(text):
    """A pattern is not run over a text that lacks every word its matches hold; running all
    of them must find exactly the same candidates."""
    from presslens.components.timexes.context import Context
    from presslens.components.timexes.grammar import grammar

    rules = grammar()

    class TextOnly:
        def __init__(self, text: str) -> None:
            self.text, self._words = text, None

        words = Context.words

    skipped = {(start, end, name) for start, end, name, _, _ in rules.candidates(TextOnly(text))}
    everything = {(m.start(), m.end(), name) for name, pattern, _ in rules.patterns
                  for m in pattern.finditer(text)}
    assert skipped == everything
