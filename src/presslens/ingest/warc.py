"""News crawls in WARC files (ISO 28500; Common Crawl News, Heritrix, ``wget --warc-file``).

A crawl holds much besides articles: requests, DNS and metadata records, redirects, images,
scripts, stylesheets, section fronts. Only HTML pages fetched with status 200 are read as
articles; everything else is passed over (counted as skipped, never reported as an error),
and a page without article text is skipped with its URL and the reason.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from presslens.errors import InputError
from presslens.ingest.encoding import decode_bytes
from presslens.model import InputProblem, Source

if TYPE_CHECKING:  # readers imports this module when it meets a WARC file
    from presslens.ingest.readers import ReadResult

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, *, max_article_bytes: int, outlet: str | None = None
              ) -> Iterator[ReadResult]:
    """The articles in a WARC file (plain or gzip'd), with skipped records and problems."""
    from presslens.ingest.readers import InputSkipped, _too_large, article_from_html

    name = str(path)
    seen = 0
    if not _starts_as_warc(path):
        yield InputProblem(name, "not a WARC file (it does not begin with a WARC/1.x record)")
        return
    with path.open("rb") as handle:
        records = iter(ArchiveIterator(handle))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
                # A damaged record ends what can be read; the records before it are kept.
                yield InputProblem(name, f"WARC record {seen + 1} cannot be read: {exc}")
                return
            seen += 1
            where = f"{name} record {seen}"
            skipped = {"record": seen}
            if record.rec_type not in ("response", "resource"):
                continue  # requests, metadata, warcinfo, revisits: not pages
            uri = record.rec_headers.get_header("WARC-Target-URI") or None
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                content_type = record.http_headers.get_header("Content-Type") or ""
                if status != "200":
                    yield InputSkipped(name, f"HTTP status {status} for {uri}", **skipped)
                    continue
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if not content_type.lower().startswith(HTML_TYPES):
                yield InputSkipped(name, f"not a web page ({content_type or 'no type'})",
                                   **skipped)
                continue
            body = record.content_stream().read(max_article_bytes + 1)
            if len(body) > max_article_bytes:
                yield InputProblem(where, _too_large(len(body), max_article_bytes, "page")
                                   + (f" ({uri})" if uri else ""))
                continue
            try:
                html, encoding = decode_bytes(body)
                yield article_from_html(html, source=Source(path=name, url=uri, outlet=outlet,
                                                            encoding=encoding))
            except InputError as exc:
                yield InputSkipped(name, f"{uri or 'page'}: {exc}", **skipped)
    if seen == 0:
        yield InputProblem(name, "empty file (no WARC records)")


def _starts_as_warc(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(2)
        handle.seek(0)
        try:
            start = (gzip.GzipFile(fileobj=handle).read(5) if head == b"\x1f\x8b"
                     else handle.read(5))
        except (OSError, EOFError, zlib.error):
            return False
    return start == b"WARC/"
