"""Outlet-voice flags: how often a flag that accuses the outlet is right, label recall per
side, and how many flags a neutral report draws.

A flag in the outlet's own voice says that the outlet framed the story. Three figures measure
that accusation:

- **precision of outlet-voice flags** at a confidence threshold: a flag is right when a gold
  span of a compatible kind overlaps it (the rule of ``tests/data/blind/framing/README.md``:
  ``actor_label`` ↔ ``actor_label``, ``loaded_language`` or ``scare_quotes``;
  ``loaded_language`` ↔ ``loaded_language`` or ``actor_label``; ``scare_quotes`` ↔
  ``scare_quotes`` or ``actor_label``; the others only their own kind). A PTC
  ``name_calling`` flag is an actor label; the other PTC techniques (doubt, exaggeration …)
  have no compatible gold kind there, so on the blind set they are wrong by construction;
- **label recall per side**: of the gold actor labels of each side (``iran_axis``,
  ``western_israeli``, ``us_left``, ``us_right``, ``other``), those a label flag overlaps;
- **the neutral-control rate**: outlet-voice flags per 1,000 words of Wikinews reports.

On the development articles (``tests/data/framing``) the gold is put together from three
files: ``gold.jsonl`` (scare quotes, weasel attributions, unattributed claims),
``labels.jsonl`` (actor labels, in either voice) and, for PTC articles, PTC's own technique
spans (a technique flag is right on one of its own technique, loaded language also on
name-calling). Loaded language in the two samples and the demo articles is annotated only
where it labels an actor, so the development precision of loaded-language flags is a lower
bound.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.eval.documents import REPO_ROOT, load_annotations, shared_dir

BLIND_GOLD = REPO_ROOT / "tests" / "data" / "blind" / "framing" / "gold.jsonl"
FRAMING_GOLD = REPO_ROOT / "tests" / "data" / "framing" / "gold.jsonl"
COMPATIBLE = {
    "actor_label": {"actor_label", "loaded_language", "scare_quotes"},
    "loaded_language": {"loaded_language", "actor_label"},
    "scare_quotes": {"scare_quotes", "actor_label"},
}
SIDES = ("iran_axis", "western_israeli", "us_left", "us_right", "other")
# How many Wikinews reports the neutral-control rate is measured on.
CONTROL_ARTICLES = 100


def flag_kind(label: str) -> str:
    """The gold kind a system label is judged as: name-calling labels an actor."""
    return "actor_label" if label == "name_calling" else label


def flag_is_right(flag: dict[str, Any], gold: Iterable[tuple[int, int, str]]) -> bool:
    """Whether a gold span of a compatible kind overlaps the flag."""
    kind = flag_kind(flag["label"])
    allowed = COMPATIBLE.get(kind, {kind})
    return any(start < flag["end"] and flag["start"] < end and gold_kind in allowed
               for start, end, gold_kind in gold)


@dataclass(slots=True)
class JudgedFlag:
    """One outlet-voice flag and whether the gold holds it right (None: not judged)."""

    doc: str
    label: str
    basis: str
    confidence: float
    right: bool | None
    score: float = 0.0


def judge_flags(framing: list[dict[str, Any]], gold: list[tuple[int, int, str]],
                judged: set[str] | None, doc: str) -> list[JudgedFlag]:
    """The outlet-voice flags of one article, each judged against ``gold``; where
    ``judged`` names the gold kinds the article is annotated for, a flag of another kind is
    left unjudged (``judged`` may also name system labels: "name_calling" judges those
    flags, not every actor label)."""
    flags = []
    for flag in framing:
        if flag.get("voice") != "outlet":
            continue
        kind = flag_kind(flag["label"])
        known = judged is None or kind in judged or flag["label"] in judged
        flags.append(JudgedFlag(doc, flag["label"], flag.get("basis") or flag["label"],
                                float(flag.get("confidence") or 0.0),
                                flag_is_right(flag, gold) if known else None,
                                float(flag.get("score") or 0.0)))
    return flags


@dataclass(slots=True)
class Precision:
    right: int = 0
    flags: int = 0

    @property
    def value(self) -> float:
        return self.right / self.flags if self.flags else 0.0

    def row(self) -> str:
        return f"{self.value:.3f} ({self.right}/{self.flags})"


def precision_at(flags: Iterable[JudgedFlag], threshold: float) -> Precision:
    """Precision of the judged flags at or above ``threshold``."""
    result = Precision()
    for flag in flags:
        if flag.right is None or flag.confidence < threshold:
            continue
        result.flags += 1
        result.right += flag.right
    return result


# --- development articles ---------------------------------------------------------------

DEV_FOLDER = REPO_ROOT / "tests" / "data" / "framing"
PTC_PREFIX = "shared:data/framing/ptc-train/articles/article"
# The kinds each development source annotates.
GOLD_KINDS = {"scare_quotes", "weasel_attribution", "unattributed_claim"}


def development_gold(split: str) -> dict[str, tuple[list[tuple[int, int, str]], set[str]]]:
    """For each development article of ``split``: its gold spans (start, end, kind) from the
    three development sources, and the kinds it is annotated for."""
    from presslens.eval.framing import load_ptc, ptc_dir

    gold: dict[str, tuple[list[tuple[int, int, str]], set[str]]] = {}
    for record in load_annotations(DEV_FOLDER / "gold.jsonl", split):
        spans, kinds = gold.setdefault(record["doc"], ([], set()))
        spans += [(s["start"], s["end"], s["label"]) for s in record["spans"]]
        # Exhaustive for its three kinds; a PTC technique with no gold kind there is wrong
        # there, as it is on the blind set.
        kinds |= GOLD_KINDS | {label for label in _ptc_labels()
                               if flag_kind(label) not in ("actor_label", "loaded_language")}
    for record in load_annotations(DEV_FOLDER / "labels.jsonl", split):
        spans, kinds = gold.setdefault(record["doc"], ([], set()))
        spans += [(s["start"], s["end"], "actor_label") for s in record["labels"]]
        kinds |= {"actor_label", "scare_quotes"}
    folder = ptc_dir()
    if folder is not None:
        ptc = {a.id: a for a in load_ptc(folder)}
        for doc, (spans, kinds) in gold.items():
            article = ptc.get(doc.removeprefix(PTC_PREFIX).removesuffix(".txt"))
            if doc.startswith(PTC_PREFIX) and article is not None:
                spans += [(s.start, s.end, flag_kind(s.label)) for s in article.spans]
                kinds |= {flag_kind(label) for label in _ptc_labels()} | {"loaded_language"}
    return gold


def ptc_development_gold(count: int, skip: set[str]
                         ) -> dict[str, tuple[list[tuple[int, int, str]], set[str]]]:
    """The first ``count`` PTC articles of the development part not in ``skip``, with their
    technique spans: they judge the technique flags (the loaded-language and name-calling
    ones against both kinds), not the rules, which PTC does not annotate."""
    from presslens.eval.framing import load_ptc, ptc_dir

    folder = ptc_dir()
    if folder is None:
        return {}
    gold = {}
    for article in load_ptc(folder, "dev"):
        doc = f"{PTC_PREFIX}{article.id}.txt"
        if doc in skip:
            continue
        gold[doc] = ([(s.start, s.end, flag_kind(s.label)) for s in article.spans],
                     set(_ptc_labels()))
        if len(gold) >= count:
            break
    return gold


def _ptc_labels() -> list[str]:
    from presslens.eval.framing import PTC_LABELS

    return list(PTC_LABELS.values())


def judged_development_flags(split: str, nlp: Any = None, ptc_articles: int = 0
                             ) -> list[JudgedFlag]:
    """Every outlet-voice flag on the development articles of ``split``, judged; with
    ``ptc_articles``, also the technique flags of that many more PTC articles of the
    development part (see ``ptc_development_gold``)."""
    gold = development_gold(split)
    if ptc_articles:
        gold.update(ptc_development_gold(ptc_articles, set(gold)))
    flags: list[JudgedFlag] = []
    for doc, analysis in _analysed(gold, nlp):
        spans, kinds = gold[doc]
        flags += judge_flags(analysis.framing, spans, kinds, doc)
    return flags


def _analysed(references: Iterable[str], nlp: Any) -> list[tuple[str, Any]]:
    """(reference, analysis) of each referenced article on this machine whose text still
    matches its annotation."""
    from presslens.analysis import analyze
    from presslens.eval.documents import load_document

    articles, refs = [], []
    for doc in references:
        article = load_document(doc)
        if article is not None:
            articles.append(article)
            refs.append(doc)
    if not articles:
        return []
    return list(zip(refs, analyze(articles, nlp=nlp).articles, strict=True))


@dataclass(slots=True)
class DevelopmentScores:
    documents: int
    precision: Precision
    per_kind: dict[str, Precision]
    # Gold labels of labels.jsonl (either voice) a shown label flag overlaps, and all.
    label_recall: tuple[int, int]


def score_development(split: str, threshold: float, nlp: Any = None) -> DevelopmentScores:
    """Outlet-voice precision at ``threshold`` and label recall on the development articles
    of ``split`` (the development gold of the module docstring)."""
    gold = development_gold(split)
    labels = {r["doc"]: r["labels"] for r in load_annotations(DEV_FOLDER / "labels.jsonl",
                                                              split)}
    precision = Precision()
    per_kind: dict[str, Precision] = {}
    found = total = documents = 0
    for doc, analysis in _analysed(gold, nlp):
        documents += 1
        spans, kinds = gold[doc]
        shown = [f for f in analysis.framing if (f.get("confidence") or 0.0) >= threshold]
        for flag in judge_flags(shown, spans, kinds, doc):
            if flag.right is None:
                continue
            kind = per_kind.setdefault(flag_kind(flag.label), Precision())
            for tally in (precision, kind):
                tally.flags += 1
                tally.right += flag.right
        for label in labels.get(doc, []):
            total += 1
            found += any(f["label"] in LABEL_FLAGS and f["start"] < label["end"]
                         and label["start"] < f["end"] for f in shown)
    return DevelopmentScores(documents, precision, per_kind, (found, total))


# --- blind set --------------------------------------------------------------------------


@dataclass(slots=True)
class BlindScores:
    documents: int
    precision: Precision
    per_kind: dict[str, Precision] = field(default_factory=dict)
    # side -> (found, gold), outlet and quoted voice together, and per voice.
    label_recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    label_recall_by_voice: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    # outlet kind -> (flags, words, articles)
    control: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


LABEL_FLAGS = {"actor_label", "name_calling", "loaded_language", "scare_quotes"}


def score_blind(threshold: float, nlp: Any = None, path: Path = BLIND_GOLD) -> BlindScores:
    """The blind set's three figures at ``threshold``, scored as its README says."""
    from presslens.eval.documents import analysed_annotations

    _, by_id, kept, missing, stale = analysed_annotations(load_annotations(path), nlp)
    scores = BlindScores(len(kept), Precision(), missing=missing, stale=stale)
    found: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    control: dict[str, list[int]] = {}
    for record in kept:
        analysis = by_id[record["text_id"]]
        shown = [f for f in analysis.framing if (f.get("confidence") or 0.0) >= threshold]
        gold = [(s["start"], s["end"], s["kind"]) for s in record["spans"]]
        outlet = [f for f in shown if f["voice"] == "outlet"]
        for flag in outlet:
            right = flag_is_right(flag, gold)
            scores.precision.flags += 1
            scores.precision.right += right
            kind = scores.per_kind.setdefault(flag_kind(flag["label"]), Precision())
            kind.flags += 1
            kind.right += right
        entry = control.setdefault(record.get("outlet_kind", "unknown"), [0, 0, 0])
        entry[0] += len(outlet)
        entry[1] += len(analysis.text.split())
        entry[2] += 1
        labels = [(s, "outlet") for s in record["spans"] if s["kind"] == "actor_label"]
        labels += [(s, "quoted") for s in record.get("quoted_labels", [])]
        for span, voice in labels:
            key = (span.get("side", "other"), voice)
            total[key] += 1
            found[key] += any(f["label"] in LABEL_FLAGS and f["start"] < span["end"]
                              and span["start"] < f["end"] for f in shown)
    for side in SIDES:
        scores.label_recall[side] = (sum(found[(side, v)] for v in ("outlet", "quoted")),
                                     sum(total[(side, v)] for v in ("outlet", "quoted")))
        for voice in ("outlet", "quoted"):
            scores.label_recall_by_voice[(side, voice)] = (found[(side, voice)],
                                                           total[(side, voice)])
    scores.control = {kind: (v[0], v[1], v[2]) for kind, v in control.items()}
    return scores


