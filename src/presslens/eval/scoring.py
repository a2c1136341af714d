"""Precision, recall and F1, and B-cubed for clusterings."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

# What a clustering clusters: mentions, articles. A type variable, not Hashable itself, so
# that a dict keyed by strings or by tuples is accepted (Mapping's key type is invariant).
Item = TypeVar("Item", bound=Hashable)


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


def prf_counts(hits: int, predicted: int, gold: int) -> PRF:
    """Scores from counts: ``hits`` of ``predicted`` items right, of ``gold`` to find.

    >>> prf_counts(2, 4, 2).f1
    0.6666666666666666
    """
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return PRF(precision, recall, f1_of(precision, recall), hits, predicted, gold)


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


def bcubed(system: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]) -> PRF:
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


def _clusters(system: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]
              ) -> tuple[list[set], list[set]]:
    """The system's and the gold's clusters over the items both contain."""
    items = [i for i in gold if i in system]
    system_members: dict[Hashable, set] = {}
    gold_members: dict[Hashable, set] = {}
    for item in items:
        system_members.setdefault(system[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    return list(system_members.values()), list(gold_members.values())


def muc(system: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]) -> PRF:
    """MUC link-based scores (Vilain et al., 1995) over the items both clusterings contain.

    >>> round(muc({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"}).recall, 3)
    0.5
    """
    system_clusters, gold_clusters = _clusters(system, gold)

    def links(keys: list[set], responses: list[set]) -> tuple[int, int]:
        owner = {item: n for n, cluster in enumerate(responses) for item in cluster}
        found = sum(len(k) - len({owner[i] for i in k}) for k in keys)
        return found, sum(len(k) - 1 for k in keys)

    found_r, total_r = links(gold_clusters, system_clusters)
    found_p, total_p = links(system_clusters, gold_clusters)
    recall = found_r / total_r if total_r else 1.0
    precision = found_p / total_p if total_p else 1.0
    return PRF(precision, recall, f1_of(precision, recall))


def ceaf_e(system: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]) -> PRF:
    """Entity-based CEAF (Luo, 2005) with the phi4 similarity and an optimal one-to-one
    alignment of gold and system clusters.

    >>> ceaf_e({"a": 1, "b": 1}, {"a": "x", "b": "x"}).f1
    1.0
    """
    system_clusters, gold_clusters = _clusters(system, gold)
    if not system_clusters or not gold_clusters:
        return PRF(0.0, 0.0, 0.0)
    similarity = [[2 * len(g & s) / (len(g) + len(s)) for s in system_clusters]
                  for g in gold_clusters]
    total = 0.0
    for gold_rows, system_columns in _blocks(similarity):
        block = [[similarity[i][j] for j in system_columns] for i in gold_rows]
        total += sum(block[i][j] for i, j in _best_assignment(block))
    precision, recall = total / len(system_clusters), total / len(gold_clusters)
    return PRF(precision, recall, f1_of(precision, recall))


def _blocks(weights: list[list[float]]) -> list[tuple[list[int], list[int]]]:
    """Independent blocks of a weight matrix: rows and columns linked by non-zero weights.
    Only clusters that share items can be aligned with profit, so each block is solved on
    its own, which keeps the cubic assignment small on real clusterings."""
    row_links = [[j for j, w in enumerate(row) if w > 0] for row in weights]
    column_links: dict[int, list[int]] = {}
    for i, links in enumerate(row_links):
        for j in links:
            column_links.setdefault(j, []).append(i)
    seen_rows: set[int] = set()
    blocks = []
    for start in range(len(weights)):
        if start in seen_rows or not row_links[start]:
            continue
        rows, columns, stack = set(), set(), [start]
        while stack:
            i = stack.pop()
            if i in rows:
                continue
            rows.add(i)
            for j in row_links[i]:
                if j not in columns:
                    columns.add(j)
                    stack.extend(column_links[j])
        seen_rows |= rows
        blocks.append((sorted(rows), sorted(columns)))
    return blocks


def _best_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Row-column pairs maximising the summed weight (the Hungarian method, O(n³))."""
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    size = max(rows, columns)
    # Minimisation form on a square matrix padded with zero-weight cells.
    cost = [[-(weights[i][j] if i < rows and j < columns else 0.0) for j in range(size)]
            for i in range(size)]
    infinity = float("inf")
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    match = [0] * (size + 1)  # match[column] = row, 1-based
    way = [0] * (size + 1)
    for row in range(1, size + 1):
        match[0] = row
        column = 0
        minimum = [infinity] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[column] = True
            current_row, delta, next_column = match[column], infinity, 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                reduced = cost[current_row - 1][j - 1] - u[current_row] - v[j]
                if reduced < minimum[j]:
                    minimum[j], way[j] = reduced, column
                if minimum[j] < delta:
                    delta, next_column = minimum[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minimum[j] -= delta
            column = next_column
            if match[column] == 0:
                break
        while column:
            previous = way[column]
            match[column] = match[previous]
            column = previous
    return [(match[j] - 1, j - 1) for j in range(1, size + 1)
            if match[j] and match[j] - 1 < rows and j - 1 < columns]
