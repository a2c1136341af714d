"""`presslens eval events`: PLOVER event coding against the public PLOVER data.

Two sets of sentences with a marked actor (source), target and gold type, both read from
``../shared/data/events``:

- ``plv_train.tsv`` (1,050 actor–target pairs, 15 root classes: CONCEDE and RETREAT are
  scored together as YIELD);
- ``plover_gsr_cameo.txt``, the PLOVER gold-standard records (version 0.5b1 labels mapped to
  today's types: DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT).

Scores, TempEval-style split by a hash of the sentence into dev (about 75%, used to develop
the patterns) and test (about 25%, held out):

- type accuracy and macro-F1 given the marks: the type of the coded event whose actor and
  target phrases overlap the marked ones (else the one whose trigger sits between them,
  else the sentence's first event);
- triple accuracy end to end: some coded event has an actor phrase overlapping the marked
  source, a target phrase overlapping the marked target, and the gold type.
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from presslens.eval.documents import REPO_ROOT, shared_dir
from presslens.eval.scoring import PRF, f1_of, prf_counts
from presslens.nlp import load_pipeline
from presslens.resolve.names import name_key

TEST_SHARE = 4  # one sentence in four is held out
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT"}
_MARK = re.compile(r"</?[st]>")


@dataclass(frozen=True, slots=True)
class CodedSentence:
    """A sentence with its marked actor and target (character spans) and gold type."""

    text: str
    source: tuple[int, int]
    target: tuple[int, int]
    type: str
    corpus: str

    @property
    def split(self) -> str:
        return "test" if zlib.crc32(self.text.encode()) % TEST_SHARE == 0 else "dev"


def events_dir() -> Path | None:
    folder = shared_dir() / "data" / "events"
    return folder if (folder / "plv_train.tsv").exists() else None


def scored_type(event_type: str) -> str:
    """The class a type is scored as: plv_train's YIELD joins CONCEDE and RETREAT."""
    return "YIELD" if event_type in ("CONCEDE", "RETREAT") else event_type


def read_plv(path: Path) -> list[CodedSentence]:
    sentences = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            marked = row["marked_sentence"]
            spans: dict[str, tuple[int, int]] = {}
            plain: list[str] = []
            position = 0
            opened: dict[str, int] = {}
            for match in _MARK.finditer(marked):
                plain.append(marked[position:match.start()])
                offset = sum(len(p) for p in plain)
                tag = match.group(0)
                role = tag.strip("</>")
                if tag.startswith("</"):
                    spans[role] = (opened.pop(role, offset), offset)
                else:
                    opened[role] = offset
                position = match.end()
            plain.append(marked[position:])
            text = "".join(plain)
            if "s" not in spans or "t" not in spans:
                continue
            sentences.append(CodedSentence(text, spans["s"], spans["t"],
                                           row["gold_root"].strip(), "plv_train"))
    return sentences


def read_gsr(path: Path) -> list[CodedSentence]:
    raw = re.sub(r",\s*([\]}])", r"\1", path.read_text(encoding="utf-8"))
    sentences = []
    for record in json.loads(raw):
        event_type = LEGACY_TYPES.get(record.get("event", ""), record.get("event", ""))
        text = record.get("text") or ""
        sources = [_actor_text(s) for s in record.get("source") or []]
        targets = [_actor_text(t) for t in record.get("target") or []]
        if event_type == "DOCUMENT" or not text or not sources or not targets:
            continue
        source, target = text.find(sources[0]), text.find(targets[0])
        if source < 0 or target < 0 or not sources[0] or not targets[0]:
            continue
        sentences.append(CodedSentence(
            text, (source, source + len(sources[0])), (target, target + len(targets[0])),
            scored_type(event_type), "gsr"))
    return sentences


def _actor_text(actor: Any) -> str:
    return actor.get("actorText", "") if isinstance(actor, dict) else str(actor or "")


def load_coded_sentences(folder: Path, split: str = "all") -> list[CodedSentence]:
    sentences = read_plv(folder / "plv_train.tsv")
    if (folder / "plover_gsr_cameo.txt").exists():
        sentences += read_gsr(folder / "plover_gsr_cameo.txt")
    return [s for s in sentences if split == "all" or s.split == split]


def _overlaps(span: list[int] | None, marked: tuple[int, int]) -> bool:
    if not span:
        return False
    return span[0] < marked[1] and marked[0] < span[1]


