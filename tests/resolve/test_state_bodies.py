"""The key of a state's ministry, from its name and the words around it."""

import pytest

from presslens.resolve.knowledge import gazetteer_only
from presslens.resolve.state_bodies import state_body_key


@pytest.mark.parametrize(("text", "before", "after", "key"), [
    ("Iranian Foreign Ministry", "said the ", " in a statement", "§iran ministry foreign"),
    ("Foreign Ministry of Iran", "The ", " said", "§iran ministry foreign"),
    ("Ministry of Foreign Affairs of the Islamic Republic of Iran", "", "",
     "§iran ministry foreign"),
    ("Iran's foreign ministry", "", " said", "§iran ministry foreign"),
    ("Foreign Ministry", "Tehran. Iran's ", " said", "§iran ministry foreign"),
    ("Ministry of Foreign Affairs", "the ", " of Iran said", "§iran ministry foreign"),
    ("Turkish Defence Ministry", "the ", " said", "§turkey ministry defense"),
    ("Ministry of Defense", "Turkey's ", " said", "§turkey ministry defense"),
    ("Iraqi Ministry of Interior", "the ", "", "§iraq ministry interior"),
    ("Foreign Ministry", "The Iraqi ", " said", "§iraq ministry foreign"),
])
def test_a_states_ministry_is_keyed_by_state_and_field(text, before, after, key):
    assert state_body_key(text, before, after, gazetteer_only()) == key


@pytest.mark.parametrize(("text", "before", "after"), [
    ("Foreign Ministry", "The ", " said"),  # no state named
    ("Foreign Ministry", "President Erdogan's ", " said"),  # a person's, not a state
    ("Iranian Foreign Ministry of Iraq", "", ""),  # two states: no guess
    ("Foreign Ministry spokesman", "Iran's ", ""),  # not a ministry's name
    ("Ministry of Foreign Affairs of Zavran", "", ""),  # a state no gazetteer knows
])
def test_no_key_where_the_state_or_the_ministry_is_not_named(text, before, after):
    assert state_body_key(text, before, after, gazetteer_only()) is None
