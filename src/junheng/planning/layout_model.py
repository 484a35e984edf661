"""The layout MILP (布局调整) and its solution.

Sets: customers c (village × stage group, demand d_c), sites s (existing schools, teaching
points, candidate new sites), allowed pairs (c, s) within the travel limits.

Variables: x_cs ∈ {0,1} (c goes to s), y_s ∈ {0,1} (s open), a_s^P, a_s^J ∈ ℤ₊ added
classrooms per stage, b_s ∈ ℤ₊ added bed blocks, o_s ∈ {0,1} (s counts as a boarding school).

Objective (元 per year, weights reported with the plan):
  Σ_cs d_c·t_cs·trips(c,s)·w_min·x_cs + Σ_cs∈boarding d_c·w_boarder·x_cs
  + Σ_s w_op·y_s + (K_new·y_s[new] + K_room·(a^P + a^J) + K_bed·b) / capital_years

Constraints:
  (1) Σ_s x_cs = 1 for every customer (single school per village and group)
  (2) x_cs ≤ y_s (strong linking)
  (3) Σ_{c primary} d_c x_cs ≤ seats^P_s·y_s + size^P·a^P_s  (class size ≤ standard)
  (4) Σ_{c junior} d_c x_cs ≤ seats^J_s·y_s + size^J·a^J_s
  (5) Σ_{c boarding at s} d_c x_cs ≤ beds_s·y_s + block·b_s  (boarders have beds)
  (6) Σ_c d_c x_cs ≤ cap_s·y_s  (school size cap 2000 / 2500 for 一贯制)
  (7) a^P_s ≤ M^P_s·y_s, a^J_s ≤ M^J_s·y_s, b_s ≤ M^B_s·y_s  (build only where open), with
      (7') M^P_s = min(max rooms, ⌈(D^P_s − seats^P_s)⁺ / size^P⌉) where D^P_s is the primary
      demand of every customer with a pair at s, M^J_s likewise, and M^B_s = min(max blocks,
      ⌈(max(D^B_s, min_beds if s may be its town's boarding school) − beds_s)⁺ / block⌉),
      D^B_s the demand that would board at s; also the upper bounds of a^P, a^J, b. A plan
      never needs more (fewer rooms or beds only loosen (3)–(5), (9) and (10) and cost less),
      so the optimum is unchanged and the LP is tighter than with one big-M per site
  (8) Σ_c d_c x_cs ≥ min_s·y_s for existing sites not exempt (小规模学校撤并，应留必留 exempt)
  (9) o_s ≤ y_s; beds_s + block·b_s ≥ min_beds·o_s; Σ_{s in town, primary} o_s ≥ 1 and
      Σ_{s in town, junior} o_s ≥ 1 for every town the rule covers
  (10) K_new·Σ y_new + K_room·Σ(a^P + a^J) + K_bed·Σ b ≤ annual budget × phases, the row
      divided by the largest unit cost (coefficients near 1 for the solver, same rule)
  (11) y_s = 1 for sites kept by the plan, y_s = 0 for sites closed by it

Solving (:func:`solve_layout`): the rows are built in bulk from
:class:`~junheng.planning.layout_data.LayoutArrays`; a warm start (LP relaxation, RENS
sub-MIP, local search: :mod:`junheng.planning.layout_heuristic`) is checked against these
rows and handed to HiGHS, which then proves the gap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from junheng.errors import InfeasibleError
from junheng.planning.layout_data import (
    GROUP_LABELS,
    GROUP_STAGE,
    LayoutArrays,
    LayoutProblem,
    exempt_sites,
    layout_arrays,
)
from junheng.planning.layout_heuristic import WarmStart
from junheng.planning.layout_heuristic import warm_start as find_start
from junheng.planning.milp import Milp

# HiGHS's own searches for a first plan, switched off when the warm start gives one: with
# them on, half the solve went to sub-MIPs that rarely beat the start (bench.layout).
START_SKIPS = ("mip_heuristic_run_rens", "mip_heuristic_run_root_reduced_cost",
               "mip_heuristic_run_feasibility_jump")


@dataclass(frozen=True)
class LayoutSolution:
    """The solved end state: which sites are open, what is built, who goes where."""

    status: str
    objective: float
    bound: float
    gap: float
    seconds: float
    open_sites: frozenset[str]
    added_primary_rooms: dict[str, int]
    added_junior_rooms: dict[str, int]
    added_bed_blocks: dict[str, int]
    boarding_schools: frozenset[str]
    assignment: pd.DataFrame  # customer, site_id, travel_min, distance_km, boarding
    exempt: dict[str, list[int]]  # site -> customers only it can serve (应留必留)


def explain_infeasible(problem: LayoutProblem) -> None:
    """Raise with the villages that no school can take within the limits, if any."""
    closed = set(problem.config.close)
    served = set(problem.pairs.loc[~problem.pairs["site_id"].isin(closed), "customer"])
    stranded = problem.customers.loc[~problem.customers.index.isin(served)]
    cfg = problem.config
    if not stranded.empty:
        lines = [f"{r.village_name}（{r.village_code}）{GROUP_LABELS[r.group]} {r.demand} 人"
                 for r in stranded.head(20).itertuples()]
        more = f" 等共 {len(stranded)} 处" if len(stranded) > 20 else ""
        raise InfeasibleError(
            f"以下村居的学生在限制内没有可就读的学校{more}：" + "；".join(lines)
            + f"。一至三年级须走读且单程不超过 {cfg.day_travel_limit_min:g} 分钟，四至九年级寄宿单程不超过 "
            f"{cfg.boarding_travel_limit_min:g} 分钟。请放宽通行时间上限或增加候选校址。",
            details={"stranded": stranded[["village_code", "group", "demand"]].to_dict("records")})


@dataclass(frozen=True)
class LayoutColumns:
    """Column indices of each variable block of the layout MILP, by site or pair position."""

    x: np.ndarray
    y: np.ndarray
    a_p: np.ndarray
    a_j: np.ndarray
    b: np.ndarray
    o: np.ndarray


def room_bounds(arr: LayoutArrays) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Upper bounds of a^P, a^J and b per site (7'): the configured maxima, cut to what the
    pupils who may come (and a boarding school's minimum beds) could ever need."""
    d, site = arr.pair_demand, arr.pair_site
    n = arr.n_sites
    pot_p = np.bincount(site, d * arr.pair_primary, minlength=n)
    pot_j = np.bincount(site, d * ~arr.pair_primary, minlength=n)
    pot_b = np.bincount(site, d * arr.pair_boarding, minlength=n)
    rooms_p = np.ceil(np.maximum(pot_p - arr.seats_primary, 0) / arr.class_primary)
    rooms_j = np.ceil(np.maximum(pot_j - arr.seats_junior, 0) / arr.class_junior)
    in_town = np.zeros(n, bool)
    for members in arr.towns:
        in_town[members] = True
    need_b = np.maximum(pot_b, np.where(in_town, arr.min_boarding_beds, 0.0)) - arr.beds
    blocks = np.ceil(np.maximum(need_b, 0) / arr.bed_block)
    return (np.minimum(arr.max_rooms * arr.offers_primary, rooms_p),
            np.minimum(arr.max_rooms * arr.offers_junior, rooms_j),
            np.minimum(arr.max_blocks, blocks))


