"""Primal heuristics for facility location: greedy opening and swap local search.

When capacity never binds, an open set is evaluated exactly by sending each customer to
its cheapest open site, and the whole neighbourhood (add, drop, swap) is priced at once
with the nearest / second-nearest bookkeeping of Whitaker's fast interchange, vectorised
as a few sites × customers array operations per move. Capacitated open sets are priced by
:mod:`junheng.optimize.assign` instead; see :func:`capacitated_search`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from junheng.optimize._compiled import Compiled
from junheng.optimize.assign import Incumbent
from junheng.optimize.facility import OpenRule


@dataclass
class OpenSet:
    """An open set with its cost (inf when infeasible)."""

    is_open: np.ndarray
    cost: float


class NearestCosts:
    """Cost matrix with a finite penalty for forbidden pairs, so sums stay comparable."""

    def __init__(self, comp: Compiled):
        dense = comp.dense
        if dense is None:
            raise MemoryError("problem too large for the dense heuristics")
        finite = np.isfinite(dense)
        worst = np.where(finite, np.abs(dense), 0.0).max(axis=0).sum()
        self.penalty = 2.0 * (worst + float(np.abs(comp.problem.fixed_cost).sum())) + 1.0
        self.matrix = np.where(finite, dense, self.penalty)
        self.fixed = comp.problem.fixed_cost
        self.comp = comp

    def cost(self, is_open: np.ndarray) -> float:
        if not is_open.any():
            return math.inf
        assign = self.matrix[is_open].min(axis=0).sum()
        if assign >= self.penalty:
            return math.inf
        return float(self.fixed[is_open].sum() + assign)

    def nearest(self, is_open: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cheapest and second-cheapest open cost per customer, and the cheapest site."""
        rows = np.flatnonzero(is_open)
        sub = self.matrix[rows]
        pick = np.argmin(sub, axis=0)
        d1 = sub[pick, np.arange(sub.shape[1])]
        if rows.size > 1:
            d2 = np.partition(sub, 1, axis=0)[1]
        else:
            d2 = np.full(sub.shape[1], self.penalty)
        return d1, d2, rows[pick]


def _spend(comp: Compiled, is_open: np.ndarray) -> float:
    return float(comp.level_spend[comp.level_start[:-1]][is_open].sum())


def _within_budget(comp: Compiled, spend: np.ndarray) -> np.ndarray:
    budget = comp.problem.budget
    return np.ones(spend.shape, dtype=bool) if budget is None else spend <= budget + 1e-9


def greedy_open(comp: Compiled, costs: NearestCosts) -> OpenSet:
    """Open forced sites, then add the site saving most until p is met or nothing saves."""
    problem = comp.problem
    is_open = comp.forced.copy()
    base_spend = comp.level_spend[comp.level_start[:-1]]
    exact = problem.p is not None and problem.open_rule is OpenRule.EXACTLY
    limit = problem.p if problem.p is not None else comp.m
    d1 = (costs.matrix[is_open].min(axis=0) if is_open.any()
          else np.full(comp.n, costs.penalty * 2))
    while int(is_open.sum()) < limit:
        gain = np.minimum(costs.matrix, d1).sum(axis=1) - d1.sum() + costs.fixed
        allowed = comp.usable & ~is_open & _within_budget(
            comp, _spend(comp, is_open) + base_spend)
        if not allowed.any():
            break
        gain[~allowed] = math.inf
        best = int(np.argmin(gain))
        needed = (d1 >= costs.penalty).any() or exact
        if gain[best] >= 0 and not needed:
            break
        is_open[best] = True
        d1 = np.minimum(d1, costs.matrix[best])
    return OpenSet(is_open, costs.cost(is_open))


def swap_search(comp: Compiled, costs: NearestCosts, start: np.ndarray, *,
                deadline: float, max_moves: int = 10_000) -> OpenSet:
    """Best-improvement add / drop / swap descent respecting (5), (6) and (7)."""
    is_open = start.copy()
    current = costs.cost(is_open)
    if not is_open.any():
        return OpenSet(is_open, current)
    for _ in range(max_moves):
        if time.perf_counter() > deadline:
            break
        move = _best_move(comp, costs, is_open)
        if move is None:
            break
        delta, add, drop = move
        if delta >= -1e-9 * max(1.0, abs(current)):
            break
        if add is not None:
            is_open[add] = True
        if drop is not None:
            is_open[drop] = False
        current = costs.cost(is_open)
    return OpenSet(is_open, current)


