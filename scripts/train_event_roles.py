"""Train the actor and target rankers of the event coder (presslens/models/event_roles.npz).

Reads the development part of the public PLOVER sentences in ../shared/data/events (the hash
split of `presslens eval events`; the test part is never read here), codes each sentence
with the event coder, takes the event the marked actor and target take part in, and fits
logistic regressions that tell, for each candidate phrase of the sentence, whether it lies
in the marked actor, and whether it lies in the marked target. Prints, on held-out
sentences (five folds), the share whose best actor candidate is the marked actor beside the
share the rules get right, and for the target ranker what replacing the rules' target would
win and lose at the confidence and margin the coder uses.

    .venv/bin/python scripts/train_event_roles.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from presslens.components.events import PEOPLE_NOUNS
from presslens.components.events.role_ranker import (
    TARGETS,
    actor_candidates,
    candidate_features,
    target_candidates,
    target_features,
)
from presslens.components.events.roles import (
    TARGET_CONFIDENCE,
    TARGET_MARGIN,
    explicit_target,
    names_act,
)
from presslens.eval.events import _overlaps, choose_event, events_dir, load_coded_sentences
from presslens.learning import train, write_models
from presslens.nlp import load_pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "models" / "event_roles.npz"
FOLDS = 5
PEOPLE = frozenset(PEOPLE_NOUNS)


Labelled = list[tuple[list[str], str]]


TargetExample = tuple[Labelled, bool, list[bool], bool]


def sentence_examples(nlp) -> tuple[list[tuple[Labelled, bool]], list[TargetExample]]:
    """Per sentence: its actor candidates' (features, label) and whether the rules' actor
    overlaps the marked one; and its target candidates' (features, label), whether the
    rules' target overlaps the marked one, which candidates the rules chose, and whether
    the coder asks the ranker about this event at all."""
    folder = events_dir()
    if folder is None:
        raise SystemExit("../shared/data/events is not beside the checkout")
    sentences = load_coded_sentences(folder, "dev")
    coder = nlp.get_pipe("presslens_events")
    with nlp.select_pipes(disable=["presslens_events"]):
        docs = list(nlp.pipe((s.text for s in sentences), batch_size=64))
    found, targets = [], []
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
        picked = {t.i for t in event.targets}
        candidates = target_candidates(head, event.actors, event.targets, PEOPLE, names_act)
        labelled = [(target_features(head, c, event.targets, bool(event.actors), PEOPLE),
                     "target" if sentence.target[0] <= c.idx < sentence.target[1] else "other")
                    for c in candidates]
        # The coder leaves alone a target the parse marks and what a governing event
        # says of the act it governs: the estimate below does too.
        governing = any(e.embedded_in is event for e in events)
        ranked = not governing and not any(explicit_target(t, head) for t in event.targets)
        targets.append((labelled, _overlaps(chosen.get("_target_span"), sentence.target),
                        [c.i in picked for c in candidates], ranked))
    return found, targets


def held_out_targets(examples: list[TargetExample]) -> None:
    """What the target ranker would change on held-out sentences: the rules' target
    replaced where the ranker is sure, right where it was wrong and wrong where it was
    right."""
    won = lost = 0
    for fold in range(FOLDS):
        training = [pair for i, (group, *_rest) in enumerate(examples) if i % FOLDS != fold
                    and any(label == "target" for _f, label in group) for pair in group]
        model = train(training, l2=1e-3)
        for i, (group, rule_right, chosen, ranked) in enumerate(examples):
            if i % FOLDS != fold or not group or not ranked:
                continue
            scores = [model.probabilities(f).get("target", 0.0) for f, _l in group]
            best = max(range(len(group)), key=scores.__getitem__)
            kept = max((s for s, c in zip(scores, chosen, strict=True) if c), default=0.0)
            if chosen[best] or scores[best] < TARGET_CONFIDENCE or \
                    scores[best] - kept < TARGET_MARGIN:
                continue
            right = group[best][1] == "target"
            won += right and not rule_right
            lost += rule_right and not right
    rules = sum(rule_right for _g, rule_right, *_rest in examples)
    print(f"{len(examples)} sentences, rules' target right in {rules}: the ranker replaces "
          f"it rightly in {won} and wrongly in {lost} (held out)")


def main() -> int:
    nlp = load_pipeline()
    examples, target_examples = sentence_examples(nlp)
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
    held_out_targets(target_examples)
    model = train([pair for group, _r in examples for pair in group], l2=1e-3)
    target_model = train([pair for group, *_rest in target_examples
                          if any(label == "target" for _f, label in group)
                          for pair in group], l2=1e-3)
    write_models(OUT, {"": model, TARGETS: target_model})
    print(f"{len(model.weights)} actor and {len(target_model.weights)} target features "
          f"-> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
