import json

import pytest

from presslens.errors import InputError
from presslens.ingest import (
    InputSkipped,
    RawArticle,
    article_from_html,
    article_from_record,
    content_id,
    read_inputs,
)
from presslens.model import InputProblem

PAGE = """<!doctype html><html><head>
<title>Iraqi MPs vote to expel foreign troops | Example News</title>
<meta property="og:title" content="Iraqi MPs vote to expel foreign troops">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2020-01-05T18:30:00Z">
<link rel="canonical" href="https://news.example/iraq/mps-vote">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Iraqi MPs vote to expel foreign troops</h1>
<p>BAGHDAD (Example News) – Iraq's parliament voted on Sunday to expel foreign troops from
the country, two days after a US drone strike killed a senior commander near the airport.</p>
<p>"This is a decision of the people," a lawmaker told reporters after the session ended
in the capital on Sunday evening.</p>
<p>The vote is not binding on the government, which must now draft a timetable for the
withdrawal of the forces, officials said.</p>
</article>
<footer>© 2020 Example News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def results(paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_txt_sample(samples):
    (article,) = results([samples[1]])
    assert isinstance(article, RawArticle)
    assert article.source.outlet == "Tasnim News Agency"
    assert article.source.dateline == "TEHRAN (Tasnim) –"
    assert article.source.path == str(samples[1])
    assert article.source.encoding == "utf-8"


def test_outlet_from_file_name(samples):
    (article,) = results([samples[0]])
    assert article.source.outlet == "Press TV"


def test_html_page(tmp_path):
    page = tmp_path / "vote.html"
    page.write_text(PAGE, encoding="utf-8")
    (article,) = results([page])
    assert article.source.title == "Iraqi MPs vote to expel foreign troops"
    assert article.source.published == "2020-01-05"
    assert article.source.url == "https://news.example/iraq/mps-vote"
    assert article.source.outlet == "Example News"
    assert article.source.dateline == "BAGHDAD (Example News) –"
    assert article.text.startswith("Iraq's parliament voted on Sunday")
    for junk in ("Home", "Sport", "All rights reserved", "Privacy"):
        assert junk not in article.text


def test_html_with_no_text(tmp_path):
    page = tmp_path / "empty.htm"
    page.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    (problem,) = results([page])
    assert isinstance(problem, InputProblem)
    assert problem.path == str(page)
    assert "no article text" in problem.reason


def test_jsonl_records_and_bad_lines(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Iraq's parliament voted to expel foreign forces on Sunday.",
                    "title": "Vote", "outlet": "tasnim", "published": "2020-01-05",
                    "url": "https://tasnimnews.com/x"}),
        "{not json",
        "",
        json.dumps({"html": PAGE}),
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "A second article about the vote.", "published": "not a date"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = results([feed])
    articles = [r for r in found if isinstance(r, RawArticle)]
    problems = [r for r in found if isinstance(r, InputProblem)]
    assert [a.source.line for a in articles] == [1, 4, 8]
    first = articles[0].source
    assert (first.title, first.outlet, first.published, first.url) == (
        "Vote", "Tasnim News Agency", "2020-01-05", "https://tasnimnews.com/x")
    assert articles[1].source.title == "Iraqi MPs vote to expel foreign troops"
    assert articles[2].warnings and "not a date" in articles[2].warnings[0]
    assert {(p.line, p.path) for p in problems} == {(n, str(feed)) for n in (2, 5, 6, 7)}
    reasons = {p.line: p.reason for p in problems}
    assert reasons[2].startswith("invalid JSON")
    assert "JSON object" in reasons[5]
    assert "'text' or 'html'" in reasons[6]
    assert "must be a string" in reasons[7]
    assert str(problems[0]).startswith(f"{feed}:2: ")


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Alpha story.\n")
    (tmp_path / "b" / "deep" / "c.txt").write_text("Gamma story.\n")
    (tmp_path / "b" / "notes.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n")
    found = results([tmp_path])
    assert [type(r) for r in found] == [RawArticle, InputSkipped, RawArticle]
    assert [r.text for r in found if isinstance(r, RawArticle)] == ["Alpha story.",
                                                                    "Gamma story."]
    assert "unsupported file type .md" in found[1].reason


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.jsonl", b"\n\n", "empty file"),
    ("binary.txt", b"\x00\x01\x02\x03\xff\xfe\x00\x00junk" * 100, "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    ("report.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
    ("only-boilerplate.txt", b"Back to top button\n", "no article text left"),
])
def test_bad_inputs_are_reported_by_name(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    (problem,) = results([path])
    assert isinstance(problem, InputProblem)
    assert problem.path == str(path)
    assert reason in problem.reason


def test_missing_path():
    (problem,) = results(["/no/such/article.txt"])
    assert problem.reason == "no such file or directory"


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)
    (problem,) = results([big])
    assert "50.0 MB, over the 5.0 MB limit" in problem.reason


def test_over_long_jsonl_line_is_skipped_and_the_rest_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "x" * 5000}) + "\n"
                    + json.dumps({"text": "A normal article."}) + "\n")
    found = results([feed], max_article_bytes=1000)
    assert isinstance(found[0], InputProblem) and found[0].line == 1
    assert isinstance(found[1], RawArticle) and found[1].source.line == 2


def test_windows_1252_file(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("The minister’s “final” offer to the café owners was rejected on "
                     "Tuesday, officials said.".encode("cp1252"))
    (article,) = results([path])
    assert "minister’s “final” offer" in article.text
    assert article.source.encoding != "utf-8"


def test_content_id_ignores_spacing_and_is_stable():
    assert content_id("A  b\nc") == content_id("A b c")
    assert content_id("A b c") != content_id("A b d")
    assert content_id("x").startswith("a") and len(content_id("x")) == 17


def test_html_record_without_text_is_an_error():
    with pytest.raises(InputError):
        article_from_record({"html": "<html><body></body></html>"})
    with pytest.raises(InputError):
        article_from_html("   ")


def test_folder_metadata_names_the_outlet_of_articles_below_it(tmp_path):
    outlet_dir = tmp_path / "noor" / "2031"
    outlet_dir.mkdir(parents=True)
    (tmp_path / "noor" / "_source.json").write_text('{"outlet": "Noor News"}')
    (outlet_dir / "a.txt").write_text("ZAVRAN (Noor) – The parliament voted.\n")
    (outlet_dir / "b.jsonl").write_text(
        json.dumps({"text": "Own outlet.", "outlet": "Meridian Wire"}) + "\n"
        + json.dumps({"text": "No outlet given."}) + "\n")
    (tmp_path / "c.txt").write_text("Outside the folder.\n")
    found = {r.text: r.source.outlet for r in results([tmp_path])}
    assert found == {"The parliament voted.": "Noor News", "Own outlet.": "Meridian Wire",
                     "No outlet given.": "Noor News", "Outside the folder.": None}
    (article,) = results([outlet_dir / "a.txt"])
    assert article.source.outlet == "Noor News"  # named alone, a file still has its folder


def test_broken_folder_metadata_is_reported_and_reading_goes_on(tmp_path):
    (tmp_path / "_source.json").write_text("{oops")
    (tmp_path / "a.txt").write_text("An article.\n")
    found = results([tmp_path])
    assert isinstance(found[0], InputProblem) and "folder metadata ignored" in found[0].reason
    assert isinstance(found[1], RawArticle)


def test_bylines_and_colon_datelines_become_metadata(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("FREE: Reporter Released After 164 Days - But Who Paid?\n\nBy Brock Hallan\n"
                    "Published: May 23, 2031 6:30 a.m.\n\nDHAFIR: The reporter is free.\n")
    (article,) = results([path])
    assert article.source.title == "FREE: Reporter Released After 164 Days - But Who Paid?"
    assert article.source.author == "Brock Hallan"
    assert article.source.published == "2031-05-23"
    assert article.source.dateline == "DHAFIR:"
    assert article.text == "The reporter is free."


def test_a_table_that_carries_the_story_is_kept_as_text():
    from presslens.ingest.readers import article_from_html

    html = ("<html><head><title>The toll</title></head><body><article><h1>The toll</h1>"
            "<p>The health ministry published the toll of the week's air strikes on Sunday, "
            "district by district, and said rescue work went on in the north.</p>"
            "<p>Officials said the figures would be revised as families reported the missing "
            "to the authorities in the coming days.</p>"
            "<table><tr><th>District</th><th>Killed</th></tr><tr><td>Saada</td><td>14</td>"
            "</tr><tr><td>Hajjah</td><td>6</td></tr></table>"
            "<p>The ministry blamed the coalition for the strikes on a market.</p>"
            "</article></body></html>")
    text = article_from_html(html).text
    assert "| Saada | 14 |" in text and "| Hajjah | 6 |" in text
    assert "---" not in text  # the rule under the header row is no text
