"""The quote extractor: relative clauses, detached subjects, statements' issuers, bodies and
pairs described, quotations that go on after a report."""

import pytest

from presslens.components.speech_cues import find_quoted_stretches
from tests.components.quotes.quote_helpers import only, quotes_of


def test_report_in_a_relative_clause_leaves_out_the_relative_pronoun(nlp):
    text = ("The storm caused floods in two villages, which local officials said were "
            "under control by Sunday evening.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "said")
    assert quote["content"]["text"] == "were under control by Sunday evening"


def test_trailing_relative_clause_with_its_own_report_is_a_quote_of_its_own(nlp):
    text = ("Governor Paul Reddick said he may declare a state of emergency, which "
            "he said would allow him to act without the legislature.")
    contents = sorted(q["content"]["text"] for q in quotes_of(nlp, text))
    assert contents == ["he may declare a state of emergency",
                        "would allow him to act without the legislature"]


def test_verb_that_reports_its_own_clause_before_a_colon_is_not_the_quotations_cue(nlp):
    text = ('After the vote, a ministry spokesperson, Lena Ortiz, indicated the government '
            'was disappointed by the decision: "While we await the details of the law," she '
            'said, "we urge the council to reconsider its vote on the base."')
    quotes = quotes_of(nlp, text)
    indicated = next(q for q in quotes if q["cue"] and q["cue"]["text"] == "indicated")
    assert indicated["kind"] == "indirect"
    assert indicated["content"]["text"] == "the government was disappointed by the decision"
    assert indicated["speaker"]["name"] == "Lena Ortiz"


def test_subject_the_parse_hung_on_the_phrase_before(nlp):
    text = ('Sen. Harlan Brooks was accused in 2010. In a statement following that accusation, '
            'Brooks\'s office said he had not "knowingly done" anything of the kind.')
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "said")
    assert quote["speaker"]["name"] == "Harlan Brooks"
    assert quote["content"]["text"].startswith("he had not")


