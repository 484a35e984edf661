"""Variable fixing of the labeling districting model (Validi & Buchanan 2022, §4; their
``fixing.py``: ``do_Labeling_DFixing``, ``LFixing``, ``UFixing``, ``ZFixing``), decided
before the solve from the vertex order and the population band ``L ≤ pop ≤ U``.

Labels are numbered by representative (a district's first vertex in ``order``), so for a
canonical connected in-band plan:

- D-fixing (10): ``v_p`` has a label ``j ≤ p``; ``v_0`` represents label 0.
- L-fixing (11): ``q`` is the start of the longest tail ``order[q:]`` whose every piece holds
  less than ``L`` (:func:`back_start`); no district lies inside it, so representatives are
  among ``v_0..v_{q-1}``, and ``v_p`` (``p < q``) can represent label ``j`` only if the
  ``k − 1 − j`` later labels still find representatives after it: ``j ≥ k − (q − p)``.
- Reach fixing (12): a district lies in ``G_p``, the graph of the vertices at or after its
  representative ``v_p``: ``v_p`` represents nothing when ``G_p`` joins it to fewer than
  ``L`` people, and ``i`` can take label ``j`` only if some possible representative ``v_p``
  of ``j`` reaches ``i`` in ``G_p`` by a path of at most ``U`` people (both ends included):
  the Hess model's L- and U-fixing carried over to labels.
- U-fixing (10): :func:`junheng.zones.district_labeling.labeling_fixing` (the first vertices,
  each farther than ``U`` from the earlier ones, represent labels ``0, 1, …``).
- Z-fixing (13): an edge whose ends share no possible label is cut (``y_e = 1``); an edge
  whose ends both have one and the same possible label is not (``y_e = 0``); ``z_ej``
  exists only where both ends may take ``j``.

Examples
--------
A path 0–1–2–3–4 with populations 3, 1, 1, 1, 3 in two districts, ``L = U = 4.5`` rounded
to the band (4, 5): the order is 0, 4, 1, 2, 3; the tail {1, 2, 3} holds 3 < 4 but adding 4
reaches 6, so ``q = 2``: only 0 and 4 represent, 0 label 0, 4 label 1.

>>> import numpy as np
>>> adj = [[1], [0, 2], [1, 3], [2, 4], [3]]
>>> back_start(np.array([3, 1, 1, 1, 3]), adj, np.array([0, 4, 1, 2, 3]), 4)
2
"""

from __future__ import annotations

import numpy as np

from junheng.zones.fixing import lightest_paths


def back_start(population, adjacency, order, low: float) -> int:
    """``q``: the smallest position such that every piece of ``order[q:]`` holds less than
    ``low`` (vertices are added from the back; the first whose piece reaches ``low`` stops)."""
    pop, inside = np.asarray(population, float), set()
    for p in range(len(order) - 1, -1, -1):
        v = int(order[p])
        inside.add(v)
        seen, frontier, total = {v}, [v], 0.0
        while frontier:
            a = frontier.pop()
            total += pop[a]
            for b in adjacency[a]:
                if b in inside and b not in seen:
                    seen.add(b)
                    frontier.append(b)
        if total >= low:
            return p + 1
    return 0


def root_labels(front: int, k: int) -> np.ndarray:
    """``allowed[p, j]``: ``v_p`` may represent label ``j`` after D- (10) and L-fixing (11)
    (``j ≤ p`` and ``j ≥ k − (front − p)``).

    >>> root_labels(4, 2).astype(int).tolist()
    [[1, 0], [1, 1], [1, 1], [0, 1]]
    """
    p = np.arange(front)[:, None]
    j = np.arange(k)[None, :]
    return (j <= p) & (j >= k - (front - p))


def reach_fixing(population, adjacency, order, roots: np.ndarray, band):
    """``(allowed_x, roots)`` after reach fixing (12): ``roots[p, j]`` (``v_p`` may represent
    ``j``) cleared where ``G_p`` holds fewer than ``L`` people around ``v_p``;
    ``allowed_x[i, j]`` where a possible representative of ``j`` reaches ``i`` in ``G_p``
    within ``U``."""
    pop = np.asarray(population, float)
    n, (front, k) = len(pop), roots.shape
    position = np.empty(n, np.int64)
    position[np.asarray(order)] = np.arange(n)
    allowed, roots = np.zeros((n, k), bool), roots.copy()
    for p in range(front):
        if not roots[p].any():
            continue
        dist = lightest_paths(pop, adjacency, int(order[p]), position)
        if pop[list(dist)].sum() < band[0]:
            roots[p] = False
            continue
        near = [i for i, d in dist.items() if d <= band[1]]
        allowed[np.ix_(near, np.nonzero(roots[p])[0])] = True
    return allowed, roots


def fixed_edges(edges: np.ndarray, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Z-fixing (13): ``(cut, kept)`` masks of the edges fixed cut (the ends share no
    possible label) and fixed uncut (both ends have one and the same possible label).

    >>> allowed = np.array([[1, 0], [1, 0], [1, 1], [0, 1]], bool)
    >>> [m.tolist() for m in fixed_edges(np.array([[0, 1], [1, 2], [1, 3]]), allowed)]
    [[False, False, True], [True, False, False]]
    """
    u, v = edges[:, 0], edges[:, 1]
    cut = ~(allowed[u] & allowed[v]).any(axis=1)
    single = allowed.sum(axis=1) == 1
    kept = single[u] & single[v] & (allowed[u] == allowed[v]).all(axis=1)
    return cut, kept


def most_members(population, high: float) -> int:
    """The most vertices a district can hold: the lightest ones while they fit in ``U``.

    >>> most_members([5, 1, 2, 4], 7)
    3
    """
    total = np.cumsum(np.sort(np.asarray(population, float)))
    return max(int((total <= high).sum()), 1)
