"""The HTTP API and the web UI: through FastAPI's test client, and in a real browser where
Chromium is installed."""

import shutil

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.cli import app as cli
from presslens.web.app import Settings, create_app
from tests.helpers import serving

TOKEN = "test-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory, samples, demo_dir, nlp):
    """The two samples and the demo corpus (stories of several outlets, a network), ingested
    with the pipeline ``nlp`` loads."""
    path = tmp_path_factory.mktemp("web") / "p.db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, samples), "--db", str(path),
                                      "--published", "2021-11-18"])
    assert result.exit_code == 0, result.stdout
    result = CliRunner().invoke(cli, ["ingest", str(demo_dir), "--db", str(path)])
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


def test_events_are_shown_from_the_default_confidence_unless_asked(client):
    shown = client.get("/api/events").json()
    everything = client.get("/api/events", params={"min_confidence": 0}).json()
    assert len(shown["items"]) < len(everything["items"])
    assert all(e["confidence"] >= shown["min_confidence"] for e in shown["items"])
    assert client.get("/api/events", params={"min_confidence": 2}).status_code == 422
    assert client.get("/api/timeline").json()["events"] == "asserted"
    assert client.get("/timeline", params={"min_confidence": 0}).status_code == 200


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
    assert '<script src="/static/vendor/cytoscape/cytoscape.min.js"' in network.text
    assert "Quotes about it" in client.get("/entities/united-states").text
    chart = client.get("/timeline", params={"since": "2020-01-01", "until": "2021-12-31"})
    assert 'aria-label="timeline"' in chart.text


def test_the_paste_box_ignores_the_empty_file_field_a_browser_sends(client):
    """A browser always sends the file field; with no file chosen it is an empty part with
    an empty file name, which must not be taken for an HTML upload."""
    text = ("Turkish troops shelled a village near the border on Tuesday, the Kurdish "
            "administration said in a statement.")
    created = client.post("/upload", data={"text": text, "token": TOKEN, "outlet": "Paste"},
                          files={"file": ("", b"", "application/octet-stream")})
    assert created.status_code == 201, created.text
    assert "/articles/" in created.text and "no 'text' or 'html'" not in created.text
    article_id = created.text.split('href="/articles/')[1].split('"')[0]
    assert client.get(f"/api/articles/{article_id}").json()["text"].startswith("Turkish")
    both = client.post("/upload", data={"text": text, "token": TOKEN},
                       files={"file": ("page.html", HOSTILE, "text/html")})
    assert both.status_code == 422 and "not both" in both.text
    empty = client.post("/upload", data={"text": "  ", "token": TOKEN},
                        files={"file": ("", b"", "application/octet-stream")})
    assert empty.status_code == 422 and "<h1>" in empty.text  # a page, not raw JSON
    assert "paste a text or choose an HTML file" in empty.text


def test_docs_are_served_from_the_package(client):
    from presslens.web.app import STATIC_DIR

    page = client.get("/docs")
    assert page.status_code == 200
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"' in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    for asset in ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css",
                  "cytoscape/cytoscape.min.js"):
        response = client.get(f"/static/vendor/{asset}")
        assert response.status_code == 200 and len(response.content) > 100_000, asset
        assert (STATIC_DIR / "vendor" / asset).parent.joinpath("LICENSE").exists()
    assert client.get("/redoc").status_code == 404  # it would load from a CDN


def test_home_lists_what_it_counts_and_never_says_none(client):
    import re

    home = client.get("/").text
    assert ">None<" not in home and "None —" not in home
    for card in re.findall(r'<div class="card story">(.*?)</div>\s*(?=<div class="card story"|'
                           r'<h2>)', home, re.S):
        stated = int(re.search(r"· (\d+) article\(s\)", card).group(1))
        listed = card.count('href="/articles/')
        more = re.search(r"and (\d+) more", card)
        assert listed + (int(more.group(1)) if more else 0) == stated, card
    stored = client.get("/api/articles").json()["total"]
    assert f"{stored} stored article(s)" in home
    client.post("/api/articles", json={"text": "Militia leaders met in Keshal on Sunday to "
                                               "discuss the truce, a spokesman said."},
                headers={"Authorization": f"Bearer {TOKEN}"})
    assert "(untitled) Militia leaders met in Keshal" in client.get("/").text


