"""The SQLite files a run keeps instead of growing tables in memory.

A run keeps several tables that grow with the corpus: the ids it has met, the near-duplicate
signatures, the entity resolver's keys, the tally behind ``entities.jsonl``. Each lives in a
private SQLite file, and what it holds in memory is that file's page cache. The cache is
small on purpose: SQLite fills it as the tables grow, so a large cache would itself be memory
that grows with the corpus until it is full (8 MB caches were still filling after 15,000
articles). A small one is full within the first few thousand articles, the hot inner pages
of the B-trees stay in it, and the rest is read from the operating system's file cache,
which a process's resident memory does not count.
"""

from __future__ import annotations

import sqlite3

# The page cache of each scratch database, in KiB (SQLite's negative cache_size).
SCRATCH_CACHE_KIB = 512


def scratch_connection(path: str = "") -> sqlite3.Connection:
    """A connection to a scratch SQLite file (the empty name: a temporary file SQLite deletes
    when the connection closes) with a bounded page cache; nothing in it needs to survive
    the process, so nothing is journalled or synced."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute(f"PRAGMA cache_size = -{SCRATCH_CACHE_KIB}")
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    return connection
