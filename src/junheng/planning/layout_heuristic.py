"""A greedy heuristic and local search for the layout MILP.

:func:`greedy_layout` is a primal heuristic on the same numbers as the MILP
(:class:`~junheng.planning.layout_data.LayoutArrays`); the warm start of
:mod:`junheng.planning.layout_start` runs it from the RENS plan or the LP relaxation:

1. start from a guide (a solution or the LP relaxation: sites open at least half, each
   customer at its largest share), or else open every existing site the plan does not close
   and send every customer to its cheapest open site (opening its cheapest site when it has
   none);
2. local search, every move judged by the MILP's exact objective on the loads it leaves
   (:mod:`junheng.planning.layout_loads`: classrooms and bed blocks are what the loads
   need; the town boarding rule (9) counts an open candidate with boarders today or with
   ``min_boarders`` planned boarders, and no bed is added for it):

   - close a site, its customers going (largest first) where they add least cost;
   - open a closed site for the customers it saves most per pupil;
   - move one customer to another open site;
   - shed a classroom or bed block: move out the customers that cost least to place
     elsewhere until the site needs one unit fewer;
   - fill a classroom or bed block: add one unit and pull in the customers it saves most.

   A move is taken when it breaks fewer rules, or as many and costs less. The rules counted
   are the classroom, bed and size caps, the minimum size (8), the town boarding rule (9)
   and the budget (10), so the first sweeps close the teaching points below the minimum size.
   The cost is the MILP's objective with the floors (12) and (13) priced as the MILP prices
   their slacks (:mod:`junheng.planning.layout_loads`): a kept school is not emptied below
   its relief floor to save a classroom, and a small site's 公用经费 floor counts as saved
   when it closes. A start therefore has the MILP's objective exactly
   (``GreedyLayout.objective == milp.objective(column_values(...))``).

就近划片 (rule (18), ``arr.zones``): the parts of a 城区 community and stage start at one
school (the open one they share with the largest guide share, else the cheapest), and every
move of a part takes the community's other parts along to the same school, or to the
cheapest open school they all may go to (a move none can follow is not taken). 应留必留
(rule (19)) needs nothing here: the pairs it forbids are not in ``arr``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_loads import (
    BOARDERS,
    EPS,
    JUNIOR,
    PRIMARY,
    TOTAL,
    PairLoads,
    boarding_schools,
    units_needed,
)
from junheng.planning.layout_model_areas import land_sites
from junheng.planning.layout_model_classes import fill_classes
from junheng.planning.layout_model_receivers import fill_receivers

MAX_SWEEPS = 12


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

    def column_values(self, cols, n_cols: int, arr: LayoutArrays | None = None) -> np.ndarray:
        """The plan as values of the MILP's columns (``cols``: a ``LayoutColumns``); with
        ``arr``, the missing pupils under the 公用经费 floor (13) and under the relief floor
        (12), and the receivers' areas (14)-(15) too."""
        v = np.zeros(n_cols)
        if arr is not None:
            load = np.bincount(arr.pair_site[self.pair], arr.pair_demand[self.pair],
                               minlength=arr.n_sites)
            v[cols.z] = np.where(arr.floor_quota > 0,
                                 np.maximum(arr.floor_pupils - load, 0.0) * self.open, 0.0)
            v[cols.r] = np.maximum(arr.stay_floor - load, 0.0) * self.open
            stage = [np.bincount(arr.pair_site[self.pair], arr.pair_demand[self.pair]
                                 * (arr.pair_primary[self.pair] == primary), minlength=arr.n_sites)
                     for primary in (True, False)]
            v[cols.t], v[cols.g], v[cols.f], land, v[cols.u] = arr.areas.amounts(
                *stage, self.rooms_primary + self.rooms_junior)
            if cols.land is not None:
                v[cols.land] = land  # (25)
            if cols.land_buy is not None:
                v[cols.land_buy] = np.where(land_sites(arr) & (land > 0), 1.0, 0.0)  # (25')
            # a field, the land or the m² beyond meet the need exactly; row (15) sums it in another order
            v[cols.u] += np.where((v[cols.f] > 0) | (v[cols.u] > 0) | (land > 0), 1e-7, 0.0)
            v[cols.h] = arr.areas.halls(v[cols.g])
            v[cols.e] = (arr.areas.either() & (v[cols.f] > 0)).astype(float)
        v[cols.x[self.pair]] = 1.0
        v[cols.y] = self.open
        v[cols.a_p] = self.rooms_primary
        v[cols.a_j] = self.rooms_junior
        v[cols.b] = self.blocks
        v[cols.o] = self.boarding
        # a new site's classes (23), an existing receiver's (24)
        return v if arr is None else fill_receivers(arr, cols, fill_classes(arr, cols, v))


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
    >>> from junheng.io import example_county
    >>> from junheng.planning import build_layout_problem, load_layout_config
    >>> from junheng.planning.layout_data import layout_arrays
    >>> problem = build_layout_problem(example_county(), load_layout_config())
    >>> plan = greedy_layout(layout_arrays(problem))
    >>> int(plan.open.sum()), plan.broken
    (3, 0)
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


