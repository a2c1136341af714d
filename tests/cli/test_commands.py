"""The command line, end to end: exit codes, messages, files, the store."""

import json
import re

import pytest

from presslens.event_confidence import default_min_confidence
from presslens.store import read_jsonl
from tests.helpers import invoke


@pytest.fixture()
def mixed_batch(tmp_path, samples):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 300)
    (folder / "nothing.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "Iraq's parliament voted on Sunday to expel foreign forces.",
                    "outlet": "Example Wire"}) + "\n{broken json\n")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    unknown = tmp_path / "slides.pptx"
    unknown.write_bytes(b"PK\x03\x04")
    return [*samples, folder, unknown, tmp_path / "missing.txt"]


@pytest.mark.model
def test_bad_inputs_are_reported_and_good_ones_analysed(tmp_path, mixed_batch):
    result = invoke("analyze", *mixed_batch, "--out", tmp_path / "out")
    assert result.exit_code == 1
    messages = result.stderr
    assert "Traceback" not in messages
    for expected in ("empty.txt: empty file", "binary.txt: binary",
                     "nothing.html: no article text", "feed.jsonl:2: invalid JSON",
                     "huge.txt: file is 50.0 MB", "slides.pptx: unsupported file type .pptx",
                     "missing.txt: no such file or directory", "7 input(s) could not be read"):
        assert expected in messages, expected
    articles = read_jsonl(tmp_path / "out" / "articles.jsonl")
    assert len(articles) == 3
    assert {a["source"]["outlet"] for a in articles} == {"Press TV", "Tasnim News Agency",
                                                         "Example Wire"}


@pytest.mark.model
def test_ingest_stores_good_articles_of_a_bad_batch_and_is_idempotent(tmp_path, mixed_batch):
    db = tmp_path / "store.db"
    first = invoke("ingest", *mixed_batch, "--db", db)
    assert first.exit_code == 1
    assert "3 articles added" in first.stdout
    again = invoke("ingest", *mixed_batch, "--db", db)
    assert "0 articles added" in again.stdout and "3 in the store" in again.stdout


@pytest.mark.model
def test_ingest_search_export(tmp_path, samples):
    db = tmp_path / "store.db"
    assert invoke("ingest", *samples, "--db", db).exit_code == 0
    found = invoke("search", "Soleimani", "--db", db)
    assert found.exit_code == 0
    assert "Iraqis Urge Formation of Alliance" in found.stdout
    assert "Soleimani" in found.stdout
    assert "No matches." in invoke("search", "zzzunfindable", "--db", db).stdout
    exported = invoke("export", "--out", tmp_path / "dump", "--db", db)
    assert exported.exit_code == 0
    assert len(read_jsonl(tmp_path / "dump" / "articles.jsonl")) == 2


@pytest.mark.model
def test_published_and_outlet_options_win(tmp_path, samples):
    out = tmp_path / "out"
    result = invoke("analyze", samples[1], "--out", out, "--published", "2021-11-20",
                    "--outlet", "Tasnim (mirror)")
    assert result.exit_code == 0
    (article,) = read_jsonl(out / "articles.jsonl")
    assert article["source"]["published"] == "2021-11-20"
    assert article["source"]["published_inferred"] is False
    assert article["source"]["outlet"] == "Tasnim (mirror)"


@pytest.mark.model
def test_bad_published_date_is_a_clear_error(tmp_path, samples):
    result = invoke("analyze", samples[1], "--out", tmp_path, "--published", "someday")
    assert result.exit_code == 2
    assert "cannot read 'someday' as a date" in result.stderr


def test_search_without_a_store(tmp_path):
    result = invoke("search", "x", "--db", tmp_path / "none.db")
    assert result.exit_code == 2
    assert "no store at" in result.stderr


@pytest.mark.model
def test_default_store_path_comes_from_the_environment(tmp_path, samples):
    env = {"PRESSLENS_DB": str(tmp_path / "env.db")}
    assert invoke("ingest", samples[0], env=env).exit_code == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize("command", ["analyze", "ingest", "search", "export", "demo", "bench",
                                     "quotes", "eval quotes",
                                     "eval entities", "eval time", "eval events", "events",
                                     "entities", "merge", "split"])
def test_every_command_has_help_with_examples(command):
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


