"""The labeling model of min-cut-edges districting (Validi & Buchanan 2022, §3.1 and §4), an
alternative to the Hess model of :mod:`junheng.zones.district` with ``k`` labels instead of
``n`` centres, its label symmetry removed by ordered representatives.

Order and representatives
-------------------------
``B`` is a vertex set whose every connected piece (in the graph induced by ``B``) holds
less than ``L`` people (:func:`front_order`, greedy): a district (connected, ``≥ L``) cannot
lie inside ``B``, so each district has a vertex in the *front* ``F = V \\ B``. Vertices are
ordered ``v_0, v_1, …``: ``F`` first, then ``B``, each by decreasing population. A district's
*representative* is its first vertex in this order, always in ``F``; labels are numbered by
representative (label 0 holds ``v_0``, label 1 the next district met along the order, …):
one labeling per partition instead of ``k!``.

Formulation (rows as numbered)
------------------------------
Labels ``j = 0..k-1``. ``x_ij ∈ {0, 1}``: vertex ``i`` has label ``j``; ``r_ij ∈ {0, 1}``
(``i ∈ F``): ``i`` represents district ``j``; ``y_e ∈ [0, 1]``: edge ``e`` cut;
``z_ej ∈ [0, 1]``: both ends of ``e`` have label ``j``; ``f_uv ≥ 0`` flow on arc ``(u, v)``,
``g_i ≥ 0`` flow supplied at ``i ∈ F``.

    min  Σ_e y_e
    (1) Σ_j x_ij = 1                                   every vertex one label
    (2) Σ_{i ∈ F} r_ij = 1,  r_ij ≤ x_ij                one representative per district
    (3) L ≤ Σ_i p_i·x_ij ≤ U                             population band
    (4) z_ej ≤ x_uj,  z_ej ≤ x_vj,  y_e + Σ_j z_ej ≥ 1  cut edges, extended (Ferreira et
        al.): y_e ≥ ½·Σ_j |x_uj − x_vj|, stronger than y_e ≥ |x_uj − x_vj| per label
    (5) w_pj = w_{p−1,j} + r_{v_p, j} (w_{−1,j} = 0),  Σ_{j' ≥ j} x_{v,j'} ≤ w_{P(v), j} (j ≥ 1,
        ``P(v)``: the last front position at or before ``v``),  w_{p+1, j+1} ≤ w_pj: the
        partitioning orbitope's extended formulation (Faenza & Kaibel; the authors'
        ``add_orbitope_extended_formulation`` with its slack ``u`` and ``s`` projected out):
        a vertex of label ``≥ j`` comes at or after ``j``'s representative, which comes after
        ``j − 1``'s; it implies the column rows x_{v_p, j} ≤ Σ_{q < p} x_{v_q, j−1} and
        r_{v_p, j} + x_{v_q, j} ≤ 1 (q < p) of the representative as first vertex
    (6) x_aj ≤ Σ_{c ∈ N(a)} x_cj  for p_a < L: a lone vertex is no district (separators of
        single vertices, every label)
    (7) Σ_{(u,i)} f_ui − Σ_{(i,v)} f_iv + g_i = 1,  g_i ≤ M·Σ_j r_ij
        (``contiguity="flow"``): every vertex consumes one unit, sources only at representatives;
        ``M``: the most vertices a district holds (the lightest while they fit in ``U``,
        :func:`~junheng.zones.district_fixing.most_members`; the authors' big-M)
    (8) f_uv + f_vu ≤ (M − 1)·(1 − y_uv)                 flow only inside districts
    (9) x_aj ≤ Σ_{c ∈ N(C)} x_cj  for every label j and a ∈ C, C a connected set with
        p(C) < L (``contiguity="cut"``: added round by round for the pieces of split
        districts; a split district has a piece below U/2 < L, so each round cuts its plan)
    (10) x_{v_p, j} = 0 for j > p and x_{v_0, 0} = r_{v_0, 0} = 1 (D-fixing); x_{v_j, j} =
        r_{v_j, j} = 1 while v_j is farther than U from every v_t, t < j (node-weighted
        lightest path, both ends included), and then x_ij = 0 for the vertices i farther than
        U from v_j (U-fixing)
    (11) r_{v_p, j} = 0 for p ≥ q and for j < k − (q − p), ``q``: the longest tail of the
        order whose pieces all hold less than L (L-fixing; ``F`` is ``order[:q]``)
    (12) r_{v_p, ·} = 0 when the vertices placed at or after v_p join it to fewer than L
        people; x_ij = 0 unless a possible representative v_p of j reaches i through vertices
        placed at or after it by a path of at most U people (reach fixing: Hess L/U-fixing
        per label)
    (13) y_e = 1 for an edge whose ends share no possible label, y_e = 0 for one whose ends
        both have one and the same possible label, z_ej only where both ends may take j (Z-fixing)

:mod:`junheng.zones.district_fixing` computes (10)–(13).
(5)–(13) only remove labelings that are not canonical or plans that are split or out of the
band: a canonical connected in-band plan meets them all (tests check this against brute
force on small graphs).
"""

