"""The quote extractor: evaluative verbs, speaker phrases and pronouns."""

from tests.components.quotes.quote_helpers import quotes_of


def test_praise_with_only_a_target_is_no_quote(nlp):
    text = ("The mayor Helga Marsh praised the fire brigade for its quick response on Monday. "
            "Oil traders blamed Venezuela for the sudden price rise.")
    assert quotes_of(nlp, text) == []


def test_quoted_description_in_the_speaker_phrase_is_not_what_was_said(nlp):
    text = ('A woman described as a "former school board member in Ohio" told the Courier '
            'that the councillor had shouted at her during a meeting in 2016.')
    quotes = quotes_of(nlp, text)
    assert all("former school board member" not in q["content"]["text"] for q in quotes)
    (quote,) = quotes
    assert quote["cue"]["text"] == "told"
    assert "the councillor had shouted at her" in quote["content"]["text"]


def test_object_content_leaves_out_a_clause_of_circumstance(nlp):
    text = ("Governor Paul Reddick announced his resignation on Friday, as calls from his own "
            "party for him to step down grew louder after the audit.")
    (quote,) = quotes_of(nlp, text)
    assert quote["cue"]["text"] == "announced"
    assert "calls" not in quote["content"]["text"]
    assert quote["content"]["text"].startswith("his resignation")


def test_place_that_modifies_a_private_person_is_not_the_speaker(nlp):
    text = ("A Kansas farmer who grows wheat says he was cheated by the grain company "
            "last autumn.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] != "Kansas"
    assert quote["speaker"]["entity"] is None


def test_unnamed_aide_is_anonymous_not_the_party(nlp):
    text = ("An unnamed former Republican campaign aide told the Herald that the candidate "
            "had ignored the warnings about the budget.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["entity"] is None
    assert quote["speaker"]["anonymous"] is True


def test_counted_group_is_anonymous(nlp):
    text = ("About 40 House Republicans have urged the Wyoming Republican to resign "
            "from the committee.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["entity"] is None
    assert quote["speaker"]["anonymous"] is True


def test_description_prefers_the_person_given_the_title(nlp):
    text = ("Maria Delgado, a reporter, says Sen. Robert Calloway insulted her at a dinner in "
            "2012, before the businessman was a senator. The senator said he remembered the "
            "dinner differently.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "said")
    assert quote["speaker"]["name"] == "Robert Calloway"


def test_surname_after_a_title_and_full_name_is_that_person(nlp):
    text = ("Sen. Al Franken denied most of the allegations on Thursday. Franken said he did "
            "not remember the events and denied asking anyone to leave.")
    quotes = quotes_of(nlp, text)
    said = next(q for q in quotes if q["cue"]["text"] == "said")
    first = next(q for q in quotes if q["cue"]["text"] == "denied")
    assert said["speaker"]["entity"] is not None
    assert said["speaker"]["entity"] == first["speaker"]["entity"]


def test_pronoun_points_to_the_subject_of_its_own_paragraph(nlp):
    text = ("Actor Jonathan Reeve said that a reboot of the series is being planned.\n\n"
            "Costume maker Ian Campbell had a booth at the fair. Campbell was carving a "
            "helmet all weekend. Afterwards, he told reporters that working in front of a "
            "crowd was hard but rewarding.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "told")
    assert quote["speaker"]["name"] == "Ian Campbell"
