"""src/presslens type-checks cleanly under mypy, as configured in pyproject.toml."""


import pytest

from tests.helpers import REPO


def test_mypy_is_clean():
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    # The configuration names the files to check relative to itself, so the run checks this
    # checkout's sources wherever pytest was started; the cache beside them keeps reruns quick.
    stdout, stderr, status = api.run([
        "--config-file", str(REPO / "pyproject.toml"),
        "--cache-dir", str(REPO / ".mypy_cache"),
        "--no-color-output",
    ])
    assert status == 0, stdout + stderr
