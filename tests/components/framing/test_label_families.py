"""The framing tagger: one short invented article per label family, and its voice."""

import pytest

from presslens.analysis import analyze

PTC_TECHNIQUES = {"loaded_language", "name_calling", "repetition", "doubt", "exaggeration",
                  "appeal_to_fear", "flag_waving", "causal_oversimplification",
                  "appeal_to_authority", "slogans", "whataboutism", "black_and_white",
                  "thought_terminating_cliche", "bandwagon"}


def framing_of(nlp, text):
    corpus = analyze([text], nlp=nlp)
    (article,) = corpus.articles
    for item in article.framing:
        assert article.text[item["start"]:item["end"]] == item["text"]
        assert item["voice"] in ("outlet", "quoted")
        assert not any(key.startswith("_") for key in item)
    return article


def labelled(article, label):
    return [f for f in article.framing if f["label"] == label]


def test_persuasion_techniques_are_found_and_named(nlp):
    article = framing_of(nlp, "The barbaric terrorists and their treacherous puppet masters "
                              "slaughtered innocent children in a cowardly, evil massacre.")
    techniques = [f for f in article.framing if f["label"] in PTC_TECHNIQUES]
    assert techniques
    assert all(0 < f["score"] <= 1 for f in techniques)


def test_voice_tells_the_outlet_from_its_sources(nlp):
    article = framing_of(nlp, '"These barbaric criminals and cowardly thugs slaughtered '
                              'innocent children," the minister said. The barbaric, cowardly '
                              "thugs slaughtered innocent children, the agency wrote in its own "
                              "report of the evil massacre.")
    voices = {f["voice"] for f in article.framing if f["label"] in PTC_TECHNIQUES}
    assert "quoted" in voices


def test_scare_quotes_and_so_called(nlp):
    article = framing_of(nlp, 'The US mission will turn into an "advisory" role, while its '
                              "so-called anti-terrorism operations continue across the region.")
    texts = [f["text"] for f in labelled(article, "scare_quotes")]
    assert '"advisory"' in texts
    assert any(t.startswith("so-called anti-terrorism") for t in texts)


def test_quoted_statements_are_not_scare_quotes(nlp):
    article = framing_of(nlp, '"We will never leave this country," the general said on '
                              "Monday. Crowds chanted \"Death to the occupiers\" outside.")
    assert labelled(article, "scare_quotes") == []


def test_weasel_attributions(nlp):
    article = framing_of(nlp, "Many have questioned the true motives behind the deployment. "
                              "It is believed that the base will stay open for years.")
    assert len(labelled(article, "weasel_attribution")) == 2


def test_unattributed_claims_and_the_share_of_claims(nlp):
    article = framing_of(nlp, "Riyadh, along with Washington, has long sought to interfere in "
                              "the country by coupling economic incentives with aid for "
                              'terrorist groups. "We respect the sovereignty of our '
                              'neighbours," the Saudi foreign minister said on Monday.')
    (claim,) = labelled(article, "unattributed_claim")
    assert claim["text"].startswith("Riyadh, along with Washington")
    assert claim["voice"] == "outlet" and claim["entity"] == "saudi-arabia"
    assert article.summary["claims"] == {"attributed": 1, "unattributed": 1}


def test_labels_point_at_the_actor_they_label(nlp):
    article = framing_of(nlp, 'Fighters of the so-called "Islamic State" attacked the town.')
    (label,) = labelled(article, "scare_quotes")
    assert label["entity"] is not None


@pytest.mark.model
def test_ptc_figures_do_not_regress():
    from presslens.eval.framing import evaluate_ptc, load_ptc, ptc_dir

    folder = ptc_dir()
    if folder is None:
        pytest.skip("../shared/data/framing is not beside the checkout")
    scores = evaluate_ptc(load_ptc(folder, "test")[:30])
    assert scores.span_identification.f1 >= 0.18
    assert scores.technique_micro_f1 >= 0.45


