"""The framing models' run-time pieces: dense weights in LinearClassifier, the fast binary
tagger, the span scorer's features, the extension of chosen runs to their clause and the
technique classifier's sentence features."""

import math
from importlib import resources

import pytest

from presslens.components.framing import FramingTagger, extract_framing
from presslens.components.framing import features as framing_features
from presslens.components.framing import rules as framing_rules
from presslens.components.framing import spans as framing_spans
from presslens.components.framing import techniques as framing_techniques
from presslens.components.framing.voice import Voices
from presslens.learning import LinearClassifier


def test_dense_weights_add_to_the_sparse_score_and_old_models_load_unchanged():
    old = LinearClassifier.from_dict({"labels": ["a", "b"], "bias": [0.0, 0.0],
                                      "weights": {"x": [1.0, 0.0]}})
    assert old.dense is None and "dense" not in old.to_dict()
    assert old.probabilities(["x"], [5.0])["a"] == old.probabilities(["x"])["a"]
    model = LinearClassifier(["a", "b"], {"x": [1.0, 0.0]}, [0.0, 0.0], [[2.0, 0.0]])
    p = model.probabilities(["x"], [0.5])["a"]
    assert math.isclose(p, 1 / (1 + math.exp(-2.0)))
    assert LinearClassifier.from_dict(model.to_dict()).dense == [[2.0, 0.0]]
    assert model.ranked(["x"], [0.5])[0][0] == "a"


def test_fast_tagger_matches_the_classifier(nlp):
    doc = nlp("The barbaric thugs slaughtered innocent children.")
    tagger = LinearClassifier(["I", "O"], {"w=barbaric": [2.0, 0.5], "p=NOUN": [0.3, -0.2]},
                              [-1.0, 0.0])
    fast = framing_techniques.inside_probabilities(doc, tagger)
    slow = [tagger.probabilities(framing_features.token_features(doc, i))["I"]
            for i in range(len(doc))]
    assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(fast, slow, strict=True))


def test_fast_tagger_reads_every_feature_kind_as_the_strings_do(nlp):
    """The fast path reads spaCy's integer ids; each kind of feature must reach the same
    weight as its string, sentence edges and empty entity types included."""
    doc = nlp("Barbaric thugs of the regime slaughtered innocent children in Aleppo.")
    features = sorted({f for i in range(len(doc)) for f in framing_features.token_features(doc, i)})
    weights = {feature: [0.1 * (1 + k % 7), -0.05 * (k % 3)]
               for k, feature in enumerate(features)}
    tagger = LinearClassifier(["I", "O"], weights, [-0.3, 0.2])
    for _ in range(2):  # the second pass reads the remembered margins
        fast = framing_techniques.inside_probabilities(doc, tagger)
        slow = [tagger.probabilities(framing_features.token_features(doc, i))["I"]
                for i in range(len(doc))]
        assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(fast, slow, strict=True))
    assert {"w-1=<s>", "w+1=</s>", "e=-", "cap=True"} <= set(features)
    assert framing_techniques.inside_probabilities(nlp(""), tagger) == []


def test_candidate_and_technique_features(nlp):
    doc = nlp("They are evil. The barbaric thugs slaughtered innocent children, evil, evil.")
    inside = [0.9 if t.lower_ in ("barbaric", "thugs") else 0.05 for t in doc]
    sentences = framing_features.token_sentences(doc)
    assert len(sentences) == len(doc) and sentences[0] == (0, 4)
    first = next(t.i for t in doc if t.lower_ == "barbaric")
    features, vector = framing_features.candidate_features(
        doc, first, first + 1, inside, framing_features.contextual_vectors(doc), 0.1, sentences)
    assert "w=barbaric" in features
    assert len(vector) == 13 + 2 * framing_features.TENSOR_WIDTH
    assert math.isclose(vector[0], 0.9, rel_tol=1e-6)
    assert math.isclose(vector[5], math.log(2), rel_tol=1e-6)
    start = doc.text.index("evil")
    technique = framing_features.technique_features(doc, start, start + 4)
    assert "cnt=3" in technique and "sw=barbaric" not in technique
    later = doc.text.index("barbaric")
    assert "sw=slaughter" in framing_features.technique_features(doc, later, later + 14)


