"""Interview transcripts are read turn by turn, with no model loaded."""

from presslens.components.framing.voice import _transcript_turns


def test_an_interview_transcript_is_read_turn_by_turn():
    text = ("The Herald spoke with Lina Varsh.\n\n((Herald)) Why run?\n\n"
            "((Lina Varsh)) The council failed us.\n\nIt must go.\n\n((Herald)) Thanks.")
    turns = [text[start:end] for start, end in _transcript_turns(text)]
    assert turns == ["Why run?", "The council failed us.\n\nIt must go.", "Thanks."]
