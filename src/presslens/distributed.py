"""Analysis on a Dask cluster, for corpora that outgrow one machine.

The client reads the inputs and drops copies (both need the whole stream, in order), cuts the
articles into shards and sends each shard to the cluster. A worker runs the same per-article
function as a single process (``runner.analyse_local``) and writes the shard's results, entities
still local to each article, to one Parquet file. The client reads the shards back in order and
resolves entities across the corpus, so the output is the one a single process gives.

``local:N`` starts a LocalCluster of N single-threaded worker processes on this machine; any
other value is the address of a running scheduler (``tcp://10.0.0.5:8786``), whose workers
must have presslens installed and see the shard folder at the same path (a shared filesystem).
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from presslens.errors import UsageError
from presslens.ingest import RawArticle
from presslens.model import ArticleAnalysis, InputProblem
from presslens.resolve.entities import LocalCluster
from presslens.resolve.knowledge import Knowledge
from presslens.runner import LocalResult, VocabularyZones, _chunks, analyse_local

# Articles per shard: large enough that per-task overhead is small beside spaCy's parse
# (a shard is a minute of work on one core), small enough to spread a modest corpus.
SHARD_SIZE = 200
SHARDS_IN_FLIGHT_PER_WORKER = 2
SHARD_SCHEMA = pa.schema([("position", pa.int32()), ("article_id", pa.string()),
                          ("kind", pa.string()), ("record", pa.string())])

_worker: dict[str, Any] = {}
_WORKER_LOCK = threading.Lock()


def _client(address: str) -> Any:
    from dask.distributed import Client, LocalCluster

    if address.startswith("local:"):
        try:
            workers = int(address.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise UsageError(f"--dask {address}: give local:N with N workers, e.g. local:2")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    try:
        return Client(address, timeout="30s")
    except OSError as exc:
        raise UsageError(f"--dask {address}: no Dask scheduler answers there ({exc})") from None


def analyse_shard(articles: list[RawArticle], path: str, knowledge: Knowledge | None) -> str:
    """Analyse one shard on a worker and write its results to Parquet at ``path``."""
    with _WORKER_LOCK:
        if "zones" not in _worker:
            _worker["zones"] = VocabularyZones()
        # A worker may run tasks in several threads over its one pipeline; a memory zone is
        # only safe while one thread uses the pipeline, so shards take turns (spaCy's Python
        # steps hold the interpreter lock anyway: threads would not run them side by side).
        nlp = _worker["zones"].before_chunk(len(articles))
        results = list(analyse_local(articles, nlp, knowledge))
    rows: dict[str, list] = {"position": [], "article_id": [], "kind": [], "record": []}
    for position, (article, result) in enumerate(zip(articles, results, strict=True)):
        rows["position"].append(position)
        rows["article_id"].append(article.id)
        if isinstance(result, InputProblem):
            rows["kind"].append("problem")
            rows["record"].append(json.dumps({"path": result.path, "reason": result.reason,
                                              "line": result.line}))
        else:
            analysis, clusters = result
            rows["kind"].append("analysis")
            rows["record"].append(json.dumps(
                {"analysis": analysis.to_dict(), "clusters": [c.to_dict() for c in clusters]},
                ensure_ascii=False))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    partial = f"{path}.partial"
    pq.write_table(pa.table(rows, schema=SHARD_SCHEMA), partial)
    os.replace(partial, path)  # a shard file is whole or absent
    return path


def read_shard(path: str) -> Iterator[LocalResult | InputProblem]:
    """A shard's results in article order, as ``analyse_local`` gives them."""
    table = pq.read_table(path)
    for row in sorted(table.to_pylist(), key=lambda r: r["position"]):
        data = json.loads(row["record"])
        if row["kind"] == "problem":
            yield InputProblem(data["path"], data["reason"], data.get("line"))
        else:
            yield (ArticleAnalysis.from_dict(data["analysis"]),
                   [LocalCluster.from_dict(c) for c in data["clusters"]])


def analyse_on_dask(articles: Iterable[RawArticle], address: str, *,
                    knowledge: Knowledge | None, shard_dir: str | None,
                    shard_size: int | None = None) -> Iterator[LocalResult | InputProblem]:
    """``analyse_local`` over the workers of a Dask cluster, shard by shard, results in
    input order; a bounded number of shards is in flight at a time."""
    if not shard_dir:
        raise UsageError("analysis on Dask needs a folder for its shard files")
    folder = Path(shard_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("shard-*.parquet*"):
        stale.unlink()
    client = _client(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared_knowledge = client.scatter(knowledge, broadcast=True) if knowledge else None
        pending: deque[Any] = deque()
        for number, shard in enumerate(_chunks(articles, shard_size or SHARD_SIZE)):
            path = str((folder / f"shard-{number:06d}.parquet").resolve())
            pending.append(client.submit(analyse_shard, shard, path, shared_knowledge,
                                         pure=False))
            while len(pending) >= workers * SHARDS_IN_FLIGHT_PER_WORKER:
                yield from read_shard(pending.popleft().result())
        while pending:
            yield from read_shard(pending.popleft().result())
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
