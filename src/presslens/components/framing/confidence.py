"""How far to trust a framing flag, and one line that tells a reader why it was raised.

``confidence`` is the share of flags like it (the same rule, ``basis``; for a learned
technique, the same technique and the same band of the model's score) that were right on the
development articles, as ``scripts/calibrate_framing.py`` measured it and wrote it to
``models/framing_confidence.json``: a rule with few flags there is pulled towards its label's
share, and that towards the share of all flags, so a rare rule is never trusted on two lucky
hits. The same file holds the threshold the faces show flags from by default, chosen there by
cross-validation so that of the flags shown at least three in four were right.

>>> explanation_of({"label": "loaded_language", "text": "barbaric", "voice": "outlet",
...                 "basis": "loaded_language"})
"loaded wording 'barbaric' in the outlet's own sentence"
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

CONFIDENCE_MODEL = "framing_confidence.json"
# Without a calibration file every flag is as trusted as the share of right flags the rules
# had before calibration existed, and all are shown.
FALLBACK = {"buckets": {}, "labels": {}, "overall": 0.5, "threshold": 0.0, "score_bands": [0.5]}
EXPLANATION_WORDS = 8


@cache
def calibration() -> dict[str, Any]:
    """The calibration table shipped in ``presslens/models``, or the fallback."""
    return read_calibration(resources.files("presslens.models"))


def read_calibration(directory: Traversable) -> dict[str, Any]:
    """The calibration table kept in ``directory``, or the fallback where it holds none."""
    path = directory.joinpath(CONFIDENCE_MODEL)
    if not path.is_file():
        return FALLBACK
    return json.loads(path.read_text(encoding="utf-8"))


def default_min_confidence() -> float:
    """The confidence from which faces show flags unless told otherwise."""
    return float(calibration().get("threshold", 0.0))


def confidence_bucket(record: dict[str, Any], bands: list[float] | None = None) -> str:
    """The key a flag's confidence is looked up by: its rule, and for a learned technique
    the band of the model's score it falls in ("loaded_language@0.5")."""
    basis = record.get("basis") or record["label"]
    if ":" in basis:
        return basis
    bands = calibration().get("score_bands", [0.5]) if bands is None else bands
    floor = max([b for b in bands if record.get("score", 0.0) >= b], default=0.0)
    return f"{basis}@{floor:g}"


def confidence_of(record: dict[str, Any], table: dict[str, Any] | None = None) -> float:
    """The calibrated confidence of one flag (see the module docstring)."""
    table = calibration() if table is None else table
    bucket = confidence_bucket(record, table.get("score_bands"))
    if bucket in table["buckets"]:
        return float(table["buckets"][bucket])
    # A rule not seen in this kind of article: the label's share in that kind of article.
    band = bucket.partition("|")[2]
    pooled = table.get("bands", {}).get(f"{record['label']}|{band}") if band else None
    if pooled is not None:
        return float(pooled)
    return float(table["labels"].get(record["label"], table["overall"]))


_TECHNIQUE_NAMES = {
    "name_calling": "name-calling", "repetition": "repetition", "doubt": "casting doubt",
    "exaggeration": "exaggeration or minimisation", "appeal_to_fear": "appeal to fear",
    "flag_waving": "flag-waving", "causal_oversimplification": "causal oversimplification",
    "appeal_to_authority": "appeal to authority", "slogans": "a slogan",
    "whataboutism": "whataboutism", "black_and_white": "a black-and-white fallacy",
    "thought_terminating_cliche": "a thought-terminating cliché",
    "bandwagon": "a bandwagon appeal"}
_RULES = {
    "scare_quotes:quotation_marks": "quotation marks around {q} that no one is quoted as "
                                    "saying",
    "scare_quotes:in_reported_speech": "quotation marks around {q} in reported speech: the "
                                        "speaker's term or the writer's distance from it",
    "scare_quotes:so_called": "{q} distances the writer from the term",
    "weasel_attribution:unnamed_speaker": "a claim credited to an unnamed source ({q})",
    "weasel_attribution:impersonal": "a claim credited to no one ({q})",
    "weasel_attribution:vague_source": "a claim credited to a vague group ({q})",
    "weasel_attribution:agentless_opinion": "an opinion held by no one named ({q})",
    "loaded_language:label_on_act": "label word {q} applied to an act",
    "unattributed_claim:intent": "asserts an actor's aims with no source",
    "unattributed_claim:cause": "asserts a cause or motive with no source",
    "unattributed_claim:stance": "presents a judgement as fact with no source",
    "unattributed_claim:evaluative": "evaluates in its own words with no source",
    "unattributed_claim:loaded": "a claim in loaded wording with no source",
}
_SIDES = {"iran_axis": "the vocabulary of Iran and its allies",
          "western_israeli": "the vocabulary of Western and Israeli sources",
          "us_left": "the vocabulary of the US left", "us_right": "the vocabulary of the US right",
          "other": "abuse or praise no one camp owns"}


def explanation_of(record: dict[str, Any]) -> str:
    """One line a reader understands: what the flag found and in whose voice."""
    words = record["text"].split()
    shown = " ".join(words[:EXPLANATION_WORDS]) + (" …" if len(words) > EXPLANATION_WORDS
                                                    else "")
    quoted = f"'{shown}'"
    voice = "in the outlet's own sentence" if record.get("voice") == "outlet" \
        else "inside words credited to a source"
    label, basis = record["label"], (record.get("basis") or record["label"]).split("|")[0]
    if basis in _RULES:
        line = _RULES[basis].format(q=quoted)
    elif label == "actor_label":
        side = _SIDES.get(record.get("side") or "", "a label")
        whom = "a group the text does not name" if (record.get("basis") or "").endswith(
            "|unnamed") else "an actor"
        line = f"label {quoted} applied to {whom}, {side}"
    elif label == "loaded_language":
        line = f"loaded wording {quoted}"
    else:
        line = f"{_TECHNIQUE_NAMES.get(label, label)} {quoted}, as the PTC annotators define it"
    if (record.get("basis") or "").endswith("|plain"):
        voice += ", hedging a detail of a calm report"
    return f"{line} {voice}"
