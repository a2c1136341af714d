"""Watchlists: TOML files of rules, and which stored articles a rule matches, with evidence.

A rule has a ``name`` and any of ``actor``, ``event_type``, ``label``, ``outlet``,
``query`` and ``min_confidence`` (and optionally a ``webhook``). Every condition given must
hold: ``actor`` with ``event_type`` wants an event of that type in which the actor acts or
is acted on; ``actor`` with ``label`` wants a framing span about that actor.

>>> rules = parse_watchlist('[[rule]]\\nname = "strikes"\\nevent_type = "ASSAULT"\\n')
>>> rules[0].event_type
'ASSAULT'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from presslens.errors import UsageError
from presslens.ingest.outlets import outlet_from_name
from presslens.model import ArticleAnalysis
from presslens.params import EVENT_TYPES

RULE_KEYS = ("name", "actor", "event_type", "label", "outlet", "query", "min_confidence",
             "webhook")
CONDITIONS = ("actor", "event_type", "label", "outlet", "query")
# Framing records that name an actor by a label ("the Zionist regime"), matched by their text.
_LABEL_WORDS = re.compile(r"[\s_-]+")


class WatchlistError(UsageError):
    """A watchlist that cannot be used: the message names the file, line and key."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    actor: str | None = None
    event_type: str | None = None
    label: str | None = None
    outlet: str | None = None
    query: str | None = None
    min_confidence: float | None = None
    webhook: str | None = None


def load_watchlist(path: Path) -> list[Rule]:
    """The rules of a watchlist file; a ``WatchlistError`` naming file, line and key if it
    cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WatchlistError(f"{path}: cannot read the watchlist: {exc.strerror or exc}"
                             ) from None
    except UnicodeDecodeError:
        raise WatchlistError(f"{path}: the watchlist is not UTF-8 text") from None
    return parse_watchlist(text, str(path))


def parse_watchlist(text: str, where: str = "watchlist") -> list[Rule]:
    """The rules of a watchlist's text (``where`` names it in errors)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WatchlistError(f"{where}: not valid TOML: {exc}") from None
    for key in data:
        if key != "rule":
            raise WatchlistError(f"{where}:{_line_of(text, key)}: unknown key {key!r}; a "
                                 "watchlist holds [[rule]] tables only")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise WatchlistError(f"{where}: no rules; add [[rule]] tables with a name")
    rules: list[Rule] = []
    for number, table in enumerate(tables):
        rule = _rule(table, number, text, where)
        if any(r.name == rule.name for r in rules):
            raise WatchlistError(f"{where}:{_line_of(text, 'name', number)}: two rules are "
                                 f"named {rule.name!r}; alerts are kept by rule name")
        rules.append(rule)
    return rules


def _rule(table: dict[str, Any], number: int, text: str, where: str) -> Rule:
    def fail(key: str, message: str) -> WatchlistError:
        return WatchlistError(f"{where}:{_line_of(text, key, number)}: rule "
                              f"{number + 1}, key {key!r}: {message}")

    for key in table:
        if key not in RULE_KEYS:
            raise fail(key, f"unknown key; a rule takes {', '.join(RULE_KEYS)}")
    for key in RULE_KEYS:
        if key in table and key != "min_confidence" and (
                not isinstance(table[key], str) or not table[key].strip()):
            raise fail(key, "must be a non-empty string")
    if "name" not in table:
        raise WatchlistError(f"{where}:{_rule_line(text, number)}: rule {number + 1} has "
                             "no 'name'")
    if not any(key in table for key in CONDITIONS):
        raise fail("name", f"rule {table['name']!r} has no condition; give any of "
                   + ", ".join(CONDITIONS))
    event_type = table.get("event_type")
    if event_type is not None:
        event_type = event_type.strip().upper()
        if event_type not in EVENT_TYPES:
            raise fail("event_type", f"unknown PLOVER type {table['event_type']!r}; one of "
                       + ", ".join(EVENT_TYPES))
    confidence = table.get("min_confidence")
    if confidence is not None:
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or \
                not 0 <= confidence <= 1:
            raise fail("min_confidence", "must be a number from 0 to 1")
        if event_type is None and "label" not in table:
            raise fail("min_confidence", "applies to events and framing spans: give "
                       "event_type or label with it")
    webhook = table.get("webhook")
    if webhook is not None and (urlsplit(webhook).scheme not in ("http", "https")
                                or not urlsplit(webhook).hostname):
        raise fail("webhook", f"not an http(s) URL: {webhook!r}")
    if "query" in table and not table["query"].split():
        raise fail("query", "is empty")
    return Rule(name=table["name"].strip(), actor=_stripped(table.get("actor")),
                event_type=event_type, label=_stripped(table.get("label")),
                outlet=_stripped(table.get("outlet")), query=table.get("query"),
                min_confidence=float(confidence) if confidence is not None else None,
                webhook=webhook)


