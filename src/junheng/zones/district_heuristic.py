"""A warm start for :func:`junheng.zones.district.solve_districting`: contiguous
``k``-districtings with few cut edges found by local search, no solver.

Each start grows ``k`` districts from random seeds (the lightest district takes a free
neighbour that cuts fewest edges), then simulated annealing moves one border vertex at a
time to a neighbouring district while the district it leaves stays connected, minimising

    cut edges + PENALTY · Σ_d max(0, L − pop_d, pop_d − U) / (U − L + 1)

so plans outside the population band ``[L, U]`` are allowed on the way but cost much: every
other start ramps the penalty up from 1 % of PENALTY (explore first, balance late), the
others keep it at PENALTY (balance first: finds the rare in-band plans of small graphs).
The best plan inside the band over all starts is returned (None when none was found).

>>> import numpy as np
>>> ring = [[1, 5], [0, 2], [1, 3], [2, 4], [3, 5], [4, 0]]
>>> plan = anneal(np.ones(6), ring, 2, (3, 3), seconds=1.0)
>>> sorted(np.bincount(plan).tolist()), cut_edges(plan, ring)
([3, 3], 2)
"""

from __future__ import annotations

import math
import random
import time

import numpy as np

PENALTY = 20.0


def cut_edges(labels, adjacency) -> int:
    """Edges whose ends have different labels."""
    return int(sum(labels[u] != labels[v] for u, near in enumerate(adjacency) for v in near
                   if u < v))


def anneal(population, adjacency, k: int, band: tuple[int, int], *, seconds: float,
           seed: int = 0, sweeps: int = 300) -> np.ndarray | None:
    """The best in-band plan (labels ``0..k-1``) of restarts of annealing within
    ``seconds``."""
    rng, stop = random.Random(seed), time.perf_counter() + seconds
    pop = [float(p) for p in population]
    best, best_cut, ramp = None, math.inf, True
    while time.perf_counter() < stop:
        labels = _grow(pop, adjacency, k, rng)
        if labels is None:
            continue
        ramp = not ramp  # restarts alternate: penalty ramped up, or PENALTY throughout
        found = _Annealer(pop, adjacency, k, band, labels, rng).run(sweeps, stop, ramp)
        if found is not None and cut_edges(found, adjacency) < best_cut:
            best, best_cut = found, cut_edges(found, adjacency)
    return None if best is None else np.asarray(best, np.int64)


def _grow(pop, adjacency, k, rng) -> list[int] | None:
    n = len(pop)
    labels = [-1] * n
    size = [0.0] * k
    for d, v in enumerate(rng.sample(range(n), k)):
        labels[v], size[d] = d, pop[v]
    free = n - k
    while free:
        grew = False
        for d in sorted(range(k), key=size.__getitem__):
            frontier = {w for v in range(n) if labels[v] == d for w in adjacency[v]
                        if labels[w] < 0}
            if not frontier:
                continue
            v = min(frontier, key=lambda w: (sum(labels[u] != d for u in adjacency[w]),
                                             rng.random()))
            labels[v], size[d], free, grew = d, size[d] + pop[v], free - 1, True
            break
        if not grew:
            return None  # a disconnected graph
    return labels


class _Annealer:
    def __init__(self, pop, adjacency, k, band, labels, rng):
        self.pop, self.adjacency, self.k, self.rng = pop, adjacency, k, rng
        self.low, self.high = band
        self.width = band[1] - band[0] + 1.0
        self.labels, self.penalty = labels, PENALTY
        self.size = [0.0] * k
        for v, d in enumerate(labels):
            self.size[d] += pop[v]

    def excess(self, p: float) -> float:
        return max(0.0, self.low - p, p - self.high) / self.width

    def connected_without(self, v: int, d: int) -> bool:
        labels, adjacency = self.labels, self.adjacency
        start = next((w for w in adjacency[v] if labels[w] == d), None)
        if start is None:
            return False  # v is the whole district
        members = sum(1 for x in labels if x == d) - 1
        seen, stack = {start, v}, [start]
        while stack:
            for w in adjacency[stack.pop()]:
                if labels[w] == d and w not in seen:
                    seen.add(w)
                    stack.append(w)
        return len(seen) - 1 == members

    def delta(self, v: int, a: int, b: int) -> float:
        near = self.adjacency[v]
        cut = sum(self.labels[w] == a for w in near) - sum(self.labels[w] == b for w in near)
        p, sa, sb = self.pop[v], self.size[a], self.size[b]
        band = (self.excess(sa - p) + self.excess(sb + p) - self.excess(sa) - self.excess(sb))
        return cut + self.penalty * band

    def run(self, sweeps: int, stop: float, ramp: bool) -> list[int] | None:
        n, rng, labels = len(self.labels), self.rng, self.labels
        best, best_cut = None, math.inf
        for sweep in range(sweeps):
            temperature = 2.0 * (1.0 - sweep / sweeps) + 0.05
            self.penalty = PENALTY * (0.01 + (sweep / sweeps) ** 2 if ramp else 1.0)
            for v in rng.sample(range(n), n):
                a = labels[v]
                targets = {labels[w] for w in self.adjacency[v]} - {a}
                if not targets:
                    continue
                b = rng.choice(sorted(targets))
                change = self.delta(v, a, b)
                if change > 0 and rng.random() >= math.exp(-change / temperature):
                    continue
                if not self.connected_without(v, a):
                    continue
                labels[v] = b
                self.size[a] -= self.pop[v]
                self.size[b] += self.pop[v]
            if all(self.excess(s) == 0 for s in self.size):
                cut = cut_edges(labels, self.adjacency)
                if cut < best_cut:
                    best, best_cut = list(labels), cut
            if time.perf_counter() > stop:
                break
        return best
