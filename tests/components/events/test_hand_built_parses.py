"""The event coder's decisions on parses written by hand (tests/components/hand_docs.py): no
model is loaded."""

from presslens.components.events import extract_events


def test_the_subject_of_an_attack_is_its_actor_and_the_object_its_target(build):
    doc = build(["Militias/NOUN/NNS/nsubj/1", "attacked/VERB/VBD/ROOT/1/attack",
                 "the/DET/DT/det/3", "base/NOUN/NN/dobj/1", "./PUNCT/./punct/1"])
    (event,) = extract_events(doc)
    assert (event["type"], event["actor_text"], event["target_text"]) == (
        "ASSAULT", "Militias", "the base")
    assert event["modality"] == "asserted"
    assert doc.text[event["trigger"]["start"]:event["trigger"]["end"]] == "attacked"


def test_an_attack_denied_is_negated(build):
    doc = build(["Militias/NOUN/NNS/nsubj/3", "did/AUX/VBD/aux/3", "not/PART/RB/neg/3",
                 "attack/VERB/VB/ROOT/3/attack", "the/DET/DT/det/5", "base/NOUN/NN/dobj/3",
                 "./PUNCT/./punct/3"])
    (event,) = extract_events(doc)
    assert event["modality"] == "negated"


def test_a_demand_to_leave_is_no_withdrawal_that_happened(build):
    doc = build(["Lawmakers/NOUN/NNS/nsubj/1", "demanded/VERB/VBD/ROOT/1/demand",
                 "that/SCONJ/IN/mark/5", "foreign/ADJ/JJ/amod/4", "troops/NOUN/NNS/nsubj/5",
                 "leave/VERB/VB/ccomp/1/leave", "./PUNCT/./punct/1"])
    (event,) = extract_events(doc)
    assert (event["type"], event["modality"], event["demanded_type"]) == (
        "REQUEST", "demanded", "RETREAT")
    assert (event["actor_text"], event["target_text"]) == ("Lawmakers", "foreign troops")


def test_the_agent_of_a_passive_attack_is_its_actor_and_the_subject_its_target(build):
    doc = build(["The/DET/DT/det/1", "base/NOUN/NN/nsubjpass/3", "was/AUX/VBD/auxpass/3",
                 "attacked/VERB/VBN/ROOT/3/attack", "by/ADP/IN/agent/3",
                 "militias/NOUN/NNS/pobj/4", "./PUNCT/./punct/3"])
    (event,) = extract_events(doc)
    assert (event["type"], event["actor_text"], event["target_text"]) == (
        "ASSAULT", "militias", "The base")


def test_an_attack_that_may_come_is_hypothetical(build):
    doc = build(["Militias/NOUN/NNS/nsubj/2", "may/AUX/MD/aux/2", "attack/VERB/VB/ROOT/2/attack",
                 "the/DET/DT/det/4", "base/NOUN/NN/dobj/2", "./PUNCT/./punct/2"])
    (event,) = extract_events(doc)
    assert (event["type"], event["modality"]) == ("ASSAULT", "hypothetical")


def test_the_place_troops_withdraw_from_is_the_target_of_a_retreat(build):
    doc = build(["Troops/NOUN/NNS/nsubj/1", "withdrew/VERB/VBD/ROOT/1/withdraw",
                 "from/ADP/IN/prep/1", "Erbil/PROPN/NNP/pobj/2/GPE", "./PUNCT/./punct/1"])
    (event,) = extract_events(doc)
    assert (event["type"], event["actor_text"], event["target_text"]) == (
        "RETREAT", "Troops", "Erbil")


def test_a_verb_that_is_no_act_of_anyone_codes_nothing(build):
    doc = build(["The/DET/DT/det/1", "weather/NOUN/NN/nsubj/2",
                 "improved/VERB/VBD/ROOT/2/improve", "./PUNCT/./punct/2"])
    assert extract_events(doc) == []
