"""The layout problem where the facility core can state it: one vocabulary, two solvers.

The core's :class:`~junheng.optimize.FacilityProblem` and the layout model
(:mod:`junheng.planning.layout_model`) name the same things alike: sites ``i`` (schools,
teaching points, candidate sites; ``fixed_cost`` = the layout's ``open_cost``; forced open /
closed = kept / closed by the plan; already open = existing), customers ``j`` (village ×
stage group, ``demand``), pairs ``(i, j)`` (``pair_site``, ``pair_customer``,
``pair_cost``), capacities per site with expansion steps, and an assignment of each
customer to a site. The layout model has four
capacities (primary seats, junior seats, beds, the size cap), expands three of them by
classrooms and bed blocks, and adds rules (8)-(13).

The full instance on the core: :func:`layout_facility_problem` states the layout as the
core's multi-capacity problem (:data:`RESOURCES`; use per pair, beds by the share of a
pair's pupils who board there; classrooms and bed blocks as step chains bounded by (7'))
plus rules (8)-(10), (12), (13) as the core's side block (:mod:`junheng.optimize.side`:
columns o, z, r). Its MILP is the layout MILP (step chains for the integer room counts,
same LP bound: 38,544,607 on the demo county); :func:`full_layout_values` and
:func:`core_start` carry solutions both ways, and :func:`solve_layout_core` solves a
layout through :func:`~junheng.optimize.solve_facility` with the layout's warm start as
the first incumbent (``solve_layout(..., core=True)``). The core's problem has no community
zones (18), class rows (23), (24) or area rows (14)-(15), so ``solve_layout`` hands a county
with any of them to the layout MILP instead (``LayoutSolution.path`` says which ran); since
rule (27) rows every existing school that is not a 教学点, that is every county with one. Every
county of ``bench.layout`` has them (demo: zones 20, class needs 140, receiver needs 162,
area sites 12), so there the full instance does not go through the core and ``python -m
bench.layout`` prints ``core: not applicable (…) -> not run`` for it. The figures below were
measured before those rows existed (2026-12-03, before the area rows of that afternoon).

Why it is not the default (``python -m bench.layout --counties 3``, 60 s limit, 0.01 %
target, load 6-7 on the 2-core machine): the core's Lagrangian bound, with the side rules
dropped and each site bounded by its most binding resource alone (fractional knapsacks:
exact ones would need a DP over capacities up to 2,000 per site), is 4.4 / 31.8 / 2.7 /
6.3 % below the LP bound (demo, generated counties 1-3), so its fixing removes nothing and
HiGHS's bound closes the gap in both paths; the core path took 1.9-3.6 times the layout
path's wall time (1.8-2.2 times its CPU). A useful bound needs the per-site side rules
((8), (9) beds, (12), (13)) inside the Lagrangian subproblem and exact knapsacks.

Measured again (issue 16 item 6; ``python -m bench.layout --counties 3 --time-limit 60
--workers 1``, CPU seconds of the solving process, load 9-12): fixing by LP reduced costs
(:mod:`junheng.optimize.fixing`, before the core's MILP when there are side rules) is valid
but removes little, since the layout's root gap is 1-5 % and few columns price above it:
with the best plan as the cutoff 14 / 33 / 101 / 117 columns of 3,757 / 3,450 / 2,691 /
2,545 (demo, counties 1-3); HiGHS fixes by its own root reduced costs as well. The core's
Lagrangian bound stays 7.2 / 34.2 / 3.9 / 9.6 % below the LP bound. Switching HiGHS's start
heuristics off behind a start (as the layout path does) took the core path on the demo from
the time limit (gap 0.67 %, 10.8 s CPU, load 9) to the target in 7.1-7.3 s (load 6-9). The
layout warm start now also fixes the sites only when fixing the pairs leaves relief floors
short (:mod:`~junheng.planning.layout_start`), which both paths share: demo start 58.0 M ->
36,386,234, the optimum. With all this (same-process runs, load 6.4-8.1) the core path
takes 1.5 / 3.7 / 2.2 times the layout path's CPU on the demo and counties 2, 3 (8.53 / 3.20
/ 2.24 s against 5.84 / 0.87 / 1.00 s, same objectives), and on county 1 both stop at the
limit, the core at 56.46 M (gap 6.0 %), the layout path at 54.25 M (gap 1.4 %). The layout
path stays the default.

The exact per-site bound (:mod:`junheng.planning.layout_bound`, issue 16 item 6): each site's
primary and junior pairs as exact 0-1 knapsacks joined through the size cap, minimum size and
the floors (12), (13), beds priced by multipliers. On the demo's 2030 layout it gives
34,502,336 at the LP duals (LP 33,803,911; HiGHS's root with cuts 34,314,935; optimum
34,738,271), 0.66 % under the optimum, and with the optimum as cutoff fixes 77 of 84 free
sites closed and 1,012 of 2,994 pairs. HiGHS still does not close the reduced MILP within
60 s: what keeps it open is the incumbent, not the sites (measured in that module). Used by
``solve_layout(..., bound=True)``, not by default: measured again 2026-12-07 (brief hbound, load
1-4) on the demo's product instance and bench.layout's counties, the same plans in 1.2-2.7 times
the default path's CPU, and its bound 0.03-2.3 % below HiGHS's after the root alone, so it
certifies no solve that stops short either; with 就近划片 (18) held in the site knapsacks (brief
hbound2) still 0.028-2.2 % below (that module's docstring).

The single-capacity instance — the size cap as the one capacity, single sourcing,
no expansions and none of the rules (8)-(18), (22)-(25) — :func:`single_capacity` gives it in the layout
model's arrays (the layout path solves it unchanged) and :func:`facility_problem` in the
core's, with the same site, customer and pair numbers; :func:`layout_values` carries a core
solution to the layout MILP's columns and :func:`facility_solution` a layout solution to the
core's types, so either solver's answer is checked by the other's model. ``python -m bench.layout`` solves it both ways (figures in
:mod:`junheng.optimize`).
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np

from junheng.errors import InfeasibleError, SolverError
from junheng.optimize import (
    Assignment,
    Entries,
    ExpansionStep,
    FacilityProblem,
    FacilitySolution,
    HighsSolver,
    MilpResult,
    SideBlock,
    SolveOptions,
    SolveStatus,
    solve_facility,
)
from junheng.optimize.model import INF
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model import (
    RELIEF_SHORT_YUAN,
    LayoutColumns,
    boarding_candidates,
    build_layout_milp,
    planned_boarder_sites,
    room_bounds,
)
from junheng.planning.layout_model_areas import area_sites
from junheng.planning.layout_model_receivers import Receivers
from junheng.planning.layout_start import warm_start as find_start


def customer_demand(arr: LayoutArrays) -> np.ndarray:
    """Demand per customer position (every customer has at least one pair)."""
    demand = np.zeros(arr.n_customers)
    demand[arr.pair_customer] = arr.pair_demand
    return demand


def single_capacity(arr: LayoutArrays) -> LayoutArrays:
    """``arr`` with the size cap (6) as the only capacity: seats and beds as large as the
    cap (so (3)-(5) never bind), no classrooms or bed blocks to add, and no minimum size
    (8), town boarding rule (9), budget (10), relief floor (12), 公用经费 floor (13), area
    rows (14)-(17), (22), (25'), community zones (18) or class rows (23), (24): each of those
    needs rooms or columns the core's problem has not (with no room to add, the class and
    area rows made the demo's instance infeasible, haudit). Feasible whenever every
    customer has a pair to a site that may open with a cap of at least its demand;
    :func:`single_capacity_dropped` counts what was dropped."""
    none = np.zeros(arr.n_sites)
    return replace(arr, seats_primary=arr.size_cap, seats_junior=arr.size_cap,
                   beds=arr.size_cap, max_rooms=none, max_blocks=none, min_size=none,
                   towns=(), budget=None, stay_floor=none, floor_quota=none,
                   areas=replace(arr.areas, on=np.zeros(arr.n_sites, dtype=bool)),
                   zones=(), class_needs=(), receivers=Receivers())


def single_capacity_dropped(arr: LayoutArrays) -> dict[str, int]:
    """What :func:`single_capacity` drops from ``arr``, counted: sites with area rows
    (14)-(15), community zones (18), new sites' class needs (23), receivers' class needs
    (24), towns of rule (9), sites with a minimum size (8) and with a relief floor (12)."""
    teaching, sports = area_sites(arr)
    return {"area_sites": int(np.sum(teaching | sports)), "zones": len(arr.zones),
            "class_needs": len(arr.class_needs), "receiver_needs": len(arr.receivers.needs),
            "towns": len(arr.towns), "min_size_sites": int(np.sum(arr.min_size > 0)),
            "relief_floor_sites": int(np.sum(arr.stay_floor > 0))}


def facility_problem(arr: LayoutArrays) -> FacilityProblem:
    """:func:`single_capacity` of ``arr`` as the core's problem (same site, customer and pair
    numbers; the core sorts its pairs, see :func:`layout_values`)."""
    return FacilityProblem(
        fixed_cost=arr.open_cost, capacity=arr.size_cap, demand=customer_demand(arr),
        pair_site=arr.pair_site, pair_customer=arr.pair_customer, pair_cost=arr.pair_cost,
        forced_open=arr.lower_open > 0, forced_closed=arr.upper_open == 0,
        already_open=arr.existing, single_source=True)


def layout_values(arr: LayoutArrays, cols: LayoutColumns, n_cols: int,
                  solution: FacilitySolution) -> np.ndarray:
    """A core solution of :func:`facility_problem` as column values of the layout MILP of
    :func:`single_capacity` (no rooms, no bed blocks, no site marked a boarding school)."""
    position = {(int(c), int(s)): k
                for k, (c, s) in enumerate(zip(arr.pair_customer, arr.pair_site, strict=True))}
    values = np.zeros(n_cols)
    values[cols.y[list(solution.open_sites)]] = 1.0
    for customer, site, fraction in solution.assignment:
        values[cols.x[position[customer, site]]] = fraction
    return values


def facility_solution(arr: LayoutArrays, cols: LayoutColumns,
                      result: MilpResult) -> FacilitySolution:
    """A layout MILP solution of :func:`single_capacity` as the core's solution type (its
    status, objective, bound and gap kept), to be checked by ``problem.evaluate``."""
    values = np.round(result.require_values("布局模型"))
    chosen = np.flatnonzero(values[cols.x] > 0.5)
    assignment = tuple(Assignment(int(arr.pair_customer[k]), int(arr.pair_site[k]), 1.0)
                       for k in chosen)
    return FacilitySolution(
        status=result.status, objective=float(result.objective), bound=result.bound,
        gap=float(result.gap), open_sites=tuple(np.flatnonzero(values[cols.y] > 0.5).tolist()),
        expansions={}, assignment=assignment, seconds=result.seconds)


# --------------------------------------------------------------------------- the full layout

#: Resources of the full layout instance on the core, in this order.
RESOURCES = ("小学学位", "初中学位", "床位", "校额")


def _steps(arr: LayoutArrays) -> list[ExpansionStep]:
    """Classrooms and bed blocks as the core's expansion steps, one chain per site and
    resource, as many steps as (7') allows: a^P, a^J, b are the chains' step counts."""
    max_p, max_j, max_b = room_bounds(arr)
    steps = []
    for i in range(arr.n_sites):
        for resource, count, cost, size in (
                (0, max_p[i], arr.room_cost, arr.class_primary[i]),
                (1, max_j[i], arr.room_cost, arr.class_junior[i]),
                (2, max_b[i], arr.block_cost, float(arr.bed_block))):
            steps += [ExpansionStep(i, float(cost), float(size), resource)] * int(count)
    return steps


def _side(arr: LayoutArrays, steps: list[ExpansionStep]) -> SideBlock:
    """Rules (8)-(10), (12), (13) of the layout model as the core's side block: columns
    ``o`` (boarding school), ``z`` (公用经费 floor pupils), ``r`` (relief shortfall)."""
    n, d, site = arr.n_sites, arr.pair_demand, arr.pair_site
    sites = np.arange(n)
    o, z, r = sites, n + sites, 2 * n + sites
    rows = _Rows()
    for i in np.flatnonzero(arr.min_size > 0):  # (8) minimum size
        rows.add("(8)", 0.0, INF, pairs=(site == i, d), opens=([i], [-arr.min_size[i]]))
    for i in np.flatnonzero(boarding_candidates(arr)):  # (9a) a boarding school is open
        rows.add("(9)", -INF, 0.0, opens=([i], [-1.0]), side=([o[i]], [1.0]))
    for i in planned_boarder_sites(arr):  # (9b) ... and has min_boarders planned boarders
        rows.add("(9)", 0.0, INF, pairs=(site == i, d * arr.pair_boarding),
                 side=([o[i]], [-arr.min_boarders]))
    step_res = np.array([s.resource for s in steps], dtype=np.int64)
    for members in arr.towns:  # (9c) one per town and stage
        rows.add("(9)", 1.0, INF, side=(o[members], np.ones(len(members))))
    if arr.budget is not None:  # (10) construction budget, in units of the largest cost
        unit = max(arr.capital_new, arr.capital_room, arr.capital_block) or 1.0
        new = np.flatnonzero(~arr.existing)
        rows.add("(10)", -INF, arr.budget / unit, opens=(new, np.full(new.size, arr.capital_new / unit)),
                 steps=(np.arange(len(steps)), np.where(step_res == 2, arr.capital_block,
                                                        arr.capital_room) / unit),
                 pairs=(arr.pair_capital > 0, arr.pair_capital / unit))  # (16) new sites
    floor = np.where(arr.floor_quota > 0, arr.floor_pupils, 0.0)
    for group, column, lower in (("(12)", r, arr.stay_floor), ("(13)", z, floor)):
        for i in np.flatnonzero(lower > 0):  # (12) relief floor, (13) 公用经费 floor
            rows.add(group, 0.0, INF, pairs=(site == i, d), opens=([i], [-lower[i]]),
                     side=([column[i]], [1.0]))
    return rows.block(
        cost=np.r_[np.zeros(n), arr.floor_quota, np.full(n, RELIEF_SHORT_YUAN)],
        upper=np.r_[boarding_candidates(arr).astype(float), floor, arr.stay_floor],
        integer=np.r_[np.ones(n, bool), np.zeros(2 * n, bool)])


class _Rows:
    """Side rows collected one by one (a few hundred per county) into a :class:`SideBlock`."""

    def __init__(self) -> None:
        self.groups: list[str] = []
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.parts: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {
            "opens": [], "steps": [], "pairs": [], "side": []}

    def add(self, group: str, lo: float, hi: float, **parts) -> None:
        row = len(self.groups)
        self.groups.append(group)
        self.lo.append(float(lo))
        self.hi.append(float(hi))
        for name, (index, coef) in parts.items():
            index = np.asarray(index)
            if index.dtype == bool:  # a mask over pairs with a coefficient per pair
                coef, index = np.asarray(coef)[index], np.flatnonzero(index)
            self.parts[name].append((np.full(len(index), row), index, np.asarray(coef, float)))

    def entries(self, name: str) -> Entries:
        found = self.parts[name]
        if not found:
            return Entries()
        return Entries(*(np.concatenate([f[k] for f in found]) for k in range(3)))

    def block(self, *, cost: np.ndarray, upper: np.ndarray, integer: np.ndarray) -> SideBlock:
        return SideBlock(cost=cost, lower=0.0, upper=upper, integer=integer,
                         row_lower=self.lo, row_upper=self.hi, groups=tuple(self.groups),
                         on_open=self.entries("opens"), on_step=self.entries("steps"),
                         on_pair=self.entries("pairs"), on_side=self.entries("side"))


def layout_facility_problem(arr: LayoutArrays) -> FacilityProblem:
    """The full layout instance as the core's problem: four resources (3)-(6) per site
    (:data:`RESOURCES`; beds used per pair, by the share of its pupils who board there),
    classrooms and bed blocks as expansion steps ((7) and (7')), single sourcing, and rules
    (8)-(10), (12), (13) as the side block; same site, customer and pair numbers."""
    d = arr.pair_demand
    steps = _steps(arr)
    usage = np.c_[d * arr.pair_primary, d * ~arr.pair_primary, d * arr.pair_boarding, d]
    return FacilityProblem(
        fixed_cost=arr.open_cost, demand=customer_demand(arr),
        capacity=np.c_[arr.seats_primary, arr.seats_junior, arr.beds, arr.size_cap],
        pair_site=arr.pair_site, pair_customer=arr.pair_customer, pair_cost=arr.pair_cost,
        usage=usage, expansions=steps, side=_side(arr, steps), resource_names=RESOURCES,
        forced_open=arr.lower_open > 0, forced_closed=arr.upper_open == 0,
        already_open=arr.existing, single_source=True)


def full_layout_values(arr: LayoutArrays, cols: LayoutColumns, n_cols: int,
                       solution: FacilitySolution) -> np.ndarray:
    """A core solution of :func:`layout_facility_problem` as column values of the layout
    MILP of ``arr`` (rooms and bed blocks from the steps, o, z, r from the side columns)."""
    values = layout_values(arr, cols, n_cols, replace(solution, expansions={}))
    for (site, resource), count in solution.expansions.items():
        values[(cols.a_p, cols.a_j, cols.b)[resource][site]] = count
    side = np.asarray(solution.side_values, float)
    n = arr.n_sites
    values[cols.o], values[cols.z], values[cols.r] = side[:n], side[n: 2 * n], side[2 * n:]
    return values


def core_start(arr: LayoutArrays, cols: LayoutColumns, values: np.ndarray) -> FacilitySolution:
    """Layout MILP column values (a warm start) as a solution of
    :func:`layout_facility_problem`, to hand the core as its first incumbent."""
    v = np.where(np.isin(np.arange(values.size), np.r_[cols.z, cols.r]), values,
                 np.round(values))
    chosen = np.flatnonzero(v[cols.x] > 0.5)
    expansions = {(int(i), resource): int(v[block][i])
                  for resource, block in enumerate((cols.a_p, cols.a_j, cols.b))
                  for i in np.flatnonzero(v[block] > 0.5)}
    return FacilitySolution(
        status=SolveStatus.TIME_LIMIT, objective=math.nan, bound=-math.inf, gap=math.inf,
        open_sites=tuple(np.flatnonzero(v[cols.y] > 0.5).tolist()), expansions=expansions,
        assignment=tuple(Assignment(int(arr.pair_customer[k]), int(arr.pair_site[k]), 1.0)
                         for k in chosen),
        seconds=0.0, side_values=tuple(np.r_[v[cols.o], v[cols.z], v[cols.r]].tolist()))


def solve_layout_core(arr: LayoutArrays, solver: HighsSolver) -> tuple[MilpResult, LayoutColumns]:
    """Solve the layout of ``arr`` through the facility core: the layout's warm start
    (:mod:`~junheng.planning.layout_start`) as the core's first incumbent, then the core's
    Lagrangian bound, reduced-cost fixing, neighbourhood search and HiGHS
    (:func:`~junheng.optimize.solve_facility`) within ``solver.time_limit``. The answer is
    checked by the layout MILP's own rows and returned as that MILP's result."""
    began = time.perf_counter()
    milp, cols = build_layout_milp(arr)
    start = find_start(arr, milp, cols, solver)
    core = layout_facility_problem(arr)
    options = SolveOptions(time_limit=max(solver.time_limit - start.seconds, 1.0),
                           relative_gap=solver.relative_gap, seed=solver.seed,
                           threads=solver.threads, search=start.values is None)
    first = None if start.values is None else core_start(arr, cols, start.values)
    try:
        solution = solve_facility(core, options, start=first)
    except SolverError as error:
        bound = -math.inf if error.bound is None else error.bound
        return MilpResult(SolveStatus.NO_SOLUTION, None, bound, None,
                          time.perf_counter() - began, 0, None), cols
    except InfeasibleError:
        return MilpResult(SolveStatus.INFEASIBLE, None, math.inf, None,
                          time.perf_counter() - began, 0, None), cols
    values = full_layout_values(arr, cols, milp.n_cols, solution)
    if milp.violation(values) > 1e-6:
        raise SolverError("设施核心求得的布局方案未通过布局模型的约束校验：请报告此问题。",
                          status="error", bound=solution.bound, gap=solution.gap)
    return MilpResult(solution.status, milp.objective(values), solution.bound, solution.gap,
                      time.perf_counter() - began, int(solution.details.get("mip_nodes", 0)),
                      values), cols
