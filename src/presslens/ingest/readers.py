"""Readers: files and folders in, cleaned articles (or reasons they could not be read) out.

``read_inputs`` never raises for a bad input: each one becomes an ``InputProblem`` that
names the file (and line, for JSONL) and the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import trafilatura
from trafilatura.settings import Document

from presslens.errors import InputError
from presslens.ingest.cleaning import CleanedText, clean_text, parse_published
from presslens.ingest.encoding import decode_bytes
from presslens.ingest.outlets import outlet_from_name, outlet_from_path, outlet_from_url
from presslens.model import InputProblem, Source

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
# Web archives of news crawls (Common Crawl News, Heritrix, wget --warc-file).
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
MIN_HTML_ARTICLE_WORDS = 12
# Below the spaCy pipeline's max_length: a longer "article" is a mis-scrape or an attack.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(slots=True)
class RawArticle:
    """A cleaned article ready for analysis: body text, where it came from, and its id."""

    text: str
    source: Source = field(default_factory=Source)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id(self.text)


def content_id(text: str) -> str:
    """A stable id for an article body: the same text, however spaced, gives the same id.

    >>> content_id("Two  words") == content_id("Two words\\n")
    True
    """
    normal = " ".join(unicodedata.normalize("NFKC", text).split())
    return "a" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class InputSkipped:
    """A file inside a folder that is not an article format (a README, an image)."""

    path: str
    reason: str
    # For a record inside an archive (a WARC file): its number there.
    record: int | None = None


ReadResult = RawArticle | InputProblem | InputSkipped


def read_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[ReadResult]:
    """Read files and folders (recursively) of ``.txt``, ``.html``/``.htm`` and ``.jsonl``.

    >>> [type(r).__name__ for r in read_inputs(["no/such/file.txt"])]
    ['InputProblem']
    """
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path, max_article_bytes)
        elif path.exists() or path.is_symlink():
            defaults = _inherited_defaults(path.parent)
            yield from read_file(path, max_article_bytes=max_article_bytes, defaults=defaults)
        else:
            yield InputProblem(str(path), "no such file or directory")


FOLDER_DEFAULTS_FILE = "_source.json"
_FOLDER_DEFAULT_FIELDS = ("outlet",)


def _folder_defaults(folder: Path, inherited: dict[str, str]
                     ) -> tuple[dict[str, str], InputProblem | None]:
    """Metadata a folder's ``_source.json`` gives every article below it ({"outlet": ...})."""
    path = folder / FOLDER_DEFAULTS_FILE
    if not path.is_file():
        return inherited, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
    except (OSError, ValueError) as exc:
        return inherited, InputProblem(str(path), f"folder metadata ignored: {exc}")
    chosen = {k: str(data[k]) for k in _FOLDER_DEFAULT_FIELDS if isinstance(data.get(k), str)}
    return {**inherited, **chosen}, None


def _inherited_defaults(folder: Path) -> dict[str, str]:
    """Folder metadata of a file named on its own: its folder's and its ancestors'."""
    chain = [folder.resolve(), *folder.resolve().parents][:8]
    defaults: dict[str, str] = {}
    for ancestor in reversed(chain):
        defaults, _ = _folder_defaults(ancestor, defaults)
    return defaults


def _read_folder(folder: Path, max_article_bytes: int) -> Iterator[ReadResult]:
    # Sorted so that a batch is processed (and its ids minted) in the same order every run.
    defaults_of: dict[Path, dict[str, str]] = {}
    unreadable: list[OSError] = []
    visited: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable.append):
        while unreadable:
            error = unreadable.pop()
            yield InputProblem(str(error.filename), f"cannot read folder: {error.strerror}")
        here = Path(root)
        real = os.path.realpath(root)
        if real in visited:  # a link back up the tree: read each folder once
            dirs[:] = []
            yield InputProblem(root, "folder already read through another link; skipped")
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        defaults, problem = _folder_defaults(here, defaults_of.get(here.parent, {}))
        defaults_of[here] = defaults
        if problem:
            yield problem
        for name in sorted(files):
            child = here / name
            if name.startswith(".") or name == FOLDER_DEFAULTS_FILE:
                continue
            if file_kind(child) is not None:
                yield from read_file(child, max_article_bytes=max_article_bytes,
                                     defaults=defaults)
            else:
                yield InputSkipped(str(child), _unsupported_reason(child))


