"""Hostile input, generated: whatever the readers and the analysis are given, nothing crashes,
every span is its text, a bad item is reported by name with a reason, and good items are kept."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from presslens.analysis import analyze
from presslens.cli import app
from presslens.ingest.readers import InputSkipped, RawArticle, read_inputs
from presslens.model import InputProblem

NEWS = [
    "Iraqi Prime Minister Mustafa al-Kadhimi said on Wednesday that US forces would leave.",
    '"We will not accept the occupation," the cleric told reporters in Baghdad.',
    "According to officials, a drone strike killed two commanders near the airport last year.",
    "The so-called \"advisory\" mission has long served Washington's interests, critics say.",
    "Daesh (Deash) militants attacked a checkpoint in Diyala province on Jan. 5, 2020.",
]
HOSTILE = [
    "\x00", "\u200b", "\u200c\u200d", "\u2060", "\ufeff", "\u202e", "\u202a", "\ufffd",
    "قال وزير الخارجية", "گفت وزیر امور خارجه ایران", "🔥💣🇮🇷😡", '"', "“", "”", "«", "»",
    "'", "((", "))", "\n\n", "\r\n", "\t", "e\u0301", "ﬁ", "Ⅻ", "\U0001d400", "<script>",
    "&amp;", "&#0;", "\\", "—", "…", "!!!!", "\x7f", "\x1b[31m",
]
PIECES = st.one_of(st.sampled_from(NEWS), st.sampled_from(HOSTILE),
                   st.text(max_size=40), st.text(alphabet=st.characters(
                       categories=["Lu", "Ll", "Nd", "Po", "Zs", "Mn", "Cf", "So"]), max_size=30))


def spans_in(value: object) -> list[dict]:
    """Every dict with ``start``, ``end`` and ``text`` anywhere in a record."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) \
                and isinstance(value.get("text"), str):
            found.append(value)
        for item in value.values():
            found += spans_in(item)
    elif isinstance(value, list):
        for item in value:
            found += spans_in(item)
    return found


def assert_every_span_is_its_text(record: dict) -> None:
    text = record["text"]
    for span in spans_in({k: v for k, v in record.items() if k != "text"}):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=12), st.sampled_from([" ", "", "\n", "\n\n"]),
       st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_analysis_of_any_text_keeps_every_span_on_its_words(nlp, parts, glue, form):
    text = unicodedata.normalize(form, glue.join(parts))
    if not text.strip("\x00 \n\t\r\u200b\u200c\u200d\u2060\ufeff"):
        return
    try:
        corpus = analyze([text], nlp=nlp)
    except Exception as exc:  # only the documented refusal of a text with nothing left
        assert "no article text" in str(exc), exc
        return
    for article in corpus.articles:
        assert_every_span_is_its_text(article.to_dict())


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_every_normalisation_form_gives_the_same_analysis(nlp, form):
    text = " ".join(NEWS) + " Le ministre a déclaré à Téhéran: «Nous partirons»."
    nfc = analyze([unicodedata.normalize("NFC", text)], nlp=nlp).articles[0]
    other = analyze([unicodedata.normalize(form, text)], nlp=nlp).articles[0]
    assert_every_span_is_its_text(other.to_dict())
    if form in ("NFC", "NFD"):  # canonical forms: the cleaned text is the same
        assert other.text == nfc.text and other.id == nfc.id


def test_one_hundred_thousand_quotation_marks(nlp):
    texts = ['"' * 100_000, 'He said "' + "yes " * 20 + '"' * 50_000 + " then left.",
             "“" * 50_000 + "”" * 50_000, '"a" ' * 25_000]
    for article in analyze(texts, nlp=nlp).articles:
        assert_every_span_is_its_text(article.to_dict())


