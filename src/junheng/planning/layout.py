"""School layout planning (布局调整): which schools and 教学点 to keep, merge, expand or build,
and where each village's children go, solved to proven optimality or a reported gap.

>>> from junheng.io import example_county
>>> from junheng.planning import load_layout_config
>>> plan = plan_layout(example_county(), load_layout_config())
>>> plan.outcome.status, plan.outcome.action_counts()
('optimal', {'expand': 2, 'keep': 1, 'close': 1})
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from junheng.evaluate import evaluate
from junheng.model import CountyData
from junheng.model.areas import county_seat
from junheng.model.memo import per_object
from junheng.optimize import SolveStatus
from junheng.planning import layout_phases as phasing
from junheng.planning import layout_small as small
from junheng.planning import layout_trips as trips
from junheng.planning import layout_zoning as zoning
from junheng.planning.layout_areas import planned_areas, receiver_note
from junheng.planning.layout_board_option import town_names, with_boarding_status
from junheng.planning.layout_boarding import boarding_notes, unmet_notes
from junheng.planning.layout_conditions import lead_years, with_conditions, with_openings
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_costs import (
    SPENDING,
    built_capital,
    cost_parts,
    county_quotas,
    extra_weights,
    funding_floor,
    room_counts,
    staff_figures,
    with_floor_unpaid,
)
from junheng.planning.layout_counts import built_only, room_shortfalls, stage_rooms_of
from junheng.planning.layout_county import STANDARD, cv_assumptions, planning_year, resource_cvs
from junheng.planning.layout_cv import cv_limits, cv_notes, enforce_cv_limits, pupil_trend
from junheng.planning.layout_data import (
    GROUP_LABELS,
    GROUP_STAGE,
    LayoutProblem,
    boarding_towns,
    build_layout_problem,
    layout_sites,
    now_frame,
)
from junheng.planning.layout_forecast import FORECAST_RULE, forecast_used
from junheng.planning.layout_land import land_figures
from junheng.planning.layout_later import with_later_need
from junheng.planning.layout_model import LayoutSolution, solve_layout
from junheng.planning.layout_newsite import named_by_stage, plan_posts, posts_at
from junheng.planning.layout_outcome import (
    CvComparison,
    LayoutOutcome,
    planned_schools,
    shown_yuan,
    village_assignments,
)
from junheng.planning.layout_overload import overload_note, overload_reasons, year_overloads
from junheng.planning.layout_placed import placed_timing
from junheng.planning.layout_reasons import held_notes, opening_notes, opening_reason, room_notes
from junheng.planning.layout_receivers import closed_receivers as _receivers
from junheng.planning.layout_receivers import main_receiver as _main_receiver
from junheng.planning.layout_reviewed import closing_years, reviewed_rules
from junheng.planning.layout_rules import cross_town_moves, floor_fields, opening_sites
from junheng.planning.layout_runs import kept_within, with_floors
from junheng.planning.layout_shifts import shift_names, shift_note, shift_reasons, year_shifts
from junheng.planning.layout_stay_new import reasons_begun, stay_new
from junheng.planning.layout_unmet import relief_reasons
from junheng.planning.layout_years import solved_site_years
from junheng.planning.staffing_peak import with_stage_posts
from junheng.standards import load_class_size

if TYPE_CHECKING:
    from junheng.evaluate import Evaluation


@dataclass(frozen=True)
class LayoutPlan:
    """A solved layout plan: the problem, the solver's solution and what the plan decided."""

    problem: LayoutProblem
    solution: LayoutSolution
    outcome: LayoutOutcome
    returned: tuple = ()  # year moves left out as their pupils would return (layout_stay_new)

    @property
    def status(self) -> SolveStatus:
        """How the solve ended; the outcome (``plan.json``) carries ``solution.plan_status``."""
        return self.solution.status

    @property
    def metrics(self) -> dict[str, dict[str, float]]:
        return self.outcome.metrics

    @property
    def kept_reasons(self) -> dict[str, str]:
        return self.outcome.kept_reasons


def rules_of(cfg: LayoutConfig) -> dict[str, Any]:
    """The policy rules in force, for the report (not ``min_boarding_beds``, review 2026-12-03 13b)."""
    return {**cfg.model_dump(exclude={"weights", "costs", "name", "time_limit_s", "node_limit", "gap", "min_boarding_beds"}),
            "plan_date": phasing.plan_day(cfg).isoformat(), "closures_reviewed": reviewed_rules(cfg)}