class _Search(PairLoads):
    """Mutable state of the local search: open sites, chosen pairs and loads per site."""

    def __init__(self, arr: LayoutArrays) -> None:
        super().__init__(arr)
        n = arr.n_sites
        self.open = np.zeros(n, bool)
        self.pair = [-1] * arr.n_customers
        self.load = np.zeros((4, n))
        self.travel = 0.0
        self.score = (0, 0.0)
        # whom to pull into a site is ranked by the pairs' cost without a new site's term
        # (16): every pupil of a stage pays it alike there, and with it no pupil's move to a
        # new site saves anything, so none would be pulled when a school over its size cap
        # needs one; the move itself is judged by the whole objective (_try)
        self.p_rank = (arr.pair_cost - arr.pair_capital / arr.areas.years).tolist()
        # 就近划片 (18): each zoned customer's zone, and every customer's pair by site
        self.zone_of = {int(m): tuple(int(j) for j in members)
                        for members in arr.zones for m in members}
        self.at_site = [{self.p_site[p]: p for p in opts} for opts in self.options]

    # --- taking moves -----------------------------------------------------------------
    def _judge(self, open_: np.ndarray, moves: dict[int, int], load: np.ndarray
               ) -> tuple[tuple[int, float], float]:
        """The move's score and travel; ``moves`` and ``load`` take along the other parts of
        a moved 城区 community (rule (18)), and a move they cannot follow scores worst."""
        if not self._zoned(open_, moves, load):
            return (1 << 30, math.inf), math.inf
        travel = self.travel + sum(self.p_cost[p] - self.p_cost[self.pair[c]]
                                   for c, p in moves.items())
        return self.evaluate(open_, load, travel)[0], travel

    def _try(self, open_: np.ndarray, moves: dict[int, int], load: np.ndarray) -> bool:
        """Take the move if it is better; ``load`` already reflects it."""
        score, travel = self._judge(open_, moves, load)
        if not self.better(score, self.score):
            return False
        self.open, self.load, self.score, self.travel = open_, load, score, travel
        for c, p in moves.items():
            self.pair[c] = p
        return True

    def _zoned(self, open_: np.ndarray, moves: dict[int, int], load: np.ndarray) -> bool:
        """Send the other parts of each moved 城区 community to the same open school (18),
        in place; False when no open school takes them all."""
        if not self.zone_of:
            return True
        done = set()
        for c in list(moves):
            zone = self.zone_of.get(c)
            if zone is None or zone in done:
                continue
            done.add(zone)
            site = self._zone_site(zone, open_, [self.p_site[moves[m]] for m in moves
                                                 if m in zone])
            if site < 0:
                return False
            for m in zone:
                p, current = self.at_site[m][site], moves.get(m, self.pair[m])
                if current != p:
                    self.add_pair(load, current, -1.0)
                    self.add_pair(load, p, 1.0)
                    moves[m] = p
        return True

    def _zone_site(self, zone: tuple[int, ...], open_: np.ndarray, wanted: list[int],
                   share: list[float] | None = None) -> int:
        """The open school all parts of ``zone`` go to: the first of ``wanted`` they share,
        else the shared one with the largest ``share`` in all, the cheapest on ties (-1 if
        none)."""
        common = set.intersection(*(set(self.at_site[m]) for m in zone))
        common = {s for s in common if open_[s]}
        for s in wanted:
            if s in common:
                return s
        if not common:
            return -1
        return min(sorted(common), key=lambda s: (
            -sum(share[self.at_site[m][s]] for m in zone) if share else 0.0,
            sum(self.p_cost[self.at_site[m][s]] for m in zone)))

    def _customers_at(self, s: int) -> list[int]:
        return [self.p_customer[p] for p in self.site_pairs[s]
                if self.pair[self.p_customer[p]] == p]

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
        if not self._start_zones(share):
            return False
        for p in self.pair:
            self.add_pair(self.load, p, 1.0)
        self.travel = float(sum(self.p_cost[p] for p in self.pair))
        self.score = self.evaluate(self.open, self.load, self.travel)[0]
        return True

    def _start_zones(self, share: list[float]) -> bool:
        """Put the parts of each 城区 community at one school (18), opening it if need be."""
        for zone in dict.fromkeys(self.zone_of.values()):
            allowed = np.array(self.allowed, bool)
            site = self._zone_site(zone, self.open, [], share)
            if site < 0:
                site = self._zone_site(zone, allowed, [], share)
                if site < 0:
                    return False
                self.open[site] = True
            for m in zone:
                self.pair[m] = self.at_site[m][site]
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
            self.add_pair(load, self.pair[c], -1.0)
        moves = {}
        for c in sorted(customers, key=lambda c: (-self.p_demand[self.pair[c]], c)):
            p, _ = self.best_pair(c, open_, load)
            if p < 0:
                other = [q for q in self.options[c]
                         if self.p_site[q] != s and self.allowed[self.p_site[q]]]
                if not other:
                    return False
                open_[self.p_site[other[0]]] = True
                p, _ = self.best_pair(c, open_, load)
            self.add_pair(load, p, 1.0)
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
                pulls.append(((self.p_rank[q] - self.p_rank[current]) / self.p_demand[q], c, q))
        for _, c, q in sorted(pulls):
            if load[TOTAL, t] >= self.arr.min_size[t] - EPS:
                break
            current = moves.get(c, self.pair[c])
            self.add_pair(load, current, -1.0)
            if self.marginal(load, q)[0]:
                self.add_pair(load, current, 1.0)
                continue
            self.add_pair(load, q, 1.0)
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
            saving = self.p_rank[self.pair[c]] - self.p_rank[p]
            if saving > 0:
                gains.append((-saving / self.p_demand[p], c, p))
        moves = {}
        for _, c, p in sorted(gains):
            if self.p_demand[p] > room + EPS:
                continue
            self.add_pair(load, self.pair[c], -1.0)
            if self.marginal(load, p)[0]:
                self.add_pair(load, self.pair[c], 1.0)
                continue
            self.add_pair(load, p, 1.0)
            moves[c] = p
            room -= self.p_demand[p]
        return (load, moves) if moves else None

    def improve(self, rounds: int = 4) -> bool:
        """Move, shed and fill sweeps until none helps (at most ``rounds`` times)."""
        changed = False
        for _ in range(rounds):
            step = self.cap_sweep() | self.move_sweep() | self.unit_sweep()
            changed |= step
            if not step:
                break
        return changed

    def cap_sweep(self) -> bool:
        """Move customers out of each open site over its size cap, cheapest per pupil first,
        until it is within (a single move seldom is: its pupils held there, today's boarders
        of layout_boarding.pin_boarders, leave the others to go)."""
        changed = False
        over = self.open & (self.load[TOTAL] > self.arr.size_cap + EPS)
        for s in np.flatnonzero(over).tolist():
            movers = sorted(m for k in (PRIMARY, JUNIOR) for m in self._movers(s, k))
            moved = self._move_out(s, [c for _, c in movers],
                                   self.load[TOTAL, s] - self.arr.size_cap[s])
            changed |= moved is not None and self._try(self.open, *moved)
        return changed

    def move_sweep(self) -> bool:
        """Move single customers to another open site when that improves the plan."""
        changed = False
        for c in range(self.arr.n_customers):
            current = self.pair[c]
            load = self.load.copy()
            self.add_pair(load, current, -1.0)
            here = self.marginal(load, current)
            for p in self.options[c]:
                if p == current or not self.open[self.p_site[p]]:
                    continue
                there = self.marginal(load, p)
                if there[0] > here[0] or there[1] >= here[1] - EPS:
                    continue
                trial = load.copy()
                self.add_pair(trial, p, 1.0)
                if self._try(self.open, {c: p}, trial):
                    changed = True
                    break
        return changed

    def unit_sweep(self) -> bool:
        """Bring open sites within their size cap, then shed and fill one classroom or bed
        block at each open site where that pays."""
        changed = False
        for s in np.flatnonzero(self.open).tolist():
            changed |= self._relieve(s)
            for k in (PRIMARY, JUNIOR, BOARDERS):
                changed |= self._shed(s, k)
        for s in np.flatnonzero(self.open).tolist():
            for k in (PRIMARY, JUNIOR, BOARDERS):
                changed |= self._fill(s, k)
        return changed

    def _uses(self, p: int, k: int) -> bool:
        if k == TOTAL:
            return True
        return self.p_board[p] if k == BOARDERS else self.p_primary[p] == (k == PRIMARY)

    def _relieve(self, s: int) -> bool:
        """Move customers out of a site over its size cap (6), cheapest per pupil first, until
        it is within it: single moves do not mend the cap, and a move to a new site, priced
        with its building to the standard (16), rarely saves anything by itself."""
        excess = self.load[TOTAL, s] - self.cap[s]
        if excess <= EPS:
            return False
        moved = self._move_out(s, [c for _, c in self._movers(s, TOTAL)], excess)
        return moved is not None and self._try(self.open, *moved)

    def _shed(self, s: int, k: int) -> bool:
        """Move customers out of ``s`` until it needs one unit of resource ``k`` fewer: the
        cheapest per pupil first, or the one customer large enough that costs least."""
        base, per = self.base[k][s], self.per[k][s]
        units = units_needed(self.load[k, s], base, per)
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
                if best is None or self.better(score, best[0]):
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
            self.add_pair(load, p, -1.0)
            q, key = self.best_pair(c, self.open, load, skip=s)
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
            self.add_pair(load, self.pair[c], -1.0)
            q, key = self.best_pair(c, self.open, load, skip=s)
            if q < 0 or key[0]:
                self.add_pair(load, self.pair[c], 1.0)
                continue
            self.add_pair(load, q, 1.0)
            moves[c] = q
            moved += self.p_demand[q]
        return (moves, load) if moved >= amount - EPS else None

    def _fill(self, s: int, k: int) -> bool:
        """Add one unit of resource ``k`` at ``s`` and pull in the customers it saves most."""
        base, per = self.base[k][s], self.per[k][s]
        units = units_needed(self.load[k, s], base, per)
        if units >= self.most[k][s]:
            return False
        room = base + per * (units + 1) - self.load[k, s]
        pairs = [p for p in self.site_pairs[s] if self._uses(p, k)]
        pulled = self._pull(s, pairs, room, self.load.copy())
        return pulled is not None and self._try(self.open, pulled[1], pulled[0])

    def plan(self) -> GreedyLayout:
        a = self.arr
        score, rp, rj, blocks = self.evaluate(self.open, self.load, self.travel)
        boarding = boarding_schools(a, self.open, self.load[BOARDERS])
        return GreedyLayout(self.open.copy(), np.array(self.pair), rp.astype(int),
                            rj.astype(int), blocks.astype(int), boarding, score[1], score[0])
