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
from presslens.params import EVENT_TYPES
from tests.helpers import TEST_DATA

BLIND = TEST_DATA / "blind"


def _sums(folder: Path) -> dict[str, str]:
    """``sha256sum`` output as {file name: hex digest}."""
    sums = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*")] = digest
    return sums


def _edited_since_frozen(folder: Path) -> list[str]:
    """The files ``SHA256SUMS`` lists whose bytes no longer have the hash they were frozen
    with."""
    return [name for name, digest in _sums(folder).items()
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest]


def _records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- entities ---------------------------------------------------------------------------------

ENTITIES = BLIND / "entities"


def test_blind_entities_files_match_their_hashes():
    assert set(_sums(ENTITIES)) == {"gold.jsonl", "hard_negatives.jsonl"}
    changed = _edited_since_frozen(ENTITIES)
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


# --- quotes -----------------------------------------------------------------------------------

def test_blind_quotes_set():
    folder = BLIND / "quotes"
    assert "gold.jsonl" in _sums(folder)
    assert not _edited_since_frozen(folder)

    records = _records(folder / "gold.jsonl")
    assert len(records) >= 30
    assert len({r["doc"] for r in records}) == len(records)
    for record in records:
        assert record["split"] == "blind"
        starts = [(q["content"]["start"], q["content"]["end"]) for q in record["quotes"]]
        assert starts == sorted(starts), record["doc"]
        for quote in record["quotes"]:
            assert quote["kind"] in ("direct", "indirect", "mixed")
            speaker = quote["speaker"]
            assert {"role", "on_behalf_of"} <= speaker.keys() and "reported_by" in quote
            assert speaker["anonymous"] == (speaker["name"] is None)
            if "speakers" in speaker:
                assert speaker["name"] == " & ".join(speaker["speakers"])

    if not (shared_dir() / "data").is_dir():
        pytest.skip("../shared is not beside the checkout: the blind texts are absent")
    for record in records:
        article = load_document(record["doc"])
        assert article is not None, record["doc"]
        assert article.id == record["text_id"], record["doc"]
        for quote in record["quotes"]:
            for part in ("content", "cue"):
                span = quote[part]
                if span is not None:
                    assert article.text[span["start"]:span["end"]] == span["text"], (
                        record["doc"], span)


# --- framing ----------------------------------------------------------------------------------

FRAMING = BLIND / "framing"
FRAMING_KINDS = {"scare_quotes", "weasel_attribution", "unattributed_claim", "loaded_language",
                 "actor_label"}
FRAMING_SIDES = {"iran_axis", "western_israeli", "us_left", "us_right", "other"}
FRAMING_OUTLETS = {"partisan_right", "partisan_left", "partisan_libertarian", "partisan_antiwar",
                   "republished_wire", "republished_release", "republished_news", "wikinews"}
FRAMING_TOPICS = {"middle_east", "us", "other"}


def _framing_records() -> list[dict]:
    return _records(FRAMING / "gold.jsonl")


def _framing_spans(record: dict) -> list[dict]:
    return record["spans"] + record["quoted_labels"]


def test_blind_framing_hashes_match_the_frozen_files():
    assert set(_sums(FRAMING)) == {"gold.jsonl", "README.md"}
    assert not _edited_since_frozen(FRAMING)


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


# --- events -----------------------------------------------------------------------------

BLIND_EVENTS = BLIND / "events"
PLOVER_TYPES = set(EVENT_TYPES)
MODALITIES = {"asserted", "negated", "demanded", "threatened", "planned", "hypothetical"}
UNREAL = {"demanded", "threatened", "planned", "hypothetical"}


def _blind_event_records() -> list[dict]:
    return _records(BLIND_EVENTS / "gold.jsonl")


def test_blind_events_hashes_match():
    assert _sums(BLIND_EVENTS), "SHA256SUMS lists no file"
    changed = _edited_since_frozen(BLIND_EVENTS)
    assert not changed, f"blind event files changed after they were frozen: {changed}"


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


# --- stories ----------------------------------------------------------------------------------

STORIES = BLIND / "stories"


def test_blind_stories_files_match_their_hashes():
    assert set(_sums(STORIES)) == {"gold.jsonl", "README.md"}
    changed = _edited_since_frozen(STORIES)
    assert not changed, f"blind story files edited after freezing: {changed}"


def test_blind_stories_records_are_well_formed_and_never_used_for_development():
    from collections import Counter

    records = _records(STORIES / "gold.jsonl")
    sizes = Counter(r["story"] for r in records)
    assert len(records) >= 150 and len(sizes) >= 40
    assert len({r["doc"] for r in records}) == len(records)
    assert all(r["split"] == "blind" for r in records)
    singletons = sum(1 for n in sizes.values() if n == 1)
    assert singletons <= len(sizes) / 3
    assert all(sizes[r["story"]] == 1 for r in records if r.get("empty"))
    development = TEST_DATA / "stories"
    used = {r["doc"] for name in ("gold.jsonl", "dev.jsonl")
            for r in _records(development / name)}
    assert not used & {r["doc"] for r in records}
    assert not {r["story"] for r in _records(development / "dev.jsonl")} & set(sizes)


def test_blind_stories_documents_load():
    if not (shared_dir() / "data" / "quotes" / "polnear").is_dir():
        pytest.skip("../shared is not beside the checkout")
    missing = [r["doc"] for r in _records(STORIES / "gold.jsonl")
               if load_document(r["doc"]) is None]
    assert not missing
