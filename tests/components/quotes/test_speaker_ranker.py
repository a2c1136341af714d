"""The speaker ranker: its candidates and features on small articles written in the shapes of
wire and regional copy, how it overrules the rules, and the shipped model."""

from contextlib import contextmanager

from presslens.components.quotes.models import shipped_quote_models
from presslens.components.quotes.speaker_ranker import (
    RANKINGS_KEY,
    Candidate,
    SpeakerRanker,
    anchor_kind,
)
from presslens.learning import LinearClassifier
from tests.components.quotes.quote_helpers import only, quotes_of


@contextmanager
def ranking(nlp):
    """The quote component with the speaker ranker allowed to overrule the rules."""
    component = nlp.get_pipe("presslens_quotes")
    component.rank_speakers = True
    try:
        yield
    finally:
        component.rank_speakers = False


def rankings_of(nlp, text):
    """The quotes of ``text`` and the ranked candidates of each quote the rules cannot
    resolve exactly, as the component keeps them for training."""
    component = nlp.get_pipe("presslens_quotes")
    component.collect_rankings = True
    try:
        doc = nlp(text)
    finally:
        component.collect_rankings = False
    names = [c.name for c in doc._.entity_clusters]
    rankings = [r for r in doc.user_data.get(RANKINGS_KEY, []) if not r["masked"]]
    return doc, names, rankings


COMMANDER = ("A PMF commander told Rudaw that three people were killed in the strike near the "
             "airport, identifying one of them as Wisam al-Saedi.\n\n"
             "He said the drone hit two vehicles leaving the base shortly after midnight.")
TWO_PEOPLE = ("Interior Minister Layla Haddad met Defence Minister Omar Saleh in Baghdad on "
              "Monday to discuss the border.\n\n"
              "She said the two ministries would open a joint operations room next week.")
MINISTRY = ("Interior Minister Karim Haddad visited the border on Monday, a day after the "
            "Interior Ministry announced new checkpoints.\n\n"
            "The ministry said that 40 people had been arrested near the crossing.")


def candidate_features(nlp, text):
    """The kind of the one ranked speaker phrase of ``text`` and its named candidates'
    features by name."""
    _, names, (ranking,) = rankings_of(nlp, text)
    return ranking["kind"], {names[c]: f for c, f in ranking["candidates"] if c is not None}


def test_pronoun_after_a_body_commander_is_not_the_man_named_in_his_words(nlp):
    quotes = quotes_of(nlp, COMMANDER)
    assert len(quotes) == 2
    assert [q["speaker"]["name"] for q in quotes] == [None, None]
    assert only(quotes, text="He")["speaker"]["anonymous"] is True
    kind, features = candidate_features(nlp, COMMANDER)
    assert kind == "he"
    # The body of the commander who spoke last is marked so, and the dead man as named
    # inside what was said.
    assert "spoke=last" in features["Popular Mobilization Units"]
    assert {"in_reported_speech", "spoke=never"} <= set(features["Wisam al-Saedi"])


def test_she_after_two_people_is_the_woman(nlp):
    quote = only(quotes_of(nlp, TWO_PEOPLE), text="She")
    assert quote["speaker"]["name"] == "Layla Haddad"
    kind, features = candidate_features(nlp, TWO_PEOPLE)
    assert kind == "she"
    assert "gender=match" in features["Layla Haddad"]
    assert "gender=clash" in features["Omar Saleh"]


def test_he_after_a_speaker_and_a_man_he_met_is_the_speaker(nlp):
    text = ("Foreign Minister Karim Haddad said the crossing would reopen on Sunday.\n\n"
            "He met his Turkish counterpart Hassan Demir in Ankara on Monday.\n\n"
            'He told reporters: "We have agreed on the date."')
    quote = only(quotes_of(nlp, text), kind="direct")
    assert quote["speaker"]["name"] == "Karim Haddad"


def test_the_ministry_after_its_minister_is_the_ministry(nlp):
    quote = only(quotes_of(nlp, MINISTRY), text="The ministry")
    assert quote["speaker"]["name"] == "Interior Ministry"
    kind, features = candidate_features(nlp, MINISTRY)
    assert kind == "noun"
    assert "named_with_anchor_word" in features["Interior Ministry"]
    assert "named_with_anchor_word" not in features["Karim Haddad"]


def test_every_span_of_a_ranked_article_holds(nlp):
    text = ("Defence Minister Omar Saleh said the army had retaken the town. The minister "
            "added that the road to the north was open. They said nothing of the dead.")
    for quote in quotes_of(nlp, text):
        for part in (quote["content"], quote["speaker"]):
            if part.get("start") is not None:
                assert text[part["start"]:part["end"]] == part["text"]


def test_anchor_kinds(nlp):
    doc = nlp("He said the minister and the ministry agreed.")
    role_nouns = frozenset({"minister"})
    assert [anchor_kind(doc[i], role_nouns) for i in (0, 3, 6)] == ["he", "role", "noun"]


def _ranker(margin=0.3, floor=0.6):
    weights = {"close": [2.0, 0.0], "far": [-2.0, 0.0]}
    return SpeakerRanker(LinearClassifier(["right", "wrong"], weights, [0.0, 0.0]), margin,
                         floor)


def test_ranker_overrules_the_rules_only_when_much_surer():
    close, far, middle = (Candidate(i, features=f) for i, f in
                          enumerate((["close"], ["far"], [])))
    ranker = _ranker()
    assert ranker.choose([close, far], rule_choice=1) is close
    # 0.88 against 0.5: more than the margin apart.
    assert ranker.choose([close, middle], rule_choice=1) is close
    assert _ranker(margin=0.5).choose([close, middle], rule_choice=1) is None
    assert ranker.choose([close, far], rule_choice=0) is None
    assert ranker.choose([], rule_choice=None) is None


def test_ranker_fills_in_only_above_its_floor():
    close, middle = Candidate(0, features=["close"]), Candidate(1, features=[])
    assert _ranker().choose([close, middle], rule_choice=None) is close
    assert _ranker(floor=0.9).choose([close, middle], rule_choice=None) is None


def test_shipped_model_is_small_and_loads():
    ranker = shipped_quote_models().speakers
    assert ranker is not None
    assert 0 < len(ranker.model.weights) < 2000
    assert 0.0 <= ranker.margin <= 1.01 and 0.0 <= ranker.floor <= 1.01


def test_ranked_speakers_of_the_three_shapes(nlp):
    """With the ranker allowed to overrule the rules, the shapes above keep their speakers."""
    shapes = [(COMMANDER, "He", None), (TWO_PEOPLE, "She", "Layla Haddad"),
              (MINISTRY, "The ministry", "Interior Ministry")]
    with ranking(nlp):
        for text, written, name in shapes:
            quote = only(quotes_of(nlp, text), text=written)
            assert quote["speaker"]["name"] == name, text
            assert text[quote["speaker"]["start"]:quote["speaker"]["end"]] == written


def test_rules_alone_by_default(nlp):
    """Off by default: the component neither ranks nor keeps candidates."""
    component = nlp.get_pipe("presslens_quotes")
    assert component.rank_speakers is False
    doc = nlp(TWO_PEOPLE)
    assert RANKINGS_KEY not in doc.user_data
    assert doc._.quotes[0]["speaker"]["resolved_from"] == "pronoun"
