"""The zoning MILP on the shared optimisation layer, with exact contiguity.

Formulation (numbers as in the row groups of :func:`build`)
----------------------------------------------------------
Blocks ``N``, schools ``S`` (school ``s`` in block ``r_s``), allowed pairs ``A ⊆ N×S``,
edges ``E = B ∪ L``: border edges ``B`` and today's links ``L`` (for each piece of today's
zone of ``s`` cut off from ``r_s`` under ``B``, one edge from it to ``r_s``:
``ZoneProblem.zone_edges``, :func:`~junheng.zones.problem.today_links`), so today's zones
are connected and the status quo meets (5)–(8); ``N(i)`` are the neighbours of block ``i``; for school ``s`` the arcs
``A_s = {(i, j) : {i, j} ∈ E, (i, s) ∈ A, (j, s) ∈ A, j ≠ r_s}``.

Variables: ``x_is ∈ {0, 1}`` for ``(i, s) ∈ A`` (block ``i`` zoned to ``s``); ``o_s ≥ 0``
pupils over capacity (fixed at 0 with hard capacity); ``f_sij ≥ 0`` flow of school ``s`` on
arc ``(i, j)`` (flow method only); ``n_s ≥ 0`` pupils over ``max(c_s, L_s)`` where ``L_s``
are today's pupils of ``s`` (with current zones); ``u_s ≥ 0`` pupils school ``s`` keeps below
``κ·L_s`` (with a keep share ``κ``).

    min  Σ_s (W_over·o_s + W_new·n_s + W_short·u_s)
         + Σ_(i,s)∈A p_i·(W_moved·[cur_i ≥ 0, s ≠ cur_i] + W_travel·d_is
                          + W_cross·[(i, s) ∈ X])·x_is                  (9)

    (1) Σ_s x_is = 1                                    every block i is zoned once
    (2) x_{r_s,s} = 1 and x_is = 0 for (i, s) ∉ A       roots and pins (column bounds)
    (3) Σ_i p_i·x_is − o_s ≤ c_s                        capacity, soft through o_s
    (3b) Σ_i p_i·x_is − n_s ≤ max(c_s, L_s)             no school pushed over capacity (soft,
                                                        W_new on top of W_over per pupil)
    (4) Σ_{i: cur_i ≥ 0} p_i·x_{i,cur_i} ≥ P_cur − M     at most M pupils moved (when given)
    (4c) Σ_s o_s ≤ O                                    at most O pupils over capacity (when
                                                        given: a staff plan's, never exceeded)
    (4b) Σ_{i: cur_i = s} p_i·x_is + u_s ≥ κ·L_s         a kept school keeps κ of its pupils
                                                        (soft, W_short per pupil short)
    (5) x_is ≤ Σ_{j ∈ N(i), (j,s) ∈ A} x_js              i ≠ r_s: a zoned block has a zone
                                                        neighbour (valid, tightens the LP)
    (6) Σ_{(j,i) ∈ A_s} f_sji − Σ_{(i,j) ∈ A_s} f_sij = x_is    i ≠ r_s   [flow method]
    (7) f_sij ≤ (|A(s)| − 1)·x_js                        (i, j) ∈ A_s      [flow method]
    (8) x_as ≤ Σ_{j ∈ N(C)} x_js                         [cut method] for a component C of
        zone s that misses r_s in a solution, a ∈ C, N(C) its outside neighbours: rows
        added round by round until every zone is connected (then the plan is optimal for
        the full model: the rows are valid and the solution satisfies them all).

(9) cross-乡镇 moves (跨乡镇调整, county data): ``X ⊆ A`` are the pairs where block ``i`` has
a school today and ``s`` lies in another 乡镇 than both ``i`` and that school
(``ZoneProblem.cross``); each such pupil costs ``W_cross`` (default 5, ``Weights.cross``) on
top of ``W_moved``, so a plan moves pupils across 乡镇 lines only to relieve over capacity or
to save travel worth more than the weight. A column cost, no row; the checker lists every
such move (:func:`junheng.zones.check.soft_breaks`), and the outputs mark it.

(6)–(7) send one unit of flow from the root to every block of its zone through blocks of
the same zone, so each zone is connected; a school whose zone is fixed (no candidate block
of it may go elsewhere, as in a neighbourhood solve) and connected gets no rows (6)–(7); (8) is the a–b separator inequality of Validi &
Buchanan (2022). The objective equals :meth:`ZoneProblem.objective` of the plan.
"""

