"""The service layer the CLI and the web share: a correction or a query means the same
whichever face asks, and the web's corrections reach later analyses as the CLI's do."""

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.cli import app as cli
from presslens.resolve.knowledge import read_alias_table
from presslens.service import queries
from presslens.service.corrections import merge_actors, split_actor
from presslens.store import Store
from presslens.web.app import Settings, create_app

TOKEN = "service-token"
WRITE = {"Authorization": f"Bearer {TOKEN}"}
COMMANDER = ('"We will respond to any attack," Abu Fadak al-Mohammadawi said on Monday in '
             "Baghdad.")
CHIEF = ("Abdul Aziz al-Mohammadawi, the chief of staff of the Popular Mobilization Units, "
         "visited Mosul on Tuesday.")


@pytest.fixture
def store_path(tmp_path, nlp):
    path = tmp_path / "p.db"
    for name, text in (("a.txt", COMMANDER), ("b.txt", CHIEF)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"),
                                      str(tmp_path / "b.txt"), "--db", str(path),
                                      "--published", "2021-11-18"])
    assert result.exit_code == 0, result.stdout
    return path


def test_an_actor_is_found_by_id_or_any_spelling_and_errors_say_which_failed(store_path):
    with Store.open(store_path) as store:
        by_id = queries.find_actor(store, "abu-fadak-al-mohammadawi")
        by_name = queries.find_actor(store, "Abu Fadak al-Muhammadawi")
        assert by_id.id == by_name.id == "abu-fadak-al-mohammadawi"
        with pytest.raises(queries.UnknownActor):
            queries.find_actor(store, "Nobody Atall")
        # Two men share the surname: the surname alone names both.
        with pytest.raises(queries.AmbiguousActor) as ambiguous:
            queries.find_actor(store, "Mohammadawi")
        assert set(ambiguous.value.choices) == {"abu-fadak-al-mohammadawi",
                                                "abdul-aziz-al-mohammadawi"}


def test_quotes_are_shown_from_the_default_threshold_unless_asked(store_path):
    with Store.open(store_path) as store:
        shown = queries.find_quotes(store)
        everything = queries.find_quotes(store, min_confidence=0.0)
        assert shown.min_confidence == queries.quote_threshold(None) > 0
        assert everything.min_confidence == 0.0
        assert all(q.confidence is None or q.confidence >= shown.min_confidence
                   for q in shown.items)
        assert len(everything.items) >= len(shown.items)
        with pytest.raises(queries.UsageError):
            queries.find_quotes(store, kind="rumoured")


def test_a_merge_and_split_in_the_service_change_the_store_and_the_alias_table(store_path):
    from presslens.resolve.knowledge import Knowledge

    table = store_path.parent / "aliases.csv"
    with Store.open(store_path) as store:
        merged = merge_actors(store, table, Knowledge.load(table), "abdul-aziz-al-mohammadawi",
                              "Abu Fadak al-Mohammadawi")
        assert (merged.kept, merged.other) == ("abdul-aziz-al-mohammadawi",
                                               "abu-fadak-al-mohammadawi")
        assert merged.articles_changed == 1
        again = merge_actors(store, table, Knowledge.load(table), "abdul-aziz-al-mohammadawi",
                             "Abu Fadak al-Mohammadawi")
        assert again.articles_changed == 0 and again.kept == again.other
        (row,) = read_alias_table(table)
        assert "Abu Fadak al-Mohammadawi" in row.aliases
        split = split_actor(store, table, "abdul-aziz-al-mohammadawi",
                            "Abu Fadak al-Mohammadawi")
        # The id the merge retired is free again.
        assert split.other == "abu-fadak-al-mohammadawi"
        assert split.articles_changed >= 1
        with pytest.raises(queries.UsageError):
            split_actor(store, table, "abdul-aziz-al-mohammadawi", "Qasem Soleimani")


