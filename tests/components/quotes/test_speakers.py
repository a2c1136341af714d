"""Speaker resolution and cue choice, one small made-up article per behaviour."""

from tests.components.quotes.quote_helpers import only, quotes_of


def test_next_sentence_verb_with_its_own_clause_is_not_the_cue(nlp):
    text = ('Mayor Ana Ruiz said on Monday "We will rebuild the bridge before winter." '
            "Ruiz also said that the budget would be published in May.")
    quotes = quotes_of(nlp, text)
    direct = only(quotes, kind="direct")
    assert direct["content"]["text"] == "We will rebuild the bridge before winter."
    assert direct["cue"]["start"] == text.index("said")
    indirect = only(quotes, kind="indirect")
    assert indirect["content"]["text"] == "the budget would be published in May"
    assert len(quotes) == 2


def test_pronoun_after_an_unnamed_spokesman_stays_unnamed(nlp):
    text = ("The crash on Tuesday killed the driver, Mark Olsen, near the harbour.\n\n"
            "A police spokesman said the coastal road would reopen on Friday morning.\n\n"
            'He added: "Drivers should expect long delays near the bridge."')
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["speaker"]["text"] == "He"
    assert quote["speaker"]["name"] is None
    assert quote["speaker"]["anonymous"] is True


def test_single_name_is_the_person_named_in_full_before(nlp):
    text = ("WHO Director-General Tedros Adhanom Ghebreyesus spoke to reporters in Geneva.\n\n"
            '"That is a dangerous combination for the whole region," Tedros said.')
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["speaker"]["name"] == "Tedros Adhanom Ghebreyesus"


def test_described_through_the_body_is_the_person_named_next(nlp):
    text = ("The World Health Organization chief on Wednesday said the outbreak appeared to "
            "be under control in the capital.\n\n"
            '"The next wave could be much stronger," WHO Director-General Maria Keller told '
            "reporters.")
    quotes = quotes_of(nlp, text)
    indirect = only(quotes, kind="indirect")
    assert indirect["content"]["text"].startswith("the outbreak appeared")
    assert indirect["speaker"]["name"] == "Maria Keller"


def test_description_links_to_the_person_with_that_role(nlp):
    text = ("Trade commissioner Albert Muchanga announced that Benin would join the bloc.\n\n"
            'The commissioner said, "We have enough of a framework to start trading in July."')
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["speaker"]["text"] == "The commissioner"
    assert quote["speaker"]["name"] == "Albert Muchanga"


def test_the_lawmaker_is_the_mp_named_before(nlp):
    # "lawmaker" alone is an unnamed source ("a lawmaker said"); after "MP Ali Rezaei" the
    # definite description is him.
    text = ("MP Ali Rezaei told state TV that Tehran would respond. The lawmaker said the "
            "response would be proportionate.")
    quote = only(quotes_of(nlp, text), text="The lawmaker")
    assert quote["speaker"]["name"] == "Ali Rezaei"
    assert quote["speaker"]["anonymous"] is False


def test_the_lawmaker_after_two_mps_stays_unnamed(nlp):
    text = ("MP Ali Rezaei and MP Hassan Nowrouzi told state TV that Tehran would respond. "
            "The lawmaker said the response would be proportionate.")
    quote = only(quotes_of(nlp, text), text="The lawmaker")
    assert quote["speaker"]["name"] is None


def test_the_lawmaker_is_the_one_named_person_the_sentence_before_was_about(nlp):
    # Wire copy renames its subject by a role the article never gave him by name.
    text = ("Joey Salceda filed a bill on Monday. Salceda said that four million people of "
            "Philippine descent live in the United States. The lawmaker said the remarks "
            "were shameful.")
    quote = only(quotes_of(nlp, text), text="The lawmaker")
    assert quote["speaker"]["name"] == "Joey Salceda"
    # Someone given another role by name is not renamed so, and an unnamed official after
    # unnamed officials stays unnamed.
    text = ("Defense Minister Ali Shamkhani spoke on Sunday. The official said no date was "
            "set.")
    assert only(quotes_of(nlp, text), text="The official")["speaker"]["name"] is None
    text = "Officials said the talks had stalled. The official said no date was set."
    assert only(quotes_of(nlp, text), text="The official")["speaker"]["name"] is None


def test_the_premier_is_the_prime_minister_not_another_minister(nlp):
    text = ("Prime Minister Qais al-Mardumi described the strike as a violation of "
            "sovereignty. Foreign Minister Ziyad Al Ruwaishid said the kingdom was following "
            "developments with great concern. Aides said the premier had complained that "
            "some factions were dragging the country into war.")
    quote = only(quotes_of(nlp, text), text="the premier")
    assert quote["speaker"]["name"] == "Qais al-Mardumi"


