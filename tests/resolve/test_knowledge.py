"""Gazetteer, alias table, metonyms, hard negatives and the analyst's corrections."""

import pytest
from typer.testing import CliRunner

from presslens.analysis import analyze
from presslens.cli import app
from presslens.errors import InputError
from presslens.eval.scoring import ceaf_e, muc
from presslens.resolve.knowledge import (
    Knowledge,
    KnownActor,
    pin_actor,
    read_alias_table,
    write_alias_table,
)
from presslens.resolve.names import mention_key
from presslens.store import Store

runner = CliRunner()


def ids_of(corpus):
    return {m.text: e.id for a in corpus.articles for e in a.entities for m in e.mentions}


def test_gazetteer_knows_countries_capitals_and_demonyms():
    knowledge = Knowledge.load()
    assert knowledge.country("Iraq").kb_id == "geonames:99237"
    assert knowledge.country("U.S.").name == "United States"
    assert knowledge.country_of_capital("Tehran").name == "Iran"
    assert knowledge.country_of_capital("Riyadh").name == "Saudi Arabia"
    assert knowledge.demonyms["iraki"].name == "Iraq"
    assert knowledge.kb_ids()["iran"] == "geonames:130758"


def test_countries_get_kb_ids_in_entities_jsonl(nlp):
    corpus = analyze(["Iran and Iraq signed a deal. The United States objected."], nlp=nlp)
    kb = {e.id: e.kb_id for e in corpus.entities}
    assert kb["iran"] == "geonames:130758" and kb["iraq"] == "geonames:99237"
    assert kb["united-states"] == "geonames:6252001"


def test_capital_acting_for_its_government_resolves_to_the_country(nlp):
    corpus = analyze(["Washington said it would keep its troops. Tehran rejected "
                      "Washington's demands. Officials later met in Washington."], nlp=nlp)
    (article,) = corpus.articles
    by_id = {e.id: [m.text for m in e.mentions] for e in article.entities}
    assert by_id["united-states"] == ["Washington", "Washington"]
    assert by_id["iran"] == ["Tehran"]
    assert by_id["washington"] == ["Washington"]  # "met in Washington": the city


def test_joint_statement_speaks_for_both_governments(nlp):
    corpus = analyze(['"Combat troops will leave by the end of the year," Baghdad and '
                      "Washington said in a joint statement."], nlp=nlp)
    (quote,) = corpus.articles[0].quotes
    assert quote["speaker"]["entities"] == ["iraq", "united-states"]
    assert quote["speaker"]["text"] == "Baghdad and Washington"


@pytest.mark.parametrize("first, second", [
    ("Iraq", "Iran"),
    ("Mohammad Karim al-Saedi", "Saad al-Saadi"),
    ("Qasem Soleimani", "Abu Mahdi al-Muhandis"),
    ("Joe Biden", "Donald Trump"),
    ("Asa'ib Ahl al-Haq", "Kata'ib Hezbollah"),
])
def test_hard_negatives_stay_apart(nlp, first, second):
    corpus = analyze([f"{first} met officials on Monday.", f"{second} met officials too.",
                      f"Both {first} and {second} were named in the report."], nlp=nlp)
    ids = ids_of(corpus)
    assert ids[first] != ids[second]


def test_alias_table_pins_resolution_and_kb_id(tmp_path, nlp):
    table = tmp_path / "aliases.csv"
    write_alias_table(table, [KnownActor("Popular Mobilization Units", "ORG",
                                         ("Hashd al-Shaabi", "PMF", "Hashed"), "Q21014461")])
    knowledge = Knowledge.load(table)
    corpus = analyze(["The Hashed fighters advanced, the PMF said."], nlp=nlp,
                     knowledge=knowledge)
    ids = ids_of(corpus)
    assert ids["PMF"] == "popular-mobilization-units"
    kb = {e.id: e.kb_id for e in corpus.entities}
    assert kb["popular-mobilization-units"] == "Q21014461"