def choose_event(events: list[dict[str, Any]], sentence: CodedSentence
                 ) -> dict[str, Any] | None:
    """The coded event that the marked actor and target take part in."""
    if not events:
        return None

    def fit(event: dict[str, Any]) -> int:
        # The main event wins over one embedded in it ("refused to [meet]").
        return (2 * _overlaps(event.get("_actor_span"), sentence.source)
                + 2 * _overlaps(event.get("_target_span"), sentence.target)
                + (0 if event.get("_embedded") else 1))

    best = max(events, key=fit)
    if fit(best) > 1:
        return best
    low, high = sorted((sentence.source[0], sentence.target[0]))
    between = [e for e in events if low <= e["trigger"]["start"] <= high]
    main = [e for e in between or events if not e.get("_embedded")]
    return (main or between or events)[0]


@dataclass(slots=True)
class EventScores:
    sentences: int
    type_accuracy: float
    macro_f1: float
    triple_accuracy: float
    per_type: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)
    by_corpus: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


def coded_events(sentences: list[CodedSentence], nlp: Language | None = None
                 ) -> Iterable[list[dict[str, Any]]]:
    nlp = nlp or load_pipeline()
    for doc in nlp.pipe((s.text for s in sentences), batch_size=64):
        yield list(doc._.events or [])


def evaluate_events(sentences: list[CodedSentence], nlp: Language | None = None
                    ) -> EventScores:
    predicted: list[str | None] = []
    triples: list[bool] = []
    errors = []
    for sentence, events in zip(sentences, coded_events(sentences, nlp), strict=True):
        chosen = choose_event(events, sentence)
        label = scored_type(chosen["type"]) if chosen else None
        predicted.append(label)
        triple = any(scored_type(e["type"]) == sentence.type
                     and _overlaps(e.get("_actor_span"), sentence.source)
                     and _overlaps(e.get("_target_span"), sentence.target) for e in events)
        triples.append(triple)
        if label != sentence.type:
            errors.append({"text": sentence.text, "gold": sentence.type, "system": label,
                           "trigger": chosen["trigger"]["text"] if chosen else None,
                           "corpus": sentence.corpus})
    gold = [s.type for s in sentences]
    per_type = {}
    for label in sorted(set(gold)):
        hits = sum(1 for p, g in zip(predicted, gold, strict=True) if p == g == label)
        predicted_count = sum(1 for p in predicted if p == label)
        gold_count = sum(1 for g in gold if g == label)
        precision = hits / predicted_count if predicted_count else 0.0
        recall = hits / gold_count if gold_count else 0.0
        per_type[label] = (precision, recall, f1_of(precision, recall), gold_count)
    by_corpus = {}
    for corpus in sorted({s.corpus for s in sentences}):
        indices = [i for i, s in enumerate(sentences) if s.corpus == corpus]
        by_corpus[corpus] = (
            len(indices),
            sum(predicted[i] == gold[i] for i in indices) / len(indices),
            sum(triples[i] for i in indices) / len(indices),
        )
    total = len(sentences) or 1
    return EventScores(
        sentences=len(sentences),
        type_accuracy=sum(p == g for p, g in zip(predicted, gold, strict=True)) / total,
        macro_f1=sum(v[2] for v in per_type.values()) / (len(per_type) or 1),
        triple_accuracy=sum(triples) / total,
        per_type=per_type,
        by_corpus=by_corpus,
        errors=errors,
    )


def type_counts(sentences: list[CodedSentence]) -> Counter[str]:
    return Counter(s.type for s in sentences)


# -- the team's annotated articles ------------------------------------------------------------

DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "events" / "gold.jsonl"


@dataclass(slots=True)
class ArticleEventScores:
    """Events in whole articles: what an analyst sees."""

    documents: int
    events: PRF  # same sentence, same type
    with_actor: PRF  # ... and an actor the gold names
    attacks: PRF  # ASSAULT events alone: false attacks cost an analyst's trust
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def _same_actor(system_ids: list[str], gold_names: list[str],
                spellings: dict[str, set[str]]) -> bool:
    from presslens.resolve.names import mention_key

    wanted = {mention_key(name, "PERSON") for name in gold_names} | {
        mention_key(name, "GPE") for name in gold_names}
    for entity_id in system_ids:
        if {mention_key(s, "PERSON") for s in spellings.get(entity_id, ())} & wanted:
            return True
        if {mention_key(s, "GPE") for s in spellings.get(entity_id, ())} & wanted:
            return True
    return False


