"""Inputs that once broke a run: each is reported by name, or read, and the batch goes on."""

import json
import multiprocessing
import os

import pytest
from typer.testing import CliRunner

from presslens.analysis import analyze
from presslens.cli import app
from presslens.ingest import RawArticle, read_inputs
from presslens.ingest.cleaning import clean_text
from presslens.ingest.encoding import decode_bytes
from presslens.model import InputProblem
from presslens.store import Store

runner = CliRunner()
GOOD = "Iraq's parliament voted on Sunday to expel foreign forces from the country.\n"


@pytest.mark.model
def test_lone_surrogates_and_bad_urls_in_jsonl_do_not_stop_the_batch(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "A text with a lone surrogate \\ud800 in it, about Iraq."}\n'
        '{"text": "An article with a broken address.", "url": "http://[bad/x"}\n'
        + "[" * 100_000 + "\n", encoding="utf-8")
    found = list(read_inputs([feed]))
    assert isinstance(found[0], RawArticle) and "\ufffd" in found[0].text
    assert isinstance(found[1], RawArticle) and found[1].source.outlet is None
    assert isinstance(found[2], InputProblem) and "nested too deeply" in found[2].reason
    corpus = analyze([a for a in found if isinstance(a, RawArticle)])
    assert len(corpus.articles) == 2


def test_article_longer_than_the_pipeline_takes_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Word. " * 400_000)
    (problem,) = list(read_inputs([path]))
    assert "characters, over the" in problem.reason


def test_bad_settings_and_options_are_one_line_errors(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db",
                                 str(tmp_path / "s.db")], env={"PRESSLENS_BATCH_SIZE": "x"})
    assert result.exit_code == 2 and "PRESSLENS_BATCH_SIZE" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (tmp_path / "taken").write_text("a file, not a folder")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--out",
                                 str(tmp_path / "taken")])
    assert result.exit_code == 2 and "is a file" in result.stderr
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--out",
                                 str(tmp_path / "o"), "--max-article-bytes", "0"])
    assert result.exit_code == 2


def _open_store(path: str) -> str:
    try:
        Store.open(path).close()
        return "ok"
    except Exception as exc:  # reported back to the parent test
        return repr(exc)


@pytest.mark.slow
def test_processes_creating_one_store_at_once_all_succeed(tmp_path):
    paths = [str(tmp_path / f"s{i}.db") for i in range(4) for _ in range(4)]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_open_store, paths)
    assert results == ["ok"] * len(paths)


def test_utf16_without_byte_order_mark():
    text = "The minister said the talks would resume on Monday in Baghdad."
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_short_western_text_is_read_as_windows_1252():
    text = "Le café était naïve, déjà vu à Zürich: “très” cher."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_lead_paragraph_that_starts_like_the_title_is_kept():
    cleaned = clean_text("Minister says talks in Baghdad will continue for another week, "
                         "officials said on Monday.\n\nSecond paragraph.",
                         title="Minister says talks in Baghdad will continue")
    assert cleaned.body.startswith("Minister says talks in Baghdad will continue for")


def test_entity_ids_do_not_depend_on_article_order(samples, nlp):
    articles = [a for a in read_inputs(samples) if isinstance(a, RawArticle)]
    forward = {e.id for e in analyze(articles, nlp=nlp).entities}
    backward = {e.id for e in analyze(list(reversed(articles)), nlp=nlp).entities}
    assert forward == backward


def test_linked_folders_are_read_once(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(GOOD)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.symlink(real, corpus / "linked")
    os.symlink(corpus, corpus / "loop")
    found = list(read_inputs([corpus]))
    articles = [r for r in found if isinstance(r, RawArticle)]
    assert len(articles) == 1
    assert any(isinstance(r, InputProblem) and "already read" in r.reason for r in found)


def test_problem_messages_name_the_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "x" * 3000}) + "\n")
    (problem,) = list(read_inputs([feed], max_article_bytes=1000))
    assert problem.line == 1 and "longer than the 1,000 bytes limit" in problem.reason


def test_runs_of_one_mark_are_cut_to_a_readable_length():
    from presslens.ingest.cleaning import MAX_MARK_RUN, normalize_text

    text = normalize_text('He said ' + '"' * 40000 + ' nothing ' + "!" * 500)
    assert '"' * (MAX_MARK_RUN + 1) not in text and "!" * (MAX_MARK_RUN + 1) not in text
    assert '"' * MAX_MARK_RUN in text


def test_adversarial_texts_keep_every_span_on_its_words(nlp):
    from presslens.analysis import analyze

    texts = [
        '"' * 30000 + " said the minister " + '"' * 30001,
        "قال وزير الخارجية الإيراني إن Washington must leave Iraq, the minister said. " * 20,
        "The\u200b minister\u200c said\u200d on Monday that US\u2060 forces attacked. " * 20,
        "🔥 The army 💣 attacked the city on Monday 🇮🇷, officials said 😡. " * 20,
        "(" * 3000 + "the army attacked" + ")" * 3000,
        "word " * 5000,
    ]
    corpus = analyze(texts, nlp=nlp)
    assert len(corpus.articles) == len(texts)
    for article in corpus.articles:
        for kind in ("quotes", "timexes", "events", "framing"):
            for item in getattr(article, kind):
                span = item.get("content") or item.get("trigger") or item
                assert article.text[span["start"]:span["end"]] == span["text"]