def test_the_web_merges_and_splits_as_the_cli_does_and_later_writes_follow(store_path):
    client = TestClient(create_app(Settings(db_path=store_path, token=TOKEN)))
    body = {"keep": "Abdul Aziz al-Mohammadawi", "other": "abu-fadak-al-mohammadawi"}
    assert client.post("/api/entities/merge", json=body).status_code == 401
    assert client.post("/api/entities/merge", json={**body, "other": "Nobody Atall"},
                       headers=WRITE).status_code == 404
    assert client.post("/api/entities/merge", json={**body, "other": "Mohammadawi"},
                       headers=WRITE).status_code == 409
    merged = client.post("/api/entities/merge", json=body, headers=WRITE)
    assert merged.status_code == 200, merged.text
    assert merged.json() == {"kept": "abdul-aziz-al-mohammadawi",
                             "other": "abu-fadak-al-mohammadawi", "articles_changed": 1}
    # The alias table beside the store holds the correction, as `presslens merge` writes it.
    (row,) = read_alias_table(store_path.parent / "aliases.csv")
    assert row.entity_id == "abdul-aziz-al-mohammadawi"

    # An article written afterwards is resolved with the correction.
    later = {"text": "Abu Fadak al-Mohammadawi toured the western desert on Friday with "
                     "commanders of the brigades.", "published": "2021-11-21"}
    written = client.post("/api/articles", json=later, headers=WRITE)
    assert written.status_code == 200, written.text
    assert "abu-fadak-al-mohammadawi" not in {e["id"] for e in written.json()["entities"]}
    assert "abdul-aziz-al-mohammadawi" in {e["id"] for e in written.json()["entities"]}

    split = client.post("/api/entities/split", headers=WRITE, json={
        "entity": "abdul-aziz-al-mohammadawi", "spelling": "Abu Fadak al-Mohammadawi"})
    assert split.status_code == 200, split.text
    # The quote's article and the later one, at least, name him.
    assert split.json()["articles_changed"] >= 2
    listing = CliRunner().invoke(cli, ["entities", "--name", "Abu Fadak al-Mohammadawi", "--db",
                                       str(store_path)])
    assert split.json()["other"] in listing.stdout


def test_naming_takes_any_spelling_on_the_web_as_on_the_command_line(store_path):
    client = TestClient(create_app(Settings(db_path=store_path)))
    by_spelling = client.get("/api/naming/Abu Fadak al-Muhammadawi")
    assert by_spelling.status_code == 200, by_spelling.text
    assert by_spelling.json()["entity"] == "abu-fadak-al-mohammadawi"
    assert client.get("/api/naming/abu-fadak-al-mohammadawi").json() == by_spelling.json()
    assert client.get("/api/naming/Nobody Atall").status_code == 404
    assert client.get("/api/naming/Mohammadawi").status_code == 409
    printed = CliRunner().invoke(cli, ["naming", "Abu Fadak al-Muhammadawi", "--json", "--db",
                                       str(store_path)])
    assert printed.exit_code == 0, printed.stdout
    assert '"entity": "abu-fadak-al-mohammadawi"' in printed.stdout


def test_both_faces_refuse_an_unknown_modality_and_show_the_one_asked(store_path):
    client = TestClient(create_app(Settings(db_path=store_path)))
    assert client.get("/api/timeline", params={"modality": "rumoured"}).status_code == 422
    asked = client.get("/api/timeline", params=[("modality", "demanded"),
                                                ("modality", "Threatened")])
    assert asked.status_code == 200 and asked.json()["events"] == "demanded, threatened"
    assert client.get("/api/network", params={"modality": "rumoured"}).status_code == 422
    result = CliRunner().invoke(cli, ["timeline", "--modality", "rumoured", "--db",
                                      str(store_path)])
    assert result.exit_code == 2 and "--modality" in result.output


def test_events_are_found_by_whom_they_were_done_to_on_both_faces(tmp_path, nlp):
    path = tmp_path / "t.db"
    article = tmp_path / "strike.txt"
    article.write_text("Iraqi militias attacked the Ain al-Asad air base on Tuesday. The "
                       "Pentagon said a drone strike killed Abu Ali al-Basri near Baghdad on "
                       "Wednesday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--db", str(path),
                                      "--published", "2021-11-18"])
    assert result.exit_code == 0, result.stdout
    with Store.open(path) as store:
        on_him = queries.find_events(store, target="Abu Ali al-Basri", min_confidence=0)
        by_him = queries.find_events(store, actor="Abu Ali al-Basri", min_confidence=0)
    assert on_him.items and all(e.type == "ASSAULT" for e in on_him.items)
    assert not by_him.items
    client = TestClient(create_app(Settings(db_path=path)))
    answer = client.get("/api/events", params={"target": "Abu Ali al-Basri",
                                               "min_confidence": 0}).json()
    assert [e["event_id"] for e in answer["items"]] == [e.event_id for e in on_him.items]
    printed = CliRunner().invoke(cli, ["events", "--target", "Abu Ali al-Basri",
                                       "--min-confidence", "0", "--db", str(path)])
    assert printed.exit_code == 0 and "ASSAULT" in printed.stdout
