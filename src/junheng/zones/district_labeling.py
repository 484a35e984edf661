"""The labeling model of min-cut-edges districting (Validi & Buchanan 2022, §3.1), an
alternative to the Hess model of :mod:`junheng.zones.district` with ``k`` labels instead of
``n`` centres: fewer columns, and HiGHS's own symmetry detection sees the label orbitope.

Formulation (rows as numbered)
------------------------------
Vertices ordered by decreasing population ``v_0, v_1, …`` (:func:`population_order`);
labels ``j = 0..k-1``. ``x_ij ∈ {0, 1}``: vertex ``i`` has label ``j``; ``r_ij ∈ {0, 1}``:
``i`` is the root of district ``j``; ``y_e ∈ {0, 1}``: edge ``e`` cut; ``f_uv ≥ 0`` flow on
arc ``(u, v)``, ``g_i ≥ 0`` flow supplied at ``i``.

    min  Σ_e y_e
    (1) Σ_j x_ij = 1                                   every vertex one label
    (2) Σ_i r_ij = 1,  r_ij ≤ x_ij                       one root per district, in it
    (3) L ≤ Σ_i p_i·x_ij ≤ U                             population band
    (4) y_uv ≥ x_uj − x_vj,  y_uv ≥ x_vj − x_uj          cut edges, per label
    (5) Σ_{(u,i)} f_ui − Σ_{(i,v)} f_iv + g_i = 1,  g_i ≤ (n − k + 1)·Σ_j r_ij
    (6) f_uv + f_vu ≤ (n − k + 1)·(1 − y_uv)              flow only inside districts
    (7) x_{v_p, j} = 0 for j > p                         D-fixing (labels in order)
    (8) x_{v_j, j} = 1 while v_j is farther than U from every v_t, t < j (node-weighted
        lightest path, both ends included), and then x_ij = 0 for the vertices i farther
        than U from v_j: U-fixing, the first heavy far-apart vertices lead their districts

(5)–(6) make every district connected: flow leaves only roots, one per district, and moves
along uncut edges only. The labels of a plan are canonical: the district of ``v_0`` is 0,
the next district met along the order is 1, and so on, which meets (7) and (8).
"""

from __future__ import annotations

import time

import numpy as np

from junheng.optimize.model import Milp
from junheng.zones.check import check_districting
from junheng.zones.fixing import lightest_paths, population_order
from junheng.zones.graph import neighbours
from junheng.zones.model import _tree_flows


def labeling_fixing(population, adjacency, k: int, high: float):
    """``(order, allowed, fixed)``: ``allowed[i, j]`` after D- and U-fixing, ``fixed``: the
    vertices pinned to labels ``0..len(fixed)-1``."""
    pop = np.asarray(population, float)
    n = len(pop)
    order = population_order(pop)
    allowed = np.zeros((n, k), bool)
    for p, v in enumerate(order.tolist()):
        allowed[v, :min(p + 1, k)] = True
    everyone = np.zeros(n, np.int64)
    fixed: list[int] = []
    for v in order[:k].tolist():
        dist = lightest_paths(pop, adjacency, v, everyone)
        if any(dist.get(t, np.inf) <= high for t in fixed):
            break
        j = len(fixed)
        far = [i for i in range(n) if dist.get(i, np.inf) > high]
        allowed[far, j] = False
        allowed[v, :] = False
        allowed[v, j] = True
        fixed.append(v)
    return order, allowed, fixed