def test_bad_values_get_422_naming_the_parameter(client):
    for path, parameter in (("/api/events?since=notadate", "since"),
                            ("/api/timeline?since=yesterday", "since"),
                            ("/api/articles?until=2031-02-30", "until"),
                            ("/api/network?since=last%20week", "since"),
                            ("/api/events?type=bombing", "type"),
                            ("/api/quotes?kind=verbatim", "kind"),
                            ("/api/network?type=ASSAULT&type=bombing", "type")):
        response = client.get(path)
        assert response.status_code == 422, path
        body = response.json()
        assert body["parameter"] == parameter and body["example"] and parameter in body["detail"]
    page = client.get("/timeline", params={"since": "notadate"})
    assert page.status_code == 422 and "since: &#39;notadate&#39;" in page.text
    assert client.get("/network", params={"until": "soon"}).status_code == 422
    posted = client.post("/api/articles", json={"text": "The minister spoke on Monday.",
                                                "published": "yesterday-ish"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 422 and posted.json()["parameter"] == "published"
    batch = client.post("/api/articles", json=[{"text": "One.", "published": "2031-02-14"},
                                               {"text": "Two.", "published": "soon"}],
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert batch.status_code == 422 and batch.json()["parameter"] == "[1].published"
    written = client.post("/api/articles", json={"text": "The minister spoke on Monday.",
                                                 "published": "4 March 2031"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert written.json()["source"]["published"] == "2031-03-04"
    assert client.get("/api/events", params={"since": "2031-02"}).status_code == 200


def test_facts_show_their_sentence_and_link_to_the_span(client):
    import html
    import re

    pages = [client.get("/entities/norvast").text, client.get("/timeline").text,
             client.get("/search", params={"q": "drone"}).text]
    for text in pages:
        links = re.findall(r'<blockquote class="evidence">(.*?)<mark>(.*?)</mark>.*?'
                           r'href="/articles/([^"?]+)\?at=(\d+)-(\d+)#at"', text, re.S)
        assert links, text[:200]
        for _before, marked, article_id, start, end in links[:10]:
            stored = client.get(f"/api/articles/{article_id}").json()["text"]
            assert " ".join(stored[int(start):int(end)].split()) == html.unescape(marked)
    article = client.get(f"/articles/{links[0][2]}", params={"at": f"{links[0][3]}-"
                                                                   f"{links[0][4]}"}).text
    assert '<mark id="at" class="at">' in article


def test_framing_marks_are_explained_and_name_the_labelled_actor(client):
    import re

    for item in client.get("/api/articles", params={"limit": 500}).json()["items"]:
        record = client.get(f"/api/articles/{item['id']}").json()
        labelled = [f for f in record["framing"] if f.get("entity")]
        if labelled:
            break
    page = client.get(f"/articles/{record['id']}").text
    titles = re.findall(r'class="mk framing [a-z_]+"[^>]*title="([^"]*)"', page)
    assert titles and not any(re.search(r"\b[a-z]+_[a-z_]+\b", t) for t in titles), titles
    assert any(" of " in t for t in titles)  # "Actor label of <the actor>"
    assert "Vague attribution" in page or "Loaded language" in page or "Actor label" in page
    assert "labels <a href=\"/entities/" in page


def test_speakers_are_named_not_pronouns(client):
    import re

    for story in client.get("/api/stories").json()["items"]:
        page = client.get(f"/stories/{story['id']}").text
        speakers = re.findall(r'<blockquote class="evidence"><strong>([^<]*)</strong>', page)
        assert not {"he", "she", "He", "She", "they"} & set(speakers), (story["id"], speakers)


def test_texts_are_cut_between_words():
    from presslens.web.evidence import shorten

    text = "The official called it a “watch Iran” policy, said sources close to the talks."
    for limit in range(10, len(text)):
        cut = shorten(text, limit)
        assert len(cut) <= limit + 1 and cut.endswith("…")
        kept = cut[:-1]
        assert text.startswith(kept) and (text[len(kept)] in " ,")
        assert not kept.endswith("“watch Iran")  # the closing mark goes with its word
    assert shorten(text, 500) == text


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser(db):
    """One Chromium and one server for every browser test of this module (the machines
    running the tests have few cores); ``browser.base`` is the server's URL."""
    import os

    playwright = pytest.importorskip("playwright.sync_api")
    executable = CHROMIUM if os.path.exists(CHROMIUM) else (
        shutil.which("chromium") or shutil.which("chromium-browser"))
    if executable is None:
        pytest.skip("Chromium is not installed")
    with serving(create_app(Settings(db_path=db, token=TOKEN))) as base:
        with playwright.sync_playwright() as driver:
            launched = driver.chromium.launch(
                executable_path=executable,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            launched.base = base
            yield launched
            launched.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page that records what it fetched and any console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.base = browser.base
    opened.fetched = []
    opened.errors = []
    opened.on("request", lambda request: opened.fetched.append(request.url))
    opened.on("console", lambda message: message.type == "error"
              and opened.errors.append(message.text))
    yield opened
    context.close()


def _first_article_with_quotes(client, least: int = 3) -> str:
    for item in client.get("/api/articles", params={"limit": 500}).json()["items"]:
        if item["quotes"] >= least:
            return item["id"]
    raise AssertionError("no article with quotes")


@pytest.mark.slow
def test_paste_box_through_the_real_form(page):
    """Chromium sends the file field even when no file is chosen (an empty part with an
    empty file name): the pasted text must still be what is analysed."""
    page.goto(page.base + "/")
    page.fill("#paste", "Kurdish fighters attacked a Turkish patrol near the border on "
                        "Tuesday, the Turkish defence ministry said in a statement.")
    page.fill("input[name=outlet]", "Paste Wire")
    page.fill("input[name=published]", "2031-02-14")
    page.fill("input[name=token]", TOKEN)
    with page.expect_navigation():
        page.click("#upload button")
    assert page.locator("h1").inner_text() == "Analysed", page.content()
    page.click("#next")
    assert "Paste Wire" in page.locator(".meta").first.inner_text()
    assert "2031-02-14" in page.locator(".meta").first.inner_text()
    assert page.locator("#text .mk.event").count() >= 1


@pytest.mark.slow
def test_paste_box_with_a_bad_date_answers_a_page_that_says_which_field(page):
    page.goto(page.base + "/")
    page.fill("#paste", "The minister said on Monday that the talks would go on.")
    page.fill("input[name=published]", "yesterday-ish")
    page.fill("input[name=token]", TOKEN)
    with page.expect_navigation():
        page.click("#upload button")
    assert "published" in page.locator("#message").inner_text()
    assert "2031-02-14" in page.locator("#message").inner_text()
    assert '"detail"' not in page.content()  # a page, not raw JSON


@pytest.mark.slow
def test_docs_render_offline_from_the_app_itself(page):
    base = page.base
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert "/api/articles" in page.locator(".swagger-ui").inner_text()
    assert all(url.startswith(base) or url.startswith("data:") for url in page.fetched), \
        page.fetched
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors


@pytest.mark.slow
def test_article_page_marks_legend_panel_and_info_box_in_view(page, client):
    article_id = _first_article_with_quotes(client)
    page.goto(page.base + f"/articles/{article_id}")
    quote = page.locator("#text .mk.quote").first
    quote.click()
    detail = page.locator("#detail")
    assert detail.is_visible()
    assert quote.get_attribute("title") in detail.inner_text()
    page.keyboard.press("Escape")
    assert not detail.is_visible()
    # A mark far down the article: the box opens beside it, inside the screen.
    last = page.locator("#text .mk").last
    last.scroll_into_view_if_needed()
    last.click()
    assert page.evaluate("window.scrollY") > 0
    box = detail.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + 20 <= 900
    page.keyboard.press("Escape")
    page.uncheck("input[data-layer=quote]")
    assert "hide-quote" in page.evaluate("document.body.className")
    page.check("input[data-layer=quote]")
    page.locator("#panel .card[data-start]").first.click()
    assert page.locator("#text .flash").count() == 1  # the side panel leads to the words
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors


@pytest.mark.slow
def test_marks_are_reached_with_tab_and_opened_with_enter(page, client):
    page.goto(page.base + f"/articles/{_first_article_with_quotes(client)}")
    page.locator("#legend input").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('mk')")
    page.keyboard.press("Enter")
    assert page.locator("#detail").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#detail").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('mk')")


@pytest.mark.slow
def test_evidence_links_open_the_article_at_the_span(page):
    page.goto(page.base + "/entities/norvast")
    link = page.locator(".evidence a.goto").first
    marked = link.locator("xpath=..").locator("mark").inner_text()
    with page.expect_navigation():
        link.click()
    target = page.locator("#at")
    assert " ".join(target.inner_text().split()) == " ".join(marked.split())
    page.wait_for_function("document.getElementById('at').getBoundingClientRect().top > 100")
    box = target.bounding_box()
    assert box is not None and 100 < box["y"] < 800


@pytest.mark.slow
def test_network_draws_directed_edges_and_filters(page):
    page.goto(page.base + "/network")
    page.wait_for_function("window.presslensNetwork && "
                           "window.presslensNetwork.edges(':visible').length > 0")
    shown = page.evaluate("window.presslensNetwork.edges(':visible').length")
    assert page.evaluate("window.presslensNetwork.edges()[0].style('target-arrow-shape')") \
        == "triangle"
    assert page.locator("#graph canvas").count() >= 1
    assert page.locator("#kinds input").count() >= 2
    # Which kind comes first depends on the store; with every kind unchecked, no tie is left.
    boxes = page.locator("#kinds input")
    for index in range(boxes.count()):
        boxes.nth(index).uncheck()
    assert page.evaluate("window.presslensNetwork.edges(':visible').length") < shown
    page.locator("#graph").click()  # nothing breaks on a click on the background
    assert not page.errors, page.errors


@pytest.mark.slow
def test_timeline_zooms_and_filters(page):
    base = page.base
    page.goto(base + "/timeline")
    everything = page.locator("#timeline .row").count()
    assert page.locator("#chart svg circle").count() >= 2
    before = page.locator("#range").inner_text()
    page.click("[data-zoom=in]")
    assert page.locator("#range").inner_text() != before
    page.fill("input[name=actor]", "Daesh")
    page.click("#filter button")
    page.wait_for_url("**/timeline?actor=Daesh*")
    assert 0 < page.locator("#timeline .row").count() < everything
    page.goto(base + "/timeline")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("#filter button")
    page.wait_for_url("**type=ASSAULT*")
    rows = page.locator("#timeline .row").all_inner_texts()
    assert 0 < len(rows) < everything and all("ASSAULT" in row for row in rows)
    page.fill("header input[name=q]", "resistance")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=resistance")
    assert page.locator(".hit .evidence mark").count() >= 1


@pytest.mark.slow
def test_pages_fit_a_phone(browser, client):
    context = browser.new_context(viewport={"width": 375, "height": 740},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = context.new_page()
    article_id = _first_article_with_quotes(client)
    first_story = client.get("/api/stories").json()["items"][0]["id"]
    for path in ("/", f"/articles/{article_id}", "/entities/norvast", f"/stories/{first_story}",
                 "/timeline", "/network", "/search?q=drone", "/docs"):
        phone.goto(browser.base + path)
        if path == "/docs":
            phone.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
    phone.goto(browser.base + f"/articles/{article_id}")
    phone.locator("#text .mk").nth(5).tap()
    box = phone.locator("#detail").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    context.close()


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
        nonce = re.search(r"script-src [^;]*'nonce-([^']+)'", policy).group(1)
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


def test_evidence_shows_confidence_only_where_the_record_has_one():
    from presslens.model import ArticleAnalysis, Source
    from presslens.web.evidence import evidence

    text = ("Officials met on Monday. The army shelled the village at dawn, residents said. "
            "Talks resume next week.")
    article = ArticleAnalysis(id="a1", source=Source(), text=text, entities=[], summary={},
                              quotes=[], timexes=[], events=[], framing=[])
    start = text.index("shelled")
    found = evidence(article, start, start + 7, None, {"confidence": 0.72})
    assert (found.before, found.span, found.after) == (
        "The army ", "shelled", " the village at dawn, residents said.")
    assert found.confidence == 0.72 and found.confidence_name == "confidence"
    assert found.href == f"/articles/a1?at={start}-{start + 7}#at"
    assert evidence(article, start, start + 7, None, {}).confidence is None
    assert evidence(article, start, start + 7, None, {"score": 0.5}).confidence_name == "score"


def test_a_near_identical_copy_posted_is_kept_as_a_source_as_ingest_keeps_it(client):
    body = {"text": "Kurdish officials in Erbil said on Monday that three drones struck an oil "
                    "field near the city overnight, causing a fire but no casualties. Firefighters "
                    "put out the blaze by morning, the officials added. The field, run by a "
                    "private company, had been hit twice this year, and production there was "
                    "halted for a week after the last attack in March, according to the "
                    "regional energy ministry.",
            "outlet": "First Wire", "published": "2022-06-20"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", json=body, headers=headers)
    assert first.status_code == 200, first.text
    copy = client.post("/api/articles", headers=headers,
                       json={**body, "outlet": "Second Wire",
                             "text": body["text"] + " Reporting by the desk."}).json()
    assert copy["copy_of"] == first.json()["id"] and copy["similarity"] >= 0.8
    assert client.get(f"/api/articles/{copy['id']}").status_code == 404
    again = client.post("/api/articles", json=body, headers=headers)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_an_undated_article_page_shows_the_window_its_text_allows(client):
    text = ("The cosmonaut, who made the first walk in space on March 18, 1965, died on "
            "Friday at the age of 85, the space agency said.")
    article_id = _pasted(client, text)
    record = client.get(f"/api/articles/{article_id}").json()
    # One full date of long ago: a window open above, and no date guessed from it.
    assert record["source"]["published"] is None
    assert record["source"]["published_evidence"]["earliest"] == "1965-03-18"
    assert "undated (its text allows from 1965-03-18)" in client.get(
        f"/articles/{article_id}").text


def test_an_article_page_says_whom_a_spokesperson_speaks_for(client):
    text = ("Kremlin press secretary Dmitry Peskov told reporters on Monday that Moscow had "
            "received the proposal and would answer within days.")
    article_id = _pasted(client, text)
    quote = client.get(f"/api/articles/{article_id}").json()["quotes"][0]
    assert quote["speaker"]["on_behalf_of"]["text"] == "Kremlin"
    assert "Dmitry Peskov</strong>" in client.get(f"/articles/{article_id}").text
    assert '<span class="meta">for Kremlin</span>' in client.get(f"/articles/{article_id}").text


def _pasted(client, text: str) -> str:
    """The id of the article a text pasted into the upload form became."""
    created = client.post("/upload", data={"text": text, "token": TOKEN, "outlet": "Paste"},
                          files={"file": ("", b"", "application/octet-stream")})
    assert created.status_code == 201, created.text
    return created.text.split('href="/articles/')[1].split('"')[0]
