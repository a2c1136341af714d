"""The article's mentions read for what a pronoun or description points back to: a person's
gender (first name, title), whether they fit a pronoun, and the latest fitting mention outside
quoted words.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from presslens.components.quotes.context import Context
from presslens.components.quotes.words import PRONOUN_GENDER, TITLE_GENDER, first_name_genders


def latest_mention(ctx: Context, token: Token, types: tuple[str, ...],
                   within_sentences: int = 6, pronoun: Token | None = None) -> int | None:
    """The actor a pronoun or description most likely points back to: the latest
    fitting mention outside quoted words, a grammatical subject or a person whose gender
    is known to fit the pronoun before any other."""
    before = bisect_right(ctx.sentence_starts, token.i)
    horizon = ctx.sentence_starts[before - within_sentences] \
        if before >= within_sentences else 0
    best: tuple[int, int, int] | None = None
    last = bisect_right(ctx.mention_starts, token.i - 1)
    for position in range(last - 1, -1, -1):
        start, start_char, subject, index = ctx.mentions[position]
        if start < horizon:
            break
        if best is not None and best[0] == (2 if pronoun is not None else 1):
            break  # the latest fitting subject is found; earlier mentions cannot beat it
        if ctx.clusters[index].type not in types or start_char in ctx.quoted or (
                pronoun is not None and not fits(ctx, index, pronoun)):
            continue
        # A person the pronoun's gender is known to fit beats one whose gender is unknown.
        known = int(pronoun is not None and gender_of(ctx, index) is not None)
        candidate = (known + subject, start, index)
        if best is None or candidate[0] > best[0]:
            best = candidate
    return best[2] if best else None


def gender_of(ctx: Context, index: int) -> str | None:
    """"m" or "f" for a person whose first name or title tells, else None. A surname
    standing alone as an actor of its own ("Haig", where the article names both "Douglas
    Haig" and "Doug Haig") has the gender of the people named in full with it, where they
    all have the same."""
    if index not in ctx.genders:
        ctx.genders[index] = _told_gender(ctx, index) or _namesakes_gender(ctx, index)
    return ctx.genders[index]


def _namesakes_gender(ctx: Context, index: int) -> str | None:
    cluster = ctx.clusters[index]
    words = {m.text for m in cluster.mentions}
    if cluster.type != "PERSON" or len(words) != 1 or " " in next(iter(words)):
        return None
    surname = next(iter(words))
    genders = {_told_gender(ctx, other) for other, named in enumerate(ctx.clusters)
               if other != index and named.type == "PERSON"
               and any(len(m) > 1 and m[-1].text == surname for m in named.mentions)}
    return genders.pop() if len(genders) == 1 else None


def _told_gender(ctx: Context, index: int) -> str | None:
    names = first_name_genders()
    for mention in ctx.clusters[index].mentions:
        doc = mention.doc
        before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
        if before in TITLE_GENDER:
            return TITLE_GENDER[before]
        for token in mention:
            word = token.lower_
            if word in TITLE_GENDER:
                return TITLE_GENDER[word]
            if word in names:
                return names[word]
    return None


def fits(ctx: Context, index: int, pronoun: Token) -> bool:
    """Whether person ``index`` may be what the pronoun stands for: a "he" or "she" only for
    someone whose gender is unknown or the same."""
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    if wanted is None or ctx.clusters[index].type != "PERSON":
        return True
    gender = gender_of(ctx, index)
    return gender is None or gender == wanted