def test_reported_clause_after_a_weekday(nlp):
    text = ("Health officials have counted more than 2,000 cases since August, and Carla "
            "Mendes said Wednesday the death toll stood at 207.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["content"]["text"] == "the death toll stood at 207"
    assert quote["speaker"]["name"] == "Carla Mendes"


def test_government_through_its_nationality_is_the_country(nlp):
    text = ("Drones hit two oil plants in Saudi Arabia on Saturday.\n\n"
            "The Saudi government said the attack included cruise missiles launched from the "
            "north.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["speaker"]["name"] == "Saudi Arabia"


def test_a_thing_that_points_to_something_does_not_speak(nlp):
    text = ("The decision to install new radars at the bases clearly points to the army's "
            "intention to stay for years.\n\n"
            "Analyst Omar Farouk pointed to the rising cost of the deployment for the budget.")
    quotes = quotes_of(nlp, text)
    assert all(not q["content"]["text"].startswith("the army") for q in quotes)
    quote = only(quotes, kind="indirect")
    assert quote["speaker"]["name"] == "Omar Farouk"
    assert quote["content"]["text"].startswith("the rising cost")


def test_a_place_or_body_in_a_description_is_not_the_speaker_as_written(nlp):
    # The phrase speaks ("the Florida senator"), not the place that says where he sits.
    text = ('"We are at war with a radical jihadist group," the Florida senator said. '
            '"We will not leave," a Pentagon spokesman said.')
    senator, spokesman = quotes_of(nlp, text)
    assert senator["speaker"]["text"] == "the Florida senator"
    assert spokesman["speaker"]["text"] == "a Pentagon spokesman"


def test_a_quotation_attributed_after_it_is_not_a_clause_of_the_verb_before(nlp):
    text = ("Marco Rubio spoke in Miami on Sunday. Nothing the president said \"will assuage "
            "people's fears,\" the Florida senator said.")
    assert [(q["kind"], q["content"]["text"], q["speaker"]["text"])
            for q in quotes_of(nlp, text)] == [
        ("direct", "will assuage people's fears,", "the Florida senator")]


def test_a_document_speaks_for_whose_it_is(nlp):
    cases = [
        ("Douglas Haig sold the ammunition. Haig's LinkedIn page says he worked for Boeing "
         "in Mesa.", "Douglas Haig"),
        ("Sanders won Vermont on Tuesday. According to CNN's projections, Biden won nine "
         "states.", "CNN"),
        ("The government of American Samoa opposed the ruling. Their statement said the "
         "ruling would fail to recognize the territory's culture.", "American Samoa"),
    ]
    for text, name in cases:
        (quote,) = quotes_of(nlp, text)
        assert quote["speaker"]["name"] == name, text


def test_he_is_not_the_subject_of_a_relative_clause_before_it(nlp):
    text = ("Refusing to give up power, Robert Mugabe agreed to a deal in which Morgan "
            "Tsvangirai became prime minister. \"Only God who appointed me will remove me,\" "
            "he declared.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["name"] == "Robert Mugabe"


def test_she_is_not_the_man_who_spoke_before(nlp):
    text = ('"It was the first time a candidate used the word," wrote Ben Jacobs in The '
            'Guardian.\n\nThe woman who started it identified herself to CNN as a '
            'resident named Caroline.\n\n"He truly cares about the people," she said.')
    quote = next(q for q in quotes_of(nlp, text) if q["content"]["text"].startswith("He "))
    assert quote["speaker"]["name"] == "Caroline"


def test_a_description_after_a_sentence_about_one_person_is_that_person(nlp):
    text = ("Hillary Clinton wants the District to become a state.\n\nThe Democratic "
            "frontrunner wrote for a local weekly that the District is often neglected.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["name"] == "Hillary Clinton"


def test_the_statement_is_whoever_gave_it_not_the_outlet_that_said_so(nlp):
    text = ("The Courier said Dana Holt provided a written statement in response to its "
            "questions.\n\n\"After reviewing the practice, the mayor stopped it,\" the "
            "statement said.")
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["speaker"]["name"] == "Dana Holt"


def test_it_after_a_quotation_is_the_body_that_spoke(nlp):
    text = ('Hezbollah said in a statement that it had fired rockets at a base. "This '
            'operation supports our people," it said.')
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["speaker"]["text"] == "it"
    assert quote["speaker"]["name"] == "Hezbollah"


def test_it_that_acts_on_someone_and_says_why_is_the_body(nlp):
    text = ("Iraq's Foreign Ministry summoned the Turkish ambassador on Sunday. It condemned "
            "the raid, saying the strike violated Iraqi sovereignty.")
    quote = only(quotes_of(nlp, text), kind="indirect")
    assert quote["speaker"]["text"] == "It"
    assert "Foreign Ministry" in quote["speaker"]["name"]
    assert quote["content"]["text"] == "the strike violated Iraqi sovereignty"
    # A dummy "it" with an object is no one's: "It took three years, saying …" is rare, and
    # "it is said" never speaks.
    text = "It took three years to build the bridge. It is said that the bridge is safe."
    assert not quotes_of(nlp, text)


def test_it_set_off_by_commas_is_the_body_that_says(nlp):
    text = ("The Labor Department published its plan on Monday. The average weekly "
            "benefit, it says, would be $300.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["text"] == "it"
    assert quote["speaker"]["name"] == "Labor Department"


def test_a_spokesperson_for_a_named_person_speaks_for_them(nlp):
    text = ("A spokesperson for the European Union's foreign policy chief Kaja Kallas said "
            "the bloc was studying the request.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["text"] == "A spokesperson"
    assert quote["speaker"]["on_behalf_of"]["text"] == "Kaja Kallas"


def test_a_ministry_spokesman_speaks_for_the_ministry_not_its_country(nlp):
    text = "Iran's Foreign Ministry spokesman Esmaeil Baghaei said the talks were useful."
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["name"] == "Esmaeil Baghaei"
    assert quote["speaker"]["on_behalf_of"]["text"] == "Foreign Ministry"


def test_the_holders_of_an_office_of_several_countries_speak_for_each(nlp):
    text = ("The foreign ministers of Saudi Arabia and Iran said in a joint statement that "
            "they had agreed to reopen embassies.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["names"] == ["Saudi Arabia", "Iran"]


def test_they_after_an_unnamed_group_is_not_the_name_it_acted_on(nlp):
    # Mehr's shape: "they" is the militias, whom the article does not name, not Washington,
    # the latest name before it.
    text = ("The militias blamed Washington for the strike. They said the Americans had "
            "violated Iraqi sovereignty.")
    quote = only(quotes_of(nlp, text), text="They")
    assert quote["speaker"]["name"] is None


def test_they_after_two_named_sides_is_both(nlp):
    text = ("The United States and Iraq held a new round of security talks on Monday. They "
            "said the coalition's mission would end by September 2025.")
    quote = only(quotes_of(nlp, text), text="They")
    assert sorted(quote["speaker"]["names"]) == ["Iraq", "United States"]


def test_the_spokesperson_later_is_the_one_given_that_role_not_the_principal(nlp):
    # The spokesperson must not collapse into the prime minister named in his role.
    text = ("Yehia Rasool, the military spokesperson for Iraqi Prime Minister Mohammed Shia "
            "al-Sudani, denounced the strike as a violation of sovereignty.\n\n"
            "The military spokesperson for the prime minister said the government would "
            "file a complaint.")
    quote = only(quotes_of(nlp, text), text="The military spokesperson")
    assert quote["speaker"]["name"] == "Yehia Rasool"



def test_role_noun_of_another_party_to_the_persons_verb_is_not_their_role(nlp):
    text = ("A lawmaker in Iraq is calling for the American envoy Tom Barrack to be expelled "
            "from the country.\n\n"
            "In London, one lawmaker called Barrack \"a guest who has outstayed his welcome.\"\n\n"
            "The lawmaker, who represents a district in Basra province, said the envoy's "
            "remarks had been broadcast widely.")
    quote = next(q for q in quotes_of(nlp, text) if q["content"]["text"].startswith(
        "the envoy's remarks"))
    assert quote["speaker"]["name"] != "Tom Barrack"


def test_who_goes_on_to_say_speaks(nlp):
    text = ("Iraq's foreign minister met his Turkish counterpart in Ankara. The minister went "
            "on to say that the water dispute would be settled by a joint committee.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["text"] == "The minister"
    assert quote["content"]["text"] == "the water dispute would be settled by a joint committee"
    text = ("Protesters in Sulaimani continued to call for the release of the detained "
            "journalists.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["text"] == "Protesters"
    assert quote["content"]["text"] == "the release of the detained journalists"


def test_declining_or_not_going_on_to_say_reports_nothing(nlp):
    text = ("The spokesman declined to say whether the talks in Muscat had failed. The envoy "
            "did not go on to say that the deal was dead. He went to Doha to say farewell.")
    assert not quotes_of(nlp, text)


def test_a_family_or_protesters_call_on_others(nlp):
    text = ("The family of the slain journalist called on the authorities to hand over the "
            "killers.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["text"] == "The family"
    assert quote["content"]["text"] == "to hand over the killers"
    # A plan or a decision that "calls for" something is no one speaking.
    assert not quotes_of(nlp, "The ceasefire plan calls for a prisoner exchange in stages.")


def test_who_wrote_or_signed_a_letter_speaks_through_it(nlp):
    text = ("Forty lawmakers signed a letter urging the government to expel the ambassador. "
            "A group of doctors wrote a letter calling for his dismissal.")
    first, second = quotes_of(nlp, text)
    assert first["speaker"]["text"] == "Forty lawmakers"
    assert first["content"]["text"] == "to expel the ambassador"
    assert second["speaker"]["text"] == "A group"
    assert second["content"]["text"] == "his dismissal"


def test_for_his_part_is_no_particle_of_a_call(nlp):
    text = ("For his part, the Speaker of the National Assembly, Wathiq Al-Tellawi, called for "
            "an extraordinary session of the Assembly to be held on Thursday.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["name"] == "Wathiq Al-Tellawi"
    assert quote["content"]["text"] == ("an extraordinary session of the Assembly to be held "
                                        "on Thursday")


def test_a_description_is_not_the_next_speaker_of_another_office(nlp):
    text = ("The Iraqi foreign minister said the strike violated Iraqi sovereignty. Iranian "
            "President Masoud Pezeshkian warned that the region would pay the price.")
    first, second = quotes_of(nlp, text)
    assert first["speaker"]["text"] == "The Iraqi foreign minister"
    assert first["speaker"]["entity"] is None
    assert second["speaker"]["name"] == "Masoud Pezeshkian"
    text = ("The foreign minister said the strike violated Iraqi sovereignty. Foreign Minister "
            "Fuad Hussein told reporters that Baghdad would complain to the Security Council.")
    first, _ = quotes_of(nlp, text)
    assert first["speaker"]["name"] == "Fuad Hussein"


def test_another_source_set_against_the_first_is_not_part_of_what_it_said(nlp):
    text = ("The Iraqi foreign minister said the strike violated Iraqi sovereignty, while "
            "Iranian President Masoud Pezeshkian warned that the region would pay the price.")
    first, second = quotes_of(nlp, text)
    assert first["content"]["text"] == "the strike violated Iraqi sovereignty"
    assert second["speaker"]["name"] == "Masoud Pezeshkian"
    assert second["content"]["text"] == "the region would pay the price"


def test_a_press_secretary_speaks_for_whose_office_it_is(nlp):
    text = ("Kremlin press secretary Dmitry Peskov told reporters that Moscow had received the "
            "proposal.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["name"] == "Dmitry Peskov"
    assert quote["speaker"]["on_behalf_of"]["text"] == "Kremlin"
    text = ("Defense Secretary Ash Carter used a personal account. Carter’s press secretary, "
            "Peter Cook, told the Times that the use of personal email was a mistake.")
    quote = only(quotes_of(nlp, text))
    assert quote["speaker"]["name"] == "Peter Cook"
    assert quote["speaker"]["on_behalf_of"]["text"] == "Carter"
    # A secretary who is not the press's speaks for no one else.
    quote = only(quotes_of(nlp, "Secretary of State Marco Rubio said the talks in Riyadh "
                                "were productive."))
    assert "on_behalf_of" not in quote["speaker"]


def test_a_spokesperson_goes_on_speaking_for_the_same_principal(nlp):
    text = ("Kremlin press secretary Dmitry Peskov told reporters that Moscow had received the "
            "proposal.\n\nPeskov said the reply would come within days.")
    first, second = quotes_of(nlp, text)
    assert second["speaker"]["name"] == "Dmitry Peskov"
    assert second["speaker"]["on_behalf_of"]["text"] == "Kremlin"


def test_a_foreign_secretary_is_the_foreign_minister(nlp):
    text = ("Mexico's Foreign Secretary Marcelo Ebrard said the government would press "
            "Washington to protect Mexicans.\n\nThe foreign minister said Mexico would consider "
            "charging the gunman with terrorism.")
    _, second = quotes_of(nlp, text)
    assert second["speaker"]["text"] == "The foreign minister"
    assert second["speaker"]["name"] == "Marcelo Ebrard"

