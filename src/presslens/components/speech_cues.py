"""How a text shows that someone speaks: quotation marks and reporting verbs.

The quote component finds quotes with them; the framing component tells the outlet's own
voice from a source's with the same marks and verbs, so the two agree on what is quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from presslens.lexicons import lexicon_lines

OPENING_MARKS = "“„«"
CLOSING_MARKS = "”»"
STRAIGHT_MARK = '"'
# Characters where pairing quotation marks can change state ("'" and "`" only when doubled).
_MARK_OR_BREAK_CHARACTERS = frozenset(OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK + "'`\n")
_MARK_OR_BREAK = re.compile("[" + re.escape("".join(sorted(_MARK_OR_BREAK_CHARACTERS))) + "]")


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str
    particle: str | None
    verb_class: str
    content_roles: frozenset[str]


@cache
def reporting_verbs() -> dict[str, list[ReportingVerb]]:
    """The cue lexicon, by lemma (a phrasal verb is listed under its verb)."""
    table: dict[str, list[ReportingVerb]] = {}
    for line in lexicon_lines("reporting_verbs.tsv"):
        phrase, verb_class, roles = line.split("\t")
        words = phrase.split()
        entry = ReportingVerb(words[0], words[1] if len(words) > 1 else None, verb_class,
                              frozenset(roles.split(",")))
        table.setdefault(words[0], []).append(entry)
    for entries in table.values():
        # "spoke of …" before "spoke": a phrase is tried before its verb alone.
        entries.sort(key=lambda e: e.particle is None)
    return table


def cues_speech(lemma: str, next_words: set[str]) -> bool:
    """Whether a verb of ``lemma`` reports speech, given the words it governs: a verb listed
    only with its particle speaks only with it ("made clear that …" does, "makes it
    difficult" does not).

    >>> cues_speech("say", set()), cues_speech("make", {"it", "difficult"})
    (True, False)
    """
    return any(entry.particle is None or entry.particle in next_words
               for entry in reporting_verbs().get(lemma, ()))


@dataclass(slots=True)
class QuotedStretch:
    """Text between quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    paragraph_start: bool = False
    multi_paragraph: bool = False


def find_quoted_stretches(text: str) -> list[QuotedStretch]:
    """Pair quotation marks, curly, straight and doubled (''…''), across paragraphs.

    >>> [(s.start, s.end) for s in find_quoted_stretches('He said: "No." Then “yes”.')]
    [(10, 13), (21, 24)]
    """
    stretches: list[QuotedStretch] = []
    open_at: int | None = None
    opened_paragraph_start = False
    multi = False
    # Quotation marks opened inside an open quotation (a term the speaker quotes with the
    # same marks: "The "United States" is not holding …"): their closing marks are not the
    # quotation's end.
    nested = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in _MARK_OR_BREAK_CHARACTERS:
            # Only marks and line breaks change anything: go straight to the next one.
            following = _MARK_OR_BREAK.search(text, i)
            if following is None:
                break
            i = following.start()
            ch = text[i]
        width = mark_width(text, i)
        if width and open_at is not None and nested == 0 and _is_nested_opening(text, i):
            nested += 1
            i += width
            continue
        if width and nested and is_closing(text, i):
            nested -= 1
            i += width
            continue
        if ch == "\n" and open_at is not None:
            nested = 0
            # A quote continued in the next paragraph reopens it with a mark; otherwise the
            # mark was never closed and the stretch ends with its paragraph.
            j = i
            while j < n and text[j] in "\n \t":
                j += 1
            if "\n" in text[i:j] and j < n and mark_width(text, j) and is_opening(text, j):
                multi = True
                i = j + mark_width(text, j)
                continue
            if "\n\n" in text[i:j] and j < n and _closes_later(text, j):
                multi = True  # “A.¶¶B.¶¶C.”: the sentence lines of one quotation
                i = j
                continue
            if "\n\n" in text[i:j] or j >= n:
                stretches.append(QuotedStretch(open_at, i, opened_paragraph_start, multi))
                open_at, multi = None, False
        elif width and open_at is None and is_opening(text, i):
            open_at = i + width
            opened_paragraph_start = i == 0 or text[i - 1] == "\n"
            i += width
            continue
        elif width and open_at is not None and is_closing(text, i):
            if i > open_at:
                stretches.append(QuotedStretch(open_at, i, opened_paragraph_start, multi))
            open_at, multi = None, False
            i += width
            continue
        i += 1
    if open_at is not None and n > open_at:
        stretches.append(QuotedStretch(open_at, n, opened_paragraph_start, multi))
    return stretches


ANY_MARK = re.compile("[" + OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK + "]|''|``")
# How far a quotation left open at a paragraph's end is looked for its closing mark.
MAX_OPEN_QUOTATION_CHARS = 1500


def _closes_later(text: str, start: int) -> bool:
    """Whether a quotation left open at a paragraph's end is closed a few short paragraphs
    on, before any mark opens another (“Now the question is, why.¶¶Why was he there?¶¶…
    quite frankly.”): PTC copy gives each sentence its own line."""
    mark = ANY_MARK.search(text, start, min(len(text), start + MAX_OPEN_QUOTATION_CHARS))
    return mark is not None and is_closing(text, mark.start()) and \
        not is_opening(text, mark.start())


def mark_width(text: str, i: int) -> int:
    """Length of the quotation mark at ``i`` (0 if none): one character, or two for the
    doubled ASCII marks of some copy ("''" and "``")."""
    ch = text[i]
    if text.startswith("''", i) or text.startswith("``", i):
        return 2
    if ch in OPENING_MARKS or ch in CLOSING_MARKS or ch == STRAIGHT_MARK:
        return 1
    return 0


def is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENING_MARKS or text.startswith("``", i):
        return True
    if ch != STRAIGHT_MARK and not text.startswith("''", i):
        return False
    width = mark_width(text, i)
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _is_nested_opening(text: str, i: int) -> bool:
    """A mark inside an open quotation that opens a quotation of its own: it stands where
    only an opening mark can (after a space, before a word) and is closed later in the same
    paragraph."""
    if not is_opening(text, i) or (text[i] in CLOSING_MARKS):
        return False
    width = mark_width(text, i)
    paragraph_end = text.find("\n", i)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before = text[i - 1] if i > 0 else " "
    if not before.isspace():
        return False
    j = i + width
    while j < paragraph_end:
        if mark_width(text, j) and is_closing(text, j):
            return True
        j += 1
    return False


def is_closing(text: str, i: int) -> bool:
    ch = text[i]
    if ch in CLOSING_MARKS:
        return True
    if ch != STRAIGHT_MARK and not text.startswith("''", i):
        return False
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()
