"""The layout problem where the facility core can state it: one vocabulary, two solvers.

The core's :class:`~junheng.optimize.FacilityProblem` and the layout model
(:mod:`junheng.planning.layout_model`) name the same things alike: sites ``i`` (schools,
teaching points, candidate sites; ``fixed_cost`` = the layout's ``open_cost``; forced open /
closed = kept / closed by the plan; already open = existing), customers ``j`` (village ×
stage group, ``demand``), pairs ``(i, j)`` (``pair_site``, ``pair_customer``,
``pair_cost``), capacities per site with expansion steps, and an assignment of each
customer to a site. The core has one capacity per site; the layout model has four (primary
seats, junior seats, beds, the size cap), expands three of them by classrooms and bed
blocks, and adds rules (8)-(10).

Where the core can state the instance — the size cap as the one capacity, single sourcing,
no expansions and no rules (8)-(10) — :func:`single_capacity` gives it in the layout
model's arrays (the layout path solves it unchanged) and :func:`facility_problem` in the
core's, with the same site, customer and pair numbers; :func:`layout_values` carries a core
solution to the layout MILP's columns and :func:`facility_solution` a layout solution to the
core's types, so either solver's answer is checked by the other's model. ``python -m bench.layout`` solves it both ways (figures in
:mod:`junheng.optimize`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from junheng.optimize import Assignment, FacilityProblem, FacilitySolution, MilpResult
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model import LayoutColumns


def customer_demand(arr: LayoutArrays) -> np.ndarray:
    """Demand per customer position (every customer has at least one pair)."""
    demand = np.zeros(arr.n_customers)
    demand[arr.pair_customer] = arr.pair_demand
    return demand


def single_capacity(arr: LayoutArrays) -> LayoutArrays:
    """``arr`` with the size cap (6) as the only capacity: seats and beds as large as the
    cap (so (3)-(5) never bind), no classrooms or bed blocks to add, and no minimum size
    (8), town boarding rule (9) or budget (10)."""
    none = np.zeros(arr.n_sites)
    return replace(arr, seats_primary=arr.size_cap, seats_junior=arr.size_cap,
                   beds=arr.size_cap, max_rooms=none, max_blocks=none, min_size=none,
                   towns=(), budget=None)


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
