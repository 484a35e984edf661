"""Move pupils over capacity to free places several zones away (an ejection chain at the
level of zones): a min-cost flow on the zone graph says how many pupils each zone should
pass to each touching zone, then border blocks are handed over arc by arc while the giving
zone stays connected. The receiving zone stays connected (the block touches it).

Flow LP (``f_ab`` pupils passed from zone ``a`` to a touching zone ``b``, ``o_s`` pupils
still over capacity; ``L_s`` load, ``c_s`` capacity)::

    min  Σ f_ab + W·Σ o_s      s.t.  L_s + Σ_a f_as − Σ_b f_sb − o_s ≤ c_s,  f, o ≥ 0

(``W`` = the number of zones, so a pupil is passed along any chain rather than left over.)
The plan is a start for the exact solves: it is kept only when it meets every rule and
lowers the objective.

Examples
--------
Three zones on a path of six blocks: A = {0, 1, 2} holds 30 pupils for 20 places,
B = {3, 4} is full (10 of 10), C = {5} has 10 free places. A passes block 2 to B, B passes
block 4 to C.

>>> import numpy as np
>>> from junheng.zones.problem import ZoneProblem
>>> p = ZoneProblem(pupils=[10, 10, 10, 0, 10, 0], edges=[[i, i + 1] for i in range(5)],
...                 root=[0, 3, 5], capacity=[20, 10, 10],
...                 distance=np.array([[abs(i - r) for r in (0, 3, 5)] for i in range(6)]),
...                 current=[0, 0, 0, 1, 1, 2])
>>> rebalance(p, p.current).tolist()
[0, 0, 1, 1, 2, 2]
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from junheng.zones.graph import components
from junheng.zones.problem import ZoneProblem


def rebalance(problem: ZoneProblem, school: np.ndarray, adjacency=None) -> np.ndarray:
    """``school`` with pupils over capacity passed along chains of zones (see the module
    docstring); the plan itself when nothing is over or nothing can be passed."""
    p = problem
    adjacency = adjacency or p.adjacency
    school = np.array(school, np.int64)
    load = p.load(school)
    if (load <= p.capacity + 1e-9).all():
        return school
    arcs = sorted({(int(school[i]), int(school[j])) for i in range(p.n) for j in adjacency[i]
                   if school[i] != school[j]})
    flow = zone_flows(load, p.capacity, arcs)
    for (a, b), amount in zip(arcs, flow, strict=True):
        if amount > 0.5:
            _hand_over(p, school, adjacency, a, b, amount)
    return school


def zone_flows(load: np.ndarray, capacity: np.ndarray, arcs: list[tuple[int, int]]
               ) -> np.ndarray:
    """Pupils to pass along each arc (the flow LP of the module docstring)."""
    k, m = len(load), len(arcs)
    if not m:
        return np.zeros(0)
    rows = np.zeros((k, m + k))
    for col, (a, b) in enumerate(arcs):
        rows[a, col] -= 1.0
        rows[b, col] += 1.0
    rows[np.arange(k), m + np.arange(k)] = -1.0
    cost = np.concatenate([np.ones(m), np.full(k, float(k))])
    result = linprog(cost, A_ub=rows, b_ub=capacity - load, bounds=(0, None), method="highs")
    return result.x[:m] if result.status == 0 else np.zeros(m)


def _hand_over(p: ZoneProblem, school: np.ndarray, adjacency, a: int, b: int,
               amount: float) -> None:
    """Move border blocks of zone ``a`` touching zone ``b`` to ``b`` (those nearest ``b``
    first) until about ``amount`` pupils have moved, keeping zone ``a`` connected."""
    roots = set(p.root.tolist())
    while amount > 0.5:
        border = [i for i in np.nonzero(school == a)[0].tolist()
                  if i not in roots and p.allowed[i, b] and 0 < p.pupils[i] <= amount * 1.5
                  and any(school[j] == b for j in adjacency[i])]
        border.sort(key=lambda i: p.distance[i, b] - p.distance[i, a])
        for i in border:
            school[i] = b
            if len(components(np.nonzero(school == a)[0].tolist(), adjacency)) == 1:
                amount -= p.pupils[i]
                break
            school[i] = a
        else:
            return
