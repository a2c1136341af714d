"""Quote speakers that are bodies named through a place ("the embassy", "police") or a state
("the government of Burundi"), surnames in another transliteration, and people a lede
describes before naming them."""

from tests.components.quotes.quote_helpers import quotes_of


def test_the_embassy_is_the_embassy_named_before_with_its_place(nlp):
    text = ("The unnamed citizen had reported a variety of symptoms, the French embassy in "
            'Nairobi said in an email.\n\n"The findings matched a mild injury," the embassy said.')
    quotes = quotes_of(nlp, text)
    assert [q["speaker"]["name"] for q in quotes] == ["French embassy in Nairobi"] * 2


def test_the_mission_is_the_mission_named_before(nlp):
    text = ("The Canadian Mission to the United Nations released a statement on Monday. "
            "The mission said talks would resume next week.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Canadian Mission to the United Nations"
    assert quote["content"]["text"] == "talks would resume next week"


def test_bare_police_is_the_force_named_before(nlp):
    text = ("Lagos police arrested two men at the port.\n\nDespite the warnings, the men "
            "went back, police said on Saturday.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Lagos police"


def test_police_with_no_force_named_stays_unnamed(nlp):
    (quote,) = quotes_of(nlp, "The men went back to the port, police said on Saturday.")
    assert quote["speaker"]["name"] is None


def test_the_government_of_a_state_is_that_state(nlp):
    text = ("The government of Burundi announced the cause of death as a cardiac arrest on "
            "Tuesday.\n\nThe government of American Samoa issued a statement on the ruling. "
            'Their statement read: "Citizenship imposed by the courts violates our customs."')
    speakers = [q["speaker"]["name"] for q in quotes_of(nlp, text)]
    assert speakers == ["Burundi", "American Samoa"]


def test_the_leader_of_a_state_is_not_the_state(nlp):
    (quote,) = quotes_of(nlp, "The leader of Iraq said the border would reopen on Monday.")
    assert quote["speaker"]["name"] != "Iraq"


def test_surname_spelt_with_other_vowels_is_the_person_named_in_full(nlp):
    text = ('Military spokesman Hassan Nasrallah spoke on television. "We will not disarm '
            'and we will not leave the city," Nasrullah said.')
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert quote["speaker"]["name"] == "Hassan Nasrallah"


def test_name_modifying_a_private_person_is_not_the_speaker(nlp):
    (quote,) = quotes_of(nlp, "The Walsh student said she would appeal the ruling.")
    assert quote["speaker"]["name"] != "Walsh"


def test_lede_description_is_the_first_named_of_the_people_quoted_later(nlp):
    text = ("A Leeds nurse says she was denied leave after the floods.\n\n"
            "Mary Hollis and two colleagues were told their shifts were cancelled.\n\n"
            "The chief executive of the trust, Peter Grady, said the rota would be reviewed.\n\n"
            "Hollis said she was stunned.")
    quotes = quotes_of(nlp, text)
    lede = next(q for q in quotes if q["speaker"]["text"] == "A Leeds nurse")
    assert lede["speaker"]["name"] == "Mary Hollis"


def test_it_before_a_colon_and_a_quotation_is_the_body_quoted_before(nlp):
    text = ('"We were shocked by the footage," the Fenwick bar in Leeds posted.\n\n'
            'It continued: "We have since let the employee go, as his actions go against '
            'everything we stand for."')
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 2
    assert quotes[1]["cue"]["text"] == "continued"
    assert quotes[1]["speaker"]["name"] == quotes[0]["speaker"]["name"] == "Fenwick"


def test_it_in_a_free_relative_is_the_subject_of_the_clause_around_it(nlp):
    text = ("The Chilean embassy in Lima said the staff had been moved to a safer district.\n\n"
            "In October, the US government expelled four diplomats for what it said was "
            "Chile's failure to protect its staff.")
    quote = quotes_of(nlp, text)[-1]
    assert quote["content"]["text"] == "was Chile's failure to protect its staff"
    assert quote["speaker"]["name"] == "United States"


def test_what_someone_described_as_reports_the_description(nlp):
    text = ("Chile said it had found no trace of what Peru described as threats against "
            "its consul.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "described")
    assert quote["content"]["text"] == "threats against its consul"
    assert quote["speaker"]["name"] == "Peru"
