"""Scorers, the gold entity annotations, and the entity figures they give."""

import pytest

from presslens.eval.documents import load_document
from presslens.eval.entities import DEFAULT_GOLD, evaluate_entities, load_gold
from presslens.eval.scoring import bcubed, prf


def test_prf_counts():
    score = prf({("a", 1), ("b", 2)}, {("a", 1), ("c", 3), ("d", 4)})
    assert (score.true_positives, score.predicted, score.gold) == (1, 2, 3)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)
    assert prf(set(), set()).f1 == 0.0


def test_bcubed_penalises_merges_and_splits():
    gold = {"m1": "A", "m2": "A", "m3": "B"}
    assert bcubed({"m1": 1, "m2": 1, "m3": 2}, gold).f1 == 1.0
    merged = bcubed({"m1": 1, "m2": 1, "m3": 1}, gold)
    assert merged.recall == 1.0 and merged.precision < 1.0
    split = bcubed({"m1": 1, "m2": 2, "m3": 3}, gold)
    assert split.precision == 1.0 and split.recall < 1.0


def test_gold_spans_are_their_text():
    checked = 0
    for record in load_gold(DEFAULT_GOLD):
        article = load_document(record["doc"])
        if article is None:
            continue  # a ../shared document on a machine without ../shared
        assert article.id == record["text_id"], f"{record['doc']}: text changed since annotated"
        ends = 0
        for mention in record["mentions"]:
            assert article.text[mention["start"]:mention["end"]] == mention["text"]
            assert mention["start"] >= ends
            ends = mention["end"]
        checked += 1
    assert checked >= 4  # the demo documents are always there


@pytest.mark.parametrize("split, strict_floor", [("dev", 0.85), ("test", 0.80)])
def test_entity_figures_do_not_regress(nlp, split, strict_floor):
    scores = evaluate_entities(load_gold(DEFAULT_GOLD, split), nlp=nlp)
    if scores.missing:
        pytest.skip("../shared is not beside the checkout: figures are not comparable")
    assert not scores.stale
    assert scores.strict.f1 >= strict_floor
    # The resolution target: one entity per actor across documents ...
    assert scores.actors.f1 >= 0.90
    assert scores.conll_f1 >= 0.90
    # ... and two actors merged into one is the error an analyst must never see.
    assert scores.hard_negatives >= 20
    assert scores.hard_negatives_merged == []
    assert scores.wrong_merges == []


def test_quote_gold_spans_are_their_text():
    from presslens.eval.quotes import DEFAULT_GOLD as QUOTES_GOLD
    from presslens.eval.quotes import load_gold as load_quote_gold

    checked = 0
    for record in load_quote_gold(QUOTES_GOLD):
        article = load_document(record["doc"])
        if article is None:
            continue
        assert article.id == record["text_id"], record["doc"]
        for quote in record["quotes"]:
            for part in ("content", "cue"):
                span = quote[part]
                if span is not None:
                    assert article.text[span["start"]:span["end"]] == span["text"]
            assert quote["kind"] in ("direct", "indirect", "mixed")
        checked += 1
    if checked == 0:
        pytest.skip("../shared is not beside the checkout")
    assert checked >= 15


def test_token_overlap_matching():
    from presslens.eval.quotes import match_spans, word_positions

    text = "Officials said that the convoy was hit near the airport on Sunday."
    gold = (text.index("the convoy"), text.index("."))
    words = word_positions(text, *gold)
    assert len(words) == 9 and min(words) == gold[0]
    assert {text[i:i + 3] for i in words} >= {"the", "con", "was", "Sun"}
    assert match_spans([(text.index("convoy"), text.index(" hit"))], [gold], text) == []
    assert match_spans([(text.index("the convoy"), text.index(" on"))], [gold], text) == [(0, 0)]