def build_layout_milp(arr: LayoutArrays, *, strong: bool = True) -> tuple[Milp, LayoutColumns]:
    """The MILP of the module docstring, rows added in bulk (one block per numbered rule)."""
    n, n_pairs = arr.n_sites, len(arr.pair_site)
    site, d = arr.pair_site, arr.pair_demand
    sites = np.arange(n)
    max_p, max_j, max_b = room_bounds(arr) if strong else (
        arr.max_rooms * arr.offers_primary, arr.max_rooms * arr.offers_junior, arr.max_blocks)
    m = Milp()
    x = m.add_block(arr.pair_cost, 0, 1, True)
    y = m.add_block(arr.open_cost, arr.lower_open, arr.upper_open, True)
    a_p = m.add_block(np.full(n, arr.room_cost), 0, max_p, True)
    a_j = m.add_block(np.full(n, arr.room_cost), 0, max_j, True)
    b = m.add_block(np.full(n, arr.block_cost), 0, max_b, True)
    o = m.add_block(np.zeros(n), 0, arr.can_board.astype(float), True)
    ones = np.ones(n_pairs)
    # (1) every customer is assigned once
    m.add_rows(arr.pair_customer, x, ones, 1.0, 1.0)
    if strong:  # (2) x_cs - y_s <= 0
        link = np.arange(n_pairs)
        m.add_rows(np.r_[link, link], np.r_[x, y[site]], np.r_[ones, -ones], -np.inf, 0.0)
    else:  # the aggregated textbook link, the benchmark's baseline
        counts = np.bincount(site, minlength=n).astype(float)
        m.add_rows(np.r_[site, sites], np.r_[x, y], np.r_[ones, -counts], -np.inf, 0.0)
    prim, boards = arr.pair_primary, arr.pair_boarding
    # (3) primary seats, (4) junior seats, (5) beds for boarders, (6) school size cap
    for mask, cap, room, per_room in (
            (prim, arr.seats_primary, a_p, arr.class_primary),
            (~prim, arr.seats_junior, a_j, arr.class_junior),
            (boards, arr.beds, b, np.full(n, float(arr.bed_block))),
            (np.ones(n_pairs, bool), arr.size_cap, None, None)):
        rows, cols, vals = [site[mask], sites], [x[mask], y], [d[mask], -cap]
        if room is not None:
            rows.append(sites)
            cols.append(room)
            vals.append(-per_room)
        m.add_rows(np.concatenate(rows), np.concatenate(cols), np.concatenate(vals),
                   -np.inf, 0.0)
    # (7) build only where open
    if strong:
        for room, bound in ((a_p, max_p), (a_j, max_j), (b, max_b)):
            m.add_rows(np.r_[sites, sites], np.r_[room, y], np.r_[np.ones(n), -bound],
                       -np.inf, 0.0)
    else:
        m.add_rows(np.tile(sites, 4), np.r_[a_p, a_j, b, y],
                   np.r_[np.ones(2 * n), np.full(n, float(arr.bed_block)),
                         -(2 * arr.max_rooms + arr.max_added_beds)], -np.inf, 0.0)
    # (8) minimum size unless the only school within reach, or kept by the plan
    small = np.flatnonzero(arr.min_size > 0)
    if len(small):
        local = np.full(n, -1)
        local[small] = np.arange(len(small))
        at = local[site] >= 0
        m.add_rows(np.r_[local[site[at]], np.arange(len(small))], np.r_[x[at], y[small]],
                   np.r_[d[at], -arr.min_size[small]], 0.0, np.inf)
    # (9) a boarding school is open and has beds; one per town and stage
    m.add_rows(np.r_[sites, sites], np.r_[o, y], np.r_[np.ones(n), -np.ones(n)], -np.inf, 0.0)
    m.add_rows(np.r_[sites, sites], np.r_[b, o],
               np.r_[np.full(n, float(arr.bed_block)), np.full(n, -float(arr.min_boarding_beds))],
               -arr.beds, np.inf)
    for members in arr.towns:
        m.add_row(o[members], 1.0, lo=1.0)
    # (10) total construction budget over the phases, in units of the largest unit cost
    if arr.budget is not None:
        new = np.flatnonzero(~arr.existing)
        unit = max(arr.capital_new, arr.capital_room, arr.capital_block) or 1.0
        m.add_row(np.r_[y[new], a_p, a_j, b],
                  np.r_[np.full(len(new), arr.capital_new), np.full(2 * n, arr.capital_room),
                        np.full(n, arr.capital_block)] / unit, hi=arr.budget / unit)
    return m, LayoutColumns(x, y, a_p, a_j, b, o)


