"""Warm starts for the layout MILP: a near-optimal plan before HiGHS begins.

HiGHS proves the gap only against its best plan. Left alone on a county it spends about
half its time in primal heuristics (RENS, RINS, reduced-cost sub-MIPs, feasibility jump)
looking for one. :func:`warm_start` finds a plan within about 1 % of the optimum in a
fraction of that time, so the solver can spend its time on the bound:

1. the LP relaxation of the MILP;
2. RENS (relaxation-enforced neighbourhood search): fix every ``y_s`` and every ``x_cs``
   the LP already sets to 0 or 1 and solve the remaining small MILP with HiGHS (on the
   demo county 10 of 141 sites, 156 of 750 customers and 758 of 7,423 pairs stay free);
3. the local search of :func:`greedy_layout` from that plan (the better of the two is used);
4. when the sub-MIP has no solution (the fixing can cut off every plan), the local search
   from the LP's rounding instead, and then from scratch.

:func:`greedy_layout` is a primal heuristic on the same numbers as the MILP
(:class:`~junheng.planning.layout_data.LayoutArrays`):

1. start from a guide (a solution or the LP relaxation: sites open at least half, each
   customer at its largest share), or else open every existing site the plan does not close
   and send every customer to its cheapest open site (opening its cheapest site when it has
   none);
2. local search, every move judged by the MILP's exact objective on the loads it leaves
   (classrooms and bed blocks are what the loads need; the town boarding rule (9) is met by
   adding beds at the open member that needs fewest):

   - close a site, its customers going (largest first) where they add least cost;
   - open a closed site for the customers it saves most per pupil;
   - move one customer to another open site;
   - shed a classroom or bed block: move out the customers that cost least to place
     elsewhere until the site needs one unit fewer;
   - fill a classroom or bed block: add one unit and pull in the customers it saves most.

   A move is taken when it breaks fewer rules, or as many and costs less. The rules counted
   are the classroom, bed and size caps, the minimum size (8), the town boarding rule (9)
   and the budget (10), so the first sweeps close the teaching points below the minimum size.

Every start is checked against the MILP's own rows
(:meth:`~junheng.planning.milp.Milp.violation`) before it is used. The warm start takes at
most ``START_TIME_SHARE`` of the time limit; every step is deterministic for a seed unless a
time limit cuts it short, as for the solve itself.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from junheng.planning.layout_data import LayoutArrays
from junheng.planning.milp import Milp

if TYPE_CHECKING:
    from junheng.planning.layout_model import LayoutColumns

EPS = 1e-6
MAX_SWEEPS = 12
PRIMARY, JUNIOR, BOARDERS, TOTAL = range(4)
RENS_GAP = 0.002        # the sub-MIP's own gap; it is small and solves at its root
START_TIME_SHARE = 0.3  # at most this share of the time limit goes to the warm start


@dataclass(frozen=True)
class WarmStart:
    """A feasible start for the layout MILP (``values`` None when none was found)."""

    values: np.ndarray | None
    objective: float | None
    source: str           # rens | rens+search | lp_rounding+search | greedy | none
    lp_bound: float | None
    seconds: float


def warm_start(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, *, seed: int = 0,
               time_limit: float = 60.0) -> WarmStart:
    """A verified start for the layout MILP (see the module docstring).

    Parameters
    ----------
    arr, milp, cols
        The problem's numbers and the MILP built from them by
        :func:`~junheng.planning.layout_model.build_layout_milp`.
    seed
        HiGHS's random seed for the LP and the sub-MIP.
    time_limit
        The solve's time limit; the warm start takes at most ``START_TIME_SHARE`` of it.

    Returns
    -------
    WarmStart
        The cheapest plan that passes :meth:`Milp.violation`, or ``values=None``.

    Examples
    --------
    >>> arr = layout_arrays(build_layout_problem(county, config))   # doctest: +SKIP
    >>> milp, cols = build_layout_milp(arr)                          # doctest: +SKIP
    >>> warm_start(arr, milp, cols).source                           # doctest: +SKIP
    'rens+search'
    """
    began = time.perf_counter()
    budget = START_TIME_SHARE * time_limit
    lp = milp.solve(time_limit=budget, gap=0.0, seed=seed, relax=True)
    if lp.values is None:
        return WarmStart(None, None, "none", None, time.perf_counter() - began)
    remaining = max(budget - (time.perf_counter() - began), 1.0)
    plans = _candidate_plans(arr, milp, cols, lp.values, seed=seed, time_limit=remaining)
    cost = np.concatenate(milp.cost)
    best = min(((float(cost @ v), source, v) for v, source in plans
                if milp.violation(v) <= 1e-6), key=lambda t: t[0], default=None)
    seconds = time.perf_counter() - began
    if best is None:
        return WarmStart(None, None, "none", lp.objective, seconds)
    return WarmStart(best[2], best[0], best[1], lp.objective, seconds)


def _candidate_plans(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, relaxed: np.ndarray,
                     *, seed: int, time_limit: float) -> list[tuple[np.ndarray, str]]:
    """The RENS plan and the local search from it; without one, the local search from the
    LP's rounding or else from scratch."""
    x_lp, y_lp = relaxed[cols.x], relaxed[cols.y]
    lower, upper = rens_bounds(arr, milp, cols, x_lp, y_lp)
    sub = milp.solve(time_limit=time_limit, gap=RENS_GAP, seed=seed, lower=lower, upper=upper)
    plans: list[tuple[np.ndarray, str]] = []
    if sub.values is not None:
        integer = np.concatenate(milp.integer)
        rens = np.where(integer, np.round(sub.values), sub.values)
        plans.append((rens, "rens"))
        guides = [((rens[cols.x], rens[cols.y]), "rens+search")]
    else:
        guides = [((x_lp, y_lp), "lp_rounding+search"), (None, "greedy")]
    for guide, source in guides:
        greedy = greedy_layout(arr, guide=guide)
        if greedy is not None:
            plans.append((greedy.column_values(cols, milp.n_cols), source))
            break
    return plans


