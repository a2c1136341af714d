"""Voice: words a source is reported to have said or written are never the outlet's framing.

Each test is a short article written here in the shapes of state and wire copy; each failed
before the framing voice module read these shapes as quoted voice."""

from presslens.analysis import analyze
from presslens.components.framing.voice import attributed_voice


def framing_of(nlp, text):
    (article,) = analyze([text], nlp=nlp).articles
    for item in article.framing:
        assert article.text[item["start"]:item["end"]] == item["text"]
    return article


def outlet_flags(article, *words):
    """Outlet-voice flags whose text holds any of ``words``."""
    return [f for f in article.framing if f["voice"] == "outlet"
            and any(w in f["text"] for w in words)]


def test_a_statement_that_read_is_quoted_voice(nlp):
    article = framing_of(nlp, '"Last night\'s terrorist attack on Erbil by the criminal '
                              'regime militias was a barbaric and cowardly crime," read the '
                              "KRSC statement. Rescue teams worked through the night.")
    assert outlet_flags(article, "barbaric", "criminal", "regime", "cowardly") == []


def test_a_verbless_quotation_after_a_speaker_and_a_colon_is_quoted_voice(nlp):
    text = ("Brigadier Halvard Ostrem of the coalition spoke to reporters in Kerran.\n\n"
            'Ostrem: "These terrorist thugs and their puppet masters will be crushed."\n\n'
            "The briefing lasted an hour.")
    doc = nlp(text)
    start = text.index("These")
    assert attributed_voice(doc).quoted(start, start + 20, direct_only=True)
    article = framing_of(nlp, text)
    assert outlet_flags(article, "thug", "puppet", "terrorist") == []


def test_according_to_at_the_end_of_a_long_sentence_is_quoted_voice(nlp):
    article = framing_of(nlp, "The occupying forces have sought for years to plunder the "
                              "country's oil and sow discord among its tribes in order to "
                              "justify their illegal presence, according to a senior "
                              "official of the provincial council.")
    assert outlet_flags(article, "occupying", "sought", "plunder") == []
    assert article.summary["claims"]["unattributed"] == 0


def test_a_statement_issued_and_posted_is_quoted_voice(nlp):
    article = framing_of(nlp, "The group posted a statement on its channel condemning the "
                              "savage aggression of the Zionist regime and its mercenaries.")
    assert outlet_flags(article, "savage", "regime", "mercenar") == []


def test_a_headline_in_quotation_marks_is_quoted_voice(nlp):
    article = framing_of(nlp, 'The daily ran the headline "Traitors sell the homeland to '
                              'the occupier" across its front page on Tuesday.')
    assert outlet_flags(article, "Traitor", "occupier") == []


def test_a_designation_credited_to_its_author_is_quoted_voice(nlp):
    article = framing_of(nlp, "The movement was designated a terrorist organization by the "
                              "State Department in 2019.")
    assert outlet_flags(article, "terrorist") == []


def test_so_called_in_reported_speech_stays_the_outlets(nlp):
    article = framing_of(nlp, "On Thursday, the broadcaster reported that Washington had "
                              "suspended parts of its so-called anti-terrorism operations in "
                              "the region.")
    (flag,) = [f for f in article.framing if f["label"] == "scare_quotes"]
    assert flag["text"].startswith("so-called") and flag["voice"] == "outlet"


def test_loaded_words_in_the_outlets_own_sentence_stay_the_outlets(nlp):
    article = framing_of(nlp, "The barbaric terrorists and their treacherous puppet masters "
                              "slaughtered innocent children in a cowardly, evil massacre.")
    assert outlet_flags(article, "barbaric", "terrorist", "puppet", "cowardly")


def test_a_single_hyphenated_word_is_no_repetition(nlp):
    article = framing_of(nlp, "The strike killed Iran's top anti-terror commander and his "
                              "companions. Washington had suspended its anti-terrorism "
                              "operations, and its anti-terrorism pledges went unmet.")
    assert not [f for f in article.framing if f["label"] == "repetition"
                and f["text"].strip() == "anti-terror"]


def test_verifiable_background_is_no_unattributed_claim(nlp):
    article = framing_of(nlp, "Prime Minister Kadhimi's cabinet was approved by parliament on "
                              "Wednesday, ending six months of political uncertainty in the "
                              "country. The premier visited the head of the Wisdom Movement "
                              "on Thursday to discuss the outbreak.")
    assert [f for f in article.framing if f["label"] == "unattributed_claim"] == []


def test_a_claim_of_motive_is_an_unattributed_claim(nlp):
    article = framing_of(nlp, "Washington keeps its troops in the country under the pretext "
                              "of fighting Daesh, in order to plunder its oil.")
    (claim,) = [f for f in article.framing if f["label"] == "unattributed_claim"]
    assert claim["voice"] == "outlet" and claim["basis"].startswith("unattributed_claim:cause|")


def test_a_partial_quotation_is_no_scare_quote(nlp):
    article = framing_of(nlp, "The navy termed the encounters, “unsafe and unprofessional.” "
                              "The ministry blamed unnamed “infiltrators” for the riots.")
    assert [f for f in article.framing if f["label"] == "scare_quotes"] == []


def labels_of(article):
    """Label records (the lexicon's, or a technique record that covers one) by text."""
    return {f["text"]: f for f in article.framing
            if f["label"] == "actor_label" or f.get("side")}


