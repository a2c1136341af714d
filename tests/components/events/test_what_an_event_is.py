"""The event coder: one short invented article per bullet of what an event is."""

import pytest

from presslens.analysis import analyze


def events_of(nlp, text, published="2021-11-18"):
    corpus = analyze([text], nlp=nlp, published=published)
    (article,) = corpus.articles
    for event in article.events:
        trigger = event["trigger"]
        assert article.text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert not any(key.startswith("_") for key in event)
    return article.events


def only(events, **expected):
    matching = [e for e in events if all(e.get(k) == v for k, v in expected.items())]
    assert matching, (expected, [(e["type"], e["trigger"]["text"], e["actor"], e["target"])
                                 for e in events])
    return matching[0]


def test_type_mode_actor_target_place_and_date(nlp):
    events = events_of(nlp, "On Wednesday, a US drone strike killed the militia commander "
                            "Abu Ali al-Kinani in Baghdad.")
    # One act, one event: the verb is the trigger, the noun gives the mode.
    (killing,) = [e for e in events if e["type"] == "ASSAULT"]
    assert killing["trigger"]["text"] == "killed"
    assert killing["mode"] == "aerial"
    assert killing["actor"] == "united-states"
    assert killing["target"] == "abu-ali-al-kinani"
    assert killing["location"] == "baghdad"
    assert killing["date"] == "2021-11-17"


def test_several_actors_act_together(nlp):
    events = events_of(nlp, "US President Joe Biden and Iraqi Prime Minister Mustafa "
                            "al-Kadhimi condemned the attack on the embassy.")
    condemnation = only(events, type="ACCUSE")
    assert condemnation["actors"] == ["joe-biden", "mustafa-al-kadhimi"]


def test_parties_that_agree_with_each_other(nlp):
    events = events_of(nlp, "India and Brazil have agreed to cut tariffs on each other's "
                            "goods.")
    agreement = only(events, type="AGREE")
    assert agreement["actor"] == "india" and agreement["target"] == "brazil"


def test_nominal_events(nlp):
    events = events_of(nlp, "The decision came after the US assassination of Abu Mahdi "
                            "al-Muhandis. The Daesh attacks on the PMU continued.")
    assassination = only(events, type="ASSAULT", actor="united-states")
    assert assassination["target"] == "abu-mahdi-al-muhandis"
    attacks = only(events, type="ASSAULT", actor="daesh")
    assert attacks["target"] == "pmu" or attacks["target_text"] == "the PMU"


def test_a_vow_of_force_is_a_threat_not_an_attack(nlp):
    events = events_of(nlp, "Iraqi resistance groups have vowed to take up arms against US "
                            "forces if Washington fails to comply with the order.")
    assert not [e for e in events if e["type"] == "ASSAULT"]
    threat = only(events, type="THREATEN")
    assert threat["hypothetical"] is True
    assert threat["actor_text"] == "Iraqi resistance groups"


def test_force_under_a_condition_is_a_threat(nlp):
    events = events_of(nlp, "The militia would engage in an open war against the occupiers "
                            "in case they stay beyond the deadline.")
    assert only(events, type="THREATEN")["hypothetical"] is True
    assert not [e for e in events if e["type"] == "ASSAULT" and not e["hypothetical"]]


def test_negated_events_are_flagged(nlp):
    events = events_of(nlp, "Turkish troops did not attack the Kurdish positions on Monday.")
    assert only(events, type="ASSAULT")["negated"] is True


@pytest.mark.parametrize("text, event_type", [
    ("Iran accused Israel of sabotage at the Natanz site.", "ACCUSE"),
    ("The minister urged the government to release the detainees.", "REQUEST"),
    ("Baghdad rejected the American proposal on Tuesday.", "REJECT"),
    ("Police arrested dozens of protesters in Basra.", "COERCE"),
    ("Thousands of protesters demonstrated outside the embassy.", "PROTEST"),
    # PLOVER 0.8 codes imposing sanctions as COERCE (restrict); reducing ties is SANCTION.
    ("The European Union imposed sanctions on Belarus.", "COERCE"),
    ("Bahrain expelled the Iranian ambassador.", "SANCTION"),
    ("Russia deployed troops to the border.", "MOBILIZE"),
    ("The United States will withdraw its troops from Iraq.", "AGREE"),
    ("The army withdrew from the city.", "RETREAT"),
    ("The Iraqi premier visited Tehran on Sunday.", "CONSULT"),
])
def test_everyday_types(nlp, text, event_type):
    only(events_of(nlp, text), type=event_type)


