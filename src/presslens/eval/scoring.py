"""Precision, recall and F1, and B-cubed for clusterings."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, with the counts they come from."""

    precision: float
    recall: float
    f1: float
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def row(self) -> tuple[str, str, str]:
        return (f"{self.precision:.3f}", f"{self.recall:.3f}", f"{self.f1:.3f}")


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> PRF:
    """Set-based scores: ``predicted`` items found in ``gold``.

    >>> prf({1, 2, 3}, {2, 3, 4}).f1
    0.6666666666666666
    """
    predicted_set, gold_set = set(predicted), set(gold)
    hits = len(predicted_set & gold_set)
    precision = hits / len(predicted_set) if predicted_set else 0.0
    recall = hits / len(gold_set) if gold_set else 0.0
    return PRF(precision, recall, f1_of(precision, recall), hits, len(predicted_set),
               len(gold_set))


def bcubed(system: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """B-cubed scores of a clustering: ``system`` and ``gold`` map each item to its cluster.

    Only items present in both are scored.

    >>> bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"}).precision
    1.0
    """
    items = [i for i in gold if i in system]
    if not items:
        return PRF(0.0, 0.0, 0.0)
    system_members: dict[Hashable, set] = {}
    gold_members: dict[Hashable, set] = {}
    for item in items:
        system_members.setdefault(system[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        same_system = system_members[system[item]]
        same_gold = gold_members[gold[item]]
        overlap = len(same_system & same_gold)
        precision += overlap / len(same_system)
        recall += overlap / len(same_gold)
    precision /= len(items)
    recall /= len(items)
    return PRF(precision, recall, f1_of(precision, recall), 0, len(items), len(items))
