"""k-part contiguous districting with minimum cut edges: the published benchmark of the
contiguity machinery (Validi & Buchanan 2022, county dual graphs).

Formulation (Hess model with the lowest-numbered vertex as centre; rows as numbered)
-----------------------------------------------------------------------------------
Vertices ``V = 0..n-1`` with population ``p_i``; edges ``E``; bounds ``L ≤ pop ≤ U``.
``x_ij ∈ {0, 1}`` for ``j ≤ i``: vertex ``i`` in the district whose lowest vertex is ``j``
(``x_jj``: ``j`` is a centre); ``y_e ∈ {0, 1}``: edge ``e`` is cut.

    min  Σ_e y_e
    (1) Σ_{j ≤ i} x_ij = 1                       every vertex in one district
    (2) Σ_j x_jj = k                             k districts
    (3) x_ij ≤ x_jj                              only open centres take vertices
    (4) L·x_jj ≤ Σ_{i ≥ j} p_i·x_ij ≤ U·x_jj      population band
    (5) y_uv ≥ x_uj − x_vj   and   y_uv ≥ x_vj − x_uj   for every e = {u, v}, j ≤ min(u, v)
        (and y_uv ≥ x_uj when only u may join j)
    (6) x_ij ≤ Σ_{c ∈ N(i)} x_cj                  i ≠ j: a member has a neighbour in its district
    (7) Σ_{(u,i)} f_ui − Σ_{(i,v)} f_iv + g_i = 1,  0 ≤ g_i ≤ n·x_ii   single-commodity flow
        (``contiguity="flow"``): every vertex consumes one unit, sources only at centres
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
from junheng.zones.graph import components, neighbours


def population_band(population: np.ndarray, k: int, tolerance: float = 0.005) -> tuple[int, int]:
    """``(ceil((1 - t)·P/k), floor((1 + t)·P/k))``.

    >>> population_band(np.array([100, 100, 100, 100]), 2)
    (199, 201)
    """
    total = Fraction(str(float(np.sum(population))))
    t = Fraction(str(tolerance))  # exact: 1.005·400/2 is 200.99999999999997 in floats
    return math.ceil((1 - t) * total / k), math.floor((1 + t) * total / k)


def _build(population, edges, k, band):
    n = len(population)
    ii, jj = np.tril_indices(n)  # j <= i
    m = Milp()
    x = m.add_block("x", np.zeros(len(ii)), 0.0, 1.0, integer=True)
    col = np.full((n, n), -1, np.int64)
    col[ii, jj] = x
    y = m.add_block("y", np.ones(len(edges)), 0.0, 1.0, integer=True)
    m.add_rows("(1)", ii, x, 1.0, 1.0, 1.0, count=n)
    m.add_row("(2)", col[np.arange(n), np.arange(n)], np.ones(n), lo=k, hi=k)
    off = ii != jj
    r = np.arange(off.sum())
    m.add_rows("(3)", np.repeat(r, 2), np.column_stack([x[off], col[jj[off], jj[off]]]).ravel(),
               np.tile([1.0, -1.0], len(r)), -np.inf, 0.0, count=len(r))
    pop = np.asarray(population, float)
    for side, (lo, hi) in (("lo", (0.0, np.inf)), ("hi", (-np.inf, 0.0))):
        bound = band[0] if side == "lo" else band[1]
        m.add_rows("(4)", np.concatenate([jj, np.arange(n)]),
                   np.concatenate([x, col[np.arange(n), np.arange(n)]]),
                   np.concatenate([pop[ii], -bound * np.ones(n)]), lo, hi, count=n)
    rows, cols, vals, count = [], [], [], 0
    for e, (u, v) in enumerate(np.asarray(edges).tolist()):
        for j in range(max(u, v) + 1):
            for a, b in ((u, v), (v, u)):
                if col[a, j] < 0:
                    continue
                rows += [count] * (3 if col[b, j] >= 0 else 2)
                cols += [y[e], col[a, j]] + ([col[b, j]] if col[b, j] >= 0 else [])
                vals += [1.0, -1.0] + ([1.0] if col[b, j] >= 0 else [])
                count += 1
    m.add_rows("(5)", rows, cols, vals, 0.0, np.inf, count=count)
    _neighbour_rows(m, col, neighbours(n, edges))
    return m, col


def _flow_rows(m: Milp, col: np.ndarray, edges: np.ndarray, k: int) -> None:
    """Rows (7)–(8): flow from the centres along uncut edges only."""
    n, e = len(col), len(edges)
    tails = np.concatenate([edges[:, 0], edges[:, 1]])
    heads = np.concatenate([edges[:, 1], edges[:, 0]])
    f = m.add_block("flow", np.zeros(2 * e), 0.0, np.inf, integer=False)
    g = m.add_block("source", np.zeros(n), 0.0, np.inf, integer=False)
    m.add_rows("(7)", np.concatenate([heads, tails, np.arange(n)]), np.concatenate([f, f, g]),
               np.concatenate([np.ones(2 * e), -np.ones(2 * e), np.ones(n)]), 1.0, 1.0, count=n)
    diagonal = col[np.arange(n), np.arange(n)]
    m.add_rows("(7)", np.repeat(np.arange(n), 2), np.column_stack([g, diagonal]).ravel(),
               np.tile([1.0, -float(n)], n), -np.inf, 0.0, count=n)
    y, size = m.block("y"), float(n - k + 1)
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
                      time_limit: float = 600.0, threads: int = 1,
                      contiguity: str = "flow", solver: str = "highs") -> dict:
    """Minimum cut edges over contiguous ``k``-districtings; returns status, cut edges,
    bound, seconds, rounds and ``district[i]`` (the lowest vertex of ``i``'s district)."""
    began, n = time.perf_counter(), len(population)
    edges = np.asarray(edges, np.int64).reshape(-1, 2)
    m, col = _build(population, edges, k, population_band(population, k, tolerance))
    if contiguity == "flow":
        _flow_rows(m, col, edges, k)
    adjacency, rounds = neighbours(n, edges), 0
    while True:
        rounds += 1
        left = time_limit - (time.perf_counter() - began)
        status, bound, values = _solve(m, solver, max(left, 0.01), threads)
        out = {"status": status, "cut_edges": None, "bound": bound, "rounds": rounds,
               "district": None}
        if values is None:
            return {**out, "seconds": time.perf_counter() - began}
        x = values[:col.max() + 1]
        district = np.array([int(np.argmax([x[col[i, j]] if col[i, j] >= 0 else -1
                                            for j in range(n)])) for i in range(n)])
        connected = _separate(m, col, district, adjacency) == 0
        if connected or status != "optimal":  # a stopped solve: its plan when connected
            cut = int((district[edges[:, 0]] != district[edges[:, 1]]).sum())
            return {**out, "seconds": time.perf_counter() - began,
                    **({"cut_edges": cut, "district": district} if connected else {})}


def _solve(m: Milp, solver: str, limit: float, threads: int):
    """``(status, bound, values)`` on HiGHS or CP-SAT."""
    if solver == "cpsat":
        from junheng.zones.milp_cpsat import solve_milp_cpsat

        status, _, bound, values = solve_milp_cpsat(m, time_limit=limit, threads=max(threads, 2))
        return status, bound, values
    result = HighsSolver(time_limit=limit, threads=threads).solve(m)
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
