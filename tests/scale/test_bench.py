"""`presslens bench` runs on the pipeline as it is, components before the parser included."""

import pytest

from presslens.bench import run_bench
from presslens.ingest import article_from_record


@pytest.mark.model
def test_bench_times_only_components_after_spacy_and_runs_to_the_end():
    articles = [article_from_record({"text": f"A caption {n}\n\nThe minister said on Monday "
                                             "that talks would resume.", "title": "T"})
                for n in range(3)]
    result = run_bench(articles)
    assert result.articles == 3 and result.full_seconds > 0
    assert "presslens_paragraph_breaks" not in result.component_seconds
    assert result.component_seconds  # the extractors after the parser are timed


def test_bench_counts_skipped_web_archive_records_as_analyze_does(tmp_path):
    import io

    from typer.testing import CliRunner
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from presslens.cli import app

    crawl = tmp_path / "crawl.warc"
    with crawl.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for uri, status, content_type in (("https://example.org/site.css", "200 OK", "text/css"),
                                          ("https://example.org/old", "301 Moved", "text/html")):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(b"body {}"), http_headers=headers))
    result = CliRunner().invoke(app, ["bench", str(crawl)])
    assert result.exit_code == 2
    assert "skipped 2 web-archive record(s) that are not articles" in result.stderr
    assert "file(s) that are not articles" not in result.stderr
    assert "no articles to benchmark" in result.stderr
