"""The frozen blind evaluation sets under tests/data/blind: unchanged since they were annotated,
well formed, and still pointing at the texts they were annotated on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from presslens.eval.documents import load_document

BLIND = Path(__file__).resolve().parent / "data" / "blind"

FRAMING = BLIND / "framing"
FRAMING_KINDS = {"scare_quotes", "weasel_attribution", "unattributed_claim", "loaded_language",
                 "actor_label"}
FRAMING_SIDES = {"iran_axis", "western_israeli", "us_left", "us_right", "other"}
FRAMING_OUTLETS = {"partisan_right", "partisan_left", "partisan_libertarian", "partisan_antiwar",
                   "republished_wire", "republished_release", "republished_news", "wikinews"}
FRAMING_TOPICS = {"middle_east", "us", "other"}


def _framing_records() -> list[dict]:
    with (FRAMING / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _framing_spans(record: dict) -> list[dict]:
    return record["spans"] + record["quoted_labels"]


def test_blind_framing_hashes_match_the_frozen_files():
    listed = {}
    for line in (FRAMING / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    assert set(listed) == {"gold.jsonl", "README.md"}
    for name, digest in listed.items():
        assert hashlib.sha256((FRAMING / name).read_bytes()).hexdigest() == digest, name


def test_blind_framing_records_are_well_formed():
    records = _framing_records()
    assert len(records) >= 32
    assert len({r["doc"] for r in records}) == len(records)
    outlets = [r["outlet_kind"] for r in records]
    assert outlets.count("wikinews") >= 10
    assert sum(o.startswith("partisan_") for o in outlets) >= 10
    for record in records:
        assert set(record) == {"doc", "text_id", "split", "outlet_kind", "topic",
                               "claim_sentences_attributed", "claim_sentences_unattributed",
                               "spans", "quoted_labels"}, record["doc"]
        assert record["split"] == "blind"
        assert record["outlet_kind"] in FRAMING_OUTLETS
        assert record["topic"] in FRAMING_TOPICS
        claims = [s for s in record["spans"] if s["kind"] == "unattributed_claim"]
        assert record["claim_sentences_unattributed"] == len(claims), record["doc"]
        assert all(s["voice"] == "outlet" for s in record["spans"])
        assert all(s["voice"] == "quoted" and s["kind"] == "actor_label"
                   for s in record["quoted_labels"])
        for group in (record["spans"], record["quoted_labels"]):
            assert group == sorted(group, key=lambda s: (s["start"], s["end"], s["kind"]))
            for index, span in enumerate(group):
                for other in group[index + 1:]:
                    if other["kind"] == span["kind"]:
                        assert other["start"] >= span["end"], (record["doc"], span["text"])
        for span in _framing_spans(record):
            assert span["kind"] in FRAMING_KINDS
            assert 0 <= span["start"] < span["end"]
            assert span["text"] == span["text"].strip() and span["text"]
            labelled = span["kind"] == "actor_label"
            assert labelled == ("actor" in span) == ("side" in span), span
            if labelled:
                assert span["side"] in FRAMING_SIDES and span["actor"].strip()


def test_blind_framing_documents_were_never_used_before():
    """No blind document is annotated in any development set, and the PTC articles are all
    from the part (ids ending in 0 or 5) the technique classifier never trains on."""
    used = set()
    for path in (BLIND.parent).rglob("*.jsonl"):
        if BLIND in path.parents:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                used.add(json.loads(line).get("doc"))
    for record in _framing_records():
        assert record["doc"] not in used, record["doc"]
        if "/ptc-train/" in record["doc"]:
            assert Path(record["doc"]).stem[-1] in "05", record["doc"]


def test_blind_framing_spans_equal_their_text():
    checked = 0
    for record in _framing_records():
        article = load_document(record["doc"])
        if article is None:
            continue
        assert article.id == record["text_id"], record["doc"]
        for span in _framing_spans(record):
            assert article.text[span["start"]:span["end"]] == span["text"], (record["doc"], span)
        checked += 1
    if not checked:
        pytest.skip("../shared is not beside the checkout")