def evaluate_annotated(records: list[dict], nlp: Language | None = None
                       ) -> ArticleEventScores:
    """Analyse the annotated articles and match their events to the gold: an event matches
    a gold event of the same type in the same sentence (one to one)."""
    from presslens.eval.documents import analysed_annotations

    corpus, by_id, kept, missing, stale = analysed_annotations(records, nlp)
    spellings = {e.id: {e.name, *e.aliases} for e in corpus.entities}
    counts: Counter[str] = Counter()
    for record in kept:
        analysis = by_id[record["text_id"]]
        gold = record["events"]
        system = analysis.events
        counts["gold"] += len(gold)
        counts["system"] += len(system)
        counts["gold_attacks"] += sum(1 for g in gold if g["type"] == "ASSAULT")
        counts["system_attacks"] += sum(1 for e in system if e["type"] == "ASSAULT")
        used: set[int] = set()
        for event in system:
            start = event["trigger"]["start"]
            for index, item in enumerate(gold):
                if index in used or item["type"] != event["type"]:
                    continue
                if not item["sentence"]["start"] <= start < item["sentence"]["end"]:
                    continue
                used.add(index)
                counts["hits"] += 1
                actors = event.get("actors") or ([event["actor"]] if event.get("actor") else [])
                if item["actors"] and _same_actor(actors, item["actors"], spellings):
                    counts["actor_hits"] += 1
                if event["type"] == "ASSAULT":
                    counts["attack_hits"] += 1
                break
    return ArticleEventScores(
        documents=len(kept),
        events=prf_counts(counts["hits"], counts["system"], counts["gold"]),
        with_actor=prf_counts(counts["actor_hits"], counts["system"], counts["gold"]),
        attacks=prf_counts(counts["attack_hits"], counts["system_attacks"], counts["gold_attacks"]),
        missing=missing, stale=stale)




# -- whole-article events with their roles, and how far their confidence can be trusted ------

BLIND_GOLD = REPO_ROOT / "tests" / "data" / "blind" / "events" / "gold.jsonl"
RELIABILITY_BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0001)


@dataclass(slots=True)
class JudgedEvent:
    """A coded event and whether an analyst would find it right: a gold event whose trigger
    overlaps its trigger, of the same type, with the same actors and targets."""

    article_id: str
    record: dict[str, Any]
    gold: dict[str, Any] | None
    right: bool
    type_right: bool


@dataclass(slots=True)
class JudgedArticles:
    judged: list[JudgedEvent]
    gold_events: int
    documents: int
    modality_pairs: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def shown(self, threshold: float) -> list[JudgedEvent]:
        return [j for j in self.judged if _confidence(j.record) >= threshold]

    def scores(self, threshold: float = 0.0) -> PRF:
        """Event + actor + target precision, recall and F1 of the events shown at
        ``threshold`` (each gold event found at most once)."""
        shown = self.shown(threshold)
        found = {id(j.gold) for j in shown if j.right and j.gold is not None}
        return prf_counts(len(found), len(shown), self.gold_events)

    def reliability(self, bins: tuple[float, ...] = RELIABILITY_BINS
                    ) -> list[tuple[float, float, int, float]]:
        """(low, high, events with low <= confidence < high, share of them right)."""
        table = []
        for low, high in zip(bins, bins[1:], strict=False):
            inside = [j for j in self.judged if low <= _confidence(j.record) < high]
            share = sum(j.right for j in inside) / len(inside) if inside else float("nan")
            table.append((low, min(high, 1.0), len(inside), share))
        return table


def _confidence(record: dict[str, Any]) -> float:
    value = record.get("confidence")
    return 1.0 if value is None else float(value)


# The gold's canonical names for groups the press calls by their initials or Arabic names.
GOLD_ALIASES = {"islamic state": {"isis", "isil", "daesh", "is", "islamic state group"},
                "popular mobilization units": {"pmu", "pmf", "hashd al-shaabi",
                                               "popular mobilization forces"},
                "kurdistan workers' party": {"pkk"},
                "people's protection units": {"ypg"},
                "syrian democratic forces": {"sdf"},
                "islamic revolutionary guard corps": {"irgc", "revolutionary guards"}}


def _expanded(names: set[str]) -> set[str]:
    """A role's spellings with what the gold annotation reads them as: a demonym or a
    capital is its country ("Israeli jets" → Israel, "Washington" → United States), a
    country all its names, a group its canonical name."""
    from presslens.resolve.knowledge import gazetteer_only

    knowledge = gazetteer_only()
    found = set(names)
    for name in names:
        words = name.split()
        candidates = [name, *(words[i] for i in range(len(words)))]
        for candidate in candidates:
            key = name_key(candidate)
            actor = knowledge.demonyms.get(key) or knowledge.countries.get(key) or \
                knowledge.capitals.get(key)
            if actor is not None and (candidate == name or len(words) <= 3):
                found.update((actor.name, *actor.aliases))
        lowered = name_key(name)
        found.update(gold for gold, aliases in GOLD_ALIASES.items() if lowered in aliases)
    return found