def _cluster_named(doc, number):
    return None if number is None else doc._.entity_clusters[number].name


def test_a_label_names_the_actor_its_noun_phrase_names(nlp):
    from presslens.components.framing.actors import labelled_actor

    doc = nlp("Thousands mourned the region's legendary anti-terror commander General Qassem "
              "Soleimani in Baghdad on Sunday.")
    start = doc.text.index("legendary")
    label = doc.char_span(start, doc.text.index(" General"))
    # The label modifies the name it stands before, not the place in the phrase after it.
    assert "Soleimani" in _cluster_named(doc, labelled_actor(label))


def test_a_label_does_not_borrow_an_actor_from_a_clause_after_it(nlp):
    from presslens.components.framing.actors import labelled_actor

    doc = nlp("Washington formed the so-called international coalition to fight Daesh in 2014.")
    start = doc.text.index("so-called")
    label = doc.char_span(start, doc.text.index(" to fight"))
    assert _cluster_named(doc, labelled_actor(label)) is None


def test_lexicon_labels_name_the_actor_they_label(nlp):
    article = framing_of(nlp, "Iran denied the report. The Iranian regime has jailed hundreds "
                              "of protesters. Daesh claimed the attack, and the Takfiri "
                              "terrorists of Daesh then withdrew from the town.")
    named = {f["text"]: f["entity"] for f in article.framing
             if f["label"] == "actor_label" and f["entity"]}
    # A nationality on a noun of state power stands for the state the article names.
    assert any("regime" in text and actor == "iran" for text, actor in named.items())
    assert any("Takfiri" in text and actor == "daesh" for text, actor in named.items())


def test_a_state_label_on_a_nationality_names_the_state_whatever_it_qualifies(nlp):
    article = framing_of(nlp, "Iran held elections in June. Iranian regime oppression of "
                              "its ethnic minorities has grown since then.")
    named = {f["text"]: f["entity"] for f in article.framing if f["label"] == "actor_label"}
    assert named.get("regime") == "iran"


def test_lexicon_label_spans(nlp):
    from presslens.components.framing.labels import actor_label_spans

    doc = nlp("The despotic mullahs and their terror militia met the Islamic Resistance in "
              "Iraq, a resistance group.")
    texts = [doc[first:last + 1].text for first, last in actor_label_spans(doc)]
    assert "despotic mullahs" in texts and "terror militia" in texts
    assert "resistance group" in texts
    assert not any(text.startswith("Resistance") for text in texts)  # part of a name


def test_a_label_word_on_an_act_labels_no_actor(nlp):
    from presslens.components.framing.labels import actor_label_spans

    doc = nlp("Daesh claimed the terrorist attacks. Bolton wants regime change in Tehran. "
              "Police opened criminal investigations into the regime's oppression of women.")
    texts = [doc[first:last + 1].text for first, last in actor_label_spans(doc)]
    assert not any(word in text for text in texts
                   for word in ("attacks", "change", "investigations"))
    # A noun of an actor stays a label of that actor wherever it stands.
    assert "regime" in texts


def test_agentless_opinions_are_weasel_attributions(nlp):
    article = framing_of(nlp, "The cleric is widely regarded as close to the militia. He was "
                              "abducted by a group believed to be linked to the militia. The "
                              "abduction had been reported to the police by his family.")
    texts = [f["text"] for f in labelled(article, "weasel_attribution")]
    assert "is widely regarded" in texts and "believed" in texts
    # Reported to someone, by someone named: a fact with its source, not a vague one.
    assert not any("reported" in text for text in texts)


def test_no_component_leaves_its_scratch_tables_on_the_doc(nlp):
    doc = nlp('Militias attacked the base on Monday. "It was a cowardly crime," the ministry '
              "said, calling the regime's forces terrorists.")
    left = [key for key in doc.user_data if isinstance(key, str) and "memo" in key]
    assert left == []


