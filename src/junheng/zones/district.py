"""k-part contiguous districting with minimum cut edges: the published benchmark of the
contiguity machinery (Validi & Buchanan 2022, county dual graphs).

Formulation (Hess model; rows as numbered)
------------------------------------------
Vertices ``V = 0..n-1`` with population ``p_i``; edges ``E``; bounds ``L ≤ pop ≤ U``.
Centres are ordered by decreasing population (:mod:`junheng.zones.fixing`) and a district's
centre is its first vertex in that order; ``A`` are the pairs ``(i, j)`` left by D-, L- and
U-fixing (``j`` no later than ``i``, ``j`` reaches ``L`` people after it, the lightest
``j``–``i`` path weighs at most ``U``). ``x_ij ∈ {0, 1}`` for ``(i, j) ∈ A``: vertex ``i`` in
the district centred at ``j`` (``x_jj``: ``j`` is a centre); ``y_e ∈ {0, 1}``: edge ``e`` is
cut (fixed at 1 when its ends share no centre in ``A``).

    (1) Σ_{j: (i,j) ∈ A} x_ij = 1                every vertex in one district
    (2) Σ_j x_jj = k                             k districts
    (3) x_ij ≤ x_jj                              only open centres take vertices
    (4) L·x_jj ≤ Σ_{i: (i,j) ∈ A} p_i·x_ij ≤ U·x_jj   population band
    (5) y_uv ≥ x_uj − x_vj   and   y_uv ≥ x_vj − x_uj   for every e = {u, v} and centre j
        (and y_uv ≥ x_uj when only u may join j)
    (6) x_ij ≤ Σ_{c ∈ N(i)} x_cj                  i ≠ j: a member has a neighbour in its district
    (7) Σ_{(u,i)} f_ui − Σ_{(i,v)} f_iv + g_i = 1,  0 ≤ g_i ≤ (n − k + 1)·x_ii   single-commodity
        flow (``contiguity="flow"``): every vertex consumes one unit, sources only at centres
    (8) f_uv + f_vu ≤ (n − k + 1)·(1 − y_uv)         flow only along uncut edges, so a part
        of a district cut off from its centre gets no flow (exact with one solve)
    (9) x_aj ≤ Σ_{c ∈ N(C)} x_cj                  a–b separators of disconnected parts,
        added round by round (``contiguity="cut"``) as in :func:`junheng.zones.model.solve_zones`.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

import numpy as np

from junheng.optimize.highs import HighsSolver
from junheng.optimize.model import Milp
from junheng.zones.fixing import hess_fixing
from junheng.zones.graph import components, neighbours
from junheng.zones.model import _tree_flows


def population_band(population: np.ndarray, k: int, tolerance: float = 0.005) -> tuple[int, int]:
    """``(ceil((1 - t)·P/k), floor((1 + t)·P/k))``.

    >>> population_band(np.array([100, 100, 100, 100]), 2)
    (199, 201)
    """
    total = Fraction(str(float(np.sum(population))))
    t = Fraction(str(tolerance))  # exact: 1.005·400/2 is 200.99999999999997 in floats
    return math.ceil((1 - t) * total / k), math.floor((1 + t) * total / k)


def _build(population, edges, k, band, allowed):
    n = len(population)
    ii, jj = np.nonzero(allowed)  # i may join the district centred at j
    m = Milp()
    x = m.add_block("x", np.zeros(len(ii)), 0.0, 1.0, integer=True)
    col = np.full((n, n), -1, np.int64)
    col[ii, jj] = x
    shared = (allowed[edges[:, 0]] & allowed[edges[:, 1]]).any(axis=1)
    y = m.add_block("y", np.ones(len(edges)), (~shared).astype(float), 1.0, integer=True)
    m.add_rows("(1)", ii, x, 1.0, 1.0, 1.0, count=n)
    centres = np.nonzero(np.diag(allowed))[0]
    m.add_row("(2)", col[centres, centres], np.ones(len(centres)), lo=k, hi=k)
    off = ii != jj
    r = np.arange(off.sum())
    m.add_rows("(3)", np.repeat(r, 2), np.column_stack([x[off], col[jj[off], jj[off]]]).ravel(),
               np.tile([1.0, -1.0], len(r)), -np.inf, 0.0, count=len(r))
    pop, c = np.asarray(population, float), len(centres)
    row_of = np.full(n, -1)
    row_of[centres] = np.arange(c)
    for bound, lo, hi in ((band[0], 0.0, np.inf), (band[1], -np.inf, 0.0)):
        m.add_rows("(4)", np.concatenate([row_of[jj], np.arange(c)]),
                   np.concatenate([x, col[centres, centres]]),
                   np.concatenate([pop[ii], -bound * np.ones(c)]), lo, hi, count=c)
    _cut_rows(m, col, edges, y)
    _neighbour_rows(m, col, neighbours(n, edges))
    return m, col


def _cut_rows(m: Milp, col: np.ndarray, edges: np.ndarray, y: np.ndarray) -> None:
    """(5) y_uv ≥ x_uj − x_vj for every centre j that u may join (x_vj = 0 when v may not)."""
    rows, cols, vals, count = [], [], [], 0
    for e, (u, v) in enumerate(edges.tolist()):
        for a, b in ((u, v), (v, u)):
            for j in np.nonzero(col[a] >= 0)[0].tolist():
                rows += [count] * (3 if col[b, j] >= 0 else 2)
                cols += [y[e], col[a, j]] + ([col[b, j]] if col[b, j] >= 0 else [])
                vals += [1.0, -1.0] + ([1.0] if col[b, j] >= 0 else [])
                count += 1
    m.add_rows("(5)", rows, cols, vals, 0.0, np.inf, count=count)


def _flow_rows(m: Milp, col: np.ndarray, edges: np.ndarray, k: int) -> None:
    """Rows (7)–(8): flow from the centres along uncut edges only."""
    n, e = len(col), len(edges)
    tails = np.concatenate([edges[:, 0], edges[:, 1]])
    heads = np.concatenate([edges[:, 1], edges[:, 0]])
    size = float(n - k + 1)  # the most vertices a district can hold
    f = m.add_block("flow", np.zeros(2 * e), 0.0, size, integer=False)
    diagonal = col[np.arange(n), np.arange(n)]
    centres = np.nonzero(diagonal >= 0)[0]
    g = m.add_block("source", np.zeros(n), 0.0, np.where(diagonal >= 0, size, 0.0),
                    integer=False)
    m.add_rows("(7)", np.concatenate([heads, tails, np.arange(n)]), np.concatenate([f, f, g]),
               np.concatenate([np.ones(2 * e), -np.ones(2 * e), np.ones(n)]), 1.0, 1.0, count=n)
    m.add_rows("(7)", np.repeat(np.arange(len(centres)), 2),
               np.column_stack([g[centres], diagonal[centres]]).ravel(),
               np.tile([1.0, -size], len(centres)), -np.inf, 0.0,
               count=len(centres))
    y = m.block("y")
    rows = np.concatenate([np.arange(e), np.arange(e), np.arange(e)])
    m.add_rows("(8)", rows, np.concatenate([f[:e], f[e:], y]),
               np.concatenate([np.ones(2 * e), np.full(e, size)]), -np.inf, size, count=e)


def _neighbour_rows(m: Milp, col: np.ndarray, adjacency) -> None:
    """(6) x_ij ≤ Σ_{c ∈ N(i)} x_cj for i ≠ j: the separators of single vertices."""
    for i, j in zip(*np.nonzero(col >= 0), strict=False):
        if i == j:
            continue
        near = [col[c, j] for c in adjacency[i] if col[c, j] >= 0]
        m.add_row("(6)", [col[i, j], *near], [1.0] + [-1.0] * len(near), hi=0.0)


def solve_districting(population, edges, k: int, *, tolerance: float = 0.005,
                      time_limit: float = 600.0, threads: int = 1, contiguity: str = "flow",
                      solver: str = "highs", start=None, fixing: bool = True) -> dict:
    """Minimum cut edges over contiguous ``k``-districtings; returns status, cut edges,
    bound, seconds, rounds and ``district[i]`` (the centre of ``i``'s district: its first
    vertex in the centre order). ``start``: a plan (any district labels) to begin from;
    ``fixing``: D/L/U-fixing by :mod:`junheng.zones.fixing` (else centres are the lowest
    vertex numbers and only D-fixing applies)."""
    began, n = time.perf_counter(), len(population)
    edges = np.asarray(edges, np.int64).reshape(-1, 2)
    adjacency, band = neighbours(n, edges), population_band(population, k, tolerance)
    if fixing:
        order, allowed = hess_fixing(population, adjacency, band)
    else:
        order, allowed = np.arange(n), np.tril(np.ones((n, n), bool))
    m, col = _build(population, edges, k, band, allowed)
    if contiguity == "flow":
        _flow_rows(m, col, edges, k)
    model = _Model(m, col, edges, k, order, adjacency, contiguity == "flow")
    best = model.usable(start)
    rounds, status, bound = 0, "no_solution", -math.inf
    while (left := time_limit - (time.perf_counter() - began)) > 0.01:
        rounds += 1
        status, bound, values = _solve(m, solver, left, threads,
                                       None if best is None else model.values(best))
        if values is None:
            break
        district = model.district(values)
        connected = _separate(m, col, district, adjacency) == 0
        if connected:
            best = model.better(best, district)
        if connected or status != "optimal":
            break
    cut = None if best is None else model.cut(best)
    if best is not None and (status == "no_solution" or status == "optimal"
                             and cut > bound + 0.5):
        status = "time_limit"  # no solve, or its plan was split: the start is the plan
    return {"status": status, "cut_edges": cut, "bound": bound, "rounds": rounds,
            "district": best, "seconds": time.perf_counter() - began}


class _Model:
    """Column maps of one districting MILP: plans to column values and back."""

    def __init__(self, m: Milp, col, edges, k, order, adjacency, flow: bool):
        self.m, self.col, self.edges, self.k, self.adjacency = m, col, edges, k, adjacency
        self.flow = flow
        self.position = np.empty(len(order), np.int64)
        self.position[order] = np.arange(len(order))

    def cut(self, district: np.ndarray) -> int:
        return int((district[self.edges[:, 0]] != district[self.edges[:, 1]]).sum())

    def district(self, values: np.ndarray) -> np.ndarray:
        x = np.where(self.col >= 0, values[np.maximum(self.col, 0)], -1.0)
        return np.argmax(x, axis=1)

    def centred(self, labels) -> np.ndarray:
        """Any district labels as centre labels (each district's first vertex in order)."""
        labels = np.asarray(labels)
        out = np.empty(len(labels), np.int64)
        for d in np.unique(labels).tolist():
            members = np.nonzero(labels == d)[0]
            out[members] = members[np.argmin(self.position[members])]
        return out

    def usable(self, start) -> np.ndarray | None:
        if start is None or len(np.unique(start)) != self.k:
            return None
        district = self.centred(start)
        if (self.col[np.arange(len(district)), district] < 0).any():
            return None
        return district if self.m.violation(self.values(district)) <= 1e-6 else None

    def better(self, best, district):
        return district if best is None or self.cut(district) < self.cut(best) else best

    def values(self, district: np.ndarray) -> np.ndarray:
        """Column values of a connected plan (flow along BFS trees from the centres)."""
        n, e, m = len(district), len(self.edges), self.m
        values = np.zeros(m.n_cols)
        values[self.col[np.arange(n), district]] = 1.0
        values[m.block("y")] = district[self.edges[:, 0]] != district[self.edges[:, 1]]
        if not self.flow:
            return values
        arc = {(int(u), int(v)): c for (u, v), c in zip(self.edges.tolist(),
                                                         m.block("flow")[:e], strict=True)}
        arc.update({(int(v), int(u)): c for (u, v), c in zip(self.edges.tolist(),
                                                              m.block("flow")[e:], strict=True)})
        for centre in np.unique(district).tolist():
            flows = _tree_flows(centre, district == centre, self.adjacency)
            for (u, v), amount in flows:
                values[arc[(u, v)]] = amount
            values[m.block("source")[centre]] = float((district == centre).sum())
        return values


def _solve(m: Milp, solver: str, limit: float, threads: int, start):
    """``(status, bound, values)`` on HiGHS or CP-SAT (``start``: column values or None)."""
    if solver == "cpsat":
        from junheng.zones.milp_cpsat import solve_milp_cpsat

        status, _, bound, values = solve_milp_cpsat(m, time_limit=limit, threads=max(threads, 2),
                                                    hint=start)
        return status, bound, values
    result = HighsSolver(time_limit=limit, threads=threads).solve(m, start=start)
    return result.status.value, result.bound, result.values


def _separate(m: Milp, col: np.ndarray, district: np.ndarray, adjacency) -> int:
    added = 0
    for j in np.unique(district).tolist():
        for part in components(np.nonzero(district == j)[0].tolist(), adjacency):
            if j in part:
                continue
            border = sorted({c for i in part for c in adjacency[i]} - set(part))
            cols = [col[c, j] for c in border if col[c, j] >= 0]
            for a in part:
                m.add_row("(9)", [col[a, j], *cols], [1.0] + [-1.0] * len(cols), hi=0.0)
                added += 1
    return added
