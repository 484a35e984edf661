"""A Lagrangian bound of the layout MILP with each site's joint capacities solved exactly.

Relax (1) of :mod:`junheng.planning.layout_model` with multipliers ``u_j`` and (5) beds
with multipliers ``μ_i ∈ [0, e_bed / block]`` (reduced costs ``r_ij = c_ij − u_j + μ_i s_ij
d_j``; a bed block then costs ``e_bed − μ_i·block ≥ 0``, so none is bought, and an open
site gains ``−μ_i S^B_i``); every other row outside the sites' (2)-(4), (6)-(8), (12), (13)
((9) boarding, (10) budget, (14)-(25') areas, (18) 就近划片, (23)-(24) classes) at fixed
multipliers ``λ``, their LP duals clipped to each row's sign (:func:`priced_rows`): they add
``Σ_r λ_r b_r`` and the least the columns outside the sites (o, areas, halls, land, classes)
take at their reduced costs within their bounds, and shift ``c_ij``, ``f_i``, ``e_room`` and
``e_bed`` by ``−Aᵀλ``. Dropping those rows instead (as the bound did first) left their duals in
``u``: the 就近划片 equalities (18) made ``L`` at the LP duals −1.16e9 on bench.layout's
generated county 3 (LP 3.79e8) and 28 % of the LP on its demo county. What is left splits
by site; open site ``i`` solves, over the pairs at ``i``::

    (S1) V_i = f_i + min Σ_j r_ij x_ij + e_room (a^P + a^J) + q_i z + R r
    (S2)   P = Σ_{j primary} d_j x_ij ≤ S^P_i + size^P_i a^P,   a^P ≤ M^P_i     (3), (7')
    (S3)   J = Σ_{j junior} d_j x_ij ≤ S^J_i + size^J_i a^J,    a^J ≤ M^J_i     (4), (7')
    (S4)   T = P + J ≤ S^T_i;  T ≥ min_i where min_i > 0                        (6), (8)
    (S5)   r = (L_i − T)⁺,  z = (F − T)⁺ where q_i > 0                           (12), (13)

with ``x_ij ∈ {0,1}``: a two-dimensional knapsack with costs on P, J and T. It is solved
exactly: ``h_P(w)`` (``h_J``) the least reduced cost of primary (junior) pairs whose
demands sum to exactly ``w`` (a 0-1 knapsack DP over integer pupils), the rooms priced per
``w`` (fewest rooms that seat ``w``), then ``g(P) = min_J cost_J(J) + φ(P + J)`` with
``φ`` the price of (S4)-(S5) per total. A closed site costs 0. So::

    L(u, μ) = Σ_j u_j + C_λ + Σ_{i forced open} V'_i + Σ_{i free} min(0, V'_i) + Σ_T V'_{e(T)}

with ``V'_i = V_i − μ_i S^B_i``, ``C_λ`` the priced rows' constant and, for (9c) only when no
row is priced (no LP duals), ``T`` over towns with no site open so far, taken pairwise
disjoint in order, ``e(T)`` the cheapest site of ``T`` (``V'_e ≥ 0``).

bounds every plan: each site's part of a plan is feasible for its subproblem, and the
priced rows' multipliers have their rows' signs. Subgradient steps on ``u`` from the LP
duals of (1) maximise ``L``. At the LP duals ``L`` is the LP's partial Lagrangian with
integer sites, so at least the LP bound (up to round-off); (S1)-(S5) has no integrality
property, so it may exceed it.

Penalty tests (sound for every plan cheaper than ``C``): ``y_i = 0`` costs at least
``L − part_i`` (``part_i`` what site ``i`` adds to ``L``), ``y_i = 1`` at least
``L − part_i − V_e + V_i`` (``V_e`` the site the town rule opened for a town of ``i``,
which ``i`` open makes unneeded; 0 if none), and ``x_ij = 1`` at least
``L − part_i − V_e + V_i^{+j}`` where ``V_i^{+j}`` is (S1)-(S5)
with ``h`` shifted by ``d_j`` and raised by ``r_ij`` (``h`` over all pairs is at most
``h`` without ``j``, so this is a lower bound of the site's value with ``j`` forced).

Measured earlier, before rules (24) and (27), on the demo county's 2030 layout (built as ``junheng demo`` does: 139 sites, 768
customers, 2,994 pairs; 1 thread, load 6-10 on the 2-core machine): LP bound 33,803,911;
``L`` at the LP duals 34,502,336 (one evaluation, 0.25-0.34 s CPU; 20 subgradient steps
add 5,500); HiGHS's root with cuts 34,314,935; the optimum 34,738,271 (HiGHS, 200 s wall,
70 s CPU). With the optimum as cutoff the tests close 77 of the 84 free sites and remove
1,012 pairs; with 35,065,152 still 77 and 926; with a start of 37.4 M only 64 and 120.
HiGHS on the reduced MILP still ends at 60 s with 35.44 M against its own bound 34.39 M.
Why the demo stalls at about 3 %: the incumbent, not the bound. The warm start (18 s wall)
and HiGHS's plans are 1-17 pupils short of a relief floor (12) at 1,000,000 元 each (start
38,979,269 = 35,979,269 + 3 short); the bound is within 0.5-0.7 % of the optimum. The
floor of one school (site 9) equals its size cap (2,000 of 2,000: ``relief_min_share``
makes the floor ``total − overload``), so its pupils must sum to exactly 2,000 from
villages of 88-612 pupils each: a subset-sum equality the LP cannot see. With every floor
capped at 90 % of the size cap the same instance reaches a proven 0.0099 % in 57 s wall /
14.8 s CPU at load 8-9 (layout path unchanged); with only the four floors above the cap
less the site's largest village (sites 1, 2, 9, 10: 1,579 / 1,714 / 2,000 / 1,900 ->
1,562 / 1,562 / 1,388 / 1,388) it reaches 0.0088 % in 8.0 s wall / 2.1 s CPU at load 11.4
(bench.layout's demo instance, same change: 0.0098 % in 7.0 s wall / 1.5 s CPU, load 11).
The exact knapsacks here see the equality (hence ``L`` above the LP) but fixing sites does
not find the plan.

Not the default, nor the product's certificate (2026-12-07, brief hbound, load 1-4 on the
2-core machine; ``solve_layout_milp`` with and without ``bound`` in one process, CPU seconds of
the process, the product's stop: node limit 2000, gap 0.01 %, 600 s, and bench.layout's 60 s).
Every instance reaches 0.01 % both ways with the same objective; CPU default / bound, gap, nodes:
the demo's product instance (``junheng demo``'s plan, 39,687,255.89) 3.98 / 5.73 s, 0.0095 /
0.0098 %, 9 / 7; its re-solve with the returning
moves pinned (layout_stay_new, 43,661,397.33) 4.08 / 4.82 s, 0.0085 / 0.0053 %, 23 / 9;
bench.layout's demo county 6.37 / 8.25 s; generated counties 1-3 (600 s) 3.42 / 5.30, 3.82 /
5.78, 0.66 / 1.58 s (60 s: 4.24 / 5.46, 3.72 / 5.34, 0.64 / 1.70), gaps 0.0094 / 0.0094,
0.0095 / 0.0099, 0.0098 / 0.0096 %: 1.2-2.7 times the CPU for the same plan (the LP for the
duals, three steps and the tests take 1-5 s; they fix 37-55 sites open, 47-64 closed and
102-459 pairs). ``L`` is 0-0.06 % above the LP bound (demo 38,993,341 against 38,989,755;
20 steps add 1,300) and 0.03-2.3 % below HiGHS's bound after its root alone (node limit 1:
demo 39,622,264, counties 1-3 43,708,783 / 215,075,836 / 374,797,385), so it cannot certify
a solve that stops short either. No multipliers could: the best ``L`` is at most the optimum
of the MILP with only x, y, a^P, a^J, b integer (the sites' convex hulls are a relaxation of
it), 39,489,163 / 43,196,743 / 214,902,320 / 374,709,475, under HiGHS's root bound on all
four (bench.layout's demo county: 36,883,429 against 36,814,007, but ``L`` 36,151,674): HiGHS's
root cuts reach further than the sites' integrality alone can.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from junheng.optimize import HighsSolver, MilpResult, SolveStatus
from junheng.optimize.fixing import ABSOLUTE_SLACK, RELATIVE_SLACK
from junheng.optimize.highs import highs_lp, solve_status
from junheng.optimize.model import Milp
from junheng.optimize.result import relative_gap, status_at_gap
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model import RELIEF_SHORT_YUAN, room_bounds, whole_pupils

INF = math.inf


@dataclass(frozen=True)
class _Stage:
    """One stage of one site: its pairs (positions), integer demands and room prices."""

    pairs: np.ndarray
    demand: np.ndarray
    room_price: np.ndarray  # per total w in 0..width: cost of the rooms that seat w (inf: none)


@dataclass(frozen=True)
class _Site:
    """A site's subproblem data: the stages it has pairs of and φ per total (S4)-(S5)."""

    fixed: float
    stages: tuple[_Stage, ...]
    phi: np.ndarray  # per total T in 0..cap


