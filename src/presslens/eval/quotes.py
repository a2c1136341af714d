"""`presslens eval quotes`: quotes and speakers against annotated articles and PolNeAR.

Matching, as the quote issue defines it: a system quote matches a gold quote when their
contents overlap with token F1 >= 0.5; it counts for "quote + speaker" when it also names
the same speaker (the same actor under any spelling, or both unnamed). Each gold quote is
matched at most once, best overlap first.

PolNeAR (../shared/data/quotes/polnear) annotates every attribution, beliefs included, and
leaves pronoun sources unresolved, so on it we score speech attributions only (those whose
cue is a reporting verb of ``lexicons/reporting_verbs.tsv`` or "according to"): content, and
source as a span overlapping the gold source span (or, where PolNeAR's source is a relative
pronoun, the phrase it stands for).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from presslens.analysis import analyze
from presslens.components.quotes.confidence import default_threshold
from presslens.components.speech_cues import reporting_verbs
from presslens.eval.documents import REPO_ROOT, annotated_articles, load_annotations, shared_dir
from presslens.eval.scoring import PRF, f1_of, prf_counts
from presslens.ingest import RawArticle
from presslens.model import ArticleAnalysis, CorpusEntity, Source
from presslens.nlp import load_pipeline
from presslens.resolve.names import mention_key

DEFAULT_GOLD = REPO_ROOT / "tests" / "data" / "quotes" / "gold.jsonl"
# Real articles annotated apart and never tuned on; scored beside dev and test when present.
BLIND_GOLD = REPO_ROOT / "tests" / "data" / "blind" / "quotes" / "gold.jsonl"
MIN_OVERLAP_F1 = 0.5
_WORD = re.compile(r"\w+")


def word_positions(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the words inside ``text[start:end]``: the tokens overlap is counted on."""
    return {m.start() for m in _WORD.finditer(text, start, end)}


def overlap_f1(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return f1_of(common / len(a), common / len(b))


def match_spans(system: list[tuple[int, int]], gold: list[tuple[int, int]], text: str
                ) -> list[tuple[int, int]]:
    """One-to-one matches (system index, gold index) with token F1 >= 0.5, best first."""
    system_words = [word_positions(text, s, e) for s, e in system]
    gold_words = [word_positions(text, s, e) for s, e in gold]
    pairs = sorted(
        ((overlap_f1(sw, gw), i, j) for i, sw in enumerate(system_words)
         for j, gw in enumerate(gold_words)),
        reverse=True,
    )
    used_system, used_gold, matches = set(), set(), []
    for score, i, j in pairs:
        if score < MIN_OVERLAP_F1:
            break
        if i in used_system or j in used_gold:
            continue
        used_system.add(i)
        used_gold.add(j)
        matches.append((i, j))
    return matches


# -- the team's annotated articles ------------------------------------------------------------


@dataclass(slots=True)
class QuoteScores:
    documents: int
    content: PRF
    with_speaker: PRF
    by_kind: dict[str, PRF] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    # (confidence, content and speaker right) for each system quote: the reliability table.
    judged: list[tuple[float | None, bool]] = field(default_factory=list)
    # Quote + speaker among the quotes at or above the default threshold.
    shown: PRF | None = None
    threshold: float = 0.0
    # Speaker fields over matched quotes, where the annotations give them (``field_scores``).
    fields: dict[str, PRF] = field(default_factory=dict)


RELIABILITY_EDGES = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)