def test_loaded_records_make_claims_and_weak_cues_do_not(nlp):
    doc = nlp("The regime has crushed every dissenting voice in the country for years.")
    narrated = Voices([], [])
    loaded = [{"start": 4, "end": 10, "label": "loaded_language"}]
    claims, counts = framing_rules.claim_records(doc, narrated, loaded)
    assert counts["unattributed"] == 1 and claims[0]["label"] == "unattributed_claim"
    assert claims[0]["basis"].startswith("unattributed_claim:loaded|")
    assert framing_rules.claim_records(doc, narrated, [])[1]["unattributed"] == 0


def test_technique_features_tell_the_shape_and_recurrence_of_a_span(nlp):
    doc = nlp("War is coming. The warning was clear: war, war and the worst war of all.")
    text = doc.text
    start = text.index("worst")
    features = framing_features.technique_features(doc, start, start + len("worst war"))
    assert "rpos=NOUN" in features and "t=JJS" in features
    assert "rcnt=4" in features  # "war" four times as a word, not in "warning"
    assert "wcnt=1" in features and "title" not in features
    head = framing_features.technique_features(doc, 0, 3)
    assert "title" in head and "wcnt=4" in head
    assert framing_features.word_count("war and warning, war.", "war") == 2


def test_valence_lexicon_features(nlp):
    lexicon = framing_features.valence_lexicon()
    assert len(lexicon) > 7000 and lexicon["evil"] < -2 and ":)" not in lexicon
    assert [framing_features.valence_bucket(v) for v in (None, -3.4, 0.5, 2.0)] == \
        ["-", "n4", "p1", "p3"]
    doc = nlp("The evil regime hurt innocent children. It rained.")
    values, buckets, sentence = framing_features.valences(doc)
    assert len(values) == len(buckets) == len(sentence) == len(doc)
    assert buckets[:2] == ["-", "n4"] and values[1] == lexicon["evil"]  # "The", "evil"
    assert sentence[0] != sentence[-1] and sentence[-1] == "vs=0|0"
    first = next(t.i for t in doc if t.lower_ == "evil")
    features = framing_features.valence_features(doc, first, first + 1,
                                                 framing_features.token_sentences(doc)[first])
    assert {"vmax=n4", "vn=1", "vsign=n", "vsmax=3"} <= set(features)
    assert {"v=n4", "v-1=-", "v-1=<s>"} & set(framing_features.token_features(doc, 1)) == \
        {"v=n4", "v-1=-"}


def test_a_chosen_run_extends_to_the_clause_it_stands_for(nlp):
    doc = nlp("Critics said the deal would surely destroy the economy of the whole region.")
    economy = next(t.i for t in doc if t.lower_ == "economy")
    first, last = framing_spans.extension_of(doc, economy, economy)
    # "economy" depends on "destroy": the clause is what "destroy" heads.
    assert doc[first:last + 1].text == "the deal would surely destroy the economy of the " \
                                       "whole region"
    # "destroy" depends on the sentence's root: the whole sentence, without the full stop.
    destroy = next(t.i for t in doc if t.lower_ == "destroy")
    whole = framing_spans.extension_of(doc, destroy, destroy)
    assert doc[whole[0]:whole[1] + 1].text == doc.text.rstrip(".")


