"""Train the event type classifier (presslens/models/event_types.json).

Reads the development part of the public PLOVER sentences in ../shared/data/events (the same
hash split that `presslens eval events` uses; the test part is never read here), codes each
sentence with the rule-based event coder, takes the event that the marked actor and target
take part in (or the sentence's main verb when the rules found none) and fits a logistic
regression from that event's context to the gold type.

    .venv/bin/python scripts/train_event_types.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from presslens.components.event_types import event_features
from presslens.eval.events import choose_event, events_dir, load_coded_sentences
from presslens.learning import train
from presslens.nlp import load_pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / "event_types.json"


def main() -> int:
    folder = events_dir()
    if folder is None:
        print("../shared/data/events is not beside the checkout", file=sys.stderr)
        return 1
    sentences = load_coded_sentences(folder, "dev")
    nlp = load_pipeline()
    examples = []
    coder = nlp.get_pipe("presslens_events")
    with nlp.select_pipes(disable=["presslens_events"]):
        docs = list(nlp.pipe((s.text for s in sentences), batch_size=64))
    for sentence, doc in zip(sentences, docs, strict=True):
        found = coder.find(doc, classify=False)
        records = [coder.record(doc, event, i) for i, event in enumerate(found, 1)]
        chosen = choose_event(records, sentence)
        if chosen is not None:
            event = found[records.index(chosen)]
            features = event_features(event.head, event.type, event.governor)
        else:
            root = next(iter(doc.sents)).root
            features = event_features(root, None)
        examples.append((features, sentence.type))
    model = train(examples)
    OUT.write_text(json.dumps(model.to_dict(), separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"{len(examples)} sentences, {len(model.weights)} features -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
