"""What the pages show as evidence for a stated fact: the sentence with the span marked,
a link to the span in the article page, and the record's confidence where it has one.

Rows of a query (a quote, an event, a timeline report, a search hit) carry the article id and
the item id; the records themselves, with their offsets, are read from the store once per
article per request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from presslens.model import ArticleAnalysis
from presslens.store import Store

# Sentence ends: a stop, question or exclamation mark (and any closing quotation mark or
# bracket after it) followed by space, or a paragraph break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")
CONTEXT_CHARS = 320


def shorten(text: str | None, limit: int = 200) -> str:
    """``text`` cut to at most ``limit`` characters at a space, so that no word, and no word
    with its closing quotation mark or stop, is cut in two; "…" marks the cut.

    >>> shorten("He called it “watch Iran” policy.", 25)
    'He called it “watch Iran”…'
    """
    words = " ".join((text or "").split())
    if len(words) <= limit:
        return words
    cut = words.rfind(" ", 0, limit + 1)
    if cut <= 0:  # one word longer than the limit: keep it whole rather than halve it
        cut = words.find(" ")
        return words if cut < 0 else words[:cut] + "…"
    return words[:cut].rstrip(" ,;:–—-") + "…"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) around ``text[start:end]``."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    found = _SENTENCE_END.search(text, end)
    right = found.start() + len(found.group().rstrip()) if found else len(text)
    return left, max(right, end)


@dataclass(slots=True)
class Evidence:
    """A span in its sentence, ready to show: ``before`` + ``span`` + ``after`` is the
    sentence (cut at word boundaries when long), ``href`` opens the article at the span."""

    article_id: str
    start: int
    end: int
    before: str
    span: str
    after: str
    href: str
    confidence: float | None = None
    confidence_name: str = "confidence"

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end,
                "before": self.before, "span": self.span, "after": self.after,
                "href": self.href, "confidence": self.confidence,
                "confidence_name": self.confidence_name}


def span_href(article_id: str, start: int, end: int) -> str:
    """The article page opened at a span, which it marks and scrolls to."""
    return f"/articles/{article_id}?at={start}-{end}#at"


def evidence(article: ArticleAnalysis, start: int, end: int,
             sentence: dict[str, int] | None = None, record: dict[str, Any] | None = None
             ) -> Evidence:
    """The span ``start:end`` of ``article`` in its sentence (the record's own ``sentence``
    bounds when it has them)."""
    text = article.text
    if sentence and sentence.get("start") is not None and \
            sentence["start"] <= start and end <= sentence["end"]:
        left, right = sentence["start"], sentence["end"]
    else:
        left, right = sentence_bounds(text, start, end)
    span = " ".join(text[start:end].split())
    room = max(CONTEXT_CHARS - len(span), 40) // 2
    before = " ".join(text[left:start].split())
    after = " ".join(text[end:right].split())
    if len(before) > room:
        cut = shorten(before[::-1], room)  # cut from the left, at a space
        before = "…" + cut.rstrip("…")[::-1].lstrip()
    # Keep the spaces around the span that the text has.
    before += " " if start > left and text[start - 1].isspace() else ""
    after = (" " if end < right and text[end].isspace() else "") + shorten(after, room)
    confidence, name = None, "confidence"
    if record is not None:
        if isinstance(record.get("confidence"), (int, float)):
            confidence = float(record["confidence"])
        elif isinstance(record.get("score"), (int, float)):
            confidence, name = float(record["score"]), "score"
    return Evidence(article.id, start, end, before, span, after,
                    span_href(article.id, start, end), confidence, name)


class ArticleCache:
    """Stored articles read at most once while a page is built."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, ArticleAnalysis | None] = {}

    def article(self, article_id: str) -> ArticleAnalysis | None:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.article(article_id)
        return self._articles[article_id]

    def item(self, article_id: str, kind: str, item_id: str) -> dict[str, Any] | None:
        article = self.article(article_id)
        if article is None:
            return None
        return next((r for r in getattr(article, kind) if r.get("id") == item_id), None)

    def quote(self, article_id: str, quote_id: str) -> Evidence | None:
        """The quote's words in their sentence."""
        return self._evidence(article_id, "quotes", quote_id, "content")

    def event(self, article_id: str, event_id: str) -> Evidence | None:
        """The event's trigger word in its sentence."""
        return self._evidence(article_id, "events", event_id, "trigger")

    def _evidence(self, article_id: str, kind: str, item_id: str, part: str
                  ) -> Evidence | None:
        record = self.item(article_id, kind, item_id)
        article = self.article(article_id)
        if record is None or article is None:
            return None
        return evidence(article, record[part]["start"], record[part]["end"],
                        record.get("sentence"), record)

    def words(self, article_id: str, words: list[str]) -> Evidence | None:
        """The first place the article has all of ``words`` (a search match) in a row."""
        article = self.article(article_id)
        if article is None or not words:
            return None
        pattern = r"\W+".join(re.escape(w) for w in words)
        found = re.search(rf"(?<!\w){pattern}", article.text, re.IGNORECASE)
        if found is None:
            return None
        return evidence(article, found.start(), found.end())


@cache
def label_explanations() -> dict[str, dict[str, str]]:
    """What each framing label means, in words an analyst reads (``lexicons``)."""
    path = resources.files("presslens").joinpath("lexicons", "framing_labels.json")
    return json.loads(path.read_text(encoding="utf-8"))


def explain_label(label: str) -> dict[str, str]:
    """``{"name": ..., "means": ...}`` for a framing label; unknown labels keep their
    words."""
    known = label_explanations().get(label)
    if known:
        return known
    return {"name": label.replace("_", " ").capitalize(), "means": ""}