def reliability(judged: list[tuple[float | None, bool]],
                edges: tuple[float, ...] = RELIABILITY_EDGES) -> list[tuple[str, int, float]]:
    """For each confidence band, ``(band, quotes, fraction right)``, then for each lower edge
    ``c`` the fraction right among the quotes at ``>= c`` (calibrated: at least ``c``).

    >>> reliability([(0.95, True), (0.6, False)], (0.0, 0.9, 1.0))
    [('[0.00, 0.90)', 1, 0.0), ('[0.90, 1.00]', 1, 1.0), ('>= 0.00', 2, 0.5), ('>= 0.90', 1, 1.0)]
    """
    scored = [(c, right) for c, right in judged if c is not None]
    rows = []
    for low, high in zip(edges, edges[1:], strict=False):
        last = high == edges[-1]
        band = [r for c, r in scored if low <= c < high or (last and c == high)]
        label = f"[{low:.2f}, {high:.2f}{']' if last else ')'}"
        rows.append((label, len(band), sum(band) / len(band) if band else 0.0))
    for low in edges[:-1]:
        band = [r for c, r in scored if c >= low]
        rows.append((f">= {low:.2f}", len(band), sum(band) / len(band) if band else 0.0))
    return rows


def load_gold(path: Path = DEFAULT_GOLD, split: str = "all") -> list[dict[str, Any]]:
    return load_annotations(path, split)


def quote_gold_parts(split: str, gold: Path | None = None) -> list[tuple[str, Path]]:
    """The splits to score and the annotation file of each: one split, or dev and test side
    by side with the blind set beside them when it is there. The blind split is read from
    the frozen blind file, which alone holds it.

    >>> [part for part, _ in quote_gold_parts("test")]
    ['test']
    >>> quote_gold_parts("blind")[0][1] == BLIND_GOLD
    True
    """
    if split != "all":
        return [(split, gold or (BLIND_GOLD if split == "blind" else DEFAULT_GOLD))]
    parts = [("dev", gold or DEFAULT_GOLD), ("test", gold or DEFAULT_GOLD)]
    if gold is None and BLIND_GOLD.is_file():
        parts.append(("blind", BLIND_GOLD))
    return parts


def same_speaker(gold: dict[str, Any], system: dict[str, Any],
                 entities: dict[str, CorpusEntity]) -> bool:
    """Whether a system speaker is the gold speaker: one actor, or both unnamed."""
    gold_names = [n.strip() for n in (gold.get("name") or "").split("&") if n.strip()]
    system_ids = system.get("entities") or ([system["entity"]] if system.get("entity") else [])
    principal = (system.get("on_behalf_of") or {}).get("entity")
    if principal and "on_behalf_of" not in gold:
        # Annotations made before speakers and principals were told apart give a
        # spokesperson's words to the one they speak for.
        system_ids = system_ids + [principal]
    if not gold_names:
        return not system_ids or (principal is not None and not system.get("entity"))
    return bool(system_ids) and names_actor(gold_names[0], system_ids, entities)


def names_actor(name: str, entity_ids: list[str], entities: dict[str, CorpusEntity]) -> bool:
    """Whether one of ``entity_ids`` is the actor a gold ``name`` names (any spelling, or a
    person's surname)."""
    wanted = mention_key(name, "PERSON")
    wanted_last = wanted.split()[-1] if wanted else ""
    for entity_id in entity_ids:
        entity = entities.get(entity_id)
        if entity is None:
            continue
        keys = {mention_key(a, entity.type) for a in entity.aliases + [entity.name]}
        keys |= {mention_key(a, "PERSON") for a in entity.aliases + [entity.name]}
        if wanted in keys or (len(wanted_last) > 3 and any(
                k.split()[-1:] == [wanted_last] for k in keys if k)):
            return True
    return False


def _gold_name(value: Any) -> str | None:
    """A gold reference as a name: a string, or a record with ``name``."""
    if isinstance(value, dict):
        return value.get("name")
    return value or None


