"""Exports read back by the tools analysts use: pandas, DuckDB, a CSV reader, Gephi's GraphML."""

import json

import duckdb
import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, samples, nlp):
    # The CLI's ingest analyses with the pipeline nlp loads.
    db = tmp_path_factory.mktemp("store") / "p.db"
    result = runner.invoke(app, ["ingest", *map(str, samples), "--db", str(db),
                                 "--published", "2021-11-18"])
    assert result.exit_code == 0, result.stdout
    return db


def export(store_path, tmp_path, fmt, *extra):
    out = tmp_path / fmt
    result = runner.invoke(app, ["export", "--out", str(out), "--format", fmt,
                                 "--db", str(store_path), *extra])
    assert result.exit_code == 0, result.stdout
    return out


def expected_counts(store_path):
    with Store.open(store_path) as store:
        articles = list(store.articles())
    return {
        "articles": len(articles),
        "quotes": sum(len(a.quotes) for a in articles),
        "events": sum(len(a.events) for a in articles),
        "timexes": sum(len(a.timexes) for a in articles),
        "framing": sum(len(a.framing) for a in articles),
        "mentions": sum(len(e.mentions) for a in articles for e in a.entities),
    }


def test_jsonl_tables(store_path, tmp_path):
    out = export(store_path, tmp_path, "jsonl", "--min-confidence", "0")
    counts = expected_counts(store_path)
    for table, count in counts.items():
        rows = [json.loads(line) for line in (out / f"{table}.jsonl").read_text().splitlines()]
        assert len(rows) == count
    events = pd.read_json(out / "events.jsonl", lines=True)
    assert {"type", "actor", "target", "date", "hypothetical", "modality", "demanded_type",
            "confidence"} <= set(events.columns)


def test_tables_hold_the_events_shown_by_default(store_path, tmp_path):
    from presslens.event_confidence import default_min_confidence

    out = export(store_path, tmp_path, "jsonl")
    rows = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert len(rows) < expected_counts(store_path)["events"]
    assert all(r["confidence"] >= default_min_confidence() for r in rows)


def test_csv_tables_read_by_pandas(store_path, tmp_path):
    out = export(store_path, tmp_path, "csv")
    quotes = pd.read_csv(out / "quotes.csv")
    assert len(quotes) == expected_counts(store_path)["quotes"]
    assert "Only resistance can expel them" in " ".join(quotes["content"])


def test_parquet_tables_read_by_pandas_and_duckdb(store_path, tmp_path):
    out = export(store_path, tmp_path, "parquet", "--min-confidence", "0")
    counts = expected_counts(store_path)
    assert len(pd.read_parquet(out / "framing.parquet")) == counts["framing"]
    ((total,),) = duckdb.sql(f"SELECT count(*) FROM '{out / 'events.parquet'}'").fetchall()
    assert total == counts["events"]
    ((assaults,),) = duckdb.sql(
        f"SELECT count(*) FROM '{out / 'events.parquet'}' WHERE type = 'ASSAULT'").fetchall()
    assert assaults >= 1


def test_graphml_read_by_networkx(store_path, tmp_path):
    out = export(store_path, tmp_path, "graphml")
    graph = nx.read_graphml(out / "network.graphml")
    assert graph.number_of_nodes() > 2 and graph.number_of_edges() > 2
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert "talks about" in kinds
    assert any(kind.startswith("ASSAULT") for kind in kinds)
    assert all(data["weight"] >= 1 for _, _, data in graph.edges(data=True))


def test_unknown_format_is_a_usage_error(store_path, tmp_path):
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "x"), "--format", "xlsx",
                                 "--db", str(store_path)])
    assert result.exit_code == 2


def test_naming_table_shows_how_each_outlet_names_an_actor(store_path):
    result = runner.invoke(app, ["naming", "United States", "--db", str(store_path)])
    assert result.exit_code == 0, result.stdout
    assert "Tasnim News Agency" in result.stdout and "Press TV" in result.stdout
    with Store.open(store_path) as store:
        table = store.naming({"united-states"})
    phrases = {row.phrase for rows in table.values() for row in rows}
    assert {"US", "Washington"} <= phrases  # the capital acting for the government
    assert all(row.example for rows in table.values() for row in rows)


def test_timeline_command(store_path):
    result = runner.invoke(app, ["timeline", "--db", str(store_path)])
    assert result.exit_code == 0, result.stdout
    assert "ASSAULT" in result.stdout and "report(s)" in result.stdout
    with Store.open(store_path) as store:
        rows = store.timeline(actor="United States")
    assert rows and all("united-states" in (r.actor, r.target) for r in rows)


def test_network_filters_and_json_for_web_views(store_path, tmp_path):
    out = tmp_path / "net"
    result = runner.invoke(app, ["export", "--out", str(out), "--format", "graphml",
                                 "--type", "assault", "--db", str(store_path)])
    assert result.exit_code == 0, result.stdout
    graph = nx.read_graphml(out / "network.graphml")
    assert {d["kind"].split(" (")[0] for _, _, d in graph.edges(data=True)} == {"ASSAULT"}
    data = json.loads((out / "network.json").read_text())
    assert data["nodes"] and data["links"]
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "none"), "--format",
                                 "graphml", "--since", "2030-01-01", "--db", str(store_path)])
    assert result.exit_code == 0
    assert nx.read_graphml(tmp_path / "none" / "network.graphml").number_of_edges() == 0


def test_corpus_report_is_one_offline_page(store_path, tmp_path):
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "r"), "--db",
                                 str(store_path)])
    assert result.exit_code == 0, result.stdout
    page = (tmp_path / "r" / "corpus-report.html").read_text()
    for part in ("Stories: the outlets side by side", 'aria-label="timeline"',
                 'aria-label="actor network"', "Naming tables", "Tasnim News Agency"):
        assert part in page
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("command", [["timeline"], ["stories"], ["naming", "Iraq"],
                                     ["network"]])
def test_query_commands_print_json_for_machines(store_path, command):
    result = runner.invoke(app, [*command, "--json", "--db", str(store_path)])
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data


def test_network_command_prints_the_heaviest_ties(store_path):
    result = runner.invoke(app, ["network", "--db", str(store_path)])
    assert result.exit_code == 0
    assert "talks about" in result.stdout and "Weight" in result.stdout


def test_gdelt_like_event_table_has_names_sources_and_evidence(store_path, tmp_path):
    out = export(store_path, tmp_path, "parquet", "--min-confidence", "0")
    events = pd.read_parquet(out / "events.parquet")
    for column in ("actor_name", "target_name", "location_name", "url", "sentence", "date",
                   "type", "mode", "outlet"):
        assert column in events.columns
    assert events["sentence"].str.len().min() > 0
