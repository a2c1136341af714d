"""`presslens analyze` on the demo corpus and the two samples gives the same bytes as recorded.

A change that means to leave the output alone (a refactoring, a faster path, a new layer)
must leave every output file byte-identical; this test proves it. A change that means to
change the output records the new digests on purpose:

    PRESSLENS_UPDATE_SNAPSHOT=1 .venv/bin/python -m pytest tests/project/test_output_snapshot.py

and the commit says why the output changed. The input folders' absolute paths, which differ
from one checkout to the next, are written as ``<demo>`` and ``<samples>`` before hashing, and
the minute the report was generated as ``<time>``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from tests.helpers import TEST_DATA

SNAPSHOT = TEST_DATA / "snapshots" / "analyze.json"
OUTPUTS = ("articles.jsonl", "entities.jsonl", "copies.jsonl", "report.html")
# The report says when it was written; that minute is not output of the analysis.
_GENERATED = re.compile(r"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _digests(out_dir: Path, roots: dict[str, Path]) -> dict[str, str]:
    digests = {}
    for name in OUTPUTS:
        path = out_dir / name
        if not path.exists():
            continue
        text = _GENERATED.sub("Generated <time>", path.read_text(encoding="utf-8"))
        # Longest first, so that a root inside another is replaced before it.
        for placeholder, root in sorted(roots.items(), key=lambda kv: -len(str(kv[1]))):
            text = text.replace(json.dumps(str(root))[1:-1], placeholder)
            text = text.replace(str(root), placeholder)
        digests[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digests


@pytest.mark.model
def test_analyze_output_is_byte_identical_to_the_recorded_one(tmp_path, demo_dir, samples):
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", str(demo_dir), *map(str, samples),
                                      "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    digests = _digests(out_dir, {"<demo>": demo_dir, "<samples>": samples[0].parent})
    assert set(digests) >= {"articles.jsonl", "entities.jsonl", "report.html"}
    if os.environ.get("PRESSLENS_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n",
                            encoding="utf-8")
        pytest.skip(f"recorded {SNAPSHOT.name}; commit it with the reason for the change")
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = sorted(name for name in recorded.keys() | digests.keys()
                     if recorded.get(name) != digests.get(name))
    assert not changed, (
        f"the output of `presslens analyze` changed in {changed}; if that is meant, record it "
        "with PRESSLENS_UPDATE_SNAPSHOT=1 and say why in the commit")