def field_scores(gold: dict[str, Any], system: dict[str, Any],
                 entities: dict[str, CorpusEntity], counts: dict[str, list[int]]) -> None:
    """Add a matched pair's hits to ``counts[field] = [right, predicted, gold]`` for the
    speaker fields the blind annotations give: every joint speaker, whom a spokesperson
    speaks for, who relays the quote."""
    speaker = system.get("speaker") or {}
    gold_speaker = gold.get("speaker") or {}
    wanted = gold_speaker.get("speakers") or [
        n.strip() for n in (gold_speaker.get("name") or "").split("&") if n.strip()]
    found = speaker.get("entities") or ([speaker["entity"]] if speaker.get("entity") else [])
    if len(wanted) > 1 or len(found) > 1:
        row = counts.setdefault("all joint speakers", [0, 0, 0])
        row[1] += len(found) > 1
        row[2] += len(wanted) > 1
        row[0] += len(wanted) > 1 and len(found) > 1 and all(
            names_actor(name, found, entities) for name in wanted)
    for label, gold_value, system_value in (
            ("on behalf of", gold_speaker.get("on_behalf_of"), speaker.get("on_behalf_of")),
            ("reported by", gold.get("reported_by"), system.get("reported_by"))):
        if "on_behalf_of" not in gold_speaker and label == "on behalf of" or \
                "reported_by" not in gold and label == "reported by":
            continue  # annotations without the field say nothing of it
        name = _gold_name(gold_value)
        entity = (system_value or {}).get("entity")
        row = counts.setdefault(label, [0, 0, 0])
        row[1] += system_value is not None
        row[2] += name is not None
        row[0] += bool(name and entity and names_actor(name, [entity], entities))


def textacy_quotes(analysis: ArticleAnalysis, nlp: Language) -> list[dict[str, Any]]:
    """textacy's direct quotations of an article, as presslens quote records, speakers linked
    to the same corpus entities: the peer docs/quotes.md compares with."""
    from textacy.extract.triples import direct_quotations

    owner = {m.start: e.id for e in analysis.entities for m in e.mentions}
    spans = sorted((m.start, m.end, e.id) for e in analysis.entities for m in e.mentions)
    records: list[dict[str, Any]] = []
    try:
        triples = list(direct_quotations(nlp(analysis.text)))
    except ValueError:  # textacy gives up on a text with an unclosed quotation mark
        triples = []
    for triple in triples:
        start, end = triple.content.start_char, triple.content.end_char
        # textacy's content keeps its quotation marks; the contract's does not.
        if end - start >= 2 and _is_mark(analysis.text[start]) and _is_mark(analysis.text[end - 1]):
            start, end = start + 1, end - 1
        speaker_start = triple.speaker[0].idx if triple.speaker else None
        speaker_end = (triple.speaker[-1].idx + len(triple.speaker[-1].text)
                       if triple.speaker else None)
        entity = None
        for token in triple.speaker:
            entity = owner.get(token.idx) or next(
                (i for s, e, i in spans if s <= token.idx < e), None)
            if entity:
                break
        records.append({
            "id": f"textacy-{len(records) + 1}",
            "kind": "direct",
            "content": {"start": start, "end": end, "text": analysis.text[start:end]},
            "cue": {"start": triple.cue[0].idx,
                    "end": triple.cue[-1].idx + len(triple.cue[-1].text),
                    "text": " ".join(t.text for t in triple.cue)} if triple.cue else None,
            "speaker": {"entity": entity, "start": speaker_start, "end": speaker_end},
        })
    return records


def _is_mark(ch: str) -> bool:
    return ch in "\"'“”‘’«»"