def file_kind(path: Path) -> str | None:
    """The format a file name says: its suffix, ``.jsonl.gz`` and ``.warc.gz`` included."""
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def _unsupported_reason(path: Path) -> str:
    suffix = path.suffix.lower() or "(none)"
    return (f"unsupported file type {suffix}; presslens reads "
            + ", ".join(SUPPORTED_SUFFIXES))


def read_file(path: Path, *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
              defaults: dict[str, str] | None = None) -> Iterator[ReadResult]:
    """Read one file; yields one article per article in it, or the problems met.

    ``defaults`` is metadata for articles that do not state their own (a folder's outlet).
    """
    outlet = (defaults or {}).get("outlet")
    name = str(path)
    suffix = file_kind(path)
    if suffix is None:
        yield InputProblem(name, _unsupported_reason(path))
        return
    try:
        if not path.is_file():
            yield InputProblem(name, "not a regular file")
            return
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_article_bytes, outlet)
            return
        if suffix in WARC_SUFFIXES:
            from presslens.ingest.warc import read_warc

            yield from read_warc(path, max_article_bytes=max_article_bytes, outlet=outlet)
            return
        if size == 0:
            yield InputProblem(name, "empty file")
            return
        if size > max_article_bytes:
            yield InputProblem(name, _too_large(size, max_article_bytes, "file"))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(name, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text, encoding = decode_bytes(data)
        if suffix in HTML_SUFFIXES:
            article = article_from_html(
                text, source=Source(path=name, encoding=encoding, outlet=outlet))
        else:
            article = article_from_text(
                text, source=Source(path=name, encoding=encoding, outlet=outlet))
    except InputError as exc:
        yield InputProblem(name, str(exc))
        return
    yield article


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


_RAISE_LIMIT = "(raise it with --max-article-bytes or PRESSLENS_MAX_ARTICLE_BYTES)"


def _too_large(size: int, limit: int, what: str) -> str:
    return f"{what} is {_size(size)}, over the {_size(limit)} limit for one article {_RAISE_LIMIT}"


def article_from_text(text: str, *, source: Source | None = None) -> RawArticle:
    """An article from plain text as scraped: boilerplate removed, metadata kept.

    >>> article_from_text("Title line\\n\\nBody sentence here.").source.title
    'Title line'
    """
    source = source or Source()
    cleaned = clean_text(text, title=source.title)
    return _finish(cleaned, source)


def article_from_html(html: str, *, source: Source | None = None) -> RawArticle:
    """An article from a web page: trafilatura finds the main text and the page metadata."""
    source = source or Source()
    if not html.strip():
        raise InputError("empty HTML")
    try:
        # A Document, or None: trafilatura returns its dict form only when asked (as_dict).
        extracted = cast("Document | None", trafilatura.bare_extraction(
            html,
            url=source.url,
            with_metadata=True,
            include_comments=False,
            # Tables are text where they carry the story (a toll by district, a vote count);
            # layout tables are what trafilatura already keeps out.
            include_tables=True,
            include_images=False,
            deduplicate=False,
            # Only the page's own date metadata: htmldate's guesses from body text and
            # copyright lines ("Since 2012") are wrong more often than missing.
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "max_date": "2099-12-31"},
        ))
    except Exception as exc:  # trafilatura raises many lxml and parser errors
        raise InputError(f"HTML cannot be parsed: {type(exc).__name__}: {exc}") from None
    words = len((extracted.text or "").split()) if extracted is not None else 0
    if extracted is None or words < MIN_HTML_ARTICLE_WORDS:
        # What is left of a page without an article is navigation ("Home", "Contact").
        raise InputError(f"no article text found in the HTML ({words} words of page text)")
    page_url = source.url or extracted.url
    source.url = page_url
    source.title = source.title or extracted.title
    source.author = source.author or extracted.author
    if not source.published and extracted.date:
        source.published = parse_published(extracted.date)
    if not source.outlet:
        source.outlet = outlet_from_url(page_url) or (
            outlet_from_name(extracted.sitename) if extracted.sitename else None)
    cleaned = clean_text(extracted.text or "", title=source.title)
    return _finish(cleaned, source)


