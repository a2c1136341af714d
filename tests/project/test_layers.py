"""The package's layers (docs/architecture.md), held by the import-linter contracts in
pyproject.toml, and the cost of importing the package's records."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

SOURCES = REPO / "src"


def _environment() -> dict[str, str]:
    # These sources, whatever copy of presslens the interpreter has installed.
    paths = [str(SOURCES), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def test_imports_keep_the_layers() -> None:
    pytest.importorskip("importlinter")
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("import-linter's lint-imports is not installed beside this interpreter")
    result = subprocess.run([command, "--no-cache"], cwd=REPO, env=_environment(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _loaded_after(statement: str) -> set[str]:
    probe = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], env=_environment(),
                            capture_output=True, text=True, timeout=120, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("statement", ["import presslens", "import presslens.model",
                                       "from presslens import ArticleAnalysis, __version__",
                                       "import presslens.store"])
def test_records_import_without_the_pipeline(statement: str) -> None:
    loaded = _loaded_after(statement)
    assert "spacy" not in loaded
    assert not {m for m in loaded if m.startswith(("presslens.components", "presslens.nlp"))}


def test_the_package_still_offers_the_pipeline() -> None:
    loaded = _loaded_after("import presslens\nassert callable(presslens.analyze)")
    assert {"presslens.analysis", "spacy"} <= loaded
