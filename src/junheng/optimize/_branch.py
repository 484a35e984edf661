"""Branch and bound on sites with Lagrangian bounds (one level per site, no budget).

On p-median instances with small p the LP gap is about 1% and the strong LP is so
degenerate that HiGHS needs seconds per node (pmed16: 8 s for the root LP of the model
left after fixing). The Lagrangian bound of :mod:`junheng.optimize.lagrangian` equals that
LP bound and costs a few numpy passes over the pairs, so a best-first tree over "site i
open / closed" with warm-started subgradient steps, penalty tests at every node and the
incumbent's cutoff (Beasley 1985, "A note on solving large p-median problems") closes the
gap far faster. The same tree serves capacitated problems whose master reduces to counts
(equal capacities: capa, pmedcap), with knapsack values in place of plain sums.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize.lagrangian import Knapsacks


@dataclass
class Node:
    bound: float
    forced: np.ndarray
    usable: np.ndarray
    multipliers: np.ndarray


@dataclass
class TreeResult:
    best_open: np.ndarray | None  # a better open set found, if any
    best_cost: float
    bound: float  # valid lower bound on every solution better than the start
    nodes: int
    finished: bool


class _Tree:
    """The reduced problem (kept pairs, closed sites out) and the bounding machinery.

    Uncapacitated: a site's Lagrangian value is a sum of negative reduced costs. With
    capacities it is a knapsack value (:class:`~junheng.optimize.lagrangian.Knapsacks`),
    and the chosen set is priced only once per node since pricing needs a flow or a MIP.
    """

    def __init__(self, comp: Compiled, low: int, high: int,
                 evaluate: Callable[[np.ndarray], float]):
        self.m, self.n = comp.m, comp.n
        self.site, self.customer, self.cost = comp.site, comp.customer, comp.cost
        self.fixed = comp.problem.fixed_cost
        self.low, self.high = low, high
        self.evaluate = evaluate
        self.knapsacks = None if comp.uncapacitated else Knapsacks(comp)
        self.every = 3 if comp.uncapacitated else 0

    def values(self, u: np.ndarray) -> tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]:
        """Value of opening each site, and customers' coverage for a chosen set."""
        reduced = self.cost - u[self.customer]
        if self.knapsacks is None:
            negative = reduced < 0
            value = self.fixed + np.bincount(self.site[negative], weights=reduced[negative],
                                             minlength=self.m)
            return value, lambda chosen: np.bincount(
                self.customer[negative & chosen[self.site]], minlength=self.n)
        g, take = self.knapsacks.values(reduced)
        return self.fixed + g, lambda chosen: np.bincount(
            self.customer, weights=take(chosen.astype(float)), minlength=self.n)

    def select(self, value: np.ndarray, forced: np.ndarray,
               usable: np.ndarray) -> tuple[float, np.ndarray]:
        """Cheapest choice of open sites with forced ⊆ chosen ⊆ usable and a count in range."""
        chosen = forced.copy()
        count = int(forced.sum())
        free = np.flatnonzero(usable & ~forced)
        free = free[np.argsort(value[free], kind="stable")]
        take = min(max(int((value[free] < 0).sum()), self.low - count), self.high - count)
        if take < 0 or take > free.size or count + take < self.low:
            return math.inf, chosen
        chosen[free[:take]] = True
        return float(value[chosen].sum()), chosen

    def ascent(self, node: Node, upper: float, cutoff: float, iterations: int,
               theta: float) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, float]:
        """Best bound reached, its multipliers, values and choice; and the best primal cost."""
        u = node.multipliers.copy()
        best = (-math.inf, u, np.zeros(self.m), np.zeros(self.m, bool))
        stall, primal, last = 0, math.inf, b""
        for it in range(iterations):
            value, covered = self.values(u)
            master, chosen = self.select(value, node.forced, node.usable)
            bound = float(u.sum()) + master
            if bound > best[0] + 1e-9:
                best, stall = (bound, u.copy(), value, chosen), 0
            else:
                stall += 1
            if not math.isfinite(bound) or bound >= cutoff:
                break
            key = chosen.tobytes()
            if self.every and key != last and it % self.every == 0:
                primal, last = min(primal, self.evaluate(chosen)), key
            upper = min(upper, primal)
            if stall >= 4:
                theta, stall = theta / 2, 0
                if theta < 0.01:
                    break
            direction = 1.0 - covered(chosen)
            norm = float(direction @ direction)
            if norm == 0:
                break
            u = u + theta * max(upper - bound, 1e-6) / norm * direction
        if not self.every and math.isfinite(best[0]) and best[0] < cutoff:
            primal = min(primal, self.evaluate(best[3]))
        return (*best, primal)

    def penalties(self, u: np.ndarray, value: np.ndarray, chosen: np.ndarray,
                  node: Node) -> tuple[np.ndarray, np.ndarray]:
        """Bound with each free site forced open (if not chosen) or closed (if chosen).

        Closed forms of :meth:`select` with one site moved between the free list and the
        forced set: prefix sums over the free values sorted once.
        """
        total = float(u.sum()) + float(value[node.forced].sum())
        free = np.flatnonzero(node.usable & ~node.forced)
        free = free[np.argsort(value[free], kind="stable")]
        v = value[free]
        prefix = np.r_[0.0, np.cumsum(v)]
        f, k, negative = int(node.forced.sum()), free.size, int((v < 0).sum())
        rank = np.arange(k)
        open_bound = np.full(self.m, -math.inf)
        closed_bound = np.full(self.m, -math.inf)
        # free site at `rank` forced open: one more forced, one fewer free
        neg = negative - (v < 0)
        take = np.clip(neg, self.low - f - 1, self.high - f - 1)
        ok = (take >= 0) & (take <= k - 1) & (f + 1 + take >= self.low)
        before = np.minimum(take, rank)  # free sites ranked before it are unaffected
        gained = prefix[before] + np.where(take > rank, prefix[np.minimum(take + 1, k)]
                                           - prefix[rank + 1], 0.0)
        opened = np.where(ok, total + v + gained, math.inf)
        # free site at `rank` closed: one fewer free
        take = np.clip(neg, self.low - f, self.high - f)
        ok = (take >= 0) & (take <= k - 1) & (f + take >= self.low)
        kept = prefix[np.minimum(take, rank)] + np.where(
            take > rank, prefix[np.minimum(take + 1, k)] - prefix[rank + 1], 0.0)
        shut = np.where(ok, total + kept, math.inf)
        is_chosen = chosen[free]
        open_bound[free[~is_chosen]] = opened[~is_chosen]
        closed_bound[free[is_chosen]] = shut[is_chosen]
        return open_bound, closed_bound


