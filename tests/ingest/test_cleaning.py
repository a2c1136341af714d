from presslens.ingest.cleaning import (
    clean_text,
    dateline_month_day,
    is_boilerplate,
    parse_published,
    split_paragraphs,
    split_tag_line,
)


def test_presstv_sample_is_cleaned(samples):
    cleaned = clean_text(samples[0].read_text(encoding="utf-8"))
    assert cleaned.tags == ["Iraq", "Middle East", "North America", "Qasem Suleimani"]
    assert cleaned.title.startswith("US does not seek to leave region")
    assert cleaned.body.startswith("A senior Iraqi cleric has said that American forces")
    assert cleaned.body.endswith("in a speech last year.")
    assert "Back to top button" not in cleaned.body
    assert "IraqMiddle" not in cleaned.body
    # A sub-heading inside the article is article text, not boilerplate.
    assert "Daesh attacks increase as US refuses assistance" in cleaned.body


def test_tasnim_sample_is_cleaned(samples):
    cleaned = clean_text(samples[1].read_text(encoding="utf-8"))
    assert cleaned.title == "Iraqis Urge Formation of Alliance to Expel US Forces"
    assert cleaned.dateline == "TEHRAN (Tasnim) –"
    assert cleaned.dateline_outlet == "Tasnim"
    assert cleaned.body.startswith("Iraqi political groups urged the formation")
    assert "Tasnim" not in cleaned.body
    assert cleaned.title not in cleaned.body


def test_a_dateline_month_and_day_without_a_year_is_read():
    assert [dateline_month_day(d) for d in (
        "BAGHDAD, Jan 5 (Reuters) -", "TEHRAN, Dec. 2 (IRNA) –", "ANKARA, 4 June (AA) -",
        "GAZA, Feb. 29 (AP) —")] == [
        ("Jan 5", 1, 5), ("Dec. 2", 12, 2), ("4 June", 6, 4), ("Feb. 29", 2, 29)]
    # A full date dates the text by itself; no day, or one the month lacks, is no clue.
    for dateline in ("BAGHDAD, Jan. 8, 2020 (Xinhua) –", "TEHRAN (Tasnim) –",
                     "BEIRUT, Sept. 31 (AFP) -"):
        assert dateline_month_day(dateline) is None, dateline


def test_datelines_of_wire_styles():
    for raw, dateline, body in [
        ("BAGHDAD, Jan 5 (Reuters) - Iraq's parliament voted.", "BAGHDAD, Jan 5 (Reuters) -",
         "Iraq's parliament voted."),
        ("WASHINGTON — The Pentagon said so.", "WASHINGTON —", "The Pentagon said so."),
        ("US forces - the few left - stayed.", None, "US forces - the few left - stayed."),
    ]:
        cleaned = clean_text(raw)
        assert cleaned.dateline == dateline
        assert cleaned.body == body


def test_boilerplate_lines():
    for line in ["Back to top button", "Share this article", "Follow us on Telegram",
                 "Read more: Iraq votes to expel US troops", "Tags: Iraq, US",
                 "© 2021 Example News. All rights reserved."]:
        assert is_boilerplate(line), line
    for line in ["Share prices fell sharply after the vote in parliament on Monday.",
                 "Daesh attacks increase as US refuses assistance"]:
        assert not is_boilerplate(line), line


def test_tag_line_needs_glued_words():
    assert split_tag_line("IraqMiddle EastNorth America") == ["Iraq", "Middle East",
                                                               "North America"]
    assert split_tag_line("The McDonald family said nothing") is None
    assert split_tag_line("Iraqi forces regained ground.") is None


def test_published_line_becomes_metadata():
    cleaned = clean_text("Published: Tuesday, 4 March 2031 10:15 GMT\n\nHeadline here\n\n"
                         "The body starts here.")
    assert cleaned.published == "2031-03-04"
    assert cleaned.title == "Headline here"
    assert cleaned.body == "The body starts here."


