"""How stored records are shown: plain JSON values, article summaries, speakers by resolved
name, timeline rows with their evidence, and the article text with every layer marked."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from presslens.event_confidence import is_shown, modality_of
from presslens.model import ArticleAnalysis
from presslens.params import BadValue
from presslens.web.evidence import ArticleCache, explain_label, shorten


def span_parameter(parameter: str, value: str | None, length: int) -> tuple[int, int] | None:
    """``START-END`` offsets of a span in a text of ``length`` characters."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end) <= length:
        return int(start), int(end)
    raise BadValue(parameter, value, f"a span START-END inside the text (0 to {length})",
                   "120-134")


def day_of(value: str | None) -> str | None:
    """The first day a date value of the timeline covers ("2031-W19" is a Monday), for the
    chart; None for what has no calendar date."""
    import re
    from datetime import date

    from presslens.temporal import parse_reference

    day = parse_reference(value)
    if day is not None:
        return day.isoformat()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})|-W(\d{2}))?", value or "")
    try:
        if match and match[3]:
            return date.fromisocalendar(int(match[1]), int(match[3]), 1).isoformat()
        if match:
            return date(int(match[1]), int(match[2] or 1), 1).isoformat()
    except ValueError:
        return None
    return None


def script_json(value: Any) -> Markup:
    """``value`` as JSON to embed in a ``<script type="application/json">``: no ``<``, ``>``
    or ``&`` survive, so article text inside can never close the element."""
    import json

    text = json.dumps(jsonable(value), ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


def speaker_name(quote: dict[str, Any], names: dict[str, str]) -> str:
    """Who said it, by the resolved name where there is one ("Harzan", not "he")."""
    speaker = quote.get("speaker") or {}
    return names.get(speaker.get("entity") or "") or speaker.get("text") or "unattributed"


def timeline_row(row: Any, cache: ArticleCache, names: dict[str, str] | None = None
                 ) -> dict[str, Any]:
    first = row.reports[0] if row.reports else None
    names = names or {}
    return jsonable(row) | {
        "outlets": row.outlets, "other_types": row.other_types, "other_dates": row.other_dates,
        "actor_name": names.get(row.actor or "", row.actor or "?"),
        "target_name": names.get(row.target or "", row.target or ""),
        "evidence": cache.event(first.article_id, first.event_id) if first else None}


def article_summary(article: ArticleAnalysis) -> dict[str, Any]:
    source = article.source
    # An article without a title is told from the others by its first words.
    heading = source.title or "(untitled) " + shorten(article.text.strip().split("\n")[0], 70)
    return {"id": article.id, "title": source.title, "heading": heading,
            "outlet": source.outlet,
            "published": source.published, "url": source.url,
            "quotes": len(article.quotes), "events": len(article.events),
            "framing": len(article.framing)}


def jsonable(value: Any) -> Any:
    """Dataclasses, dicts and lists of them as plain JSON values."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, Markup):
        return str(value)
    return value


LAYERS = ("entity", "quote", "timex", "event", "framing")


def annotated_text(article: ArticleAnalysis, names: dict[str, str],
                   target: tuple[int, int] | None = None,
                   min_confidence: float = 0.0) -> Markup:
    """The article text as HTML with every layer marked: entities, quotes (speaker on
    hover), time expressions, event triggers and framing spans, each in its own style, and
    ``target`` (a span a link pointed at) as ``<mark id="at">``. Marks that overlap are
    nested by opening and closing tags at character boundaries; each mark can be reached
    with Tab and opened with Enter."""
    text = article.text
    opens: dict[int, list[tuple[int, int, str]]] = {}

    def mark(start: int, end: int, layer: str, title: str, extra: str = "") -> None:
        if not 0 <= start < end <= len(text):
            return
        tag = (f'<span class="mk {layer}{(" " + extra) if extra else ""}" tabindex="0" '
               f'data-start="{start}" data-end="{end}" title="{escape(title)}">')
        opens.setdefault(start, []).append((end, 1, tag))

    if target is not None:
        opens.setdefault(target[0], []).append((target[1], 0, '<mark id="at" class="at">'))
    for entity in article.entities:
        for mention in entity.mentions:
            mark(mention.start, mention.end, "entity",
                 f"{names.get(entity.id, entity.name)} ({entity.type})")
    for quote in article.quotes:
        content = quote["content"]
        mark(content["start"], content["end"], "quote",
             f"quote by {speaker_name(quote, names)} ({quote.get('kind')})")
    for timex in article.timexes:
        mark(timex["start"], timex["end"], "timex",
             f"time: {timex['text']} = {timex.get('value')}")
    for event in article.events:
        if not is_shown(event, min_confidence):
            continue
        trigger = event["trigger"]
        actor = names.get(event.get("actor") or "", event.get("actor_text") or "someone")
        target_name = names.get(event.get("target") or "", event.get("target_text") or "")
        how = modality_of(event)
        mark(trigger["start"], trigger["end"], "event",
             f"event {event['type']}: {actor} → {target_name}".rstrip(" →")
             + (f" ({how})" if how != "asserted" else "")
             + (f", confidence {event['confidence']:.2f}"
                if event.get("confidence") is not None else ""))
    for item in article.framing:
        explained = explain_label(item["label"])
        labelled = names.get(item.get("entity") or "")
        voice = "the outlet's own words" if item.get("voice") == "outlet" else \
            "in a quote" if item.get("voice") == "quoted" else item.get("voice") or ""
        mark(item["start"], item["end"], "framing",
             f"{explained['name']}{' of ' + labelled if labelled else ''} ({voice}): "
             f"{explained['means']}".rstrip(": "), item["label"])
    parts: list[str] = []
    stack: list[tuple[int, str]] = []
    for position, character in enumerate(text):
        while stack and stack[-1][0] == position:
            parts.append(stack.pop()[1])
        # Longest first, and the linked-to span outside the marks that start with it.
        for end, _, tag in sorted(opens.get(position, []), key=lambda item: (-item[0],
                                                                              item[1])):
            # An inner span that would outlive the span around it ends with it.
            end = min(end, stack[-1][0]) if stack else end
            parts.append(tag)
            stack.append((end, "</mark>" if tag.startswith("<mark") else "</span>"))
        parts.append("<br>" if character == "\n" else str(escape(character)))
    parts.extend(closing for _, closing in reversed(stack))
    return Markup("".join(parts))