from __future__ import annotations

import math
import time

import numpy as np

from junheng.optimize.model import Milp
from junheng.zones.check import check_districting
from junheng.zones.district_fixing import (
    back_start,
    fixed_edges,
    most_members,
    reach_fixing,
    root_labels,
)
from junheng.zones.fixing import lightest_paths, population_order
from junheng.zones.graph import components, neighbours
from junheng.zones.model import _tree_flows


def front_order(population, adjacency, low: float) -> tuple[np.ndarray, int]:
    """``(order, f)``: the front ``F`` (``order[:f]``) then ``B``, each by decreasing
    population, where every piece of ``B`` holds less than ``low``. Greedy: while a piece of
    ``B`` reaches ``low``, move to ``F`` the vertex of that piece whose removal leaves the
    lightest heaviest piece (ties: the heavier vertex).

    A path 0–1–2–3 with populations 1, 1, 1, 3 and ``L = 3``: vertex 3 goes first (removing it
    or 2 leaves a heaviest piece of 3; 3 is heavier), then 1 splits {0, 1, 2}.

    >>> front_order([1, 1, 1, 3], [[1], [0, 2], [1, 3], [2]], 3)
    (array([3, 1, 0, 2]), 2)
    """
    pop = np.asarray(population, float)
    inside = set(range(len(pop)))

    def heaviest(members) -> tuple[float, list[int]]:
        parts = components(sorted(members), adjacency)
        return max(((float(pop[c].sum()), c) for c in parts), default=(0.0, []))

    weight, piece = heaviest(inside)
    while weight >= low:
        best = min(piece, key=lambda v: (heaviest(set(piece) - {v})[0], -pop[v], v))
        inside.discard(best)
        weight, piece = heaviest(inside)
    front = [v for v in population_order(pop).tolist() if v not in inside]
    back = [v for v in population_order(pop).tolist() if v in inside]
    return np.array(front + back, np.int64), len(front)