@pytest.mark.parametrize("split, floor", [("dev", 0.69), ("test", 0.60)])
def test_quote_figures_do_not_regress(nlp, split, floor):
    from presslens.eval.quotes import DEFAULT_GOLD as QUOTES_GOLD
    from presslens.eval.quotes import evaluate_quotes
    from presslens.eval.quotes import load_gold as load_quote_gold

    scores = evaluate_quotes(load_quote_gold(QUOTES_GOLD, split), nlp=nlp)
    if scores.missing:
        pytest.skip("../shared is not beside the checkout: figures are not comparable")
    assert not scores.stale
    assert scores.content.f1 >= 0.75
    assert scores.with_speaker.f1 >= floor


def test_polnear_reader_and_figures(nlp):
    from presslens.eval.quotes import evaluate_polnear, polnear_dir, read_brat

    folder = polnear_dir() / "dev"
    if not folder.is_dir():
        pytest.skip("../shared/data/quotes is not beside the checkout")
    first = sorted((folder / "attributions").glob("*.ann"))[0]
    relations = read_brat(first)
    text = (folder / "text" / (first.stem.rsplit("_", 1)[0] + ".txt")).read_text()
    assert relations and all(0 <= r.content[0] < r.content[1] <= len(text) for r in relations)
    scores = evaluate_polnear("dev", nlp=nlp, limit=20)
    assert scores.relations > 50
    assert scores.content.f1 >= 0.6


def test_textacy_peer_is_scored_on_the_same_matching(nlp):
    from presslens.eval.quotes import DEFAULT_GOLD as QUOTES_GOLD
    from presslens.eval.quotes import evaluate_quotes
    from presslens.eval.quotes import load_gold as load_quote_gold

    records = [r for r in load_quote_gold(QUOTES_GOLD) if r["doc"].startswith("shared:samples")]
    if not records or load_document(records[0]["doc"]) is None:
        pytest.skip("../shared is not beside the checkout")
    peer = evaluate_quotes(records, nlp=nlp, extractor="textacy")
    ours = evaluate_quotes(records, nlp=nlp)
    assert peer.content.predicted > 0
    assert peer.by_kind["indirect"].true_positives == 0  # textacy finds direct quotes only
    assert ours.with_speaker.f1 > peer.with_speaker.f1


def test_span_f1_interval_over_resampled_articles():
    from presslens.eval.framing import span_f1_interval
    from presslens.eval.scoring import f1_of

    # Articles as (precision credit, recall credit, system spans, gold spans).
    same = [(1.0, 1.5, 2, 3)] * 20
    low, high = span_f1_interval(same)
    assert low == high == pytest.approx(f1_of(0.5, 0.5))
    mixed = [(2.0, 2.0, 2, 2)] * 10 + [(0.0, 0.0, 2, 2)] * 10
    low, high = span_f1_interval(mixed)
    assert low < f1_of(0.5, 0.5) < high and 0.0 < low and high < 1.0
    assert span_f1_interval(mixed) == (low, high)  # seeded: the same interval every run
    assert span_f1_interval([]) == (0.0, 0.0)


def test_labelled_actor_counts():
    from presslens.eval.framing import labelled_actor_counts
    from presslens.model import ArticleEntity, Mention

    entities = [ArticleEntity("daesh", "Daesh", "ORG", [Mention(40, 45, "Daesh", "ORG")]),
                ArticleEntity("iraq", "Iraq", "GPE", [Mention(60, 64, "Iraq", "GPE")])]
    framing = [
        {"label": "name_calling", "start": 10, "end": 30, "entity": "daesh"},
        {"label": "loaded_language", "start": 70, "end": 80, "entity": "daesh"},
        {"label": "name_calling", "start": 90, "end": 95, "entity": None},
        {"label": "unattributed_claim", "start": 100, "end": 140, "entity": "iraq"},
        {"label": "actor_label", "start": 150, "end": 158, "entity": None},
        {"label": "actor_label", "start": 200, "end": 210, "entity": "iraq"},
    ]
    gold = [
        {"start": 12, "end": 28, "actor_start": 40, "actor_end": 45},   # right
        {"start": 72, "end": 78, "actor_start": 60, "actor_end": 64},   # wrong actor
        {"start": 90, "end": 94, "actor_start": 40, "actor_end": 45},   # found, none named
        {"start": 110, "end": 120, "actor_start": 60, "actor_end": 64},  # no label record
        {"start": 150, "end": 160, "actor_start": None, "actor_end": None},  # unnamed actor
    ]
    counts = labelled_actor_counts(framing, entities, gold)
    # The actor_label record at 150 overlaps a gold label without a named actor, the one at
    # 200 no gold label.
    assert dict(counts) == {"gold": 4, "found": 3, "named": 2, "right": 1,
                            "label_records": 2, "label_records_on_gold": 1}


