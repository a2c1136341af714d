"""Refresh the screenshots in docs/ from the web UI over the bundled demo corpus.

    python scripts/screenshots.py                  # builds a store of the demo corpus
    python scripts/screenshots.py --db my.db       # or shoots an existing store
    python scripts/screenshots.py --out /tmp/shots # somewhere else than docs/

Needs Playwright and Chromium (Debian's /usr/bin/chromium, or CHROMIUM=path); runs the app
with uvicorn on a free loopback port, so nothing is fetched from outside.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def build_demo_store(folder: Path) -> Path:
    from presslens.cli import demo_corpus_path

    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "presslens", "ingest", str(demo_corpus_path()),
                    "--db", str(db)], check=True, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path) -> tuple[str, object]:
    import uvicorn

    from presslens.web.app import Settings, create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=db)), host="127.0.0.1",
                                           port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def busiest_article(db: Path) -> str:
    from presslens.store import Store

    with Store.open(db) as store:
        articles = list(store.articles())
    return max(articles, key=lambda a: (len(a.framing) > 0 and len(a.quotes) > 1,
                                        len(a.quotes) + len(a.events) + len(a.framing))).id


def most_named_actor(db: Path) -> str:
    from presslens.store import Store

    with Store.open(db) as store:
        return store.entity_summaries(limit=1)[0].id


def shoot(base: str, out: Path, article_id: str, entity_id: str, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium,
                                         args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=DESKTOP)

        def save(name: str, full: bool = True) -> None:
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=full)
            written.append(path)

        page.goto(base + "/")
        save("home", full=False)
        page.goto(base + f"/articles/{article_id}")
        page.locator("#text .mk.framing, #text .mk.quote").first.click()
        save("article", full=False)
        page.goto(base + f"/entities/{entity_id}")
        save("entity", full=False)
        page.goto(base + "/stories/s1")
        save("story", full=False)
        page.goto(base + "/timeline")
        page.wait_for_selector("#chart svg circle")
        save("timeline", full=False)
        page.goto(base + "/network")
        page.wait_for_function("window.presslensNetwork && "
                               "window.presslensNetwork.edges(':visible').length > 0")
        page.locator("#graph").scroll_into_view_if_needed()
        save("network", full=False)
        page.goto(base + "/docs")
        page.wait_for_selector(".swagger-ui .opblock")
        save("api-docs", full=False)
        phone = browser.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                 has_touch=True)
        phone.goto(base + f"/articles/{article_id}")
        phone.locator("#text .mk.quote").first.tap()
        path = out / "phone.png"
        phone.screenshot(path=str(path))
        written.append(path)
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a store to shoot (default: the demo corpus)")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    arguments = parser.parse_args()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or \
        shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (set CHROMIUM to its path)", file=sys.stderr)
        return 2
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = arguments.db or build_demo_store(Path(folder))
        base, server = serve(db)
        try:
            written = shoot(base, arguments.out, busiest_article(db), most_named_actor(db),
                            chromium)
        finally:
            server.should_exit = True
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
