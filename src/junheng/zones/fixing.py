"""Variable fixing for the Hess districting model (Validi & Buchanan 2022, §4): which vertex
may join the district centred at which vertex, decided before the solve from population
thresholds on node-weighted distances.

Centres are ordered (``order``: decreasing population, ties by index) and a district's centre
is its *first* vertex in that order, so vertex ``i`` can only join a centre ``j`` placed no
later than ``i`` (D-fixing). With ``G_j`` the graph induced by the vertices placed at or after
``j``:

- L-fixing: ``j`` is no centre when the population reachable from ``j`` in ``G_j`` is below
  ``L`` (its district would be too small);
- U-fixing: ``i`` cannot join ``j`` when the lightest ``j``–``i`` path in ``G_j`` (the sum of
  the populations on it, both ends included) exceeds ``U`` (or there is none), because a
  connected district holding both holds such a path.

Large vertices first make the U-fixings bite: a heavy early centre reaches few vertices.

Examples
--------
A path 0–1–2–3 with populations 1, 1, 1, 3 in two districts: ``L = U = 3``; vertex 3 is a
district of its own, vertices 0–2 the other (centred at 0, the first of them in the order).

>>> import numpy as np
>>> order, allowed = hess_fixing(np.array([1, 1, 1, 3]), [[1], [0, 2], [1, 3], [2]], (3, 3))
>>> order.tolist()
[3, 0, 1, 2]
>>> allowed.astype(int).tolist()  # allowed[i, j]: i may join the district centred at j
[[1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]]
"""

from __future__ import annotations

import heapq

import numpy as np


def population_order(population) -> np.ndarray:
    """Vertices by decreasing population (a stable sort: ties keep index order).

    >>> population_order(np.array([5, 9, 5, 1])).tolist()
    [1, 0, 2, 3]
    """
    return np.argsort(-np.asarray(population, float), kind="stable")


def hess_fixing(population, adjacency, band: tuple[int, int],
                order: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(order, allowed)``: the centre order and ``allowed[i, j]`` (``i`` may join the
    district centred at ``j``; ``allowed[j, j]``: ``j`` may be a centre) after D-, L- and
    U-fixing."""
    pop = np.asarray(population, float)
    n = len(pop)
    order = population_order(pop) if order is None else np.asarray(order)
    position = np.empty(n, np.int64)
    position[order] = np.arange(n)
    allowed = np.zeros((n, n), bool)
    low, high = band
    for j in order.tolist():
        dist = lightest_paths(pop, adjacency, j, position)
        reach = [i for i, d in dist.items()]
        if pop[reach].sum() < low:
            continue  # L-fixing: j cannot centre a district
        for i, d in dist.items():
            allowed[i, j] = d <= high  # U-fixing
    return order, allowed


def lightest_paths(pop: np.ndarray, adjacency, source: int, position: np.ndarray) -> dict:
    """Node-weighted Dijkstra from ``source`` over the vertices placed at or after it:
    ``{vertex: population of the lightest path, both ends included}``."""
    first = position[source]
    dist = {source: pop[source]}
    heap = [(pop[source], source)]
    done = set()
    while heap:
        d, v = heapq.heappop(heap)
        if v in done:
            continue
        done.add(v)
        for w in adjacency[v]:
            if position[w] < first:
                continue
            nd = d + pop[w]
            if nd < dist.get(w, np.inf):
                dist[w] = nd
                heapq.heappush(heap, (nd, w))
    return dist