def test_parse_published_forms():
    assert parse_published("2021-11-20T10:00:00Z") == "2021-11-20"
    assert parse_published("November 20, 2021") == "2021-11-20"
    assert parse_published("sometime soon") is None


def test_hard_wrapped_paragraphs_are_joined():
    text = "First line of a paragraph\nthat was wrapped.\n\nSecond paragraph."
    assert split_paragraphs(text) == ["First line of a paragraph that was wrapped.",
                                      "Second paragraph."]
    assert split_paragraphs("One.\nTwo.\nThree.") == ["One.", "Two.", "Three."]


def test_given_title_is_dropped_from_body():
    cleaned = clean_text("Iraq votes\nThe parliament voted on Sunday.", title="Iraq votes")
    assert cleaned.body == "The parliament voted on Sunday."
    assert cleaned.title == "Iraq votes"


def test_control_and_zero_width_characters_go():
    cleaned = clean_text("Body\u200b with\x00 junk\u00a0 spaces.")
    assert cleaned.body == "Body with junk spaces."


def test_datelines_of_state_wire_and_regional_copy():
    # Each shape is one seen in real copy; the sentences are written for the test.
    for raw, dateline, outlet, body_start in [
        ("ERBIL, Kurdistan Region - Iran on Wednesday used drones against camps.",
         "ERBIL, Kurdistan Region -", None, "Iran on Wednesday"),
        ("BEIRUT (Reuters) -Lebanon's army said it had closed the road.",
         "BEIRUT (Reuters) -", "Reuters", "Lebanon's army"),
        ("Tehran, IRNA -- The foreign ministry spokesman rejected the claim.",
         "Tehran, IRNA --", "IRNA", "The foreign ministry"),
        ("Teheran (IRNA)- The spokesman said the talks would go on.",
         "Teheran (IRNA)-", "IRNA", "The spokesman"),
        ("Tehran, Jan 23, IRNA -- The minister left for Geneva.",
         "Tehran, Jan 23, IRNA --", "IRNA", "The minister"),
        ("TEHRAN, Jan. 05 (MNA) – An Iranian lawmaker said the vote was valid.",
         "TEHRAN, Jan. 05 (MNA) –", "MNA", "An Iranian lawmaker"),
        ("ERBIL (Kurdistan24) – Two drones struck a base near the airport.",
         "ERBIL (Kurdistan24) –", "Kurdistan24", "Two drones"),
        ("DUBAI, United Arab Emirates (AP) — Iran seized a tanker on Friday.",
         "DUBAI, United Arab Emirates (AP) —", "AP", "Iran seized"),
        ("TUCSON, Ariz. –U.S. agents arrested two men.", "TUCSON, Ariz. –", None, "U.S. agents"),
        ("Geneva - The agency's chief said the outbreak was under control.",
         "Geneva -", None, "The agency's chief"),
        ("Damascus, SANA- The army restored calm in the town.", "Damascus, SANA-", "SANA",
         "The army"),
        ("Shafaq News/ On Friday, the group fired rockets at a base, its statement said.",
         "Shafaq News/", "Shafaq News", "On Friday"),
    ]:
        cleaned = clean_text(raw)
        assert cleaned.dateline == dateline, raw
        assert cleaned.dateline_outlet == outlet, raw
        assert cleaned.body.startswith(body_start), raw


def test_sentences_opening_like_datelines_stay_in_the_body():
    for raw in ["Iran - the country that denied it - said nothing more.",
                "Iraq's prime minister - who spoke late - said it.",
                "US forces - the few left - stayed."]:
        cleaned = clean_text(raw)
        assert cleaned.dateline is None, raw
        assert cleaned.body == raw


def test_a_country_after_the_place_is_not_an_agency():
    cleaned = clean_text("BAGHDAD, IRAQ - The army took the town.")
    assert cleaned.dateline == "BAGHDAD, IRAQ -"
    assert cleaned.dateline_outlet is None