def _stripped(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _rule_line(text: str, number: int) -> int:
    """The line of the ``number``-th ``[[rule]]`` header (1-based; 1 if not found)."""
    headers = [i for i, line in enumerate(text.splitlines(), 1)
               if re.match(r"\s*\[\[\s*rule\s*\]\]", line)]
    return headers[number] if number < len(headers) else 1


def _line_of(text: str, key: str, number: int | None = None) -> int:
    """The line where ``key`` is set (in the ``number``-th rule, if given)."""
    lines = text.splitlines()
    start = _rule_line(text, number) if number is not None else 1
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=|\s*\[+\s*{re.escape(key)}\b")
    for index in range(start - 1, len(lines)):
        if index > start - 1 and number is not None and re.match(r"\s*\[", lines[index]):
            break
        if pattern.match(lines[index]):
            return index + 1
    return start


# -- matching -------------------------------------------------------------------------------

@dataclass(slots=True)
class MatchContext:
    """What matching needs from the store, asked once per batch.

    ``actor_ids(name)`` gives the ids of stored actors spelled ``name`` any way;
    ``text_match(article_id, query)`` gives where a full-text query matches a stored
    article (see ``WatchState.text_match``)."""

    actor_ids: Callable[[str], set[str]]
    text_match: Callable[[str, str], tuple[str, int, int] | None]


def match_rule(rule: Rule, article: ArticleAnalysis, context: MatchContext
               ) -> list[dict[str, Any]] | None:
    """The evidence that ``article`` matches ``rule`` (one item per condition, each with
    its span and sentence and their offsets in the article text), or None."""
    evidence: list[dict[str, Any]] = []
    if rule.outlet:
        outlet = article.source.outlet or ""
        if _fold(outlet_from_name(rule.outlet)) != _fold(outlet) and \
                _fold(rule.outlet) != _fold(outlet):
            return None
        evidence.append({"condition": "outlet", "value": outlet})
    ids = context.actor_ids(rule.actor) if rule.actor else None
    if ids is not None and not ids & {e.id for e in article.entities}:
        return None
    if rule.event_type:
        event = next((e for e in article.events if _event_matches(rule, e, ids)), None)
        if event is None:
            return None
        evidence.append(_event_evidence(article, event))
    if rule.label:
        item = next((f for f in article.framing if _framing_matches(rule, f, ids, article)),
                    None)
        if item is None:
            return None
        evidence.append(_framing_evidence(article, item))
    if rule.actor and not (rule.event_type or rule.label):
        evidence.append(_mention_evidence(article, ids or set()))
    if rule.query:
        found = context.text_match(article.id, rule.query)
        if found is None:
            return None
        evidence.append(_text_evidence(article, rule.query, *found))
    return evidence


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _confident(rule: Rule, item: dict[str, Any]) -> bool:
    if rule.min_confidence is None:
        return True
    confidence = item.get("confidence")
    return confidence is not None and float(confidence) >= rule.min_confidence


def _event_matches(rule: Rule, event: dict[str, Any], ids: set[str] | None) -> bool:
    if event.get("type") != rule.event_type or not _confident(rule, event):
        return False
    # An act the text denies ("did not strike") is no news of it.
    if event.get("negated") or event.get("modality") == "negated":
        return False
    if ids is None:
        return True
    involved = {event.get("actor"), event.get("target"), *(event.get("actors") or []),
                *(event.get("targets") or [])}
    return bool(ids & involved)


def _label_key(text: str) -> str:
    return _LABEL_WORDS.sub(" ", text.casefold()).strip()


def _framing_matches(rule: Rule, item: dict[str, Any], ids: set[str] | None,
                     article: ArticleAnalysis) -> bool:
    wanted = _label_key(rule.label or "")
    by_label = _label_key(item.get("label") or "") == wanted
    by_text = bool(wanted) and re.search(
        rf"(?<!\w){re.escape(wanted)}(?!\w)", _label_key(item.get("text") or "")) is not None
    if not (by_label or by_text) or not _confident(rule, item):
        return False
    if ids is None:
        return True
    if item.get("entity"):
        return item["entity"] in ids
    # A technique span names no actor: the actor must be named in the same sentence.
    sentence = sentence_bounds(article.text, item["start"], item["end"])
    return any(sentence[0] <= m.start < sentence[1] for e in article.entities if e.id in ids
               for m in e.mentions)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the last sentence end before it
    to the next one after it (a paragraph break always ends one)."""
    left = 0
    for match in re.finditer(r"[.!?][\"'”’)]*\s+|\n", text[:start]):
        left = match.end()
    found = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n").search(text, max(end, start + 1) - 1)
    right = found.end() if found else len(text)
    right = len(text[:right].rstrip())
    return left, max(right, end)


def _span(article: ArticleAnalysis, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": article.text[start:end]}


def _with_sentence(article: ArticleAnalysis, start: int, end: int,
                   sentence: dict[str, Any] | None = None) -> dict[str, Any]:
    if sentence and "start" in sentence and "end" in sentence:
        left, right = int(sentence["start"]), int(sentence["end"])
    else:
        left, right = sentence_bounds(article.text, start, end)
    return {"span": _span(article, start, end), "sentence": _span(article, left, right)}


def _event_evidence(article: ArticleAnalysis, event: dict[str, Any]) -> dict[str, Any]:
    trigger = event["trigger"]
    return {"condition": "event_type", "type": event["type"],
            "actor": event.get("actor_text"), "target": event.get("target_text"),
            "date": event.get("date"), "confidence": event.get("confidence"),
            **_with_sentence(article, trigger["start"], trigger["end"], event.get("sentence"))}


def _framing_evidence(article: ArticleAnalysis, item: dict[str, Any]) -> dict[str, Any]:
    return {"condition": "label", "label": item.get("label"), "voice": item.get("voice"),
            "confidence": item.get("confidence"), "explanation": item.get("explanation"),
            **_with_sentence(article, item["start"], item["end"])}


def _mention_evidence(article: ArticleAnalysis, ids: set[str]) -> dict[str, Any]:
    entity, mention = min(((e, m) for e in article.entities if e.id in ids
                           for m in e.mentions), key=lambda pair: pair[1].start)
    return {"condition": "actor", "entity": entity.id, "name": entity.name,
            **_with_sentence(article, mention.start, mention.end)}


def _text_evidence(article: ArticleAnalysis, query: str, field: str, start: int, end: int
                   ) -> dict[str, Any]:
    if field == "title":
        title = article.source.title or ""
        return {"condition": "query", "query": query, "field": "title",
                "span": {"start": start, "end": end, "text": title[start:end]}}
    return {"condition": "query", "query": query, "field": "text",
            **_with_sentence(article, start, end)}