class LabelingModel:
    """The labeling MILP of one instance, with plans to column values."""

    def __init__(self, population, edges: np.ndarray, adjacency, k: int, band):
        pop = np.asarray(population, float)
        self.n, self.k, self.edges, self.adjacency = len(pop), k, edges, adjacency
        self.order, allowed, self.fixed = labeling_fixing(pop, adjacency, k, band[1])
        m = self.milp = Milp()
        n, e = self.n, len(edges)
        self.x = m.add_block("x", np.zeros(n * k), np.zeros(n * k), allowed.ravel(),
                             integer=True).reshape(n, k)
        m.set_bounds(self.x[self.fixed, np.arange(len(self.fixed))], lower=1.0)
        self.r = m.add_block("r", np.zeros(n * k), 0.0, allowed.ravel(),
                             integer=True).reshape(n, k)
        self.y = m.add_block("y", np.ones(e), 0.0, 1.0, integer=True)
        m.add_rows("(1)", np.repeat(np.arange(n), k), self.x.ravel(), 1.0, 1.0, 1.0, count=n)
        m.add_rows("(2)", np.tile(np.arange(k), n), self.r.ravel(), 1.0, 1.0, 1.0, count=k)
        m.add_rows("(2)", np.repeat(np.arange(n * k), 2),
                   np.column_stack([self.r.ravel(), self.x.ravel()]).ravel(),
                   np.tile([1.0, -1.0], n * k), -np.inf, 0.0, count=n * k)
        m.add_rows("(3)", np.tile(np.arange(k), n), self.x.ravel(), np.repeat(pop, k),
                   band[0], band[1], count=k)
        self._cut_rows()
        self._flow_rows()

    def _cut_rows(self) -> None:
        u, v = self.edges[:, 0], self.edges[:, 1]
        e = len(u)
        blocks = [(a, b, j) for a, b in ((u, v), (v, u)) for j in range(self.k)]
        rows = np.concatenate([np.repeat(t * e + np.arange(e), 3) for t in range(len(blocks))])
        cols = np.concatenate([np.column_stack([self.y, self.x[a, j], self.x[b, j]]).ravel()
                               for a, b, j in blocks])
        self.milp.add_rows("(4)", rows, cols, np.tile([1.0, -1.0, 1.0], e * len(blocks)), 0.0,
                           np.inf, count=e * len(blocks))

    def _flow_rows(self) -> None:
        n, k, e, m = self.n, self.k, len(self.edges), self.milp
        size = float(n - k + 1)
        tails = np.concatenate([self.edges[:, 0], self.edges[:, 1]])
        heads = np.concatenate([self.edges[:, 1], self.edges[:, 0]])
        self.f = m.add_block("flow", np.zeros(2 * e), 0.0, size, integer=False)
        self.g = m.add_block("source", np.zeros(n), 0.0, size, integer=False)
        m.add_rows("(5)", np.concatenate([heads, tails, np.arange(n)]),
                   np.concatenate([self.f, self.f, self.g]),
                   np.concatenate([np.ones(2 * e), -np.ones(2 * e), np.ones(n)]), 1.0, 1.0,
                   count=n)
        m.add_rows("(5)", np.concatenate([np.arange(n), np.repeat(np.arange(n), k)]),
                   np.concatenate([self.g, self.r.ravel()]),
                   np.concatenate([np.ones(n), -size * np.ones(n * k)]), -np.inf, 0.0, count=n)
        rows = np.tile(np.arange(e), 3)
        m.add_rows("(6)", rows, np.concatenate([self.f[:e], self.f[e:], self.y]),
                   np.concatenate([np.ones(2 * e), np.full(e, size)]), -np.inf, size, count=e)

    def canonical(self, labels) -> np.ndarray:
        """Labels renumbered in order of each district's first vertex along the order."""
        labels, out, seen = np.asarray(labels), np.empty(self.n, np.int64), {}
        for v in self.order.tolist():
            seen.setdefault(int(labels[v]), len(seen))
        for old, new in seen.items():
            out[labels == old] = new
        return out

    def labels(self, values: np.ndarray) -> np.ndarray:
        return np.argmax(values[self.x], axis=1)

    def values(self, labels) -> np.ndarray:
        """Column values of a connected plan (roots: each district's first vertex)."""
        labels = self.canonical(labels)
        values = np.zeros(self.milp.n_cols)
        values[self.x[np.arange(self.n), labels]] = 1.0
        values[self.y] = labels[self.edges[:, 0]] != labels[self.edges[:, 1]]
        e = len(self.edges)
        arc = {(u, v): c for (u, v), c in zip(self.edges.tolist(), self.f[:e], strict=True)}
        arc.update({(v, u): c for (u, v), c in zip(self.edges.tolist(), self.f[e:],
                                                    strict=True)})
        for j in range(self.k):
            members = np.nonzero(labels == j)[0]
            root = int(self.order[np.isin(self.order, members)][0])
            values[self.r[root, j]] = 1.0
            values[self.g[root]] = float(len(members))
            for (u, v), amount in _tree_flows(root, labels == j, self.adjacency):
                values[arc[(u, v)]] = amount
        return values


def solve_labeling(population, edges, k: int, *, tolerance: float = 0.005,
                   time_limit: float = 600.0, threads: int = 1, start=None) -> dict:
    """Minimum cut edges on the labeling model (HiGHS); the same result keys as
    :func:`junheng.zones.district.solve_districting` (``district``: labels ``0..k-1``)."""
    from junheng.optimize.highs import HighsSolver
    from junheng.zones.district import population_band

    began = time.perf_counter()
    edges = np.asarray(edges, np.int64).reshape(-1, 2)
    adjacency = neighbours(len(population), edges)
    band = population_band(population, k, tolerance)
    model = LabelingModel(population, edges, adjacency, k, band)
    begin = None
    if start is not None and not check_districting(population, edges, k, start, band):
        begin = model.values(start)
        begin = begin if model.milp.violation(begin) <= 1e-6 else None
    left = time_limit - (time.perf_counter() - began)
    result = HighsSolver(time_limit=max(left, 0.01), threads=threads).solve(model.milp,
                                                                            start=begin)
    district = None if result.values is None else model.labels(result.values)
    if district is None and begin is not None:
        district = model.canonical(start)
    cut = None if district is None else int(
        (district[edges[:, 0]] != district[edges[:, 1]]).sum())
    return {"status": result.status.value, "cut_edges": cut, "bound": result.bound,
            "rounds": 1, "district": district, "seconds": time.perf_counter() - began}
