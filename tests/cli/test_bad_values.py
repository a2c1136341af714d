"""The CLI refuses a bad value with exit 2 and the message of presslens.params, and says
nothing was analysed when nothing was (the API's 422 is tested in tests/web)."""

import pytest
from typer.testing import CliRunner

from presslens.cli import app as cli


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


@pytest.mark.model
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
