import json
import sqlite3

import pytest

from presslens.analysis import analyze, read_articles
from presslens.errors import StoreError
from presslens.model import ArticleAnalysis, Source
from presslens.store import SCHEMA_VERSION, Store, read_jsonl, write_analysis


@pytest.fixture(scope="module")
def sample_corpus(samples, nlp):
    articles, problems, _ = read_articles(samples, max_article_bytes=5_000_000)
    assert not problems
    return analyze(articles, nlp=nlp)


def test_new_store_is_migrated_and_in_wal_mode(tmp_path):
    with Store.open(tmp_path / "deep" / "p.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_store_from_a_newer_presslens_is_refused(tmp_path):
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer than this presslens"):
        Store.open(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(path)


def test_round_trip_analysis_store_export_is_identical(tmp_path, sample_corpus):
    with Store.open(tmp_path / "p.db") as store:
        report = store.add_articles(sample_corpus.articles)
        assert report.added == 2
        exported = write_analysis(tmp_path / "export", store.articles(), store.entities())
    direct = write_analysis(tmp_path / "direct", sample_corpus.articles, sample_corpus.entities)
    assert read_jsonl(exported["articles"]) == read_jsonl(direct["articles"])
    assert read_jsonl(exported["entities"]) == read_jsonl(direct["entities"])


def test_items_of_later_components_round_trip(tmp_path):
    text = "He said it."
    article = ArticleAnalysis(
        id="a1", source=Source(title="T", published="2021-01-02", tags=["x"]), text=text,
        quotes=[{"id": "q1", "speaker": {"entity": None, "text": "He"},
                 "cue": {"start": 3, "end": 7, "text": "said"},
                 "content": {"start": 8, "end": 10, "text": "it"}, "kind": "indirect"}],
        timexes=[{"start": 0, "end": 2, "text": "He", "type": "DATE", "value": "2021"}],
        events=[{"id": "e1", "type": "CONSULT", "actor": None, "target": None,
                 "trigger": {"start": 3, "end": 7, "text": "said"}, "date": None}],
        framing=[{"start": 8, "end": 10, "text": "it", "label": "doubt", "voice": "outlet",
                  "score": 0.5}],
    )
    with Store.open(tmp_path / "p.db") as store:
        store.add_articles([article])
        assert store.article("a1").to_dict() == article.to_dict()


def test_adding_again_is_idempotent(tmp_path, sample_corpus):
    with Store.open(tmp_path / "p.db") as store:
        store.add_articles(sample_corpus.articles)
        again = store.add_articles(sample_corpus.articles)
        assert (again.added, again.already_stored) == (0, 2)
        assert store.count_articles() == 2


def test_a_failing_batch_leaves_nothing_behind(tmp_path, sample_corpus):
    good = sample_corpus.articles[0]
    broken = ArticleAnalysis(id=None, source=Source(), text="x")  # violates NOT NULL
    with Store.open(tmp_path / "p.db") as store:
        with pytest.raises(StoreError, match="nothing of this batch was written"):
            store.add_articles([good, broken])
        assert store.count_articles() == 0


def test_search_finds_words_with_snippets(tmp_path, sample_corpus):
    with Store.open(tmp_path / "p.db") as store:
        store.add_articles(sample_corpus.articles)
        hits = store.search("Kadhimi")
        assert len(hits) == 2
        # A plain name also finds the actor's other spellings, and the snippet marks them.
        spellings = ["Kadhimi", *store.name_expansion("Kadhimi")]
        assert "Khadimi" in spellings
        assert all(any(f"[{s}" in h.snippet or f"{s}]" in h.snippet for s in spellings)
                   for h in hits)
        (hit,) = store.search('"Friday prayers"')
        assert hit.outlet == "Press TV"
        assert store.search("Tasnim AND Deash") == []
        # Unbalanced quotes are not FTS5 syntax: searched as plain words instead of failing.
        assert len(store.search('"Kadhimi')) == 2
        assert store.search("nonexistentword") == []


def test_read_only_store_is_a_clear_error(tmp_path, sample_corpus):
    path = tmp_path / "p.db"
    Store.open(path).close()
    read_only = Store(sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None),
                      str(path))
    with pytest.raises(StoreError, match="cannot write"):
        read_only.add_articles(sample_corpus.articles)
    read_only.close()


def test_seeded_resolver_keeps_ids_across_batches(tmp_path, samples, nlp):
    articles, _, _ = read_articles(samples, max_article_bytes=5_000_000)
    with Store.open(tmp_path / "p.db") as store:
        store.add_articles(analyze(articles[:1], nlp=nlp).articles)
        second = analyze(articles[1:], nlp=nlp, resolver=store.entity_resolver())
        store.add_articles(second.articles)
        together = analyze(articles, nlp=nlp)
        assert ({e.id for e in store.entities()} == {e.id for e in together.entities})


def test_quotes_are_rows_with_speakers_and_searchable(tmp_path, sample_corpus):
    with Store.open(tmp_path / "p.db") as store:
        store.add_articles(sample_corpus.articles)
        # Quoted only jointly, with Biden: a joint statement gives every speaker.
        by_kadhimi = store.quotes(speaker="Kadhimi", min_confidence=0)
        assert [q.cue for q in by_kadhimi] == ["declared"]
        assert by_kadhimi[0].speaker_entity == "joe-biden"
        saadi = store.quotes(speaker="Saad al-Saadi")
        assert saadi and all(q.speaker_entity == "saad-al-saadi" for q in saadi)
        assert {q.kind for q in saadi} == {"indirect", "direct"}
        about = store.quotes(about="resistance")
        assert about and all("resistance" in q.content.lower() for q in about)
        anonymous = store.quotes(speaker="Many")
        assert anonymous and anonymous[0].anonymous
        assert store.quotes(about='"unbalanced') == []
        assert len(store.quotes(kind="mixed")) >= 2


def test_version_one_store_is_migrated_with_its_quotes(tmp_path, sample_corpus):
    from presslens.store.schema import MIGRATIONS, _split_sql

    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in _split_sql(MIGRATIONS[0]):
        connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    old = Store(sqlite3.connect(path, isolation_level=None), str(path))
    old.connection.row_factory = sqlite3.Row
    # A version-1 writer: articles and items only, no quotes table yet.
    article = sample_corpus.articles[1]
    old.connection.execute(
        "INSERT INTO articles (id, source, text, title, outlet, published, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article.id, "{}", article.text, None, None, None, "2026-01-01"))
    for seq, quote in enumerate(article.quotes):
        old.connection.execute(
            "INSERT INTO items (article_id, kind, seq, record) VALUES (?, 'quotes', ?, ?)",
            (article.id, seq, json.dumps(quote)))
    old.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.quotes(limit=1000)) == len(article.quotes)


def test_quote_search_with_odd_input(tmp_path, sample_corpus):
    with Store.open(tmp_path / "p.db") as store:
        store.add_articles(sample_corpus.articles)
        assert store.quotes(about="resistance\x00")  # the NUL does not cut the query
        assert isinstance(store.quotes(about='NEAR("x" AND'), list)
        assert store.quotes(speaker="%") == []
        assert store.quotes(speaker="_") == []


def test_naming_phrases_are_names_and_short_descriptions():
    from presslens.store.sqlite import naming_phrase

    assert naming_phrase("US occupation forces responsible for the upsurge in terrorist "
                         "attacks by Daesh Takfiri terrorists across the country") == \
        "US occupation forces"
    assert naming_phrase("The prime minister (Mustafa Al-Kadhimi") == "The prime minister"
    assert naming_phrase("the cleric") == "the cleric"
    assert naming_phrase("a group of armed men from the three villages east of the town "
                         "on the river") is None


@pytest.mark.model
def test_lookups_and_search_take_any_stored_spelling(tmp_path):
    from typer.testing import CliRunner

    from presslens.cli import app

    texts = {
        "a.txt": "Iraqi Prime Minister Mustafa al-Kadhimi met the envoy on Monday.",
        "b.txt": "Iraqi officials said Khadimi told reporters the talks had gone well.",
        "c.txt": "General Qasem Soleimani was killed near Baghdad airport on Friday.",
        "d.txt": "Mourners carried portraits of Qassem Soleimani through Kerman.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "lookup.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(db),
                                      "--published", "2020-01-06"])
    assert result.exit_code == 0, result.stdout
    with Store.open(db) as store:
        assert store.entity_ids_named("Suleimani")  # a surname in another spelling
        assert store.entity_ids_named("Suleimani") == store.entity_ids_named("Soleimani")
        assert any("Kadhimi" in s for s in store.name_expansion("Khadimi"))
        assert len({hit.article_id for hit in store.search("Khadimi")}) == 2
        assert store.name_expansion('"Khadimi" AND talks') == []
    result = CliRunner().invoke(app, ["search", "Khadimi", "--db", str(db)])
    assert "other spellings" in result.stdout


def test_a_new_actor_gets_an_id_no_stored_actor_has(tmp_path):
    from presslens.model import ArticleEntity, Mention

    text = "Saad al-Saadi spoke."

    def article(article_id, entity_id):
        mention = Mention(0, 13, "Saad al-Saadi", "PERSON")
        return ArticleAnalysis(id=article_id, source=Source(title="T"), text=text,
                               entities=[ArticleEntity(entity_id, "Saad al-Saadi", "PERSON",
                                                       [mention])])

    with Store.open(tmp_path / "p.db") as store:
        assert store.unused_entity_id("Saad al-Saadi") == "saad-al-saadi"
        store.add_articles([article("a1", "saad-al-saadi"), article("a2", "saad-al-saadi-2")])
        assert store.unused_entity_id("Saad al-Saadi") == "saad-al-saadi-3"
        assert store.unused_entity_id("Hadi al-Amiri") == "hadi-al-amiri"