def labeling_fixing(population, adjacency, k: int, high: float, order=None):
    """``(order, allowed, fixed)``: ``allowed[i, j]`` after D- and U-fixing (10), ``fixed``:
    the vertices pinned to labels ``0..len(fixed)-1``; ``order``: decreasing population
    unless given."""
    pop = np.asarray(population, float)
    n = len(pop)
    order = population_order(pop) if order is None else np.asarray(order)
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

    def __init__(self, population, edges: np.ndarray, adjacency, k: int, band,
                 contiguity: str = "flow"):
        pop = self.pop = np.asarray(population, float)
        self.n, self.k, self.edges, self.adjacency = len(pop), k, edges, adjacency
        low = np.broadcast_to(np.asarray(band[0], float), k)  # a band per label, or one
        high = np.broadcast_to(np.asarray(band[1], float), k)
        self.band, self.flow = (float(low.min()), float(high.max())), contiguity == "flow"
        order, _ = front_order(pop, adjacency, self.band[0])
        self.f = back_start(pop, adjacency, order, self.band[0])  # (11): q ≤ |F|
        self.order, allowed, self.fixed = labeling_fixing(pop, adjacency, k, self.band[1], order)
        roots = root_labels(self.f, k)
        for j in range(min(len(self.fixed), self.f)):  # (10): v_j represents j (f < k: no plan)
            roots[:, j], roots[j] = False, False
            roots[j, j] = True
        allowed_x, roots = reach_fixing(pop, adjacency, self.order, roots, self.band)
        allowed &= allowed_x
        self.most = most_members(pop, self.band[1])
        m = self.milp = Milp()
        n, e, front = self.n, len(edges), self.order[:self.f]
        self.x = m.add_block("x", np.zeros(n * k), 0.0, allowed.ravel(),
                             integer=True).reshape(n, k)
        m.set_bounds(self.x[self.fixed, np.arange(len(self.fixed))], lower=1.0)
        self.r = m.add_block("r", np.zeros(self.f * k), 0.0, (roots & allowed[front]).ravel(),
                             integer=True).reshape(self.f, k)
        m.set_bounds([self.x[self.order[0], 0], self.r[0, 0]], lower=1.0)  # (10)
        self.y = m.add_block("y", np.ones(e), 0.0, 1.0, integer=False)
        m.add_rows("(1)", np.repeat(np.arange(n), k), self.x.ravel(), 1.0, 1.0, 1.0, count=n)
        m.add_rows("(2)", np.tile(np.arange(k), self.f), self.r.ravel(), 1.0, 1.0, 1.0,
                   count=k)
        m.add_rows("(2)", np.repeat(np.arange(self.f * k), 2),
                   np.column_stack([self.r.ravel(), self.x[front].ravel()]).ravel(),
                   np.tile([1.0, -1.0], self.f * k), -np.inf, 0.0, count=self.f * k)
        m.add_rows("(3)", np.tile(np.arange(k), n), self.x.ravel(), np.repeat(pop, k),
                   low, high, count=k)
        self._cut_rows(allowed)
        self._orbitope_rows()
        for a in np.nonzero(pop < self.band[0])[0].tolist():
            self.separate([a], group="(6)")
        if self.flow:
            self._flow_rows()

    def _cut_rows(self, allowed: np.ndarray) -> None:
        """(4): ``z_ej`` only where both ends may take label ``j``."""
        u, v = self.edges[:, 0], self.edges[:, 1]
        ee, jj = self.pairs = np.nonzero(allowed[u] & allowed[v])
        m = self.milp
        self.z = m.add_block("z", np.zeros(len(ee)), 0.0, 1.0, integer=False)
        for end in (u, v):
            m.add_rows("(4)", np.repeat(np.arange(len(ee)), 2),
                       np.column_stack([self.z, self.x[end[ee], jj]]).ravel(),
                       np.tile([1.0, -1.0], len(ee)), -np.inf, 0.0, count=len(ee))
        m.add_rows("(4)", np.concatenate([np.arange(len(u)), ee]),
                   np.concatenate([self.y, self.z]), 1.0, 1.0, np.inf, count=len(u))
        cut, kept = fixed_edges(self.edges, allowed)  # (13)
        m.set_bounds(self.y[cut], lower=1.0)
        m.set_bounds(self.y[kept], upper=0.0)

    def _orbitope_rows(self) -> None:
        """(5): ``w_pj`` counts the representatives of ``j`` among ``v_0..v_p``; a vertex
        with a label ``≥ j`` comes at or after ``j``'s representative; ``j + 1``'s
        representative comes after ``j``'s."""
        m, f, k = self.milp, self.f, self.k
        self.w = w = m.add_block("w", np.zeros(f * k), 0.0, 1.0, integer=False).reshape(f, k)
        m.add_rows("(5)", np.concatenate([np.arange(f * k)] * 2 + [np.arange(k, f * k)]),
                   np.concatenate([w.ravel(), self.r.ravel(), w[:-1].ravel()]),
                   np.concatenate([np.ones(f * k), -np.ones(f * k), -np.ones((f - 1) * k)]),
                   0.0, 0.0, count=f * k)
        position = np.empty(self.n, np.int64)
        position[self.order] = np.arange(self.n)
        last = np.minimum(position, f - 1)  # the last front position at or before each vertex
        rows, cols, vals, count = [], [], [], 0
        for i in range(self.n):
            for j in range(1, k):
                if self.milp.upper[self.x[i, j:]].max() < 0.5:
                    continue
                rows += [count] * (k - j + 1)
                cols += [*self.x[i, j:], w[last[i], j]]
                vals += [1.0] * (k - j) + [-1.0]
                count += 1
        m.add_rows("(5)", rows, cols, vals, -np.inf, 0.0, count=count)
        pairs = [(p, j) for p in range(f - 1) for j in range(k - 1)]
        m.add_rows("(5)", np.repeat(np.arange(len(pairs)), 2),
                   np.array([[w[p + 1, j + 1], w[p, j]] for p, j in pairs]).reshape(-1),
                   np.tile([1.0, -1.0], len(pairs)), -np.inf, 0.0, count=len(pairs))

    def _flow_rows(self) -> None:
        """(7)–(8): flow from the representatives along uncut edges only."""
        n, k, e, m = self.n, self.k, len(self.edges), self.milp
        size = float(self.most)  # the most vertices a district holds
        tails = np.concatenate([self.edges[:, 0], self.edges[:, 1]])
        heads = np.concatenate([self.edges[:, 1], self.edges[:, 0]])
        self.flows = m.add_block("flow", np.zeros(2 * e), 0.0, size - 1, integer=False)
        self.g = m.add_block("source", np.zeros(self.f), 0.0, size, integer=False)
        front = self.order[:self.f]
        m.add_rows("(7)", np.concatenate([heads, tails, front]),
                   np.concatenate([self.flows, self.flows, self.g]),
                   np.concatenate([np.ones(2 * e), -np.ones(2 * e), np.ones(self.f)]),
                   1.0, 1.0, count=n)
        m.add_rows("(7)", np.concatenate([np.arange(self.f), np.repeat(np.arange(self.f), k)]),
                   np.concatenate([self.g, self.r.ravel()]),
                   np.concatenate([np.ones(self.f), -size * np.ones(self.f * k)]), -np.inf, 0.0,
                   count=self.f)
        m.add_rows("(8)", np.tile(np.arange(e), 3),
                   np.concatenate([self.flows[:e], self.flows[e:], self.y]),
                   np.concatenate([np.ones(2 * e), np.full(e, size - 1)]), -np.inf, size - 1,
                   count=e)

    def separate(self, piece, *, group: str = "(9)") -> int:
        """Rows x_aj ≤ Σ_{c ∈ N(piece)} x_cj for a ∈ ``piece`` (population below L) and
        every label; the number added."""
        inside = set(piece)
        border = sorted({c for a in piece for c in self.adjacency[a]} - inside)
        added = 0
        for j in range(self.k):
            for a in piece:
                if self.milp.upper[self.x[a, j]] > 0.5:
                    self.milp.add_row(group, [self.x[a, j], *self.x[border, j]],
                                      [1.0] + [-1.0] * len(border), hi=0.0)
                    added += 1
        return added

    def split_pieces(self, labels: np.ndarray) -> list[list[int]]:
        """The pieces below ``L`` of the districts of ``labels`` that are not connected."""
        out = []
        for j in range(self.k):
            parts = components(np.nonzero(labels == j)[0].tolist(), self.adjacency)
            if len(parts) > 1:
                out += [p for p in parts if self.pop[p].sum() < self.band[0]]
        return out

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
        """Column values of a connected in-band plan (representatives: first vertices)."""
        labels = self.canonical(labels)
        values = np.zeros(self.milp.n_cols)
        values[self.x[np.arange(self.n), labels]] = 1.0
        u, v = self.edges[:, 0], self.edges[:, 1]
        values[self.y] = labels[u] != labels[v]
        ee, jj = self.pairs
        values[self.z] = (labels[u[ee]] == jj) & (labels[v[ee]] == jj)
        position = {int(w): p for p, w in enumerate(self.order[:self.f].tolist())}
        for j in range(self.k):
            members = np.nonzero(labels == j)[0]
            root = int(self.order[np.isin(self.order, members)][0])
            values[self.r[position[root], j]] = 1.0
            values[self.w[position[root]:, j]] = 1.0
            if self.flow:
                self._flows_of(values, root, labels == j, position[root], len(members))
        return values

    def _flows_of(self, values, root: int, member, slot: int, size: int) -> None:
        e = len(self.edges)
        arc = {(a, b): c for (a, b), c in zip(self.edges.tolist(), self.flows[:e], strict=True)}
        arc.update({(b, a): c for (a, b), c in zip(self.edges.tolist(), self.flows[e:],
                                                    strict=True)})
        values[self.g[slot]] = float(size)
        for (a, b), amount in _tree_flows(root, member, self.adjacency):
            values[arc[(a, b)]] = amount