def test_framing_gold_spans_are_their_text():
    from presslens.eval.documents import load_annotations
    from presslens.eval.framing import DEFAULT_GOLD as FRAMING_GOLD
    from presslens.eval.framing import LABELS_GOLD

    checked = 0
    for path, key in ((FRAMING_GOLD, "spans"), (LABELS_GOLD, "labels")):
        for record in load_annotations(path):
            article = load_document(record["doc"])
            if article is None:
                continue  # a ../shared document on a machine without ../shared
            assert article.id == record["text_id"], f"{record['doc']}: text changed"
            for item in record[key]:
                assert article.text[item["start"]:item["end"]] == item["text"]
                if item.get("actor_start") is not None:
                    assert article.text[item["actor_start"]:item["actor_end"]] == \
                        item["actor_text"]
            checked += 1
    assert checked >= 12  # the demo documents are always there


PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"}


def test_event_gold_is_consistent():
    """The event gold holds as its README describes it: spans are their text, sentences hold
    their triggers, events are sorted and unique, dev lines come before test lines, and no
    document is annotated twice."""
    import json
    import re

    from presslens.eval.documents import load_annotations
    from presslens.eval.events import DEFAULT_GOLD as EVENTS_GOLD

    records = load_annotations(EVENTS_GOLD)
    docs = [r["doc"] for r in records]
    assert len(docs) == len(set(docs)), "a document is annotated twice"
    splits = [r["split"] for r in records]
    assert set(splits) <= {"dev", "test"} and splits == sorted(splits), "dev lines come first"
    blind = set()
    for path in (EVENTS_GOLD.parents[1] / "blind").glob("*/gold.jsonl"):
        blind |= {json.loads(line)["doc"] for line in path.read_text("utf-8").splitlines()
                  if line.strip()}
    assert not blind & set(docs), "a blind document is in the development gold"
    day = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
    for record in records:
        keys = [(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in record["events"]]
        assert keys == sorted(keys) and len(keys) == len(set(keys)), record["doc"]
        for event in record["events"]:
            where = f"{record['doc']} {event['trigger']}"
            assert event["type"] in PLOVER_TYPES, where
            assert event["date"] is None or day.fullmatch(event["date"]), where
            assert all(isinstance(event[flag], bool)
                       for flag in ("negated", "hypothetical", "reported")), where
            assert all(isinstance(n, str) and n for n in event["actors"] + event["targets"]), where
            trigger, sentence = event["trigger"], event["sentence"]
            assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"], where
        article = load_document(record["doc"])
        if article is None:
            continue  # a ../shared document on a machine without ../shared
        assert article.id == record["text_id"], f"{record['doc']}: text changed since annotated"
        for event in record["events"]:
            trigger, sentence = event["trigger"], event["sentence"]
            assert article.text[trigger["start"]:trigger["end"]] == trigger["text"], record["doc"]
            stretch = article.text[sentence["start"]:sentence["end"]]
            assert stretch and stretch == stretch.strip(), f"{record['doc']} {sentence}"
