"""Kill `presslens ingest` with SIGKILL at random points, many times, and check the store.

    .venv/bin/python scripts/kill_test.py [--kills 50] [--articles 40] [--seed 1]

An uninterrupted run makes the reference store. Then one store is ingested into over and
over, each run killed at a random moment (while reading, analysing, or inside a store
transaction), its integrity checked after every kill; a last run is let finish. The killed
store must then hold exactly what the reference holds: no article lost, none twice.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from presslens.cli import demo_corpus_path
from presslens.store import Store


def ingest(corpus: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PRESSLENS_BATCH_SIZE": "4"}
    return subprocess.Popen([sys.executable, "-m", "presslens", "ingest", str(corpus),
                             "--db", str(db)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--articles", type=int, default=39)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="presslens-kill-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        files = sorted(p for p in demo_corpus_path().rglob("*")
                       if p.suffix in (".txt", ".html", ".jsonl"))[:args.articles]
        for number, path in enumerate(files):
            shutil.copy(path, corpus / f"{number:03d}{path.suffix}")
        reference = Path(scratch) / "reference.db"
        started = time.monotonic()
        if ingest(corpus, reference).wait() != 0:
            raise SystemExit("the uninterrupted run failed")
        duration = time.monotonic() - started
        with Store.open(reference) as store:
            expected = store.digest()
            stored = store.count_articles()
        print(f"reference: {stored} articles in {duration:.0f} s")
        killed_db = Path(scratch) / "killed.db"
        kills = finished = 0
        while kills < args.kills:
            run = ingest(corpus, killed_db)
            time.sleep(rng.uniform(0.2, duration))
            if run.poll() is None:
                run.send_signal(signal.SIGKILL)
                kills += 1
            else:
                finished += 1
                killed_db.unlink()  # it got to the end: start the store afresh
                for suffix in ("-wal", "-shm"):
                    Path(f"{killed_db}{suffix}").unlink(missing_ok=True)
            run.wait()
            if killed_db.exists():
                with Store.open(killed_db) as store:
                    if store.integrity() != "ok":
                        raise SystemExit(f"integrity check failed after kill {kills}")
        if ingest(corpus, killed_db).wait() != 0:
            raise SystemExit("the final run failed")
        with Store.open(killed_db) as store:
            got = store.digest()
            count = store.count_articles()
        lost = stored - count
        print(f"kills: {kills} (runs that finished before their kill: {finished}); "
              f"integrity ok after every kill; articles {count} of {stored}, lost {lost}")
        if got != expected:
            different = [table for table in expected if expected[table] != got.get(table)]
            kept = Path(tempfile.mkdtemp(prefix="presslens-kill-failure-"))
            shutil.copy(reference, kept / "reference.db")
            shutil.copy(killed_db, kept / "killed.db")
            raise SystemExit(f"the store differs from the reference in {different}; both "
                             f"stores are kept in {kept}")
        print("the store equals the uninterrupted run's, table by table")


if __name__ == "__main__":
    main()
