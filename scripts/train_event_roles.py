"""Train the actor ranker of the event coder (presslens/models/event_roles.npz).

Reads the development part of the public PLOVER sentences in ../shared/data/events (the hash
split of `presslens eval events`; the test part is never read here), codes each sentence
with the event coder, takes the event the marked actor and target take part in, and fits a
logistic regression that tells, for each candidate phrase of the sentence, whether it lies in
the marked actor. Prints the share of held-out sentences (five folds) whose best candidate
is the marked actor, beside the share the rules get right.

    .venv/bin/python scripts/train_event_roles.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from presslens.components.events import PEOPLE_NOUNS
from presslens.components.events.role_ranker import actor_candidates, candidate_features
from presslens.eval.events import _overlaps, choose_event, events_dir, load_coded_sentences
from presslens.learning import train, write_models
from presslens.nlp import load_pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / "event_roles.npz"
FOLDS = 5
PEOPLE = frozenset(PEOPLE_NOUNS)


def sentence_examples(nlp) -> list[tuple[list[tuple[list[str], str]], bool]]:
    """Per sentence: its candidates' (features, label) and whether the rules' actor
    overlaps the marked one."""
    folder = events_dir()
    if folder is None:
        raise SystemExit("../shared/data/events is not beside the checkout")
    sentences = load_coded_sentences(folder, "dev")
    coder = nlp.get_pipe("presslens_events")
    with nlp.select_pipes(disable=["presslens_events"]):
        docs = list(nlp.pipe((s.text for s in sentences), batch_size=64))
    found = []
    for sentence, doc in zip(sentences, docs, strict=True):
        events = coder.find(doc, use_roles=False)
        records = [coder.record(doc, event, i) for i, event in enumerate(events, 1)]
        chosen = choose_event(records, sentence)
        if chosen is None:
            continue
        event = events[records.index(chosen)]
        head = event.head
        candidates = actor_candidates(head, PEOPLE)
        labelled = [(candidate_features(head, c),
                     "actor" if sentence.source[0] <= c.idx < sentence.source[1] else "other")
                    for c in candidates]
        if any(label == "actor" for _f, label in labelled):
            found.append((labelled, _overlaps(chosen.get("_actor_span"), sentence.source)))
    return found


def main() -> int:
    nlp = load_pipeline()
    examples = sentence_examples(nlp)
    hits = rules = 0
    for fold in range(FOLDS):
        training = [pair for i, (group, _r) in enumerate(examples) if i % FOLDS != fold
                    for pair in group]
        model = train(training, l2=1e-3)
        for i, (group, rule_right) in enumerate(examples):
            if i % FOLDS != fold:
                continue
            scores = [model.probabilities(f).get("actor", 0.0) for f, _l in group]
            best = max(range(len(group)), key=scores.__getitem__)
            hits += group[best][1] == "actor"
            rules += rule_right
    print(f"{len(examples)} sentences with the actor among the candidates: held-out best "
          f"candidate right {hits / len(examples):.3f}, rules' actor right "
          f"{rules / len(examples):.3f}")
    model = train([pair for group, _r in examples for pair in group], l2=1e-3)
    write_models(OUT, {"": model})
    print(f"{len(model.weights)} features -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
