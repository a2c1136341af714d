"""One key for a state's ministry however an outlet names it.

"Iran's Foreign Ministry", "the Iranian Foreign Ministry", "the Ministry of Foreign Affairs of
Iran" and "Foreign Ministry" after "Iran's" are one body, and the name keys of those spellings
share too little to join them (and "Foreign Ministry" alone is a kind of body, never looked
up: ``generic_bodies.txt``). Each such mention also gets a key made of the state and the
ministry's field, ``§iran ministry foreign``, which is all a reader needs to know they are one
body. The state comes from the name itself, from the words just before it ("Turkey's",
"the Iraqi") or from "of Iran" just after it; a ministry no state is named for keeps its
name keys only, since "the Foreign Ministry" is another state's in every article.
"""

from __future__ import annotations

import re

from presslens.resolve.knowledge import Knowledge, KnownActor
from presslens.resolve.names import mention_key

STATE_BODY_MARK = "§"
# Words of a ministry's name that are not its field: "Ministry of Foreign Affairs" is the
# Foreign Ministry, "Defence" and "Defense" one field.
_NOT_FIELD = frozenset({"affairs", "and", "the"})
_SPELLING = {"defence": "defense"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Wire style writes a ministry in lower case ("Iran's foreign ministry").
_FIELD_WORD = re.compile(r"[A-Za-z][a-z]+")
# "Turkey's ", "the Iraqi ", "Saudi Arabia's ": a state or its adjective just before the name.
_OWNER_BEFORE = re.compile(r"(?:^|[\s(“\"])(?P<owner>(?:[A-Z][\w-]+\s)?[A-Z][\w-]+(?:'s|’s)?)\s+$")
# " of Iran", " of the Islamic Republic": a state just after the name.
_OWNER_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?(?P<owner>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)")


def state_of(words: str, knowledge: Knowledge) -> KnownActor | None:
    """The country named by ``words`` or by its adjective ("Iran", "Iranian", "Iran's")."""
    words = _POSSESSIVE.sub("", words.strip())
    if not words:
        return None
    return knowledge.country(words) or knowledge.demonyms.get(mention_key(words, "NORP"))


def _field(words: list[str]) -> str | None:
    """The ministry's field from the words that name it, or None if they do not."""
    if not 1 <= len(words) <= 4 or not all(_FIELD_WORD.fullmatch(w) or w.lower() in _NOT_FIELD
                                           for w in words):
        return None
    kept = [_SPELLING.get(w.lower(), w.lower()) for w in words if w.lower() not in _NOT_FIELD]
    return " ".join(kept) or None


def _owner_and_rest(words: list[str], knowledge: Knowledge) -> tuple[KnownActor | None, list[str]]:
    """The state named by the first one or two words, and the words after it."""
    for size in (2, 1):
        if len(words) >= size:
            state = state_of(" ".join(words[:size]), knowledge)
            if state is not None:
                return state, words[size:]
    return None, words


def state_body_key(text: str, before: str, after: str, knowledge: Knowledge) -> str | None:
    """The state-and-field key of a ministry's name ``text``, read with the words ``before``
    and ``after`` it, or None when it names no ministry of a known state.

    >>> from presslens.resolve.knowledge import gazetteer_only
    >>> known = gazetteer_only()
    >>> [state_body_key(t, b, a, known) for t, b, a in [
    ...     ("Iranian Foreign Ministry", "the ", " said"),
    ...     ("Foreign Ministry", "Iran's ", " said"),
    ...     ("Ministry of Foreign Affairs", "the ", " of Iran said"),
    ...     ("Foreign Ministry", "The ", " said")]]
    ['§iran ministry foreign', '§iran ministry foreign', '§iran ministry foreign', None]
    """
    words = ["Ministry" if w.lower() == "ministry" else w for w in text.split()]
    if words and words[0].lower() == "the":
        words = words[1:]
    if "Ministry" not in words:
        return None
    at = words.index("Ministry")
    state, left = _owner_and_rest(words[:at], knowledge)
    right = words[at + 1:]
    if right and right[0] != "of":
        return None
    right = right[1:]
    if right and right[0] == "the":
        right = right[1:]
    if left:
        # "Iranian Foreign Ministry", "Foreign Ministry of Iran"
        field_words = left
        owner = state_of(" ".join(right), knowledge) if right else None
        if right and owner is None:
            return None
    else:
        # "Ministry of Foreign Affairs of Iran", "Iran's Ministry of Interior"
        cut = right.index("of") if "of" in right else len(right)
        field_words = right[:cut]
        tail = right[cut + 1:]
        if tail and tail[0] == "the":
            tail = tail[1:]
        # "of the Islamic Republic of Iran": the state's short name closes its long one.
        owner = state_of(" ".join(tail), knowledge) or state_of(
            " ".join(tail[len(tail) - tail[::-1].index("of"):]) if "of" in tail else "",
            knowledge)
        if tail and owner is None:
            return None
    if owner is not None and state is not None and owner != state:
        return None
    state = state or owner
    field = _field(field_words)
    if field is None:
        return None
    if state is None:
        near = _OWNER_BEFORE.search(before[-40:]) or _OWNER_AFTER.match(after[:40])
        near_words = near["owner"].split() if near else []
        # "The Iraqi": the state's word may be the last of two capitalised words.
        state = state_of(" ".join(near_words), knowledge) or (
            state_of(near_words[-1], knowledge) if len(near_words) > 1 else None)
    if state is None:
        return None
    return f"{STATE_BODY_MARK}{state.id} ministry {field}"
