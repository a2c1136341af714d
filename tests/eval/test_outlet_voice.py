"""The outlet-voice scorer: the blind set's compatible-kind rule, thresholds and controls."""

from presslens.eval.outlet_voice import (
    BlindScores,
    JudgedFlag,
    Precision,
    blind_lines,
    flag_is_right,
    judge_flags,
    precision_at,
)


def flag(label, start=0, end=5, voice="outlet", confidence=0.9):
    return {"label": label, "start": start, "end": end, "voice": voice,
            "confidence": confidence, "basis": label}


def test_compatible_kinds_follow_the_blind_readme():
    gold = [(0, 10, "loaded_language")]
    assert flag_is_right(flag("actor_label"), gold)
    assert flag_is_right(flag("name_calling"), gold)  # name-calling is a label
    assert flag_is_right(flag("loaded_language"), gold)
    assert not flag_is_right(flag("scare_quotes"), gold)
    assert not flag_is_right(flag("doubt"), gold)  # no compatible gold kind
    assert not flag_is_right(flag("weasel_attribution"), [(0, 10, "unattributed_claim")])
    assert not flag_is_right(flag("actor_label", 20, 25), gold)  # no overlap


def test_only_outlet_voice_flags_are_judged_and_unannotated_kinds_are_left_out():
    flags = [flag("actor_label"), flag("actor_label", voice="quoted"),
             flag("loaded_language", 30, 35)]
    judged = judge_flags(flags, [(0, 10, "actor_label")], {"actor_label"}, "doc")
    assert [(j.label, j.right) for j in judged] == [("actor_label", True),
                                                   ("loaded_language", None)]


def test_precision_counts_judged_flags_from_the_threshold():
    flags = [JudgedFlag("d", "x", "x", 0.9, True), JudgedFlag("d", "x", "x", 0.8, False),
             JudgedFlag("d", "x", "x", 0.3, False), JudgedFlag("d", "x", "x", 0.95, None)]
    assert (precision_at(flags, 0.5).right, precision_at(flags, 0.5).flags) == (1, 2)
    assert precision_at(flags, 0.85).value == 1.0


def test_blind_lines_show_every_side_and_outlet_kind():
    scores = BlindScores(2, Precision(3, 4), {"actor_label": Precision(3, 4)},
                         {side: (1, 2) for side in ("iran_axis", "western_israeli", "us_left",
                                                    "us_right", "other")},
                         {(side, voice): (0, 1) for side in ("iran_axis", "western_israeli",
                                                             "us_left", "us_right", "other")
                          for voice in ("outlet", "quoted")},
                         {"wikinews": (2, 1000, 1)})
    text = "\n".join(blind_lines(scores))
    assert "0.750 (3/4)" in text and "| iran_axis | 0/1 | 0/1 | 1/2 (0.50) |" in text
    assert "| wikinews | 1 | 2 | 2.00 |" in text
