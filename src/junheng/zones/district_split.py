"""A start for min-cut-edges districting by exact recursive bisection: the graph is split in
two connected parts holding ``a`` and ``k − a`` districts' worth of people
(``a·L ≤ pop ≤ a·U``) with the fewest cut edges, by the two-label model of
:mod:`junheng.zones.district_labeling` with a band per label; then each part the same way,
down to single districts. Every ``a`` from 1 to ``k // 2`` is tried at each level (both
ways round when ``a ≠ k − a``: label 0 is the part of the first vertex in the model's
order) and the part split cutting fewest edges is kept; when its parts cannot be split
further, the next. A heuristic — the best districting need not contain the best bisection —
but it gives plans of a different shape than growing districts from random seeds.

A path of six vertices with one person each, in three districts of two: the first split
cuts one edge (2 | 4 or 4 | 2 people), the second another.

>>> plan = split_plan([1] * 6, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], 3, (2, 2), 30)
>>> plan.tolist()
[0, 0, 1, 1, 2, 2]
"""

from __future__ import annotations

import time

import numpy as np

from junheng.zones.graph import neighbours


def split_plan(population, edges, k: int, band, seconds: float, *,
               threads: int = 1) -> np.ndarray | None:
    """Labels ``0..k-1`` of a connected in-band plan, or None (no split found in time)."""
    pop = np.asarray(population, float)
    edges = np.asarray(edges, np.int64).reshape(-1, 2)
    stop = time.perf_counter() + seconds
    parts = _split(pop, edges, np.arange(len(pop)), k, band, stop, threads)
    if parts is None:
        return None
    labels = np.empty(len(pop), np.int64)
    for d, members in enumerate(parts):
        labels[members] = d
    return labels


def _split(pop, edges, members, k, band, stop, threads) -> list[np.ndarray] | None:
    """The districts (vertex arrays) of ``members`` split into ``k``, or None."""
    if k == 1:
        return [members]
    tried = []
    for a in range(1, k // 2 + 1):
        for first in {a, k - a}:
            halves = _bisect(pop, edges, members, (first, k - first), band, stop, threads)
            if halves is not None:
                tried.append((halves[0], first, halves[1:]))
    for _, first, (one, two) in sorted(tried, key=lambda t: t[0]):
        left = _split(pop, edges, one, first, band, stop, threads)
        right = None if left is None else _split(pop, edges, two, k - first, band, stop,
                                                 threads)
        if right is not None:
            return left + right
    return None


def _bisect(pop, edges, members, sizes, band, stop, threads):
    """``(cut, part 0, part 1)``: ``members`` split with the fewest cut edges into a part
    of ``sizes[0]`` districts (holding the model's first vertex) and one of ``sizes[1]``."""
    from junheng.optimize.highs import HighsSolver
    from junheng.zones.district_labeling import LabelingModel

    left = stop - time.perf_counter()
    if left <= 0.05:
        return None
    index = np.full(len(pop), -1)
    index[members] = np.arange(len(members))
    inside = (index[edges[:, 0]] >= 0) & (index[edges[:, 1]] >= 0)
    sub = index[edges[inside]]
    low = [s * band[0] for s in sizes]
    high = [s * band[1] for s in sizes]
    model = LabelingModel(pop[members], sub, neighbours(len(members), sub), 2, (low, high))
    result = HighsSolver(time_limit=left, threads=threads).solve(model.milp)
    if result.values is None:
        return None
    labels = model.labels(result.values)
    if model.split_pieces(labels):
        return None
    cut = int((labels[sub[:, 0]] != labels[sub[:, 1]]).sum())
    return cut, members[labels == 0], members[labels == 1]
