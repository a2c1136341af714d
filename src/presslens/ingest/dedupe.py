"""Near-identical articles: syndicated wire copies, re-posts with a new headline or a trimmed
last paragraph. Each is analysed once; the others are kept as copies of it, with their source.

Articles are compared by MinHash (datasketch) over word 5-grams. Candidates come from
locality-sensitive hashing: the signature is cut into bands, and two articles sharing any
band are compared in full. The bands and signatures live in SQLite (the store's own file, or
a temporary one), so the index grows on disk, never in memory, whatever the corpus size.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from presslens.errors import StoreError

NUM_PERM = 64
# 16 bands of 4 rows: articles with a Jaccard similarity of 0.8 share a band with
# probability 1 - (1 - 0.8^4)^16 > 0.999; every candidate is then checked on the whole
# signature, so the low band threshold costs lookups, never false merges.
BANDS = 16
ROWS = NUM_PERM // BANDS
DEFAULT_THRESHOLD = 0.8
SHINGLE_WORDS = 5
# Below this many words a text has too few shingles for the estimate to mean anything.
MIN_WORDS = 40
_SEED = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS near_duplicate_signatures (
    article_id TEXT PRIMARY KEY,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS near_duplicate_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;
"""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """``article_id`` is a near-identical copy of ``copy_of`` (estimated Jaccard ``similarity``
    of their word 5-grams)."""

    article_id: str
    copy_of: str
    similarity: float


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _without_combining_mark(match: re.Match[str]) -> str:
    # Only characters outside ASCII can be combining marks: the accents NFKD split off.
    return "" if unicodedata.combining(match.group()) else match.group()


def shingles(text: str) -> set[bytes]:
    """The word 5-grams of a text, case and accents folded, punctuation dropped."""
    folded = _NON_ASCII.sub(_without_combining_mark,
                            unicodedata.normalize("NFKD", text.casefold()))
    words = _WORD.findall(folded)
    if len(words) < MIN_WORDS:
        return set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text; None for a text too short to compare."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64)


def _band_hashes(values: np.ndarray) -> list[int]:
    hashes = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(),
                                 digest_size=8).digest()
        hashes.append(int.from_bytes(digest, "big", signed=True))
    return hashes


class NearDuplicateIndex:
    """The signatures of the articles seen so far, in a SQLite database.

    ``connection`` may be the store's own connection (the index then lives and commits with
    the store) or a scratch database of its own.
    """

    def __init__(self, connection: sqlite3.Connection, *,
                 threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], not {threshold}")
        self.connection = connection
        self.threshold = threshold
        connection.executescript(SCHEMA)

    def check(self, article_id: str, text: str,
              live: Callable[[str], bool] | None = None) -> NearDuplicate | None:
        """The earlier article ``text`` is a copy of, or None, in which case the text is
        indexed under ``article_id`` for the articles that follow.

        ``live`` says whether an indexed article still exists; one that does not (indexed by
        a run cut off before it stored the article) is dropped from the index.
        """
        values = signature(text)
        if values is None:
            return None
        bands = _band_hashes(values)
        best: NearDuplicate | None = None
        candidates: set[str] = set()
        for band, band_hash in enumerate(bands):
            rows = self.connection.execute(
                "SELECT article_id FROM near_duplicate_bands WHERE band = ? AND hash = ?",
                (band, band_hash))
            candidates.update(row[0] for row in rows)
        candidates.discard(article_id)
        for candidate in sorted(candidates):
            row = self.connection.execute(
                "SELECT signature FROM near_duplicate_signatures WHERE article_id = ?",
                (candidate,)).fetchone()
            if row is None:
                continue
            if live is not None and not live(candidate):
                self.forget(candidate)
                continue
            other = np.frombuffer(row[0], dtype=np.uint64)
            similarity = float(np.mean(other == values))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = NearDuplicate(article_id, candidate, round(similarity, 3))
        if best is None:
            self.add(article_id, values, bands)
        return best

    def add(self, article_id: str, values: np.ndarray, bands: list[int] | None = None) -> None:
        try:
            self._add(article_id, values, bands)
        except sqlite3.DatabaseError as exc:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            where = self.connection.execute("PRAGMA database_list").fetchone()[2] or "memory"
            raise StoreError(f"cannot write the near-duplicate index in {where} (nothing of "
                             f"this article was written): {exc}") from None

    def _add(self, article_id: str, values: np.ndarray, bands: list[int] | None) -> None:
        own_transaction = not self.connection.in_transaction
        if own_transaction:
            self.connection.execute("BEGIN")
        self.connection.execute(
            "INSERT OR IGNORE INTO near_duplicate_signatures (article_id, signature) "
            "VALUES (?, ?)", (article_id, values.tobytes()))
        self.connection.executemany(
            "INSERT OR IGNORE INTO near_duplicate_bands (band, hash, article_id) "
            "VALUES (?, ?, ?)",
            [(band, band_hash, article_id)
             for band, band_hash in enumerate(bands or _band_hashes(values))])
        if own_transaction:
            self.connection.execute("COMMIT")

    def forget(self, article_id: str) -> None:
        """Drop an article indexed but never stored (its run was cut off)."""
        self.connection.execute(
            "DELETE FROM near_duplicate_signatures WHERE article_id = ?", (article_id,))
        self.connection.execute(
            "DELETE FROM near_duplicate_bands WHERE article_id = ?", (article_id,))