def _solve(milp: Milp, solver: str, limit: float, threads: int, start, cutoff=None):
    """``(status, bound, values, found)`` on HiGHS or CP-SAT (``start``: column values or
    None); ``found``: seconds into the solve of its last improving plan (HiGHS only, else
    None); ``cutoff``: HiGHS looks only for plans below it (infeasible then proves it)."""
    if solver == "cpsat":
        from junheng.zones.milp_cpsat import solve_milp_cpsat

        status, _, bound, values = solve_milp_cpsat(milp, time_limit=limit,
                                                    threads=max(threads, 2), hint=start)
        return status, bound, values, None
    from junheng.optimize.highs import HighsSolver

    options = {} if cutoff is None else {"objective_bound": float(cutoff)}
    began, found = time.perf_counter(), [None]

    def improved() -> None:
        found[0] = time.perf_counter() - began

    result = HighsSolver(time_limit=limit, threads=threads, options=options).solve(
        milp, start=start, on_improving=improved)
    return result.status.value, result.bound, result.values, found[0]


def polish(population, edges: np.ndarray, adjacency, labels, band, seconds: float, *,
           groups=(2, 3), threads: int = 1) -> np.ndarray:
    """Re-optimise a few neighbouring districts at a time: the sub-graph they cover is
    solved exactly as a small districting with the same band (edges to the other districts
    stay cut whatever it does), started from its current split. Pairs first; triples only
    when no pair improves; back to pairs after every improvement; until no group improves
    or ``seconds`` run out. Returns the best connected plan (labels ``0..k-1``)."""
    pop, best = np.asarray(population, float), np.asarray(labels).copy()
    stop = time.perf_counter() + seconds
    sizes = [g for g in groups if g <= int(best.max())]  # a group of all k is the whole model
    level = 0
    while level < len(sizes) and time.perf_counter() < stop:
        found = _improve_group(pop, edges, best, band, sizes[level], stop, threads)
        best, level = (found, 0) if found is not None else (best, level + 1)
    return best


