"""Train the event type classifier (presslens/models/event_types.npz).

Reads the development part of the public PLOVER sentences in ../shared/data/events (the same
hash split that `presslens eval events` uses; the test part is never read here), codes each
sentence with the rule-based event coder, takes the event that the marked actor and target
take part in (or the sentence's main verb when the rules found none) and fits a logistic
regression from that event's context to the gold type, its L2 regularisation chosen by
5-fold cross-validation within the development part.

    .venv/bin/python scripts/train_event_types.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from presslens.components.events.type_classifier import event_features
from presslens.eval.events import choose_event, events_dir, load_coded_sentences
from presslens.learning import train, write_models
from presslens.nlp import load_pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / "event_types.npz"


L2_GRID = (1e-4, 1e-3, 3e-3, 1e-2)
FOLDS = 5


def choose_l2(examples: list[tuple[list[str], str]]) -> float:
    """The regularisation with the best accuracy in cross-validation on the development
    sentences alone (folds by position, so the choice is deterministic)."""
    best, best_accuracy = L2_GRID[0], -1.0
    for l2 in L2_GRID:
        hits = 0
        for fold in range(FOLDS):
            held = [e for i, e in enumerate(examples) if i % FOLDS == fold]
            model = train([e for i, e in enumerate(examples) if i % FOLDS != fold], l2=l2)
            hits += sum(model.best(features)[0] == label for features, label in held)
        accuracy = hits / len(examples)
        print(f"l2={l2:g}: cross-validated accuracy {accuracy:.3f}")
        if accuracy > best_accuracy:
            best, best_accuracy = l2, accuracy
    return best


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
    l2 = choose_l2(examples)
    model = train(examples, l2=l2)
    write_models(OUT, {"": model})
    print(f"{len(examples)} sentences, {len(model.weights)} features -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
