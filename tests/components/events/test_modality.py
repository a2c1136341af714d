"""What the event coder must not code, how it reads modality, and whose act it is, on
invented articles in the shapes of state, wire and regional copy."""

import pytest

STATE_COPY = (
    "TEHRAN (Tasnim) - Iran-backed groups held a rally in the capital on Friday. "
    "The occupying forces have stayed in the province for years, a war monitor said. "
    "The bombing left a dozen youngsters dead in the border town of Karvan. "
    "The cleric advised the occupying American forces to promptly leave the country. "
    "Norvast has long sought to interfere in the affairs of its neighbours.")

WIRE_COPY = (
    "ERBIL, Iraq (Meridian) -- Foreign Minister Lana Khoshnaw strongly condemned the "
    "terrorist attacks on Erbil. The ministry condemned the rocket attack by the Zavran "
    "militia on the airport. No infrastructure or homes were struck in the attack, the "
    "ministry said. The minister said the new base will never become a threat to Qaradin.")

REGIONAL_COPY = (
    "Soleimani and Muhandis were killed on Friday. They were targeted at the airport in a "
    "terrorist drone strike authorized by President Dorian Pryce. The lawmaker called on "
    "the air force to strike the militia camps. The agreement gives Norvast wide powers "
    "over the port. The army's general staff called it a self-defense strike on smugglers.")


def events_of(nlp, text):
    events = nlp(text)._.events
    for event in events:
        assert text[event["trigger"]["start"]:event["trigger"]["end"]] == \
            event["trigger"]["text"]
        assert event["modality"] in ("asserted", "negated", "demanded", "threatened",
                                     "planned", "hypothetical")
        assert event["negated"] == (event["modality"] == "negated")
        assert event["hypothetical"] or event["modality"] in ("asserted", "negated")
    return events


def at(events, word):
    return [e for e in events if e["trigger"]["text"] == word]


@pytest.fixture(scope="module")
def state(nlp):
    return events_of(nlp, STATE_COPY)


@pytest.fixture(scope="module")
def wire(nlp):
    return events_of(nlp, WIRE_COPY)


@pytest.fixture(scope="module")
def regional(nlp):
    return events_of(nlp, REGIONAL_COPY)


@pytest.mark.parametrize("word", ["backed", "occupying", "war", "left", "sought"])
def test_adjectives_compounds_and_other_senses_are_no_events(state, word):
    assert not at(state, word)


def test_a_demanded_withdrawal_is_the_demanders_request(state):
    (request,) = at(state, "advised")
    assert request["type"] == "REQUEST"
    assert request["modality"] == "demanded"
    assert request["demanded_type"] == "RETREAT"
    assert request["actor_text"] == "The cleric"
    assert "forces" in request["target_text"]
    assert not at(state, "leave")


def test_a_thing_is_no_actor(regional):
    assert not at(regional, "gives")


def test_a_self_defense_strike_is_no_labour_protest(regional):
    assert all(e["type"] != "PROTEST" for e in at(regional, "strike"))


def test_a_condemnation_accuses_the_perpetrator_not_the_victim(wire):
    first, second = at(wire, "condemned")
    assert first["type"] == second["type"] == "ACCUSE"
    assert first["actor_text"].endswith("Khoshnaw") and first["target_text"] is None
    assert second["target_text"] == "the Zavran militia"
    attacks = at(wire, "attacks")
    assert attacks and attacks[0]["actor_text"] is None  # the condemner did not attack
    assert attacks[0]["target_text"] == "Erbil"


def test_negations(wire):
    (struck,) = at(wire, "struck")
    assert struck["modality"] == "negated"
    (threat,) = at(wire, "threat")
    assert threat["modality"] == "negated"


def test_the_one_who_calls_for_a_strike_requests_it(regional):
    (call,) = at(regional, "called on")
    assert call["type"] == "REQUEST" and call["demanded_type"] == "ASSAULT"
    assert call["actor_text"] == "The lawmaker" and call["target_text"] == "the air force"
    assert not [e for e in regional if e["type"] == "ASSAULT" and
                e["actor_text"] == "The lawmaker"]


