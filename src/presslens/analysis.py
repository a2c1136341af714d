"""The analysis core: articles in, contract records out. CLI, store and API all call this.

``analyze_doc`` is a pure function of an article and its parsed Doc; ``analyze`` runs the
pipeline over many articles and resolves their entities across the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from presslens.components import remember_text
from presslens.errors import UsageError
from presslens.ingest import InputSkipped, RawArticle, article_from_text, read_inputs
from presslens.ingest.cleaning import dateline_date, dateline_month_day, parse_published
from presslens.model import ArticleAnalysis, Corpus, InputProblem, Mention
from presslens.nlp import load_pipeline
from presslens.resolve.entities import (
    EntityResolver,
    LocalCluster,
    corpus_entities,
    resolve_articles,
)
from presslens.resolve.knowledge import Knowledge, gazetteer_only
from presslens.resolve.metonyms import government_of
from presslens.resolve.names import mention_key
from presslens.resolve.nationality import names_a_group_of_the_nationality
from presslens.resolve.nominals import nominal_mentions
from presslens.resolve.state_bodies import state_body_key

Progress = Callable[[int], None]


def analyze_doc(article: RawArticle, doc: Doc, knowledge: Knowledge | None = None
                ) -> tuple[ArticleAnalysis, list[LocalCluster]]:
    """The contract record of one parsed article, with its entities still local to it."""
    knowledge = knowledge or gazetteer_only()
    text = article.text
    article_id = article.id  # a hash of the whole text: computed once
    clusters: list[LocalCluster] = []
    # Mentions of a capital standing for its government join that country's cluster; the
    # numbers quote speakers use (the component's clusters) are mapped to the new clusters.
    governments: dict[str, int] = {}
    literal_of: list[int | None] = []
    moved_of: list[list[tuple[int, int, int]]] = []
    for cluster in doc._.entity_clusters or []:
        literal: list[Mention] = []
        moved: list[tuple[int, int, int]] = []
        for span in cluster.mentions:
            mention = Mention(span.start_char, span.end_char,
                              text[span.start_char:span.end_char], span.label_)
            country = government_of(span, knowledge) if cluster.type == "GPE" else None
            if country is None and _names_its_region(text, mention):
                # "New York, New York": the second names the state the city lies in.
                region = f"{cluster.name} (region)"
                if region not in governments:
                    governments[region] = len(clusters)
                    key = mention_key(region, "GPE")
                    clusters.append(LocalCluster(region, "GPE", key, [], mention_keys=[key]))
                clusters[governments[region]].mentions.append(mention)
                moved.append((mention.start, mention.end, governments[region]))
                continue
            if country is None:
                literal.append(mention)
                continue
            if country.name not in governments:
                governments[country.name] = len(clusters)
                key = mention_key(country.name, "GPE")
                clusters.append(LocalCluster(country.name, "GPE", key, [], known=True,
                                             mention_keys=[key]))
            clusters[governments[country.name]].mentions.append(mention)
            moved.append((mention.start, mention.end, governments[country.name]))
        literal_of.append(len(clusters) if literal else None)
        moved_of.append(moved)
        if literal:
            keys = {mention_key(m.text, cluster.type) for m in literal}
            if cluster.type == "ORG":
                # A state's ministry, however this outlet names it (``state_bodies``).
                keys |= {body_key for m in literal if (body_key := state_body_key(
                    m.text, text[max(0, m.start - 40):m.start], text[m.end:m.end + 40],
                    knowledge))}
            clusters.append(LocalCluster(
                name=cluster.name, type=cluster.type, key=cluster.key, mentions=literal,
                known=cluster.known, mention_keys=sorted(keys)))
    people = {i: c.mentions for i, c in enumerate(clusters) if c.type == "PERSON"}
    for index, mentions in nominal_mentions(doc, people).items():
        clusters[index].mentions.extend(mentions)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: (m.start, m.end))
    quotes = []
    for quote in doc._.quotes or []:
        speaker = quote.get("speaker") or {}
        for part in (speaker, speaker.get("on_behalf_of"), quote.get("reported_by")):
            if isinstance(part, dict) and part.get("_clusters") is not None:
                part["_clusters"] = _speaker_clusters(part, literal_of, moved_of)
        record = {**quote, "id": f"{article_id}:{quote['id']}"}
        if record.get("continues"):
            record["continues"] = f"{article_id}:{record['continues']}"
        quotes.append(record)
    source = replace(article.source, tags=list(article.source.tags))
    if not source.published and doc._.dct:
        # No date came with the article: the one its text implies, marked as inferred.
        source = replace(source, published=doc._.dct, published_inferred=True,
                         published_evidence=doc._.dct_evidence)
    elif not source.published and doc._.dct_evidence:
        # The text bounds its date only loosely: the window, without a date read from it.
        source = replace(source, published_evidence=doc._.dct_evidence)
    events = []
    for event in doc._.events or []:
        record = {**event, "id": f"{article_id}:{event['id']}"}
        if record.get("reported_by"):
            record["reported_by"] = f"{article_id}:{record['reported_by']}"
        for role, span_key in (("_actors", "_actor_span"), ("_targets", "_target_span")):
            span = record.pop(span_key, None) or [None, None]
            record[role] = _speaker_clusters({"start": span[0], "end": span[1],
                                              "_clusters": record[role]}, literal_of, moved_of)
            if record[role] and all(clusters[i].type == "NORP" for i in record[role]) and \
                    names_a_group_of_the_nationality(doc, span[0], span[1]):
                record[role] = []  # "Iraqi resistance groups": a group, not "Iraqi"
        record.pop("_embedded", None)
        record.pop("_confidence_facts", None)
        location = record.get("_location")
        record["_location"] = _speaker_clusters(
            {"start": None, "end": None, "_clusters": [] if location is None else [location]},
            literal_of, moved_of)
        events.append(record)
    framing = []
    for item in doc._.framing or []:
        record = {**item, "id": f"{article_id}:{item['id']}"}
        local = record.pop("_entity", None)
        record["_entity"] = _speaker_clusters(
            {"start": record["start"], "end": record["end"],
             "_clusters": [] if local is None else [local]}, literal_of, moved_of)
        framing.append(record)
    analysis = ArticleAnalysis(
        id=article_id,
        source=source,
        text=text,
        quotes=quotes,
        timexes=list(doc._.timexes or []),
        events=events,
        framing=framing,
        summary=dict(doc._.framing_summary or {}),
    )
    return analysis, clusters


def _names_its_region(text: str, mention: Mention) -> bool:
    """Whether a place name directly follows the same name and a comma ("New York, New York",
    "Kuwait, Kuwait"): the city, then the region or state of that name around it."""
    before = text[max(0, mention.start - len(mention.text) - 2):mention.start]
    return before == f"{mention.text}, "


def _speaker_clusters(speaker: dict[str, Any], literal_of: list[int | None],
                      moved_of: list[list[tuple[int, int, int]]]) -> list[int]:
    """A speaker's clusters after capitals acting for governments moved to their countries:
    "Baghdad and Washington said" is spoken by Iraq and the United States."""
    start, end = speaker.get("start"), speaker.get("end")
    numbers: list[int] = []
    for j in speaker["_clusters"]:
        if j >= len(literal_of):
            continue
        inside = [index for s, e, index in moved_of[j]
                  if start is not None and end is not None and start <= s and e <= end]
        if inside:
            chosen = inside[0]
        elif literal_of[j] is not None:
            chosen = literal_of[j]
        elif moved_of[j]:
            chosen = moved_of[j][0][2]
        else:
            continue
        if chosen not in numbers:
            numbers.append(chosen)
    return numbers


def apply_overrides(article: RawArticle, *, published: str | None = None,
                    outlet: str | None = None) -> RawArticle:
    """A copy of ``article`` whose metadata given by the user wins over what the copy says."""
    changes: dict[str, Any] = {}
    if published:
        iso = parse_published(published)
        if iso is None:
            raise UsageError(f"--published: cannot read {published!r} as a date (use YYYY-MM-DD)")
        changes |= {"published": iso, "published_inferred": False}
    if outlet:
        changes["outlet"] = outlet
    if not changes:
        return article
    return replace(article, source=replace(article.source, **changes))


def document_for(nlp: Language, article: RawArticle) -> Doc:
    """An unparsed Doc of the article carrying its reference date for the time tagger: the
    publication date, else a date in its dateline ("BAGHDAD, Jan. 8, 2020 (Xinhua) –"), or
    the month and day of a dateline without a year, for the inference to place."""
    doc = remember_text(nlp.make_doc(article.text), article.text)
    if article.source.published:
        doc._.dct = article.source.published
    elif article.source.dateline:
        dated = dateline_date(article.source.dateline)
        if dated:
            doc._.dct = dated
            doc._.dct_inferred = True
        elif month_day := dateline_month_day(article.source.dateline):
            # "TEHRAN, Dec. 2 (IRNA) –": the day is the outlet's; the year is for the text's
            # other clues to tell.
            doc._.dateline_day = dict(zip(("text", "month", "day"), month_day, strict=True))
    return doc


def iter_analyses(
    articles: Iterable[RawArticle],
    nlp: Language | None = None,
    *,
    batch_size: int = 16,
    knowledge: Knowledge | None = None,
) -> Iterator[tuple[ArticleAnalysis, list[LocalCluster]]]:
    """Parse ``articles`` with the pipeline, in order, one result per article."""
    nlp = nlp or load_pipeline()
    stream = ((document_for(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield analyze_doc(article, doc, knowledge)


def unique_articles(articles: Iterable[RawArticle]) -> Iterator[RawArticle | str]:
    """Articles with a content id not seen before in this stream; the id of each repeat."""
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            yield article.id
            continue
        seen.add(article.id)
        yield article


def analyze(
    articles: Iterable[RawArticle | str],
    *,
    nlp: Language | None = None,
    resolver: EntityResolver | None = None,
    published: str | None = None,
    outlet: str | None = None,
    progress: Progress | None = None,
    knowledge: Knowledge | None = None,
) -> Corpus:
    """Analyse articles (``RawArticle`` or raw text) into a ``Corpus``.

    >>> corpus = analyze(["Mustafa al-Kadhimi met Joe Biden in Washington."])  # doctest: +SKIP
    >>> [e.name for e in corpus.entities]  # doctest: +SKIP
    ['Mustafa al-Kadhimi', 'Joe Biden', 'Washington']
    """
    corpus = Corpus()
    raw: list[RawArticle] = []
    for item in articles:
        article = article_from_text(item) if isinstance(item, str) else item
        raw.append(apply_overrides(article, published=published, outlet=outlet))
    fresh: list[RawArticle] = []
    for item in unique_articles(raw):
        if isinstance(item, str):
            corpus.duplicates += 1
        else:
            fresh.append(item)
    knowledge = knowledge or (resolver.knowledge if resolver else None) or gazetteer_only()
    resolver = resolver or EntityResolver(knowledge=knowledge)
    analysed = []
    for result in iter_analyses(fresh, nlp, knowledge=knowledge):
        analysed.append(result)
        if progress:
            progress(1)
    corpus.articles = resolve_articles(analysed, resolver)
    corpus.entities = corpus_entities(corpus.articles, knowledge)
    return corpus


def read_articles(
    inputs: Iterable[str | os.PathLike[str]], *, max_article_bytes: int
) -> tuple[list[RawArticle], list[InputProblem], list[InputSkipped]]:
    """Every article in ``inputs``, and every input that could not be read or was skipped."""
    articles: list[RawArticle] = []
    problems: list[InputProblem] = []
    skipped: list[InputSkipped] = []
    for result in read_inputs(inputs, max_article_bytes=max_article_bytes):
        if isinstance(result, RawArticle):
            articles.append(result)
        elif isinstance(result, InputProblem):
            problems.append(result)
        else:
            skipped.append(result)
    return articles, problems, skipped


def analyze_paths(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    nlp: Language | None = None,
    max_article_bytes: int = 5_000_000,
    published: str | None = None,
    outlet: str | None = None,
) -> Corpus:
    """Read files and folders and analyse every article in them; unreadable inputs are
    listed in ``Corpus.problems``."""
    articles, problems, _ = read_articles(inputs, max_article_bytes=max_article_bytes)
    corpus = analyze(articles, nlp=nlp, published=published, outlet=outlet)
    corpus.problems = problems
    return corpus
