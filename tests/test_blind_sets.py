"""The frozen blind evaluation sets under tests/data/blind/: each is checked against its SHA-256
hashes (so that nothing edits a blind set unnoticed) and against the texts it points at."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from presslens.eval.documents import load_document, shared_dir

BLIND = Path(__file__).resolve().parent / "data" / "blind"


def _hashes_hold(folder: Path) -> None:
    """Every file listed in ``SHA256SUMS`` (``sha256sum`` format) still has its hash."""
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    assert listed, "SHA256SUMS lists no file"
    for name, digest in listed.items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert actual == digest, f"{folder.name}/{name} changed after it was frozen"


# --- events -----------------------------------------------------------------------------

BLIND_EVENTS = BLIND / "events"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "negated", "demanded", "threatened", "planned", "hypothetical"}
UNREAL = {"demanded", "threatened", "planned", "hypothetical"}


def _blind_event_records() -> list[dict]:
    with (BLIND_EVENTS / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_blind_events_hashes_match():
    _hashes_hold(BLIND_EVENTS)


def test_blind_events_records_are_well_formed():
    records = _blind_event_records()
    assert len(records) >= 40
    assert len({r["doc"] for r in records}) == len(records)
    for record in records:
        assert record["split"] == "blind"
        keys = [(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in record["events"]]
        assert keys == sorted(keys), record["doc"]
        assert len(keys) == len(set(keys)), record["doc"]
        for event in record["events"]:
            where = f"{record['doc']} {event['trigger']}"
            assert event["type"] in PLOVER_TYPES, where
            assert event["modality"] in MODALITIES, where
            # the old flags stay what the modality says
            assert event["negated"] == (event["modality"] == "negated"), where
            assert event["hypothetical"] == (event["modality"] in UNREAL), where
            if event["type"] == "REQUEST":
                assert event["demanded_type"] in PLOVER_TYPES | {None}, where
            else:
                assert event["demanded_type"] is None, where
            assert isinstance(event["reported"], bool), where
            assert all(isinstance(n, str) and n for n in event["actors"] + event["targets"]), where


def test_blind_events_documents_load_and_spans_hold():
    if not (shared_dir() / "data" / "wikinews").exists():
        pytest.skip("../shared/data is not beside the checkout")
    for record in _blind_event_records():
        article = load_document(record["doc"])
        assert article is not None, record["doc"]
        assert article.id == record["text_id"], f"{record['doc']}: text changed, offsets stale"
        text = article.text
        for event in record["events"]:
            trigger, sentence = event["trigger"], event["sentence"]
            assert text[trigger["start"]:trigger["end"]] == trigger["text"], record["doc"]
            assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
            stretch = text[sentence["start"]:sentence["end"]]
            assert stretch == stretch.strip() and stretch, record["doc"]


def test_blind_events_documents_are_not_development_documents():
    blind = {r["doc"] for r in _blind_event_records()}
    used = set()
    for path in (BLIND.parent).rglob("*.jsonl"):
        if BLIND in path.parents:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                used.update(v for k, v in record.items() if isinstance(v, str) and ":" in v
                            and k == "doc")
    assert not blind & used