def rens_bounds(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, x_lp: np.ndarray,
                y_lp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column bounds of the RENS sub-MIP: sites and pairs the LP sets to 0 or 1 fixed
    there (a customer assigned whole keeps that site), pairs to fixed-closed sites at 0."""
    lower, upper = np.concatenate(milp.lower), np.concatenate(milp.upper)
    tol = 1e-6
    shut, opened = y_lp <= tol, y_lp >= 1 - tol
    lower[cols.y[opened]] = np.maximum(lower[cols.y[opened]], 1.0)
    upper[cols.y[shut]] = np.minimum(upper[cols.y[shut]], 0.0)
    whole = x_lp >= 1 - tol
    settled = np.zeros(arr.n_customers, bool)
    settled[arr.pair_customer[whole]] = True
    lower[cols.x[whole]] = 1.0
    upper[cols.x[shut[arr.pair_site] | (settled[arr.pair_customer] & ~whole)]] = 0.0
    return lower, upper


@dataclass(frozen=True)
class GreedyLayout:
    """A plan of the heuristic, by site and customer position."""

    open: np.ndarray          # bool per site
    pair: np.ndarray          # chosen pair per customer
    rooms_primary: np.ndarray  # int per site
    rooms_junior: np.ndarray
    blocks: np.ndarray
    boarding: np.ndarray      # bool per site: counts as a boarding school (o)
    objective: float
    broken: int               # rules broken (0 for a feasible plan)

    def column_values(self, cols, n_cols: int) -> np.ndarray:
        """The plan as values of the MILP's columns (``cols``: a ``LayoutColumns``)."""
        v = np.zeros(n_cols)
        v[cols.x[self.pair]] = 1.0
        v[cols.y] = self.open
        v[cols.a_p] = self.rooms_primary
        v[cols.a_j] = self.rooms_junior
        v[cols.b] = self.blocks
        v[cols.o] = self.boarding
        return v


def greedy_layout(arr: LayoutArrays, *, guide: tuple[np.ndarray, np.ndarray] | None = None,
                  sweeps: int = MAX_SWEEPS) -> GreedyLayout | None:
    """A feasible plan for the layout MILP by greedy construction and local search.

    Parameters
    ----------
    arr
        The problem's numbers (:func:`~junheng.planning.layout_data.layout_arrays`).
    guide
        Values of (x per pair, y per site) to start from: a solution, or the LP relaxation
        (sites open at least half, each customer at its largest share among them). Without
        it every existing site starts open and every customer at its cheapest one.
    sweeps
        At most this many rounds of close, open and improvement sweeps.

    Returns
    -------
    GreedyLayout or None
        None when the search ends with a rule still broken.

    Examples
    --------
    >>> plan = greedy_layout(layout_arrays(problem))   # doctest: +SKIP
    >>> int(plan.open.sum()), plan.broken              # doctest: +SKIP
    (46, 0)
    """
    search = _Search(arr)
    if not search.start(guide):
        return None
    for _ in range(sweeps):
        changed = search.close_sweep()
        changed |= search.open_sweep()
        changed |= search.improve()
        if not changed:
            break
    plan = search.plan()
    return plan if plan.broken == 0 else None


def _ceil_pos(x: np.ndarray) -> np.ndarray:
    return np.maximum(np.ceil(x - EPS), 0.0)


def _units(load: float, base: float, per: float) -> int:
    return max(0, math.ceil((load - base) / per - EPS))


class _Search:
    """Mutable state of the local search: open sites, chosen pairs and loads per site."""

    def __init__(self, arr: LayoutArrays) -> None:
        self.arr = arr
        n = arr.n_sites
        order = np.lexsort((np.arange(len(arr.pair_cost)), arr.pair_cost, arr.pair_customer))
        starts = np.searchsorted(arr.pair_customer[order], np.arange(arr.n_customers + 1))
        # options[c]: pairs of customer c, cheapest first; site_pairs[s]: pairs of site s
        self.options = [order[starts[c]:starts[c + 1]].tolist() for c in range(arr.n_customers)]
        by_site = np.argsort(arr.pair_site, kind="stable")
        site_starts = np.searchsorted(arr.pair_site[by_site], np.arange(n + 1))
        self.site_pairs = [by_site[site_starts[s]:site_starts[s + 1]].tolist() for s in range(n)]
        self.p_site = arr.pair_site.tolist()
        self.p_cost = arr.pair_cost.tolist()
        self.p_demand = arr.pair_demand.tolist()
        self.p_primary = arr.pair_primary.tolist()
        self.p_board = arr.pair_boarding.tolist()
        self.p_customer = arr.pair_customer.tolist()
        # per resource (primary rooms, junior rooms, bed blocks): base, unit size, max units
        block = float(arr.bed_block)
        self.base = [arr.seats_primary.tolist(), arr.seats_junior.tolist(), arr.beds.tolist()]
        self.per = [arr.class_primary.tolist(), arr.class_junior.tolist(), [block] * n]
        self.most = [(arr.max_rooms * arr.offers_primary).tolist(),
                     (arr.max_rooms * arr.offers_junior).tolist(), arr.max_blocks.tolist()]
        self.unit_cost = [arr.room_cost, arr.room_cost, arr.block_cost]
        self.cap = arr.size_cap.tolist()
        self.closable = (arr.lower_open == 0).tolist()
        self.allowed = (arr.upper_open > 0).tolist()
        self.open = np.zeros(n, bool)
        self.pair = [-1] * arr.n_customers
        self.load = np.zeros((4, n))
        self.travel = 0.0
        self.score = (0, 0.0)

    # --- evaluation -------------------------------------------------------------------
    def evaluate(self, open_: np.ndarray, load: np.ndarray, travel: float
                 ) -> tuple[tuple[int, float], np.ndarray, np.ndarray, np.ndarray]:
        """(rules broken, objective), classrooms per stage and bed blocks for these loads."""
        a = self.arr
        rp = _ceil_pos((load[PRIMARY] - a.seats_primary) / a.class_primary)
        rj = _ceil_pos((load[JUNIOR] - a.seats_junior) / a.class_junior)
        blocks = _ceil_pos((load[BOARDERS] - a.beds) / a.bed_block)
        broken = 0
        if a.towns:
            board = open_ & a.can_board
            ok = board & (a.beds + a.bed_block * blocks >= a.min_boarding_beds - EPS)
            for members in a.towns:
                if ok[members].any():
                    continue
                cand = members[board[members]]
                if len(cand) == 0:
                    broken += 1
                    continue
                need = _ceil_pos((a.min_boarding_beds - a.beds[cand]) / a.bed_block) - blocks[cand]
                pick = int(np.argmin(need))
                blocks[cand[pick]] += need[pick]
                ok[cand[pick]] = True
        broken += int(np.count_nonzero(rp > a.max_rooms * a.offers_primary)
                      + np.count_nonzero(rj > a.max_rooms * a.offers_junior)
                      + np.count_nonzero(blocks > a.max_blocks)
                      + np.count_nonzero(load[TOTAL] > a.size_cap + EPS)
                      + np.count_nonzero(open_ & (load[TOTAL] < a.min_size - EPS)))
        rooms = float(rp.sum() + rj.sum())
        if a.budget is not None:
            capital = (a.capital_new * np.count_nonzero(open_ & ~a.existing)
                       + a.capital_room * rooms + a.capital_block * blocks.sum())
            broken += int(capital > a.budget + EPS)
        cost = (travel + float(a.open_cost @ open_) + a.room_cost * rooms
                + a.block_cost * float(blocks.sum()))
        return (broken, cost), rp, rj, blocks

    def _better(self, score: tuple[int, float], than: tuple[int, float]) -> bool:
        return score[0] < than[0] or (
            score[0] == than[0] and score[1] < than[1] - 1e-7 * abs(than[1]))

    def _add(self, load: np.ndarray, p: int, sign: float) -> None:
        s, d = self.p_site[p], self.p_demand[p] * sign
        load[PRIMARY if self.p_primary[p] else JUNIOR, s] += d
        if self.p_board[p]:
            load[BOARDERS, s] += d
        load[TOTAL, s] += d

    def _marginal(self, load: np.ndarray, p: int) -> tuple[int, float]:
        """Rules broken at the pair's site and the extra yearly cost of adding it there."""
        s, d = self.p_site[p], self.p_demand[p]
        broken, cost = 0, self.p_cost[p]
        kinds = (PRIMARY if self.p_primary[p] else JUNIOR, BOARDERS) if self.p_board[p] else (
            PRIMARY if self.p_primary[p] else JUNIOR,)
        for k in kinds:
            base, per = self.base[k][s], self.per[k][s]
            before, after = _units(load[k, s], base, per), _units(load[k, s] + d, base, per)
            cost += self.unit_cost[k] * (after - before)
            broken += after > self.most[k][s]
        broken += load[TOTAL, s] + d > self.cap[s] + EPS
        return broken, cost

    def _best(self, c: int, open_: np.ndarray, load: np.ndarray, skip: int = -1
              ) -> tuple[int, tuple[int, float]]:
        """The open site (pair) where customer ``c`` adds least, not at site ``skip``."""
        best, best_key = -1, (1 << 30, 0.0)
        for p in self.options[c]:
            s = self.p_site[p]
            if s == skip or not open_[s]:
                continue
            key = self._marginal(load, p)
            if key < best_key:
                best, best_key = p, key
        return best, best_key

    # --- taking moves -----------------------------------------------------------------
    def _judge(self, open_: np.ndarray, moves: dict[int, int], load: np.ndarray
               ) -> tuple[tuple[int, float], float]:
        travel = self.travel + sum(self.p_cost[p] - self.p_cost[self.pair[c]]
                                   for c, p in moves.items())
        return self.evaluate(open_, load, travel)[0], travel

    def _try(self, open_: np.ndarray, moves: dict[int, int], load: np.ndarray) -> bool:
        """Take the move if it is better; ``load`` already reflects it."""
        score, travel = self._judge(open_, moves, load)
        if not self._better(score, self.score):
            return False
        self.open, self.load, self.score, self.travel = open_, load, score, travel
        for c, p in moves.items():
            self.pair[c] = p
        return True

    def _customers_at(self, s: int) -> list[int]:
        return [self.p_customer[p] for p in self.site_pairs[s] if self.pair[self.p_customer[p]] == p]

    # --- construction and moves -------------------------------------------------------
    def start(self, guide: tuple[np.ndarray, np.ndarray] | None = None) -> bool:
        a = self.arr
        if guide is None:
            share = np.zeros(len(self.p_cost))
            self.open = (a.existing & (a.upper_open > 0)) | (a.lower_open > 0)
        else:
            share = np.round(guide[0], 6)
            self.open = ((guide[1] >= 0.5) & (a.upper_open > 0)) | (a.lower_open > 0)
        share = share.tolist()
        for c, opts in enumerate(self.options):
            usable = [p for p in opts if self.allowed[self.p_site[p]]]
            if not usable:
                return False
            if not any(self.open[self.p_site[p]] for p in usable):
                best = max(usable, key=lambda p: share[p])  # the cheapest on ties
                self.open[self.p_site[best]] = True
            usable = [p for p in usable if self.open[self.p_site[p]]]
            self.pair[c] = max(usable, key=lambda p: share[p])
        for p in self.pair:
            self._add(self.load, p, 1.0)
        self.travel = float(sum(self.p_cost[p] for p in self.pair))
        self.score = self.evaluate(self.open, self.load, self.travel)[0]
        return True

    def close_sweep(self, sites: list[int] | None = None) -> bool:
        """Close sites, smallest first, while closing one improves the plan."""
        changed = False
        candidates = np.flatnonzero(self.open).tolist() if sites is None else sites
        for s in sorted(candidates, key=lambda s: (self.load[TOTAL, s], s)):
            if self.open[s] and self.closable[s] and not self._close(s):
                changed |= self._reach_minimum(s)
            elif self.open[s] and self.closable[s]:
                changed = True
        return changed

    def _reach_minimum(self, s: int) -> bool:
        """Pull customers into an open site below its minimum size, if that helps."""
        if self.load[TOTAL, s] >= self.arr.min_size[s] - EPS:
            return False
        load, moves = self.load.copy(), {}
        self._top_up(s, load, moves)
        return bool(moves) and self._try(self.open, moves, load)

    def _close(self, s: int) -> bool:
        """Close ``s``; a customer with no other open site opens its cheapest allowed one."""
        customers = self._customers_at(s)
        open_ = self.open.copy()
        open_[s] = False
        load = self.load.copy()
        for c in customers:
            self._add(load, self.pair[c], -1.0)
        moves = {}
        for c in sorted(customers, key=lambda c: (-self.p_demand[self.pair[c]], c)):
            p, _ = self._best(c, open_, load)
            if p < 0:
                other = [q for q in self.options[c]
                         if self.p_site[q] != s and self.allowed[self.p_site[q]]]
                if not other:
                    return False
                open_[self.p_site[other[0]]] = True
                p, _ = self._best(c, open_, load)
            self._add(load, p, 1.0)
            moves[c] = p
        for t in np.flatnonzero(open_ & ~self.open).tolist():
            self._top_up(t, load, moves)
        return self._try(open_, moves, load)

    def _top_up(self, t: int, load: np.ndarray, moves: dict[int, int]) -> None:
        """Pull customers into ``t``, least extra cost per pupil first, until it reaches its
        minimum size (8); ``load`` and ``moves`` are updated in place."""
        pulls = []
        for q in self.site_pairs[t]:
            c = self.p_customer[q]
            current = moves.get(c, self.pair[c])
            if self.p_site[current] != t:
                pulls.append(((self.p_cost[q] - self.p_cost[current]) / self.p_demand[q], c, q))
        for _, c, q in sorted(pulls):
            if load[TOTAL, t] >= self.arr.min_size[t] - EPS:
                break
            current = moves.get(c, self.pair[c])
            self._add(load, current, -1.0)
            if self._marginal(load, q)[0]:
                self._add(load, current, 1.0)
                continue
            self._add(load, q, 1.0)
            moves[c] = q

    def open_sweep(self) -> bool:
        """Open closed sites for the customers they would save most, when that pays."""
        changed = False
        for t in np.flatnonzero(~self.open).tolist():
            if self.allowed[t]:
                changed |= self._open(t)
        return changed

    def _open(self, t: int) -> bool:
        """Open ``t`` for the customers it saves most per pupil; taken when better."""
        open_ = self.open.copy()
        open_[t] = True
        moves = self._pull(t, self.site_pairs[t], math.inf, self.load.copy())
        if moves is None:
            return False
        load, moves = moves
        return self._try(open_, moves, load)

    def _pull(self, t: int, pairs: list[int], room: float, load: np.ndarray
              ) -> tuple[np.ndarray, dict[int, int]] | None:
        """Move to site ``t`` the customers of ``pairs`` that save most per pupil, while
        their demand fits in ``room`` and breaks no cap there."""
        gains = []
        for p in pairs:
            c = self.p_customer[p]
            saving = self.p_cost[self.pair[c]] - self.p_cost[p]
            if saving > 0:
                gains.append((-saving / self.p_demand[p], c, p))
        moves = {}
        for _, c, p in sorted(gains):
            if self.p_demand[p] > room + EPS:
                continue
            self._add(load, self.pair[c], -1.0)
            if self._marginal(load, p)[0]:
                self._add(load, self.pair[c], 1.0)
                continue
            self._add(load, p, 1.0)
            moves[c] = p
            room -= self.p_demand[p]
        return (load, moves) if moves else None

    def improve(self, rounds: int = 4) -> bool:
        """Move, shed and fill sweeps until none helps (at most ``rounds`` times)."""
        changed = False
        for _ in range(rounds):
            step = self.move_sweep() | self.unit_sweep()
            changed |= step
            if not step:
                break
        return changed

    def move_sweep(self) -> bool:
        """Move single customers to another open site when that improves the plan."""
        changed = False
        for c in range(self.arr.n_customers):
            current = self.pair[c]
            load = self.load.copy()
            self._add(load, current, -1.0)
            here = self._marginal(load, current)
            for p in self.options[c]:
                if p == current or not self.open[self.p_site[p]]:
                    continue
                there = self._marginal(load, p)
                if there[0] > here[0] or there[1] >= here[1] - EPS:
                    continue
                trial = load.copy()
                self._add(trial, p, 1.0)
                if self._try(self.open, {c: p}, trial):
                    changed = True
                    break
        return changed

    def unit_sweep(self) -> bool:
        """Shed, then fill, one classroom or bed block at each open site where that pays."""
        changed = False
        for s in np.flatnonzero(self.open).tolist():
            for k in (PRIMARY, JUNIOR, BOARDERS):
                changed |= self._shed(s, k)
        for s in np.flatnonzero(self.open).tolist():
            for k in (PRIMARY, JUNIOR, BOARDERS):
                changed |= self._fill(s, k)
        return changed

    def _uses(self, p: int, k: int) -> bool:
        return self.p_board[p] if k == BOARDERS else self.p_primary[p] == (k == PRIMARY)

    def _shed(self, s: int, k: int) -> bool:
        """Move customers out of ``s`` until it needs one unit of resource ``k`` fewer: the
        cheapest per pupil first, or the one customer large enough that costs least."""
        base, per = self.base[k][s], self.per[k][s]
        units = _units(self.load[k, s], base, per)
        if units == 0:
            return False
        excess = self.load[k, s] - (base + per * (units - 1))
        movers = self._movers(s, k)
        whole = [m for m in movers if self.p_demand[self.pair[m[1]]] >= excess - EPS]
        trials = [movers, [min(whole, key=lambda m: (m[0] * self.p_demand[self.pair[m[1]]],
                                                     m[1]))]] if whole else [movers]
        best = None
        for trial in trials:
            moved = self._move_out(s, [c for _, c in trial], excess)
            if moved is not None:
                score = self._judge(self.open, *moved)[0]
                if best is None or self._better(score, best[0]):
                    best = (score, *moved)
        return best is not None and self._try(self.open, best[1], best[2])

    def _movers(self, s: int, k: int) -> list[tuple[float, int]]:
        """(extra cost per pupil elsewhere, customer) for the customers at ``s`` using
        resource ``k`` that another open site takes without breaking a cap, cheapest first."""
        movers = []
        for c in self._customers_at(s):
            p = self.pair[c]
            if not self._uses(p, k):
                continue
            load = self.load.copy()
            self._add(load, p, -1.0)
            q, key = self._best(c, self.open, load, skip=s)
            if q >= 0 and key[0] == 0:
                movers.append(((key[1] - self.p_cost[p]) / self.p_demand[p], c))
        return sorted(movers)

    def _move_out(self, s: int, customers: list[int], amount: float
                  ) -> tuple[dict[int, int], np.ndarray] | None:
        """Send ``customers`` in turn from ``s`` to their best other open site until
        ``amount`` pupils have left; None if they cannot."""
        load, moves, moved = self.load.copy(), {}, 0.0
        for c in customers:
            if moved >= amount - EPS:
                break
            self._add(load, self.pair[c], -1.0)
            q, key = self._best(c, self.open, load, skip=s)
            if q < 0 or key[0]:
                self._add(load, self.pair[c], 1.0)
                continue
            self._add(load, q, 1.0)
            moves[c] = q
            moved += self.p_demand[q]
        return (moves, load) if moved >= amount - EPS else None

    def _fill(self, s: int, k: int) -> bool:
        """Add one unit of resource ``k`` at ``s`` and pull in the customers it saves most."""
        base, per = self.base[k][s], self.per[k][s]
        units = _units(self.load[k, s], base, per)
        if units >= self.most[k][s]:
            return False
        room = base + per * (units + 1) - self.load[k, s]
        pairs = [p for p in self.site_pairs[s] if self._uses(p, k)]
        pulled = self._pull(s, pairs, room, self.load.copy())
        return pulled is not None and self._try(self.open, pulled[1], pulled[0])

    def plan(self) -> GreedyLayout:
        a = self.arr
        score, rp, rj, blocks = self.evaluate(self.open, self.load, self.travel)
        boarding = (self.open & a.can_board
                    & (a.beds + a.bed_block * blocks >= a.min_boarding_beds - EPS))
        return GreedyLayout(self.open.copy(), np.array(self.pair), rp.astype(int),
                            rj.astype(int), blocks.astype(int), boarding, score[1], score[0])