SUFFIXES = [".txt", ".html", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES), st.booleans())
def test_readers_never_crash_on_bytes(tmp_path, data, suffix, compress):
    if compress and suffix.endswith(".gz"):
        data = gzip.compress(data)
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for result in read_inputs([path], max_article_bytes=10_000):
        assert isinstance(result, RawArticle | InputProblem | InputSkipped)
        if isinstance(result, InputProblem):
            assert result.path.startswith(str(path)) and result.reason
        if isinstance(result, RawArticle):
            assert result.text.strip() and "\x00" not in result.text


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.builds(lambda t: json.dumps({"text": t}), st.text(max_size=200)),
    st.builds(lambda t: json.dumps({"html": t}), st.text(max_size=200)),
    st.text(max_size=100),
    st.builds(json.dumps, st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                                       lambda inner: st.lists(inner) | st.dictionaries(
                                           st.text(max_size=5), inner), max_leaves=20)),
), max_size=20))
def test_jsonl_lines_are_each_an_article_or_a_named_problem(tmp_path, lines):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8",
                    errors="surrogatepass")
    results = list(read_inputs([path]))
    for result in results:
        assert isinstance(result, RawArticle | InputProblem)
        if isinstance(result, InputProblem):
            assert result.path == str(path) and result.reason


def test_windows_1256_and_utf16_files_are_read(tmp_path):
    arabic = ("قال وزير الخارجية الإيراني إن القوات الأمريكية يجب أن تغادر العراق، "
              "وأضاف أن الحكومة العراقية طلبت ذلك رسميا في البرلمان يوم الأربعاء.")
    (tmp_path / "cp1256.txt").write_bytes(arabic.encode("cp1256"))
    mixed = "The minister said on Monday that Iraq would ask US forces to leave. " * 3
    (tmp_path / "utf16le.txt").write_bytes(mixed.encode("utf-16"))
    (tmp_path / "utf16be.txt").write_bytes(b"\xfe\xff" + mixed.encode("utf-16-be"))
    texts = {Path(a.source.path).name: a.text for a in read_inputs([tmp_path])}
    assert "وزير الخارجية" in texts["cp1256.txt"]
    assert texts["utf16le.txt"].startswith("The minister said")
    assert texts["utf16be.txt"].startswith("The minister said")


def test_deeply_nested_html_is_read_or_refused_by_name(tmp_path):
    story = "<p>" + NEWS[0] + " " + NEWS[2] + "</p>"
    for depth in (1_000, 100_000):
        path = tmp_path / f"nested-{depth}.html"
        path.write_text("<html><body>" + "<div>" * depth + story + "</div>" * depth
                        + "</body></html>")
        results = list(read_inputs([path]))
        assert len(results) == 1
        result = results[0]
        if isinstance(result, InputProblem):
            assert result.path == str(path) and result.reason
        else:
            assert "Kadhimi" in result.text


@pytest.mark.slow
def test_one_broken_line_in_a_million(tmp_path):
    path = tmp_path / "million.jsonl"
    broken = 654_321
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, 1_000_001):
            if number == broken:
                handle.write('{"text": "cut off in the middle\n')
            else:
                handle.write(json.dumps({"text": f"Report {number}: the council met."}) + "\n")
    articles = problems = 0
    for result in read_inputs([path]):
        if isinstance(result, RawArticle):
            articles += 1
        else:
            problems += 1
            assert result.line == broken and "invalid JSON" in result.reason
    assert (articles, problems) == (999_999, 1)


@pytest.mark.model
def test_good_articles_around_bad_ones_are_all_stored(tmp_path):
    lines = []
    for number in range(30):
        if number % 7 == 3:
            lines.append(["{broken", json.dumps({"text": ""}), json.dumps([1, 2]),
                          '{"text": 5}', "\x00\x01\x02"][number % 5])
        else:
            lines.append(json.dumps({"text": f"{NEWS[number % 5]} Item {number}.",
                                     "outlet": "Fuzz Wire"}))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db)])
    assert result.exit_code == 1
    bad = [n for n in range(30) if n % 7 == 3]
    for number in bad:
        assert f"{feed}:{number + 1}:" in result.stderr
    from presslens.store import Store

    with Store.open(db) as store:
        assert store.count_articles() == 30 - len(bad)
        for article in store.articles():
            assert_every_span_is_its_text(article.to_dict())
