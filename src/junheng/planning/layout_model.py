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
  (7) a^P_s, a^J_s ≤ max·y_s; b_s ≤ max·y_s  (build only where open)
  (8) Σ_c d_c x_cs ≥ min_s·y_s for existing sites not exempt (小规模学校撤并，应留必留 exempt)
  (9) o_s ≤ y_s; beds_s + block·b_s ≥ min_beds·o_s; Σ_{s in town, primary} o_s ≥ 1 and
      Σ_{s in town, junior} o_s ≥ 1 for every town the rule covers
  (10) K_new·Σ y_new + K_room·Σ(a^P + a^J) + K_bed·Σ b ≤ annual budget × phases
  (11) y_s = 1 for sites kept by the plan, y_s = 0 for sites closed by it
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import InfeasibleError
from junheng.planning.layout_data import GROUP_LABELS, GROUP_STAGE, SITE_GROUPS, LayoutProblem
from junheng.planning.milp import Milp


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


def pair_cost(problem: LayoutProblem, pairs: pd.DataFrame) -> np.ndarray:
    """Yearly cost of each pair: travel time valued per pupil-minute, plus boarding cost."""
    w = problem.config.weights
    demand = problem.customers["demand"].reindex(pairs["customer"]).to_numpy(float)
    trips = np.where(pairs["boarding"], w.boarder_trips_per_year, w.day_trips_per_year)
    return (demand * pairs["travel_min"].to_numpy() * trips * w.yuan_per_pupil_minute
            + np.where(pairs["boarding"], demand * w.boarder_yuan_per_year, 0.0))


def exempt_sites(problem: LayoutProblem) -> dict[str, list[int]]:
    """Sites that are the only school within the limits for some customer (应留必留)."""
    counts = problem.pairs.groupby("customer")["site_id"].agg(["nunique", "first"])
    only = counts[counts["nunique"] == 1]
    out: dict[str, list[int]] = {}
    for customer, site in only["first"].items():
        out.setdefault(site, []).append(int(customer))
    return out


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