def branch_and_bound(comp: Compiled, *, forced: np.ndarray, multipliers: np.ndarray,
                     root_bound: float, upper: float, low: int, high: int,
                     tolerance: Callable[[float], float],
                     evaluate: Callable[[np.ndarray], float], deadline: float) -> TreeResult:
    """Best-first search over ``comp`` (the problem left after fixing; its forced-closed
    sites are out); ``evaluate(open_mask)`` prices an open set on the full problem."""
    best_open: np.ndarray | None = None

    def priced(chosen: np.ndarray) -> float:
        nonlocal best_open, upper
        cost = evaluate(chosen)
        if cost < upper - 1e-9:
            best_open, upper = chosen.copy(), cost
        return cost

    tree = _Tree(comp, low, high, priced)
    order = itertools.count()
    root = Node(root_bound, comp.forced | forced, comp.usable.copy(), multipliers)
    queue = [(root_bound, next(order), root)]
    nodes = 0
    while queue:
        if time.perf_counter() > deadline:
            return TreeResult(best_open, upper, min(queue[0][0], upper), nodes, False)
        bound, _, node = heapq.heappop(queue)
        if bound >= upper - tolerance(upper):
            continue
        nodes += 1
        for child in _expand(tree, node, upper, tolerance(upper), root=nodes == 1):
            heapq.heappush(queue, (child.bound, next(order), child))
    return TreeResult(best_open, upper, upper, nodes, True)


def _expand(tree: _Tree, node: Node, upper: float, tolerance: float, *, root: bool) -> list[Node]:
    """Bound a node, fix what its penalties allow, and split on one site."""
    cutoff = upper - tolerance
    bound, u, value, chosen, primal = tree.ascent(node, upper, cutoff, 150 if root else 60,
                                                  1.0 if root else 0.5)
    upper = min(upper, primal)
    cutoff = upper - tolerance
    if bound >= cutoff:
        return []
    node.multipliers = u
    open_bound, closed_bound = tree.penalties(u, value, chosen, node)
    node.usable = node.usable & ~(open_bound >= cutoff)
    node.forced = node.forced | (closed_bound >= cutoff)
    free_chosen = np.flatnonzero(chosen & node.usable & ~node.forced)
    if free_chosen.size:
        i = int(free_chosen[np.argmax(closed_bound[free_chosen])])
        close_bound, keep_bound = closed_bound[i], bound
    else:
        free = np.flatnonzero(node.usable & ~node.forced)
        if not free.size:
            return []
        i = int(free[np.argmin(open_bound[free])])
        close_bound, keep_bound = bound, open_bound[i]
    closed_child = Node(max(bound, close_bound), node.forced.copy(), node.usable.copy(), u)
    closed_child.usable[i] = False
    open_child = Node(max(bound, keep_bound), node.forced.copy(), node.usable.copy(), u)
    open_child.forced[i] = True
    return [child for child in (closed_child, open_child) if child.bound < cutoff]
