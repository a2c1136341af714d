"""Attribution shapes of political and wire copy: quoted words inside a longer reported
clause, programme titles in quotation marks, clauses the parse reads as objects, and how the
PolNeAR reader joins a quotation with the one that carries it on."""

from presslens.eval.quotes import read_brat
from tests.components.quotes.quote_helpers import only, quotes_of


def test_quotation_opening_a_clause_that_goes_on_before_its_attribution_is_mixed(nlp):
    text = ("“I held and hugged” the grieving families before laying flowers at the memorial "
            "on Main Street, the governor said.")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("“I held and hugged” the grieving families")
    assert quote["content"]["text"].endswith("on Main Street")


def test_quotation_at_the_end_of_a_clause_an_attribution_interrupts_is_mixed(nlp):
    text = ("The mayor spoke to reporters on Tuesday. But, Ms. Alvarez added, she did not "
            "support closing the schools \"willy-nilly.\"")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "added")
    assert quote["kind"] == "mixed"
    assert "she did not support closing the schools" in quote["content"]["text"]
    assert quote["speaker"]["text"] == "Alvarez"


def test_quotation_that_opens_its_sentence_after_an_attribution_stays_direct(nlp):
    text = ('Speaking to a local radio station, she said, "It happened on my watch. I take '
            'the responsibility." The council meets again on Monday.')
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["content"]["text"].startswith("It happened on my watch.")


def test_programme_title_in_quotation_marks_is_not_what_was_said(nlp):
    text = ("Senator Dana Whitfield said on NBC's \"Meet the Press\" that she would \"take a "
            "close look\" at the bill before the vote.")
    quotes = quotes_of(nlp, text)
    assert [q["content"]["text"] for q in quotes] == [
        "she would \"take a close look\" at the bill before the vote"]
    assert quotes[0]["kind"] == "mixed"


def test_programme_told_in_quotation_marks_is_not_a_quote(nlp):
    text = ('"The rules are clear and the committee will follow them," Rep. Tom Okafor told '
            '"Fox and Friends," reminding viewers that the vote is on Friday.')
    quotes = quotes_of(nlp, text)
    assert [q["content"]["text"] for q in quotes if q["kind"] == "direct"] == [
        "The rules are clear and the committee will follow them,"]


def test_clause_the_parse_makes_a_participle_of_a_saying_verb(nlp):
    text = "Manny Ortega said seeing so many police officers at the parade was a welcome sight."
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "indirect"
    assert quote["content"]["text"] == \
        "seeing so many police officers at the parade was a welcome sight"
    assert quote["speaker"]["text"] == "Manny Ortega"


def test_saying_verb_with_a_plain_object_reports_no_clause(nlp):
    assert quotes_of(nlp, "Asked about the plan, the senator said no.") == []


def test_polnear_second_content_joins_the_first(tmp_path):
    text = "“We are global,” he said. “We are everywhere at once.” Then he left."
    second = text.index("“We are everywhere")
    annotation = tmp_path / "article_0001.ann"
    annotation.write_text(
        "T1\tContent 0 16\t“We are global,”\n"
        "T2\tSource 17 19\the\n"
        "T3\tCue 20 24\tsaid\n"
        "T4\tAttribution 20 24\tsaid\n"
        f"T5\tContent {second} {second + 28}\t{text[second:second + 28]}\n"
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1 Content2:T5\n",
        encoding="utf-8")
    (relation,) = read_brat(annotation)
    assert relation.content == (0, second + 28)
    assert relation.source == (17, 19)


def test_background_after_the_reported_clause_is_not_what_was_said(nlp):
    text = ("Campaign aides said dozens of new donors have come aboard since January, when the "
            "group launched with a $3 million gift from a family trust.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "dozens of new donors have come aboard since January"


def test_what_went_on_meanwhile_is_not_what_was_said(nlp):
    text = ("Senator Ruth Aldana is pledging to take her campaign to the convention floor -- "
            "even as her rival closed in on the delegates needed for the nomination.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "to take her campaign to the convention floor"


def test_aside_holding_quoted_words_stays_in_the_reported_clause(nlp):
    text = ("The bishop said the church should welcome the couples, which could include "
            "blessings that take a “liturgical” form.")
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "said")
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].endswith("a “liturgical” form")