def with_cv_kept(rules: dict[str, Any], listed: list[str], kept: list[str]) -> dict[str, Any]:
    """``rules`` whose ``keep`` is the user's list again and, right after it, ``cv_kept``: the
    schools the CV repair loop kept open (they were added to ``keep`` for the re-solve; the
    sheet printed them as 必须保留, review 2026-12-03 finding 11).

    >>> with_cv_kept({"keep": ["A", "B"], "close": []}, ["A"], ["B"])
    {'keep': ['A'], 'cv_kept': ['B'], 'close': []}
    """
    out: dict[str, Any] = {}
    for key, value in rules.items():
        out[key] = list(listed) if key == "keep" else value
        if key == "keep":
            out["cv_kept"] = sorted(kept)
    return out


def plan_layout(data: CountyData, config: LayoutConfig, *,
                travel_matrix: pd.DataFrame | None = None, seed: int = 0,
                evaluate_cvs: bool = True, reported: CountyData | None = None) -> LayoutPlan:
    """Solve the layout problem for ``data`` under ``config`` and phase the result.

    With ``evaluate_cvs``, every candidate plan is re-evaluated by the evaluation engine on
    the county of the planning year it makes (:class:`~.layout_county.PlanningYear`, built
    as the 达标路径 builds it) and the 优质均衡 CV rule is enforced by the repair loop of
    :mod:`junheng.planning.layout_cv` (``config.cv_limits``); the CVs of the planning year
    without and with the plan, their limits and the causes of those over a limit are part
    of the outcome.
    ``reported`` is the county as reported when ``data`` adds its building projects
    (jobs.layout.plan_layout_with_projects): the 当前 column is its figures (review2
    finding 4), the projects count only in the 规划年 columns.
    """
    if not evaluate_cvs:
        return _solve_plan(data, config, travel_matrix, seed, reported)
    first = _solve_plan(data, config, travel_matrix, seed, reported)
    year = planning_year(data, first.problem)
    before, hires = year.before(), year.staffing_before().county()["hire"]

    def staffed(outcome: LayoutOutcome) -> LayoutOutcome:
        return year.with_staffing(outcome, config.weights.teacher_yuan_per_year, hires)

    def attempt(cfg: LayoutConfig) -> tuple[LayoutPlan, Evaluation]:
        plan = _solve_plan(data, cfg, travel_matrix, seed, reported)
        plan = replace(plan, outcome=staffed(plan.outcome))
        return plan, year.after(plan.outcome)

    def without(plan: LayoutPlan, sid: str) -> Evaluation:
        return year.after(staffed(year.reopened(plan.outcome, sid)))

    first = replace(first, outcome=staffed(first.outcome))
    plan, after, reasons = enforce_cv_limits(attempt, config, before, without=without,
                                             unsized=year.unsized,
                                             first=(first, year.after(first.outcome)))
    forecast = bool((plan.outcome.rules or {}).get(FORECAST_RULE))
    cvs = CvComparison(resource_cvs(before), resource_cvs(after), cv_assumptions(forecast),
                       cv_limits(before), cv_notes(before, after, year.unsized, school_tags(
                           data, plan.outcome), pupil_trend(plan.outcome)),
                       resource_cvs(evaluate(data if reported is None else reported, STANDARD)))
    outcome = replace(
        plan.outcome, evaluation=cvs, kept_reasons=reasons_begun({**plan.outcome.kept_reasons, **reasons}),
        rules=with_cv_kept(dict(plan.outcome.rules), config.keep, list(reasons)))
    # the junior 编制 by year (rv20 3) and the forecast period's 消化 figures (brief hstaff2 1), once, on the
    # county as the reports read it, from one stage_posts (brief hfix10b 4); the pupils' peak from the forecast the
    # plan was solved with (``data``: the county as reported has none)
    county = data if reported is None else reported
    return replace(plan, outcome=with_stage_posts(outcome, county, forecast=data))