# --- neutral controls -------------------------------------------------------------------


def _wikinews_reports(blind_gold: list[Path]) -> list[dict[str, str]]:
    """The Wikinews rows with text that none of ``blind_gold`` names, by date then address.
    Only the blind files' references are read, to keep their articles out."""
    from presslens.eval.documents import _wikinews_rows

    folder = shared_dir() / "data" / "wikinews"
    if not folder.is_dir():
        return []
    blind = {str(r.get("doc", "")).removeprefix("wikinews:")
             for path in blind_gold if path.exists() for r in load_annotations(path)}
    rows = [row for url, row in _wikinews_rows(str(folder)).items()
            if url not in blind and (row.get("text") or "").strip()]
    rows.sort(key=lambda row: (row.get("date", ""), row.get("url", "")))
    return rows


def control_articles(count: int = CONTROL_ARTICLES) -> list[Any]:
    """The first ``count`` Wikinews reports of ``../shared/data/wikinews`` (by date, then
    address), leaving out any the blind set annotates: a neutral report should draw few or
    no outlet-voice flags. Empty where the data is absent."""
    from presslens.eval.documents import wikinews_article

    return [wikinews_article(row) for row in _wikinews_reports([BLIND_GOLD])[:count]]


def neutral_development_articles() -> list[Any]:
    """The Wikinews reports that are neither controls, nor in any blind set, nor annotated
    for framing: the neutral development set, whose every outlet-voice flag counts as a
    wrong one when the gate is trained (``scripts/train_framing_gate.py``). A report whose
    framing is annotated is judged by its gold instead. Empty where the data is absent."""
    from presslens.eval.documents import wikinews_article

    controls = {row["url"] for row in _wikinews_reports([BLIND_GOLD])[:CONTROL_ARTICLES]}
    every_blind = sorted(BLIND_GOLD.parent.parent.glob("*/gold.jsonl"))
    articles = []
    for row in _wikinews_reports([*every_blind, FRAMING_GOLD]):
        if row["url"] in controls:
            continue
        try:
            articles.append(wikinews_article(row))
        except PresslensError:
            continue  # a row that is all boilerplate: no report to read
    return articles


