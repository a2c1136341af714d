"""`presslens eval time`: time expressions against TimeML (TempEval-3 TBAQ-cleaned).

Scored as TempEval-3 scored systems (UzZaman et al., 2013): a system expression matches a
gold TIMEX3 *strictly* when the extents are identical and *relaxed* when they overlap (each
gold expression matched at most once); type and value accuracy are counted over relaxed
matches, and value F1 = value accuracy × relaxed F1.

The 256 documents are split by a hash of their name into dev (about 80%, used to develop the
grammar) and test (about 20%, to check that rules generalise).
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from spacy.language import Language

from presslens.eval.documents import shared_dir
from presslens.eval.scoring import PRF, prf_counts
from presslens.nlp import load_pipeline, spacy_components

TEST_SHARE = 5  # one document in five is test


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDocument:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex]

    @property
    def split(self) -> str:
        return "test" if zlib.crc32(self.name.encode()) % TEST_SHARE == 0 else "dev"


def timeml_dir() -> Path | None:
    root = shared_dir()
    folder = root / "data" / "timeml" / "tbaq-cleaned" if root else None
    return folder if folder and folder.is_dir() else None


def _flatten(element: ElementTree.Element, parts: list[str], timexes: list[GoldTimex],
             offset: int) -> int:
    """Append the element's text to ``parts``, recording TIMEX3 extents; the new offset."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        timexes.append(GoldTimex(start, offset, element.get("type", ""),
                                 element.get("value", "")))
    return offset


def read_timeml(path: Path) -> TimeMLDocument:
    root = ElementTree.parse(path).getroot()
    dct_element = root.find("DCT/TIMEX3")
    text_element = root.find("TEXT")
    if dct_element is None or text_element is None:
        raise ValueError(f"{path.name}: no DCT or TEXT element")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    offset = 0
    if text_element.text:
        parts.append(text_element.text)
        offset = len(text_element.text)
    for child in text_element:
        offset = _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return TimeMLDocument(path.stem, dct_element.get("value", ""), "".join(parts), timexes)


def load_timeml(folder: Path, split: str = "all") -> list[TimeMLDocument]:
    documents = [read_timeml(path) for path in sorted(folder.rglob("*.tml"))]
    return [d for d in documents if split == "all" or d.split == split]


@dataclass(slots=True)
class TimeScores:
    """TempEval-3 figures for a set of documents."""

    strict: PRF
    relaxed: PRF
    type_accuracy: float
    value_accuracy: float
    per_type: dict[str, tuple[PRF, float]] = field(default_factory=dict)
    documents: int = 0
    words: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed.f1

    @property
    def false_positives_per_10k_words(self) -> float:
        spurious = self.relaxed.predicted - self.relaxed.true_positives
        return 10_000 * spurious / self.words if self.words else 0.0



def system_timexes(documents: list[TimeMLDocument], nlp: Language | None = None
                   ) -> Iterator[list[dict[str, Any]]]:
    """The tagger's expressions for each document, read against the document's DCT."""
    nlp = nlp or load_pipeline()
    wanted = [*spacy_components(nlp), "presslens_timexes"]

    def docs() -> Iterable[Any]:
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc._.dct = document.dct
            yield doc

    with nlp.select_pipes(enable=wanted):
        for doc in nlp.pipe(docs(), batch_size=16):
            yield list(doc._.timexes or [])


def score_documents(documents: list[TimeMLDocument],
                    predictions: Iterable[list[dict[str, Any]]]) -> TimeScores:
    strict_hits = relaxed_hits = type_hits = value_hits = predicted = gold = words = 0
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for document, system in zip(documents, predictions, strict=True):
        words += len(document.text.split())
        predicted += len(system)
        gold += len(document.timexes)
        used: set[int] = set()
        for timex in document.timexes:
            by_type[timex.type]["gold"] += 1
        matched_gold: set[int] = set()
        for g_index, timex in enumerate(document.timexes):
            best = None
            for s_index, item in enumerate(system):
                if s_index in used or item["end"] <= timex.start or item["start"] >= timex.end:
                    continue
                exact = item["start"] == timex.start and item["end"] == timex.end
                if best is None or exact:
                    best = s_index
                    if exact:
                        break
            if best is None:
                errors.append({"doc": document.name, "kind": "missed", "text":
                               document.text[timex.start:timex.end], "gold": timex.value,
                               "type": timex.type, "dct": document.dct})
                continue
            used.add(best)
            matched_gold.add(g_index)
            item = system[best]
            relaxed_hits += 1
            by_type[timex.type]["relaxed"] += 1
            if item["start"] == timex.start and item["end"] == timex.end:
                strict_hits += 1
            if item["type"] == timex.type:
                type_hits += 1
            if item["value"] == timex.value:
                value_hits += 1
                by_type[timex.type]["value"] += 1
            else:
                errors.append({"doc": document.name, "kind": "value", "text": item["text"],
                               "gold_text": document.text[timex.start:timex.end],
                               "gold": timex.value, "system": item["value"],
                               "type": timex.type, "dct": document.dct})
        for s_index, item in enumerate(system):
            if s_index not in used:
                by_type[item["type"]]["spurious"] += 1
                errors.append({"doc": document.name, "kind": "spurious", "text": item["text"],
                               "system": item["value"], "type": item["type"],
                               "dct": document.dct})
    per_type = {}
    for name, counts in sorted(by_type.items()):
        hits, gold_count = counts["relaxed"], counts["gold"]
        system_count = hits + counts["spurious"]
        per_type[name] = (prf_counts(hits, system_count, gold_count),
                          counts["value"] / hits if hits else 0.0)
    return TimeScores(
        strict=prf_counts(strict_hits, predicted, gold),
        relaxed=prf_counts(relaxed_hits, predicted, gold),
        type_accuracy=type_hits / relaxed_hits if relaxed_hits else 0.0,
        value_accuracy=value_hits / relaxed_hits if relaxed_hits else 0.0,
        per_type=per_type,
        documents=len(documents),
        words=words,
        errors=errors,
    )


def evaluate_time(documents: list[TimeMLDocument], nlp: Language | None = None) -> TimeScores:
    return score_documents(documents, system_timexes(documents, nlp))
