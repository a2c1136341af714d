"""Load-test `presslens serve` on loopback: N concurrent clients for S seconds.

    .venv/bin/python scripts/load_test.py [--clients 50] [--seconds 60]

A store is seeded with the demo corpus, the server is started in a child process, the clients
read and write (presslens.web.load), and every article the server accepted is then looked for
in the store: each must be there exactly once.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from presslens.cli import demo_corpus_path
from presslens.store import Store
from presslens.web.load import run_load

TOKEN = "load-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--write-share", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="presslens-load-") as scratch:
        db = Path(scratch) / "load.db"
        subprocess.run([sys.executable, "-m", "presslens", "ingest", str(demo_corpus_path()),
                        "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
        with Store.open(db) as store:
            before = store.count_articles()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "presslens", "serve", "--db", str(db), "--port", str(port)],
            env={**os.environ, "PRESSLENS_TOKEN": TOKEN})
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    if httpx.get(f"{base}/api/articles", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            report = run_load(base, TOKEN, clients=args.clients, seconds=args.seconds,
                              write_share=args.write_share)
        finally:
            server.terminate()
            server.wait(timeout=30)
        with Store.open(db) as store:
            after = store.count_articles()
            missing = [a for a in report.accepted if not store.has_article(a)]
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(report.by_status.items()))
        p50, p95 = report.percentile(0.5) * 1000, report.percentile(0.95) * 1000
        print(f"{args.clients} clients, {report.seconds:.0f} s: {report.requests} requests "
              f"({report.requests / report.seconds:.1f}/s; {statuses}); latency p50 "
              f"{p50:.0f} ms, p95 {p95:.0f} ms")
        print(f"articles accepted {len(report.accepted)}, stored {after - before}, "
              f"missing {len(missing)}; server errors {len(report.errors)}")
        if missing or after - before != len(report.accepted) or report.errors:
            raise SystemExit("FAILED: " + "; ".join(report.errors[:5]))


if __name__ == "__main__":
    main()