def test_a_passive_attack_takes_its_actor_from_the_strike_and_they_are_the_named(nlp):
    doc = nlp(REGIONAL_COPY)
    (targeted,) = at(doc._.events, "targeted")
    assert targeted["type"] == "ASSAULT" and "Pryce" in targeted["actor_text"]
    clusters = doc._.entity_clusters
    names = {clusters[n].name for n in targeted["_targets"]}
    assert len(names) == 2 and any("Muhandis" in n for n in names)


def test_dates_and_places_are_neither_actors_nor_targets(nlp):
    events = events_of(nlp, "On July 27, Norvastian jets bombed a depot near Karvan. "
                            "July 27 saw heavy clashes between the army and the rebels.")
    for event in events:
        assert "July" not in (event["actor_text"] or "") + (event["target_text"] or "")
        assert "Karvan" not in (event["target_text"] or "")


def test_strikes_of_the_resistance_are_the_resistances(nlp):
    events = events_of(nlp, "The drones hit the convoy in strikes of the resistance "
                            "near the border.")
    # One attack, told by the verb: the drones hit, in strikes the resistance carried out.
    (attack,) = [e for e in events if e["type"] == "ASSAULT"]
    assert attack["actor_text"] == "the resistance"
    assert attack["target_text"] == "the convoy"


def test_would_try_to_lure_is_no_threat(nlp):
    events = events_of(nlp, "Officials said the rebels would try to lure soldiers into the "
                            "hills.")
    assert not [e for e in events if e["type"] == "THREATEN"]


def test_the_spokesperson_acts_not_the_body_or_boss_named_in_the_title(nlp):
    doc = nlp("A Norvastian Foreign Ministry spokesperson, Ilse Varga, condemned the raid. "
              "Tarek Nadim, spokesman for Foreign Minister Samir Haddad, urged Qaradin to "
              "release the sailors.")
    clusters = doc._.entity_clusters
    for word, speaker in (("condemned", "Varga"), ("urged", "Nadim")):
        (event,) = at(doc._.events, word)
        names = [clusters[n].name for n in event["_actors"]]
        assert names and speaker in names[0], (word, names)


def test_the_outlet_that_reports_an_attack_is_not_its_attacker(nlp):
    events = events_of(nlp, "Al Mayadeen reported the strike on the convoy near Karvan. "
                            "Press TV said the raid killed three guards.")
    for event in events:
        assert event["actor_text"] not in ("Al Mayadeen", "Press TV")


def test_the_actor_ranker_prefers_the_subject_and_skips_sources_and_patients(nlp):
    from presslens.components.events import PEOPLE_NOUNS
    from presslens.components.events.role_ranker import (
        actor_candidates,
        candidate_features,
        load_role_models,
    )

    ranker, _targets = load_role_models()
    assert ranker is not None
    doc = nlp("The Qaradini army shelled positions held by rebels in Karvan.")
    (shelled,) = [t for t in doc if t.text == "shelled"]
    candidates = actor_candidates(shelled, frozenset(PEOPLE_NOUNS))
    scores = {c.text: ranker.probability(candidate_features(shelled, c))
              for c in candidates}
    assert max(scores, key=scores.get) in ("Qaradini", "army")  # "The Qaradini army"
    events = events_of(nlp, "According to officials, the visit by President Pryce to "
                            "Karvan was cancelled.")
    assert all(e["actor_text"] is None for e in events if e["trigger"]["text"] == "cancelled")


@pytest.mark.parametrize("text, target", [
    ("The militia threatened to attack the US embassy in Baghdad.",
     "the US embassy in Baghdad"),  # the body named through its place, whole
    ("The group vowed to attack and destroy the base.", "the base"),
    ("Iran threatened the United States with retaliation.", "the United States"),
    ("The president warned the envoy that his government would expel him.", "the envoy"),
])
def test_a_threat_is_one_event_on_whom_it_threatens(nlp, text, target):
    threats = [e for e in nlp(text)._.events if e["type"] == "THREATEN"]
    assert len(threats) == 1, [(e["type"], e["mode"], e["trigger"]) for e in threats]
    assert threats[0]["target_text"] == target
