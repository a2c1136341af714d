"""`presslens eval framing`: persuasion techniques against the Propaganda Techniques Corpus,
and scare quotes, weasel attributions and unattributed claims against the team's articles.

PTC (SemEval-2020 Task 11, ``../shared/data/framing/ptc-train``) is split by article id:
ids ending in 0 or 5 are held out (about a fifth) and never used to train or tune. Scores as
the task defined them (Da San Martino et al., 2019):

- span identification: technique-agnostic partial overlap; precision sums, over system
  spans, the share of each covered by gold spans, recall the share of each gold span
  covered by system spans (gold spans that overlap are merged first);
- technique classification: micro-F1 of the technique given each gold span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from presslens.components.framing.voice import merged_spans
from presslens.eval.documents import REPO_ROOT, shared_dir
from presslens.eval.scoring import PRF, f1_of, prf_counts
from presslens.nlp import load_pipeline

# PTC's technique names and the labels presslens uses for them.
PTC_LABELS = {
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "name_calling",
    "Repetition": "repetition",
    "Doubt": "doubt",
    "Exaggeration,Minimisation": "exaggeration",
    "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Flag-Waving": "flag_waving",
    "Causal_Oversimplification": "causal_oversimplification",
    "Appeal_to_Authority": "appeal_to_authority",
    "Slogans": "slogans",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
    "Black-and-White_Fallacy": "black_and_white",
    "Thought-terminating_Cliches": "thought_terminating_cliche",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon",
}
DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "framing" / "gold.jsonl"
ANNOTATED_LABELS = ("scare_quotes", "weasel_attribution", "unattributed_claim")
LABELS_GOLD = REPO_ROOT / "tests" / "data" / "framing" / "labels.jsonl"


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    label: str


@dataclass(slots=True)
class PTCArticle:
    id: str
    text: str
    spans: list[GoldSpan]

    @property
    def split(self) -> str:
        return "test" if self.id[-1] in "05" else "dev"


def ptc_dir() -> Path | None:
    folder = shared_dir() / "data" / "framing" / "ptc-train"
    return folder if (folder / "articles").is_dir() else None


def load_ptc(folder: Path, split: str = "all") -> list[PTCArticle]:
    articles = []
    for path in sorted((folder / "articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        spans = []
        labels = folder / "labels" / f"article{article_id}.task2-TC.labels"
        if labels.exists():
            for line in labels.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1] in PTC_LABELS:
                    spans.append(GoldSpan(int(parts[2]), int(parts[3]), PTC_LABELS[parts[1]]))
        article = PTCArticle(article_id, text, sorted(spans, key=lambda s: (s.start, s.end)))
        if split == "all" or article.split == split:
            articles.append(article)
    return articles


merged = merged_spans


def partial_overlap(system: list[tuple[int, int]], gold: list[tuple[int, int]]
                    ) -> tuple[float, float, int, int]:
    """Summed precision and recall credits of one article, and the span counts."""
    precision = sum(sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in gold) / (e - s)
                    for s, e in system if e > s)
    recall = sum(sum(max(0, min(e, ge) - max(s, gs)) for s, e in system) / (ge - gs)
                 for gs, ge in gold if ge > gs)
    return precision, recall, len(system), len(gold)


@dataclass(slots=True)
class FramingScores:
    articles: int
    span_identification: PRF
    technique_micro_f1: float
    per_technique: dict[str, PRF] = field(default_factory=dict)
    # The span F1's 95% bootstrap interval over articles (see ``span_f1_interval``).
    span_f1_interval: tuple[float, float] = (0.0, 0.0)


# How many resamples of the articles the span F1's interval is drawn from, and the seed.
BOOTSTRAP_ROUNDS = 1000
BOOTSTRAP_SEED = 0


def span_f1_interval(per_article: list[tuple[float, float, int, int]],
                     rounds: int = BOOTSTRAP_ROUNDS, level: float = 0.95,
                     seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
    """The percentile interval of span F1 over samples of the articles drawn with
    replacement (each article's credits and span counts, as ``partial_overlap`` gives them):
    how far the figure could move on another sample of articles like these. A few dozen
    articles hold few spans each, so the interval is wide; read a difference between two
    systems smaller than it as no difference."""
    import random

    if not per_article:
        return 0.0, 0.0
    draw = random.Random(seed)
    count = len(per_article)
    figures = []
    for _ in range(rounds):
        sample = [per_article[draw.randrange(count)] for _ in range(count)]
        system, gold = sum(a[2] for a in sample), sum(a[3] for a in sample)
        precision = sum(a[0] for a in sample) / system if system else 0.0
        recall = sum(a[1] for a in sample) / gold if gold else 0.0
        figures.append(f1_of(precision, recall))
    figures.sort()
    tail = (1 - level) / 2
    return (figures[int(tail * rounds)],
            figures[min(rounds - 1, int((1 - tail) * rounds))])


def framing_docs(articles: list[Any], nlp: Language | None = None) -> Iterator[Doc]:
    """Each text parsed with the whole pipeline (framing reads quotes and entities)."""
    nlp = nlp or load_pipeline()
    yield from nlp.pipe((a.text for a in articles), batch_size=16)


def evaluate_ptc(articles: list[PTCArticle], nlp: Language | None = None) -> FramingScores:
    from presslens.components.framing.techniques import technique_of

    precision_sum = recall_sum = 0.0
    system_count = gold_count = 0
    hits = total = 0
    confusion: Counter[tuple[str, str]] = Counter()
    per_article: list[tuple[float, float, int, int]] = []
    for article, doc in zip(articles, framing_docs(articles, nlp), strict=True):
        system = [(f["start"], f["end"]) for f in doc._.framing or []
                  if f["label"] in PTC_LABELS.values()]
        gold = merged((s.start, s.end) for s in article.spans)
        p, r, ns, ng = partial_overlap(merged(system), gold)
        per_article.append((p, r, ns, ng))
        precision_sum += p
        recall_sum += r
        system_count += ns
        gold_count += ng
        for span in article.spans:
            predicted = technique_of(doc, span.start, span.end)
            confusion[(span.label, predicted)] += 1
            total += 1
            hits += predicted == span.label
    precision = precision_sum / system_count if system_count else 0.0
    recall = recall_sum / gold_count if gold_count else 0.0
    per_technique = {}
    for label in sorted(set(PTC_LABELS.values())):
        per_technique[label] = prf_counts(
            confusion[(label, label)],
            sum(n for (_, p), n in confusion.items() if p == label),
            sum(n for (g, _), n in confusion.items() if g == label))
    return FramingScores(
        articles=len(articles),
        span_identification=PRF(precision, recall, f1_of(precision, recall), 0, system_count,
                                gold_count),
        technique_micro_f1=hits / total if total else 0.0,
        per_technique=per_technique,
        span_f1_interval=span_f1_interval(per_article),
    )


@dataclass(slots=True)
class AnnotatedFramingScores:
    documents: int
    per_label: dict[str, PRF]
    claim_share: tuple[float, float]  # system, gold share of unattributed claim sentences
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def evaluate_annotated(records: list[dict], nlp: Language | None = None
                       ) -> AnnotatedFramingScores:
    """Scare quotes, weasel attributions and unattributed claims in whole articles: a span
    matches a gold span of the same label that it overlaps (one to one)."""
    from presslens.eval.documents import analysed_annotations

    corpus, by_id, kept, missing, stale = analysed_annotations(records, nlp)
    counts: Counter[str] = Counter()
    system_claims, gold_claims = [0, 0], [0, 0]
    for record in kept:
        analysis = by_id[record["text_id"]]
        for label in ANNOTATED_LABELS:
            gold = [(s["start"], s["end"]) for s in record["spans"] if s["label"] == label]
            system = [(f["start"], f["end"]) for f in analysis.framing if f["label"] == label]
            counts[f"{label}:gold"] += len(gold)
            counts[f"{label}:system"] += len(system)
            used: set[int] = set()
            for start, end in system:
                for index, (gs, ge) in enumerate(gold):
                    if index not in used and start < ge and gs < end:
                        used.add(index)
                        counts[f"{label}:hits"] += 1
                        break
        summary = analysis.summary.get("claims", {})
        system_claims[0] += summary.get("attributed", 0)
        system_claims[1] += summary.get("unattributed", 0)
        gold_claims[0] += record.get("claim_sentences_attributed", 0)
        gold_claims[1] += record.get("claim_sentences_unattributed", 0)
    per_label = {}
    for label in ANNOTATED_LABELS:
        per_label[label] = prf_counts(*(counts[f"{label}:{k}"] for k in ("hits", "system",
                                                                           "gold")))

    def share(pair: list[int]) -> float:
        return pair[1] / sum(pair) if sum(pair) else 0.0

    return AnnotatedFramingScores(len(kept), per_label,
                                  (share(system_claims), share(gold_claims)), missing, stale)


def labelled_actor_counts(framing: list[dict[str, Any]], entities: list[Any],
                          gold_labels: list[dict[str, Any]]) -> Counter[str]:
    """How presslens names the actor of each gold label that names one: ``gold`` labels,
    ``found`` (a label record overlaps the gold span), ``named`` (that record names an
    actor) and ``right`` (the actor is the one whose mention the annotator marked). Of the
    records overlapping a gold label, the one overlapping it most speaks for it. Also
    ``label_records`` (the ``actor_label`` records) and ``label_records_on_gold`` (those
    overlapping any gold label): the lexicon family's precision, which the counts above,
    starting from the gold, cannot show."""
    from presslens.model import LABEL_RECORDS

    counts: Counter[str] = Counter()
    for record in framing:
        if record["label"] == "actor_label":
            counts["label_records"] += 1
            counts["label_records_on_gold"] += any(
                record["start"] < label["end"] and label["start"] < record["end"]
                for label in gold_labels)
    owner = {}
    for entity in entities:
        for mention in entity.mentions:
            owner[(mention.start, mention.end)] = entity.id
    for label in gold_labels:
        if label.get("actor_start") is None:
            continue
        counts["gold"] += 1
        start, end = label["start"], label["end"]
        overlapping = [(min(end, f["end"]) - max(start, f["start"]), f) for f in framing
                       if f["label"] in LABEL_RECORDS and f["start"] < end and start < f["end"]]
        if not overlapping:
            continue
        counts["found"] += 1
        record = max(overlapping, key=lambda pair: pair[0])[1]
        if record.get("entity") is None:
            continue
        counts["named"] += 1
        actor = {owner[m] for m in owner
                 if m[0] < label["actor_end"] and label["actor_start"] < m[1]}
        counts["right"] += record["entity"] in actor
    return counts


@dataclass(slots=True)
class LabelledActorScores:
    documents: int
    counts: Counter[str]
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def attachment(self) -> PRF:
        """Precision: of the actors named, the right ones; recall: of the gold labels
        presslens found, those given the right actor."""
        return prf_counts(self.counts["right"], self.counts["named"], self.counts["found"])


def evaluate_labelled_actors(records: list[dict], nlp: Language | None = None
                             ) -> LabelledActorScores:
    """Which actor each label is applied to, against ``tests/data/framing/labels.jsonl``."""
    from presslens.eval.documents import analysed_annotations

    _, by_id, kept, missing, stale = analysed_annotations(records, nlp)
    counts: Counter[str] = Counter()
    for record in kept:
        analysis = by_id[record["text_id"]]
        counts += labelled_actor_counts(analysis.framing, analysis.entities, record["labels"])
    return LabelledActorScores(len(kept), counts, missing, stale)
