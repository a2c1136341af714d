"""Shared fixtures: the pipeline (built once per run) and paths to ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

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