def solve_layout(problem: LayoutProblem, *, seed: int = 0, strong: bool = True,
                 warm_start: bool = True) -> LayoutSolution:
    """Build and solve the MILP; raise :class:`InfeasibleError` with reasons when none exists.

    With ``warm_start`` HiGHS begins from the plan of
    :func:`~junheng.planning.layout_heuristic.warm_start` (LP relaxation, RENS sub-MIP, local
    search; verified against the MILP's rows) and, having it, skips its own search heuristics
    that duplicate it (RENS, reduced-cost sub-MIPs, feasibility jump; RINS stays). The time
    limit covers the warm start and the solve. ``strong=False`` replaces (2) by the
    aggregated textbook link Σ_c x_cs ≤ |C|·y_s and (7) by one aggregated big-M row without
    (7'); with ``warm_start=False`` it is the benchmark's baseline.
    """
    explain_infeasible(problem)
    cfg = problem.config
    exempt = exempt_sites(problem)
    arr = layout_arrays(problem, exempt)
    m, cols = build_layout_milp(arr, strong=strong)
    start = (find_start(arr, m, cols, seed=seed, time_limit=cfg.time_limit_s) if warm_start
             else WarmStart(None, None, "none", None, 0.0))
    options = dict.fromkeys(START_SKIPS, False) if start.values is not None else {}
    result = m.solve(time_limit=max(cfg.time_limit_s - start.seconds, 1.0), gap=cfg.gap,
                     seed=seed, start=start.values, options=options)
    if result.values is None:
        raise InfeasibleError(_why_infeasible(problem, result.status))
    return _solution(problem, replace(result, seconds=result.seconds + start.seconds), cols,
                     exempt)