def evaluate_quotes(gold: list[dict[str, Any]], nlp: Language | None = None,
                    extractor: str = "presslens") -> QuoteScores:
    """Analyse the annotated documents together and score their quotes (``extractor``
    "textacy" scores textacy's direct-quotation extractor on the same analysis)."""
    articles, kept, missing, stale = annotated_articles(gold)
    corpus = analyze(articles, nlp=nlp)
    by_id = {a.id: a for a in corpus.articles}
    entities = {e.id: e for e in corpus.entities}
    hits = speaker_hits = predicted = total = 0
    kind_hits: dict[str, int] = defaultdict(int)
    kind_predicted: dict[str, int] = defaultdict(int)
    kind_gold: dict[str, int] = defaultdict(int)
    peer_nlp = nlp or load_pipeline() if extractor == "textacy" else None
    threshold = default_threshold()
    judged: list[tuple[float | None, bool]] = []
    shown = shown_hits = 0
    field_counts: dict[str, list[int]] = {}
    for record in kept:
        analysis = by_id[record["text_id"]]
        system = textacy_quotes(analysis, peer_nlp) if peer_nlp else analysis.quotes
        gold_quotes = record["quotes"]
        predicted += len(system)
        total += len(gold_quotes)
        for quote in system:
            kind_predicted[quote["kind"]] += 1
        for quote in gold_quotes:
            kind_gold[quote["kind"]] += 1
        matches = match_spans(
            [(q["content"]["start"], q["content"]["end"]) for q in system],
            [(q["content"]["start"], q["content"]["end"]) for q in gold_quotes],
            analysis.text,
        )
        right = set()
        for i, j in matches:
            field_scores(gold_quotes[j], system[i], entities, field_counts)
            hits += 1
            if same_speaker(gold_quotes[j]["speaker"], system[i]["speaker"], entities):
                speaker_hits += 1
                right.add(i)
                if system[i]["kind"] == gold_quotes[j]["kind"]:
                    kind_hits[gold_quotes[j]["kind"]] += 1
        for i, quote in enumerate(system):
            confidence = quote.get("confidence")
            judged.append((confidence, i in right))
            if confidence is None or confidence >= threshold:
                shown += 1
                shown_hits += i in right
    return QuoteScores(
        documents=len(kept),
        content=prf_counts(hits, predicted, total),
        with_speaker=prf_counts(speaker_hits, predicted, total),
        by_kind={k: prf_counts(kind_hits[k], kind_predicted[k], kind_gold[k])
                 for k in ("direct", "indirect", "mixed")},
        missing=missing,
        stale=stale,
        judged=judged,
        shown=prf_counts(shown_hits, shown, total),
        threshold=threshold,
        fields={label: prf_counts(*row) for label, row in field_counts.items()},
    )


# -- PolNeAR ----------------------------------------------------------------------------------


@dataclass(slots=True)
class PolnearRelation:
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None


@dataclass(slots=True)
class PolnearScores:
    documents: int
    relations: int
    content: PRF
    source: PRF
    cue: PRF


def polnear_dir() -> Path:
    return shared_dir() / "data" / "quotes" / "polnear"


