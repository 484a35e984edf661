"""A Lagrangian bound of the layout MILP with each site's joint capacities solved exactly.

Relax (1) of :mod:`junheng.planning.layout_model` with multipliers ``u_j`` and (5) beds
with multipliers ``μ_i ∈ [0, e_bed / block]`` (reduced costs ``r_ij = c_ij − u_j + μ_i s_ij
d_j``; a bed block then costs ``e_bed − μ_i·block ≥ 0``, so none is bought, and an open
site gains ``−μ_i S^B_i``); every other row outside the sites' (2)-(4), (6)-(8), (12), (13),
(18) ((9) boarding, (10) budget, (14)-(25') areas, (23), (24), (27) classes) at fixed
multipliers ``λ``, their LP duals clipped to each row's sign (:func:`priced_rows`): they add
``Σ_r λ_r b_r`` and the least the columns outside the sites (o, areas, halls, land, classes)
take at their reduced costs within their bounds, and shift ``c_ij``, ``f_i``, ``e_room`` and
``e_bed`` by ``−Aᵀλ`` (dropped instead, their duals left in ``u`` made ``L`` −1.16e9 on
bench.layout's county 3 against an LP of 3.79e8). 就近划片 (18) is held by the sites: the parts
of a zone that share site ``i`` are one knapsack item there (summed demand and reduced cost),
and a part whose zone has a part without a pair at ``i`` cannot go there. What is left splits
by site; open site ``i`` solves, over the items at ``i``::

    (S1) V_i = f_i + min Σ_j r_ij x_ij + e_room (a^P + a^J) + q_i z + R r
    (S2)   P = Σ_{j primary} d_j x_ij ≤ S^P_i + size^P_i a^P,   a^P ≤ M^P_i     (3), (7')
    (S3)   J = Σ_{j junior} d_j x_ij ≤ S^J_i + size^J_i a^J,    a^J ≤ M^J_i     (4), (7')
    (S4)   T = P + J ≤ S^T_i;  T ≥ min_i where min_i > 0                        (6), (8)
    (S5)   r = (L_i − T)⁺,  z = (F − T)⁺ where q_i > 0                           (12), (13)

with ``x_ij ∈ {0,1}``: a two-dimensional knapsack with costs on P, J and T. It is solved
exactly: ``h_P(w)`` (``h_J``) the least reduced cost of primary (junior) items whose
demands sum to exactly ``w`` (a 0-1 knapsack DP over integer pupils), the rooms priced per
``w`` (fewest rooms that seat ``w``), then ``g(P) = min_J cost_J(J) + φ(P + J)`` with
``φ`` the price of (S4)-(S5) per total. A closed site costs 0. So::

    L(u, μ) = Σ_j u_j + C_λ + Σ_{i forced open} V'_i + Σ_{i free} min(0, V'_i) + Σ_T V'_{e(T)}

with ``V'_i = V_i − μ_i S^B_i``, ``C_λ`` the priced rows' constant and, for (9c) only when no
row is priced (no LP duals), ``T`` over towns with no site open so far, taken pairwise
disjoint in order, ``e(T)`` the cheapest site of ``T`` (``V'_e ≥ 0``).

bounds every plan: each site's part of a plan is feasible for its subproblem, and the
priced rows' multipliers have their rows' signs. Subgradient steps on ``u`` from the LP
duals of (1) maximise ``L``. At the LP duals ``L`` is at least the LP's partial Lagrangian
(sites and (18) held), so at least the LP bound (up to round-off).

The class rows (23), (24), (27) stay priced: the DP over a stage's total cannot see them. Their
pupils of a grade, ``Σ_j share_g f_jy d_j x_ij``, weigh each customer by its own growth
``f_jy`` in every year but the target; a primary total mixes two groups (grades 1-3, 4-6) whose
classes are counted apart; and (27) pools both stages with ``β``. Only the target year's
junior classes are a function of ``J``.

Penalty tests (sound for every plan cheaper than ``C``): ``y_i = 0`` costs at least
``L − part_i`` (``part_i`` what site ``i`` adds to ``L``), ``y_i = 1`` at least
``L − part_i − V_e + V_i`` (``V_e`` the site the town rule opened for a town of ``i``,
which ``i`` open makes unneeded; 0 if none), and ``x_ij = 1`` at least
``L − part_i − V_e + V_i^{+j}`` where ``V_i^{+j}`` is (S1)-(S5)
with ``h`` shifted by the demand of ``j``'s item and raised by its reduced cost (``h`` over all
items is at most ``h`` without it, so this is a lower bound of the site's value with ``j``
forced); a pair (18) bars from the site is fixed to 0.

Measured 2026-12-07 (brief hbound2; one process per instance, load 2-4 on the 2-core machine):
``L`` at the LP duals and three steps, with (18) priced (before) and held (now), against the LP
bound, HiGHS's bound after its root alone (node limit 1) and the best plan (the product's
stop, 0.01 %). Instances: the demo's product instance (``junheng demo``'s plan) and
bench.layout's generated counties 1-3 (``python -m bench.layout_bound demo 1 2 3``)::

                  LP bound      L before      L now         HiGHS root    best plan
    demo          38,989,755    38,993,341    39,005,521    39,622,264    39,687,256
    county 1      42,683,677    42,687,557    42,727,403    43,708,783    43,806,261
    county 2     214,175,277   214,179,245   214,204,935   215,075,836   215,118,267
    county 3     374,678,815   374,678,815   374,692,676   374,797,385   374,854,025

(18) held adds 12,180 / 39,846 / 25,690 / 13,861 (0.34-0.43 s CPU for three steps either
way); ``L`` is still 1.6 / 2.2 / 0.40 / 0.028 % below HiGHS's root bound, so it neither
certifies a solve that stops short nor fixes more than HiGHS's root reduced-cost fixing, and
nothing is wired (``bound`` stays off by default; it took 1.2-2.7 times the default's CPU for
the same plans, brief hbound). What could: the best ``L`` of sites that hold a set of rows is at
most the MILP with only those sites' columns integer. With x, y, a^P, a^J, b integer: 39,489,163
/ 43,196,743 / 214,902,320 / 374,709,475, under the root on all four; with the class columns
``k`` and ``β`` integer too: 39,655,107 / 43,604,183 / 215,110,195 / 374,823,802 (proven
bounds), above the root by 0.083 % on the demo, 0.016 % and 0.007 % on counties 2 and 3, under it
on county 1; the target year's class columns alone give nearly all of it (39,655,107 /
43,583,183 / 215,109,592 / 374,826,609): the rows the DP over totals cannot see. Held exactly
at the same LP duals (HiGHS on the sites' separable MILP with (23), (24), (27) kept, (1) and (5)
relaxed; with (18) alone it gives ``L now`` to the 元, a check of the DP) they give 39,043,985 /
42,879,085 / 214,408,723 / 374,704,015: still 1.5 / 1.9 / 0.31 / 0.025 % under the root. The
ceilings need ``λ`` to move too: 60 steps on ``u`` and ``μ`` add 930 / 1,848 / 145 on counties
1-3 (county 1's ``L`` stays 1.1 % under its 43,196,743). And the default path reaches the best
plans at the 0.01 % stop in 1.6 / 2.3 / 0.2 s CPU on counties 1-3 (warm start included): little
room for a bound that costs 0.3-0.7 s and needs more than the root to help.
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
from junheng.planning.layout_bound_sites import (
    SiteSolution,
    forced_values,
    site_problems,
    solve_site,
)
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model import whole_pupils

INF = math.inf


SITE_ROWS = frozenset(
    {"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(12)", "(13)", "(18)"}
)
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


def priced_rows(milp: Milp, duals: np.ndarray, held: frozenset[str] = SITE_ROWS) -> Priced:
    """:class:`Priced` with ``λ`` the LP ``duals`` of the rows outside ``held`` (the rows the
    site subproblems hold), each clipped to the sign its bounds allow (≥ 0 on a row with only
    a lower bound, ≤ 0 with only an upper one), so ``L`` bounds every plan whatever the LP's
    round-off."""
    lam = np.zeros(milp.n_rows)
    for group, first, count in milp.row_groups():
        if group not in held:
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
        self.sites = site_problems(arr, self.priced)
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
    ) -> tuple[float, np.ndarray, list[SiteSolution | None], np.ndarray, np.ndarray]:
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


def fixed_bounds(milp: Milp, cols, fix, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The column bounds (copies) after the penalty tests ``fix``, the plan ``keep`` held in range."""
    lower, upper = milp.lower, milp.upper
    lower[cols.y] = np.minimum(np.maximum(lower[cols.y], fix.open_lower), keep[cols.y])
    upper[cols.y] = np.maximum(np.minimum(upper[cols.y], fix.open_upper), keep[cols.y])
    upper[cols.x] = np.maximum(np.minimum(upper[cols.x], fix.pair_upper), keep[cols.x])
    return lower, upper


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
    lower, upper = fixed_bounds(milp, cols, fix, start_values)
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
