"""What a layout plan's loads cost: the greedy heuristic's exact view of the MILP.

A plan of :mod:`junheng.planning.layout_heuristic` is judged by the loads it leaves per
site (primary pupils, junior pupils, boarders, all pupils): the classrooms and bed blocks
those loads need (rules (3)-(5) of :mod:`junheng.planning.layout_model`), the rules they
break ((3)-(10)) and the MILP's objective, the two floors included: (12) the relief floor
(``RELIEF_SHORT_YUAN`` per pupil an open school is short of ``stay_floor``) and (13) the
公用经费 floor (``floor_quota`` per pupil an open site is short of ``floor_pupils``), so a
start of the heuristic keeps the pupils a relieved school must keep and closes a small site
whose floor money outweighs the travel (their slacks ``r``, ``z`` are set by
:meth:`~junheng.planning.layout_heuristic.GreedyLayout.column_values`). :class:`PairLoads`
holds the numbers as plain lists (the search touches single pairs, where lists are much
faster than numpy). The receivers' per-pupil areas (14)–(15) are priced on the loads and
classrooms as the MILP prices them (:meth:`~junheng.planning.layout_areas.AreaArrays.amounts`),
in the objective and the budget (10); a new site's teaching area to the standard (16) is in
the pairs' yearly cost and, from the loads, in the budget.
"""

from __future__ import annotations

import math

import numpy as np

from junheng.planning.layout_boarding import boarding_candidates
from junheng.planning.layout_data import LayoutArrays

EPS = 1e-6
PRIMARY, JUNIOR, BOARDERS, TOTAL = range(4)


def boarding_schools(a, open_: np.ndarray, boarders: np.ndarray) -> np.ndarray:
    """bool per site: counts as its town's boarding school, rule (9): an open candidate that
    boards pupils today or is planned ``min_boarders`` boarders (no bed is added for it)."""
    return (open_.astype(bool) & boarding_candidates(a)
            & (a.board_now | (boarders >= a.min_boarders - EPS)))


def _ceil_pos(x: np.ndarray) -> np.ndarray:
    return np.maximum(np.ceil(x - EPS), 0.0)


def units_needed(load: float, base: float, per: float) -> int:
    return max(0, math.ceil((load - base) / per - EPS))