#: the rows the site subproblems (S1)-(S5) hold; (1) and (5) are priced by ``u`` and ``μ``,
#: every other row at a fixed multiplier (:class:`Priced`)
SITE_ROWS = frozenset({"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(12)", "(13)"})
#: the MILP's column blocks of the site subproblems: x, y, a^P, a^J, b, r, z
SITE_BLOCKS = (
    "assign",
    "open",
    "rooms_primary",
    "rooms_junior",
    "bed_blocks",
    "relief_short",
    "floor_pupils",
)
#: a reduced cost within HiGHS's dual feasibility tolerance counts as 0
DUAL_SLACK = 1e-7


@dataclass(frozen=True)
class Priced:
    """The rows of the MILP outside :data:`SITE_ROWS` at fixed multipliers ``λ`` (module
    docstring): ``constant`` is Σ_r λ_r b_r plus the least the columns outside the sites
    (o, areas, halls, fields, land, classes) add at their reduced costs within their bounds;
    ``pairs``, ``open``, ``rooms`` (primary, junior) and ``beds`` are −Aᵀλ on x, y, a^P, a^J
    and b."""

    constant: float
    pairs: np.ndarray
    open: np.ndarray
    rooms: tuple[np.ndarray, np.ndarray]
    beds: np.ndarray

    @staticmethod
    def nothing(arr: LayoutArrays) -> Priced:
        """No row priced (a MILP with only :data:`SITE_ROWS`)."""
        zero = np.zeros(arr.n_sites)
        return Priced(0.0, np.zeros(len(arr.pair_site)), zero, (zero, zero), zero)

    def bed_price(self, arr: LayoutArrays) -> np.ndarray:
        """A bed block's cost less the priced rows' duals, per site: ``μ``'s ceiling."""
        return arr.block_cost + self.beds