def test_broken_alias_table_is_a_clear_error(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text("name,type,aliases\nSomeone,ALIEN,x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"aliases.csv:2"):
        read_alias_table(table)
    table.write_text("who,what\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks columns"):
        read_alias_table(table)


def test_pin_joins_rows_and_split_removes_spellings(tmp_path):
    table = tmp_path / "aliases.csv"
    pin_actor(table, KnownActor("Saad al-Saadi", "PERSON", ("Saadi",)))
    pin_actor(table, KnownActor("Saad al-Saadi", "PERSON", ("al-Saadi",)))
    pin_actor(table, KnownActor("Saadi", "PERSON", ("Saadi",), entity_id="saadi"),
              remove_from="Saad al-Saadi")
    rows = {row.name: row for row in read_alias_table(table)}
    # "al-Saadi" and "Saadi" are one spelling once the particle is set aside: both leave.
    assert rows["Saad al-Saadi"].aliases == ("Saad al-Saadi",)
    assert rows["Saadi"].entity_id == "saadi"


def test_muc_and_ceaf_e():
    system = {"a": 1, "b": 1, "c": 2, "d": 2}
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    assert muc(system, gold).recall == pytest.approx(1 / 2)
    assert muc(system, gold).precision == pytest.approx(1 / 2)
    assert ceaf_e(gold, gold).f1 == 1.0
    assert 0 < ceaf_e(system, gold).f1 < 1


@pytest.mark.model
def test_merge_and_split_correct_the_store_and_survive_reanalysis(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    monkeypatch.setenv("PRESSLENS_DB", str(db))
    first = tmp_path / "a.txt"
    first.write_text('"We will respond to any attack," Abu Fadak al-Mohammadawi said on '
                     "Monday in Baghdad.", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("Abdul Aziz al-Mohammadawi, the chief of staff of the Popular "
                      "Mobilization Units, visited Mosul on Tuesday.", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(first), str(second)]).exit_code == 0

    # Two names of one commander: the analyst merges them, quotes follow.
    result = runner.invoke(app, ["merge", "abdul-aziz-al-mohammadawi",
                                 "Abu Fadak al-Mohammadawi"])
    assert result.exit_code == 0, result.stdout
    with Store.open(db) as store:
        ids = {s.id for s in store.entity_summaries()}
        (quote,) = store.quotes(speaker="Abu Fadak")
    assert "abu-fadak-al-mohammadawi" not in ids and "abdul-aziz-al-mohammadawi" in ids
    assert quote.speaker_entity == "abdul-aziz-al-mohammadawi"
    (row,) = [r for r in read_alias_table(tmp_path / "aliases.csv")]
    assert row.entity_id == "abdul-aziz-al-mohammadawi"
    assert "Abu Fadak al-Mohammadawi" in row.aliases

    # A later article is resolved with the correction.
    third = tmp_path / "c.txt"
    third.write_text("Abu Fadak al-Mohammadawi toured the western desert on Friday with "
                     "commanders of the brigades.", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(third)]).exit_code == 0
    with Store.open(db) as store:
        assert "abu-fadak-al-mohammadawi" not in {s.id for s in store.entity_summaries()}

    # Undone: the spelling gets its own entity again, and keeps it in later analyses.
    result = runner.invoke(app, ["split", "abdul-aziz-al-mohammadawi",
                                 "Abu Fadak al-Mohammadawi"])
    assert result.exit_code == 0, result.stdout
    with Store.open(db) as store:
        summaries = {s.id: s for s in store.entity_summaries()}
        (quote,) = store.quotes(speaker="Abu Fadak")
    assert summaries["abu-fadak-al-mohammadawi"].articles == 2
    assert quote.speaker_entity == "abu-fadak-al-mohammadawi"
    knowledge = Knowledge.load(tmp_path / "aliases.csv")
    key = mention_key("Abu Fadak al-Mohammadawi", "PERSON")
    assert knowledge.pinned_actor([key]).id == "abu-fadak-al-mohammadawi"

    listing = runner.invoke(app, ["entities", "--name", "Mohammadawi"])
    assert listing.exit_code == 0
    assert "abu-fadak-al-mohammadawi" in listing.stdout
    assert "abdul-aziz-al-mohammadawi" in listing.stdout
    assert runner.invoke(app, ["merge", "nobody-at-all", "mosul"]).exit_code == 2
    assert runner.invoke(app, ["split", "mosul", "Baghdad"]).exit_code == 2


def test_nationalities_point_at_their_country(nlp):
    corpus = analyze(["Iraqi lawmakers met Iranian envoys."], nlp=nlp)
    countries = {e.id: e.country for e in corpus.entities}
    assert countries["iraqi"] == "iraq" and countries["iranian"] == "iran"


def test_a_capital_named_as_a_place_stays_the_city(nlp):
    corpus = analyze(["The oil field lies east of the capital, Riyadh. Aid flew to Baghdad."],
                     nlp=nlp)
    ids = ids_of(corpus)
    assert ids["Riyadh"] == "riyadh" and ids["Baghdad"] == "baghdad"


def test_a_capital_visited_or_shelled_is_the_city(nlp):
    # One visits, leaves or shells a city; one urges or accuses a government.
    for text in ("Quds Force commander Esmail Qaani visited Baghdad on Monday.",
                 "Rockets hit Baghdad overnight, police said.",
                 "Damascus was shelled again on Sunday."):
        ids = ids_of(analyze([text], nlp=nlp))
        city = next(name for name in ("Baghdad", "Damascus") if name in ids)
        assert ids[city] == city.lower(), text
    ids = ids_of(analyze(["The envoy urged Baghdad to expel the troops."], nlp=nlp))
    assert ids["Baghdad"] == "iraq"


def test_city_then_region_of_the_same_name_are_two_places(nlp):
    corpus = analyze(["She addressed reporters in New York, New York, on Tuesday."], nlp=nlp)
    (article,) = corpus.articles
    names = [e.id for e in article.entities if any(m.text == "New York" for m in e.mentions)]
    assert len(names) == 2


def test_descriptions_of_a_named_office_holder_are_nominal_mentions(nlp):
    corpus = analyze(["Iraqi Prime Minister Mustafa al-Kadhimi met the US envoy. The premier "
                      "said the talks went well. Later the Iraqi prime minister flew home."],
                     nlp=nlp)
    (article,) = corpus.articles
    (kadhimi,) = [e for e in article.entities if e.id == "mustafa-al-kadhimi"]
    nominal = [m.text for m in kadhimi.mentions if m.label == "NOMINAL"]
    assert nominal == ["The premier", "the Iraqi prime minister"]
    (record,) = [e for e in corpus.entities if e.id == "mustafa-al-kadhimi"]
    assert record.aliases == ["Mustafa al-Kadhimi"]  # descriptions are not spellings


def test_a_description_two_people_could_hold_stays_unlinked(nlp):
    corpus = analyze(["President Joe Biden met President Emmanuel Macron. The president "
                      "later left."], nlp=nlp)
    nominal = [m for a in corpus.articles for e in a.entities for m in e.mentions
               if m.label == "NOMINAL"]
    assert nominal == []
