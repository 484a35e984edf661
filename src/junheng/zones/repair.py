"""Make a plan with split zones connected: the pieces cut off from their school join a
neighbouring zone (the cheapest for the block), so every cut round of the MILP leaves a
feasible incumbent to start the next one from.

Examples
--------
>>> import numpy as np
>>> from junheng.zones.problem import ZoneProblem
>>> p = ZoneProblem(pupils=[1, 1, 1, 1], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
...                 capacity=[4, 4], distance=np.array([[0, 3], [1, 2], [2, 1], [3, 0]]))
>>> connect(p, np.array([0, 1, 0, 1])).tolist()
[0, 0, 1, 1]
"""

from __future__ import annotations

import numpy as np

from junheng.zones.graph import components
from junheng.zones.problem import ZoneProblem


def connect(problem: ZoneProblem, school: np.ndarray, adjacency=None) -> np.ndarray | None:
    """``school`` with every piece that misses its school re-zoned to an allowed neighbouring
    zone (cheapest distance first); None when some block cannot be reached that way."""
    p = problem
    adjacency = adjacency or p.adjacency
    school = np.array(school, np.int64)
    for s in range(p.k):
        for part in components(np.nonzero(school == s)[0].tolist(), adjacency):
            if p.root[s] not in part:
                school[part] = -1
    loose = set(np.nonzero(school < 0)[0].tolist())
    while loose:
        offers = [(p.distance[i, school[j]], i, school[j]) for i in loose for j in adjacency[i]
                  if school[j] >= 0 and p.allowed[i, school[j]]]
        if not offers:
            return None
        _, i, s = min(offers)
        school[i] = s
        loose.discard(i)
    return school


def improve(problem: ZoneProblem, school: np.ndarray, adjacency=None, *,
            max_passes: int = 20) -> np.ndarray:
    """Local search: move single boundary blocks to a neighbouring zone while that lowers
    :meth:`ZoneProblem.objective`, keeps both zones connected (the losing zone is checked by
    BFS from its school) and meets the hard capacity and the caps on moved and over.

    >>> import numpy as np
    >>> from junheng.zones.problem import Weights
    >>> p = ZoneProblem(pupils=[1, 1, 1, 1], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
    ...                 capacity=[4, 4], distance=np.array([[0, 3], [1, 2], [2, 1], [3, 0]]),
    ...                 weights=Weights(0, 0, 1))
    >>> improve(p, np.array([0, 0, 0, 1])).tolist()
    [0, 0, 1, 1]
    """
    p, w = problem, problem.weights
    adjacency = adjacency or p.adjacency
    school = np.array(school, np.int64)
    load, kept = p.load(school), p.kept(school)
    moved = p.moved(school)
    roots = set(p.root.tolist())
    for _ in range(max_passes):
        changed = False
        for i in range(p.n):
            s = school[i]
            if i in roots:
                continue
            for t in {school[j] for j in adjacency[i]} - {s}:
                if not p.allowed[i, t]:
                    continue
                delta, d_moved = _delta(p, w, (load, kept), i, s, t)
                if delta >= -1e-9 or not _fits(p, load, moved + d_moved, i, s, t):
                    continue
                school[i] = t
                if len(components(np.nonzero(school == s)[0].tolist(), adjacency)) > 1:
                    school[i] = s
                    continue
                load[s] -= p.pupils[i]
                load[t] += p.pupils[i]
                _keep_moves(p, kept, i, s, t)
                moved += d_moved
                changed = True
                break
        if not changed:
            break
    return school


def _delta(p: ZoneProblem, w, state, i: int, s: int, t: int) -> tuple[float, float]:
    load, kept = state
    q = p.pupils[i]
    over = (max(load[s] - q - p.capacity[s], 0) - max(load[s] - p.capacity[s], 0)
            + max(load[t] + q - p.capacity[t], 0) - max(load[t] - p.capacity[t], 0))
    cur = p.current[i]
    d_moved = 0.0 if cur < 0 else q * (float(t != cur) - float(s != cur))
    travel = q * (p.distance[i, t] - p.distance[i, s])
    new = 0.0
    if p.has_current:
        top = p.ceiling
        new = (max(load[s] - q - top[s], 0) - max(load[s] - top[s], 0)
               + max(load[t] + q - top[t], 0) - max(load[t] - top[t], 0))
    short = 0.0
    if p.keep_share and cur in (s, t):
        after = kept.copy()
        _keep_moves(p, after, i, s, t)
        short = (np.maximum(p.keep - after, 0) - np.maximum(p.keep - kept, 0)).sum()
    cross = q * (float(p.cross[i, t]) - float(p.cross[i, s]))
    return (w.over * over + w.moved * d_moved + w.travel * travel + w.new_over * new
            + w.short * float(short) + w.cross * cross, d_moved)


def _keep_moves(p: ZoneProblem, kept, i: int, s: int, t: int) -> None:
    """Update ``kept`` (today's pupils still at their school) for block ``i`` from s to t."""
    if p.current[i] == s:
        kept[s] -= p.pupils[i]
    elif p.current[i] == t:
        kept[t] += p.pupils[i]


def _fits(p: ZoneProblem, load, moved: float, i: int, s: int, t: int) -> bool:
    """Block ``i`` from ``s`` to ``t`` keeps the hard capacity and the caps (4), (4c)."""
    if p.hard_capacity and load[t] + p.pupils[i] > p.capacity[t] + 1e-9:
        return False
    if p.max_over is not None:
        after = load.copy()
        after[s] -= p.pupils[i]
        after[t] += p.pupils[i]
        if np.maximum(after - p.capacity, 0).sum() > p.max_over + 1e-9:
            return False
    return p.max_moved is None or moved <= p.max_moved + 1e-9
