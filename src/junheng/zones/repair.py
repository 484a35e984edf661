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

from junheng.zones.graph import components, neighbours
from junheng.zones.problem import ZoneProblem


def connect(problem: ZoneProblem, school: np.ndarray, adjacency=None) -> np.ndarray | None:
    """``school`` with every piece that misses its school re-zoned to an allowed neighbouring
    zone (cheapest distance first); None when some block cannot be reached that way."""
    p = problem
    adjacency = adjacency or neighbours(p.n, p.edges)
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