@dataclass(slots=True)
class ControlRate:
    articles: int
    words: int
    flags: int
    per_label: Counter[str]

    @property
    def per_thousand(self) -> float:
        return 1000 * self.flags / self.words if self.words else 0.0


def neutral_control(threshold: float, nlp: Any = None,
                    articles: list[Any] | None = None) -> ControlRate:
    """Outlet-voice flags at ``threshold`` per 1,000 words of the control reports."""
    from presslens.analysis import analyze

    articles = control_articles() if articles is None else articles
    if not articles:
        return ControlRate(0, 0, 0, Counter())
    corpus = analyze(articles, nlp=nlp)
    words = flags = 0
    labels: Counter[str] = Counter()
    for analysis in corpus.articles:
        words += len(analysis.text.split())
        for flag in analysis.framing:
            if flag["voice"] == "outlet" and (flag.get("confidence") or 0.0) >= threshold:
                flags += 1
                labels[flag["label"]] += 1
    return ControlRate(len(corpus.articles), words, flags, labels)


# --- the report -------------------------------------------------------------------------

CONTROL_TARGET = 1.0  # outlet-voice flags per 1,000 words of a neutral report, at most


def outlet_voice_lines(split: str, threshold: float, nlp: Any = None,
                       blind: bool = False) -> list[str]:
    """The outlet-voice figures as lines of text (Markdown tables where there are
    several rows): development ``split``, neutral controls, and the blind set if asked."""
    lines = [f"Outlet-voice flags shown from confidence {threshold:.3f}:"]
    development = score_development(split, threshold, nlp)
    found, total = development.label_recall
    lines.append(f"  {split} ({development.documents} articles): precision "
                 f"{development.precision.row()}; label recall {found}/{total} "
                 f"({found / total if total else 0.0:.3f})")
    lines.append("    per kind: " + ", ".join(
        f"{kind} {score.row()}" for kind, score in sorted(development.per_kind.items())))
    control = neutral_control(threshold, nlp)
    if control.articles:
        lines.append(f"  neutral controls ({control.articles} Wikinews reports, "
                     f"{control.words:,} words): {control.flags} outlet-voice flags, "
                     f"{control.per_thousand:.2f} per 1,000 words (target at most "
                     f"{CONTROL_TARGET:g}); " + ", ".join(
                         f"{label} {count}" for label, count in control.per_label.most_common()))
    else:
        lines.append("  neutral controls skipped: ../shared/data/wikinews is absent")
    if blind:
        lines += blind_lines(score_blind(threshold, nlp))
    return lines


