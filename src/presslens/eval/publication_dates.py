"""`presslens eval dates`: publication dates inferred from the text, against known dates.

Every document here has a known publication date, which is hidden from the pipeline: Wikinews
articles (dated by their rows; ``wikinews_2019.csv`` is the dev split and
``wikinews_2020.csv`` the test split) and the TimeML documents (dated by their DCT, split as
``presslens eval time`` splits them). For each the pipeline infers the window its text allows,
and a date where that window is at most a year wide; the window is right when it holds the
true date, the date when it is that day (or within a few days, since news is often written a
day or two after the last day it reports).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language

from presslens.analysis import document_for
from presslens.errors import PresslensError
from presslens.eval.documents import _wikinews_rows, shared_dir
from presslens.ingest import article_from_record
from presslens.nlp import load_pipeline, spacy_components
from presslens.temporal import parse_reference

CLOSE_DAYS = 3


@dataclass(slots=True)
class DatedText:
    """A text and the date it was published, which the inference must not see."""

    name: str
    text: str
    published: date


@dataclass(slots=True)
class DateScores:
    documents: int = 0
    windowed: int = 0  # the text bounds its date on one side at least
    window_holds: int = 0  # ... and the true date lies in the window it allows
    dated: int = 0  # a date was chosen in a window narrow enough (a year at most)
    dated_window_holds: int = 0
    exact: int = 0
    close: int = 0  # within CLOSE_DAYS
    bounded_both: int = 0  # the window has both ends
    unreadable: int = 0  # texts the reader refuses (all boilerplate), not scored
    date_lines: int = 0  # texts that print their own date above the body ("Monday, May 6, 2019")
    date_lines_right: int = 0  # ... and the reader took the true date from it
    misses: list[dict] = field(default_factory=list)

    def share(self, count: int) -> str:
        return f"{count / self.documents:.3f}" if self.documents else "n/a"


def wikinews_texts(split: str) -> list[DatedText]:
    """Wikinews rows of the split (dev: 2019 file, test: 2020 file), with their dates."""
    folder = shared_dir() / "data" / "wikinews"
    if not folder.is_dir():
        return []
    rows = _wikinews_rows(str(folder))
    wanted = {"dev": ("2019",), "test": ("2020", "2021"), "all": ("2019", "2020", "2021")}[split]
    out = []
    for url, row in sorted(rows.items()):
        day = parse_reference(row["date"])
        if day is None or str(day.year) not in wanted:
            continue
        # The 2020 file runs into 2021; the 2019 file holds only 2019.
        out.append(DatedText(f"wikinews:{url}", row["text"], day))
    return out


def polnear_texts(split: str) -> list[DatedText]:
    """PolNeAR articles, dated by their file names ("breitbart_2015-11-11_….txt").

    PolNeAR's training part is the dev split here and its dev part the test split: its
    2015–16 US election coverage names office holders and dated events on every page, the
    clues the inference reads, in the voice of seven outlets of both sides. The title line
    stays, as it heads the page.
    """
    from presslens.eval.quotes import polnear_dir

    parts = {"dev": ("train",), "test": ("dev",), "all": ("train", "dev")}[split]
    out = []
    for part in parts:
        folder = polnear_dir() / part / "text"
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            stamp = re.search(r"_(\d{4}-\d{2}-\d{2})_", path.name)
            day = parse_reference(stamp.group(1)) if stamp else None
            if day is not None:
                out.append(DatedText(f"polnear:{part}/{path.stem}",
                                     path.read_text(encoding="utf-8"), day))
    return out


def timeml_texts(split: str) -> list[DatedText]:
    from presslens.eval.time import load_timeml, timeml_dir

    folder = timeml_dir()
    if folder is None:
        return []
    out = []
    for document in load_timeml(folder, split):
        day = parse_reference(document.dct)
        if day is not None:
            out.append(DatedText(f"timeml:{document.name}", document.text, day))
    return out


def evaluate_publication_dates(texts: Iterable[DatedText], nlp: Language | None = None, *,
                               dateline_day: bool = False) -> DateScores:
    """Infer each text's date with its own date hidden, and compare. With ``dateline_day``
    each text is given a dateline with its true month and day and no year ("WASHINGTON,
    Dec. 2 –", as IRNA, Xinhua and AP copy write it): the measure of how often the text's
    other clues place that day in the right year."""
    nlp = nlp or load_pipeline()
    scores = DateScores()
    needed = [*spacy_components(nlp), "presslens_paragraph_breaks", "presslens_timexes"]
    kept, articles = [], []
    for item in texts:
        try:
            article = article_from_record({"text": item.text})
        except PresslensError:  # a row whose text is all boilerplate: nothing to date
            scores.unreadable += 1
            continue
        # A date line printed above the body gives the date outright; it is counted on its
        # own and then hidden, so that the inference is measured on what the body says.
        if article.source.published:
            scores.date_lines += 1
            scores.date_lines_right += article.source.published == item.published.isoformat()
            article.source.published = None
        if dateline_day:
            day = item.published
            article.source.dateline = f"WASHINGTON, {day:%b}. {day.day} –"
        articles.append(article)
        kept.append(item)
    texts = kept
    with nlp.select_pipes(enable=[name for name in needed if name in nlp.pipe_names]):
        docs = nlp.pipe((document_for(nlp, article) for article in articles), batch_size=16)
        for item, doc in zip(texts, docs, strict=True):
            scores.documents += 1
            inferred = parse_reference(doc._.dct) if doc._.dct_inferred else None
            evidence = doc._.dct_evidence or {}
            earliest = parse_reference(evidence.get("earliest"))
            latest = parse_reference(evidence.get("latest"))
            if not evidence:
                scores.misses.append({"doc": item.name, "true": item.published.isoformat(),
                                      "inferred": None})
                continue
            scores.windowed += 1
            holds = (earliest is None or earliest <= item.published) and (
                latest is None or item.published <= latest)
            scores.window_holds += holds
            scores.bounded_both += earliest is not None and latest is not None
            gap = abs((inferred - item.published).days) if inferred is not None else None
            if inferred is not None and gap is not None:
                scores.dated += 1
                scores.dated_window_holds += holds
                scores.exact += gap == 0
                scores.close += gap <= CLOSE_DAYS
            if not holds or (gap is not None and gap > CLOSE_DAYS):
                scores.misses.append({"doc": item.name, "true": item.published.isoformat(),
                                      "inferred": inferred and inferred.isoformat(),
                                      "earliest": evidence.get("earliest"),
                                      "latest": evidence.get("latest"),
                                      "window_holds": holds})
    return scores