def _finish(cleaned: CleanedText, source: Source) -> RawArticle:
    if not cleaned.body.strip():
        raise InputError("no article text left after removing boilerplate")
    if len(cleaned.body) > MAX_ARTICLE_CHARS:
        raise InputError(f"article text is {len(cleaned.body):,} characters, over the "
                         f"{MAX_ARTICLE_CHARS:,} the analysis takes for one article")
    source.title = source.title or cleaned.title
    source.dateline = cleaned.dateline
    source.author = source.author or cleaned.author
    if not source.published and cleaned.published:
        source.published = cleaned.published
    if not source.outlet:
        source.outlet = (
            (outlet_from_name(cleaned.dateline_outlet) if cleaned.dateline_outlet else None)
            or outlet_from_url(source.url)
            or outlet_from_path(source.path)
        )
    source.tags = list(cleaned.tags)
    return RawArticle(text=cleaned.body, source=source)


def _read_jsonl(path: Path, max_article_bytes: int, outlet: str | None = None
                ) -> Iterator[RawArticle | InputProblem]:
    name = str(path)
    seen_any = False
    number = 0
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        lines = _bounded_lines(handle, max_article_bytes)
        while True:
            try:
                raw_line = next(lines)
            except StopIteration:
                break
            except (OSError, EOFError, zlib.error) as exc:
                # A truncated or corrupt gzip stream: what came before it is kept.
                yield InputProblem(name, f"compressed data is corrupt after line {number}: "
                                   f"{exc}", line=number + 1)
                return
            number += 1
            if raw_line is None:
                yield InputProblem(name, f"line is longer than the {_size(max_article_bytes)} "
                                   f"limit for one article {_RAISE_LIMIT}", line=number)
                seen_any = True
                continue
            if not raw_line.strip():
                continue
            seen_any = True
            try:
                record = _parse_json_line(raw_line)
                yield article_from_record(record, path=name, line=number, outlet=outlet)
            except InputError as exc:
                yield InputProblem(name, str(exc), line=number)
    if not seen_any:
        yield InputProblem(name, "empty file")


def _bounded_lines(handle: Any, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary file; an over-long line is skipped and yields None, never read whole."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # discard the rest of the over-long line in chunks
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _parse_json_line(raw_line: bytes) -> dict[str, Any]:
    try:
        text, _ = decode_bytes(raw_line)
    except InputError:
        raise InputError("not text (binary bytes in a JSON line)") from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {type(record).__name__}")
    return record


_RECORD_FIELDS = ("title", "url", "outlet", "published")


def article_from_record(record: dict[str, Any], *, path: str | None = None,
                        line: int | None = None, outlet: str | None = None) -> RawArticle:
    """An article from a JSONL record with ``text`` or ``html`` and optional metadata;
    ``outlet`` is used when the record names none."""
    for key in _RECORD_FIELDS + ("text", "html"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"field '{key}' must be a string, found {type(value).__name__}")
    source = Source(path=path, line=line, title=record.get("title") or None,
                    url=record.get("url") or None, outlet=outlet)
    warnings = []
    if record.get("outlet"):
        source.outlet = outlet_from_name(record["outlet"])
    if record.get("published"):
        source.published = parse_published(record["published"])
        if source.published is None:
            warnings.append(f"field 'published' is not a date: {record['published']!r}")
    if (record.get("text") or "").strip():
        article = article_from_text(record["text"], source=source)
    elif (record.get("html") or "").strip():
        article = article_from_html(record["html"], source=source)
    else:
        raise InputError("no 'text' or 'html' field with content")
    article.warnings.extend(warnings)
    return article