def test_extension_features_and_the_decision(nlp):
    doc = nlp("Critics said the deal would surely destroy the economy of the whole region.")
    sentences = framing_features.token_sentences(doc)
    destroy = next(t.i for t in doc if t.lower_ == "destroy")
    inside = [0.8 if t.i == destroy else 0.05 for t in doc]
    _, vector = framing_features.candidate_features(
        doc, destroy, destroy, inside, framing_features.contextual_vectors(doc), 0.1, sentences)
    clause = framing_spans.extension_of(doc, destroy, destroy)
    features = framing_features.extension_features(doc, destroy, destroy, clause,
                                                   sentences[destroy], vector, 0.6)
    width = framing_features.RUN_STATS + framing_features.TENSOR_WIDTH + 4
    assert features.shape == (width,)
    assert math.isclose(features[width - 2], 0.6, rel_tol=1e-6)
    words = len(doc) - 1  # without the full stop
    assert math.isclose(features[-4], 1 / words, rel_tol=1e-6)
    clause_chars = doc[clause[1]].idx + len(doc[clause[1]]) - doc[clause[0]].idx
    assert math.isclose(features[-1], math.log(clause_chars / len("destroy")), rel_tol=1e-6)

    def decided(bias):
        model = LinearClassifier(["I", "O"], {}, [bias, 0.0], [[0.0, 0.0]] * width)
        config = {"extension": model, "extension_threshold": 0.7}
        return framing_techniques._extended(doc, destroy, destroy, sentences[destroy],
                                            vector, 0.6, config)

    assert decided(5.0) == clause and decided(-5.0) == (destroy, destroy)
    assert framing_techniques._extended(doc, destroy, destroy, sentences[destroy], vector,
                                        0.6, {}) == (destroy, destroy)


def test_runs_extended_to_one_clause_give_one_record():
    records = [{"start": 0, "end": 9, "score": 0.4, "label": "doubt"},
               {"start": 0, "end": 9, "score": 0.7, "label": "loaded_language"},
               {"start": 3, "end": 9, "score": 0.5, "label": "doubt"}]
    kept = framing_techniques._without_repeats(records)
    assert [(r["start"], r["score"]) for r in kept] == [(0, 0.7), (3, 0.5)]


def test_the_shipped_extension_model_fits_its_features():
    config = framing_techniques._token_config()
    assert config["extension"] is not None
    assert len(config["extension"].dense) == \
        framing_features.RUN_STATS + framing_features.TENSOR_WIDTH + 4
    assert 0.5 <= config["extension_threshold"] < 1


def test_a_kept_run_loses_its_weak_edge_words(nlp):
    doc = nlp("They called the barbaric thugs cowards yesterday.")
    words = [t.lower_ for t in doc]
    first, last = words.index("called"), words.index("yesterday")
    inside = [0.9 if t.lower_ in {"barbaric", "thugs"} else 0.13 for t in doc]
    # "called" and "yesterday" are under the threshold, "the" is a function word left at
    # the edge once they are cut.
    assert framing_spans.trimmed_run(doc, inside, first, last, 0.2) == (words.index("barbaric"),
                                     words.index("thugs"))
    assert framing_spans.trimmed_run(doc, inside, first, last, 0.1) == (first, last)
    # A run whose words are all weak stays as it is rather than vanish.
    weak = [0.13] * len(doc)
    assert framing_spans.trimmed_run(doc, weak, first, last, 0.2) == (first, last)


def test_the_shipped_trim_threshold_is_read():
    assert 0 <= framing_techniques._token_config()["trim_threshold"] < 0.5


def test_a_trim_never_splits_a_hyphenated_word(nlp):
    doc = nlp("He praised the top anti-terror commander on Monday.")
    words = [t.text for t in doc]
    anti, terror = words.index("anti"), words.index("terror")
    first, last = words.index("top"), words.index("commander")
    inside = [0.9 if t.i in (anti + 1, terror) else 0.1 for t in doc]
    # "anti" is under the threshold but is part of the word "anti-terror".
    assert framing_spans.trimmed_run(doc, inside, first, last, 0.2) == (anti, terror)


