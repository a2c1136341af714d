"""Shared fixtures (the pipeline, built once per run, and paths to ../shared data) and the
markers that split the suite into layers (docs/development.md):

- ``model``: the test loads the spaCy model. Every test that asks for the ``nlp`` fixture
  (itself or through its fixtures) is marked here; a test that loads the model another way
  (``analyze`` without ``nlp``, the CLI, the web app) carries the mark itself. A test without
  the mark that loads the model fails, so the fast layer cannot quietly grow slow.
- ``slow``: the test takes seconds or more; every ``model`` test is also ``slow``.

``pytest -m "not slow"`` is the fast layer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy.util

from tests.helpers import PRESSTV, SPEC, TASNIM


@pytest.fixture(scope="session")
def nlp():
    from presslens.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    if not (PRESSTV.exists() and TASNIM.exists()):
        pytest.skip("../shared/samples is not beside the checkout")
    return [PRESSTV, TASNIM]


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    if not (SPEC / "article.schema.json").exists():
        pytest.skip("../shared/spec is not beside the checkout")
    return SPEC


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    from presslens.cli import demo_corpus_path

    return demo_corpus_path()


MODEL_FIXTURES = {"nlp"}
_LOADED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
        if item.get_closest_marker("model"):
            item.add_marker(pytest.mark.slow)


@contextlib.contextmanager
def _models_refused(item: pytest.Item) -> Iterator[None]:
    """While a test not marked ``model`` is set up, run and torn down (its module- and
    session-wide fixtures included), loading a spaCy model raises and marks the test.

    ``spacy.load`` and every model package end in ``spacy.util.load_model_from_path``. A
    pipeline a marked test loaded before is cached and goes unseen, and so does a model
    loaded in a child process: the fast layer, which runs no marked test, is where a missing
    mark shows, and tests that start presslens in a process of its own are marked by hand.
    """
    if item.get_closest_marker("model"):
        yield
        return
    original = spacy.util.load_model_from_path

    def refuse(*args: object, **kwargs: object) -> None:
        item.stash[_LOADED] = True
        raise RuntimeError(_unmarked(item))

    spacy.util.load_model_from_path = refuse
    try:
        yield
    finally:
        spacy.util.load_model_from_path = original


def _unmarked(item: pytest.Item) -> str:
    return (f"{item.nodeid} loads a spaCy model: mark it pytest.mark.model, or have the "
            "fixture that loads it ask for nlp (tests/conftest.py)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _models_refused(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _models_refused(item):
        result = yield
    # The code under test may have caught the error that refuse() raised.
    if item.stash.get(_LOADED, False):
        pytest.fail(_unmarked(item), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    with _models_refused(item):
        return (yield)