def school_tags(data: CountyData, outcome: LayoutOutcome) -> dict[str, str]:
    """What a school is, for the CV cause sentences: a project's new school, a new school of
    the plan (民办 schools are told by the evaluation)."""
    from junheng.planning.projects import new_build_ids

    projects = new_build_ids(data)
    tags = {s.school_id: "布局方案新建学校" for s in outcome.schools if s.action == "new"}
    return {**tags, **{s.school_id: "在建、规划项目新建学校" for s in outcome.schools
                       if s.school_id in projects}}


def _solve_plan(data: CountyData, config: LayoutConfig, travel_matrix, seed: int,
                reported: CountyData | None = None) -> LayoutPlan:
    """One solve and its outcome, without the CVs, each school's 临时周转 kept within the limit
    (layout_runs.kept_within: the rooms that keep it so, built)."""
    problem = build_layout_problem(data, config, travel_matrix=travel_matrix)
    plan = _solved(data, problem, travel_matrix, seed, reported)
    return stay_new(problem, plan, lambda p: _solved(data, p, travel_matrix, seed, reported))


def _solved(data: CountyData, problem: LayoutProblem, travel_matrix, seed, reported) -> LayoutPlan:
    solution, first = solve_layout(problem, seed=seed), []
    room = problem.config.costs.classroom() / problem.config.weights.capital_years  # e_room

    def plan_of(floors: dict, timing: tuple | None = None) -> LayoutPlan:
        first.append(_planned(data, problem, with_floors(solution, floors, room), travel_matrix, reported, floors, timing))
        return first[-1]

    moving = set(problem.sites.index[problem.sites["relocating"]])  # returned: before any build
    return replace(kept_within(plan_of, problem.config.expansion_lead_years, moving, 3, placed_timing(data)), returned=first[0].returned)


def _planned(data: CountyData, problem: LayoutProblem, solution: LayoutSolution, travel_matrix,
             reported: CountyData | None, floors: dict, timing: tuple | None = None) -> LayoutPlan:
    """The outcome of a solve, ``floors`` the rooms built at least (layout_runs.run_floors); ``timing``: layout_placed."""
    assignments = _assignments(problem, solution)
    problem = named_by_stage(problem, assignments)
    schools, years = _school_actions(problem, solution, assignments, data, floors, timing)
    before = _before_assignment(problem)
    metrics = {"now": _now_metrics(problem, data, reported, travel_matrix),
               "before": _metrics(problem, before, data, None,
                                  oversized=formed_oversized(problem.sites, before)),
               "after": _metrics(problem, assignments, data, schools,
                                 oversized=formed_oversized(problem.sites, assignments,
                                                            schools))}
    planned = planned_schools(schools)
    reasons = _kept_reasons(problem, solution, schools, assignments)
    added = dict(zip(schools["site_id"], schools["added_primary"] + schools["added_junior"],
                     strict=True))
    for sid, text in room_notes(room_shortfalls(problem.sites, assignments, schools),
                                added).items():
        reasons[sid] = reasons.get(sid, "") + text
    for sid, text in held_notes(problem, assignments, schools).items():
        reasons[sid] = text + reasons.get(sid, "")
    stayers = zoning.unchanged_beds(assignments, problem.customers, problem.sites, problem.config,
                             problem.travel)
    (shifts, returned), names = year_shifts(data, problem, assignments, schools), shift_names(problem, assignments)
    over = year_overloads(data, problem, assignments, schools, shifts)
    for notes in (boarding_notes(problem, assignments, schools), shift_reasons(shifts, names, (data, problem, assignments, schools)),
                  zoning.unchanged_bed_notes(stayers, problem.config), overload_reasons(over, schools),
                  small.closing_notes(data, problem, schools), opening_notes(data, problem, assignments, schools, shifts)):
        for sid, text in notes.items():
            reasons[sid] = reasons.get(sid, "") + text
    outcome = _outcome(problem, solution, planned, assignments, metrics,
                       _with_notes(problem, data, reasons,
                                   trips.closure_trip_notes(
                                       assignments, problem.config,
                                       list(schools.loc[schools["action"] == "close", "site_id"]),
                                       _measured(travel_matrix),
                                       dict(zip(problem.sites.index, problem.sites["name"],
                                                strict=True)))),
                       phasing.acting_phases(schools["phase"]), None)
    outcome = with_later_need(replace(outcome, notes=(
        phasing.phase_note(problem.config, problem.school_year, schools),
        *receiver_note(schools, data, problem.config.costs, problem.target_year),
        *zoning.unchanged_bed_summary(stayers, problem.config), *small.critical_note(data, problem, schools),
        *small.review_note(problem, schools),
        *overload_note(over, names[0]), *shift_note(shifts, *names)),
        transition=years, shifts=shifts, overflow=tuple((o.year, o.school_id, o.stage, o.rooms) for o in over)), data, {"primary": problem.config.class_size_primary,
                                  "junior": problem.config.class_size_junior}, problem.sites)
    return LayoutPlan(problem, solution,
                      with_conditions(with_boarding_status(with_openings(outcome, data), problem, data),
                                      data, lead_years(problem.config)), returned)


