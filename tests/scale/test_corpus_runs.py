"""Corpus runs at scale: worker processes and Dask give the single-process output, crawls and
compressed feeds are read, near-identical copies count once, and a killed run resumes."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app, demo_corpus_path
from presslens.ingest.readers import InputSkipped, RawArticle, read_inputs
from presslens.model import InputProblem

pytestmark = pytest.mark.slow

WIRE_STORY = (
    "Iraqi Prime Minister Mustafa al-Kadhimi met a delegation of US officials in Baghdad on "
    "Wednesday to discuss the withdrawal of American combat forces, his office said in a "
    "statement. \"The talks were frank and useful,\" Foreign Minister Fuad Hussein told "
    "reporters after the meeting, adding that a joint committee would meet again next month.\n\n"
    "The two sides agreed that the international coalition against Daesh would move to an "
    "advisory role by the end of the year, according to the statement. Several lawmakers in "
    "the Iraqi parliament have demanded a full withdrawal since the killing of Qassem "
    "Soleimani near Baghdad airport in January 2020, and armed groups have threatened to "
    "attack US bases if the troops stay.\n\n"
    "Hussein said the government would present the committee's findings to parliament. "
    "Officials in Washington declined to comment on the timing of the withdrawal."
)


def invoke(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def small_corpus(tmp_path: Path, count: int) -> Path:
    """``count`` demo articles copied into a folder of their own."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = sorted(p for p in demo_corpus_path().rglob("*")
                   if p.suffix in (".txt", ".html"))[:count]
    for number, path in enumerate(files):
        shutil.copy(path, folder / f"{number:03d}{path.suffix}")
    return folder


@pytest.mark.model
def test_worker_processes_and_dask_give_the_single_process_output(tmp_path):
    corpus = small_corpus(tmp_path, 10)
    single = invoke("analyze", corpus, "-o", tmp_path / "one")
    assert single.exit_code == 0, single.stderr
    processes = invoke("analyze", corpus, "-o", tmp_path / "two", "--jobs", "2")
    assert processes.exit_code == 0, processes.stderr
    dask = invoke("analyze", corpus, "-o", tmp_path / "dask", "--dask", "local:2",
                  env={"PRESSLENS_SHARD_SIZE": "3"})
    assert dask.exit_code == 0, dask.stderr
    for name in ("articles.jsonl", "entities.jsonl", "copies.jsonl"):
        expected = (tmp_path / "one" / name).read_bytes()
        assert (tmp_path / "two" / name).read_bytes() == expected, name
        assert (tmp_path / "dask" / name).read_bytes() == expected, name
    # 10 articles in shards of 3: four Parquet files, one per Dask task.
    assert len(list((tmp_path / "dask" / "shards").glob("shard-*.parquet"))) == 4
    assert len((tmp_path / "one" / "articles.jsonl").read_text().splitlines()) == 10


def test_dask_address_that_does_not_answer_is_a_clear_error(tmp_path):
    corpus = small_corpus(tmp_path, 1)
    result = invoke("analyze", corpus, "-o", tmp_path / "out", "--dask", "local:zero")
    assert result.exit_code != 0
    assert "local:N" in result.stderr


def _warc(path: Path, pages: list[tuple[str, str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, status, content_type, payload in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.example-news.com")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b""), http_headers=request))
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers))


def _page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_crawl_yields_its_articles_and_skips_the_rest(tmp_path, name):
    path = tmp_path / name
    _warc(path, [
        ("https://www.example-news.com/2021/07/kadhimi-talks", "200 OK",
         "text/html; charset=utf-8", _page("Kadhimi holds talks", WIRE_STORY)),
        ("https://www.example-news.com/site.css", "200 OK", "text/css", b"body {}"),
        ("https://www.example-news.com/old", "301 Moved Permanently", "text/html", b""),
        ("https://www.example-news.com/", "200 OK", "text/html", _page("Home", "Home")),
    ])
    results = list(read_inputs([path]))
    articles = [r for r in results if isinstance(r, RawArticle)]
    skipped = [r for r in results if isinstance(r, InputSkipped)]
    assert [a.source.url for a in articles] == [
        "https://www.example-news.com/2021/07/kadhimi-talks"]
    assert articles[0].source.title == "Kadhimi holds talks"
    assert "Kadhimi" in articles[0].text and "Home | World" not in articles[0].text
    assert {s.reason.split(" ")[0] for s in skipped} == {"not", "HTTP", "https://www.example-news.com/:"}
    assert all(s.path == str(path) and s.record for s in skipped)
    assert not [r for r in results if isinstance(r, InputProblem)]


def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://www.example-news.com/a", "200 OK", "text/html",
                  _page("A story", WIRE_STORY))])
    data = path.read_bytes()
    path.write_bytes(data + b"XXXXXXXXXXXXXXXX" + data)
    results = list(read_inputs([path]))
    assert [type(r).__name__ for r in results] == ["RawArticle", "InputProblem"]
    assert "cannot be read" in results[1].reason
    path.write_bytes(b"hello, this is not a web archive\n" * 20)
    results = list(read_inputs([path]))
    assert len(results) == 1 and "not a WARC file" in results[0].reason


