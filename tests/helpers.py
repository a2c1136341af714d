"""What tests share beyond fixtures: where the checkout and ../shared are, the CLI runner,
and an ASGI app served on loopback. Test modules import these from here, never from a
conftest or from another test module."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"
SPEC = SHARED / "spec"
PRESSTV = SAMPLES / "presstv-us-forces-expelled.txt"
TASNIM = SAMPLES / "tasnim-alliance-expel-us-forces.txt"
TEST_DATA = REPO / "tests" / "data"

_runner = CliRunner()


def invoke(*args: object, env: dict[str, str] | None = None) -> Result:
    """Run ``presslens ARGS`` in this process; exceptions propagate to the test."""
    from presslens.cli import app

    return _runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)


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
