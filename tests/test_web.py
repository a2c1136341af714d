"""The HTTP API and the web UI: through FastAPI's test client, and in a real browser where
Chromium is installed."""

import shutil

import pytest
from fastapi.testclient import TestClient
from tests.conftest import serving
from typer.testing import CliRunner

from presslens.cli import app as cli
from presslens.web.app import Settings, create_app

TOKEN = "test-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory, samples):
    path = tmp_path_factory.mktemp("web") / "p.db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, samples), "--db", str(path),
                                      "--published", "2021-11-18"])
    assert result.exit_code == 0, result.stdout
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(Settings(db_path=db, token=TOKEN)))


def test_reads_and_filters(client):
    articles = client.get("/api/articles", params={"entity": "Kadhimi", "limit": 1}).json()
    assert articles["total"] >= 1 and len(articles["items"]) == 1
    article_id = articles["items"][0]["id"]
    record = client.get(f"/api/articles/{article_id}").json()
    assert record["id"] == article_id and "events" in record and "framing" in record
    assert client.get("/api/articles/nope").status_code == 404
    entities = client.get("/api/entities", params={"type": "PERSON"}).json()["items"]
    assert entities and all(e["type"] == "PERSON" for e in entities)
    for path in ("/api/quotes", "/api/events", "/api/stories", "/api/timeline",
                 "/api/naming/united-states"):
        assert client.get(path).status_code == 200, path
    network = client.get("/api/network", params={"type": "ASSAULT"}).json()
    assert "nodes" in network and "links" in network
    assert client.get("/api/search", params={"q": "resistance"}).json()["items"]
    assert "/api/articles" in client.get("/openapi.json").json()["paths"]