def _best_move(comp: Compiled, costs: NearestCosts,
               is_open: np.ndarray) -> tuple[float, int | None, int | None] | None:
    problem = comp.problem
    d1, d2, near = costs.nearest(is_open)
    rows = np.flatnonzero(is_open)
    capped = np.minimum(costs.matrix, d1)
    add_gain = capped.sum(axis=1) - d1.sum() + costs.fixed  # Δ of opening each site
    which = np.searchsorted(rows, near)
    owner = sp.csr_matrix((np.ones(comp.n), (np.arange(comp.n), which)),
                          shape=(comp.n, rows.size))
    drop_loss = np.asarray(owner.T @ (d2 - d1)).ravel() - costs.fixed[rows]  # Δ of closing
    # Δ of swap (add a, drop b): cheapest of a and the rest for b's customers
    swap = (add_gain[:, None] - costs.fixed[rows][None, :]
            + np.asarray((owner.T @ (np.minimum(costs.matrix, d2) - capped).T).T))
    count, spend = int(is_open.sum()), _spend(comp, is_open)
    base_spend = comp.level_spend[comp.level_start[:-1]]
    can_add = comp.usable & ~is_open
    can_drop = ~comp.forced[rows]
    best: tuple[float, int | None, int | None] | None = None
    p, exact = problem.p, problem.open_rule is OpenRule.EXACTLY
    if p is None or count < p:
        ok = can_add & _within_budget(comp, spend + base_spend)
        if ok.any():
            a = int(np.argmin(np.where(ok, add_gain, math.inf)))
            best = (float(add_gain[a]), a, None)
    if (p is None or not exact or count > p) and count > 1 and can_drop.any():
        b = int(np.argmin(np.where(can_drop, drop_loss, math.inf)))
        if best is None or drop_loss[b] < best[0]:
            best = (float(drop_loss[b]), None, int(rows[b]))
    mask = can_add[:, None] & can_drop[None, :]
    if problem.budget is not None:
        after = spend + base_spend[:, None] - base_spend[rows][None, :]
        mask &= _within_budget(comp, after)
    if mask.any():
        a, b = np.unravel_index(np.argmin(np.where(mask, swap, math.inf)), swap.shape)
        if best is None or swap[a, b] < best[0]:
            best = (float(swap[a, b]), int(a), int(rows[b]))
    return best


def uncapacitated_search(comp: Compiled, *, deadline: float,
                         starts: list[np.ndarray] | None = None) -> OpenSet:
    """Greedy, then swap descent from it and from every extra start; the best result."""
    costs = NearestCosts(comp)
    best = swap_search(comp, costs, greedy_open(comp, costs).is_open, deadline=deadline)
    for start in starts or []:
        if not start.any():
            continue  # nothing open: the greedy start already covers this case
        found = swap_search(comp, costs, start, deadline=deadline)
        if found.cost < best.cost:
            best = found
    return best


def open_set_search(comp: Compiled, start: Incumbent, rank: np.ndarray,
                    evaluate: Callable[[np.ndarray], Incumbent | None], *, deadline: float,
                    width: int = 8) -> Incumbent:
    """First-improvement descent over drop, swap and add moves for capacitated problems.

    Each move is priced exactly by ``evaluate`` (an assignment solve), so the neighbourhood
    is kept small: only the ``width`` closed sites ranked best by ``rank`` (lower is better,
    e.g. the Lagrangian value of opening them) may enter.
    """
    best, seen = start, {start.key()}
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for mask in _moves(comp, best.is_open, rank, width):
            if time.perf_counter() > deadline:
                break
            key = np.packbits(mask).tobytes()
            if key in seen:
                continue
            seen.add(key)
            trial = evaluate(mask)
            if trial is not None and trial.cost < best.cost - 1e-9 * max(1.0, abs(best.cost)):
                best, improved = trial, True
                break
    return best


def _moves(comp: Compiled, is_open: np.ndarray, rank: np.ndarray, width: int):
    """Open sets one move away, most promising first, that keep (5), (6) and (9) possible."""
    problem = comp.problem
    count = int(is_open.sum())
    closed = np.flatnonzero(comp.usable & ~is_open)
    closed = closed[np.argsort(rank[closed], kind="stable")][:width]
    opened = np.flatnonzero(is_open & ~comp.forced)
    opened = opened[np.argsort(-rank[opened], kind="stable")]
    swappable = opened[: 2 * width]
    capacity = comp.level_cap[comp.top_level]
    total = float(capacity[is_open].sum())
    demand = problem.total_demand
    exact = problem.p is not None and problem.open_rule is OpenRule.EXACTLY
    if not exact or (problem.p is not None and count > problem.p):
        for b in opened:
            if total - capacity[b] >= demand:
                yield _flip(is_open, drop=b)
    pairs = sorted(((rank[a] - rank[b], a, b) for a in closed for b in swappable),
                   key=lambda t: t[0])
    for _, a, b in pairs:
        if total - capacity[b] + capacity[a] >= demand:
            yield _flip(is_open, add=a, drop=b)
    if problem.p is None or count < problem.p:
        for a in closed:
            yield _flip(is_open, add=a)


def _flip(is_open: np.ndarray, *, add: int | None = None, drop: int | None = None) -> np.ndarray:
    mask = is_open.copy()
    if add is not None:
        mask[add] = True
    if drop is not None:
        mask[drop] = False
    return mask