def test_clause_before_a_closing_attribution_without_a_complement(nlp):
    text = ("But when they opened the doors of the van they found five propane tanks and "
            "three phones, Sheriff Tom Ragley said.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Tom Ragley"
    assert quote["content"]["text"].startswith("when they opened the doors")
    assert quote["content"]["text"].endswith("three phones")


def test_verb_after_a_quoted_title_that_reports_its_own_clause(nlp):
    text = ("“Motive a mystery in car fire at the base,” by Phil Weston, Daily Courier, "
            "March 23: Federal investigators on Friday said that the driver was a 51-year-old "
            "man from the valley.")
    quotes = quotes_of(nlp, text)
    assert all(q["kind"] != "direct" or q["cue"] is None for q in quotes)
    said = next(q for q in quotes if q["cue"] and q["cue"]["text"] == "said")
    assert said["content"]["text"].startswith("the driver was")


def test_quotation_that_closes_its_sentence_before_a_new_report_is_not_its_cue(nlp):
    text = ("“We have urban cholera now. The potential for an explosive increase is there.” "
            "Dr Anna Keller, the agency's deputy director, said the city's location on the "
            "river raised the prospect of the disease spreading to the capital.")
    quotes = quotes_of(nlp, text)
    report = next(q for q in quotes if q["kind"] == "indirect")
    assert report["cue"]["text"] == "said"
    assert "raised the prospect" in report["content"]["text"]


def test_naming_verb_with_a_hyphenated_quoted_object(nlp):
    (quote,) = quotes_of(nlp, 'Senator Adam Brill called it "a non-starter".')
    assert quote["kind"] == "direct"
    assert quote["content"]["text"] == "a non-starter"
    assert quote["speaker"]["name"] == "Adam Brill"


def test_phrase_cues_call_upon_share_talk_of_voice_alarm(nlp):
    text = ("The rebel groups have called upon their supporters in the city to stay at home "
            "this week. Asked about the race, runner Nadia Perez shared that she was prone to "
            "cramps in the heat. Actress Emma Caulder talked of being cast in a television "
            "pilot last year. But Dr Lionel Marsh voiced alarm that the outbreak was spreading "
            "faster than in any year before.")
    cues = {q["cue"]["text"]: q for q in quotes_of(nlp, text)}
    assert cues["called"]["content"]["text"].startswith("to stay at home")
    assert cues["shared"]["content"]["text"] == "she was prone to cramps in the heat"
    assert cues["talked"]["content"]["text"].startswith("being cast in a television pilot")
    assert cues["voiced"]["content"]["text"].startswith("the outbreak was spreading")


def test_statement_speaks_for_whoever_issued_it(nlp):
    text = ("A report made public this week by Spencer Boyd concluded he could not determine "
            "the motive of the students. There had been other incidents, including a tweet by "
            "Igor Salkov, an elected student representative, saying: “punch the referee now.”")
    quotes = quotes_of(nlp, text)
    concluded = next(q for q in quotes if q["cue"]["text"] == "concluded")
    assert concluded["speaker"]["name"] == "Spencer Boyd"
    tweet = next(q for q in quotes if q["kind"] == "direct")
    assert tweet["speaker"]["name"] == "Igor Salkov"


def test_the_company_is_the_body_that_spoke_before(nlp):
    text = ("Brightwell Foods told the Herald that it is cooperating with the police.\n\n"
            "“We were shocked to see this video and do not condone this behaviour,” the company "
            "said.")
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert quote["speaker"]["text"] == "the company"
    assert quote["speaker"]["name"] == "Brightwell Foods"


def test_the_pair_is_the_two_people_named_together(nlp):
    text = ("Ms Helen Garber, of the Freedom blog, and Mr Rupert Stanley, of Liberty Watch, are "
            "co-founders of the campaign. On their blogs the pair called the ban "
            "\"a striking blow against free speech\".")
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert sorted(quote["speaker"]["names"]) == ["Helen Garber", "Rupert Stanley"]


def test_quotation_runs_over_sentence_lines_to_its_closing_mark():
    text = ("“Now the question is, why.\n\nWhy was he there?\n\nWe don’t know,” he said.\n\n"
            "“Another quotation”")
    stretches = find_quoted_stretches(text)
    assert text[stretches[0].start:stretches[0].end] == (
        "Now the question is, why.\n\nWhy was he there?\n\nWe don’t know,")
    assert stretches[0].multi_paragraph


def test_quotation_after_a_report_goes_on_with_the_reporters_words(nlp):
    text = ("On Wednesday, Principal Susan Fortin said the university wants a safe campus for "
            "all students.\n\n“I would like to make it clear that there is no place for hatred "
            "at our university and I will remain vigilant.”")
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert quote["cue"] is None
    assert quote["speaker"]["name"] == "Susan Fortin"
    assert quote["content"]["text"].startswith("I would like")


def test_first_person_in_quoted_words_is_who_speaks_them(nlp):
    text = ('Senate leader Charles Sumner said on Friday "We made a plea to the president once '
            'again: reopen the government" and "So we told the president we needed the '
            'government open. He resisted."')
    quote = next(q for q in quotes_of(nlp, text)
                 if q["speaker"]["text"] and q["speaker"]["text"].lower() == "we")
    assert quote["speaker"]["name"] == "Charles Sumner"


def test_report_relayed_from_another_source(nlp):
    text = ("The Daily Mail covered the outbreak on Monday.\n\n"
            "The Mail reports that health workers have recorded 40 cases of the disease in "
            "three provinces, the WHO said.")
    quotes = quotes_of(nlp, text)
    said = next(q for q in quotes if q["cue"]["text"] == "said")
    reports = next(q for q in quotes if q["cue"]["text"] == "reports")
    assert said["content"]["text"] == ("health workers have recorded 40 cases of the disease in "
                                       "three provinces")
    assert reports["content"]["text"].endswith("the WHO said")
    assert reports["speaker"]["name"] == "Daily Mail"


def test_according_to_a_convention_is_no_attribution(nlp):
    text = ("China has always protected the safety of workers at foreign missions according to "
            "the Vienna Convention on Diplomatic Relations.")
    assert quotes_of(nlp, text) == []


def test_students_urged_are_not_what_was_urged(nlp):
    (quote,) = quotes_of(nlp, "The group was urging students to vote against the new budget.")
    assert quote["content"]["text"] == "to vote against the new budget"


def test_verb_opening_a_sentence_without_a_subject_does_not_hang(nlp):
    # The phrase before the verb is the previous sentence, whose root is its own head.
    text = "The council met on Monday. Told reporters the bridge would be rebuilt."
    quotes = quotes_of(nlp, text)
    assert all(q["speaker"]["text"] != "Monday" for q in quotes)


def test_pronoun_joined_to_a_named_speaker_speaks_too(nlp):
    text = ("Chief constable Nick Adley wrote to the embassy on Monday. Both he and the "
            "county's Police Commissioner Stephen Mould, urged that the immunity be waived.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "urged")
    assert sorted(quote["speaker"]["names"]) == ["Nick Adley", "Stephen Mould"]


def test_a_verb_of_saying_with_that_and_nothing_after_it_is_no_quote(nlp):
    # A text cut after "that" once made the clause reader step past the end of the Doc.
    for text in ("conceding that", "Officials, conceding that"):
        assert nlp(text)._.quotes == []


def test_a_participle_before_a_verb_that_goes_on_is_not_what_was_said(nlp):
    # "…, X said." closes a sentence; "…, X agreed to a deal in which …" does not, and a
    # participle ("Refusing to give up power") is no clause of its own.
    doc = nlp("Refusing to give up power, Robert Mugabe agreed to a deal in which Morgan "
              "Tsvangirai became prime minister.")
    assert doc._.quotes == []
    doc = nlp("But when they opened the doors they found five tanks, Ragan said on Monday.")
    assert [q["content"]["text"] for q in doc._.quotes] == [
        "when they opened the doors they found five tanks"]


def test_a_quotation_after_a_colon_that_names_its_own_speaker_is_that_speakers(nlp):
    # The colon introduces the quotation; the attribution after it says who speaks.
    text = ('The agency noted the need to move governments to act: "All countries can still '
            'change the course of this outbreak," said Dr. Amara Lindqvist, the director '
            'general of the agency. The ministry said: "We will respond."')
    quotes = {q["content"]["text"]: q for q in quotes_of(nlp, text)}
    first = quotes["All countries can still change the course of this outbreak,"]
    assert first["speaker"]["name"] == "Amara Lindqvist"
    assert quotes["We will respond."]["speaker"]["text"] == "The ministry"


def test_a_source_asking_not_to_be_named_says_nothing_by_it(nlp):
    # The terms a source set, which the reporter tells; what it said is the next clause.
    doc = nlp("A senior Hamas official, who asked not to be named, told AFP the group had "
              "received the proposal. An Iraqi security source, who requested not to be "
              "identified, said three rockets hit the base.")
    assert [q["content"]["text"] for q in doc._.quotes] == [
        "the group had received the proposal", "three rockets hit the base"]
    # A request not to be disturbed is still a request.
    doc = nlp("The minister asked not to be disturbed during the talks.")
    assert [q["content"]["text"] for q in doc._.quotes] == [
        "not to be disturbed during the talks"]


def test_a_reason_after_what_was_said_is_part_of_it(nlp):
    doc = nlp("Rep. Trey Gowdy said that claim smacked of hypocrisy, because Democrats had "
              "questioned the FBI's decisions for years.")
    (quote,) = doc._.quotes
    assert quote["content"]["text"].endswith("questioned the FBI's decisions for years")


def test_another_sources_attribution_joined_by_and_is_not_what_was_said(nlp):
    text = ("Iran's mission to the United Nations said the strikes were a violation of Iraq's "
            "sovereignty, and the MP Ali Rezaei told state TV that Tehran would respond.")
    contents = {q["content"]["text"] for q in quotes_of(nlp, text)}
    assert "the strikes were a violation of Iraq's sovereignty" in contents
    assert "Tehran would respond" in contents


def test_made_clear_reports_its_clause(nlp):
    text = ("The minister made it clear that Iraq would not take sides in the conflict.\n\n"
            "He made clear on Monday that the troops would stay, saying the talks had "
            "stalled.\n\nThe ministry made a decision to close the border.")
    contents = [q["content"]["text"] for q in quotes_of(nlp, text)]
    assert "Iraq would not take sides in the conflict" in contents
    assert "the troops would stay" in contents
    assert not any("border" in c for c in contents)



def test_quotation_opening_the_paragraph_after_a_saying_that_ends_on_a_colon(nlp):
    text = ("Hadi al-Amiri spoke to supporters in Basra on Friday.\n\n"
            "He said:\n\n"
            "\u201cThe foreign forces must leave this land. Our patience with them is at "
            "an end.\u201d\n\n"
            "The crowd dispersed after the speech.")
    quote = next(q for q in quotes_of(nlp, text) if q["content"]["text"].startswith("The foreign"))
    assert quote["kind"] == "direct"
    assert quote["cue"]["text"] == "said"
    assert quote["speaker"]["name"] == "Hadi al-Amiri"


def test_block_paragraph_without_marks_after_a_saying_that_ends_on_a_colon(nlp):
    text = ("The Kurdistan Region Security Council issued a statement on the attack. "
            "The statement read:\n\n"
            "Last night's attack on Erbil was carried out by an outlawed group that has "
            "targeted the city before.\n\n"
            "Officials gave no figures for the damage.")
    quotes = quotes_of(nlp, text)
    quote = only(quotes, kind="direct")
    assert quote["content"]["text"].startswith("Last night's attack on Erbil")
    assert quote["content"]["text"].endswith("the city before.")
    assert quote["cue"]["text"] == "read"
    assert not any(q["content"]["text"].startswith("Officials") for q in quotes)


def test_paragraph_after_a_colon_that_no_one_says_is_no_quote(nlp):
    text = ("The ministry listed the prices of the week as follows:\n\n"
            "Bread rose by ten percent and rice by five percent over the month.")
    assert quotes_of(nlp, text) == []


def test_verb_after_a_colon_quotation_that_reports_its_own_clause_is_a_saying_of_its_own(nlp):
    text = ('In a statement, the oil ministry said: "Exports through the northern pipeline '
            'will resume within days," adding that output at the Kirkuk fields had doubled '
            'since March.')
    quotes = quotes_of(nlp, text)
    direct = only(quotes, kind="direct")
    assert direct["cue"]["text"] == "said"
    adding = next(q for q in quotes if q["cue"]["text"] == "adding")
    assert adding["content"]["text"] == "output at the Kirkuk fields had doubled since March"


def test_clause_the_parse_hung_on_the_addressee_of_told(nlp):
    text = ("The envoy visited Baghdad last week. In Najaf on Sunday, he told a meeting of "
            "tribal leaders that few people understood the cost of the war better than the "
            "people of the south.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "told")
    assert quote["content"]["text"].startswith("few people understood the cost of the war")


def test_writers_sentence_joined_by_and_is_not_part_of_what_was_said(nlp):
    text = ("The hearing was heated. Sadrist lawmakers said they're increasingly convinced "
            "the ministry mishandled the investigation and Kurdish deputies accused the bloc "
            "of politicizing it.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "said")
    assert quote["content"]["text"] == ("they're increasingly convinced the ministry "
                                        "mishandled the investigation")


def test_clause_joined_after_an_attribution_inside_the_report_belongs_to_it(nlp):
    text = ("The strikes went on overnight.\n\nThree fighters were killed in the raid, the "
            "ministry said on Sunday, and two more were wounded.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "said")
    assert quote["content"]["text"].startswith("Three fighters were killed")
    assert quote["content"]["text"].endswith("two more were wounded")


def test_piece_of_a_clause_the_parse_cut_off_does_not_replace_the_clause(nlp):
    text = ("The agency noted that both ministries were referring to studies that compare "
            "the number of people employed to the population adjusted for those still "
            "enrolled in education.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "noted")
    assert quote["content"]["text"].startswith("both ministries were referring to studies")


def test_gerund_object_of_a_proposing_verb_is_what_was_proposed(nlp):
    text = ("The planning minister proposes allowing families to deduct the cost of "
            "generators from their electricity bills.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["content"]["text"].startswith("allowing families to deduct")


def test_characterization_in_the_writers_words_is_reported_speech(nlp):
    text = ("Iraq's foreign ministry called the strike a flagrant violation of Iraqi "
            "sovereignty and summoned the US charge d'affaires.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["cue"]["text"] == "called"
    assert quote["content"]["text"] == "the strike a flagrant violation of Iraqi sovereignty"
    assert quote["speaker"]["text"] == "Iraq's foreign ministry"


def test_rest_of_a_characterization_the_parse_hung_on_the_verb_but_not_its_day(nlp):
    text = ("The United Nations called the humanitarian crisis in Yemen the worst in the "
            "world on Tuesday.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["content"]["text"] == "the humanitarian crisis in Yemen the worst in the world"


def test_a_name_given_by_a_participle_or_a_passive_is_no_characterization(nlp):
    text = ("Their militia, called the Brigades of the Martyrs, was disbanded in 2019. "
            "Reservists, called to service by the ministry, guarded the border.")
    assert quotes_of(nlp, text) == []


def test_characterization_in_quotation_marks_stays_a_direct_quote(nlp):
    text = 'The minister called the attack "a cowardly act of terror."'
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["content"]["text"].startswith("a cowardly act")


def test_writers_comment_after_a_dash_is_not_what_was_said(nlp):
    text = ("She said that a senior member of the bloc had told her, minutes before the vote, "
            "that the text was \u201cfor the funeral, not for the calendar\u201d \u2014 a remark "
            "that, if accurate, suggests even its sponsors do not expect an early withdrawal.")
    quotes = quotes_of(nlp, text)
    assert quotes and all("remark" not in q["content"]["text"] for q in quotes)
    assert all(q["cue"]["text"] != "suggests" for q in quotes)


def test_a_quantity_the_parse_made_the_object_of_said_opens_the_clause(nlp):
    # The parse reads "many"/"most" as the object of "said" and the clause's verb as a
    # clause of the relative clause inside it; "say" takes no one told as its object.
    text = ("The ministry spokesman said many of the sites that activists point to as militia "
            "bases in Jurf al-Sakhar failed to show any weapons.")
    quote = only(quotes_of(nlp, text))
    assert quote["content"]["text"] == ("many of the sites that activists point to as militia "
                                        "bases in Jurf al-Sakhar failed to show any weapons")
    # "Told" still takes the one told as its object.
    quote = only(quotes_of(nlp, "The envoy told the families that the camp would close."))
    assert quote["content"]["text"] == "the camp would close"


def test_a_verb_of_saying_in_the_imperative_reports_no_one(nlp):
    # A debate transcript and a letters page: someone is asked to speak, no one speaks.
    assert quotes_of(nlp, "Mr. Trump, tell me what you are going to do about the deficit?") \
        == []
    assert quotes_of(nlp, 'Ouisa Davis\' commentary, "Melania, tell your immigrant story," '
                          "is very thoughtful.") == []


def test_a_plain_present_of_saying_still_reports(nlp):
    text = "Demonstrators in Basra, many of them students, say the fees must go."
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "the fees must go"


def test_adding_a_thing_is_not_saying_even_with_a_clause_of_cause_inside(nlp):
    text = ("The council had added the extra market day, known as the Harvest Day because "
            "the stalls overlapped with the festival, after traders faced long delays in 2018.")
    assert quotes_of(nlp, text) == []


def test_a_document_speaks_for_who_the_relative_clause_says_delivered_it(nlp):
    text = ("The plan would curb short-term trading, according to a speech Foreign Minister "
            "Hana Saleh delivered at Baghdad University.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Hana Saleh"


def test_a_news_conference_announcing_something_is_its_holder_announcing_it(nlp):
    text = ('"We will get there together," Minister Hana Saleh said at a news conference '
            "announcing that her ministry was suing the contractor.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["content"]["text"] == "her ministry was suing the contractor"
    assert quote["speaker"]["name"] == "Hana Saleh"


def test_a_by_inside_what_a_statement_says_is_not_its_issuer(nlp):
    text = ("The government of Kuwait issued a statement agreeing the matter should be decided "
            'by the United Nations and not by the courts: "Imposed borders would ignore our '
            'history."')
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Kuwait"


def test_a_report_someone_owns_is_theirs_not_an_unnamed_source(nlp):
    text = ("According to the WHO's situation report dated March 16, the virus claimed 6,606 "
            "lives.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "WHO"
    assert not quote["speaker"]["anonymous"]


@pytest.mark.parametrize("sentence, content", [
    ("Transport Secretary Hana Saleh announced the measure at the government's daily "
     "coronavirus briefing.", "the measure"),
    ("Minister Hana Saleh announced new curbs on imports at a briefing in Baghdad.",
     "new curbs on imports"),
])
def test_the_occasion_of_an_announcement_is_not_what_was_announced(nlp, sentence, content):
    (quote,) = quotes_of(nlp, sentence)
    assert quote["content"]["text"] == content


def test_part_of_a_statement_speaks_as_the_statement(nlp):
    text = ("Judge Gray Miller ruled on Friday. Part of the judge's statement read: \"The "
            'average woman could be better suited for some combat positions."')
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Gray Miller"