def test_extract_framing_returns_what_the_component_writes_and_leaves_no_scratch(nlp):
    from presslens.components.framing import extract_framing

    text = ("Critics say the so-called reforms failed. The barbaric thugs slaughtered innocent "
            'children, while the "advisory" mission stayed.')
    written = nlp(text)
    with nlp.select_pipes(disable=["presslens_framing"]):
        doc = nlp(text)
    records, summary = extract_framing(doc)
    assert records == written._.framing and summary == written._.framing_summary
    assert {r["label"] for r in records} >= {"weasel_attribution", "scare_quotes"}
    # The function returns its results; writing them to the Doc is the component's job.
    assert doc._.framing is None and doc._.framing_summary is None
    assert not [key for key in doc.user_data if isinstance(key, str) and "framing" in key]


def test_the_component_declares_what_it_reads_and_writes(nlp):
    meta = nlp.get_pipe_meta("presslens_framing")
    assert meta.assigns == ["doc._.framing", "doc._.framing_summary"]
    assert {"doc._.quotes", "doc._.entity_clusters"} <= set(meta.requires)


@pytest.mark.parametrize("text, label, side", [
    ("Iran-backed militias fired rockets at the base late on Tuesday.",
     "Iran-backed militias", "western_israeli"),
    ("Pro-Zavran groups have carried out dozens of attacks since October.",
     "Pro-Zavran groups", "western_israeli"),
    # The label qualifies the group across the adjectives between them.
    ("Pro-Zavran armed groups have claimed dozens of attacks on the base since October.",
     "Pro-Zavran armed groups", "western_israeli"),
    ("Zavran-aligned armed factions said they would answer any strike.",
     "Zavran-aligned armed factions", "western_israeli"),
    ("The occupation forces arrested five young men in the old city at dawn.",
     "occupation forces", "iran_axis"),
    ("Two fighters were martyred in an air strike near the border.", "martyred", "iran_axis"),
    ("The Takfiri terrorists attacked a checkpoint north of the city.", "Takfiri terrorists",
     "iran_axis"),
    ("Far-right activists rallied in the capital on Saturday.", "Far-right activists",
     "us_left"),
    ("Climate deniers in the assembly blocked the bill.", "Climate deniers", "us_left"),
])
def test_a_label_on_a_group_no_one_names_is_still_the_outlets_label(nlp, text, label, side):
    # Each side's label on a group the text leaves unnamed frames it all the same: it is
    # kept, in the outlet's voice, with its side and no actor for the naming tables.
    article = framing_of(nlp, text)
    (flag,) = [f for f in labelled(article, "actor_label") if f["text"] == label]
    assert flag["side"] == side and flag["voice"] == "outlet" and flag["entity"] is None
    assert flag["basis"].endswith("|unnamed")


def test_a_label_word_on_an_act_or_a_thing_labels_no_one(nlp):
    article = framing_of(nlp, "The terrorist attacks killed nine people. The regime change "
                              "policy failed, and a criminal investigation began.")
    assert labelled(article, "actor_label") == []


def test_the_regime_in_a_capital_labels_the_power_that_sits_there(nlp):
    article = framing_of(nlp, "The regime in Keshal executed two protesters on Monday.")
    (flag,) = labelled(article, "actor_label")
    assert flag["text"] == "regime" and flag["entity"] == "keshal"


def test_an_evaluative_word_on_a_party_name_labels_the_party(nlp):
    article = framing_of(nlp, "Moderate Republicans broke with the party on the vote.")
    (flag,) = labelled(article, "actor_label")
    assert flag["text"] == "Moderate Republicans" and flag["entity"] == "republicans"


def test_a_label_right_before_a_name_labels_the_one_named(nlp):
    # The parse reads "group" as the head and Hezbollah as a clause's subject.
    article = framing_of(nlp, "The terror group Hezbollah fired rockets at northern Israel.")
    (flag,) = labelled(article, "actor_label")
    assert flag["text"] == "terror group" and flag["entity"] == "hezbollah"


