"""Faults: a full disk, a read-only store, many concurrent API clients. Each gives a clear
error or a correct answer, and never a half-written article."""

from __future__ import annotations

import os
import shutil
import sqlite3
import types

import pytest
from typer.testing import CliRunner

from presslens.cli import app, demo_corpus_path
from presslens.store import Store
from presslens.store import sqlite as store_module
from tests.helpers import serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults") / "corpus"
    folder.mkdir()
    files = sorted(p for p in demo_corpus_path().rglob("*") if p.suffix == ".txt")[:8]
    for number, path in enumerate(files):
        shutil.copy(path, folder / f"{number:02d}.txt")
    return folder


def _complete(db) -> int:
    """The number of stored articles, after checking each is whole: its entities, mentions
    and items are all there or the article is not."""
    with Store.open(db) as store:
        assert store.integrity() == "ok"
        for article in store.articles():
            assert article.entities and all(e.mentions for e in article.entities)
            assert article.text
        return store.count_articles()


@pytest.mark.model
def test_full_disk_is_a_clear_error_and_leaves_no_partial_article(corpus, tmp_path,
                                                                 monkeypatch):
    db = tmp_path / "full.db"
    first = CliRunner().invoke(app, ["ingest", str(corpus / "00.txt"), "--db", str(db)])
    assert first.exit_code == 0, first.stderr
    opened = Store.open

    def nearly_full(path):
        store = opened(path)
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        # The database may grow by a few pages only: the next batch cannot fit.
        store.connection.execute(f"PRAGMA max_page_count = {pages + 3}")
        return store

    monkeypatch.setattr(store_module.Store, "open", staticmethod(nearly_full))
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)],
                                env={"PRESSLENS_BATCH_SIZE": "4"})
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "full" in result.stderr and str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert _complete(db) >= 1
    # With room again, the same command finishes the job.
    again = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert again.exit_code == 0, again.stderr
    assert _complete(db) == 8


@pytest.mark.model
def test_read_only_store_is_a_clear_error(corpus, tmp_path, monkeypatch):
    db = tmp_path / "ro.db"
    CliRunner().invoke(app, ["ingest", str(corpus / "00.txt"), "--db", str(db)])
    def read_only(location, *args, **kwargs):
        return sqlite3.connect(f"file:{location}?mode=ro", *args, uri=True, **kwargs)

    # The store module alone sees a read-only sqlite3; scratch files elsewhere are writable.
    shim = types.SimpleNamespace(**{**vars(sqlite3), "connect": read_only})
    monkeypatch.setattr(store_module, "sqlite3", shim)
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "readonly" in result.stderr.replace("-", "").replace(" ", "") \
        and str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert _complete(db) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root")
def test_store_file_without_write_permission(corpus, tmp_path):
    db = tmp_path / "locked.db"
    CliRunner().invoke(app, ["ingest", str(corpus / "00.txt"), "--db", str(db)])
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    finally:
        tmp_path.chmod(0o755)
        db.chmod(0o644)
    assert result.exit_code == 2 and str(db) in result.stderr


@pytest.mark.model
def test_api_under_fifty_concurrent_clients(corpus, tmp_path):
    from presslens.web.app import Settings, create_app
    from presslens.web.load import run_load

    db = tmp_path / "api.db"
    seeded = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert seeded.exit_code == 0, seeded.stderr
    token = "load-token"
    with serving(create_app(Settings(db_path=db, token=token))) as base:
        report = run_load(base, token, clients=50, seconds=600, requests_per_client=4,
                          write_share=0.25)
    assert report.requests == 200
    assert not report.errors, report.errors[:5]
    assert set(report.by_status) <= {200}
    assert report.accepted
    with Store.open(db) as store:
        assert all(store.has_article(article_id) for article_id in report.accepted)
        assert store.count_articles() == 8 + len(report.accepted)
        assert store.integrity() == "ok"