def _outcome(problem: LayoutProblem, solution: LayoutSolution, planned, assignments, metrics,
             kept_reasons, phases: int, cvs) -> LayoutOutcome:
    cfg = problem.config
    return LayoutOutcome(
        status=solution.plan_status, schools=planned, metrics=metrics,
        objective=round(solution.objective, 2), bound=round(solution.bound, 2),
        gap=round(solution.gap, 6), seconds=round(solution.seconds, 3),
        county=problem.county_code, year=problem.school_year, target_year=problem.target_year,
        scenario=cfg.name, weights=cfg.weights.model_dump(), costs=cfg.costs.model_dump(mode="json"),
        rules={**rules_of(cfg), FORECAST_RULE: forecast_used(problem.customers)},
        phases=phases, assignments=village_assignments(assignments),
        kept_reasons=kept_reasons, evaluation=cvs)


def _assignments(problem: LayoutProblem, solution: LayoutSolution) -> pd.DataFrame:
    cust = problem.customers
    a = solution.assignment.join(cust[["village_code", "village_name", "town_code", "group",
                                       "demand", "before_site", "urban_rural_code",
                                       *(["pinned"] if "pinned" in cust else [])]])
    return a.reset_index(names="customer")


def _before_assignment(problem: LayoutProblem) -> pd.DataFrame:
    cust = problem.customers.reset_index(names="customer")
    t = problem.travel[["customer", "site_id", "travel_min", "distance_km", "boarding",
                        "board_share"]]
    return cust.merge(t, left_on=["customer", "before_site"], right_on=["customer", "site_id"],
                      how="left")


def _now_assignment(problem: LayoutProblem) -> pd.DataFrame:
    """The data year's pupils per village and group at today's schools (layout_data.now_frame)."""
    return problem.now


def _now_metrics(problem: LayoutProblem, data: CountyData, reported: CountyData | None,
                 travel_matrix) -> dict:
    """当前 (pupils, rooms and beds of ``data`` or, given, ``reported``: without projects)."""
    if reported is None:
        return with_floor_unpaid(_metrics(problem, _now_assignment(problem), data, None,
                                          oversized=_oversized_now(data)), data, problem.config)
    sites, now = _today(reported, problem.config, travel_matrix)
    today = replace(problem, sites=sites, now=now)
    return with_floor_unpaid(_metrics(today, now, reported, None, oversized=_oversized_now(reported)), reported, problem.config)