def test_a_capitalised_label_opening_a_sentence_is_no_actor(nlp):
    # "Hardline" at the head of a sentence was an organisation the label then pointed at.
    article = framing_of(nlp, "Hardline cleric Ahmad Khatami led Friday prayers in Tehran.")
    assert "hardline" not in {e["entity"] for e in article.framing}
    (flag,) = labelled(article, "actor_label")
    assert flag["text"] == "Hardline cleric" and flag["entity"] == "ahmad-khatami"


def test_a_body_run_by_a_group_is_a_wire_label_and_state_run_is_not(nlp):
    # "Hamas-run" casts a ministry as the group's, as "Iran-backed" casts a militia as
    # Iran's; "state-run" describes.
    article = framing_of(nlp, "GAZA (Reuters) - The Hamas-run health ministry said 40 people "
                              "were killed in Israeli strikes.")
    (flag,) = labelled(article, "actor_label")
    assert flag["text"].startswith("Hamas-run") and flag["side"] == "western_israeli"
    article = framing_of(nlp, "The state-run news agency IRNA said the talks would resume.")
    assert labelled(article, "actor_label") == []


@pytest.mark.parametrize(("text", "word", "side"), [
    ("Security forces in Deir ez-Zor said they had pushed the Takfiris out of two villages.",
     "Takfiris", "iran_axis"),
    ("The Mullahs and the IRGC command padded their bank accounts while the economy sank.",
     "Mullahs", "western_israeli"),
])
def test_a_capitalised_plural_label_is_found_as_its_singular(nlp, text, word, side):
    article = framing_of(nlp, text)
    found = [f for f in labelled(article, "actor_label") if f["text"] == word]
    assert found and found[0]["side"] == side


def test_so_called_before_a_body_is_also_a_label_of_it(nlp):
    # "So-called" keeps its scare quote (the writer's distance) and, before a body or a
    # group, is a label of it that no camp owns, for the naming tables.
    article = framing_of(nlp, "Members of the so-called Qaradin First coalition, led by Sami "
                              "al-Haddawi, boycotted the session on Tuesday.")
    (label,) = labelled(article, "actor_label")
    assert label["text"] == "so-called Qaradin First coalition" and label["side"] == "other"
    (scare,) = labelled(article, "scare_quotes")
    assert (scare["start"], scare["end"]) == (label["start"], label["end"])


def test_so_called_takes_a_quoted_name_whole(nlp):
    article = framing_of(nlp, "On Monday, the Norvastian so-called “Office of Financial "
                              "Enforcement” blacklisted two men.")
    (label,) = labelled(article, "actor_label")
    assert label["text"] == "so-called “Office of Financial Enforcement”"
    article = framing_of(nlp, "The resolution ends all help from the so-called “Steadfast "
                              "Shield” coalition.")
    (label,) = labelled(article, "actor_label")
    assert label["text"] == "so-called “Steadfast Shield” coalition"


def test_so_called_before_a_thing_is_only_a_scare_quote(nlp):
    article = framing_of(nlp, "Officials said the so-called reforms had failed to cut costs.")
    assert labelled(article, "actor_label") == []
    (scare,) = labelled(article, "scare_quotes")
    assert scare["text"] == "so-called reforms"


def test_so_called_in_reported_speech_is_the_outlets_label_as_its_scare_quote_is(nlp):
    # The source said it in other words or another language: "so-called" is the outlet's.
    article = framing_of(nlp, "The ministry said that the so-called “Steadfast Shield” "
                              "coalition had no mandate in the country.")
    flags = [f for f in article.framing if f["text"].startswith("so-called")]
    assert {f["label"] for f in flags} >= {"actor_label"}
    assert {f["voice"] for f in flags} == {"outlet"}