from __future__ import annotations

import math
import time

import numpy as np

from junheng.optimize.highs import HighsSolver
from junheng.optimize.model import Milp
from junheng.optimize.result import relative_gap
from junheng.zones.graph import components
from junheng.zones.problem import ZonePlan, ZoneProblem
from junheng.zones.repair import connect, improve

METHODS = ("cut", "flow")


class ZoneMilp:
    """The MILP of one problem with its column maps (``pair[i, s]``: column of ``x_is``)."""

    def __init__(self, problem: ZoneProblem, *, method: str = "cut"):
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}")
        self.problem, self.method = problem, method
        self.adjacency = problem.adjacency
        self.milp = Milp()
        self.pair = np.full((problem.n, problem.k), -1, np.int64)
        self._columns()
        self._assignment_rows()
        self._neighbour_rows()
        if method == "flow":
            self._flow_rows()

    def _columns(self) -> None:
        p, w = self.problem, self.problem.weights
        blocks, schools = np.nonzero(p.allowed)
        cost = p.pair_cost(blocks, schools)  # with (9)
        lower = (p.root[schools] == blocks).astype(float)
        cols = self.milp.add_block("x", cost, lower, 1.0, integer=True)
        self.pair[blocks, schools] = cols
        self.blocks, self.schools = blocks, schools
        self.over = self.milp.add_block("over", np.full(p.k, w.over), 0.0,
                                        0.0 if p.hard_capacity else np.inf, integer=False)
        self.new_over = self.milp.add_block("new_over", np.full(p.k, w.new_over), 0.0,
                                            np.inf if p.has_current else 0.0, integer=False)
        self.short = self.milp.add_block("short", np.full(p.k, w.short), 0.0,
                                         np.inf if p.keep_share else 0.0, integer=False)

    def _assignment_rows(self) -> None:
        p, m, cols = self.problem, self.milp, self.block_cols
        m.add_rows("(1)", self.blocks, cols, 1.0, 1.0, 1.0, count=p.n)
        m.add_rows("(3)", np.concatenate([self.schools, np.arange(p.k)]),
                   np.concatenate([cols, self.over]),
                   np.concatenate([p.pupils[self.blocks], -np.ones(p.k)]), -np.inf, p.capacity)
        if p.max_moved is not None:
            has = p.current >= 0
            idx = np.nonzero(has)[0]
            stay = self.pair[idx, np.maximum(p.current[idx], 0)]
            ok = stay >= 0
            m.add_row("(4)", stay[ok], p.pupils[idx][ok],
                      lo=float(p.pupils[has].sum()) - float(p.max_moved))
        if p.max_over is not None:
            m.add_row("(4c)", self.over, np.ones(p.k), hi=float(p.max_over))
        self._keep_rows()

    def _keep_rows(self) -> None:
        """(3b) and (4b): only with current zones (and a keep share for (4b))."""
        p, m, cols = self.problem, self.milp, self.block_cols
        if not p.has_current:
            return
        m.add_rows("(3b)", np.concatenate([self.schools, np.arange(p.k)]),
                   np.concatenate([cols, self.new_over]),
                   np.concatenate([p.pupils[self.blocks], -np.ones(p.k)]), -np.inf, p.ceiling)
        if p.keep_share:
            stay = p.current[self.blocks] == self.schools
            m.add_rows("(4b)", np.concatenate([self.schools[stay], np.arange(p.k)]),
                       np.concatenate([cols[stay], self.short]),
                       np.concatenate([p.pupils[self.blocks[stay]], np.ones(p.k)]),
                       p.keep, np.inf)

    @property
    def block_cols(self) -> np.ndarray:
        return self.milp.block("x")

    def _neighbour_rows(self) -> None:
        p = self.problem
        rows, cols, coefs, count = [], [], [], 0
        for i, s in zip(self.blocks.tolist(), self.schools.tolist(), strict=False):
            if p.root[s] == i:
                continue
            near = [self.pair[j, s] for j in self.adjacency[i] if self.pair[j, s] >= 0]
            rows += [count] * (1 + len(near))
            cols += [self.pair[i, s], *near]
            coefs += [1.0] + [-1.0] * len(near)
            count += 1
        self.milp.add_rows("(5)", rows, cols, coefs, -np.inf, 0.0, count=count)

    def _flow_rows(self) -> None:
        p, e = self.problem, self.problem.zone_edges
        tails, heads = np.concatenate([e[:, 0], e[:, 1]]), np.concatenate([e[:, 1], e[:, 0]])
        arcs = []
        moving = self.moving = self._moving_schools()
        for s in range(p.k):
            ok = ((self.pair[tails, s] >= 0) & (self.pair[heads, s] >= 0) & (heads != p.root[s])
                  & moving[s])
            arcs.append((np.full(ok.sum(), s), tails[ok], heads[ok]))
        school, tail, head = (np.concatenate(a) for a in zip(*arcs, strict=False))
        self.arcs = np.column_stack([school, tail, head])
        flow = self.milp.add_block("flow", np.zeros(len(school)), 0.0, np.inf, integer=False)
        self.flow = flow
        # (6) one row per non-root pair: inflow - outflow - x_is = 0
        nonroot = np.nonzero((self.problem.root[self.schools] != self.blocks)
                             & moving[self.schools])[0]
        row_of = np.full(len(self.blocks), -1)
        row_of[nonroot] = np.arange(len(nonroot))
        into = row_of[self.pair[head, school] - self.block_cols[0]]
        out_of = row_of[self.pair[tail, school] - self.block_cols[0]]
        keep = out_of >= 0
        rows = np.concatenate([into, out_of[keep], np.arange(len(nonroot))])
        cols = np.concatenate([flow, flow[keep], self.block_cols[nonroot]])
        coefs = np.concatenate([np.ones(len(flow)), -np.ones(keep.sum()),
                                -np.ones(len(nonroot))])
        self.milp.add_rows("(6)", rows, cols, coefs, 0.0, 0.0, count=len(nonroot))
        size = np.bincount(self.schools, minlength=p.k) - 1
        n_arcs = len(flow)
        self.milp.add_rows("(7)", np.repeat(np.arange(n_arcs), 2),
                           np.column_stack([flow, self.pair[head, school]]).ravel(),
                           np.column_stack([np.ones(n_arcs), -size[school]]).ravel(),
                           -np.inf, 0.0, count=n_arcs)

    def _moving_schools(self) -> np.ndarray:
        """``moving[s]``: school ``s`` needs flow rows — some candidate block of it may go
        elsewhere, or its fixed zone is not connected."""
        p = self.problem
        choices = p.allowed.sum(axis=1)
        moving = np.ones(p.k, bool)
        for s in range(p.k):
            members = np.nonzero(p.allowed[:, s])[0]
            if (choices[members] == 1).all():
                moving[s] = len(components(members.tolist(), self.adjacency)) > 1
        return moving

    # ------------------------------------------------------------------ solutions

    def schools_of(self, values: np.ndarray) -> np.ndarray:
        """``school[i]`` from the column values."""
        x = values[self.block_cols] > 0.5
        school = np.full(self.problem.n, -1, np.int64)
        school[self.blocks[x]] = self.schools[x]
        return school

    def values_of(self, school: np.ndarray) -> np.ndarray:
        """Column values of a plan (flows along BFS trees of connected zones)."""
        p = self.problem
        values = np.zeros(self.milp.n_cols)
        values[self.pair[np.arange(p.n), school]] = 1.0
        values[self.over] = p.over(school)
        values[self.new_over] = p.new_over(school)
        values[self.short] = p.short(school)
        if self.method == "flow":
            arc_col = {(s, i, j): c for (s, i, j), c in zip(self.arcs.tolist(), self.flow, strict=False)}
            for s in np.nonzero(self.moving)[0].tolist():
                for (i, j), amount in _tree_flows(p.root[s], school == s, self.adjacency):
                    values[arc_col[(s, i, j)]] = amount
        return values

    def separators(self, school: np.ndarray) -> int:
        """Add rows (8) for every zone component that misses its school; return how many."""
        added = 0
        for s in range(self.problem.k):
            for part in components(np.nonzero(school == s)[0].tolist(), self.adjacency):
                if self.problem.root[s] in part:
                    continue
                inside = set(part)
                border = sorted({j for i in part for j in self.adjacency[i]} - inside)
                border_cols = [self.pair[j, s] for j in border if self.pair[j, s] >= 0]
                for a in part:
                    self.milp.add_row("(8)", [self.pair[a, s], *border_cols],
                                      [1.0] + [-1.0] * len(border_cols), hi=0.0)
                    added += 1
        return added


