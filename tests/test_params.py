"""One rule for bad values: a clear message naming the parameter and a good value; the CLI
exits 2 (the API's 422 is tested in test_web.py)."""

import pytest
from typer.testing import CliRunner

from presslens.cli import app as cli
from presslens.params import BadValue, parse_choice, parse_date, parse_published


@pytest.mark.parametrize("value", ["2031", "2031-02", "2031-02-14", " 2031-02-14 "])
def test_dates_a_filter_accepts(value):
    assert parse_date("since", value) == value.strip()


@pytest.mark.parametrize("value", ["yesterday", "2031-13", "2031-02-30", "14/02/2031",
                                   "2031-2-1", "20310214", "2031-02-14T10:00"])
def test_dates_a_filter_refuses_name_the_parameter_and_a_good_value(value):
    with pytest.raises(BadValue) as caught:
        parse_date("--since", value)
    message = str(caught.value)
    assert message.startswith("--since:") and repr(value) in message
    assert "2031-02-14" in message and caught.value.to_dict()["parameter"] == "--since"


def test_no_value_is_no_filter():
    assert parse_date("since", None) is None and parse_date("since", "  ") is None
    assert parse_published("published", "") is None
    assert parse_choice("kind", None, ("direct",)) is None


def test_publication_dates_in_written_forms():
    assert parse_published("published", "Tuesday, 4 March 2031") == "2031-03-04"
    with pytest.raises(BadValue, match="published: 'yesterday-ish'"):
        parse_published("published", "yesterday-ish")


def test_kinds_of_tie():
    from presslens.params import parse_tie_kinds

    assert parse_tie_kinds("type", None) is None and parse_tie_kinds("type", [" "]) is None
    assert parse_tie_kinds("type", ["Talks About", "threaten"]) == {"talks about", "THREATEN"}
    with pytest.raises(BadValue, match="type: 'talk'"):
        parse_tie_kinds("type", ["talk"])


def test_choices():
    assert parse_choice("type", "assault", ("ASSAULT", "AID"), upper=True) == "ASSAULT"
    with pytest.raises(BadValue, match="one of ASSAULT, AID, e.g. ASSAULT"):
        parse_choice("type", "bombing", ("ASSAULT", "AID"), upper=True)


@pytest.mark.parametrize("arguments", [["events", "--since", "yesterday"],
                                       ["timeline", "--since", "last week"],
                                       ["network", "--until", "2031-02-31"],
                                       ["network", "--type", "bombing"]])
def test_the_cli_refuses_a_bad_value_with_exit_2(tmp_path, arguments):
    from presslens.store import Store

    db = tmp_path / "p.db"
    Store.open(db).close()
    result = CliRunner().invoke(cli, [*arguments, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert arguments[1] in result.output and repr(arguments[2]) in result.output
    assert ("2031-02-14" if arguments[1] != "--type" else "e.g. AGREE") in result.output
    assert "No events." not in result.output and "No ties." not in result.output


def test_when_every_input_fails_nothing_is_said_to_be_analysed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02")
    (folder / "b.html").write_text("")
    result = CliRunner().invoke(cli, ["analyze", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nothing was analysed" in result.output
    assert "everything else" not in result.output


def test_serve_refuses_a_store_it_cannot_read_as_search_does(tmp_path, monkeypatch):
    import uvicorn

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database, just bytes " * 200)
    started = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: started.append(k))
    served = CliRunner().invoke(cli, ["serve", "--db", str(corrupt)])
    searched = CliRunner().invoke(cli, ["search", "x", "--db", str(corrupt)])
    assert served.exit_code == searched.exit_code == 2
    assert "file is not a database" in served.output
    assert served.output.strip() == searched.output.strip()
    assert started == []


def test_serve_says_where_it_listens_once_it_does(tmp_path, monkeypatch):
    import socket

    import uvicorn

    from presslens.store import Store

    db = tmp_path / "p.db"
    Store.open(db).close()
    started = []
    monkeypatch.setattr(uvicorn.Server, "run",
                        lambda server, sockets: started.append(sockets[0].getsockname()[1]))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert started and f"listening on http://127.0.0.1:{started[0]}/" in result.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        busy = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port",
                                        str(taken.getsockname()[1])])
    assert busy.exit_code == 2 and "cannot listen on 127.0.0.1" in busy.output
    assert "listening on" not in busy.output