def test_spans_widen_to_whole_written_words(nlp):
    doc = nlp("Abu Mahdi al-Muhandis was killed by a pro-US militia's drone, officials said.")
    words = [t.text for t in doc]
    hyphen = words.index("-")
    assert framing_spans.whole_words(doc, hyphen, hyphen) == (hyphen - 1, hyphen + 1)
    pro = words.index("pro")
    # Neither the possessive nor the comma is part of the word before it.
    militia = words.index("militia")
    assert framing_spans.whole_words(doc, militia, militia) == (militia, militia)
    drone = words.index("drone")
    assert framing_spans.whole_words(doc, drone, drone) == (drone, drone)
    assert framing_spans.whole_words(doc, pro, pro)[0] == pro
    assert doc[framing_spans.whole_words(doc, pro, pro)[1]].text == "US"


def bounded(doc, first, last, sentence):
    return framing_spans.balanced_quotes(doc, first, last, sentence,
                                         framing_spans.quotation_marks(doc))


def test_a_span_holds_the_whole_quotation_it_opens_or_closes(nlp):
    doc = nlp('He said the troops served to “watch Iran” and the “significant aspects” of '
              'its so-called "operations" were over.')
    words = [t.text for t in doc]
    sentence = (0, len(doc))
    watch = words.index("watch")
    opening, closing = watch - 1, words.index("Iran") + 1
    # Opened in the span: it runs to the closing mark.
    assert bounded(doc, words.index("served"), watch, sentence) == (
        words.index("served"), closing)
    # Closed in the span: it starts at the opening mark.
    aspects = words.index("aspects")
    assert bounded(doc, aspects, aspects + 2, sentence) == (aspects - 2,
                                                                         aspects + 2)
    # Balanced, or no quotation at all: unchanged.
    assert bounded(doc, opening, closing, sentence) == (opening, closing)
    assert bounded(doc, 0, 2, sentence) == (0, 2)
    # Straight quotes open after a space and close before one.
    operations = words.index("operations")
    assert bounded(doc, operations - 2, operations, sentence) == (
        operations - 2, operations + 1)


def test_a_quotation_that_is_not_well_formed_leaves_the_span_as_it_is(nlp):
    doc = nlp("They served to “watch “the region” closely.")
    words = [t.text for t in doc]
    watch = words.index("watch")
    # The next mark after the open one opens again: no closing mark is borrowed.
    assert bounded(doc, watch - 1, watch, (0, len(doc))) == (watch - 1, watch)


def test_the_component_writes_its_models_and_reads_them_back(nlp, tmp_path):
    shipped = resources.files("presslens.models")
    FramingTagger().to_disk(tmp_path / "framing")
    assert sorted(p.name for p in (tmp_path / "framing").iterdir()) == sorted(
        name for name in framing_techniques.MODEL_FILES if shipped.joinpath(name).is_file())
    loaded = FramingTagger().from_disk(tmp_path / "framing")
    assert loaded.models is not None and loaded.models.tokens is not None
    text = ("The barbaric thugs slaughtered innocent children. Critics say the so-called "
            "reforms failed.")
    with nlp.select_pipes(disable=["presslens_framing"]):
        doc = nlp(text)
    records, summary = extract_framing(doc, loaded.models)
    assert any(":" not in r["basis"] for r in records)  # the trained techniques' records
    assert (records, summary) == extract_framing(doc)
    # Without the tagger's file the techniques are left out and the rules still run.
    (tmp_path / "framing" / framing_techniques.TOKEN_MODEL).unlink()
    partial = FramingTagger().from_disk(tmp_path / "framing").models
    assert framing_techniques.technique_records(doc, partial) == []
    records, _ = extract_framing(doc, partial)
    assert {r["label"] for r in records} >= {"weasel_attribution", "scare_quotes"}
    with pytest.raises(FileNotFoundError, match="to_disk writes them"):
        FramingTagger().from_disk(tmp_path / "nothing")
