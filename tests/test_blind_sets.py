"""Blind evaluation sets stay frozen and keep pointing at the texts they were annotated on.

One group of functions per set (``test_blind_<set>_*``). These tests never run the pipeline: they
check the files against their SHA-256 sums and each annotation against its article.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from presslens.eval.documents import load_document, shared_dir

BLIND = Path(__file__).resolve().parent / "data" / "blind"


def _sums(folder: Path) -> dict[str, str]:
    """``sha256sum`` output as {file name: hex digest}."""
    sums = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*")] = digest
    return sums


def _records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- entities ---------------------------------------------------------------------------------

ENTITIES = BLIND / "entities"


def test_blind_entities_files_match_their_hashes():
    sums = _sums(ENTITIES)
    assert set(sums) == {"gold.jsonl", "hard_negatives.jsonl"}
    changed = [name for name, digest in sums.items()
               if hashlib.sha256((ENTITIES / name).read_bytes()).hexdigest() != digest]
    assert not changed, f"blind entity files edited after freezing: {changed}"


def test_blind_entities_records_are_well_formed():
    records = _records(ENTITIES / "gold.jsonl")
    assert len(records) >= 30
    assert len({r["doc"] for r in records}) == len(records)
    types = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
    actors = set()
    for record in records:
        assert record["split"] == "blind"
        previous_end = 0
        for m in record["mentions"]:
            assert m["type"] in types, (record["doc"], m)
            assert previous_end <= m["start"] < m["end"], (record["doc"], m)
            previous_end = m["end"]
            actors.add(m.get("refers_to") or m["actor"])
    for pair in _records(ENTITIES / "hard_negatives.jsonl"):
        assert pair["a"] != pair["b"]
        assert {pair["a"], pair["b"]} <= actors, pair


def test_blind_entities_spans_match_their_articles():
    if not (shared_dir() / "data" / "wikinews").is_dir():
        pytest.skip("../shared is not beside the checkout")
    missing, stale, wrong = [], [], []
    for record in _records(ENTITIES / "gold.jsonl"):
        article = load_document(record["doc"])
        if article is None:
            missing.append(record["doc"])
            continue
        if article.id != record["text_id"]:
            stale.append(f"{record['doc']}: annotated on {record['text_id']}, now {article.id}")
            continue
        wrong += [f"{record['doc']} {m['start']}:{m['end']} {m['text']!r} != "
                  f"{article.text[m['start']:m['end']]!r}"
                  for m in record["mentions"] if article.text[m["start"]:m["end"]] != m["text"]]
    assert not missing, f"documents that no longer load: {missing}"
    assert not stale, "cleaned text changed since annotation:\n" + "\n".join(stale)
    assert not wrong, "spans off their text:\n" + "\n".join(wrong)