def _tree_flows(root: int, member: np.ndarray, adjacency: list[list[int]]):
    """``((parent, child), subtree size)`` along a BFS tree of the zone from its root."""
    parent, order, frontier = {root: -1}, [root], [root]
    while frontier:
        nxt = []
        for v in frontier:
            for w in adjacency[v]:
                if member[w] and w not in parent:
                    parent[w] = v
                    order.append(w)
                    nxt.append(w)
        frontier = nxt
    size = dict.fromkeys(order, 1)
    for v in reversed(order[1:]):
        size[parent[v]] += size[v]
    return [((parent[v], v), float(size[v])) for v in order[1:]]


def solve_zones(problem: ZoneProblem, *, method: str = "cut", time_limit: float = 60.0,
                relative_gap_limit: float = 1e-4, start: np.ndarray | None = None,
                threads: int = 1, max_rounds: int = 200) -> ZonePlan:
    """Solve ``problem`` exactly (to ``relative_gap_limit``) within ``time_limit`` seconds.

    ``start``: a plan to begin from (used when it is connected and meets the rows);
    the cut method re-solves with the separators of the last solution until every zone is
    connected. ``status`` is the solver's (``optimal``, ``gap_limit``, ``time_limit``,
    ``infeasible``, ``no_solution``); ``gap`` is against the proven bound.
    """
    began = time.perf_counter()
    zm = ZoneMilp(problem, method=method)
    incumbent = _usable_start(zm, start)
    if incumbent is not None:
        incumbent = improve(problem, incumbent, zm.adjacency)
    rounds, result = 0, None
    while rounds < max_rounds:
        rounds += 1
        left = time_limit - (time.perf_counter() - began)
        if left <= 0:
            break
        solver = HighsSolver(time_limit=left, relative_gap=relative_gap_limit, threads=threads)
        begin = zm.values_of(incumbent) if incumbent is not None else None
        result = solver.solve(zm.milp, start=begin)
        if result.values is None:
            break
        school = zm.schools_of(result.values)
        if method == "flow" or zm.separators(school) == 0:
            return _plan(problem, school, result, began, method, rounds)
        repaired = connect(problem, school, zm.adjacency)
        if repaired is not None:
            repaired = improve(problem, repaired, zm.adjacency)
        incumbent = _better(zm, incumbent, repaired)
    return _fallback(problem, zm, incumbent, result, began, method, rounds)


