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
    exact = problem.p is not None and problem.open_rule is OpenRule.EXACTLY
    if not exact or (problem.p is not None and count > problem.p):
        for b in opened:
            mask = _flip(is_open, drop=b)
            if comp.covers(mask):
                yield mask
    pairs = sorted(((rank[a] - rank[b], a, b) for a in closed for b in swappable),
                   key=lambda t: t[0])
    for _, a, b in pairs:
        mask = _flip(is_open, add=a, drop=b)
        if comp.covers(mask):
            yield mask
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


class _Assigned:
    """A single-source solution as one chosen pair per customer, with site loads."""

    def __init__(self, comp: Compiled, incumbent: Incumbent):
        self.comp = comp
        self.pair = np.full(comp.n, -1, dtype=np.int64)
        used = np.flatnonzero(incumbent.x > 0.5)
        self.pair[comp.customer[used]] = used
        self.is_open = incumbent.is_open.copy()
        self.load = np.bincount(comp.site[used], weights=comp.pair_demand[used],
                                minlength=comp.m)
        self.room = np.where(self.is_open, comp.level_cap[comp.top_level], 0.0) - self.load

    def copy(self) -> _Assigned:
        twin = object.__new__(_Assigned)
        twin.comp = self.comp
        twin.pair, twin.is_open = self.pair.copy(), self.is_open.copy()
        twin.load, twin.room = self.load.copy(), self.room.copy()
        return twin

    def within_budget(self) -> bool:
        comp, budget = self.comp, self.comp.problem.budget
        if budget is None:
            return True
        spend = 0.0
        for site in np.flatnonzero(self.is_open):
            levels = slice(comp.level_start[site], comp.level_start[site + 1])
            fits = np.flatnonzero(comp.level_cap[levels] >= self.load[site] - 1e-9)
            if not fits.size:
                return False
            spend += float(comp.level_spend[levels][fits[0]])
        return spend <= budget + 1e-9

    def step_cost(self, site: int, load: float) -> float:
        """Fixed cost plus the cheapest steps that hold ``load`` (inf if none does)."""
        comp = self.comp
        levels = slice(comp.level_start[site], comp.level_start[site + 1])
        fits = np.flatnonzero(comp.level_cap[levels] >= load - 1e-9)
        return float(comp.level_cost[levels][fits[0]]) if fits.size else math.inf

    def options(self, customer: int) -> np.ndarray:
        comp = self.comp
        return np.arange(comp.start[customer], comp.start[customer + 1])  # cheapest first


def _drop_delta(state: _Assigned, site: int) -> tuple[float, list[tuple[int, int]]]:
    """Cost change of closing ``site`` and sending its customers to their cheapest room."""
    comp = state.comp
    customers = np.flatnonzero(comp.site[np.maximum(state.pair, 0)] == site)
    customers = customers[np.argsort(-comp.problem.demand[customers], kind="stable")]
    room = state.room.copy()
    room[site] = -math.inf
    extra = np.zeros(comp.m)
    delta, moves = -state.step_cost(site, state.load[site]), []
    for j in customers:
        d = comp.problem.demand[j]
        options = state.options(j)
        fits = options[state.is_open[comp.site[options]] & (room[comp.site[options]] >= d - 1e-9)]
        if not fits.size:
            return math.inf, []
        k = int(fits[0])
        room[comp.site[k]] -= d
        extra[comp.site[k]] += d
        delta += comp.cost[k] - comp.cost[state.pair[j]]
        moves.append((int(j), k))
    for i in np.flatnonzero(extra):
        delta += (state.step_cost(i, state.load[i] + extra[i])
                  - state.step_cost(i, state.load[i]))
    return delta, moves


def _add_delta(state: _Assigned, site: int) -> tuple[float, list[tuple[int, int]]]:
    """Cost change of opening ``site`` and moving to it the customers it saves most on."""
    comp = state.comp
    pairs = np.flatnonzero(comp.site == site)
    customers = comp.customer[pairs]
    saving = comp.cost[state.pair[customers]] - comp.cost[pairs]
    good = saving > 0
    pairs, customers, saving = pairs[good], customers[good], saving[good]
    order = np.argsort(-saving / np.maximum(comp.problem.demand[customers], 1e-9), kind="stable")
    room = float(comp.level_cap[comp.top_level[site]])
    moves, freed = [], np.zeros(comp.m)
    delta = 0.0
    for t in order:
        j, d = int(customers[t]), comp.problem.demand[customers[t]]
        if d <= room + 1e-9:
            room -= d
            delta -= saving[t]
            freed[comp.site[state.pair[j]]] += d
            moves.append((j, int(pairs[t])))
    if not moves:
        return math.inf, []
    load = comp.level_cap[comp.top_level[site]] - room
    delta += state.step_cost(site, load)
    for i in np.flatnonzero(freed):
        delta += (state.step_cost(i, state.load[i] - freed[i])
                  - state.step_cost(i, state.load[i]))
    return delta, moves


def _apply(state: _Assigned, moves: list[tuple[int, int]], opened: int | None,
           closed: int | None) -> None:
    comp = state.comp
    if opened is not None:
        state.is_open[opened] = True
        state.room[opened] = comp.level_cap[comp.top_level[opened]]
    for j, k in moves:
        d = comp.problem.demand[j]
        old = comp.site[state.pair[j]]
        state.load[old] -= d
        state.room[old] += d
        state.load[comp.site[k]] += d
        state.room[comp.site[k]] -= d
        state.pair[j] = k
    if closed is not None:
        state.is_open[closed] = False
        state.room[closed] = 0.0


def _candidates(state: _Assigned, allowed: Callable[[np.ndarray], bool]) -> list[tuple]:
    """Every improving close or open move as (delta, opened, closed, reassignments)."""
    comp, problem = state.comp, state.comp.problem
    exact = problem.p is not None and problem.open_rule is OpenRule.EXACTLY
    found = []
    if not exact:
        for site in np.flatnonzero(state.is_open & ~comp.forced):
            delta, moves = _drop_delta(state, int(site))
            if delta < -1e-9 and allowed(_flip(state.is_open, drop=int(site))):
                found.append((delta, None, int(site), moves))
    if problem.p is None or int(state.is_open.sum()) < problem.p:
        for site in np.flatnonzero(comp.usable & ~state.is_open):
            delta, moves = _add_delta(state, int(site))
            if delta < -1e-9 and allowed(_flip(state.is_open, add=int(site))):
                found.append((delta, int(site), None, moves))
    return found


def single_source_search(comp: Compiled, start: Incumbent, *, deadline: float,
                         allowed: Callable[[np.ndarray], bool],
                         complete: Callable[[np.ndarray, np.ndarray], Incumbent | None]
                         ) -> Incumbent:
    """Best-improvement close / open moves with greedy reassignment, for single source.

    Closing a site sends its customers (largest first) to their cheapest open site with
    room; opening one takes the customers it saves most on per unit of demand. Expansion
    steps follow the loads. ``complete(is_open, pair)`` turns the final state into an
    exactly priced incumbent (steps, budget check).
    """
    state = _Assigned(comp, start)
    while time.perf_counter() < deadline:
        improved = False
        for _, opened, closed, moves in sorted(_candidates(state, allowed),
                                               key=lambda c: c[0]):
            trial = state.copy()
            _apply(trial, moves, opened, closed)
            if trial.within_budget():
                state, improved = trial, True
                break
        if not improved:
            break
    found = complete(state.is_open, state.pair)
    return found if found is not None and found.cost < start.cost else start