def priced_rows(milp: Milp, duals: np.ndarray) -> Priced:
    """:class:`Priced` with ``λ`` the LP ``duals`` of the rows outside :data:`SITE_ROWS`,
    each clipped to the sign its bounds allow (≥ 0 on a row with only a lower bound, ≤ 0 with
    only an upper one), so ``L`` bounds every plan whatever the LP's round-off."""
    lam = np.zeros(milp.n_rows)
    for group, first, count in milp.row_groups():
        if group not in SITE_ROWS:
            lam[first : first + count] = duals[first : first + count]
    lo, hi = milp.row_lower, milp.row_upper
    lam = np.where(np.isfinite(lo), lam, np.minimum(lam, 0.0))
    lam = np.where(np.isfinite(hi), lam, np.maximum(lam, 0.0))
    rhs = np.where(lam > 0, lo, np.where(lam < 0, hi, 0.0))
    shift = -(milp.matrix().T @ lam)
    blocks = [milp.block(name) for name in SITE_BLOCKS]
    outside = np.ones(milp.n_cols, bool)
    outside[np.concatenate(blocks)] = False
    rest = _least(milp.cost[outside] + shift[outside], milp.lower[outside], milp.upper[outside])
    x, y, a_p, a_j, b = (shift[c] for c in blocks[:5])
    return Priced(float(lam @ np.where(lam != 0, rhs, 0.0)) + rest, x, y, (a_p, a_j), b)