def test_events_inside_quotes_are_reported_by_the_quote(nlp):
    events = events_of(nlp, '"The Americans attacked our positions near the airport," the '
                            "militia commander said. The army withdrew from the city.")
    attack = only(events, type="ASSAULT")
    assert attack["reported_by"] and attack["reported_by"].endswith(":q1")
    withdrawal = only(events, type="RETREAT")
    assert withdrawal["reported_by"] is None


def test_an_event_named_only_to_date_another_is_not_coded(nlp):
    events = events_of(nlp, "Two days after the attack, lawmakers approved a bill.")
    assert not [e for e in events if e["type"] == "ASSAULT"]


def test_capitals_act_for_their_governments_in_events(nlp):
    events = events_of(nlp, "Washington imposed new sanctions on Tehran.")
    sanction = only(events, type="COERCE", mode="restrict")
    assert sanction["actor"] == "united-states" and sanction["target"] == "iran"


def test_force_announced_for_the_future_is_a_threat(nlp):
    events = events_of(nlp, "The army will arrest the protest leaders tomorrow.")
    threat = only(events, type="THREATEN")
    assert threat["hypothetical"] is True and threat["mode"] == "coerce"


def test_supporting_assistance_is_aid(nlp):
    events = events_of(nlp, "Japan supported economic assistance to the Palestinians.")
    only(events, type="AID")


def test_a_relative_pronoun_acts_for_the_noun_it_hangs_on(nlp):
    events = events_of(nlp, "Hezbollah, which attacked the convoy near the border, denied "
                            "the report.")
    assert only(events, type="ASSAULT")["actor"] == "hezbollah"


def test_a_campaign_of_words_is_not_an_attack(nlp):
    events = events_of(nlp, "Satellite channels waged an intense media campaign against the "
                            "resistance groups.")
    assert not [e for e in events if e["type"] == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "Foreign Minister Basil Dabbagh struck a more cautious tone on Tuesday.",
    "The new budget struck a balance between the army and the ministries.",
])
def test_striking_a_tone_is_not_an_attack(nlp, text):
    assert not [e for e in events_of(nlp, text) if e["type"] == "ASSAULT"]


def test_a_strike_on_a_convoy_is_still_an_attack(nlp):
    events = events_of(nlp, "Norvastian jets struck a convoy near Keshal on Tuesday.")
    assert only(events, type="ASSAULT")


def test_he_acts_as_the_person_named_just_before(nlp):
    events = events_of(nlp, "Qais al-Mardoumi returned to Keshal on Monday. He condemned the "
                            "raid on the militia headquarters.")
    assert only(events, type="ACCUSE")["actor"] == "qais-al-mardoumi"


def test_extract_events_is_what_the_component_stores_and_sets_nothing(nlp):
    from presslens.components.events import extract_events

    text = "Norvastian jets bombed a depot near Karvan. The ministry urged them to leave."
    with nlp.select_pipes(disable=["presslens_events", "presslens_framing"]):
        doc = nlp(text)
    assert doc._.events is None
    records = extract_events(doc)
    assert doc._.events is None
    assert "presslens_memo_events" not in doc.user_data
    assert [(e["type"], e["trigger"]["text"]) for e in records] == [
        ("ASSAULT", "bombed"), ("REQUEST", "urged")]
    assert records == nlp.get_pipe("presslens_events")(doc)._.events


def test_the_factory_declares_what_it_reads_and_writes(nlp):
    meta = nlp.get_pipe_meta("presslens_events")
    assert meta.assigns == ["doc._.events"]
    assert {"doc._.quotes", "doc._.timexes", "doc._.entity_clusters"} <= set(meta.requires)


@pytest.mark.parametrize("text, told", [
    ("Trump withdrew from Obama's nuclear deal in May.", 0),
    ("The Iran deal is a disaster for the region, the senator wrote.", 0),
    ("Under Turkey's agreement with Libya, the ships may dock in Tripoli.", 0),
    ("Iran and Iraq signed a security agreement on Sunday.", 1),
])
def test_an_agreement_is_an_event_only_where_it_is_made(nlp, text, told):
    agreements = [e for e in nlp(text)._.events
                  if e["trigger"]["text"].lower() in ("deal", "agreement", "accord")]
    assert len(agreements) == told, agreements