def test_wire_labels_are_found_with_the_actor_they_label(nlp):
    article = framing_of(nlp, "Kataib Hezbollah, an Iran-backed militia, fired rockets at the "
                              "base. The pro-Iran Harakat al-Nujaba group denied any role. "
                              "Saudi Arabia blamed its arch-foe Iran for the attack.")
    labels = labels_of(article)
    backed = next(f for t, f in labels.items() if t.startswith("Iran-backed"))
    assert backed["side"] == "western_israeli"
    assert "hezbollah" in backed["entity"]  # the militia, not its backer
    assert any(t.startswith("pro-Iran") for t in labels)
    # A technique record over the same words may stay for PTC's figures; only one record
    # names the labelled actor, so the naming tables count the label once.
    foes = [f for f in article.framing if f["text"].startswith("arch-foe")]
    assert [f["entity"] for f in foes if f["entity"]] == ["iran"]


def test_state_media_labels_are_found_on_the_same_footing(nlp):
    article = framing_of(nlp, "General Qassem Soleimani was martyred in a US airstrike near "
                              "Baghdad airport. The occupying American forces have refused to "
                              "leave, and the Zionist regime welcomed the strike.")
    labels = labels_of(article)
    assert any(t.startswith("martyred") for t in labels)
    assert any(t.startswith("occupying") for t in labels)
    assert labels["Zionist regime"]["side"] == "iran_axis"
    assert all(f["voice"] == "outlet" for f in labels.values())


def test_actor_noun_labels_skip_ideas(nlp):
    article = framing_of(nlp, "The hardline cleric Ahmad Jannati opposed the deal. The "
                              "government took a hardline stance on the moderate growth of "
                              "wages in Tehran.")
    texts = list(labels_of(article))
    assert any(t.startswith("hardline cleric") for t in texts)
    assert not any("stance" in t or "growth" in t for t in texts)


def test_a_scare_quote_in_reported_speech_is_found_with_its_own_basis(nlp):
    article = framing_of(nlp, "Back in July, the president and the prime minister declared "
                              "that the mission will transition from combat to “advisory” role "
                              "by the end of the year.")
    (flag,) = [f for f in article.framing if f["label"] == "scare_quotes"]
    assert flag["text"] == "“advisory”" and flag["voice"] == "outlet"
    assert flag["basis"] == "scare_quotes:in_reported_speech"


def test_a_label_word_on_an_act_is_loaded_language(nlp):
    article = framing_of(nlp, "The two commanders were killed near the airport in a terrorist "
                              "drone strike authorized by the former president.")
    assert any(f["label"] == "loaded_language" and f["text"].startswith("terrorist")
               and f["voice"] == "outlet" for f in article.framing)


def test_an_interview_printed_as_a_transcript_is_the_interviewees_voice(nlp):
    text = ("The Kerran Herald spoke with the mayoral candidate Lina Varsh about the city's "
            "budget.\n\n"
            "((Herald))  Why are you running?\n\n"
            "((Lina Varsh))  The current council is a disgrace. Its corrupt deals have "
            "destroyed our parks.\n\n"
            "I will end this shameful waste on the first day.\n\n"
            "((Herald))  What comes first?\n\n"
            "((Lina Varsh))  Honest books.")
    doc = nlp(text)
    voices = attributed_voice(doc)
    for phrase in ("disgrace", "shameful waste", "Honest books"):
        start = text.index(phrase)
        assert voices.quoted(start, start + len(phrase), direct_only=True), phrase
    assert not voices.quoted(0, 20)
    article = framing_of(nlp, text)
    assert outlet_flags(article, "disgrace", "corrupt", "shameful", "destroyed") == []


def test_one_name_and_a_colon_is_no_transcript(nlp):
    text = ("Kerran: the council is a disgrace\n\n"
            "The council met on Monday. Its members voted on the budget.")
    assert attributed_voice(nlp(text)).direct == []


def test_the_us_camps_labels_are_found_on_the_same_footing(nlp):
    article = framing_of(nlp, "The far-right AfD won seats in the state election on Sunday. "
                              "The alt-right group Proud Boys marched on Saturday. Globalist "
                              "bankers backed the plan. Leftist agitators blocked the road, the "
                              "mayor complained.")
    sides = {f["text"]: f["side"] for f in labels_of(article).values()}
    assert sides.get("far-right") == "us_left"
    assert any(t.startswith("alt-right") and s == "us_left" for t, s in sides.items())
    assert any(t.startswith("Globalist") and s == "us_right" for t, s in sides.items())
    assert any(t.startswith("Leftist") and s == "us_right" for t, s in sides.items())


def test_every_camps_name_for_its_opponents_is_a_label(nlp):
    article = framing_of(nlp, "Anti-gunners in Congress want your rifles, and the gun grabbers "
                              "never rest. Neo-Nazis rallied outside the court on Monday. The "
                              "Zionists bombed Gaza again. Iran's theocracy jailed the singer. "
                              "The warmonger Bolton spoke at the rally.")
    sides = {f["text"]: f["side"] for f in labels_of(article).values()}
    assert sides.get("Anti-gunners") == "us_right"
    assert sides.get("gun grabbers") == "us_right"
    assert sides.get("Neo-Nazis") == "us_left"  # a hyphenated label, in the plural
    assert sides.get("Zionists") == "iran_axis"
    assert sides.get("theocracy") == "western_israeli"
    assert sides.get("warmonger") == "other"


def test_a_word_every_camp_uses_is_filed_by_the_state_it_is_aimed_at(nlp):
    # "Regime" and "terrorist" are Western copy's words for Iran's and Syria's rulers and
    # Iranian state media's for Israel's and America's: the naming tables compare outlets
    # by whose vocabulary each use is.
    article = framing_of(nlp, "Khamenei said the Israeli regime would collapse. The regime in "
                              "Tehran jailed the singer. \"The terrorist US army will leave the "
                              "region,\" the IRGC commander said.")
    sides = sorted((f["text"], f["side"]) for f in article.framing
                   if f["label"] == "actor_label")
    assert sides == [("regime", "iran_axis"), ("regime", "western_israeli"),
                     ("terrorist", "iran_axis")]
