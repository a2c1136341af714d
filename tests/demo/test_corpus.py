"""The bundled demo corpus: fiction, large and varied enough, and read as its manifest says."""

import json
from collections import defaultdict

import pytest

from presslens.ingest import RawArticle, read_inputs


@pytest.fixture(scope="module")
def manifest(demo_dir):
    return json.loads((demo_dir / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles(demo_dir):
    found = list(read_inputs([demo_dir]))
    return {(a.source.path, a.source.line): a for a in found if isinstance(a, RawArticle)}


def test_manifest_says_it_is_fiction(demo_dir, manifest):
    assert manifest["fiction"] is True
    assert "fiction" in (demo_dir / "MANIFEST.md").read_text(encoding="utf-8").lower()


def test_size_outlets_and_stories(manifest):
    entries = manifest["articles"]
    assert len(entries) >= 30
    assert len({e["outlet"] for e in entries}) >= 4
    outlets_per_story = defaultdict(set)
    for entry in entries:
        outlets_per_story[entry["story"]].add(entry["outlet"])
    assert sum(1 for outlets in outlets_per_story.values() if len(outlets) >= 2) >= 6


def test_every_article_is_read_with_the_manifest_metadata(demo_dir, manifest, articles):
    assert len(articles) == len(manifest["articles"])
    for entry in manifest["articles"]:
        article = articles[(str(demo_dir / entry["file"]), entry["line"])]
        assert article.source.outlet == entry["outlet"], entry["file"]
        if article.source.published is not None:
            assert article.source.published == entry["published"], entry["file"]
        assert article.source.title == entry["title"], entry["file"]


def test_copies_carry_the_hard_cases(articles):
    texts = [a.text for a in articles.values()]
    datelines = [a.source.dateline for a in articles.values() if a.source.dateline]
    encodings = {a.source.encoding for a in articles.values()}
    assert len(datelines) >= 10
    assert "cp1252" in encodings
    assert sum("“" in t for t in texts) >= 10 and sum('"' in t for t in texts) >= 5
    for junk in ("Back to top", "Share this article", "Follow us on"):
        assert not any(junk in t for t in texts), junk
