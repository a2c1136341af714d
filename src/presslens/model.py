"""The output contract (../shared/spec) as plain dataclasses.

Every record converts to and from the JSON shape of the contract with ``to_dict`` /
``from_dict``, so the CLI, the store and the exports all write the same thing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER")
# Framing techniques whose span is a label for an actor.
LABEL_TECHNIQUES = {"loaded_language", "name_calling"}
# The framing records that carry the actor they label.
LABEL_RECORDS = LABEL_TECHNIQUES | {"scare_quotes", "actor_label"}


@dataclass(slots=True)
class Span:
    """A stretch of an article's text: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(slots=True)
class Mention(Span):
    """An entity mention; ``label`` is the (repaired) NER label of this mention."""

    label: str = "OTHER"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]),
                   str(data.get("label", "OTHER")))


@dataclass(slots=True)
class ArticleEntity:
    """One actor as it appears in one article: the corpus-wide id and every mention."""

    id: str
    name: str
    type: str
    mentions: list[Mention]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type,
                "mentions": [m.to_dict() for m in self.mentions]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleEntity:
        return cls(data["id"], data.get("name", ""), data.get("type", "OTHER"),
                   [Mention.from_dict(m) for m in data["mentions"]])


@dataclass(slots=True)
class Source:
    """Where an article came from, and what its page said about itself."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_inferred: bool = False
    # For an inferred date: the window the text allows ({"earliest", "latest"}) and the clues
    # it rests on, each with its span ({"clue", "text", "start", "end", "earliest", ...}).
    published_evidence: dict[str, Any] | None = None
    dateline: str | None = None
    author: str | None = None
    line: int | None = None
    encoding: str | None = None
    tags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        known: dict[str, Any] = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known["published_inferred"] = bool(data.get("published_inferred", False))
        known["tags"] = list(data.get("tags") or [])
        return cls(**known)


# Fewer words than this and a text is no article: real news briefs run longer, while failed
# scrapes and consent walls stay under it.
NEAR_EMPTY_WORDS = 80
_WORD = re.compile(r"[^\W\d_]{2,}")


def prose_words(text: str) -> int:
    """Words of two letters or more: what is left of an article once markup is gone.

    >>> prose_words("Accept cookies to continue.")
    4
    """
    return len(_WORD.findall(text or ""))


@dataclass(slots=True)
class ArticleAnalysis:
    """One analysed article, as in ``article.schema.json``.

    ``quotes``, ``timexes``, ``events`` and ``framing`` hold the contract's JSON objects
    as written by their components.
    """

    id: str
    source: Source
    text: str
    entities: list[ArticleEntity] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    timexes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)
    # Article-level figures of the components: {"claims": {"attributed": n, "unattributed": m}}.
    summary: dict[str, Any] = field(default_factory=dict)

    def with_framing_from(self, min_confidence: float) -> ArticleAnalysis:
        """A copy that keeps only the framing flags of at least ``min_confidence`` (a flag
        without a confidence is kept): what the faces show by default."""
        from dataclasses import replace

        return replace(self, framing=[f for f in self.framing
                                      if f.get("confidence") is None
                                      or f["confidence"] >= min_confidence])

    @property
    def near_empty(self) -> bool:
        """True when the text is too short to be an article (a failed scrape, a cookie wall,
        a headline and a line): such a text is kept out of stories."""
        return prose_words(self.text) < NEAR_EMPTY_WORDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": self.quotes,
            "timexes": self.timexes,
            "events": self.events,
            "framing": self.framing,
            "summary": self.summary,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleAnalysis:
        return cls(
            id=data["id"],
            source=Source.from_dict(data["source"]),
            text=data["text"],
            entities=[ArticleEntity.from_dict(e) for e in data["entities"]],
            quotes=list(data.get("quotes", [])),
            timexes=list(data.get("timexes", [])),
            events=list(data.get("events", [])),
            framing=list(data.get("framing", [])),
            summary=dict(data.get("summary") or {}),
        )


@dataclass(slots=True)
class CorpusEntity:
    """One real-world actor across the corpus, as in ``entity.schema.json``; the store also
    gives the first and last publication dates it was seen on (``presslens entities``)."""

    id: str
    name: str
    type: str
    aliases: list[str]
    articles: int
    mentions: int
    kb_id: str | None = None
    # For a nationality ("Iraqi"), the id of the country it belongs to ("iraq").
    country: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        for optional in ("country", "first_seen", "last_seen"):
            if record[optional] is None:
                del record[optional]
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CorpusEntity:
        return cls(data["id"], data["name"], data["type"], list(data["aliases"]),
                   int(data["articles"]), int(data["mentions"]), data.get("kb_id"),
                   data.get("country"), data.get("first_seen"), data.get("last_seen"))


@dataclass(slots=True)
class InputProblem:
    """An input that could not be read: which one, where, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Corpus:
    """The result of ``analyze``: articles, corpus-wide entities, and what could not be read."""

    articles: list[ArticleAnalysis] = field(default_factory=list)
    entities: list[CorpusEntity] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    duplicates: int = 0