def _improve_group(pop, edges, labels, band, group: int, stop: float, threads: int):
    """The first improvement over the connected groups of ``group`` districts, or None."""
    from itertools import combinations

    touching = {tuple(sorted(p)) for p in labels[edges].tolist() if p[0] != p[1]}
    for chosen in combinations(range(int(labels.max()) + 1), group):
        if not _linked(chosen, touching) or (left := stop - time.perf_counter()) <= 0.05:
            continue
        members = np.nonzero(np.isin(labels, chosen))[0]
        found = _solve_part(pop, edges, members, labels, chosen, band, left, threads)
        if found is not None:
            return found
    return None


def _linked(chosen, touching) -> bool:
    """The districts ``chosen`` form a connected group (pairs in ``touching`` neighbour)."""
    reached, frontier = {chosen[0]}, [chosen[0]]
    while frontier:
        a = frontier.pop()
        for b in chosen:
            if b not in reached and tuple(sorted((a, b))) in touching:
                reached.add(b)
                frontier.append(b)
    return len(reached) == len(chosen)


def _solve_part(pop, edges, members, labels, chosen, band, seconds, threads):
    """The plan with ``members`` (districts ``chosen``) re-split optimally, or None when
    that cuts no fewer edges."""
    from junheng.optimize.highs import HighsSolver

    index = np.full(len(pop), -1)
    index[members] = np.arange(len(members))
    inside = (index[edges[:, 0]] >= 0) & (index[edges[:, 1]] >= 0)
    sub = index[edges[inside]]
    part = LabelingModel(pop[members], sub, neighbours(len(members), sub), len(chosen), band)
    start = part.canonical(labels[members])
    result = HighsSolver(time_limit=min(seconds, 30.0), threads=threads).solve(
        part.milp, start=part.values(start))
    if result.values is None:
        return None
    split = part.canonical(part.labels(result.values))
    if _cut(split, sub) >= _cut(start, sub) or part.split_pieces(split):
        return None
    out = labels.copy()
    out[members] = np.asarray(chosen)[split]
    return out