def test_gzipped_jsonl_is_read_and_a_truncated_one_keeps_its_good_lines(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    lines = [json.dumps({"text": WIRE_STORY.replace("Wednesday", day), "outlet": "Wire"})
             for day in ("Monday", "Tuesday", "Wednesday")]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path.write_bytes(data)
    assert len([r for r in read_inputs([path]) if isinstance(r, RawArticle)]) == 3
    path.write_bytes(data[: len(data) * 2 // 3])
    results = list(read_inputs([path]))
    problems = [r for r in results if isinstance(r, InputProblem)]
    assert len(problems) == 1 and "compressed data is corrupt" in problems[0].reason
    assert problems[0].path == str(path)


def _copies_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a-original.txt").write_text(WIRE_STORY)
    # A syndicated copy: new headline line, the last paragraph cut, a word changed.
    syndicated = "Iraq and US hold withdrawal talks\n\n" + WIRE_STORY.rsplit("\n\n", 1)[0]
    (folder / "b-syndicated.txt").write_text(syndicated.replace("frank", "candid"))
    (folder / "c-other.txt").write_text(
        "Protesters gathered in Tahrir Square in Baghdad on Friday to demand jobs and an end "
        "to corruption, witnesses said. Security forces fired tear gas to disperse the crowd, "
        "and at least twelve people were wounded, a medical source told reporters. The "
        "protests have spread to Basra and Nasiriyah, where demonstrators blocked roads.")
    return folder


@pytest.mark.model
def test_near_identical_copies_count_once_and_are_kept_as_sources(tmp_path):
    corpus = _copies_corpus(tmp_path)
    db = tmp_path / "store.db"
    result = invoke("analyze", corpus, "-o", tmp_path / "out", "--db", db)
    assert result.exit_code == 0, result.stderr
    articles = [json.loads(x) for x in (tmp_path / "out/articles.jsonl").read_text().splitlines()]
    copies = [json.loads(x) for x in (tmp_path / "out/copies.jsonl").read_text().splitlines()]
    assert len(articles) == 2
    assert [c["source"]["path"].endswith("b-syndicated.txt") for c in copies] == [True]
    original = next(a for a in articles if a["source"]["path"].endswith("a-original.txt"))
    assert copies[0]["copy_of"] == original["id"] and copies[0]["similarity"] >= 0.8
    assert "1 near-identical copies" in result.stdout

    from presslens.store import Store

    with Store.open(db) as store:
        assert [c["id"] for c in store.copies(original["id"])] == [copies[0]["id"]]
        assert store.count_articles() == 2
    again = invoke("ingest", corpus, "--db", db)
    assert again.exit_code == 0, again.stderr
    with Store.open(db) as store:
        assert store.count_articles() == 2 and len(store.copies()) == 1

    kept = invoke("analyze", corpus, "-o", tmp_path / "all", "--keep-near-duplicates")
    assert kept.exit_code == 0, kept.stderr
    assert len((tmp_path / "all/articles.jsonl").read_text().splitlines()) == 3


@pytest.mark.model
def test_time_budget_stores_what_it_has_and_reports_the_rest(tmp_path, monkeypatch):
    import itertools

    from presslens import runner

    # A clock that moves a second each time it is read: the budget runs out after the
    # first articles, however fast this machine is.
    ticks = itertools.count()
    monkeypatch.setattr(runner.time, "monotonic", lambda: float(next(ticks)))
    corpus = small_corpus(tmp_path, 6)
    db = tmp_path / "store.db"
    result = invoke("ingest", corpus, "--db", db, "--time-budget", "2",
                    env={"PRESSLENS_BATCH_SIZE": "2"})
    assert result.exit_code == 1
    assert "time budget of 2 s was spent: 3 article(s) were not analysed" in result.stderr
    monkeypatch.undo()
    from presslens.store import Store

    with Store.open(db) as store:
        assert store.count_articles() == 3
    again = invoke("ingest", corpus, "--db", db)
    assert again.exit_code == 0, again.stderr
    from presslens.store import Store

    with Store.open(db) as store:
        assert store.count_articles() == 6


def store_contents(db: Path) -> dict[str, str]:
    from presslens.store import Store

    with Store.open(db) as store:
        assert store.integrity() == "ok"
        return store.digest()


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PRESSLENS_BATCH_SIZE": "3"}
    return subprocess.Popen([sys.executable, "-m", "presslens", "ingest", str(corpus),
                             "--db", str(db)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


@pytest.mark.model
def test_a_killed_ingest_run_again_gives_the_store_of_an_uninterrupted_run(tmp_path):
    corpus = small_corpus(tmp_path, 9)
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(first, corpus / "900-copy.txt")
    (corpus / "901-near.txt").write_text(first.read_text() + "\n\nEnds.")
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    assert _ingest(corpus, reference).wait() == 0
    duration = time.monotonic() - started
    expected = store_contents(reference)
    assert expected["articles"].startswith("9:") and expected["copies"].startswith("1:")

    rng = random.Random(7)
    killed = tmp_path / "killed.db"
    kills = 0
    for _ in range(3):
        run = _ingest(corpus, killed)
        time.sleep(rng.uniform(0.3, duration))
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            kills += 1
        run.wait()
    assert _ingest(corpus, killed).wait() == 0
    assert store_contents(killed) == expected
    assert kills >= 1


@pytest.mark.model
def test_a_settled_pipeline_has_its_models_loaded_and_out_of_the_collectors_scans():
    import gc

    from presslens.components.framing import techniques as framing_techniques
    from presslens.nlp import build_pipeline, settle

    nlp = build_pipeline()
    before = gc.get_freeze_count()
    assert settle(nlp) is nlp
    assert gc.get_freeze_count() > before
    # Loaded, and so frozen with the rest.
    assert framing_techniques._models.cache_info().currsize == 1
    doc = nlp("Critics say the so-called reforms failed, officials said on Monday.")
    assert doc._.quotes and doc._.timexes is not None


def test_memory_zones_free_a_runs_new_words_and_leave_the_output_unchanged(nlp, monkeypatch):
    from presslens import runner

    names = [f"Zorblaxo{number}" for number in range(7)]
    articles = [RawArticle(WIRE_STORY.replace("Hussein", name)) for name in names]
    monkeypatch.setattr(runner, "LOCAL_CHUNK_SIZE", 2)
    monkeypatch.setattr(runner, "ZONE_ARTICLES", 3)
    stream = runner.analysed_stream(iter(articles), runner.RunOptions(), nlp=nlp, knowledge=None)
    zoned = [result[0].to_dict() for result in stream]
    # Four chunks of two in three zones: each zone's new words went with it.
    assert not any(name in nlp.vocab.strings for name in names)
    plain = [result[0].to_dict() for result in runner.analyse_local(articles, nlp)]
    assert any(name in nlp.vocab.strings for name in names)
    assert zoned == plain
    assert any(name in json.dumps(record) for record in zoned for name in names)


def test_a_long_run_renews_the_shared_pipeline_frees_the_old_and_keeps_the_output(
        nlp, monkeypatch):
    import weakref

    from presslens import runner
    from presslens.nlp import load_pipeline

    names = [f"Quemblor{number}" for number in range(8)]
    articles = [RawArticle(WIRE_STORY.replace("Hussein", name)) for name in names]
    monkeypatch.setattr(runner, "LOCAL_CHUNK_SIZE", 2)
    monkeypatch.setattr(runner, "ZONE_ARTICLES", 2)
    # Every zone adds lexemes, so every zone after the first opens on a new pipeline.
    monkeypatch.setattr(runner, "LEXEMES_PER_PIPELINE", 0)
    used: list[weakref.ref] = []
    original = runner.analyse_local

    def analyse_local(chunk, pipeline, knowledge=None):
        if not used or used[-1]() is not pipeline:
            used.append(weakref.ref(pipeline))
        return original(chunk, pipeline, knowledge)

    monkeypatch.setattr(runner, "analyse_local", analyse_local)
    stream = runner.analysed_stream(iter(articles), runner.RunOptions(), nlp=None,
                                    knowledge=None)
    renewed = [result[0].to_dict() for result in stream]
    plain = [result[0].to_dict() for result in original(articles, nlp)]
    assert renewed == plain
    assert len(used) == 4
    # The pipelines in between were freed; the last one is the shared pipeline now.
    assert [ref() is None for ref in used[1:-1]] == [True, True]
    assert used[-1]() is load_pipeline()
    # A caller's own pipeline is never replaced.
    stream = runner.analysed_stream(iter(articles), runner.RunOptions(), nlp=nlp,
                                    knowledge=None)
    assert [result[0].to_dict() for result in stream] == plain
    assert used[-1]() is nlp


def test_memos_keep_their_newest_entries_and_never_outgrow_their_cap():
    from presslens.memo import MEMO_ENTRIES, trim_memo
    from presslens.resolve.names import name_key

    memo: dict[int, int] = {}
    for word in range(3 * MEMO_ENTRIES + 7):
        memo[word] = word
        trim_memo(memo)
        assert len(memo) <= MEMO_ENTRIES
    assert 3 * MEMO_ENTRIES + 6 in memo and 0 not in memo
    assert list(memo) == sorted(memo)  # the oldest went first
    assert name_key.cache_info().maxsize == MEMO_ENTRIES
