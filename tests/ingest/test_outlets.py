"""Naming an article's outlet from a name as written, the page's domain, or the file name."""

import pytest

from presslens.ingest.outlets import outlet_from_name, outlet_from_path, outlet_from_url


def test_a_known_outlet_gets_its_display_name_and_an_unknown_one_keeps_its_own():
    assert outlet_from_name("Tasnim") == "Tasnim News Agency"
    assert outlet_from_name("press tv") == "Press TV"
    assert outlet_from_name("  The Daily Nowhere ") == "The Daily Nowhere"


@pytest.mark.parametrize("url, outlet", [
    ("https://www.presstv.ir/Detail/2020/01/05/x", "Press TV"),
    ("https://en.tasnimnews.com/news/1", "Tasnim News Agency"),  # a subdomain
    ("https://notpresstv.ir/x", None),  # a look-alike domain
    ("https://presstv.ir.example.com/x", None),  # the domain inside another
    ("http://[bad/x", None),
    (None, None),
])
def test_the_outlet_of_a_url_is_the_known_domain_it_is_served_from(url, outlet):
    assert outlet_from_url(url) == outlet


def test_the_first_word_of_a_file_name_may_name_the_outlet():
    assert outlet_from_path("/data/presstv-us-forces.txt") == "Press TV"
    assert outlet_from_path("tasnim_alliance.html") == "Tasnim News Agency"
    assert outlet_from_path("notes-presstv.txt") is None
    assert outlet_from_path(None) is None
