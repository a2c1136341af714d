from presslens.ingest.cleaning import (
    clean_text,
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
