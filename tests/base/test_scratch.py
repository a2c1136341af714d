"""Scratch databases hold a bounded page cache, whatever their tables grow to."""

import _sqlite3
import ctypes
import os

import pytest

from presslens.scratch import SCRATCH_CACHE_KIB, scratch_connection


def sqlite_memory_used() -> int:
    """Bytes SQLite has allocated in this process (its own counter, sqlite3_memory_used)."""
    try:
        library = ctypes.CDLL(_sqlite3.__file__)
        counter = library.sqlite3_memory_used
    except (OSError, AttributeError):
        pytest.skip("this Python's SQLite does not export sqlite3_memory_used")
    counter.restype = ctypes.c_int64
    return int(counter())


def test_a_scratch_table_many_times_its_cache_keeps_memory_at_the_cache(tmp_path):
    connection = scratch_connection(str(tmp_path / "run.db"))
    connection.execute("CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")
    before = sqlite_memory_used()
    rows = 200_000  # ids of 40 characters: about 10 MB of B-tree
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO seen VALUES (?)",
                           ((f"{n:08d}-" + os.urandom(16).hex()[:31],) for n in range(rows)))
    connection.execute("COMMIT")
    assert connection.execute("SELECT count(*) FROM seen").fetchone()[0] == rows
    pages, page_size = (connection.execute(f"PRAGMA {p}").fetchone()[0]
                        for p in ("page_count", "page_size"))
    table_bytes = pages * page_size
    assert table_bytes > 8 * 2**20
    grown = sqlite_memory_used() - before
    # The cache and SQLite's fixed overheads (schema, statements), not the table.
    assert grown < min(table_bytes / 4, 2 * SCRATCH_CACHE_KIB * 1024 + 2**19)
    connection.close()


def test_an_unnamed_scratch_database_is_usable_and_has_the_bounded_cache():
    connection = scratch_connection()
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    assert connection.execute("PRAGMA cache_size").fetchone()[0] == -SCRATCH_CACHE_KIB
    connection.close()
