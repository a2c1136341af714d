"""Shared fixtures: the pipeline (built once per run) and paths to ../shared data."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"
SPEC = SHARED / "spec"
PRESSTV = SAMPLES / "presstv-us-forces-expelled.txt"
TASNIM = SAMPLES / "tasnim-alliance-expel-us-forces.txt"


@pytest.fixture(scope="session")
def nlp():
    from presslens.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    if not (PRESSTV.exists() and TASNIM.exists()):
        pytest.skip("../shared/samples is not beside the checkout")
    return [PRESSTV, TASNIM]


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    if not (SPEC / "article.schema.json").exists():
        pytest.skip("../shared/spec is not beside the checkout")
    return SPEC


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    from presslens.cli import demo_corpus_path

    return demo_corpus_path()


@contextlib.contextmanager
def serving(app, port: int = 0) -> Iterator[str]:
    """Run an ASGI app with uvicorn on loopback in a thread; yield its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