def _role_right(system_ids: list[str], system_text: str | None, gold_names: list[str],
                spellings: dict[str, set[str]]) -> bool:
    """A role is right when both leave it empty, or the system's entity (any spelling) or
    its phrase as written is one of the gold's names, read as the gold's guidelines read
    names (see ``_expanded``), a person also by the surname alone."""
    if not gold_names:
        return not system_ids
    if not system_ids and not system_text:
        return False
    names = {s for i in system_ids for s in spellings.get(i, ())}
    names |= {system_text} if system_text else set()
    names = _expanded(names)
    if _same_actor(["_all"], gold_names, {"_all": names}):
        return True
    gold_keys = {name_key(g) for g in gold_names}
    if {name_key(n) for n in names} & gold_keys:
        return True
    surnames = {name_key(g).split()[-1] for g in gold_names if len(g.split()) > 1}
    return any(name_key(n).split()[-1:] and name_key(n).split()[-1] in surnames
               for i in system_ids for n in spellings.get(i, ()))


def _role_ids(event: dict[str, Any], role: str) -> list[str]:
    plural = event.get(f"{role}s")
    return list(plural) if plural else ([event[role]] if event.get(role) else [])


def judge_events(records: list[dict], nlp: Language | None = None) -> JudgedArticles:
    """Analyse the annotated articles and judge each coded event against the gold: matched
    one to one by overlapping triggers (the same type first), right when type, actors and
    targets all agree."""
    from presslens.eval.documents import analysed_annotations

    corpus, by_id, kept, missing, stale = analysed_annotations(records, nlp)
    spellings = {e.id: {e.name, *e.aliases} for e in corpus.entities}
    judged: list[JudgedEvent] = []
    modality_pairs: list[tuple[str, str]] = []
    gold_total = 0
    for record in kept:
        analysis = by_id[record["text_id"]]
        gold = record["events"]
        gold_total += len(gold)
        used: set[int] = set()
        for event in analysis.events:
            start, end = event["trigger"]["start"], event["trigger"]["end"]
            overlapping = [i for i, g in enumerate(gold) if i not in used
                           and g["trigger"]["start"] < end and start < g["trigger"]["end"]]
            overlapping.sort(key=lambda i: gold[i]["type"] != event["type"])
            item = gold[overlapping[0]] if overlapping else None
            if item is None:
                judged.append(JudgedEvent(analysis.id, event, None, False, False))
                continue
            used.add(overlapping[0])
            type_right = item["type"] == event["type"]
            right = type_right and _role_right(
                _role_ids(event, "actor"), event.get("actor_text"), item["actors"],
                spellings) and _role_right(
                _role_ids(event, "target"), event.get("target_text"), item["targets"],
                spellings)
            judged.append(JudgedEvent(analysis.id, event, item, right, type_right))
            if item.get("modality"):
                modality_pairs.append((item["modality"], event.get("modality") or "asserted"))
    return JudgedArticles(judged, gold_total, len(kept), modality_pairs, missing, stale)


def judged_splits(nlp: Language | None = None) -> dict[str, JudgedArticles]:
    """The annotated articles judged by split: dev and test, and the blind set beside them
    where its file exists."""
    from presslens.eval.documents import load_annotations

    nlp = nlp or load_pipeline()
    splits = {split: judge_events(load_annotations(DEFAULT_GOLD, split), nlp)
              for split in ("dev", "test")}
    if BLIND_GOLD.exists():
        splits["blind"] = judge_events(load_annotations(BLIND_GOLD, "blind"), nlp)
    return splits


def trust_rows(splits: dict[str, JudgedArticles], threshold: float
               ) -> list[tuple[str, ...]]:
    """Rows of the trust table, one column per split: whole-article event + actor + target
    scores with every event and with those shown at ``threshold``, then the reliability of
    the confidence (events per bin of confidence, share of them right)."""
    rows: list[tuple[str, ...]] = [
        ("articles / gold events", *(f"{j.documents} / {j.gold_events}" for j in splits.values()))]
    for label, value in (("all coded", 0.0), (f"shown (confidence >= {threshold:.2f})",
                                               threshold)):
        scores = [j.scores(value) for j in splits.values()]
        rows.append((f"{label}: events", *(str(s.predicted) for s in scores)))
        rows.append((f"{label}: event+actor+target P / R / F1",
                     *(" / ".join(s.row()) for s in scores)))
    for index, (low, high, *_rest) in enumerate(next(iter(splits.values())).reliability()):
        cells = []
        for judged in splits.values():
            _low, _high, count, share = judged.reliability()[index]
            cells.append(f"{count}: {share:.2f}" if count else "0")
        rows.append((f"confidence {low:.1f}-{high:.1f} (n: share right)", *cells))
    if any(j.modality_pairs for j in splits.values()):
        rows.append(("modality agreement (matched events)", *(
            f"{sum(g == s for g, s in j.modality_pairs) / len(j.modality_pairs):.2f}"
            if j.modality_pairs else "-" for j in splits.values())))
    return rows