def test_quoted_words_inside_the_object_of_a_verb_that_reports_no_clause(nlp):
    text = ("The governor blamed the delays at the port on “chronic understaffing” in the "
            "customs office.")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"] == \
        "the delays at the port on “chronic understaffing” in the customs office"


def test_subject_the_parse_finds_inside_the_quotation_is_not_the_speaker(nlp):
    text = ("“My reaction, that was outrageous,” Romney's former campaign strategist said in "
            "an interview with NBC’s Lester Holt.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["text"] == "Romney's former campaign strategist"


def test_polnear_relative_pronoun_source_is_the_phrase_it_stands_for():
    from presslens.eval.quotes import source_matches

    text = "Keith Vaz, chairman of the committee, who said the rules were clear. Then he left."
    who = text.index("who")
    vaz = {"start": 0, "end": len("Keith Vaz")}
    assert source_matches(text, (who, who + 3), vaz)
    assert not source_matches(text, (text.index("he left"), text.index("he left") + 2), vaz)


def test_saying_after_by_is_said_by_the_subject_of_the_verb_before(nlp):
    text = ("Governor Lena Marsh responded to the protesters on Wednesday by saying her "
            "refusal to close the plant was a “manufactured” issue.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["text"] == "Lena Marsh"
    assert quote["content"]["text"] == \
        "her refusal to close the plant was a “manufactured” issue"


def test_pleading_guilty_after_by_reports_nothing(nlp):
    text = ("The judge said they had spared the victims a trial by pleading guilty to all "
            "fourteen charges.")
    assert all(q["cue"]["text"] != "pleading" for q in quotes_of(nlp, text))


def test_clause_the_parse_hangs_on_a_saying_verb_as_an_adverbial(nlp):
    text = "The governor said after the hearing she would not sign the bill if it reached her desk."
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "she would not sign the bill if it reached her desk"


def test_according_to_before_the_clause_the_parse_hangs_on_the_source(nlp):
    text = ("According to radio host Dale Ferris, the move reeks of “fear” and desperation.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "the move reeks of “fear” and desperation"
    assert quote["speaker"]["text"] == "Dale Ferris"


def test_according_to_a_finding_someone_named_made(nlp):
    text = ("Turnout fell in the three largest counties, according to a recent Reuters survey "
            "of voter lists.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "Turnout fell in the three largest counties"


def test_according_to_evidence_reports_nothing(nlp):
    text = ("The cyclist was struck by a car driving on the wrong side of the road, according "
            "to traffic camera footage.")
    assert quotes_of(nlp, text) == []


def test_quotation_after_an_interrupting_attribution_continues_the_first(nlp):
    text = ('"If even a part of the coast is flooded," the minister said, "we will see '
            'refugee crises we have not seen before."')
    first, second = quotes_of(nlp, text)
    assert second["continues"] == first["id"]
    assert second["speaker"]["text"] == first["speaker"]["text"] == "the minister"



def test_a_thing_that_promises_to_be_something_says_nothing(nlp):
    assert quotes_of(nlp, "The debate promised to be a crucial moment for the senator.") == []
    (quote,) = quotes_of(nlp, "The protesters vowed to return to the square on Friday.")
    assert quote["content"]["text"] == "to return to the square on Friday"


def test_attribution_inside_the_sentence_it_reports_gives_the_sentence(nlp):
    text = ("These nurses, Ramirez explained earlier in the council hearing, were “badly "
            "paid,” earning between $20,000 and $30,000 a year.")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("These nurses")
    assert quote["content"]["text"].endswith("$30,000 a year")


def test_quotation_after_another_attributed_quote_does_not_continue_the_first(nlp):
    text = ('"I will not follow a script," Prime Minister Vella said after the meeting. The '
            'summit achieved "too little," he added on Twitter. "With this approach we will '
            'not get far."')
    quotes = quotes_of(nlp, text)
    last = next(q for q in quotes if q["content"]["text"].startswith("With this approach"))
    report = next(q for q in quotes if q["content"]["text"].startswith("The summit"))
    # It goes on with the report its attribution closes, not with the first quotation.
    assert last.get("continues") == report["id"]
    assert last["speaker"]["text"] == "he"


def test_writers_sentence_between_two_quotations_breaks_the_continuation(nlp):
    text = ('"Are you winning?" she asked her son, but he was drifting off again. The room '
            'fell silent for a while. "Nobody believes the numbers anymore."')
    quotes = quotes_of(nlp, text)
    assert [q["content"]["text"] for q in quotes] == ["Are you winning?"]


def test_it_after_a_sentence_about_a_document_is_the_document_speaking(nlp):
    text = ("The city sent a cease-and-desist letter to the campaign on Thursday. It says the "
            "campaign violated state law by using images of officers in uniform.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["text"] == "It"
    assert quote["content"]["text"].startswith("the campaign violated state law")


def test_the_subject_of_a_reported_clause_the_parse_made_an_object(nlp):
    text = "The Courier reported two schools in the capital were damaged by the quake."
    quote = only(quotes_of(nlp, text))
    assert quote["content"]["text"] == "two schools in the capital were damaged by the quake"


def test_a_contracted_has_the_parse_reads_as_a_passive_is(nlp):
    # "He's said he'll fight": "'s" is "has"; a passive of saying takes no clause with a
    # subject of its own.
    quote = only(quotes_of(nlp, "He's said he'll fight all the way to the convention."))
    assert quote["content"]["text"] == "he'll fight all the way to the convention"
    assert not quotes_of(nlp, "He is said to have fled the country.")


def test_imperative_in_the_quotation_after_the_attribution_keeps_the_cue(nlp):
    text = ("The survey closed on Friday.\n\n“To all the nurses across the state,” Morrow "
            "said, “Keep your heads up and trust your training.”")
    quotes = quotes_of(nlp, text)
    assert [q["content"]["text"] for q in quotes] == [
        "To all the nurses across the state,",
        "Keep your heads up and trust your training."]
    assert quotes[1]["continues"] == quotes[0]["id"]
    assert {q["speaker"]["text"] for q in quotes} == {"Morrow"}


def test_lead_in_before_a_colon_is_not_part_of_the_quotation(nlp):
    text = ("Parks are busy this summer.\n\nFor example: \"We made a big mistake [on the "
            "bridge] in the first place,\" he told WXYZ's Anna Berg in October.")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["content"]["text"] == \
        "We made a big mistake [on the bridge] in the first place,"
    assert quote["cue"]["text"] == "told"


def test_quotation_after_the_attribution_of_a_mixed_quote_continues_it(nlp):
    text = ("The vote is next week. Still, farms are ''barely breaking even,'' Mr. Dube "
            "said from his office in Lincoln. ''Farming is a thin business. You need luck.''")
    report, rest = quotes_of(nlp, text)
    assert report["kind"] == "mixed"
    assert rest["content"]["text"] == "Farming is a thin business. You need luck."
    assert rest["continues"] == report["id"]
    assert rest["speaker"]["text"] == "Dube"


def test_quotation_joined_to_the_verb_by_but_goes_on_with_what_was_said(nlp):
    text = ("Reyes said he had received offers for the land, but “the offers were for uses "
            "I did not feel good about.”")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("he had received offers for the land, but")
    assert quote["content"]["text"].endswith("good about.”")


def test_participle_after_a_quotation_closed_by_its_comma_is_another_act(nlp):
    text = ('The union said the contract was "unfair," noting that it is "very odd that a '
            'firm that earns so much pays so little."')
    quotes = quotes_of(nlp, text)
    said = next(q for q in quotes if q["cue"]["text"] == "said")
    noting = next(q for q in quotes if q["cue"]["text"] == "noting")
    assert said["content"]["text"] == 'the contract was "unfair,"'
    assert noting["content"]["text"].startswith("it is \"very odd")


def test_clause_the_parse_hangs_on_the_occasion_of_the_saying(nlp):
    text = ("Gov. Tom Baker, a Republican, predicted at the most recent debate that "
            "Democrats will lose \"every county\" if Smith wins. Mayor Jill Ortiz said in one "
            "of a series of posts on her blog that the truck was carrying sand when it hit "
            "the wall.")
    quotes = quotes_of(nlp, text)
    assert [q["content"]["text"] for q in quotes] == [
        "Democrats will lose \"every county\" if Smith wins",
        "the truck was carrying sand when it hit the wall"]
    assert quotes[0]["kind"] == "mixed"


def test_programme_title_before_the_speaker_with_its_possessive_astray(nlp):
    text = ("The show aired at noon.\n\nSunday on Fox News channel’s “Sunday Morning "
            "Futures,” Rep. Dale Wyatt said Democratic candidate Mary Lund’s “judgment” and "
            "“honesty” are in question because of her handling of the budget.")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("Democratic candidate Mary Lund’s “judgment”")
    assert quote["speaker"]["text"] == "Dale Wyatt"


def test_according_to_a_clause_that_only_ends_with_an_attribution_stays_a_quote(nlp):
    text = ("The town was quiet.\n\nAccording to a police summary, the aide sent the "
            "contractor an email weeks before he deleted the files, and the two told "
            "investigators they were unaware of what he had done.")
    quotes = quotes_of(nlp, text)
    according = next(q for q in quotes if q["cue"]["text"] == "According to")
    told = next(q for q in quotes if q["cue"]["text"] == "told")
    assert according["content"]["text"].startswith("the aide sent the contractor an email")
    assert according["speaker"]["text"] == "a police summary"
    assert told["content"]["text"] == "they were unaware of what he had done"
    assert told["reported_by"]["text"] == "a police summary"


def test_second_clause_with_its_own_that_is_said_too(nlp):
    text = ("The mayor has faced questions for weeks. She has since stressed that she did not "
            "sign any of the contracts and that no payment she made was marked as a gift at "
            "the time.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == (
        "she did not sign any of the contracts and that no payment she made was marked as "
        "a gift at the time")


def test_participle_after_a_quotation_that_closes_the_reported_clause(nlp):
    text = ('The budget passed. Cardin stressed that "the way to proceed is to get both '
            'parties working together," suggesting that the only way to do that might be a '
            'short bill.')
    quotes = quotes_of(nlp, text)
    stressed = next(q for q in quotes if q["cue"]["text"] == "stressed")
    assert "suggesting" not in stressed["content"]["text"]
    assert stressed["content"]["text"].endswith('working together,"')


def test_quotation_after_a_mixed_clause_and_its_attribution_continues_it(nlp):
    text = ('The crowd was large. "People were dancing" before the crash, she said. "And it '
            'was so calm. It was a party."')
    report, rest = quotes_of(nlp, text)
    assert report["kind"] == "mixed"
    assert report["content"]["text"] == '"People were dancing" before the crash'
    assert rest["continues"] == report["id"]


def test_according_to_after_a_subordinate_clause_reports_the_main_clause(nlp):
    text = ("The vote was close. While most of the files were marked “confidential,” "
            "according to a city official, two in the latest batch were marked “secret.” "
            "He will probably go to the debate next week, because, according to Smith, the "
            "press would call him a “chicken” if he didn’t.")
    quotes = [q for q in quotes_of(nlp, text) if q["cue"]["text"] == "according to"]
    assert [q["content"]["text"] for q in quotes] == [
        "two in the latest batch were marked “secret.”",
        "the press would call him a “chicken” if he didn’t"]


def test_according_to_a_source_with_an_apposition_inside_the_clause(nlp):
    text = ("The vote was close. At the heart of the dispute, according to Dan Ross, another "
            "former envoy, was a decision by the mayor that he needed distance from the "
            "council.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"].startswith("At the heart of the dispute, according to")
    assert quote["content"]["text"].endswith("distance from the council")
    assert quote["speaker"]["text"] == "Dan Ross"


def test_according_to_without_its_closing_comma_still_reports_the_whole_clause(nlp):
    # Hurried copy drops the comma after the source; the verb that follows is the clause's.
    text = ("Rescuers, working in temperatures well below freezing, according to the "
            "emergencies ministry recovered at least ten survivors from the debris.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"].startswith("Rescuers, working")
    assert quote["content"]["text"].endswith("survivors from the debris")
    assert quote["speaker"]["text"] == "the emergencies ministry"


def test_programme_title_right_after_on_does_not_break_the_continuation(nlp):
    text = ("Making the rounds on the Sunday shows, Dole said he was facing a unique level "
            "of scrutiny.\n\n“I have always said that I expect to be vetted,” he said on\u00a0"
            "“Meet the Press.” “But being vetted and what is going on with me — I have not "
            "seen that with anyone else.”")
    quotes = [q for q in quotes_of(nlp, text) if q["kind"] == "direct"]
    assert [q["content"]["text"] for q in quotes] == [
        "I have always said that I expect to be vetted,",
        "But being vetted and what is going on with me — I have not seen that with anyone "
        "else."]
    assert quotes[1]["continues"] == quotes[0]["id"]


def test_quotation_before_a_relative_clause_that_reports_its_own_clause(nlp):
    text = 'Ruiz cited "Lopez-Park" policies, which he said had harmed the economy.'
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "indirect"
    assert quote["content"]["text"] == "had harmed the economy"
    assert quote["speaker"]["text"] == "he"


def test_second_relative_clause_on_the_noun_is_not_what_was_said(nlp):
    text = ("They cited the case of a group of hackers who U.S. officials say is tied to "
            "Russian spies and who claimed credit for the attack.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "is tied to Russian spies"


def test_it_after_a_doubled_ascii_closing_mark_is_the_body_that_spoke(nlp):
    text = ("The union issued a report. ''Only one in three understand where the team is "
            "going,'' it added.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["text"] == "it"


def test_name_the_parse_makes_the_root_speaks_through_the_verb_after_its_apposition(nlp):
    text = ("The vote is near. “Clinton needs a plan for the young voters,” Nate Silver, the "
            "polling guru who founded the site, tweeted on Wednesday.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "Clinton needs a plan for the young voters,"
    assert quote["speaker"]["text"] == "Nate Silver"


def test_according_to_after_words_with_no_verb_reports_the_whole_sentence(nlp):
    text = ("The firm struggled. One Sunday in late 2001, according to a book by Ann Lee, the "
            "chief sat in her study and called half a dozen directors. The budget grew. Over "
            "the long term, according to the budget office, the rise in deficits ''is mainly "
            "due to the aging of the population.''")
    first, second = quotes_of(nlp, text)
    assert first["content"]["text"].startswith("One Sunday in late 2001, according to")
    assert first["content"]["text"].endswith("half a dozen directors")
    assert second["kind"] == "mixed"
    assert second["content"]["text"].endswith("aging of the population.''")


def test_reporting_participle_with_its_own_quotation_ends_the_clause_before_it(nlp):
    text = ('The debate was heated. Cruz said that Smith represents "New York values," stating '
            'during the debate that they are "socially liberal."')
    quotes = quotes_of(nlp, text)
    said = next(q for q in quotes if q["cue"]["text"] == "said")
    stating = next(q for q in quotes if q["cue"]["text"] == "stating")
    assert said["content"]["text"] == 'Smith represents "New York values,"'
    assert stating["content"]["text"] == 'they are "socially liberal."'


def test_abbreviated_month_in_the_attribution_does_not_end_its_sentence(nlp):
    text = ("The race is open. “CNN had 23 million people,” Trump said, referring to the Sept. "
            "16 debate on the network. “How about we do this for CNN?”")
    first, rest = quotes_of(nlp, text)
    assert rest["content"]["text"] == "How about we do this for CNN?"
    assert rest["continues"] == first["id"]


def test_clause_before_a_comma_and_told_with_the_ones_told(nlp):
    text = ("The speech was long. This is not about me, President Obama told his closest "
            "advisers as he worked on the speech.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"] == "This is not about me"
    assert quote["speaker"]["text"] == "Obama"


def test_it_before_a_comma_and_a_quotation_is_the_body_that_spoke(nlp):
    text = ('The company wrote in its statement that it had no ties to him. It added, "We '
            'want no part in the listing on our web site."')
    quote = next(q for q in quotes_of(nlp, text) if q["cue"]["text"] == "added")
    assert quote["content"]["text"] == "We want no part in the listing on our web site."
    assert quote["speaker"]["text"] == "It"


def test_clause_the_parse_hangs_on_the_statement_it_was_said_in(nlp):
    # The parse makes the that-clause a complement of "statement", not of "said".
    text = ("The Norvastian defence ministry said in a statement that its forces carried out "
            "\"defensive precision strikes\" against depots used by the Zavran militia.")
    (quote,) = quotes_of(nlp, text)
    assert quote["content"]["text"].startswith("its forces carried out")
    assert quote["content"]["text"].endswith("used by the Zavran militia")
    assert quote["speaker"]["text"].endswith("ministry")


def test_statement_from_a_body_speaks_for_it(nlp):
    text = ("The statement from the Keshal Region Security Council read: \"Last night's attack "
            "on the airport was carried out with drones launched from across the border.\"")
    (quote,) = quotes_of(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["speaker"]["text"] == "Keshal Region Security Council"


def test_quotation_inside_a_reported_clause_is_not_quoted_again_for_a_later_verb(nlp):
    text = ("The director said at least nine people had died, \"according to records we kept "
            "ourselves,\" and accused the police of failing to stop the gunmen.")
    quotes = quotes_of(nlp, text)
    said = next(q for q in quotes if q["cue"]["text"] == "said")
    assert said["kind"] == "mixed" and "nine people had died" in said["content"]["text"]
    # The quotation belongs to "said"; "accused" does not take it as its own direct quote.
    assert not any(q["kind"] == "direct" and "records we kept" in q["content"]["text"]
                   for q in quotes)


def test_statement_carried_by_an_outlet_is_still_its_issuers(nlp):
    text = ("The Harzani Guard Corps struck targets near Keshal. A Guard Corps statement carried "
            "by state media said the strikes hit \"espionage centres\" near the city.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"]["text"] != "state media"
    assert "statement" in quote["speaker"]["text"]


def test_an_outlet_citing_a_source_relays_the_sources_words(nlp):
    text = ("The Keshal news agency reported, citing an informed source, that the talks had "
            "stalled. The Norvast daily reported, quoting the governor of Ibbar, that three "
            "people were wounded.")
    cited, quoting = quotes_of(nlp, text)
    assert cited["content"]["text"] == "the talks had stalled"
    assert cited["speaker"]["text"] == "an informed source"
    assert cited["reported_by"]["text"] == "The Keshal news agency"
    assert quoting["speaker"]["text"] == "the governor"
    assert "Norvast" in quoting["reported_by"]["text"]


def test_citing_a_reason_is_no_source(nlp):
    text = ('"He is very able," the senator said, citing the general\'s skill at "running an '
            'army at a young age."')
    quotes = quotes_of(nlp, text)
    assert quotes and all(q.get("reported_by") is None for q in quotes)
    assert quotes[0]["speaker"]["text"] == "the senator"


def test_quotation_before_an_outlet_that_quoted_someone_as_saying_it(nlp):
    (quote,) = quotes_of(nlp, '"We will respond," the Keshal News Agency quoted the commander '
                              'as saying.')
    assert quote["speaker"]["text"] == "the commander"
    assert "Keshal" in quote["reported_by"]["text"]
