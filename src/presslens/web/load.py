"""A bounded load test of the HTTP API: many concurrent clients reading and writing.

Each client loops over a mix of requests (list, search, entities, one article, and a new
article to analyse and store) until the time or request budget is spent. Every article the
server accepted is then looked for in the store: it must be there exactly once.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

WORDS = ("minister", "parliament", "forces", "talks", "withdrawal", "ceasefire", "envoy",
         "sanctions", "protest", "election", "border", "militia", "embassy", "statement")
PLACES = ("Baghdad", "Tehran", "Washington", "Beirut", "Damascus", "Riyadh", "Ankara")


@dataclass(slots=True)
class LoadReport:
    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    accepted: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def _article(rng: random.Random, client: int, number: int) -> dict[str, str]:
    place = rng.choice(PLACES)
    words = " ".join(rng.choice(WORDS) for _ in range(12))
    return {"text": f"Officials in {place} said on Monday that the {words} would continue, "
                    f"according to a statement released by the government. Report {client}-"
                    f"{number}.", "outlet": "Load Wire", "published": "2021-11-20"}


def run_load(base_url: str, token: str, *, clients: int = 50, seconds: float = 60.0,
             requests_per_client: int | None = None, write_share: float = 0.2,
             seed: int = 0) -> LoadReport:
    """Run ``clients`` concurrent clients against ``base_url`` until ``seconds`` pass (or each
    has made ``requests_per_client`` requests)."""
    report = LoadReport()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"}

    def client_loop(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        made = 0
        with httpx.Client(base_url=base_url, timeout=120) as http:
            while time.monotonic() < deadline and (requests_per_client is None
                                                   or made < requests_per_client):
                made += 1
                started = time.monotonic()
                try:
                    if rng.random() < write_share:
                        response = http.post("/api/articles", json=_article(rng, number, made),
                                             headers=headers)
                        if response.status_code == 200:
                            with lock:
                                report.accepted.add(response.json()["id"])
                    else:
                        reads: list[tuple[str, dict[str, str | int]]] = [
                            ("/api/articles", {"limit": 20}), ("/api/search", {"q": "minister"}),
                            ("/api/entities", {"limit": 20}), ("/api/quotes", {"limit": 20}),
                            ("/", {})]
                        path, params = rng.choice(reads)
                        response = http.get(path, params=params)
                    status = response.status_code
                except httpx.HTTPError as exc:
                    status = 0
                    with lock:
                        report.errors.append(f"{type(exc).__name__}: {exc}")
                with lock:
                    report.requests += 1
                    report.by_status[status] += 1
                    report.latencies.append(time.monotonic() - started)
                    if status >= 500:
                        report.errors.append(f"HTTP {status}")

    started = time.monotonic()
    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report.seconds = time.monotonic() - started
    return report