def _usable_start(zm: ZoneMilp, start: np.ndarray | None) -> np.ndarray | None:
    if start is None:
        return None
    start = np.asarray(start, np.int64)
    if len(start) != zm.problem.n or (start < 0).any() or (zm.pair[np.arange(len(start)),
                                                                  start] < 0).any():
        return None
    if not _connected(zm, start):
        return None
    return start if zm.milp.violation(zm.values_of(start)) <= 1e-6 else None


def _better(zm: ZoneMilp, incumbent, candidate):
    """The cheaper of two plans that meet every row (a repaired plan may break (3)/(4))."""
    if candidate is None or zm.milp.violation(zm.values_of(candidate)) > 1e-6:
        return incumbent
    if incumbent is None or zm.problem.objective(candidate) < zm.problem.objective(incumbent):
        return candidate
    return incumbent


def _connected(zm: ZoneMilp, school: np.ndarray) -> bool:
    return all(len(components(np.nonzero(school == s)[0].tolist(), zm.adjacency)) == 1
               for s in range(zm.problem.k))


def _plan(problem, school, result, began, method, rounds) -> ZonePlan:
    objective = problem.objective(school)
    gap = relative_gap(objective, result.bound)
    status = result.status.value
    return ZonePlan(school=school, status=status, objective=objective, bound=result.bound,
                    gap=gap, seconds=time.perf_counter() - began, method=method, rounds=rounds)


def _fallback(problem, zm, incumbent, result, began, method, rounds) -> ZonePlan:
    """Out of time or rounds: the start plan when there is one, else no plan."""
    bound = result.bound if result is not None else -math.inf
    seconds = time.perf_counter() - began
    if result is not None and result.status.value == "infeasible":
        return ZonePlan(np.full(problem.n, -1), "infeasible", math.nan, math.inf, math.inf,
                        seconds, method, rounds)
    if incumbent is None:
        return ZonePlan(np.full(problem.n, -1), "no_solution", math.nan, bound, math.inf,
                        seconds, method, rounds)
    objective = problem.objective(incumbent)
    return ZonePlan(incumbent, "time_limit", objective, bound, relative_gap(objective, bound),
                    seconds, method, rounds)