def solve_labeling(population, edges, k: int, *, tolerance: float = 0.005,
                   time_limit: float = 600.0, threads: int = 1, start=None,
                   contiguity: str = "flow", solver: str = "highs", polish_seconds: float = 0.0,
                   cutoff: bool = False) -> dict:
    """Minimum cut edges on the labeling model (HiGHS or CP-SAT); the same result keys as
    :func:`junheng.zones.district.solve_districting` (``district``: labels ``0..k-1``).
    ``contiguity="cut"`` solves without the flow and adds separators (9) of the split plan
    round by round, each round started from the best connected plan; ``polish_seconds``:
    :func:`polish` of the start first; ``cutoff``: HiGHS is given the start's cut less one
    half as objective cutoff instead of the start (it searches only for better plans; an
    infeasible answer proves the start optimal). ``found_at``: seconds from the call to the
    returned plan (0 for the start; a HiGHS plan: its improving-solution callback)."""
    from junheng.zones.district import population_band

    began = time.perf_counter()
    edges = np.asarray(edges, np.int64).reshape(-1, 2)
    adjacency = neighbours(len(population), edges)
    band = population_band(population, k, tolerance)
    model = LabelingModel(population, edges, adjacency, k, band, contiguity)
    best = None
    if start is not None and not check_districting(population, edges, k, start, band):
        best = model.canonical(start)
        best = best if model.milp.violation(model.values(best)) <= 1e-6 else None
    if best is not None and polish_seconds > 0:
        best = model.canonical(polish(population, edges, adjacency, best, band,
                                      min(polish_seconds, time_limit), threads=threads))
    status, bound, rounds, found_at = "no_solution", -math.inf, 0, 0.0
    cut = None if best is None or not cutoff else _cut(best, edges) - 0.5
    while (left := time_limit - (time.perf_counter() - began)) > 0.01:
        rounds += 1
        at = time.perf_counter() - began
        status, round_bound, values, found = _solve(
            model.milp, solver, left, threads,
            None if best is None or cut is not None else model.values(best), cut)
        if status == "infeasible" and cut is not None:
            round_bound = cut + 0.5  # nothing below the start's cut: the start is optimal
        bound = max(bound, round_bound)  # each round relaxes the contiguous problem
        if values is None:
            break
        labels = model.canonical(model.labels(values))
        pieces = model.split_pieces(labels)
        if not pieces and (best is None or _cut(labels, edges) < _cut(best, edges)):
            best, found_at = labels, at + (found or (time.perf_counter() - began - at))
        if not pieces or status not in ("optimal", "gap_limit"):
            break
        for piece in pieces:
            model.separate(piece)
    out = _result(best, edges, status, bound, rounds, time.perf_counter() - began)
    return {**out, "found_at": found_at}


def _result(best, edges, status: str, bound: float, rounds: int, seconds: float) -> dict:
    """Status ``optimal`` exactly when the bound, rounded up (cut edges are whole), meets
    the plan; ``time_limit`` for a plan without that proof."""
    cut = None if best is None else _cut(best, edges)
    if cut is not None:
        status = "optimal" if cut <= math.ceil(bound - 1e-6) else "time_limit"
    return {"status": status, "cut_edges": cut, "bound": bound, "rounds": rounds,
            "district": best, "seconds": seconds}


def _cut(labels: np.ndarray, edges: np.ndarray) -> int:
    return int((labels[edges[:, 0]] != labels[edges[:, 1]]).sum())
