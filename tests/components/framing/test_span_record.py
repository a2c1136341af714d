"""The typed framing flag: what ``extract_framing`` returns has every field the contract
needs, checked where the record is settled rather than found missing in the output."""

import pytest

from presslens.components.framing.records import framing_span


def flag(**changes):
    record = {"start": 4, "end": 14, "text": "so-called", "label": "scare_quotes",
              "score": 0.8, "entity": None, "sentence": {"start": 0, "end": 30},
              "basis": "scare_quotes:so_called", "_entity": None, "voice": "outlet",
              "confidence": 0.71, "explanation": "a term held at a distance", "id": "f1"}
    record.update(changes)
    return record


def test_a_settled_record_is_the_same_record_typed():
    record = flag(side="western_israeli")
    assert framing_span(record) is record
    assert list(framing_span(flag())) == list(flag())  # the output's key order is kept


@pytest.mark.parametrize("field", ["voice", "confidence", "explanation", "id", "sentence"])
def test_a_record_missing_a_field_is_refused_by_name(field):
    record = flag()
    del record[field]
    with pytest.raises(ValueError, match=field):
        framing_span(record)


def test_a_voice_is_the_outlet_or_a_quoted_source():
    with pytest.raises(ValueError, match="voice"):
        framing_span(flag(voice="narrator"))