def _why_infeasible(problem: LayoutProblem, status: str) -> str:
    cfg = problem.config
    demand = problem.customers.groupby(problem.customers["group"].map(GROUP_STAGE))["demand"].sum()
    if status == "time_limit":
        return (f"在 {cfg.time_limit_s:g} 秒内未找到可行方案：请延长求解时间或放宽约束。")
    return ("在当前规则下没有可行的布局方案（需求：小学 {p:,} 人、初中 {j:,} 人）。可能的原因：扩建上限或预算"
            "不足以容纳需求、最小规模与保留/撤并名单冲突、寄宿床位不足。请放宽 max_added_classrooms、"
            "annual_budget_yuan 或通行时间上限后重试。").format(
        p=int(demand.get("primary", 0)), j=int(demand.get("junior", 0)))


def _solution(problem, result, cols: LayoutColumns, exempt) -> LayoutSolution:
    v = np.round(result.values).astype(int)
    x, y, a_p, a_j, b, o = cols.x, cols.y, cols.a_p, cols.a_j, cols.b, cols.o
    sites = problem.sites.index
    chosen = problem.pairs[v[x] == 1].copy()
    chosen = chosen.drop_duplicates("customer").set_index("customer").sort_index()
    nz = lambda arr: {sites[i]: int(v[arr][i]) for i in np.flatnonzero(v[arr])}  # noqa: E731
    return LayoutSolution(
        status=result.status, objective=result.objective, bound=result.bound,
        gap=max(0.0, result.gap or 0.0), seconds=result.seconds,
        open_sites=frozenset(sites[v[y] == 1]), added_primary_rooms=nz(a_p),
        added_junior_rooms=nz(a_j), added_bed_blocks=nz(b),
        boarding_schools=frozenset(sites[v[o] == 1]),
        assignment=chosen[["site_id", "travel_min", "distance_km", "boarding"]],
        exempt=exempt)