@per_object(deep=True)  # one county and configuration: the same for each solve (8 calls, 3 values on the demo)
def _today(reported: CountyData, config: LayoutConfig, travel_matrix) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sites and the 当前 frame (layout_data.now_frame) of the county as reported."""
    sites = layout_sites(reported, config, check_lists=False)
    return sites, now_frame(reported, sites, config, travel_matrix)[1]


def _build_costs(cfg, sites, solution, areas: pd.DataFrame, receivers
                 ) -> tuple[dict[str, float], dict[str, int], set[str]]:
    """Per site that builds (rooms, beds, a new school: ``built``) or whose receivers' areas
    cost anything: its construction (a new site's base and its area to the standard (16)
    included, the receivers' areas not) and its priority (the closures it serves)."""
    costs, priority, built = {}, {}, set()
    for s in sites.index:
        rooms = solution.added_primary_rooms.get(s, 0) + solution.added_junior_rooms.get(s, 0)
        blocks = solution.added_bed_blocks.get(s, 0)
        new = (not sites.at[s, "existing"]) and s in solution.open_sites
        if rooms or blocks or new:
            built.add(s)
        if s in built or areas.at[s, "area_cost_yuan"] > 0:
            costs[s] = (rooms * cfg.costs.classroom() + blocks * cfg.costs.bed_block_cost(cfg.bed_block)
                        + (cfg.costs.new_school_yuan + areas.at[s, "package_yuan"]
                           if new else 0.0))
            priority[s] = sum(s in r for r in receivers.values())
    return costs, priority, built


def _school_actions(problem, solution, assignments, data, floors=None, timing=None) -> tuple[pd.DataFrame, tuple]:
    """Every existing or opened site's action, each build in the year it is first needed (the
    budget paying what is built; a school that only borrows, 临时周转, in its first borrowed
    year; ``floors``: rooms built at least) and each closure after its receivers' builds
    (先建后撤); and the 过渡期 rows."""
    cfg, sites = problem.config, problem.sites
    load = assignments.assign(stage=assignments["group"].map(GROUP_STAGE)).pivot_table(
        index="site_id", columns="stage", values="demand", aggfunc="sum", fill_value=0)
    receivers = _receivers(problem, solution, assignments)
    # a receiver's areas beyond its spare area, rules (14)-(15), built with its classrooms
    rooms_at = pd.Series(solution.added_primary_rooms, dtype=float).add(
        pd.Series(solution.added_junior_rooms, dtype=float), fill_value=0.0)
    areas = planned_areas(sites, cfg, *(load[st] if st in load else pd.Series(dtype=float)
                                        for st in ("primary", "junior")), rooms_at)
    costs, priority, built = _build_costs(cfg, sites, solution, areas, receivers)
    years = solved_site_years(data, problem, solution, assignments, floors, timing)
    first = phasing.plan_phase(cfg, problem.school_year)
    spend, only = years.spending({s: c + areas.at[s, "area_cost_yuan"] for s, c in costs.items()}, cfg.costs.classroom())
    build = phasing.schedule_builds(
        spend, priority, annual_budget=phasing.phase_budget(cfg), phases=cfg.phases, first=first,
        leads=phasing.site_leads(cfg, sites), earliest=phasing.build_earliest(cfg, sites, years.first, problem.school_year, first)
    ) | years.borrow_phases(only, problem.school_year, first)
    # (26): none before its 论证 is due, unless done; 先建后撤 waits for builds, not for a receiver that only
    # borrows (临时周转 from the year the pupils come, as the checker's order: brief hborrow5 2)
    close = closing_years(problem, data, receivers, {s: p for s, p in build.items() if s not in only})
    rows = []
    for s, site in sites.iterrows():
        is_open = s in solution.open_sites
        if not site["existing"] and not is_open:
            continue
        added_p = solution.added_primary_rooms.get(s, 0)
        added_j = solution.added_junior_rooms.get(s, 0)
        action = ("new" if not site["existing"] else "close" if not is_open
                  else "expand" if s in build and s in built else "keep")
        cap_p = (site["seats_primary"] + added_p * site["class_size_primary"]) * is_open
        cap_j = (site["seats_junior"] + added_j * site["class_size_junior"]) * is_open
        beds = site["beds"] + solution.added_bed_blocks.get(s, 0) * cfg.bed_block
        rows.append({
            "site_id": s, "name": site["name"], "kind": site["kind"], "action": action,
            "merged_into": _main_receiver(receivers.get(s)) if action == "close" else None,
            "phase": close.get(s) if action == "close" else build.get(s),
            "added_classrooms": added_p + added_j, "added_primary": added_p,
            "added_junior": added_j,
            "added_beds": solution.added_bed_blocks.get(s, 0) * cfg.bed_block,
            "beds_after": beds * is_open, "boarding": bool(is_open and beds > 0),
            "capacity_primary": int(cap_p), "capacity_junior": int(cap_j),
            "students_primary": int(load["primary"].get(s, 0)) if "primary" in load else 0,
            "students_junior": int(load["junior"].get(s, 0)) if "junior" in load else 0,
            "students_now": int(site["pupils_now"]),
            "students_expected": int(site.get("expected_shown", 0) or 0),
            "cost_yuan": costs.get(s, 0.0), **areas.loc[s].to_dict(),
            **years.borrowed(s, cfg.costs.classroom(), site),
            "borrowed_classrooms": sum(getattr(solution, "borrowed_rooms", {}).get(s, {}).values()),
            "teachers_to_redeploy": _redeployed(site) if action == "close" else 0,
            "teacher_posts": posts_at(load, s) if action == "new" else 0,
            "lon": site["lon"], "lat": site["lat"], "urban_rural_code": str(site["urban_rural_code"]),
            "town_code": site["town_code"], "existing": bool(site["existing"]),
            **floor_fields(site, cfg),  # the floor and its figures (review rv28 7)
        })
    transition = years.rows({s: problem.school_year + t for s, t in build.items()})
    return small.with_closing_moves(data, problem, pd.DataFrame(rows), receivers), transition


def _redeployed(site: pd.Series) -> int:
    """A closed school's compulsory teachers, redeployed (班师比 where the 教师 sheet has none)."""
    staff = site.get("staff_now", 0.0)
    return int(round(float(staff))) if pd.notna(staff) else 0


def _metrics(problem, assign, data: CountyData, schools: pd.DataFrame | None, *,
             oversized: int) -> dict:
    """The figures of one column of the comparison; ``oversized`` is its 大班额 count (当前:
    today's classes; 规划年: the target year's pupils formed into the rooms, the same way
    without and with the plan, :func:`formed_oversized`)."""
    cfg = problem.config
    w = assign["demand"].to_numpy(float)
    t = assign["travel_min"].to_numpy(float)
    sites = problem.sites
    if schools is None:
        open_ids = set(sites.index[sites["existing"]])
        beds = float(sites.loc[sites["existing"], "beds"].sum())
        capital = 0.0
    else:
        open_ids = set(schools.loc[schools["action"] != "close", "site_id"])
        beds = float(schools["beds_after"].sum())
        capital = float((schools["cost_yuan"] - schools["temporary_yuan"]).sum())  # 临时周转: not built
    kinds = sites["kind"].reindex(list(open_ids))
    pupils = assign.groupby("site_id")["demand"].sum().reindex(sorted(open_ids), fill_value=0)
    staff_yuan = float(sites["staff_cost"].reindex(sorted(open_ids)).fillna(0.0).sum())
    site_yuan = float(sites["site_cost"].reindex(sorted(open_ids)).fillna(0.0).sum()) - staff_yuan
    floor_yuan = funding_floor(sites["floor_quota"], pupils, cfg.weights.funding_floor_pupils)
    # the receivers' areas annualised with the construction, rules (14)–(15)
    areas = 0.0 if schools is None else float(schools["area_cost_yuan"].sum())
    # and the weights the solver's objective has besides ((12), (15), (17): extra_weights)
    parts = cost_parts(cfg, assign, site_yuan=site_yuan, floor_yuan=floor_yuan,
                       capital=capital + areas, quotas=county_quotas(data, cfg),
                       staff_yuan=staff_yuan,
                       **extra_weights(sites, schools, pupils))
    by_stage = assign.assign(stage=assign["group"].map(GROUP_STAGE)).pivot_table(
        index="site_id", columns="stage", values="demand", aggfunc="sum", fill_value=0
    ).reindex(sorted(open_ids), fill_value=0)
    redeploy = 0 if schools is None else int(schools["teachers_to_redeploy"].sum())
    return {
        "teaching_points": int((kinds == "teaching_point").sum()),
        "schools": int((kinds != "teaching_point").sum()),
        "pupils": int(w.sum()),
        "urban_pupils": int(pupils[pupils.index.isin(
            sites.index[county_seat(sites["urban_rural_code"])])].sum()),
        "mean_travel_min": round(float(np.average(t, weights=w)) if w.sum() else 0.0, 2),
        "p95_travel_min": round(trips.weighted_quantile(t, w, 0.95), 2),
        "beds": int(beds),
        "oversized_classes": int(oversized),
        "urban_classroom_shortfall": urban_room_shortfall(sites, assign, built_only(schools, sites)),
        **room_counts(schools),
        "cross_town_pupils": cross_town_moves(assign, sites),
        "capital_cost_yuan": 0.0 if schools is None else built_capital(schools),
        "receiver_area_yuan": 0.0 if schools is None else shown_yuan(schools["area_cost_yuan"]),
        **land_figures(schools),  # rule (25), within receiver_area_yuan; none: no key
        **trips.trip_figures(assign, cfg),
        **{k: parts.pop(k) for k in SPENDING},
        **staff_figures(sites, by_stage),
        "teachers_to_redeploy": redeploy,
        "new_school_posts": plan_posts(schools),
        **parts,
    }


def _oversized_now(data: CountyData) -> int:
    """大班额 and 超大班额 classes of compulsory grades, as the evaluation engine lists them."""
    from junheng.evaluate import oversized_classes
    over = oversized_classes(data, load_class_size())
    return int(over["stage"].isin(["primary", "junior"]).sum())


def formed_oversized(sites: pd.DataFrame, assign: pd.DataFrame,
                     schools: pd.DataFrame | None = None) -> int:
    """大班额 classes when each site's pupils of a stage (``assign``: demand per village and
    stage group at ``site_id``) are formed into its 普通教室 of that stage, one class a room:
    every room of a site-stage whose pupils per room exceed ``oversized_min - 1`` (55) counts,
    since even an even spread leaves every class over. Rooms are today's (``sites``:
    rooms_primary, rooms_junior) plus, with the plan's ``schools`` frame, the classrooms it
    adds; a closed site has none. The same count serves 规划年（不调整）and 规划年（调整后）, so
    the two columns compare like with like (当前 counts today's actual classes instead).

    >>> sites = pd.DataFrame({"rooms_primary": [2, 4], "rooms_junior": [0, 3]}, index=["A", "B"])
    >>> assign = pd.DataFrame({"site_id": ["A", "B", "B"], "demand": [192, 100, 170],
    ...                        "group": ["grades_1_3", "grades_4_6", "grades_7_9"]})
    >>> formed_oversized(sites, assign)  # A: 96 a room (2); B: 25 and 56.7 a room (3)
    5
    >>> plan = pd.DataFrame({"site_id": ["A", "B"], "action": ["expand", "keep"],
    ...                      "added_primary": [2, 0], "added_junior": [0, 0]})
    >>> formed_oversized(sites, assign, plan)  # A: 48 a room in 4 rooms
    3
    """
    crowded = load_class_size().oversized_min - 1
    return sum(rooms for _, _, pupils, rooms in _site_stage_rooms(sites, assign, schools)
               if pupils > 0 and rooms > 0 and pupils / rooms > crowded)


def urban_room_shortfall(sites: pd.DataFrame, assign: pd.DataFrame,
                         schools: pd.DataFrame | None = None) -> int:
    """普通教室 the 城区 (111/112) sites lack, school by school as the enrolment forecast
    counts them (one school's spare rooms do not cover another's: the 达标路径's way): each
    grade's pupils in classes of the standard size (a stage group's pupils at a site spread
    over its grades as the site's pupils are today, ``share_g*``), against its compulsory
    stages' rooms (those of :func:`formed_oversized`: the rooms less ``rooms_other``, which
    its 高中 and 附设幼儿园 classes keep, as the forecast and the 达标路径 count them). On the
    data year's pupils (当前, each
    school's reported pupils) this is the forecast's ``shortfall_by_school``. The plan's seats
    (rules (3)–(4)) are per stage; after it ``schools`` counts built rooms only (built_only,
    brief hshort): a school's rooms short are those it borrows or leaves to the 达标路径.

    >>> sites = pd.DataFrame({"rooms_primary": [2, 4], "rooms_junior": [0, 0],
    ...     "rooms_other": [0, 3], "other_classes": [0, 4],
    ...     "class_size_primary": [45, 45], "class_size_junior": [50, 50],
    ...     "urban_rural_code": ["111", "111"], **{f"share_g{g}": 1 / 3 for g in range(1, 10)}},
    ...     index=["A", "B"])
    >>> assign = pd.DataFrame({"site_id": ["A", "B"], "demand": [192, 100],
    ...                        "group": ["grades_1_3", "grades_4_6"]})
    >>> urban_room_shortfall(sites, assign)  # A: 3 × 2 classes in 2 rooms; B: 3 in 4
    4
    """
    urban = sites.index[county_seat(sites["urban_rural_code"])]
    return sum(room_shortfalls(sites, assign[assign["site_id"].isin(urban)], schools).values())


def _site_stage_rooms(sites, assign, schools):
    """(site, stage, pupils, rooms) for every site and stage with pupils in ``assign``."""
    stage = assign["group"].map(GROUP_STAGE)
    load = assign.assign(stage=stage).groupby(["site_id", "stage"])["demand"].sum()
    rooms = stage_rooms_of(sites, schools)
    return [(site, st, pupils, rooms(site, st)) for (site, st), pupils in load.items()]


def _exempt_reason(problem, site: str, customers: pd.DataFrame) -> str:
    """应留必留: whose pupils have no other school within the limits, and why."""
    cfg = problem.config
    villages = "、".join(customers["village_name"].unique()[:5])
    groups = "、".join(GROUP_LABELS[g] for g in sorted(customers["group"].unique()))
    where = "" if cfg.cross_town else "本乡镇"
    review = f"；教学点的一至三年级转学单程不超过需论证的 {cfg.review_minutes_grades_1_3:g} 分钟" \
        if cfg.keep_points_beyond_review and set(customers["group"]) == {"grades_1_3"} else ""
    notes = [t for t in (trips.nearest_receivers(problem, site, customers),  # minutes (rv18 audit 2), today's trips (hstay)
                         trips.today_beyond(problem, site, customers)) if t]
    return (f"应留必留：{villages}的{groups}学生在通行时间限制内（走读单程 {cfg.day_travel_limit_min:g} 分钟，"
            f"一至三年级不寄宿{review}）没有{where}其他可接收的完全学校{small.review_clause(problem, customers)}。"
            + "".join(f"{t}。" for t in notes))


def _measured(travel_matrix: pd.DataFrame | None) -> set[tuple[str, str]] | None:
    """The (village_code, school_id) pairs the county's travel matrix times."""
    if travel_matrix is None or not len(travel_matrix):
        return None
    return set(zip(travel_matrix["village_code"].astype(str),
                   travel_matrix["school_id"].astype(str), strict=True))


def _with_notes(problem: LayoutProblem, data: CountyData, reasons: dict[str, str],
                trips: dict[str, str]) -> dict[str, str]:
    """``reasons`` with, on a town's 中心校, why the town has no boarding 小学 or 初中 where
    rule (9) could not be met with boarders (layout_boarding.unmet_notes), and on a closed
    school what its pupils' journeys need (layout_trips.closure_trip_notes)."""
    requirements = boarding_towns(problem)
    out = {sid: reasons.get(sid, "") + trips.get(sid, "") for sid in dict.fromkeys([*reasons, *trips])}
    for sid, text in unmet_notes(requirements, problem.sites, problem.config,
                                 town_names(data)).items():
        out[sid] = out.get(sid, "") + text
    return out


def _kept_reasons(problem, solution, schools, assignments) -> dict[str, str]:
    """Why each small site that stays open stays (应留必留 or the optimum keeps it)."""
    cfg = problem.config
    out = {}
    kept = schools[(schools["action"] != "close") & schools["existing"]]
    cust, sites = problem.customers, problem.sites
    opening = set(opening_sites(sites, cfg))
    for r in kept.itertuples(index=False):
        min_size = cfg.min_school_size.get(r.kind, 0)
        size = r.students_primary + r.students_junior
        if r.site_id in opening:
            out[r.site_id] = opening_reason(sites.loc[r.site_id], size)
        elif r.site_id in cfg.keep:
            out[r.site_id] = "方案指定保留。"
        elif r.site_id in solution.exempt:
            out[r.site_id] = _exempt_reason(problem, r.site_id, cust.loc[solution.exempt[r.site_id]])
        elif small.under_review(sites.loc[r.site_id], cfg):
            out[r.site_id] = small.review_reason(sites.loc[r.site_id], cfg, problem.target_year)
        elif (r.kind == "teaching_point" or size < min_size) and not sites.at[r.site_id, "may_close"]:
            out[r.site_id] = small.not_candidate_reason(sites.loc[r.site_id], cfg)
        elif r.kind == "teaching_point" or size < min_size:
            out[r.site_id] = f"保留：在校 {size} 人，综合通行与运行成本后保留更优。"
    for sid, short in relief_reasons(sites, kept, assignments, cfg).items():
        out[sid] = out.get(sid, "") + short
    return out

