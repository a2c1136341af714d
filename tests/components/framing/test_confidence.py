"""Every framing flag carries a calibrated confidence and a one-line explanation, and the
faces show flags from the calibrated threshold unless told otherwise."""

import json
from importlib import resources

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.analysis import analyze
from presslens.cli import app as cli
from presslens.components.framing.confidence import (
    calibration,
    default_min_confidence,
    explanation_of,
)
from presslens.web.app import Settings, create_app

ARTICLE = ("The barbaric terrorists of the Iran-backed militia and their treacherous puppet "
           "masters slaughtered innocent children in a cowardly massacre, critics say. "
           "Washington keeps its occupying forces in the country under the pretext of "
           "fighting Daesh. The ministry said the attack was under investigation.\n")


def test_every_flag_has_a_confidence_and_one_line_explanation(nlp):
    (article,) = analyze([ARTICLE], nlp=nlp).articles
    assert article.framing
    for flag in article.framing:
        assert 0.0 <= flag["confidence"] <= 1.0
        assert flag["explanation"] and "\n" not in flag["explanation"]
        assert ("outlet's own sentence" in flag["explanation"]) == (flag["voice"] == "outlet")


def test_explanations_read_as_a_sentence():
    flag = {"label": "loaded_language", "text": "barbaric", "voice": "outlet",
            "basis": "loaded_language"}
    assert explanation_of(flag) == "loaded wording 'barbaric' in the outlet's own sentence"
    unnamed = {"label": "actor_label", "text": "Iran-backed militias", "voice": "outlet",
               "basis": "actor_label:western_israeli|unnamed", "side": "western_israeli"}
    assert explanation_of(unnamed).startswith(
        "label 'Iran-backed militias' applied to a group the text does not name, the "
        "vocabulary of Western and Israeli sources")


def test_the_shipped_calibration_holds_on_cross_validation():
    table = json.loads(resources.files("presslens.models").joinpath(
        "framing_confidence.json").read_text(encoding="utf-8"))
    assert table == calibration()
    for point, figures in table["cross_validation"].items():
        # Of the flags at or above c, at least c were right (on articles left out).
        assert figures["precision"] >= float(point), point
    assert table["cross_validation"][f"{table['threshold']:g}"]["precision"] >= 0.75
    assert all(0.0 <= value <= 1.0 for value in table["buckets"].values())


def test_the_api_and_the_cli_show_flags_from_the_threshold(tmp_path, nlp):
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["analyze", str(source), "--out", str(tmp_path / "out"),
                                      "--db", str(db), "--published", "2021-11-18"])
    assert result.exit_code == 0, result.stdout
    written = json.loads((tmp_path / "out" / "articles.jsonl").read_text().splitlines()[0])
    assert all(f["confidence"] >= default_min_confidence() for f in written["framing"])
    client = TestClient(create_app(Settings(db_path=db)))
    article_id = written["id"]
    shown = client.get(f"/api/articles/{article_id}").json()["framing"]
    every = client.get(f"/api/articles/{article_id}", params={"min_confidence": 0}).json()
    assert len(every["framing"]) > len(shown)
    assert {f["id"] for f in shown} == {f["id"] for f in every["framing"]
                                       if f["confidence"] >= default_min_confidence()}
    assert client.get(f"/api/articles/{article_id}",
                      params={"min_confidence": 2}).status_code == 422