def read_brat(path: Path) -> list[PolnearRelation]:
    """The attribution relations of one PolNeAR ``.ann`` file."""
    spans: dict[str, tuple[str, int, int]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            name, info, _ = (line.split("\t") + ["", ""])[:3]
            label, _, offsets = info.partition(" ")
            numbers = [int(x) for x in re.findall(r"\d+", offsets)]
            if numbers:
                spans[name] = (label, min(numbers), max(numbers))
        elif line.startswith("E"):
            _, info = line.split("\t", 1)
            events.append(dict(part.split(":", 1) for part in info.split() if ":" in part))
    relations = []
    for event in events:
        def span(role: str, event: dict[str, str] = event) -> tuple[int, int] | None:
            ref = event.get(role)
            return (spans[ref][1], spans[ref][2]) if ref in spans else None

        # “A,” he said. “B.”: the quotation that goes on after the attribution is the same
        # relation's second content ("Content2"); both make one stretch, as the quotes that
        # continue one another are scored (``merged_continuations``).
        parts = [found for role in event if re.fullmatch(r"Content\d*", role)
                 and (found := span(role)) is not None]
        if parts:
            content = (min(start for start, _ in parts), max(end for _, end in parts))
            relations.append(PolnearRelation(content, span("Source"), span("Cue")))
    return relations


def merged_continuations(quotes: list[dict[str, Any]]
                         ) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """PolNeAR gives “A,” he said. “B.” one relation with two contents, A and B (read as one
    stretch by ``read_brat``): a quote and the quotes that continue it are scored as one
    stretch too."""
    heads: list[dict[str, Any]] = []
    spans: dict[str, list[int]] = {}
    for quote in quotes:
        head_id = quote.get("continues")
        if head_id in spans:
            spans[head_id][1] = quote["content"]["end"]
            spans[quote["id"]] = spans[head_id]
            continue
        heads.append(quote)
        spans[quote["id"]] = [quote["content"]["start"], quote["content"]["end"]]
    return heads, [(spans[q["id"]][0], spans[q["id"]][1]) for q in heads]


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# How far before a relative pronoun its antecedent may end ("Keith Vaz, chairman of the
# committee, who said …").
_ANTECEDENT_REACH = 100


def source_matches(text: str, source: tuple[int, int] | None, speaker: dict[str, Any]
                   ) -> bool:
    """Whether a quote's speaker span is PolNeAR's source: the spans overlap, or PolNeAR's
    source is a relative pronoun and the speaker is the phrase it stands for, just before it
    in the same sentence (we give "Keith Vaz" where PolNeAR marks the "who" after it).

    >>> source_matches("Vaz, who said so", (5, 8), {"start": 0, "end": 3})
    True
    """
    if source is None or speaker.get("start") is None:
        return False
    if speaker["start"] < source[1] and source[0] < speaker["end"]:
        return True
    between = text[speaker["end"]:source[0]]
    return text[source[0]:source[1]].lower() in _RELATIVE_PRONOUNS and \
        0 <= len(between) <= _ANTECEDENT_REACH and not any(c in between for c in ".;:!?\n")


def _is_speech_cue(text: str, start: int, end: int, lemmatize: Callable[[str], list[str]]
                   ) -> bool:
    words = text[start:end]
    if words.lower().startswith("according"):
        return True
    verbs = reporting_verbs()
    return any(lemma in verbs for lemma in lemmatize(words))


def evaluate_polnear(split: str = "dev", nlp: Language | None = None, limit: int | None = None,
                     extractor: str = "presslens") -> PolnearScores | None:
    """Content, source and cue scores on PolNeAR speech attributions; None if it is absent."""
    folder = polnear_dir() / split
    if not (folder / "text").is_dir():
        return None
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))[:limit]
    articles, gold = [], []
    for name in names:
        annotations = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if not annotations:
            continue
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(RawArticle(text=text, source=Source(path=name)))
        gold.append(read_brat(annotations[0]))
    corpus = analyze(articles, nlp=nlp)
    tokenizer = (nlp or load_pipeline())

    def lemmatize(words: str) -> list[str]:
        return [t.lemma_.lower() for t in tokenizer(words)]

    by_id = {a.id: a for a in corpus.articles}
    content_hits = source_hits = cue_hits = predicted = total = 0
    # Two PolNeAR files can hold the same text; analysis keeps one copy, scored for each.
    for article, relations in zip(articles, gold, strict=True):
        analysis = by_id[article.id]
        text = analysis.text
        speech = [r for r in relations
                  if r.cue is not None and _is_speech_cue(text, *r.cue, lemmatize)]
        found = textacy_quotes(analysis, tokenizer) if extractor == "textacy" else \
            analysis.quotes
        quotes, contents = merged_continuations(found)
        total += len(speech)
        predicted += len(quotes)
        matches = match_spans(contents, [r.content for r in speech], text)
        for i, j in matches:
            content_hits += 1
            quote, relation = quotes[i], speech[j]
            if source_matches(text, relation.source, quote["speaker"]):
                source_hits += 1
            cue = quote.get("cue")
            if relation.cue and cue and cue["start"] < relation.cue[1] and \
                    relation.cue[0] < cue["end"]:
                cue_hits += 1
    return PolnearScores(
        documents=len(articles),
        relations=total,
        content=prf_counts(content_hits, predicted, total),
        source=prf_counts(source_hits, predicted, total),
        cue=prf_counts(cue_hits, predicted, total),
    )