def test_writes_need_the_token_and_respect_the_size_limit(client, db):
    body = {"text": "Iraqi lawmakers met the British envoy in Baghdad on Sunday to discuss "
                    "the withdrawal of foreign troops, officials said.", "outlet": "Test Wire",
            "published": "2021-11-20"}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    created = client.post("/api/articles", json=body,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 200, created.text
    record = created.json()
    assert record["source"]["outlet"] == "Test Wire"
    assert client.get(f"/api/articles/{record['id']}").status_code == 200
    batch = client.post("/api/articles", json=[body, {**body, "text": body["text"] + " Again."}],
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert batch.status_code == 200 and len(batch.json()) == 2
    huge = {"text": "word " * 500_000}
    assert client.post("/api/articles", json=huge,
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 413
    assert client.post("/api/articles", json={"title": "nothing"},
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    read_only = TestClient(create_app(Settings(db_path=db)))
    assert read_only.post("/api/articles", json=body).status_code == 403


def test_reads_need_the_token_off_loopback(db):
    public = TestClient(create_app(Settings(db_path=db, token=TOKEN, host="0.0.0.0")))
    assert public.get("/api/articles").status_code == 401
    assert public.get("/api/articles",
                      headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_pages_and_their_json(client):
    home = client.get("/")
    assert home.status_code == 200 and "Stories" in home.text
    article_id = client.get("/api/articles").json()["items"][0]["id"]
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    for layer in ("mk entity", "mk quote", "mk event", "mk timex"):
        assert layer in page.text
    assert 'data-layer="framing"' in page.text
    data = client.get(f"/articles/{article_id}", params={"format": "json"}).json()
    assert data["article"]["id"] == article_id
    entity = client.get("/entities/united-states")
    assert entity.status_code == 200 and "How each outlet names it" in entity.text
    first_story = client.get("/api/stories").json()["items"][0]["id"]
    story = client.get(f"/stories/{first_story}")
    assert story.status_code == 200 and "How each outlet names the actors" in story.text
    assert client.get("/entities/nobody").status_code == 404
    network = client.get("/network", params={"type": "ASSAULT,talks about"})
    assert network.status_code == 200 and 'aria-label="actor network"' in network.text
    assert "Quotes about it" in client.get("/entities/united-states").text
    chart = client.get("/timeline", params={"since": "2020-01-01", "until": "2021-12-31"})
    assert 'aria-label="timeline"' in chart.text


@pytest.mark.slow
def test_pages_in_a_real_browser(db, tmp_path):
    """Each page loads; clicking a highlighted quote shows its speaker; the legend hides a
    layer; the timeline filter filters. Screenshots go to $PRESSLENS_SCREENSHOTS (docs/ when
    refreshing the README's) or a temporary folder."""
    import os
    from pathlib import Path

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    playwright = pytest.importorskip("playwright.sync_api")
    if chromium is None:
        pytest.skip("Chromium is not installed")
    shots = Path(os.environ.get("PRESSLENS_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with serving(create_app(Settings(db_path=db))) as base:
        with playwright.sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            assert page.locator("h1").inner_text() == "The corpus"
            page.screenshot(path=str(shots / "home.png"), full_page=True)
            page.click("table a[href^='/articles/']")
            quote = page.locator("#text .mk.quote").first
            quote.click()
            detail = page.locator("#detail")
            assert detail.is_visible()
            assert quote.get_attribute("title") in detail.inner_text()
            page.uncheck("input[data-layer=quote]")
            assert "hide-quote" in page.evaluate("document.body.className")
            page.check("input[data-layer=quote]")
            page.locator("aside .card[data-start]").first.click()
            assert page.locator("#text .flash").count() == 1  # the side panel leads to the words
            page.screenshot(path=str(shots / "article.png"), full_page=True)
            page.goto(base + "/entities/united-states")
            assert "How each outlet names it" in page.content()
            page.screenshot(path=str(shots / "entity.png"), full_page=True)
            page.goto(base + "/stories/" + read_first_story(db))
            assert page.locator(".side .card").count() >= 1
            page.screenshot(path=str(shots / "story.png"), full_page=True)
            page.goto(base + "/timeline")
            everything = page.locator("#timeline tr").count()
            page.fill("input[name=actor]", "Daesh")
            page.click("#filter button")
            page.wait_for_url("**/timeline?actor=Daesh*")
            assert 1 < page.locator("#timeline tr").count() < everything
            page.screenshot(path=str(shots / "timeline.png"), full_page=True)
            page.goto(base + "/network")
            assert page.locator("#picture svg circle").count() >= 2
            page.screenshot(path=str(shots / "network.png"), full_page=True)
            page.fill("header input[name=q]", "resistance")
            page.press("header input[name=q]", "Enter")
            page.wait_for_url("**/search?q=resistance")
            assert page.locator(".card a").count() >= 1
            browser.close()


HOSTILE = ('<html><head><title>Hostile page</title><script>alert("head")</script></head><body>'
           '<article><h1>Hostile page</h1><p>The minister said the talks in Baghdad would go on '
           'despite the protests, officials said on Monday.</p>'
           '<p><img src=x onerror="alert(1)"> <a href="javascript:alert(2)">link</a> '
           '<script>alert(3)</script> &lt;script&gt;alert(4)&lt;/script&gt; and more text '
           'about the parliament and the government of Iraq.</p></article></body></html>')


def test_untrusted_articles_are_rendered_inert(client):
    created = client.post("/api/articles", json={"html": HOSTILE, "outlet": "Hostile"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 200, created.text
    response = client.get(f"/articles/{created.json()['id']}")
    page = response.text
    assert "<script>alert" not in page  # the page's own script is the only one
    assert "<img" not in page and 'href="javascript:' not in page
    assert " onerror=" not in page
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_upload_box_search_box_and_timeline_filter(client):
    text = ("Kurdish fighters attacked a Turkish patrol near the border on Tuesday, the "
            "Turkish defence ministry said in a statement.")
    assert client.post("/upload", data={"text": text, "token": "wrong"}).status_code == 401
    created = client.post("/upload", data={"text": text, "token": TOKEN, "outlet": "Paste"})
    assert created.status_code == 201 and "/articles/" in created.text
    html_upload = client.post("/upload", data={"token": TOKEN},
                              files={"file": ("page.html", HOSTILE, "text/html")})
    assert html_upload.status_code == 201
    results = client.get("/search", params={"q": "Turkish patrol"})
    assert results.status_code == 200 and "Paste" in results.text
    filtered = client.get("/timeline", params={"actor": "United States"})
    assert filtered.status_code == 200 and 'value="United States"' in filtered.text
    assert client.get("/timeline", params={"format": "json"}).json()["rows"] is not None


def test_strict_content_security_policy_with_a_fresh_nonce(client):
    import re

    article_id = client.get("/api/articles").json()["items"][0]["id"]
    nonces = []
    for _ in range(2):
        response = client.get(f"/articles/{article_id}")
        policy = response.headers["content-security-policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
        nonce = re.search(r"script-src 'nonce-([^']+)'", policy).group(1)
        scripts = re.findall(r"<script([^>]*)>", response.text)
        assert scripts and all(f'nonce="{nonce}"' in attributes for attributes in scripts)
        assert ' style="' not in response.text  # inline style attributes would be blocked
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    api = client.get("/api/articles")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in api.headers["content-security-policy"]


def test_a_body_without_a_declared_length_is_still_size_limited(db):
    small = TestClient(create_app(Settings(db_path=db, token=TOKEN, max_body_bytes=1_000)))

    def chunks():
        for _ in range(100):
            yield b'{"text": "' + b"x" * 100

    response = small.post("/api/articles", content=chunks(),
                          headers={"Authorization": f"Bearer {TOKEN}",
                                   "Content-Type": "application/json"})
    assert response.status_code == 413
    upload = small.post("/upload", data={"token": TOKEN},
                        files={"file": ("../../etc/passwd.html", b"<p>x</p>" * 500, "text/html")})
    assert upload.status_code == 413


def test_names_from_requests_never_become_paths(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path in ("/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles/../../etc/passwd",
                 "/entities/..%2F..%2F..%2Froot"):
        response = client.get(path)
        assert response.status_code == 404 and "root:" not in response.text
    upload = client.post("/upload", data={"token": TOKEN},
                         files={"file": ("../../../tmp/evil.html", HOSTILE, "text/html")})
    assert upload.status_code == 201
    written = [p for p in tmp_path.rglob("*")] + [p for p in tmp_path.parent.glob("evil*")]
    assert written == []


def read_first_story(db) -> str:
    from presslens.store import Store
    from presslens.story_store import read_stories

    with Store.open(db) as store:
        return read_stories(store)[0].id