def _least(reduced: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Σ_k of the least ``reduced_k v_k`` over ``lower_k ≤ v_k ≤ upper_k`` (−∞ when one is
    unbounded below).

    >>> _least(np.array([2.0, -3.0, 1e-9]), np.zeros(3), np.array([5.0, 4.0, INF]))
    -12.0
    """
    reduced = np.where(np.abs(reduced) <= DUAL_SLACK, 0.0, reduced)
    end = np.where(reduced > 0, lower, np.where(reduced < 0, upper, 0.0))
    if not np.isfinite(end).all():
        return -INF
    return float(reduced @ end)


def _stage(
    arr: LayoutArrays,
    pairs: np.ndarray,
    seats: float,
    per_room: float,
    max_rooms: float,
    cap: float,
    room: float,
) -> _Stage:
    demand = arr.pair_demand[pairs].astype(np.int64)  # whole pupils: LayoutLagrangian checks
    width = int(min(demand.sum(), cap))
    w = np.arange(width + 1)
    # (S2) / (S3): the fewest rooms that seat w, at most M_i of them (7'), at ``room`` each
    # (the room's cost less the priced rows' duals); a room priced below 0: all M_i of them
    rooms = np.ceil(np.maximum(w - seats, 0.0) / per_room - 1e-9)
    bought = rooms if room >= 0 else np.full(w.size, float(max_rooms))
    price = np.where(rooms <= max_rooms + 1e-9, bought * room, INF)
    return _Stage(pairs, demand, price)


def _phi(arr: LayoutArrays, i: int, cap: int) -> np.ndarray:
    """φ per total T in 0..S^T_i (the array's end is (S4)'s cap)."""
    t = np.arange(cap + 1, dtype=float)
    # (S5) the relief floor's shortfall r and the 公用经费 floor's missing pupils z
    phi = RELIEF_SHORT_YUAN * np.maximum(arr.stay_floor[i] - t, 0.0)
    if arr.floor_quota[i] > 0:
        phi += arr.floor_quota[i] * np.maximum(arr.floor_pupils - t, 0.0)
    if arr.min_size[i] > 0:  # (S4) minimum size (8)
        phi[(t < arr.min_size[i] - 1e-9)] = INF
    return phi


def _sites(arr: LayoutArrays, priced: Priced) -> list[_Site]:
    """Each site's subproblem; its fixed cost ``f_i`` and room prices shifted by the priced
    rows, a bed block priced below 0 (no ``μ`` then) bought ``M^B_i`` times when open."""
    max_p, max_j, max_b = room_bounds(arr)
    order = np.argsort(arr.pair_site, kind="stable")
    starts = np.searchsorted(arr.pair_site[order], np.arange(arr.n_sites + 1))
    sites = []
    for i in range(arr.n_sites):
        pairs = order[starts[i] : starts[i + 1]]
        cap = int(arr.size_cap[i])
        prim = arr.pair_primary[pairs]
        room_p, room_j = arr.room_cost + priced.rooms[0][i], arr.room_cost + priced.rooms[1][i]
        stages = (
            _stage(
                arr, pairs[prim], arr.seats_primary[i], arr.class_primary[i], max_p[i], cap, room_p
            ),
            _stage(
                arr, pairs[~prim], arr.seats_junior[i], arr.class_junior[i], max_j[i], cap, room_j
            ),
        )
        fixed = arr.open_cost[i] + priced.open[i] + min(0.0, priced.bed_price(arr)[i]) * max_b[i]
        sites.append(_Site(float(fixed), stages, _phi(arr, i, cap)))
    return sites


def _knapsack(stage: _Stage, reduced: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``h(w)`` for w in 0..width (exact weights) and the DP's take flags per item."""
    width = stage.room_price.size - 1
    h = np.full(width + 1, INF)
    h[0] = 0.0
    took = np.zeros((stage.pairs.size, width + 1), dtype=bool)
    for t, (k, d) in enumerate(zip(stage.pairs, stage.demand, strict=True)):
        if d > width:
            continue
        cand = np.full(width + 1, INF)
        cand[d:] = h[: width + 1 - d] + reduced[k]
        better = cand < h
        took[t] = better
        h = np.where(better, cand, h)
    return h, took


def _backtrack(stage: _Stage, took: np.ndarray, w: int) -> list[int]:
    chosen = []
    for t in range(stage.pairs.size - 1, -1, -1):
        if w >= 0 and took[t, w]:
            chosen.append(int(stage.pairs[t]))
            w -= int(stage.demand[t])
    return chosen


def _other(cost: np.ndarray, phi: np.ndarray, width: int) -> np.ndarray:
    """``g(w) = min_v cost(v) + φ(w + v)`` for w in 0..width (φ infinite past its end)."""
    cap = phi.size - 1
    g = np.full(width + 1, INF)
    for v in np.flatnonzero(np.isfinite(cost)):
        top = min(width, cap - v)
        if top < 0:
            continue
        np.minimum(g[: top + 1], cost[v] + phi[v : v + top + 1], out=g[: top + 1])
    return g


@dataclass
class _SiteSolution:
    value: float  # V_i (inf: the site cannot open)
    chosen: list[int]  # pairs taken at the optimum
    knapsacks: tuple[np.ndarray, np.ndarray]  # per stage: h(w)
    others: tuple[np.ndarray, np.ndarray]  # per stage: g(w), the other stage and φ


def solve_site(site: _Site, reduced: np.ndarray) -> _SiteSolution:
    """(S1)-(S5) for one open site, exactly."""
    (sp, sj) = site.stages
    hp, tp = _knapsack(sp, reduced)
    hj, tj = _knapsack(sj, reduced)
    cost_p, cost_j = hp + sp.room_price, hj + sj.room_price
    g_p = _other(cost_j, site.phi, cost_p.size - 1)  # best junior part per primary total
    total = cost_p + g_p
    best = int(np.argmin(total))
    value = float(total[best])
    if not math.isfinite(value):
        return _SiteSolution(INF, [], (hp, hj), (g_p, g_p))
    top = min(cost_j.size - 1, site.phi.size - 1 - best)
    junior = int(np.argmin(cost_j[: top + 1] + site.phi[best : best + top + 1]))
    chosen = _backtrack(sp, tp, best) + _backtrack(sj, tj, junior)
    g_j = _other(cost_p, site.phi, cost_j.size - 1) if sj.pairs.size else None
    return _SiteSolution(site.fixed + value, chosen, (hp, hj), (g_p, g_j))


def forced_values(site: _Site, sol: _SiteSolution, reduced: np.ndarray) -> dict[int, float]:
    """A lower bound of V_i with each pair of the site forced in (module docstring)."""
    out = {}
    for s, stage in enumerate(site.stages):
        h, other = sol.knapsacks[s], sol.others[s]
        if other is None or not math.isfinite(sol.value):
            for k in stage.pairs:
                out[int(k)] = sol.value
            continue
        price = stage.room_price
        for k, d in zip(stage.pairs, stage.demand, strict=True):
            if d > h.size - 1:
                out[int(k)] = INF
                continue
            shifted = h[: h.size - d] + reduced[k] + price[d:] + other[d:]
            out[int(k)] = site.fixed + float(np.min(shifted))
    return out


@dataclass(frozen=True)
class LayoutBound:
    """The best ``L(u)`` found, its multipliers ``(u, μ)``, per-site values and the rows
    priced at fixed multipliers (None: dropped)."""

    bound: float
    lp_bound: float
    multipliers: tuple[np.ndarray, np.ndarray]
    site_value: np.ndarray
    iterations: int
    seconds: float
    priced: Priced | None = None


class LayoutLagrangian:
    """``L(u)`` of the module docstring for one county's arrays."""

    def __init__(self, arr: LayoutArrays, priced: Priced | None = None):
        if not whole_pupils(arr):
            raise ValueError("the exact site knapsacks need whole-pupil demands")
        self.arr = arr
        self.priced = Priced.nothing(arr) if priced is None else priced
        self.sites = _sites(arr, self.priced)
        # (9c) in the master only where rule (9) is not priced (it would count twice)
        self.towns = arr.towns if priced is None else ()
        self.forced = arr.lower_open > 0
        self.usable = arr.upper_open > 0

    def reduced(self, u: np.ndarray, mu: np.ndarray) -> np.ndarray:
        """``c_ij − u_j + μ_i s_ij d_j`` per pair, less the priced rows' duals."""
        arr = self.arr
        return (
            arr.pair_cost
            + self.priced.pairs
            - u[arr.pair_customer]
            + mu[arr.pair_site] * arr.pair_boarding * arr.pair_demand
        )

    def evaluate(
        self, u: np.ndarray, mu: np.ndarray
    ) -> tuple[float, np.ndarray, list[_SiteSolution | None], np.ndarray, np.ndarray]:
        """``L(u, μ)``, the open sites of the relaxed optimum, the site solutions and the
        subgradients: ``1 − Σ_i x_ij`` per customer and (5)'s ``B_i − S^B_i`` per open site."""
        arr = self.arr
        reduced = self.reduced(u, mu)
        sols = [
            solve_site(s, reduced) if self.usable[i] else None for i, s in enumerate(self.sites)
        ]
        value = np.array(
            [INF if s is None else s.value - mu[i] * arr.beds[i] for i, s in enumerate(sols)]
        )
        opened = self.forced | (self.usable & (value < 0))
        self.packed = _town_rule(self.towns, opened, value)
        self.values = value
        opened[list(set(self.packed.values()))] = True
        total = float(u.sum()) + self.priced.constant + float(value[opened].sum())
        taken = np.zeros(arr.n_customers)
        beds = np.zeros(arr.n_sites)
        for i in np.flatnonzero(opened):
            chosen = sols[i].chosen
            np.add.at(taken, arr.pair_customer[chosen], 1.0)
            beds[i] = float((arr.pair_demand[chosen] * arr.pair_boarding[chosen]).sum())
        return total, opened, sols, 1.0 - taken, np.where(opened, beds - arr.beds, 0.0)


def _town_rule(towns, opened: np.ndarray, value: np.ndarray) -> dict[int, int]:
    """(9c) in the master: towns with no open candidate, taken pairwise disjoint (so no
    site's cost counts twice: a relaxation), each opens its cheapest candidate. Returns the
    site opened per member of each such town."""
    packed: dict[int, int] = {}
    for members in towns:
        members = [int(i) for i in members]
        if any(opened[i] for i in members) or packed.keys() & set(members):
            continue
        cheapest = min(members, key=lambda i: value[i])
        if math.isfinite(value[cheapest]):
            packed.update(dict.fromkeys(members, cheapest))
    return packed


def lp_multipliers(
    milp: Milp, arr: LayoutArrays
) -> tuple[float, np.ndarray, np.ndarray, Priced | None]:
    """The LP bound of the layout MILP, the duals of its rows (1), those of (5) as ``μ``
    (clipped to ``[0, e_bed / block]``, the block's price less the priced rows' duals) and the
    other rows priced at their duals (:func:`priced_rows`; None without an LP optimum: those
    rows dropped, (9c) in the master)."""
    h = HighsSolver().configured()
    h.passModel(highs_lp(milp, relax=True))
    h.run()
    if solve_status(h.getModelStatus(), True, 0.0) != SolveStatus.OPTIMAL:
        return -INF, np.zeros(arr.n_customers), np.zeros(arr.n_sites), None
    duals = np.asarray(h.getSolution().row_dual)
    priced = priced_rows(milp, duals)
    first = {group: row for group, row, _ in reversed(milp.row_groups())}
    u = duals[first["(1)"] : first["(1)"] + arr.n_customers]
    beds = duals[first["(5)"] : first["(5)"] + arr.n_sites]
    mu = _clip_mu(arr, -beds, priced)
    return float(h.getInfo().objective_function_value), u, mu, priced


def _clip_mu(arr: LayoutArrays, mu: np.ndarray, priced: Priced | None) -> np.ndarray:
    price = arr.block_cost if priced is None else priced.bed_price(arr)
    return np.clip(mu, 0.0, np.maximum(price, 0.0) / arr.bed_block)


def layout_bound(
    arr: LayoutArrays,
    milp: Milp,
    upper: float,
    *,
    deadline: float,
    max_iterations: int = 60,
    patience: int = 5,
) -> LayoutBound:
    """Maximise ``L(u, μ)`` by subgradient steps (Polyak, target ``upper``) from the LP
    duals."""
    began = time.perf_counter()
    lp, u, mu, priced = lp_multipliers(milp, arr)
    lag = LayoutLagrangian(arr, priced)
    best, best_u, best_values, theta, stall, it = -INF, (u, mu), None, 1.0, 0, 0
    while it < max_iterations:
        it += 1
        value, _, sols, direction, bed_step = lag.evaluate(u, mu)
        if value > best + 1e-9 * max(1.0, abs(value)):
            best, best_u, stall = value, (u.copy(), mu.copy()), 0
            best_values = np.array([INF if s is None else s.value for s in sols])
        else:
            stall += 1
        if stall >= patience:
            theta, stall = theta / 2.0, 0
        norm = float(direction @ direction + bed_step @ bed_step)
        if norm < 1e-12 or best >= upper or time.perf_counter() > deadline or theta < 1e-3:
            break
        step = theta * max(upper - value, 1e-6 * abs(upper)) / norm
        u, mu = u + step * direction, _clip_mu(arr, mu + step * bed_step, priced)
    return LayoutBound(best, lp, best_u, best_values, it, time.perf_counter() - began, priced)


@dataclass(frozen=True)
class LayoutFixing:
    """Bounds of ``y`` and ``x`` that every plan cheaper than ``cutoff`` keeps, and
    ``floor``: a lower bound of every plan the tightening removes."""

    open_lower: np.ndarray
    open_upper: np.ndarray
    pair_upper: np.ndarray
    floor: float

    @property
    def counts(self) -> tuple[int, int, int]:
        """Sites fixed open, sites fixed closed, pairs fixed to 0."""
        return (
            int(self.open_lower.sum()),
            int((self.open_upper == 0).sum()),
            int((self.pair_upper == 0).sum()),
        )


def penalty_fixing(
    arr: LayoutArrays, u: np.ndarray, mu: np.ndarray, cutoff: float, priced: Priced | None = None
) -> tuple[float, LayoutFixing]:
    """``L(u, μ)`` (the other rows ``priced``) and the penalty tests of the module docstring
    against ``cutoff`` (raised by the round-off slack of :mod:`junheng.optimize.fixing`,
    towards keeping more)."""
    cutoff += RELATIVE_SLACK * abs(cutoff) + ABSOLUTE_SLACK * max(1.0, abs(cutoff))
    lag = LayoutLagrangian(arr, priced)
    bound, opened, sols, _, _ = lag.evaluate(u, mu)
    reduced = lag.reduced(u, mu)
    lower = (arr.lower_open > 0).astype(float)
    upper = (arr.upper_open > 0).astype(float)
    pair_upper = np.ones(len(arr.pair_site))
    floor = INF
    for i, sol in enumerate(sols):
        if sol is None:
            continue
        value = sol.value - mu[i] * arr.beds[i]
        part = value if opened[i] else 0.0
        # with i open, the town the master opened another site for needs that site no more
        other = lag.packed.get(i, i)
        rest = bound - part - (lag.values[other] if other != i else 0.0)
        shut, keep = bound - part, rest + value  # site closed / open
        if not lower[i] and shut > cutoff:
            lower[i] = 1.0
            floor = min(floor, shut)
        if keep > cutoff:
            upper[i] = 0.0
            floor = min(floor, keep)
        for k, forced in forced_values(lag.sites[i], sol, reduced).items():
            with_pair = rest + forced - mu[i] * arr.beds[i]
            if with_pair > cutoff:
                pair_upper[k] = 0.0
                floor = min(floor, with_pair)
    pair_upper[upper[arr.pair_site] == 0] = 0.0
    return bound, LayoutFixing(lower, upper, pair_upper, floor)


#: Subgradient steps before the fixing: a count, not a share of the time limit, so the sites and
#: pairs fixed (and the plan HiGHS then finds under its node limit) are the same at any load.
BOUND_STEPS = 3


def solve_with_fixing(
    arr: LayoutArrays, milp: Milp, cols, start_values: np.ndarray, solver: HighsSolver
) -> tuple[MilpResult, dict]:
    """HiGHS on ``milp`` after the penalty tests with the start's objective as the cutoff.

    The start stays feasible (the tests remove only plans dearer than the cutoff; its own
    columns are kept in range besides). The bound reported is the better of ``L`` and the
    reduced MILP's bound capped by the fixing's floor; both bound every plan."""
    began = time.perf_counter()
    cutoff = milp.objective(start_values)
    found = layout_bound(arr, milp, cutoff, max_iterations=BOUND_STEPS, deadline=INF)
    lagrangian, fix = penalty_fixing(arr, *found.multipliers, cutoff, found.priced)
    lagrangian = max(lagrangian, found.bound)
    lower, upper = milp.lower, milp.upper
    lower[cols.y] = np.minimum(np.maximum(lower[cols.y], fix.open_lower), start_values[cols.y])
    upper[cols.y] = np.maximum(np.minimum(upper[cols.y], fix.open_upper), start_values[cols.y])
    upper[cols.x] = np.maximum(np.minimum(upper[cols.x], fix.pair_upper), start_values[cols.x])
    spent = time.perf_counter() - began
    result = replace(solver, time_limit=max(solver.time_limit - spent, 1.0)).solve(
        milp, start=start_values, lower=lower, upper=upper
    )
    bound = max(lagrangian, min(result.bound, fix.floor))
    if result.objective is not None:
        bound = min(bound, result.objective)
        gap = relative_gap(result.objective, bound)
        result = replace(
            result,
            bound=bound,
            gap=gap,
            status=solve_status_for(result.status, gap, solver.relative_gap),
        )
    figures = {
        "lp_bound": found.lp_bound,
        "lagrangian": lagrangian,
        "floor": fix.floor,
        "fixed": fix.counts,
        "bound_s": spent,
    }
    return replace(result, seconds=time.perf_counter() - began), figures


def solve_status_for(status: SolveStatus, gap: float, target: float) -> SolveStatus:
    """The status once the bound is the combined one (:func:`status_at_gap` within the
    target gap); a solve that ended on the reduced MILP's gap but not on the combined one
    is reported as stopped by a limit."""
    if gap <= target + 1e-12:
        return status_at_gap(gap)
    if status in (SolveStatus.OPTIMAL, SolveStatus.GAP_LIMIT):
        return SolveStatus.TIME_LIMIT
    return status