def test_dateline_after_a_kicker_line():
    cleaned = clean_text("Iraq drone strikes\n\nSecond line of the page heading\n\n"
                         "ERBIL, Kurdistan Region - Drones hit a camp.\n\nMore text here.",
                         title="Iraq drone strikes")
    assert cleaned.dateline == "ERBIL, Kurdistan Region -"
    assert "ERBIL" not in cleaned.body


def test_a_date_only_line_is_the_publication_date():
    cleaned = clean_text("Sunday, September 15, 2019\n\nDrones struck two oil plants overnight, "
                         "the ministry said.\n\nFires burned for hours.")
    assert cleaned.published == "2019-09-15"
    assert cleaned.body.startswith("Drones struck")
    assert clean_text("15 September 2019 | 10:42 GMT\n\nA lead.\n\nMore.").published == \
        "2019-09-15"


def test_a_date_line_with_its_outlet_or_source_dates_the_copy_and_names_the_outlet():
    # Tasnim's own stamp, a republished report's outlet and day, an aggregator's source line.
    lead = "Iraq's parliament voted on Sunday to end the mission.\n\nThe vote was close."
    tasnim = clean_text(f"December, 06, 2023 - 14:30\n\nTEHRAN (Tasnim) – {lead}")
    assert (tasnim.published, tasnim.title) == ("2023-12-06", None)
    republished = clean_text(f"Parliament votes\n\nPress TV – March 3, 2024\n\n{lead}")
    assert (republished.published, republished.dateline_outlet) == ("2024-03-03", "Press TV")
    assert republished.body.startswith("Iraq's parliament")
    sourced = clean_text(f"2023-12-26 14:45:07 - Source: Iraq Daily\n\nBaghdad – {lead}")
    assert (sourced.published, sourced.dateline_outlet) == ("2023-12-26", "Iraq Daily")
    assert sourced.dateline == "Baghdad –"
    # A line of a name and a day that is no outlet stays text.
    kept = clean_text(f"Parliament votes\n\nThe vote – March 3, 2024\n\n{lead}")
    assert kept.published is None and "The vote – March 3, 2024" in kept.body


def test_a_date_written_with_dots_is_day_first():
    # As Turkish, Iranian and European sites print it: 4 December, not 12 April.
    body = "SANAA (Saba) - Yemeni forces said on Thursday they had targeted a ship."
    assert clean_text(f"Published: 04.12.2025\n\n{body}").published == "2025-12-04"
    cleaned = clean_text(f"04.12.2025 - 14:20\n\n{body}\n\nNo one was hurt.")
    assert cleaned.published == "2025-12-04"
    assert cleaned.body.startswith("Yemeni forces")


def test_a_lead_without_its_final_stop_is_not_taken_for_the_page_headline():
    # The page gave its own headline, so the first line is body whatever its punctuation.
    cleaned = clean_text("Protesters gathered outside the embassy in Baghdad on Tuesday\n\n"
                         "Police said the crowd left by evening.",
                         title="Embassy protest ends peacefully")
    assert cleaned.title == "Embassy protest ends peacefully"
    assert cleaned.body.startswith("Protesters gathered outside the embassy")


def test_a_long_lead_without_a_stop_is_never_guessed_to_be_a_headline():
    lead = ("Iraqi lawmakers on Sunday voted in favour of a resolution calling on the government "
            "to end the presence of foreign troops in the country after the killing of two "
            "commanders in a drone strike")
    cleaned = clean_text(f"{lead}\n\nThe vote was boycotted by Kurdish members.")
    assert cleaned.body.startswith(lead)


def test_a_lead_ending_in_a_cjk_full_stop_is_a_sentence():
    cleaned = clean_text("Delegations from both sides met in Beijing。\n\nThe talks went on.")
    assert cleaned.body.startswith("Delegations from both sides")
