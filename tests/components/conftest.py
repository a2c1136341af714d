"""Fixtures of the components' tests."""

import pytest

from tests.components.hand_docs import hand_doc


@pytest.fixture
def build():
    """Build a Doc from ``word/POS/TAG/dep/head[/lemma|ENT]`` tokens (see hand_docs.py)."""
    return hand_doc