@pytest.mark.model
def test_demo(tmp_path):
    result = invoke("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.stderr
    assert "fiction" in result.stdout
    for name in ("articles.jsonl", "entities.jsonl", "report.html", "presslens.db"):
        assert (tmp_path / "demo" / name).exists()
    assert len(read_jsonl(tmp_path / "demo" / "articles.jsonl")) >= 30
    assert "Outlet" in result.stdout


@pytest.mark.model
def test_eval_entities_prints_figures():
    result = invoke("eval", "entities", "--split", "dev")
    assert result.exit_code == 0, result.stderr
    for row in ("mentions, strict", "mentions, span", "actors, B-cubed", "PERSON"):
        assert row in result.stdout


@pytest.mark.model
def test_bench_prints_throughput(samples):
    result = invoke("bench", *samples)
    assert result.exit_code == 0, result.stderr
    assert "presslens bench: 2 articles" in result.stdout
    for row in ("(a) bare spaCy en_core_web_sm, articles / s", "(b) / (a)",
                "(c) presslens_timexes, share of (a)", "(c) presslens_framing, share of (a)",
                "peak memory (this process)"):
        assert row in result.stdout


@pytest.mark.model
def test_bench_generates_articles_and_runs_processes(tmp_path):
    corpus = tmp_path / "bench.jsonl.gz"
    written = invoke("bench", "--articles", "12", "--write-corpus", corpus)
    assert written.exit_code == 0, written.stderr
    from presslens.ingest.readers import read_inputs

    articles = list(read_inputs([corpus]))
    assert len(articles) == 12 and len({a.id for a in articles}) == 12
    result = invoke("bench", "--articles", "12", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert "presslens bench: 12 articles" in result.stdout
    assert "speed-up of 2 processes over 1" in result.stdout
    assert "start of 2 workers" in result.stdout


@pytest.mark.model
def test_bench_workers_take_turns_on_every_article():
    from presslens.bench import JOBS_SLICE, run_bench
    from presslens.bench_corpus import generate, paragraph_pool
    from presslens.cli import demo_corpus_path

    # More than one turn of the workers, the last one short.
    articles = list(generate(JOBS_SLICE + 20, paragraph_pool([demo_corpus_path()]), seed=3,
                             paragraphs=(1, 1)))
    steps = []
    result = run_bench(articles, jobs=2, step=steps.append)
    assert result.jobs_articles == result.articles == len(articles)
    assert result.jobs_seconds > 0 and result.full_seconds > 0 and result.bare_seconds > 0
    assert result.jobs_start_seconds > 0 and result.workers_peak_rss_mb > 100
    assert steps[0] == "starting 2 worker processes"


@pytest.mark.model
def test_eval_time_prints_tempeval_figures(tmp_path):
    from presslens.eval.time import timeml_dir

    if timeml_dir() is None:
        pytest.skip("../shared/data/timeml is not beside the checkout")
    errors = tmp_path / "errors.jsonl"
    result = invoke("eval", "time", "--split", "test", "--errors", errors)
    assert result.exit_code == 0, result.stderr
    for row in ("extent, strict", "extent, relaxed", "value F1", "DATE", "DURATION",
                "spurious per 10,000 words"):
        assert row in result.stdout
    kinds = {json.loads(line)["kind"] for line in errors.read_text().splitlines()}
    assert kinds <= {"missed", "spurious", "value"} and kinds


@pytest.mark.model
def test_quotes_command(tmp_path, samples):
    db = tmp_path / "store.db"
    assert invoke("ingest", *samples, "--db", db).exit_code == 0
    result = invoke("quotes", "--speaker", "al-Mousavi", "--db", db)
    assert result.exit_code == 0
    assert "Yasin al-Mousavi" in result.stdout and "Press TV" in result.stdout
    assert "Only resistance can expel them" in result.stdout
    result = invoke("quotes", "--about", "occupation", "--db", db)
    assert "Tasnim News Agency" in result.stdout
    assert invoke("quotes", "--kind", "sideways", "--db", db).exit_code == 2
    assert "No quotes." in invoke("quotes", "--speaker", "Nobody Atall", "--db", db).stdout


@pytest.mark.model
def test_eval_quotes_prints_both_extractors():
    result = invoke("eval", "quotes", "--split", "dev", "--polnear", "none", "--peer")
    assert result.exit_code == 0, result.stderr
    assert "presslens P / R / F1" in result.stdout and "textacy P / R / F1" in result.stdout
    assert "quote + speaker" in result.stdout


@pytest.mark.model
def test_eval_events_prints_figures(tmp_path):
    from presslens.eval.events import events_dir

    if events_dir() is None:
        pytest.skip("../shared/data/events is not beside the checkout")
    errors = tmp_path / "errors.jsonl"
    result = invoke("eval", "events", "--split", "test", "--errors", errors)
    assert result.exit_code == 0, result.stderr
    for row in ("type accuracy", "triple accuracy", "ASSAULT", "plv_train"):
        assert row in result.stdout
    assert errors.read_text().strip()


@pytest.mark.model
def test_events_command_lists_stored_events(tmp_path, samples):
    db = tmp_path / "store.db"
    assert invoke("ingest", *samples, "--db", db, "--published", "2021-11-18").exit_code == 0
    result = invoke("events", "--type", "assault", "--db", db, "--min-confidence", "0")
    assert result.exit_code == 0
    assert "al-Muhandis" in result.stdout and "ASSAULT" in result.stdout
    assert "Tasnim" in result.stdout or "Press TV" in result.stdout
    everything = result.stdout.count("ASSAULT")
    shown = invoke("events", "--type", "assault", "--db", db).stdout
    # By default only events at or above the threshold chosen on the development articles.
    assert shown.count("ASSAULT") < everything
    confidences = [float(c) for c in re.findall(r"confidence (0\.\d+|1\.00)", shown)]
    assert confidences and min(confidences) >= default_min_confidence()
    assert invoke("events", "--type", "SHOUT", "--db", db).exit_code == 2
    result = invoke("events", "--since", "2030-01-01", "--db", db)
    assert "No events." in result.stdout
