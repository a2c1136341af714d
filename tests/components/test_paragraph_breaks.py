"""Paragraph breaks are sentence boundaries: a caption never runs into the next sentence."""

import pytest
import spacy

from presslens.components.paragraphs import mark_paragraph_starts


def test_the_word_after_a_paragraph_break_starts_a_sentence():
    doc = mark_paragraph_starts(spacy.blank("en")("Smoke over the base\n\nDrones hit it."))
    assert [t.text for t in doc if t.is_sent_start] == ["Smoke", "Drones"]


@pytest.mark.slow
def test_a_caption_is_its_own_sentence_in_the_pipeline(nlp):
    text = ("A photo of the damaged base near Erbil airport\n\n"
            "The strike killed two people, officials said.")
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == ["A photo of the damaged base near Erbil airport",
                         "The strike killed two people, officials said."]