def blind_lines(scores: BlindScores) -> list[str]:
    """The blind set's figures as Markdown tables."""
    lines = [f"  blind set ({scores.documents} articles): precision "
             f"{scores.precision.row()}",
             "    per kind: " + ", ".join(f"{kind} {score.row()}" for kind, score
                                         in sorted(scores.per_kind.items())),
             "", "| side | labels found (outlet) | labels found (quoted) | all |",
             "|---|---|---|---|"]
    for side in SIDES:
        cells = []
        for voice in ("outlet", "quoted"):
            hit, count = scores.label_recall_by_voice[(side, voice)]
            cells.append(f"{hit}/{count}")
        hit, count = scores.label_recall[side]
        cells.append(f"{hit}/{count} ({hit / count if count else 0.0:.2f})")
        lines.append(f"| {side} | " + " | ".join(cells) + " |")
    lines += ["", "| outlet kind | articles | outlet-voice flags | per 1,000 words |",
              "|---|---|---|---|"]
    for kind, (flags, words, articles) in sorted(scores.control.items()):
        lines.append(f"| {kind} | {articles} | {flags} | "
                     f"{1000 * flags / words if words else 0.0:.2f} |")
    if scores.missing or scores.stale:
        lines.append(f"  unscored: {len(scores.missing)} absent, {len(scores.stale)} stale")
    return lines