class PairLoads:
    """The layout arrays as per-pair lists and per-resource tables, and the exact cost of
    the loads a plan leaves at each site."""

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
        # floors on a site's pupils, (12) and (13): (floor, 元 per pupil short) per site
        from junheng.planning.layout_model import RELIEF_SHORT_YUAN

        quota = np.where(arr.floor_quota > 0, arr.floor_quota, 0.0)
        self.floors = [(arr.stay_floor, np.full(n, RELIEF_SHORT_YUAN)),
                       (np.where(quota > 0, arr.floor_pupils, 0.0), quota)]
        self.floor_lists = [(f.tolist(), c.tolist()) for f, c in self.floors]

    def floor_cost(self, open_: np.ndarray, total: np.ndarray) -> float:
        """元 a year of the pupils the open sites are short of their floors (12) and (13)."""
        return float(sum(price @ (np.maximum(floor - total, 0.0) * open_)
                         for floor, price in self.floors))

    def floor_change(self, s: int, total: float, d: float) -> float:
        """The change in ``floor_cost`` when ``d`` pupils join open site ``s`` of ``total``."""
        return sum(price[s] * (max(floor[s] - total - d, 0.0) - max(floor[s] - total, 0.0))
                   for floor, price in self.floor_lists)

    def evaluate(self, open_: np.ndarray, load: np.ndarray, travel: float
                 ) -> tuple[tuple[int, float], np.ndarray, np.ndarray, np.ndarray]:
        """(rules broken, objective), classrooms per stage and bed blocks for these loads."""
        a = self.arr
        rp = _ceil_pos((load[PRIMARY] - a.seats_primary) / a.class_primary)
        rj = _ceil_pos((load[JUNIOR] - a.seats_junior) / a.class_junior)
        blocks = _ceil_pos((load[BOARDERS] - a.beds) / a.bed_block)
        ok = boarding_schools(a, open_, load[BOARDERS])
        broken = sum(1 for members in a.towns if not ok[members].any())  # (9c)
        broken += int(np.count_nonzero(rp > a.max_rooms * a.offers_primary)
                      + np.count_nonzero(rj > a.max_rooms * a.offers_junior)
                      + np.count_nonzero(blocks > a.max_blocks)
                      + np.count_nonzero(load[TOTAL] > a.size_cap + EPS)
                      + np.count_nonzero(open_ & (load[TOTAL] < a.min_size - EPS)))
        rooms = float(rp.sum() + rj.sum())
        t, g, f, land, u = a.areas.amounts(load[PRIMARY], load[JUNIOR], rp + rj)
        if a.budget is not None:
            capital = (a.capital_new * np.count_nonzero(open_ & ~a.existing)
                       + a.capital_room * rooms + a.capital_block * blocks.sum()
                       + float(a.areas.capital(t, g, f, land).sum())
                       + float(a.areas.new_site_yuan(
                           load[PRIMARY], load[JUNIOR]).sum()))  # (16), in p_cost yearly
            broken += int(capital > a.budget + EPS)
        cost = (travel + float(a.open_cost @ open_) + a.room_cost * rooms
                + a.block_cost * float(blocks.sum()) + self.floor_cost(open_, load[TOTAL])
                + float(a.areas.yearly(t, g, f, land, u).sum()))
        return (broken, cost), rp, rj, blocks

    def better(self, score: tuple[int, float], than: tuple[int, float]) -> bool:
        return score[0] < than[0] or (
            score[0] == than[0] and score[1] < than[1] - 1e-7 * abs(than[1]))

    def add_pair(self, load: np.ndarray, p: int, sign: float) -> None:
        s, d = self.p_site[p], self.p_demand[p] * sign
        load[PRIMARY if self.p_primary[p] else JUNIOR, s] += d
        if self.p_board[p]:
            load[BOARDERS, s] += d * self.p_board[p]
        load[TOTAL, s] += d

    def marginal(self, load: np.ndarray, p: int) -> tuple[int, float]:
        """Rules broken at the pair's site and the extra yearly cost of adding it there."""
        s, d = self.p_site[p], self.p_demand[p]
        broken, cost = 0, self.p_cost[p]
        kinds = (PRIMARY if self.p_primary[p] else JUNIOR, BOARDERS) if self.p_board[p] else (
            PRIMARY if self.p_primary[p] else JUNIOR,)
        for k in kinds:
            base, per = self.base[k][s], self.per[k][s]
            before = units_needed(load[k, s], base, per)
            after = units_needed(load[k, s] + d * (self.p_board[p] if k == BOARDERS else 1.0),
                                 base, per)
            cost += self.unit_cost[k] * (after - before)
            broken += after > self.most[k][s]
        broken += load[TOTAL, s] + d > self.cap[s] + EPS
        return broken, cost + self.floor_change(s, load[TOTAL, s], d) + self.area_change(
            load, s, d if self.p_primary[p] else 0.0, 0.0 if self.p_primary[p] else d)

    def site_rooms(self, load: np.ndarray, s: int, dp: float = 0.0, dj: float = 0.0) -> int:
        """Classrooms site ``s`` needs with ``dp``, ``dj`` more pupils per stage."""
        return (units_needed(load[PRIMARY, s] + dp, self.base[0][s], self.per[0][s])
                + units_needed(load[JUNIOR, s] + dj, self.base[1][s], self.per[1][s]))

    def area_cost(self, load: np.ndarray, s: int, dp: float = 0.0, dj: float = 0.0) -> float:
        """元 a year of the areas (14)-(15) at site ``s`` with ``dp``, ``dj`` more pupils."""
        p, j = load[PRIMARY, s] + dp, load[JUNIOR, s] + dj
        return self.arr.areas.site_yearly(s, p, j, self.site_rooms(load, s, dp, dj))

    def area_change(self, load: np.ndarray, s: int, dp: float, dj: float) -> float:
        """The change in ``area_cost`` when ``dp``, ``dj`` pupils join site ``s``."""
        if not self.arr.areas.on[s]:
            return 0.0
        return self.area_cost(load, s, dp, dj) - self.area_cost(load, s)

    def best_pair(self, c: int, open_: np.ndarray, load: np.ndarray, skip: int = -1
              ) -> tuple[int, tuple[int, float]]:
        """The open site (pair) where customer ``c`` adds least, not at site ``skip``."""
        best, best_key = -1, (1 << 30, 0.0)
        for p in self.options[c]:
            s = self.p_site[p]
            if s == skip or not open_[s]:
                continue
            key = self.marginal(load, p)
            if key < best_key:
                best, best_key = p, key
        return best, best_key