def solve_layout(problem: LayoutProblem, *, seed: int = 0, strong: bool = True
                 ) -> LayoutSolution:
    """Build and solve the MILP; raise :class:`InfeasibleError` with reasons when none exists.

    ``strong=False`` replaces (2) by the aggregated textbook link Σ_c x_cs ≤ |C|·y_s; it
    exists only as the benchmark's baseline.
    """
    explain_infeasible(problem)
    cfg = problem.config
    sites = problem.sites
    pairs = problem.pairs
    site_pos = {s: i for i, s in enumerate(sites.index)}
    pair_site = pairs["site_id"].map(site_pos).to_numpy()
    demand = problem.customers["demand"].reindex(pairs["customer"]).to_numpy(float)
    stage = problem.customers["group"].map(GROUP_STAGE).reindex(pairs["customer"]).to_numpy()
    exempt = exempt_sites(problem)
    w, k = cfg.weights, cfg.costs
    n = len(sites)
    existing = sites["existing"].to_numpy(bool)
    offers_p = sites["kind"].map(lambda t: "grades_4_6" in SITE_GROUPS[t] or t == "teaching_point"
                                 ).to_numpy(bool)
    offers_j = sites["kind"].map(lambda t: "grades_7_9" in SITE_GROUPS[t]).to_numpy(bool)
    can_board = sites["kind"].map(lambda t: t != "teaching_point").to_numpy(bool)
    max_rooms = np.where(existing, cfg.max_added_classrooms, cfg.max_added_classrooms_new)
    max_blocks = (cfg.max_added_beds // cfg.bed_block) * can_board

    m = Milp()
    x = m.add_block(pair_cost(problem, pairs), 0, 1, True)
    lower_y = np.array([1.0 if s in cfg.keep else 0.0 for s in sites.index])
    upper_y = np.array([0.0 if s in cfg.close else 1.0 for s in sites.index])
    y_cost = w.operating_yuan_per_school + np.where(existing, 0.0,
                                                    k.new_school_yuan / w.capital_years)
    y = m.add_block(y_cost, lower_y, upper_y, True)
    room_cost = k.classroom_yuan / w.capital_years
    a_p = m.add_block(np.full(n, room_cost), 0, max_rooms * offers_p, True)
    a_j = m.add_block(np.full(n, room_cost), 0, max_rooms * offers_j, True)
    b = m.add_block(np.full(n, k.bed_block_yuan / w.capital_years), 0, max_blocks, True)
    o = m.add_block(np.zeros(n), 0, can_board.astype(float), True)

    # (1) every customer is assigned once
    customer_row = pd.factorize(pairs["customer"])[0]
    m.add_rows(customer_row, x, np.ones(len(x)), 1.0, 1.0)
    # (2) strong linking x_cs - y_s <= 0
    link = np.arange(len(pairs))
    if strong:
        m.add_rows(np.r_[link, link], np.r_[x, y[pair_site]],
                   np.r_[np.ones(len(x)), -np.ones(len(x))], -np.inf, 0.0)
    else:
        counts = np.bincount(pair_site, minlength=n).astype(float)
        m.add_rows(np.r_[pair_site, np.arange(n)], np.r_[x, y], np.r_[np.ones(len(x)), -counts],
                   -np.inf, 0.0)
    by_site = pd.Series(np.arange(len(pairs))).groupby(pair_site).apply(np.asarray)
    seats_p = sites["seats_primary"].to_numpy(float)
    seats_j = sites["seats_junior"].to_numpy(float)
    size_p = sites["class_size_primary"].to_numpy(float)
    size_j = sites["class_size_junior"].to_numpy(float)
    beds = sites["beds"].to_numpy(float)
    boarding = pairs["boarding"].to_numpy(bool)
    for s in range(n):
        idx = by_site.get(s, np.zeros(0, int))
        prim, jun = idx[stage[idx] == "primary"], idx[stage[idx] == "junior"]
        # (3) primary seats, (4) junior seats
        m.add_row(np.r_[x[prim], y[s], a_p[s]], np.r_[demand[prim], -seats_p[s], -size_p[s]],
                  hi=0.0)
        m.add_row(np.r_[x[jun], y[s], a_j[s]], np.r_[demand[jun], -seats_j[s], -size_j[s]],
                  hi=0.0)
        # (5) beds for boarders
        brd = idx[boarding[idx]]
        m.add_row(np.r_[x[brd], y[s], b[s]], np.r_[demand[brd], -beds[s], -cfg.bed_block],
                  hi=0.0)
        # (6) school size cap
        m.add_row(np.r_[x[idx], y[s]], np.r_[demand[idx], -sites["size_cap"].iat[s]], hi=0.0)
        # (7) build only where open
        m.add_row([a_p[s], a_j[s], b[s], y[s]],
                  [1.0, 1.0, cfg.bed_block, -(2 * max_rooms[s] + cfg.max_added_beds)], hi=0.0)
        # (8) minimum size unless the only school within reach, or kept by the plan
        min_size = sites["min_size"].iat[s]
        sid = sites.index[s]
        if min_size > 0 and sid not in exempt and sid not in cfg.keep:
            m.add_row(np.r_[x[idx], y[s]], np.r_[demand[idx], -float(min_size)], lo=0.0)
        # (9) a boarding school is open and has beds
        m.add_row([o[s], y[s]], [1.0, -1.0], hi=0.0)
        m.add_row([b[s], o[s]], [cfg.bed_block, -cfg.min_boarding_beds], lo=-beds[s])
    for rows in boarding_town_rows(problem, offers_p, offers_j):
        m.add_row(o[rows], 1.0, lo=1.0)
    # (10) total construction budget over the phases
    if cfg.annual_budget_yuan is not None:
        new = np.flatnonzero(~existing)
        m.add_row(np.r_[y[new], a_p, a_j, b],
                  np.r_[np.full(len(new), k.new_school_yuan), np.full(2 * n, k.classroom_yuan),
                        np.full(n, k.bed_block_yuan)],
                  hi=cfg.annual_budget_yuan * cfg.phases)
    result = m.solve(time_limit=cfg.time_limit_s, gap=cfg.gap, seed=seed)
    if result.values is None:
        raise InfeasibleError(_why_infeasible(problem, result.status))
    return _solution(problem, result, x, y, a_p, a_j, b, o, exempt)


def boarding_town_rows(problem: LayoutProblem, offers_p: np.ndarray, offers_j: np.ndarray
                       ) -> list[np.ndarray]:
    """Site positions per town and stage for rule (9), for the towns the rule covers."""
    cfg = problem.config
    if not cfg.boarding_per_town:
        return []
    sites = problem.sites
    town_kind = sites["urban_rural_code"].isin(["111", "112"]).groupby(sites["town_code"]).mean()
    rows = []
    for town, urban_share in town_kind.items():
        if cfg.boarding_per_town_skip_urban and urban_share > 0.5:
            continue
        in_town = (sites["town_code"] == town).to_numpy()
        for offers in (offers_p & (sites["kind"] != "teaching_point").to_numpy(), offers_j):
            members = np.flatnonzero(in_town & offers)
            if len(members) == 0:
                raise InfeasibleError(
                    f"乡镇 {town} 没有可办成寄宿制的小学或初中，也没有候选新校址，无法满足“每个乡镇至少一所"
                    "寄宿制小学和初中”：请增加候选校址或关闭该规则。")
            rows.append(members)
    return rows


def _why_infeasible(problem: LayoutProblem, status: str) -> str:
    cfg = problem.config
    demand = problem.customers.groupby(problem.customers["group"].map(GROUP_STAGE))["demand"].sum()
    if status == "time_limit":
        return (f"在 {cfg.time_limit_s:g} 秒内未找到可行方案：请延长求解时间或放宽约束。")
    return ("在当前规则下没有可行的布局方案（需求：小学 {p:,} 人、初中 {j:,} 人）。可能的原因：扩建上限或预算"
            "不足以容纳需求、最小规模与保留/撤并名单冲突、寄宿床位不足。请放宽 max_added_classrooms、"
            "annual_budget_yuan 或通行时间上限后重试。").format(
        p=int(demand.get("primary", 0)), j=int(demand.get("junior", 0)))


def _solution(problem, result, x, y, a_p, a_j, b, o, exempt) -> LayoutSolution:
    v = np.round(result.values).astype(int)
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
